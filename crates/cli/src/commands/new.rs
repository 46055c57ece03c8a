//! `rehearse new ID`: write a complete starter scenario to build on.

use crate::error::CmdResult;
use rehearse_core::scaffold;
use std::path::Path;
use std::process::ExitCode;

/// Runs the command: writes `PARENT/ID/` and says what to do next.
pub fn run(id: &str, parent: &Path) -> CmdResult {
    let dir = scaffold::write_starter(parent, id)?;
    let shown = dir.display();
    println!("Wrote a starter scenario to {shown}/ (scenario.rhai, tests.toml and four debriefs).");
    println!("It passes as written; change it one beat at a time and re-run:");
    println!("  rehearse check {shown}");
    println!("  rehearse test {shown}");
    println!("  rehearse check --explore 200 {shown}    # random walks and the gaming audit");
    println!("  rehearse play {shown}");
    println!("The guide: docs/authoring.md (\"Your first scenario in 30 minutes\").");
    Ok(ExitCode::SUCCESS)
}
