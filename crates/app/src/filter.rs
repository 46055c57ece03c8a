//! The records filter as a front end receives it: typed words, not yet
//! checked. The CLI parses it from flags (`--organisation`, `--from`, `--to`,
//! `--status`, with the `clap` feature) and the desktop page sends it as
//! JSON; both turn it into the core's [`Filter`] by the core's one rule.

use rehearse_core::export::Filter;
use serde::Deserialize;

/// Which records to include: blank or absent fields mean "any".
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[cfg_attr(feature = "clap", derive(clap::Args))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct FilterInput {
    /// Only trainees of this organisation.
    #[serde(default)]
    #[cfg_attr(feature = "clap", arg(long, value_name = "NAME"))]
    pub organisation: Option<String>,
    /// Only records on or after this day (YYYY-MM-DD).
    #[serde(default)]
    #[cfg_attr(feature = "clap", arg(long, value_name = "DATE"))]
    pub from: Option<String>,
    /// Only records on or before this day (YYYY-MM-DD); certification status is taken on it.
    #[serde(default)]
    #[cfg_attr(feature = "clap", arg(long, value_name = "DATE"))]
    pub to: Option<String>,
    /// Only trainees with this certification status (repeatable): not_started,
    /// in_progress, certified, refresher_due, expired_grace, lapsed.
    #[serde(default)]
    #[cfg_attr(feature = "clap", arg(long, value_name = "STATUS"))]
    pub status: Vec<String>,
}

impl FilterInput {
    /// The core filter, read by the core's rule for typed filters
    /// ([`Filter::parse`]: blank means any; a bad day or status is an error
    /// naming it).
    pub fn filter(&self) -> crate::Result<Filter> {
        Ok(Filter::parse(
            self.organisation.as_deref(),
            self.from.as_deref(),
            self.to.as_deref(),
            &self.status,
        )?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blank_fields_mean_any_and_bad_words_are_named() {
        let any: FilterInput = serde_json::from_str(r#"{"organisation": "  "}"#).unwrap();
        assert_eq!(any.filter().unwrap(), Filter::default());
        let bad = FilterInput {
            status: vec!["certifed".into()],
            ..FilterInput::default()
        };
        let err = bad.filter().err().unwrap();
        assert!(err.to_string().contains("certifed"), "{err}");
        let day = FilterInput {
            from: Some("2025-13-01".into()),
            ..FilterInput::default()
        };
        assert!(day
            .filter()
            .err()
            .unwrap()
            .to_string()
            .contains("2025-13-01"));
    }
}
