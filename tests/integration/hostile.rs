//! The hostile-input corpus (issue #10): scenarios written to hurt the host,
//! each stopped with the right error well within a few seconds while the
//! host stays up. The scripts live in `tests/hostile/`; links, FIFOs, huge
//! files and bad bytes are made here, since git cannot hold them all.

use crate::support::{rehearse_with, root};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// Far above what any case needs (the sandbox stops scripts at 500 ms per
/// call, 2,000,000 operations per turn); a case that gets near it has hung.
const LIMIT: Duration = Duration::from_secs(8);

fn folder(tmp: &Path, name: &str, script: &[u8]) -> PathBuf {
    let dir = tmp.join(name);
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("scenario.rhai"), script).unwrap();
    dir
}

fn corpus(name: &str) -> Vec<u8> {
    std::fs::read(root().join("tests/hostile").join(format!("{name}.rhai"))).unwrap()
}

/// Runs `rehearse ARGS` and checks it fails, within the limit, saying `want`.
fn refused(args: &[&str], stdin: &str, want: &str) {
    let t = Instant::now();
    let run = rehearse_with(args, stdin, LIMIT * 2);
    let took = t.elapsed();
    let out = format!("{}{}", run.stdout, run.stderr);
    assert_ne!(run.code, 0, "{args:?} succeeded:\n{out}");
    assert!(
        run.code != 101 && !out.contains("panicked"),
        "{args:?} panicked:\n{out}"
    );
    assert!(out.contains(want), "{args:?}: expected {want:?} in\n{out}");
    assert!(took < LIMIT, "{args:?} took {took:?}");
}

#[test]
fn hostile_scripts_are_stopped_at_load_with_the_limit_named() {
    let tmp = tempfile::tempdir().unwrap();
    for (name, want) in [
        ("loop", "operation limit of 1000000"),
        ("recursion", "call-depth limit of 32"),
        ("string-bomb", "grew too large"),
        ("array-bomb", "grew too large"),
        ("map-bomb", "was stopped"),
        ("eval", "`eval` is not allowed"),
        ("import", "`import` is not allowed"),
        (
            "many-rules",
            "Number of functions defined exceeds maximum limit",
        ),
    ] {
        let dir = folder(tmp.path(), name, &corpus(name));
        refused(&["check", dir.to_str().unwrap()], "", want);
    }
}

#[test]
fn a_turn_of_rules_spinning_to_the_budget_is_stopped_and_huge_mentions_lists_are_fine() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = folder(tmp.path(), "spinning-rules", &corpus("spinning-rules"));
    let input = tmp.path().join("in.txt");
    std::fs::write(&input, "I hear how hard this has been for you.\n").unwrap();
    let play = |dir: &Path| {
        vec![
            "play".to_string(),
            dir.to_str().unwrap().to_string(),
            "--mode".into(),
            "assessment".into(),
            "--input".into(),
            input.to_str().unwrap().to_string(),
        ]
    };
    let args = play(&dir);
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    refused(&args, "", "the turn's");
    // Four thousand phrases to look for in one response: bounded work, the
    // turn completes.
    let dir = folder(tmp.path(), "huge-mentions", &corpus("huge-mentions"));
    let args = play(&dir);
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let t = Instant::now();
    let run = rehearse_with(&args, "", LIMIT * 2);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    assert!(t.elapsed() < LIMIT);
}

const SAFE: &str = r#"scenario(#{ id: "files", version: "1.0.0", title: "Files", summary: "s", setting: "x", minutes: 5, difficulty: "introductory", targets: ["atmosphere"], red_flags: [] });
persona("p", #{ name: "Pat", role: "Nurse" });
beat("a", #{ line: "Hello.", choices: [#{ id: "go", text: "Go on.", next: "end", evidence: #{ atmosphere: [1, "r"] } }] });
ending("end", #{ line: "bye", debrief: "debrief.md" });"#;

#[cfg(unix)]
#[test]
fn debriefs_that_link_out_block_or_flood_are_refused_by_name() {
    let tmp = tempfile::tempdir().unwrap();
    let secret = tmp.path().join("host-secret.txt");
    std::fs::write(&secret, "host secret text").unwrap();
    /// How a case spoils its debrief.
    type Spoil = Box<dyn Fn(&Path)>;
    let cases: Vec<(&str, Spoil, &str)> = vec![
        (
            "link-out",
            Box::new(move |d: &Path| {
                std::os::unix::fs::symlink(&secret, d.join("debrief.md")).unwrap()
            }),
            "outside the scenario folder",
        ),
        (
            "dev-zero",
            Box::new(|d: &Path| {
                std::os::unix::fs::symlink("/dev/zero", d.join("debrief.md")).unwrap()
            }),
            "outside the scenario folder",
        ),
        (
            "fifo",
            Box::new(|d: &Path| {
                let ok = std::process::Command::new("mkfifo")
                    .arg(d.join("debrief.md"))
                    .status()
                    .unwrap()
                    .success();
                assert!(ok, "mkfifo");
            }),
            "not a regular file",
        ),
        (
            "huge",
            Box::new(|d: &Path| {
                let f = std::fs::File::create(d.join("debrief.md")).unwrap();
                f.set_len(100 * 1024 * 1024).unwrap();
            }),
            "larger than",
        ),
    ];
    for (name, make, want) in cases {
        let dir = folder(tmp.path(), name, SAFE.as_bytes());
        make(&dir);
        refused(&["check", dir.to_str().unwrap()], "", want);
    }
}

#[test]
fn bad_bytes_and_deep_toml_are_clear_errors() {
    let tmp = tempfile::tempdir().unwrap();
    let mut bytes = SAFE.as_bytes().to_vec();
    bytes.extend([0xff, 0xfe, b'\n']);
    let dir = folder(tmp.path(), "bad-utf8", &bytes);
    refused(&["check", dir.to_str().unwrap()], "", "not valid UTF-8");
    let dir = folder(tmp.path(), "deep-toml", SAFE.as_bytes());
    std::fs::write(dir.join("debrief.md"), "Fine.").unwrap();
    let deep = format!(
        "[[test]]\nname = \"deep\"\ninputs = {}{}\n",
        "[".repeat(20_000),
        "]".repeat(20_000)
    );
    std::fs::write(dir.join("tests.toml"), deep).unwrap();
    refused(&["test", dir.to_str().unwrap()], "", "tests.toml");
}
