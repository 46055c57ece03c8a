//! Tamper evidence: attempts, grades, overrides, certifications, the audit
//! log and the scenario catalogue are each a hash chain, and so are the
//! histories of the tables whose rows change in place (trainers, trainees,
//! settings and turns, see [`super::ledger`]).
//!
//! Each sealed row stores `prev_hash` (the hash of the row before it in its
//! chain, or [`GENESIS`]) and `hash = SHA-256(table, prev_hash, canonical
//! content)`. The canonical content is every covered column read back from
//! the database, each with its type and length, so a change of one byte in
//! any of them, made by any SQLite tool, no longer matches. An attempt's
//! report is covered in its erasure-stable form (free text removed), so
//! erasing a transcript for retention or data protection keeps the chain
//! intact while labels, evidence and grades stay covered.

use crate::error::{Error, Result};
use rusqlite::types::ValueRef;
use rusqlite::{Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

/// The `prev_hash` of the first row of every chain.
pub const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// A covered column.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Col {
    /// Taken as stored.
    Plain(&'static str),
    /// A report: covered with its free text removed.
    Report(&'static str),
}

/// One chained table.
#[derive(Debug)]
pub(crate) struct Chain {
    /// The table.
    pub table: &'static str,
    /// The column that orders the chain (NULL while a row is unsealed).
    pub order: &'static str,
    /// An SQL expression naming a row for people.
    pub label: &'static str,
    /// The covered columns.
    pub columns: &'static [Col],
}

pub(crate) const ATTEMPTS: Chain = Chain {
    table: "attempts",
    order: "chain_seq",
    label: "'attempt ' || id || ' (' || scenario_id || ', ' || mode || ')'",
    columns: &[
        Col::Plain("id"),
        Col::Plain("trainee_id"),
        Col::Plain("scenario_id"),
        Col::Plain("content_hash"),
        Col::Plain("scenario_version"),
        Col::Plain("mode"),
        Col::Plain("seed"),
        Col::Plain("started_at"),
        Col::Plain("ended_at"),
        Col::Plain("status"),
        Col::Plain("passed"),
        Col::Plain("ending"),
        Col::Report("report"),
        Col::Plain("chain_seq"),
    ],
};

pub(crate) const GRADES: Chain = Chain {
    table: "grades",
    order: "seq",
    label: "'grade ' || seq || ' (attempt ' || attempt_id || ', ' || kind || ' ' || item || ')'",
    columns: &[
        Col::Plain("seq"),
        Col::Plain("attempt_id"),
        Col::Plain("kind"),
        Col::Plain("item"),
        Col::Plain("value"),
        Col::Plain("targeted"),
    ],
};

pub(crate) const OVERRIDES: Chain = Chain {
    table: "overrides",
    order: "seq",
    label: "'override ' || seq || ' (attempt ' || attempt_id || ', ' || kind || ' ' || item || ')'",
    columns: &[
        Col::Plain("seq"),
        Col::Plain("attempt_id"),
        Col::Plain("kind"),
        Col::Plain("item"),
        Col::Plain("before"),
        Col::Plain("after"),
        Col::Plain("reason"),
        Col::Plain("trainer_id"),
        Col::Plain("at"),
    ],
};

pub(crate) const CERTIFICATIONS: Chain = Chain {
    table: "certifications",
    order: "seq",
    label: "'certification ' || seq || ' (trainee ' || trainee_id || ', ' || event || ')'",
    columns: &[
        Col::Plain("seq"),
        Col::Plain("trainee_id"),
        Col::Plain("event"),
        Col::Plain("effective_on"),
        Col::Plain("expires_on"),
        Col::Plain("policy_version"),
        Col::Plain("basis"),
        Col::Plain("recorded_at"),
    ],
};

pub(crate) const AUDIT: Chain = Chain {
    table: "audit",
    order: "seq",
    label: "'audit entry ' || seq || ' (' || action || ')'",
    columns: &[
        Col::Plain("seq"),
        Col::Plain("at"),
        Col::Plain("actor"),
        Col::Plain("action"),
        Col::Plain("subject"),
        Col::Plain("before"),
        Col::Plain("after"),
        Col::Plain("reason"),
    ],
};

pub(crate) const CATALOGUE: Chain = Chain {
    table: "catalogue_events",
    order: "seq",
    label: "'catalogue event ' || seq || ' (scenario ' || scenario_id || ' ' || content_hash || ', ' || event || ')'",
    columns: &[
        Col::Plain("seq"),
        Col::Plain("scenario_id"),
        Col::Plain("content_hash"),
        Col::Plain("version"),
        Col::Plain("event"),
        Col::Plain("actor"),
        Col::Plain("trainer_id"),
        Col::Plain("at"),
        Col::Plain("reason"),
    ],
};

pub(crate) const OBSERVATIONS: Chain = Chain {
    table: "observations",
    order: "seq",
    label: "'observation ' || id || ' (trainee ' || trainee_id || ')'",
    columns: &[
        Col::Plain("seq"),
        Col::Plain("id"),
        Col::Plain("trainee_id"),
        Col::Plain("trainer_id"),
        Col::Plain("partner"),
        Col::Plain("scenario_id"),
        Col::Plain("observed_at"),
        Col::Plain("recorded_at"),
        Col::Plain("passed"),
    ],
};

pub(crate) const OBSERVATION_GRADES: Chain = Chain {
    table: "observation_grades",
    order: "seq",
    label: "'observation grade ' || seq || ' (observation ' || observation_id || ', ' || kind || ' ' || item || ')'",
    columns: &[
        Col::Plain("seq"),
        Col::Plain("observation_id"),
        Col::Plain("kind"),
        Col::Plain("item"),
        Col::Plain("value"),
    ],
};

pub(crate) const OBSERVATION_NOTES: Chain = Chain {
    table: "observation_notes",
    order: "seq",
    label: "'observation note ' || seq || ' (observation ' || observation_id || ')'",
    columns: &[
        Col::Plain("seq"),
        Col::Plain("observation_id"),
        Col::Plain("elapsed_seconds"),
        Col::Plain("competency"),
        // The words by their salted digest, not as stored: erasing a
        // trainee removes them and the chain stays whole
        // ([`super::observation`]).
        Col::Plain("note_digest"),
    ],
};

/// The covered columns of every history table ([`super::ledger`]).
const HISTORY_COLUMNS: &[Col] = &[
    Col::Plain("seq"),
    Col::Plain("subject"),
    Col::Plain("event"),
    Col::Plain("state"),
    Col::Plain("at"),
];

pub(crate) const TRAINERS_HISTORY: Chain = Chain {
    table: "trainers_history",
    order: "seq",
    label: "'trainers history ' || seq || ' (staff ' || subject || ', ' || event || ')'",
    columns: HISTORY_COLUMNS,
};

pub(crate) const TRAINEES_HISTORY: Chain = Chain {
    table: "trainees_history",
    order: "seq",
    label: "'trainees history ' || seq || ' (trainee ' || subject || ', ' || event || ')'",
    columns: HISTORY_COLUMNS,
};

pub(crate) const SETTINGS_HISTORY: Chain = Chain {
    table: "settings_history",
    order: "seq",
    label: "'settings history ' || seq || ' (' || subject || ', ' || event || ')'",
    columns: HISTORY_COLUMNS,
};

pub(crate) const TURNS_HISTORY: Chain = Chain {
    table: "turns_history",
    order: "seq",
    label: "'turns history ' || seq || ' (turn ' || subject || ', ' || event || ')'",
    columns: HISTORY_COLUMNS,
};

/// Every chain, in the order `verify-db` walks them.
pub(crate) const CHAINS: [&Chain; 13] = [
    &ATTEMPTS,
    &GRADES,
    &OVERRIDES,
    &CERTIFICATIONS,
    &AUDIT,
    &CATALOGUE,
    &TRAINERS_HISTORY,
    &TRAINEES_HISTORY,
    &SETTINGS_HISTORY,
    &TURNS_HISTORY,
    &OBSERVATIONS,
    &OBSERVATION_GRADES,
    &OBSERVATION_NOTES,
];

pub(crate) fn encode(out: &mut Vec<u8>, name: &str, v: ValueRef<'_>) {
    out.extend_from_slice(name.as_bytes());
    out.push(b'=');
    match v {
        ValueRef::Null => out.push(b'N'),
        ValueRef::Integer(i) => out.extend_from_slice(format!("I{i}").as_bytes()),
        ValueRef::Real(f) => out.extend_from_slice(format!("R{}", f.to_bits()).as_bytes()),
        ValueRef::Text(t) => {
            out.extend_from_slice(format!("T{}:", t.len()).as_bytes());
            out.extend_from_slice(t);
        }
        ValueRef::Blob(b) => {
            out.extend_from_slice(format!("B{}:", b.len()).as_bytes());
            out.extend_from_slice(b);
        }
    }
    out.push(0x1f);
}

fn report_digest(text: &[u8]) -> String {
    let stable = std::str::from_utf8(text)
        .ok()
        .and_then(|t| serde_json::from_str::<crate::report::Report>(t).ok())
        .and_then(|mut r| {
            super::redaction::redact_report(&mut r);
            serde_json::to_string(&r).ok()
        });
    match stable {
        Some(s) => format!("report:{}", hex::encode(Sha256::digest(s.as_bytes()))),
        // Not a report at all: cover the raw bytes, so it cannot match a real one.
        None => format!("raw:{}", hex::encode(Sha256::digest(text))),
    }
}

/// The canonical content of one row.
pub(crate) fn canonical(conn: &Connection, chain: &Chain, rowid: i64) -> Result<Vec<u8>> {
    let cols: Vec<&str> = chain
        .columns
        .iter()
        .map(|c| match c {
            Col::Plain(n) | Col::Report(n) => *n,
        })
        .collect();
    let sql = format!(
        "SELECT {} FROM {} WHERE rowid = ?1",
        cols.join(", "),
        chain.table
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let out = stmt.query_row([rowid], |row| {
        let mut out = Vec::new();
        for (i, c) in chain.columns.iter().enumerate() {
            let v = row.get_ref(i)?;
            match (c, v) {
                (Col::Report(n), ValueRef::Text(t)) => {
                    let d = report_digest(t);
                    encode(&mut out, n, ValueRef::Text(d.as_bytes()));
                }
                (Col::Plain(n) | Col::Report(n), v) => encode(&mut out, n, v),
            }
        }
        Ok(out)
    })?;
    Ok(out)
}

pub(crate) fn digest(table: &str, prev: &str, content: &[u8]) -> String {
    let mut h = Sha256::new();
    h.update(table.as_bytes());
    h.update([0u8]);
    h.update(prev.as_bytes());
    h.update([0u8]);
    h.update(content);
    hex::encode(h.finalize())
}

/// Seals a row: links it to the previous sealed row of its chain and stores
/// its hash. Call inside the transaction that wrote the row.
pub(crate) fn seal(conn: &Connection, chain: &Chain, rowid: i64) -> Result<()> {
    // Every recorded turn seals a row: the statements are cached.
    let order: Option<i64> = conn
        .prepare_cached(&format!(
            "SELECT {} FROM {} WHERE rowid = ?1",
            chain.order, chain.table
        ))?
        .query_row([rowid], |r| r.get(0))?;
    let order = order.ok_or_else(|| {
        Error::Database(format!(
            "{} row {rowid} has no place in its chain yet",
            chain.table
        ))
    })?;
    let prev: Option<Option<String>> = conn
        .prepare_cached(&format!(
            "SELECT hash FROM {t} WHERE {o} IS NOT NULL AND {o} < ?1 ORDER BY {o} DESC LIMIT 1",
            t = chain.table,
            o = chain.order
        ))?
        .query_row([order], |r| r.get(0))
        .optional()?;
    let prev = match prev {
        None => GENESIS.to_string(),
        Some(Some(h)) => h,
        Some(None) => {
            return Err(Error::Database(format!(
            "the {} chain has an unsealed row before position {order}; run `rehearse verify-db`",
            chain.table
        )))
        }
    };
    let content = canonical(conn, chain, rowid)?;
    let hash = digest(chain.table, &prev, &content);
    conn.prepare_cached(&format!(
        "UPDATE {} SET prev_hash = ?1, hash = ?2 WHERE rowid = ?3",
        chain.table
    ))?
    .execute(rusqlite::params![prev, hash, rowid])?;
    Ok(())
}

/// What kind of change was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TamperKind {
    /// A row's content no longer matches its hash (or a live row no longer
    /// matches its latest sealed history entry).
    Edited,
    /// A row is missing from the middle of a chain, or a live row whose
    /// history says it exists is gone.
    Deleted,
    /// A row that Rehearse never sealed, or one put in between sealed rows.
    Inserted,
    /// A chain ends before the row its newest checkpoint signed.
    TruncatedTail,
    /// Several chains (or all of them) are back where an older state was:
    /// an older copy of the file was put back.
    RolledBack,
    /// A chain walks cleanly but its row at the checkpoint has another hash:
    /// the history was rewritten and its hashes recomputed.
    Rechained,
}

impl TamperKind {
    /// Words for people (as `verify-db` prints them).
    pub fn label(self) -> &'static str {
        match self {
            TamperKind::Edited => "edited",
            TamperKind::Deleted => "deleted",
            TamperKind::Inserted => "inserted",
            TamperKind::TruncatedTail => "truncated tail",
            TamperKind::RolledBack => "rolled back to an older copy",
            TamperKind::Rechained => "re-chained rewrite",
        }
    }
}

/// A row (or a chain's end) that does not match.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Tamper {
    /// The table.
    pub table: String,
    /// What kind of change it is.
    pub kind: TamperKind,
    /// The row's position in its chain (0 for a live row checked against
    /// its history, or a row outside its chain).
    pub position: i64,
    /// The row, named for people (ids, kind, item).
    pub row: String,
    /// What does not match.
    pub problem: String,
}

impl std::fmt::Display for Tamper {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}: {}", self.table, self.kind.label(), self.row)?;
        if self.position > 0 {
            write!(f, " (position {} in the chain)", self.position)?;
        }
        write!(f, ": {}", self.problem)
    }
}

/// One chain's result.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChainReport {
    /// The table.
    pub table: String,
    /// Rows checked.
    pub rows: u64,
    /// The first row that does not match, if any.
    pub tamper: Option<Tamper>,
}

/// Where one chain ends: how many sealed rows it has and the last one's
/// hash ([`GENESIS`] when it has none).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Head {
    /// Sealed rows in the chain.
    pub rows: u64,
    /// The hash of the last of them.
    pub hash: String,
}

/// One digest over every chain's last hash: SHA-256 of `TABLE=HASH\n` for
/// each chain in table-name order. Exports state it, and anyone holding a
/// signed checkpoint can recompute it from the checkpoint's heads.
pub fn heads_digest(heads: &std::collections::BTreeMap<String, Head>) -> String {
    let mut h = Sha256::new();
    for (table, head) in heads {
        h.update(format!("{table}={}\n", head.hash).as_bytes());
    }
    hex::encode(h.finalize())
}

/// The head of every chain, by table.
pub(crate) fn heads(conn: &Connection) -> Result<std::collections::BTreeMap<String, Head>> {
    // All chains from one snapshot: outside a transaction, read inside one
    // of our own (deferred, so it takes no write lock).
    if conn.is_autocommit() {
        let tx = conn.unchecked_transaction()?;
        let out = heads_in(&tx)?;
        tx.commit()?;
        return Ok(out);
    }
    heads_in(conn)
}

fn heads_in(conn: &Connection) -> Result<std::collections::BTreeMap<String, Head>> {
    let mut out = std::collections::BTreeMap::new();
    for c in CHAINS {
        // The count and the last sealed row's hash in one statement, so one
        // snapshot: as two statements, another process could commit a row
        // between them, and a checkpoint would sign N rows with the hash of
        // row N+1 (the crash campaign's two writers found this).
        let (rows, hash): (i64, Option<String>) = conn.query_row(
            &format!(
                "SELECT count(*), (SELECT hash FROM {t} WHERE {o} IS NOT NULL AND hash IS NOT NULL ORDER BY {o} DESC LIMIT 1)
                 FROM {t} WHERE {o} IS NOT NULL AND hash IS NOT NULL",
                t = c.table,
                o = c.order
            ),
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        let hash = hash.unwrap_or_else(|| GENESIS.to_string());
        out.insert(
            c.table.to_string(),
            Head {
                rows: rows as u64,
                hash,
            },
        );
    }
    Ok(out)
}

/// The hash of the `n`-th sealed row of a chain (from 1), if it has that many.
pub(crate) fn hash_at(conn: &Connection, chain: &Chain, n: u64) -> Result<Option<String>> {
    if n == 0 {
        return Ok(None);
    }
    Ok(conn
        .query_row(
            &format!(
                "SELECT hash FROM {} WHERE {o} IS NOT NULL AND hash IS NOT NULL ORDER BY {o} LIMIT 1 OFFSET ?1",
                chain.table,
                o = chain.order
            ),
            [n as i64 - 1],
            |r| r.get(0),
        )
        .optional()?)
}

/// The order value (`seq`, `chain_seq`) of the `n`-th sealed row of a chain
/// (from 1), if it has that many.
pub(crate) fn order_at(conn: &Connection, chain: &Chain, n: u64) -> Result<Option<i64>> {
    if n == 0 {
        return Ok(None);
    }
    Ok(conn
        .query_row(
            &format!(
                "SELECT {o} FROM {} WHERE {o} IS NOT NULL AND hash IS NOT NULL ORDER BY {o} LIMIT 1 OFFSET ?1",
                chain.table,
                o = chain.order
            ),
            [n as i64 - 1],
            |r| r.get(0),
        )
        .optional()?)
}

/// Walks one chain from its first row and stops at its first mismatch:
/// each row's link and hash.
pub(crate) fn verify_chain(conn: &Connection, chain: &Chain) -> Result<ChainReport> {
    let mut report = ChainReport {
        table: chain.table.into(),
        rows: 0,
        tamper: None,
    };
    type Row = (i64, i64, Option<String>, Option<String>, Option<String>);
    let rows: Vec<Row> = {
        let mut stmt = conn.prepare(&format!(
            "SELECT rowid, {o}, {l}, prev_hash, hash FROM {t} WHERE {o} IS NOT NULL ORDER BY {o}",
            o = chain.order,
            l = chain.label,
            t = chain.table
        ))?;
        let mapped = stmt.query_map([], |r| TryFrom::try_from(r))?;
        mapped.collect::<rusqlite::Result<_>>()?
    };
    let mut expected_prev = GENESIS.to_string();
    for (rowid, position, label, prev, hash) in rows {
        report.rows += 1;
        let row = label.unwrap_or_else(|| format!("{} row {rowid}", chain.table));
        let fail = |kind: TamperKind, problem: String| Tamper {
            table: chain.table.into(),
            kind,
            position,
            row: row.clone(),
            problem,
        };
        if prev.as_deref() != Some(expected_prev.as_str()) {
            // Its link points at a row that is no longer there: the rows
            // between were deleted. A link to a row still present means a
            // row was put in between (or the rows were reordered).
            let present = match prev.as_deref() {
                Some(p) => conn
                    .query_row(
                        &format!("SELECT 1 FROM {} WHERE hash = ?1", chain.table),
                        [p],
                        |_| Ok(()),
                    )
                    .optional()?
                    .is_some(),
                None => false,
            };
            report.tamper = Some(if present || prev.is_none() {
                fail(
                    TamperKind::Inserted,
                    "its link to the previous row does not match: a row was put in before it or the rows were reordered".into(),
                )
            } else {
                fail(
                    TamperKind::Deleted,
                    "its link points at a row that is no longer there: the row(s) before it were deleted".into(),
                )
            });
            return Ok(report);
        }
        let content = canonical(conn, chain, rowid)?;
        let computed = digest(chain.table, &expected_prev, &content);
        match hash {
            Some(h) if h == computed => expected_prev = h,
            Some(_) => {
                report.tamper = Some(fail(
                    TamperKind::Edited,
                    "its content does not match its hash (changed outside Rehearse)".into(),
                ));
                return Ok(report);
            }
            None => {
                report.tamper = Some(fail(
                    TamperKind::Inserted,
                    "it was never sealed (added outside Rehearse)".into(),
                ));
                return Ok(report);
            }
        }
    }
    if chain.table == ATTEMPTS.table {
        let stray: Option<String> = conn
            .query_row(
                "SELECT id FROM attempts WHERE chain_seq IS NULL AND (status != 'in_progress' OR hash IS NOT NULL) LIMIT 1",
                [],
                |r| r.get(0),
            )
            .optional()?;
        if let Some(id) = stray {
            report.tamper = Some(Tamper {
                table: chain.table.into(),
                kind: TamperKind::Edited,
                position: 0,
                row: format!("attempt {id}"),
                problem: "it is marked as ended but is not in the chain".into(),
            });
        }
    }
    Ok(report)
}
