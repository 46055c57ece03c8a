//! The one error type of the performance suite.

use std::path::PathBuf;

/// Why a measure or the report could not be produced.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Reading or writing a file failed.
    #[error("{path}: {source}")]
    Io {
        /// The file or folder concerned.
        path: PathBuf,
        /// What the system said.
        source: std::io::Error,
    },
    /// A SQLite call on the bench data failed.
    #[error("sqlite: {0}")]
    Sql(#[from] rusqlite::Error),
    /// Rehearse itself refused (opening records, exporting, playing).
    #[error("rehearse: {0}")]
    Core(#[from] rehearse_core::Error),
    /// A program the measure runs could not be started or failed.
    #[error("`{command}` {problem}")]
    Command {
        /// The command line, for the reader to run by hand.
        command: String,
        /// What went wrong: not found, exit status, missing output.
        problem: String,
    },
    /// A measure's own precondition or result did not hold.
    #[error("{measure}: {message}")]
    Measure {
        /// The measure's name, as `rehearse-bench list` prints it.
        measure: &'static str,
        /// What was wrong.
        message: String,
    },
}

impl Error {
    /// An [`Error::Io`] for `path`.
    pub fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        Error::Io {
            path: path.into(),
            source,
        }
    }
}
