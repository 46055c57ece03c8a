//! Negation scope: a negator ("not", "never") shortly before a match, in the same clause, or
//! inside the match, cancels a negatable rule ("I'm not here to judge").
//!
//! Wording that carries its own negation ("nothing to worry about", "you'd
//! never do that") is instead cancelled only by a negator that *governs* it: one
//! before the match in its clause with nothing but link words between them
//! ("I can't promise there's nothing to worry about", "you're not safe to
//! drive home"), so "don't worry, it's nothing" still plays it down.

use super::text::{clause_before, starts_with, words};
use rustc_hash::FxHashSet as HashSet;

/// Language data for negation (the `[negation]` table).
#[derive(Debug, Clone, Default)]
pub(crate) struct NegationRules {
    /// How many words before the match are searched.
    pub window: usize,
    /// The negation words.
    pub negators: HashSet<String>,
    /// Words that close a scope (a negator before them does not reach past).
    pub breakers: HashSet<String>,
    /// Words that may stand between a negator and the wording it governs
    /// ("can't *promise there's* nothing to worry about").
    pub links: HashSet<String>,
    /// Cues that, first in their clause, are an answer rather than a
    /// negation ("no you'd never do that").
    pub interjections: HashSet<String>,
    /// Verbs of keeping, promising or pretending: right after a negator (and its
    /// links) they carry it to the end of the clause ("I can't *keep* what
    /// you've told me between us").
    pub carriers: Vec<Vec<String>>,
    /// Words that, right after a negator, make it additive rather than
    /// negating ("you're not *only* feeling anxious but also…").
    pub additives: HashSet<String>,
}

impl NegationRules {
    /// True when `text[match_start..match_end]` is negated, looking back no
    /// further than `clause_floor` (the sentence start).
    pub fn negated(
        &self,
        text: &str,
        clause_floor: usize,
        match_start: usize,
        match_end: usize,
    ) -> bool {
        let inside: Vec<&str> = words(text.get(match_start..match_end).unwrap_or("")).collect();
        if (0..inside.len()).any(|i| self.negates(inside[i], inside.get(i + 1).copied())) {
            return true;
        }
        // Clause punctuation closes the scope.
        let before: Vec<&str> = words(clause_before(text, clause_floor, match_start)).collect();
        let mut seen = 0;
        for i in (0..before.len()).rev() {
            let w = before[i];
            if self.breakers.contains(w) {
                return false;
            }
            let next = before.get(i + 1).or(inside.first()).copied();
            if self.negates(w, next) {
                return true;
            }
            seen += 1;
            if seen >= self.window {
                break;
            }
        }
        false
    }

    /// True when `word` is a negator that negates: not one made additive by
    /// the word after it ("not only").
    fn negates(&self, word: &str, next: Option<&str>) -> bool {
        self.negators.contains(word) && !next.is_some_and(|n| self.additives.contains(n))
    }

    /// True when a negator before `match_start`, in the same clause (looking back
    /// no further than `clause_floor`), governs the match: only link words
    /// stand between the negator and the match. Words inside the match are not
    /// looked at, so wording with its own negation can be governed too.
    pub fn governed(&self, text: &str, clause_floor: usize, match_start: usize) -> bool {
        let before = clause_before(text, clause_floor, match_start);
        let ws: Vec<&str> = words(before).collect();
        // The nearest negator in the clause, unless a breaker comes first.
        let negates = |i: usize| self.negates(ws[i], ws.get(i + 1).copied());
        let Some(negator) = (0..ws.len())
            .rev()
            .find(|&i| negates(i) || self.breakers.contains(ws[i]))
            .filter(|&i| negates(i))
        else {
            return false;
        };
        if negator == 0 && self.interjections.contains(ws[0]) {
            return false;
        }
        // Between the negator and the match: links only, or links up to a carrier.
        for i in negator + 1..ws.len() {
            let rest = &ws[i..];
            if self.carriers.iter().any(|c| starts_with(rest, c)) {
                return true;
            }
            if !self.links.contains(ws[i]) {
                return false;
            }
        }
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rules() -> NegationRules {
        NegationRules {
            window: 5,
            negators: ["not", "never", "no", "nobody"]
                .iter()
                .map(|s| s.to_string())
                .collect(),
            breakers: ["but"].iter().map(|s| s.to_string()).collect(),
            links: ["promise", "there", "is", "you", "say"]
                .iter()
                .map(|s| s.to_string())
                .collect(),
            interjections: ["no"].iter().map(|s| s.to_string()).collect(),
            carriers: vec![
                vec!["keep".to_string()],
                vec!["leave".to_string(), "it".to_string()],
            ],
            additives: ["only"].iter().map(|s| s.to_string()).collect(),
        }
    }

    #[test]
    fn governed_needs_only_links_between_cue_and_match() {
        let r = rules();
        let t = "i can not promise there is nothing to worry about";
        assert!(r.governed(t, 0, t.find("nothing").unwrap()));
        let t = "you are not safe to drive home";
        assert!(r.governed(t, 0, t.find("safe").unwrap()));
        // "worry" is not a link: the negator negates it, not what follows.
        let t = "do not worry it is nothing to worry about";
        assert!(!r.governed(t, 0, t.find("nothing").unwrap()));
        // A clause break, a breaker, or no negator at all.
        let t = "i can not promise, there is nothing to worry about";
        assert!(!r.governed(t, 0, t.find("nothing").unwrap()));
        let t = "not really but you would never";
        assert!(!r.governed(t, 0, t.find("you").unwrap()));
        let t = "there is nothing to worry about";
        assert!(!r.governed(t, 0, t.find("nothing").unwrap()));
        // "no" first in its clause answers; later it negates.
        let t = "no you would never do that";
        assert!(!r.governed(t, 0, t.find("would").unwrap()));
        let t = "i say no you would never";
        assert!(r.governed(t, 0, t.find("would").unwrap()));
        // A carrier reaches past words that are not links.
        let t = "i can not keep what they told me between us";
        assert!(r.governed(t, 0, t.find("between").unwrap()));
        let t = "i will not leave it at call me if";
        assert!(r.governed(t, 0, t.find("call").unwrap()));
        let t = "i will not tell anyone this stays between us";
        assert!(!r.governed(t, 0, t.find("stays").unwrap()));
    }

    #[test]
    fn cue_before_or_inside_negates() {
        let r = rules();
        let t = "i am not here to judge you";
        let at = t.find("judge").unwrap();
        assert!(r.negated(t, 0, at, at + 5));
        let t = "you are not to blame";
        assert!(r.negated(t, 0, 0, t.len()));
    }

    #[test]
    fn not_only_adds_rather_than_negates() {
        let r = rules();
        let t = "you are not only feeling anxious but also alone";
        let at = t.find("feeling").unwrap();
        assert!(!r.negated(t, 0, at, at + 15));
        // Inside the match too, and right before it.
        assert!(!r.negated(t, 0, 0, at + 15));
        let t = "you are not only";
        let at = t.find("only").unwrap();
        assert!(!r.negated(t, 0, at, t.len()));
        // Any other word after the negator leaves it negating.
        let t = "you are not feeling anxious";
        let at = t.find("feeling").unwrap();
        assert!(r.negated(t, 0, at, t.len()));
        let t = "there is not only nothing to worry about";
        assert!(!r.governed(t, 0, t.find("nothing").unwrap()));
    }

    #[test]
    fn scope_stops_at_breakers_commas_and_window() {
        let r = rules();
        let t = "not that, you made a mistake";
        let at = t.find("you").unwrap();
        assert!(!r.negated(t, 0, at, t.len()));
        let t = "no but you made a mistake";
        let at = t.find("you").unwrap();
        assert!(!r.negated(t, 0, at, t.len()));
        let t = "not one two three four five six you made a mistake";
        let at = t.find("you").unwrap();
        assert!(!r.negated(t, 0, at, t.len()));
    }
}
