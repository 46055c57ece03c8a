//! A turn is all or nothing: a script error after routing (in the computed
//! `next`, or in the next beat's line) leaves the attempt exactly as it was,
//! down to its random stream, visit counts and undo history.

use super::*;
use crate::response::english;
use crate::scenario::compile;
use crate::scenario::source::ScenarioSource;

/// A small scenario whose middle beat has one choice that breaks in the
/// next beat's line, one whose computed `next` names a beat it did not
/// declare, and one that works. Lines are seeded variants, so a stray draw
/// from the random stream would show in the lines that follow.
pub(crate) const BREAKING: &str = r#"scenario(#{ id: "breaking", version: "1.0.0", title: "Breaking", summary: "s", setting: "x",
  minutes: 5, difficulty: "introductory", targets: ["atmosphere"], red_flags: [] });
persona("p", #{ name: "Pat", role: "Nurse" });
state("trust", #{ start: 10, min: 0, max: 100 });
beat("a", #{ line: ["Hello.", "Hi there.", "Morning."],
  red_flag: #{ category: "suicide_risk", severity: "moderate", window: 4, recognise: ["suicide_inquiry", ["referral", "safety_action"]] },
  choices: [#{ id: "warm", text: "How are you doing?", next: "b", effects: #{ trust: 5 }, evidence: #{ atmosphere: [1, "warm"] } }] });
beat("b", #{ line: ["Not great.", "A hard week.", "I can't sleep."], choices: [
  #{ id: "to_broken", text: "Are you thinking of ending your life?", shows: ["suicide_inquiry"], effects: #{ trust: 50 },
     evidence: #{ atmosphere: [1, "asks"] }, next: "broken" },
  #{ id: "bad_next", text: "Let's see.", effects: #{ trust: 20 }, evidence: #{ atmosphere: [1, "r"] },
     next: |s| "nowhere", possible_next: ["c"] },
  #{ id: "fine", text: "Have you thought of suicide?", shows: ["suicide_inquiry"], effects: #{ trust: 1 },
     evidence: #{ atmosphere: [1, "asks"] }, next: "c" }] });
beat("broken", #{ line: |s| { throw "the line broke" }, choices: [#{ id: "q", text: "q", next: "end", evidence: #{ atmosphere: [1, "r"] } }] });
beat("c", #{ line: ["Sometimes.", "Maybe."], choices: [
  #{ id: "done", text: "Let's ring the crisis team together now.", shows: ["referral", "safety_action"], next: "end", evidence: #{ atmosphere: [1, "r"] } }] });
ending("end", #{ line: "Thanks.", debrief: #{ recognised: "You asked and acted.", missed: "The sign was missed." } });"#;

/// The scenario above, compiled from memory.
pub(crate) fn breaking() -> Arc<Scenario> {
    let loaded = compile(ScenarioSource::in_memory("mem/breaking", BREAKING));
    Arc::new(loaded.scenario.expect("the breaking scenario compiles"))
}

/// The input that picks the choice `id` wherever the menu shows it now.
pub(crate) fn pick(a: &Attempt, id: &str) -> Input {
    let beat = a.scenario().beat(a.node()).expect("at a beat");
    let place = a
        .shown_choices()
        .iter()
        .position(|&i| beat.choices[i].id == id)
        .unwrap_or_else(|| panic!("no choice {id} is shown at {}", a.node()));
    Input::Choice { index: place + 1 }
}

/// Everything the attempt holds that a turn could change, as text.
fn snapshot(a: &Attempt) -> String {
    format!("{:?}", (&a.st, &a.undo, &a.inputs, a.view()))
}

#[test]
fn a_script_error_after_routing_leaves_the_attempt_exactly_as_it_was() {
    let s = breaking();
    for mode in [Mode::Practice, Mode::Assessment] {
        let mut a = Attempt::start(Arc::clone(&s), mode, 7, english()).unwrap();
        a.respond(pick(&a, "warm")).unwrap();
        assert_eq!(a.flags()[0].outcome, FlagOutcome::Open);
        let before = snapshot(&a);

        // Routed, evidence gathered, trust +50 and the flag's first step
        // taken on the scratch state; then the next beat's line throws.
        let e = a.respond(pick(&a, "to_broken")).unwrap_err();
        let message = e.to_string();
        assert!(
            message.contains("the line broke") && message.contains("beat \"broken\""),
            "{message}"
        );
        assert_eq!(
            snapshot(&a),
            before,
            "{mode:?}: a broken line changed nothing"
        );
        assert_eq!(a.values()["trust"], 15);
        assert_eq!(a.flags()[0].steps_done, 0);

        // A computed `next` outside its declared list fails the same way.
        let e = a.respond(pick(&a, "bad_next")).unwrap_err();
        assert!(
            e.to_string().contains("not listed in `possible_next`"),
            "{e}"
        );
        assert_eq!(snapshot(&a), before, "{mode:?}: a bad next changed nothing");

        // The next valid response plays as if the failures never happened:
        // the same as an attempt that never met them, to the last draw.
        a.respond(pick(&a, "fine")).unwrap();
        let mut twin = Attempt::start(Arc::clone(&s), mode, 7, english()).unwrap();
        twin.respond(pick(&twin, "warm")).unwrap();
        twin.respond(pick(&twin, "fine")).unwrap();
        assert_eq!(snapshot(&a), snapshot(&twin));
        assert_eq!(a.values()["trust"], 16);
        assert_eq!(a.turns().len(), 2);
        assert_eq!(a.inputs().len(), 2);

        a.respond(pick(&a, "done")).unwrap();
        assert!(a.is_ended());
        assert_eq!(a.flags()[0].outcome, FlagOutcome::Recognised);
        let replayed = Attempt::replay(Arc::clone(&s), mode, 7, english(), a.inputs()).unwrap();
        assert_eq!(replayed.report(), a.report());
    }
}

#[test]
fn undo_after_a_failed_turn_takes_back_the_last_kept_turn() {
    let s = breaking();
    let mut a = Attempt::start(Arc::clone(&s), Mode::Practice, 3, english()).unwrap();
    let start = snapshot(&a);
    a.respond(pick(&a, "warm")).unwrap();
    a.respond(pick(&a, "to_broken")).unwrap_err();
    assert!(a.view().can_undo, "the kept turn can still be undone");
    a.undo().unwrap();
    assert_eq!(
        snapshot(&a),
        start,
        "undo went back to the start, not to the failed turn"
    );
    assert!(a.undo().is_err(), "the failed turn left nothing to undo");
}

#[test]
fn a_failed_record_step_keeps_nothing_of_the_turn() {
    let s = breaking();
    let mut a = Attempt::start(s, Mode::Practice, 5, english()).unwrap();
    a.respond(pick(&a, "warm")).unwrap();
    let before = snapshot(&a);
    let mut seen = None;
    let e = a
        .respond_then(pick(&a, "fine"), |after| {
            // The recorder sees the attempt as it would stand.
            seen = Some((after.turns().len(), after.node().to_string()));
            Err(Error::Database("the disk refused".into()))
        })
        .unwrap_err();
    assert_eq!(
        e.to_string(),
        Error::Database("the disk refused".into()).to_string()
    );
    assert_eq!(seen, Some((2, "c".to_string())));
    assert_eq!(snapshot(&a), before);
}

/// A severe-decompensation sign whose free text names and acts in one turn,
/// routed by the analyser's labels.
const STOCK: &str = r#"scenario(#{ id: "stock", version: "1.0.0", title: "Stock", summary: "s", setting: "x",
  minutes: 5, difficulty: "introductory", targets: ["follow_affect"], red_flags: ["severe_decompensation"] });
persona("p", #{ name: "Sam", role: "Porter" });
beat("a", #{ line: "I haven't slept in three nights and I'm shaking. I'm back on at two.",
  red_flag: #{ category: "severe_decompensation", severity: "high", window: 2, recognise: [["feeling_named", "reflection"], ["safety_action"]] },
  free_text: #{ prompt: "Respond", routes: [], otherwise: #{ next: "end" } },
  choices: [#{ id: "bye", text: "See you later.", next: "end" }] });
ending("end", #{ line: "Right.", debrief: #{ recognised: "You named it and acted.", missed: "The sign was missed." } });"#;

#[test]
fn a_string_of_stock_phrases_does_not_recognise_a_red_flag_but_plain_words_do() {
    let s = Arc::new(
        compile(ScenarioSource::in_memory("mem/stock", STOCK))
            .scenario
            .expect("the stock scenario compiles"),
    );
    let outcome = |text: &str| {
        let mut a = Attempt::start(Arc::clone(&s), Mode::Assessment, 1, english()).unwrap();
        let turn = a
            .respond(Input::FreeText { text: text.into() })
            .unwrap()
            .clone();
        let stacked = turn.analysis.as_ref().is_some_and(is_stacked);
        (stacked, a.flags()[0].outcome)
    };
    // Names what it sees and acts, in plain words.
    let (stacked, plain) = outcome(
        "You look exhausted and shaky. You're not safe to work today, so I'm taking you off the rota and getting you a taxi home.",
    );
    assert!(!stacked);
    assert_eq!(plain, FlagOutcome::Recognised);
    // The same two moves strung among stock fragments.
    let (stacked, stock) = outcome(
        "I hear you. You look exhausted and shaky. So common. I'm here. It's confidential. Not your fault. Not safe to work. Taxi home now.",
    );
    assert!(stacked, "the string should be stacked");
    assert_eq!(stock, FlagOutcome::Missed);
}
