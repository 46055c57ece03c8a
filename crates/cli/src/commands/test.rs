//! `rehearse test`: run the scenario tests kept beside each scenario.

use super::{analyser, scenario_dirs};
use crate::error::CmdResult;
use rehearse_core::{scenario, testcase};
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;

/// Runs the command.
pub fn run(paths: &[PathBuf]) -> CmdResult {
    let dirs = scenario_dirs(paths)?;
    let analyser = analyser();
    let (mut passed, mut failed) = (0usize, 0usize);
    let mut failures = Vec::new();
    for dir in dirs {
        let cases = match testcase::read_tests(&dir) {
            Ok(c) => c,
            Err(e) => {
                println!("{}: ERROR {e}", dir.display());
                failed += 1;
                continue;
            }
        };
        let label = dir
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let s = match scenario::load_playable(&dir) {
            Ok(s) => Arc::new(s),
            Err(e) => {
                println!("test {label} ... FAILED (scenario does not load)");
                failures.push(format!("{label}: {e}"));
                failed += cases.len().max(1);
                continue;
            }
        };
        if cases.is_empty() {
            println!("test {label} ... no tests (add tests.toml)");
        }
        for case in &cases {
            let outcome = testcase::run(&s, case, analyser.clone());
            if outcome.passed() {
                passed += 1;
                println!("test {}::{} ... ok", s.id(), case.name);
            } else {
                failed += 1;
                println!("test {}::{} ... FAILED", s.id(), case.name);
                failures.push(format!(
                    "{}::{}:\n    {}",
                    s.id(),
                    case.name,
                    outcome.failures.join("\n    ")
                ));
            }
        }
    }
    if !failures.is_empty() {
        println!("\nfailures:");
        for f in &failures {
            println!("  {f}");
        }
    }
    let verdict = if failed == 0 { "ok" } else { "FAILED" };
    println!("\ntest result: {verdict}. {passed} passed; {failed} failed");
    Ok(if failed == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}
