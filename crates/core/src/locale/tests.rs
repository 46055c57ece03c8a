use super::catalogue::{compare, entries};
use super::*;
use crate::competency::Competency;
use crate::grading::Level;
use crate::red_flag::RedFlagCategory;

fn all_entries(lang: Language) -> Vec<catalogue::CatalogueEntry> {
    sources(lang)
        .iter()
        .flat_map(|src| entries(src).expect("embedded FTL parses"))
        .collect()
}

#[test]
fn embedded_catalogues_parse_without_junk_or_duplicates() {
    for lang in Language::ALL {
        for src in sources(lang) {
            let r = FluentResource::try_new(src.to_string());
            assert!(r.is_ok(), "{lang}: an FTL file has syntax errors");
        }
        let ids: Vec<String> = all_entries(lang).into_iter().map(|e| e.id).collect();
        let unique: std::collections::BTreeSet<&String> = ids.iter().collect();
        assert_eq!(
            unique.len(),
            ids.len(),
            "{lang}: a message id is defined twice"
        );
    }
}

#[test]
fn every_english_message_exists_in_spanish_with_the_same_variables() {
    let en = all_entries(Language::En);
    let es = all_entries(Language::Es);
    let c = compare(&en, &es);
    let show = |v: &[catalogue::CatalogueEntry]| {
        v.iter()
            .map(|e| format!("{} (line {})", e.id, e.line))
            .collect::<Vec<_>>()
    };
    assert!(
        c.missing.is_empty(),
        "missing in es: {:?}",
        show(&c.missing)
    );
    assert!(c.extra.is_empty(), "only in es: {:?}", show(&c.extra));
    assert!(
        c.variables_differ.is_empty(),
        "variables differ: {:?}",
        c.variables_differ
            .iter()
            .map(|(a, b)| format!("{}: en {:?}, es {:?}", a.id, a.variables, b.variables))
            .collect::<Vec<_>>()
    );
}

/// Every message id the core and the CLI ask for in their source (a
/// literal id passed to `get` or `text`, or a key built by a vocabulary)
/// exists in English.
#[test]
fn every_message_used_exists_in_english() {
    let en: std::collections::BTreeSet<String> = all_entries(Language::En)
        .into_iter()
        .map(|e| e.id)
        .collect();
    let mut used: Vec<String> = Vec::new();
    for c in Competency::ALL {
        used.push(c.title_key());
        used.push(c.description_key());
    }
    for f in RedFlagCategory::ALL {
        used.push(f.title_key());
    }
    for l in [
        Level::NotAssessed,
        Level::NotYet,
        Level::Developing,
        Level::Competent,
        Level::Exemplary,
    ] {
        used.push(l.label_key());
    }
    for b in [
        crate::analysis::MitiBand::BelowFair,
        crate::analysis::MitiBand::Fair,
        crate::analysis::MitiBand::Good,
    ] {
        used.push(b.label_key());
    }
    for d in [
        crate::scenario::metadata::Difficulty::Introductory,
        crate::scenario::metadata::Difficulty::Intermediate,
        crate::scenario::metadata::Difficulty::Advanced,
    ] {
        used.push(d.label_key());
    }
    for s in [
        crate::certification::Standing::NotStarted,
        crate::certification::Standing::InProgress,
        crate::certification::Standing::Certified,
        crate::certification::Standing::RefresherDue,
        crate::certification::Standing::ExpiredGrace,
        crate::certification::Standing::Lapsed,
    ] {
        used.push(s.key().to_string());
    }
    // xAPI verb displays are keyed by the verb id's last segment.
    for v in [
        crate::xapi::statement::COMPLETED,
        crate::xapi::statement::PASSED,
        crate::xapi::statement::FAILED,
        crate::xapi::statement::SATISFIED,
    ] {
        used.push(format!("xapi-verb-{}", v.rsplit('/').next().unwrap()));
    }
    // Literal ids in the source of core and CLI: `"some-id"` right after
    // `get(`, `text(` or `tr(`, and ids in `=> "x-y"` arms that pick one.
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/..");
    let literal = regex::Regex::new(
        r#"(?:\b(?:get|text|tr|tr_args)\(\s*|=> |id = )"([a-z][a-z0-9]*(?:-[a-z0-9]+)+)""#,
    )
    .unwrap();
    let mut files = Vec::new();
    for dir in ["core/src", "cli/src"] {
        collect_rs(&std::path::Path::new(root).join(dir), &mut files);
    }
    let mut scanned = 0;
    for f in files {
        let text = std::fs::read_to_string(&f).unwrap();
        if !text.contains("messages(") && !text.contains("locale::") && !text.contains("tr(") {
            continue;
        }
        for cap in literal.captures_iter(&text) {
            let id = cap[1].to_string();
            // Only message-like ids: the vocabularies' prefixes and the catalogues' groups.
            if en_prefix(&id) {
                scanned += 1;
                used.push(id);
            }
        }
    }
    assert!(scanned > 40, "the scan found only {scanned} literal ids");
    let missing: Vec<&String> = used.iter().filter(|k| !en.contains(*k)).collect();
    assert!(missing.is_empty(), "used but not in en: {missing:?}");
}

fn en_prefix(id: &str) -> bool {
    [
        "report-",
        "reason-",
        "status-",
        "missing-",
        "uncounted-",
        "countdown-",
        "next-action-",
        "cli-",
        "list-",
        "mode-",
        "level-",
        "competency-",
        "red-flag-",
        "miti-band-",
        "difficulty-",
        "xapi-",
        "ob-",
        "player-",
    ]
    .iter()
    .any(|p| id.starts_with(p))
}

fn collect_rs(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
    for e in std::fs::read_dir(dir).unwrap().flatten() {
        let p = e.path();
        if p.is_dir() {
            collect_rs(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

#[test]
fn negotiation_picks_the_first_supported_language_or_english() {
    assert_eq!(Language::negotiate(&["es_ES.UTF-8"]), Language::Es);
    assert_eq!(Language::negotiate(&["es-MX"]), Language::Es);
    assert_eq!(Language::negotiate(&["fr"]), Language::En);
    assert_eq!(Language::negotiate(&["fr-FR", "es"]), Language::Es);
    assert_eq!(Language::negotiate::<&str>(&[]), Language::En);
    assert_eq!(Language::negotiate(&["C"]), Language::En);
    assert_eq!(Language::negotiate(&["EN-gb"]), Language::En);
    assert_eq!("es_ES.UTF-8".parse::<Language>().unwrap(), Language::Es);
    let err = "fr".parse::<Language>().unwrap_err().to_string();
    assert!(err.contains("\"fr\"") && err.contains("en, es"), "{err}");
    assert_eq!(Language::Es.to_string(), "es");
    assert_eq!(serde_json::to_string(&Language::Es).unwrap(), "\"es\"");
}

#[test]
fn environment_follows_posix_precedence() {
    let env = |pairs: &'static [(&'static str, &'static str)]| {
        move |name: &str| {
            pairs
                .iter()
                .find(|(k, _)| *k == name)
                .map(|(_, v)| v.to_string())
        }
    };
    assert_eq!(
        Language::from_environment(env(&[("LANG", "es_ES.UTF-8")])),
        Some(Language::Es)
    );
    assert_eq!(
        Language::from_environment(env(&[("LANG", "es_ES.UTF-8"), ("LC_ALL", "en_GB.UTF-8")])),
        Some(Language::En)
    );
    assert_eq!(
        Language::from_environment(env(&[
            ("LC_ALL", ""),
            ("LC_MESSAGES", "es_MX"),
            ("LANG", "en_US")
        ])),
        Some(Language::Es)
    );
    assert_eq!(
        Language::from_environment(env(&[("LANG", "fr_FR.UTF-8")])),
        Some(Language::En)
    );
    assert_eq!(Language::from_environment(env(&[])), None);
}

#[test]
fn missing_messages_fall_back_to_english_then_to_the_id() {
    // A Spanish bundle built over a catalogue lacking one message.
    let es = messages(Language::Es);
    assert_eq!(es.text("report-verdict-passed"), "SUPERADO");
    assert_eq!(
        Competency::OpenQuestions.title_in(Language::Es),
        "Preguntas abiertas"
    );
    assert_eq!(Competency::OpenQuestions.title(), "Open questions");
    // Unknown everywhere: the id itself, never a panic.
    assert_eq!(es.text("no-such-message"), "no-such-message");
    assert_eq!(
        es.get("no-such-message", &[("x", 1.into())]),
        "no-such-message"
    );
    // Fallback: a bundle whose first language lacks a message formats it
    // from the English bundle behind it.
    let mut partial = FluentBundle::new_concurrent(vec!["es-ES".parse().unwrap()]);
    partial.set_use_isolating(false);
    partial
        .add_resource(FluentResource::try_new("report-verdict-passed = SUPERADO\n".into()).unwrap())
        .unwrap();
    let m = Messages {
        language: Language::Es,
        bundles: vec![partial, bundle(Language::En)],
        plain: HashMap::new(),
        unknown: Mutex::new(HashMap::new()),
    };
    assert_eq!(m.get("report-verdict-passed", &[]), "SUPERADO");
    assert_eq!(m.get("report-verdict-not-passed", &[]), "NOT PASSED");
    assert!(m.has_own("report-verdict-passed"));
    assert!(!m.has_own("report-verdict-not-passed"));
}

#[test]
fn variables_and_plurals_format_in_both_languages() {
    let en = messages(Language::En);
    let es = messages(Language::Es);
    assert_eq!(en.get("countdown-when", &[("days", 0.into())]), "today");
    assert_eq!(en.get("countdown-when", &[("days", 1.into())]), "in 1 day");
    assert_eq!(
        en.get("countdown-when", &[("days", 12.into())]),
        "in 12 days"
    );
    assert_eq!(
        es.get("countdown-when", &[("days", 12.into())]),
        "dentro de 12 días"
    );
    let one = es.get(
        "next-action-in-progress",
        &[("count", 1.into()), ("first", "x".into())],
    );
    assert!(one.contains("falta 1 requisito"), "{one}");
    let many = es.get(
        "next-action-in-progress",
        &[("count", 3.into()), ("first", "x".into())],
    );
    assert!(many.contains("faltan 3 requisitos"), "{many}");
    // No Unicode isolation marks in terminal and Markdown text.
    assert!(!many.contains('\u{2068}'));
}

#[test]
fn catalogue_entries_carry_lines_and_variables() {
    let src = "# c\nhello = Hi { $name }\n\n-brand = Rehearse\nbye =\n    { $n ->\n        [one] one\n       *[other] { $n } and { $who }\n    }\n    .title = T { $t }\n";
    let e = entries(src).unwrap();
    assert_eq!(e.len(), 3);
    assert_eq!((e[0].id.as_str(), e[0].line), ("hello", 2));
    assert_eq!(e[0].variables.iter().collect::<Vec<_>>(), ["name"]);
    assert_eq!((e[1].id.as_str(), e[1].line), ("-brand", 4));
    assert_eq!((e[2].id.as_str(), e[2].line), ("bye", 5));
    assert_eq!(e[2].variables.iter().collect::<Vec<_>>(), ["n", "t", "who"]);
    assert_eq!(e[2].attributes, ["title"]);
    let err = entries("ok = fine\n\n= no id\n").unwrap_err().to_string();
    assert!(err.starts_with("line 3"), "{err}");
}

#[test]
fn xapi_language_maps_carry_english_and_spanish() {
    let m = language_map("xapi-verb-passed", &[]);
    assert_eq!(
        m,
        serde_json::json!({ "en-US": "passed", "es-ES": "superó" })
    );
    let s = crate::xapi::statement::attempt_statements(&crate::xapi::statement::tests::sample());
    let displays: Vec<&serde_json::Value> = s.iter().map(|st| &st["verb"]["display"]).collect();
    assert!(
        displays
            .iter()
            .all(|d| d["en-US"].is_string() && d["es-ES"].is_string()),
        "{displays:?}"
    );
}
