//! `rehearse list`: the bundled and user scenarios.

use crate::error::CmdResult;
use crate::i18n::{language, tr_args};
use crate::Format;
use rehearse_core::library::{self, index::LibraryIndex};
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

/// Runs the command. Scenarios come from the library index
/// (`library::index`), so an unchanged folder is hashed, not compiled; the
/// index is a cache, so failing to save it does not fail the listing.
pub fn run(format: Format) -> CmdResult {
    let all = library::all();
    let dirs: Vec<PathBuf> = all.iter().map(|(_, d)| d.clone()).collect();
    let mut index = LibraryIndex::open_default();
    let cards = index.cards(&dirs);
    let _ = index.save_if_changed();
    let mut entries = Vec::new();
    for ((origin, _), (dir, card)) in all.into_iter().zip(cards) {
        let (meta, personas, error) = match card {
            Ok(c) => (
                c.meta,
                c.personas.iter().map(ToString::to_string).collect(),
                c.problem,
            ),
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
