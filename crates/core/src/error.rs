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
        }
    }
}

/// Shorthand for results in this crate.
pub type Result<T, E = Error> = std::result::Result<T, E>;
