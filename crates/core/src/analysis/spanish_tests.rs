//! Unit tests for the Spanish rules (`rules/es.toml`) and for what the
//! engine does for every language: Unicode word boundaries, accent folding,
//! opening question marks and the language lookup.

use super::*;
use crate::behaviour::Behaviour as B;

fn es(text: &str) -> Analysis {
    Analyser::spanish().analyse(text, None).expect("analysis")
}

fn es_with(text: &str, previous: &str) -> Analysis {
    Analyser::spanish()
        .analyse(text, Some(previous))
        .expect("analysis")
}

#[test]
fn for_language_finds_english_and_spanish_and_refuses_others() {
    assert_eq!(Analyser::for_language("es").unwrap().language(), "es");
    assert_eq!(Analyser::for_language("es-ES").unwrap().language(), "es");
    assert_eq!(
        Analyser::for_language("es_ES.UTF-8").unwrap().language(),
        "es"
    );
    assert_eq!(Analyser::for_language("EN").unwrap().language(), "en");
    let e = Analyser::for_language("fr").unwrap_err().to_string();
    assert!(e.contains("\"fr\"") && e.contains("en, es"), "{e}");
    assert!(Analyser::for_language("").is_err());
    let r = crate::response::for_language("es").unwrap();
    let x = r.analyse("¿Cómo estás?", None).unwrap();
    assert_eq!(x.question, Some(QuestionKind::Open));
    assert!(crate::response::for_language("de").is_err());
}

#[test]
fn word_boundaries_are_unicode() {
    // A rule ending in a non-ASCII letter matches before a space, and a
    // word that only starts with a rule's word does not match.
    let rules = r#"
[language]
id = "xx"
[negation]
window = 3
negators = ["no"]
[question]
open_heads = []
closed_heads = []
auxiliaries = []
subjects = []
[reflection]
min_shared = 2
min_shared_second_person = 1
min_word_len = 3
[[rule]]
id = "t"
label = "presence"
patterns = ["está", "niño", "decisión"]
"#;
    let a = Analyser::from_toml("xx", rules).unwrap();
    for yes in ["él está aquí", "el niño duerme", "una decisión difícil"] {
        assert!(
            a.analyse(yes, None)
                .unwrap()
                .behaviours
                .contains(&B::Presence),
            "{yes}"
        );
    }
    for no in ["estáis", "niños", "decisiónes", "aniño"] {
        assert!(
            !a.analyse(no, None)
                .unwrap()
                .behaviours
                .contains(&B::Presence),
            "{no}"
        );
    }
}

#[test]
fn accents_are_optional_and_spans_keep_the_original() {
    let with_accent = es("¿Has pensado en quitarte la vida?");
    let without = es("¿Has pensado en quitarte la vida?"
        .replace('á', "a")
        .as_str());
    assert!(with_accent.behaviours.contains(&B::SuicideInquiry));
    assert!(without.behaviours.contains(&B::SuicideInquiry));
    let text = "Te sientes agotadísima, ¿verdad?";
    let x = es(text);
    assert!(x.behaviours.contains(&B::FeelingNamed));
    for h in &x.rules {
        assert_eq!(&text[h.span.start..h.span.end], h.span.text);
    }
}

#[test]
fn questions_with_both_marks_only_the_closing_one_or_only_the_opening_one() {
    assert_eq!(es("¿Cómo te sientes?").question, Some(QuestionKind::Open));
    assert_eq!(es("como te sientes?").question, Some(QuestionKind::Open));
    assert_eq!(es("¿Cómo te sientes").question, Some(QuestionKind::Open));
    assert_eq!(es("como estas").question, Some(QuestionKind::Open));
    assert_eq!(es("¿Y tú cómo estás?").question, Some(QuestionKind::Open));
    assert_eq!(
        es("¿Has podido dormir algo?").question,
        Some(QuestionKind::Closed)
    );
    assert_eq!(es("has dormido algo").question, Some(QuestionKind::Closed));
    assert_eq!(
        es("Estás de baja, ¿verdad?").question,
        Some(QuestionKind::Closed)
    );
    assert_eq!(es("¿Cuándo pasó?").question, Some(QuestionKind::Closed));
    // An exclamation with "qué" is not a question; nor is "como" in a statement.
    assert_eq!(es("Qué situación tan difícil.").question, None);
    assert_eq!(es("Me siento como un fraude.").question, None);
}

#[test]
fn clitics_in_invitations_tu_and_usted() {
    for t in [
        "¿Quiere contármelo?",
        "Cuéntamelo con calma.",
        "¿Quieres contarme cómo fue?",
        "Cuénteme, por favor.",
    ] {
        assert_eq!(es(t).question, Some(QuestionKind::Open), "{t}");
    }
    let x = es("¿Le apetece hablar un rato?");
    assert_eq!(x.question, Some(QuestionKind::Closed));
    assert!(es("¿Ha pensado usted en quitarse la vida?")
        .behaviours
        .contains(&B::SuicideInquiry));
    assert!(es("¿Se siente usted muy sola?")
        .behaviours
        .contains(&B::FeelingNamed));
}

#[test]
fn suicide_inquiry_in_spanish() {
    for t in [
        "¿Has pensado en quitarte la vida?",
        "¿Piensas en hacerte daño?",
        "¿Tienes pensado cómo lo harías?",
        "¿Quieres morirte?",
        "Tengo que preguntártelo: ¿has pensado en suicidarte?",
    ] {
        assert!(es(t).behaviours.contains(&B::SuicideInquiry), "{t}");
    }
    // Answered for the person, or declined: not asking.
    assert!(!es("¿Has pensado en hacerte daño? No, ¿verdad? Bien.")
        .behaviours
        .contains(&B::SuicideInquiry));
    assert!(!es("No te voy a preguntar si has pensado en suicidarte.")
        .behaviours
        .contains(&B::SuicideInquiry));
    // Thinking of something else is not an inquiry.
    assert!(!es("¿Estás pensando en dejar el trabajo?")
        .behaviours
        .contains(&B::SuicideInquiry));
}

#[test]
fn feeling_words_in_every_gender_and_number_and_without_accents() {
    for t in [
        "Te sientes agotado.",
        "Te sientes agotada.",
        "Estáis agotados.",
        "Estas agotadas.",
        "Se te nota muy cansado.",
        "Debes sentirte muy culpable.",
        "Esa verguenza pesa.",
    ] {
        assert!(es(t).behaviours.contains(&B::FeelingNamed), "{t}");
    }
}

#[test]
fn clause_level_negation_no_nunca_tampoco_ni() {
    assert!(es("No fue culpa tuya.")
        .behaviours
        .contains(&B::PrematureReassurance));
    assert!(es("Seguro que no fue nada.")
        .behaviours
        .contains(&B::PrematureReassurance));
    assert!(es("No te preocupes.")
        .behaviours
        .contains(&B::PrematureReassurance));
    // A cue that governs wording with its own negation refuses it.
    assert!(!es("No te voy a decir que no fue nada.")
        .behaviours
        .contains(&B::PrematureReassurance));
    assert!(!es("Tampoco te voy a decir que no pasa nada.")
        .behaviours
        .contains(&B::Minimising));
    assert!(!es("No puedo prometerte que todo vaya a salir bien.")
        .behaviours
        .contains(&B::PrematureReassurance));
    assert!(!es("No puedo prometerte que esto quede entre nosotras.")
        .behaviours
        .contains(&B::Confidentiality));
    assert!(es("Lo que hablemos aquí queda entre nosotras.")
        .behaviours
        .contains(&B::Confidentiality));
    // "ni ... ni" negates the blame it names.
    assert!(!es("Ni es culpa tuya ni de nadie.")
        .behaviours
        .contains(&B::Judgement));
    assert!(!es("No voy a decirte lo que tienes que hacer.")
        .behaviours
        .contains(&B::Advice));
    assert!(es("Tienes que cuidarte.").behaviours.contains(&B::Advice));
}

#[test]
fn advice_judgement_and_self_focus() {
    for t in [
        "Deberías descansar más.",
        "¿Has probado a hacer ejercicio?",
        "Yo que tú pediría unos días libres.",
    ] {
        assert!(es(t).behaviours.contains(&B::Advice), "{t}");
    }
    let x = es("¿Por qué no te tomas unas vacaciones?");
    assert!(x.behaviours.contains(&B::Advice));
    assert_eq!(x.question, None);
    let x = es("¿Por qué no lo comprobaste con otra compañera?");
    assert!(x.behaviours.contains(&B::Judgement));
    assert_eq!(x.question, Some(QuestionKind::Open));
    assert!(es("Deberías haber comprobado la dosis.")
        .behaviours
        .contains(&B::Judgement));
    assert!(!es("Deberías haber comprobado la dosis.")
        .behaviours
        .contains(&B::Advice));
    assert!(es("A mí también me pasó algo parecido.")
        .behaviours
        .contains(&B::SelfFocus));
    assert!(es("Yo tampoco dormía cuando me pasó lo mío.")
        .behaviours
        .contains(&B::SelfFocus));
    // El error como parte del trabajo normaliza.
    for t in [
        "Todos cometemos errores.",
        "todo el mundo se equivoca",
        "Los errores le pasan a cualquiera.",
    ] {
        assert!(es(t).behaviours.contains(&B::Normalising), "{t}");
    }
}

#[test]
fn referral_needs_a_time_and_safety_steps() {
    let x = es("Vamos a llamar ahora al equipo de salud mental.");
    assert!(x.behaviours.contains(&B::Referral));
    assert!(x.behaviours.contains(&B::SafetyAction));
    assert!(!es("Algún día podrías ir a un psicólogo.")
        .behaviours
        .contains(&B::Referral));
    assert!(es("No quiero que te quedes sola esta noche.")
        .behaviours
        .contains(&B::SafetyAction));
    assert!(es("Tú nunca harías algo así.")
        .behaviours
        .contains(&B::DismissesRisk));
    assert!(es("Te llamo la semana que viene.")
        .behaviours
        .contains(&B::FollowUp));
    assert!(!es("Te llamo el mes que viene.")
        .behaviours
        .contains(&B::FollowUp));
}

#[test]
fn reflection_against_the_persona_line() {
    let p = "Estoy agotada. Llevo tres semanas sin librar y ya no puedo más.";
    let x = es_with("Llevas tres semanas sin librar y ya no puedes más.", p);
    assert!(x.behaviours.contains(&B::Reflection));
    let x = es_with("Parece que te sientes muy sola con esto.", "Vivo sola.");
    assert!(x.behaviours.contains(&B::Reflection));
    // A question is never a reflection.
    let x = es_with("¿Llevas tres semanas sin librar?", p);
    assert!(!x.behaviours.contains(&B::Reflection));
}
