//! `rehearse analyze` through the real binary: the public JSON contract and
//! bad-line handling.

use crate::support::rehearse_with;
use std::time::Duration;

fn analyse(args: &[&str], stdin: &str) -> crate::support::Run {
    let mut all = vec!["analyze"];
    all.extend_from_slice(args);
    rehearse_with(&all, stdin, Duration::from_secs(60))
}

#[test]
fn open_and_closed_questions_and_fact_finding() {
    let run = analyse(&[], "How have you been since the night it happened?\n");
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout.contains("\"question\":\"open\""),
        "{}",
        run.stdout
    );
    let run = analyse(&[], "Did you check the dose?\n");
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout.contains("\"question\":\"closed\""),
        "{}",
        run.stdout
    );
    let v: serde_json::Value = serde_json::from_str(run.stdout.trim()).unwrap();
    assert!(
        v["behaviours"]
            .as_array()
            .unwrap()
            .iter()
            .any(|b| b == "fact_finding"),
        "{v}"
    );
    for key in ["question", "behaviours", "evidence", "rules"] {
        assert!(v.get(key).is_some(), "missing {key} in {v}");
    }
}

#[test]
fn a_malformed_jsonl_line_is_named_and_the_rest_are_processed() {
    let tmp = tempfile::tempdir().unwrap();
    let file = tmp.path().join("in.jsonl");
    std::fs::write(
        &file,
        "{\"text\": \"How are you feeling?\"}\n{\"text\": \"It sounds like you blame yourself.\", \"previous\": \"It was my fault.\"}\n{\"text\": \"broken\n{\"text\": \"Did you check the dose?\"}\n",
    )
    .unwrap();
    let run = analyse(&["--jsonl", file.to_str().unwrap()], "");
    assert_eq!(run.code, 1);
    let lines: Vec<serde_json::Value> = run
        .stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 4, "one output per input line, in order");
    assert_eq!(lines[2]["line"], 3);
    assert!(lines[2]["error"].as_str().unwrap().contains("invalid JSON"));
    assert_eq!(lines[0]["question"], "open");
    assert_eq!(lines[3]["question"], "closed");
    assert!(run.stderr.contains("the first at line 3"), "{}", run.stderr);
}

#[test]
fn an_oversized_paste_is_refused_not_truncated() {
    let long = "word ".repeat(1_000);
    let run = analyse(&[], &format!("{long}\nHow are you?\n"));
    assert_eq!(run.code, 1);
    let first: serde_json::Value =
        serde_json::from_str(run.stdout.lines().next().unwrap()).unwrap();
    assert!(
        first["error"].as_str().unwrap().contains("at most 4000"),
        "{first}"
    );
    assert!(run
        .stdout
        .lines()
        .nth(1)
        .unwrap()
        .contains("\"question\":\"open\""));
}
