//! The desktop shell's error type: the application layer's `{code, message}`
//! error ([`rehearse_app::Error`], whose codes it keeps), plus the few ways
//! only a desktop shell can fail (a file watcher, a native dialog, work on a
//! blocking worker). It reaches the page as
//! `{ "code": "...", "message": "..." }` so the UI can show the message in
//! plain words and branch on the stable code.

use rehearse_app::error::ErrorView;

/// Everything a command can fail with.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// An error from the application layer or, through it, the core.
    #[error(transparent)]
    App(#[from] rehearse_app::Error),
    /// The workbench was used before a folder was opened.
    #[error("no scenario folder is open in the workbench; open one first")]
    NoWorkbench,
    /// The file watcher could not be started.
    #[error("could not watch the folder for changes: {0}")]
    Watch(#[from] notify::Error),
    /// A native dialog failed.
    #[error("the dialog could not be shown: {0}")]
    Dialog(String),
    /// Work run off the main thread stopped unexpectedly.
    #[error("the background work stopped unexpectedly: {0}")]
    Background(String),
}

impl From<rehearse_core::Error> for Error {
    fn from(e: rehearse_core::Error) -> Self {
        Error::App(rehearse_app::Error::Core(e))
    }
}

impl Error {
    /// A stable machine-readable code; the application layer's and the
    /// core's errors keep their own codes.
    pub fn code(&self) -> &'static str {
        match self {
            Error::App(e) => e.code(),
            Error::NoWorkbench => "no_workbench",
            Error::Watch(_) => "watch",
            Error::Dialog(_) => "dialog",
            Error::Background(_) => "background",
        }
    }

    /// A value from the page that the command does not accept (`invalid`).
    pub fn invalid(message: impl Into<String>) -> Self {
        Error::App(rehearse_app::Error::Invalid(message.into()))
    }

    /// A command that needs a conversation in play was called without one (`no_attempt`).
    pub fn no_conversation() -> Self {
        Error::App(rehearse_app::Error::NoConversation)
    }

    /// Wraps an I/O error with the path it concerns, as a core error.
    pub fn io(path: impl Into<std::path::PathBuf>, source: std::io::Error) -> Self {
        Error::App(rehearse_app::Error::io(path, source))
    }
}

impl Error {
    /// The error as it travels to the page, `{code, message}`.
    pub fn view(&self) -> ErrorView {
        ErrorView {
            code: self.code(),
            message: self.to_string(),
        }
    }
}

impl serde::Serialize for Error {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.view().serialize(serializer)
    }
}

/// Shorthand for command results.
pub type Result<T, E = Error> = std::result::Result<T, E>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serialises_as_code_and_message() {
        let v = serde_json::to_value(Error::no_conversation()).unwrap();
        assert_eq!(v["code"], "no_attempt");
        assert!(v["message"].as_str().unwrap().contains("no conversation"));
        let core = Error::from(rehearse_core::Error::ScenarioNotFound("x".into()));
        let v = serde_json::to_value(core).unwrap();
        assert_eq!(v["code"], "scenario_not_found");
        let v = serde_json::to_value(Error::NoWorkbench).unwrap();
        assert_eq!(v["code"], "no_workbench");
    }
}
