//! The single error type of `rehearse-core`.

use std::path::PathBuf;

/// Everything that can go wrong in the core, each with a message a trainer or
/// trainee can act on.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A file or folder could not be read or written.
    #[error("{path}: {source}")]
    Io {
        /// The path involved.
        path: PathBuf,
        /// The underlying error.
        source: std::io::Error,
    },
    /// A scenario has error findings and cannot be played.
    #[error(
        "scenario {scenario} has {count} error(s); run `rehearse check` to see them:\n{summary}"
    )]
    ScenarioInvalid {
        /// The scenario folder or id.
        scenario: String,
        /// How many error findings.
        count: usize,
        /// The first findings, one per line.
        summary: String,
    },
    /// A script failed or hit a sandbox limit while a turn was played.
    #[error("scenario \"{scenario}\", beat \"{beat}\": {message}")]
    Script {
        /// Scenario id.
        scenario: String,
        /// Beat being played.
        beat: String,
        /// What went wrong, naming the limit when one was hit.
        message: String,
    },
    /// The trainee's input does not fit the current beat.
    #[error("{0}")]
    Input(String),
    /// An action that the attempt's mode or state does not allow.
    #[error("{0}")]
    NotAllowed(String),
    /// A scenario test file that does not parse.
    #[error("{path}: {message}")]
    TestFile {
        /// The test file.
        path: PathBuf,
        /// What is wrong, with line and column when known.
        message: String,
    },
    /// No scenario with this id or path.
    #[error("no scenario \"{0}\" was found; `rehearse list` shows the available ones")]
    ScenarioNotFound(String),
    /// An utterance over the analyser's documented cap.
    #[error("the response is {chars} characters long; the analyser accepts at most {limit}. Shorten it and try again")]
    UtteranceTooLong {
        /// Length of the input in characters.
        chars: usize,
        /// The cap.
        limit: usize,
    },
    /// A language rule file that does not parse or compile.
    #[error("analyser rules for language \"{language}\" are invalid: {message}")]
    AnalyserRules {
        /// The language code.
        language: String,
        /// What is wrong.
        message: String,
    },
    /// The records database could not be read or written.
    #[error("records database: {0}")]
    Database(String),
    /// The records database was written by a newer Rehearse.
    #[error("{path}: this records database has schema version {found}, but this Rehearse understands only up to version {supported}; install a newer Rehearse to open it (the file was left untouched)")]
    DatabaseTooNew {
        /// The database file.
        path: PathBuf,
        /// The schema version found in the file.
        found: i64,
        /// The newest schema version this binary knows.
        supported: i64,
    },
    /// A trainee, trainer, attempt or other record that does not exist.
    #[error("{0}")]
    NotFound(String),
    /// An action the person is not allowed to take (wrong passphrase, a
    /// trainee profile trying to moderate).
    #[error("{0}")]
    Unauthorised(String),
    /// A certification policy file that does not parse or makes no sense.
    #[error("certification policy: {0}")]
    Policy(String),
    /// A date or time that could not be understood.
    #[error("{0}")]
    Date(String),
    /// A stored attempt whose scenario has changed since it was started.
    #[error("attempt {attempt} was started on scenario \"{scenario}\" with content hash {stored}, but the scenario now has hash {current}; it cannot be resumed. Abandon it and start again")]
    ScenarioChanged {
        /// The attempt id.
        attempt: String,
        /// The scenario id.
        scenario: String,
        /// Hash recorded when the attempt started.
        stored: String,
        /// Hash of the scenario now.
        current: String,
    },
    /// A verifiable credential or signed export that could not be built or
    /// does not verify; the message says which check failed and why.
    #[error("{0}")]
    Credential(String),
    /// An xAPI statement that breaks the xAPI 1.0.3 rules (checked before
    /// anything leaves).
    #[error("invalid xAPI statement: {0}")]
    Xapi(String),
    /// A learning record store that could not be reached or refused a request.
    #[error("learning record store: {0}")]
    Lrs(String),
}

impl From<rusqlite::Error> for Error {
    fn from(e: rusqlite::Error) -> Self {
        Error::Database(e.to_string())
    }
}

impl Error {
    /// Wraps an I/O error with the path it concerns.
    pub fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        Error::Io {
            path: path.into(),
            source,
        }
    }

    /// A stable machine-readable code, for `{code, message}` error objects.
    pub fn code(&self) -> &'static str {
        match self {
            Error::Io { .. } => "io",
            Error::ScenarioInvalid { .. } => "scenario_invalid",
            Error::Script { .. } => "script",
            Error::Input(_) => "input",
            Error::NotAllowed(_) => "not_allowed",
            Error::TestFile { .. } => "test_file",
            Error::ScenarioNotFound(_) => "scenario_not_found",
            Error::UtteranceTooLong { .. } => "utterance_too_long",
            Error::AnalyserRules { .. } => "analyser_rules",
            Error::Database(_) => "database",
            Error::DatabaseTooNew { .. } => "database_too_new",
            Error::NotFound(_) => "not_found",
            Error::Unauthorised(_) => "unauthorised",
            Error::Policy(_) => "policy",
            Error::Date(_) => "date",
            Error::ScenarioChanged { .. } => "scenario_changed",
            Error::Credential(_) => "credential",
            Error::Xapi(_) => "xapi",
            Error::Lrs(_) => "lrs",
        }
    }
}

/// Shorthand for results in this crate.
pub type Result<T, E = Error> = std::result::Result<T, E>;
