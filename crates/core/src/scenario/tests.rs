//! Sandbox and loader tests: hostile scripts are stopped with the right
//! error, and findings point at the right place.

use super::*;
use crate::attempt::{Attempt, Input, Mode};
use crate::response::english;
use crate::testcase::{apply, ScriptLine};
use std::sync::Arc;
use std::time::{Duration, Instant};

const HEADER: &str = r#"scenario(#{ id: "t", version: "1.0.0", title: "T", summary: "s", setting: "x",
  minutes: 5, difficulty: "introductory", targets: ["atmosphere"], red_flags: [] });
persona("p", #{ name: "Pat", role: "Nurse" });
"#;

fn compile_str(body: &str) -> Loaded {
    compile(ScenarioSource::in_memory(
        "mem/t",
        format!("{HEADER}{body}"),
    ))
}

fn first_error(l: &Loaded) -> &Finding {
    l.findings
        .iter()
        .find(|f| f.severity == Severity::Error)
        .expect("an error finding")
}

#[test]
fn infinite_loop_is_stopped_quickly_naming_the_limit() {
    let t = Instant::now();
    let l = compile_str("loop {}");
    assert!(
        t.elapsed() < Duration::from_secs(1),
        "took {:?}",
        t.elapsed()
    );
    let f = first_error(&l);
    assert_eq!(f.code, "E002");
    assert!(names_a_runaway_limit(&f.message), "{}", f.message);
    assert_eq!(f.location.line, 4);
}

#[test]
fn runaway_recursion_is_stopped() {
    let l = compile_str("fn f(x) { f(x + 1) }\nf(0);");
    let f = first_error(&l);
    assert!(f.message.contains("call-depth limit"), "{}", f.message);
}

#[test]
fn huge_string_is_stopped() {
    let l = compile_str("let s = \"x\"; loop { s += s; }");
    let f = first_error(&l);
    assert!(
        f.message.contains("too large") && f.message.contains("64 KiB"),
        "{}",
        f.message
    );
}

#[test]
fn import_eval_and_files_are_refused() {
    let l = compile_str("import \"/etc/passwd\" as p;");
    assert_eq!(first_error(&l).code, "E001");
    assert!(
        first_error(&l).message.contains("not allowed"),
        "{}",
        first_error(&l).message
    );
    let l = compile_str("eval(\"1 + 1\");");
    assert!(
        first_error(&l).message.contains("`eval` is not allowed"),
        "{}",
        first_error(&l).message
    );
    let l = compile_str("let text = open_file(\"/etc/passwd\");");
    let f = first_error(&l);
    assert_eq!(f.code, "E002");
    assert!(
        f.message.contains("no files, network or clock"),
        "{}",
        f.message
    );
    let l = compile_str("let now = timestamp();");
    assert!(
        first_error(&l).message.contains("unknown function"),
        "{}",
        first_error(&l).message
    );
}

#[test]
fn declarations_during_play_are_refused_and_runtime_limits_name_the_beat() {
    let body = r#"
beat("a", #{ line: |s| { loop {} }, choices: [#{ text: "hi", next: "end", evidence: #{ atmosphere: [1, "ok"] } }] });
beat("b", #{ line: "x", choices: [#{ text: "go", next: "end", evidence: #{ atmosphere: [1, "ok"] } }] });
ending("end", #{ line: "bye", debrief: "d" });
"#;
    let l = compile_str(body);
    let s = Arc::new(l.scenario.expect("compiles"));
    let err = Attempt::start(Arc::clone(&s), Mode::Practice, 1, english()).unwrap_err();
    let msg = err.to_string();
    assert!(
        msg.contains("scenario \"t\"") && msg.contains("beat \"a\"") && names_a_runaway_limit(&msg),
        "{msg}"
    );
    // The host survives: another beat of the same scenario still plays.
    let mut a =
        Attempt::start_at(s, Mode::Practice, 1, english(), "b").expect("other beats still work");
    a.respond(Input::Choice { index: 1 }).unwrap();
    assert!(a.is_ended());
}

#[test]
fn broken_target_and_dead_end_are_located() {
    let body = "beat(\"a\", #{\n    line: \"hello\",\n    choices: [#{ text: \"go\", next: \"nowhere\", evidence: #{ atmosphere: [1, \"ok\"] } }],\n});\nbeat(\"stuck\", #{ line: \"...\" });\n";
    let l = compile_str(body);
    let s = l.scenario.as_ref().unwrap();
    let graph = crate::lint::graph_findings(s);
    let broken = graph
        .iter()
        .find(|f| f.code == "E011")
        .expect("broken target");
    assert_eq!(
        (broken.location.line, broken.location.column),
        (6, 36),
        "{broken}"
    );
    let dead = graph
        .iter()
        .find(|f| f.code == "E012" && f.message.contains("stuck"))
        .expect("dead end");
    assert_eq!((dead.location.line, dead.location.column), (8, 1), "{dead}");
}

#[test]
fn unknown_ids_and_fields_are_reported_with_suggestions() {
    let body = r#"beat("a", #{ line: "x", choises: [], choices: [#{ text: "t", next: "end", evidence: #{ open_question: [1, "r"] }, shows: ["reflexion"] }] });
ending("end", #{ line: "bye", debrief: "d" });"#;
    let l = compile_str(body);
    let msgs: Vec<String> = l
        .findings
        .iter()
        .map(|f| format!("{} {}", f.code, f.message))
        .collect();
    assert!(
        msgs.iter()
            .any(|m| m.starts_with("E004") && m.contains("did you mean `choices`")),
        "{msgs:?}"
    );
    assert!(
        msgs.iter()
            .any(|m| m.starts_with("E013") && m.contains("open_questions")),
        "{msgs:?}"
    );
    assert!(
        msgs.iter()
            .any(|m| m.starts_with("E014") && m.contains("reflection")),
        "{msgs:?}"
    );
}

#[test]
fn seeded_variants_replay_exactly() {
    let body = r#"beat("a", #{ line: ["one", "two", "three", "four"], choices: [#{ text: "t", next: "a", evidence: #{ atmosphere: [1, "r"] } }, #{ text: "end", next: "end", evidence: #{ atmosphere: [1, "r"] } }] });
ending("end", #{ line: "bye", debrief: "d" });"#;
    let s = Arc::new(compile_str(body).scenario.unwrap());
    let lines = |seed| {
        let mut a = Attempt::start(Arc::clone(&s), Mode::Assessment, seed, english()).unwrap();
        let mut seen = vec![a.view().line];
        for _ in 0..8 {
            apply(&mut a, &ScriptLine::Pick("c1".into())).unwrap();
            seen.push(a.view().line);
        }
        seen
    };
    assert_eq!(lines(7), lines(7));
    assert!(
        (0..20)
            .map(lines)
            .collect::<std::collections::BTreeSet<_>>()
            .len()
            > 1
    );
}

#[test]
fn practice_undo_restores_state_and_assessment_refuses_it() {
    let path = std::path::Path::new(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../docs/example/first-contact"
    ));
    let s = Arc::new(load_playable(path).unwrap());
    let mut a = Attempt::start(Arc::clone(&s), Mode::Practice, 3, english()).unwrap();
    let before = a.view();
    a.respond(Input::Choice { index: 2 }).unwrap();
    assert!(!a.turns()[0].hint.is_empty());
    a.undo().unwrap();
    assert_eq!(a.view(), before);
    assert!(a.turns().is_empty());
    let mut b = Attempt::start(s, Mode::Assessment, 3, english()).unwrap();
    b.respond(Input::Choice { index: 1 }).unwrap();
    assert!(b.undo().is_err());
    assert!(b.view().meters.is_empty(), "assessment shows no meters");
}

#[test]
fn replay_reproduces_an_attempt() {
    let path = std::path::Path::new(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../docs/example/first-contact"
    ));
    let s = Arc::new(load_playable(path).unwrap());
    let mut a = Attempt::start(Arc::clone(&s), Mode::Assessment, 11, english()).unwrap();
    while !a.is_ended() && a.turns().len() < 30 {
        let v = a.view();
        let input = if v.choices.is_empty() {
            Input::FreeText {
                text: "That sounds hard. I'm here.".into(),
            }
        } else {
            Input::Choice {
                index: a.turns().len() % v.choices.len() + 1,
            }
        };
        a.respond(input).unwrap();
    }
    let b = Attempt::replay(s, Mode::Assessment, 11, english(), a.inputs()).unwrap();
    assert_eq!(a.report(), b.report());
    assert_eq!(a.view(), b.view());
}

#[test]
fn free_text_without_a_matching_rule_says_so_in_every_mode() {
    let body = r#"beat("a", #{ line: "What now?", free_text: #{ routes: [#{ when: |r| mentions(r, "union"), next: "end", evidence: #{ atmosphere: [1, "r"] } }] },
  choices: [#{ text: "x", next: "end", evidence: #{ atmosphere: [1, "r"] } }] });
ending("end", #{ line: "bye", debrief: "d" });"#;
    let s = Arc::new(compile_str(body).scenario.unwrap());
    for mode in [Mode::Practice, Mode::Assessment] {
        let mut a = Attempt::start(Arc::clone(&s), mode, 1, english()).unwrap();
        let turn = a
            .respond(Input::FreeText {
                text: "The weather is nice.".into(),
            })
            .unwrap();
        assert_eq!(turn.route, crate::attempt::Route::NoMatch);
        let view = a.view();
        assert_eq!(view.node, "a", "stays on the beat");
        assert!(view
            .notice
            .as_deref()
            .is_some_and(|n| n.contains("No rule in this beat matched")));
        a.respond(Input::FreeText {
            text: "Shall I call your union rep?".into(),
        })
        .unwrap();
        assert!(a.is_ended());
        assert!(a.view().notice.is_none());
    }
}

#[test]
fn scenario_rules_add_labels_that_routes_and_reports_see() {
    let body = r#"rule(#{ id: "indemnity", label: "legal_offer", when: |r| mentions(r, ["indemnity", "defence union"]) });
beat("a", #{ line: "Will they sue me?", free_text: #{ routes: [#{ when: ["legal_offer"], next: "end", evidence: #{ atmosphere: [1, "r"] } }], otherwise: #{ next: "a" } } });
ending("end", #{ line: "bye", debrief: "d" });"#;
    let s = Arc::new(compile_str(body).scenario.unwrap());
    let mut a = Attempt::start(s, Mode::Assessment, 1, english()).unwrap();
    let turn = a
        .respond(Input::FreeText {
            text: "Your indemnity provider can advise you.".into(),
        })
        .unwrap();
    assert_eq!(turn.route, crate::attempt::Route::FreeText { index: 1 });
    let analysis = turn.analysis.as_ref().unwrap();
    assert!(analysis
        .behaviours
        .contains(&crate::behaviour::Behaviour::LegalOffer));
    assert!(analysis
        .rules
        .iter()
        .any(|r| r.rule == "scenario.indemnity" && r.label == "legal_offer"));
    assert!(turn
        .shows
        .contains(&crate::behaviour::Behaviour::LegalOffer));
}

#[test]
fn huge_free_text_is_refused_and_loses_nothing() {
    let body = r#"beat("a", #{ line: "?", free_text: #{ routes: [], otherwise: #{ next: "end" } }, choices: [#{ text: "x", next: "end", evidence: #{ atmosphere: [1, "r"] } }] });
ending("end", #{ line: "bye", debrief: "d" });"#;
    let s = Arc::new(compile_str(body).scenario.unwrap());
    let mut a = Attempt::start(s, Mode::Practice, 1, english()).unwrap();
    let err = a
        .respond(Input::FreeText {
            text: "word ".repeat(2_000),
        })
        .unwrap_err();
    assert!(err.to_string().contains("at most 4000"), "{err}");
    assert!(
        a.turns().is_empty() && a.inputs().is_empty(),
        "nothing recorded"
    );
    a.respond(Input::Choice { index: 1 }).unwrap();
    assert!(a.is_ended());
}

/// A runaway script is stopped by whichever limit it meets first: the
/// operation count, or the wall-clock deadline on a heavily loaded machine.
fn names_a_runaway_limit(message: &str) -> bool {
    message.contains("operation limit of 1000000") || message.contains("time limit of 500 ms")
}

// ------------------------------------------------------------ assessment integrity

/// A menu of four choices at one beat, shuffled per seed; `pin` keeps one.
const MENU: &str = r#"beat("a", #{ line: "Hello.", choices: [
  #{ id: "first", text: "one", next: "end", evidence: #{ atmosphere: [2, "r"] } },
  #{ id: "second", text: "two", next: "end", evidence: #{ atmosphere: [-1, "r"] } },
  #{ id: "third", text: "three", next: "end", evidence: #{ atmosphere: [-1, "r"] } },
  #{ id: "last", text: "I'd rather not say", pin: true, next: "end", evidence: #{ atmosphere: [-1, "r"] } },
] });
ending("end", #{ line: "bye", debrief: "d" });"#;

#[test]
fn menus_are_shuffled_by_seed_replay_exactly_and_pinned_choices_stay() {
    let s = Arc::new(compile_str(MENU).scenario.unwrap());
    let shown = |seed| {
        Attempt::start(Arc::clone(&s), Mode::Practice, seed, english())
            .unwrap()
            .view()
            .choices
    };
    let orders: std::collections::BTreeSet<Vec<String>> = (0..40).map(shown).collect();
    assert!(
        orders.len() >= 4,
        "the order varies with the seed: {orders:?}"
    );
    assert_eq!(shown(5), shown(5), "the same seed shows the same order");
    for o in &orders {
        assert_eq!(
            o[3], "I'd rather not say",
            "a pinned choice keeps its place"
        );
    }
    // Number keys pick what is on screen; the turn records the choice's id.
    for seed in 0..10 {
        let mut a = Attempt::start(Arc::clone(&s), Mode::Assessment, seed, english()).unwrap();
        let place = a.view().choices.iter().position(|c| c == "one").unwrap() + 1;
        let t = a.respond(Input::Choice { index: place }).unwrap().clone();
        assert_eq!(
            t.route,
            crate::attempt::Route::Choice {
                index: 1,
                id: "first".into()
            }
        );
        let b = Attempt::replay(
            Arc::clone(&s),
            Mode::Assessment,
            seed,
            english(),
            a.inputs(),
        )
        .unwrap();
        assert_eq!(b.turns()[0].route, t.route);
    }
}

#[test]
fn choices_named_by_id_find_their_place_and_bad_ids_are_clear() {
    let s = Arc::new(compile_str(MENU).scenario.unwrap());
    for seed in 0..10 {
        let mut a = Attempt::start(Arc::clone(&s), Mode::Assessment, seed, english()).unwrap();
        apply(&mut a, &ScriptLine::Pick("third".into())).unwrap();
        assert_eq!(a.turns()[0].said.as_deref(), Some("three"));
    }
    let mut a = Attempt::start(Arc::clone(&s), Mode::Assessment, 1, english()).unwrap();
    let e = apply(&mut a, &ScriptLine::Pick("fourth".into()))
        .unwrap_err()
        .to_string();
    assert!(
        e.contains("no choice #fourth") && e.contains("#first"),
        "{e}"
    );
    let dup = compile_str(
        r#"beat("a", #{ line: "x", choices: [#{ id: "same", text: "a", next: "end" }, #{ id: "same", text: "b", next: "end" }, #{ id: "Bad Id", text: "c", next: "end" }] });
ending("end", #{ line: "bye", debrief: "d" });"#,
    );
    let codes: Vec<&str> = dup.findings.iter().map(|f| f.code.as_str()).collect();
    assert_eq!(
        codes.iter().filter(|c| **c == "E023").count(),
        2,
        "{codes:?}"
    );
}

#[test]
fn tests_name_choices_by_id_not_by_number() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("scenario.rhai"), format!("{HEADER}{MENU}")).unwrap();
    std::fs::write(
        dir.path().join("tests.toml"),
        "[[test]]\nname = \"by number\"\ninputs = [\"1\"]\n[test.expect]\nending = \"end\"\n\n[[test]]\nname = \"by id\"\ninputs = [\"#first\"]\n[test.expect]\nending = \"end\"\npassed = true\n",
    )
    .unwrap();
    let s = Arc::new(load_playable(dir.path()).unwrap());
    let cases = crate::testcase::read_tests(dir.path()).unwrap();
    let by_number = crate::testcase::run(&s, &cases[0], english());
    assert!(
        by_number.failures[0].contains("name choices by id"),
        "{:?}",
        by_number.failures
    );
    assert!(crate::testcase::run(&s, &cases[1], english()).passed());
}

/// A high-severity suicide-risk warning sign answered in the trainee's own words.
const FLAG: &str = r#"beat("a", #{ line: "I keep thinking everyone would be better off without me.",
  assessment: "own_words",
  red_flag: #{ category: "suicide_risk", severity: "high", window: 2, recognise: ["suicide_inquiry", ["safety_action"]] },
  choices: [#{ id: "ask", text: "Are you thinking about ending your life?", next: "b", shows: ["suicide_inquiry"], evidence: #{ follow_affect: [2, "asks"] } },
            #{ id: "cheer", text: "Don't be daft, they'd be lost without you.", next: "b", shows: ["minimising"], evidence: #{ follow_affect: [-2, "brushes it off"] } }],
  free_text: #{ routes: [#{ when: ["suicide_inquiry"], next: "b", evidence: #{ follow_affect: [2, "asks"] }, examples: ["Are you having thoughts of suicide?"] }],
    otherwise: #{ next: "b" } } });
beat("b", #{ line: "Sometimes. I have pills at home.", choices: [
  #{ id: "gp_sometime", text: "Maybe mention it to your GP at some point.", next: "c", evidence: #{ plan_next_steps: [-1, "vague"] } },
  #{ id: "same_day", text: "I'd like us to call the crisis team together now, and I'll stay with you.", next: "c", shows: ["referral", "safety_action"], evidence: #{ plan_next_steps: [2, "same day"] } },
  #{ id: "referral_only", text: "Please ring occupational health this week.", next: "c", shows: ["referral"], evidence: #{ plan_next_steps: [1, "a referral"] } }] });
beat("c", #{ line: "Okay. Can I drive home now?", choices: [
  #{ id: "stay", text: "Let's get you a lift; I'll wait with you.", next: "end", shows: ["safety_action"], evidence: #{ plan_next_steps: [1, "keeps the step"] } },
  #{ id: "off_you_go", text: "Sure, you'll be fine. No need to worry.", next: "end", shows: ["dismisses_risk"], evidence: #{ plan_next_steps: [-2, "undoes it"] } }] });
ending("end", #{ line: "Thanks.", debrief: #{ recognised: "You asked and acted.", missed: "The warning sign was not acted on." } });"#;

fn play_flag(mode: Mode, lines: &[&str]) -> Attempt {
    let s = Arc::new(compile_str(FLAG).scenario.unwrap());
    let mut a = Attempt::start(s, mode, 2, english()).unwrap();
    for l in lines {
        apply(&mut a, &crate::testcase::parse_input(l).unwrap()).unwrap();
    }
    a
}

fn flag_of(a: &Attempt) -> crate::attempt::FlagTrack {
    a.flags()[0].clone()
}

#[test]
fn own_words_beats_hide_the_menu_in_assessment_only() {
    let a = play_flag(Mode::Assessment, &[]);
    assert!(a.view().choices.is_empty());
    assert!(a.view().free_text.is_some());
    let mut b = play_flag(Mode::Assessment, &[]);
    let e = b
        .respond(Input::Choice { index: 1 })
        .unwrap_err()
        .to_string();
    assert!(e.contains("own words"), "{e}");
    let e = apply(&mut b, &ScriptLine::Pick("ask".into()))
        .unwrap_err()
        .to_string();
    assert!(e.contains("not shown"), "{e}");
    // A number typed where the menu is hidden is the words typed.
    apply(&mut b, &crate::testcase::parse_input("1").unwrap()).unwrap();
    assert_eq!(b.turns()[0].input, Input::FreeText { text: "1".into() });
    assert_eq!(play_flag(Mode::Practice, &[]).view().choices.len(), 2);
    let no_routes = compile_str(
        r#"beat("a", #{ line: "x", assessment: "own_words", choices: [#{ text: "a", next: "end" }] });
ending("end", #{ line: "bye", debrief: "d" });"#,
    );
    let s = Arc::new(no_routes.scenario.unwrap());
    let f = crate::lint::check(
        crate::scenario::Loaded {
            scenario: Some((*s).clone()),
            findings: Vec::new(),
        },
        english(),
    );
    assert!(
        f.findings.iter().any(|f| f.code == "E024"),
        "{:?}",
        f.findings
    );
}

#[test]
fn asking_without_acting_misses_a_flag_and_names_it() {
    let a = play_flag(
        Mode::Assessment,
        &[
            "Are you having thoughts of suicide?",
            "#gp_sometime",
            "#stay",
        ],
    );
    let f = flag_of(&a);
    assert_eq!(f.outcome, crate::attempt::FlagOutcome::Missed);
    assert!(f.act_turn.is_none());
    let r = a.report();
    assert!(!r.passed);
    assert!(
        r.critical[0].contains("suicide risk") && r.critical[0].contains("not acted on"),
        "{:?}",
        r.critical
    );
    assert_eq!(
        r.ending.unwrap().debrief.as_deref(),
        Some("The warning sign was not acted on."),
        "the debrief never praises a step not taken"
    );
}

#[test]
fn a_high_severity_flag_needs_a_safety_step_not_just_a_referral() {
    let a = play_flag(
        Mode::Assessment,
        &[
            "Are you having thoughts of suicide?",
            "#referral_only",
            "#stay",
        ],
    );
    let f = flag_of(&a);
    assert_eq!(f.outcome, crate::attempt::FlagOutcome::Missed);
    assert!(
        f.act_turn.is_none(),
        "a referral alone is no act on a high-severity sign"
    );
    assert!(
        a.report().critical[0].contains("same-day"),
        "{:?}",
        a.report().critical
    );
}

#[test]
fn asking_and_acting_recognises_and_undoing_it_revokes() {
    let a = play_flag(
        Mode::Assessment,
        &["Are you having thoughts of suicide?", "#same_day", "#stay"],
    );
    let f = flag_of(&a);
    assert_eq!(f.outcome, crate::attempt::FlagOutcome::Recognised);
    assert_eq!((f.step_turns.clone(), f.act_turn), (vec![1, 2], Some(2)));
    assert_eq!(
        a.report().ending.unwrap().debrief.as_deref(),
        Some("You asked and acted.")
    );
    let a = play_flag(
        Mode::Assessment,
        &[
            "Are you having thoughts of suicide?",
            "#same_day",
            "#off_you_go",
        ],
    );
    let f = flag_of(&a);
    assert_eq!(f.outcome, crate::attempt::FlagOutcome::Missed);
    assert_eq!(f.revoked_turn, Some(3));
    let r = a.report();
    assert!(!r.passed);
    assert!(r.critical[0].contains("turn 3"), "{:?}", r.critical);
    // The analyser does not count a question the trainee answers themselves.
    let a = play_flag(
        Mode::Assessment,
        &[
            "Are you thinking about suicide? No? Good, then see your GP sometime.",
            "#same_day",
            "#stay",
        ],
    );
    assert_eq!(flag_of(&a).outcome, crate::attempt::FlagOutcome::Missed);
}

#[test]
fn recognition_must_end_with_an_act_and_debriefs_after_a_cue_must_be_conditional() {
    let l = compile_str(
        r#"beat("a", #{ line: "x", red_flag: #{ category: "suicide_risk", severity: "high", window: 2, recognise: ["suicide_inquiry", ["referral"]] },
  choices: [#{ text: "a", next: "end", shows: ["suicide_inquiry", "referral"] }] });
ending("end", #{ line: "bye", debrief: "Well done for acting." });"#,
    );
    assert!(
        l.findings.iter().any(|f| f.code == "E026"),
        "{:?}",
        l.findings
    );
    let s = compile_str(FLAG).scenario.unwrap();
    let mut plain = s.clone();
    plain.def.endings[0].debrief_missed = None;
    let f = crate::lint::check(
        crate::scenario::Loaded {
            scenario: Some(plain),
            findings: Vec::new(),
        },
        english(),
    );
    assert!(
        f.findings.iter().any(|f| f.code == "E025"),
        "{:?}",
        f.findings
    );
}

#[test]
fn one_chance_cannot_be_exemplary_and_is_marked_limited() {
    let s = Arc::new(compile_str(MENU).scenario.unwrap());
    let mut a = Attempt::start(s, Mode::Assessment, 1, english()).unwrap();
    apply(&mut a, &ScriptLine::Pick("first".into())).unwrap();
    let g = a.grade();
    let atm = g
        .competencies
        .iter()
        .find(|c| c.competency == crate::competency::Competency::Atmosphere)
        .unwrap();
    assert_eq!(atm.score, Some(2.0));
    assert_eq!(atm.level, crate::grading::Level::Competent);
    assert!(atm.limited_evidence);
}

// ------------------------------------------------------------ authoring (issue #16)

#[test]
fn a_hidden_state_has_no_meter_and_is_linted_when_never_read() {
    let body = r#"state("trust", #{ start: 50, min: 0, max: 100 });
state("plan_agreed", #{ start: 0, min: 0, max: 1, hidden: true });
beat("a", #{ line: |s| if s.plan_agreed > 0 { "Thanks." } else { "Hm." }, choices: [
  #{ text: "x", next: "a", effects: #{ plan_agreed: 1, trust: 5 }, evidence: #{ atmosphere: [1, "r"] } },
  #{ text: "y", next: "end", evidence: #{ atmosphere: [1, "r"] } }] });
ending("end", #{ line: "bye", debrief: "d" });"#;
    let s = Arc::new(compile_str(body).scenario.unwrap());
    let a = Attempt::start(Arc::clone(&s), Mode::Practice, 1, english()).unwrap();
    let meters: Vec<String> = a.view().meters.into_iter().map(|m| m.name).collect();
    assert_eq!(meters, vec!["trust"], "a hidden variable gets no meter");
    let lint = |body: &str| {
        let l = compile_str(body);
        crate::lint::check(l, english())
            .findings
            .into_iter()
            .map(|f| f.code.as_str())
            .collect::<Vec<_>>()
    };
    assert!(!lint(body).contains(&"W109"));
    let unread = body.replace(
        r#"|s| if s.plan_agreed > 0 { "Thanks." } else { "Hm." }"#,
        r#""Hm.""#,
    );
    assert!(lint(&unread).contains(&"W109"), "{:?}", lint(&unread));
    let bad = compile_str(
        r#"state("x", #{ start: 0, hidden: "yes" });
beat("a", #{ line: "x", choices: [#{ text: "y", next: "end" }] });
ending("end", #{ line: "bye", debrief: "d" });"#,
    );
    assert!(bad
        .findings
        .iter()
        .any(|f| f.code == "E004" && f.message.contains("hidden")));
}

#[test]
fn a_scenario_rule_can_veto_a_label_and_so_a_red_flag_step() {
    let body = r#"rule(#{ id: "not_my_place", remove: ["suicide_inquiry"], when: |r| mentions(r, "not my place") });
beat("a", #{ line: "I keep thinking they'd be better off without me.",
  red_flag: #{ category: "suicide_risk", severity: "moderate", window: 2, recognise: ["suicide_inquiry", ["referral", "safety_action"]] },
  free_text: #{ routes: [#{ when: ["suicide_inquiry"], next: "b", evidence: #{ follow_affect: [2, "asks"] } }], otherwise: #{ next: "b" } } });
beat("b", #{ line: "Okay.", choices: [#{ id: "refer", text: "Let's ring the staff psychology team together now.", next: "end", shows: ["referral", "safety_action"], evidence: #{ plan_next_steps: [2, "r"] } }] });
ending("end", #{ line: "bye", debrief: #{ recognised: "asked and acted", missed: "not acted on" } });"#;
    let s = Arc::new(compile_str(body).scenario.unwrap());
    let play = |said: &str| {
        let mut a = Attempt::start(Arc::clone(&s), Mode::Practice, 1, english()).unwrap();
        apply(
            &mut a,
            &ScriptLine::Respond(Input::FreeText { text: said.into() }),
        )
        .unwrap();
        apply(&mut a, &ScriptLine::Pick("refer".into())).unwrap();
        a
    };
    let asked = play("Are you having thoughts of suicide?");
    assert_eq!(
        asked.flags()[0].outcome,
        crate::attempt::FlagOutcome::Recognised
    );
    // The analyser alone calls this an inquiry; the scenario's rule says no.
    let refused = play("Are you thinking of suicide? It's not my place to go into that.");
    let a = refused.turns()[0].analysis.as_ref().unwrap();
    assert!(!a
        .behaviours
        .contains(&crate::behaviour::Behaviour::SuicideInquiry));
    assert_eq!(a.vetoed[0].rule, "scenario.not_my_place");
    assert_eq!(
        refused.flags()[0].outcome,
        crate::attempt::FlagOutcome::Missed
    );
    let both = compile_str(
        r#"rule(#{ id: "x", label: "reflection", remove: ["advice"], when: |r| true });
beat("a", #{ line: "x", choices: [#{ text: "y", next: "end" }] });
ending("end", #{ line: "bye", debrief: "d" });"#,
    );
    assert!(both
        .findings
        .iter()
        .any(|f| f.code == "E004" && f.message.contains("not both")));
}

#[test]
fn the_analyser_treats_negated_asks_and_hedged_referrals_as_nothing() {
    let labels = |t: &str| crate::analysis::analyse(t, None).unwrap().behaviours;
    use crate::behaviour::Behaviour as B;
    assert!(labels("Are you having thoughts of ending your life?").contains(&B::SuicideInquiry));
    for refusal in [
        "I won't ask whether you're thinking about suicide, that's not my place.",
        "I'm not going to ask if you've thought about suicide.",
    ] {
        assert!(!labels(refusal).contains(&B::SuicideInquiry), "{refusal}");
    }
    assert!(
        !labels("Maybe mention it to your GP at some point if it keeps happening.")
            .contains(&B::Referral)
    );
    let same_day = labels("Let's ring the crisis team together now.");
    assert!(same_day.contains(&B::Referral) && same_day.contains(&B::SafetyAction));
    let week = labels("Could you see occupational health this week?");
    assert!(week.contains(&B::Referral) && !week.contains(&B::SafetyAction));
    assert!(!labels("I'll give you a call next month.").contains(&B::FollowUp));
    assert!(labels("I'll give you a call next week.").contains(&B::FollowUp));
}

#[test]
fn a_group_of_beats_can_be_declared_once_by_a_function_and_reused() {
    let body = r#"fn closing(track) {
    beat(track + "_close", #{ line: "What now?", choices: [#{ id: "plan", text: "Let's agree the next steps.", next: track + "_end", evidence: #{ atmosphere: [1, "r"] } }] });
    ending(track + "_end", #{ line: "Thanks.", debrief: "d" });
}
beat("a", #{ line: "Hello.", choices: [
  #{ id: "left", text: "Left.", next: "left_close", evidence: #{ atmosphere: [1, "r"] } },
  #{ id: "right", text: "Right.", next: "right_close", evidence: #{ atmosphere: [1, "r"] } }] });
closing("left");
closing("right");"#;
    let l = compile_str(body);
    let ids: Vec<String> = l
        .scenario
        .as_ref()
        .unwrap()
        .def
        .beats
        .iter()
        .map(|b| b.id.clone())
        .collect();
    assert_eq!(ids, vec!["a", "left_close", "right_close"]);
    let r = crate::lint::check(l, english());
    assert_eq!(r.errors(), 0, "{:?}", r.findings);
    // Calling it twice with the same track collides, and says so.
    let twice = compile_str(&body.replace(r#"closing("right");"#, r#"closing("left");"#));
    assert!(
        twice
            .findings
            .iter()
            .any(|f| f.code == "E005" && f.message.contains("left_close")),
        "{:?}",
        twice.findings
    );
}

#[test]
fn a_keyword_salad_earns_nothing_beyond_the_route_it_takes() {
    let body = r#"beat("a", #{ line: "I just feel like I let everyone down.",
  choices: [#{ id: "reflect", text: "You feel you let everyone down.", next: "end", evidence: #{ active_listening: [2, "reflects"] } }],
  free_text: #{ routes: [#{ when: |r| true, next: "end", evidence: #{ active_listening: [1, "answers her"] } }] } });
ending("end", #{ line: "bye", debrief: "d" });"#;
    let s = Arc::new(compile_str(body).scenario.unwrap());
    let net = |said: &str| {
        let mut a = Attempt::start(Arc::clone(&s), Mode::Assessment, 1, english()).unwrap();
        a.respond(Input::FreeText { text: said.into() })
            .unwrap()
            .net()
    };
    let genuine = net("It sounds like you feel you've let everyone down.");
    let salad = net("Sounds like you feel guilty. That makes sense. Many nurses feel that. I am here. This is confidential. Legal support. Let us make a plan. I'll call you next week.");
    assert!(salad <= genuine, "salad {salad} > genuine {genuine}");
    // Evidence against always counts, even outside the beat's chances.
    assert!(net("You should have double-checked it, honestly.") < 0);
}

#[test]
fn for_suicide_risk_the_act_comes_after_the_answer() {
    // Asking and acting in one breath does not count; acting after the
    // answer does.
    let one_breath = play_flag(
        Mode::Assessment,
        &[
            "Are you having thoughts of suicide? I'll stay with you.",
            "#gp_sometime",
        ],
    );
    assert_eq!(
        flag_of(&one_breath).outcome,
        crate::attempt::FlagOutcome::Missed
    );
    let after = play_flag(
        Mode::Assessment,
        &["Are you having thoughts of suicide?", "#same_day"],
    );
    assert_eq!(
        flag_of(&after).outcome,
        crate::attempt::FlagOutcome::Recognised
    );
}

#[test]
fn a_script_error_mid_turn_leaves_the_attempt_as_it_was() {
    // The effect and the red-flag step of the choice are applied before its
    // computed `next` runs and throws; none of it may stick.
    let body = r#"state("trust", #{ start: 10, min: 0, max: 100 });
beat("a", #{ line: |s| "Trust is " + s.trust,
  red_flag: #{ category: "suicide_risk", severity: "moderate", window: 3, recognise: ["suicide_inquiry", ["referral", "safety_action"]] },
  choices: [
    #{ id: "boom", text: "x", effects: #{ trust: 50 }, shows: ["suicide_inquiry"], evidence: #{ atmosphere: [1, "r"] },
       next: |s| if s.trust > 40 { throw "the script broke" } else { "end" }, possible_next: ["end"] },
    #{ id: "fine", text: "y", next: "end", evidence: #{ atmosphere: [1, "r"] } }] });
ending("end", #{ line: "bye", debrief: #{ recognised: "r", missed: "m" } });"#;
    let s = Arc::new(compile_str(body).scenario.unwrap());
    for mode in [Mode::Practice, Mode::Assessment] {
        let mut a = Attempt::start(Arc::clone(&s), mode, 1, english()).unwrap();
        let (view, values, flags) = (a.view(), a.values().clone(), a.flags().to_vec());
        let e = apply(&mut a, &ScriptLine::Pick("boom".into())).unwrap_err();
        assert!(e.to_string().contains("the script broke"), "{e}");
        assert_eq!(a.view(), view);
        assert_eq!(a.values(), &values, "the effect was rolled back");
        assert_eq!(a.flags(), &flags[..], "the red-flag step was rolled back");
        assert!(a.turns().is_empty() && a.inputs().is_empty());
        // The attempt goes on normally afterwards, and replays the same.
        apply(&mut a, &ScriptLine::Pick("fine".into())).unwrap();
        assert!(a.is_ended());
        let b = Attempt::replay(Arc::clone(&s), mode, 1, english(), a.inputs()).unwrap();
        assert_eq!(a.report(), b.report());
    }
}

#[test]
fn one_budget_is_shared_by_all_the_calls_of_a_turn() {
    // Forty rules, each well inside the per-call limits, together far over
    // the turn's: the turn stops, names the turn's limit, and nothing sticks.
    let mut body = String::new();
    for i in 0..40 {
        body.push_str(&format!(
            "rule(#{{ id: \"spin{i}\", label: \"reflection\", when: |r| {{ let n = 0; while n < 20000 {{ n += 1; }} false }} }});\n"
        ));
    }
    body.push_str(
        r#"beat("a", #{ line: "Hello.", free_text: #{ routes: [#{ when: |r| true, next: "end", evidence: #{ atmosphere: [1, "r"] } }] } });
ending("end", #{ line: "bye", debrief: "d" });"#,
    );
    let s = Arc::new(compile_str(&body).scenario.unwrap());
    let mut a = Attempt::start(Arc::clone(&s), Mode::Assessment, 1, english()).unwrap();
    let t = Instant::now();
    let e = a
        .respond(Input::FreeText {
            text: "Hello there.".into(),
        })
        .unwrap_err()
        .to_string();
    assert!(
        e.contains("the turn's operation limit") || e.contains("the turn's time limit"),
        "{e}"
    );
    assert!(t.elapsed() < Duration::from_secs(3), "{:?}", t.elapsed());
    assert!(a.turns().is_empty());
    // One rule alone is fine: the budget is per turn, not per attempt.
    let one = compile_str(&body.lines().skip(39).collect::<Vec<_>>().join("\n"));
    let s1 = Arc::new(one.scenario.unwrap());
    let mut b = Attempt::start(s1, Mode::Assessment, 1, english()).unwrap();
    b.respond(Input::FreeText {
        text: "Hello there.".into(),
    })
    .unwrap();
    assert!(b.is_ended());
}

#[test]
fn a_statement_has_an_empty_question_kind_in_route_predicates() {
    let body = r#"beat("a", #{ line: "Hello.", free_text: #{ routes: [
  #{ when: |r| r.question == "", next: "end", evidence: #{ atmosphere: [1, "a statement"] } },
  #{ when: |r| r.question == "open", next: "end", evidence: #{ atmosphere: [2, "an open question"] } }] } });
ending("end", #{ line: "bye", debrief: "d" });"#;
    let s = Arc::new(compile_str(body).scenario.unwrap());
    let route = |said: &str| {
        let mut a = Attempt::start(Arc::clone(&s), Mode::Practice, 1, english()).unwrap();
        a.respond(Input::FreeText { text: said.into() })
            .unwrap()
            .route
            .clone()
    };
    assert_eq!(
        route("I'm here."),
        crate::attempt::Route::FreeText { index: 1 }
    );
    assert_eq!(
        route("How has it been for you?"),
        crate::attempt::Route::FreeText { index: 2 }
    );
}

#[test]
fn a_best_option_always_in_the_middle_by_length_is_an_error() {
    // Five menus whose best option is always the middle-length one.
    let mut body = String::new();
    for i in 0..5 {
        let next = if i == 4 {
            "end".to_string()
        } else {
            format!("b{}", i + 1)
        };
        body.push_str(&format!(
            r#"beat("b{i}", #{{ line: "Go on.", choices: [
  #{{ id: "short", text: "Okay then.", next: "{next}", evidence: #{{ atmosphere: [-1, "r"] }} }},
  #{{ id: "middle", text: "Take your time, I'm here.", next: "{next}", evidence: #{{ atmosphere: [2, "r"] }} }},
  #{{ id: "long", text: "Shall we go through exactly what happened, step by step?", next: "{next}", evidence: #{{ atmosphere: [-1, "r"] }} }}] }});
"#
        ));
    }
    body.push_str(r#"ending("end", #{ line: "bye", debrief: "d" });"#);
    let codes = |src: &str| -> Vec<&'static str> {
        crate::lint::check(compile_str(src), english())
            .findings
            .into_iter()
            .map(|f| f.code.as_str())
            .collect()
    };
    let found = codes(&body);
    assert!(found.contains(&"E040"), "{found:?}");
    // Move the best option's length around and the error goes.
    let varied = body
        .replacen("Take your time, I'm here.", "Here.", 2)
        .replacen(
            "Take your time, I'm here.",
            "Take all the time you need; I'm not going anywhere, honestly, whatever you need.",
            1,
        );
    assert!(!codes(&varied).contains(&"E040"), "{:?}", codes(&varied));
}
