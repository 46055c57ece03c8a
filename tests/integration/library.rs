//! The bundled library through the real CLI: every scenario checks clean,
//! every scenario test passes, random walks find no runtime error, and the
//! red-flag gate fails an assessment that ignores a suicide-risk cue.

use crate::support::{rehearse, scenarios};
use rehearse_core::competency::Competency;
use rehearse_core::red_flag::RedFlagCategory;
use std::path::PathBuf;

fn scenario_dirs() -> Vec<PathBuf> {
    rehearse_core::library::expand(&[scenarios()]).unwrap()
}

#[test]
fn library_has_enough_scenarios_of_enough_depth() {
    let dirs = scenario_dirs();
    assert!(dirs.len() >= 8, "only {} scenarios", dirs.len());
    let mut flag_scenarios = std::collections::BTreeMap::<RedFlagCategory, usize>::new();
    let mut chances = std::collections::BTreeMap::<Competency, usize>::new();
    for dir in &dirs {
        let s = rehearse_core::scenario::load_playable(dir).unwrap_or_else(|e| panic!("{e}"));
        assert!(
            s.def.beats.len() >= 12,
            "{} has {} beats",
            s.id(),
            s.def.beats.len()
        );
        let tests = rehearse_core::testcase::read_tests(dir).unwrap();
        assert!(tests.len() >= 3, "{} has {} tests", s.id(), tests.len());
        for f in &s.def.meta.red_flags {
            *flag_scenarios.entry(*f).or_default() += 1;
            assert!(
                tests.iter().any(|t| t
                    .expect
                    .red_flags
                    .get(f.id())
                    .is_some_and(|o| o == "missed")),
                "{} has no test that misses its {f} cue",
                s.id()
            );
        }
        for b in &s.def.beats {
            let shown = b.chances();
            for c in shown {
                *chances.entry(c).or_default() += 1;
            }
        }
    }
    for f in RedFlagCategory::ALL {
        assert!(
            flag_scenarios.get(&f).copied().unwrap_or(0) >= 2,
            "{f} appears in fewer than two scenarios"
        );
    }
    for c in Competency::ALL {
        assert!(
            chances.get(&c).copied().unwrap_or(0) >= 3,
            "{c} has fewer than three chances across the library"
        );
    }
}

#[test]
fn check_reports_no_errors_on_the_library() {
    let run = rehearse(&["check", scenarios().to_str().unwrap()]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    assert!(run.stdout.contains(" 0 error(s)"), "{}", run.stdout);
}

#[test]
fn every_scenario_test_passes() {
    let run = rehearse(&["test", scenarios().to_str().unwrap()]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    assert!(run.stdout.contains("test result: ok."), "{}", run.stdout);
}

#[test]
fn explored_walks_find_no_runtime_error_and_reach_everything() {
    let run = rehearse(&[
        "check",
        "--explore",
        "200",
        "--seed",
        "1",
        scenarios().to_str().unwrap(),
    ]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    assert!(
        !run.stdout.contains("runtime error (replay"),
        "{}",
        run.stdout
    );
    for c in Competency::ALL {
        let line = format!("competency {:<24} reachable", c.id());
        assert!(
            run.stdout.contains(&line),
            "{c} not reachable:\n{}",
            run.stdout
        );
    }
    for f in RedFlagCategory::ALL {
        let line = format!("red flag   {:<24} recognition reachable", f.id());
        assert!(
            run.stdout.contains(&line),
            "{f} recognition not reachable:\n{}",
            run.stdout
        );
    }
}

#[test]
fn an_assessment_that_ignores_a_suicide_risk_cue_fails_and_names_it() {
    let mut checked = 0;
    for dir in scenario_dirs() {
        let s = rehearse_core::scenario::load_playable(&dir).unwrap();
        if !s.def.meta.red_flags.contains(&RedFlagCategory::SuicideRisk) {
            continue;
        }
        let tests = rehearse_core::testcase::read_tests(&dir).unwrap();
        let missing = tests
            .iter()
            .find(|t| {
                t.expect
                    .red_flags
                    .get("suicide_risk")
                    .is_some_and(|o| o == "missed")
            })
            .unwrap_or_else(|| panic!("{} has no test that misses its cue", s.id()));
        let tmp = tempfile::tempdir().unwrap();
        let inputs = tmp.path().join("inputs.txt");
        std::fs::write(&inputs, missing.inputs.join("\n")).unwrap();
        let seed = missing.seed.unwrap_or(1).to_string();
        let run = rehearse(&[
            "play",
            dir.to_str().unwrap(),
            "--mode",
            "assessment",
            "--seed",
            &seed,
            "--input",
            inputs.to_str().unwrap(),
            "--json",
        ]);
        assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
        let json = &run.stdout[run.stdout.find("{\n  \"schema\"").expect("a JSON report")..];
        let report: serde_json::Value = serde_json::from_str(json).unwrap();
        assert_eq!(report["passed"], false);
        assert_eq!(report["completed"], true);
        let missed = report["red_flags"]
            .as_array()
            .unwrap()
            .iter()
            .find(|f| f["category"] == "suicide_risk" && f["outcome"] == "missed")
            .expect("a missed suicide-risk flag");
        let turn = missed["cue_turn"].as_u64().unwrap();
        let critical = report["critical"][0].as_str().unwrap();
        assert!(
            critical.contains("suicide risk") && critical.contains(&format!("turn {turn}")),
            "{critical}"
        );
        // The Markdown report leads with the same critical error.
        let md = rehearse(&[
            "play",
            dir.to_str().unwrap(),
            "--mode",
            "assessment",
            "--seed",
            &seed,
            "--input",
            inputs.to_str().unwrap(),
        ]);
        let result_at = md
            .stdout
            .find("**Result: NOT PASSED**")
            .expect("result line");
        let critical_at = md
            .stdout
            .find("**Critical:** Missed red flag: suicide risk")
            .expect("critical line");
        assert!(result_at < critical_at);
        checked += 1;
    }
    assert!(checked >= 2, "only {checked} suicide-risk scenarios");
}

#[test]
fn list_and_graph_show_the_library() {
    let run = rehearse(&["list", "--format", "json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let v: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let bundled: Vec<&serde_json::Value> = v
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["origin"] == "bundled")
        .collect();
    assert_eq!(bundled.len(), scenario_dirs().len());
    assert!(bundled
        .iter()
        .all(|e| e["title"].is_string() && e["problem"].is_null()));
    let id = bundled[0]["id"].as_str().unwrap();
    let dot = rehearse(&["graph", id, "--format", "dot"]);
    assert_eq!(dot.code, 0);
    assert!(
        dot.stdout.starts_with("digraph") && dot.stdout.contains("doubleoctagon"),
        "{}",
        dot.stdout
    );
    let mermaid = rehearse(&["graph", id, "--format", "mermaid"]);
    assert!(mermaid.stdout.starts_with("flowchart LR") && mermaid.stdout.contains("-->"));
}

/// Issue #9: across the library (as declared, before any shuffle) the best
/// option is the longest in at most 40% of menus and first in at most 40%.
#[test]
fn across_the_library_the_best_option_is_rarely_first_or_longest() {
    let (mut menus, mut first, mut longest) = (0u32, 0u32, 0u32);
    for dir in scenario_dirs() {
        let s = rehearse_core::scenario::load_playable(&dir).unwrap();
        for beat in s.def.beats.iter().filter(|b| b.choices.len() >= 2) {
            let Some(best) = beat.best_choice() else {
                continue;
            };
            menus += 1;
            first += u32::from(best == 0);
            let len = |i: usize| beat.choices[i].text.chars().count();
            longest += u32::from((0..beat.choices.len()).all(|i| i == best || len(i) < len(best)));
        }
    }
    assert!(menus >= 100, "{menus} menus");
    let share = |n: u32| f64::from(n) / f64::from(menus);
    assert!(
        share(first) <= 0.40,
        "best first in {first} of {menus} menus"
    );
    assert!(
        share(longest) <= 0.40,
        "best longest in {longest} of {menus} menus"
    );
    println!("best option first in {first} of {menus} menus, longest in {longest}");
}

/// `rehearse check ... | head -1`: a reader that stops early ends the output
/// quietly (killed by SIGPIPE, as other Unix tools are), with no panic.
#[cfg(unix)]
#[test]
fn a_reader_that_stops_early_gets_no_panic() {
    use std::io::{BufRead, BufReader};
    use std::os::unix::process::ExitStatusExt;
    use std::process::{Command, Stdio};
    const SIGPIPE: i32 = 13;
    let mut child = Command::new(env!("CARGO_BIN_EXE_rehearse"))
        // More than a pipe holds (about 75 KB), so the writer must still
        // be writing when the reader leaves.
        .args(["check", "--explore", "20", "--format", "json"])
        .arg(scenarios())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut first)
        .unwrap();
    assert!(!first.is_empty(), "check printed nothing");
    // The reader is dropped here: the pipe is closed with output to come.
    let out = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert!(
        out.status.success() || out.status.signal() == Some(SIGPIPE),
        "{:?}: {stderr}",
        out.status
    );
}
