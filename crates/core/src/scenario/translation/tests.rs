use super::*;
use crate::scenario;
use std::path::Path;

fn bundled(id: &str) -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../scenarios")
        .join(id)
}

/// A scenario folder in a temp dir: the script, and translations by tag.
fn folder(script: &str, locales: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("scenario.rhai"), script).unwrap();
    if !locales.is_empty() {
        std::fs::create_dir(dir.path().join(LOCALES_DIR)).unwrap();
    }
    for (tag, text) in locales {
        std::fs::write(
            dir.path().join(LOCALES_DIR).join(format!("{tag}.ftl")),
            text,
        )
        .unwrap();
    }
    dir
}

const SCRIPT: &str = r#"scenario(#{
    id: "tiny", version: "1.0.0", title: "Tiny", summary: "A short one.",
    setting: "A ward", language: "en", targets: ["atmosphere"],
});
persona("ana", #{ name: "Ana", role: "Nurse" });
state("trust", #{ start: 50, label: "Trust" });
beat("hello", #{
    cue: "She looks up.",
    line: "Hello.",
    choices: [
        #{ id: "warm", text: "Hello, Ana.", next: "bye",
           evidence: #{ atmosphere: [2, "warm"] }, effects: #{ trust: 10 } },
        #{ id: "cold", text: "Right.", next: "bye",
           reply: "*She frowns.*", evidence: #{ atmosphere: [-1, "cold"] } },
    ],
});
ending("bye", #{
    line: |s| if s.trust > 55 { tr("ending-bye-line-warm", "Thanks.") } else { "Bye." },
    debrief: "Well done.",
});
"#;

const ES: &str = "scenario-title = Diminuto
scenario-summary = Uno corto.
scenario-setting = Una planta
persona-ana-name = Ana
persona-ana-role = Enfermera
state-trust-label = Confianza
beat-hello-cue = Levanta la vista.
beat-hello-line = Hola.
beat-hello-choice-warm = Hola, Ana.
beat-hello-choice-cold = Vale.
beat-hello-choice-cold-reply = *Frunce el ceño.*
beat-hello-choice-warm-evidence-atmosphere = cálido
beat-hello-choice-cold-evidence-atmosphere = frío
ending-bye-line-warm = Gracias.
ending-bye-debrief = Bien hecho.
";

#[test]
fn keys_follow_the_documented_scheme_with_the_scripts_text() {
    let dir = folder(SCRIPT, &[]);
    let s = scenario::load(dir.path()).unwrap().scenario.unwrap();
    let keys: Vec<(String, String)> = keys(&s).into_iter().map(|k| (k.key, k.text)).collect();
    let names: Vec<&str> = keys.iter().map(|(k, _)| k.as_str()).collect();
    assert_eq!(
        names,
        [
            "scenario-title",
            "scenario-summary",
            "scenario-setting",
            "persona-ana-name",
            "persona-ana-role",
            "state-trust-label",
            "beat-hello-cue",
            "beat-hello-line",
            "beat-hello-choice-warm",
            "beat-hello-choice-warm-evidence-atmosphere",
            "beat-hello-choice-cold",
            "beat-hello-choice-cold-reply",
            "beat-hello-choice-cold-evidence-atmosphere",
            "ending-bye-debrief",
            "ending-bye-line-warm",
        ]
    );
    assert!(keys.contains(&("ending-bye-line-warm".into(), "Thanks.".into())));
    assert!(keys.contains(&(
        "beat-hello-choice-cold-evidence-atmosphere".into(),
        "cold".into()
    )));
}

#[test]
fn a_missing_key_points_at_the_script_line_and_an_extra_key_at_the_ftl_line() {
    let es = ES
        .replace("beat-hello-choice-cold = Vale.\n", "")
        .replace("ending-bye-debrief", "ending-by-debrief");
    let dir = folder(SCRIPT, &[("es", &es)]);
    let s = scenario::load(dir.path()).unwrap().scenario.unwrap();
    let found = findings(&s);
    let missing: Vec<&Finding> = found.iter().filter(|f| f.code == "E028").collect();
    assert_eq!(missing.len(), 2, "{found:#?}");
    let cold = missing
        .iter()
        .find(|f| f.message.contains("`beat-hello-choice-cold`"))
        .unwrap();
    assert!(cold.location.file.ends_with("scenario.rhai"));
    // The choice's text is on line 13 of the script.
    assert_eq!(
        (cold.location.line, cold.location.column),
        (13, 30),
        "{cold}"
    );
    let extra: Vec<&Finding> = found.iter().filter(|f| f.code == "W115").collect();
    assert_eq!(extra.len(), 1, "{found:#?}");
    assert!(extra[0].location.file.ends_with("locales/es.ftl"));
    assert_eq!(extra[0].location.line, 14);
    assert!(
        extra[0]
            .message
            .contains("did you mean `ending-bye-debrief`"),
        "{}",
        extra[0]
    );
    // Lint reports them with the rest.
    let checked = crate::lint::check(
        scenario::load(dir.path()).unwrap(),
        crate::response::english(),
    );
    assert!(checked.findings.iter().any(|f| f.code == "E028"));
    assert!(checked.findings.iter().any(|f| f.code == "W115"));
}

#[test]
fn a_complete_translation_has_no_findings_and_is_what_the_player_shows() {
    let dir = folder(SCRIPT, &[("es", ES)]);
    let s = scenario::load(dir.path()).unwrap().scenario.unwrap();
    assert!(findings(&s).is_empty(), "{:#?}", findings(&s));
    assert_eq!(s.languages(), ["en", "es"]);
    let es = Arc::new(s.localised("es"));
    assert_eq!(es.language(), "es");
    assert_eq!(es.def.meta.title, "Diminuto");
    assert_eq!(es.untranslated.meta.title, "Tiny");
    let a = crate::attempt::Attempt::start(
        Arc::clone(&es),
        crate::attempt::Mode::Practice,
        1,
        analyser_for(&es).unwrap(),
    )
    .unwrap();
    let v = a.view();
    assert_eq!(v.line, "Hola.");
    assert_eq!(v.cue.as_deref(), Some("Levanta la vista."));
    assert_eq!(v.role, "Enfermera");
    let mut choices = v.choices.clone();
    choices.sort();
    assert_eq!(choices, ["Hola, Ana.", "Vale."]);
    assert_eq!(v.meters[0].label, "Confianza");
    // The reason given for evidence is translated (the hint shows it);
    // the competency and delta it explains are not.
    let mut a = a;
    let line = crate::testcase::parse_input("#cold").unwrap();
    crate::testcase::apply(&mut a, &line).unwrap();
    let turn = a.turns().last().unwrap();
    assert_eq!(
        turn.evidence
            .iter()
            .map(|e| (e.competency.id(), e.delta, e.reason.as_str()))
            .collect::<Vec<_>>(),
        [("atmosphere", -1, "frío")]
    );
    assert!(turn.hint.contains("frío"), "{}", turn.hint);
    // A language it does not carry falls back to the script's own text.
    let fr = s.localised("fr");
    assert_eq!((fr.language(), fr.def.meta.title.as_str()), ("en", "Tiny"));
}

#[test]
fn a_function_s_tr_answers_in_the_language_shown() {
    let dir = folder(SCRIPT, &[("es", ES)]);
    let s = scenario::load(dir.path()).unwrap().scenario.unwrap();
    for (lang, want) in [("en", "Thanks."), ("es", "Gracias.")] {
        let shown = Arc::new(s.localised(lang));
        let mut a = crate::attempt::Attempt::start(
            Arc::clone(&shown),
            crate::attempt::Mode::Assessment,
            1,
            analyser_for(&shown).unwrap(),
        )
        .unwrap();
        let line = crate::testcase::parse_input("#warm").unwrap();
        crate::testcase::apply(&mut a, &line).unwrap();
        assert_eq!(a.view().line, want, "{lang}");
    }
}

#[test]
fn tr_at_load_time_is_a_clear_error() {
    let script = SCRIPT.replace(
        "line: \"Hello.\"",
        "line: tr(\"beat-hello-line\", \"Hello.\")",
    );
    let dir = folder(&script, &[]);
    let loaded = scenario::load(dir.path()).unwrap();
    let e = loaded.findings.iter().find(|f| f.code == "E002").unwrap();
    assert!(e.message.contains("keyed already"), "{e}");
}

#[test]
fn a_broken_or_misnamed_translation_is_named_at_its_line() {
    let broken = format!("{ES}beat-hello-line = {{ unclosed\n");
    let dir = folder(
        SCRIPT,
        &[("es", &broken), ("Spanish", "x = y\n"), ("en", ES)],
    );
    let s = scenario::load(dir.path()).unwrap().scenario.unwrap();
    let found = findings(&s);
    let e027: Vec<&Finding> = found.iter().filter(|f| f.code == "E027").collect();
    assert_eq!(e027.len(), 3, "{found:#?}");
    assert!(
        e027.iter()
            .any(|f| f.location.file.ends_with("es.ftl") && f.location.line == 16),
        "{e027:#?}"
    );
    assert!(e027.iter().any(|f| f.message.contains("language tag")));
    assert!(e027.iter().any(|f| f.message.contains("its own language")));
    // What parsed is still shown; the rest falls back.
    assert_eq!(s.localised("es").def.meta.title, "Diminuto");
}

#[test]
fn the_template_of_a_bundled_scenario_round_trips_with_no_findings() {
    let s = scenario::load(&bundled("declines-support"))
        .unwrap()
        .scenario
        .unwrap();
    let template = template(&s);
    let c = Catalogue::parse("xx", Path::new("xx.ftl"), &template);
    assert!(c.problems.is_empty(), "{:#?}", c.problems);
    for k in keys(&s) {
        assert_eq!(c.get(&k.key), Some(k.text.trim()), "{}", k.key);
    }
    if std::env::var_os("REHEARSE_PRINT_TEMPLATE").is_some() {
        println!("{template}");
    }
}
