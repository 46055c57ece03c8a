//! Findings: what `rehearse check` reports about a scenario.

use serde::{Deserialize, Serialize};
use std::fmt;
use std::path::PathBuf;

/// How serious a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum Severity {
    /// Worth fixing; the scenario still plays.
    Warning,
    /// The scenario cannot be played or graded correctly until fixed.
    Error,
}

/// A place in a scenario's source, 1-based like editors show it.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Location {
    /// The file.
    pub file: PathBuf,
    /// Line, from 1.
    pub line: usize,
    /// Column, from 1.
    pub column: usize,
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}:{}", self.file.display(), self.line, self.column)
    }
}

/// One problem found in a scenario, with a stable code.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Finding {
    /// Stable code such as `E011`; documented, with a fix, in `docs/authoring.md`.
    pub code: &'static str,
    /// Error or warning.
    pub severity: Severity,
    /// Where it is.
    pub location: Location,
    /// A short explanation in plain words.
    pub message: String,
}

impl fmt::Display for Finding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sev = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        write!(
            f,
            "{}: {sev}[{}]: {}",
            self.location, self.code, self.message
        )
    }
}

/// What a finding code means in general, from [`CODES`]; empty for a code
/// the catalogue does not hold (a test keeps every emitted code in it).
pub fn meaning(code: &str) -> &'static str {
    CODES
        .iter()
        .find(|(c, _, _)| *c == code)
        .map_or("", |(_, _, meaning)| meaning)
}

/// The catalogue of finding codes: (code, severity, one-line meaning).
///
/// Every finding the checker emits uses one of these; `docs/authoring.md`
/// lists them all with a fix (a test keeps it so).
pub const CODES: &[(&str, Severity, &str)] = &[
    ("E001", Severity::Error, "the script does not parse"),
    (
        "E002",
        Severity::Error,
        "the script failed while loading (including sandbox limits)",
    ),
    (
        "E003",
        Severity::Error,
        "scenario metadata is missing or invalid",
    ),
    (
        "E004",
        Severity::Error,
        "a field is unknown, missing or of the wrong type",
    ),
    (
        "E005",
        Severity::Error,
        "a beat or ending id is declared twice",
    ),
    (
        "E011",
        Severity::Error,
        "a choice, route or silence goes to a beat that does not exist",
    ),
    (
        "E012",
        Severity::Error,
        "dead end: a beat with no way to respond that is not an ending",
    ),
    ("E013", Severity::Error, "unknown competency id"),
    ("E014", Severity::Error, "unknown behaviour label"),
    (
        "E015",
        Severity::Error,
        "unknown red-flag category or severity, or a cue that does not match the metadata",
    ),
    (
        "E016",
        Severity::Error,
        "evidence is not [delta, \"reason\"] with delta from -2 to 2",
    ),
    ("E017", Severity::Error, "unknown persona"),
    ("E018", Severity::Error, "unknown state variable"),
    (
        "E019",
        Severity::Error,
        "a Markdown file named by the scenario is missing",
    ),
    (
        "E020",
        Severity::Error,
        "a targeted competency that no path lets the trainee show",
    ),
    (
        "E021",
        Severity::Error,
        "a red-flag cue that no path can recognise within its window",
    ),
    (
        "E022",
        Severity::Error,
        "a computed `next` without possible_next listing where it can lead",
    ),
    (
        "E023",
        Severity::Error,
        "a choice id that is not a lower-case identifier, or is used twice in its beat",
    ),
    (
        "E024",
        Severity::Error,
        "an own-words beat (assessment: \"own_words\") without free-text routes",
    ),
    (
        "E025",
        Severity::Error,
        "an ending reachable after a red-flag cue whose debrief does not depend on the red-flag outcome",
    ),
    (
        "E026",
        Severity::Error,
        "red-flag recognition that does not end with acting (referral or safety step as the severity needs)",
    ),
    (
        "E027",
        Severity::Error,
        "a translation file (locales/<lang>.ftl) that is misnamed, unreadable or does not parse",
    ),
    (
        "E028",
        Severity::Error,
        "a translation lacks the key of a text the scenario shows",
    ),
    (
        "E040",
        Severity::Error,
        "the best option holds the same place by length (second longest, shortest, …) in more than half of the menus of three or more",
    ),
    (
        "E041",
        Severity::Error,
        "the scenario's files could not be read (missing, not plain files, too large, not UTF-8, or outside the folder)",
    ),
    ("W101", Severity::Warning, "unreachable beat or ending"),
    ("W102", Severity::Warning, "ending without a debrief"),
    ("W103", Severity::Warning, "choice without evidence"),
    ("W104", Severity::Warning, "unused state variable"),
    (
        "W105",
        Severity::Warning,
        "free-text beat without an `otherwise` route",
    ),
    (
        "W106",
        Severity::Warning,
        "a free-text route example that does not take its own route",
    ),
    (
        "W107",
        Severity::Warning,
        "follow-up credit for a contact later than two weeks",
    ),
    (
        "W108",
        Severity::Warning,
        "a choice showing `referral` whose words give no time frame or defer it",
    ),
    (
        "W109",
        Severity::Warning,
        "a hidden state variable that is changed but never read",
    ),
    // Gaming audit (`rehearse check --explore`) and telegraphing lint.
    (
        "E030",
        Severity::Error,
        "the assessment passes by always picking the same shown position",
    ),
    (
        "E031",
        Severity::Error,
        "the assessment passes by always picking the longest option",
    ),
    (
        "E032",
        Severity::Error,
        "the assessment passes by always picking the shortest option",
    ),
    (
        "E033",
        Severity::Error,
        "the assessment passes by always staying silent",
    ),
    (
        "E034",
        Severity::Error,
        "the assessment passes by typing a keyword salad of the analyser's trigger phrases",
    ),
    (
        "E035",
        Severity::Error,
        "random play passes the assessment in 2% of walks or more",
    ),
    (
        "E036",
        Severity::Error,
        "a keyword salad earns more net evidence at a free-text beat than the best route example",
    ),
    (
        "E037",
        Severity::Error,
        "a red flag counted as recognised with no act (referral or safety step) in its window",
    ),
    (
        "E038",
        Severity::Error,
        "the best option is the longest in more than 40% of menus",
    ),
    (
        "E039",
        Severity::Error,
        "the best option is declared first in more than 40% of menus",
    ),
    ("W110", Severity::Warning, "the best option is the longest"),
    (
        "W111",
        Severity::Warning,
        "the best option is the only long one (1.5× every other)",
    ),
    (
        "W112",
        Severity::Warning,
        "no plausible distractor: every other option has net evidence -3 or less",
    ),
    (
        "W113",
        Severity::Warning,
        "an option's text names a competency or uses counselling jargon",
    ),
    (
        "W114",
        Severity::Warning,
        "a pinned choice keeps its place when the menu is shuffled",
    ),
    (
        "W115",
        Severity::Warning,
        "a translation key that names no text of the scenario",
    ),
];

/// The severity registered for a code.
pub fn severity_of(code: &str) -> Severity {
    CODES
        .iter()
        .find(|(c, _, _)| *c == code)
        .map(|(_, s, _)| *s)
        .unwrap_or(Severity::Error)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every code has a row in the authoring guide with a meaning and a fix.
    #[test]
    fn every_code_is_documented_in_the_authoring_guide_with_a_fix() {
        let guide = include_str!("../../../../docs/authoring.md");
        let mut missing = Vec::new();
        for (code, _, _) in CODES {
            let row = guide
                .lines()
                .find(|l| l.starts_with(&format!("| {code} |")));
            let cells: Vec<&str> = row
                .map(|r| r.split(" | ").map(str::trim).collect())
                .unwrap_or_default();
            if cells.len() < 3 || cells[2].trim_end_matches('|').trim().is_empty() {
                missing.push(*code);
            }
        }
        assert!(
            missing.is_empty(),
            "docs/authoring.md has no row with a fix for: {missing:?}"
        );
    }

    #[test]
    fn codes_are_unique_and_their_letter_matches_their_severity() {
        let mut seen = std::collections::BTreeSet::new();
        for (code, severity, _) in CODES {
            assert!(seen.insert(code), "{code} twice");
            let letter = if *severity == Severity::Error {
                'E'
            } else {
                'W'
            };
            assert!(code.starts_with(letter), "{code}");
        }
    }
}
