//! The view models of the player and the debrief: core results adapted for
//! display, the same for every front end that shows them. Markdown is
//! rendered here with the core's `markdown::to_html` (raw HTML escaped);
//! nothing is graded, routed or decided here.

use rehearse_core::analysis::RuleHit;
use rehearse_core::attempt::{Attempt, FlagOutcome, Input, Mode, Turn, View};
use rehearse_core::certification::Approval;
use rehearse_core::competency::Competency;
use rehearse_core::locale::Language;
use rehearse_core::markdown::to_html;
use rehearse_core::report::Report;
use serde::Serialize;
use std::path::{Path, PathBuf};

/// A competency's id, title and description, for labels.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct CompetencyLabel {
    /// Stable id.
    pub id: &'static str,
    /// The competency's title in the language asked for.
    pub title: &'static str,
    /// One-line description.
    pub description: &'static str,
}

impl From<Competency> for CompetencyLabel {
    fn from(c: Competency) -> Self {
        CompetencyLabel::in_language(c, Language::En)
    }
}

impl CompetencyLabel {
    /// The competency's label in `lang`.
    pub fn in_language(c: Competency, lang: Language) -> Self {
        CompetencyLabel {
            id: c.id(),
            title: c.title_in(lang),
            description: c.description_in(lang),
        }
    }
}

/// What names an attempt in a list: its id, its scenario and the mode it
/// was played in. Every attempt list a front end shows (in progress,
/// history, the moderation queue, the competency grid) starts with these.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct AttemptLabel {
    /// Attempt id.
    pub attempt: String,
    /// Scenario id.
    pub scenario_id: String,
    /// Scenario title, when the scenario is in the library.
    pub title: Option<String>,
    /// Practice or assessment.
    pub mode: Mode,
}

impl AttemptLabel {
    /// The label of attempt `attempt` at scenario `scenario_id`, titled from
    /// `titles` (scenario id to title, from the library index).
    pub fn new(
        attempt: uuid::Uuid,
        scenario_id: String,
        mode: Mode,
        titles: &std::collections::HashMap<String, String>,
    ) -> Self {
        AttemptLabel {
            attempt: attempt.to_string(),
            title: titles.get(&scenario_id).cloned(),
            scenario_id,
            mode,
        }
    }
}

/// The scenario an attempt plays.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ScenarioRef {
    /// The scenario's stable id.
    pub id: String,
    /// Its title, as shown to people.
    pub title: String,
    /// The scenario folder it was loaded from.
    pub path: PathBuf,
}

/// Practice-mode feedback on one turn: the hint, and for free text which
/// behaviours the analyser found, by which rule and in which words.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Feedback {
    /// The hint.
    pub hint: String,
    /// "open" or "closed" when the words asked a question.
    pub question: Option<&'static str>,
    /// Behaviour ids the response showed.
    pub behaviours: Vec<&'static str>,
    /// Analyser rules that fired (byte spans into `said`).
    pub rules: Vec<RuleHit>,
}

/// One turn of the transcript.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct TranscriptTurn {
    /// From 1.
    pub number: u32,
    /// Beat id.
    pub beat: String,
    /// The persona line the trainee answered, as safe HTML.
    pub persona_html: String,
    /// What the trainee said; none for silence.
    pub said: Option<String>,
    /// Whether the trainee stayed silent.
    pub silent: bool,
    /// The persona's scripted reaction, as safe HTML.
    pub reply_html: Option<String>,
    /// Practice-mode feedback (never in assessment mode).
    pub feedback: Option<Feedback>,
}

fn transcript(attempt: &Attempt) -> Vec<TranscriptTurn> {
    turns_view(attempt.turns(), attempt.mode())
}

fn turns_view(turns: &[Turn], mode: Mode) -> Vec<TranscriptTurn> {
    turns
        .iter()
        .map(|t| TranscriptTurn {
            number: t.number,
            beat: t.beat.clone(),
            persona_html: to_html(&t.persona_line),
            said: t.said.clone(),
            silent: t.input == Input::Silence,
            reply_html: t.reply.as_deref().map(to_html),
            feedback: (mode == Mode::Practice).then(|| Feedback {
                hint: t.hint.clone(),
                question: t.analysis.as_ref().and_then(|a| a.question).map(|q| q.id()),
                behaviours: t.shows.iter().map(|b| b.id()).collect(),
                rules: t
                    .analysis
                    .as_ref()
                    .map(|a| a.rules.clone())
                    .unwrap_or_default(),
            }),
        })
        .collect()
}

/// The player screen: the core's [`View`] of the attempt with its Markdown
/// (`cue`, `reply`, `line`) rendered to safe HTML in place, plus what the
/// page needs around it. The page receives the view's fields at the top
/// level (`node`, `speaker`, `line`, `choices`, …).
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct PlayerView {
    /// The recorded attempt's id (none for workbench trials).
    pub attempt_id: Option<String>,
    /// Whether this is a workbench trial run.
    pub trial: bool,
    /// The scenario.
    pub scenario: ScenarioRef,
    /// Practice or assessment.
    pub mode: Mode,
    /// What the player shows now; `cue`, `reply` and `line` are safe HTML.
    #[serde(flatten)]
    pub view: View,
    /// The turns so far.
    pub transcript: Vec<TranscriptTurn>,
    /// For an assessment that will not count towards certification, where
    /// its scenario version stands (not approved, or withdrawn and why), so
    /// the trainee knows before playing on.
    pub not_counted: Option<Approval>,
}

impl PlayerView {
    /// The view of the conversation in play.
    pub fn of(play: &crate::conversation::Conversation) -> Self {
        let mut v = Self::new(
            play.attempt(),
            play.dir(),
            play.attempt_id(),
            play.is_unrecorded(),
        );
        v.not_counted = play.not_counted().cloned();
        v
    }

    /// The view of an attempt.
    pub fn new(attempt: &Attempt, dir: &Path, attempt_id: Option<String>, trial: bool) -> Self {
        let mut view = attempt.view();
        view.cue = view.cue.as_deref().map(to_html);
        view.reply = view.reply.as_deref().map(to_html);
        view.line = to_html(&view.line);
        let s = attempt.scenario();
        PlayerView {
            attempt_id,
            trial,
            scenario: ScenarioRef {
                id: s.id().to_string(),
                title: s.def.meta.title.clone(),
                path: dir.to_path_buf(),
            },
            mode: attempt.mode(),
            view,
            transcript: transcript(attempt),
            not_counted: None,
        }
    }
}

/// One competency row of the debrief.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct CompetencyRow {
    /// The competency's id, title and description.
    #[serde(flatten)]
    pub label: CompetencyLabel,
    /// Whether the scenario targets it.
    pub targeted: bool,
    /// Level id (`not_assessed` … `exemplary`).
    pub level: &'static str,
    /// Level in words.
    pub level_label: &'static str,
    /// Score from -2 to +2, when assessed.
    pub score: Option<f64>,
    /// Chances to show it.
    pub opportunities: u32,
    /// Assessed on one chance only, so capped at competent.
    pub limited_evidence: bool,
    /// Evidence: turn, delta and reason.
    pub evidence: Vec<rehearse_core::attempt::EvidenceItem>,
}

/// One red flag of the debrief.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct FlagRow {
    /// Category id.
    pub category: &'static str,
    /// Category in words.
    pub title: &'static str,
    /// Beat carrying the cue.
    pub beat: String,
    /// Turn the cue opened.
    pub sign_turn: u32,
    /// `recognised`, `missed` or `open`.
    pub outcome: FlagOutcome,
    /// Turns that completed recognition steps.
    pub turns: Vec<u32>,
    /// The turn that acted on the warning sign.
    pub act_turn: Option<u32>,
    /// The turn that undid the safety step or waved the risk away.
    pub revoked_turn: Option<u32>,
}

/// The debrief screen, result first.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct DebriefView {
    /// Scenario title.
    pub title: String,
    /// Practice or assessment.
    pub mode: Mode,
    /// Whether the conversation reached an ending.
    pub completed: bool,
    /// Pass or fail.
    pub passed: bool,
    /// Critical errors (missed red flags), in words.
    pub critical: Vec<String>,
    /// Why it did not pass.
    pub reasons: Vec<String>,
    /// All 15 competencies, in framework order.
    pub competencies: Vec<CompetencyRow>,
    /// Red flags met on this path.
    pub red_flags: Vec<FlagRow>,
    /// Stronger responses for weak turns.
    pub model_responses: Vec<rehearse_core::report::ModelResponse>,
    /// Conversation measures.
    pub measures: rehearse_core::analysis::ConversationMeasures,
    /// The ending's debrief, as safe HTML.
    pub debrief_html: Option<String>,
    /// The transcript (without practice feedback).
    pub transcript: Vec<TranscriptTurn>,
    /// The framework's citation.
    pub citation: &'static str,
    /// Trainer overrides, each with the engine's original grade (stored attempts only).
    pub moderation: Vec<rehearse_core::report::ModerationNote>,
}

impl From<&Report> for DebriefView {
    fn from(r: &Report) -> Self {
        DebriefView::in_language(r, Language::En)
    }
}

impl DebriefView {
    /// The debrief with the core's words (competency names, levels, red
    /// flags, reasons) in `lang`.
    pub fn in_language(r: &Report, lang: Language) -> Self {
        let (critical, reasons) = r.reasons_in(lang);
        DebriefView {
            title: r.scenario.title.clone(),
            mode: r.mode,
            completed: r.completed,
            passed: r.passed,
            critical,
            reasons,
            competencies: r
                .competencies
                .iter()
                .map(|g| CompetencyRow {
                    label: CompetencyLabel::in_language(g.competency, lang),
                    targeted: g.targeted,
                    level: g.level.id(),
                    level_label: g.level.label_in(lang),
                    score: g.score,
                    opportunities: g.opportunities,
                    limited_evidence: g.limited_evidence,
                    evidence: g.evidence.clone(),
                })
                .collect(),
            red_flags: r
                .red_flags
                .iter()
                .map(|f| FlagRow {
                    category: f.category.id(),
                    title: f.category.title_in(lang),
                    beat: f.beat.clone(),
                    sign_turn: f.sign_turn,
                    outcome: f.outcome,
                    turns: f.turns.clone(),
                    act_turn: f.act_turn,
                    revoked_turn: f.revoked_turn,
                })
                .collect(),
            model_responses: r.model_responses.clone(),
            measures: r.measures.clone(),
            debrief_html: r
                .ending
                .as_ref()
                .and_then(|e| e.debrief.as_deref())
                .map(to_html),
            transcript: turns_view(&r.turns, Mode::Assessment),
            citation: rehearse_core::competency::FRAMEWORK_CITATION,
            moderation: r.moderation.clone(),
        }
    }
}

/// A certification status for the page: the core's headline, countdown,
/// missing items and next action, already in words.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct StatusView {
    /// The date described.
    pub at: String,
    /// `not_started`, `in_progress`, `certified`, `refresher_due`, `expired_grace` or `lapsed`.
    pub standing: rehearse_core::certification::Standing,
    /// "certified until 2026-02-10", "in progress", …
    pub headline: String,
    /// Days to the next date that matters, when there is one.
    pub countdown: Option<CountdownView>,
    /// What is still missing, item by item, in words.
    pub missing: Vec<MissingItem>,
    /// The next action, in plain words.
    pub next_action: String,
    /// The policy version applied.
    pub policy_version: String,
}

/// A countdown in days.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct CountdownView {
    /// `refresher_window`, `expiry` or `grace_end`.
    pub target: rehearse_core::certification::CountdownTarget,
    /// The date.
    pub on: String,
    /// Whole days left.
    pub days: i64,
    /// The countdown in words.
    pub text: String,
}

/// One missing item.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct MissingItem {
    /// The core's item (kind and counts).
    pub item: rehearse_core::certification::Missing,
    /// The item in words.
    pub text: String,
}

impl From<&rehearse_core::certification::Status> for StatusView {
    fn from(s: &rehearse_core::certification::Status) -> Self {
        StatusView::in_language(s, Language::En)
    }
}

impl StatusView {
    /// The status with its words in `lang`.
    pub fn in_language(s: &rehearse_core::certification::Status, lang: Language) -> Self {
        StatusView {
            at: s.at.to_string(),
            standing: s.standing,
            headline: s.headline_in(lang),
            countdown: s.countdown().map(|c| CountdownView {
                target: c.target,
                on: c.on.to_string(),
                days: c.days,
                text: c.describe(lang),
            }),
            missing: s
                .missing
                .iter()
                .map(|m| MissingItem {
                    item: m.clone(),
                    text: m.describe(lang),
                })
                .collect(),
            next_action: s.next_action_in(lang),
            policy_version: s.policy_version.clone(),
        }
    }
}
