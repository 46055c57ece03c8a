//! Negation scope: a negator ("not", "never") shortly before a match, in the same clause, or
//! inside the match, cancels a negatable rule ("I'm not here to judge").
//!
//! Wording that carries its own negation ("nothing to worry about", "you'd
//! never do that") is instead cancelled only by a negator that *governs* it: one
//! before the match in its clause with nothing but link words between them
//! ("I can't promise there's nothing to worry about", "you're not safe to
//! drive home"), so "don't worry, it's nothing" still plays it down.
//!
//! Two shapes reach further or less far than the words alone suggest:
//! - a negator spreads over "or" to the next step ("you don't have to hand
//!   them over or stay with someone" takes neither step);
//! - a negator before a word such as "hesitate" or "afraid" is spent on it
//!   ("don't hesitate to call the crisis team" makes the call);
//! - two negators cancel when the second is one such as "without" ("you're
//!   not going home without speaking to the crisis team" makes the call a
//!   condition of going).

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
    /// Words a negator turns into encouragement ("don't *hesitate* to call",
    /// "never be *afraid* to ask"): the negator goes no further than them.
    pub reversers: HashSet<String>,
    /// Words that join a second step to a governed first one, so the negator
    /// governs both ("you don't have to hand them over *or* stay with
    /// someone").
    pub disjunctions: HashSet<String>,
    /// Negators that cancel an earlier negator of their clause, and are
    /// cancelled by it: "not … *without* ringing" requires the call.
    pub doubles: HashSet<String>,
    /// Subjects that, in the step after a disjunction, start a clause of their
    /// own that the negator does not reach ("or *you* could…"); followed by
    /// one of `auxiliaries`, they do so anywhere ("it's not your fault *we
    /// can* ring…").
    pub subjects: HashSet<String>,
    /// How many words that are not links a negator reaches over, in the same
    /// clause, to cancel a step (rules marked `negatable = "clause"`, and
    /// `affirms`). 0 keeps such steps to the governed negation.
    pub reach: usize,
    /// Auxiliaries and modals (the question table's): a subject followed by
    /// one starts a new clause.
    pub auxiliaries: HashSet<String>,
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
            if self.breakers.contains(w) || self.reversers.contains(w) {
                return false;
            }
            let next = before.get(i + 1).or(inside.first()).copied();
            if self.negates(w, next) {
                return !self.cancelled(&before, i);
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
    /// stand between the negator and the match, or a carrier follows the
    /// negator, or the match is the second step of a disjunction the negator
    /// governs. Words inside the match are not looked at, so wording with its
    /// own negation can be governed too.
    pub fn governed(
        &self,
        text: &str,
        clause_floor: usize,
        match_start: usize,
        match_end: usize,
    ) -> bool {
        let before = clause_before(text, clause_floor, match_start);
        let ws: Vec<&str> = words(before).collect();
        let Some(negator) = self.nearest_negator(&ws) else {
            return false;
        };
        // Between the negator and the match: links only, or links up to a carrier.
        for i in negator + 1..ws.len() {
            let rest = &ws[i..];
            if self.carriers.iter().any(|c| starts_with(rest, c)) {
                return true;
            }
            if !self.links.contains(ws[i]) {
                let inside: Vec<&str> =
                    words(text.get(match_start..match_end).unwrap_or("")).collect();
                return self.second_step(&ws[negator + 1..], &inside);
            }
        }
        true
    }

    /// The nearest negator in the clause words `ws` (see
    /// [`Self::nearest_plain`]), unless it is a double cancelled by an
    /// earlier negator.
    fn nearest_negator(&self, ws: &[&str]) -> Option<usize> {
        self.nearest_plain(ws).filter(|&i| !self.cancelled(ws, i))
    }

    /// The nearest negator in the clause words `ws`, unless a breaker comes
    /// first, or it is an answer ("no") at the start of the clause.
    fn nearest_plain(&self, ws: &[&str]) -> Option<usize> {
        let negates = |i: usize| self.negates(ws[i], ws.get(i + 1).copied());
        (0..ws.len())
            .rev()
            .find(|&i| negates(i) || self.breakers.contains(ws[i]))
            .filter(|&i| negates(i))
            .filter(|&i| !(i == 0 && self.interjections.contains(ws[0])))
    }

    /// True when the negator `ws[at]` is a double ("without") and another
    /// negator stands before it in the clause with no breaker between: the
    /// two cancel ("not going home *without* ringing").
    fn cancelled(&self, ws: &[&str], at: usize) -> bool {
        self.doubles.contains(ws[at]) && self.nearest_plain(&ws[..at]).is_some()
    }

    /// True when a negator earlier in the clause reaches the match: it
    /// governs it (see [`Self::governed`]), or at most `reach` words that are
    /// not links stand between them, none a reverser, and no new clause
    /// starts on the way (a subject and an auxiliary after a word that is not
    /// a link: "it's not your fault, *we can* ring your GP" typed without the
    /// comma). So "I'm not going to send you to your GP today" and "I don't
    /// think you need to see occupational health" decline the step.
    pub fn reaches(
        &self,
        text: &str,
        clause_floor: usize,
        match_start: usize,
        match_end: usize,
    ) -> bool {
        if self.governed(text, clause_floor, match_start, match_end) {
            return true;
        }
        if self.reach == 0 {
            return false;
        }
        let ws: Vec<&str> = words(clause_before(text, clause_floor, match_start)).collect();
        let Some(negator) = self.nearest_negator(&ws) else {
            return false;
        };
        // The match's first words too: a new clause may start with it.
        let next: Vec<&str> = words(text.get(match_start..match_end).unwrap_or(""))
            .take(2)
            .collect();
        let all: Vec<&str> = ws.iter().chain(&next).copied().collect();
        let mut content = 0;
        for i in negator + 1..all.len() {
            let w = all[i];
            if self.reversers.contains(w) {
                return false;
            }
            let opens = self.subjects.contains(w)
                && all
                    .get(i + 1)
                    .is_some_and(|n| self.auxiliaries.contains(*n));
            if content > 0 && opens {
                return false;
            }
            if i < ws.len() && !self.links.contains(w) {
                content += 1;
                if content > self.reach {
                    return false;
                }
            }
        }
        true
    }

    /// True when `rest`, the words between a negator and a match, is a first
    /// step, a disjunction, and the start of a second step that holds the
    /// match (`inside`, its words). Each step has at most `window` words that are not links and no
    /// reverser, and the second has no subject of its own: "or you could stay
    /// with your sister" offers another way, and a subject later on starts a
    /// clause the negator does not reach ("or even fifty when I left").
    fn second_step(&self, rest: &[&str], inside: &[&str]) -> bool {
        let step = |ws: &[&str]| {
            !ws.iter().any(|w| self.reversers.contains(*w))
                && ws.iter().filter(|w| !self.links.contains(**w)).count() <= self.window
        };
        (1..rest.len()).any(|at| {
            let (first, second) = (&rest[..at], &rest[at + 1..]);
            self.disjunctions.contains(rest[at])
                && !second
                    .iter()
                    .chain(inside)
                    .any(|w| self.subjects.contains(*w))
                && step(first)
                && step(second)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Whether the rules' negator governs `text` at the first `at`.
    fn governs(text: &str, at: &str) -> bool {
        rules().governed(text, 0, text.find(at).unwrap(), text.len())
    }

    fn rules() -> NegationRules {
        NegationRules {
            window: 5,
            negators: ["not", "never", "no", "nobody", "without"]
                .iter()
                .map(|s| s.to_string())
                .collect(),
            breakers: ["but"].iter().map(|s| s.to_string()).collect(),
            links: [
                "promise", "there", "is", "you", "say", "am", "going", "to", "the", "ring", "i",
                "think",
            ]
            .iter()
            .map(|s| s.to_string())
            .collect(),
            interjections: ["no"].iter().map(|s| s.to_string()).collect(),
            carriers: vec![
                vec!["keep".to_string()],
                vec!["leave".to_string(), "it".to_string()],
            ],
            additives: ["only"].iter().map(|s| s.to_string()).collect(),
            reversers: ["hesitate", "afraid"]
                .iter()
                .map(|s| s.to_string())
                .collect(),
            disjunctions: ["or"].iter().map(|s| s.to_string()).collect(),
            doubles: ["without"].iter().map(|s| s.to_string()).collect(),
            subjects: ["you", "we"].iter().map(|s| s.to_string()).collect(),
            reach: 3,
            auxiliaries: ["can", "will"].iter().map(|s| s.to_string()).collect(),
        }
    }

    #[test]
    fn governed_needs_only_links_between_cue_and_match() {
        assert!(governs(
            "i can not promise there is nothing to worry about",
            "nothing"
        ));
        assert!(governs("you are not safe to drive home", "safe"));
        // "worry" is not a link: the negator negates it, not what follows.
        assert!(!governs(
            "do not worry it is nothing to worry about",
            "nothing"
        ));
        // A clause break, a breaker, or no negator at all.
        assert!(!governs(
            "i can not promise, there is nothing to worry about",
            "nothing"
        ));
        assert!(!governs("not really but you would never", "you"));
        assert!(!governs("there is nothing to worry about", "nothing"));
        // "no" first in its clause answers; later it negates.
        assert!(!governs("no you would never do that", "would"));
        assert!(governs("i say no you would never", "would"));
        // A carrier reaches past words that are not links.
        assert!(governs(
            "i can not keep what they told me between us",
            "between"
        ));
        assert!(governs("i will not leave it at call me if", "call"));
        assert!(!governs(
            "i will not tell anyone this stays between us",
            "stays"
        ));
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
        assert!(!governs(
            "there is not only nothing to worry about",
            "nothing"
        ));
    }

    #[test]
    fn a_negator_spreads_over_or_to_the_next_step() {
        assert!(governs(
            "you do not have to hand them over or stay with someone",
            "stay"
        ));
        // Either step may be links only, and the match may stand later in
        // the second step.
        assert!(governs("you do not have to call or text me", "text"));
        assert!(governs(
            "i will not hand them over or give away the keys",
            "keys"
        ));
        // Too long a step, a new subject, a breaker, a clause break, or no "or".
        assert!(!governs(
            "you do not have to hand one two three four five six or stay",
            "stay"
        ));
        assert!(!governs(
            "you do not have to hand them or give one two three four five six keys",
            "keys"
        ));
        assert!(!governs(
            "you do not have to hand them over or you could stay with someone",
            "stay"
        ));
        assert!(!governs(
            "people do not meet anyone until forty or fifty when you least expect",
            "least"
        ));
        assert!(!governs(
            "you do not have to hand them over but stay with someone",
            "stay"
        ));
        assert!(!governs(
            "you do not have to hand them over, or stay with someone",
            "stay"
        ));
        assert!(!governs(
            "you do not have to hand them over stay with someone",
            "stay"
        ));
    }

    #[test]
    fn a_negator_reaches_a_step_a_few_words_on() {
        let r = rules();
        let reaches = |t: &str, at: &str| r.reaches(t, 0, t.find(at).unwrap(), t.len());
        // Governed, or up to three words that are not links on.
        assert!(reaches("i am not going to ring the gp", "gp"));
        assert!(reaches("i am not going to send you to your gp today", "gp"));
        assert!(!reaches("not one two three four the gp", "gp"));
        // A reverser, a breaker, a clause break, or a new clause stops it.
        assert!(!reaches("do not hesitate to ring the gp", "gp"));
        assert!(!reaches("it is not your fault but ring the gp", "gp"));
        assert!(!reaches("it is not your fault, ring the gp", "gp"));
        assert!(!reaches("it is not your fault we can ring the gp", "gp"));
        assert!(!reaches("it is not your fault we will ring the gp", "we"));
        // A subject and an auxiliary right after the negator's links do not.
        assert!(reaches("i do not think we can ring the gp", "gp"));
        // With no reach set, only the governed negation counts.
        let mut none = rules();
        none.reach = 0;
        let t = "i am not going to send you to your gp today";
        assert!(!none.reaches(t, 0, t.find("gp").unwrap(), t.len()));
    }

    #[test]
    fn a_reverser_takes_the_negation_for_itself() {
        let r = rules();
        let t = "do not hesitate to call the crisis team";
        let at = t.find("crisis").unwrap();
        assert!(!r.negated(t, 0, at, t.len()));
        assert!(!r.governed(t, 0, at, t.len()));
        assert!(!governs("never be afraid to ask me or the team", "team"));
        // A negator after the reverser still negates.
        let t = "do not hesitate not to call";
        let at = t.find("call").unwrap();
        assert!(r.negated(t, 0, at, t.len()));
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

    #[test]
    fn a_second_negator_such_as_without_cancels_the_first() {
        let r = rules();
        // "Not … without" makes the step a condition: it is taken.
        let t = "you are not going home without ringing the crisis team";
        let at = t.find("ringing").unwrap();
        assert!(!r.negated(t, 0, at, t.len()));
        assert!(!r.reaches(t, 0, at, t.len()));
        // "Without" alone declines it, and so does a plain "not".
        let t = "you can go home without ringing the crisis team";
        let at = t.find("ringing").unwrap();
        assert!(r.negated(t, 0, at, t.len()));
        let t = "i am not going to ring the crisis team";
        let at = t.find("ring").unwrap();
        assert!(r.reaches(t, 0, at, t.len()));
        // An answer "no" at the start of the clause is not the first negator,
        // and a breaker between the two keeps them apart.
        let t = "no you can go home without ringing the crisis team";
        let at = t.find("ringing").unwrap();
        assert!(r.negated(t, 0, at, t.len()));
        let t = "not yet but go home without ringing the crisis team";
        let at = t.find("ringing").unwrap();
        assert!(r.negated(t, 0, at, t.len()));
    }
}
