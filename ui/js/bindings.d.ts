// Generated from the Rust view models by `rehearse_app::bindings` (ts-rs).
// Do not edit: run `REHEARSE_WRITE_BINDINGS=1 cargo test -p rehearse-desktop --lib bindings`
// after changing a view model. The page imports these types in JSDoc only.

/**
 * Agreement for all 15 competencies.
 */
export type AgreementReport = { 
/**
 * Trainees with at least one pair.
 */
trainees: number, 
/**
 * All 15 competencies in framework order.
 */
competencies: Array<CompetencyAgreement>, };

/**
 * Whether the scenario version an attempt was played at may count towards
 * certification: its standing in the records' scenario catalogue.
 */
export type Approval = { "status": "approved" } | { "status": "unapproved" } | { "status": "withdrawn", 
/**
 * The day it was withdrawn.
 */
on: string, 
/**
 * Who withdrew it (`trainer NAME (ID)`).
 */
by: string, 
/**
 * Why, in the trainer's words.
 */
reason: string, };

/**
 * Where an attempt stands.
 */
export type AttemptStatus = "in_progress" | "completed" | "abandoned";

/**
 * The gaming audit of one scenario.
 */
export type Audit = { 
/**
 * Pass rates per strategy, fixed positions first, random play last.
 */
strategies: Array<StrategyResult>, 
/**
 * Error findings (E030–E037), each naming the strategy and a seed that
 * reproduces it.
 */
findings: Array<Finding>, 
/**
 * The keyword salad typed at free-text beats, when the analyser's rules
 * gave one.
 */
salad: string | null, 
/**
 * The labels the analyser finds in the salad on its own.
 */
salad_labels: Array<Behaviour>, 
/**
 * Audit walks stopped by runtime errors.
 */
errors: Array<AuditError>, };

/**
 * One audit entry.
 */
export type AuditEntry = { 
/**
 * Position in the log, from 1.
 */
seq: number, 
/**
 * When (RFC 3339, UTC).
 */
at: string, 
/**
 * Who: `trainer NAME (ID)`, `system` or `cli`.
 */
actor: string, 
/**
 * What: `trainee.add`, `override`, `certification.granted`, …
 */
action: string, 
/**
 * To what: `attempt ID competency open_questions`, `trainee ID`, …
 */
subject: string, 
/**
 * The value before, when something changed.
 */
before: string | null, 
/**
 * The value after.
 */
after: string | null, 
/**
 * Why, in the actor's words.
 */
reason: string | null, };

/**
 * A walk of the audit that stopped with a runtime error.
 */
export type AuditError = { 
/**
 * Strategy id.
 */
strategy: string, 
/**
 * The attempt's seed.
 */
seed: number, 
/**
 * What went wrong.
 */
message: string, };

/**
 * One bar: a row of the table.
 */
export type Bar = { 
/**
 * What it is (the row's label).
 */
label: string, 
/**
 * Its parts; empty when suppressed.
 */
segments: Array<Segment>, 
/**
 * The group was too small: drawn as "suppressed", without a length.
 */
suppressed: boolean, };

/**
 * One label from the fixed behaviour vocabulary.
 */
export type Behaviour = "reflection" | "feeling_named" | "validation" | "normalising" | "presence" | "judgement" | "fact_finding" | "minimising" | "premature_reassurance" | "advice" | "self_focus" | "confidentiality" | "legal_offer" | "plan" | "follow_up" | "suicide_inquiry" | "risk_assessment" | "referral" | "safety_action" | "dismisses_risk";

/**
 * One cell.
 */
export type Cell = { "Text": string } | { "Count": number } | { "Ratio": number } | { "Number": number } | "Empty" | "Suppressed";

/**
 * The certificate's format, as both front ends name it.
 */
export type CertificateFormat = "pdf" | "html";

/**
 * Whose certificate, in which format, and (from the training records)
 * which member of staff asks.
 */
export type CertificateRequest = { 
/**
 * The trainee id.
 */
trainee: string, 
/**
 * PDF or HTML.
 */
format: CertificateFormat, 
/**
 * A trainer or accreditation officer asking for a trainee's
 * certificate; absent when a trainee asks for their own.
 */
staff: string | null, 
/**
 * Their passphrase.
 */
passphrase: string | null, };

/**
 * What saving a certificate wrote.
 */
export type CertificateSaved = { 
/**
 * The certificate.
 */
path: string, 
/**
 * The signed credential beside it.
 */
credential: string, 
/**
 * The verification code its QR code carries.
 */
code: string, 
/**
 * The trainee's display name.
 */
trainee_name: string, 
/**
 * The credential's id.
 */
credential_id: string, 
/**
 * First valid day.
 */
valid_from: string, 
/**
 * Last valid day.
 */
expires_on: string, 
/**
 * The command that checks a printed copy.
 */
verify_command: string, };

/**
 * A horizontal bar chart of a report's main figure.
 */
export type Chart = { 
/**
 * What the bars show, in words (also the chart's accessible name).
 */
caption: string, 
/**
 * The unit of the values.
 */
unit: Unit, 
/**
 * The axis maximum (1 for shares).
 */
max: number, 
/**
 * The legend (one entry per segment key).
 */
legend: Array<Legend>, 
/**
 * The bars, in table order.
 */
bars: Array<Bar>, };

/**
 * A report and its filters as a front end receives them (blank means
 * any; the records filter's fields, read by the same rule, and a
 * scenario id).
 */
export type CohortQuery = { 
/**
 * The report id (`pass-rate`, `competency`, `items`, `red-flags`,
 * `forecast`, `versions`).
 */
kind: string, 
/**
 * Only attempts at this scenario id.
 */
scenario: string | null, 
/**
 * Only trainees of this organisation.
 */
organisation: string | null, 
/**
 * Only records on or after this day (YYYY-MM-DD).
 */
from: string | null, 
/**
 * Only records on or before this day (YYYY-MM-DD); certification status is taken on it.
 */
to: string | null, 
/**
 * Only trainees with this certification status (repeatable): not_started,
 * in_progress, certified, refresher_due, expired_grace, lapsed.
 */
status: Array<string>, };

/**
 * A report: the core's report, the chart's text alternative and every
 * report that may be asked for.
 */
export type CohortView = { 
/**
 * The report (table, chart, scope, notes).
 */
report: Report, 
/**
 * One sentence per bar.
 */
chart_summary: Array<string>, 
/**
 * Every report kind.
 */
kinds: Array<KindView>, };

/**
 * A column: a stable id (the CSV header) and a label for people.
 */
export type Column = { 
/**
 * The CSV header.
 */
id: string, 
/**
 * The table heading.
 */
label: string, };

/**
 * One of the 15 interview competencies.
 */
export type Competency = "atmosphere" | "let_them_lead" | "relationship" | "active_listening" | "open_questions" | "presence" | "follow_affect" | "not_fact_finding" | "allow_silence" | "experience_and_emotions" | "normalise" | "no_judgement" | "legal_support" | "plan_next_steps" | "follow_up";

/**
 * One competency's agreement.
 */
export type CompetencyAgreement = { 
/**
 * The competency.
 */
competency: Competency, 
/**
 * Paired trainees.
 */
pairs: number, 
/**
 * Automated levels: how many `not_yet`, `developing`, `competent`, `exemplary`.
 */
automated: [number, number, number, number], 
/**
 * Observed levels, counted the same way.
 */
observed: [number, number, number, number], 
/**
 * Share of pairs with the same level (0–1); none without pairs.
 */
level_agreement: number | null, 
/**
 * Cohen's kappa over the four levels; none without pairs, or when
 * chance agreement is already total (both sides one single level).
 */
level_kappa: number | null, 
/**
 * Share of pairs on the same side of the pass threshold (competent or better).
 */
threshold_agreement: number | null, 
/**
 * Cohen's kappa on the threshold.
 */
threshold_kappa: number | null, };

/**
 * A competency's id, title and description, for labels.
 */
export type CompetencyLabel = { 
/**
 * Stable id.
 */
id: string, 
/**
 * The competency's title in the language asked for.
 */
title: string, 
/**
 * One-line description.
 */
description: string, };

/**
 * One competency row of the debrief.
 */
export type CompetencyRow = { 
/**
 * Whether the scenario targets it.
 */
targeted: boolean, 
/**
 * Level id (`not_assessed` … `exemplary`).
 */
level: string, 
/**
 * Level in words.
 */
level_label: string, 
/**
 * Score from -2 to +2, when assessed.
 */
score: number | null, 
/**
 * Chances to show it.
 */
opportunities: number, 
/**
 * Assessed on one chance only, so capped at competent.
 */
limited_evidence: boolean, 
/**
 * Evidence: turn, delta and reason.
 */
evidence: Array<EvidenceItem>, 
/**
 * Stable id.
 */
id: string, 
/**
 * The competency's title in the language asked for.
 */
title: string, 
/**
 * One-line description.
 */
description: string, };

/**
 * Measures over a whole attempt.
 */
export type ConversationMeasures = { 
/**
 * Turns that asked a question.
 */
questions: number, 
/**
 * Of those, turns whose question was open.
 */
open_questions: number, 
/**
 * `open_questions / questions`, when there was a question.
 */
open_question_share: number | null, 
/**
 * Turns with a reflection.
 */
reflections: number, 
/**
 * `reflections / questions`, when there was a question.
 */
reflection_to_question: number | null, 
/**
 * MITI 4 band for the ratio; `Good` when there were reflections and no
 * questions; `None` when there were neither.
 */
miti_band: MitiBand | null, 
/**
 * Words the supporter said.
 */
supporter_words: number, 
/**
 * Words the persona said.
 */
persona_words: number, 
/**
 * `supporter_words / (supporter_words + persona_words)`, when either spoke.
 */
supporter_word_share: number | null, 
/**
 * Turns where the supporter stayed silent.
 */
silences_kept: number, 
/**
 * Turns that stacked two or more questions (each question sentence is
 * one `question.*` rule hit), leaving the person to pick which to answer.
 */
stacked_questions: number, };

/**
 * What a countdown counts down to.
 */
export type CountdownTarget = "refresher_window" | "expiry" | "grace_end";

/**
 * A countdown in days.
 */
export type CountdownView = { 
/**
 * `refresher_window`, `expiry` or `grace_end`.
 */
target: CountdownTarget, 
/**
 * The date.
 */
on: string, 
/**
 * Whole days left.
 */
days: number, 
/**
 * The countdown in words.
 */
text: string, };

/**
 * The dashboard.
 */
export type DashboardView = { 
/**
 * Trainee display name.
 */
name: string, 
/**
 * Certification status today (the records clock).
 */
status: StatusView, 
/**
 * The 15 competencies, in framework order (the grid's rows).
 */
competencies: Array<CompetencyLabel>, 
/**
 * Completed attempts, oldest first (the grid's columns).
 */
grid: Array<GridColumn>, 
/**
 * Every attempt, newest first.
 */
history: Array<HistoryRow>, };

/**
 * The debrief screen, result first.
 */
export type DebriefView = { 
/**
 * Scenario title.
 */
title: string, 
/**
 * Practice or assessment.
 */
mode: Mode, 
/**
 * Whether the conversation reached an ending.
 */
completed: boolean, 
/**
 * Pass or fail.
 */
passed: boolean, 
/**
 * Critical errors (missed red flags), in words.
 */
critical: Array<string>, 
/**
 * Why it did not pass.
 */
reasons: Array<string>, 
/**
 * All 15 competencies, in framework order.
 */
competencies: Array<CompetencyRow>, 
/**
 * Red flags met on this path.
 */
red_flags: Array<FlagRow>, 
/**
 * Stronger responses for weak turns.
 */
model_responses: Array<ModelResponse>, 
/**
 * Conversation measures.
 */
measures: ConversationMeasures, 
/**
 * The ending's debrief, as safe HTML.
 */
debrief_html: string | null, 
/**
 * The transcript (without practice feedback).
 */
transcript: Array<TranscriptTurn>, 
/**
 * The framework's citation.
 */
citation: string, 
/**
 * Trainer overrides, each with the engine's original grade (stored attempts only).
 */
moderation: Array<ModerationNote>, };

/**
 * How hard a scenario is.
 */
export type Difficulty = "introductory" | "intermediate" | "advanced";

/**
 * An error as it travels to a front end, `{code, message}`, for payloads
 * that must be cloned (an event) or that carry an error from another
 * layer's type.
 */
export type ErrorView = { 
/**
 * The stable code.
 */
code: string, 
/**
 * The message in plain words.
 */
message: string, };

/**
 * One piece of evidence, tied to its turn.
 */
export type EvidenceItem = { 
/**
 * Turn number (from 1).
 */
turn: number, 
/**
 * The competency.
 */
competency: Competency, 
/**
 * From -2 to +2.
 */
delta: number, 
/**
 * Why the evidence was given, in words the trainee reads in the debrief.
 */
reason: string, 
/**
 * Where it came from.
 */
source: EvidenceSource, };

/**
 * Where a piece of evidence came from.
 */
export type EvidenceSource = "scenario" | "analyser" | "pause";

/**
 * What the explorer found for one scenario.
 */
export type Exploration = { 
/**
 * Scenario id.
 */
scenario: string, 
/**
 * Walks run.
 */
walks: number, 
/**
 * Walks that ended with a runtime error.
 */
errors: Array<WalkError>, 
/**
 * Walks that hit the turn cap without an ending.
 */
unfinished: number, 
/**
 * Beats and endings declared.
 */
nodes_total: number, 
/**
 * Beats and endings visited.
 */
nodes_visited: Array<string>, 
/**
 * How often each ending was reached.
 */
endings: { [key in string]?: number }, 
/**
 * Competencies that received positive evidence on some walk.
 */
competencies_shown: Array<Competency>, 
/**
 * Red-flag categories recognised on some walk.
 */
flags_recognised: Array<RedFlagCategory>, 
/**
 * Red-flag categories whose warning sign was met on some walk.
 */
flags_met: Array<RedFlagCategory>, 
/**
 * Walks that passed (as an assessment).
 */
passes: number, 
/**
 * The gaming audit: pass rates of naive strategies and its findings.
 */
audit: Audit, };

/**
 * What the explorer found, with its coverage.
 */
export type ExplorationView = { 
/**
 * Share of beats and endings visited.
 */
coverage: number, 
/**
 * Scenario id.
 */
scenario: string, 
/**
 * Walks run.
 */
walks: number, 
/**
 * Walks that ended with a runtime error.
 */
errors: Array<WalkError>, 
/**
 * Walks that hit the turn cap without an ending.
 */
unfinished: number, 
/**
 * Beats and endings declared.
 */
nodes_total: number, 
/**
 * Beats and endings visited.
 */
nodes_visited: Array<string>, 
/**
 * How often each ending was reached.
 */
endings: { [key in string]?: number }, 
/**
 * Competencies that received positive evidence on some walk.
 */
competencies_shown: Array<Competency>, 
/**
 * Red-flag categories recognised on some walk.
 */
flags_recognised: Array<RedFlagCategory>, 
/**
 * Red-flag categories whose warning sign was met on some walk.
 */
flags_met: Array<RedFlagCategory>, 
/**
 * Walks that passed (as an assessment).
 */
passes: number, 
/**
 * The gaming audit: pass rates of naive strategies and its findings.
 */
audit: Audit, };

/**
 * What an export wrote to a file.
 */
export type ExportDone = { 
/**
 * The file written.
 */
path: string, 
/**
 * Its detached signature beside it.
 */
signature: string | null, 
/**
 * Records written (rows, attempts, statements or credentials).
 */
records: number, 
/**
 * Bytes written.
 */
bytes: number, 
/**
 * SHA-256 of the file (hex).
 */
sha256: string, 
/**
 * The records' hash-chain head at export time.
 */
chain_head: string, };

/**
 * The export formats, by the names both front ends use.
 */
export type ExportFormat = "csv" | "csv-attempts" | "json" | "xapi" | "ob3";

/**
 * What to export, as a front end receives it.
 */
export type ExportRequest = { 
/**
 * The format.
 */
format: ExportFormat, 
/**
 * Which records.
 */
filters: FilterInput, 
/**
 * Add trainees' names and emails (off unless asked for; csv,
 * csv-attempts and json only).
 */
include_identity: boolean, 
/**
 * The organisation's home page, naming xAPI actors (needed for xAPI).
 */
home_page: string, 
/**
 * The issuer name in credentials.
 */
issuer_name: string, };

/**
 * A statement that was rejected, with the store's message.
 */
export type FailedStatement = { 
/**
 * Statement id.
 */
id: string, 
/**
 * The store's message.
 */
message: string, };

/**
 * Practice-mode feedback on one turn: the hint, and for free text which
 * behaviours the analyser found, by which rule and in which words.
 */
export type Feedback = { 
/**
 * The hint.
 */
hint: string, 
/**
 * "open" or "closed" when the words asked a question.
 */
question: string | null, 
/**
 * Behaviour ids the response showed.
 */
behaviours: Array<string>, 
/**
 * Analyser rules that fired (byte spans into `said`).
 */
rules: Array<RuleHit>, };

/**
 * What a verified file was.
 */
export type FileKind = "signed_export" | "credentials";

/**
 * The verdict on a file.
 */
export type FileVerdict = { 
/**
 * What the file held.
 */
kind: FileKind, 
/**
 * Whether everything in it verified.
 */
valid: boolean, 
/**
 * One verdict per signed thing (for a signed export, the file's own
 * verdict is the last, after those of the credentials it holds).
 */
items: Array<ItemVerdict>, 
/**
 * The verdict in one plain sentence.
 */
summary: string, };

/**
 * Which records to include: blank or absent fields mean "any".
 */
export type FilterInput = { 
/**
 * Only trainees of this organisation.
 */
organisation: string | null, 
/**
 * Only records on or after this day (YYYY-MM-DD).
 */
from: string | null, 
/**
 * Only records on or before this day (YYYY-MM-DD); certification status is taken on it.
 */
to: string | null, 
/**
 * Only trainees with this certification status (repeatable): not_started,
 * in_progress, certified, refresher_due, expired_grace, lapsed.
 */
status: Array<string>, };

/**
 * One problem found in a scenario, with a stable code.
 */
export type Finding = { 
/**
 * Its stable code, documented with a fix in `docs/authoring.md`.
 */
code: FindingCode, 
/**
 * Error or warning.
 */
severity: Severity, 
/**
 * Where it is.
 */
location: Location, 
/**
 * A short explanation in plain words.
 */
message: string, };

/**
 * The stable code of a finding, such as `E011`. Every finding the
 * checker emits carries one; `docs/authoring.md` lists them all
 * with a fix (a test keeps it so). It serialises as the code itself.
 */
export type FindingCode = "E001" | "E002" | "E003" | "E004" | "E005" | "E011" | "E012" | "E013" | "E014" | "E015" | "E016" | "E017" | "E018" | "E019" | "E020" | "E021" | "E022" | "E023" | "E024" | "E025" | "E026" | "E027" | "E028" | "E040" | "E041" | "W101" | "W102" | "W103" | "W104" | "W105" | "W106" | "W107" | "W108" | "W109" | "E030" | "E031" | "E032" | "E033" | "E034" | "E035" | "E036" | "E037" | "E038" | "E039" | "W110" | "W111" | "W112" | "W113" | "W114" | "W115";

/**
 * One finding as a front end shows it: the core's finding, the file as
 * the trainer knows it, and what its code means in general.
 */
export type FindingView = { 
/**
 * The file, relative to the folder checked when it lies inside it.
 */
file: string, 
/**
 * What the code means in general, from the core's catalogue.
 */
explanation: string, 
/**
 * Its stable code, documented with a fix in `docs/authoring.md`.
 */
code: FindingCode, 
/**
 * Error or warning.
 */
severity: Severity, 
/**
 * Where it is.
 */
location: Location, 
/**
 * A short explanation in plain words.
 */
message: string, };

/**
 * Whether a red flag was recognised.
 */
export type FlagOutcome = "open" | "recognised" | "missed";

/**
 * One red flag of the debrief.
 */
export type FlagRow = { 
/**
 * Category id.
 */
category: string, 
/**
 * Category in words.
 */
title: string, 
/**
 * Beat carrying the cue.
 */
beat: string, 
/**
 * Turn the cue opened.
 */
sign_turn: number, 
/**
 * `recognised`, `missed` or `open`.
 */
outcome: FlagOutcome, 
/**
 * Turns that completed recognition steps.
 */
turns: Array<number>, 
/**
 * The turn that acted on the warning sign.
 */
act_turn: number | null, 
/**
 * The turn that undid the safety step or waved the risk away.
 */
revoked_turn: number | null, };

/**
 * What the desktop's workbench-changed event carries, one shape whatever
 * happened: the folder's new check, or the `{code, message}` error that
 * stopped it.
 */
export type FolderChanged = { 
/**
 * The new check, when the folder could be read.
 */
check: FolderCheck | null, 
/**
 * Why there is no check.
 */
error: ErrorView | null, };

/**
 * A folder's scenarios, checked.
 */
export type FolderCheck = { 
/**
 * The folder.
 */
folder: string, 
/**
 * Its scenarios, in folder order.
 */
scenarios: Array<ScenarioCheck>, };

/**
 * An edge of the graph.
 */
export type GraphEdge = { 
/**
 * The node the edge leaves.
 */
from: string, 
/**
 * The node the edge reaches.
 */
to: string, 
/**
 * Which response: "1", "free text 2", "otherwise", "silence".
 */
label: string, 
/**
 * Whether the response is a conditional or computed route.
 */
conditional: boolean, };

/**
 * A graph node with its place in the drawing.
 */
export type GraphNodeView = { 
/**
 * Its column, from the start.
 */
column: number, 
/**
 * Its row within the column.
 */
row: number, 
/**
 * Beat or ending id.
 */
id: string, 
/**
 * Whether it is an ending.
 */
ending: boolean, 
/**
 * Whether it is the start.
 */
start: boolean, 
/**
 * The red-flag category its line carries, if any.
 */
red_flag: string | null, 
/**
 * Declared at line.
 */
line: number, };

/**
 * A scenario's graph with its layout (both from the core).
 */
export type GraphView = { 
/**
 * Scenario id.
 */
scenario: string, 
/**
 * Nodes with their positions.
 */
nodes: Array<GraphNodeView>, 
/**
 * Edges between them.
 */
edges: Array<GraphEdge>, 
/**
 * How many columns the drawing has.
 */
columns: number, 
/**
 * Rows in the tallest column.
 */
rows: number, };

/**
 * One cell of the grid.
 */
export type GridCell = { 
/**
 * Level id.
 */
level: string, 
/**
 * Level in words.
 */
label: string, };

/**
 * One column of the competency grid: an attempt's levels.
 */
export type GridColumn = { 
/**
 * Ended (RFC 3339).
 */
ended_at: string | null, 
/**
 * Passed, moderation applied.
 */
passed: boolean, 
/**
 * Whether a trainer overrode a grade.
 */
moderated: boolean, 
/**
 * Level id per competency, in framework order (as `competencies`).
 */
levels: Array<GridCell>, 
/**
 * Attempt id.
 */
attempt: string, 
/**
 * Scenario id.
 */
scenario_id: string, 
/**
 * Scenario title, when the scenario is in the library.
 */
title: string | null, 
/**
 * Practice or assessment.
 */
mode: Mode, };

/**
 * One attempt in the history.
 */
export type HistoryRow = { 
/**
 * `in_progress`, `completed` or `abandoned`.
 */
status: AttemptStatus, 
/**
 * Started (RFC 3339).
 */
started_at: string, 
/**
 * Whether it passed, moderation applied (completed attempts only).
 */
passed: boolean | null, 
/**
 * Whether a trainer overrode a grade.
 */
moderated: boolean, 
/**
 * Turns played.
 */
turns: number, 
/**
 * Whether its debrief can be opened (completed attempts).
 */
has_debrief: boolean, 
/**
 * Attempt id.
 */
attempt: string, 
/**
 * Scenario id.
 */
scenario_id: string, 
/**
 * Scenario title, when the scenario is in the library.
 */
title: string | null, 
/**
 * Practice or assessment.
 */
mode: Mode, };

/**
 * An attempt left in progress, as a front end offers it for resuming.
 */
export type InProgressView = { 
/**
 * Turns played so far.
 */
turns: number, 
/**
 * Attempt id.
 */
attempt: string, 
/**
 * Scenario id.
 */
scenario_id: string, 
/**
 * Scenario title, when the scenario is in the library.
 */
title: string | null, 
/**
 * Practice or assessment.
 */
mode: Mode, };

/**
 * The verdict on one signed thing in a file.
 */
export type ItemVerdict = { 
/**
 * What it is: the file name, or the credential's place in the array.
 */
label: string, 
/**
 * Whether every check passed.
 */
valid: boolean, 
/**
 * The checks that passed, in words, in the order made.
 */
checks: Array<string>, 
/**
 * Why it failed, in words.
 */
problem: string | null, 
/**
 * The credential id (credentials only, when valid).
 */
credential: string | null, 
/**
 * The credential subject (credentials only, when valid).
 */
subject: string | null, 
/**
 * The issuer (credentials only, when valid).
 */
issuer: string | null, };

/**
 * Which report.
 */
export type Kind = "pass-rate" | "competency" | "items" | "red-flags" | "forecast" | "versions";

/**
 * A report kind a front end offers.
 */
export type KindView = { 
/**
 * Its id.
 */
id: string, 
/**
 * Its title.
 */
title: string, };

/**
 * A legend entry.
 */
export type Legend = { 
/**
 * The segment key.
 */
key: string, 
/**
 * Words for people.
 */
label: string, };

/**
 * A competency level.
 */
export type Level = "not_assessed" | "not_yet" | "developing" | "competent" | "exemplary";

/**
 * What the page needs to format its messages.
 */
export type LocaleMessages = { 
/**
 * The language in use ("en" or "es").
 */
language: string, 
/**
 * Every language the app speaks, with its own name.
 */
available: Array<string>, 
/**
 * The languages' own names, in the order of `available` ("English", "Español").
 */
names: Array<string>, 
/**
 * The UI's FTL text, highest priority first: the language's, then
 * English's (the fallback); English alone when English is in use.
 */
resources: Array<string>, };

/**
 * A place in a scenario's source, 1-based like editors show it.
 */
export type Location = { 
/**
 * The file.
 */
file: string, 
/**
 * Line, from 1.
 */
line: number, 
/**
 * Column, from 1.
 */
column: number, };

/**
 * A meter for a persona-state variable (practice mode).
 */
export type Meter = { 
/**
 * Variable name.
 */
name: string, 
/**
 * The meter's name, as the practice screen shows it.
 */
label: string, 
/**
 * Current value.
 */
value: number, 
/**
 * The lowest value the variable can take.
 */
min: number, 
/**
 * The highest value the variable can take.
 */
max: number, };

/**
 * Something still missing, item by item.
 */
export type Missing = { "kind": "distinct_scenarios", 
/**
 * How many the policy needs.
 */
needed: number, 
/**
 * So far.
 */
have: number, } | { "kind": "competency", 
/**
 * The competency still short of passes at competent or better.
 */
competency: Competency, 
/**
 * How many the policy needs.
 */
needed: number, 
/**
 * So far.
 */
have: number, } | { "kind": "red_flag", 
/**
 * The red-flag category still to be recognised.
 */
category: RedFlagCategory, } | { "kind": "refresher_passes", 
/**
 * How many the policy needs.
 */
needed: number, 
/**
 * So far.
 */
have: number, } | { "kind": "refresher_red_flag", 
/**
 * How many the policy needs.
 */
needed: number, 
/**
 * So far.
 */
have: number, } | { "kind": "refresher_distinct_scenarios", 
/**
 * How many the policy needs.
 */
needed: number, 
/**
 * So far.
 */
have: number, } | { "kind": "observed", 
/**
 * How many the policy needs.
 */
needed: number, 
/**
 * So far.
 */
have: number, 
/**
 * The lowest level a scored competency may have.
 */
at_least: Level, } | { "kind": "refresher_content", 
/**
 * The scenarios that count.
 */
scenarios: Array<string>, };

/**
 * One missing item.
 */
export type MissingItem = { 
/**
 * The core's item (kind and counts).
 */
item: Missing, 
/**
 * The item in words.
 */
text: string, };

/**
 * MITI 4 band for the reflection-to-question ratio.
 */
export type MitiBand = "below_fair" | "fair" | "good";

/**
 * Practice (hints, undo, never counts) or assessment (counts for certification).
 */
export type Mode = "practice" | "assessment";

/**
 * A stronger response for a weak turn.
 */
export type ModelResponse = { 
/**
 * The weak turn.
 */
turn: number, 
/**
 * Its beat.
 */
beat: string, 
/**
 * What the trainee did.
 */
you: string, 
/**
 * A stronger response from the scenario.
 */
stronger: string, 
/**
 * Why it is stronger (its evidence reasons).
 */
why: string, };

/**
 * A trainer's override as shown in a report: the original grade stays visible.
 */
export type ModerationNote = { 
/**
 * What was overridden: `competency` or `red_flag`.
 */
kind: string, 
/**
 * The competency id or red-flag category.
 */
item: string, 
/**
 * The grade the engine gave.
 */
original: string, 
/**
 * The grade before this override (the original, or an earlier override).
 */
before: string, 
/**
 * The grade after it.
 */
after: string, 
/**
 * The trainer's written reason.
 */
reason: string, 
/**
 * The trainer's display name.
 */
trainer: string, 
/**
 * When (RFC 3339, UTC).
 */
at: string, };

/**
 * An attempt opened for moderation: its grades and transcript, the
 * trainee's status, and its audit trail.
 */
export type ModerationView = { 
/**
 * Attempt id.
 */
attempt: string, 
/**
 * Trainee display name.
 */
trainee: string, 
/**
 * The graded report, moderation applied (original grades in its
 * moderation notes).
 */
report: DebriefView, 
/**
 * The trainee's certification status today.
 */
status: StatusView, 
/**
 * Audit entries about this attempt's overrides, oldest first.
 */
audit: Array<AuditEntry>, };

/**
 * A timestamped note: how far into the role-play, optionally which
 * competency it is evidence for, and the trainer's words.
 */
export type Note = { 
/**
 * Seconds from the start of the role-play.
 */
elapsed_seconds: number, 
/**
 * The competency it is evidence for, if any.
 */
competency: Competency | null, 
/**
 * The note; empty in a stored observation once the trainee was
 * erased (a note is never recorded empty).
 */
text: string, };

/**
 * One note as the page sends it: the time into the role-play as typed
 * (`mm:ss`), an optional competency id and the words.
 */
export type NoteInput = { 
/**
 * `mm:ss`, `h:mm:ss` or seconds.
 */
elapsed: string, 
/**
 * A competency id, or empty.
 */
competency: string | null, 
/**
 * The note.
 */
text: string, };

/**
 * A stored observation.
 */
export type Observation = { 
/**
 * Its id.
 */
id: string, 
/**
 * Position in the observations chain.
 */
seq: number, 
/**
 * The trainee observed.
 */
trainee: string, 
/**
 * The observing trainer's id.
 */
trainer: string, 
/**
 * The observing trainer's name.
 */
trainer_name: string, 
/**
 * Who played the second victim.
 */
partner: Partner, 
/**
 * The scenario used as the brief, if any.
 */
scenario_id: string | null, 
/**
 * When the role-play started.
 */
observed_at: string, 
/**
 * When it was recorded.
 */
recorded_at: string, 
/**
 * All 15 competencies in framework order with their level.
 */
levels: Array<[Competency, Level]>, 
/**
 * The red flags it presented.
 */
red_flags: Array<[RedFlagCategory, Recognition]>, 
/**
 * The notes, by time.
 */
notes: Array<Note>, 
/**
 * The notes' words were erased with the trainee's personal data: each
 * note keeps its time and competency, its text is empty.
 */
notes_erased: boolean, 
/**
 * Passed (no red flag missed, every scored competency competent or better).
 */
passed: boolean, };

/**
 * An observed assessment as the page sends it.
 */
export type ObservationInput = { 
/**
 * Trainee id.
 */
trainee: string, 
/**
 * `trainee` or `actor`.
 */
partner: string, 
/**
 * The brief's scenario id, or empty.
 */
scenario_id: string | null, 
/**
 * Competency id → level id (`not_assessed` or absent: not scored).
 */
levels: { [key in string]?: string }, 
/**
 * Red-flag category → `recognised` or `missed` (absent: not presented).
 */
red_flags: { [key in string]?: string }, 
/**
 * Timestamped notes.
 */
notes: Array<NoteInput>, };

/**
 * Everything the observation screen shows.
 */
export type ObservationOverview = { 
/**
 * Descriptors for every level of every competency, and the red flags.
 */
rubric: Rubric, 
/**
 * Trainees (erased ones left out).
 */
trainees: Array<TraineeChoice>, 
/**
 * Observations recorded so far, newest first.
 */
observations: Array<Observation>, 
/**
 * Automated and observed results side by side with their agreement.
 */
agreement: AgreementReport, };

/**
 * Statements by state.
 */
export type OutboxCounts = { 
/**
 * Waiting to be sent.
 */
pending: number, 
/**
 * Acknowledged by the store.
 */
delivered: number, 
/**
 * Rejected by the store.
 */
failed: number, };

/**
 * The outbox: statements by state, and the ones the store rejected.
 */
export type OutboxView = { 
/**
 * Pending, delivered and failed counts.
 */
counts: OutboxCounts, 
/**
 * Rejected statements with the store's message.
 */
failed: Array<FailedStatement>, };

/**
 * Who played the second victim.
 */
export type Partner = "trainee" | "actor";

/**
 * The player screen: the core's [`View`] of the attempt with its Markdown
 * (`cue`, `reply`, `line`) rendered to safe HTML in place, plus what the
 * page needs around it. The page receives the view's fields at the top
 * level (`node`, `speaker`, `line`, `choices`, …).
 */
export type PlayerView = { 
/**
 * The recorded attempt's id (none for workbench trials).
 */
attempt_id: string | null, 
/**
 * Whether this is a workbench trial run.
 */
trial: boolean, 
/**
 * The scenario.
 */
scenario: ScenarioRef, 
/**
 * Practice or assessment.
 */
mode: Mode, 
/**
 * The turns so far.
 */
transcript: Array<TranscriptTurn>, 
/**
 * For an assessment that will not count towards certification, where
 * its scenario version stands (not approved, or withdrawn and why), so
 * the trainee knows before playing on.
 */
not_counted: Approval | null, 
/**
 * Current beat or ending id.
 */
node: string, 
/**
 * Speaker's name.
 */
speaker: string, 
/**
 * Speaker's role.
 */
role: string, 
/**
 * Non-verbal cue.
 */
cue: string | null, 
/**
 * The scripted reaction to the last response, if any (Markdown).
 */
reply: string | null, 
/**
 * The persona's line (Markdown).
 */
line: string, 
/**
 * Menu choices, in order (numbered from 1 when shown).
 */
choices: Array<string>, 
/**
 * Whether free text is offered, and its placeholder.
 */
free_text: string | null, 
/**
 * Whether the attempt has ended.
 */
ended: boolean, 
/**
 * Trainee turns so far.
 */
turn: number, 
/**
 * Persona-state meters (practice mode only).
 */
meters: Array<Meter>, 
/**
 * Whether undo is available.
 */
can_undo: boolean, 
/**
 * A message about the last response that every mode shows, such as
 * "no rule matched" for free text.
 */
notice: string | null, };

/**
 * A trainee profile as the start screen lists it.
 */
export type Profile = { 
/**
 * Trainee id.
 */
id: string, 
/**
 * Display name.
 */
name: string, };

/**
 * Progress of long work (an export, a push), as the desktop's progress
 * events carry it: `done` of about `total` records.
 */
export type Progress = { 
/**
 * Records so far.
 */
done: number, 
/**
 * The estimated total.
 */
total: number, };

/**
 * What a push did, with the outbox after it.
 */
export type PushOutcome = { 
/**
 * Statements newly queued from the records before sending.
 */
queued: number, 
/**
 * Statements the store acknowledged in this push.
 */
delivered: number, 
/**
 * Statements the store rejected in this push, with its messages.
 */
rejected: Array<FailedStatement>, 
/**
 * Why the push stopped early, in words (the rest stay pending).
 */
stopped: string | null, 
/**
 * The outbox after the push.
 */
outbox: OutboxView, };

/**
 * One attempt in the moderation queue.
 */
export type QueueRow = { 
/**
 * Trainee display name.
 */
trainee: string, 
/**
 * When it ended (RFC 3339).
 */
ended_at: string | null, 
/**
 * Whether it passed, moderation applied.
 */
passed: boolean | null, 
/**
 * Whether a trainer already overrode a grade in it.
 */
moderated: boolean, 
/**
 * Turns played.
 */
turns: number, 
/**
 * Attempt id.
 */
attempt: string, 
/**
 * Scenario id.
 */
scenario_id: string, 
/**
 * Scenario title, when the scenario is in the library.
 */
title: string | null, 
/**
 * Practice or assessment.
 */
mode: Mode, };

/**
 * What a red flag came to, as the records keep it: recognised (asked and
 * acted on in its window) or missed. The automated grade and a trainer's
 * observation use the same two words.
 */
export type Recognition = "recognised" | "missed";

/**
 * One trainee in the records table (pseudonymous: no name or email).
 */
export type RecordRow = { 
/**
 * The trainee's pseudonymous id.
 */
trainee: string, 
/**
 * The organisation, when recorded.
 */
organisation: string | null, 
/**
 * The certification status id (`certified`, `lapsed`, …).
 */
status: string, 
/**
 * The status in plain words ("certified until 2026-02-10").
 */
status_text: string, 
/**
 * The current (or last) certificate's expiry date.
 */
expires_on: string | null, 
/**
 * Completed attempts in the date range.
 */
attempts: number, 
/**
 * Of which assessments.
 */
assessments: number, 
/**
 * Of which moderated by a trainer.
 */
moderated: number, 
/**
 * The day of the last completed attempt in the range.
 */
last_completed: string | null, };

/**
 * What recording returns: the stored observation, the trainee's status
 * now, and the screen as it now stands.
 */
export type RecordedObservation = { 
/**
 * The observation as stored.
 */
observation: Observation, 
/**
 * The trainee's certification status today.
 */
status: StatusView, 
/**
 * The refreshed screen.
 */
overview: ObservationOverview, };

/**
 * A red-flag category, with a stable id.
 */
export type RedFlagCategory = "suicide_risk" | "severe_decompensation";

/**
 * One red flag's row of the rubric.
 */
export type RedFlagRow = { 
/**
 * The category id.
 */
category: string, 
/**
 * Its title.
 */
title: string, 
/**
 * What recognising it looks like.
 */
recognised: string, 
/**
 * What missing it looks like.
 */
missed: string, };

/**
 * A finished report.
 */
export type Report = { 
/**
 * Which report.
 */
kind: Kind, 
/**
 * Its title.
 */
title: string, 
/**
 * What it covers, in words (filters, day).
 */
scope: string, 
/**
 * The figures.
 */
table: Table, 
/**
 * The same figures as a chart.
 */
chart: Chart, 
/**
 * Rows whose group was too small to show.
 */
suppressed: number, 
/**
 * Notes for the reader (e.g. a version whose options are unknown).
 */
notes: Array<string>, };

/**
 * What a member of staff is.
 */
export type Role = "trainer" | "accreditation_officer";

/**
 * One page of the records table.
 */
export type RosterPage = { 
/**
 * The rows, in the table's order.
 */
rows: Array<RecordRow>, 
/**
 * This page, from 0.
 */
page: number, 
/**
 * The page size asked for.
 */
size: number, 
/**
 * Trainees passing the filters in all, when known without reading
 * every status (always known unless a status filter is given).
 */
total: number | null, 
/**
 * Whether a later page has rows.
 */
has_next: boolean, };

/**
 * The whole rubric.
 */
export type Rubric = { 
/**
 * All 15 competencies in framework order.
 */
competencies: Array<RubricRow>, 
/**
 * Both red-flag categories.
 */
red_flags: Array<RedFlagRow>, };

/**
 * One competency's row of the rubric, for screens and `rehearse observe rubric`.
 */
export type RubricRow = { 
/**
 * The competency id.
 */
competency: string, 
/**
 * Its title.
 */
title: string, 
/**
 * What it asks of a supporter.
 */
description: string, 
/**
 * `(level id, descriptor)` for each scored level, lowest first.
 */
levels: Array<[string, string]>, };

/**
 * One rule that fired, what it labelled, and where.
 */
export type RuleHit = { 
/**
 * Stable rule id, language-prefixed ("en.reflection.stem").
 */
rule: string, 
/**
 * A behaviour id, or "question.open" / "question.closed".
 */
label: string, 
/**
 * The text that triggered it.
 */
span: Span, };

/**
 * One scenario folder of the library.
 */
export type ScenarioCard = { 
/**
 * The folder (what the player is started with).
 */
path: string, 
/**
 * Where the folder comes from: `bundled`, `user` or `added`.
 */
origin: string, 
/**
 * The scenario's stable id (the folder name when it did not load).
 */
id: string, 
/**
 * The scenario's declared version; empty when it did not load.
 */
version: string, 
/**
 * The title (the folder name when it did not load).
 */
title: string, 
/**
 * One-paragraph summary.
 */
summary: string, 
/**
 * Care setting.
 */
setting: string, 
/**
 * The people the trainee talks to, each as "Name (role)".
 */
personas: Array<string>, 
/**
 * How hard it is; absent when the scenario did not load.
 */
difficulty: Difficulty | null, 
/**
 * Expected minutes.
 */
minutes: number, 
/**
 * The competencies the scenario targets.
 */
targets: Array<CompetencyLabel>, 
/**
 * The trainee's progress: `not_tried` without a trainee.
 */
status: ScenarioProgress, 
/**
 * Why the scenario cannot be played, when it cannot.
 */
problem: string | null, 
/**
 * The language the card's text is in: the one asked for when the
 * scenario carries it, else the script's own.
 */
language: string, };

/**
 * One scenario folder with the checker's verdict.
 */
export type ScenarioCheck = { 
/**
 * The scenario folder.
 */
path: string, 
/**
 * The scenario's id, when its script loaded.
 */
id: string | null, 
/**
 * Its title, when its script loaded.
 */
title: string | null, 
/**
 * What to call it in a list: the title, else the id, else the folder's name.
 */
name: string, 
/**
 * How many findings are errors.
 */
errors: number, 
/**
 * How many findings are warnings.
 */
warnings: number, 
/**
 * Every finding: the checker's in source order, then the explorer's.
 */
findings: Array<FindingView>, 
/**
 * What the explorer found, when it was asked to explore and nothing blocked it.
 */
exploration: Exploration | null, };

/**
 * A trainee's progress on one scenario, for library cards.
 */
export type ScenarioProgress = "not_tried" | "practised" | "passed";

/**
 * The scenario an attempt plays.
 */
export type ScenarioRef = { 
/**
 * The scenario's stable id.
 */
id: string, 
/**
 * Its title, as shown to people.
 */
title: string, 
/**
 * The scenario folder it was loaded from.
 */
path: string, };

/**
 * One part of a bar (a stacked bar has several).
 */
export type Segment = { 
/**
 * Its legend key.
 */
key: string, 
/**
 * The value.
 */
value: number, };

/**
 * How serious a finding is.
 */
export type Severity = "warning" | "error";

/**
 * A byte range of the original utterance, with its text.
 */
export type Span = { 
/**
 * Start byte offset into the original utterance (inclusive).
 */
start: number, 
/**
 * End byte offset into the original utterance (exclusive).
 */
end: number, 
/**
 * `utterance[start..end]`.
 */
text: string, };

/**
 * A member of staff who signed in.
 */
export type StaffView = { 
/**
 * The member of staff's id.
 */
id: string, 
/**
 * Display name.
 */
name: string, 
/**
 * `trainer` or `accreditation_officer`.
 */
role: Role, 
/**
 * The role in words.
 */
role_label: string, };

/**
 * The headline state.
 */
export type Standing = "not_started" | "in_progress" | "certified" | "refresher_due" | "expired_grace" | "lapsed";

/**
 * A certification status for the page: the core's headline, countdown,
 * missing items and next action, already in words.
 */
export type StatusView = { 
/**
 * The date described.
 */
at: string, 
/**
 * `not_started`, `in_progress`, `certified`, `refresher_due`, `expired_grace` or `lapsed`.
 */
standing: Standing, 
/**
 * "certified until 2026-02-10", "in progress", …
 */
headline: string, 
/**
 * Days to the next date that matters, when there is one.
 */
countdown: CountdownView | null, 
/**
 * What is still missing, item by item, in words.
 */
missing: Array<MissingItem>, 
/**
 * The next action, in plain words.
 */
next_action: string, 
/**
 * The policy version applied.
 */
policy_version: string, };

/**
 * How one strategy fared.
 */
export type StrategyResult = { 
/**
 * Stable id (`position_1`, `longest`, `shortest`, `silence`,
 * `keyword_salad`, `random`).
 */
strategy: string, 
/**
 * What it does, in words.
 */
description: string, 
/**
 * Whether one pass is an error (false only for random play).
 */
naive: boolean, 
/**
 * Walks played.
 */
walks: number, 
/**
 * Walks that reached an ending and passed the assessment.
 */
passed: number, 
/**
 * Walks that hit the turn cap (counted as not passed).
 */
unfinished: number, 
/**
 * Walks stopped by a runtime error (counted as not passed).
 */
errors: number, 
/**
 * `passed / walks`, from 0 to 1.
 */
pass_rate: number, 
/**
 * The first few seeds that passed.
 */
passing_seeds: Array<number>, };

/**
 * A table of figures.
 */
export type Table = { 
/**
 * The columns.
 */
columns: Array<Column>, 
/**
 * The rows, one cell per column.
 */
rows: Array<Array<Cell>>, };

/**
 * One scenario test's result in one language.
 */
export type TestResult = { 
/**
 * `scenario::test`, with `[language]` when the scenario is in more
 * than one.
 */
name: string, 
/**
 * The language it ran in.
 */
language: string, 
/**
 * Whether every expectation held.
 */
passed: boolean, 
/**
 * What did not hold.
 */
failures: Array<string>, };

/**
 * A trainee the trainer may observe.
 */
export type TraineeChoice = { 
/**
 * Pseudonymous id.
 */
id: string, 
/**
 * Display name.
 */
name: string, 
/**
 * The organisation the trainee belongs to, when one was given.
 */
organisation: string | null, };

/**
 * A trainer, as a front end names them after creating or signing in.
 */
export type TrainerView = { 
/**
 * Trainer id.
 */
id: string, 
/**
 * Display name.
 */
name: string, };

/**
 * One turn of the transcript.
 */
export type TranscriptTurn = { 
/**
 * From 1.
 */
number: number, 
/**
 * Beat id.
 */
beat: string, 
/**
 * The persona line the trainee answered, as safe HTML.
 */
persona_html: string, 
/**
 * What the trainee said; none for silence.
 */
said: string | null, 
/**
 * Whether the trainee stayed silent.
 */
silent: boolean, 
/**
 * The persona's scripted reaction, as safe HTML.
 */
reply_html: string | null, 
/**
 * Practice-mode feedback (never in assessment mode).
 */
feedback: Feedback | null, };

/**
 * What a chart's values measure.
 */
export type Unit = "share" | "count" | "turns";

/**
 * A walk that failed, with the seed that reproduces it.
 */
export type WalkError = { 
/**
 * Replays the walk: `rehearse check --explore 1 --seed <seed>`.
 */
seed: number, 
/**
 * What went wrong.
 */
message: string, };
