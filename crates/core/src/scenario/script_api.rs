//! Rehearse's functions for scenario scripts.
//!
//! Declarations (`scenario`, `persona`, `state`, `beat`, `ending`, `rule`)
//! may only run while a script is being loaded: they record their arguments
//! and position, and the builder turns the records into a checked scenario.
//! Helpers (`mentions`, `has`) are for route predicates during play.

use crate::analysis::Analyser;
use rhai::{Array, Dynamic, Engine, EvalAltResult, Map, NativeCallContext, Position};
use std::cell::RefCell;

/// The kind of a top-level declaration.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DeclKind {
    /// `scenario(#{...})`
    Scenario,
    /// `persona("id", #{...})`
    Persona,
    /// `state("name", #{...})`
    State,
    /// `beat("id", #{...})`
    Beat,
    /// `ending("id", #{...})`
    Ending,
    /// `rule(#{...})`
    Rule,
}

/// One recorded declaration.
#[derive(Debug, Clone)]
pub struct Declaration {
    /// Which function was called.
    pub kind: DeclKind,
    /// The id argument, for the functions that take one.
    pub id: Option<String>,
    /// The map argument.
    pub map: Map,
    /// Where the call is.
    pub at: Position,
}

/// How each declaration is called, for error messages.
pub const USAGE: &[(&str, &str)] = &[
    (
        "scenario",
        "scenario(#{ id: \"...\", version: \"1.0.0\", ... })",
    ),
    (
        "persona",
        "persona(\"id\", #{ name: \"...\", role: \"...\", background: \"...\" })",
    ),
    (
        "state",
        "state(\"trust\", #{ start: 40, min: 0, max: 100 })",
    ),
    ("beat", "beat(\"id\", #{ line: \"...\", choices: [...] })"),
    (
        "ending",
        "ending(\"id\", #{ line: \"...\", debrief: \"...\" })",
    ),
    (
        "rule",
        "rule(#{ id: \"...\", label: \"legal_offer\", when: |r| mentions(r, [\"...\"]) })",
    ),
    (
        "mentions",
        "mentions(r, \"word\") or mentions(r, [\"word\", \"phrase\"])",
    ),
    ("has", "has(r, \"label\")"),
    (
        "tr",
        "tr(\"beat-calm-line-trusting\", \"Text in the script's language\") inside a function run during play",
    ),
    (
        "affirms",
        "r.affirms(\"phrase\") or r.affirms([\"phrase\", ...])",
    ),
    (
        "offers",
        "r.offers(\"step\") or r.offers([\"step\", ...])",
    ),
];

/// Most declarations one script may make.
const MAX_DECLARATIONS: usize = 1_000;

thread_local! {
    static COLLECTOR: RefCell<Option<Vec<Declaration>>> = const { RefCell::new(None) };
}

/// Runs `load` with declarations enabled and returns what it declared.
pub fn collecting<T>(load: impl FnOnce() -> T) -> (T, Vec<Declaration>) {
    struct Take;
    impl Drop for Take {
        fn drop(&mut self) {
            COLLECTOR.with(|c| c.borrow_mut().take());
        }
    }
    COLLECTOR.with(|c| *c.borrow_mut() = Some(Vec::new()));
    let guard = Take;
    let value = load();
    let declared = COLLECTOR
        .with(|c| c.borrow_mut().take())
        .unwrap_or_default();
    drop(guard);
    (value, declared)
}

fn record(
    ctx: &NativeCallContext,
    kind: DeclKind,
    id: Option<&str>,
    map: Map,
) -> Result<(), Box<EvalAltResult>> {
    let at = ctx.call_position();
    COLLECTOR.with(|c| match c.borrow_mut().as_mut() {
        Some(list) if list.len() >= MAX_DECLARATIONS => Err(format!(
            "too many declarations (a scenario may declare at most {MAX_DECLARATIONS})"
        )
        .into()),
        Some(list) => {
            list.push(Declaration {
                kind,
                id: id.map(str::to_string),
                map,
                at,
            });
            Ok(())
        }
        None => Err(format!(
            "{}() can only be used at the top level of scenario.rhai, not inside a function run during play",
            ctx.fn_name()
        )
        .into()),
    })
}

/// Text as `mentions` compares it: lower case, curly and other typographic
/// apostrophes straightened (phones and Macs type ’), runs of whitespace
/// made one space. The analyser normalises the same way.
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut space = false;
    for c in text.chars() {
        let c = match c {
            '\u{2019}' | '\u{2018}' | '`' | '\u{b4}' | '\u{2bc}' => '\'',
            c if c.is_whitespace() => ' ',
            c => c,
        };
        if c == ' ' {
            if space {
                continue;
            }
            space = true;
        } else {
            space = false;
        }
        out.extend(c.to_lowercase());
    }
    out
}

/// Folded text of a response map (`r.text`) or of a plain string.
fn response_text(r: &Dynamic) -> String {
    if let Some(map) = r.read_lock::<Map>() {
        return fold(
            &map.get("text")
                .and_then(|t| t.clone().into_string().ok())
                .unwrap_or_default(),
        );
    }
    fold(&r.clone().into_string().unwrap_or_default())
}

/// Whether `phrase` occurs in `text` as whole words (both already lower case).
pub fn contains_phrase(text: &str, phrase: &str) -> bool {
    let phrase = phrase.trim();
    if phrase.is_empty() {
        return false;
    }
    let is_word = |c: char| c.is_alphanumeric() || c == '\'' || c == '’';
    text.match_indices(phrase).any(|(i, m)| {
        let before = text[..i].chars().next_back();
        let after = text[i + m.len()..].chars().next();
        !before.is_some_and(is_word) && !after.is_some_and(is_word)
    })
}

fn mentions_any(r: &Dynamic, words: &Dynamic) -> Result<bool, Box<EvalAltResult>> {
    let text = response_text(r);
    if let Some(list) = words.read_lock::<Array>() {
        let mut found = false;
        for w in list.iter() {
            let w = w.clone().into_string().map_err(|t| -> Box<EvalAltResult> {
                format!("mentions() takes strings, not {t}").into()
            })?;
            found |= contains_phrase(&text, &fold(&w));
        }
        return Ok(found);
    }
    let w = words
        .clone()
        .into_string()
        .map_err(|t| -> Box<EvalAltResult> {
            format!("mentions() takes a string or an array of strings, not {t}").into()
        })?;
    Ok(contains_phrase(&text, &fold(&w)))
}

fn has_label(r: &Dynamic, label: &str) -> bool {
    r.read_lock::<Map>()
        .and_then(|m| m.get("labels").cloned())
        .and_then(|l| l.try_cast::<Array>())
        .is_some_and(|labels| {
            labels
                .iter()
                .any(|l| l.clone().into_string().is_ok_and(|s| s == label))
        })
}

/// Registers Rehearse's functions on the engine.
pub fn register(engine: &mut Engine) {
    engine.register_fn("scenario", |ctx: NativeCallContext, map: Map| {
        record(&ctx, DeclKind::Scenario, None, map)
    });
    engine.register_fn("persona", |ctx: NativeCallContext, id: &str, map: Map| {
        record(&ctx, DeclKind::Persona, Some(id), map)
    });
    engine.register_fn("state", |ctx: NativeCallContext, id: &str, map: Map| {
        record(&ctx, DeclKind::State, Some(id), map)
    });
    engine.register_fn("beat", |ctx: NativeCallContext, id: &str, map: Map| {
        record(&ctx, DeclKind::Beat, Some(id), map)
    });
    engine.register_fn("ending", |ctx: NativeCallContext, id: &str, map: Map| {
        record(&ctx, DeclKind::Ending, Some(id), map)
    });
    engine.register_fn("rule", |ctx: NativeCallContext, map: Map| {
        record(&ctx, DeclKind::Rule, None, map)
    });
    engine.register_fn("mentions", |r: Dynamic, words: Dynamic| {
        mentions_any(&r, &words)
    });
    engine.register_fn("has", |r: Dynamic, label: &str| has_label(&r, label));
    engine.register_fn(
        "tr",
        |ctx: NativeCallContext, key: &str, text: &str| -> Result<String, Box<EvalAltResult>> {
            if COLLECTOR.with(|c| c.borrow().is_some()) {
                return Err(format!(
                    "tr(\"{key}\", ...) is for text a function computes during play; a fixed text is keyed already ({} shows its key)",
                    ctx.fn_name()
                )
                .into());
            }
            Ok(crate::scenario::translation::translate(key, text))
        },
    );
    engine.register_fn("affirms", |r: Dynamic, words: Dynamic| {
        unnegated(&r, &words, "affirms", Analyser::affirms::<String>)
    });
    engine.register_fn("offers", |r: Dynamic, words: Dynamic| {
        unnegated(&r, &words, "offers", Analyser::offers::<String>)
    });
}

/// `r.affirms(phrases)`: a phrase occurs outside a negation that governs it;
/// `r.offers(steps)`: a step is named where no negator in its clause reaches
/// it. Both are judged by the analyser's own clause-level negation
/// ([`Analyser::affirms`], [`Analyser::offers`]).
fn unnegated(
    r: &Dynamic,
    words: &Dynamic,
    name: &str,
    judge: fn(&Analyser, &str, &[String]) -> bool,
) -> Result<bool, Box<EvalAltResult>> {
    let text = r
        .read_lock::<Map>()
        .and_then(|m| m.get("text").and_then(|t| t.clone().into_string().ok()))
        .or_else(|| r.clone().into_string().ok())
        .unwrap_or_default();
    let phrases: Vec<String> = match words.read_lock::<Array>() {
        Some(list) => list
            .iter()
            .map(|w| {
                w.clone().into_string().map_err(|t| -> Box<EvalAltResult> {
                    format!("{name}() takes strings, not {t}").into()
                })
            })
            .collect::<Result<_, _>>()?,
        None => vec![words
            .clone()
            .into_string()
            .map_err(|t| -> Box<EvalAltResult> {
                format!("{name}() takes a string or an array of strings, not {t}").into()
            })?],
    };
    let analyser = crate::scenario::translation::shown_language()
        .and_then(|l| Analyser::for_language(&l).ok())
        .unwrap_or_else(Analyser::english);
    Ok(judge(analyser, &text, &phrases))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phrases_match_whole_words_only() {
        assert!(contains_phrase("i keep thinking about the baby", "baby"));
        assert!(contains_phrase("what about the patient?", "patient"));
        assert!(!contains_phrase("the patients' families", "patient"));
        assert!(!contains_phrase("outpatient clinic", "patient"));
        assert!(contains_phrase("call the union rep today", "union rep"));
    }

    #[test]
    fn mentions_treats_curly_apostrophes_and_spacing_like_straight_ones() {
        let said = Dynamic::from("Don\u{2019}t worry, they haven\u{2019}t  got a case.");
        for phrase in ["don't worry", "haven't got a case", "Don\u{2019}t worry"] {
            assert!(
                mentions_any(&said, &Dynamic::from(phrase)).unwrap(),
                "{phrase}"
            );
        }
        assert_eq!(fold("It\u{2019}s\n\nFINE"), "it's fine");
    }

    #[test]
    fn affirms_is_false_under_a_governing_negation() {
        let p = Dynamic::from(vec![Dynamic::from("between us")]);
        let affirms =
            |r: &Dynamic, p: &Dynamic| unnegated(r, p, "affirms", Analyser::affirms::<String>);
        let yes = |t: &str| affirms(&Dynamic::from(t.to_string()), &p).unwrap();
        assert!(yes("This stays between us."));
        assert!(yes("Don\u{2019}t worry, it stays between us"));
        assert!(!yes("This can\u{2019}t stay between us."));
        assert!(!yes("I can't promise it's just between us"));
        assert!(!yes("nothing about it"));
        let mut m = Map::new();
        m.insert("text".into(), Dynamic::from("I won't keep it between us"));
        assert!(!affirms(&Dynamic::from(m), &p).unwrap());
        assert!(!affirms(&Dynamic::from(3_i64), &p).unwrap());
        assert!(affirms(&Dynamic::from("x"), &Dynamic::from(3_i64)).is_err());
    }

    #[test]
    fn offers_is_false_wherever_a_negator_reaches_the_step() {
        let p = Dynamic::from(vec![Dynamic::from("gp"), Dynamic::from("between us")]);
        let offers = |t: &str| {
            unnegated(
                &Dynamic::from(t.to_string()),
                &p,
                "offers",
                Analyser::offers::<String>,
            )
            .unwrap()
        };
        assert!(offers("Let's ring your GP together now."));
        assert!(offers("Please don't hesitate to ring your GP today."));
        assert!(!offers("I'm not going to send you to your GP today."));
        assert!(!offers("I don't think you need to see your GP."));
        // `affirms` keeps the governed negation: the promise still counts.
        let t = Dynamic::from("I won't tell anyone this stays between us.".to_string());
        assert!(unnegated(&t, &p, "affirms", Analyser::affirms::<String>).unwrap());
        assert!(!unnegated(&t, &p, "offers", Analyser::offers::<String>).unwrap());
        let e = unnegated(
            &t,
            &Dynamic::from(3_i64),
            "offers",
            Analyser::offers::<String>,
        );
        assert!(e.unwrap_err().to_string().contains("offers()"));
    }
}
