//! `rehearse-bench`: runs the measures of issue #13 and writes the table.
//!
//! ```text
//! rehearse-bench list
//! rehearse-bench run [--smoke] [--only NAME]... [--out docs/performance.md]
//! ```
//!
//! `scripts/bench` builds the release binaries and runs this; read
//! `docs/performance.md` for what each row means.

use clap::{Parser, Subcommand};
use rehearse_bench::context::release_binary;
use rehearse_bench::measure::ALL;
use rehearse_bench::{report, Context, Row};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Parser)]
#[command(
    name = "rehearse-bench",
    about = "Rehearse's performance suite (issue #13)"
)]
struct Cli {
    #[command(subcommand)]
    command: Cmd,
}

#[derive(Subcommand)]
enum Cmd {
    /// Lists the measures.
    List,
    /// Runs the measures and writes the table.
    Run {
        /// Small sizes and one repetition; asserts no timing (CI).
        #[arg(long)]
        smoke: bool,
        /// Runs only these measures (repeatable).
        #[arg(long)]
        only: Vec<String>,
        /// The document to write the table into (between its markers).
        #[arg(long)]
        out: Option<PathBuf>,
        /// The repository root (default: the current folder).
        #[arg(long, default_value = ".")]
        repo: PathBuf,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Cmd::List => {
            for m in ALL {
                println!("{:<16} {}", m.name, m.about);
            }
            ExitCode::SUCCESS
        }
        Cmd::Run {
            smoke,
            only,
            out,
            repo,
        } => {
            if let Some(unknown) = only.iter().find(|o| !ALL.iter().any(|m| m.name == *o)) {
                eprintln!("rehearse-bench: no measure named {unknown:?}; `rehearse-bench list` names them");
                return ExitCode::from(2);
            }
            let repo = match repo.canonicalize() {
                Ok(r) => r,
                Err(e) => {
                    eprintln!("rehearse-bench: {}: {e}", repo.display());
                    return ExitCode::from(2);
                }
            };
            let ctx = Context {
                smoke,
                data: repo
                    .join("target")
                    .join(if smoke { "bench-smoke" } else { "bench-data" }),
                rehearse: sibling_binary("rehearse")
                    .unwrap_or_else(|| release_binary(&repo, "rehearse")),
                repo,
            };
            let mut rows: Vec<Row> = Vec::new();
            let mut failed = Vec::new();
            for m in ALL
                .iter()
                .filter(|m| only.is_empty() || only.iter().any(|o| o == m.name))
            {
                eprintln!("rehearse-bench: {} …", m.name);
                let start = std::time::Instant::now();
                match (m.run)(&ctx) {
                    Ok(r) => {
                        eprintln!(
                            "rehearse-bench: {} done in {:.1} s",
                            m.name,
                            start.elapsed().as_secs_f64()
                        );
                        rows.extend(r)
                    }
                    Err(e) => {
                        eprintln!("rehearse-bench: {} failed: {e}", m.name);
                        failed.push(m.name);
                    }
                }
            }
            print!("{}", report::markdown(&rows));
            if let Some(out) = out {
                let heading = format!(
                    "Run of {} UTC{}, on {} ({} cores).",
                    chrono::Utc::now().format("%Y-%m-%d %H:%M"),
                    if smoke {
                        " (smoke sizes: not figures)"
                    } else {
                        ""
                    },
                    host(),
                    std::thread::available_parallelism().map_or(1, |n| n.get())
                );
                if let Err(e) = report::write_into(&out, &heading, &rows) {
                    eprintln!("rehearse-bench: {e}");
                    return ExitCode::FAILURE;
                }
            }
            if failed.is_empty() {
                ExitCode::SUCCESS
            } else {
                eprintln!("rehearse-bench: failed: {}", failed.join(", "));
                ExitCode::FAILURE
            }
        }
    }
}

/// The binary `name` built beside this one (same profile), when it exists:
/// the smoke run uses debug builds, the full run release builds.
fn sibling_binary(name: &str) -> Option<PathBuf> {
    let path = std::env::current_exe().ok()?.parent()?.join(name);
    path.exists().then_some(path)
}

fn host() -> String {
    std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|t| {
            t.lines()
                .find(|l| l.starts_with("model name"))
                .and_then(|l| l.split(':').nth(1))
                .map(|s| s.trim().to_string())
        })
        .unwrap_or_else(|| "an unknown CPU".into())
}
