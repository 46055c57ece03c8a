//! `rehearse check`: compile, lint and optionally explore scenarios.

use super::{analyser, scenario_dirs};
use crate::error::CmdResult;
use crate::Format;
use rehearse_app::check::{self, ScenarioCheck, Walks};
use rehearse_core::audit::{Audit, RANDOM_PASS_LIMIT};
use rehearse_core::competency::Competency;
use rehearse_core::red_flag::RedFlagCategory;
use std::collections::BTreeSet;
use std::path::PathBuf;
use std::process::ExitCode;

/// Runs the command.
pub fn run(paths: &[PathBuf], format: Format, walks: Option<u32>, seed: u64) -> CmdResult {
    let dirs = scenario_dirs(paths)?;
    let english = analyser();
    let walks = walks.map(|count| Walks { count, seed });
    let results: Vec<ScenarioCheck> = dirs
        .iter()
        .map(|dir| check::scenario(dir, None, walks, &english))
        .collect();
    let errors: usize = results.iter().map(|r| r.errors).sum();
    let runtime_errors: usize = results.iter().map(ScenarioCheck::runtime_errors).sum();
    match format {
        Format::Json => println!(
            "{}",
            serde_json::to_string_pretty(&results).map_err(std::io::Error::other)?
        ),
        Format::Text => print_text(&results, walks.is_some()),
    }
    Ok(if errors > 0 || runtime_errors > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

fn print_text(results: &[ScenarioCheck], explored: bool) {
    for r in results {
        for f in &r.findings {
            println!("{}", f.finding);
        }
        let name = r.id.clone().unwrap_or_else(|| r.path.display().to_string());
        let status = if r.errors > 0 { "FAILED" } else { "ok" };
        println!(
            "{name}: {status} ({} error(s), {} warning(s))",
            r.errors, r.warnings
        );
        if let Some(e) = &r.exploration {
            println!(
                "  explored {} walks: {} runtime error(s), {} unfinished, coverage {}/{} nodes ({:.0}%), {} passed",
                e.walks,
                e.errors.len(),
                e.unfinished,
                e.nodes_visited.len(),
                e.nodes_total,
                e.coverage() * 100.0,
                e.passes
            );
            for err in &e.errors {
                println!(
                    "  runtime error (replay with --explore 1 --seed {}): {}",
                    err.seed, err.message
                );
            }
            print_audit(&e.audit, e.walks);
            let endings: Vec<String> = e.endings.iter().map(|(k, v)| format!("{k} ×{v}")).collect();
            println!(
                "  endings reached: {}",
                if endings.is_empty() {
                    "none".into()
                } else {
                    endings.join(", ")
                }
            );
            let shown: Vec<&str> = e.competencies_shown.iter().map(|c| c.id()).collect();
            println!("  competencies shown: {}", shown.join(", "));
            let flags: Vec<String> = e
                .flags_met
                .iter()
                .map(|f| {
                    format!(
                        "{f} {}",
                        if e.flags_recognised.contains(f) {
                            "recognisable"
                        } else {
                            "NEVER RECOGNISED"
                        }
                    )
                })
                .collect();
            if !flags.is_empty() {
                println!("  red flags: {}", flags.join(", "));
            }
        }
    }
    if explored {
        let shown: BTreeSet<Competency> = results
            .iter()
            .filter_map(|r| r.exploration.as_ref())
            .flat_map(|e| e.competencies_shown.iter().copied())
            .collect();
        let recognised: BTreeSet<RedFlagCategory> = results
            .iter()
            .filter_map(|r| r.exploration.as_ref())
            .flat_map(|e| e.flags_recognised.iter().copied())
            .collect();
        println!("\nReachability across {} scenario(s):", results.len());
        for c in Competency::ALL {
            println!(
                "  competency {:<24} {}",
                c.id(),
                if shown.contains(&c) {
                    "reachable"
                } else {
                    "NOT REACHED"
                }
            );
        }
        for f in RedFlagCategory::ALL {
            println!(
                "  red flag   {:<24} {}",
                f.id(),
                if recognised.contains(&f) {
                    "recognition reachable"
                } else {
                    "RECOGNITION NOT REACHED"
                }
            );
        }
    }
    let errors: usize = results.iter().map(|r| r.errors).sum();
    let warnings: usize = results.iter().map(|r| r.warnings).sum();
    println!(
        "\nchecked {} scenario(s): {errors} error(s), {warnings} warning(s)",
        results.len()
    );
}

/// The gaming audit as a table: pass rate per strategy.
fn print_audit(audit: &Audit, walks: u32) {
    println!("  gaming audit (assessment mode; naive strategies must never pass, random play must pass in under 2% of walks):");
    println!(
        "    {:<32} {:>6} {:>7} {:>10}",
        "strategy", "walks", "passed", "pass rate"
    );
    for r in &audit.strategies {
        let verdict = if r.naive && r.passed > 0 {
            "  GAMEABLE"
        } else if !r.naive && r.pass_rate >= RANDOM_PASS_LIMIT {
            "  TOO EASY"
        } else {
            ""
        };
        println!(
            "    {:<32} {:>6} {:>7} {:>9.1}%{verdict}",
            r.description,
            r.walks,
            r.passed,
            r.pass_rate * 100.0
        );
    }
    if walks == 0 {
        println!("    (random play needs --explore N with N of 1 or more)");
    }
    if let Some(salad) = &audit.salad {
        println!("    keyword salad: \"{salad}\"");
    }
    for err in &audit.errors {
        println!(
            "  runtime error ({} strategy, seed {}): {}",
            err.strategy, err.seed, err.message
        );
    }
}
