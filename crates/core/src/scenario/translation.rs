//! Translations a scenario carries beside its script: `locales/<lang>.ftl`,
//! Fluent files keyed by stable ids, so a translator never edits Rhai.
//!
//! # Key scheme
//!
//! Every text the trainee sees has a key built from ids the script already
//! declares (the README's "Translating a scenario" shows a whole file):
//!
//! | Text | Key |
//! |---|---|
//! | title, summary, setting, legal note | `scenario-title`, `scenario-summary`, `scenario-setting`, `scenario-legal-note` |
//! | a persona's name, role, background | `persona-<id>-name`, `persona-<id>-role`, `persona-<id>-background` |
//! | a visible meter's label | `state-<name>-label` |
//! | a beat's line and cue | `beat-<id>-line`, `beat-<id>-cue`; variants `beat-<id>-line-1`, `-2`, … |
//! | the free-text placeholder | `beat-<id>-prompt` |
//! | a choice's words | `beat-<id>-choice-<choice id>` |
//! | a reply or feedback | `beat-<id>-choice-<choice id>-reply`, `beat-<id>-route-<n>-reply`, `beat-<id>-otherwise-reply`, `beat-<id>-silence-reply` (and `-feedback`) |
//! | the reason given for a piece of evidence (shown in hints and the debrief) | the outcome's key then `-evidence-<competency id>`: `beat-<id>-choice-<choice id>-evidence-relationship`, `beat-<id>-silence-evidence-atmosphere`, … |
//! | an ending's line, cue and debrief | `ending-<id>-line`, `ending-<id>-cue`, `ending-<id>-debrief`, `ending-<id>-debrief-missed` |
//! | text a script function computes during play | the key the script names: `tr("beat-calm-line-trusting", "English text")` |
//!
//! Route examples and the phrases of a `mentions` predicate are not
//! translated: they are grading, not what is shown. Evidence reasons are
//! translated, but the competency and delta they explain are not, so
//! grading never changes with the language.

use crate::error::Result;
use crate::scenario::beat::{Outcome, Text};
use crate::scenario::builder::Definition;
use crate::scenario::finding::{Finding, FindingCode, Location};
use crate::scenario::source::{read_file_in, ScenarioSource, MAX_MARKDOWN_BYTES};
use crate::scenario::Scenario;
use rhai::Position;
use std::collections::BTreeMap;
use std::sync::Arc;

/// The folder beside `scenario.rhai` that holds translations.
pub const LOCALES_DIR: &str = "locales";

pub(crate) use super::catalogue::{problem, showing, shown_language, translate};
pub use super::catalogue::{Catalogue, Message};

/// Whether a file stem is a language tag Rehearse accepts: a lower-case
/// primary subtag of 2 or 3 letters, optionally a region (`es`, `pt-BR`).
fn is_language_tag(s: &str) -> bool {
    let mut parts = s.split('-');
    let primary = parts.next().unwrap_or("");
    (2..=3).contains(&primary.len())
        && primary.chars().all(|c| c.is_ascii_lowercase())
        && parts.all(|p| (2..=8).contains(&p.len()) && p.chars().all(|c| c.is_ascii_alphanumeric()))
}

/// Reads every `locales/<lang>.ftl` of a scenario folder, in tag order.
/// A folder without `locales/` has no translations. Files that cannot be
/// used (a bad name, not UTF-8, too large) become E027 problems of an empty
/// catalogue, so `rehearse check` names them and play falls back to the script.
pub fn read_catalogues(source: &ScenarioSource) -> Result<Vec<Catalogue>> {
    let dir = source.dir.join(LOCALES_DIR);
    if !dir.is_dir() {
        return Ok(Vec::new());
    }
    let mut files: Vec<String> = std::fs::read_dir(&dir)
        .map_err(|e| crate::error::Error::io(&dir, e))?
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".ftl") && !n.starts_with('.'))
        .collect();
    files.sort();
    let mut out = Vec::new();
    for name in files {
        let language = name.trim_end_matches(".ftl").to_string();
        let path = dir.join(&name);
        let empty = |message: String| Catalogue {
            language: language.clone(),
            path: path.clone(),
            messages: BTreeMap::new(),
            problems: vec![problem(
                Location {
                    file: path.clone(),
                    line: 1,
                    column: 1,
                },
                message,
            )],
        };
        if !is_language_tag(&language) {
            out.push(empty(format!(
                "`{name}` is not named after a language tag such as es.ftl or pt-BR.ftl"
            )));
            continue;
        }
        if language == source_language(source) {
            out.push(empty(format!(
                "`{name}` translates the scenario into its own language ({language}); the script's text is already that"
            )));
            continue;
        }
        let rel = format!("{LOCALES_DIR}/{name}");
        let text = match read_file_in(&source.dir, &rel, MAX_MARKDOWN_BYTES)
            .map_err(|e| e.to_string())
            .and_then(|b| {
                String::from_utf8(b)
                    .map_err(|e| format!("not valid UTF-8 (byte {})", e.utf8_error().valid_up_to()))
            }) {
            Ok(t) => t,
            Err(why) => {
                out.push(empty(format!(
                    "{language} translation cannot be read: {why}"
                )));
                continue;
            }
        };
        out.push(Catalogue::parse(&language, &path, &text));
    }
    Ok(out)
}

/// The script's declared language, read before the script is built (a
/// translation into it is refused). Falls back to `en`, like the builder.
fn source_language(source: &ScenarioSource) -> String {
    let re = regex::Regex::new(r#"\blanguage\s*:\s*"([^"]*)""#).expect("a valid pattern");
    re.captures(&source.script)
        .map(|c| c[1].to_string())
        .unwrap_or_else(|| "en".into())
}

/// One translatable text of a scenario: its key, the text (to read or to
/// replace) and where in the script the element that holds it is declared.
pub struct Slot<'a> {
    /// The key a translation gives it under.
    pub key: String,
    /// The text in the script's language.
    pub text: &'a mut String,
    /// The declaration holding it (the finding for a missing key points at
    /// the text's literal from here when it can).
    pub at: Position,
}

/// Visits every translatable text of a definition, in declaration order:
/// the one walk that both lists the keys and applies a translation.
pub fn each_text(def: &mut Definition, f: &mut dyn FnMut(Slot<'_>)) {
    let top = Position::new(1, 1);
    let mut put = |key: String, text: &mut String, at: Position| {
        if !text.trim().is_empty() {
            f(Slot { key, text, at });
        }
    };
    let m = &mut def.meta;
    put("scenario-title".into(), &mut m.title, top);
    put("scenario-summary".into(), &mut m.summary, top);
    put("scenario-setting".into(), &mut m.setting, top);
    if let Some(n) = m.legal_note.as_mut() {
        put("scenario-legal-note".into(), n, top);
    }
    for p in def.personas.iter_mut() {
        put(format!("persona-{}-name", p.id), &mut p.name, top);
        put(format!("persona-{}-role", p.id), &mut p.role, top);
        put(
            format!("persona-{}-background", p.id),
            &mut p.background,
            top,
        );
    }
    for s in def.state.iter_mut().filter(|s| !s.hidden) {
        put(format!("state-{}-label", s.name), &mut s.label, top);
    }
    for b in def.beats.iter_mut() {
        let (id, at) = (b.id.clone(), b.at);
        if let Some(c) = b.cue.as_mut() {
            text(format!("beat-{id}-cue"), c, at, &mut put);
        }
        text(format!("beat-{id}-line"), &mut b.line, at, &mut put);
        for c in b.choices.iter_mut() {
            let base = format!("beat-{id}-choice-{}", c.id);
            put(base.clone(), &mut c.text, at);
            outcome(base, &mut c.outcome, at, &mut put);
        }
        if let Some(ft) = b.free_text.as_mut() {
            if let Some(p) = ft.prompt.as_mut() {
                put(format!("beat-{id}-prompt"), p, at);
            }
            for (i, r) in ft.routes.iter_mut().enumerate() {
                outcome(
                    format!("beat-{id}-route-{}", i + 1),
                    &mut r.outcome,
                    at,
                    &mut put,
                );
            }
            if let Some(o) = ft.otherwise.as_mut() {
                outcome(format!("beat-{id}-otherwise"), o, at, &mut put);
            }
        }
        if let Some(o) = b.silence.as_mut() {
            outcome(format!("beat-{id}-silence"), o, at, &mut put);
        }
    }
    for e in def.endings.iter_mut() {
        let (id, at) = (e.id.clone(), e.at);
        if let Some(c) = e.cue.as_mut() {
            text(format!("ending-{id}-cue"), c, at, &mut put);
        }
        text(format!("ending-{id}-line"), &mut e.line, at, &mut put);
        if let Some(d) = e.debrief.as_mut() {
            put(format!("ending-{id}-debrief"), d, at);
        }
        if let Some(d) = e.debrief_missed.as_mut() {
            put(format!("ending-{id}-debrief-missed"), d, at);
        }
    }
}

type Put<'p> = dyn FnMut(String, &mut String, Position) + 'p;

/// The slots of a line or cue: one key when fixed, one per variant, none
/// when a function computes it (its `tr` calls carry their own keys).
fn text(base: String, t: &mut Text, at: Position, put: &mut Put<'_>) {
    match t {
        Text::Fixed(s) => put(base, s, at),
        Text::Variants(v) => {
            for (i, s) in v.iter_mut().enumerate() {
                put(format!("{base}-{}", i + 1), s, at);
            }
        }
        Text::Dynamic(_) => {}
    }
}

/// The slots of an outcome: its reply, its feedback and the reason of each
/// piece of evidence, keyed by competency id (a second piece for the same
/// competency, which a script can only declare through a function, gets
/// `-2`, and so on). The reasons are what practice hints and the debrief
/// show; the competency and the delta are grading and never translated.
fn outcome(base: String, o: &mut Outcome, at: Position, put: &mut Put<'_>) {
    if let Some(r) = o.reply.as_mut() {
        put(format!("{base}-reply"), r, at);
    }
    if let Some(r) = o.feedback.as_mut() {
        put(format!("{base}-feedback"), r, at);
    }
    let mut seen: BTreeMap<&'static str, usize> = BTreeMap::new();
    for e in o.evidence.iter_mut() {
        let id = e.competency.id();
        let n = seen.entry(id).or_insert(0);
        *n += 1;
        let key = match *n {
            1 => format!("{base}-evidence-{id}"),
            n => format!("{base}-evidence-{id}-{n}"),
        };
        put(key, &mut e.reason, at);
    }
}

/// A key a scenario needs translated, with its text in the script's
/// language and where the element holding it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Key {
    /// The key.
    pub key: String,
    /// The script's text for it.
    pub text: String,
    /// Where the text (or the element holding it) is in the script.
    pub location: Location,
}

/// Every key the scenario needs: its fixed texts and the `tr("key", ...)`
/// calls of its functions, each with the script location it comes from.
pub fn keys(scenario: &Scenario) -> Vec<Key> {
    let mut def = scenario.untranslated.as_ref().clone();
    let source = &scenario.source;
    let mut out = Vec::new();
    each_text(&mut def, &mut |slot| {
        out.push(Key {
            location: source.locate_literal(slot.at, slot.text),
            key: slot.key,
            text: slot.text.clone(),
        })
    });
    for (offset, key, text) in tr_calls(&source.script) {
        if !out.iter().any(|k| k.key == key) {
            out.push(Key {
                key,
                text,
                location: source.location_of_offset(offset),
            });
        }
    }
    out
}

/// `tr("key", "text")` calls in a script: offset, key and default text.
fn tr_calls(script: &str) -> Vec<(usize, String, String)> {
    let re = regex::Regex::new(r#"\btr\s*\(\s*"([^"\\]*)"\s*,\s*"((?:[^"\\]|\\.)*)""#)
        .expect("a valid pattern");
    re.captures_iter(script)
        .map(|c| {
            let whole = c.get(0).expect("the whole match");
            (whole.start(), c[1].to_string(), c[2].replace("\\\"", "\""))
        })
        .collect()
}

/// What `rehearse check` finds in a scenario's translations: problems with
/// the files (E027), keys a language lacks (E028, at the script element
/// whose text is untranslated) and keys a file has that the scenario does
/// not use (W115, at the file's line).
pub fn findings(scenario: &Scenario) -> Vec<Finding> {
    let keys = keys(scenario);
    let mut out = Vec::new();
    for c in scenario.translations.iter() {
        out.extend(c.problems.iter().cloned());
        if c.messages.is_empty() && !c.problems.is_empty() {
            continue;
        }
        for k in keys.iter().filter(|k| !c.messages.contains_key(&k.key)) {
            out.push(Finding {
                code: FindingCode::E028,
                severity: FindingCode::E028.severity(),
                location: k.location.clone(),
                message: format!(
                    "the {} translation ({}) has no `{}`; add `{} = ...` translating {:?}",
                    c.language,
                    c.path.display(),
                    k.key,
                    k.key,
                    short(&k.text)
                ),
            });
        }
        for (key, m) in &c.messages {
            if !keys.iter().any(|k| &k.key == key) {
                let hint = nearest_key(key, &keys)
                    .map(|k| format!(" (did you mean `{k}`?)"))
                    .unwrap_or_default();
                out.push(Finding {
                    code: FindingCode::W115,
                    severity: FindingCode::W115.severity(),
                    location: Location {
                        file: c.path.clone(),
                        line: m.line,
                        column: 1,
                    },
                    message: format!(
                        "`{key}` in the {} translation names no text of the scenario{hint}",
                        c.language
                    ),
                });
            }
        }
    }
    out
}

fn short(text: &str) -> String {
    let one_line = text.split_whitespace().collect::<Vec<_>>().join(" ");
    match one_line.char_indices().nth(60) {
        Some((i, _)) => format!("{}…", &one_line[..i]),
        None => one_line,
    }
}

fn nearest_key<'k>(given: &str, keys: &'k [Key]) -> Option<&'k str> {
    crate::competency::nearest(given, keys.iter().map(|k| k.key.as_str()))
}

/// A Fluent file holding every key of the scenario with its text in the
/// script's language: the starting point for a translator.
pub fn template(scenario: &Scenario) -> String {
    let mut out = format!(
        "# Translation of {} (from {}). Keys are explained in the README, \"Translating a scenario\".\n",
        scenario.id(),
        scenario.untranslated.meta.language
    );
    for k in keys(scenario) {
        out.push_str(&k.key);
        out.push_str(" =");
        let lines: Vec<&str> = k.text.trim().lines().collect();
        if lines.len() == 1 {
            out.push(' ');
            out.push_str(&escape(lines[0]));
            out.push('\n');
        } else {
            out.push('\n');
            for l in lines {
                if l.trim().is_empty() {
                    out.push('\n');
                } else {
                    out.push_str("    ");
                    out.push_str(&escape_block(l));
                    out.push('\n');
                }
            }
        }
    }
    out
}

/// Escapes the characters Fluent gives a meaning to inside text.
fn escape(line: &str) -> String {
    line.replace('{', "{\"{\"}").replace('}', "{\"}\"}")
}

/// Escapes a continuation line: it may not start with `[`, `*` or `.`.
fn escape_block(line: &str) -> String {
    let e = escape(line);
    match e.chars().next() {
        Some(c @ ('[' | '*' | '.')) => format!("{{\"{c}\"}}{}", &e[1..]),
        _ => e,
    }
}

/// The definition with a catalogue's texts in place of the script's; keys
/// the catalogue lacks keep the script's text.
pub fn apply(def: &Definition, catalogue: &Catalogue) -> Definition {
    let mut out = def.clone();
    each_text(&mut out, &mut |slot| {
        if let Some(t) = catalogue.get(&slot.key) {
            *slot.text = t.to_string();
        }
    });
    out.meta.language = catalogue.language.clone();
    out
}

/// The response analyser for the language a scenario is shown in: free
/// text is analysed in the language the trainee read.
pub fn analyser_for(scenario: &Scenario) -> Result<Arc<dyn crate::response::ResponseAnalyser>> {
    crate::response::for_language(scenario.language())
}

#[cfg(test)]
mod tests;
