//! Sandbox and loader tests: hostile scripts are stopped with the right
//! error, and findings point at the right place.

use super::*;
use crate::attempt::{Attempt, Input, Mode};
use crate::response::english;
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
            a.respond(Input::Choice { index: 1 }).unwrap();
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
    for i in [1, 1, 2, 1, 1, 1] {
        a.respond(Input::Choice { index: i }).unwrap();
    }
    let b = Attempt::replay(s, Mode::Assessment, 11, english(), a.inputs()).unwrap();
    assert_eq!(a.report(), b.report());
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
