//! The CLI in Spanish: the real `rehearse` binary with `--language es` or a
//! Spanish locale in the environment, over the bundled library and a real
//! records file. JSON output is the same in every language.

use crate::support::scenarios;
use std::path::Path;
use std::process::{Command, Stdio};

struct Out {
    code: i32,
    stdout: String,
    stderr: String,
}

/// `rehearse ARGS` with the locale variables given and every other one removed.
fn rehearse(env: &[(&str, &str)], db: &Path, args: &[&str]) -> Out {
    let mut c = Command::new(env!("CARGO_BIN_EXE_rehearse"));
    c.arg("--db")
        .arg(db)
        .args(args)
        .env("REHEARSE_SCENARIOS", scenarios())
        .env_remove("REHEARSE_NOW")
        .env_remove("LANG")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env_remove("LANGUAGE")
        .stdin(Stdio::null());
    for (k, v) in env {
        c.env(k, v);
    }
    let o = c.output().expect("rehearse runs");
    Out {
        code: o.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&o.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&o.stderr).into_owned(),
    }
}

fn inputs_file(dir: &Path, scenario: &str, test: &str) -> String {
    let inputs = rehearse_core::testcase::find_test(&scenarios().join(scenario), test)
        .unwrap_or_else(|e| panic!("{e}"))
        .inputs;
    let file = dir.join(format!("{scenario}.inputs"));
    std::fs::write(&file, inputs.join("\n") + "\n").unwrap();
    file.to_str().unwrap().to_string()
}

fn play_args<'a>(file: &'a str, extra: &[&'a str]) -> Vec<&'a str> {
    let mut args = vec![
        "play",
        "insulin-overdose",
        "--mode",
        "assessment",
        "--seed",
        "1",
        "--input",
        file,
    ];
    args.extend_from_slice(extra);
    args
}

#[test]
fn play_in_spanish_shows_the_frame_and_report_in_spanish() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("rehearse.db");
    let file = inputs_file(dir.path(), "insulin-overdose", "second good route");
    let o = rehearse(
        &[],
        &db,
        &[&["--language", "es"][..], &play_args(&file, &[])].concat(),
    );
    assert_eq!(o.code, 0, "{}\n{}", o.stdout, o.stderr);
    for spanish in [
        "(evaluación, semilla 1)",
        "**Resultado: SUPERADO** (evaluación)",
        "## Competencias",
        "| Competencia | Objetivo | Nivel | Puntuación | Ocasiones | Evidencias |",
        "Preguntas abiertas",
        "Clima cálido y seguro",
        "## Señales de alarma",
        "## Medidas de la conversación",
        "## Transcripción",
        "**Tú:**",
        "semilla 1.",
    ] {
        assert!(
            o.stdout.contains(spanish),
            "missing {spanish:?} in:\n{}",
            o.stdout
        );
    }
    for english in [
        "**Result:",
        "## Competencies",
        "Warm, safe atmosphere",
        "## Transcript",
        "**You:**",
        "attempt report",
    ] {
        assert!(
            !o.stdout.contains(english),
            "English {english:?} in:\n{}",
            o.stdout
        );
    }
}

#[test]
fn the_environment_chooses_the_language_and_the_option_wins() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("rehearse.db");
    let file = inputs_file(dir.path(), "insulin-overdose", "second good route");
    let spanish = rehearse(&[("LANG", "es_ES.UTF-8")], &db, &play_args(&file, &[]));
    assert_eq!(spanish.code, 0, "{}", spanish.stderr);
    assert!(
        spanish.stdout.contains("**Resultado: SUPERADO**"),
        "{}",
        spanish.stdout
    );
    // LC_ALL outranks LANG; an unsupported language means English.
    let french = rehearse(
        &[("LANG", "es_ES.UTF-8"), ("LC_ALL", "fr_FR.UTF-8")],
        &db,
        &play_args(&file, &[]),
    );
    assert!(
        french.stdout.contains("**Result: PASSED**"),
        "{}",
        french.stdout
    );
    // --language outranks the environment, after the subcommand too.
    let english = rehearse(
        &[("LANG", "es_ES.UTF-8")],
        &db,
        &play_args(&file, &["--language", "en"]),
    );
    assert!(
        english.stdout.contains("**Result: PASSED**"),
        "{}",
        english.stdout
    );
}

#[test]
fn json_output_does_not_change_with_the_language() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("rehearse.db");
    let file = inputs_file(dir.path(), "insulin-overdose", "second good route");
    let report = |lang: &str| {
        let o = rehearse(&[], &db, &play_args(&file, &["--json", "--language", lang]));
        assert_eq!(o.code, 0, "{}", o.stderr);
        let start = o.stdout.find("\n{\n").expect("a JSON report at the end");
        serde_json::from_str::<serde_json::Value>(&o.stdout[start..]).unwrap()
    };
    let (en, es) = (report("en"), report("es"));
    assert_eq!(en, es);
    assert_eq!(es["schema"], "rehearse.report.v1");
    assert_eq!(es["competencies"][0]["competency"], "atmosphere");
    // list --format json: same in both.
    let list =
        |lang: &str| rehearse(&[], &db, &["--language", lang, "list", "--format", "json"]).stdout;
    assert_eq!(list("en"), list("es"));
}

#[test]
fn status_list_and_attempts_speak_spanish() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("rehearse.db");
    let es = |args: &[&str]| rehearse(&[], &db, &[&["--language", "es"][..], args].concat());
    let add = es(&["trainee", "add", "Lucía Pérez"]);
    assert_eq!(add.code, 0, "{}", add.stderr);
    let status = es(&["status", "Lucía Pérez", "--at", "2025-02-10"]);
    assert_eq!(status.code, 0, "{}", status.stderr);
    assert!(
        status.stdout.contains("Lucía Pérez: sin empezar"),
        "{}",
        status.stdout
    );
    assert!(
        status
            .stdout
            .contains("siguiente: Juega un escenario en modo evaluación"),
        "{}",
        status.stdout
    );
    assert!(!status.stdout.contains("next:"), "{}", status.stdout);
    let none = es(&["attempts", "Lucía Pérez"]);
    assert!(
        none.stdout.contains("aún no tiene intentos"),
        "{}",
        none.stdout
    );

    let file = inputs_file(dir.path(), "insulin-overdose", "second good route");
    let played = es(&play_args(
        &file,
        &["--trainee", "Lucía Pérez", "--at", "2025-02-10T10:00:00Z"],
    ));
    assert_eq!(played.code, 0, "{}", played.stderr);
    assert!(
        played.stdout.contains("Se registra el intento"),
        "{}",
        played.stdout
    );
    assert!(
        played
            .stdout
            .contains("Estado de la certificación: en curso."),
        "{}",
        played.stdout
    );
    let status = es(&["status", "Lucía Pérez", "--at", "2025-02-10"]);
    assert!(status.stdout.contains("aún falta:"), "{}", status.stdout);
    assert!(
        status
            .stdout
            .contains("siguiente: Sigue superando evaluaciones"),
        "{}",
        status.stdout
    );
    let attempts = es(&["attempts", "Lucía Pérez"]);
    assert!(
        attempts.stdout.contains("evaluación"),
        "{}",
        attempts.stdout
    );
    assert!(attempts.stdout.contains("superado"), "{}", attempts.stdout);

    let list = es(&["list"]);
    assert_eq!(list.code, 0, "{}", list.stderr);
    assert!(list.stdout.contains("objetivos: "), "{}", list.stdout);
    assert!(!list.stdout.contains("targets: "), "{}", list.stdout);
}

#[test]
fn an_unknown_language_is_a_usage_error_naming_the_languages() {
    let dir = tempfile::tempdir().unwrap();
    let o = rehearse(
        &[],
        &dir.path().join("rehearse.db"),
        &["--language", "fr", "list"],
    );
    assert_eq!(o.code, 2, "{}", o.stdout);
    assert!(
        o.stderr.contains("\"fr\"") && o.stderr.contains("en, es"),
        "{}",
        o.stderr
    );
    assert!(!o.stderr.contains("panicked"), "{}", o.stderr);
}

#[test]
fn a_spanish_scenario_in_assessment_is_graded_through_the_spanish_analyser() {
    // The strong path of pasillo-urgencias (language "es"), own words at the
    // red-flag cue and after it, played as an assessment by the real binary
    // with an English CLI: the analyser follows the scenario, not the CLI.
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("rehearse.db");
    let file = inputs_file(
        dir.path(),
        "pasillo-urgencias",
        "camino fuerte: la recibe sin prisa, le deja elegir, refleja sus palabras, silencio, normaliza y asesoría jurídica, pregunta claro, actúa hoy",
    );
    let args = [
        "play",
        "pasillo-urgencias",
        "--mode",
        "assessment",
        "--seed",
        "1",
        "--input",
        &file,
        "--json",
    ];
    let o = rehearse(&[("LANG", "en_GB.UTF-8")], &db, &args);
    assert_eq!(o.code, 0, "{}\n{}", o.stdout, o.stderr);
    let start = o.stdout.find("\n{\n").expect("a JSON report at the end");
    let report: serde_json::Value = serde_json::from_str(&o.stdout[start + 1..]).unwrap();
    assert_eq!(report["mode"], "assessment");
    assert_eq!(report["passed"], true, "{}", report["reasons"]);
    assert_eq!(report["red_flags"][0]["category"], "suicide_risk");
    assert_eq!(report["red_flags"][0]["outcome"], "recognised");
    let free: Vec<&serde_json::Value> = report["turns"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|t| t["input"]["kind"] == "free_text" || t["analysis"].is_object())
        .collect();
    assert!(free.len() >= 2, "own-words turns: {}", free.len());
    let rules: Vec<&str> = free
        .iter()
        .flat_map(|t| t["analysis"]["rules"].as_array().unwrap())
        .map(|r| r["rule"].as_str().unwrap())
        .collect();
    // Every analyser rule that fired is a Spanish one (scenario rules aside),
    // and the direct suicide question was recognised by its Spanish rule.
    assert!(
        rules
            .iter()
            .all(|r| r.starts_with("es.") || r.starts_with("scenario.")),
        "{rules:?}"
    );
    assert!(rules.contains(&"es.suicide_inquiry.direct"), "{rules:?}");
    // And the Spanish analysis earned evidence towards a competency, whose
    // reason (shown in hints and the debrief) is in Spanish too.
    let reasons: Vec<&str> = report["turns"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|t| t["evidence"].as_array().unwrap())
        .filter(|e| e["source"] == "analyser" || e["source"] == "pause")
        .map(|e| e["reason"].as_str().unwrap())
        .collect();
    assert!(
        reasons
            .iter()
            .any(|r| r.starts_with("tus palabras mostraron: ")),
        "{reasons:?}"
    );
    assert!(
        reasons
            .iter()
            .all(|r| !r.contains("your words") && !r.contains("pause that")),
        "{reasons:?}"
    );
}
