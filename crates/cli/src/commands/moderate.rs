//! `rehearse moderate ATTEMPT --competency ID --level L --reason "…"`, or
//! `--red-flag CATEGORY --outcome recognised|missed`.

use super::{passphrase, Records};
use crate::error::{CliError, CmdResult};
use rehearse_core::records::OverrideTarget;
use std::process::ExitCode;

/// What to override, as given on the command line.
#[derive(Debug)]
pub struct Args<'a> {
    /// Attempt id.
    pub attempt: &'a str,
    /// `--competency`.
    pub competency: Option<&'a str>,
    /// `--level`.
    pub level: Option<&'a str>,
    /// `--red-flag`.
    pub red_flag: Option<&'a str>,
    /// `--outcome`.
    pub outcome: Option<&'a str>,
    /// `--reason`.
    pub reason: &'a str,
    /// `--trainer`.
    pub trainer: Option<&'a str>,
}

/// Runs the command.
pub fn run(records: &Records, args: Args<'_>) -> CmdResult {
    let attempt = uuid::Uuid::parse_str(args.attempt.trim()).map_err(|_| {
        CliError::Usage(format!(
            "\"{}\" is not an attempt id; `rehearse attempts TRAINEE` lists them",
            args.attempt
        ))
    })?;
    let (target, value) = match (args.competency, args.level, args.red_flag, args.outcome) {
        (Some(c), Some(l), None, None) => (
            OverrideTarget::Competency(
                c.parse()
                    .map_err(|e| CliError::Usage(format!("--competency: {e}")))?,
            ),
            l,
        ),
        (None, None, Some(f), Some(o)) => (
            OverrideTarget::RedFlag(
                f.parse()
                    .map_err(|e| CliError::Usage(format!("--red-flag: {e}")))?,
            ),
            o,
        ),
        _ => {
            return Err(CliError::Usage(
                "give either --competency ID --level LEVEL or --red-flag CATEGORY --outcome recognised|missed".into(),
            ))
        }
    };
    let store = records.open(None)?;
    let trainer = super::trainer_name(&store, args.trainer)?;
    let pass = passphrase(&format!("passphrase for trainer {trainer}"))?;
    let o = store.moderate(&trainer, &pass, attempt, target, value, args.reason)?;
    println!(
        "{} {} on attempt {}: {} -> {} (by {}, {})",
        o.kind.replace('_', " "),
        o.item,
        o.attempt,
        o.before,
        o.after,
        o.trainer_name,
        rehearse_core::clock::format_instant(o.at)
    );
    Ok(ExitCode::SUCCESS)
}
