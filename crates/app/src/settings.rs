//! The installation's settings, kept in `settings.json` in the data
//! directory beside the records database: today the interface language.
//! Without a setting the system's language is used (`Language::system`,
//! English when it is not one Rehearse speaks). Other keys in the file are
//! kept when one is written, so a newer version's settings survive.

use crate::error::{Error, Result};
use rehearse_core::locale::Language;
use rehearse_core::records::Store;
use serde::Serialize;
use std::path::{Path, PathBuf};

/// The settings file's name, in the data directory.
pub const SETTINGS_FILE: &str = "settings.json";

/// The settings file of one data directory.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Settings {
    file: PathBuf,
}

impl Settings {
    /// The settings of the data directory `data_dir`.
    pub fn in_dir(data_dir: &Path) -> Settings {
        Settings {
            file: data_dir.join(SETTINGS_FILE),
        }
    }

    /// The settings beside the records database file `db`.
    pub fn beside(db: &Path) -> Settings {
        Settings::in_dir(db.parent().unwrap_or(Path::new(".")))
    }

    /// The file.
    pub fn file(&self) -> &Path {
        &self.file
    }

    /// The language set, or the system's when none is. A file that cannot
    /// be read, is not a JSON object or names an unknown language is an
    /// error naming the file.
    pub fn language(&self) -> Result<Language> {
        match self.read()?.get("language").and_then(|v| v.as_str()) {
            Some(tag) => tag
                .parse::<Language>()
                .map_err(|e| Error::Invalid(format!("{}: \"language\": {e}", self.file.display()))),
            None => Ok(Language::system()),
        }
    }

    /// Sets the language and saves the file, keeping its other settings.
    pub fn set_language(&self, lang: Language) -> Result<()> {
        let mut settings = self.read()?;
        settings.insert("language".into(), lang.tag().into());
        if let Some(parent) = self.file.parent() {
            std::fs::create_dir_all(parent).map_err(|e| rehearse_core::Error::io(parent, e))?;
        }
        let text =
            serde_json::to_string_pretty(&settings).map_err(|e| Error::Invalid(e.to_string()))?;
        std::fs::write(&self.file, text + "\n")
            .map_err(|e| rehearse_core::Error::io(&self.file, e))?;
        Ok(())
    }

    fn read(&self) -> Result<serde_json::Map<String, serde_json::Value>> {
        match std::fs::read_to_string(&self.file) {
            Ok(text) => match serde_json::from_str::<serde_json::Value>(&text) {
                Ok(serde_json::Value::Object(m)) => Ok(m),
                Ok(_) | Err(_) => Err(Error::Invalid(format!(
                    "{} is not a JSON object of settings; fix or delete it",
                    self.file.display()
                ))),
            },
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(serde_json::Map::new()),
            Err(e) => Err(rehearse_core::Error::io(&self.file, e).into()),
        }
    }
}

/// The language set for the records in `store`, read now (so every window
/// and command agrees with the last change); the system's language when
/// there is no setting or the file cannot be read.
pub fn language_beside(store: &Store) -> Language {
    Settings::beside(store.path())
        .language()
        .unwrap_or_else(|_| Language::system())
}

/// What the page needs to format its messages.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct LocaleMessages {
    /// The language in use ("en" or "es").
    pub language: &'static str,
    /// Every language the app speaks, with its own name.
    pub available: Vec<&'static str>,
    /// The languages' own names, in the order of `available` ("English", "Español").
    pub names: Vec<&'static str>,
    /// The UI's FTL text, highest priority first: the language's, then
    /// English's (the fallback); English alone when English is in use.
    pub resources: Vec<&'static str>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_language_is_saved_beside_other_settings_and_a_bad_file_is_named() {
        let tmp = tempfile::tempdir().unwrap();
        let settings = Settings::in_dir(&tmp.path().join("data"));
        assert_eq!(settings.language().unwrap(), Language::system());
        settings.set_language(Language::Es).unwrap();
        assert_eq!(settings.language().unwrap(), Language::Es);
        std::fs::write(settings.file(), r#"{"language": "es", "theme": "dark"}"#).unwrap();
        settings.set_language(Language::En).unwrap();
        let kept = std::fs::read_to_string(settings.file()).unwrap();
        assert!(
            kept.contains("\"theme\": \"dark\"") && kept.contains("\"en\""),
            "{kept}"
        );
        std::fs::write(settings.file(), r#"{"language": "klingon"}"#).unwrap();
        assert!(settings
            .language()
            .unwrap_err()
            .to_string()
            .contains("settings.json"));
        std::fs::write(settings.file(), "[1, 2]").unwrap();
        assert_eq!(settings.language().unwrap_err().code(), "invalid");
    }
}
