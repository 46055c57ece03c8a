//! The desktop shell's single error type. Every command returns it, and it
//! reaches the page as `{ "code": "...", "message": "..." }` so the UI can
//! show the message in plain words and branch on the stable code.

use serde::ser::SerializeStruct;

/// Everything a command can fail with.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// An error from `rehearse-core` (scenarios, attempts, records).
    #[error(transparent)]
    Core(#[from] rehearse_core::Error),
    /// A command that needs a running attempt was called without one.
    #[error("there is no conversation in progress; choose a scenario from the library")]
    NoAttempt,
    /// The workbench was used before a folder was opened.
    #[error("no scenario folder is open in the workbench; open one first")]
    NoWorkbench,
    /// The platform data directory could not be determined.
    #[error("could not find a data folder for Rehearse (set XDG_DATA_HOME or HOME)")]
    NoDataDir,
    /// The file watcher could not be started.
    #[error("could not watch the folder for changes: {0}")]
    Watch(#[from] notify::Error),
    /// A native dialog failed.
    #[error("the dialog could not be shown: {0}")]
    Dialog(String),
    /// A value from the page that the command does not accept.
    #[error("{0}")]
    Invalid(String),
    /// Work run off the main thread stopped unexpectedly.
    #[error("the background work stopped unexpectedly: {0}")]
    Background(String),
}

impl Error {
    /// A stable machine-readable code; core errors keep their own codes.
    pub fn code(&self) -> &'static str {
        match self {
            Error::Core(e) => e.code(),
            Error::NoAttempt => "no_attempt",
            Error::NoWorkbench => "no_workbench",
            Error::NoDataDir => "no_data_dir",
            Error::Watch(_) => "watch",
            Error::Dialog(_) => "dialog",
            Error::Invalid(_) => "invalid",
            Error::Background(_) => "background",
        }
    }

    /// Wraps an I/O error with the path it concerns, as a core error.
    pub fn io(path: impl Into<std::path::PathBuf>, source: std::io::Error) -> Self {
        Error::Core(rehearse_core::Error::io(path, source))
    }
}

impl serde::Serialize for Error {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut s = serializer.serialize_struct("Error", 2)?;
        s.serialize_field("code", self.code())?;
        s.serialize_field("message", &self.to_string())?;
        s.end()
    }
}

/// Shorthand for command results.
pub type Result<T, E = Error> = std::result::Result<T, E>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serialises_as_code_and_message() {
        let v = serde_json::to_value(Error::NoAttempt).unwrap();
        assert_eq!(v["code"], "no_attempt");
        assert!(v["message"].as_str().unwrap().contains("no conversation"));
        let core = Error::from(rehearse_core::Error::ScenarioNotFound("x".into()));
        let v = serde_json::to_value(core).unwrap();
        assert_eq!(v["code"], "scenario_not_found");
    }
}
