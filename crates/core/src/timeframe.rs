//! Time-bound competencies in menu choices: the lint that holds authored
//! choices to the same timing rules the analyser applies to typed words.
//!
//! `follow_up` is a contact within one to two weeks, so a choice that earns
//! `follow_up` credit for "next month" is flagged (W107). A choice that shows
//! `referral` with no time frame, or with a deferral ("your GP at some
//! point"), is flagged too (W108): such words are not a referral.
//!
//! Choices are judged by the timing table of the scenario's own language
//! (`language` in its metadata), so "hoy" and "esta semana" count in a
//! Spanish scenario as "today" and "this week" do in an English one.

use crate::analysis::Analyser;
use crate::behaviour::Behaviour;
use crate::competency::Competency;
use crate::scenario::finding::{Finding, FindingCode};
use crate::scenario::Scenario;

/// The timing findings for every choice of a scenario.
/// A scenario in a language without an analyser gets none: loading it
/// already reports the unknown language.
pub fn findings(s: &Scenario) -> Vec<Finding> {
    let Ok(analyser) = Analyser::for_language(s.language()) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for beat in &s.def.beats {
        for c in &beat.choices {
            let verdict = analyser.follow_through(&c.text);
            let claims_follow_up = c.outcome.shows.contains(&Behaviour::FollowUp)
                || c.outcome
                    .evidence
                    .iter()
                    .any(|e| e.competency == Competency::FollowUp && e.delta > 0);
            if claims_follow_up && verdict.follow_up_too_late {
                out.push(finding(s, FindingCode::W107, beat.at, &c.text, format!(
                    "beat \"{}\", choice #{}: follow-up credit for a contact later than two weeks; the competency is a follow-up in one to two weeks, so give this choice no follow_up credit or bring the contact forward",
                    beat.id, c.id
                )));
            }
            if c.outcome.shows.contains(&Behaviour::Referral) && !verdict.referral_holds {
                out.push(finding(s, FindingCode::W108, beat.at, &c.text, format!(
                    "beat \"{}\", choice #{}: shows `referral`, but the words give no time frame or put it off; say when (today, this week, \"let's ring now\"), or drop the label",
                    beat.id, c.id
                )));
            }
        }
    }
    out
}

fn finding(
    s: &Scenario,
    code: FindingCode,
    at: rhai::Position,
    text: &str,
    message: String,
) -> Finding {
    Finding {
        code,
        severity: code.severity(),
        location: s.source.locate_literal(at, text),
        message,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::compile;
    use crate::scenario::source::ScenarioSource;

    fn codes(choice: &str) -> Vec<&'static str> {
        codes_in("en", choice)
    }

    fn codes_in(language: &str, choice: &str) -> Vec<&'static str> {
        let src = format!(
            r#"scenario(#{{ id: "t", version: "1.0.0", title: "T", summary: "s", setting: "x", language: "{language}",
  minutes: 5, difficulty: "introductory", targets: ["follow_up"], red_flags: [] }});
persona("p", #{{ name: "Pat", role: "Nurse" }});
beat("a", #{{ line: "Bye then.", choices: [{choice}] }});
ending("end", #{{ line: "bye", debrief: "d" }});"#
        );
        let l = compile(ScenarioSource::in_memory("mem/t", src));
        findings(&l.scenario.unwrap())
            .into_iter()
            .map(|f| f.code.as_str())
            .collect()
    }

    #[test]
    fn follow_up_credit_needs_one_to_two_weeks() {
        assert_eq!(
            codes(
                r#"#{ text: "I'll give you a call next month.", next: "end", evidence: #{ follow_up: [2, "r"] } }"#
            ),
            vec!["W107"]
        );
        assert!(codes(r#"#{ text: "I'll ring you on Tuesday, and we'll meet next week.", next: "end", evidence: #{ follow_up: [2, "r"] } }"#).is_empty());
        assert!(
            codes(r#"#{ text: "I'll give you a call next month.", next: "end", evidence: #{ follow_up: [-1, "too late"] } }"#).is_empty(),
            "a late follow-up marked as weak is fine"
        );
    }

    #[test]
    fn a_referral_needs_a_time_frame() {
        assert_eq!(
            codes(
                r#"#{ text: "Maybe mention it to your GP at some point.", next: "end", shows: ["referral"] }"#
            ),
            vec!["W108"]
        );
        assert!(codes(r#"#{ text: "Let's ring occupational health together now.", next: "end", shows: ["referral"] }"#).is_empty());
    }

    #[test]
    fn a_spanish_referral_is_judged_by_the_spanish_timing_words() {
        for text in [
            "Vamos a llamar hoy a la unidad de salud laboral.",
            "Esta semana pedimos cita con el servicio de apoyo al profesional.",
        ] {
            let choice = format!(r#"#{{ text: "{text}", next: "end", shows: ["referral"] }}"#);
            assert!(
                codes_in("es", &choice).is_empty(),
                "{text}: {:?}",
                codes_in("es", &choice)
            );
        }
        let vague = r#"#{ text: "Quizás deberías hablar con salud laboral en algún momento.", next: "end", shows: ["referral"] }"#;
        assert_eq!(codes_in("es", vague), vec!["W108"]);
        let none = r#"#{ text: "Hay un servicio de apoyo al profesional.", next: "end", shows: ["referral"] }"#;
        assert_eq!(codes_in("es", none), vec!["W108"]);
    }
}
