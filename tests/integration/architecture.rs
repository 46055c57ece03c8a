//! The layering the README's "Architecture" section describes, checked:
//! the application layer does not depend on Tauri, and neither the core's
//! top level nor the application layer has a module cycle
//! (`scripts/module-deps`).

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
fn the_core_top_level_and_the_application_layer_have_no_module_cycle() {
    let run = |src: &str| {
        let out = Command::new("python3")
            .current_dir(root())
            .args(["scripts/module-deps", src])
            .output()
            .unwrap();
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    let app = run("crates/app/src");
    assert!(!app.contains("cycle in"), "{app}");
    // The records modules' one remaining cycle is reported as
    // "cycle in crate::records: …"; the crate's top level must have none.
    let core = run("crates/core/src");
    let top: Vec<&str> = core
        .lines()
        .filter(|l| l.trim_start().starts_with("cycle in crate: "))
        .collect();
    assert!(top.is_empty(), "{core}");
}
