//! `rehearse new ID` as a trainer meets it (issue #16): in a fresh folder,
//! `rehearse new demo && rehearse check demo && rehearse test demo` succeeds
//! and the explorer's gaming audit is clean on what it wrote.

use std::process::Command;

fn rehearse_in(dir: &std::path::Path, args: &[&str]) -> (i32, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_rehearse"))
        .args(args)
        .current_dir(dir)
        .env("XDG_DATA_HOME", dir.join("data"))
        .output()
        .expect("rehearse runs");
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    (out.status.code().unwrap_or(-1), text)
}

#[test]
fn a_new_starter_checks_tests_and_survives_the_gaming_audit() {
    let tmp = tempfile::tempdir().unwrap();
    let (code, out) = rehearse_in(tmp.path(), &["new", "demo"]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("rehearse check ./demo"), "{out}");
    let (code, out) = rehearse_in(tmp.path(), &["check", "demo"]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("0 error(s), 0 warning(s)"), "{out}");
    let (code, out) = rehearse_in(tmp.path(), &["test", "demo"]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("0 failed"), "{out}");
    let (code, out) = rehearse_in(
        tmp.path(),
        &[
            "check",
            "--explore",
            "200",
            "--seed",
            "1",
            "--format",
            "json",
            "demo",
        ],
    );
    assert_eq!(code, 0, "{out}");
    let json: serde_json::Value =
        serde_json::from_str(&out).unwrap_or_else(|e| panic!("{e}: {out}"));
    let text = json.to_string();
    for code in [
        "E030", "E031", "E032", "E033", "E034", "E035", "E036", "E037",
    ] {
        assert!(!text.contains(code), "{code} in {text}");
    }
    // A second `new` with the same id changes nothing and says why.
    let before = std::fs::read_to_string(tmp.path().join("demo/scenario.rhai")).unwrap();
    let (code, out) = rehearse_in(tmp.path(), &["new", "demo"]);
    assert_ne!(code, 0);
    assert!(out.contains("already exists"), "{out}");
    assert_eq!(
        std::fs::read_to_string(tmp.path().join("demo/scenario.rhai")).unwrap(),
        before
    );
    let (code, out) = rehearse_in(tmp.path(), &["new", "Not An Id"]);
    assert_ne!(code, 0);
    assert!(out.contains("is not a scenario id"), "{out}");
}
