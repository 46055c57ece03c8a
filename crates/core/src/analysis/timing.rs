//! Timing and follow-through: the checks that decide whether a referral, a
//! follow-up or a risk question actually does what its words suggest.
//!
//! A referral counts only with a time frame and no deferral ("see your GP
//! sometime" is not a referral); a same-day referral is also a safety step;
//! a follow-up counts only within the one-to-two-week window of the
//! competency; a suicide question that the trainee answers for the person
//! ("Are you thinking of suicide? No? Good.") or declines to ask ("I won't
//! ask whether...") is not asking. The phrases are language data (the
//! `[timing]` table of a rule file); this module only applies them.

use super::boundary::{needs_unicode, Bounded};
use super::text::NormaliseRules;
use regex::Regex;
use serde::Deserialize;

/// The `[timing]` table of a rule file: each entry a list of regex patterns
/// matched on the normalised utterance, wrapped in word boundaries.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct TimingSection {
    /// A time frame or concrete step that makes a referral real.
    #[serde(default)]
    pub time_frame: Vec<String>,
    /// A time frame that makes a referral happen today.
    #[serde(default)]
    pub same_day: Vec<String>,
    /// Hedges and deferrals that take the force out of a referral.
    #[serde(default)]
    pub deferral: Vec<String>,
    /// Follow-up times later than the competency's two weeks.
    #[serde(default)]
    pub too_late: Vec<String>,
    /// The trainee's own answer straight after their risk question.
    #[serde(default)]
    pub self_answer: Vec<String>,
    /// Declining to ask ("I won't ask", "not my place to ask").
    #[serde(default)]
    pub refusal: Vec<String>,
}

/// The compiled `[timing]` table.
#[derive(Debug)]
pub(crate) struct TimingRules {
    time_frame: Option<Bounded<Regex>>,
    same_day: Option<Bounded<Regex>>,
    deferral: Option<Bounded<Regex>>,
    too_late: Option<Bounded<Regex>>,
    self_answer: Option<Bounded<Regex>>,
    refusal: Option<Bounded<Regex>>,
}

fn one(
    list: &[String],
    anchored: bool,
    n: &NormaliseRules,
) -> Result<Option<Bounded<Regex>>, regex::Error> {
    if list.is_empty() {
        return Ok(None);
    }
    let body = list
        .iter()
        .map(|p| n.fold_pattern(p))
        .collect::<Vec<_>>()
        .join("|");
    let source = if anchored {
        format!(r"^\s*(?:{body})")
    } else {
        format!(r"\b(?:{body})\b")
    };
    Bounded::regex(source).map(Some)
}

/// Whether `re` matches `text`, in the boundary form `unicode` names (see
/// [`super::boundary::needs_unicode`]).
fn hit(re: &Option<Bounded<Regex>>, text: &str, unicode: bool) -> bool {
    re.as_ref().is_some_and(|r| r.form(unicode).is_match(text))
}

impl TimingRules {
    /// Compiles the table, its patterns folded like the utterance (see
    /// [`NormaliseRules::fold_pattern`]); the error names the entry that failed.
    pub fn compile(t: &TimingSection, n: &NormaliseRules) -> Result<TimingRules, String> {
        let c = |name: &str, list: &[String], anchored: bool| {
            one(list, anchored, n).map_err(|e| format!("timing.{name}: {e}"))
        };
        Ok(TimingRules {
            time_frame: c("time_frame", &t.time_frame, false)?,
            same_day: c("same_day", &t.same_day, false)?,
            deferral: c("deferral", &t.deferral, false)?,
            too_late: c("too_late", &t.too_late, false)?,
            self_answer: c("self_answer", &t.self_answer, true)?,
            refusal: c("refusal", &t.refusal, false)?,
        })
    }

    /// What the timing checks decide about one normalised utterance.
    pub fn judge(&self, text: &str) -> Verdict {
        let unicode = needs_unicode(text);
        let referral_holds = self.referral_holds(text, unicode);
        Verdict {
            referral_holds,
            same_day: if referral_holds {
                self.names_today(text, unicode)
            } else {
                self.names_today(text, unicode) && !hit(&self.deferral, text, unicode)
            },
            follow_up_too_late: self.follow_up_too_late(text, unicode),
            refused_to_ask: self.refused_to_ask(text, unicode),
        }
    }

    /// See [`Verdict::referral_holds`]. The checks are separate so that the
    /// analyser runs each only when a label it could remove is present;
    /// `unicode` is the text's boundary form, worked out once by the caller.
    pub fn referral_holds(&self, text: &str, unicode: bool) -> bool {
        hit(&self.time_frame, text, unicode) && !hit(&self.deferral, text, unicode)
    }

    /// Whether the words name a time today. With no deferral (which
    /// [`Self::referral_holds`] has ruled out), a referral in them is a
    /// same-day one ([`Verdict::same_day`]).
    pub fn names_today(&self, text: &str, unicode: bool) -> bool {
        hit(&self.same_day, text, unicode)
    }

    /// See [`Verdict::follow_up_too_late`].
    pub fn follow_up_too_late(&self, text: &str, unicode: bool) -> bool {
        hit(&self.too_late, text, unicode)
    }

    /// See [`Verdict::refused_to_ask`].
    pub fn refused_to_ask(&self, text: &str, unicode: bool) -> bool {
        hit(&self.refusal, text, unicode)
    }

    /// Whether the words right after a risk question answer it for the
    /// person ("No? Good.").
    pub fn answers_itself(&self, after_question: &str) -> bool {
        self.self_answer
            .as_ref()
            .is_some_and(|r| r.for_text(after_question).is_match(after_question))
    }
}

/// The timing checks' verdict on one utterance.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Verdict {
    /// A referral in these words has a time frame and no deferral.
    pub referral_holds: bool,
    /// A referral in these words happens today.
    pub same_day: bool,
    /// A follow-up in these words is later than two weeks.
    pub follow_up_too_late: bool,
    /// The words decline to ask about suicide.
    pub refused_to_ask: bool,
}
