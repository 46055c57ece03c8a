//! One module per subcommand.

pub mod analyze;
pub mod attempts;
pub mod catalogue;
pub mod certificate;
pub mod check;
pub mod export;
pub mod graph;
pub mod keys;
pub mod list;
pub mod moderate;
pub mod new;
pub mod observe;
pub mod play;
pub mod policy;
pub mod progress;
pub mod push;
pub mod report;
pub mod retention;
pub mod status;
pub mod test;
pub mod trainee;
pub mod trainer;
pub mod verify;
pub mod verify_db;

use crate::error::CliError;
use rehearse_core::records::Store;
use rehearse_core::response::ResponseAnalyser;
use std::path::PathBuf;
use std::sync::Arc;

/// Environment variable holding a trainer's passphrase (else it is prompted for).
pub const PASSPHRASE_ENV: &str = "REHEARSE_TRAINER_PASSPHRASE";

/// Where and when the records commands work: the database path (`--db`)
/// and the clock (`--at` on play, or `REHEARSE_NOW`, or the system clock).
#[derive(Debug, Clone, Default)]
pub struct Records {
    /// `--db PATH`, overriding the default location.
    pub db: Option<PathBuf>,
}

impl Records {
    /// The database path in use.
    pub fn path(&self) -> Result<PathBuf, CliError> {
        match &self.db {
            Some(p) => Ok(p.clone()),
            None => Store::default_path().ok_or_else(|| {
                CliError::Usage(
                    "no data directory could be found (HOME is not set); give --db PATH".into(),
                )
            }),
        }
    }

    /// Opens the store the one way every front end does
    /// ([`rehearse_app::records::open`]): the clock from `at`, else
    /// `REHEARSE_NOW`, else the system clock; the transcript-retention
    /// setting applied; the bundled library's unseen versions approved. An
    /// upgrade's backup and any bundled folder left unapproved are named on
    /// standard error.
    pub fn open(&self, at: Option<&str>) -> Result<Store, CliError> {
        let opened = rehearse_app::records::open(&rehearse_app::records::OpenOptions {
            path: Some(self.path()?),
            at: at.map(str::to_string),
            index: None,
        })?;
        for notice in opened.notices() {
            eprintln!("rehearse: {notice}");
        }
        Ok(opened.store)
    }
}

/// A trainer's passphrase: `REHEARSE_TRAINER_PASSPHRASE`, else asked for on
/// the terminal without echoing what is typed, else one line from standard
/// input (a pipe).
pub fn passphrase(prompt: &str) -> Result<String, CliError> {
    use std::io::{BufRead, IsTerminal};
    if let Ok(p) = std::env::var(PASSPHRASE_ENV) {
        if !p.is_empty() {
            return Ok(p);
        }
    }
    let stdin = std::io::stdin();
    let line = if stdin.is_terminal() {
        rpassword::prompt_password(format!("{prompt}: "))?
    } else {
        let mut line = String::new();
        stdin.lock().read_line(&mut line)?;
        line
    };
    let p = line.trim_end_matches(['\n', '\r']).to_string();
    if p.is_empty() {
        return Err(CliError::Usage(format!(
            "no passphrase given; set {PASSPHRASE_ENV} or type it when asked"
        )));
    }
    Ok(p)
}

/// The built-in English analyser as the engine's response analyser.
pub fn analyser() -> Arc<dyn ResponseAnalyser> {
    rehearse_core::response::english()
}

/// The given paths expanded into scenario folders; the bundled library when none are given.
pub fn scenario_dirs(paths: &[PathBuf]) -> Result<Vec<PathBuf>, CliError> {
    let paths = if paths.is_empty() {
        vec![rehearse_core::library::bundled_dir().ok_or_else(|| {
            CliError::Usage(
                "no paths given and the bundled scenarios were not found; set REHEARSE_SCENARIOS"
                    .into(),
            )
        })?]
    } else {
        paths.to_vec()
    };
    Ok(rehearse_core::library::expand(&paths)?)
}

/// The trainer acting: the one named (`--trainer`), else the only trainer
/// there is; with none or several, a usage error saying what to do.
pub fn trainer_name(store: &Store, given: Option<&str>) -> Result<String, CliError> {
    if let Some(t) = given {
        return Ok(t.to_string());
    }
    let all = store.trainers()?;
    match all.as_slice() {
        [only] => Ok(only.display_name.clone()),
        [] => Err(CliError::Usage(
            "there is no trainer yet; add one with `rehearse trainer add NAME`".into(),
        )),
        _ => Err(CliError::Usage(
            "there are several trainers; say which with --trainer NAME".into(),
        )),
    }
}
