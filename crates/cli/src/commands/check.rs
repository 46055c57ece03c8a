//! `rehearse check`: compile, lint and optionally explore scenarios.

use super::{analyser, scenario_dirs};
use crate::error::CmdResult;
use crate::Format;
use rehearse_core::audit::{Audit, RANDOM_PASS_LIMIT};
use rehearse_core::competency::Competency;
use rehearse_core::explore::{explore, Exploration};
use rehearse_core::lint;
use rehearse_core::red_flag::RedFlagCategory;
use rehearse_core::scenario;
use rehearse_core::scenario::finding::{Finding, Severity};
use serde::Serialize;
use std::collections::BTreeSet;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Serialize)]
struct ScenarioCheck {
    path: PathBuf,
    id: Option<String>,
    errors: usize,
    warnings: usize,
    findings: Vec<Finding>,
    exploration: Option<Exploration>,
}

/// Runs the command.
pub fn run(paths: &[PathBuf], format: Format, walks: Option<u32>, seed: u64) -> CmdResult {
    let dirs = scenario_dirs(paths)?;
    let analyser = analyser();
    let mut results = Vec::new();
    for dir in dirs {
        let loaded = scenario::load(&dir)?;
        // Each scenario is linted and explored with the analyser of its own
        // language; a language without one is already a finding of `load`.
        let analyser = loaded
            .scenario
            .as_ref()
            .and_then(|s| scenario::translation::analyser_for(s).ok())
            .unwrap_or_else(|| analyser.clone());
        let mut checked = lint::check(loaded, analyser.clone());
        // Telegraphing errors do not stop the explorer: its gaming audit
        // shows how they are exploited.
        let blocking = checked
            .findings
            .iter()
            .filter(|f| f.severity == Severity::Error)
            .filter(|f| !lint::TELEGRAPH_ERRORS.contains(&f.code))
            .count();
        let exploration = match (&checked.scenario, walks) {
            (Some(s), Some(n)) if blocking == 0 => Some(explore(s, n, seed, analyser.clone())),
            _ => None,
        };
        if let Some(e) = &exploration {
            checked.findings.extend(e.audit.findings.iter().cloned());
        }
        let errors = checked.errors();
        results.push(ScenarioCheck {
            id: checked.scenario.as_ref().map(|s| s.id().to_string()),
            warnings: checked.findings.len() - errors,
            errors,
            findings: checked.findings,
            exploration,
            path: dir,
        });
    }
    let errors: usize = results.iter().map(|r| r.errors).sum();
    let runtime_errors: usize = results
        .iter()
        .filter_map(|r| r.exploration.as_ref())
        .map(|e| e.errors.len() + e.audit.errors.len())
        .sum();
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
            println!("{f}");
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
