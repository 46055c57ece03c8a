//! Unit tests for the analyser's robustness rules, on the English rules.

use super::*;
use crate::behaviour::Behaviour as B;
use crate::behaviour::Behaviour;

fn a(text: &str) -> Analysis {
    analyse(text, None).expect("analysis")
}

fn with(text: &str, previous: &str) -> Analysis {
    analyse(text, Some(previous)).expect("analysis")
}

fn has(x: &Analysis, b: Behaviour) -> bool {
    x.behaviours.contains(&b)
}

#[test]
fn english_rules_compile_and_report_language() {
    let en = Analyser::english();
    assert_eq!(en.language(), "en");
    assert_eq!(en.language_name(), "English");
}

#[test]
fn open_question_since_the_night() {
    let x = a("How have you been since the night it happened?");
    assert_eq!(x.question, Some(QuestionKind::Open));
    assert!(!has(&x, B::FactFinding));
}

#[test]
fn dose_check_is_closed_fact_finding() {
    let x = a("Did you check the dose?");
    assert_eq!(x.question, Some(QuestionKind::Closed));
    assert!(has(&x, B::FactFinding));
    assert_eq!(x.evidence[&Competency::NotFactFinding], -2);
    assert_eq!(x.evidence[&Competency::OpenQuestions], -1);
}

#[test]
fn questions_without_question_marks() {
    assert_eq!(
        a("did you sleep last night").question,
        Some(QuestionKind::Closed)
    );
    assert_eq!(
        a("tell me about the night shift").question,
        Some(QuestionKind::Open)
    );
    assert_eq!(
        a("I wonder what that was like for you").question,
        Some(QuestionKind::Open)
    );
    assert_eq!(a("can you say more").question, Some(QuestionKind::Open));
    assert_eq!(a("What you did took courage.").question, None);
}

#[test]
fn a_cleft_statement_is_not_an_open_question() {
    // "What X is/was Y" with no question mark tells, it does not ask.
    for text in [
        "What matters is that you are safe tonight.",
        "what helped me was talking to someone",
        "what happened was that nobody came",
    ] {
        assert_eq!(a(text).question, None, "{text}");
    }
    // The same heads still ask without a question mark, and with one a
    // copula does not matter.
    for text in [
        "what helped you",
        "what happened to you",
        "what matters most to you right now",
        "What matters is what, for you?",
    ] {
        assert_eq!(a(text).question, Some(QuestionKind::Open), "{text}");
    }
}

#[test]
fn the_last_question_decides_and_statements_before_questions_count() {
    assert_eq!(
        a("Did you sleep? How are you feeling today?").question,
        Some(QuestionKind::Open)
    );
    assert_eq!(
        a("How are you feeling today? Did you sleep?").question,
        Some(QuestionKind::Closed)
    );
    assert_eq!(
        a("I know this is hard. What's on your mind?").question,
        Some(QuestionKind::Open)
    );
    assert_eq!(
        a("You were on your own, weren't you?").question,
        Some(QuestionKind::Closed)
    );
    assert_eq!(
        a("Have you tried mindfulness? It helps.").question,
        Some(QuestionKind::Closed)
    );
}

#[test]
fn negation_stops_judgement() {
    let x = a("I'm not here to judge you");
    assert!(!has(&x, B::Judgement));
    let x = a("You shouldn't blame yourself.");
    assert!(has(&x, B::PrematureReassurance));
    assert!(!has(&x, B::Judgement));
    let x = a("It wasn't your fault.");
    assert!(has(&x, B::PrematureReassurance));
    assert!(!has(&x, B::Judgement));
    assert!(has(&a("It was your fault."), B::Judgement));
}

#[test]
fn self_blame_given_back_is_a_reflection_not_a_judgement() {
    for text in [
        "You feel you should have spotted it sooner.",
        "you keep telling yourself you should have known",
        "Part of you thinks it was your fault.",
        "It sounds like you blame yourself and think it was all your fault.",
        "You're telling yourself you were careless.",
    ] {
        let x = a(text);
        assert!(!has(&x, B::Judgement), "{text}: {:?}", x.rules);
        assert!(has(&x, B::Reflection), "{text}: {:?}", x.rules);
        assert_eq!(x.evidence.get(&Competency::NoJudgement), None, "{text}");
    }
    // The supporter's own verdict, a frame that is not the person's, and a
    // clause of its own after the frame are still judgements.
    for text in [
        "You should have spotted it sooner.",
        "It sounds like you were careless.",
        "You feel awful, but you should have checked.",
        "you feel awful but you should have checked",
        "I think you made a mistake.",
        "Do you feel it was your fault?",
        "Don't you think you should have told someone?",
    ] {
        assert!(has(&a(text), B::Judgement), "{text}");
    }
}

#[test]
fn contractions_curly_apostrophes_and_capitals() {
    for text in [
        "It wasn’t your fault.",
        "IT WAS NOT YOUR FAULT",
        "It wasn't your fault",
        "It was NOT your fault, you know",
    ] {
        let x = a(text);
        assert!(has(&x, B::PrematureReassurance), "{text}");
        assert!(!has(&x, B::Judgement), "{text}");
    }
    assert!(has(
        &a("I know you DON’T want to hear it, but YOU SHOULD HAVE CHECKED."),
        B::Judgement
    ));
    assert!(has(&a("You really should’ve checked."), B::Judgement));
    assert!(has(&a("I’m here."), B::Presence));
}

#[test]
fn quoted_persona_words_are_reflection_not_judgement() {
    let prev = "I killed him.";
    let x = with(
        "You said 'I killed him'. That's a heavy thing to carry.",
        prev,
    );
    assert!(has(&x, B::Reflection), "{:?}", x.rules);
    assert!(!has(&x, B::Judgement));
    let x = with(
        "They told you \"it was your fault\".",
        "My manager said it was my fault.",
    );
    assert!(has(&x, B::Reflection));
    assert!(!has(&x, B::Judgement));
}

#[test]
fn reflection_needs_the_persona_line_or_a_stem() {
    let prev = "I can't sleep, I keep seeing the pen in my hand.";
    assert!(has(
        &with("You keep seeing the pen and you can't sleep.", prev),
        B::Reflection
    ));
    assert!(has(
        &a("It sounds like you feel very alone."),
        B::Reflection
    ));
    // A question is never a reflection, however much it echoes.
    assert!(!has(
        &with("Do you keep seeing the pen?", prev),
        B::Reflection
    ));
}

#[test]
fn spans_point_into_the_original_text() {
    let text = "Honestly?  You SHOULDN’T have turned your back.";
    let x = a(text);
    for hit in &x.rules {
        assert_eq!(&text[hit.span.start..hit.span.end], hit.span.text);
    }
    let j = x
        .rules
        .iter()
        .find(|h| h.label == "judgement")
        .expect("judgement hit");
    assert!(j.span.text.starts_with("You SHOULDN’T have"));
    assert!(j.rule.starts_with("en.judgement."));
}

#[test]
fn silence_and_the_length_cap() {
    for blank in ["", "   ", "\n\t "] {
        let x = a(blank);
        assert!(x.silence);
        assert_eq!(x.question, None);
        assert_eq!(x.evidence.get(&Competency::AllowSilence), Some(&1));
    }
    let ok = "a".repeat(MAX_UTTERANCE_CHARS);
    assert!(analyse(&ok, None).is_ok());
    let long = "é".repeat(MAX_UTTERANCE_CHARS + 1);
    match analyse(&long, None) {
        Err(Error::UtteranceTooLong { chars, limit }) => {
            assert_eq!(chars, MAX_UTTERANCE_CHARS + 1);
            assert_eq!(limit, MAX_UTTERANCE_CHARS);
        }
        other => panic!("expected UtteranceTooLong, got {other:?}"),
    }
}

#[test]
fn odd_inputs_never_panic() {
    let long_words = "why didn't you check? ".repeat(180);
    let inputs = [
        "😢😢😢",
        "?!?!...;;;",
        "'",
        "\"",
        "You said \"I killed him",
        "'unfinished quote and more",
        "''''\"\"\"“”‘’",
        "İstanbul ǅ ß ﬁ",
        "\u{0}\u{1}\u{7f}",
        "a.b.c.d?e!f",
        "2.5 units?",
        long_words.as_str(),
        "...",
        "- - -",
        "#####",
    ];
    for text in inputs {
        let x = analyse(text, Some(text)).expect("analysis");
        for hit in &x.rules {
            assert!(hit.span.start <= hit.span.end && hit.span.end <= text.len());
            assert!(text.is_char_boundary(hit.span.start) && text.is_char_boundary(hit.span.end));
        }
        for v in x.evidence.values() {
            assert!((EVIDENCE_MIN..=EVIDENCE_MAX).contains(v));
        }
    }
    let big = "x".repeat(3999) + "😢";
    assert!(analyse(&big, None).is_ok());
}

#[test]
fn behaviours_are_sorted_and_unique() {
    let x = a(
        "It sounds like you feel guilty. It wasn't your fault, you did nothing wrong. I'm here.",
    );
    let mut sorted = x.behaviours.clone();
    sorted.sort();
    sorted.dedup();
    assert_eq!(x.behaviours, sorted);
}

#[test]
fn red_flag_responses() {
    let x = a("Are you having thoughts of killing yourself?");
    assert!(has(&x, B::SuicideInquiry));
    assert!(has(&a("Have you made a plan?"), B::RiskAssessment));
    assert!(has(
        &a("I'd like you to see the crisis team today."),
        B::Referral
    ));
    assert!(has(
        &a("I'm not going to leave you on your own."),
        B::SafetyAction
    ));
    let x = a("You'd never do anything silly, would you?");
    assert!(!has(&x, B::SuicideInquiry));
    assert!(has(&x, B::PrematureReassurance));
}

#[test]
fn from_toml_is_the_path_for_other_languages() {
    let toy = r#"
        [language]
        id = "xx"
        [negation]
        window = 3
        cues = ["nae"]
        [question]
        open_heads = ["hoo"]
        closed_heads = ["whan"]
        auxiliaries = ["dae"]
        subjects = ["ye"]
        [reflection]
        min_shared = 2
        min_shared_second_person = 1
        min_word_len = 3
        [[rule]]
        id = "presence.here"
        label = "presence"
        patterns = ["ah'm here"]
    "#;
    let xx = Analyser::from_toml("xx", toy).expect("toy rules");
    assert_eq!(xx.language(), "xx");
    let x = xx
        .analyse("Ah'm here. Hoo are ye?", None)
        .expect("analysis");
    assert_eq!(x.question, Some(QuestionKind::Open));
    assert_eq!(x.behaviours, vec![B::Presence]);
    assert_eq!(
        x.rules
            .iter()
            .find(|h| h.label == "presence")
            .map(|h| h.rule.as_str()),
        Some("xx.presence.here")
    );
    assert!(xx
        .analyse("Nae ah'm here", None)
        .expect("analysis")
        .behaviours
        .is_empty());
}

#[test]
fn bad_rule_files_are_clear_errors() {
    match Analyser::from_toml("xx", "not toml [") {
        Err(e @ Error::AnalyserRules { .. }) => assert!(e.to_string().contains("\"xx\""), "{e}"),
        other => panic!("expected AnalyserRules, got {other:?}"),
    }
    let en = include_str!("../../rules/en.toml");
    let e = Analyser::from_toml("fr", en).expect_err("language mismatch");
    assert!(e.to_string().contains("declares language \"en\""), "{e}");
    let broken = en.replacen("label = \"presence\"", "label = \"presense\"", 1);
    let e = Analyser::from_toml("en", &broken).expect_err("unknown label");
    assert!(e.to_string().contains("presence"), "{e}");
    let broken = en.replacen("\"next steps?\"", "\"next (steps\"", 1);
    assert!(Analyser::from_toml("en", &broken).is_err());
    let broken = en.replacen("\"next steps?\"", "\"@nosuchlist\"", 1);
    let e = Analyser::from_toml("en", &broken).expect_err("unknown lexicon");
    assert!(e.to_string().contains("nosuchlist"), "{e}");
    let broken = en.replacen(
        "\nnegatable = \"governed\"",
        "\nnegatable = \"sometimes\"",
        1,
    );
    let e = Analyser::from_toml("en", &broken).expect_err("unknown negation mode");
    assert!(e.to_string().contains("\"sometimes\""), "{e}");
    let broken = en.replacen("\nblockers = [\"do\"", "\nblocker = [\"do\"", 1);
    let e = Analyser::from_toml("en", &broken).expect_err("unknown attribution key");
    assert!(e.to_string().contains("blocker"), "{e}");
    let broken = en.replacen("\nattributable = true", "\nattributable = \"yes\"", 1);
    assert!(Analyser::from_toml("en", &broken).is_err());
    let (head, rest) = en
        .split_once("[attribution]\n")
        .expect("an [attribution] table");
    let broken = format!(
        "{head}{}",
        &rest[rest.find("[question]").expect("[question]")..]
    );
    let e = Analyser::from_toml("en", &broken).expect_err("attributable without frames");
    assert!(
        e.to_string().contains(
            "en.judgement.should_have: attributable = true, but [attribution] lists no frames"
        ),
        "{e}"
    );
    // A frame names a lexicon list: it must exist, and be the only one.
    let broken = en.replacen("[\n  \"you @thought\",", "[\n  \"you @thoughtz\",", 1);
    let e = Analyser::from_toml("en", &broken).expect_err("unknown list in a frame");
    assert!(
        e.to_string()
            .contains("attribution.frames: \"you @thoughtz\": unknown lexicon list @thoughtz"),
        "{e}"
    );
    let broken = en.replacen("[\n  \"you @thought\",", "[\n  \"you @thought @deg\",", 1);
    let e = Analyser::from_toml("en", &broken).expect_err("two lists in a frame");
    assert!(
        e.to_string().contains("names more than one lexicon list"),
        "{e}"
    );
    let broken = en.replacen("\"i @own_adverb\"", "\"i @own_adverbz\"", 1);
    let e = Analyser::from_toml("en", &broken).expect_err("unknown list in not_after");
    assert!(
        e.to_string().contains(
            "rule en.feeling_named.attributed: not_after: \"i @own_adverbz\": unknown lexicon list"
        ),
        "{e}"
    );
    let broken = en.replacen("not_with = [\"you\",", "not_with = [\"you all\",", 1);
    let e = Analyser::from_toml("en", &broken).expect_err("a phrase in not_with");
    assert!(
        e.to_string()
            .contains("rule en.self_focus.past: not_with: \"you all\" is not one word"),
        "{e}"
    );
    let broken = en.replacen("\"@support_step\"", "\"@support_stepz\"", 1);
    let e = Analyser::from_toml("en", &broken).expect_err("unknown label set");
    assert!(
        e.to_string().contains("unknown label set @support_stepz"),
        "{e}"
    );
    let broken = en.replacen(
        "support_step = [\"referral\"",
        "support_step = [\"@other_move\", \"referral\"",
        1,
    );
    let e = Analyser::from_toml("en", &broken).expect_err("nested label set");
    assert!(e.to_string().contains("label_sets.support_step"), "{e}");
    let broken = en.replacen(
        "support_step = [\"referral\"",
        "support_step = [\"referal\"",
        1,
    );
    let e = Analyser::from_toml("en", &broken).expect_err("unknown label in a set");
    assert!(e.to_string().contains("referal"), "{e}");
    let broken = en.replacen("support_step = [", "own_move = [", 1);
    let e = Analyser::from_toml("en", &broken).expect_err("a set named like a lexicon list");
    assert!(e.to_string().contains("label_sets.own_move"), "{e}");
}

#[test]
fn label_sets_expand_in_place_without_repeats() {
    let rules = |a: &Analyser, id: &str| -> Vec<Behaviour> {
        a.compiled
            .rules
            .iter()
            .find(|r| r.id == id)
            .map(|r| r.suppressed_by.clone())
            .unwrap_or_else(|| panic!("no rule {id}"))
    };
    let en = Analyser::english();
    let stem = rules(en, "en.reflection.stem");
    assert_eq!(stem.len(), 12, "{stem:?}");
    assert_eq!(stem[0], B::Judgement);
    assert!(
        stem.contains(&B::SafetyAction) && stem.ends_with(&[B::SuicideInquiry, B::RiskAssessment])
    );
    assert_eq!(stem, rules(en, "en.reflection.checking"));
    assert_eq!(
        rules(en, "en.advice.directive"),
        vec![B::Referral, B::LegalOffer, B::SafetyAction]
    );
    assert_eq!(en.compiled.reflection.suppressed_by.len(), 13);
    // A label named both in the set and beside it counts once.
    let text = include_str!("../../rules/en.toml").replacen(
        "[\"@support_step\"]",
        "[\"safety_action\", \"@support_step\", \"referral\"]",
        1,
    );
    let again = Analyser::from_toml("en", &text).expect("rules");
    assert_eq!(
        rules(&again, "en.advice.directive"),
        vec![B::SafetyAction, B::Referral, B::LegalOffer]
    );
}

#[test]
fn measures_follow_miti_thresholds() {
    let r1 = a("It sounds like you feel alone.");
    let r2 = a("So you were on your own with it.");
    let q = a("What was that like?");
    let closed = a("Did you sleep?");
    let turns = [
        MeasuredTurn {
            supporter: Some("It sounds like you feel alone."),
            analysis: Some(&r1),
            persona_line: "I was on my own.",
        },
        MeasuredTurn {
            supporter: Some("So you were on your own with it."),
            analysis: Some(&r2),
            persona_line: "Nobody came.",
        },
        MeasuredTurn {
            supporter: Some("What was that like?"),
            analysis: Some(&q),
            persona_line: "Awful.",
        },
        MeasuredTurn {
            supporter: None,
            analysis: None,
            persona_line: "...",
        },
    ];
    let m = measure(turns);
    assert_eq!(
        (
            m.questions,
            m.open_questions,
            m.reflections,
            m.silences_kept
        ),
        (1, 1, 2, 1)
    );
    assert_eq!(m.miti_band, Some(MitiBand::Good));
    assert_eq!(m.open_question_share, Some(1.0));
    assert_eq!(m.supporter_words, 6 + 8 + 4);
    assert_eq!(m.persona_words, 5 + 2 + 1);
    let turns = [
        MeasuredTurn {
            supporter: Some("What was that like?"),
            analysis: Some(&q),
            persona_line: "",
        },
        MeasuredTurn {
            supporter: Some("Did you sleep?"),
            analysis: Some(&closed),
            persona_line: "",
        },
        MeasuredTurn {
            supporter: Some("So you were on your own with it."),
            analysis: Some(&r2),
            persona_line: "",
        },
    ];
    let m = measure(turns);
    assert_eq!(m.miti_band, Some(MitiBand::BelowFair));
    assert_eq!(m.open_question_share, Some(0.5));
    assert_eq!(measure(std::iter::empty()).miti_band, None);
}

#[test]
fn batch_plain_and_jsonl() {
    let input = "Did you check the dose?\n\nHow are you?\n";
    let mut out = Vec::new();
    let s = analyse_stream(input.as_bytes(), &mut out, false, false).expect("io");
    assert_eq!(
        s,
        BatchSummary {
            lines: 3,
            failed: 0,
            first_failed_line: None,
        }
    );
    let text = String::from_utf8(out).expect("utf8");
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 3);
    assert!(lines[0].contains("\"question\":\"closed\"") && lines[0].contains("\"fact_finding\""));
    assert!(lines[1].contains("\"silence\":true"));
    assert!(lines[2].contains("\"question\":\"open\""));
    for l in &lines {
        for key in [
            "\"question\":",
            "\"behaviours\":",
            "\"evidence\":",
            "\"rules\":",
        ] {
            assert!(l.contains(key), "{l}");
        }
    }

    let input = concat!(
        "{\"text\": \"You said 'I killed him'.\", \"previous\": \"I killed him.\"}\n",
        "not json\n",
        "{\"previous\": \"x\"}\n",
        "{\"text\": \"How are you?\"}\n",
    );
    let mut out = Vec::new();
    let s = analyse_stream(input.as_bytes(), &mut out, true, false).expect("io");
    assert_eq!(
        s,
        BatchSummary {
            lines: 4,
            failed: 2,
            first_failed_line: Some(2),
        }
    );
    let text = String::from_utf8(out).expect("utf8");
    let lines: Vec<&str> = text.lines().collect();
    assert!(lines[0].contains("\"reflection\""));
    assert!(lines[1].starts_with("{\"line\":2,\"error\":"));
    assert!(lines[2].contains("\"line\":3") && lines[2].contains("text"));
    assert!(lines[3].contains("\"question\":\"open\""));
}

#[test]
fn batch_reports_bad_bytes_and_long_lines_and_explains() {
    let mut input = b"ok then\n\xff\xfe bad\n".to_vec();
    input.extend(vec![b'a'; MAX_UTTERANCE_CHARS + 1]);
    input.extend(b"\nfine?\n");
    let mut out = Vec::new();
    let s = analyse_stream(&input[..], &mut out, false, false).expect("io");
    assert_eq!(
        s,
        BatchSummary {
            lines: 4,
            failed: 2,
            first_failed_line: Some(2),
        }
    );
    let text = String::from_utf8(out).expect("utf8");
    assert!(text.contains("{\"line\":2,\"error\":\"invalid UTF-8"));
    assert!(text.contains("{\"line\":3,\"error\":\"the response is 4001 characters"));

    let mut out = Vec::new();
    analyse_stream(&b"Did you check the dose?\n"[..], &mut out, false, true).expect("io");
    let text = String::from_utf8(out).expect("utf8");
    assert!(
        text.contains("fact_finding") && text.contains("[") && text.contains("en.fact_finding."),
        "{text}"
    );
}

fn labels(text: &str, previous: Option<&str>) -> Vec<Behaviour> {
    analyse(text, previous).expect("analysis").behaviours
}

#[test]
fn suggestions_in_their_many_forms_are_advice() {
    for text in [
        "maybe you could write it all down before bed",
        "Have you tried talking to your sister about it?",
        "It might be worth taking a few days off.",
        "i would look into a support group",
        "one thing that helps is a walk after your shift",
        "Why not try going for a walk?",
        "you need to get some proper sleep",
        "try and get out for some air this afternoon",
    ] {
        assert!(labels(text, None).contains(&Behaviour::Advice), "{text}");
    }
    // Presence and invitations shaped like imperatives are not advice.
    for text in [
        "Take your time.",
        "Tell me more about that night.",
        "Take care.",
    ] {
        assert!(!labels(text, None).contains(&Behaviour::Advice), "{text}");
    }
}

#[test]
fn self_disclosure_is_self_focus_but_supporter_talk_is_not() {
    for text in [
        "I have been there myself.",
        "when i was a student i failed an exam twice",
        "That happened to me too.",
        "I felt the same after my first death.",
        "Same here, my dad was ill last winter.",
        // The supporter's own life with no "me too" in it.
        "I moved wards after my second year, it was too much.",
        "it took me most of a year to sleep properly again",
        "I have had a couple of complaints like that myself and it never gets easier.",
        "My youngest has just started on the wards.",
        "I often feel flat after a run of nights.",
        // The supporter's own past told as a story.
        "I lost my grandad the week before my finals.",
        "i ended up leaving that trust after the inquiry",
        "I had a horrible year after my divorce.",
        "I was bullied on my first ward.",
        "I had to resit my pharmacology exam.",
        "I eventually went to a counsellor through occupational health.",
    ] {
        assert!(labels(text, None).contains(&Behaviour::SelfFocus), "{text}");
    }
    for text in [
        "I'm here.",
        "I'll call you next week.",
        "I wonder what that was like.",
        // A supporter's errands for the person are not their own story.
        "I stopped by the ward to see how you were.",
        "I have been trying to reach you all morning.",
        "I tried to call you last night.",
        "I have moved your shifts to days next week.",
        "My colleague has asked me to check on you.",
        "What I did was ring occupational health.",
        "I also get that.",
        "I'll stay with you while we ring occupational health today.",
        // Errands, and a sentence that speaks to the person, are not the
        // supporter's past.
        "I had a word with the matron.",
        "I left a message with the duty manager.",
        "I was worried about you after that shift.",
        "I found your locker key on the ward.",
        "I find that helpful to know.",
    ] {
        assert!(
            !labels(text, None).contains(&Behaviour::SelfFocus),
            "{text}"
        );
    }
}

#[test]
fn affirmation_is_kept_apart_from_minimising() {
    let a = labels("That took real courage.", None);
    assert!(a.contains(&Behaviour::Validation) && !a.contains(&Behaviour::Minimising));
    let a = labels("You will get through this.", None);
    assert!(a.contains(&Behaviour::PrematureReassurance));
    let a = labels("At least nobody died.", None);
    assert!(a.contains(&Behaviour::Minimising) && !a.contains(&Behaviour::Validation));
    // Error named as part of the work is normalising.
    for text in ["Everyone makes mistakes.", "mistakes happen to all of us"] {
        assert!(
            labels(text, None).contains(&Behaviour::Normalising),
            "{text}"
        );
    }
    // The person's worth named is validation, not a verdict on the event.
    for text in [
        "Your team are lucky to have you.",
        "It shows how much you care about your patients.",
        "what a good colleague you are",
        "I admire how honest you have been with the family.",
        "You should be proud of yourself for speaking up.",
    ] {
        let a = labels(text, None);
        assert!(
            a.contains(&Behaviour::Validation) && !a.contains(&Behaviour::PrematureReassurance),
            "{text}: {a:?}"
        );
    }
}

#[test]
fn informal_spelling_and_run_on_questions_still_read() {
    // Contractions without apostrophes, "u", misspelt feeling words.
    let a = analyse("u sound really anxous about it", None).expect("analysis");
    assert!(a.behaviours.contains(&Behaviour::FeelingNamed), "{a:?}");
    let a = analyse("your not safe to drive", None).expect("analysis");
    assert!(a.behaviours.contains(&Behaviour::SafetyAction) || a.question.is_none());
    // An inverted auxiliary after a name or a lead-in asks, with no "?".
    for text in [
        "priya are you having thoughts of killing yourself",
        "when you said that earlier do you mean youve thought about ending your life",
    ] {
        let a = analyse(text, None).expect("analysis");
        assert_eq!(a.question, Some(QuestionKind::Closed), "{text}");
        assert!(a.behaviours.contains(&Behaviour::SuicideInquiry), "{text}");
    }
    // But a subordinate "what you are" is no question.
    let a = analyse("what you are doing is brave", None).expect("analysis");
    assert_eq!(a.question, None);
}

#[test]
fn stacked_questions_are_counted() {
    let two = analyse("How are you? Did you sleep at all?", None).expect("analysis");
    let one = analyse("How are you doing today?", None).expect("analysis");
    assert_eq!(question_count(&two), 2);
    assert_eq!(question_count(&one), 1);
    let turns = [
        MeasuredTurn {
            supporter: Some("How are you? Did you sleep at all?"),
            analysis: Some(&two),
            persona_line: "",
        },
        MeasuredTurn {
            supporter: Some("How are you doing today?"),
            analysis: Some(&one),
            persona_line: "",
        },
    ];
    assert_eq!(measure(turns).stacked_questions, 1);
}

#[test]
fn lemmas_let_a_paraphrase_overlap_in_other_words() {
    // "mum" and "mother", "lost" and "losing": two shared content words.
    let a = labels(
        "Losing your job straight after your mum being ill.",
        Some("I lost my work the week my mother went into hospital."),
    );
    assert!(a.contains(&Behaviour::Reflection), "{a:?}");
}

#[test]
fn end_marker_needs_the_clause_to_close() {
    assert!(labels("Me too.", None).contains(&Behaviour::SelfFocus));
    assert!(!labels("me too often forget", None).contains(&Behaviour::SelfFocus));
}

#[test]
fn refusing_dismissive_wording_is_not_saying_it() {
    for (text, label) in [
        ("You're not safe to drive home.", B::DismissesRisk),
        (
            "I can't promise there's nothing to worry about.",
            B::Minimising,
        ),
        ("I can't assume you'd never do anything.", B::DismissesRisk),
        (
            "I can't assume you'd never do anything.",
            B::PrematureReassurance,
        ),
        (
            "I can't tell you it wasn't your fault yet.",
            B::PrematureReassurance,
        ),
        ("This can't stay between us.", B::Confidentiality),
        (
            "I can't keep what you've told me between us.",
            B::Confidentiality,
        ),
        ("I'm not saying you shouldn't drive.", B::SafetyAction),
        (
            "I don't think we need to ring the crisis team right now.",
            B::Referral,
        ),
    ] {
        assert!(!has(&a(text), label), "{text}: {label:?}");
    }
    for (text, label) in [
        ("You're fine to drive home.", B::DismissesRisk),
        ("There's nothing to worry about.", B::Minimising),
        ("don't worry it's nothing", B::Minimising),
        ("No, you'd never do that.", B::DismissesRisk),
        ("no you'd never do that", B::DismissesRisk),
        ("This stays between us.", B::Confidentiality),
        ("You shouldn't drive today.", B::SafetyAction),
    ] {
        assert!(has(&a(text), label), "{text}: {label:?}");
    }
}

#[test]
fn plain_suicide_questions_are_inquiries_and_vague_ones_are_not() {
    for text in [
        "are you having suicidal thoughts?",
        "were you thinking of taking an overdose?",
        "what would you take?",
        "have you thought about how you'd do it?",
        "do you feel like ending it?",
        "are you thinking of killing yourself?",
        "Are you suicidal?",
        "Do you want to die?",
    ] {
        assert!(has(&a(text), B::SuicideInquiry), "{text}");
    }
    for text in [
        "are you ok?",
        "How are you doing?",
        "Are you planning to end your shift early?",
        "Do you feel like ending it with him?",
        "What would you like to do next?",
    ] {
        assert!(!has(&a(text), B::SuicideInquiry), "{text}");
    }
}

#[test]
fn affirms_uses_the_governed_negation() {
    let en = Analyser::english();
    assert!(en.affirms("This stays between us.", &["between us"]));
    assert!(!en.affirms("This can't stay between us.", &["between us"]));
    assert!(!en.affirms("I can't stay with you tonight.", &["stay with you"]));
    assert!(en.affirms("Don't worry, I'll stay with you.", &["stay with you"]));
    assert!(!en.affirms("We don't need the crisis team now.", &["crisis team"]));
    assert!(en.affirms("I won't tell anyone.", &["won't tell anyone"]));
    assert!(!en.affirms(
        "I can't promise I won't tell anyone.",
        &["won't tell anyone"]
    ));
    // Whole words only, quotes masked, empty phrases never match.
    assert!(!en.affirms("the outpatients", &["patient"]));
    // Words under a negated phrase are negated for the phrases that share them.
    let steps = ["take you off", "off the rota", "taxi"];
    assert!(!en.affirms("I'm not going to take you off the rota.", &steps));
    assert!(en.affirms("I'm going to take you off the rota.", &steps));
    assert!(en.affirms(
        "I won't ask you to drive, I'll take you off the rota.",
        &steps
    ));
    assert!(en.affirms(
        "I'm not going to take you off the rota, I'll get you a taxi.",
        &steps
    ));
    // A phrase that carries its own negation is not cancelled by a shorter
    // phrase inside it, which that negation governs.
    let off = ["not working tonight", "working tonight"];
    assert!(en.affirms("You're not working tonight.", &off));
    assert!(!en.affirms("You said 'between us'.", &["between us"]));
    assert!(!en.affirms("anything", &[""]));
}

#[test]
fn a_declined_step_is_no_referral_and_an_urged_one_is() {
    let steps = |x: &Analysis| has(x, B::Referral) || has(x, B::SafetyAction);
    let es = |t: &str| Analyser::spanish().analyse(t, None).expect("analysis");
    // A negator before the verb declines the step, whatever the verb.
    for text in [
        "I'm not going to send you to your GP today.",
        "I don't think you need to see occupational health today.",
        "I'm not going to make you talk to the crisis team today.",
        "I'm not going to push you into seeing staff psychology today.",
        "I won't force you to ring the crisis team tonight.",
    ] {
        let x = a(text);
        assert!(!steps(&x), "{text}: {:?}", x.rules);
    }
    for text in [
        "No te voy a mandar hoy a tu médica.",
        "No creo que tengas que ir hoy a salud laboral.",
        "No te voy a obligar a ir hoy a salud laboral.",
    ] {
        let x = es(text);
        assert!(!steps(&x), "{text}: {:?}", x.rules);
    }
    // A negator spent on "hesitate" or "afraid", or ended by a new clause,
    // leaves the step standing.
    for text in [
        "Don't hesitate to call the crisis team tonight.",
        "its not your fault we will ring your GP together now",
        "I'd like us to ring your GP together now.",
    ] {
        let x = a(text);
        assert!(has(&x, B::SafetyAction), "{text}: {:?}", x.rules);
    }
    let x = es("No dudes en llamar hoy a tu médico de cabecera.");
    assert!(has(&x, B::SafetyAction), "{:?}", x.rules);
    // "Not … without" makes the step a condition, so it is taken; "without"
    // alone still declines it.
    for text in [
        "You are not going home tonight without speaking to the on-call psychiatrist.",
        "please dont leave without seeing your GP today",
        "I'm not letting you leave without us calling the crisis team together today.",
    ] {
        let x = a(text);
        assert!(
            has(&x, B::Referral) && has(&x, B::SafetyAction),
            "{text}: {:?}",
            x.rules
        );
    }
    let x = es("No te vas a casa sin hablar hoy con salud mental.");
    assert!(
        has(&x, B::Referral) && has(&x, B::SafetyAction),
        "{:?}",
        x.rules
    );
    for x in [
        a("You can go home today without seeing anyone from the crisis team."),
        es("Puedes irte a casa sin hablar hoy con salud mental."),
    ] {
        assert!(!steps(&x), "{:?}", x.rules);
    }
    // `offers` reads scenario steps the same way; `affirms` keeps the
    // narrower, governed negation.
    let en = Analyser::english();
    assert!(!en.offers("I'm not going to send you to your GP today.", &["gp"]));
    assert!(en.affirms("I'm not going to send you to your GP today.", &["gp"]));
    assert!(en.offers("Please don't hesitate to ring your GP today.", &["gp"]));
    let both = ["hand them over", "stay with someone"];
    assert!(!en.offers(
        "You don't have to hand them over or stay with someone.",
        &both
    ));
    assert!(en.offers(
        "You don't have to go home or you could stay with someone.",
        &both
    ));
    // A step with its own negation is judged by the governed test.
    assert!(en.offers("You're not safe to drive home.", &["not safe"]));
}

#[test]
fn the_supporters_own_feeling_is_not_the_persons_named() {
    for text in [
        "I feel so sad for you.",
        "I'm feeling anxious just hearing it.",
        "i really feel awful about it",
        "I have also been feeling low lately.",
        "I was devastated when I heard.",
    ] {
        let x = a(text);
        assert!(!has(&x, B::FeelingNamed), "{text}: {:?}", x.rules);
    }
    // The person's feeling, and the supporter perceiving it, still count.
    for text in [
        "You must feel so sad.",
        "I know you feel ashamed.",
        "I'm sorry you feel so alone.",
        "I'm picking up a lot of sadness.",
        "I understand being nervous about it.",
        "Feeling guilty after something like this is really common.",
        "I can imagine how lonely that must feel.",
        "i know how scared you were",
    ] {
        let x = a(text);
        assert!(has(&x, B::FeelingNamed), "{text}: {:?}", x.rules);
    }
}

#[test]
fn a_dash_before_a_match_is_stepped_over_whole() {
    // A clause mark of more than one byte right before a rule's match once
    // sliced the text inside the dash and panicked.
    for text in [
        "You did not — you should have checked.",
        "I feel – you should have checked",
        "it sounds like you think — it was your fault",
        "no — not your fault — you did what you could",
    ] {
        let x = a(text);
        for hit in &x.rules {
            assert_eq!(hit.span.text, &text[hit.span.start..hit.span.end]);
        }
    }
    assert!(has(
        &a("You did not — you should have checked."),
        B::Judgement
    ));
    // The question's span starts at its first word, not on the dash.
    let x = a("I hear you — how are you feeling?");
    let q = x
        .rules
        .iter()
        .find(|h| h.label == "question.open")
        .expect("an open question");
    assert_eq!(q.span.text, "how are you feeling");
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(400))]

    /// Any mix of rule words, multi-byte punctuation, quotes and accents:
    /// the analyser answers, and every span is a slice of the utterance.
    #[test]
    fn spans_are_slices_of_the_utterance_whatever_the_mix(
        parts in proptest::collection::vec(proptest::sample::select(vec![
            "you should have", "checked", "it was not your fault", "— ", "– ",
            ", ", ": ", "(", ")", "? ", "¿", "¡", "! ", "… ", "\"", "'", "“", "’",
            "did you", "how are you", "I remember when I", "maybe you could",
            "no ", "not ", "you said ", "é", "ñ", "😢", " ", "\n", "deberías haber",
            "no fue culpa tuya", "¿cómo estás", "İ", "ß", "ﬁ",
        ]), 0..24),
        spanish in proptest::bool::ANY,
        with_previous in proptest::bool::ANY,
    ) {
        let text: String = parts.concat();
        let analyser = if spanish { Analyser::spanish() } else { Analyser::english() };
        let previous = with_previous.then_some(text.as_str());
        let x = analyser.analyse(&text, previous).expect("analysis");
        for hit in &x.rules {
            proptest::prop_assert!(hit.span.start <= hit.span.end && hit.span.end <= text.len());
            proptest::prop_assert_eq!(&hit.span.text, &text[hit.span.start..hit.span.end]);
        }
    }
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(300))]

    /// Arbitrary text, any script, with an arbitrary persona line.
    #[test]
    fn arbitrary_text_never_panics(text in "\\PC{0,160}", previous in "\\PC{0,80}", spanish in proptest::bool::ANY) {
        let analyser = if spanish { Analyser::spanish() } else { Analyser::english() };
        let x = analyser.analyse(&text, Some(&previous)).expect("analysis");
        for hit in &x.rules {
            proptest::prop_assert_eq!(&hit.span.text, &text[hit.span.start..hit.span.end]);
        }
    }
}
