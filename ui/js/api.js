// The one module that talks to the Rust side. Every call goes through
// `call`, which turns a `{code, message}` rejection into an ApiError.

const tauri = window.__TAURI__;

/** An error from a command: `code` is stable, `message` is for people. */
export class ApiError extends Error {
  constructor(code, message) {
    super(message);
    this.code = code;
  }
}

async function call(cmd, args = {}) {
  try {
    return await tauri.core.invoke(cmd, args);
  } catch (e) {
    if (e && typeof e === "object" && "code" in e) throw new ApiError(e.code, e.message);
    throw new ApiError("unexpected", String(e));
  }
}

// profiles
export const listProfiles = () => call("list_profiles");
export const createProfile = (name) => call("create_profile", { name });
// library
export const listScenarios = (trainee) => call("list_scenarios", { trainee });
export const addLibraryFolder = () => call("add_library_folder");
export const removeLibraryFolder = (path) => call("remove_library_folder", { path });
// player
export const startAttempt = (trainee, path, mode) => call("start_attempt", { trainee, path, mode });
export const currentAttempt = () => call("current_attempt");
export const respond = (input) => call("respond", { input });
export const undoTurn = () => call("undo_turn");
export const listInProgress = (trainee) => call("list_in_progress", { trainee });
export const resumeAttempt = (trainee, attempt) => call("resume_attempt", { trainee, attempt });
export const abandonAttempt = () => call("abandon_attempt");
// debrief
export const attemptReport = () => call("attempt_report");
export const saveReport = (format) => call("save_report", { format });
// dashboard
export const traineeDashboard = (trainee) => call("trainee_dashboard", { trainee });
export const storedReport = (trainee, attempt) => call("stored_report", { trainee, attempt });
// trainer sign-in and moderation (the name and passphrase go with every call;
// the Rust side keeps no trainer session)
export const trainerExists = () => call("trainer_exists");
export const createTrainer = (name, passphrase) => call("create_trainer", { name, passphrase });
export const trainerLogin = (trainer, passphrase) => call("trainer_login", { trainer, passphrase });
export const moderationQueue = (auth) => call("moderation_queue", { ...auth });
export const moderationAttempt = (auth, attempt) => call("moderation_attempt", { ...auth, attempt });
export const moderate = (auth, attempt, target, value, reason) =>
  call("moderate", { ...auth, attempt, target, value, reason });
// workbench
export const chooseWorkbenchFolder = () => call("choose_workbench_folder");
export const openWorkbench = (path) => call("open_workbench", { path });
export const workbenchGraph = (path) => call("workbench_graph", { path });
export const playFrom = (path, beat) => call("play_from", { path, beat });
export const runScenarioTests = (path) => call("run_scenario_tests", { path });
export const runExplorer = (path, walks, seed) => call("run_explorer", { path, walks, seed });
// accreditation (the LRS password goes with the push call only; nothing keeps it)
export const recordsTable = (filters) => call("records_table", { filters });
export const exportRecords = (request) => call("export_records", { request });
export const outboxState = () => call("outbox_state");
export const retryFailedStatements = () => call("retry_failed_statements");
export const pushStatements = (lrs, user, password, filters, homePage) =>
  call("push_statements", { lrs, user, password, filters, homePage });
export const chooseFileToVerify = () => call("choose_file_to_verify");
export const verifyFile = (path) => call("verify_file", { path });

/** Calls `handler({done, total})` as an export progresses; returns the unlisten promise. */
export const onExportProgress = (handler) =>
  tauri.event.listen("export-progress", (event) => handler(event.payload));
/** Calls `handler({done, total})` as a push progresses; returns the unlisten promise. */
export const onPushProgress = (handler) =>
  tauri.event.listen("push-progress", (event) => handler(event.payload));

/** Calls `handler(payload)` whenever a watched scenario file changes. */
export const onWorkbenchChanged = (handler) =>
  tauri.event.listen("workbench-changed", (event) => handler(event.payload));
