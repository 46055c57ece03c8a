//! Mock-runtime tests of the language commands: the real commands, state
//! and settings file beside a real records database.

use super::locale::{self, Locale, SETTINGS_FILE};
use super::tests::{app, bundled};
use rehearse_core::locale::Language;
use tauri::Manager;

#[test]
fn set_language_persists_beside_the_database_and_survives_a_restart() {
    let data = tempfile::tempdir().unwrap();
    std::fs::write(
        data.path().join(SETTINGS_FILE),
        "{\"theme\": \"dark\", \"language\": \"en\"}",
    )
    .unwrap();
    {
        let app = app(data.path());
        let m = locale::locale_messages(app.state());
        assert_eq!(m.language, "en");
        assert_eq!(m.available, ["en", "es"]);
        assert_eq!(m.names, ["English", "Español"]);
        assert_eq!(m.resources.len(), 1, "English needs no fallback");
        assert!(m.resources[0].contains("app-language-label"));

        let m = locale::set_language(app.state(), "es-ES".into()).unwrap();
        assert_eq!(m.language, "es");
        assert_eq!(m.resources.len(), 2, "Spanish first, English behind it");
        assert!(m.resources[0].contains("language-name-es"));
        assert_eq!(
            m.resources[1],
            locale::messages_for(Language::En).resources[0]
        );
        assert_eq!(app.state::<Locale>().language(), Language::Es);
    }
    // The file keeps the other settings and now says Spanish.
    let text = std::fs::read_to_string(data.path().join(SETTINGS_FILE)).unwrap();
    let v: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(v["language"], "es");
    assert_eq!(v["theme"], "dark");
    // A new start reads it back.
    let app = app(data.path());
    assert_eq!(locale::locale_messages(app.state()).language, "es");
}

#[test]
fn an_unknown_language_is_refused_and_changes_nothing() {
    let data = tempfile::tempdir().unwrap();
    let app = app(data.path());
    let before = app.state::<Locale>().language();
    let err = locale::set_language(app.state(), "fr".into()).unwrap_err();
    let json = serde_json::to_value(&err).unwrap();
    assert_eq!(json["code"], "input");
    assert!(
        json["message"].as_str().unwrap().contains("\"fr\""),
        "{json}"
    );
    assert_eq!(app.state::<Locale>().language(), before);
    assert!(!data.path().join(SETTINGS_FILE).exists());
}

#[test]
fn a_settings_file_naming_an_unknown_language_is_a_clear_error() {
    let data = tempfile::tempdir().unwrap();
    std::fs::write(data.path().join(SETTINGS_FILE), "{\"language\": \"xx\"}").unwrap();
    let err = Locale::load(data.path()).err().expect("refused");
    assert!(err.to_string().contains(SETTINGS_FILE), "{err}");
    std::fs::write(data.path().join(SETTINGS_FILE), "[1, 2]").unwrap();
    let err = Locale::load(data.path()).err().expect("refused");
    assert!(err.to_string().contains("not a JSON object"), "{err}");
    // No file: the system's language.
    let empty = tempfile::tempdir().unwrap();
    assert_eq!(
        Locale::load(empty.path()).unwrap().language(),
        Language::system()
    );
}

#[test]
fn the_dashboard_and_debrief_speak_the_language_set() {
    use super::{dashboard, profiles};
    let data = tempfile::tempdir().unwrap();
    let app = app(data.path());
    let id = profiles::create_profile(app.state(), "Lucía".into())
        .unwrap()
        .id;
    locale::set_language(app.state(), "es".into()).unwrap();
    let d = dashboard::trainee_dashboard_blocking(app.state(), app.state(), id.clone()).unwrap();
    assert_eq!(d.status.headline, "sin empezar");
    assert!(
        d.status.next_action.starts_with("Juega un escenario"),
        "{}",
        d.status.next_action
    );
    assert_eq!(d.competencies[0].title, "Clima cálido y seguro");
    locale::set_language(app.state(), "en".into()).unwrap();
    let d = dashboard::trainee_dashboard_blocking(app.state(), app.state(), id).unwrap();
    assert_eq!(d.status.headline, "not started");
    assert_eq!(d.competencies[0].title, "Warm, safe atmosphere");
}

#[test]
fn the_library_and_player_show_the_language_set_and_analyse_in_it() {
    use super::{library, player, profiles};
    use rehearse_core::attempt::{Input, Mode};
    let data = tempfile::tempdir().unwrap();
    let app = app(data.path());
    let id = profiles::create_profile(app.state(), "Lucía".into())
        .unwrap()
        .id;
    locale::set_language(app.state(), "es".into()).unwrap();

    // The library card of a translated English scenario, and its targets.
    let cards = library::list_scenarios_blocking(app.state(), app.state(), None).unwrap();
    let card = cards.iter().find(|c| c.id == "declines-support").unwrap();
    assert_eq!(card.title, "Estoy bien, no necesito esto");
    assert!(
        card.personas[0].contains("Enfermera de UCI"),
        "{:?}",
        card.personas
    );
    assert!(
        card.targets.iter().all(|t| {
            let c = rehearse_core::competency::Competency::ALL
                .into_iter()
                .find(|c| c.id() == t.id)
                .unwrap();
            t.title == c.title_in(Language::Es) && t.title != c.title()
        }),
        "{:?}",
        card.targets.iter().map(|t| t.title).collect::<Vec<_>>()
    );

    // The player shows its translated line.
    let v = player::start_attempt_blocking(
        app.state(),
        app.state(),
        id.clone(),
        bundled("declines-support"),
        Mode::Practice,
    )
    .unwrap();
    assert!(
        v.view.line.contains("No necesito esto") || v.view.line.contains("no necesito esto"),
        "{}",
        v.view.line
    );
    assert_eq!(v.scenario.title, "Estoy bien, no necesito esto");
    player::abandon_attempt(app.state(), app.state()).unwrap();

    // A Spanish scenario: own words go through the Spanish analyser.
    player::start_attempt_blocking(
        app.state(),
        app.state(),
        id.clone(),
        bundled("pasillo-urgencias"),
        Mode::Practice,
    )
    .unwrap();
    player::respond_blocking(app.state(), app.state(), Input::Silence).unwrap();
    let v = player::respond_blocking(
        app.state(),
        app.state(),
        Input::FreeText {
            text: "¿Cómo te sientes tú desde el martes?".into(),
        },
    )
    .unwrap();
    let turn = v.transcript.last().unwrap();
    let feedback = turn.feedback.as_ref().unwrap();
    assert_eq!(feedback.question, Some("open"), "{feedback:?}");
    assert!(!feedback.rules.is_empty(), "{feedback:?}");
    assert!(
        feedback.rules.iter().all(|r| r.rule.starts_with("es.")),
        "{:?}",
        feedback.rules
    );
    assert!(!feedback.hint.starts_with("Strong:"), "{}", feedback.hint);

    // Switched back to English, the unfinished attempt resumes in Spanish.
    let attempt = v.attempt_id.clone().unwrap();
    locale::set_language(app.state(), "en".into()).unwrap();
    let v = player::resume_attempt_blocking(app.state(), app.state(), app.state(), id, attempt)
        .unwrap();
    assert_eq!(v.transcript.len(), 2);
    assert!(v
        .transcript
        .last()
        .unwrap()
        .feedback
        .as_ref()
        .unwrap()
        .rules
        .iter()
        .all(|r| r.rule.starts_with("es.")));
}
