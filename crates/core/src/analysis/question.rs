//! Question detection: open, closed or none, from sentence heads,
//! inverted auxiliaries, invitations and question marks.

use super::sentence::Sentence;
use super::text::{starts_with, CLAUSE_MARKS};
use super::QuestionKind;
use crate::behaviour::Behaviour;
use rustc_hash::FxHashSet as HashSet;

/// Language data for questions (the `[question]` table). Phrases are stored
/// as word sequences.
#[derive(Debug, Clone, Default)]
pub(crate) struct QuestionRules {
    /// Words skipped at the start of a clause.
    pub fillers: HashSet<String>,
    /// Heads of open questions.
    pub open_heads: Vec<Vec<String>>,
    /// Heads of closed questions.
    pub closed_heads: Vec<Vec<String>>,
    /// Story invitations (open, no question mark needed).
    pub invitations: Vec<Vec<String>>,
    /// Tentative yes/no questions (closed, no question mark needed).
    pub closed_invitations: Vec<Vec<String>>,
    /// Suggestions shaped like questions (not questions).
    pub suggestions: Vec<Vec<String>>,
    /// Auxiliaries that open a yes/no question.
    pub auxiliaries: HashSet<String>,
    /// Subjects that follow an inverted auxiliary.
    pub subjects: HashSet<String>,
    /// Subjects that make an inversion inside a clause a question
    /// ("... alive are you thinking ...").
    pub embedded_subjects: HashSet<String>,
    /// Words that, just before an auxiliary and subject inside a clause,
    /// mean it is not an inversion ("what are you", "if you are", "we are").
    pub inversion_blockers: HashSet<String>,
    /// Words after an open head that make it a question without a "?".
    pub head_followers: HashSet<String>,
    /// Labels that turn a head-led open question into a closed one (it asks
    /// for a single fact).
    pub closing_labels: Vec<Behaviour>,
    /// Copulas that, later in a clause led by a head and a lexical verb and
    /// with no question mark, make it a statement ("what helped me was
    /// running", "what matters is that you are safe").
    pub cleft_copulas: HashSet<String>,
}

/// Why a sentence was taken as a question (becomes part of the rule id).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Marker {
    /// A question word at the start of a clause.
    Head,
    /// An inverted auxiliary ("did you ...").
    Auxiliary,
    /// An invitation to talk ("tell me about ...").
    Invitation,
    /// A tentative "I wonder if ...".
    Tentative,
    /// Only a question mark (a declarative or tag question).
    Mark,
    /// A wh-question that probes a single fact (see `closing_labels`).
    Fact,
}

impl Marker {
    /// The rule-id suffix for this marker.
    pub fn id(self) -> &'static str {
        match self {
            Marker::Head => "question.head",
            Marker::Auxiliary => "question.auxiliary",
            Marker::Invitation => "question.invitation",
            Marker::Tentative => "question.tentative",
            Marker::Mark => "question.mark",
            Marker::Fact => "question.fact",
        }
    }
}

/// A classified sentence: its kind, the marker, and the byte range of the
/// clause that decided it.
pub(crate) type Verdict = (QuestionKind, Marker, usize, usize);

fn longest<'p>(words: &[&str], phrases: &'p [Vec<String>]) -> Option<&'p Vec<String>> {
    phrases
        .iter()
        .filter(|p| starts_with(words, p))
        .max_by_key(|p| p.len())
}

/// Word tokens of a clause, with their byte offsets relative to `base`.
fn tokens(text: &str, base: usize) -> Vec<(&str, usize, usize)> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    for (i, c) in text.char_indices() {
        let word = c.is_alphanumeric() || c == '\'';
        match (word, start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                out.push((&text[s..i], base + s, base + i));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push((&text[s..], base + s, base + text.len()));
    }
    out
}

impl QuestionRules {
    /// Classifies one clause (a comma-separated part of a sentence).
    fn clause(&self, words: &[&str], mark: bool) -> Option<Result<(QuestionKind, Marker), ()>> {
        let mut w = words;
        while let Some(first) = w.first() {
            if self.fillers.contains(*first) {
                w = &w[1..];
            } else {
                break;
            }
        }
        if w.is_empty() {
            return None;
        }
        if longest(w, &self.suggestions).is_some() {
            return Some(Err(()));
        }
        if longest(w, &self.invitations).is_some() {
            return Some(Ok((QuestionKind::Open, Marker::Invitation)));
        }
        if longest(w, &self.closed_invitations).is_some() {
            return Some(Ok((QuestionKind::Closed, Marker::Tentative)));
        }
        let open = longest(w, &self.open_heads);
        let closed = longest(w, &self.closed_heads);
        let head = match (open, closed) {
            (Some(o), Some(c)) if c.len() >= o.len() => Some((QuestionKind::Closed, c.len())),
            (Some(o), _) => Some((QuestionKind::Open, o.len())),
            (None, Some(c)) => Some((QuestionKind::Closed, c.len())),
            (None, None) => None,
        };
        if let Some((kind, len)) = head {
            let next = w.get(len).copied();
            let follower = next.is_some_and(|n| self.head_followers.contains(n));
            if mark {
                return Some(Ok((kind, Marker::Head)));
            }
            if follower {
                let lexical = next.is_some_and(|n| !self.auxiliaries.contains(n));
                let cleft = lexical
                    && w.get(len + 1..)
                        .is_some_and(|rest| rest.iter().any(|r| self.cleft_copulas.contains(*r)));
                if cleft {
                    return None;
                }
                return Some(Ok((kind, Marker::Head)));
            }
        }
        if self.auxiliaries.contains(w[0]) {
            let mut i = 1;
            if w.get(i) == Some(&"not") {
                i += 1;
            }
            if w.get(i).is_some_and(|s| self.subjects.contains(*s)) {
                return Some(Ok((QuestionKind::Closed, Marker::Auxiliary)));
            }
        }
        // A run-on turn typed without punctuation may ask after a name or a
        // lead-in ("priya are you ...", "when you say that do you mean ...").
        for k in 1..w.len().saturating_sub(1) {
            if self.auxiliaries.contains(w[k])
                && self.embedded_subjects.contains(w[k + 1])
                && !self.inversion_blockers.contains(w[k - 1])
            {
                return Some(Ok((QuestionKind::Closed, Marker::Auxiliary)));
            }
        }
        None
    }

    /// Classifies a sentence of `text`. When several clauses ask questions
    /// the last one decides. A sentence ending in "?" with no recognised
    /// head is a closed (declarative or tag) question.
    pub fn classify(&self, text: &str, s: &Sentence) -> Option<Verdict> {
        let body = text.get(s.start..s.end).unwrap_or("");
        let mut verdict: Option<Verdict> = None;
        let mut offset = 0;
        let mut words: Vec<&str> = Vec::new();
        for part in body.split(CLAUSE_MARKS) {
            let base = s.start + offset;
            // Step over the part and the mark after it, whose UTF-8 length
            // varies ("—" is three bytes).
            offset += part.len();
            offset += body[offset..].chars().next().map_or(0, char::len_utf8);
            let toks = tokens(part, base);
            words.clear();
            words.extend(toks.iter().map(|t| t.0));
            match self.clause(&words, s.question_mark) {
                Some(Err(())) => return None,
                Some(Ok((kind, marker))) => {
                    let a = toks.first().map_or(base, |t| t.1);
                    verdict = Some((kind, marker, a, s.end));
                }
                None => {}
            }
        }
        match verdict {
            Some(v) => Some(v),
            None if s.question_mark => Some((QuestionKind::Closed, Marker::Mark, s.start, s.end)),
            None => None,
        }
    }
}
