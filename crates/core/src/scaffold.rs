//! `rehearse new ID`: a complete starter scenario to build a first one from.
//!
//! The starter has metadata, two personas, a hidden state, a pause beat, a
//! free-text beat with routes and examples, a high-severity red flag with
//! ask-and-act recognition and an own-words cue, two endings with debriefs
//! that depend on the red-flag outcome, and tests for a strong path, a weak
//! path, a missed flag, asking without acting and acting then undoing. It
//! passes `rehearse check`, `rehearse test` and the gaming audit as written;
//! a test keeps it so.

use crate::error::{Error, Result};
use std::path::{Path, PathBuf};

/// The starter's files: (name, template). `{{id}}` and `{{title}}` are
/// replaced.
const FILES: [(&str, &str); 6] = [
    ("scenario.rhai", include_str!("../starter/scenario.rhai")),
    ("tests.toml", include_str!("../starter/tests.toml")),
    (
        "debrief-supported.md",
        include_str!("../starter/debrief-supported.md"),
    ),
    (
        "debrief-supported-missed.md",
        include_str!("../starter/debrief-supported-missed.md"),
    ),
    (
        "debrief-partial.md",
        include_str!("../starter/debrief-partial.md"),
    ),
    (
        "debrief-partial-missed.md",
        include_str!("../starter/debrief-partial-missed.md"),
    ),
];

/// Writes a starter scenario with id `id` into `parent/id` and returns the
/// folder. Refuses an id that is not lower-case words joined by hyphens, and
/// a folder that already exists (nothing is overwritten).
pub fn write_starter(parent: &Path, id: &str) -> Result<PathBuf> {
    if !crate::scenario::builder::is_slug(id) {
        return Err(Error::Input(format!(
            "\"{id}\" is not a scenario id: use lower-case letters, digits and single hyphens, such as pharmacist-dispensing-error"
        )));
    }
    let dir = parent.join(id);
    if dir.exists() {
        return Err(Error::Input(format!(
            "{} already exists; choose another id or folder (nothing was changed)",
            dir.display()
        )));
    }
    std::fs::create_dir_all(&dir).map_err(|e| Error::io(&dir, e))?;
    let title = title_of(id);
    for (name, template) in FILES {
        let path = dir.join(name);
        let text = template.replace("{{id}}", id).replace("{{title}}", &title);
        std::fs::write(&path, text).map_err(|e| Error::io(&path, e))?;
    }
    Ok(dir)
}

/// "pharmacist-error" -> "Pharmacist error".
fn title_of(id: &str) -> String {
    let words = id.replace('-', " ");
    let mut chars = words.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::response::english;
    use std::sync::Arc;

    #[test]
    fn the_starter_checks_clean_and_its_tests_pass() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = write_starter(tmp.path(), "demo").unwrap();
        let checked = crate::lint::check(crate::scenario::load(&dir).unwrap(), english());
        assert!(checked.findings.is_empty(), "{:#?}", checked.findings);
        let s = Arc::new(crate::scenario::load_playable(&dir).unwrap());
        assert_eq!(s.id(), "demo");
        let cases = crate::testcase::read_tests(&dir).unwrap();
        assert!(cases.len() >= 5);
        for case in &cases {
            let out = crate::testcase::run(&s, case, english());
            assert!(out.passed(), "{}: {:?}", out.name, out.failures);
        }
    }

    #[test]
    fn bad_ids_and_existing_folders_are_refused_and_nothing_is_touched() {
        let tmp = tempfile::tempdir().unwrap();
        for bad in ["Demo", "my scenario", "-x", "a--b", ""] {
            assert!(write_starter(tmp.path(), bad).is_err(), "{bad}");
        }
        std::fs::create_dir(tmp.path().join("taken")).unwrap();
        std::fs::write(tmp.path().join("taken/keep.txt"), "mine").unwrap();
        let e = write_starter(tmp.path(), "taken").unwrap_err().to_string();
        assert!(e.contains("already exists"), "{e}");
        assert_eq!(
            std::fs::read_to_string(tmp.path().join("taken/keep.txt")).unwrap(),
            "mine"
        );
        assert_eq!(title_of("pharmacist-error"), "Pharmacist error");
    }
}
