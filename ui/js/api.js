// @ts-check
// The one module that talks to the Rust side. Every call goes through
// `call`, which turns a `{code, message}` rejection into an ApiError.

// The types in these JSDoc comments are generated from the Rust view
// models into ./bindings.d.ts (never loaded by the page; editors and
// `tsc --checkJs` read it). A test fails when that file is stale or when a
// module names a type it does not declare.
/** @typedef {import("./bindings").ErrorView} ErrorView */
/** @typedef {import("./bindings").LocaleMessages} LocaleMessages */
/** @typedef {import("./bindings").Progress} Progress */
/** @typedef {import("./bindings").FolderChanged} FolderChanged */
/** @typedef {import("./bindings").ScenarioCard} ScenarioCard */
/** @typedef {import("./bindings").Profile} Profile */
/** @typedef {import("./bindings").StaffView} StaffView */
/** @typedef {import("./bindings").PlayerView} PlayerView */
/** @typedef {import("./bindings").InProgressView} InProgressView */
/** @typedef {import("./bindings").DebriefView} DebriefView */
/** @typedef {import("./bindings").DashboardView} DashboardView */
/** @typedef {import("./bindings").FolderCheck} FolderCheck */
/** @typedef {import("./bindings").FilterInput} FilterInput */
/** @typedef {import("./bindings").RosterPage} RosterPage */
/** @typedef {import("./bindings").ExportRequest} ExportRequest */
/** @typedef {import("./bindings").ExportDone} ExportDone */
/** @typedef {import("./bindings").OutboxView} OutboxView */
/** @typedef {import("./bindings").PushOutcome} PushOutcome */
/** @typedef {import("./bindings").FileVerdict} FileVerdict */
/** @typedef {import("./bindings").CohortQuery} CohortQuery */
/** @typedef {import("./bindings").CohortView} CohortView */
/** @typedef {import("./bindings").CertificateSaved} CertificateSaved */
/** @typedef {import("./bindings").TrainerView} TrainerView */
/** @typedef {import("./bindings").QueueRow} QueueRow */
/** @typedef {import("./bindings").ModerationView} ModerationView */
/** @typedef {import("./bindings").ObservationOverview} ObservationOverview */
/** @typedef {import("./bindings").ObservationInput} ObservationInput */
/** @typedef {import("./bindings").RecordedObservation} RecordedObservation */
/** @typedef {import("./bindings").GraphView} GraphView */
/** @typedef {import("./bindings").TestResult} TestResult */
/** @typedef {import("./bindings").ExplorationView} ExplorationView */

const tauri = /** @type {any} */ (window).__TAURI__;

/** An error from a command ({@link ErrorView}): `code` is stable, `message` is for people. */
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

// language: `{language, available, names, resources}` with the UI's FTL
// text highest priority first; setLanguage saves the choice and returns the same.
/** @returns {Promise<LocaleMessages>} */
export const localeMessages = () => call("locale_messages");
/** @returns {Promise<LocaleMessages>} */
export const setLanguage = (language) => call("set_language", { language });
// profiles
/** @returns {Promise<Profile[]>} */
export const listProfiles = () => call("list_profiles");
/** @returns {Promise<Profile>} */
export const createProfile = (name) => call("create_profile", { name });
// library
/** @returns {Promise<ScenarioCard[]>} */
export const listScenarios = (trainee) => call("list_scenarios", { trainee });
/** The folder added, or null when the dialog was cancelled. @returns {Promise<string | null>} */
export const addLibraryFolder = () => call("add_library_folder");
/** @returns {Promise<null>} */
export const removeLibraryFolder = (path) => call("remove_library_folder", { path });
// player
/** @returns {Promise<PlayerView>} */
export const startAttempt = (trainee, path, mode) => call("start_attempt", { trainee, path, mode });
/** @returns {Promise<PlayerView | null>} */
export const currentAttempt = () => call("current_attempt");
/** @returns {Promise<PlayerView>} */
export const respond = (input) => call("respond", { input });
/** @returns {Promise<PlayerView>} */
export const undoTurn = () => call("undo_turn");
/** @returns {Promise<InProgressView[]>} */
export const listInProgress = (trainee) => call("list_in_progress", { trainee });
/** @returns {Promise<PlayerView>} */
export const resumeAttempt = (trainee, attempt) => call("resume_attempt", { trainee, attempt });
/** @returns {Promise<null>} */
export const abandonAttempt = () => call("abandon_attempt");
// debrief
/** @returns {Promise<DebriefView>} */
export const attemptReport = () => call("attempt_report");
/** The file written, or null when the dialog was cancelled. @param {"markdown" | "html"} format @returns {Promise<string | null>} */
export const saveReport = (format) => call("save_report", { format });
// dashboard
/** @returns {Promise<DashboardView>} */
export const traineeDashboard = (trainee) => call("trainee_dashboard", { trainee });
/** @returns {Promise<DebriefView>} */
export const storedReport = (trainee, attempt) => call("stored_report", { trainee, attempt });
// Staff sign-in. The Rust side keeps no session: every workbench,
// moderation and training-records call carries the signed-in person's name
// and passphrase, and the core checks them each time (a trainee profile is
// refused with `unauthorised`). This module holds them, and nothing else
// does, from a successful sign-in until `signOut` ("Change role").
let staff = null;

/** The signed-in member of staff, `{name, role, role_label, area}`, or null. */
export const signedIn = () => (staff ? { name: staff.name, role: staff.role, role_label: staff.role_label, area: staff.area } : null);

/**
 * Signs in for an area: `"workbench"` or `"moderation"` (trainers) or
 * `"records"` (trainers and accreditation officers). The core checks the
 * name, passphrase and role; on success they are kept for later calls.
 */
export async function signIn(area, name, passphrase) {
  const capability = { workbench: "author", moderation: "moderate", records: "accredit" }[area];
  if (!capability) throw new ApiError("invalid", `unknown area ${area}`);
  staff = null;
  /** @type {StaffView} */
  const s = await call("staff_sign_in", { name, passphrase, capability });
  staff = { name: s.name, role: s.role, role_label: s.role_label, area, passphrase };
  return signedIn();
}

/** Forgets the credentials and closes the workbench (its watcher and any trial run). */
export async function signOut() {
  staff = null;
  await call("close_workbench");
}

const asTrainer = () => ({ trainer: staff?.name ?? "", passphrase: staff?.passphrase ?? "" });
const asStaff = () => ({ staff: staff?.name ?? "", passphrase: staff?.passphrase ?? "" });

// the first trainer (only while there is none; later ones with `rehearse trainer add`)
/** @returns {Promise<boolean>} */
export const trainerExists = () => call("trainer_exists");
/** @returns {Promise<TrainerView>} */
export const createTrainer = (name, passphrase) => call("create_trainer", { name, passphrase });
// moderation (signed in as a trainer)
/** @returns {Promise<QueueRow[]>} */
export const moderationQueue = () => call("moderation_queue", asTrainer());
/** @returns {Promise<ModerationView>} */
export const moderationAttempt = (attempt) => call("moderation_attempt", { ...asTrainer(), attempt });
/** @returns {Promise<ModerationView>} */
export const moderate = (attempt, target, value, reason) =>
  call("moderate", { ...asTrainer(), attempt, target, value, reason });
// observed role-play (signed in as a trainer)
/** @returns {Promise<ObservationOverview>} */
export const observationOverview = () => call("observation_overview", asTrainer());
/** @param {ObservationInput} observation @returns {Promise<RecordedObservation>} */
export const recordObservation = (observation) => call("record_observation", { ...asTrainer(), observation });
// workbench (signed in as a trainer)
/** The folder chosen, or null when the dialog was cancelled. @returns {Promise<string | null>} */
export const chooseWorkbenchFolder = () => call("choose_workbench_folder", asTrainer());
/** @returns {Promise<FolderCheck>} */
export const openWorkbench = (path) => call("open_workbench", { ...asTrainer(), path });
/** @returns {Promise<GraphView>} */
export const workbenchGraph = (path) => call("workbench_graph", { ...asTrainer(), path });
/** @returns {Promise<PlayerView>} */
export const playFrom = (path, beat) => call("play_from", { ...asTrainer(), path, beat });
/** @returns {Promise<TestResult[]>} */
export const runScenarioTests = (path) => call("run_scenario_tests", { ...asTrainer(), path });
/** @returns {Promise<ExplorationView>} */
export const runExplorer = (path, walks, seed) => call("run_explorer", { ...asTrainer(), path, walks, seed });
// training records (signed in as a trainer or an accreditation officer; the
// LRS password goes with the push call only and nothing keeps it)
// one page of the table (from 0): { rows, page, size, total, has_next }
/** @param {FilterInput} filters @param {number} [page] @returns {Promise<RosterPage>} */
export const recordsTable = (filters, page = 0) => call("records_table", { ...asStaff(), filters, page });
/** @param {ExportRequest} request @returns {Promise<ExportDone | null>} */
export const exportRecords = (request) => call("export_records", { ...asStaff(), request });
/** @returns {Promise<OutboxView>} */
export const outboxState = () => call("outbox_state", asStaff());
/** @returns {Promise<OutboxView>} */
export const retryFailedStatements = () => call("retry_failed_statements", asStaff());
/** @param {FilterInput} filters @returns {Promise<PushOutcome>} */
export const pushStatements = (lrs, user, password, filters, homePage) =>
  call("push_statements", { ...asStaff(), lrs, user, password, filters, home_page: homePage });
/** The file chosen, or null when the dialog was cancelled. @returns {Promise<string | null>} */
export const chooseFileToVerify = () => call("choose_file_to_verify", asStaff());
/** @returns {Promise<FileVerdict>} */
export const verifyFile = (path) => call("verify_file", { ...asStaff(), path });
// cohort and item analytics (signed in as a trainer)
/** @param {CohortQuery} query @returns {Promise<CohortView>} */
export const cohortReport = (query) => call("cohort_report", { ...asStaff(), query });
// printable certificate: the profile's own (dashboard), or any trainee's
// for signed-in staff (training records); saved through the save dialog
/** @returns {Promise<CertificateSaved | null>} */
export const saveCertificate = (trainee, format) => call("save_certificate", { request: { trainee, format } });
/** @returns {Promise<CertificateSaved | null>} */
export const saveTraineeCertificate = (trainee, format) =>
  call("save_certificate", { request: { trainee, format, ...asStaff() } });

/**
 * Calls `handler({done, total})` as an export progresses; returns the unlisten promise.
 * @param {(progress: Progress) => void} handler
 */
export const onExportProgress = (handler) =>
  tauri.event.listen("export-progress", (event) => handler(event.payload));
/**
 * Calls `handler({done, total})` as a push progresses; returns the unlisten promise.
 * @param {(progress: Progress) => void} handler
 */
export const onPushProgress = (handler) =>
  tauri.event.listen("push-progress", (event) => handler(event.payload));

/**
 * Calls `handler({check, error})` whenever a watched scenario file changes: the folder's new check, or the `{code, message}` error that stopped it.
 * @param {(payload: FolderChanged) => void} handler
 */
export const onWorkbenchChanged = (handler) =>
  tauri.event.listen("workbench-changed", (event) => handler(event.payload));
