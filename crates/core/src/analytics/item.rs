//! Item analysis per beat, as for a test item: how often the beat is
//! reached, the distribution of the options taken there, the share of walks
//! that go wrong there, and each option's discrimination between passing
//! and failing attempts.
//!
//! The unit is one completed assessment (a *walk*). A walk *reaches* a beat
//! when it has a turn there; it *takes* an option when any of its turns at
//! the beat took it (a beat visited twice counts once per option); it *goes
//! wrong* there when a turn there had negative net evidence (the same test
//! the debrief uses for a weak turn) or when a red flag cued at that beat was
//! missed in the walk.
//!
//! **Discrimination.** For an option taken by walks at a beat, with `P` the
//! passing walks and `F` the failing walks that reached the beat:
//!
//! - upper–lower index `D = p_P − p_F`, where `p_P` is the share of `P`
//!   that took the option and `p_F` the share of `F` (the classical
//!   upper–lower index with the pass/fail split as the groups);
//! - point-biserial correlation between taking the option (1/0) and
//!   passing (1/0), `r = (M₁ − M₀) / s · √(p·q)`, with `M₁`, `M₀` the pass
//!   rates of the walks that took / did not take it, `s = √(P̄(1 − P̄))` the
//!   standard deviation of passing over all walks at the beat, `p` the share
//!   that took it and `q = 1 − p` (with two binary variables this is the
//!   phi coefficient).
//!
//! A good option has a clearly positive `D`; a good distractor a clearly
//! negative one. An option with `|D| <` [`NON_DISCRIMINATING`] (Ebel's
//! "poor" band) is flagged as not discriminating; a declared option no walk
//! took is flagged as never chosen. Discrimination is shown only when both
//! `P` and `F` hold at least five trainees; a beat's figures only when at
//! least five trainees reached it.

use super::cohort::{by_version, VersionKey};
use super::suppression::{guard, guard_each, Guarded};
use super::trainees;
use crate::records::analytics::CohortAttempt;
use crate::scenario::Scenario;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};
use uuid::Uuid;

/// Below this `|D|`, an option does not discriminate.
pub const NON_DISCRIMINATING: f64 = 0.2;

/// A beat's options as the scenario declares them: `(option id, label)`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DeclaredOptions {
    /// The version these belong to.
    pub content_hash: String,
    /// Scenario id.
    pub scenario_id: String,
    /// Beat id → its options in declaration order.
    pub beats: BTreeMap<String, Vec<(String, String)>>,
    /// Beats in declaration order.
    pub order: Vec<String>,
}

impl DeclaredOptions {
    /// The options of every beat of a loaded scenario: each choice by id
    /// (labelled with its text, the author's words), each free-text route
    /// (`free_text:N`), `otherwise` and `silence` when declared.
    pub fn of(s: &Scenario) -> DeclaredOptions {
        let mut beats = BTreeMap::new();
        let mut order = Vec::new();
        for b in &s.def.beats {
            let mut opts: Vec<(String, String)> = b
                .choices
                .iter()
                .map(|c| (c.id.clone(), c.text.clone()))
                .collect();
            if let Some(f) = &b.free_text {
                for (i, _) in f.routes.iter().enumerate() {
                    opts.push((
                        format!("free_text:{}", i + 1),
                        format!("own words, route {}", i + 1),
                    ));
                }
                if f.otherwise.is_some() {
                    opts.push(("otherwise".into(), "own words, no route matched".into()));
                }
            }
            if b.silence.is_some() {
                opts.push(("silence".into(), "stayed silent".into()));
            }
            order.push(b.id.clone());
            beats.insert(b.id.clone(), opts);
        }
        DeclaredOptions {
            content_hash: s.source.content_hash.clone(),
            scenario_id: s.id().to_string(),
            beats,
            order,
        }
    }
}

/// Why an option is flagged.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum OptionFlag {
    /// Declared, and no walk took it.
    NeverChosen,
    /// `|D|` below [`NON_DISCRIMINATING`].
    NotDiscriminating,
}

impl OptionFlag {
    /// The id, as tables show it.
    pub fn id(self) -> &'static str {
        match self {
            OptionFlag::NeverChosen => "never_chosen",
            OptionFlag::NotDiscriminating => "not_discriminating",
        }
    }
}

/// An option's discrimination.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Discrimination {
    /// Share of passing walks that took it.
    pub p_pass: f64,
    /// Share of failing walks that took it.
    pub p_fail: f64,
    /// `D = p_pass − p_fail`.
    pub index: f64,
    /// Point-biserial (phi) correlation with passing.
    pub point_biserial: f64,
}

/// One option at a beat.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OptionItem {
    /// Option id (choice id, `free_text:N`, `otherwise`, `silence`, `no_match`).
    pub option: String,
    /// The author's label, when the scenario version is known.
    pub label: Option<String>,
    /// Turns that took it.
    pub responses: usize,
    /// Walks that took it.
    pub walks: usize,
    /// `walks / walks reaching the beat`.
    pub share: f64,
    /// Its discrimination, when both groups are large enough.
    pub discrimination: Guarded<Discrimination>,
    /// What stands out about the option (never chosen, chosen by most who failed…).
    pub flags: Vec<OptionFlag>,
}

/// A beat's figures.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BeatFigures {
    /// Walks that reached it.
    pub reached: usize,
    /// Distinct trainees among them.
    pub trainees: usize,
    /// `reached / walks at the version`.
    pub reach_rate: f64,
    /// Walks that went wrong there.
    pub went_wrong: usize,
    /// `went_wrong / reached`.
    pub went_wrong_share: f64,
    /// The options, declared ones first in declaration order.
    pub options: Vec<OptionItem>,
}

/// One beat.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BeatItem {
    /// The beat id.
    pub beat: String,
    /// Its figures, unless fewer than five trainees reached it.
    pub figures: Guarded<BeatFigures>,
}

/// The items of one scenario version.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct VersionItems {
    /// The version.
    pub version: VersionKey,
    /// Whether its declared options were known (so unchosen ones are listed).
    pub options_known: bool,
    /// Its beats: declared order when known, else first-reached order.
    pub beats: Vec<BeatItem>,
}

/// Point-biserial (phi) correlation of a 0/1 item with 0/1 passing.
pub fn point_biserial(took: &[bool], passed: &[bool]) -> Option<f64> {
    let n = took.len() as f64;
    if took.is_empty() || took.len() != passed.len() {
        return None;
    }
    let rate = |sel: bool| {
        let g: Vec<bool> = took
            .iter()
            .zip(passed)
            .filter(|(t, _)| **t == sel)
            .map(|(_, p)| *p)
            .collect();
        (!g.is_empty()).then(|| g.iter().filter(|p| **p).count() as f64 / g.len() as f64)
    };
    let p = took.iter().filter(|t| **t).count() as f64 / n;
    let all = passed.iter().filter(|p| **p).count() as f64 / n;
    let s = (all * (1.0 - all)).sqrt();
    if s == 0.0 {
        return None;
    }
    match (rate(true), rate(false)) {
        (Some(m1), Some(m0)) => Some((m1 - m0) / s * (p * (1.0 - p)).sqrt()),
        // Everyone or no one took it: no association can show.
        _ => Some(0.0),
    }
}

/// What one walk did at one beat.
struct Visit<'a> {
    walk: &'a CohortAttempt,
    options: BTreeMap<&'a str, usize>,
    wrong: bool,
}

fn visits<'a>(walk: &'a CohortAttempt) -> BTreeMap<&'a str, Visit<'a>> {
    let mut out: BTreeMap<&str, Visit> = BTreeMap::new();
    for t in &walk.turns {
        let v = out.entry(t.beat.as_str()).or_insert_with(|| Visit {
            walk,
            options: BTreeMap::new(),
            wrong: false,
        });
        *v.options.entry(t.option.as_str()).or_default() += 1;
        v.wrong |= t.net < 0;
    }
    for f in walk.red_flags.iter().filter(|f| !f.recognised) {
        if let Some(v) = out.get_mut(f.beat.as_str()) {
            v.wrong = true;
        }
    }
    out
}

fn beat_figures(
    total_walks: usize,
    visits: &[Visit<'_>],
    declared: Option<&Vec<(String, String)>>,
) -> BeatFigures {
    let reached = visits.len();
    let mut ids: Vec<(String, Option<String>)> = declared
        .map(|d| {
            d.iter()
                .map(|(i, l)| (i.clone(), Some(l.clone())))
                .collect()
        })
        .unwrap_or_default();
    let mut seen: BTreeSet<&str> = BTreeSet::new();
    for v in visits {
        seen.extend(v.options.keys().copied());
    }
    for s in seen {
        if !ids.iter().any(|(i, _)| i == s) {
            ids.push((s.to_string(), None));
        }
    }
    let passed: Vec<bool> = visits.iter().map(|v| v.walk.passed).collect();
    let pass_group: BTreeSet<Uuid> =
        trainees(visits.iter().filter(|v| v.walk.passed).map(|v| v.walk));
    let fail_group: BTreeSet<Uuid> =
        trainees(visits.iter().filter(|v| !v.walk.passed).map(|v| v.walk));
    let options = ids
        .into_iter()
        .map(|(option, label)| {
            let took: Vec<bool> = visits
                .iter()
                .map(|v| v.options.contains_key(option.as_str()))
                .collect();
            let walks = took.iter().filter(|t| **t).count();
            let responses = visits
                .iter()
                .filter_map(|v| v.options.get(option.as_str()))
                .sum();
            let discrimination = guard_each(&[&pass_group, &fail_group], || {
                let share_in = |want: bool| {
                    let g: Vec<bool> = took
                        .iter()
                        .zip(&passed)
                        .filter(|(_, p)| **p == want)
                        .map(|(t, _)| *t)
                        .collect();
                    g.iter().filter(|t| **t).count() as f64 / g.len().max(1) as f64
                };
                let (p_pass, p_fail) = (share_in(true), share_in(false));
                Discrimination {
                    p_pass,
                    p_fail,
                    index: p_pass - p_fail,
                    point_biserial: point_biserial(&took, &passed).unwrap_or(0.0),
                }
            });
            let mut flags = Vec::new();
            if walks == 0 && label.is_some() {
                flags.push(OptionFlag::NeverChosen);
            }
            if let Guarded::Shown(d) = &discrimination {
                if d.index.abs() < NON_DISCRIMINATING {
                    flags.push(OptionFlag::NotDiscriminating);
                }
            }
            OptionItem {
                share: walks as f64 / reached.max(1) as f64,
                option,
                label,
                responses,
                walks,
                discrimination,
                flags,
            }
        })
        .collect();
    let went_wrong = visits.iter().filter(|v| v.wrong).count();
    BeatFigures {
        reached,
        trainees: trainees(visits.iter().map(|v| v.walk)).len(),
        reach_rate: reached as f64 / total_walks.max(1) as f64,
        went_wrong,
        went_wrong_share: went_wrong as f64 / reached.max(1) as f64,
        options,
    }
}

/// Item analysis for every scenario version among the attempts; `declared`
/// gives the options of the versions whose scenario is at hand (matched
/// by id and content hash).
pub fn items(attempts: &[CohortAttempt], declared: &[DeclaredOptions]) -> Vec<VersionItems> {
    by_version(attempts)
        .into_iter()
        .map(|(version, walks)| {
            let known = declared.iter().find(|d| {
                d.scenario_id == version.scenario_id && d.content_hash == version.content_hash
            });
            let mut per_beat: BTreeMap<String, Vec<Visit>> = BTreeMap::new();
            let mut order: Vec<String> = known.map(|k| k.order.clone()).unwrap_or_default();
            for w in &walks {
                // Beats no declaration lists come in the order walks first reach them.
                for t in &w.turns {
                    if !order.contains(&t.beat) {
                        order.push(t.beat.clone());
                    }
                }
                for (beat, v) in visits(w) {
                    per_beat.entry(beat.to_string()).or_default().push(v);
                }
            }
            let beats = order
                .into_iter()
                .map(|beat| {
                    let vs = per_beat.remove(&beat).unwrap_or_default();
                    let group = trainees(vs.iter().map(|v| v.walk));
                    BeatItem {
                        figures: guard(&group, || {
                            beat_figures(walks.len(), &vs, known.and_then(|k| k.beats.get(&beat)))
                        }),
                        beat,
                    }
                })
                .collect();
            VersionItems {
                version,
                options_known: known.is_some(),
                beats,
            }
        })
        .collect()
}
