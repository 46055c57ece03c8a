//! The CLI's single error type.

/// What can stop a `rehearse` command.
#[derive(Debug, thiserror::Error)]
pub enum CliError {
    /// An error from the core.
    #[error("{0}")]
    Core(#[from] rehearse_core::Error),
    /// An error from the application layer (its `{code, message}` errors).
    #[error("{0}")]
    App(#[from] rehearse_app::Error),
    /// Reading or writing a stream or file failed.
    #[error("{0}")]
    Io(#[from] std::io::Error),
    /// Bad arguments that clap cannot catch.
    #[error("{0}")]
    Usage(String),
}

impl CliError {
    /// The process exit code: 2 for usage errors, 1 otherwise.
    pub fn exit_code(&self) -> u8 {
        match self {
            CliError::Usage(_) => 2,
            _ => 1,
        }
    }
}

/// Result of a command: the exit code to use on success.
pub type CmdResult = Result<std::process::ExitCode, CliError>;
