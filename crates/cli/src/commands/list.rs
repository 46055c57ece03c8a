//! `rehearse list`: the bundled and user scenarios.

use crate::error::CmdResult;
use crate::i18n::{language, tr_args};
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
            let lang = language();
            if entries.is_empty() {
                println!(
                    "{}",
                    tr_args(
                        "cli-list-none",
                        &[
                            ("bundled", format!("{:?}", library::bundled_dir()).into()),
                            ("user", format!("{:?}", library::user_dir()).into()),
                        ]
                    )
                );
            }
            for e in &entries {
                match &e.meta {
                    Some(m) => {
                        println!(
                            "{}",
                            tr_args(
                                "cli-list-heading",
                                &[
                                    ("id", (&m.id).into()),
                                    ("version", (&m.version).into()),
                                    ("origin", e.origin.into()),
                                    ("title", (&m.title).into()),
                                ]
                            )
                        );
                        println!(
                            "    {}",
                            tr_args(
                                "cli-list-details",
                                &[
                                    ("setting", (&m.setting).into()),
                                    ("minutes", m.minutes.to_string().into()),
                                    ("difficulty", m.difficulty.label_in(lang).into()),
                                    ("personas", e.personas.join(", ").into()),
                                ]
                            )
                        );
                        let targets: Vec<&str> = m.targets.iter().map(|c| c.id()).collect();
                        println!(
                            "    {}",
                            tr_args(
                                "cli-list-targets",
                                &[("targets", targets.join(", ").into())]
                            )
                        );
                    }
                    None => println!(
                        "{}",
                        tr_args(
                            "cli-list-cannot-load",
                            &[
                                ("path", e.path.display().to_string().into()),
                                ("origin", e.origin.into()),
                            ]
                        )
                    ),
                }
                if let Some(err) = &e.error {
                    println!(
                        "    {}",
                        tr_args("cli-list-problem", &[("problem", err.into())])
                    );
                }
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}
