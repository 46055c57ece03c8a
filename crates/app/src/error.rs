//! The application layer's one error type. Every use case returns it, and
//! it reaches a front end as `{ "code": "...", "message": "..." }`: the CLI
//! prints the message (and the pair with `--json`), the desktop page shows
//! the message in plain words and branches on the stable code.
//!
//! Codes are stable: they are part of the contract with the page and with
//! scripts that read the CLI's JSON. Core errors keep the core's own codes
//! ([`rehearse_core::Error::code`]); the codes this layer adds are:
//!
//! | code | meaning |
//! |---|---|
//! | `no_attempt` | a command needs a conversation in play and there is none |
//! | `no_data_dir` | no data folder could be found for the records and settings |
//! | `invalid` | a value a front end passed is not one the use case accepts |

use serde::Serialize;

/// Everything a use case can fail with.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// An error from `rehearse-core` (scenarios, attempts, records), with its own code.
    #[error(transparent)]
    Core(#[from] rehearse_core::Error),
    /// A use case that needs a conversation in play was called without one.
    #[error("there is no conversation in progress; choose a scenario from the library")]
    NoConversation,
    /// The platform data folder could not be determined.
    #[error("could not find a data folder for Rehearse (set XDG_DATA_HOME or HOME)")]
    NoDataDir,
    /// A value from a front end that the use case does not accept; the
    /// message says which and why.
    #[error("{0}")]
    Invalid(String),
}

impl Error {
    /// Whether this refused one response and nothing else: it was not
    /// understood, not allowed at this point (an undo in assessment), or
    /// too long. The conversation is as it was and may go on; a front end
    /// says why and asks again.
    pub fn is_refused_response(&self) -> bool {
        matches!(
            self,
            Error::Core(
                rehearse_core::Error::Input(_)
                    | rehearse_core::Error::NotAllowed(_)
                    | rehearse_core::Error::UtteranceTooLong { .. }
            )
        )
    }

    /// The stable machine-readable code (see the module's table); core
    /// errors keep their own codes.
    pub fn code(&self) -> &'static str {
        match self {
            Error::Core(e) => e.code(),
            Error::NoConversation => "no_attempt",
            Error::NoDataDir => "no_data_dir",
            Error::Invalid(_) => "invalid",
        }
    }

    /// Wraps an I/O error with the path it concerns, as a core error.
    pub fn io(path: impl Into<std::path::PathBuf>, source: std::io::Error) -> Self {
        Error::Core(rehearse_core::Error::io(path, source))
    }
}

impl serde::Serialize for Error {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        ErrorView::from(self).serialize(serializer)
    }
}

/// An error as it travels to a front end, `{code, message}`, for payloads
/// that must be cloned (an event) or that carry an error from another
/// layer's type.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ErrorView {
    /// The stable code.
    pub code: &'static str,
    /// The message in plain words.
    pub message: String,
}

impl From<&Error> for ErrorView {
    fn from(e: &Error) -> Self {
        ErrorView {
            code: e.code(),
            message: e.to_string(),
        }
    }
}

/// Shorthand for use-case results.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// A record id as typed or sent (`trainee`, `attempt`…): surrounding
/// space ignored, anything that is not a UUID an `invalid` error naming it.
pub fn parse_id(id: &str, what: &str) -> Result<uuid::Uuid> {
    uuid::Uuid::parse_str(id.trim())
        .map_err(|_| Error::Invalid(format!("\"{id}\" is not a valid {what} id")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_undo_in_assessment_is_a_refused_response_and_a_broken_script_is_not() {
        use rehearse_core::attempt::{Attempt, Mode};
        let dir = crate::testing::bundled("near-miss");
        let s = std::sync::Arc::new(rehearse_core::scenario::load_playable(&dir).unwrap());
        let analyser = rehearse_core::scenario::translation::analyser_for(&s).unwrap();
        let mut exam = Attempt::start(s, Mode::Assessment, 1, analyser).unwrap();
        let refused = Error::from(exam.undo().unwrap_err());
        assert!(refused.is_refused_response(), "{refused}");
        let broken = Error::from(rehearse_core::Error::ScenarioNotFound("x".into()));
        assert!(!broken.is_refused_response());
        assert!(!Error::NoConversation.is_refused_response());
    }

    #[test]
    fn serialises_as_code_and_message() {
        let v = serde_json::to_value(Error::NoConversation).unwrap();
        assert_eq!(v["code"], "no_attempt");
        assert!(v["message"].as_str().unwrap().contains("no conversation"));
        let core = Error::from(rehearse_core::Error::ScenarioNotFound("x".into()));
        let v = serde_json::to_value(core).unwrap();
        assert_eq!(v["code"], "scenario_not_found");
        assert_eq!(v.as_object().unwrap().len(), 2, "{v}");
    }
}
