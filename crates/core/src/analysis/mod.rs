//! The free-text response analyser.
//!
//! It labels what a trainee typed to a distressed colleague: whether it asks
//! an open or a closed question, which behaviours from the fixed vocabulary
//! ([`Behaviour`]) it shows, which rule produced each label and where, and the
//! competency evidence that follows from the labels through one table
//! ([`evidence_table`]).
//!
//! All language knowledge is data: English lives in `crates/core/rules/en.toml`,
//! compiled once on first use. Another language is another rule file loaded
//! with [`Analyser::from_toml`], the same path English takes. See
//! `docs/analyser.md` for the labels, the rules and the batch format.

mod attribution;
mod batch;
mod boundary;
mod evidence;
mod measures;
mod negation;
mod question;
mod reflection;
mod rule;
mod sentence;
mod text;
mod timing;

pub use timing::Verdict as FollowThrough;

#[cfg(test)]
mod spanish_tests;
#[cfg(test)]
mod tests;

pub use batch::{analyse_stream, BatchSummary, MAX_LINE_BYTES};
pub use evidence::{
    evidence_for, evidence_table, EvidenceRow, EvidenceSource, EVIDENCE_MAX, EVIDENCE_MIN,
};
pub use measures::{measure, question_count, ConversationMeasures, MeasuredTurn, MitiBand};

use crate::behaviour::Behaviour;
use crate::competency::Competency;
use crate::Error;
use negation::NegationRules;
use rule::{Compiled, Negation, Scope};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::sync::OnceLock;
use text::Normalised;

/// The longest utterance the analyser accepts, in characters. Longer input is
/// refused with [`Error::UtteranceTooLong`], never truncated.
pub const MAX_UTTERANCE_CHARS: usize = 4000;

/// The English rule file, embedded at build time.
const ENGLISH_RULES: &str = include_str!("../../rules/en.toml");

/// The Spanish rule file, embedded at build time.
const SPANISH_RULES: &str = include_str!("../../rules/es.toml");

/// The language tags with a built-in analyser, in the order documented.
pub const LANGUAGES: [&str; 2] = ["en", "es"];

/// Whether a question invites a story or asks for a yes/no or single fact.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum QuestionKind {
    /// Invites the person to tell their story ("what", "how", "tell me about").
    Open,
    /// Asks for yes/no or one fact ("did you", "when", "who").
    Closed,
}

impl QuestionKind {
    /// The stable id, as serialised: `open` or `closed`.
    pub fn id(self) -> &'static str {
        match self {
            QuestionKind::Open => "open",
            QuestionKind::Closed => "closed",
        }
    }
}

/// A byte range of the original utterance, with its text.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Span {
    /// Start byte offset into the original utterance (inclusive).
    pub start: usize,
    /// End byte offset into the original utterance (exclusive).
    pub end: usize,
    /// `utterance[start..end]`.
    pub text: String,
}

/// One rule that fired, what it labelled, and where.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct RuleHit {
    /// Stable rule id, language-prefixed ("en.reflection.stem").
    pub rule: String,
    /// A behaviour id, or "question.open" / "question.closed".
    pub label: String,
    /// The text that triggered it.
    pub span: Span,
}

/// The analysis of one utterance.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Analysis {
    /// The turn's question kind; with several questions the last decides.
    pub question: Option<QuestionKind>,
    /// Behaviours shown, in vocabulary order, without duplicates.
    pub behaviours: Vec<Behaviour>,
    /// Evidence per competency from [`evidence_table`], each in -2..=2.
    pub evidence: BTreeMap<Competency, i8>,
    /// Every rule that fired, in order of position.
    pub rules: Vec<RuleHit>,
    /// True when the input was empty or only whitespace.
    pub silence: bool,
    /// Labels a scenario rule took away, and which rule did.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub vetoed: Vec<Veto>,
}

/// A label that a scenario rule removed (`rule(#{ remove: [...] })`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Veto {
    /// The scenario rule, as `scenario.<id>`.
    pub rule: String,
    /// The label removed.
    pub label: Behaviour,
    /// The analyser rules whose hits it overruled.
    pub overruled: Vec<String>,
}

/// A compiled set of language rules.
#[derive(Debug)]
pub struct Analyser {
    compiled: Compiled,
}

/// A rule match before suppression.
struct Candidate {
    rule: usize,
    sentence: usize,
    start: usize,
    end: usize,
}

impl Analyser {
    /// The English analyser, compiled once from the embedded `rules/en.toml`.
    pub fn english() -> &'static Analyser {
        static ENGLISH: OnceLock<Analyser> = OnceLock::new();
        ENGLISH.get_or_init(|| {
            // The file is part of the build and covered by tests; failing here
            // is a build defect, not a user-input error.
            Analyser::from_toml("en", ENGLISH_RULES)
                .expect("embedded English analyser rules must compile")
        })
    }

    /// The Spanish analyser, compiled once from the embedded `rules/es.toml`.
    pub fn spanish() -> &'static Analyser {
        static SPANISH: OnceLock<Analyser> = OnceLock::new();
        SPANISH.get_or_init(|| {
            // As for English: the embedded file is covered by tests.
            Analyser::from_toml("es", SPANISH_RULES)
                .expect("embedded Spanish analyser rules must compile")
        })
    }

    /// The built-in analyser for a BCP 47 language tag: "en" or "es", any
    /// case, with or without a region or encoding ("es-ES", "es_ES.UTF-8").
    /// Any other language is an [`Error::Input`] naming the ones there are.
    pub fn for_language(tag: &str) -> Result<&'static Analyser, Error> {
        let primary = tag
            .trim()
            .split(['-', '_', '.', '@'])
            .next()
            .unwrap_or("")
            .to_ascii_lowercase();
        match primary.as_str() {
            "en" => Ok(Analyser::english()),
            "es" => Ok(Analyser::spanish()),
            _ => Err(Error::Input(format!(
                "there is no response analyser for language \"{}\"; the analyser knows {}",
                tag.trim(),
                LANGUAGES.join(", ")
            ))),
        }
    }

    /// Compiles a rule file for `language` (the file's `[language] id` must
    /// match). Errors name the language and the faulty rule.
    pub fn from_toml(language: &str, text: &str) -> Result<Analyser, Error> {
        Ok(Analyser {
            compiled: rule::compile(language, text)?,
        })
    }

    /// The language id these rules are for ("en").
    pub fn language(&self) -> &str {
        &self.compiled.language
    }

    /// The language's display name from the rule file ("English").
    pub fn language_name(&self) -> &str {
        &self.compiled.name
    }

    /// What the timing table says about an utterance: whether a referral in
    /// it has a time frame, whether it is for today, whether a follow-up is
    /// later than two weeks, and whether it declines to ask. The lint uses it
    /// to check that menu choices keep the same rules as typed words.
    pub fn follow_through(&self, utterance: &str) -> FollowThrough {
        let n = Normalised::new(utterance, &self.compiled.normalise);
        self.compiled.timing.judge(&n.masked)
    }

    /// True when one of `phrases` occurs in `utterance` (whole words, any
    /// case, after the same normalisation as the rules: "can't" and "can
    /// not" are one) at a place that no negator governs, in the sense of
    /// rules marked `negatable = "governed"`: "this stays between us" affirms
    /// "between us", "this can't stay between us" and "I can't promise it's
    /// just between us" do not. Quoted words are not affirmed. Words that a
    /// negated occurrence of one phrase covers are negated for every phrase:
    /// in "I'm not going to take you off the rota" the negator governs "take
    /// you off", so "off the rota", which shares "off" with it, is not
    /// affirmed either. A negated phrase inside a longer one does not cancel
    /// it: "not working tonight" is affirmed though the "not" in it governs
    /// "working tonight".
    pub fn affirms<S: AsRef<str>>(&self, utterance: &str, phrases: &[S]) -> bool {
        self.unnegated(utterance, phrases, false)
    }

    /// Like [`Self::affirms`], for steps the supporter takes: a phrase counts
    /// only where no negator reaches it, in the sense of rules marked
    /// `negatable = "clause"`. So "I'm not going to send you to your GP
    /// today" does not offer "GP", while "don't hesitate to ring your GP"
    /// does. Wording that does harm (a promise of secrecy, a dismissal) is
    /// for `affirms`, whose narrower negation lets less of it slip: "I won't
    /// tell anyone this stays between us" still promises. A step worded with
    /// its own negation ("not safe to drive", "I don't want you working") is
    /// judged as `affirms` judges it.
    pub fn offers<S: AsRef<str>>(&self, utterance: &str, phrases: &[S]) -> bool {
        self.unnegated(utterance, phrases, true)
    }

    /// Whether one of `phrases` occurs where no negator cancels it: one that
    /// governs it, or with `steps`, one that reaches it (unless the phrase
    /// has a negator of its own); see [`Self::affirms`] and [`Self::offers`].
    fn unnegated<S: AsRef<str>>(&self, utterance: &str, phrases: &[S], steps: bool) -> bool {
        let c = &self.compiled;
        let n = Normalised::new(utterance, &c.normalise);
        let sentences = sentence::split(&n.masked);
        let t = n.masked.as_str();
        let is_word = |ch: char| text::is_word_char(ch) || ch == '\'';
        // Every whole-word occurrence: its byte range, and whether a negator
        // governs it.
        let mut found: Vec<(usize, usize, bool)> = Vec::new();
        for p in phrases {
            let p = Normalised::new(p.as_ref(), &c.normalise).text;
            if p.is_empty() {
                continue;
            }
            let negated: fn(&NegationRules, &str, usize, usize, usize) -> bool =
                if steps && !text::words(&p).any(|w| c.negation.negators.contains(w)) {
                    NegationRules::reaches
                } else {
                    NegationRules::governed
                };
            for (at, m) in t.match_indices(p.as_str()) {
                let end = at + m.len();
                let whole = !t[..at].chars().next_back().is_some_and(is_word)
                    && !t[end..].chars().next().is_some_and(is_word);
                if whole {
                    let floor =
                        sentence::containing(&sentences, at).map_or(0, |si| sentences[si].start);
                    found.push((at, end, negated(&c.negation, t, floor, at, end)));
                }
            }
        }
        // A negated occurrence cancels one it overlaps, unless it lies inside
        // it: then the longer phrase carries that negation itself ("not
        // working tonight" around a governed "working tonight").
        found.iter().any(|&(a, b, negated)| {
            !negated
                && !found
                    .iter()
                    .any(|&(x, y, other)| other && x < b && a < y && !(a <= x && y <= b))
        })
    }

    /// Analyses one utterance. `previous_persona_line` is what the persona
    /// said just before; reflections are judged against it.
    pub fn analyse(
        &self,
        utterance: &str,
        previous_persona_line: Option<&str>,
    ) -> Result<Analysis, Error> {
        let chars = utterance.chars().count();
        if chars > MAX_UTTERANCE_CHARS {
            return Err(Error::UtteranceTooLong {
                chars,
                limit: MAX_UTTERANCE_CHARS,
            });
        }
        if utterance.trim().is_empty() {
            return Ok(Analysis {
                question: None,
                behaviours: Vec::new(),
                evidence: evidence_for(None, &[], true),
                rules: Vec::new(),
                silence: true,
                vetoed: Vec::new(),
            });
        }
        let c = &self.compiled;
        let n = Normalised::new(utterance, &c.normalise);
        let mut sentences = sentence::split(&n.masked);
        let mut hits: Vec<(usize, RuleHit)> = Vec::new();
        let span = |a: usize, b: usize| {
            let (s, e) = n.original_range(a, b);
            Span {
                start: s,
                end: e,
                text: utterance.get(s..e).unwrap_or("").to_string(),
            }
        };

        let mut verdicts = Vec::with_capacity(sentences.len());
        for s in sentences.iter_mut() {
            let v = c.question.classify(&n.masked, s);
            s.question = v.map(|v| v.0);
            verdicts.push(v);
        }

        // Behaviour rules: one RegexSet pass, then spans for the rules that matched.
        let mut candidates: Vec<Candidate> = Vec::new();
        let unicode = boundary::needs_unicode(&n.masked);
        for ri in c.set.form(unicode).matches(&n.masked).iter() {
            let r = &c.rules[ri];
            for m in r.regex.form(unicode).find_iter(&n.masked) {
                // A clause-start match may begin on the punctuation before it.
                let start = n.masked[m.start()..m.end()]
                    .find(|ch: char| ch.is_alphanumeric())
                    .map_or(m.start(), |o| m.start() + o);
                let Some(si) = sentence::containing(&sentences, start) else {
                    continue;
                };
                let s = &sentences[si];
                let ok_scope = match r.scope {
                    Scope::Any => true,
                    Scope::Question => s.question.is_some(),
                    Scope::Statement => s.question.is_none(),
                };
                let negated = match r.negation {
                    Negation::Window => {
                        c.negation.negated(&n.masked, s.start, start, m.end())
                            || c.negation.governed(&n.masked, s.start, start, m.end())
                    }
                    Negation::Governed => c.negation.governed(&n.masked, s.start, start, m.end()),
                    Negation::Clause => {
                        c.negation.negated(&n.masked, s.start, start, m.end())
                            || c.negation.reaches(&n.masked, s.start, start, m.end())
                    }
                    Negation::Never => false,
                };
                if !ok_scope || negated {
                    continue;
                }
                if !r.not_with.is_empty()
                    && text::words(n.masked.get(s.start..s.end).unwrap_or(""))
                        .any(|w| r.not_with.contains(w))
                {
                    continue;
                }
                // The clause's words before the match, for the two checks
                // that read them.
                if r.attributable || !r.not_after.is_empty() {
                    let before: Vec<&str> =
                        text::words(text::clause_before(&n.masked, s.start, start)).collect();
                    if r.attributable && c.attribution.attributed(&before) {
                        continue;
                    }
                    if r.not_after.iter().any(|p| text::ends_with(&before, p)) {
                        continue;
                    }
                }
                candidates.push(Candidate {
                    rule: ri,
                    sentence: si,
                    start,
                    end: m.end(),
                });
            }
        }
        let present = |si: usize, labels: &[Behaviour], cands: &[Candidate]| {
            cands
                .iter()
                .any(|x| x.sentence == si && labels.contains(&c.rules[x.rule].label))
        };
        let mut question = None;
        for (si, v) in verdicts.into_iter().enumerate() {
            let Some((mut kind, mut marker, a, b)) = v else {
                continue;
            };
            if kind == QuestionKind::Open
                && marker == question::Marker::Head
                && present(si, &c.question.closing_labels, &candidates)
            {
                kind = QuestionKind::Closed;
                marker = question::Marker::Fact;
            }
            question = Some(kind);
            let label = match kind {
                QuestionKind::Open => "question.open",
                QuestionKind::Closed => "question.closed",
            };
            hits.push((
                a,
                RuleHit {
                    rule: format!("{}.{}", c.language, marker.id()),
                    label: label.to_string(),
                    span: span(a, b),
                },
            ));
        }
        for cand in &candidates {
            let r = &c.rules[cand.rule];
            if present(cand.sentence, &r.suppressed_by, &candidates) {
                continue;
            }
            hits.push((
                cand.start,
                RuleHit {
                    rule: r.id.clone(),
                    label: r.label.id().to_string(),
                    span: span(cand.start, cand.end),
                },
            ));
        }

        // Reflection against the persona's line: overlap and quotation.
        if let Some(prev) = previous_persona_line.filter(|p| !p.trim().is_empty()) {
            let refl = &c.reflection;
            let persona = refl.persona_stems(prev, &c.normalise);
            for (si, s) in sentences.iter().enumerate() {
                if s.question.is_some() {
                    continue;
                }
                if let Some((a, b)) = refl.overlap(&n, s, &persona) {
                    if !present(si, &refl.suppressed_by, &candidates) {
                        hits.push((
                            a,
                            RuleHit {
                                rule: format!("{}.reflection.overlap", c.language),
                                label: Behaviour::Reflection.id().to_string(),
                                span: span(a, b),
                            },
                        ));
                    }
                }
            }
            for &q in &n.quotes {
                let in_statement = sentence::containing(&sentences, q.0)
                    .is_some_and(|si| sentences[si].question.is_none());
                if in_statement && refl.quotes_persona(&n, q, &persona) {
                    hits.push((
                        q.0,
                        RuleHit {
                            rule: format!("{}.reflection.quote", c.language),
                            label: Behaviour::Reflection.id().to_string(),
                            span: span(q.0, q.1),
                        },
                    ));
                }
            }
        }

        follow_through(c, &n.masked, unicode, utterance, &mut hits);
        hits.sort_by(|a, b| a.0.cmp(&b.0).then_with(|| a.1.rule.cmp(&b.1.rule)));
        hits.dedup_by(|a, b| a.1 == b.1);
        let mut behaviours: Vec<Behaviour> = hits
            .iter()
            .filter_map(|(_, h)| Behaviour::from_id(&h.label))
            .collect();
        behaviours.sort();
        behaviours.dedup();
        Ok(Analysis {
            evidence: evidence_for(question, &behaviours, false),
            question,
            behaviours,
            rules: hits.into_iter().map(|(_, h)| h).collect(),
            silence: false,
            vetoed: Vec::new(),
        })
    }
}

/// Applies the timing table: drops a referral without a time frame, a
/// follow-up later than two weeks, and a suicide question the trainee
/// answers themselves or declines to ask; adds a safety step for a same-day
/// referral.
fn follow_through(
    c: &rule::Compiled,
    masked: &str,
    unicode: bool,
    utterance: &str,
    hits: &mut Vec<(usize, RuleHit)>,
) {
    let timing = &c.timing;
    let has = |hits: &[(usize, RuleHit)], l: Behaviour| hits.iter().any(|(_, h)| h.label == l.id());
    let referral_at = hits
        .iter()
        .find(|(_, h)| h.label == Behaviour::Referral.id())
        .map(|(a, h)| (*a, h.span.clone()));
    if let Some((at, sp)) = referral_at {
        if !timing.referral_holds(masked, unicode) {
            hits.retain(|(_, h)| h.label != Behaviour::Referral.id());
        } else if !has(hits, Behaviour::SafetyAction) && timing.names_today(masked, unicode) {
            hits.push((
                at,
                RuleHit {
                    rule: format!("{}.safety_action.same_day_referral", c.language),
                    label: Behaviour::SafetyAction.id().to_string(),
                    span: sp,
                },
            ));
        }
    }
    if has(hits, Behaviour::FollowUp) && timing.follow_up_too_late(masked, unicode) {
        hits.retain(|(_, h)| h.label != Behaviour::FollowUp.id());
    }
    let asking = [
        Behaviour::SuicideInquiry.id(),
        Behaviour::RiskAssessment.id(),
    ];
    let asks =
        |hits: &[(usize, RuleHit)]| hits.iter().any(|(_, h)| asking.contains(&h.label.as_str()));
    if asks(hits) && timing.refused_to_ask(masked, unicode) {
        hits.retain(|(_, h)| !asking.contains(&h.label.as_str()));
    }
    // A risk question followed at once by the trainee's own answer.
    let answered = hits.iter().any(|(_, h)| {
        asking.contains(&h.label.as_str())
            && utterance
                .get(h.span.end..)
                .and_then(|rest| rest.find('?').map(|q| &rest[q + 1..]))
                .is_some_and(|after| timing.answers_itself(&c.normalise.fold_str(after)))
    });
    if answered {
        hits.retain(|(_, h)| !asking.contains(&h.label.as_str()));
    }
}

/// Analyses one utterance with the English rules.
pub fn analyse(utterance: &str, previous: Option<&str>) -> Result<Analysis, Error> {
    Analyser::english().analyse(utterance, previous)
}
