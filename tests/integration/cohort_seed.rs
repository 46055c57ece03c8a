//! A seeded cohort for the analytics tests (`analytics.rs`, and the
//! desktop's `tests/e2e/cohort.rs`, which includes this file).
//!
//! **How it is written: through the real record APIs**, not SQL. Every
//! attempt is a `rehearse_core::records::Session` over a real scenario,
//! played turn by turn with the inputs of one of that scenario's own tests
//! (`tests.toml`) under a `FixedClock` moved forward for each turn, so the
//! turns, reports, grades, chains and certifications are exactly what the
//! app and the CLI would store. What each attempt should come to (pass or
//! not, red flag recognised or not) is the test's own expectation, checked
//! as it is played, and kept in [`Seeded`] so reports can be checked
//! against the plan.

#![allow(dead_code)]

use chrono::{DateTime, Duration, NaiveDate, Utc};
use rehearse_core::attempt::{FlagOutcome, Mode};
use rehearse_core::clock::FixedClock;
use rehearse_core::records::{Session, Store};
use rehearse_core::scenario::Scenario;
use rehearse_core::testcase::{self, TestCase};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use uuid::Uuid;

/// The bundled library.
pub fn library() -> PathBuf {
    // The workspace root: the crate is crates/cli or src-tauri.
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .ancestors()
        .find(|p| p.join("scenarios").is_dir() && p.join("Cargo.toml").is_file())
        .expect("the workspace root")
        .join("scenarios")
        .canonicalize()
        .unwrap()
}

/// One seeded attempt, as planned (and checked when played).
#[derive(Debug, Clone)]
pub struct SeedAttempt {
    /// The trainee.
    pub trainee: Uuid,
    /// Their organisation.
    pub organisation: String,
    /// Scenario id, version string, content hash.
    pub scenario: String,
    /// Version string.
    pub version: String,
    /// Content hash.
    pub hash: String,
    /// The test whose inputs were played.
    pub path: String,
    /// Whether it passed.
    pub passed: bool,
    /// Red-flag categories met and whether each was recognised.
    pub flags: Vec<(String, bool)>,
    /// The day it was completed.
    pub day: NaiveDate,
}

/// The cohort as seeded.
#[derive(Debug, Default)]
pub struct Seeded {
    /// Trainees: id → organisation.
    pub trainees: BTreeMap<Uuid, String>,
    /// Every attempt, in the order played.
    pub attempts: Vec<SeedAttempt>,
}

/// A scenario with its tests.
pub struct Playable {
    /// The scenario.
    pub scenario: Arc<Scenario>,
    tests: Vec<TestCase>,
}

impl Playable {
    /// Loads a scenario folder.
    pub fn load(dir: &Path) -> Playable {
        Playable {
            scenario: Arc::new(rehearse_core::scenario::load_playable(dir).unwrap()),
            tests: testcase::read_tests(dir).unwrap(),
        }
    }

    fn test(&self, prefix: &str) -> &TestCase {
        self.tests
            .iter()
            .find(|t| t.name.starts_with(prefix))
            .unwrap_or_else(|| panic!("{}: no test \"{prefix}\"", self.scenario.id()))
    }
}

/// A copy of a bundled scenario at another version string (so another
/// content hash), in `into`.
pub fn other_version(id: &str, version: &str, into: &Path) -> PathBuf {
    let dir = into.join(id);
    std::fs::create_dir_all(&dir).unwrap();
    for e in std::fs::read_dir(library().join(id)).unwrap() {
        let p = e.unwrap().path();
        if p.is_file() {
            std::fs::copy(&p, dir.join(p.file_name().unwrap())).unwrap();
        }
    }
    let script = dir.join("scenario.rhai");
    let text = std::fs::read_to_string(&script).unwrap();
    let old = text
        .lines()
        .find(|l| l.trim_start().starts_with("version:"))
        .unwrap()
        .to_string();
    std::fs::write(
        &script,
        text.replacen(&old, &format!("    version: \"{version}\","), 1),
    )
    .unwrap();
    dir
}

/// Writes attempts through the store, moving `clock` on for each turn.
pub struct Seeder<'a> {
    /// The store.
    pub store: &'a Store,
    /// Its clock.
    pub clock: Arc<FixedClock>,
    /// What was written.
    pub seeded: Seeded,
    inputs: BTreeMap<(String, String, String), Vec<rehearse_core::attempt::Input>>,
}

impl<'a> Seeder<'a> {
    /// A seeder over a store opened with `clock`.
    pub fn new(store: &'a Store, clock: Arc<FixedClock>) -> Seeder<'a> {
        Seeder {
            store,
            clock,
            seeded: Seeded::default(),
            inputs: BTreeMap::new(),
        }
    }

    /// Adds a trainee.
    pub fn trainee(&mut self, name: &str, organisation: &str) -> Uuid {
        let t = self
            .store
            .add_trainee(name, None, Some(organisation))
            .unwrap();
        self.seeded.trainees.insert(t.id, organisation.to_string());
        t.id
    }

    /// Plays the test `path` of `p` as an assessment for `trainee`,
    /// starting at `start`, one turn every `turn_seconds`.
    pub fn play(
        &mut self,
        trainee: Uuid,
        p: &Playable,
        path: &str,
        start: DateTime<Utc>,
        turn_seconds: i64,
    ) -> &SeedAttempt {
        self.play_marked(trainee, p, path, start, turn_seconds, None)
    }

    /// As [`Seeder::play`], with `marker` appended to every free-text
    /// input (a word the analyser ignores), for privacy checks.
    pub fn play_marked(
        &mut self,
        trainee: Uuid,
        p: &Playable,
        path: &str,
        start: DateTime<Utc>,
        turn_seconds: i64,
        marker: Option<&str>,
    ) -> &SeedAttempt {
        let case = p.test(path);
        let key = (
            p.scenario.id().to_string(),
            p.scenario.source.content_hash.clone(),
            case.name.clone(),
        );
        let analyser = rehearse_core::response::english();
        let inputs = self
            .inputs
            .entry(key)
            .or_insert_with(|| {
                testcase::recorded_inputs(&p.scenario, case, analyser.clone()).unwrap()
            })
            .clone();
        self.clock.set(start);
        let mut s = Session::start(
            self.store,
            trainee,
            Arc::clone(&p.scenario),
            Mode::Assessment,
            case.seed.unwrap_or(1),
            analyser,
        )
        .unwrap();
        for (i, mut input) in inputs.into_iter().enumerate() {
            if let (Some(m), rehearse_core::attempt::Input::FreeText { text }) =
                (marker, &mut input)
            {
                text.push(' ');
                text.push_str(m);
            }
            self.clock
                .set(start + Duration::seconds(turn_seconds * (i as i64 + 1)));
            s.respond(self.store, input).unwrap();
        }
        let report = s.attempt().report();
        assert!(
            report.completed,
            "{}: {} did not end",
            p.scenario.id(),
            case.name
        );
        if let Some(want) = case.expect.passed {
            assert_eq!(report.passed, want, "{}: {}", p.scenario.id(), case.name);
        }
        let mut flags: BTreeMap<String, bool> = BTreeMap::new();
        for f in &report.red_flags {
            let ok = f.outcome == FlagOutcome::Recognised;
            let e = flags.entry(f.category.id().to_string()).or_insert(ok);
            *e &= ok;
        }
        self.seeded.attempts.push(SeedAttempt {
            trainee,
            organisation: self.seeded.trainees[&trainee].clone(),
            scenario: p.scenario.id().to_string(),
            version: p.scenario.def.meta.version.clone(),
            hash: p.scenario.source.content_hash.clone(),
            path: case.name.clone(),
            passed: report.passed,
            flags: flags.into_iter().collect(),
            day: self.clock.now_day(),
        });
        self.seeded.attempts.last().unwrap()
    }
}

trait Today {
    fn now_day(&self) -> NaiveDate;
}

impl Today for FixedClock {
    fn now_day(&self) -> NaiveDate {
        use rehearse_core::clock::Clock;
        self.now().date_naive()
    }
}

/// The organisations of the large cohort and how many trainees each has
/// (West Hospice is below the small-group limit on purpose).
pub const ORGANISATIONS: [(&str, usize); 4] = [
    ("North Trust", 90),
    ("South Trust", 80),
    ("East Clinic", 30),
    ("West Hospice", 3),
];

/// The midwife scenario's tests the cohort plays, in rotation.
pub const MIDWIFE_PATHS: [&str; 5] = [
    "strong path",
    "second good route",
    "reassuring her away from the cue",
    "weak path: interrogation",
    "asks but does not act",
];

/// The four passes that certify a trainee (as in the export tests).
pub const CERTIFYING: [(&str, &str); 4] = [
    ("midwife-neonatal-death", "second good route"),
    ("team-shared-event", "strong path"),
    ("insulin-overdose", "second good route"),
    ("junior-doctor-death", "second good route"),
];

/// The first day of the large cohort's attempts.
pub fn cohort_start() -> DateTime<Utc> {
    "2026-01-05T09:00:00Z".parse().unwrap()
}

/// The large cohort: 203 trainees in four organisations; each plays the
/// bundled midwife scenario (version 1) in January and a second version
/// of it in March, with the tests in rotation (the mix differs between the
/// versions), and every other trainee plays `declines-support` in
/// February. The first `certified` trainees of North Trust also pass the
/// four certifying scenarios, `certified_on(i)` for the i-th, so their
/// refresher windows fall at known days.
pub fn seed_cohort(
    store: &Store,
    clock: Arc<FixedClock>,
    scratch: &Path,
    certified_on: &dyn Fn(usize) -> Option<DateTime<Utc>>,
) -> Seeded {
    let midwife = Playable::load(&library().join("midwife-neonatal-death"));
    let midwife2 = Playable::load(&other_version("midwife-neonatal-death", "2.0.0", scratch));
    let declines = Playable::load(&library().join("declines-support"));
    let certifying: Vec<Playable> = CERTIFYING
        .iter()
        .map(|(id, _)| Playable::load(&library().join(id)))
        .collect();
    let mut s = Seeder::new(store, clock);
    let mut i = 0usize;
    for (org, n) in ORGANISATIONS {
        for k in 0..n {
            let t = s.trainee(&format!("{org} trainee {k}"), org);
            let day = |base: i64| cohort_start() + Duration::days(base + (i % 20) as i64);
            s.play(t, &midwife, MIDWIFE_PATHS[i % 5], day(0), 20);
            if i.is_multiple_of(2) {
                let path = if i.is_multiple_of(4) {
                    "strong path"
                } else {
                    "weak path: pressing"
                };
                s.play(t, &declines, path, day(30), 25);
            }
            s.play(t, &midwife2, MIDWIFE_PATHS[(i * 3 + 1) % 5], day(60), 15);
            if org == "North Trust" {
                if let Some(at) = certified_on(k) {
                    for (p, (_, path)) in certifying.iter().zip(CERTIFYING) {
                        s.play(t, p, path, at, 20);
                    }
                }
            }
            i += 1;
        }
    }
    s.seeded
}
