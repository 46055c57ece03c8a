//! `rehearse check`: the structural checks of [`crate::scenario::structure`]
//! (re-exported here), plus the checks that play a scenario or read its
//! text: route examples through the analyser, menus that telegraph the
//! answer, time frames and jargon.

use crate::attempt::{Attempt, Input, Mode, Route};
use crate::competency::Competency;
use crate::response::ResponseAnalyser;
use crate::scenario::finding::{Finding, FindingCode, Severity};
pub use crate::scenario::structure::{graph_findings, reachable, reachable_from};
use crate::scenario::{Loaded, Scenario};
use std::sync::Arc;

/// Everything `rehearse check` found in one scenario.
#[derive(Debug)]
pub struct CheckResult {
    /// The scenario, when it compiled.
    pub scenario: Option<Arc<Scenario>>,
    /// All findings, sorted by location.
    pub findings: Vec<Finding>,
}

impl CheckResult {
    /// Number of error findings.
    pub fn errors(&self) -> usize {
        self.findings
            .iter()
            .filter(|f| f.severity == Severity::Error)
            .count()
    }
}

/// Runs every check on a loaded scenario.
pub fn check(loaded: Loaded, analyser: Arc<dyn ResponseAnalyser>) -> CheckResult {
    let mut findings = loaded.findings;
    let scenario = loaded.scenario.map(Arc::new);
    if let Some(s) = &scenario {
        findings.extend(graph_findings(s));
        findings.extend(crate::timeframe::findings(s));
        findings.extend(telegraph_findings(s));
        findings.extend(example_findings(s, analyser));
    }
    findings.sort_by(|a, b| {
        (a.location.line, a.location.column, a.code).cmp(&(
            b.location.line,
            b.location.column,
            b.code,
        ))
    });
    findings.dedup();
    // Translation findings follow, language by language: their files differ.
    if let Some(s) = &scenario {
        findings.extend(crate::scenario::translation::findings(s));
    }
    CheckResult { scenario, findings }
}

/// Checks that every free-text route example takes its own route.
fn example_findings(s: &Arc<Scenario>, analyser: Arc<dyn ResponseAnalyser>) -> Vec<Finding> {
    let mut out = Vec::new();
    for beat in &s.def.beats {
        let Some(ft) = &beat.free_text else { continue };
        for (i, route) in ft.routes.iter().enumerate() {
            for example in &route.examples {
                let Ok(mut attempt) = Attempt::start_at(
                    Arc::clone(s),
                    Mode::Practice,
                    0,
                    Arc::clone(&analyser),
                    &beat.id,
                ) else {
                    continue;
                };
                let taken = attempt
                    .respond(Input::FreeText {
                        text: example.clone(),
                    })
                    .map(|t| t.route.clone());
                match taken {
                    Ok(Route::FreeText { index }) if index == i + 1 => {}
                    Ok(other) => out.push(Finding {
                        code: FindingCode::W106,
                        severity: FindingCode::W106.severity(),
                        location: s.source.locate_literal(beat.at, example),
                        message: format!(
                            "beat \"{}\": example \"{example}\" of route {} takes {} instead",
                            beat.id,
                            i + 1,
                            describe_route(&other)
                        ),
                    }),
                    Err(e) => out.push(Finding {
                        code: FindingCode::E002,
                        severity: FindingCode::E002.severity(),
                        location: s.source.locate_literal(beat.at, example),
                        message: format!("beat \"{}\": example \"{example}\" failed: {e}", beat.id),
                    }),
                }
            }
        }
    }
    out
}

fn describe_route(r: &Route) -> String {
    match r {
        Route::FreeText { index } => format!("route {index}"),
        Route::Otherwise => "`otherwise`".into(),
        Route::NoMatch => "no route".into(),
        Route::Choice { .. } => "a choice".into(),
        Route::Silence => "silence".into(),
    }
}

// ------------------------------------------------------------ telegraphing

/// Codes of the telegraphing lint's scenario-level errors. They make
/// `rehearse check` fail but do not stop the explorer and its gaming audit,
/// which show how the telegraphing is exploited.
pub const TELEGRAPH_ERRORS: [FindingCode; 3] =
    [FindingCode::E038, FindingCode::E039, FindingCode::E040];

/// E038 and E039 fire when the best option is the longest, or declared
/// first, in more than this share of menus.
pub const TELEGRAPH_SHARE: f64 = 0.4;
/// The most menus (of three or more) in which the best option may hold the
/// same place by length, counted from either end (E040).
const RANK_SHARE: f64 = 0.5;

/// E038 and E039 need at least this many menus with a best option, so
/// that one or two menus do not make a pattern.
pub const TELEGRAPH_MIN_MENUS: usize = 3;

/// W111: the best option is at least this many times as long as every other.
pub const LONG_RATIO: f64 = 1.5;

/// W112: every other option is at most this net evidence.
pub const NO_DISTRACTOR_NET: i32 = -3;

/// Competency titles that never occur in everyday speech, and counselling
/// jargon a trainee would not say to a distressed colleague.
fn jargon() -> &'static regex::Regex {
    static JARGON: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    JARGON.get_or_init(|| {
        let titles = Competency::ALL
            .into_iter()
            .filter(|c| {
                // Everyday words: "legal support", "clear next steps", "follow-up".
                !matches!(
                    c,
                    Competency::LegalSupport | Competency::PlanNextSteps | Competency::FollowUp
                )
            })
            .map(|c| regex::escape(&c.title().to_lowercase()));
        let terms = [
            r"active(?:ly)? listening",
            r"listen(?:ing)? actively",
            r"open(?:[- ]ended)? questions?",
            r"normali[sz](?:e|es|ed|ing|ation)",
            r"validat(?:e|es|ing) (?:your|their|those|these) (?:feelings|emotions)",
            r"your (?:feelings|emotions) are valid",
            r"without (?:any )?judge?ment",
            r"non-?judge?mental(?:ly)?",
            r"allow(?:ing)? (?:the )?silences?",
            r"follow(?:ing)? (?:the|your) (?:feelings?|affect)",
            r"fact[- ]finding",
            r"hold(?:ing)? (?:the )?space",
            r"let them lead",
        ]
        .into_iter()
        .map(str::to_string);
        let alternatives: Vec<String> = titles.chain(terms).collect();
        regex::Regex::new(&format!(r"(?i)\b(?:{})\b", alternatives.join("|")))
            .expect("the jargon list is a valid regex")
    })
}

/// The competency jargon in an option's text, if any.
pub fn names_competency(text: &str) -> Option<String> {
    jargon().find(text).map(|m| m.as_str().to_lowercase())
}

/// The telegraphing lint: menus whose best option gives itself away by its
/// length, its place or its words (W110–W114, E038, E039).
pub fn telegraph_findings(s: &Scenario) -> Vec<Finding> {
    let mut out = Vec::new();
    let (mut menus, mut longest, mut first) = (0usize, 0usize, 0usize);
    // For menus of three or more: how often the best option holds each
    // place by length, counted from the longest and from the shortest.
    let mut from_top: std::collections::BTreeMap<usize, usize> = Default::default();
    let mut from_bottom: std::collections::BTreeMap<usize, usize> = Default::default();
    let mut ranked = 0usize;
    for beat in &s.def.beats {
        for (i, c) in beat.choices.iter().enumerate() {
            let at = s.source.locate_literal(beat.at, &c.text);
            if let Some(term) = names_competency(&c.text) {
                out.push(Finding {
                    code: FindingCode::W113,
                    severity: FindingCode::W113.severity(),
                    location: at.clone(),
                    message: format!("beat \"{}\", choice {}: the text names the competency (\"{term}\"); write what a supporter would say, not the skill's name", beat.id, i + 1),
                });
            }
            if c.pinned {
                out.push(Finding {
                    code: FindingCode::W114,
                    severity: FindingCode::W114.severity(),
                    location: at,
                    message: format!("beat \"{}\", choice {} is pinned (`pin: true`), so it keeps its place when the menu is shuffled; pin only when the order carries meaning", beat.id, i + 1),
                });
            }
        }
        if beat.choices.len() < 2 {
            continue;
        }
        let Some(best) = beat.best_choice() else {
            continue;
        };
        menus += 1;
        let len = |i: usize| beat.choices[i].text.chars().count();
        let others: Vec<usize> = (0..beat.choices.len()).filter(|i| *i != best).collect();
        let at = s.source.locate_literal(beat.at, &beat.choices[best].text);
        let is_longest = others.iter().all(|o| len(best) > len(*o));
        if beat.choices.len() >= 3 {
            ranked += 1;
            *from_top
                .entry(others.iter().filter(|o| len(**o) > len(best)).count())
                .or_default() += 1;
            *from_bottom
                .entry(others.iter().filter(|o| len(**o) < len(best)).count())
                .or_default() += 1;
        }
        if is_longest {
            longest += 1;
        }
        if best == 0 {
            first += 1;
        }
        let only_long = others
            .iter()
            .all(|o| len(best) as f64 >= LONG_RATIO * len(*o) as f64);
        if only_long {
            out.push(finding_at(FindingCode::W111, at.clone(), format!("beat \"{}\": the best option (choice {}) is the only long one, at least {LONG_RATIO}× every other; make the others as developed, or the best one shorter", beat.id, best + 1)));
        } else if is_longest {
            out.push(finding_at(FindingCode::W110, at.clone(), format!("beat \"{}\": the best option (choice {}) is also the longest; give a weaker option the most words", beat.id, best + 1)));
        }
        if others
            .iter()
            .all(|o| beat.choices[*o].outcome.net() <= NO_DISTRACTOR_NET)
        {
            out.push(finding_at(FindingCode::W112, at, format!("beat \"{}\": every option but the best (choice {}) has net evidence {NO_DISTRACTOR_NET} or less, so none is a plausible distractor; add an option that sounds kind but misses something", beat.id, best + 1)));
        }
    }
    if menus >= TELEGRAPH_MIN_MENUS {
        let meta = s.source.locate_literal(rhai::Position::new(1, 1), s.id());
        let share = |n: usize| n as f64 / menus as f64;
        if share(longest) > TELEGRAPH_SHARE {
            out.push(finding_at(FindingCode::E038, meta.clone(), format!("the best option is the longest in {longest} of {menus} menus ({:.0}%, the limit is {:.0}%): a trainee can pass by picking the longest", share(longest) * 100.0, TELEGRAPH_SHARE * 100.0)));
        }
        if share(first) > TELEGRAPH_SHARE {
            out.push(finding_at(FindingCode::E039, meta.clone(), format!("the best option is declared first in {first} of {menus} menus ({:.0}%, the limit is {:.0}%): vary where the best option is declared", share(first) * 100.0, TELEGRAPH_SHARE * 100.0)));
        }
    }
    if ranked >= TELEGRAPH_MIN_MENUS {
        let meta = s.source.locate_literal(rhai::Position::new(1, 1), s.id());
        let place = |n: usize, from_top: bool| match (n, from_top) {
            (0, true) => "the longest".to_string(),
            (0, false) => "the shortest".to_string(),
            (1, true) => "the second longest".to_string(),
            (1, false) => "the second shortest".to_string(),
            (k, true) => format!("number {} by length from the longest", k + 1),
            (k, false) => format!("number {} by length from the shortest", k + 1),
        };
        let worst = from_top
            .iter()
            .map(|(k, n)| (*n, place(*k, true)))
            .chain(from_bottom.iter().map(|(k, n)| (*n, place(*k, false))))
            .max_by_key(|(n, _)| *n);
        if let Some((n, where_)) = worst {
            if n as f64 / ranked as f64 > RANK_SHARE {
                out.push(finding_at(FindingCode::E040, meta, format!("the best option is {where_} in {n} of {ranked} menus of three or more ({:.0}%, the limit is {:.0}%): a trainee can pass by that habit; vary the lengths so length says nothing", 100.0 * n as f64 / ranked as f64, RANK_SHARE * 100.0)));
            }
        }
    }
    out
}

fn finding_at(
    code: FindingCode,
    location: crate::scenario::finding::Location,
    message: String,
) -> Finding {
    Finding {
        code,
        severity: code.severity(),
        location,
        message,
    }
}

#[cfg(test)]
mod telegraph_tests {
    use super::*;
    use crate::scenario::compile;
    use crate::scenario::source::ScenarioSource;

    const HEADER: &str = r#"scenario(#{ id: "t", version: "1.0.0", title: "T", summary: "s", setting: "x",
  minutes: 5, difficulty: "introductory", targets: ["atmosphere"], red_flags: [] });
persona("p", #{ name: "Pat", role: "Nurse" });
ending("end", #{ line: "Bye.", debrief: "Done." });
"#;

    const GOOD: &str = r#"#{ atmosphere: [2, "warm"], relationship: [2, "kind"] }"#;
    const BAD: &str = r#"#{ atmosphere: [-2, "cold"], relationship: [-1, "curt"] }"#;
    const MILD: &str = r#"#{ atmosphere: [-1, "a little flat"] }"#;

    /// A beat whose choices are (text, evidence) pairs, all going to the end.
    fn beat(id: &str, choices: &[(&str, &str)]) -> String {
        let list: Vec<String> = choices
            .iter()
            .map(|(t, e)| format!("#{{ text: \"{t}\", next: \"end\", evidence: {e} }}"))
            .collect();
        format!(
            "beat(\"{id}\", #{{ line: \"Hello.\", choices: [{}] }});\n",
            list.join(", ")
        )
    }

    fn codes(body: &str) -> Vec<&'static str> {
        let loaded = compile(ScenarioSource::in_memory(
            "mem/t",
            format!("{HEADER}{body}"),
        ));
        assert!(!loaded.has_errors(), "{:?}", loaded.findings);
        let s = loaded.scenario.expect("compiles");
        telegraph_findings(&s)
            .into_iter()
            .map(|f| f.code.as_str())
            .collect()
    }

    #[test]
    fn w110_fires_when_the_best_option_is_the_longest() {
        let c = codes(&beat(
            "a",
            &[
                ("I'm sorry, tell me more.", MILD),
                ("Tell me what it was like for you.", GOOD),
                ("What went wrong, exactly?", MILD),
            ],
        ));
        assert!(c.contains(&"W110"), "{c:?}");
        assert!(!c.contains(&"W111"), "{c:?}");
        let c = codes(&beat(
            "a",
            &[
                ("I'm sorry. Tell me what happened at the bedside.", MILD),
                ("Tell me what it was like for you.", GOOD),
                ("What went wrong, exactly?", MILD),
            ],
        ));
        assert!(!c.contains(&"W110") && !c.contains(&"W111"), "{c:?}");
    }

    #[test]
    fn w111_fires_when_only_the_best_option_is_long() {
        let c = codes(&beat(
            "a",
            &[
                ("Okay.", MILD),
                (
                    "Tell me what it has been like for you since that night.",
                    GOOD,
                ),
                ("Right, what happened?", MILD),
            ],
        ));
        assert!(c.contains(&"W111"), "{c:?}");
        assert!(!c.contains(&"W110"), "W111 replaces W110: {c:?}");
        let c = codes(&beat(
            "a",
            &[
                ("Okay. We can go over the timings of the shift now.", MILD),
                (
                    "Tell me what it has been like for you since that night.",
                    GOOD,
                ),
                ("Right, so what happened with the pump?", MILD),
            ],
        ));
        assert!(!c.contains(&"W111"), "{c:?}");
    }

    #[test]
    fn w112_fires_without_a_plausible_distractor() {
        let c = codes(&beat(
            "a",
            &[
                ("That was your fault.", BAD),
                ("How are you?", GOOD),
                ("Hurry up.", BAD),
            ],
        ));
        assert!(c.contains(&"W112"), "{c:?}");
        let c = codes(&beat(
            "a",
            &[
                ("That was your fault.", BAD),
                ("How are you?", GOOD),
                ("You'll be fine.", MILD),
            ],
        ));
        assert!(!c.contains(&"W112"), "{c:?}");
    }

    #[test]
    fn w113_fires_on_competency_jargon_and_not_on_plain_words() {
        for jargon in [
            "I will use active listening here.",
            "Let me ask an open question.",
            "It is normal, and I want to normalise it.",
            "I validate your feelings.",
            "I hear you without judgement.",
        ] {
            let c = codes(&beat("a", &[(jargon, GOOD), ("Okay then.", MILD)]));
            assert!(c.contains(&"W113"), "{jargon}: {c:?}");
        }
        let c = codes(&beat(
            "a",
            &[
                ("Many people feel like this afterwards.", GOOD),
                ("Okay then.", MILD),
            ],
        ));
        assert!(!c.contains(&"W113"), "{c:?}");
    }

    #[test]
    fn w114_fires_on_a_pinned_choice() {
        let body = r#"beat("a", #{ line: "Hi.", choices: [
            #{ text: "Tell me.", next: "end", evidence: #{ atmosphere: [2, "warm"] }, pin: true },
            #{ text: "Go on then.", next: "end", evidence: #{ atmosphere: [-1, "flat"] } }] });
"#;
        assert!(codes(body).contains(&"W114"));
        assert!(!codes(&body.replace(", pin: true", "")).contains(&"W114"));
    }

    #[test]
    fn ties_have_no_best_option() {
        let c = codes(&beat(
            "a",
            &[
                ("A short one.", GOOD),
                ("A much, much longer option than that.", GOOD),
            ],
        ));
        assert!(
            c.iter().all(|c| !["W110", "W111", "W112"].contains(c)),
            "{c:?}"
        );
    }

    #[test]
    fn e038_and_e039_fire_on_a_pattern_across_menus() {
        // Best first and longest in all three menus.
        let telegraphed: String = ["a", "b", "c"]
            .iter()
            .map(|id| {
                beat(
                    id,
                    &[
                        ("Tell me what it has been like for you.", GOOD),
                        ("What went wrong?", MILD),
                        ("Let us move on.", MILD),
                    ],
                )
            })
            .collect();
        let c = codes(&telegraphed);
        assert!(c.contains(&"E038") && c.contains(&"E039"), "{c:?}");
        // Best in varying places, and longest in only one of three.
        let fixed = [
            beat(
                "a",
                &[
                    ("Tell me what it has been like for you.", GOOD),
                    ("What went wrong?", MILD),
                    ("Let us move on.", MILD),
                ],
            ),
            beat(
                "b",
                &[
                    ("Shall we go through the whole shift in order?", MILD),
                    ("How are you doing?", GOOD),
                    ("Let us move on.", MILD),
                ],
            ),
            beat(
                "c",
                &[
                    ("We should talk about the incident report.", MILD),
                    ("What went wrong?", MILD),
                    ("I'm here.", GOOD),
                ],
            ),
        ]
        .concat();
        let c = codes(&fixed);
        assert!(!c.contains(&"E038") && !c.contains(&"E039"), "{c:?}");
    }

    #[test]
    fn one_or_two_menus_are_not_a_pattern() {
        let c = codes(&beat(
            "a",
            &[
                ("Tell me what it has been like for you.", GOOD),
                ("Okay.", MILD),
            ],
        ));
        assert!(!c.contains(&"E038") && !c.contains(&"E039"), "{c:?}");
    }
}
