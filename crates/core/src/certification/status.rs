//! A trainee's certification status at a date, from their attempt history.
//!
//! The history is replayed in date order: an initial certification is
//! granted on the day its rules are first met; while certified, passed
//! assessments from the day the refresher window opens to the last day of
//! grace count as refreshers, and enough of them renew the certificate for
//! a further period counted from the old expiry; a certificate not renewed
//! by the end of grace lapses, and only passes after the lapse count
//! towards certifying again. A certificate is valid through its expiry date.
//! Only passes at approved scenario versions count ([`Approval`]); passes
//! at withdrawn or unapproved versions are listed in the status instead.
//! Observed role-play ([`ObservedRecord`]) counts only where the policy
//! requires it (`initial.observed`), and passes of refresher-specific
//! scenarios (`refresher.content`) count only as refreshers.

use super::policy::Policy;
use crate::attempt::Mode;
use crate::competency::Competency;
use crate::grading::Level;
use crate::locale::{messages, Arg, Language};
use crate::red_flag::RedFlagCategory;
use chrono::{Days, Months, NaiveDate};
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;
use std::fmt;
use uuid::Uuid;

/// Whether the scenario version an attempt was played at may count towards
/// certification: its standing in the records' scenario catalogue.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "status", rename_all = "snake_case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum Approval {
    /// Approved: passes at this version count.
    Approved,
    /// Never approved (a scenario folder added by a user, a copy under a
    /// new id): attempts are recorded but never count, until a trainer
    /// approves the version.
    Unapproved,
    /// Withdrawn by a trainer: passes earned under it no longer count.
    Withdrawn {
        /// The day it was withdrawn.
        on: NaiveDate,
        /// Who withdrew it (`trainer NAME (ID)`).
        by: String,
        /// Why, in the trainer's words.
        reason: String,
    },
}

impl Approval {
    /// Whether passes at the version count.
    pub fn counts(&self) -> bool {
        matches!(self, Approval::Approved)
    }
}

/// One attempt as certification sees it (moderation already applied).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AttemptRecord {
    /// The attempt.
    pub attempt: Uuid,
    /// Scenario id.
    pub scenario_id: String,
    /// The scenario's version string when it was played.
    pub scenario_version: String,
    /// The scenario's content hash when it was played: with the id, the
    /// version the catalogue approves or withdraws.
    pub content_hash: String,
    /// The version's standing in the catalogue; only approved versions count.
    pub approval: Approval,
    /// Practice never counts.
    pub mode: Mode,
    /// The day it started.
    pub started_on: NaiveDate,
    /// The day it was completed (graded); none while unfinished or abandoned.
    pub completed_on: Option<NaiveDate>,
    /// Whether it passed.
    pub passed: bool,
    /// Competencies at competent or better.
    pub competent: BTreeSet<Competency>,
    /// Red-flag categories recognised.
    pub recognised: BTreeSet<RedFlagCategory>,
}

impl AttemptRecord {
    /// A completed, passed assessment on or before `at`, whatever its
    /// version's approval.
    fn passed_by(&self, at: NaiveDate) -> Option<NaiveDate> {
        match (self.mode, self.completed_on, self.passed) {
            (Mode::Assessment, Some(d), true) if d <= at => Some(d),
            _ => None,
        }
    }

    /// A completed, passed assessment on or before `at` at an approved
    /// scenario version: one that counts towards certification.
    fn counts_by(&self, at: NaiveDate) -> Option<NaiveDate> {
        self.passed_by(at).filter(|_| self.approval.counts())
    }
}

pub use crate::observation::ObservedRecord;

/// The kind of a grant.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum GrantKind {
    /// First certification (or again after a lapse).
    Initial,
    /// Renewed by refresher.
    Renewal,
}

/// A certification granted in the history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Grant {
    /// Initial or renewal.
    pub kind: GrantKind,
    /// The day its rules were met.
    pub effective_on: NaiveDate,
    /// The last day it is valid.
    pub expires_on: NaiveDate,
    /// The passed attempts it rests on.
    pub basis: Vec<Uuid>,
    /// The observed assessments it rests on (when the policy requires one).
    #[serde(default)]
    pub observed: Vec<Uuid>,
    /// The policy version it was granted under.
    pub policy_version: String,
}

/// The headline state.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum Standing {
    /// No attempt yet.
    NotStarted,
    /// Working towards the first certification.
    InProgress,
    /// Certified, refresher window not open yet.
    Certified,
    /// Certified, refresher window open.
    RefresherDue,
    /// Expired, still renewable by refresher.
    ExpiredGrace,
    /// Lapsed: full certification needed again.
    Lapsed,
}

/// Something still missing, item by item.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum Missing {
    /// Passed assessments in more distinct scenarios.
    DistinctScenarios {
        /// How many the policy needs.
        needed: u32,
        /// So far.
        have: u32,
    },
    /// A competency at competent or better in more passes.
    Competency {
        /// The competency still short of passes at competent or better.
        competency: Competency,
        /// How many the policy needs.
        needed: u32,
        /// So far.
        have: u32,
    },
    /// A red-flag category recognised in a passed assessment.
    RedFlag {
        /// The red-flag category still to be recognised.
        category: RedFlagCategory,
    },
    /// More passed assessments in the refresher window.
    RefresherPasses {
        /// How many the policy needs.
        needed: u32,
        /// So far.
        have: u32,
    },
    /// More refresher passes with a red flag recognised.
    RefresherRedFlag {
        /// How many the policy needs.
        needed: u32,
        /// So far.
        have: u32,
    },
    /// Refresher passes in more distinct scenarios.
    RefresherDistinctScenarios {
        /// How many the policy needs.
        needed: u32,
        /// So far.
        have: u32,
    },
    /// More observed assessments at the policy's level.
    Observed {
        /// How many the policy needs.
        needed: u32,
        /// So far.
        have: u32,
        /// The lowest level a scored competency may have.
        at_least: Level,
    },
    /// A refresher pass of one of the refresher-specific scenarios.
    RefresherContent {
        /// The scenarios that count.
        scenarios: Vec<String>,
    },
}

impl Missing {
    /// The item in `lang`.
    pub fn describe(&self, lang: Language) -> String {
        let m = messages(lang);
        match self {
            Missing::DistinctScenarios { needed, have } => m.get(
                "missing-distinct-scenarios",
                &[("needed", (*needed).into()), ("have", (*have).into())],
            ),
            Missing::Competency {
                competency,
                needed,
                have,
            } => m.get(
                "missing-competency",
                &[
                    ("title", competency.title_in(lang).into()),
                    ("needed", (*needed).into()),
                    ("have", (*have).into()),
                ],
            ),
            Missing::RedFlag { category } => m.get(
                "missing-red-flag",
                &[("title", category.title_in(lang).into())],
            ),
            Missing::RefresherPasses { needed, have } => m.get(
                "missing-refresher-passes",
                &[("needed", (*needed).into()), ("have", (*have).into())],
            ),
            Missing::RefresherRedFlag { needed, have } => m.get(
                "missing-refresher-red-flag",
                &[("needed", (*needed).into()), ("have", (*have).into())],
            ),
            Missing::RefresherDistinctScenarios { needed, have } => m.get(
                "missing-refresher-distinct-scenarios",
                &[("needed", (*needed).into()), ("have", (*have).into())],
            ),
            Missing::Observed {
                needed,
                have,
                at_least,
            } => m.get(
                "missing-observed",
                &[
                    ("needed", (*needed).into()),
                    ("have", (*have).into()),
                    ("level", at_least.label_in(lang).into()),
                ],
            ),
            Missing::RefresherContent { scenarios } => m.get(
                "missing-refresher-content",
                &[(
                    "scenarios",
                    scenarios.join(&format!(" {} ", m.text("list-or"))).into(),
                )],
            ),
        }
    }
}

impl fmt::Display for Missing {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.describe(Language::En))
    }
}

/// Passed assessments at one scenario version that do not count because
/// of the version: it was withdrawn (re-assessment needed) or it was never
/// approved (a trainer's approval needed).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UncountedPasses {
    /// Scenario id.
    pub scenario_id: String,
    /// The version string.
    pub scenario_version: String,
    /// The version's content hash.
    pub content_hash: String,
    /// The passes, oldest first.
    pub attempts: Vec<Uuid>,
    /// The day of the latest of them.
    pub last_passed_on: NaiveDate,
    /// Why they do not count: [`Approval::Withdrawn`] or [`Approval::Unapproved`].
    pub approval: Approval,
}

impl UncountedPasses {
    /// The passes and why they do not count, in `lang`.
    pub fn describe(&self, lang: Language) -> String {
        let m = messages(lang);
        let date = self.last_passed_on.to_string();
        let passes = if self.attempts.len() == 1 {
            m.get("uncounted-one-pass", &[("date", date.into())])
        } else {
            m.get(
                "uncounted-passes",
                &[("count", self.attempts.len().into()), ("date", date.into())],
            )
        };
        let mut args = vec![
            ("scenario", Arg::from(&self.scenario_id)),
            ("version", Arg::from(&self.scenario_version)),
            ("passes", Arg::from(passes)),
        ];
        let id = match &self.approval {
            Approval::Withdrawn { on, by, reason } => {
                args.push(("on", on.to_string().into()));
                args.push(("by", by.into()));
                args.push(("reason", reason.into()));
                "uncounted-withdrawn"
            }
            Approval::Unapproved => "uncounted-unapproved",
            Approval::Approved => "uncounted-approved",
        };
        m.get(id, &args)
    }
}

impl fmt::Display for UncountedPasses {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.describe(Language::En))
    }
}

/// A trainee's certification status at a date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Status {
    /// The date it describes.
    pub at: NaiveDate,
    /// The headline state.
    pub standing: Standing,
    /// The current (or last) certificate's expiry date.
    pub expires_on: Option<NaiveDate>,
    /// When the refresher window opens (or opened).
    pub window_opens: Option<NaiveDate>,
    /// The last day of grace.
    pub grace_ends: Option<NaiveDate>,
    /// What is still missing, item by item (empty when certified and no refresher is due).
    pub missing: Vec<Missing>,
    /// The next action, in plain words.
    pub next_action: String,
    /// The policy version applied.
    pub policy_version: String,
    /// Every grant up to `at`, oldest first.
    pub grants: Vec<Grant>,
    /// Scenarios to re-assess: passes at a version since withdrawn, with no
    /// pass of the same scenario at an approved version on or after them.
    pub reassessment: Vec<UncountedPasses>,
    /// Passes at versions no trainer has approved: recorded, not counted.
    pub awaiting_approval: Vec<UncountedPasses>,
}

impl Status {
    /// The headline: "not started", "in progress", "certified until
    /// YYYY-MM-DD", "refresher due", "expired (grace)" or "lapsed".
    pub fn headline(&self) -> String {
        self.headline_in(Language::En)
    }

    /// The headline in `lang`.
    pub fn headline_in(&self, lang: Language) -> String {
        let m = messages(lang);
        match (self.standing, self.expires_on) {
            (Standing::Certified, Some(e)) => {
                m.get("status-certified-until", &[("date", e.to_string().into())])
            }
            (standing, _) => m.text(standing.key()).to_string(),
        }
    }

    /// The next action in `lang` (the `next_action` field is English).
    pub fn next_action_in(&self, lang: Language) -> String {
        next_action(
            lang,
            self.standing,
            &self.missing,
            self.expires_on,
            self.window_opens,
            self.grace_ends,
            &self.reassessment,
        )
    }
}

impl Standing {
    /// The message id of the standing's headline (`status-in-progress`).
    pub fn key(self) -> &'static str {
        match self {
            Standing::NotStarted => "status-not-started",
            Standing::InProgress => "status-in-progress",
            Standing::Certified => "status-certified",
            Standing::RefresherDue => "status-refresher-due",
            Standing::ExpiredGrace => "status-expired-grace",
            Standing::Lapsed => "status-lapsed",
        }
    }
}

/// What a countdown counts down to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum CountdownTarget {
    /// Certified: the day the refresher window opens.
    RefresherWindow,
    /// Refresher due: the last day the certificate is valid.
    Expiry,
    /// Expired (grace): the last day of grace, after which it lapses.
    GraceEnd,
}

/// Days left until the next date that matters for a certificate.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Countdown {
    /// What it counts down to.
    pub target: CountdownTarget,
    /// The date.
    pub on: NaiveDate,
    /// Whole days from the status date to `on` (0 on the day itself).
    pub days: i64,
}

impl Countdown {
    /// The countdown in `lang`.
    pub fn describe(&self, lang: Language) -> String {
        let m = messages(lang);
        let when = m.get("countdown-when", &[("days", self.days.into())]);
        let id = match self.target {
            CountdownTarget::RefresherWindow => "countdown-refresher-window",
            CountdownTarget::Expiry => "countdown-expiry",
            CountdownTarget::GraceEnd => "countdown-grace-end",
        };
        m.get(
            id,
            &[("when", when.into()), ("date", self.on.to_string().into())],
        )
    }
}

impl fmt::Display for Countdown {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.describe(Language::En))
    }
}

impl Status {
    /// The countdown that matters now: to the refresher window while
    /// certified, to expiry while a refresher is due, to the end of grace
    /// while expired; none otherwise.
    pub fn countdown(&self) -> Option<Countdown> {
        let (target, on) = match self.standing {
            Standing::Certified => (CountdownTarget::RefresherWindow, self.window_opens?),
            Standing::RefresherDue => (CountdownTarget::Expiry, self.expires_on?),
            Standing::ExpiredGrace => (CountdownTarget::GraceEnd, self.grace_ends?),
            _ => return None,
        };
        Some(Countdown {
            target,
            on,
            days: (on - self.at).num_days().max(0),
        })
    }
}

/// `date` plus whole calendar months, clamped to the month's last day.
pub fn add_months(date: NaiveDate, months: u32) -> NaiveDate {
    date.checked_add_months(Months::new(months))
        .unwrap_or(NaiveDate::MAX)
}

fn minus_days(date: NaiveDate, days: u32) -> NaiveDate {
    date.checked_sub_days(Days::new(u64::from(days)))
        .unwrap_or(NaiveDate::MIN)
}

fn plus_days(date: NaiveDate, days: u32) -> NaiveDate {
    date.checked_add_days(Days::new(u64::from(days)))
        .unwrap_or(NaiveDate::MAX)
}

/// What the initial rules still lack for a pool of passes.
pub fn initial_missing(policy: &Policy, pool: &[&AttemptRecord]) -> Vec<Missing> {
    let mut missing = Vec::new();
    let distinct: BTreeSet<&str> = pool.iter().map(|r| r.scenario_id.as_str()).collect();
    let needed = policy.initial.distinct_scenarios;
    if (distinct.len() as u32) < needed {
        missing.push(Missing::DistinctScenarios {
            needed,
            have: distinct.len() as u32,
        });
    }
    let needed = policy.initial.competency_passes;
    for c in Competency::ALL {
        let have = pool.iter().filter(|r| r.competent.contains(&c)).count() as u32;
        if have < needed {
            missing.push(Missing::Competency {
                competency: c,
                needed,
                have,
            });
        }
    }
    for &category in &policy.initial.red_flags {
        if !pool.iter().any(|r| r.recognised.contains(&category)) {
            missing.push(Missing::RedFlag { category });
        }
    }
    missing
}

/// What the observed rule still lacks for a pool of observations.
pub fn observed_missing(policy: &Policy, pool: &[&ObservedRecord]) -> Vec<Missing> {
    match &policy.initial.observed {
        None => Vec::new(),
        Some(rule) => {
            let have = pool.iter().filter(|o| o.meets(rule.at_least)).count() as u32;
            if have < rule.count {
                vec![Missing::Observed {
                    needed: rule.count,
                    have,
                    at_least: rule.at_least,
                }]
            } else {
                Vec::new()
            }
        }
    }
}

/// What the refresher rules still lack for a pool of refresher passes.
pub fn refresher_missing(policy: &Policy, pool: &[&AttemptRecord]) -> Vec<Missing> {
    let mut missing = Vec::new();
    let have = pool.len() as u32;
    if have < policy.refresher.passes {
        missing.push(Missing::RefresherPasses {
            needed: policy.refresher.passes,
            have,
        });
    }
    let flagged = pool.iter().filter(|r| !r.recognised.is_empty()).count() as u32;
    if flagged < policy.refresher.with_red_flag {
        missing.push(Missing::RefresherRedFlag {
            needed: policy.refresher.with_red_flag,
            have: flagged,
        });
    }
    let distinct: BTreeSet<&str> = pool.iter().map(|r| r.scenario_id.as_str()).collect();
    if (distinct.len() as u32) < policy.refresher.distinct_scenarios {
        missing.push(Missing::RefresherDistinctScenarios {
            needed: policy.refresher.distinct_scenarios,
            have: distinct.len() as u32,
        });
    }
    let content = &policy.refresher.content;
    if !content.is_empty() && !pool.iter().any(|r| content.contains(&r.scenario_id)) {
        missing.push(Missing::RefresherContent {
            scenarios: content.clone(),
        });
    }
    missing
}

/// Passes up to `at` at versions that do not count, grouped by version:
/// withdrawn ones still to re-assess, and unapproved ones.
fn uncounted(
    history: &[AttemptRecord],
    at: NaiveDate,
) -> (Vec<UncountedPasses>, Vec<UncountedPasses>) {
    let mut groups: Vec<UncountedPasses> = Vec::new();
    let mut passes: Vec<(NaiveDate, &AttemptRecord)> = history
        .iter()
        .filter(|r| !r.approval.counts())
        .filter_map(|r| r.passed_by(at).map(|d| (d, r)))
        .collect();
    passes.sort_by(|a, b| a.0.cmp(&b.0).then(a.1.attempt.cmp(&b.1.attempt)));
    for (day, r) in passes {
        match groups
            .iter_mut()
            .find(|g| g.scenario_id == r.scenario_id && g.content_hash == r.content_hash)
        {
            Some(g) => {
                g.attempts.push(r.attempt);
                g.last_passed_on = day;
            }
            None => groups.push(UncountedPasses {
                scenario_id: r.scenario_id.clone(),
                scenario_version: r.scenario_version.clone(),
                content_hash: r.content_hash.clone(),
                attempts: vec![r.attempt],
                last_passed_on: day,
                approval: r.approval.clone(),
            }),
        }
    }
    let (withdrawn, unapproved): (Vec<_>, Vec<_>) = groups
        .into_iter()
        .partition(|g| matches!(g.approval, Approval::Withdrawn { .. }));
    // Re-assessed: a counting pass of the same scenario on or after the
    // withdrawn one settles it.
    let reassess = withdrawn
        .into_iter()
        .filter(|g| {
            !history.iter().any(|r| {
                r.scenario_id == g.scenario_id
                    && r.counts_by(at).is_some_and(|d| d >= g.last_passed_on)
            })
        })
        .collect();
    (reassess, unapproved)
}

/// The status at `at` for a history (any order; practice, unfinished and
/// failed attempts, and attempts at scenario versions that are not
/// approved, are ignored for certification), with no observed role-play.
pub fn evaluate(policy: &Policy, history: &[AttemptRecord], at: NaiveDate) -> Status {
    evaluate_observed(policy, history, &[], at)
}

/// One dated event of the replay.
enum Event<'a> {
    Pass(&'a AttemptRecord),
    Observed(&'a ObservedRecord),
}

/// [`evaluate`] with the trainee's observed role-play assessments, which
/// count where the policy requires them (`initial.observed`).
pub fn evaluate_observed(
    policy: &Policy,
    history: &[AttemptRecord],
    observed: &[ObservedRecord],
    at: NaiveDate,
) -> Status {
    let mut passes: Vec<(NaiveDate, Uuid, Event<'_>)> = history
        .iter()
        .filter_map(|r| r.counts_by(at).map(|d| (d, r.attempt, Event::Pass(r))))
        .collect();
    // An observation counts only when it meets the policy's level.
    if let Some(rule) = &policy.initial.observed {
        passes.extend(
            observed
                .iter()
                .filter(|o| o.observed_on <= at && o.meets(rule.at_least))
                .map(|o| (o.observed_on, o.observation, Event::Observed(o))),
        );
    }
    passes.sort_by(|a, b| a.0.cmp(&b.0).then(a.1.cmp(&b.1)));
    let refresher_only = |r: &AttemptRecord| policy.refresher.content.contains(&r.scenario_id);
    let grace = policy.grace.days;
    let window = policy.refresher.window_days;

    let mut grants: Vec<Grant> = Vec::new();
    let mut expiry: Option<NaiveDate> = None;
    let mut lapsed_after: Option<NaiveDate> = None; // last day of grace before a lapse
    let mut pool: Vec<&AttemptRecord> = Vec::new();
    let mut seen: Vec<&ObservedRecord> = Vec::new();
    let mut refresher: Vec<&AttemptRecord> = Vec::new();

    let lapse_if_due = |day: NaiveDate,
                        expiry: &mut Option<NaiveDate>,
                        lapsed_after: &mut Option<NaiveDate>,
                        pool: &mut Vec<&AttemptRecord>,
                        seen: &mut Vec<&ObservedRecord>,
                        refresher: &mut Vec<&AttemptRecord>| {
        if let Some(e) = *expiry {
            let last = plus_days(e, grace);
            if day > last {
                *expiry = None;
                *lapsed_after = Some(last);
                pool.clear();
                seen.clear();
                refresher.clear();
            }
        }
    };

    for (day, _, event) in passes {
        lapse_if_due(
            day,
            &mut expiry,
            &mut lapsed_after,
            &mut pool,
            &mut seen,
            &mut refresher,
        );
        match expiry {
            None => {
                if lapsed_after.is_some_and(|l| day <= l) {
                    continue;
                }
                match event {
                    // Refresher content never counts towards initial certification.
                    Event::Pass(rec) if refresher_only(rec) => continue,
                    Event::Pass(rec) => pool.push(rec),
                    Event::Observed(o) => seen.push(o),
                }
                if initial_missing(policy, &pool).is_empty()
                    && observed_missing(policy, &seen).is_empty()
                {
                    let expires_on = add_months(day, policy.validity.months);
                    grants.push(Grant {
                        kind: GrantKind::Initial,
                        effective_on: day,
                        expires_on,
                        basis: pool.iter().map(|r| r.attempt).collect(),
                        observed: seen.iter().map(|o| o.observation).collect(),
                        policy_version: policy.version.clone(),
                    });
                    expiry = Some(expires_on);
                    pool.clear();
                    seen.clear();
                    refresher.clear();
                }
            }
            Some(e) => {
                let Event::Pass(rec) = event else {
                    // Observed role-play is an initial requirement only.
                    continue;
                };
                if day < minus_days(e, window) {
                    continue;
                }
                refresher.push(rec);
                if refresher_missing(policy, &refresher).is_empty() {
                    let expires_on = add_months(e, policy.validity.months);
                    grants.push(Grant {
                        kind: GrantKind::Renewal,
                        effective_on: day,
                        expires_on,
                        basis: refresher.iter().map(|r| r.attempt).collect(),
                        observed: Vec::new(),
                        policy_version: policy.version.clone(),
                    });
                    expiry = Some(expires_on);
                    refresher.clear();
                }
            }
        }
    }
    lapse_if_due(
        at,
        &mut expiry,
        &mut lapsed_after,
        &mut pool,
        &mut seen,
        &mut refresher,
    );
    let initial = |pool: &[&AttemptRecord]| {
        let mut m = initial_missing(policy, pool);
        m.extend(observed_missing(policy, &seen));
        m
    };

    let last_expiry = grants.last().map(|g| g.expires_on);
    let started = history.iter().any(|r| r.started_on <= at);
    let (standing, missing) = match expiry {
        Some(e) if at < minus_days(e, window) => (Standing::Certified, Vec::new()),
        Some(e) if at <= e => (
            Standing::RefresherDue,
            refresher_missing(policy, &refresher),
        ),
        Some(_) => (
            Standing::ExpiredGrace,
            refresher_missing(policy, &refresher),
        ),
        None if lapsed_after.is_some() => (Standing::Lapsed, initial(&pool)),
        None if !started && seen.is_empty() => (Standing::NotStarted, initial(&pool)),
        None => (Standing::InProgress, initial(&pool)),
    };
    let window_opens = last_expiry.map(|e| minus_days(e, window));
    let grace_ends = last_expiry.map(|e| plus_days(e, grace));
    let (reassessment, awaiting_approval) = uncounted(history, at);
    let next_action = next_action(
        Language::En,
        standing,
        &missing,
        last_expiry,
        window_opens,
        grace_ends,
        &reassessment,
    );
    Status {
        at,
        standing,
        expires_on: last_expiry,
        window_opens,
        grace_ends,
        missing,
        next_action,
        policy_version: policy.version.clone(),
        grants,
        reassessment,
        awaiting_approval,
    }
}

fn next_action(
    lang: Language,
    standing: Standing,
    missing: &[Missing],
    expires: Option<NaiveDate>,
    window_opens: Option<NaiveDate>,
    grace_ends: Option<NaiveDate>,
    reassessment: &[UncountedPasses],
) -> String {
    let m = messages(lang);
    let first = missing
        .first()
        .map(|x| x.describe(lang))
        .unwrap_or_default();
    let all = || {
        missing
            .iter()
            .map(|x| x.describe(lang))
            .collect::<Vec<_>>()
            .join("; ")
    };
    let date = |d: Option<NaiveDate>| Arg::from(d.map(|d| d.to_string()).unwrap_or_default());
    let mut text = match standing {
        Standing::NotStarted => m.text("next-action-not-started").to_string(),
        Standing::InProgress => m.get(
            "next-action-in-progress",
            &[("count", missing.len().into()), ("first", first.into())],
        ),
        Standing::Certified => m.get("next-action-certified", &[("date", date(window_opens))]),
        Standing::RefresherDue => m.get(
            "next-action-refresher-due",
            &[("expires", date(expires)), ("missing", all().into())],
        ),
        Standing::ExpiredGrace => m.get(
            "next-action-expired-grace",
            &[
                ("expires", date(expires)),
                ("grace", date(grace_ends)),
                ("missing", all().into()),
            ],
        ),
        Standing::Lapsed => m.get(
            "next-action-lapsed",
            &[("grace", date(grace_ends)), ("first", first.into())],
        ),
    };
    if !reassessment.is_empty() {
        let ids: Vec<&str> = reassessment
            .iter()
            .map(|g| g.scenario_id.as_str())
            .collect();
        text.push(' ');
        text.push_str(&m.get(
            "next-action-reassess",
            &[("scenarios", ids.join(", ").into())],
        ));
    }
    text
}
