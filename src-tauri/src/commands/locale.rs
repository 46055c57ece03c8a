//! The app's language: the UI's Fluent messages for the page, and the
//! setting that chooses the language, kept in `settings.json` in the data
//! directory beside the records database. Without a setting the system's
//! language is used (`Language::system`), English when it is not one
//! Rehearse speaks. The same language is what the shell passes to the core
//! for the text the core renders (see [`Locale::language`]).

use crate::error::Result;
use crate::state::{lock, Records};
use rehearse_app::settings::Settings;
use rehearse_core::locale::Language;
use std::path::Path;
use std::sync::Mutex;
use tauri::State;

/// The language set for a records store (the application layer's rule).
pub use rehearse_app::settings::language_beside;
/// The settings file's name, in the data directory (the application layer's).
pub use rehearse_app::settings::SETTINGS_FILE;

/// The UI's English messages (written with the page, `ui/locales/`).
const UI_EN: &str = include_str!("../../../ui/locales/en.ftl");
/// The UI's Spanish messages.
const UI_ES: &str = include_str!("../../../ui/locales/es.ftl");

/// The UI catalogue of a language.
fn ui_resource(lang: Language) -> &'static str {
    match lang {
        Language::En => UI_EN,
        Language::Es => UI_ES,
    }
}

/// The language in use and the settings that keep it.
pub struct Locale {
    settings: Settings,
    language: Mutex<Language>,
}

impl Locale {
    /// Reads the setting from `settings.json` in `data_dir`; the system's
    /// language when the file or its `language` is absent. A file that
    /// cannot be read or names an unknown language is an error naming it.
    pub fn load(data_dir: &Path) -> Result<Locale> {
        let settings = Settings::in_dir(data_dir);
        Ok(Locale {
            language: Mutex::new(settings.language()?),
            settings,
        })
    }

    /// The settings kept beside the records database.
    pub fn beside(records: &Records) -> Result<Locale> {
        let db = lock(&records.0).path().to_path_buf();
        Locale::load(db.parent().unwrap_or(Path::new(".")))
    }

    /// The system's language, ignoring the settings file beside the
    /// records (used when that file cannot be read at start-up).
    pub fn system_only(records: &Records) -> Locale {
        Locale {
            settings: Settings::beside(lock(&records.0).path()),
            language: Mutex::new(Language::system()),
        }
    }

    /// The language in use: for the page and for every text the core renders.
    pub fn language(&self) -> Language {
        *lock(&self.language)
    }

    /// Chooses `lang` and saves it in the settings file (other settings
    /// in the file are kept).
    pub fn set(&self, lang: Language) -> Result<()> {
        self.settings.set_language(lang)?;
        *lock(&self.language) = lang;
        Ok(())
    }
}

/// What the page needs to format its messages: the application layer's view.
pub use rehearse_app::settings::LocaleMessages;

/// The messages for `lang`.
pub fn messages_for(lang: Language) -> LocaleMessages {
    let mut resources = vec![ui_resource(lang)];
    if lang != Language::En {
        resources.push(ui_resource(Language::En));
    }
    LocaleMessages {
        language: lang.tag(),
        available: Language::ALL.iter().map(|l| l.tag()).collect(),
        names: Language::ALL.iter().map(|l| l.native_name()).collect(),
        resources,
    }
}

/// The language in use and the UI's messages for it.
#[tauri::command]
pub fn locale_messages(locale: State<'_, Locale>) -> LocaleMessages {
    messages_for(locale.language())
}

/// Chooses the app's language ("en", "es"; a locale such as "es-ES" is
/// accepted), saves it, and returns the messages for it. Another language
/// is refused with an error naming the ones there are.
#[tauri::command]
pub fn set_language(locale: State<'_, Locale>, language: String) -> Result<LocaleMessages> {
    let lang: Language = language.parse()?;
    locale.set(lang)?;
    Ok(messages_for(lang))
}
