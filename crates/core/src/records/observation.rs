//! Observed role-play in the records: each observation is a row of the
//! `observations` chain, its levels and red-flag outcomes rows of the
//! `observation_grades` chain and its timestamped notes rows of the
//! `observation_notes` chain (migration 6), all written in one transaction
//! with an audit entry, after which the trainee's certification is brought
//! up to date. There is no transcript. Recording needs a trainer's name and
//! passphrase, as moderation does.
//!
//! **A note's words are personal data about the trainee**, so they must go
//! when the trainee is erased, yet the notes are evidence in an append-only
//! chain. Each note row therefore keeps its words (`note`) beside a fresh
//! random `note_nonce` and `note_digest` = SHA-256 over a tag, the nonce and
//! the words (the salting of [`super::ledger`]); the chain covers the digest
//! with the note's time, competency and ids, not the words. `verify-db`
//! checks the digest of every note whose words are there. Erasing the
//! trainee sets the words and the nonce to NULL and keeps the digest: the
//! chain still verifies, the note's time and competency stay as evidence,
//! and without the nonce the digest cannot be tested against guesses of
//! what the note said. Only erasure removes a note's words: transcript
//! retention does not apply to notes (they are the trainer's evidence for
//! the grades, not the trainee's own words), and a note without words whose
//! trainee was not erased is named by `verify-db` as edited.

use super::chain;
use super::history::effective;
use super::store::Store;
use crate::certification::ObservedRecord;
use crate::clock::read_instant;
use crate::competency::Competency;
use crate::error::{Error, Result};
use crate::grading::Level;
use crate::observation::agreement::{self, AgreementReport, Pair};
use crate::observation::{Note, Observation, Partner};
use crate::red_flag::Recognition;
use crate::red_flag::RedFlagCategory;
use rusqlite::types::ValueRef;
use rusqlite::{Connection, OptionalExtension};
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;
use uuid::Uuid;

/// The salted digest of a note's words: SHA-256 over a tag, the nonce and
/// the words, each encoded with its type and length as the chains encode
/// columns (so any stored value, even one of the wrong type, has one).
pub(super) fn note_digest(nonce: ValueRef<'_>, note: ValueRef<'_>) -> String {
    let mut m = b"rehearse-note-v1\0".to_vec();
    chain::encode(&mut m, "note_nonce", nonce);
    chain::encode(&mut m, "note", note);
    hex::encode(Sha256::digest(&m))
}

/// Whether a stored note row's words match its digest.
fn note_matches(nonce: ValueRef<'_>, note: ValueRef<'_>, digest: ValueRef<'_>) -> bool {
    matches!(digest, ValueRef::Text(d) if d == note_digest(nonce, note).as_bytes())
}

/// Checks the words of every note against its digest (the chain covers the
/// digest, [`chain::OBSERVATION_NOTES`]), in chain order, and names the
/// first that does not match: words changed, words removed although the
/// trainee was not erased, a nonce kept without its words, or words put
/// back after the trainee was erased.
pub(crate) fn verify_note_texts(conn: &Connection) -> Result<Option<chain::Tamper>> {
    let mut stmt = conn.prepare(&format!(
        "SELECT seq, {label}, note, note_nonce, note_digest,
                (SELECT t.erased_at IS NOT NULL FROM observations o JOIN trainees t ON t.id = o.trainee_id
                 WHERE o.id = observation_notes.observation_id)
         FROM observation_notes WHERE seq IS NOT NULL ORDER BY seq",
        label = chain::OBSERVATION_NOTES.label
    ))?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        let (note, nonce, digest) = (r.get_ref(2)?, r.get_ref(3)?, r.get_ref(4)?);
        let erased = r.get::<_, Option<bool>>(5)?.unwrap_or(false);
        let problem = match (note, nonce) {
            (ValueRef::Null, ValueRef::Null) if erased => continue,
            (ValueRef::Null, ValueRef::Null) => {
                "its words are gone but its trainee was not erased: removed outside Rehearse"
            }
            (ValueRef::Null, _) => {
                "its words are gone but its nonce was kept, so its digest can be tested against guesses: changed outside Rehearse"
            }
            _ if !note_matches(nonce, note, digest) => {
                "its words do not match their digest (changed outside Rehearse)"
            }
            _ if erased => {
                "its trainee was erased but its words are there again: put back outside Rehearse"
            }
            _ => continue,
        };
        let seq: i64 = r.get(0)?;
        let label: Option<String> = r.get(1)?;
        return Ok(Some(chain::Tamper {
            table: chain::OBSERVATION_NOTES.table.into(),
            kind: chain::TamperKind::Edited,
            position: seq,
            row: label.unwrap_or_else(|| format!("observation_notes row with seq {seq}")),
            problem: problem.into(),
        }));
    }
    Ok(None)
}

/// What erasing a trainee's observation notes did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct NotesErased {
    /// Notes whose words were removed.
    pub erased: usize,
    /// Of those, notes whose words no longer matched their digest (edited
    /// outside Rehearse before the erasure), so the audit entry keeps that.
    pub mismatched: usize,
}

/// Removes the words of every note about the trainee (data-protection
/// erasure): the words and the nonce become NULL, the digest, the time and
/// the competency stay, so the chain still verifies. Call inside the
/// erasure's transaction. Notes edited outside Rehearse are counted first,
/// since erasing their words would otherwise remove the only sign of it.
pub(crate) fn erase_notes(conn: &Connection, trainee: Uuid) -> Result<NotesErased> {
    // (rowid, whether its words still match their digest)
    let rows: Vec<(i64, bool)> = {
        let mut stmt = conn.prepare(
            "SELECT n.rowid, n.note, n.note_nonce, n.note_digest FROM observation_notes n
             JOIN observations o ON o.id = n.observation_id
             WHERE o.trainee_id = ?1 AND (n.note IS NOT NULL OR n.note_nonce IS NOT NULL)
             ORDER BY n.seq",
        )?;
        let mut rows = stmt.query([trainee.to_string()])?;
        let mut out = Vec::new();
        while let Some(r) = rows.next()? {
            out.push((
                r.get(0)?,
                note_matches(r.get_ref(2)?, r.get_ref(1)?, r.get_ref(3)?),
            ));
        }
        out
    };
    let mut stmt = conn.prepare_cached(
        "UPDATE observation_notes SET note = NULL, note_nonce = NULL WHERE rowid = ?1",
    )?;
    for (rowid, _) in &rows {
        stmt.execute([rowid])?;
    }
    Ok(NotesErased {
        erased: rows.len(),
        mismatched: rows.iter().filter(|(_, ok)| !ok).count(),
    })
}

fn db(what: &str, value: &str) -> Error {
    Error::Database(format!("stored {what} \"{value}\" is not valid"))
}

fn uuid(s: &str, what: &str) -> Result<Uuid> {
    Uuid::parse_str(s).map_err(|_| db(what, s))
}

/// One observation with its grades and notes.
pub(super) fn load(conn: &Connection, id: &str) -> Result<Option<Observation>> {
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
                let v: Recognition = value.parse().map_err(|_| db("red-flag outcome", &value))?;
                red_flags.push((f, v));
            }
        }
    }
    let mut notes_erased = false;
    let notes = {
        let mut stmt = conn.prepare_cached(
            "SELECT elapsed_seconds, competency, note FROM observation_notes
             WHERE observation_id = ?1 ORDER BY elapsed_seconds, seq",
        )?;
        let rows = stmt.query_map([id], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, Option<String>>(1)?,
                r.get::<_, Option<String>>(2)?,
            ))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (elapsed, competency, text) = row?;
            notes_erased |= text.is_none();
            let text = text.unwrap_or_default();
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
        notes_erased,
        passed,
    }))
}

fn ids(conn: &Connection, trainee: Option<Uuid>) -> Result<Vec<String>> {
    // One trainee's are an index search (written out, since `?1 IS NULL OR
    // trainee_id = ?1` is planned as a scan); the statement is cached,
    // because a trainee's status reads it.
    let mut stmt = match trainee {
        Some(_) => conn.prepare_cached(
            "SELECT id FROM observations WHERE trainee_id = ?1 ORDER BY observed_at, seq",
        )?,
        None => conn.prepare_cached("SELECT id FROM observations ORDER BY observed_at, seq")?,
    };
    let param = trainee.map(|t| t.to_string());
    let rows = stmt.query_map(rusqlite::params_from_iter(param.iter()), |r| r.get(0))?;
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
    use crate::observation::NewObservation;
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
            red_flags: [(
                RedFlagCategory::SevereDecompensation,
                Recognition::Recognised,
            )]
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

    fn erased_fixture() -> (tempfile::TempDir, Store, Uuid, Observation) {
        let dir = tempfile::tempdir().unwrap();
        let clock = Arc::new(FixedClock::new(
            parse_instant("2025-02-10T10:00:00Z").unwrap(),
        ));
        let store = Store::open_with_clock(&dir.path().join("r.db"), clock).unwrap();
        store.add_trainer("Dr Okafor", PASS).unwrap();
        let t = store.add_trainee("Sam Carter", None, None).unwrap();
        let o = store
            .record_observation("Dr Okafor", PASS, new(t.id, Level::Competent))
            .unwrap();
        (dir, store, t.id, o)
    }

    fn notes_of(store: &Store) -> Vec<(Option<String>, Option<String>, String)> {
        let mut stmt = store
            .conn
            .prepare("SELECT note, note_nonce, note_digest FROM observation_notes ORDER BY seq")
            .unwrap();
        let rows = stmt
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
            .unwrap();
        rows.collect::<rusqlite::Result<_>>().unwrap()
    }

    /// Whether the database file (and its log) hold these words after a
    /// VACUUM, with the log folded into the file.
    fn in_file(store: &Store, dir: &std::path::Path, words: &str) -> bool {
        store
            .conn
            .execute_batch(
                "PRAGMA wal_checkpoint(TRUNCATE); VACUUM; PRAGMA wal_checkpoint(TRUNCATE);",
            )
            .unwrap();
        let mut bytes = std::fs::read(dir.join("r.db")).unwrap();
        if let Ok(wal) = std::fs::read(dir.join("r.db-wal")) {
            bytes.extend(wal);
        }
        bytes.windows(words.len()).any(|w| w == words.as_bytes())
    }

    fn named(store: &Store, problem: &str) {
        let v = store.verify().unwrap();
        let found = v.tampered();
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].table, "observation_notes");
        assert_eq!(found[0].kind, chain::TamperKind::Edited);
        assert!(found[0].problem.contains(problem), "{}", found[0]);
    }

    #[test]
    fn erasing_the_trainee_removes_the_notes_words_and_the_chain_still_verifies() {
        let (dir, store, trainee, o) = erased_fixture();
        let before = notes_of(&store);
        assert_eq!(before.len(), 2);
        // Each note has its own nonce, and the chain covers the digest.
        assert_ne!(before[0].1, before[1].1);
        let heads = chain::heads(&store.conn).unwrap();
        assert!(in_file(&store, dir.path(), "greets, offers tea"));
        store.erase_trainee(trainee, "dpo").unwrap();
        let after = notes_of(&store);
        for ((_, _, d0), (note, nonce, d1)) in before.iter().zip(&after) {
            assert_eq!((note, nonce), (&None, &None));
            assert_eq!(d0, d1, "the digest stays");
        }
        // The notes' chain is unchanged and verifies; the notes keep their
        // times and competencies, the observation its count.
        assert_eq!(
            chain::heads(&store.conn).unwrap()["observation_notes"],
            heads["observation_notes"]
        );
        assert!(store.verify().unwrap().is_ok(), "{:?}", store.verify());
        let erased = store.observation(o.id).unwrap();
        assert!(erased.notes_erased && !o.notes_erased);
        assert_eq!(erased.notes.len(), 2);
        assert_eq!(erased.notes[1].elapsed(), "04:12");
        assert_eq!(erased.notes[1].competency, Some(Competency::OpenQuestions));
        assert!(erased.notes.iter().all(|n| n.text.is_empty()));
        assert_eq!((erased.levels, erased.passed), (o.levels, o.passed));
        let audit = store.audit_log().unwrap();
        let entry = audit.iter().find(|a| a.action == "trainee.erase").unwrap();
        assert!(
            entry
                .after
                .as_deref()
                .unwrap()
                .contains("2 observation note(s)"),
            "{entry:?}"
        );
        // Nothing of the words is left in the file once SQLite's free
        // space is gone (VACUUM, and the log folded into the file).
        for words in ["asks how the night was for her", "greets, offers tea"] {
            assert!(
                !in_file(&store, dir.path(), words),
                "{words} is still in the file"
            );
        }
        // Putting the words back (from an old copy, say) is named.
        store
            .conn
            .execute(
                "UPDATE observation_notes SET note = ?1, note_nonce = ?2 WHERE seq = 1",
                rusqlite::params![before[0].0, before[0].1],
            )
            .unwrap();
        named(&store, "put back");
    }

    #[test]
    fn a_note_edited_or_emptied_outside_rehearse_is_named_and_an_erasure_audits_an_edit() {
        let (_dir, store, trainee, _) = erased_fixture();
        let before = notes_of(&store);
        // Its words removed without erasing the trainee.
        store
            .conn
            .execute(
                "UPDATE observation_notes SET note = NULL, note_nonce = NULL WHERE seq = 1",
                [],
            )
            .unwrap();
        named(&store, "not erased");
        // Words removed, nonce kept.
        store
            .conn
            .execute(
                "UPDATE observation_notes SET note_nonce = ?1 WHERE seq = 1",
                [&before[0].1],
            )
            .unwrap();
        named(&store, "nonce was kept");
        // Back as it was, then the words edited: named as edited.
        store
            .conn
            .execute(
                "UPDATE observation_notes SET note = ?1 WHERE seq = 1",
                [&before[0].0],
            )
            .unwrap();
        assert!(store.verify().unwrap().is_ok());
        store
            .conn
            .execute(
                "UPDATE observation_notes SET note = 'greets, offers coffee' WHERE seq = 1",
                [],
            )
            .unwrap();
        named(&store, "do not match their digest");
        // Erasing the trainee then removes the edited words too, and the
        // audit entry keeps that one did not match.
        store.erase_trainee(trainee, "dpo").unwrap();
        assert!(store.verify().unwrap().is_ok());
        let audit = store.audit_log().unwrap();
        let entry = audit.iter().find(|a| a.action == "trainee.erase").unwrap();
        assert!(
            entry
                .after
                .as_deref()
                .unwrap()
                .contains("1 of them no longer matched"),
            "{entry:?}"
        );
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
