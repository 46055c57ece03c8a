//! Scenario tests: scripted inputs with the expected ending, red-flag
//! outcomes and competency levels, kept in `tests.toml` beside each script.
//!
//! ```toml
//! [[test]]
//! name = "strong path"
//! mode = "assessment"          # default
//! seed = 1                     # default
//! inputs = ["#greet_warmly", "/silence", "How are you sleeping?", "#ask_directly"]
//! [test.expect]
//! ending = "door_open"
//! passed = true
//! red_flags = { suicide_risk = "recognised" }
//! competencies = { atmosphere = ">=competent", open_questions = "exemplary" }
//! ```
//!
//! A scenario that carries translations runs each test in every language
//! where its inputs mean the same: a test of choices by id and silences runs
//! in each language, a test with free text in the script's language only,
//! and a test with `language = "es"` (its words in Spanish) in that
//! language only. The expectations are the same in every language, which is
//! how the tests prove that routing and evidence do not change with it.

use crate::attempt::{Attempt, FlagOutcome, Input, Mode};
use crate::competency::Competency;
use crate::error::{Error, Result};
use crate::grading::Level;
use crate::red_flag::RedFlagCategory;
use crate::response::ResponseAnalyser;
use crate::scenario::Scenario;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Arc;

/// One line of an input script: a response, a choice named by id, or `/undo`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ScriptLine {
    /// A response.
    Respond(Input),
    /// The choice with this id (`#id`), wherever the shuffle put it.
    Pick(String),
    /// Take back the last turn (practice mode).
    Undo,
}

/// Parses one scripted input: a number picks the choice shown at that place,
/// `#id` picks a choice by its id, `/silence` stays silent, `/undo` takes
/// back a turn, `/say TEXT` forces free text, and anything else is free text.
pub fn parse_input(line: &str) -> Result<ScriptLine> {
    let t = line.trim();
    if let Some(id) = t.strip_prefix('#') {
        let id = id.trim();
        if id.is_empty() || !id.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
            return Err(Error::Input(format!(
                "\"{t}\" is not a choice id; write # and the id, such as #ask_directly"
            )));
        }
        return Ok(ScriptLine::Pick(id.to_string()));
    }
    if t.eq_ignore_ascii_case("/silence") || t.eq_ignore_ascii_case("/s") {
        return Ok(ScriptLine::Respond(Input::Silence));
    }
    if t.eq_ignore_ascii_case("/undo") || t.eq_ignore_ascii_case("/u") {
        return Ok(ScriptLine::Undo);
    }
    if let Some(rest) = t.strip_prefix("/say ") {
        return Ok(ScriptLine::Respond(Input::FreeText {
            text: rest.trim().to_string(),
        }));
    }
    if t.starts_with('/') {
        return Err(Error::Input(format!(
            "unknown command \"{t}\"; use /silence, /undo or /say TEXT"
        )));
    }
    if !t.is_empty() && t.chars().all(|c| c.is_ascii_digit()) {
        let index = t
            .parse::<usize>()
            .map_err(|_| Error::Input(format!("\"{t}\" is not a choice number")))?;
        return Ok(ScriptLine::Respond(Input::Choice { index }));
    }
    Ok(ScriptLine::Respond(Input::FreeText {
        text: t.to_string(),
    }))
}

/// Turns a `#id` line into the input that picks that choice where the
/// attempt's menu shows it now; other lines are returned as they are.
///
/// A number typed where the menu is hidden (an own-words beat in
/// assessment) is taken as the words typed, as it would be in the app's
/// text box.
pub fn resolve(attempt: &Attempt, line: &ScriptLine) -> Result<ScriptLine> {
    let id = match line {
        ScriptLine::Pick(id) => id,
        ScriptLine::Respond(Input::Choice { index }) if attempt.shown_choices().is_empty() => {
            let free_text = attempt
                .scenario()
                .beat(attempt.node())
                .is_some_and(|b| b.free_text.is_some());
            return Ok(if free_text {
                ScriptLine::Respond(Input::FreeText {
                    text: index.to_string(),
                })
            } else {
                line.clone()
            });
        }
        _ => return Ok(line.clone()),
    };
    let beat = attempt.scenario().beat(attempt.node()).ok_or_else(|| {
        Error::Input(format!(
            "#{id}: the conversation is at \"{}\", which has no choices",
            attempt.node()
        ))
    })?;
    let Some((declared, _)) = beat.choice(id) else {
        let ids: Vec<String> = beat.choices.iter().map(|c| format!("#{}", c.id)).collect();
        return Err(Error::Input(format!(
            "beat \"{}\" has no choice #{id}; its choices are {}",
            beat.id,
            if ids.is_empty() {
                "none".to_string()
            } else {
                ids.join(", ")
            }
        )));
    };
    match attempt.shown_choices().iter().position(|i| *i == declared) {
        Some(pos) => Ok(ScriptLine::Respond(Input::Choice { index: pos + 1 })),
        None => Err(Error::Input(format!(
            "choice #{id} is not shown at beat \"{}\": in assessment this beat asks for the trainee's own words",
            beat.id
        ))),
    }
}

/// What one script line does once resolved against the menu shown now.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Step {
    /// Play this response.
    Respond(Input),
    /// Take back the last turn (practice mode).
    Undo,
}

/// Resolves a script line against the attempt ([`resolve`]) into the step
/// to take; a choice id that resolves to nothing is an input error. Every
/// player of input scripts (plain attempts here, recorded and trial
/// conversations in the application layer) takes its steps from this.
pub fn step(attempt: &Attempt, line: &ScriptLine) -> Result<Step> {
    match resolve(attempt, line)? {
        ScriptLine::Respond(input) => Ok(Step::Respond(input)),
        ScriptLine::Undo => Ok(Step::Undo),
        ScriptLine::Pick(id) => Err(Error::Input(format!("choice #{id} could not be found"))),
    }
}

/// Feeds one script line to an attempt.
pub fn apply(attempt: &mut Attempt, line: &ScriptLine) -> Result<()> {
    match step(attempt, line)? {
        Step::Respond(input) => attempt.respond(input).map(|_| ()),
        Step::Undo => attempt.undo(),
    }
}

/// Parses a line and resolves it against the attempt, in one step, for
/// callers that feed scripted inputs to an attempt or a recorded session.
pub fn input_for(attempt: &Attempt, raw: &str) -> Result<ScriptLine> {
    resolve(attempt, &parse_input(raw)?)
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct TestFile {
    #[serde(default)]
    test: Vec<TestCase>,
}

/// A scenario test.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TestCase {
    /// Name shown by the runner.
    pub name: String,
    /// Mode; assessment unless given.
    #[serde(default)]
    pub mode: Option<String>,
    /// Seed; 1 unless given.
    #[serde(default)]
    pub seed: Option<u64>,
    /// The language the test's words are in (a translation's tag, such as
    /// "es"); it then runs in that language only.
    #[serde(default)]
    pub language: Option<String>,
    /// The inputs, one per turn.
    pub inputs: Vec<String>,
    /// What must hold at the end.
    pub expect: Expectation,
}

/// Expected results.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Expectation {
    /// The ending reached.
    pub ending: Option<String>,
    /// Pass or fail.
    pub passed: Option<bool>,
    /// Red-flag outcomes by category: "recognised" or "missed".
    #[serde(default)]
    pub red_flags: BTreeMap<String, String>,
    /// Levels by competency: "competent" (exact) or ">=competent" / "<=developing".
    #[serde(default)]
    pub competencies: BTreeMap<String, String>,
}

/// The result of one test.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TestOutcome {
    /// Test name.
    pub name: String,
    /// What did not hold (empty when it passed).
    pub failures: Vec<String>,
}

impl TestOutcome {
    /// Whether every expectation held.
    pub fn passed(&self) -> bool {
        self.failures.is_empty()
    }
}

/// Reads the tests kept beside a scenario (`tests.toml`); none when absent.
pub fn read_tests(dir: &Path) -> Result<Vec<TestCase>> {
    let path = dir.join(crate::scenario::source::TESTS_FILE);
    if !path.exists() && path.symlink_metadata().is_err() {
        return Ok(Vec::new());
    }
    // Read like every scenario file: inside the folder, capped.
    let bytes = crate::scenario::source::read_file_in(
        dir,
        crate::scenario::source::TESTS_FILE,
        crate::scenario::source::MAX_FILE_BYTES,
    )?;
    let text = String::from_utf8(bytes).map_err(|e| Error::TestFile {
        path: path.clone(),
        message: format!("not valid UTF-8 (byte {})", e.utf8_error().valid_up_to()),
    })?;
    let file: TestFile = toml::from_str(&text).map_err(|e| Error::TestFile {
        message: match e.span() {
            Some(span) => {
                let line = text[..span.start].matches('\n').count() + 1;
                let col = span.start - text[..span.start].rfind('\n').map_or(0, |i| i + 1) + 1;
                format!("line {line}, column {col}: {}", e.message())
            }
            None => e.message().to_string(),
        },
        path: path.clone(),
    })?;
    Ok(file.test)
}

/// The test beside a scenario whose name starts with `prefix` (the first,
/// in file order). Fixtures and tools use it to replay a named path.
pub fn find_test(dir: &Path, prefix: &str) -> Result<TestCase> {
    read_tests(dir)?
        .into_iter()
        .find(|t| t.name.starts_with(prefix))
        .ok_or_else(|| Error::TestFile {
            path: dir.join(crate::scenario::source::TESTS_FILE),
            message: format!("no test whose name starts with \"{prefix}\""),
        })
}

fn level_matches(actual: Level, want: &str) -> Result<bool, String> {
    let (op, name) = if let Some(r) = want.strip_prefix(">=") {
        (">=", r)
    } else if let Some(r) = want.strip_prefix("<=") {
        ("<=", r)
    } else {
        ("=", want)
    };
    let wanted: Level = name
        .trim()
        .parse()
        .map_err(|e: crate::competency::UnknownId| e.to_string())?;
    Ok(match op {
        ">=" => actual >= wanted,
        "<=" => actual <= wanted,
        _ => actual == wanted,
    })
}

/// The inputs a test gives, as the attempt records them (choices named by
/// id resolved to their shown places under the test's seed). Fixtures use
/// it to replay a bundled test through a recorded session.
pub fn recorded_inputs(
    scenario: &Arc<Scenario>,
    case: &TestCase,
    analyser: Arc<dyn ResponseAnalyser>,
) -> Result<Vec<Input>> {
    let mode: Mode = case.mode.as_deref().unwrap_or("assessment").parse()?;
    let mut attempt = Attempt::start(Arc::clone(scenario), mode, case.seed.unwrap_or(1), analyser)?;
    for raw in &case.inputs {
        apply(&mut attempt, &parse_input(raw)?)?;
    }
    Ok(attempt.inputs().to_vec())
}

/// The languages a test runs in (see the module notes), kept to `only`
/// when one is asked for (`rehearse test --language es`).
pub fn languages_for(scenario: &Scenario, case: &TestCase, only: Option<&str>) -> Vec<String> {
    let all = match &case.language {
        Some(l) => vec![l.clone()],
        None if case.inputs.iter().any(|raw| {
            matches!(
                parse_input(raw),
                Ok(ScriptLine::Respond(Input::FreeText { .. }))
            )
        }) =>
        {
            vec![scenario.untranslated.meta.language.clone()]
        }
        None => scenario.languages(),
    };
    all.into_iter()
        .filter(|l| only.is_none_or(|o| o == l))
        .collect()
}

/// Runs one test with the scenario shown in `language`, free text analysed
/// by that language's analyser.
pub fn run_in(scenario: &Scenario, case: &TestCase, language: &str) -> TestOutcome {
    let fail = |why: String| TestOutcome {
        name: case.name.clone(),
        failures: vec![why],
    };
    if !scenario.has_language(language) {
        return fail(format!(
            "the test is in \"{language}\", but the scenario is only in {}",
            scenario.languages().join(", ")
        ));
    }
    let shown = Arc::new(scenario.localised(language));
    match crate::scenario::translation::analyser_for(&shown) {
        Ok(analyser) => run(&shown, case, analyser),
        Err(e) => fail(e.to_string()),
    }
}

/// Runs one test against a scenario.
pub fn run(
    scenario: &Arc<Scenario>,
    case: &TestCase,
    analyser: Arc<dyn ResponseAnalyser>,
) -> TestOutcome {
    let mut failures = Vec::new();
    let result = (|| -> Result<Attempt> {
        let mode: Mode = case.mode.as_deref().unwrap_or("assessment").parse()?;
        let mut attempt =
            Attempt::start(Arc::clone(scenario), mode, case.seed.unwrap_or(1), analyser)?;
        for (i, raw) in case.inputs.iter().enumerate() {
            let line = parse_input(raw)?;
            if matches!(line, ScriptLine::Respond(Input::Choice { .. })) {
                return Err(Error::Input(format!(
                    "input {} ({raw:?}): tests name choices by id, such as \"#ask_directly\", because the order shown is shuffled",
                    i + 1
                )));
            }
            apply(&mut attempt, &line).map_err(|e| {
                Error::Input(format!(
                    "input {} ({raw:?}) at beat \"{}\": {e}",
                    i + 1,
                    attempt.node()
                ))
            })?;
        }
        Ok(attempt)
    })();
    let attempt = match result {
        Ok(a) => a,
        Err(e) => {
            return TestOutcome {
                name: case.name.clone(),
                failures: vec![e.to_string()],
            }
        }
    };
    let report = attempt.report();
    let e = &case.expect;
    if let Some(want) = &e.ending {
        if attempt.ending() != Some(want.as_str()) {
            let got = attempt
                .ending()
                .map(str::to_string)
                .unwrap_or_else(|| format!("no ending (stopped at beat \"{}\")", attempt.node()));
            failures.push(format!("ending: expected \"{want}\", got {got}"));
        }
    }
    if let Some(want) = e.passed {
        if report.passed != want {
            failures.push(format!(
                "passed: expected {want}, got {} ({})",
                report.passed,
                report.reasons.join("; ")
            ));
        }
    }
    for (cat, want) in &e.red_flags {
        let category: RedFlagCategory = match cat.parse() {
            Ok(c) => c,
            Err(err) => {
                failures.push(err.to_string());
                continue;
            }
        };
        let outcomes: Vec<FlagOutcome> = report
            .red_flags
            .iter()
            .filter(|f| f.category == category)
            .map(|f| f.outcome)
            .collect();
        let got = if outcomes.is_empty() {
            "not met"
        } else if outcomes.contains(&FlagOutcome::Missed) {
            "missed"
        } else if outcomes.iter().all(|o| *o == FlagOutcome::Recognised) {
            "recognised"
        } else {
            "open"
        };
        if got != want {
            failures.push(format!("red flag {cat}: expected {want}, got {got}"));
        }
    }
    for (id, want) in &e.competencies {
        let competency: Competency = match id.parse() {
            Ok(c) => c,
            Err(err) => {
                failures.push(err.to_string());
                continue;
            }
        };
        let got = report.level(competency);
        match level_matches(got, want) {
            Ok(true) => {}
            Ok(false) => failures.push(format!("{id}: expected {want}, got {}", got.id())),
            Err(err) => failures.push(format!("{id}: {err}")),
        }
    }
    TestOutcome {
        name: case.name.clone(),
        failures,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn input_lines() {
        assert_eq!(
            parse_input(" 2 ").unwrap(),
            ScriptLine::Respond(Input::Choice { index: 2 })
        );
        assert_eq!(
            parse_input("/silence").unwrap(),
            ScriptLine::Respond(Input::Silence)
        );
        assert_eq!(parse_input("/undo").unwrap(), ScriptLine::Undo);
        assert_eq!(
            parse_input("/say 3").unwrap(),
            ScriptLine::Respond(Input::FreeText { text: "3".into() })
        );
        assert!(matches!(
            parse_input("How are you?").unwrap(),
            ScriptLine::Respond(Input::FreeText { .. })
        ));
        assert!(parse_input("/dance").is_err());
        assert!(parse_input("99999999999999999999999").is_err());
    }

    #[test]
    fn find_test_by_name_prefix() {
        let dir = std::path::Path::new(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../docs/example/first-contact"
        ));
        assert_eq!(find_test(dir, "weak").unwrap().name, "weak path");
        let err = find_test(dir, "no such").unwrap_err().to_string();
        assert!(
            err.contains("tests.toml")
                && err.contains("no test whose name starts with \"no such\""),
            "{err}"
        );
    }

    #[test]
    fn level_expectations() {
        assert!(level_matches(Level::Exemplary, ">=competent").unwrap());
        assert!(!level_matches(Level::Developing, ">=competent").unwrap());
        assert!(level_matches(Level::NotYet, "<=developing").unwrap());
        assert!(level_matches(Level::NotAssessed, "not_assessed").unwrap());
        assert!(level_matches(Level::NotAssessed, "great").is_err());
    }
}
