//! Tamper evidence for the tables whose rows change in place: trainers
//! (staff accounts, roles, passphrase hashes), trainees (identity and its
//! erasure), settings (the certification policy, transcript retention) and
//! turns (written every turn, taken back by undo, stripped of free text by
//! retention).
//!
//! **Why a chained history, not a chain over the live rows.** A chain over
//! rows that are later updated would have to be re-sealed from the updated
//! row onwards, which is exactly what an attacker does, so a signed
//! checkpoint could no longer tell a legitimate update from a rewrite. Here
//! each live table keeps its rows as they are and gets an append-only
//! history table (`trainers_history`, `trainees_history`,
//! `settings_history`, `turns_history`), itself a hash chain like the
//! others ([`super::chain`]). Every write to a live row (insert, update,
//! delete) appends one entry naming the row (`subject`), what happened
//! (`event`) and the digest of the row as it now is (`state`, NULL once
//! the row is gone), in the same transaction. `verify-db` walks the
//! history chain, then checks every live row against its latest entry: a
//! live row that differs was edited, one whose entry says it exists but is
//! missing was deleted, one with no entry was inserted outside Rehearse.
//! Checkpoints sign the history chains' heads like every other chain.
//!
//! **Why the digest is salted.** The history keeps a digest of every
//! earlier state of a row, and earlier states include personal data that
//! erasure or retention later removes (a trainee's name and email, a
//! trainee's own words). Each write therefore stores a fresh random
//! `seal_nonce` in the live row and digests it with the row, so once a row
//! has been rewritten its earlier digests can no longer be tested against
//! guesses of what it held. Only the latest entry is ever compared with
//! the live row.
//!
//! A turn costs one digest and one insert more than before (the history
//! entry and its seal), inside the transaction that already writes the
//! turn, so the one synced commit per turn is unchanged.

use super::chain::{self, Chain, ChainReport, Col, Tamper, TamperKind};
use crate::error::Result;
use rusqlite::{Connection, OptionalExtension};
use sha2::{Digest, Sha256};
use std::collections::HashMap;

/// A live table with its chained history.
#[derive(Debug)]
pub(crate) struct Ledger {
    /// The live table and the columns its digest covers (`order` unused).
    pub live: Chain,
    /// An SQL expression giving a live row's subject, as its history names it.
    pub subject: &'static str,
    /// Its history chain.
    pub history: &'static Chain,
}

pub(crate) const TRAINERS: Ledger = Ledger {
    live: Chain {
        table: "trainers",
        order: "rowid",
        label: "'staff ' || id || ' (' || role || ')'",
        columns: &[
            Col::Plain("id"),
            Col::Plain("display_name"),
            Col::Plain("passphrase_hash"),
            Col::Plain("created_at"),
            Col::Plain("role"),
            Col::Plain("seal_nonce"),
        ],
    },
    subject: "id",
    history: &chain::TRAINERS_HISTORY,
};

pub(crate) const TRAINEES: Ledger = Ledger {
    live: Chain {
        table: "trainees",
        order: "rowid",
        label: "'trainee ' || id",
        columns: &[
            Col::Plain("id"),
            Col::Plain("display_name"),
            Col::Plain("email"),
            Col::Plain("organisation"),
            Col::Plain("created_at"),
            Col::Plain("erased_at"),
            Col::Plain("seal_nonce"),
        ],
    },
    subject: "id",
    history: &chain::TRAINEES_HISTORY,
};

pub(crate) const SETTINGS: Ledger = Ledger {
    live: Chain {
        table: "settings",
        order: "rowid",
        label: "'setting ' || key",
        columns: &[
            Col::Plain("key"),
            Col::Plain("value"),
            Col::Plain("seal_nonce"),
        ],
    },
    subject: "key",
    history: &chain::SETTINGS_HISTORY,
};

pub(crate) const TURNS: Ledger = Ledger {
    live: Chain {
        table: "turns",
        order: "rowid",
        label: "'turn ' || number || ' of attempt ' || attempt_id",
        columns: &[
            Col::Plain("attempt_id"),
            Col::Plain("number"),
            Col::Plain("input_kind"),
            Col::Plain("choice"),
            Col::Plain("said"),
            Col::Plain("input"),
            Col::Plain("labels"),
            Col::Plain("evidence"),
            Col::Plain("detail"),
            Col::Plain("created_at"),
            Col::Plain("seal_nonce"),
        ],
    },
    subject: "attempt_id || '#' || number",
    history: &chain::TURNS_HISTORY,
};

/// Every live table with a history, in the order `verify-db` checks them.
pub(crate) const LEDGERS: [&Ledger; 4] = [&TRAINERS, &TRAINEES, &SETTINGS, &TURNS];

/// The subject of a turn, as its history names it.
pub(crate) fn turn_subject(attempt: &str, number: i64) -> String {
    format!("{attempt}#{number}")
}

fn state(conn: &Connection, l: &Ledger, rowid: i64) -> Result<String> {
    let content = chain::canonical(conn, &l.live, rowid)?;
    let mut h = Sha256::new();
    h.update(b"rehearse-row-v1\0");
    h.update(l.live.table.as_bytes());
    h.update([0u8]);
    h.update(&content);
    Ok(hex::encode(h.finalize()))
}

/// Records what just happened to one live row, inside the transaction that
/// wrote it: `rowid` is the row as it now is, or `None` once it is gone.
/// The row gets a fresh nonce, then its digest is appended to the history
/// and sealed.
pub(crate) fn record(
    conn: &Connection,
    l: &Ledger,
    rowid: Option<i64>,
    subject: &str,
    event: &str,
    at: &str,
) -> Result<()> {
    let state = match rowid {
        Some(rowid) => {
            let nonce = uuid::Uuid::new_v4().simple().to_string();
            conn.prepare_cached(&format!(
                "UPDATE {} SET seal_nonce = ?1 WHERE rowid = ?2",
                l.live.table
            ))?
            .execute(rusqlite::params![nonce, rowid])?;
            Some(state(conn, l, rowid)?)
        }
        None => None,
    };
    conn.prepare_cached(&format!(
        "INSERT INTO {} (subject, event, state, at) VALUES (?1, ?2, ?3, ?4)",
        l.history.table
    ))?
    .execute(rusqlite::params![subject, event, state, at])?;
    chain::seal(conn, l.history, conn.last_insert_rowid())
}

/// Records a live row found by its subject column (`id` or `key`).
pub(crate) fn record_by_subject(
    conn: &Connection,
    l: &Ledger,
    subject: &str,
    event: &str,
    at: &str,
) -> Result<()> {
    let rowid: Option<i64> = conn
        .query_row(
            &format!(
                "SELECT rowid FROM {} WHERE {} = ?1",
                l.live.table, l.subject
            ),
            [subject],
            |r| r.get(0),
        )
        .optional()?;
    record(conn, l, rowid, subject, event, at)
}

/// Seals every live row that has no history yet as it is now (event
/// `baseline`): run once when a database from before the histories is
/// migrated. What happened to those rows before is not covered.
pub(crate) fn baseline(conn: &Connection, at: &str) -> Result<()> {
    for l in LEDGERS {
        let rows: Vec<(i64, String)> = {
            let mut stmt = conn.prepare(&format!(
                "SELECT rowid, {s} FROM {t} WHERE NOT EXISTS (SELECT 1 FROM {h} WHERE {h}.subject = {t}.{s_q}) ORDER BY rowid",
                s = l.subject,
                t = l.live.table,
                h = l.history.table,
                s_q = qualified(l),
            ))?;
            let mapped = stmt.query_map([], |r| TryFrom::try_from(r))?;
            mapped.collect::<rusqlite::Result<_>>()?
        };
        for (rowid, subject) in rows {
            record(conn, l, Some(rowid), &subject, "baseline", at)?;
        }
    }
    Ok(())
}

/// The subject expression with its columns qualified by the live table, for
/// use inside a subquery over the history.
fn qualified(l: &Ledger) -> String {
    match l.live.table {
        "turns" => "attempt_id || '#' || turns.number".into(),
        _ => l.subject.to_string(),
    }
}

/// Checks every live row against its latest history entry, table by table,
/// naming the first row of each that does not match.
pub(crate) fn verify(conn: &Connection) -> Result<Vec<ChainReport>> {
    LEDGERS.iter().map(|l| verify_one(conn, l)).collect()
}

fn verify_one(conn: &Connection, l: &Ledger) -> Result<ChainReport> {
    let mut report = ChainReport {
        table: l.live.table.into(),
        rows: 0,
        tamper: None,
    };
    // The latest entry of every subject: (seq, state).
    let mut latest: HashMap<String, (i64, Option<String>)> = HashMap::new();
    {
        let mut stmt = conn.prepare(&format!(
            "SELECT subject, seq, state FROM {} WHERE hash IS NOT NULL ORDER BY seq",
            l.history.table
        ))?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            latest.insert(r.get(0)?, (r.get(1)?, r.get(2)?));
        }
    }
    let live: Vec<(i64, String, String)> = {
        let mut stmt = conn.prepare(&format!(
            "SELECT rowid, {}, {} FROM {} ORDER BY rowid",
            l.subject, l.live.label, l.live.table
        ))?;
        let mapped = stmt.query_map([], |r| TryFrom::try_from(r))?;
        mapped.collect::<rusqlite::Result<_>>()?
    };
    let fail = |kind, row: String, problem: &str| Tamper {
        table: l.live.table.into(),
        kind,
        position: 0,
        row,
        problem: problem.to_string(),
    };
    for (rowid, subject, label) in live {
        report.rows += 1;
        match latest.remove(&subject) {
            None => {
                report.tamper = Some(fail(
                    TamperKind::Inserted,
                    label,
                    &format!(
                        "it has no entry in {}: it was added outside Rehearse",
                        l.history.table
                    ),
                ));
                return Ok(report);
            }
            Some((seq, None)) => {
                report.tamper = Some(fail(
                    TamperKind::Inserted,
                    label,
                    &format!(
                        "{} (entry {seq}) says it was removed, yet it is there: it was put back outside Rehearse",
                        l.history.table
                    ),
                ));
                return Ok(report);
            }
            Some((seq, Some(want))) => {
                if state(conn, l, rowid)? != want {
                    report.tamper = Some(fail(
                        TamperKind::Edited,
                        label,
                        &format!(
                            "it no longer matches its latest entry in {} (entry {seq}): changed outside Rehearse",
                            l.history.table
                        ),
                    ));
                    return Ok(report);
                }
            }
        }
    }
    // Subjects whose latest entry says the row exists, but it does not.
    let mut gone: Vec<(i64, String)> = latest
        .into_iter()
        .filter(|(_, (_, state))| state.is_some())
        .map(|(subject, (seq, _))| (seq, subject))
        .collect();
    gone.sort();
    if let Some((seq, subject)) = gone.into_iter().next() {
        report.tamper = Some(fail(
            TamperKind::Deleted,
            format!("{} {subject}", l.live.table),
            &format!(
                "{} (entry {seq}) says it exists, but the row is gone: deleted outside Rehearse",
                l.history.table
            ),
        ));
    }
    Ok(report)
}

impl super::store::Store {
    /// Sets a setting and appends it to the settings' chained history.
    pub(crate) fn set_setting(conn: &Connection, key: &str, value: &str, at: &str) -> Result<()> {
        conn.execute(
            "INSERT INTO settings (key, value) VALUES (?1, ?2)
             ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            [key, value],
        )?;
        record_by_subject(conn, &SETTINGS, key, "set", at)
    }
}
