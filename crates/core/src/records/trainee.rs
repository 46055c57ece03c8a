//! Trainees: a pseudonymous UUID, a display name, optional email and
//! organisation (their erasure is [`super::erasure`]).

use super::audit::{self, Entry};
use super::parse_uuid;
use super::store::Store;
use crate::clock::read_instant;
use crate::error::{Error, Result};
use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension, Row};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// The display name an erased trainee keeps.
pub const ERASED_NAME: &str = "(erased)";

/// The longest display name, organisation or email accepted.
pub const MAX_FIELD_CHARS: usize = 200;

/// A trainee profile.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Trainee {
    /// Pseudonymous id.
    pub id: Uuid,
    /// Name shown in the app.
    pub display_name: String,
    /// Optional email.
    pub email: Option<String>,
    /// Optional organisation.
    pub organisation: Option<String>,
    /// When the profile was created.
    pub created_at: DateTime<Utc>,
    /// When the personal data was erased, if it was.
    pub erased_at: Option<DateTime<Utc>>,
}

const COLUMNS: &str = "id, display_name, email, organisation, created_at, erased_at";

type RawTrainee = (
    String,
    String,
    Option<String>,
    Option<String>,
    String,
    Option<String>,
);

fn from_row(r: &Row<'_>) -> rusqlite::Result<RawTrainee> {
    Ok((
        r.get(0)?,
        r.get(1)?,
        r.get(2)?,
        r.get(3)?,
        r.get(4)?,
        r.get(5)?,
    ))
}

fn build(raw: RawTrainee) -> Result<Trainee> {
    let (id, display_name, email, organisation, created_at, erased_at) = raw;
    Ok(Trainee {
        id: Uuid::parse_str(&id)
            .map_err(|_| Error::Database(format!("stored trainee id \"{id}\" is not a UUID")))?,
        display_name,
        email,
        organisation,
        created_at: read_instant(&created_at)?,
        erased_at: erased_at.as_deref().map(read_instant).transpose()?,
    })
}

fn clean(field: &str, value: Option<&str>) -> Result<Option<String>> {
    let Some(v) = value.map(str::trim).filter(|v| !v.is_empty()) else {
        return Ok(None);
    };
    if v.chars().count() > MAX_FIELD_CHARS {
        return Err(Error::Input(format!(
            "the {field} is longer than {MAX_FIELD_CHARS} characters"
        )));
    }
    if v.chars().any(char::is_control) {
        return Err(Error::Input(format!(
            "the {field} contains control characters"
        )));
    }
    Ok(Some(v.to_string()))
}

pub(crate) fn get(conn: &Connection, id: Uuid) -> Result<Trainee> {
    let raw = conn
        .prepare_cached(&format!("SELECT {COLUMNS} FROM trainees WHERE id = ?1"))?
        .query_row([id.to_string()], from_row)
        .optional()?
        .ok_or_else(|| {
            Error::NotFound(format!(
                "no trainee with id {id}; `rehearse trainee list` shows them"
            ))
        })?;
    build(raw)
}

impl Store {
    /// Adds a trainee with a fresh pseudonymous id.
    pub fn add_trainee(
        &self,
        display_name: &str,
        email: Option<&str>,
        organisation: Option<&str>,
    ) -> Result<Trainee> {
        let name = clean("display name", Some(display_name))?
            .ok_or_else(|| Error::Input("a trainee needs a display name".into()))?;
        if name == ERASED_NAME {
            return Err(Error::Input(format!(
                "\"{ERASED_NAME}\" is reserved for erased profiles"
            )));
        }
        if parse_uuid(&name, "trainee").is_ok() {
            return Err(Error::Input(
                "a display name cannot be a UUID; choose a name people can read".into(),
            ));
        }
        let email = clean("email", email)?;
        if let Some(e) = &email {
            if !e.contains('@') || e.contains(char::is_whitespace) {
                return Err(Error::Input(format!("\"{e}\" is not an email address")));
            }
        }
        let organisation = clean("organisation", organisation)?;
        let id = Uuid::new_v4();
        let now = self.now_text();
        let tx = self.write()?;
        tx.execute(
            "INSERT INTO trainees (id, display_name, email, organisation, created_at) VALUES (?1, ?2, ?3, ?4, ?5)",
            rusqlite::params![id.to_string(), name, email, organisation, now],
        )?;
        super::ledger::record(
            &tx,
            &super::ledger::TRAINEES,
            Some(tx.last_insert_rowid()),
            &id.to_string(),
            "added",
            &now,
        )?;
        audit::record(
            &tx,
            &now,
            Entry {
                actor: "cli",
                action: audit::AuditAction::TraineeAdd,
                subject: &format!("trainee {id}"),
                before: None,
                after: None,
                reason: None,
            },
        )?;
        let t = get(&tx, id)?;
        tx.commit()?;
        Ok(t)
    }

    /// Every trainee, oldest first (erased ones included, without personal data).
    pub fn trainees(&self) -> Result<Vec<Trainee>> {
        let mut stmt = self.conn.prepare(&format!(
            "SELECT {COLUMNS} FROM trainees ORDER BY created_at, id"
        ))?;
        let raws: Vec<RawTrainee> = stmt
            .query_map([], from_row)?
            .collect::<rusqlite::Result<_>>()?;
        raws.into_iter().map(build).collect()
    }

    /// The trainee with this id (erased ones included, with their
    /// placeholder name).
    pub fn trainee(&self, id: Uuid) -> Result<Trainee> {
        get(&self.conn, id)
    }

    /// A trainee by id, or by display name (case-insensitive) when exactly
    /// one trainee has that name.
    pub fn find_trainee(&self, id_or_name: &str) -> Result<Trainee> {
        let key = id_or_name.trim();
        if key.is_empty() {
            return Err(Error::Input("give a trainee id or display name".into()));
        }
        if let Ok(id) = Uuid::parse_str(key) {
            return get(&self.conn, id);
        }
        let mut stmt = self.conn.prepare(&format!(
            "SELECT {COLUMNS} FROM trainees WHERE display_name = ?1 COLLATE NOCASE AND erased_at IS NULL"
        ))?;
        let raws: Vec<RawTrainee> = stmt
            .query_map([key], from_row)?
            .collect::<rusqlite::Result<_>>()?;
        match raws.len() {
            0 => Err(Error::NotFound(format!(
                "no trainee called \"{key}\"; `rehearse trainee list` shows them"
            ))),
            1 => build(raws.into_iter().next().expect("one row")),
            n => Err(Error::Input(format!(
                "{n} trainees are called \"{key}\"; use the id instead (`rehearse trainee list`)"
            ))),
        }
    }
}
