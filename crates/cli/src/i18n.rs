//! The language of the CLI's own text: `--language TAG` (global), else the
//! system's (`LC_ALL`, `LC_MESSAGES`, `LANG`), else English. Messages come
//! from the core's Fluent catalogues (`crates/core/locales/<lang>/cli.ftl`);
//! `--json` output never changes with the language.

use rehearse_core::locale::{messages, Arg, Language};
use std::sync::OnceLock;

static EXPLICIT: OnceLock<Option<Language>> = OnceLock::new();

/// Sets the language given with `--language` (once, at start-up); an
/// unsupported tag is a usage error naming the supported ones.
pub fn init(tag: Option<&str>) -> Result<(), crate::error::CliError> {
    let explicit = tag
        .map(str::parse::<Language>)
        .transpose()
        .map_err(|e| crate::error::CliError::Usage(format!("--language: {e}")))?;
    let _ = EXPLICIT.set(explicit);
    Ok(())
}

/// The language `--language` named, if it was given.
pub fn explicit() -> Option<Language> {
    EXPLICIT.get().copied().flatten()
}

/// The language of the CLI's text: `--language`, else the system's.
pub fn language() -> Language {
    static RESOLVED: OnceLock<Language> = OnceLock::new();
    *RESOLVED.get_or_init(|| explicit().unwrap_or_else(Language::system))
}

/// A message without variables in the CLI's language.
pub fn tr(id: &str) -> &'static str {
    messages(language()).text(id)
}

/// A message with variables in the CLI's language.
pub fn tr_args(id: &str, args: &[(&str, Arg<'_>)]) -> String {
    messages(language()).get(id, args)
}
