//! `rehearse`: the authoring, play, records and export command line over
//! `rehearse-core`.

mod commands;
mod error;
mod i18n;

use clap::{Parser, Subcommand, ValueEnum};
use std::path::PathBuf;
use std::process::ExitCode;

/// Rehearse: practise supportive conversations with healthcare second victims.
#[derive(Debug, Parser)]
#[command(name = "rehearse", version, about, long_about = None)]
struct Cli {
    /// The records database (default: rehearse.db in the platform data directory).
    #[arg(long, global = true, value_name = "PATH")]
    db: Option<PathBuf>,
    /// The language of the output: en or es (default: from LC_ALL, LC_MESSAGES
    /// or LANG, else English). JSON output does not change with it.
    #[arg(long, global = true, value_name = "TAG")]
    language: Option<String>,
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
    /// Write a complete starter scenario into a new folder ID (see docs/authoring.md).
    New {
        /// The new scenario's id: lower-case words joined by hyphens.
        id: String,
        /// The folder to create it in (default: the current folder).
        #[arg(long, value_name = "PARENT", default_value = ".")]
        dir: PathBuf,
    },
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
        /// Record the attempt for this trainee (id or name), turn by turn;
        /// an unfinished attempt at this scenario is resumed.
        #[arg(long, value_name = "TRAINEE")]
        trainee: Option<String>,
        /// Date the recorded attempt as if it were played at DATETIME
        /// (YYYY-MM-DD or RFC 3339): a testing and back-dating aid for
        /// trainers. REHEARSE_NOW does the same for every command.
        #[arg(long, value_name = "DATETIME", requires = "trainee")]
        at: Option<String>,
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
    /// Label free-text responses: one utterance per line from FILE or stdin,
    /// with the analyser of the global --language (default en).
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
    /// Trainee profiles in the records database.
    Trainee {
        #[command(subcommand)]
        action: TraineeAction,
    },
    /// Staff profiles: trainers (workbench, moderation, records) and
    /// accreditation officers (records only).
    Trainer {
        #[command(subcommand)]
        action: TrainerAction,
    },
    /// A trainee's certification status, with what is missing and the next action.
    Status {
        /// Trainee id or name.
        trainee: String,
        /// The date to describe (YYYY-MM-DD; default: today).
        #[arg(long, value_name = "DATE")]
        at: Option<String>,
        /// JSON output.
        #[arg(long)]
        json: bool,
    },
    /// A trainee's attempts, newest first.
    Attempts {
        /// Trainee id or name.
        trainee: String,
        /// JSON output.
        #[arg(long)]
        json: bool,
    },
    /// Override a grade on a completed attempt (trainers only; passphrase
    /// from REHEARSE_TRAINER_PASSPHRASE or asked for).
    Moderate {
        /// Attempt id (`rehearse attempts TRAINEE`).
        attempt: String,
        /// Competency id to override.
        #[arg(long, value_name = "ID", requires = "level")]
        competency: Option<String>,
        /// New level: not_yet, developing, competent or exemplary.
        #[arg(long, value_name = "LEVEL")]
        level: Option<String>,
        /// Red-flag category to override.
        #[arg(
            long,
            value_name = "CATEGORY",
            requires = "outcome",
            conflicts_with = "competency"
        )]
        red_flag: Option<String>,
        /// New outcome: recognised or missed.
        #[arg(long, value_name = "OUTCOME")]
        outcome: Option<String>,
        /// Why (required; kept in the audit log).
        #[arg(long)]
        reason: String,
        /// The trainer (name or id); may be left out when there is only one.
        #[arg(long, value_name = "NAME")]
        trainer: Option<String>,
    },
    /// The scenario catalogue: which scenario versions count towards
    /// certification (trainers approve and withdraw; passphrase from
    /// REHEARSE_TRAINER_PASSPHRASE or asked for).
    Catalogue {
        #[command(subcommand)]
        action: commands::catalogue::CatalogueAction,
    },
    /// Observed role-play: a trainer scores a live role-play with a human
    /// partner (rubric, record, list, show, agreement).
    Observe {
        #[command(subcommand)]
        action: commands::observe::ObserveAction,
    },
    /// Walk the tamper-evident hash chains and check the database file.
    VerifyDb,
    /// Show or set transcript retention: keep, graded, or after:DAYS.
    Retention {
        /// The new setting.
        value: Option<String>,
    },
    /// Show or install the certification policy.
    Policy {
        #[command(subcommand)]
        action: PolicyAction,
    },
    /// Export records for accreditation bodies: csv, csv-attempts, json, xapi or ob3.
    Export(commands::export::ExportArgs),
    /// Cohort and item analytics for trainers: pass-rate, competency, items,
    /// red-flags, forecast or versions, as a table or CSV (groups under 5
    /// trainees suppressed; see docs/analytics.md).
    Report(commands::report::ReportArgs),
    /// Send xAPI statements to a learning record store through the outbox.
    Push(commands::push::PushArgs),
    /// The installation's issuer key.
    Keys {
        #[command(subcommand)]
        action: commands::keys::KeysAction,
    },
    /// Verify an Open Badges credential or a signed export (any format), offline.
    Verify(commands::verify::VerifyArgs),
    /// Print a certificate (PDF or HTML) of a trainee's standing certification.
    Certificate(commands::certificate::CertificateArgs),
}

#[derive(Debug, Subcommand)]
enum TraineeAction {
    /// Add a trainee; prints the new id.
    Add {
        /// Display name.
        name: String,
        /// Email address.
        #[arg(long)]
        email: Option<String>,
        /// The organisation the trainee belongs to (exports and reports can filter by it).
        #[arg(long)]
        organisation: Option<String>,
    },
    /// List trainees.
    List {
        /// JSON output.
        #[arg(long)]
        json: bool,
    },
    /// Show a trainee with their status.
    Show {
        /// Trainee id or name.
        trainee: String,
    },
    /// Erase a trainee's personal data and transcripts (data-protection request).
    Erase {
        /// Trainee id or name.
        trainee: String,
        /// Confirm the erasure: without it nothing is erased.
        #[arg(long)]
        yes: bool,
    },
}

#[derive(Debug, Subcommand)]
enum TrainerAction {
    /// Add a trainer or an accreditation officer; the passphrase comes from
    /// REHEARSE_TRAINER_PASSPHRASE or is asked for.
    Add {
        /// Display name (unique among trainers and officers).
        name: String,
        /// `trainer` (workbench, moderation and records) or
        /// `accreditation-officer` (training records only).
        #[arg(
            long,
            default_value = "trainer",
            value_name = "trainer|accreditation-officer"
        )]
        role: String,
    },
}

#[derive(Debug, Subcommand)]
enum PolicyAction {
    /// Print the policy in force.
    Show,
    /// Install a policy file (see docs/certification-policy.toml).
    Set {
        /// The TOML file.
        file: PathBuf,
    },
}

/// A reader that closes the pipe early (`rehearse check | head -1`) ends
/// the output quietly, as it does for other Unix tools. Rust ignores
/// SIGPIPE, which turns the next print into a panic. Sockets are not
/// affected: the standard library sends with `MSG_NOSIGNAL`, so a store
/// that hangs up during a push is still an error the push reports.
#[cfg(unix)]
fn end_quietly_on_a_closed_pipe() {
    // SAFETY: called first in main, before any other thread exists;
    // restoring the default disposition of one signal has no other effect.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
}

fn main() -> ExitCode {
    #[cfg(unix)]
    end_quietly_on_a_closed_pipe();
    let cli = Cli::parse();
    if let Err(e) = i18n::init(cli.language.as_deref()) {
        eprintln!("rehearse: {e}");
        return ExitCode::from(e.exit_code());
    }
    let records = commands::Records { db: cli.db };
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
            trainee,
            at,
        } => commands::play::run(
            &records,
            commands::play::Args {
                scenario: &scenario,
                mode,
                seed,
                input: input.as_deref(),
                json,
                trainee: trainee.as_deref(),
                at: at.as_deref(),
            },
        ),
        // With the global --language, only that language; without, every
        // language of each scenario that a test's inputs allow.
        Command::Test { paths } => commands::test::run(&paths, cli.language.as_deref()),
        Command::New { id, dir } => commands::new::run(&id, &dir),
        Command::Graph { scenario, format } => commands::graph::run(&scenario, format),
        Command::List { format } => commands::list::run(format),
        Command::Analyze {
            file,
            jsonl,
            explain,
        } => {
            // The responses' language is the global --language; without it
            // English, so batch output does not follow the system locale.
            let language = cli.language.as_deref().unwrap_or("en");
            commands::analyze::run(file.as_deref(), jsonl, explain, language)
        }
        Command::Trainee { action } => match action {
            TraineeAction::Add {
                name,
                email,
                organisation,
            } => commands::trainee::add(&records, &name, email.as_deref(), organisation.as_deref()),
            TraineeAction::List { json } => commands::trainee::list(&records, json),
            TraineeAction::Show { trainee } => commands::trainee::show(&records, &trainee),
            TraineeAction::Erase { trainee, yes } => {
                commands::trainee::erase(&records, &trainee, yes)
            }
        },
        Command::Trainer {
            action: TrainerAction::Add { name, role },
        } => commands::trainer::add(&records, &name, &role),
        Command::Status { trainee, at, json } => {
            commands::status::run(&records, &trainee, at.as_deref(), json)
        }
        Command::Attempts { trainee, json } => commands::attempts::run(&records, &trainee, json),
        Command::Moderate {
            attempt,
            competency,
            level,
            red_flag,
            outcome,
            reason,
            trainer,
        } => commands::moderate::run(
            &records,
            commands::moderate::Args {
                attempt: &attempt,
                competency: competency.as_deref(),
                level: level.as_deref(),
                red_flag: red_flag.as_deref(),
                outcome: outcome.as_deref(),
                reason: &reason,
                trainer: trainer.as_deref(),
            },
        ),
        Command::Catalogue { action } => commands::catalogue::run(&records, action),
        Command::Observe { action } => commands::observe::run(&records, action),
        Command::VerifyDb => commands::verify_db::run(&records),
        Command::Retention { value } => commands::retention::run(&records, value.as_deref()),
        Command::Policy { action } => match action {
            PolicyAction::Show => commands::policy::show(&records),
            PolicyAction::Set { file } => commands::policy::set(&records, &file),
        },
        Command::Export(a) => commands::export::run(&records, a),
        Command::Report(a) => commands::report::run(&records, a),
        Command::Push(a) => commands::push::run(&records, a),
        Command::Keys { action } => commands::keys::run(&records, action),
        Command::Verify(a) => commands::verify::run(&records, a),
        Command::Certificate(a) => commands::certificate::run(&records, a),
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            eprintln!("rehearse: {e}");
            ExitCode::from(e.exit_code())
        }
    }
}
