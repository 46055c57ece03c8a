//! `rehearse list`: the bundled and user scenarios.

use crate::error::CmdResult;
use crate::i18n::{language, tr_args};
use crate::Format;
use rehearse_core::library::{self, index::LibraryIndex};
use std::process::ExitCode;

/// Runs the command: the application layer's library cards
/// ([`rehearse_app::library::cards`]), in each script's own language (the
/// JSON never changes with the interface language), printed. The index is a
/// cache, so failing to save it does not fail the listing.
pub fn run(format: Format) -> CmdResult {
    let mut index = LibraryIndex::open_default();
    let entries = rehearse_app::library::cards(&mut index, library::all(), None);
    let _ = index.save_if_changed();
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
                match e.difficulty {
                    Some(difficulty) => {
                        println!(
                            "{}",
                            tr_args(
                                "cli-list-heading",
                                &[
                                    ("id", (&e.id).into()),
                                    ("version", (&e.version).into()),
                                    ("origin", e.origin.into()),
                                    ("title", (&e.title).into()),
                                ]
                            )
                        );
                        println!(
                            "    {}",
                            tr_args(
                                "cli-list-details",
                                &[
                                    ("setting", (&e.setting).into()),
                                    ("minutes", e.minutes.to_string().into()),
                                    ("difficulty", difficulty.label_in(lang).into()),
                                    ("personas", e.personas.join(", ").into()),
                                ]
                            )
                        );
                        let targets: Vec<&str> = e.targets.iter().map(|c| c.id).collect();
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
                if let Some(err) = &e.problem {
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
