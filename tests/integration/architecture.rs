//! The layering the README's "Architecture" section describes, checked:
//! the application layer does not depend on Tauri, neither the core nor
//! the application layer has a module cycle (`scripts/module-deps`), and
//! the desktop shell branches only as an adapter.

use crate::support::root;
use std::process::Command;

#[test]
fn the_application_layer_does_not_depend_on_tauri() {
    let out = Command::new(env!("CARGO"))
        .current_dir(root())
        .args([
            "tree",
            "--offline",
            "-p",
            "rehearse-app",
            "-e",
            "normal",
            "--prefix",
            "none",
        ])
        .output()
        .unwrap();
    let tree = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(tree.contains("rehearse-core"), "{tree}");
    let tauri: Vec<&str> = tree.lines().filter(|l| l.contains("tauri")).collect();
    assert!(tauri.is_empty(), "rehearse-app depends on {tauri:?}");
    // Nor does it know a front end.
    assert!(!tree.contains("rehearse-cli") && !tree.contains("rehearse-desktop"));
}

#[test]
fn neither_the_core_nor_the_application_layer_has_a_module_cycle() {
    for src in ["crates/core/src", "crates/app/src"] {
        let out = Command::new("python3")
            .current_dir(root())
            .args(["scripts/module-deps", src])
            .output()
            .unwrap();
        let report = String::from_utf8_lossy(&out.stdout);
        // Exit 0 and no cycle named, in any module folder (the records
        // modules included: chain, then audit and the ledger, then people,
        // approval and history, then observations and certification, then
        // what changes them, with opening, verification and erasure on top).
        assert!(
            out.status.success() && !report.contains("cycle in"),
            "{src}:\n{report}{}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(report.contains("0 cycle(s)"), "{report}");
    }
}

/// Every branch the desktop shell may take, with why it is an adapter's
/// and not a rule of the domain: (file under `src-tauri/src`, the branch
/// line's code, why). The flows and rules are in `rehearse-app` and
/// `rehearse-core`; a new `if`, `match` or `else` in the shell fails
/// [`the_desktop_shell_branches_only_as_an_adapter`] until it is moved
/// down a layer or listed here with its reason.
const SHELL_BRANCHES: &[(&str, &str, &str)] = &[
    (
        "commands/accreditation.rs",
        "if done == 0 || done >= total || last != Some(percent) {",
        "throttles progress events to about a hundred per run",
    ),
    (
        "commands/accreditation.rs",
        "else {",
        "the save dialog was cancelled",
    ),
    (
        "commands/certificate.rs",
        "else {",
        "the save dialog was cancelled",
    ),
    (
        "commands/debrief.rs",
        "else {",
        "the save dialog was cancelled",
    ),
    (
        "commands/library.rs",
        "if let Err(e) = index.save_if_changed() {",
        "the index is a cache: failing to save it is reported, not an error",
    ),
    (
        "commands/library.rs",
        "let Some(dir) = crate::commands::picked_path(picked)? else {",
        "the folder dialog was cancelled",
    ),
    (
        "commands/locale.rs",
        "match lang {",
        "which of the page's Fluent catalogues (compiled into the shell) a language uses",
    ),
    (
        "commands/locale.rs",
        "if lang != Language::En {",
        "the page's catalogues fall back to English",
    ),
    (
        "commands/player.rs",
        "let Some(play) = lock(&player.0).take() else {",
        "nothing in play to abandon",
    ),
    (
        "error.rs",
        "match self {",
        "each shell error's {code, message}",
    ),
    (
        "lib.rs",
        "let app = match state::AppState::open_default() {",
        "start-up: the records could not be opened, so say why and stop",
    ),
    (
        "navigation.rs",
        "match url.scheme() {",
        "the webview may only show the app's own page (security)",
    ),
    (
        "navigation.rs",
        "if is_app_page(url) {",
        "the webview may only show the app's own page (security)",
    ),
    (
        "navigation.rs",
        "if opens_outside(url) {",
        "links leave for the system browser, never the webview",
    ),
    (
        "watch.rs",
        "if changed.is_empty() {",
        "a burst of file events that changed nothing",
    ),
    (
        "watch.rs",
        "match event {",
        "which file-system events are changes",
    ),
    (
        "watch.rs",
        "Ok(e) => match e.kind {",
        "which file-system events are changes",
    ),
    (
        "watch.rs",
        "if let Some(play) = play.as_mut() {",
        "a conversation in play to re-base after an edit",
    ),
];

/// The branch lines of a Rust file's code before its tests: comments and
/// string literals left out.
fn branch_lines(text: &str) -> Vec<String> {
    // The code ends where an inline test module starts; a `#[cfg(test)]
    // mod name;` declaration above the code does not end it.
    let code = text
        .match_indices("#[cfg(test)]")
        .find(|(at, m)| {
            let next = text[at + m.len()..].trim_start();
            next.starts_with("mod ") && next.lines().next().is_some_and(|l| l.ends_with('{'))
        })
        .map_or(text, |(at, _)| &text[..at]);
    let word = |line: &str, w: &str| {
        line.match_indices(w).any(|(at, _)| {
            let before = line[..at].chars().next_back();
            let after = line[at + w.len()..].chars().next();
            let ident = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric() || c == '_');
            !ident(before) && !ident(after)
        })
    };
    code.lines()
        .map(|l| {
            let l = l.split("//").next().unwrap_or("");
            let mut out = String::new();
            let mut in_str = false;
            let mut prev = ' ';
            for c in l.chars() {
                if c == '"' && prev != '\\' {
                    in_str = !in_str;
                    out.push('"');
                } else if !in_str {
                    out.push(c);
                }
                prev = c;
            }
            (l.trim().to_string(), out)
        })
        .filter(|(_, code)| ["if", "match", "else"].iter().any(|w| word(code, w)))
        .map(|(line, _)| line)
        .collect()
}

/// Issue #11: `src-tauri/src` holds only adapters. Every branch in it is
/// one of [`SHELL_BRANCHES`], each there for a reason that is about
/// dialogs, events, the webview or start-up, none a rule about trainees,
/// scenarios, grades or records; and each listed branch still exists.
#[test]
fn the_desktop_shell_branches_only_as_an_adapter() {
    let src = root().join("src-tauri/src");
    let mut files = Vec::new();
    let mut dirs = vec![src.clone()];
    while let Some(dir) = dirs.pop() {
        for e in std::fs::read_dir(&dir).unwrap().flatten() {
            let p = e.path();
            if p.is_dir() {
                dirs.push(p);
            } else if p.extension().is_some_and(|x| x == "rs")
                && !p
                    .file_name()
                    .unwrap()
                    .to_string_lossy()
                    .ends_with("tests.rs")
            {
                files.push(p);
            }
        }
    }
    assert!(files.len() > 15, "{files:?}");
    let mut found: Vec<(String, String)> = Vec::new();
    for f in &files {
        let rel = f.strip_prefix(&src).unwrap().to_string_lossy().into_owned();
        for line in branch_lines(&std::fs::read_to_string(f).unwrap()) {
            found.push((rel.clone(), line));
        }
    }
    let mut unlisted = Vec::new();
    let mut left: Vec<&(&str, &str, &str)> = SHELL_BRANCHES.iter().collect();
    for (file, line) in &found {
        match left.iter().position(|(f, l, _)| f == file && l == line) {
            Some(i) => {
                left.remove(i);
            }
            None => unlisted.push(format!("{file}: {line}")),
        }
    }
    assert!(
        unlisted.is_empty(),
        "branches in the desktop shell that are not an adapter's (move the rule to rehearse-app, or list it in SHELL_BRANCHES with why):\n{}",
        unlisted.join("\n")
    );
    assert!(
        left.is_empty(),
        "listed shell branches that no longer exist: {left:?}"
    );
}

#[test]
fn the_shell_branch_reader_finds_branches_and_skips_words_and_strings() {
    let text = "#[cfg(test)]\nmod tests_elsewhere;\nfn a() {\n    if x { y } else { z }\n    let matched = 1; // if not\n    f(\"match me\");\n    match v {\n}\n#[cfg(test)]\nmod tests {\nif t {}\n}\n";
    assert_eq!(
        branch_lines(text),
        vec!["if x { y } else { z }", "match v {"],
        "a test module declared above the code does not hide it; an inline one ends it"
    );
}
