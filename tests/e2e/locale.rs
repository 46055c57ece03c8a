//! The app in Spanish (issue #14): the language is chosen with the picker
//! in the header, and the whole trainee flow (start, library, player in
//! practice and assessment, debrief, dashboard, a stored debrief) is
//! scanned. No message id shows where text should be, no string of the
//! English UI catalogue (ui/locales/en.ftl, read here) appears unless the
//! Spanish catalogue has the same words (names such as "Kappa"), `<html
//! lang>` is "es", and axe-core's WCAG checks pass on every view.

use crate::a11y::{self, Findings};
use crate::harness::{repo, App, Env};
use crate::{create_profile, play_by_clicks, test_inputs};
use std::collections::BTreeSet;

/// A Spanish scenario of the bundled library and one of its passing tests.
const SCENARIO: &str = "caida-en-planta";
const STRONG_PATH: &str = "camino fuerte";

/// One message of an FTL file: its id and the runs of literal text in its
/// value, variants and attributes (placeables are the cuts between runs).
struct Message {
    id: String,
    runs: Vec<String>,
}

/// Reads the messages of an FTL catalogue. Enough of Fluent's syntax for
/// the UI's files: `id =` at the start of a line, indented continuation
/// lines, `[key]` / `*[key]` variants, `.attribute =` lines, `{ … }`
/// placeables (selectors end their line with `->`), `#` comments.
fn messages(ftl: &str) -> Vec<Message> {
    let mut out: Vec<Message> = Vec::new();
    for line in ftl.lines() {
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let rest = if !line.starts_with(' ') {
            let (id, value) = line
                .split_once('=')
                .unwrap_or_else(|| panic!("not a message line: {line:?}"));
            out.push(Message {
                id: id.trim().to_string(),
                runs: Vec::new(),
            });
            value.to_string()
        } else {
            let t = line.trim_start();
            let t = t.trim_start_matches('}');
            let t = if t.starts_with('[') || t.starts_with("*[") {
                t.split_once(']').map(|(_, v)| v).unwrap_or_default()
            } else if t.starts_with('.') {
                t.split_once('=').map(|(_, v)| v).unwrap_or_default()
            } else {
                t
            };
            t.to_string()
        };
        let rest = if rest.trim_end().ends_with("->") {
            rest[..rest.rfind('{').unwrap_or(0)].to_string()
        } else {
            rest
        };
        let message = out.last_mut().expect("a continuation after a message");
        let mut run = String::new();
        let mut depth = 0;
        for c in rest.chars() {
            match c {
                '{' => {
                    depth += 1;
                    message.runs.push(std::mem::take(&mut run));
                }
                '}' => depth -= 1,
                _ if depth == 0 => run.push(c),
                _ => {}
            }
        }
        message.runs.push(run);
    }
    for m in &mut out {
        m.runs = m
            .runs
            .iter()
            .map(|r| r.trim().to_string())
            .filter(|r| r.chars().filter(|c| c.is_alphabetic()).count() >= 3)
            .collect();
    }
    out
}

fn catalogue(lang: &str) -> Vec<Message> {
    let path = repo().join(format!("ui/locales/{lang}.ftl"));
    messages(&std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display())))
}

/// Whether `needle` occurs in `hay` as whole words (no letter or digit
/// touching either end).
fn has_words(hay: &str, needle: &str) -> bool {
    let word = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric());
    hay.match_indices(needle).any(|(at, _)| {
        let before = hay[..at].chars().next_back();
        let after = hay[at + needle.len()..].chars().next();
        let first = needle.chars().next();
        let last = needle.chars().next_back();
        let joined_before = word(first) && word(before);
        let joined_after = word(last) && word(after);
        !(joined_before || joined_after)
    })
}

/// The page's words now: every text node of the document (the visually
/// hidden ones too, which screen readers speak), the accessible names,
/// titles and placeholders, and the window title. Closed dialogs and
/// `hidden` elements count as well: they show when opened. Text the page
/// marks as another language (`lang` on an element: a scenario's own text
/// where it has no translation, which the card says) is not the UI's, so it
/// is left out, and so are its words where a label quotes it.
const PAGE_WORDS: &str = r#"
const page = document.documentElement.lang;
const foreignOf = (el) => { const l = el.closest('[lang]'); return l && l !== document.documentElement && l.lang !== page; };
const quoted = [...document.body.querySelectorAll('[lang]')]
  .filter((el) => el.lang !== page).map((el) => el.textContent.trim()).filter((t) => t)
  .sort((a, b) => b.length - a.length);
const unquote = (v) => quoted.reduce((acc, q) => acc.split(q).join(' '), v);
const out = [document.title];
const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
for (let n = walker.nextNode(); n; n = walker.nextNode()) {
  if (n.parentElement.closest('script, style') || foreignOf(n.parentElement)) continue;
  const t = n.textContent.trim();
  if (t) out.push(t);
}
for (const el of document.body.querySelectorAll('[aria-label], [title], [placeholder], [alt]')) {
  if (foreignOf(el)) continue;
  for (const a of ['aria-label', 'title', 'placeholder', 'alt']) {
    const v = el.getAttribute(a);
    if (v && v.trim()) out.push(unquote(v).trim());
  }
}
return out.filter((t) => t);
"#;

/// What one view shows that is not Spanish: message ids shown as text and
/// English catalogue runs.
fn scan(app: &App, ids: &BTreeSet<String>, english: &[(String, String)]) -> Result<(), String> {
    let words: Vec<String> =
        serde_json::from_value(app.execute(PAGE_WORDS)).expect("the page's words");
    let lang = app.execute("return document.documentElement.lang;");
    let mut problems = Vec::new();
    if lang.as_str() != Some("es") {
        problems.push(format!("<html lang> is {lang}"));
    }
    let id_like = |w: &str| {
        w.contains('-')
            && w.split('-').all(|p| {
                !p.is_empty()
                    && p.chars()
                        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
            })
    };
    for w in &words {
        for token in w.split(|c: char| c.is_whitespace() || ",.;:()«»“”".contains(c)) {
            if ids.contains(token) || (token == w.as_str() && id_like(token)) {
                problems.push(format!("an untranslated message id {token:?} in {w:?}"));
            }
        }
        let runs: Vec<String> = english
            .iter()
            .filter(|(_, run)| has_words(w, run))
            .map(|(id, run)| format!("{run:?} ({id})"))
            .collect::<BTreeSet<_>>()
            .into_iter()
            .collect();
        if !runs.is_empty() {
            let shown: String = w.chars().take(100).collect();
            problems.push(format!("English {} in {shown:?}", runs.join(", ")));
        }
    }
    let mut seen = BTreeSet::new();
    problems.retain(|p| seen.insert(p.clone()));
    if problems.is_empty() {
        Ok(())
    } else {
        Err(problems.iter().map(|p| format!("  {p}\n")).collect())
    }
}

#[test]
fn the_catalogues_parse_and_spanish_has_every_english_message() {
    let en = catalogue("en");
    let es = catalogue("es");
    let en_ids: BTreeSet<&str> = en.iter().map(|m| m.id.as_str()).collect();
    let es_ids: BTreeSet<&str> = es.iter().map(|m| m.id.as_str()).collect();
    assert!(en_ids.len() > 300, "{} messages in en.ftl", en_ids.len());
    assert_eq!(
        en_ids.symmetric_difference(&es_ids).collect::<Vec<_>>(),
        Vec::<&&str>::new(),
        "ids in one catalogue only"
    );
    // Every id the page's code asks for by name is in the catalogue.
    let mut asked = BTreeSet::new();
    let mut files = vec![repo().join("ui/index.html")];
    let mut dirs = vec![repo().join("ui/js")];
    while let Some(dir) = dirs.pop() {
        for e in std::fs::read_dir(dir).unwrap().flatten() {
            let p = e.path();
            if p.is_dir() {
                dirs.push(p);
            } else if p.extension().is_some_and(|x| x == "js") {
                files.push(p);
            }
        }
    }
    for file in files {
        let text = std::fs::read_to_string(&file).unwrap();
        for pat in ["t(\"", "data-l10n-id=\""] {
            for (at, _) in text.match_indices(pat) {
                // `t("` as a call of its own, not the end of `select("`.
                if text[..at]
                    .chars()
                    .next_back()
                    .is_some_and(|c| c.is_alphanumeric() || c == '_' || c == '.')
                {
                    continue;
                }
                let rest = &text[at + pat.len()..];
                let id: String = rest
                    .chars()
                    .take_while(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || *c == '-')
                    .collect();
                if !id.is_empty() && rest[id.len()..].starts_with(['"', '.']) {
                    asked.insert((file.file_name().unwrap().to_string_lossy().into_owned(), id));
                }
            }
        }
    }
    assert!(asked.len() > 200, "{} ids asked for", asked.len());
    let unknown: Vec<_> = asked
        .iter()
        .filter(|(_, id)| !en_ids.contains(id.as_str()))
        .collect();
    assert!(
        unknown.is_empty(),
        "ids the code uses that en.ftl lacks: {unknown:?}"
    );
}

#[test]
fn the_whole_trainee_flow_in_spanish_shows_no_english_and_passes_axe() {
    let en = catalogue("en");
    let spanish_runs: BTreeSet<String> = catalogue("es").into_iter().flat_map(|m| m.runs).collect();
    let ids: BTreeSet<String> = en.iter().map(|m| m.id.clone()).collect();
    // The English runs a Spanish page must not show: those the Spanish
    // catalogue does not use itself, word for word (names such as "Kappa"
    // or the journal "BMJ Open").
    let english: Vec<(String, String)> = en
        .iter()
        .flat_map(|m| m.runs.iter().map(|r| (m.id.clone(), r.clone())))
        .filter(|(_, r)| !spanish_runs.iter().any(|s| has_words(s, r)))
        .collect();
    assert!(english.len() > 300, "{} English runs", english.len());

    let env = Env::new("locale-es");
    let app = env.launch();
    // The picker is a labelled select in the header.
    let label = app.wait_for("label[for=\"language\"]");
    assert_eq!(app.text(&label), "Language");
    app.click_on("#language option[value=\"es\"]");
    app.wait_for("html[lang=\"es\"]");
    app.wait_until("the start screen in Spanish", || {
        app.text_of("#main h1").filter(|t| t.contains("bienvenida"))
    });
    // The choice is kept: the picker shows it after a redraw.
    assert_eq!(
        app.execute("return document.getElementById('language').value;"),
        serde_json::json!("es")
    );

    let mut found = Findings::default();
    let mut views = 0;
    let mut check = |app: &App, name: &str| {
        views += 1;
        found.note(name, "not Spanish", scan(app, &ids, &english));
        found.note(name, "axe", a11y::axe(app));
        app.screenshot(name);
    };
    check(&app, "start");

    create_profile(&app, "Lucía");
    check(&app, "library");
    // A translated scenario's card is in Spanish; a card with no Spanish
    // shows its own text marked as English and says it is only in English.
    assert_eq!(
        app.text_of("[data-scenario=\"declines-support\"] .card-title")
            .as_deref(),
        Some("Estoy bien, no necesito esto")
    );
    assert_eq!(
        app.execute(
            "return document.querySelector('[data-scenario=\"declines-support\"] [lang]') === null;"
        ),
        serde_json::json!(true)
    );
    assert_eq!(
        app.text_of("[data-scenario=\"insulin-overdose\"] .card-language")
            .as_deref(),
        Some("Solo en inglés")
    );
    assert_eq!(
        app.execute(
            "return document.querySelector('[data-scenario=\"insulin-overdose\"] .card-title').lang;"
        ),
        serde_json::json!("en")
    );

    // Practice: one turn, so the feedback panel shows.
    app.click_on(&format!("[data-scenario=\"{SCENARIO}\"] .practise"));
    app.wait_for("#mode[data-mode=\"practice\"]");
    let inputs = test_inputs(SCENARIO, STRONG_PATH);
    play_by_clicks(&app, SCENARIO, &inputs[..1], 0);
    app.wait_for("#hint");
    check(&app, "player-practice");
    app.click_on("#leave");
    app.wait_for("#resume .resume-button");
    check(&app, "library-resume");

    // Assessment along the strong path, to the debrief.
    app.click_on(&format!("[data-scenario=\"{SCENARIO}\"] .assess"));
    app.wait_for("#mode[data-mode=\"assessment\"]");
    check(&app, "player-assessment");
    play_by_clicks(&app, SCENARIO, &inputs, 0);
    app.wait_for("#player[data-ended=\"true\"]");
    check(&app, "player-ended");
    app.click_on("#see-debrief");
    app.wait_for("#competency-table");
    check(&app, "debrief");

    app.click_on("#nav-dashboard");
    app.wait_for("#history .open-debrief");
    check(&app, "dashboard");
    app.click_on("#history .open-debrief");
    app.wait_for("#back-dashboard");
    check(&app, "debrief-stored");

    // Back to English with the keyboard-reachable picker: the view is
    // redrawn in place.
    app.click_on("#language option[value=\"en\"]");
    app.wait_for("html[lang=\"en\"]");
    app.wait_until("the debrief in English", || {
        app.text_of("#main h1").filter(|t| t.starts_with("Debrief"))
    });
    found.finish(views);
}

#[test]
fn ftl_runs_and_word_matching() {
    let m = messages(
        "a = Hello { $name }, welcome\nb = { $n ->\n        [one] one turn\n       *[other] { $n } turns so far\n    }\nc =\n    .aria-label = Where you are\n",
    );
    assert_eq!(m.len(), 3);
    assert_eq!(m[0].runs, ["Hello", ", welcome"]);
    assert_eq!(m[1].runs, ["one turn", "turns so far"]);
    assert_eq!(m[2].runs, ["Where you are"]);
    assert!(has_words("Turn 3", "Turn"));
    assert!(!has_words("Turno 3", "Turn"));
    assert!(!has_words("plant", "plan"));
}
