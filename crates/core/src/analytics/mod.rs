//! Cohort and item analytics for trainers and programme leads, the reports
//! a learning platform gives: pass rate per scenario version, the cohort's
//! competency profile, item analysis per beat, red-flag recognition and its
//! timing, the refresher forecast, and the change across versions.
//!
//! Every figure comes from completed assessments read through
//! [`Store::cohort_attempts`] (no transcript is read) and passes the
//! small-group rule of [`suppression`]. Each report is a [`Report`]: a
//! [`table::Table`] (the CLI prints it or writes CSV; the app shows it) and
//! a [`table::Chart`] of the same figures. Formulas: `docs/analytics.md`.

pub mod cohort;
pub mod forecast;
pub mod item;
pub mod red_flag_timing;
pub mod suppression;
pub mod table;

#[cfg(test)]
mod tests;

use crate::error::{Error, Result};
use crate::grading::Level;
use crate::records::analytics::{CohortAttempt, CohortFilter};
use crate::records::filter::status_id;
use crate::records::Store;
use chrono::NaiveDate;
use serde::Serialize;
use std::collections::BTreeSet;
use suppression::Guarded;
use table::{Bar, Cell, Chart, Legend, Segment, Table, Unit};
use uuid::Uuid;

pub use item::DeclaredOptions;

/// The distinct trainees of some attempts.
pub fn trainees<'a>(attempts: impl IntoIterator<Item = &'a CohortAttempt>) -> BTreeSet<Uuid> {
    attempts.into_iter().map(|a| a.trainee).collect()
}

/// Which report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum Kind {
    /// Pass rate per scenario version.
    PassRate,
    /// The cohort's competency profile.
    Competency,
    /// Item analysis per beat.
    Items,
    /// Red-flag recognition and time to recognition.
    RedFlags,
    /// Who falls due for a refresher in 30, 60 or 90 days.
    Forecast,
    /// The change in results across scenario versions.
    Versions,
}

impl Kind {
    /// Every report, in the order the app shows them.
    pub const ALL: [Kind; 6] = [
        Kind::PassRate,
        Kind::Competency,
        Kind::Items,
        Kind::RedFlags,
        Kind::Forecast,
        Kind::Versions,
    ];

    /// The id (`rehearse report <id>`).
    pub fn id(self) -> &'static str {
        match self {
            Kind::PassRate => "pass-rate",
            Kind::Competency => "competency",
            Kind::Items => "items",
            Kind::RedFlags => "red-flags",
            Kind::Forecast => "forecast",
            Kind::Versions => "versions",
        }
    }

    /// The title.
    pub fn title(self) -> &'static str {
        match self {
            Kind::PassRate => "Pass rate per scenario version",
            Kind::Competency => "Competency profile of the cohort",
            Kind::Items => "Item analysis per beat",
            Kind::RedFlags => "Red-flag recognition and time to recognition",
            Kind::Forecast => "Refresher forecast (30, 60, 90 days)",
            Kind::Versions => "Change in results across scenario versions",
        }
    }
}

impl std::str::FromStr for Kind {
    type Err = Error;
    fn from_str(s: &str) -> Result<Kind> {
        Kind::ALL
            .into_iter()
            .find(|k| k.id() == s.trim())
            .ok_or_else(|| {
                Error::Input(format!(
                    "unknown report \"{s}\"; use one of {}",
                    Kind::ALL.map(Kind::id).join(", ")
                ))
            })
    }
}

/// A finished report.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Report {
    /// Which report.
    pub kind: Kind,
    /// Its title.
    pub title: &'static str,
    /// What it covers, in words (filters, day).
    pub scope: String,
    /// The figures.
    pub table: Table,
    /// The same figures as a chart.
    pub chart: Chart,
    /// Rows whose group was too small to show.
    pub suppressed: usize,
    /// Notes for the reader (e.g. a version whose options are unknown).
    pub notes: Vec<String>,
}

fn text(s: impl Into<String>) -> Cell {
    Cell::Text(s.into())
}

fn scope(filter: &CohortFilter, at: NaiveDate, kind: Kind) -> String {
    let mut parts = vec![match &filter.organisation {
        Some(o) if !o.trim().is_empty() => format!("organisation {}", o.trim()),
        _ => "all organisations".to_string(),
    }];
    if kind == Kind::Forecast {
        parts.push(format!("as of {at}"));
    } else {
        match (filter.from, filter.to) {
            (None, None) => parts.push("all dates".into()),
            (f, t) => parts.push(format!(
                "completed {} to {}",
                f.map_or("the start".into(), |d| d.to_string()),
                t.map_or("today".into(), |d| d.to_string())
            )),
        }
        if let Some(s) = filter.scenario.as_deref().filter(|s| !s.trim().is_empty()) {
            parts.push(format!("scenario {s}"));
        }
        parts.push("completed assessments only".into());
    }
    parts.join("; ")
}

/// Builds a report from the store. `declared` holds the options of the
/// scenario versions at hand (for the item analysis to list options no one
/// chose); the forecast is taken on `filter.to`, or today.
pub fn report(
    store: &Store,
    kind: Kind,
    filter: &CohortFilter,
    declared: &[DeclaredOptions],
) -> Result<Report> {
    filter.validate()?;
    let at = filter
        .to
        .unwrap_or_else(|| store.clock().now().date_naive());
    let mut r = if kind == Kind::Forecast {
        let trainees = store.cohort_trainees(filter)?;
        let mut statuses = Vec::with_capacity(trainees.len());
        for t in trainees {
            let s = store.status(t.id, at)?;
            statuses.push((t, s));
        }
        forecast_report(&forecast::forecast(&statuses))
    } else {
        let attempts = store.cohort_attempts(filter)?;
        build(kind, &attempts, declared)
    };
    r.scope = scope(filter, at, kind);
    Ok(r)
}

/// Builds a report (any kind but the forecast) from attempts already read.
pub fn build(kind: Kind, attempts: &[CohortAttempt], declared: &[DeclaredOptions]) -> Report {
    match kind {
        Kind::PassRate => pass_rate_report(&cohort::pass_rates(attempts)),
        Kind::Competency => competency_report(&cohort::competency_profile(attempts)),
        Kind::Items => items_report(&item::items(attempts, declared)),
        Kind::RedFlags => red_flag_report(&red_flag_timing::red_flag_timing(attempts)),
        Kind::Versions => versions_report(&cohort::version_change(attempts)),
        Kind::Forecast => forecast_report(&[]),
    }
}

fn finish(kind: Kind, table: Table, chart: Chart, suppressed: usize, notes: Vec<String>) -> Report {
    Report {
        kind,
        title: kind.title(),
        scope: String::new(),
        table,
        chart,
        suppressed,
        notes,
    }
}

const SHARE: &str = "share";

fn share_chart(caption: &str, label: &'static str, bars: Vec<Bar>) -> Chart {
    Chart {
        caption: caption.into(),
        unit: Unit::Share,
        max: 1.0,
        legend: vec![Legend { key: SHARE, label }],
        bars,
    }
}

fn pass_rate_report(rows: &[cohort::PassRate]) -> Report {
    let mut t = Table::new(&[
        ("scenario_id", "Scenario"),
        ("scenario_version", "Version"),
        ("scenario_hash", "Content hash"),
        ("first_completed", "First completed"),
        ("trainees", "Trainees"),
        ("attempts", "Assessments"),
        ("passed", "Passed"),
        ("pass_rate", "Pass rate"),
        ("trainees_passed", "Trainees who passed"),
    ]);
    let mut bars = Vec::new();
    for r in rows {
        let f = &r.figures;
        t.rows.push(vec![
            text(&r.version.scenario_id),
            text(&r.version.version),
            text(&r.version.content_hash),
            text(r.first_completed.to_string()),
            Cell::guarded(f, |f| Cell::Count(f.trainees as u64)),
            Cell::guarded(f, |f| Cell::Count(f.attempts as u64)),
            Cell::guarded(f, |f| Cell::Count(f.passed as u64)),
            Cell::guarded(f, |f| Cell::Ratio(f.pass_rate)),
            Cell::guarded(f, |f| Cell::Count(f.trainees_passed as u64)),
        ]);
        bars.push(Bar::single(
            r.version.label(),
            SHARE,
            &map(f, |f| f.pass_rate),
        ));
    }
    let suppressed = rows.iter().filter(|r| r.figures.is_suppressed()).count();
    finish(
        Kind::PassRate,
        t,
        share_chart(
            "Pass rate of completed assessments per scenario version",
            "pass rate",
            bars,
        ),
        suppressed,
        Vec::new(),
    )
}

fn map<T, U>(g: &Guarded<T>, f: impl FnOnce(&T) -> U) -> Guarded<U> {
    match g {
        Guarded::Shown(v) => Guarded::Shown(f(v)),
        Guarded::Suppressed => Guarded::Suppressed,
    }
}

fn competency_report(rows: &[cohort::ProfileRow]) -> Report {
    let mut t = Table::new(&[
        ("competency", "Competency"),
        ("title", "Title"),
        ("trainees", "Trainees assessed"),
        ("not_yet", "Not yet"),
        ("developing", "Developing"),
        ("competent", "Competent"),
        ("exemplary", "Exemplary"),
        ("competent_or_better", "Competent or better"),
        ("mean_score", "Mean score"),
        ("mean_level", "Level of the mean"),
    ]);
    const KEYS: [&str; 4] = ["not_yet", "developing", "competent", "exemplary"];
    let mut bars = Vec::new();
    for r in rows {
        let f = &r.figures;
        let mut row = vec![text(r.competency.id()), text(r.competency.title())];
        row.push(Cell::guarded(f, |f| Cell::Count(f.trainees as u64)));
        for k in 0..4 {
            row.push(Cell::guarded(f, |f| Cell::Count(f.levels[k] as u64)));
        }
        row.push(Cell::guarded(f, |f| Cell::Ratio(f.competent_or_better)));
        row.push(Cell::guarded(f, |f| Cell::number(f.mean_score)));
        row.push(Cell::guarded(f, |f| {
            f.mean_level
                .map(|l: Level| text(l.label()))
                .unwrap_or(Cell::Empty)
        }));
        t.rows.push(row);
        bars.push(match f {
            Guarded::Shown(f) => Bar {
                label: r.competency.title().to_string(),
                segments: KEYS
                    .iter()
                    .zip(f.levels)
                    .map(|(k, n)| Segment {
                        key: k,
                        value: n as f64 / f.trainees.max(1) as f64,
                    })
                    .collect(),
                suppressed: false,
            },
            Guarded::Suppressed => Bar {
                label: r.competency.title().to_string(),
                segments: Vec::new(),
                suppressed: true,
            },
        });
    }
    let suppressed = rows.iter().filter(|r| r.figures.is_suppressed()).count();
    let chart = Chart {
        caption: "Share of the cohort at each level, per competency (each trainee at their latest assessed level); competent or better is what passing requires".into(),
        unit: Unit::Share,
        max: 1.0,
        legend: cohort::GRADED
            .iter()
            .zip(KEYS)
            .map(|(l, key)| Legend { key, label: l.label() })
            .collect(),
        bars,
    };
    finish(Kind::Competency, t, chart, suppressed, Vec::new())
}

fn items_report(versions: &[item::VersionItems]) -> Report {
    let mut t = Table::new(&[
        ("scenario_id", "Scenario"),
        ("scenario_version", "Version"),
        ("beat", "Beat"),
        ("reached", "Walks reaching it"),
        ("reach_rate", "Reach rate"),
        ("went_wrong_share", "Went wrong there"),
        ("option", "Option"),
        ("label", "Option text"),
        ("walks", "Walks taking it"),
        ("share", "Share"),
        ("p_pass", "Share of passing"),
        ("p_fail", "Share of failing"),
        ("discrimination", "Discrimination D"),
        ("point_biserial", "Point-biserial"),
        ("flags", "Flags"),
    ]);
    let mut bars = Vec::new();
    let mut suppressed = 0;
    let mut notes = Vec::new();
    for v in versions {
        if !v.options_known {
            notes.push(format!(
                "{}: this version's scenario is not at hand, so only options someone took are listed",
                v.version.label()
            ));
        }
        for b in &v.beats {
            let head = [
                text(&v.version.scenario_id),
                text(&v.version.version),
                text(&b.beat),
            ];
            bars.push(Bar::single(
                format!(
                    "{} {}: {}",
                    v.version.scenario_id, v.version.version, b.beat
                ),
                SHARE,
                &map(&b.figures, |f| f.went_wrong_share),
            ));
            match &b.figures {
                Guarded::Suppressed => {
                    suppressed += 1;
                    let mut row = head.to_vec();
                    row.extend(std::iter::repeat_n(Cell::Suppressed, 12));
                    t.rows.push(row);
                }
                Guarded::Shown(f) => {
                    for o in &f.options {
                        let d = &o.discrimination;
                        let mut row = head.to_vec();
                        row.extend([
                            Cell::Count(f.reached as u64),
                            Cell::Ratio(f.reach_rate),
                            Cell::Ratio(f.went_wrong_share),
                            text(&o.option),
                            o.label.as_deref().map(text).unwrap_or(Cell::Empty),
                            Cell::Count(o.walks as u64),
                            Cell::Ratio(o.share),
                            Cell::guarded(d, |d| Cell::Ratio(d.p_pass)),
                            Cell::guarded(d, |d| Cell::Ratio(d.p_fail)),
                            Cell::guarded(d, |d| Cell::Number(d.index)),
                            Cell::guarded(d, |d| Cell::Number(d.point_biserial)),
                            text(o.flags.iter().map(|f| f.id()).collect::<Vec<_>>().join(" ")),
                        ]);
                        t.rows.push(row);
                    }
                }
            }
        }
    }
    finish(
        Kind::Items,
        t,
        share_chart(
            "Share of walks reaching each beat that went wrong there",
            "went wrong",
            bars,
        ),
        suppressed,
        notes,
    )
}

fn red_flag_report(rows: &[red_flag_timing::FlagTiming]) -> Report {
    let mut t = Table::new(&[
        ("scenario_id", "Scenario"),
        ("category", "Red flag"),
        ("trainees", "Trainees"),
        ("cued", "Walks meeting the cue"),
        ("recognised", "Recognised"),
        ("recognition_rate", "Recognition rate"),
        ("timed", "Timed recognitions"),
        ("median_turns", "Median turns"),
        ("mean_turns", "Mean turns"),
        ("median_seconds", "Median seconds"),
        ("mean_seconds", "Mean seconds"),
    ]);
    let mut bars = Vec::new();
    for r in rows {
        let f = &r.figures;
        t.rows.push(vec![
            text(&r.scenario_id),
            text(&r.category),
            Cell::guarded(f, |f| Cell::Count(f.trainees as u64)),
            Cell::guarded(f, |f| Cell::Count(f.cued as u64)),
            Cell::guarded(f, |f| Cell::Count(f.recognised as u64)),
            Cell::guarded(f, |f| Cell::Ratio(f.recognition_rate)),
            Cell::guarded(f, |f| Cell::Count(f.timed as u64)),
            Cell::guarded(f, |f| Cell::number(f.median_turns)),
            Cell::guarded(f, |f| Cell::number(f.mean_turns)),
            Cell::guarded(f, |f| Cell::number(f.median_seconds)),
            Cell::guarded(f, |f| Cell::number(f.mean_seconds)),
        ]);
        bars.push(Bar::single(
            format!("{}: {}", r.scenario_id, r.category),
            SHARE,
            &map(f, |f| f.recognition_rate),
        ));
    }
    let suppressed = rows.iter().filter(|r| r.figures.is_suppressed()).count();
    finish(
        Kind::RedFlags,
        t,
        share_chart(
            "Share of red-flag cues recognised, per scenario and category",
            "recognised",
            bars,
        ),
        suppressed,
        Vec::new(),
    )
}

fn forecast_report(due: &[forecast::Due]) -> Report {
    let mut t = Table::new(&[
        ("trainee_id", "Trainee (pseudonymous)"),
        ("organisation", "Organisation"),
        ("certification_status", "Status"),
        ("due_on", "Refresher window opens"),
        ("days", "Days"),
        ("horizon", "Within"),
        ("expires_on", "Certificate expires"),
    ]);
    for d in due {
        t.rows.push(vec![
            text(d.trainee.to_string()),
            text(d.organisation.clone().unwrap_or_default()),
            text(status_id(d.standing)),
            text(d.due_on.to_string()),
            Cell::Count(u64::try_from(d.days).unwrap_or(0)),
            text(format!("{} days", d.horizon)),
            text(d.expires_on.map(|e| e.to_string()).unwrap_or_default()),
        ]);
    }
    let bars = forecast::within(due)
        .into_iter()
        .map(|(h, n)| Bar {
            label: format!("within {h} days"),
            segments: vec![Segment {
                key: "due",
                value: n as f64,
            }],
            suppressed: false,
        })
        .collect::<Vec<_>>();
    let max = bars
        .iter()
        .flat_map(|b| b.segments.iter().map(|s| s.value))
        .fold(1.0, f64::max);
    let chart = Chart {
        caption: "Trainees falling due for a refresher within 30, 60 and 90 days (cumulative)"
            .into(),
        unit: Unit::Count,
        max,
        legend: vec![Legend {
            key: "due",
            label: "trainees due",
        }],
        bars,
    };
    finish(
        Kind::Forecast,
        t,
        chart,
        0,
        vec!["A list of people by design (who to remind): pseudonymous ids and dates only, no results; the same facts the training records table shows.".into()],
    )
}

fn versions_report(rows: &[cohort::VersionRow]) -> Report {
    let mut t = Table::new(&[
        ("scenario_id", "Scenario"),
        ("scenario_version", "Version"),
        ("scenario_hash", "Content hash"),
        ("trainees", "Trainees"),
        ("attempts", "Assessments"),
        ("pass_rate", "Pass rate"),
        ("recognition_rate", "Red flags recognised"),
        ("targeted_competent", "Targeted competencies at competent+"),
        ("compared_with", "Compared with"),
        ("pass_rate_change", "Pass rate change (points)"),
        ("recognition_change", "Recognition change (points)"),
        ("targeted_competent_change", "Competent+ change (points)"),
    ]);
    let mut bars = Vec::new();
    for r in rows {
        let f = &r.figures;
        let c = r.change.as_ref();
        t.rows.push(vec![
            text(&r.version.scenario_id),
            text(&r.version.version),
            text(&r.version.content_hash),
            Cell::guarded(f, |f| Cell::Count(f.pass.trainees as u64)),
            Cell::guarded(f, |f| Cell::Count(f.pass.attempts as u64)),
            Cell::guarded(f, |f| Cell::Ratio(f.pass.pass_rate)),
            Cell::guarded(f, |f| Cell::ratio(f.recognition_rate)),
            Cell::guarded(f, |f| Cell::ratio(f.targeted_competent)),
            c.map(|c| text(&c.from_version)).unwrap_or(Cell::Empty),
            Cell::number(c.map(|c| c.pass_rate)),
            Cell::number(c.and_then(|c| c.recognition_rate)),
            Cell::number(c.and_then(|c| c.targeted_competent)),
        ]);
        bars.push(Bar::single(
            r.version.label(),
            SHARE,
            &map(f, |f| f.pass.pass_rate),
        ));
    }
    let suppressed = rows.iter().filter(|r| r.figures.is_suppressed()).count();
    finish(
        Kind::Versions,
        t,
        share_chart(
            "Pass rate of each scenario version, in the order the versions were first played",
            "pass rate",
            bars,
        ),
        suppressed,
        Vec::new(),
    )
}
