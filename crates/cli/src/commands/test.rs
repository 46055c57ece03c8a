//! `rehearse test`: run the scenario tests kept beside each scenario, in
//! each language the scenario carries (or the one asked for).

use super::scenario_dirs;
use crate::error::CmdResult;
use rehearse_app::workbench::TestRun;
use rehearse_core::{scenario, testcase};
use std::path::PathBuf;
use std::process::ExitCode;

/// Runs the command: every test, in every language its inputs allow, or
/// only in `language` when given.
pub fn run(paths: &[PathBuf], language: Option<&str>) -> CmdResult {
    let dirs = scenario_dirs(paths)?;
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
            Ok(s) => s,
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
        match rehearse_app::workbench::run_tests(&s, &cases, language) {
            TestRun::NotInLanguage {
                language,
                available,
            } => println!(
                "test {} ... skipped (not in {language}; it is in {})",
                s.id(),
                available.join(", ")
            ),
            TestRun::Ran(results) => {
                for r in results {
                    if r.passed {
                        passed += 1;
                        println!("test {} ... ok", r.name);
                    } else {
                        failed += 1;
                        println!("test {} ... FAILED", r.name);
                        failures.push(format!("{}:\n    {}", r.name, r.failures.join("\n    ")));
                    }
                }
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
