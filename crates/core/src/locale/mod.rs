//! Localisation: the languages Rehearse speaks and the Fluent messages of
//! the text the core renders (competency framework, red flags,
//! certification status, report and debrief templates) and of the CLI.
//!
//! Messages live in `crates/core/locales/<lang>/*.ftl` and are embedded at
//! build time. English is the fallback: a message missing in the chosen
//! language is formatted from English, and a message missing in both gives
//! its own id (a unit test keeps every id used present in English, and
//! every English id present in Spanish with the same variables).
//!
//! ```
//! use rehearse_core::locale::{messages, Language};
//! let es = messages(Language::Es);
//! assert_eq!(es.text("report-verdict-passed"), "SUPERADO");
//! let n = es.get("cli-play-saved", &[("attempt", "a1".into()), ("status", "en curso".into())]);
//! assert!(n.contains("a1"));
//! ```

pub mod catalogue;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use std::borrow::Cow;
use std::collections::HashMap;
use std::fmt;
use std::str::FromStr;
use std::sync::{Mutex, OnceLock};

/// A language Rehearse is translated into.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum Language {
    /// English, the fallback for every missing message.
    En,
    /// Spanish (European Spanish; the trainee is addressed as *tú*).
    Es,
}

impl Language {
    /// Every language, English first.
    pub const ALL: [Language; 2] = [Language::En, Language::Es];

    /// The BCP 47 primary language subtag: "en" or "es".
    pub const fn tag(self) -> &'static str {
        match self {
            Language::En => "en",
            Language::Es => "es",
        }
    }

    /// The tag with the region Rehearse's texts are written for ("en-GB",
    /// "es-ES"): the keys of xAPI language maps.
    pub const fn regional_tag(self) -> &'static str {
        match self {
            Language::En => "en-GB",
            Language::Es => "es-ES",
        }
    }

    /// The language's own name for itself ("English", "Español").
    pub const fn native_name(self) -> &'static str {
        match self {
            Language::En => "English",
            Language::Es => "Español",
        }
    }

    /// The supported language of one locale string, if any: accepts BCP 47
    /// tags ("es", "es-MX", "EN-gb") and POSIX locales ("es_ES.UTF-8",
    /// "en_GB@euro"); "C" and "POSIX" mean English.
    pub fn from_locale(locale: &str) -> Option<Language> {
        let primary = locale
            .trim()
            .split(['-', '_', '.', '@'])
            .next()
            .unwrap_or("")
            .to_ascii_lowercase();
        match primary.as_str() {
            "en" | "c" | "posix" => Some(Language::En),
            "es" => Some(Language::Es),
            _ => None,
        }
    }

    /// The first supported language among `requested` (most preferred
    /// first), or English when none is supported.
    pub fn negotiate<S: AsRef<str>>(requested: &[S]) -> Language {
        requested
            .iter()
            .find_map(|l| Language::from_locale(l.as_ref()))
            .unwrap_or(Language::En)
    }

    /// The language of the environment: the first set of `LC_ALL`,
    /// `LC_MESSAGES` and `LANG` (POSIX precedence), else the platform's
    /// preferred locales, negotiated; English when nothing fits.
    pub fn system() -> Language {
        Language::from_environment(|name| std::env::var(name).ok())
            .unwrap_or_else(|| Language::negotiate(&sys_locale::get_locales().collect::<Vec<_>>()))
    }

    /// The language named by the locale variables that `var` reads, by
    /// POSIX precedence (`LC_ALL`, then `LC_MESSAGES`, then `LANG`; empty
    /// values are unset). `None` when none is set; English when the one that
    /// decides names an unsupported language.
    pub fn from_environment(var: impl Fn(&str) -> Option<String>) -> Option<Language> {
        ["LC_ALL", "LC_MESSAGES", "LANG"]
            .into_iter()
            .filter_map(var)
            .find(|v| !v.trim().is_empty())
            .map(|v| Language::negotiate(&[v]))
    }
}

impl fmt::Display for Language {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.tag())
    }
}

impl FromStr for Language {
    type Err = crate::Error;

    /// A supported language from a tag or locale ("es", "es-ES",
    /// "es_ES.UTF-8"); any other is an [`crate::Error::Input`] naming the
    /// supported ones.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Language::from_locale(s).ok_or_else(|| {
            crate::Error::Input(format!(
                "Rehearse is not translated into \"{}\"; the languages are {}",
                s.trim(),
                Language::ALL.map(Language::tag).join(", ")
            ))
        })
    }
}

/// The embedded FTL resources of one language, in load order.
fn sources(lang: Language) -> &'static [&'static str] {
    match lang {
        Language::En => &[
            include_str!("../../locales/en/framework.ftl"),
            include_str!("../../locales/en/certification.ftl"),
            include_str!("../../locales/en/report.ftl"),
            include_str!("../../locales/en/cli.ftl"),
            include_str!("../../locales/en/export.ftl"),
            include_str!("../../locales/en/player.ftl"),
        ],
        Language::Es => &[
            include_str!("../../locales/es/framework.ftl"),
            include_str!("../../locales/es/certification.ftl"),
            include_str!("../../locales/es/report.ftl"),
            include_str!("../../locales/es/cli.ftl"),
            include_str!("../../locales/es/export.ftl"),
            include_str!("../../locales/es/player.ftl"),
        ],
    }
}

/// The embedded core FTL text of a language, all files joined (for tools
/// and tests that inspect the catalogue).
pub fn source_text(lang: Language) -> String {
    sources(lang).join("\n")
}

/// A value for a message variable: text or a number (numbers select
/// plural forms).
#[derive(Debug, Clone, PartialEq)]
pub enum Arg<'a> {
    /// Text, shown as is.
    Text(Cow<'a, str>),
    /// A number.
    Number(f64),
}

impl<'a> From<&'a str> for Arg<'a> {
    fn from(s: &'a str) -> Self {
        Arg::Text(Cow::Borrowed(s))
    }
}
impl From<String> for Arg<'_> {
    fn from(s: String) -> Self {
        Arg::Text(Cow::Owned(s))
    }
}
impl<'a> From<&'a String> for Arg<'a> {
    fn from(s: &'a String) -> Self {
        Arg::Text(Cow::Borrowed(s.as_str()))
    }
}
macro_rules! number_arg {
    ($($t:ty),*) => {$(
        impl From<$t> for Arg<'_> {
            fn from(n: $t) -> Self {
                Arg::Number(n as f64)
            }
        }
    )*};
}
number_arg!(u8, u16, u32, u64, usize, i32, i64, f64);

/// The messages of one language, with English behind them.
pub struct Messages {
    language: Language,
    /// The chosen language's bundle, then English's (for Spanish); English alone for English.
    bundles: Vec<FluentBundle<FluentResource>>,
    /// Messages without variables, formatted once (so they can be `&'static`).
    plain: HashMap<String, String>,
    /// Ids asked for that exist in no bundle (interned so `text` can return them).
    unknown: Mutex<HashMap<String, &'static str>>,
}

impl fmt::Debug for Messages {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Messages")
            .field("language", &self.language)
            .field("plain", &self.plain.len())
            .finish()
    }
}

fn bundle(lang: Language) -> FluentBundle<FluentResource> {
    let id: unic_langid::LanguageIdentifier = lang.regional_tag().parse().unwrap_or_default();
    let mut bundle = FluentBundle::new_concurrent(vec![id]);
    // Terminal, Markdown and HTML output: no Unicode isolation marks.
    bundle.set_use_isolating(false);
    for src in sources(lang) {
        // The embedded files are checked by this module's tests; a broken
        // entry is skipped (and its ids fall back), never a panic.
        let resource = FluentResource::try_new((*src).to_string()).unwrap_or_else(|(r, _)| r);
        let _ = bundle.add_resource(resource);
    }
    bundle
}

impl Messages {
    /// Builds the messages of `lang` (prefer [`messages`], which builds each once).
    pub fn new(lang: Language) -> Messages {
        let mut bundles = vec![bundle(lang)];
        if lang != Language::En {
            bundles.push(bundle(Language::En));
        }
        let mut m = Messages {
            language: lang,
            bundles,
            plain: HashMap::new(),
            unknown: Mutex::new(HashMap::new()),
        };
        let mut plain = HashMap::new();
        for l in [Language::En, lang] {
            for src in sources(l) {
                for e in catalogue::entries(src).unwrap_or_default() {
                    if e.variables.is_empty() && !plain.contains_key(&e.id) {
                        if let Some(text) = m.format(&e.id, None) {
                            plain.insert(e.id, text);
                        }
                    }
                }
            }
        }
        m.plain = plain;
        m
    }

    /// The language these messages are in.
    pub fn language(&self) -> Language {
        self.language
    }

    /// Whether the chosen language itself (not the fallback) has `id`.
    pub fn has_own(&self, id: &str) -> bool {
        self.bundles[0].has_message(id)
    }

    fn format(&self, id: &str, args: Option<&FluentArgs>) -> Option<String> {
        self.bundles.iter().find_map(|b| {
            let pattern = b.get_message(id)?.value()?;
            let mut errors = Vec::new();
            Some(b.format_pattern(pattern, args, &mut errors).into_owned())
        })
    }

    /// The message `id` formatted with `args`; from English when the
    /// language lacks it; the id itself when no language has it.
    pub fn get(&self, id: &str, args: &[(&str, Arg<'_>)]) -> String {
        let mut fluent = FluentArgs::new();
        for (name, value) in args {
            match value {
                Arg::Text(t) => fluent.set(*name, FluentValue::from(t.to_string())),
                Arg::Number(n) => fluent.set(*name, FluentValue::from(*n)),
            }
        }
        self.format(id, Some(&fluent))
            .unwrap_or_else(|| id.to_string())
    }

    /// A message without variables, formatted once; the id itself when no
    /// language has it.
    pub fn text(&'static self, id: &str) -> &'static str {
        if let Some(t) = self.plain.get(id) {
            return t.as_str();
        }
        let mut unknown = self.unknown.lock().unwrap_or_else(|e| e.into_inner());
        unknown
            .entry(id.to_string())
            .or_insert_with(|| Box::leak(id.to_string().into_boxed_str()))
    }
}

/// The messages of `lang`, built once per process.
pub fn messages(lang: Language) -> &'static Messages {
    static EN: OnceLock<Messages> = OnceLock::new();
    static ES: OnceLock<Messages> = OnceLock::new();
    match lang {
        Language::En => EN.get_or_init(|| Messages::new(Language::En)),
        Language::Es => ES.get_or_init(|| Messages::new(Language::Es)),
    }
}

/// An xAPI language map of message `id` in every language, keyed by the
/// language's tag with its region ("en-US" for English, as xAPI exports
/// have always carried; "es-ES" for Spanish).
pub fn language_map(id: &str, args: &[(&str, Arg<'_>)]) -> serde_json::Value {
    let mut map = serde_json::Map::new();
    for lang in Language::ALL {
        let key = match lang {
            Language::En => "en-US",
            Language::Es => lang.regional_tag(),
        };
        map.insert(key.into(), messages(lang).get(id, args).into());
    }
    serde_json::Value::Object(map)
}

/// The key of a vocabulary item's message: `prefix-id` with the id's
/// underscores as hyphens (`competency-let-them-lead`).
pub(crate) fn key(prefix: &str, id: &str, suffix: &str) -> String {
    let mut k = format!("{prefix}-{}", id.replace('_', "-"));
    if !suffix.is_empty() {
        k.push('-');
        k.push_str(suffix);
    }
    k
}

#[cfg(test)]
mod tests;
