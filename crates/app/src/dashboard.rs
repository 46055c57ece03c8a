//! The trainee dashboard: certification status with its countdown, what is
//! still missing, a competency grid across attempts, and the attempt
//! history. Everything is computed by `rehearse_core::records`; this module
//! adapts it into the view both front ends can show.

use crate::view::{AttemptLabel, CompetencyLabel, StatusView};
use rehearse_core::competency::Competency;
use rehearse_core::locale::Language;
use rehearse_core::records::{AttemptStatus, Store};
use serde::Serialize;
use std::collections::HashMap;
use uuid::Uuid;

/// One attempt in the history.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct HistoryRow {
    /// The attempt, its scenario and mode.
    #[serde(flatten)]
    #[cfg_attr(feature = "ts", ts(flatten))]
    pub label: AttemptLabel,
    /// `in_progress`, `completed` or `abandoned`.
    pub status: AttemptStatus,
    /// Started (RFC 3339).
    pub started_at: String,
    /// Whether it passed, moderation applied (completed attempts only).
    pub passed: Option<bool>,
    /// Whether a trainer overrode a grade.
    pub moderated: bool,
    /// Turns played.
    pub turns: u32,
    /// Whether its debrief can be opened (completed attempts).
    pub has_debrief: bool,
}

/// One column of the competency grid: an attempt's levels.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct GridColumn {
    /// The attempt, its scenario and mode.
    #[serde(flatten)]
    #[cfg_attr(feature = "ts", ts(flatten))]
    pub label: AttemptLabel,
    /// Ended (RFC 3339).
    pub ended_at: Option<String>,
    /// Passed, moderation applied.
    pub passed: bool,
    /// Whether a trainer overrode a grade.
    pub moderated: bool,
    /// Level id per competency, in framework order (as `competencies`).
    pub levels: Vec<GridCell>,
}

/// One cell of the grid.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct GridCell {
    /// Level id.
    pub level: &'static str,
    /// Level in words.
    pub label: &'static str,
}

/// The dashboard.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct DashboardView {
    /// Trainee display name.
    pub name: String,
    /// Certification status today (the records clock).
    pub status: StatusView,
    /// The 15 competencies, in framework order (the grid's rows).
    pub competencies: Vec<CompetencyLabel>,
    /// Completed attempts, oldest first (the grid's columns).
    pub grid: Vec<GridColumn>,
    /// Every attempt, newest first.
    pub history: Vec<HistoryRow>,
}

/// Builds the dashboard of `trainee` from the store, in `lang`, naming
/// scenarios by `titles` (scenario id to title; a scenario no longer in the
/// library shows by its id).
pub fn dashboard(
    store: &Store,
    titles: &HashMap<String, String>,
    trainee: Uuid,
    lang: Language,
) -> crate::Result<DashboardView> {
    let name = store.find_trainee(&trainee.to_string())?.display_name;
    let status = store.status(trainee, store.clock().today())?;
    let history = store
        .attempts(trainee)?
        .into_iter()
        .map(|a| HistoryRow {
            label: AttemptLabel::new(a.attempt, a.scenario_id, a.mode, titles),
            status: a.status,
            started_at: rehearse_core::clock::format_instant(a.started_at),
            passed: a.passed,
            moderated: a.moderated,
            turns: a.turns,
            has_debrief: a.status == AttemptStatus::Completed,
        })
        .collect();
    let grid = store
        .competency_grid(trainee)?
        .into_iter()
        .map(|g| GridColumn {
            label: AttemptLabel::new(g.attempt, g.scenario_id, g.mode, titles),
            ended_at: g.ended_at.map(rehearse_core::clock::format_instant),
            passed: g.passed,
            moderated: g.moderated,
            levels: g
                .levels
                .into_iter()
                .map(|(_, l)| GridCell {
                    level: l.id(),
                    label: l.label_in(lang),
                })
                .collect(),
        })
        .collect();
    Ok(DashboardView {
        name,
        status: StatusView::in_language(&status, lang),
        competencies: Competency::ALL
            .into_iter()
            .map(|c| CompetencyLabel::in_language(c, lang))
            .collect(),
        grid,
        history,
    })
}
