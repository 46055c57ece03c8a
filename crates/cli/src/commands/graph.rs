//! `rehearse graph`: print a scenario's graph.

use crate::error::CmdResult;
use crate::GraphFormat;
use rehearse_core::{graph, library, scenario};
use std::process::ExitCode;

/// Runs the command.
pub fn run(name: &str, format: GraphFormat) -> CmdResult {
    let dir = library::find(name)?;
    let loaded = scenario::load(&dir)?;
    let Some(s) = loaded.scenario else {
        for f in &loaded.findings {
            eprintln!("{f}");
        }
        return Ok(ExitCode::from(1));
    };
    let g = graph::build(&s);
    match format {
        GraphFormat::Dot => print!("{}", g.to_dot(&s.def.meta.title)),
        GraphFormat::Mermaid => print!("{}", g.to_mermaid()),
    }
    Ok(ExitCode::SUCCESS)
}
