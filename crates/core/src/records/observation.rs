//! Observed role-play in the records: each observation is a row of the
//! `observations` chain, its levels and red-flag outcomes rows of the
//! `observation_grades` chain and its timestamped notes rows of the
//! `observation_notes` chain (migration 6), all written in one transaction
//! with an audit entry, after which the trainee's certification is brought
//! up to date. There is no transcript. Recording needs a trainer's name and
//! passphrase, as moderation does.

use super::audit::{self, Entry};
use super::chain;
use super::history::effective;
use super::store::Store;
use crate::certification::ObservedRecord;
use crate::clock::{format_instant, read_instant};
use crate::competency::Competency;
use crate::error::{Error, Result};
use crate::grading::Level;
use crate::observation::agreement::{self, AgreementReport, Pair};
use crate::observation::{FlagSeen, NewObservation, Note, Observation, Partner};
use crate::red_flag::RedFlagCategory;
use rusqlite::{Connection, OptionalExtension};
use std::collections::BTreeMap;
use uuid::Uuid;

fn db(what: &str, value: &str) -> Error {
    Error::Database(format!("stored {what} \"{value}\" is not valid"))
}

fn uuid(s: &str, what: &str) -> Result<Uuid> {
    Uuid::parse_str(s).map_err(|_| db(what, s))
}

/// One observation with its grades and notes.
fn load(conn: &Connection, id: &str) -> Result<Option<Observation>> {
    type Row = (
        i64,
        String,
        String,
        String,
        String,
        Option<String>,
        String,
        String,
        bool,
    );
    let row: Option<Row> = conn
        .query_row(
            "SELECT o.seq, o.trainee_id, o.trainer_id, t.display_name, o.partner, o.scenario_id,
                    o.observed_at, o.recorded_at, o.passed
             FROM observations o JOIN trainers t ON t.id = o.trainer_id WHERE o.id = ?1",
            [id],
            |r| TryFrom::try_from(r),
        )
        .optional()?;
    let Some((
        seq,
        trainee,
        trainer,
        trainer_name,
        partner,
        scenario_id,
        observed,
        recorded,
        passed,
    )) = row
    else {
        return Ok(None);
    };
    let mut levels: BTreeMap<Competency, Level> = BTreeMap::new();
    let mut red_flags = Vec::new();
    {
        let mut stmt = conn.prepare_cached(
            "SELECT kind, item, value FROM observation_grades WHERE observation_id = ?1 ORDER BY seq",
        )?;
        let rows = stmt.query_map([id], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
            ))
        })?;
        for row in rows {
            let (kind, item, value) = row?;
            if kind == "competency" {
                let c: Competency = item.parse().map_err(|_| db("competency", &item))?;
                let l: Level = value.parse().map_err(|_| db("level", &value))?;
                levels.insert(c, l);
            } else {
                let f: RedFlagCategory = item.parse().map_err(|_| db("red flag", &item))?;
                let v: FlagSeen = value.parse().map_err(|_| db("red-flag outcome", &value))?;
                red_flags.push((f, v));
            }
        }
    }
    let notes = {
        let mut stmt = conn.prepare_cached(
            "SELECT elapsed_seconds, competency, note FROM observation_notes
             WHERE observation_id = ?1 ORDER BY elapsed_seconds, seq",
        )?;
        let rows = stmt.query_map([id], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, Option<String>>(1)?,
                r.get::<_, String>(2)?,
            ))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (elapsed, competency, text) = row?;
            out.push(Note {
                elapsed_seconds: u32::try_from(elapsed)
                    .map_err(|_| db("note time", &elapsed.to_string()))?,
                competency: match competency {
                    Some(c) => Some(c.parse().map_err(|_| db("competency", &c))?),
                    None => None,
                },
                text,
            });
        }
        out
    };
    Ok(Some(Observation {
        id: uuid(id, "observation id")?,
        seq,
        trainee: uuid(&trainee, "trainee id")?,
        trainer: uuid(&trainer, "trainer id")?,
        trainer_name,
        partner: partner
            .parse::<Partner>()
            .map_err(|_| db("partner", &partner))?,
        scenario_id,
        observed_at: read_instant(&observed)?,
        recorded_at: read_instant(&recorded)?,
        levels: Competency::ALL
            .iter()
            .map(|c| (*c, levels.get(c).copied().unwrap_or(Level::NotAssessed)))
            .collect(),
        red_flags,
        notes,
        passed,
    }))
}

fn ids(conn: &Connection, trainee: Option<Uuid>) -> Result<Vec<String>> {
    let mut stmt = conn.prepare(
        "SELECT id FROM observations WHERE (?1 IS NULL OR trainee_id = ?1) ORDER BY observed_at, seq",
    )?;
    let rows = stmt.query_map([trainee.map(|t| t.to_string())], |r| r.get(0))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

fn all(conn: &Connection, trainee: Option<Uuid>) -> Result<Vec<Observation>> {
    ids(conn, trainee)?
        .iter()
        .filter_map(|id| load(conn, id).transpose())
        .collect()
}

/// The trainee's observations as certification sees them, oldest first.
pub(crate) fn observed_records(conn: &Connection, trainee: Uuid) -> Result<Vec<ObservedRecord>> {
    Ok(all(conn, Some(trainee))?
        .iter()
        .map(Observation::record)
        .collect())
}

/// Which of these ids are observations (a certification's basis holds
/// attempt and observation ids).
pub(crate) fn observation_ids(conn: &Connection, ids: &[Uuid]) -> Result<Vec<Uuid>> {
    let mut stmt = conn.prepare_cached("SELECT 1 FROM observations WHERE id = ?1")?;
    let mut out = Vec::new();
    for id in ids {
        if stmt.exists([id.to_string()])? {
            out.push(*id);
        }
    }
    Ok(out)
}

/// The automated level of each competency in the trainee's latest completed
/// assessment where it was scored (moderation applied).
fn automated_levels(conn: &Connection, trainee: &str) -> Result<BTreeMap<Competency, Level>> {
    let attempts: Vec<String> = {
        let mut stmt = conn.prepare_cached(
            "SELECT id FROM attempts WHERE trainee_id = ?1 AND mode = 'assessment'
               AND status = 'completed' ORDER BY ended_at DESC, id DESC",
        )?;
        let rows = stmt.query_map([trainee], |r| r.get(0))?;
        rows.collect::<rusqlite::Result<_>>()?
    };
    let mut out = BTreeMap::new();
    for a in attempts {
        for (c, (l, _)) in effective(conn, &a)?.competencies {
            if let (Ok(c), Ok(l)) = (c.parse::<Competency>(), l.parse::<Level>()) {
                if l != Level::NotAssessed {
                    out.entry(c).or_insert(l);
                }
            }
        }
        if out.len() == Competency::ALL.len() {
            break;
        }
    }
    Ok(out)
}

impl Store {
    /// Records a trainer's observed assessment of a live role-play. Needs a
    /// trainer's name (or id) and passphrase; a trainee profile or an
    /// accreditation officer is refused.
    pub fn record_observation(
        &self,
        trainer: &str,
        passphrase: &str,
        new: NewObservation,
    ) -> Result<Observation> {
        let trainer = self.authenticate_trainer(trainer, passphrase)?;
        let mut new = new.validated()?;
        // Stored to the second, as every instant in the records.
        new.observed_at = read_instant(&format_instant(new.observed_at))?;
        let now = self.now_text();
        // A few minutes' grace for a clock on another device.
        if new.observed_at > read_instant(&now)? + chrono::Duration::minutes(5) {
            return Err(Error::Input(format!(
                "the role-play's time {} is in the future",
                format_instant(new.observed_at)
            )));
        }
        let tx = self.write()?;
        let trainee = super::trainee::get(&tx, new.trainee)?;
        if trainee.erased_at.is_some() {
            return Err(Error::NotAllowed(format!(
                "trainee {} was erased; nothing new can be recorded for them",
                trainee.id
            )));
        }
        let id = Uuid::new_v4().to_string();
        let passed = new.passed();
        tx.execute(
            "INSERT INTO observations (id, trainee_id, trainer_id, partner, scenario_id, observed_at, recorded_at, passed)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            rusqlite::params![
                id,
                new.trainee.to_string(),
                trainer.id.to_string(),
                new.partner.id(),
                new.scenario_id,
                format_instant(new.observed_at),
                now,
                passed
            ],
        )?;
        chain::seal(&tx, &chain::OBSERVATIONS, tx.last_insert_rowid())?;
        let grades = Competency::ALL
            .iter()
            .map(|c| ("competency", c.id(), new.levels[c].id()))
            .chain(
                new.red_flags
                    .iter()
                    .map(|(f, v)| ("red_flag", f.id(), v.id())),
            );
        for (kind, item, value) in grades {
            tx.execute(
                "INSERT INTO observation_grades (observation_id, kind, item, value) VALUES (?1, ?2, ?3, ?4)",
                rusqlite::params![id, kind, item, value],
            )?;
            chain::seal(&tx, &chain::OBSERVATION_GRADES, tx.last_insert_rowid())?;
        }
        for n in &new.notes {
            tx.execute(
                "INSERT INTO observation_notes (observation_id, elapsed_seconds, competency, note) VALUES (?1, ?2, ?3, ?4)",
                rusqlite::params![id, n.elapsed_seconds, n.competency.map(Competency::id), n.text],
            )?;
            chain::seal(&tx, &chain::OBSERVATION_NOTES, tx.last_insert_rowid())?;
        }
        let scored = new
            .levels
            .values()
            .filter(|l| **l != Level::NotAssessed)
            .count();
        audit::record(
            &tx,
            &now,
            Entry {
                actor: &format!("trainer {} ({})", trainer.display_name, trainer.id),
                action: "observation.record",
                subject: &format!("observation {id} trainee {}", new.trainee),
                before: None,
                after: Some(&format!(
                    "{} ({scored} competencies scored, {} red flag(s), {} note(s), partner {})",
                    if passed { "passed" } else { "not passed" },
                    new.red_flags.len(),
                    new.notes.len(),
                    new.partner.id()
                )),
                reason: None,
            },
        )?;
        super::certificate::sync(&tx, new.trainee, &now)?;
        let stored = load(&tx, &id)?
            .ok_or_else(|| Error::Database(format!("observation {id} vanished while recorded")))?;
        tx.commit()?;
        self.checkpoint_after("observation");
        Ok(stored)
    }

    /// Observations, oldest first: one trainee's, or everyone's.
    pub fn observations(&self, trainee: Option<Uuid>) -> Result<Vec<Observation>> {
        if let Some(t) = trainee {
            super::trainee::get(&self.conn, t)?;
        }
        all(&self.conn, trainee)
    }

    /// One observation.
    pub fn observation(&self, id: Uuid) -> Result<Observation> {
        load(&self.conn, &id.to_string())?
            .ok_or_else(|| Error::NotFound(format!("no observation with id {id}")))
    }

    /// The pairs behind the agreement report: for every trainee with an
    /// observation (of the organisation, if given), each competency's level
    /// in their latest observation that scored it beside its level in their
    /// latest completed assessment that scored it.
    pub fn observation_pairs(&self, organisation: Option<&str>) -> Result<Vec<Pair>> {
        let trainees: Vec<String> = {
            let mut stmt = self.conn.prepare(
                "SELECT DISTINCT o.trainee_id FROM observations o JOIN trainees t ON t.id = o.trainee_id
                 WHERE (?1 IS NULL OR lower(trim(t.organisation)) = lower(trim(?1)))
                 ORDER BY o.trainee_id",
            )?;
            let rows = stmt.query_map([organisation], |r| r.get(0))?;
            rows.collect::<rusqlite::Result<_>>()?
        };
        let mut pairs = Vec::new();
        for t in trainees {
            let trainee = uuid(&t, "trainee id")?;
            let automated = automated_levels(&self.conn, &t)?;
            let mut observed: BTreeMap<Competency, Level> = BTreeMap::new();
            for o in all(&self.conn, Some(trainee))?.iter().rev() {
                for (c, l) in &o.levels {
                    if *l != Level::NotAssessed {
                        observed.entry(*c).or_insert(*l);
                    }
                }
            }
            for (c, o) in observed {
                if let Some(a) = automated.get(&c) {
                    pairs.push(Pair {
                        trainee,
                        competency: c,
                        automated: *a,
                        observed: o,
                    });
                }
            }
        }
        Ok(pairs)
    }

    /// Automated and observed results side by side with their agreement
    /// per competency ([`agreement`]).
    pub fn observation_agreement(&self, organisation: Option<&str>) -> Result<AgreementReport> {
        Ok(agreement::agreement(&self.observation_pairs(organisation)?))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::certification::{policy::ObservedRule, Policy, Standing};
    use crate::clock::{parse_instant, FixedClock};
    use std::sync::Arc;

    const PASS: &str = "correct horse battery";

    fn new(trainee: Uuid, level: Level) -> NewObservation {
        NewObservation {
            trainee,
            partner: Partner::Actor,
            scenario_id: Some("insulin-overdose".into()),
            observed_at: parse_instant("2025-02-10T09:00:00Z").unwrap(),
            levels: [
                (Competency::OpenQuestions, level),
                (Competency::FollowAffect, Level::Exemplary),
            ]
            .into_iter()
            .collect(),
            red_flags: [(RedFlagCategory::SevereDecompensation, FlagSeen::Recognised)]
                .into_iter()
                .collect(),
            notes: vec![
                Note {
                    elapsed_seconds: 252,
                    competency: Some(Competency::OpenQuestions),
                    text: "asks how the night was for her".into(),
                },
                Note {
                    elapsed_seconds: 30,
                    competency: None,
                    text: "greets, offers tea".into(),
                },
            ],
        }
    }

    #[test]
    fn an_observation_is_stored_chained_audited_and_counts_where_required() {
        let dir = tempfile::tempdir().unwrap();
        let clock = Arc::new(FixedClock::new(
            parse_instant("2025-02-10T10:00:00Z").unwrap(),
        ));
        let store = Store::open_with_clock(&dir.path().join("r.db"), clock.clone()).unwrap();
        let t = store.add_trainee("Sam Carter", None, None).unwrap();
        store.add_trainer("Dr Okafor", PASS).unwrap();
        // Only a trainer with the right passphrase may record.
        assert_eq!(
            store
                .record_observation("Dr Okafor", "wrong", new(t.id, Level::Competent))
                .unwrap_err()
                .code(),
            "unauthorised"
        );
        assert_eq!(
            store
                .record_observation("Sam Carter", PASS, new(t.id, Level::Competent))
                .unwrap_err()
                .code(),
            "unauthorised"
        );
        let mut future = new(t.id, Level::Competent);
        future.observed_at = parse_instant("2025-02-11T09:00:00Z").unwrap();
        assert_eq!(
            store
                .record_observation("Dr Okafor", PASS, future)
                .unwrap_err()
                .code(),
            "input"
        );
        let o = store
            .record_observation("Dr Okafor", PASS, new(t.id, Level::Competent))
            .unwrap();
        assert!(o.passed);
        assert_eq!(o.trainer_name, "Dr Okafor");
        assert_eq!(o.levels.len(), 15);
        assert_eq!(o.notes[0].elapsed(), "00:30");
        assert_eq!(o.notes[1].competency, Some(Competency::OpenQuestions));
        assert_eq!(store.observation(o.id).unwrap(), o);
        assert_eq!(store.observations(Some(t.id)).unwrap(), vec![o.clone()]);
        let audit = store.audit_log().unwrap();
        let entry = audit
            .iter()
            .find(|a| a.action == "observation.record")
            .unwrap();
        assert!(entry.subject.contains(&o.id.to_string()));
        assert!(entry.actor.starts_with("trainer Dr Okafor"));
        assert!(store.verify().unwrap().is_ok());
        let heads = chain::heads(&store.conn).unwrap();
        assert_eq!(heads["observations"].rows, 1);
        assert_eq!(heads["observation_grades"].rows, 16);
        assert_eq!(heads["observation_notes"].rows, 2);

        // A policy requiring one: the default needs none (not certified for
        // lack of passes, but no observation is missing).
        let s = store.status(t.id, o.observed_at.date_naive()).unwrap();
        assert!(!s
            .missing
            .iter()
            .any(|m| matches!(m, crate::certification::Missing::Observed { .. })));
        let mut p = Policy {
            version: "observed".into(),
            ..Policy::default()
        };
        p.initial.observed = Some(ObservedRule {
            count: 2,
            at_least: Level::Competent,
        });
        store.set_policy(&p, "cli").unwrap();
        let s = store.status(t.id, o.observed_at.date_naive()).unwrap();
        assert_eq!(s.standing, Standing::InProgress);
        assert!(s
            .missing
            .contains(&crate::certification::Missing::Observed {
                needed: 2,
                have: 1,
                at_least: Level::Competent
            }));
        // A weak one does not add to it.
        let weak = store
            .record_observation("Dr Okafor", PASS, new(t.id, Level::Developing))
            .unwrap();
        assert!(!weak.passed);
        let s = store.status(t.id, o.observed_at.date_naive()).unwrap();
        assert!(s
            .missing
            .contains(&crate::certification::Missing::Observed {
                needed: 2,
                have: 1,
                at_least: Level::Competent
            }));

        // Editing a note with any SQLite tool is found and named.
        store
            .conn
            .execute(
                "UPDATE observation_notes SET note = 'asks how the night was for him' WHERE elapsed_seconds = 252 AND seq = 2",
                [],
            )
            .unwrap();
        let v = store.verify().unwrap();
        let found = v.tampered();
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].table, "observation_notes");
        assert_eq!(found[0].kind, chain::TamperKind::Edited);
    }

    #[test]
    fn agreement_pairs_the_latest_scored_levels_of_each_trainee() {
        let dir = tempfile::tempdir().unwrap();
        let clock = Arc::new(FixedClock::new(
            parse_instant("2025-02-10T10:00:00Z").unwrap(),
        ));
        let store = Store::open_with_clock(&dir.path().join("r.db"), clock).unwrap();
        store.add_trainer("Dr Okafor", PASS).unwrap();
        let t = store
            .add_trainee("Sam Carter", None, Some("North"))
            .unwrap();
        let u = store.add_trainee("Ana Diaz", None, Some("South")).unwrap();
        // No automated attempt yet: nothing to pair.
        store
            .record_observation("Dr Okafor", PASS, new(t.id, Level::Competent))
            .unwrap();
        assert!(store.observation_pairs(None).unwrap().is_empty());
        // A completed assessment with open_questions "developing".
        let conn = &store.conn;
        conn.execute(
            "INSERT INTO scenarios (id, content_hash, version, title) VALUES ('s', 'h', '1', 'S')",
            [],
        )
        .unwrap();
        for (trainee, attempt) in [(t.id, "a1"), (u.id, "a2")] {
            conn.execute(
                "INSERT INTO attempts (id, trainee_id, scenario_id, content_hash, scenario_version, mode, seed,
                                       started_at, ended_at, status, passed, ending)
                 VALUES (?1, ?2, 's', 'h', '1', 'assessment', '1', '2025-02-09T10:00:00Z',
                         '2025-02-09T10:30:00Z', 'completed', 0, 'end')",
                rusqlite::params![attempt, trainee.to_string()],
            )
            .unwrap();
            conn.execute(
                "INSERT INTO grades (attempt_id, kind, item, value, targeted) VALUES (?1, 'competency', 'open_questions', 'developing', 1)",
                [attempt],
            )
            .unwrap();
        }
        let pairs = store.observation_pairs(None).unwrap();
        assert_eq!(
            pairs,
            vec![Pair {
                trainee: t.id,
                competency: Competency::OpenQuestions,
                automated: Level::Developing,
                observed: Level::Competent
            }]
        );
        let r = store.observation_agreement(None).unwrap();
        assert_eq!(r.trainees, 1);
        let row = &r.competencies[4];
        assert_eq!((row.pairs, row.level_agreement), (1, Some(0.0)));
        assert_eq!(row.threshold_agreement, Some(0.0));
        // The organisation filter.
        assert!(store.observation_pairs(Some("south")).unwrap().is_empty());
        assert_eq!(store.observation_pairs(Some(" north ")).unwrap().len(), 1);
    }
}
