//! `rehearse`: the authoring, play, records and export command line over
//! `rehearse-core`.

mod commands;
mod error;

use clap::{Parser, Subcommand, ValueEnum};
use std::path::PathBuf;
use std::process::ExitCode;

/// Rehearse: practise supportive conversations with healthcare second victims.
#[derive(Debug, Parser)]
#[command(name = "rehearse", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

/// Output format for machine-readable commands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Human-readable text.
    Text,
    /// JSON.
    Json,
}

/// Graph formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum GraphFormat {
    /// Graphviz DOT.
    Dot,
    /// Mermaid flowchart.
    Mermaid,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Compile and lint scenarios; with --explore, also play random walks.
    Check {
        /// Scenario folders, scenario.rhai files, or folders of scenarios (default: the bundled library).
        paths: Vec<PathBuf>,
        /// Output format.
        #[arg(long, value_enum, default_value = "text")]
        format: Format,
        /// Also run N seeded random playthroughs per scenario.
        #[arg(long, value_name = "N")]
        explore: Option<u32>,
        /// Seed of the first walk (walk i uses seed + i).
        #[arg(long, default_value_t = 1)]
        seed: u64,
    },
    /// Play a scenario in the terminal, or from a script of inputs.
    Play {
        /// Scenario id (bundled or user) or folder.
        scenario: String,
        /// Practice (hints, undo) or assessment.
        #[arg(long, value_enum, default_value = "practice")]
        mode: commands::play::ModeArg,
        /// Seed for the scenario's variation (random if not given).
        #[arg(long)]
        seed: Option<u64>,
        /// Read inputs from FILE, one per line, instead of the keyboard.
        #[arg(long, value_name = "FILE")]
        input: Option<PathBuf>,
        /// Print the final report as JSON instead of Markdown.
        #[arg(long)]
        json: bool,
    },
    /// Run the tests kept beside each scenario (tests.toml).
    Test {
        /// Scenario folders or folders of scenarios (default: the bundled library).
        paths: Vec<PathBuf>,
    },
    /// Print a scenario's graph.
    Graph {
        /// Scenario id or folder.
        scenario: String,
        /// dot or mermaid.
        #[arg(long, value_enum, default_value = "dot")]
        format: GraphFormat,
    },
    /// List the bundled and user scenarios with their metadata.
    List {
        /// Output format.
        #[arg(long, value_enum, default_value = "text")]
        format: Format,
    },
    /// Label free-text responses: one utterance per line from FILE or stdin.
    Analyze {
        /// Input file (default: standard input).
        file: Option<PathBuf>,
        /// Each line is {"text": "...", "previous": "..."}.
        #[arg(long)]
        jsonl: bool,
        /// A readable view instead of JSON.
        #[arg(long)]
        explain: bool,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Check {
            paths,
            format,
            explore,
            seed,
        } => commands::check::run(&paths, format, explore, seed),
        Command::Play {
            scenario,
            mode,
            seed,
            input,
            json,
        } => commands::play::run(&scenario, mode, seed, input.as_deref(), json),
        Command::Test { paths } => commands::test::run(&paths),
        Command::Graph { scenario, format } => commands::graph::run(&scenario, format),
        Command::List { format } => commands::list::run(format),
        Command::Analyze {
            file,
            jsonl,
            explain,
        } => commands::analyze::run(file.as_deref(), jsonl, explain),
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            eprintln!("rehearse: {e}");
            ExitCode::from(e.exit_code())
        }
    }
}
