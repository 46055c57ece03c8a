//! Scenario tests: scripted inputs with the expected ending, red-flag
//! outcomes and competency levels, kept in `tests.toml` beside each script.
//!
//! ```toml
//! [[test]]
//! name = "strong path"
//! mode = "assessment"          # default
//! seed = 1                     # default
//! inputs = ["1", "/silence", "How are you sleeping?", "2"]
//! [test.expect]
//! ending = "door_open"
//! passed = true
//! red_flags = { suicide_risk = "recognised" }
//! competencies = { atmosphere = ">=competent", open_questions = "exemplary" }
//! ```

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

/// One line of an input script: a response, or `/undo`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ScriptLine {
    /// A response.
    Respond(Input),
    /// Take back the last turn (practice mode).
    Undo,
}

/// Parses one scripted input: a number picks a choice, `/silence` stays
/// silent, `/undo` takes back a turn, `/say TEXT` forces free text, and
/// anything else is free text.
pub fn parse_input(line: &str) -> Result<ScriptLine> {
    let t = line.trim();
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

/// Feeds one script line to an attempt.
pub fn apply(attempt: &mut Attempt, line: &ScriptLine) -> Result<()> {
    match line {
        ScriptLine::Respond(input) => attempt.respond(input.clone()).map(|_| ()),
        ScriptLine::Undo => attempt.undo(),
    }
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
    let text = match std::fs::read_to_string(&path) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(Error::io(&path, e)),
    };
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
