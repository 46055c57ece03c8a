//! Scenario translations (issue #14) on a real scenario folder copied into
//! a temp dir: `rehearse check` names missing and extra keys at file:line,
//! `rehearse test` runs each test in each language, and routing and
//! evidence do not change with the language shown.

use crate::support::{rehearse, scenarios};
use rehearse_core::attempt::{Attempt, Mode, Route};
use rehearse_core::scenario::{self, translation};
use rehearse_core::testcase;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// The bundled worked example, copied file by file into a temp dir.
fn copy_of_declines_support() -> (tempfile::TempDir, PathBuf) {
    fn copy(from: &Path, to: &Path) {
        std::fs::create_dir_all(to).unwrap();
        for e in std::fs::read_dir(from).unwrap() {
            let e = e.unwrap();
            let target = to.join(e.file_name());
            if e.file_type().unwrap().is_dir() {
                copy(&e.path(), &target);
            } else {
                std::fs::copy(e.path(), target).unwrap();
            }
        }
    }
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("declines-support");
    copy(&scenarios().join("declines-support"), &dir);
    (tmp, dir)
}

/// 1-based line and column of the first occurrence of `needle` in `text`.
fn line_col(text: &str, needle: &str) -> (usize, usize) {
    let at = text.find(needle).expect("the needle is in the text");
    let before = &text[..at];
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().unwrap().chars().count() + 1;
    (line, col)
}

#[test]
fn check_names_a_missing_key_at_the_script_line_and_an_extra_key_at_the_ftl_line() {
    let (_tmp, dir) = copy_of_declines_support();
    let clean = rehearse(&["check", dir.to_str().unwrap()]);
    assert_eq!(clean.code, 0, "{}{}", clean.stdout, clean.stderr);
    assert!(
        clean.stdout.contains("0 error(s), 0 warning(s)"),
        "{}",
        clean.stdout
    );

    let ftl_path = dir.join("locales/es.ftl");
    let ftl = std::fs::read_to_string(&ftl_path).unwrap();
    let missing_line = ftl
        .lines()
        .find(|l| l.starts_with("beat-hesitation-choice-go_on ="))
        .unwrap()
        .to_string();
    let broken = ftl.replace(&format!("{missing_line}\n"), "")
        + "beat-hesitation-choice-go-on = ¿Es que qué?\n";
    std::fs::write(&ftl_path, &broken).unwrap();
    let extra_line = broken.lines().count();

    let run = rehearse(&["check", dir.to_str().unwrap()]);
    assert_eq!(run.code, 1, "{}{}", run.stdout, run.stderr);
    let script_path = dir.join("scenario.rhai");
    let script = std::fs::read_to_string(&script_path).unwrap();
    let (line, col) = line_col(&script, "\"It's just what? Go on");
    let missing = format!("{}:{line}:{col}: error[E028]", script_path.display());
    assert!(
        run.stdout.contains(&missing),
        "expected {missing} in\n{}",
        run.stdout
    );
    assert!(
        run.stdout.contains("`beat-hesitation-choice-go_on`"),
        "{}",
        run.stdout
    );
    let extra = format!("{}:{extra_line}:1: warning[W115]", ftl_path.display());
    assert!(
        run.stdout.contains(&extra),
        "expected {extra} in\n{}",
        run.stdout
    );
    assert!(
        run.stdout
            .contains("did you mean `beat-hesitation-choice-go_on`?"),
        "{}",
        run.stdout
    );

    // The JSON report carries the same findings with their files.
    let json = rehearse(&["check", "--format", "json", dir.to_str().unwrap()]);
    let v: serde_json::Value = serde_json::from_str(&json.stdout).unwrap();
    let found: Vec<(String, String, u64)> = v[0]["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["code"].as_str().unwrap().to_string(),
                f["location"]["file"].as_str().unwrap().to_string(),
                f["location"]["line"].as_u64().unwrap(),
            )
        })
        .collect();
    assert!(found.contains(&(
        "E028".into(),
        script_path.display().to_string(),
        line as u64
    )));
    assert!(found.contains(&(
        "W115".into(),
        ftl_path.display().to_string(),
        extra_line as u64
    )));
}

#[test]
fn rehearse_test_runs_each_test_in_each_language_and_language_picks_one() {
    let (_tmp, dir) = copy_of_declines_support();
    let all = rehearse(&["test", dir.to_str().unwrap()]);
    assert_eq!(all.code, 0, "{}{}", all.stdout, all.stderr);
    let runs = |out: &str, tag: &str| {
        out.lines()
            .filter(|l| l.ends_with(&format!("[{tag}] ... ok")))
            .count()
    };
    let (en, es) = (runs(&all.stdout, "en"), runs(&all.stdout, "es"));
    assert!(en >= 10 && es >= 8, "en {en}, es {es}:\n{}", all.stdout);
    // A choices-only test runs in both languages with the same expectations.
    for tag in ["en", "es"] {
        let line =
            format!("declines-support::weak path: pressing and guilt-tripping [{tag}] ... ok");
        assert!(all.stdout.contains(&line), "{line}\n{}", all.stdout);
    }
    // Own words in Spanish run only in Spanish; English own words only in English.
    assert!(all
        .stdout
        .contains("es: strong path, a light follow-up in her own words [es] ... ok"));
    assert!(!all
        .stdout
        .contains("es: strong path, a light follow-up in her own words [en]"));
    assert!(!all
        .stdout
        .contains("offers a light follow-up in own words [es]"));

    let only = rehearse(&["--language", "es", "test", dir.to_str().unwrap()]);
    assert_eq!(only.code, 0, "{}{}", only.stdout, only.stderr);
    assert_eq!(runs(&only.stdout, "en"), 0, "{}", only.stdout);
    assert_eq!(runs(&only.stdout, "es"), es, "{}", only.stdout);

    // A broken Spanish expectation fails the run and names the language.
    let tests = std::fs::read_to_string(dir.join("tests.toml")).unwrap();
    let marker = "name = \"es: 'if you ever need us' is no follow-up\"";
    let at = tests.find(marker).unwrap();
    let (head, tail) = tests.split_at(at);
    let tail = tail.replacen("ending = \"grudging\"", "ending = \"door_open\"", 1);
    std::fs::write(dir.join("tests.toml"), format!("{head}{tail}")).unwrap();
    let failed = rehearse(&["test", "--language", "es", dir.to_str().unwrap()]);
    assert_eq!(failed.code, 1, "{}", failed.stdout);
    assert!(failed
        .stdout
        .contains("es: 'if you ever need us' is no follow-up [es] ... FAILED"));
}

/// What grading sees of an attempt: each turn's beat, route and evidence
/// (competency, delta, source), and the ending.
fn graded(a: &Attempt) -> (Vec<String>, Option<String>) {
    let turns = a
        .turns()
        .iter()
        .map(|t| {
            let ev: Vec<String> = t
                .evidence
                .iter()
                .map(|e| format!("{}{:+}{:?}", e.competency.id(), e.delta, e.source))
                .collect();
            let route = match &t.route {
                Route::Choice { id, .. } => format!("choice {id}"),
                other => format!("{other:?}"),
            };
            format!("{} {route} [{}] -> {}", t.beat, ev.join(","), t.next)
        })
        .collect();
    (turns, a.ending().map(str::to_string))
}

fn play(
    s: &Arc<scenario::Scenario>,
    lang: &str,
    mode: Mode,
    seed: u64,
    inputs: &[&str],
) -> Attempt {
    let shown = Arc::new(s.localised(lang));
    assert_eq!(shown.language(), lang);
    let mut a = Attempt::start(
        Arc::clone(&shown),
        mode,
        seed,
        translation::analyser_for(&shown).unwrap(),
    )
    .unwrap();
    for raw in inputs {
        let line = testcase::parse_input(raw).unwrap();
        testcase::apply(&mut a, &line).unwrap();
    }
    a
}

#[test]
fn the_same_inputs_give_the_same_routes_and_evidence_in_english_and_spanish() {
    let s = Arc::new(scenario::load_playable(&scenarios().join("declines-support")).unwrap());
    assert_eq!(s.languages(), ["en", "es"]);
    let paths: [&[&str]; 4] = [
        &[
            "#your_choice",
            "#card_any_time",
            "#number_on_the_back",
            "#text_next_thursday",
        ],
        &[
            "#your_choice",
            "#anything_from_us",
            "/silence",
            "#still_hearing_her",
            "#leave_it_there",
            "#number_on_the_back",
            "#text_next_thursday",
        ],
        &[
            "#see_everyone",
            "#bottle_it_up",
            "#everyone_worried",
            "#back_on_your_break",
        ],
        &["#what_happened", "#next_syringe", "#back_on_your_break"],
    ];
    for inputs in paths {
        for seed in [1, 2, 7] {
            let en = play(&s, "en", Mode::Practice, seed, inputs);
            let es = play(&s, "es", Mode::Practice, seed, inputs);
            assert_eq!(graded(&en), graded(&es), "{inputs:?} seed {seed}");
            assert_eq!(
                en.shown_choices(),
                es.shown_choices(),
                "the shuffle is the same"
            );
            assert_eq!(en.report().passed, es.report().passed);
        }
    }
    // Own words: the words of each language through its own analyser.
    let own = |lang: &str, words: &str| {
        play(
            &s,
            lang,
            Mode::Assessment,
            1,
            &[
                "#your_choice",
                "#card_any_time",
                "#number_on_the_back",
                words,
            ],
        )
    };
    let en = own(
        "en",
        "Could I send you a quick message next week to see how you are? Feel free to ignore it.",
    );
    let es = own(
        "es",
        "¿Te puedo mandar un mensaje la semana que viene para ver cómo estás? Puedes ignorarlo.",
    );
    assert_eq!(graded(&en).1.as_deref(), Some("door_open"));
    assert_eq!(graded(&en).1, graded(&es).1);
    let routes = |a: &Attempt| {
        a.turns()
            .iter()
            .map(|t| t.route.clone())
            .collect::<Vec<_>>()
    };
    assert_eq!(routes(&en), routes(&es));
    let author = |a: &Attempt| {
        a.turns()
            .iter()
            .flat_map(|t| t.evidence.iter())
            .filter(|e| e.source == rehearse_core::attempt::EvidenceSource::Scenario)
            .map(|e| (e.competency, e.delta))
            .collect::<Vec<_>>()
    };
    assert_eq!(author(&en), author(&es));

    // What is shown is Spanish: the persona's role, her line, the menu.
    let es = play(&s, "es", Mode::Practice, 1, &["#your_choice"]);
    let v = es.view();
    assert_eq!(v.role, "Enfermera de UCI, 8 años de experiencia");
    assert!(
        v.line.starts_with("Gracias.") || v.line.starts_with("Vale."),
        "{}",
        v.line
    );
    assert!(
        v.choices.iter().all(|c| !c.contains("Of course")),
        "{:?}",
        v.choices
    );
    assert_eq!(es.language(), "es");
    // So are the reasons the practice hint gives for the evidence.
    let turn = &es.turns()[0];
    assert!(
        turn.hint.contains("deja claro que decide ella"),
        "{}",
        turn.hint
    );
    assert!(!turn.hint.contains("makes clear that she decides"));
}
