//! The explorer: seeded random playthroughs that look for runtime errors
//! and measure what a scenario lets trainees reach, followed by the gaming
//! audit ([`crate::audit`]): naive strategies that must never pass.

use crate::attempt::FlagOutcome;
use crate::attempt::{Attempt, Input, Mode};
use crate::audit::{self, Audit, Recorder, Strategy};
use crate::competency::Competency;
use crate::red_flag::RedFlagCategory;
use crate::response::ResponseAnalyser;
use crate::rng::SeededRng;
use crate::scenario::Scenario;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

/// Turns after which a walk gives up (it is reported, not an error).
pub const MAX_WALK_TURNS: usize = 120;

/// A neutral free-text response the explorer also tries, to exercise
/// `otherwise` and no-match handling.
const NEUTRAL_RESPONSE: &str = audit::NEUTRAL_RESPONSE;

/// A walk that failed, with the seed that reproduces it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct WalkError {
    /// Replays the walk: `rehearse check --explore 1 --seed <seed>`.
    pub seed: u64,
    /// What went wrong.
    pub message: String,
}

/// What the explorer found for one scenario.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Exploration {
    /// Scenario id.
    pub scenario: String,
    /// Walks run.
    pub walks: u32,
    /// Walks that ended with a runtime error.
    pub errors: Vec<WalkError>,
    /// Walks that hit the turn cap without an ending.
    pub unfinished: u32,
    /// Beats and endings declared.
    pub nodes_total: usize,
    /// Beats and endings visited.
    pub nodes_visited: BTreeSet<String>,
    /// How often each ending was reached.
    pub endings: BTreeMap<String, u32>,
    /// Competencies that received positive evidence on some walk.
    pub competencies_shown: BTreeSet<Competency>,
    /// Red-flag categories recognised on some walk.
    pub flags_recognised: BTreeSet<RedFlagCategory>,
    /// Red-flag categories whose warning sign was met on some walk.
    pub flags_met: BTreeSet<RedFlagCategory>,
    /// Walks that passed (as an assessment).
    pub passes: u32,
    /// The gaming audit: pass rates of naive strategies and its findings.
    pub audit: Audit,
}

impl Exploration {
    /// Share of beats and endings visited.
    pub fn coverage(&self) -> f64 {
        if self.nodes_total == 0 {
            return 0.0;
        }
        self.nodes_visited.len() as f64 / self.nodes_total as f64
    }
}

/// Runs `walks` random playthroughs; walk `i` uses seed `seed + i` both for
/// the attempt and for the explorer's own choices, so any walk replays alone.
/// Then runs the gaming audit with seeds `seed..seed + AUDIT_SEEDS`.
pub fn explore(
    scenario: &Arc<Scenario>,
    walks: u32,
    seed: u64,
    analyser: Arc<dyn ResponseAnalyser>,
) -> Exploration {
    let mut out = Exploration {
        scenario: scenario.id().to_string(),
        walks,
        nodes_total: scenario.def.beats.len() + scenario.def.endings.len(),
        ..Default::default()
    };
    let mut recorder = Recorder::new(scenario);
    for i in 0..u64::from(walks) {
        let walk_seed = seed.wrapping_add(i);
        match walk(scenario, walk_seed, &analyser, &mut out) {
            Ok(attempt) => recorder.record(Strategy::Random, walk_seed, &attempt),
            Err(message) => {
                recorder.record_error(Strategy::Random, walk_seed, message.clone());
                out.errors.push(WalkError {
                    seed: walk_seed,
                    message,
                });
            }
        }
    }
    audit::play_strategies(&mut recorder, scenario, seed, &analyser, MAX_WALK_TURNS);
    out.audit = recorder.finish();
    out
}

fn walk(
    scenario: &Arc<Scenario>,
    seed: u64,
    analyser: &Arc<dyn ResponseAnalyser>,
    out: &mut Exploration,
) -> Result<Attempt, String> {
    let mut attempt = Attempt::start(
        Arc::clone(scenario),
        Mode::Assessment,
        seed,
        Arc::clone(analyser),
    )
    .map_err(|e| e.to_string())?;
    let mut pick = SeededRng::new(seed ^ 0x5EED_0FE8_9105);
    out.nodes_visited.insert(attempt.node().to_string());
    while !attempt.is_ended() {
        if attempt.turns().len() >= MAX_WALK_TURNS {
            out.unfinished += 1;
            break;
        }
        let beat = scenario.beat(attempt.node()).ok_or("walk left the graph")?;
        // What the trainee is shown: in assessment an own-words beat hides
        // its menu, and positions are the shown (shuffled) order.
        let view = attempt.view();
        let mut options: Vec<Input> = (1..=view.choices.len())
            .map(|index| Input::Choice { index })
            .collect();
        options.push(Input::Silence);
        if let (Some(ft), Some(_)) = (&beat.free_text, &view.free_text) {
            for r in &ft.routes {
                options.extend(
                    r.examples
                        .iter()
                        .map(|e| Input::FreeText { text: e.clone() }),
                );
            }
            options.push(Input::FreeText {
                text: NEUTRAL_RESPONSE.into(),
            });
        }
        let input = options[pick.below(options.len())].clone();
        let turn = attempt.respond(input).map_err(|e| e.to_string())?;
        for e in turn.evidence.iter().filter(|e| e.delta > 0) {
            out.competencies_shown.insert(e.competency);
        }
        out.nodes_visited.insert(attempt.node().to_string());
    }
    for f in attempt.flags() {
        out.flags_met.insert(f.category);
        if f.outcome == FlagOutcome::Recognised {
            out.flags_recognised.insert(f.category);
        }
    }
    if let Some(e) = attempt.ending() {
        *out.endings.entry(e.to_string()).or_default() += 1;
        if attempt.grade().passed {
            out.passes += 1;
        }
    }
    Ok(attempt)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::response::english;
    use crate::scenario::compile;
    use crate::scenario::source::ScenarioSource;

    const HEADER: &str = r#"scenario(#{ id: "t", version: "1.0.0", title: "T", summary: "s", setting: "x",
  minutes: 5, difficulty: "introductory", targets: ["atmosphere"], red_flags: [] });
persona("p", #{ name: "Pat", role: "Nurse" });
ending("good", #{ line: "Thanks.", debrief: "Well done." });
ending("bad", #{ line: "Bye.", debrief: "Try again." });
"#;

    fn scenario(body: &str) -> Arc<Scenario> {
        let loaded = compile(ScenarioSource::in_memory(
            "mem/t",
            format!("{HEADER}{body}"),
        ));
        assert!(!loaded.has_errors(), "{:?}", loaded.findings);
        Arc::new(loaded.scenario.expect("compiles"))
    }

    fn audit_codes(x: &Exploration) -> Vec<&'static str> {
        x.audit.findings.iter().map(|f| f.code.as_str()).collect()
    }

    fn strategy<'a>(x: &'a Exploration, id: &str) -> &'a audit::StrategyResult {
        x.audit
            .strategies
            .iter()
            .find(|r| r.strategy == id)
            .unwrap_or_else(|| panic!("no {id} in {:?}", x.audit.strategies))
    }

    #[test]
    fn a_menu_with_one_good_choice_is_gamed_by_every_menu_strategy() {
        let s = scenario(
            r#"beat("a", #{ line: "Hi.", choices: [
                #{ text: "Hello, Pat.", next: "good", evidence: #{ atmosphere: [2, "warm"] } }] });"#,
        );
        let x = explore(&s, 20, 1, english());
        let codes = audit_codes(&x);
        for code in ["E030", "E031", "E032", "E034"] {
            assert!(codes.contains(&code), "{code} missing: {codes:?}");
        }
        assert!(!codes.contains(&"E033"), "{codes:?}");
        assert_eq!(strategy(&x, "position_1").pass_rate, 1.0);
        let silence = strategy(&x, "silence");
        assert_eq!(
            (silence.passed, silence.unfinished),
            (0, 3),
            "silence forever hits the cap"
        );
        let e030 = x.audit.findings.iter().find(|f| f.code == "E030").unwrap();
        assert!(
            e030.message
                .contains("rehearse play t --mode assessment --seed 1")
                && e030.message.contains("[\"1\"]"),
            "{}",
            e030.message
        );
    }

    #[test]
    fn silence_that_passes_is_e033() {
        let s = scenario(
            r#"beat("a", #{ line: "Hi.", pause: true,
                choices: [#{ text: "So, what happened?", next: "bad", evidence: #{ atmosphere: [-2, "cold"] } }],
                silence: #{ next: "good", evidence: #{ atmosphere: [2, "room to settle"] } } });"#,
        );
        let x = explore(&s, 10, 1, english());
        assert!(audit_codes(&x).contains(&"E033"), "{:?}", x.audit);
        assert_eq!(strategy(&x, "silence").passed, 3);
    }

    #[test]
    fn random_play_that_passes_often_is_e035() {
        let s = scenario(
            r#"beat("a", #{ line: "Hi.", choices: [
                #{ text: "Hello, Pat. Take your time.", next: "good", evidence: #{ atmosphere: [2, "warm"] } },
                #{ text: "Quick, what happened?", next: "bad", evidence: #{ atmosphere: [-2, "cold"] } }] });"#,
        );
        let x = explore(&s, 100, 1, english());
        let random = strategy(&x, "random");
        assert_eq!(random.walks, 100);
        assert!(random.pass_rate >= 0.02, "{random:?}");
        assert!(audit_codes(&x).contains(&"E035"), "{:?}", x.audit.findings);
        assert!(!random.naive);
    }

    #[test]
    fn a_salad_that_outscores_the_genuine_example_is_e036() {
        let s = scenario(
            // Keywords take the first route; the genuine example only the second.
            r#"beat("a", #{ line: "I keep seeing his face.", free_text: #{
                routes: [#{ when: |r| has(r, "presence") && has(r, "validation"), next: "bad",
                            evidence: #{ atmosphere: [2, "keywords"], presence: [2, "keywords"], normalise: [2, "keywords"] } },
                         #{ when: |r| true, next: "bad", evidence: #{ atmosphere: [1, "said something"] },
                            examples: ["Okay then."] }] } });"#,
        );
        let x = explore(&s, 5, 1, english());
        assert!(x.audit.salad.is_some());
        assert!(audit_codes(&x).contains(&"E036"), "{:?}", x.audit.findings);
    }

    /// Five own-words beats; each goes on only with a response about bed
    /// six (+1 atmosphere), and any other response (-2) sinks the average
    /// below competent. A keyword salad is answered by `otherwise`.
    fn clean_body() -> String {
        let mut body = String::new();
        for i in 1..=5 {
            let next = if i == 5 {
                "good".to_string()
            } else {
                format!("b{}", i + 1)
            };
            body.push_str(&format!(
                r#"beat("b{i}", #{{ line: "Bed six again.", assessment: "own_words",
    choices: [
        #{{ text: "Is bed six still with you?", next: "{next}", evidence: #{{ atmosphere: [1, "stays with bed six"] }} }},
        #{{ text: "What time was it, exactly?", next: "bad", evidence: #{{ atmosphere: [-2, "facts first"] }} }}],
    free_text: #{{
        routes: [
            #{{ when: |r| mentions(r, "bed six"), next: "{next}",
                evidence: #{{ atmosphere: [1, "stays with bed six"], relationship: [2, "names the patient with care"],
                             active_listening: [2, "picks up bed six"], follow_affect: [2, "stays with the feeling"] }},
                examples: ["Bed six is still on your mind."] }},
            #{{ when: ["fact_finding"], next: "bad", evidence: #{{ atmosphere: [-2, "facts first"] }},
                examples: ["What time did it happen exactly?"] }}],
        otherwise: #{{ next: "bad", evidence: #{{ atmosphere: [-2, "does not connect to what Pat said"],
            active_listening: [-2, "ignores bed six"], follow_affect: [-2, "misses the feeling"],
            relationship: [-2, "talks past Pat"], let_them_lead: [-2, "own agenda"] }} }} }} }});
"#
            ));
        }
        body
    }

    #[test]
    fn a_scenario_that_needs_listening_has_no_audit_findings() {
        let s = scenario(&clean_body());
        let x = explore(&s, 200, 1, english());
        assert!(x.errors.is_empty(), "{:?}", x.errors);
        assert!(x.audit.salad.is_some(), "the salad was played");
        assert!(x.audit.findings.is_empty(), "{:#?}", x.audit.findings);
        assert!(x.audit.errors.is_empty(), "{:?}", x.audit.errors);
        for r in &x.audit.strategies {
            if r.naive {
                assert_eq!(r.passed, 0, "{r:?}");
            }
        }
        assert!(strategy(&x, "random").pass_rate < 0.02);
        // Strategies over the widest menu (2), plus the four others, plus random.
        let ids: Vec<&str> = x
            .audit
            .strategies
            .iter()
            .map(|r| r.strategy.as_str())
            .collect();
        assert_eq!(
            ids,
            [
                "position_1",
                "position_2",
                "longest",
                "shortest",
                "silence",
                "keyword_salad",
                "random"
            ]
        );
        // The same scenario passes when someone actually listens.
        let mut a = Attempt::start(Arc::clone(&s), Mode::Assessment, 1, english()).unwrap();
        while !a.is_ended() {
            a.respond(Input::FreeText {
                text: "Bed six is still on your mind.".into(),
            })
            .unwrap();
        }
        assert!(a.grade().passed);
    }

    const FLAG_HEADER: &str = r#"scenario(#{ id: "f", version: "1.0.0", title: "F", summary: "s", setting: "x",
  minutes: 5, difficulty: "introductory", targets: ["atmosphere"], red_flags: ["suicide_risk"] });
persona("p", #{ name: "Pat", role: "Nurse" });
ending("end", #{ line: "Okay.", debrief: #{ recognised: "You asked and acted.", missed: "You missed the warning sign." } });
beat("a", #{ line: "Sometimes I think everyone would be better off without me.",
    red_flag: #{ category: "suicide_risk", severity: "moderate", window: 2,
                 recognise: ["suicide_inquiry", ["referral", "safety_action"]] },
    choices: [#{ text: "Are you thinking of ending your life?", next: "b",
                 evidence: #{ atmosphere: [2, "asks directly"] }, shows: ["suicide_inquiry"] },
              #{ text: "Everyone feels like that.", next: "end", evidence: #{ atmosphere: [-2, "dismisses"] } }] });
beat("b", #{ line: "Sometimes. Yes.",
    choices: [#{ text: "Thank you for telling me. Let's call the crisis team together now.", next: "end",
                 evidence: #{ atmosphere: [2, "acts"] }, shows: ["referral"] },
              #{ text: "Let's talk about something else.", next: "end", evidence: #{ atmosphere: [-2, "moves on"] } }] });
"#;

    #[test]
    fn a_recognised_flag_without_an_act_in_its_window_is_caught() {
        let loaded = compile(ScenarioSource::in_memory("mem/f", FLAG_HEADER));
        assert!(!loaded.has_errors(), "{:?}", loaded.findings);
        let s = Arc::new(loaded.scenario.unwrap());
        let mut a = Attempt::start(Arc::clone(&s), Mode::Assessment, 1, english()).unwrap();
        for start in ["Are you", "Thank you"] {
            let shown = a.view().choices;
            let index = shown.iter().position(|c| c.starts_with(start)).unwrap() + 1;
            a.respond(Input::Choice { index }).unwrap();
        }
        let flags = a.flags().to_vec();
        assert_eq!(flags[0].outcome, FlagOutcome::Recognised, "{flags:?}");
        // The engine's own walk is backed by an act.
        assert!(audit::unbacked(&flags, a.turns()).is_empty());
        // The same flag counted as recognised with the act taken away is not.
        let mut turns = a.turns().to_vec();
        turns[1]
            .shows
            .retain(|b| *b != crate::behaviour::Behaviour::Referral);
        assert_eq!(audit::unbacked(&flags, &turns).len(), 1);
        // A high-severity warning sign needs a safety step: a referral is not enough.
        let mut high = flags.clone();
        high[0].severity = crate::red_flag::Severity::High;
        assert_eq!(audit::unbacked(&high, a.turns()).len(), 1);
        // An act outside the window does not count.
        let mut late = a.turns().to_vec();
        late[1].number = flags[0].sign_turn + flags[0].window;
        assert_eq!(audit::unbacked(&flags, &late).len(), 1);
        // And the explorer reports no E037 on the real engine.
        let x = explore(&s, 50, 1, english());
        assert!(!audit_codes(&x).contains(&"E037"), "{:?}", x.audit.findings);
    }

    fn bundled(id: &str) -> Arc<Scenario> {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../scenarios")
            .join(id);
        let loaded = crate::scenario::load(&dir).expect("reads");
        assert!(!loaded.has_errors(), "{:?}", loaded.findings);
        Arc::new(loaded.scenario.expect("compiles"))
    }

    #[test]
    fn a_spanish_scenario_is_audited_with_a_spanish_keyword_salad() {
        let s = bundled("pasillo-urgencias");
        assert_eq!(s.language(), "es");
        let analyser = crate::scenario::translation::analyser_for(&s).unwrap();
        let x = explore(&s, 5, 1, analyser.clone());
        let (spanish, labels) =
            audit::keyword_salad(crate::analysis::Analyser::spanish(), analyser.as_ref())
                .expect("the Spanish rules give a salad");
        assert!(labels.len() >= 4, "{spanish}: {labels:?}");
        assert_eq!(x.audit.salad.as_deref(), Some(spanish.as_str()));
        let salad = strategy(&x, "keyword_salad");
        assert!(salad.walks > 0, "{salad:?}");
        assert_eq!(salad.passed, 0, "{:?}", x.audit.findings);
        assert!(x.audit.findings.is_empty(), "{:?}", x.audit.findings);
    }

    #[test]
    fn a_translated_scenario_is_audited_in_each_of_its_languages() {
        let s = bundled("declines-support");
        assert_eq!(s.languages(), ["en", "es"]);
        let one = explore(&s, 1, 1, english());
        let salad = strategy(&one, "keyword_salad");
        // Every naive strategy plays once per seed in each language.
        assert_eq!(salad.walks, 2 * audit::AUDIT_SEEDS as u32, "{salad:?}");
        assert_eq!(salad.passed, 0, "{:?}", one.audit.findings);
    }
}
