//! Negation scope: a cue word shortly before a match, in the same clause, or
//! inside the match, cancels a negatable rule ("I'm not here to judge").

use std::collections::HashSet;

/// Language data for negation (the `[negation]` table).
#[derive(Debug, Clone, Default)]
pub(crate) struct NegationRules {
    /// How many words before the match are searched.
    pub window: usize,
    /// Negation cue words.
    pub cues: HashSet<String>,
    /// Words that close a scope (a cue before them does not reach past).
    pub breakers: HashSet<String>,
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
        let inside = text.get(match_start..match_end).unwrap_or("");
        if words(inside).any(|w| self.cues.contains(w)) {
            return true;
        }
        let before = text.get(clause_floor..match_start).unwrap_or("");
        // Clause punctuation closes the scope.
        let before = match before.rfind([',', ':', '(', ')', '—', '–']) {
            Some(p) => &before[p + 1..],
            None => before,
        };
        let mut seen = 0;
        for w in words(before).collect::<Vec<_>>().into_iter().rev() {
            if self.breakers.contains(w) {
                return false;
            }
            if self.cues.contains(w) {
                return true;
            }
            seen += 1;
            if seen >= self.window {
                break;
            }
        }
        false
    }
}

fn words(s: &str) -> impl Iterator<Item = &str> {
    s.split(|c: char| !(c.is_alphanumeric() || c == '\''))
        .filter(|w| !w.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rules() -> NegationRules {
        NegationRules {
            window: 5,
            cues: ["not", "never", "no", "nobody"]
                .iter()
                .map(|s| s.to_string())
                .collect(),
            breakers: ["but"].iter().map(|s| s.to_string()).collect(),
        }
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
