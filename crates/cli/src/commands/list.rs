//! `rehearse list`: the bundled and user scenarios.

use crate::error::CmdResult;
use crate::Format;
use rehearse_core::{library, scenario};
use serde::Serialize;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Serialize)]
struct Entry {
    origin: &'static str,
    path: PathBuf,
    #[serde(flatten)]
    meta: Option<rehearse_core::scenario::metadata::Metadata>,
    personas: Vec<String>,
    error: Option<String>,
}

/// Runs the command.
pub fn run(format: Format) -> CmdResult {
    let mut entries = Vec::new();
    for (origin, dir) in library::all() {
        let (meta, personas, error) = match scenario::load(&dir) {
            Ok(l) => match l.scenario {
                Some(s) => (
                    Some(s.def.meta.clone()),
                    s.def
                        .personas
                        .iter()
                        .map(|p| format!("{} ({})", p.name, p.role))
                        .collect(),
                    l.findings
                        .iter()
                        .find(|f| f.severity == rehearse_core::scenario::finding::Severity::Error)
                        .map(|f| f.to_string()),
                ),
                None => (None, Vec::new(), l.findings.first().map(|f| f.to_string())),
            },
            Err(e) => (None, Vec::new(), Some(e.to_string())),
        };
        entries.push(Entry {
            origin,
            path: dir,
            meta,
            personas,
            error,
        });
    }
    match format {
        Format::Json => println!(
            "{}",
            serde_json::to_string_pretty(&entries).map_err(std::io::Error::other)?
        ),
        Format::Text => {
            if entries.is_empty() {
                println!(
                    "No scenarios found. Bundled: {:?}; user folder: {:?}",
                    library::bundled_dir(),
                    library::user_dir()
                );
            }
            for e in &entries {
                match &e.meta {
                    Some(m) => {
                        println!("{} v{} [{}] — {}", m.id, m.version, e.origin, m.title);
                        println!(
                            "    {} · {} min · {} · {}",
                            m.setting,
                            m.minutes,
                            m.difficulty.id(),
                            e.personas.join(", ")
                        );
                        let targets: Vec<&str> = m.targets.iter().map(|c| c.id()).collect();
                        println!("    targets: {}", targets.join(", "));
                    }
                    None => println!("{} [{}] — cannot be loaded", e.path.display(), e.origin),
                }
                if let Some(err) = &e.error {
                    println!("    problem: {err}");
                }
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}
