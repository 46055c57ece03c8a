//! Cohort and item analytics as both front ends ask for them: a report
//! kind, the records filter, and a scenario. The figures, the small-group
//! rule, the chart and the CSV writer come from `rehearse_core::analytics`;
//! this module holds the query as typed and which scenarios' declared
//! options the item analysis reads.

use crate::error::Result;
use crate::filter::FilterInput;
use rehearse_core::analytics::{self, DeclaredOptions, Kind};
use rehearse_core::library::index::LibraryIndex;
use rehearse_core::records::analytics::CohortFilter;
use rehearse_core::records::Store;
use serde::{Deserialize, Serialize};
use std::path::PathBuf;

/// A report and its filters as a front end receives them (blank means
/// any; the records filter's fields, read by the same rule, and a
/// scenario id).
#[derive(Debug, Clone, Default, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct CohortQuery {
    /// The report id (`pass-rate`, `competency`, `items`, `red-flags`,
    /// `forecast`, `versions`).
    pub kind: String,
    /// Organisation and dates (`YYYY-MM-DD`; the forecast is taken on `to`).
    #[serde(flatten)]
    pub filters: FilterInput,
    /// Only attempts at this scenario id.
    #[serde(default)]
    pub scenario: Option<String>,
}

impl CohortQuery {
    /// The core's report kind and filter: the kind by its id, the dates
    /// and organisation by the records filter's rule, a blank scenario as
    /// any.
    pub fn parse(&self) -> Result<(Kind, CohortFilter)> {
        let scenario = self
            .scenario
            .as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_string);
        let filter = CohortFilter::from_export(&self.filters.filter()?, scenario);
        filter.validate()?;
        Ok((self.kind.trim().parse()?, filter))
    }
}

/// A report kind a front end offers.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct KindView {
    /// Its id.
    pub id: &'static str,
    /// Its title.
    pub title: &'static str,
}

/// A report: the core's report, the chart's text alternative and every
/// report that may be asked for.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct CohortView {
    /// The report (table, chart, scope, notes).
    pub report: analytics::Report,
    /// One sentence per bar.
    pub chart_summary: Vec<String>,
    /// Every report kind.
    pub kinds: Vec<KindView>,
}

/// The declared options the item analysis compares play with: of the
/// scenario `only` (found by its id through the index) or of every
/// scenario among `folders`; a folder that does not load is left out.
fn declared(
    index: &mut LibraryIndex,
    folders: &[PathBuf],
    only: Option<&str>,
) -> Vec<DeclaredOptions> {
    let dirs: Vec<PathBuf> = match only {
        Some(id) => crate::library::find(index, folders, id)
            .into_iter()
            .collect(),
        None => folders.to_vec(),
    };
    dirs.iter()
        .filter_map(|d| rehearse_core::scenario::load_playable(d).ok())
        .map(|s| DeclaredOptions::of(&s))
        .collect()
}

/// The report `kind` over the records `filter` selects; the item analysis
/// reads the declared options of the library's scenarios in `folders`.
pub fn report(
    store: &Store,
    kind: Kind,
    filter: &CohortFilter,
    index: &mut LibraryIndex,
    folders: &[PathBuf],
) -> Result<CohortView> {
    let options = if kind == Kind::Items {
        declared(index, folders, filter.scenario.as_deref())
    } else {
        Vec::new()
    };
    let report = analytics::report(store, kind, filter, &options)?;
    Ok(CohortView {
        chart_summary: report.chart.summary(),
        report,
        kinds: Kind::ALL
            .into_iter()
            .map(|k| KindView {
                id: k.id(),
                title: k.title(),
            })
            .collect(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::{play_test, records_on};

    #[test]
    fn a_query_is_read_by_the_filters_rule_and_items_read_the_scenarios_options() {
        let q: CohortQuery = serde_json::from_str(
            r#"{"kind": "items", "organisation": " ", "from": "2025-01-01", "scenario": " near-miss "}"#,
        )
        .unwrap();
        let (kind, filter) = q.parse().unwrap();
        assert_eq!(kind, Kind::Items);
        assert_eq!(filter.organisation, None);
        assert_eq!(filter.scenario.as_deref(), Some("near-miss"));
        let backwards = CohortQuery {
            kind: "pass-rate".into(),
            filters: FilterInput {
                from: Some("2025-02-01".into()),
                to: Some("2025-01-01".into()),
                ..FilterInput::default()
            },
            scenario: None,
        };
        assert!(backwards.parse().is_err());
        assert!(CohortQuery {
            kind: "pie".into(),
            ..CohortQuery::default()
        }
        .parse()
        .is_err());

        let tmp = tempfile::tempdir().unwrap();
        let opened = records_on(tmp.path(), "2025-03-01");
        let ana = opened.store.add_trainee("Ana", None, None).unwrap();
        play_test(&opened.store, ana.id, "near-miss", "strong path");
        let root = rehearse_core::library::bundled_dir().unwrap();
        let folders = rehearse_core::library::expand(&[root]).unwrap();
        let mut index = LibraryIndex::new();
        let only = declared(&mut index, &folders, Some("near-miss"));
        assert_eq!(only.len(), 1);
        assert_eq!(declared(&mut index, &folders, Some("no-such")).len(), 0);
        let view = report(&opened.store, kind, &filter, &mut index, &folders).unwrap();
        assert_eq!(view.kinds.len(), Kind::ALL.len());
        assert_eq!(view.chart_summary.len(), view.report.chart.summary().len());
    }
}
