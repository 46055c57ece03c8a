//! The authoring CLI on hand-written scenarios: findings, sandbox limits,
//! bad arguments.

use crate::support::{names_a_runaway_limit, rehearse, rehearse_with, scratch_scenario, HEADER};
use std::time::Duration;

#[test]
fn broken_target_and_dead_end_are_both_reported_with_positions() {
    let script = format!(
        "{HEADER}beat(\"start\", #{{\n    line: \"Hello.\",\n    choices: [\n        #{{ text: \"Go on\", next: \"missing_beat\", evidence: #{{ atmosphere: [1, \"warm\"] }} }},\n        #{{ text: \"Wait\", next: \"stuck\", evidence: #{{ atmosphere: [1, \"calm\"] }} }},\n    ],\n}});\nbeat(\"stuck\", #{{ line: \"...\" }});\n"
    );
    let (_tmp, dir) = scratch_scenario("broken", &script);
    let run = rehearse(&["check", dir.to_str().unwrap()]);
    assert_eq!(run.code, 1, "{}{}", run.stdout, run.stderr);
    let file = dir.join("scenario.rhai");
    let target = format!("{}:7:33: error[E011]", file.display());
    let dead = format!("{}:11:1: error[E012]", file.display());
    assert!(
        run.stdout.contains(&target),
        "expected {target} in\n{}",
        run.stdout
    );
    assert!(
        run.stdout.contains(&dead),
        "expected {dead} in\n{}",
        run.stdout
    );

    let json = rehearse(&["check", "--format", "json", dir.to_str().unwrap()]);
    assert_eq!(json.code, 1);
    let v: serde_json::Value = serde_json::from_str(&json.stdout).unwrap();
    let codes: Vec<&str> = v[0]["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["code"].as_str().unwrap())
        .collect();
    assert!(
        codes.contains(&"E011") && codes.contains(&"E012"),
        "{codes:?}"
    );
}

#[test]
fn infinite_loop_is_stopped_and_the_cli_exits_non_zero() {
    let (_tmp, dir) = scratch_scenario("spin", &format!("{HEADER}loop {{}}\n"));
    let run = rehearse_with(
        &["check", dir.to_str().unwrap()],
        "",
        Duration::from_secs(20),
    );
    assert_eq!(run.code, 1);
    // The acceptance bound: stopped within one second (it takes milliseconds).
    assert!(
        run.elapsed < Duration::from_secs(1),
        "took {:?}",
        run.elapsed
    );
    assert!(names_a_runaway_limit(&run.stdout), "{}", run.stdout);
    assert!(run.stdout.contains("scenario.rhai:4:"), "{}", run.stdout);
}

#[test]
fn a_loop_during_play_names_scenario_beat_and_limit() {
    let script = format!(
        "{HEADER}beat(\"spin\", #{{ line: |s| {{ let n = 0; loop {{ n += 1; }} }}, choices: [#{{ text: \"x\", next: \"end\", evidence: #{{ atmosphere: [1, \"r\"] }} }}] }});\nending(\"end\", #{{ line: \"bye\", debrief: \"d\" }});\n"
    );
    let (_tmp, dir) = scratch_scenario("spin-play", &script);
    let run = rehearse_with(
        &["play", dir.to_str().unwrap(), "--seed", "1"],
        "1\n",
        Duration::from_secs(20),
    );
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.contains("scenario \"scratch\", beat \"spin\"")
            && names_a_runaway_limit(&run.stderr),
        "{}",
        run.stderr
    );
    assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
}

#[test]
fn hostile_scripts_get_clear_errors() {
    for (body, expect) in [
        ("import \"x\" as y;", "`import` is not allowed"),
        ("eval(\"40 + 2\");", "`eval` is not allowed"),
        (
            "let f = read_file(\"/etc/passwd\");",
            "no files, network or clock",
        ),
        ("fn r(n) { r(n + 1) } r(0);", "call-depth limit"),
        ("let s = \"ab\"; loop { s += s; }", "too large"),
    ] {
        let (_tmp, dir) = scratch_scenario("hostile", &format!("{HEADER}{body}\n"));
        let run = rehearse(&["check", dir.to_str().unwrap()]);
        assert_eq!(run.code, 1, "{body}");
        assert!(run.stdout.contains(expect), "{body}: {}", run.stdout);
    }
}

#[test]
fn bad_arguments_fail_cleanly() {
    let run = rehearse(&["frobnicate"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("unrecognized subcommand"),
        "{}",
        run.stderr
    );
    let run = rehearse(&["play"]);
    assert_eq!(run.code, 2);
    let run = rehearse(&["check", "/definitely/not/here"]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.contains("/definitely/not/here"),
        "{}",
        run.stderr
    );
    let run = rehearse(&["play", "no-such-scenario"]);
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("rehearse list"), "{}", run.stderr);
    for args in [
        &["check", "--help"][..],
        &["play", "--help"],
        &["test", "--help"],
        &["graph", "--help"],
        &["list", "--help"],
        &["analyze", "--help"],
    ] {
        let run = rehearse(args);
        assert_eq!(run.code, 0, "{args:?}");
        assert!(run.stdout.contains("Usage"), "{args:?}");
    }
    for run in [
        rehearse(&["frobnicate"]),
        rehearse(&["check", "/definitely/not/here"]),
    ] {
        assert!(!run.stderr.contains("panicked"));
    }
}

#[test]
fn malformed_test_files_and_input_scripts_are_reported_with_lines() {
    let script = format!(
        "{HEADER}beat(\"a\", #{{ line: \"hi\", choices: [#{{ text: \"x\", next: \"end\", evidence: #{{ atmosphere: [2, \"r\"] }} }}] }});\nending(\"end\", #{{ line: \"bye\", debrief: \"d\" }});\n"
    );
    let (_tmp, dir) = scratch_scenario("tests-bad", &script);
    std::fs::write(
        dir.join("tests.toml"),
        "[[test]]\nname = \"x\"\ninputs = [\"1\"\n",
    )
    .unwrap();
    let run = rehearse(&["test", dir.to_str().unwrap()]);
    assert_eq!(run.code, 1);
    assert!(run.stdout.contains("line "), "{}", run.stdout);
    let input = dir.join("inputs.txt");
    std::fs::write(&input, "/dance\n").unwrap();
    let run = rehearse(&[
        "play",
        dir.to_str().unwrap(),
        "--input",
        input.to_str().unwrap(),
    ]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("input line 1"), "{}", run.stderr);
}

#[test]
fn an_unmatched_free_text_response_is_named_in_assessment_mode() {
    let script = format!(
        "{HEADER}beat(\"a\", #{{ line: \"What now?\", free_text: #{{ routes: [#{{ when: |r| mentions(r, \"union\"), next: \"end\", evidence: #{{ atmosphere: [2, \"r\"] }} }}] }} }});\nending(\"end\", #{{ line: \"bye\", debrief: \"d\" }});\n"
    );
    let (_tmp, dir) = scratch_scenario("nomatch", &script);
    let run = rehearse_with(
        &[
            "play",
            dir.to_str().unwrap(),
            "--mode",
            "assessment",
            "--seed",
            "1",
        ],
        "The weather is nice.\nShall we call your union rep?\n",
        Duration::from_secs(20),
    );
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    assert!(
        run.stdout
            .contains("! No rule in this beat matched your response"),
        "{}",
        run.stdout
    );
    assert!(
        !run.stdout.contains("hint:"),
        "assessment mode shows no hints"
    );
}
