//! Conversation measures over a whole attempt: question mix, reflection to
//! question ratio against MITI 4 thresholds, share of words, silences.

use super::{Analysis, QuestionKind};
use crate::behaviour::Behaviour;
use crate::locale::{key, messages, Language};
use serde::{Deserialize, Serialize};

/// MITI 4 band for the reflection-to-question ratio.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum MitiBand {
    /// Fewer reflections than questions (ratio below 1:1).
    BelowFair,
    /// At least one reflection per question (1:1).
    Fair,
    /// At least two reflections per question (2:1).
    Good,
}

impl MitiBand {
    /// Words for people: "below fair (under 1:1)", "fair (1:1)", "good (2:1)".
    pub fn label(self) -> &'static str {
        match self {
            MitiBand::BelowFair => "below fair (under 1:1)",
            MitiBand::Fair => "fair (1:1 or more)",
            MitiBand::Good => "good (2:1 or more)",
        }
    }
}

/// One turn of a conversation, for [`measure`].
#[derive(Debug, Clone, Copy)]
pub struct MeasuredTurn<'a> {
    /// What the supporter said; `None` when they stayed silent.
    pub supporter: Option<&'a str>,
    /// The analysis of `supporter`, when there is one.
    pub analysis: Option<&'a Analysis>,
    /// The persona's line in this turn.
    pub persona_line: &'a str,
}

/// Measures over a whole attempt.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ConversationMeasures {
    /// Turns that asked a question.
    pub questions: u32,
    /// Of those, turns whose question was open.
    pub open_questions: u32,
    /// `open_questions / questions`, when there was a question.
    pub open_question_share: Option<f64>,
    /// Turns with a reflection.
    pub reflections: u32,
    /// `reflections / questions`, when there was a question.
    pub reflection_to_question: Option<f64>,
    /// MITI 4 band for the ratio; `Good` when there were reflections and no
    /// questions; `None` when there were neither.
    pub miti_band: Option<MitiBand>,
    /// Words the supporter said.
    pub supporter_words: u32,
    /// Words the persona said.
    pub persona_words: u32,
    /// `supporter_words / (supporter_words + persona_words)`, when either spoke.
    pub supporter_word_share: Option<f64>,
    /// Turns where the supporter stayed silent.
    pub silences_kept: u32,
    /// Turns that stacked two or more questions (each question sentence is
    /// one `question.*` rule hit), leaving the person to pick which to answer.
    #[serde(default)]
    pub stacked_questions: u32,
}

fn count_words(s: &str) -> u32 {
    let n = s
        .split_whitespace()
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .count();
    u32::try_from(n).unwrap_or(u32::MAX)
}

fn ratio(a: u32, b: u32) -> Option<f64> {
    (b > 0).then(|| f64::from(a) / f64::from(b))
}

/// Computes [`ConversationMeasures`] over the turns of an attempt. A turn's
/// question and reflection come from its `analysis`; a silent turn (no
/// supporter text, or blank text) counts as a silence kept.
pub fn measure<'a>(turns: impl IntoIterator<Item = MeasuredTurn<'a>>) -> ConversationMeasures {
    let (mut questions, mut open, mut reflections, mut sw, mut pw, mut silences) =
        (0u32, 0u32, 0u32, 0u32, 0u32, 0u32);
    let mut stacked = 0u32;
    for t in turns {
        pw = pw.saturating_add(count_words(t.persona_line));
        let silent = match t.supporter {
            None => true,
            Some(s) => s.trim().is_empty() || t.analysis.is_some_and(|a| a.silence),
        };
        if silent {
            silences += 1;
            continue;
        }
        sw = sw.saturating_add(t.supporter.map_or(0, count_words));
        if let Some(a) = t.analysis {
            if let Some(k) = a.question {
                questions += 1;
                if k == QuestionKind::Open {
                    open += 1;
                }
            }
            if a.behaviours.contains(&Behaviour::Reflection) {
                reflections += 1;
            }
            if question_count(a) >= 2 {
                stacked += 1;
            }
        }
    }
    let r2q = ratio(reflections, questions);
    let miti_band = match r2q {
        Some(r) if r >= 2.0 => Some(MitiBand::Good),
        Some(r) if r >= 1.0 => Some(MitiBand::Fair),
        Some(_) => Some(MitiBand::BelowFair),
        None if reflections > 0 => Some(MitiBand::Good),
        None => None,
    };
    ConversationMeasures {
        questions,
        open_questions: open,
        open_question_share: ratio(open, questions),
        reflections,
        reflection_to_question: r2q,
        miti_band,
        supporter_words: sw,
        persona_words: pw,
        supporter_word_share: ratio(sw, sw.saturating_add(pw)),
        silences_kept: silences,
        stacked_questions: stacked,
    }
}

/// How many questions an analysed turn asks: one `question.open` or
/// `question.closed` hit per question sentence.
pub fn question_count(a: &Analysis) -> usize {
    a.rules
        .iter()
        .filter(|h| h.label.starts_with("question."))
        .count()
}

impl MitiBand {
    /// The message id of the band's label.
    pub fn label_key(self) -> String {
        let id = match self {
            MitiBand::BelowFair => "below_fair",
            MitiBand::Fair => "fair",
            MitiBand::Good => "good",
        };
        key("miti-band", id, "")
    }

    /// The label in `lang`.
    pub fn label_in(self, lang: Language) -> &'static str {
        messages(lang).text(&self.label_key())
    }
}
