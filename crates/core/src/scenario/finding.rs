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
    /// Its stable code, documented with a fix in `docs/authoring.md`.
    pub code: FindingCode,
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

/// Declares [`FindingCode`] from its catalogue: one variant per code, its
/// severity and its one-line meaning. A code's string form is its variant's
/// name, so it is written once.
macro_rules! finding_codes {
    ($($code:ident $severity:ident $meaning:literal,)*) => {
        /// The stable code of a finding, such as `E011`. Every finding the
        /// checker emits carries one; `docs/authoring.md` lists them all
        /// with a fix (a test keeps it so). It serialises as the code itself.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        #[cfg_attr(feature = "ts", derive(ts_rs::TS))]
        pub enum FindingCode {
            $(#[doc = $meaning] $code,)*
        }

        impl FindingCode {
            /// Every code, in catalogue order.
            pub const ALL: &'static [FindingCode] = &[$(FindingCode::$code,)*];

            /// The code as reports and the authoring guide write it (`E011`).
            pub fn as_str(self) -> &'static str {
                match self {
                    $(FindingCode::$code => stringify!($code),)*
                }
            }

            /// How serious a finding with this code is.
            pub fn severity(self) -> Severity {
                match self {
                    $(FindingCode::$code => Severity::$severity,)*
                }
            }

            /// What the code means in general, in one line.
            pub fn meaning(self) -> &'static str {
                match self {
                    $(FindingCode::$code => $meaning,)*
                }
            }
        }
    };
}

finding_codes! {
    E001 Error "the script does not parse",
    E002 Error "the script failed while loading (including sandbox limits)",
    E003 Error "scenario metadata is missing or invalid",
    E004 Error "a field is unknown, missing or of the wrong type",
    E005 Error "a beat or ending id is declared twice",
    E011 Error "a choice, route or silence goes to a beat that does not exist",
    E012 Error "dead end: a beat with no way to respond that is not an ending",
    E013 Error "unknown competency id",
    E014 Error "unknown behaviour label",
    E015 Error "unknown red-flag category or severity, or a cue that does not match the metadata",
    E016 Error "evidence is not [delta, \"reason\"] with delta from -2 to 2",
    E017 Error "unknown persona",
    E018 Error "unknown state variable",
    E019 Error "a Markdown file named by the scenario is missing",
    E020 Error "a targeted competency that no path lets the trainee show",
    E021 Error "a warning sign that no path can recognise within its window",
    E022 Error "a computed `next` without possible_next listing where it can lead",
    E023 Error "a choice id that is not a lower-case identifier, or is used twice in its beat",
    E024 Error "an own-words beat (assessment: \"own_words\") without free-text routes",
    E025 Error "an ending reachable after a warning sign whose debrief does not depend on the red-flag outcome",
    E026 Error "red-flag recognition that does not end with acting (referral or safety step as the severity needs)",
    E027 Error "a translation file (locales/<lang>.ftl) that is misnamed, unreadable or does not parse",
    E028 Error "a translation lacks the key of a text the scenario shows",
    E040 Error "the best option holds the same place by length (second longest, shortest, …) in more than half of the menus of three or more",
    E041 Error "the scenario's files could not be read (missing, not plain files, too large, not UTF-8, or outside the folder)",
    W101 Warning "unreachable beat or ending",
    W102 Warning "ending without a debrief",
    W103 Warning "choice without evidence",
    W104 Warning "unused state variable",
    W105 Warning "free-text beat without an `otherwise` route",
    W106 Warning "a free-text route example that does not take its own route",
    W107 Warning "follow-up credit for a contact later than two weeks",
    W108 Warning "a choice showing `referral` whose words give no time frame or defer it",
    W109 Warning "a hidden state variable that is changed but never read",
    E030 Error "the assessment passes by always picking the same shown position",
    E031 Error "the assessment passes by always picking the longest option",
    E032 Error "the assessment passes by always picking the shortest option",
    E033 Error "the assessment passes by always staying silent",
    E034 Error "the assessment passes by typing a keyword salad of the analyser's trigger phrases",
    E035 Error "random play passes the assessment in 2% of walks or more",
    E036 Error "a keyword salad earns more net evidence at a free-text beat than the best route example",
    E037 Error "a red flag counted as recognised with no act (referral or safety step) in its window",
    E038 Error "the best option is the longest in more than 40% of menus",
    E039 Error "the best option is declared first in more than 40% of menus",
    W110 Warning "the best option is the longest",
    W111 Warning "the best option is the only long one (1.5× every other)",
    W112 Warning "no plausible distractor: every other option has net evidence -3 or less",
    W113 Warning "an option's text names a competency or uses counselling jargon",
    W114 Warning "a pinned choice keeps its place when the menu is shuffled",
    W115 Warning "a translation key that names no text of the scenario",
}

impl fmt::Display for FindingCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A code compares equal to its string form, as reports write it.
impl PartialEq<&str> for FindingCode {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every code has a row in the authoring guide with a meaning and a fix.
    #[test]
    fn every_code_is_documented_in_the_authoring_guide_with_a_fix() {
        let guide = include_str!("../../../../docs/authoring.md");
        let mut missing = Vec::new();
        for code in FindingCode::ALL {
            let row = guide
                .lines()
                .find(|l| l.starts_with(&format!("| {code} |")));
            let cells: Vec<&str> = row
                .map(|r| r.split(" | ").map(str::trim).collect())
                .unwrap_or_default();
            if cells.len() < 3 || cells[2].trim_end_matches('|').trim().is_empty() {
                missing.push(code.as_str());
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
        for code in FindingCode::ALL {
            assert!(seen.insert(code.as_str()), "{code} twice");
            let letter = if code.severity() == Severity::Error {
                'E'
            } else {
                'W'
            };
            assert!(code.as_str().starts_with(letter), "{code}");
        }
    }

    #[test]
    fn a_code_serialises_as_its_string_form_and_reads_back() {
        let json = serde_json::to_string(&FindingCode::E011).unwrap();
        assert_eq!(json, "\"E011\"");
        let back: FindingCode = serde_json::from_str(&json).unwrap();
        assert_eq!(back, FindingCode::E011);
        assert!(serde_json::from_str::<FindingCode>("\"E999\"").is_err());
    }
}
