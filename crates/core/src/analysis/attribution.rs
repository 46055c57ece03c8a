//! Attribution: wording given back as the person's own thought. "You feel
//! you should have known" and "part of you thinks it was your fault" reflect
//! the person's self-blame; the supporter is not handing down a verdict. A
//! rule marked `attributable` does not fire when, in its clause, a frame that
//! puts what follows in the person's mind ("you feel", "you keep telling
//! yourself") comes just before the match, with nothing but link words
//! ("that", "like") between them. A frame that is not the person's own
//! ("it sounds like") attributes nothing, so "it sounds like you were
//! careless" is still a judgement; nor does a frame put as a leading
//! question ("don't you think you should have told someone?"): a blocker
//! word just before the frame cancels it.

use super::text::ends_with;
use rustc_hash::FxHashSet as HashSet;

/// Language data for attribution (the `[attribution]` table).
#[derive(Debug, Clone, Default)]
pub(crate) struct AttributionRules {
    /// Word sequences that put what follows in the person's mind.
    pub frames: Vec<Vec<String>>,
    /// Words that may stand between a frame and the match.
    pub links: HashSet<String>,
    /// Words that, just before a frame, cancel it ("do", "not").
    pub blockers: HashSet<String>,
}

impl AttributionRules {
    /// True when `ws`, the words of the clause before a match, end with a
    /// frame followed only by link words.
    pub fn attributed(&self, ws: &[&str]) -> bool {
        if self.frames.is_empty() {
            return false;
        }
        // Every cut after which only links remain; a frame must end at one.
        let mut cut = ws.len();
        loop {
            let head = &ws[..cut];
            let framed = |f: &Vec<String>| {
                let at = head.len().saturating_sub(f.len());
                ends_with(head, f) && !(at > 0 && self.blockers.contains(head[at - 1]))
            };
            if self.frames.iter().any(framed) {
                return true;
            }
            if cut == 0 || !self.links.contains(ws[cut - 1]) {
                return false;
            }
            cut -= 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::text::{clause_before, words};
    use super::*;

    fn rules() -> AttributionRules {
        AttributionRules {
            frames: [
                "you feel",
                "part of you",
                "you keep telling yourself",
                "you blame yourself",
            ]
            .iter()
            .map(|f| f.split(' ').map(String::from).collect())
            .collect(),
            links: ["that", "like", "and", "think", "thinks"]
                .iter()
                .map(|w| w.to_string())
                .collect(),
            blockers: ["do", "not"].iter().map(|w| w.to_string()).collect(),
        }
    }

    /// Whether the match at the first occurrence of `at` in `text` is
    /// attributed.
    fn attributed(text: &str, at: &str) -> bool {
        let ws: Vec<&str> = words(clause_before(text, 0, text.find(at).unwrap())).collect();
        rules().attributed(&ws)
    }

    #[test]
    fn a_frame_with_only_links_before_the_match_attributes_it() {
        assert!(attributed("you feel you should have known", "you should"));
        assert!(attributed("you feel like it was your fault", "it was"));
        assert!(attributed(
            "part of you thinks you made a mistake",
            "you made"
        ));
        assert!(attributed(
            "you blame yourself and think it was your fault",
            "it was"
        ));
        assert!(attributed(
            "so you keep telling yourself that you should have checked",
            "you should"
        ));
    }

    #[test]
    fn other_words_commas_and_foreign_frames_do_not() {
        assert!(!attributed("you should have checked", "you should"));
        assert!(!attributed(
            "you feel awful but you should have checked",
            "you should"
        ));
        assert!(!attributed(
            "you feel like that, you should have checked",
            "you should"
        ));
        assert!(!attributed("it sounds like you were careless", "you were"));
        assert!(!attributed(
            "do not you feel you should have told someone",
            "you should"
        ));
        assert!(!AttributionRules::default().attributed(&["you", "feel"]));
    }
}
