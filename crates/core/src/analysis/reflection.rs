//! Reflection judged against the persona's previous line: content words the
//! trainee's statement shares with it, and quotations of it.

use super::sentence::Sentence;
use super::text::{is_word_char, NormaliseRules, Normalised};
use crate::behaviour::Behaviour;
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

/// Language data for reflections (the `[reflection]` table).
#[derive(Debug, Clone, Default)]
pub(crate) struct ReflectionRules {
    /// Shared content words needed in an ordinary statement.
    pub min_shared: usize,
    /// Shared content words needed when the statement starts with "you".
    pub min_shared_second_person: usize,
    /// Words that make a statement second-person.
    pub second_person: HashSet<String>,
    /// Shorter words are not content words.
    pub min_word_len: usize,
    /// Suffixes stripped for a light stem, longest first.
    pub stem_endings: Vec<String>,
    /// Words before a quotation that mark it as reported speech.
    pub quote_markers: Vec<Vec<String>>,
    /// Labels that, in the same sentence, mean overlap is not a reflection.
    pub suppressed_by: Vec<Behaviour>,
    /// Function words ignored for overlap.
    pub stopwords: HashSet<String>,
    /// Overlap counts only in a sentence that speaks to the person ("you",
    /// "your"): a supporter's own story or a general remark that happens to
    /// share words is not a paraphrase.
    pub require_second_person: bool,
    /// Word form -> head word: irregular forms ("felt" -> "feel") and
    /// near-synonyms ("mum" -> "mother"), so a paraphrase in other words
    /// still overlaps.
    pub lemmas: HashMap<String, String>,
}

/// A word of the normalised text with its byte range.
fn words(text: &str) -> Vec<(&str, usize, usize)> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    for (i, c) in text.char_indices() {
        let w = is_word_char(c) || c == '\'';
        match (w, start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                out.push((text[s..i].trim_matches('\''), s, i));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push((text[s..].trim_matches('\''), s, text.len()));
    }
    out
}

impl ReflectionRules {
    fn stem(&self, word: &str) -> Option<String> {
        if word.chars().count() < self.min_word_len || self.stopwords.contains(word) {
            return None;
        }
        if let Some(head) = self.lemmas.get(word) {
            return Some(head.clone());
        }
        for e in &self.stem_endings {
            if let Some(s) = word.strip_suffix(e.as_str()) {
                if s.chars().count() >= 3 {
                    return Some(s.to_string());
                }
            }
        }
        Some(word.to_string())
    }

    /// Content stems of the persona's previous line.
    pub fn persona_stems(&self, previous: &str, normalise: &NormaliseRules) -> HashSet<String> {
        let n = Normalised::new(previous, normalise);
        words(&n.text)
            .into_iter()
            .filter_map(|(w, _, _)| self.stem(w))
            .collect()
    }

    /// When `sentence` (a statement) shares enough content words with the
    /// persona's line, the byte range from the first to the last shared word.
    pub fn overlap(
        &self,
        n: &Normalised,
        s: &Sentence,
        persona: &HashSet<String>,
    ) -> Option<(usize, usize)> {
        if persona.is_empty() {
            return None;
        }
        let body = n.text.get(s.start..s.end)?;
        let ws = words(body);
        let second_person = ws.first().is_some_and(|w| self.second_person.contains(w.0));
        if self.require_second_person && !ws.iter().any(|w| self.second_person.contains(w.0)) {
            return None;
        }
        let need = if second_person {
            self.min_shared_second_person
        } else {
            self.min_shared
        };
        let mut shared = HashSet::default();
        let mut range: Option<(usize, usize)> = None;
        for (w, a, b) in ws {
            if let Some(stem) = self.stem(w) {
                if persona.contains(&stem) {
                    shared.insert(stem);
                    let (a, b) = (s.start + a, s.start + b);
                    range = Some(range.map_or((a, b), |(x, _)| (x, b)));
                }
            }
        }
        if shared.len() >= need {
            range
        } else {
            None
        }
    }

    /// Whether the quotation `q` (byte range in `n.text`, marks included)
    /// is the persona's words: it shares a content word with the persona's
    /// line, or a reporting word ("you said") comes just before it.
    pub fn quotes_persona(
        &self,
        n: &Normalised,
        q: (usize, usize),
        persona: &HashSet<String>,
    ) -> bool {
        let inner = n.text.get(q.0..q.1).unwrap_or("");
        if words(inner)
            .iter()
            .any(|(w, _, _)| self.stem(w).is_some_and(|s| persona.contains(&s)))
        {
            return true;
        }
        let before = n.text.get(..q.0).unwrap_or("");
        let before: Vec<&str> = words(before).into_iter().map(|w| w.0).collect();
        let tail = &before[before.len().saturating_sub(4)..];
        self.quote_markers.iter().any(|m| {
            tail.windows(m.len())
                .any(|win| win.iter().zip(m).all(|(a, b)| *a == b))
        })
    }
}
