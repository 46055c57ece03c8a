//! The certification policy. The documented default is
//! `docs/certification-policy.toml`, embedded here.

use crate::error::{Error, Result};
use crate::grading::Level;
use crate::red_flag::RedFlagCategory;
use serde::{Deserialize, Serialize};
use std::path::Path;

/// The documented default policy file.
pub const DEFAULT_TOML: &str = include_str!("../../../../docs/certification-policy.toml");

/// The bundled refresher-specific scenario the default policy names.
pub const REFRESHER_CONTENT: &str = "refresher-familiar-face";

/// Rules for the first certification (and again after a lapse).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct InitialRules {
    /// Passed assessments in at least this many distinct scenarios.
    pub distinct_scenarios: u32,
    /// Each competency competent or better in at least this many passes.
    pub competency_passes: u32,
    /// Each of these categories recognised in at least one pass.
    pub red_flags: Vec<RedFlagCategory>,
    /// Observed role-play a trainer scored: none required when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub observed: Option<ObservedRule>,
}

/// `[initial] observed = { count = 1, at_least = "competent" }`: at least
/// `count` observed assessments in which every competency the trainer
/// scored is at `at_least` or better and no red flag was missed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ObservedRule {
    /// How many observed assessments.
    pub count: u32,
    /// The lowest level any scored competency may have.
    pub at_least: Level,
}

/// How long a certificate lasts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Validity {
    /// Calendar months.
    pub months: u32,
}

/// Rules for renewing by refresher.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(from = "RawRefresherRules")]
pub struct RefresherRules {
    /// The window opens this many days before expiry.
    pub window_days: u32,
    /// Passed assessments needed.
    pub passes: u32,
    /// Of which at least this many with a red flag recognised.
    pub with_red_flag: u32,
    /// The refresher passes must be in at least this many distinct
    /// scenarios (as `initial.distinct_scenarios` for the first
    /// certification), so passing one scenario twice does not renew. A
    /// policy file that leaves it out gets `passes`.
    pub distinct_scenarios: u32,
    /// Refresher-specific scenarios: when not empty, a renewal needs at
    /// least one pass of one of them in the window, and passes of them do
    /// not count towards initial certification. Left out, none.
    pub content: Vec<String>,
}

/// `[refresher]` as written in a file: `distinct_scenarios` may be left
/// out (policies written before it existed) and then equals `passes`.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRefresherRules {
    window_days: u32,
    passes: u32,
    with_red_flag: u32,
    #[serde(default)]
    distinct_scenarios: Option<u32>,
    #[serde(default)]
    content: Vec<String>,
}

impl From<RawRefresherRules> for RefresherRules {
    fn from(r: RawRefresherRules) -> Self {
        RefresherRules {
            window_days: r.window_days,
            passes: r.passes,
            with_red_flag: r.with_red_flag,
            distinct_scenarios: r.distinct_scenarios.unwrap_or(r.passes),
            content: r.content,
        }
    }
}

/// The grace period after expiry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Grace {
    /// How many days the grace period lasts after expiry.
    pub days: u32,
}

/// A certification policy.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Policy {
    /// Recorded with every certification granted under it.
    pub version: String,
    /// Initial certification.
    pub initial: InitialRules,
    /// How long a certification is valid.
    pub validity: Validity,
    /// What renews a certification in its refresher window.
    pub refresher: RefresherRules,
    /// The grace period after expiry.
    pub grace: Grace,
}

impl Default for Policy {
    /// The documented defaults (the same values as [`DEFAULT_TOML`]).
    fn default() -> Self {
        Policy {
            version: "rehearse-default-2".into(),
            initial: InitialRules {
                distinct_scenarios: 4,
                competency_passes: 2,
                red_flags: RedFlagCategory::ALL.to_vec(),
                observed: None,
            },
            validity: Validity { months: 12 },
            refresher: RefresherRules {
                window_days: 60,
                passes: 2,
                with_red_flag: 1,
                distinct_scenarios: 2,
                content: vec![REFRESHER_CONTENT.into()],
            },
            grace: Grace { days: 30 },
        }
    }
}

impl Policy {
    /// Parses and checks a policy file's text.
    pub fn from_toml(text: &str) -> Result<Policy> {
        let p: Policy = toml::from_str(text).map_err(|e| Error::Policy(e.to_string()))?;
        p.validate()?;
        Ok(p)
    }

    /// Reads and checks a policy file.
    pub fn load(path: &Path) -> Result<Policy> {
        let text = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
        Self::from_toml(&text).map_err(|e| match e {
            Error::Policy(m) => Error::Policy(format!("{}: {m}", path.display())),
            other => other,
        })
    }

    /// The policy as TOML.
    pub fn to_toml(&self) -> Result<String> {
        toml::to_string(self).map_err(|e| Error::Policy(e.to_string()))
    }

    /// Checks that the numbers make sense together.
    pub fn validate(&self) -> Result<()> {
        let fail = |m: &str| Err(Error::Policy(m.to_string()));
        if self.version.trim().is_empty() || self.version.chars().count() > 100 {
            return fail("`version` must be a name of 1 to 100 characters");
        }
        if self.initial.distinct_scenarios == 0 {
            return fail("`initial.distinct_scenarios` must be at least 1");
        }
        if self.initial.competency_passes == 0 {
            return fail("`initial.competency_passes` must be at least 1");
        }
        if !(1..=36).contains(&self.validity.months) {
            return fail("`validity.months` must be from 1 to 36 (12 is annual, 6 semi-annual)");
        }
        if self.refresher.passes == 0 {
            return fail("`refresher.passes` must be at least 1");
        }
        if self.refresher.with_red_flag > self.refresher.passes {
            return fail("`refresher.with_red_flag` cannot exceed `refresher.passes`");
        }
        if self.refresher.distinct_scenarios == 0 {
            return fail("`refresher.distinct_scenarios` must be at least 1");
        }
        if self.refresher.distinct_scenarios > self.refresher.passes {
            return fail(
                "`refresher.distinct_scenarios` cannot exceed `refresher.passes` (each distinct scenario needs a pass)",
            );
        }
        if let Some(o) = &self.initial.observed {
            if !(1..=10).contains(&o.count) {
                return fail("`initial.observed.count` must be from 1 to 10");
            }
            if o.at_least == Level::NotAssessed {
                return fail(
                    "`initial.observed.at_least` must be a scored level: not_yet, developing, competent or exemplary",
                );
            }
        }
        if self.refresher.content.len() > 50 {
            return fail("`refresher.content` lists at most 50 scenarios");
        }
        for (i, id) in self.refresher.content.iter().enumerate() {
            let ok = !id.is_empty()
                && id.len() <= 100
                && id
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
            if !ok {
                return Err(Error::Policy(format!(
                    "`refresher.content` holds \"{id}\", which is not a scenario id (letters, digits, - and _)"
                )));
            }
            if self.refresher.content[..i].contains(id) {
                return Err(Error::Policy(format!(
                    "`refresher.content` lists \"{id}\" twice"
                )));
            }
        }
        // The window must open after the certificate starts (28-day months at worst).
        if self.refresher.window_days >= self.validity.months * 28 {
            return fail("`refresher.window_days` must be shorter than the validity period");
        }
        if self.grace.days > 365 {
            return fail("`grace.days` must be at most 365");
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_documented_file_is_the_default() {
        assert_eq!(Policy::from_toml(DEFAULT_TOML).unwrap(), Policy::default());
    }

    #[test]
    fn a_semi_annual_policy_parses() {
        let text = DEFAULT_TOML
            .replace("months = 12", "months = 6")
            .replace("rehearse-default-2", "trust-semiannual");
        let p = Policy::from_toml(&text).unwrap();
        assert_eq!(p.validity.months, 6);
        assert_eq!(p.version, "trust-semiannual");
    }

    #[test]
    fn refresher_distinct_scenarios_defaults_to_the_refresher_passes() {
        // A policy written before the rule existed (no such line) still
        // parses, and needs as many distinct scenarios as passes.
        let old = DEFAULT_TOML
            .replace(
                "distinct_scenarios = 2\n# Refresher-specific",
                "# Refresher-specific",
            )
            .replace("\npasses = 2\n", "\npasses = 3\n");
        assert!(!old.contains("distinct_scenarios = 2"));
        let p = Policy::from_toml(&old).unwrap();
        assert_eq!(p.refresher.passes, 3);
        assert_eq!(p.refresher.distinct_scenarios, 3);
        // Written back, the value is explicit and reads the same.
        assert_eq!(Policy::from_toml(&p.to_toml().unwrap()).unwrap(), p);
        let lenient = DEFAULT_TOML.replace(
            "distinct_scenarios = 2\n# Refresher-specific",
            "distinct_scenarios = 1\n# Refresher-specific",
        );
        assert_eq!(
            Policy::from_toml(&lenient)
                .unwrap()
                .refresher
                .distinct_scenarios,
            1
        );
    }

    #[test]
    fn an_observed_requirement_and_refresher_content_parse() {
        let text = DEFAULT_TOML.replace(
            "red_flags = [\"suicide_risk\", \"severe_decompensation\"]",
            "red_flags = [\"suicide_risk\", \"severe_decompensation\"]\nobserved = { count = 1, at_least = \"competent\" }",
        );
        let p = Policy::from_toml(&text).unwrap();
        assert_eq!(
            p.initial.observed,
            Some(ObservedRule {
                count: 1,
                at_least: Level::Competent
            })
        );
        assert_eq!(p.refresher.content, vec![REFRESHER_CONTENT.to_string()]);
        assert_eq!(Policy::from_toml(&p.to_toml().unwrap()).unwrap(), p);
        // Left out (policies written before these rules): nothing required.
        let old = DEFAULT_TOML.replace("content = [\"refresher-familiar-face\"]", "");
        let p = Policy::from_toml(&old).unwrap();
        assert!(p.refresher.content.is_empty());
        assert_eq!(p.initial.observed, None);
    }

    #[test]
    fn bad_policies_are_refused_with_a_reason() {
        let cases = [
            (
                DEFAULT_TOML.replace("months = 12", "months = 0"),
                "validity.months",
            ),
            (
                DEFAULT_TOML.replace("\npasses = 2\n", "\npasses = 0\n"),
                "refresher.passes",
            ),
            (
                DEFAULT_TOML.replace("with_red_flag = 1", "with_red_flag = 5"),
                "with_red_flag",
            ),
            (
                DEFAULT_TOML.replace("window_days = 60", "window_days = 400"),
                "window_days",
            ),
            (
                DEFAULT_TOML.replace("\"suicide_risk\"", "\"sadness\""),
                "sadness",
            ),
            (
                DEFAULT_TOML.replace("[grace]", "[grace]\nweeks = 2"),
                "weeks",
            ),
            (
                DEFAULT_TOML.replace("distinct_scenarios = 2", "distinct_scenarios = 0"),
                "refresher.distinct_scenarios",
            ),
            (
                DEFAULT_TOML.replace("distinct_scenarios = 2", "distinct_scenarios = 3"),
                "refresher.distinct_scenarios",
            ),
            (
                DEFAULT_TOML.replace("distinct_scenarios = 2", "distinct_scenario = 2"),
                "distinct_scenario",
            ),
            (
                DEFAULT_TOML.replace(
                    "[validity]",
                    "observed = { count = 0, at_least = \"competent\" }\n\n[validity]",
                ),
                "initial.observed.count",
            ),
            (
                DEFAULT_TOML.replace(
                    "[validity]",
                    "observed = { count = 1, at_least = \"not_assessed\" }\n\n[validity]",
                ),
                "initial.observed.at_least",
            ),
            (
                DEFAULT_TOML.replace(
                    "[validity]",
                    "observed = { count = 1, at_least = \"great\" }\n\n[validity]",
                ),
                "great",
            ),
            (
                DEFAULT_TOML.replace("\"refresher-familiar-face\"", "\"../x\""),
                "refresher.content",
            ),
            (
                DEFAULT_TOML.replace(
                    "\"refresher-familiar-face\"",
                    "\"refresher-familiar-face\", \"refresher-familiar-face\"",
                ),
                "twice",
            ),
            ("version = ".to_string(), "policy"),
        ];
        for (text, needle) in cases {
            let e = Policy::from_toml(&text).unwrap_err();
            assert_eq!(e.code(), "policy");
            assert!(e.to_string().contains(needle), "{e} lacks {needle}");
        }
    }
}
