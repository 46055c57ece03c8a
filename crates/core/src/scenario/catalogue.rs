//! A scenario translation as loaded (`locales/<lang>.ftl`, its messages
//! formatted once), and the translation being shown while a script
//! function runs during play, which `tr(...)` answers from. Kept apart from
//! [`super::translation`] (the key scheme over a definition) so the script
//! functions need nothing of the builder.

use crate::scenario::finding::{Finding, FindingCode, Location};
use fluent_bundle::{FluentBundle, FluentResource};
use std::cell::RefCell;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// One translated message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    /// The formatted text (Markdown).
    pub text: String,
    /// The line of the `.ftl` file where it is declared, from 1.
    pub line: usize,
}

/// One language's translation of a scenario: the messages of
/// `locales/<lang>.ftl`, formatted once when the scenario loads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Catalogue {
    /// The language tag, from the file name (`es` for `es.ftl`).
    pub language: String,
    /// The file.
    pub path: PathBuf,
    /// Messages by key.
    pub messages: BTreeMap<String, Message>,
    /// Problems met reading the file (syntax errors, bad references),
    /// reported by `rehearse check` as E027.
    pub problems: Vec<Finding>,
}

impl Catalogue {
    /// Parses the Fluent text of one translation. Syntax errors do not stop
    /// it: the messages that parse are kept, the rest fall back to the script.
    pub fn parse(language: &str, path: &Path, text: &str) -> Catalogue {
        let mut problems = Vec::new();
        let at = |offset: usize| {
            let before = &text[..offset.min(text.len())];
            Location {
                file: path.to_path_buf(),
                line: before.matches('\n').count() + 1,
                column: before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1,
            }
        };
        let resource = match FluentResource::try_new(text.to_string()) {
            Ok(r) => r,
            Err((r, errors)) => {
                for e in errors {
                    // The entry the error is in: where its slice starts,
                    // past blank lines, rather than where the parser gave up.
                    let start = e.slice.as_ref().map_or(e.pos.start, |s| {
                        let skipped = text[s.start..s.end.min(text.len())].len().saturating_sub(
                            text[s.start..s.end.min(text.len())].trim_start().len(),
                        );
                        s.start + skipped
                    });
                    problems.push(problem(
                        at(start),
                        format!("{language} translation does not parse: {e}"),
                    ));
                }
                r
            }
        };
        let mut bundle = FluentBundle::new(vec![language
            .parse()
            .unwrap_or_else(|_| unic_langid::LanguageIdentifier::default())]);
        bundle.set_use_isolating(false);
        if let Err(errors) = bundle.add_resource(resource) {
            for e in errors {
                problems.push(problem(at(0), format!("{language} translation: {e}")));
            }
        }
        let mut messages = BTreeMap::new();
        for (line, key) in message_lines(text) {
            let Some(pattern) = bundle.get_message(&key).and_then(|m| m.value()) else {
                continue;
            };
            let mut errors = Vec::new();
            let formatted = bundle
                .format_pattern(pattern, None, &mut errors)
                .into_owned();
            for e in errors {
                problems.push(problem(
                    Location {
                        file: path.to_path_buf(),
                        line,
                        column: 1,
                    },
                    format!("{language} translation, `{key}`: {e}"),
                ));
            }
            messages.insert(
                key,
                Message {
                    text: formatted,
                    line,
                },
            );
        }
        Catalogue {
            language: language.to_string(),
            path: path.to_path_buf(),
            messages,
            problems,
        }
    }

    /// The translated text for a key.
    pub fn get(&self, key: &str) -> Option<&str> {
        self.messages.get(key).map(|m| m.text.as_str())
    }
}

pub(crate) fn problem(location: Location, message: String) -> Finding {
    Finding {
        code: FindingCode::E027,
        severity: FindingCode::E027.severity(),
        location,
        message,
    }
}

/// Each message id declared in Fluent text, with its line. Messages start
/// at the beginning of a line with their identifier and `=`; comments,
/// terms (`-term`) and indented continuation lines do not.
fn message_lines(text: &str) -> Vec<(usize, String)> {
    text.lines()
        .enumerate()
        .filter_map(|(i, l)| {
            let id_len = l
                .char_indices()
                .take_while(|(j, c)| {
                    if *j == 0 {
                        c.is_ascii_alphabetic()
                    } else {
                        c.is_ascii_alphanumeric() || *c == '_' || *c == '-'
                    }
                })
                .count();
            (id_len > 0 && l[id_len..].trim_start().starts_with('='))
                .then(|| (i + 1, l[..id_len].to_string()))
        })
        .collect()
}

thread_local! {
    static SHOWN: RefCell<Option<(String, Arc<Catalogue>)>> = const { RefCell::new(None) };
}

/// Runs `f` with `language` (and its translation, if any) as the one a
/// script function's `tr(...)` and `r.affirms(...)` answer in.
pub(crate) fn showing<T>(
    language: &str,
    catalogue: Option<&Arc<Catalogue>>,
    f: impl FnOnce() -> T,
) -> T {
    struct Restore(Option<(String, Arc<Catalogue>)>);
    impl Drop for Restore {
        fn drop(&mut self) {
            let old = self.0.take();
            SHOWN.with(|s| *s.borrow_mut() = old);
        }
    }
    let empty = || {
        Arc::new(Catalogue {
            language: language.to_string(),
            path: PathBuf::new(),
            messages: BTreeMap::new(),
            problems: Vec::new(),
        })
    };
    let now = (
        language.to_string(),
        catalogue.cloned().unwrap_or_else(empty),
    );
    let _restore = Restore(SHOWN.with(|s| s.borrow_mut().replace(now)));
    f()
}

/// The translation of `key` in the language being shown, or `default`.
pub(crate) fn translate(key: &str, default: &str) -> String {
    SHOWN.with(|s| {
        s.borrow()
            .as_ref()
            .and_then(|(_, c)| c.get(key).map(str::to_string))
            .unwrap_or_else(|| default.to_string())
    })
}

/// The language being shown to the trainee, while a script function runs
/// during play; `None` outside play.
pub(crate) fn shown_language() -> Option<String> {
    SHOWN.with(|s| s.borrow().as_ref().map(|(l, _)| l.clone()))
}
