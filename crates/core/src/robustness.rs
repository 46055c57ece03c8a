//! Structured fuzzing on the stable toolchain (issue #10): property tests
//! that feed generated and mutated input to every parser that takes
//! outside data (the scenario loader and a played turn, the analyser,
//! `tests.toml`, the credential verifier, the export bundle verifier) and
//! require an answer, never a panic.
//!
//! Each target runs for a time budget: `REHEARSE_FUZZ_SECONDS` per target
//! (default 2, so CI gets a short run of each). A long run:
//!
//! ```sh
//! REHEARSE_FUZZ_SECONDS=600 cargo test --release -p rehearse-core --lib robustness -- --nocapture
//! ```
//!
//! A failure prints the shrunk input that reproduces it.

use crate::response::english;
use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};
use std::sync::Arc;
use std::time::{Duration, Instant};

fn budget() -> Duration {
    let secs = std::env::var("REHEARSE_FUZZ_SECONDS")
        .ok()
        .and_then(|s| s.parse::<u64>().ok())
        .unwrap_or(2);
    Duration::from_secs(secs)
}

/// Runs `test` on values of `strategy` until the budget is spent; returns
/// how many inputs were tried.
fn fuzz<S: Strategy>(name: &str, strategy: S, test: impl Fn(S::Value)) -> u64
where
    S::Value: std::fmt::Debug,
{
    let start = Instant::now();
    let tried = std::cell::Cell::new(0u64);
    let mut round = 0u64;
    while start.elapsed() < budget() {
        // A fresh runner per round (each round a new seed), so every round
        // really generates its 64 inputs.
        let mut runner = TestRunner::new_with_rng(
            Config {
                cases: 64,
                failure_persistence: None,
                ..Config::default()
            },
            proptest::test_runner::TestRng::from_seed(
                proptest::test_runner::RngAlgorithm::ChaCha,
                &{
                    let mut seed = [0u8; 32];
                    seed[..8].copy_from_slice(&round.to_le_bytes());
                    seed
                },
            ),
        );
        round += 1;
        let result = runner.run(&strategy, |v| {
            tried.set(tried.get() + 1);
            test(v);
            Ok(())
        });
        if let Err(e) = result {
            panic!("{name}: {e}");
        }
    }
    let tried = tried.get();
    println!("{name}: {tried} inputs in {:?}, no panic", start.elapsed());
    tried
}

/// Pieces scripts are made of, so generated scripts get past the parser
/// often enough to reach the builder and the engine.
fn script_piece() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("beat(\"a\", #{ line: \"Hi.\", choices: [#{ text: \"x\", next: \"end\" }] });".to_string()),
        Just("ending(\"end\", #{ line: \"bye\", debrief: #{ recognised: \"r\", missed: \"m\" } });".to_string()),
        Just("state(\"t\", #{ start: 5, min: 0, max: 9, hidden: true });".to_string()),
        Just("rule(#{ id: \"r\", remove: [\"advice\"], when: |r| mentions(r, \"x\") });".to_string()),
        Just("red_flag: #{ category: \"suicide_risk\", severity: \"high\", window: 2, recognise: [\"suicide_inquiry\", [\"safety_action\"]] },".to_string()),
        Just("assessment: \"own_words\",".to_string()),
        Just("#{ id: \"c\", pin: true, text: \"y\" }".to_string()),
        "[ -~]{0,40}",
        "[{}\\[\\](),;:#|\"]{1,6}",
    ]
}

fn header() -> &'static str {
    "scenario(#{ id: \"fuzz\", version: \"1.0.0\", title: \"F\", summary: \"s\", setting: \"x\", minutes: 5, difficulty: \"introductory\", targets: [\"atmosphere\"], red_flags: [\"suicide_risk\"] });\npersona(\"p\", #{ name: \"Pat\", role: \"Nurse\" });\n"
}

#[test]
fn fuzz_the_scenario_loader_and_a_played_turn() {
    fuzz(
        "scenario loader",
        prop::collection::vec(script_piece(), 0..12),
        |pieces| {
            let src = format!("{}{}", header(), pieces.join("\n"));
            let loaded = crate::scenario::compile(
                crate::scenario::source::ScenarioSource::in_memory("mem/fuzz", src),
            );
            let checked = crate::lint::check(loaded, english());
            let clean = checked.errors() == 0;
            if let Some(s) = checked.scenario.filter(|_| clean) {
                let s: Arc<_> = s;
                if let Ok(mut a) = crate::attempt::Attempt::start(
                    s,
                    crate::attempt::Mode::Assessment,
                    1,
                    english(),
                ) {
                    let _ = a.respond(crate::attempt::Input::Choice { index: 1 });
                    let _ = a.respond(crate::attempt::Input::FreeText {
                        text: "Are you safe?".into(),
                    });
                    let _ = a.report();
                }
            }
        },
    );
}

#[test]
fn fuzz_the_analyser() {
    fuzz(
        "analyser",
        ("\\PC{0,300}", prop::option::of("\\PC{0,80}")),
        |(text, previous)| {
            let _ = crate::analysis::analyse(&text, previous.as_deref());
        },
    );
}

#[test]
fn fuzz_tests_toml() {
    let dir = tempfile::tempdir().unwrap();
    let piece = prop_oneof![
        Just("[[test]]\n".to_string()),
        Just("name = \"t\"\n".to_string()),
        Just("inputs = [\"#a\", \"/silence\", \"1\"]\n".to_string()),
        Just("[test.expect]\n".to_string()),
        Just("red_flags = { suicide_risk = \"missed\" }\n".to_string()),
        "[ -~\\n]{0,30}",
    ];
    fuzz(
        "tests.toml",
        prop::collection::vec(piece, 0..10),
        |pieces| {
            std::fs::write(dir.path().join("tests.toml"), pieces.concat()).unwrap();
            let _ = crate::testcase::read_tests(dir.path());
        },
    );
}

/// JSON values shaped a little like credentials.
fn json_value() -> impl Strategy<Value = serde_json::Value> {
    let leaf = prop_oneof![
        Just(serde_json::Value::Null),
        any::<bool>().prop_map(serde_json::Value::from),
        any::<i64>().prop_map(serde_json::Value::from),
        "[ -~]{0,20}".prop_map(serde_json::Value::from),
        Just(serde_json::Value::from("2026-01-01T00:00:00Z")),
        Just(serde_json::Value::from("VerifiableCredential")),
    ];
    leaf.prop_recursive(4, 64, 8, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(serde_json::Value::from),
            prop::collection::btree_map(
                prop_oneof![
                    Just("type".to_string()),
                    Just("validFrom".to_string()),
                    Just("validUntil".to_string()),
                    Just("proof".to_string()),
                    Just("issuer".to_string()),
                    Just("@context".to_string()),
                    "[a-z]{1,8}",
                ],
                inner,
                0..6
            )
            .prop_map(|m| serde_json::Value::Object(m.into_iter().collect())),
        ]
    })
}

#[test]
fn fuzz_the_credential_verifier() {
    let now = chrono::Utc::now();
    // Mutations of a real signed credential reach the signature check.
    let good: serde_json::Value =
        serde_json::from_str(include_str!("credential/testdata/credential.signed.json")).unwrap();
    fuzz(
        "credential verifier",
        (
            json_value(),
            prop::sample::select(vec![
                "type",
                "validFrom",
                "validUntil",
                "proof",
                "issuer",
                "credentialSubject",
                "@context",
                "id",
            ]),
        ),
        |(v, field)| {
            let _ = crate::credential::verify::verify_credential(&v, None, now);
            let mut m = good.clone();
            m[field] = v;
            let _ = crate::credential::verify::verify_credential(&m, None, now);
        },
    );
}

#[test]
fn fuzz_the_export_bundle_verifier() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("export.json");
    fuzz(
        "bundle verifier",
        (prop::collection::vec(any::<u8>(), 0..512), json_value()),
        |(bytes, sig)| {
            std::fs::write(&path, &bytes).unwrap();
            let _ = crate::export::bundle::verify(&path, &sig, None);
            let _ = crate::export::check::verify_file(&path, None, chrono::Utc::now());
        },
    );
}
