//! Signed checkpoints of the hash chains' heads, kept outside the database.
//!
//! A hash chain shows a changed row, but on its own not a deleted newest row
//! or a chain recomputed after an edit: whoever can write the file can redo
//! the hashes. A checkpoint records how many rows each chain had and the
//! hash of the last one, signed with the installation's Ed25519 issuer key,
//! and is appended (synced) to `checkpoints.log` beside the database. Later,
//! `verify-db` checks each chain against the newest checkpoint whose
//! signature holds: a chain shorter than it was (rows deleted, the file
//! truncated or rolled back to an older copy) or with another hash at the
//! checkpointed row (history rewritten and re-chained) is named.
//!
//! Checkpoints are written at every certification change, moderation and
//! export, and when the records are opened and the last one is more than a
//! day old. What they cannot do: rows written after the newest checkpoint
//! are protected only by the chain, and whoever holds the key file can sign
//! a rewritten history. Signed exports carry the chain head too, so an
//! accreditation body can compare exports over time.

use super::chain::{self, Head, Tamper, TamperKind};
use super::store::Store;
use crate::credential::keys::{self, IssuerKey, KEY_FILE};
use crate::error::{Error, Result};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::io::Write;
use std::path::PathBuf;

/// The checkpoint log beside the database.
pub const CHECKPOINT_FILE: &str = "checkpoints.log";

/// How much of the log's end is read to find the newest checkpoint.
const TAIL_BYTES: u64 = 64 * 1024;

/// How old the newest checkpoint may get while the records are in use.
pub const CHECKPOINT_EVERY: chrono::Duration = chrono::Duration::hours(24);

/// One signed checkpoint (a line of the log).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Checkpoint {
    /// When (RFC 3339, UTC).
    pub at: String,
    /// Why: `certification`, `moderation`, `export`, `daily`, `manual`.
    pub reason: String,
    /// Each chain's head.
    pub heads: BTreeMap<String, Head>,
    /// The signing key (`did:key:…#…`).
    #[serde(rename = "verificationMethod")]
    pub verification_method: String,
    /// Ed25519 over [`Checkpoint::message`], base58btc multibase.
    pub signature: String,
}

impl Checkpoint {
    /// The exact bytes signed.
    pub fn message(&self) -> String {
        let mut m = format!("rehearse-checkpoint-v1\n{}\n{}\n", self.at, self.reason);
        for (table, head) in &self.heads {
            m.push_str(&format!("{table} {} {}\n", head.rows, head.hash));
        }
        m.push_str(&self.verification_method);
        m.push('\n');
        m
    }
}

/// What checking the chains against the newest checkpoint found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CheckpointReport {
    /// The newest checkpoint whose signature holds, if any.
    pub checkpoint: Option<Checkpoint>,
    /// Log lines that are not valid, signed checkpoints (named, not used).
    pub bad_lines: Vec<String>,
    /// Chains that no longer reach what the checkpoint recorded.
    pub problems: Vec<Tamper>,
}

impl CheckpointReport {
    /// Whether the records still hold everything the checkpoint recorded.
    pub fn is_ok(&self) -> bool {
        self.problems.is_empty() && self.bad_lines.is_empty()
    }
}

impl Store {
    fn checkpoint_path(&self) -> PathBuf {
        self.path().with_file_name(CHECKPOINT_FILE)
    }

    fn key_path(&self) -> PathBuf {
        self.path().with_file_name(KEY_FILE)
    }

    /// The installation's key (beside the database, created on first use):
    /// the one that signs checkpoints and export bundles.
    pub(crate) fn installation_key(&self) -> Result<IssuerKey> {
        IssuerKey::load_or_create(&self.key_path())
    }

    /// Signs the chains' heads as they are now and appends the checkpoint to
    /// the log (synced, owner-only). Refused when the records no longer
    /// reach the last checkpoint, so a checkpoint never launders tampering.
    pub fn checkpoint(&self, reason: &str) -> Result<Checkpoint> {
        let heads = chain::heads(&self.conn)?;
        let before = self.check_against(self.recent_checkpoints()?, &heads)?;
        if !before.is_ok() {
            return Err(Error::Database(format!(
                "the records no longer match their last signed checkpoint, so no new one is written: {}; run `rehearse verify-db`",
                before
                    .problems
                    .iter()
                    .map(|t| t.to_string())
                    .chain(before.bad_lines.iter().cloned())
                    .collect::<Vec<_>>()
                    .join("; ")
            )));
        }
        let key = IssuerKey::load_or_create(&self.key_path())?;
        let mut c = Checkpoint {
            at: self.now_text(),
            reason: reason.to_string(),
            heads,
            verification_method: key.verification_method(),
            signature: String::new(),
        };
        c.signature = key.sign_multibase(c.message().as_bytes());
        let path = self.checkpoint_path();
        let mut line = serde_json::to_string(&c)
            .map_err(|e| Error::Database(format!("could not write a checkpoint: {e}")))?;
        line.push('\n');
        let existed = path.exists();
        let mut f = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(&path)
            .map_err(|e| Error::io(&path, e))?;
        if !existed {
            crate::durable::restrict(&path, false)?;
        }
        f.write_all(line.as_bytes())
            .and_then(|()| f.sync_all())
            .map_err(|e| Error::io(&path, e))?;
        Ok(c)
    }

    /// Writes a checkpoint after a decision (a certification change, a
    /// moderation, an export) unless the records fail their last one, which
    /// `verify-db` then reports; the decision itself stands either way.
    pub(crate) fn checkpoint_after(&self, reason: &str) {
        let _ = self.checkpoint(reason);
    }

    /// Writes a checkpoint when the newest is older than
    /// [`CHECKPOINT_EVERY`] (or there is none but there are records).
    pub fn checkpoint_if_due(&self) -> Result<Option<Checkpoint>> {
        let newest = self.recent_checkpoints()?.0.pop();
        let due = match newest {
            Some(c) => crate::clock::parse_instant(&c.at)
                .map(|at| self.clock().now() - at >= CHECKPOINT_EVERY)
                .unwrap_or(true),
            None => chain::heads(&self.conn)?.values().any(|h| h.rows > 0),
        };
        if due {
            self.checkpoint("daily").map(Some)
        } else {
            Ok(None)
        }
    }

    /// The log's valid checkpoints (oldest first) and its bad lines.
    pub fn checkpoints(&self) -> Result<(Vec<Checkpoint>, Vec<String>)> {
        self.read_log(None)
    }

    /// The newest valid checkpoint only (with any bad lines after it), from
    /// the log's last [`TAIL_BYTES`], so writing a checkpoint stays cheap
    /// however long the log grows.
    fn recent_checkpoints(&self) -> Result<(Vec<Checkpoint>, Vec<String>)> {
        self.read_log(Some(TAIL_BYTES))
    }

    fn read_log(&self, tail: Option<u64>) -> Result<(Vec<Checkpoint>, Vec<String>)> {
        use std::io::{Read, Seek, SeekFrom};
        let path = self.checkpoint_path();
        let mut text = String::new();
        match std::fs::File::open(&path) {
            Ok(mut f) => {
                let len = f.metadata().map_err(|e| Error::io(&path, e))?.len();
                let skip = tail.map_or(0, |t| len.saturating_sub(t));
                f.seek(SeekFrom::Start(skip))
                    .map_err(|e| Error::io(&path, e))?;
                let mut bytes = Vec::new();
                f.read_to_end(&mut bytes).map_err(|e| Error::io(&path, e))?;
                let mut s = String::from_utf8_lossy(&bytes).into_owned();
                if skip > 0 {
                    // Drop the partial first line of the tail.
                    s = s
                        .split_once('\n')
                        .map(|(_, rest)| rest.to_string())
                        .unwrap_or_default();
                }
                text = s;
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return Err(Error::io(&path, e)),
        }
        let mut good = Vec::new();
        let mut bad = Vec::new();
        if text.trim().is_empty() {
            return Ok((good, bad));
        }
        let key_path = self.key_path();
        if !key_path.exists() {
            bad.push(format!(
                "{CHECKPOINT_FILE} cannot be checked: the installation's key ({KEY_FILE}) is missing beside the database"
            ));
            return Ok((good, bad));
        }
        let own = IssuerKey::load_or_create(&key_path)?.verification_method();
        let public = keys::did_key_public(&own)?;
        let lines: Vec<(usize, &str)> = text
            .lines()
            .enumerate()
            .filter(|(_, l)| !l.trim().is_empty())
            .collect();
        // Reading the tail (before writing a checkpoint, at every open) only
        // the newest valid checkpoint matters: lines are checked from the
        // end and the first valid one stops it, so writing stays at one
        // signature check however long the log. The whole log (verify-db)
        // is checked line by line.
        let newest_only = tail.is_some();
        let ordered: Box<dyn Iterator<Item = &(usize, &str)>> = if newest_only {
            Box::new(lines.iter().rev())
        } else {
            Box::new(lines.iter())
        };
        for &(i, line) in ordered {
            let n = i + 1;
            match serde_json::from_str::<Checkpoint>(line) {
                Err(e) => bad.push(format!("{CHECKPOINT_FILE} line {n}: not a checkpoint ({e})")),
                Ok(c) if c.verification_method != own => bad.push(format!(
                    "{CHECKPOINT_FILE} line {n}: signed by another key ({})",
                    c.verification_method
                )),
                Ok(c) => match keys::verify_multibase(&public, c.message().as_bytes(), &c.signature) {
                    Ok(()) => {
                        good.push(c);
                        if newest_only {
                            break;
                        }
                    }
                    Err(_) => bad.push(format!(
                        "{CHECKPOINT_FILE} line {n}: its signature does not match (the line was altered)"
                    )),
                },
            }
        }
        Ok((good, bad))
    }

    /// Checks every chain against the newest valid checkpoint, reading the
    /// whole log (bad lines anywhere in it are named).
    pub fn verify_checkpoint(&self) -> Result<CheckpointReport> {
        self.check_against(self.checkpoints()?, &chain::heads(&self.conn)?)
    }

    fn check_against(
        &self,
        (mut good, bad_lines): (Vec<Checkpoint>, Vec<String>),
        now: &BTreeMap<String, Head>,
    ) -> Result<CheckpointReport> {
        let checkpoint = good.pop();
        let mut problems = Vec::new();
        if let Some(c) = &checkpoint {
            // The chains that are shorter than the checkpoint says. One
            // shortened chain is a truncated tail; several at once, or the
            // whole set of heads equal to an older signed checkpoint, is an
            // older copy of the file put back.
            let shorter: Vec<&str> = chain::CHAINS
                .iter()
                .filter(|ch| {
                    c.heads
                        .get(ch.table)
                        .is_some_and(|want| now.get(ch.table).map_or(0, |h| h.rows) < want.rows)
                })
                .map(|ch| ch.table)
                .collect();
            let older = good.iter().rev().find(|o| {
                o.heads
                    .iter()
                    .all(|(t, h)| now.get(t).is_some_and(|n| n == h))
            });
            let rolled_back = !shorter.is_empty() && (shorter.len() > 1 || older.is_some());
            for chain in chain::CHAINS {
                let Some(want) = c.heads.get(chain.table) else {
                    continue;
                };
                let now_rows = now.get(chain.table).map_or(0, |h| h.rows);
                let finding = |kind, position: u64, problem: String| Tamper {
                    table: chain.table.to_string(),
                    kind,
                    position: position as i64,
                    row: format!("row {position}"),
                    problem,
                };
                if now_rows < want.rows {
                    problems.push(if rolled_back {
                        finding(
                            TamperKind::RolledBack,
                            now_rows,
                            format!(
                                "{} row(s) at the checkpoint of {}, {now_rows} now, and {}: an older copy of the records was put back",
                                want.rows,
                                c.at,
                                match older {
                                    Some(o) => format!("every chain is exactly as at the older checkpoint of {}", o.at),
                                    None => format!("{} chains are shorter at once", shorter.len()),
                                }
                            ),
                        )
                    } else {
                        finding(
                            TamperKind::TruncatedTail,
                            now_rows,
                            format!(
                                "{} row(s) at the checkpoint of {}, {now_rows} now: the newest rows were deleted (or the file was replaced by an older copy)",
                                want.rows, c.at
                            ),
                        )
                    });
                    continue;
                }
                let at = chain::hash_at(&self.conn, chain, want.rows)?
                    .unwrap_or_else(|| chain::GENESIS.to_string());
                if want.rows > 0 && at != want.hash {
                    // Positions count from 1 and so do the order columns, each
                    // new row taking the next number: a row at position N
                    // numbered above N means rows up to N were deleted, and
                    // since the walk finds no broken link, from the end, with
                    // new rows written after them.
                    let numbered = chain::order_at(&self.conn, chain, want.rows)?;
                    problems.push(if numbered.is_some_and(|n| n > want.rows as i64) {
                        finding(
                            TamperKind::TruncatedTail,
                            want.rows,
                            format!(
                                "it no longer has the hash signed at the checkpoint of {}, and rows are missing before it: the newest rows were deleted and new ones written after them",
                                c.at
                            ),
                        )
                    } else {
                        finding(
                            TamperKind::Rechained,
                            want.rows,
                            format!(
                                "it no longer has the hash signed at the checkpoint of {}: the history up to it was rewritten and its hashes recomputed",
                                c.at
                            ),
                        )
                    });
                }
            }
        }
        Ok(CheckpointReport {
            checkpoint,
            bad_lines,
            problems,
        })
    }
}
