//! Beats and endings: the nodes of a scenario graph, and the trainee's
//! options at each beat.

use crate::behaviour::Behaviour;
use crate::competency::Competency;
use crate::scenario::evidence::Evidence;
use crate::scenario::warning_sign::WarningSign;
use rhai::FnPtr;
use std::collections::BTreeSet;

/// Text that is fixed, chosen among variants by the attempt's seed, or
/// computed by a script function from persona state.
#[derive(Debug, Clone)]
pub enum Text {
    /// Always the same Markdown.
    Fixed(String),
    /// One of these, picked by the attempt's seeded randomness.
    Variants(Vec<String>),
    /// A Rhai function `|s| ...` returning Markdown.
    Dynamic(FnPtr),
}

/// Where a response leads.
#[derive(Debug, Clone)]
pub enum Target {
    /// A named beat or ending.
    Node(String),
    /// A Rhai function `|s| ...` returning a beat id, which must be one of `possible_next`.
    Dynamic {
        /// The function.
        func: FnPtr,
        /// Every id it may return (for checks and the graph).
        possible_next: Vec<String>,
    },
}

impl Target {
    /// Every node this target can lead to.
    pub fn possible(&self) -> Vec<&str> {
        match self {
            Target::Node(id) => vec![id.as_str()],
            Target::Dynamic { possible_next, .. } => {
                possible_next.iter().map(String::as_str).collect()
            }
        }
    }
}

/// What happens when a response is given: shared by choices, free-text
/// routes and silence.
#[derive(Debug, Clone)]
pub struct Outcome {
    /// Where the conversation goes; `None` stays on the same beat.
    pub next: Option<Target>,
    /// Evidence for or against competencies.
    pub evidence: Vec<Evidence>,
    /// Behaviours the response shows (for red-flag recognition and reports).
    pub shows: Vec<Behaviour>,
    /// Changes to persona state, added and clamped.
    pub effects: Vec<(String, i64)>,
    /// A short scripted reaction shown before the next beat, in Markdown.
    pub reply: Option<String>,
    /// Practice-mode feedback written by the author; otherwise the hint is
    /// composed from the evidence reasons.
    pub feedback: Option<String>,
}

impl Outcome {
    /// Sum of the evidence deltas: how strong the response is overall.
    pub fn net(&self) -> i32 {
        self.evidence.iter().map(|e| i32::from(e.delta)).sum()
    }
}

/// A menu choice.
#[derive(Debug, Clone)]
pub struct Choice {
    /// Stable id, unique within its beat: declared with `id`, or derived
    /// from its position in the source (`c1`, `c2`, ...). Tests name choices
    /// by id, so they do not depend on the order shown.
    pub id: String,
    /// What the trainee says.
    pub text: String,
    /// Keeps its declared place when the menu is shuffled (`pin: true`), for
    /// the rare menu whose order carries meaning.
    pub pinned: bool,
    /// What follows.
    pub outcome: Outcome,
}

/// When a free-text route applies.
#[derive(Debug, Clone)]
pub enum Condition {
    /// Every one of these labels is present in the analysed response.
    Labels(Vec<Behaviour>),
    /// A Rhai predicate `|r| ...` over the response.
    Predicate(FnPtr),
}

/// One route of a free-text beat; routes are tried in order.
#[derive(Debug, Clone)]
pub struct Route {
    /// When it applies.
    pub when: Condition,
    /// What follows.
    pub outcome: Outcome,
    /// Example responses that take this route (used by the explorer, and
    /// checked by `rehearse check`).
    pub examples: Vec<String>,
}

/// A free-text response option.
#[derive(Debug, Clone)]
pub struct FreeText {
    /// Placeholder shown in the text box.
    pub prompt: Option<String>,
    /// Routes, tried in order.
    pub routes: Vec<Route>,
    /// What happens when no route matches; without it the trainee is told
    /// that no rule matched and stays on the beat.
    pub otherwise: Option<Outcome>,
}

/// A beat: a persona line and the trainee's options.
#[derive(Debug, Clone)]
pub struct Beat {
    /// Stable id.
    pub id: String,
    /// The persona speaking.
    pub speaker: String,
    /// Non-verbal cue (stage direction).
    pub cue: Option<Text>,
    /// What the persona says, in Markdown.
    pub line: Text,
    /// The moment calls for silence: filling it is scored against `allow_silence`.
    pub pause: bool,
    /// A warning sign carried by this line.
    pub red_flag: Option<WarningSign>,
    /// In assessment the menu is hidden and the trainee answers in their own
    /// words (`assessment: "own_words"`).
    pub own_words: bool,
    /// Menu choices.
    pub choices: Vec<Choice>,
    /// Free-text option.
    pub free_text: Option<FreeText>,
    /// What staying silent does; without it the persona waits and the beat stays.
    pub silence: Option<Outcome>,
    /// Where the beat is declared.
    pub at: rhai::Position,
}

impl Beat {
    /// Every outcome the trainee can trigger here, silence included.
    pub fn outcomes(&self) -> impl Iterator<Item = &Outcome> {
        self.choices
            .iter()
            .map(|c| &c.outcome)
            .chain(self.free_text.iter().flat_map(|f| {
                f.routes
                    .iter()
                    .map(|r| &r.outcome)
                    .chain(f.otherwise.iter())
            }))
            .chain(self.silence.iter())
    }

    /// The competencies this beat gives a chance to show: those some
    /// response here carries positive evidence for, plus `allow_silence`
    /// when the beat is a pause.
    pub fn chances(&self) -> BTreeSet<Competency> {
        let mut set: BTreeSet<Competency> = self
            .outcomes()
            .flat_map(|o| {
                o.evidence
                    .iter()
                    .filter(|e| e.delta > 0)
                    .map(|e| e.competency)
            })
            .collect();
        if self.pause {
            set.insert(Competency::AllowSilence);
        }
        set
    }

    /// Whether the menu is shown in this mode: own-words beats hide it in
    /// assessment.
    pub fn menu_shown(&self, assessment: bool) -> bool {
        !(assessment && self.own_words)
    }

    /// The index of the *best* choice: the one with the highest net
    /// evidence, unless two share it (then there is no best). The
    /// telegraphing lint and the library's balance test judge menus by it.
    pub fn best_choice(&self) -> Option<usize> {
        let nets: Vec<i32> = self.choices.iter().map(|c| c.outcome.net()).collect();
        let max = *nets.iter().max()?;
        let mut at_max = nets.iter().enumerate().filter(|(_, n)| **n == max);
        let (best, _) = at_max.next()?;
        at_max.next().is_none().then_some(best)
    }

    /// A choice by its id.
    pub fn choice(&self, id: &str) -> Option<(usize, &Choice)> {
        self.choices.iter().enumerate().find(|(_, c)| c.id == id)
    }

    /// Whether the trainee has any way to respond besides waiting.
    pub fn has_options(&self) -> bool {
        !self.choices.is_empty() || self.free_text.is_some() || self.silence.is_some()
    }
}

/// An ending: the persona's last line and a debrief.
#[derive(Debug, Clone)]
pub struct Ending {
    /// Stable id.
    pub id: String,
    /// The persona speaking.
    pub speaker: String,
    /// Non-verbal cue.
    pub cue: Option<Text>,
    /// The last line, in Markdown.
    pub line: Text,
    /// The debrief, in Markdown (inline or read from a file beside the script).
    /// With a conditional debrief this is the text for an attempt whose red
    /// flags were all recognised (or never met).
    pub debrief: Option<String>,
    /// The debrief for an attempt that missed a red flag, when the ending
    /// declares `debrief: #{ recognised: ..., missed: ... }`.
    pub debrief_missed: Option<String>,
    /// Where it is declared.
    pub at: rhai::Position,
}

impl Ending {
    /// The debrief that fits the attempt's red-flag outcome: an ending never
    /// praises a step the trainee did not take.
    pub fn debrief_for(&self, missed_flag: bool) -> Option<&str> {
        if missed_flag {
            self.debrief_missed.as_deref().or(self.debrief.as_deref())
        } else {
            self.debrief.as_deref()
        }
    }

    /// Whether the debrief depends on the red-flag outcome.
    pub fn is_conditional(&self) -> bool {
        self.debrief_missed.is_some()
    }
}
