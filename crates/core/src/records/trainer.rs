//! Trainers: the people who may moderate, each with a passphrase stored as
//! an Argon2id hash (PHC string).

use super::audit::{self, Entry};
use super::store::Store;
use crate::clock::read_instant;
use crate::error::{Error, Result};
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;
use chrono::{DateTime, Utc};
use rusqlite::OptionalExtension;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// The shortest passphrase accepted.
pub const MIN_PASSPHRASE_CHARS: usize = 8;

/// A trainer profile (never carries the passphrase or its hash).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Trainer {
    /// Id.
    pub id: Uuid,
    /// Name, unique (case-insensitive).
    pub display_name: String,
    /// When the profile was created.
    pub created_at: DateTime<Utc>,
}

fn hash(passphrase: &str) -> Result<String> {
    // 16 random bytes from the OS (UUID v4) as the salt.
    let salt = SaltString::encode_b64(Uuid::new_v4().as_bytes())
        .map_err(|e| Error::Database(format!("could not make a salt: {e}")))?;
    Argon2::default()
        .hash_password(passphrase.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| Error::Database(format!("could not hash the passphrase: {e}")))
}

impl Store {
    /// Adds a trainer; the passphrase is stored only as an Argon2id hash.
    pub fn add_trainer(&self, display_name: &str, passphrase: &str) -> Result<Trainer> {
        let name = display_name.trim();
        if name.is_empty() || name.chars().count() > super::trainee::MAX_FIELD_CHARS {
            return Err(Error::Input(
                "a trainer needs a display name of 1 to 200 characters".into(),
            ));
        }
        if Uuid::parse_str(name).is_ok() {
            return Err(Error::Input("a trainer's name cannot be a UUID".into()));
        }
        if passphrase.chars().count() < MIN_PASSPHRASE_CHARS {
            return Err(Error::Input(format!(
                "a trainer passphrase needs at least {MIN_PASSPHRASE_CHARS} characters"
            )));
        }
        let phc = hash(passphrase)?;
        let id = Uuid::new_v4();
        let now = self.now_text();
        let tx = self.write()?;
        let taken: bool = tx.query_row(
            "SELECT EXISTS (SELECT 1 FROM trainers WHERE display_name = ?1 COLLATE NOCASE)",
            [name],
            |r| r.get(0),
        )?;
        if taken {
            return Err(Error::Input(format!(
                "there is already a trainer called \"{name}\""
            )));
        }
        tx.execute(
            "INSERT INTO trainers (id, display_name, passphrase_hash, created_at) VALUES (?1, ?2, ?3, ?4)",
            rusqlite::params![id.to_string(), name, phc, now],
        )?;
        audit::record(
            &tx,
            &now,
            Entry {
                actor: "cli",
                action: "trainer.add",
                subject: &format!("trainer {id} ({name})"),
                before: None,
                after: None,
                reason: None,
            },
        )?;
        tx.commit()?;
        Ok(Trainer {
            id,
            display_name: name.to_string(),
            created_at: read_instant(&now)?,
        })
    }

    /// Every trainer, oldest first.
    pub fn trainers(&self) -> Result<Vec<Trainer>> {
        let mut stmt = self
            .conn
            .prepare("SELECT id, display_name, created_at FROM trainers ORDER BY created_at, id")?;
        let rows: Vec<(String, String, String)> = stmt
            .query_map([], |r| TryFrom::try_from(r))?
            .collect::<rusqlite::Result<_>>()?;
        rows.into_iter()
            .map(|(id, display_name, at)| {
                Ok(Trainer {
                    id: Uuid::parse_str(&id).map_err(|_| {
                        Error::Database(format!("stored trainer id \"{id}\" is not a UUID"))
                    })?,
                    display_name,
                    created_at: read_instant(&at)?,
                })
            })
            .collect()
    }

    /// Checks a trainer's passphrase. A trainee profile, an unknown name or
    /// a wrong passphrase is refused with [`Error::Unauthorised`] or
    /// [`Error::NotFound`].
    pub fn authenticate_trainer(&self, name_or_id: &str, passphrase: &str) -> Result<Trainer> {
        let key = name_or_id.trim();
        let row: Option<(String, String, String, String)> = self
            .conn
            .query_row(
                "SELECT id, display_name, passphrase_hash, created_at FROM trainers
                 WHERE id = ?1 OR display_name = ?1 COLLATE NOCASE",
                [key],
                |r| TryFrom::try_from(r),
            )
            .optional()?;
        let Some((id, display_name, phc, at)) = row else {
            if self.find_trainee(key).is_ok() {
                return Err(Error::Unauthorised(format!(
                    "\"{key}\" is a trainee profile; only a trainer can moderate"
                )));
            }
            return Err(Error::NotFound(format!(
                "no trainer called \"{key}\"; a trainer is added with `rehearse trainer add`"
            )));
        };
        let parsed = PasswordHash::new(&phc).map_err(|e| {
            Error::Database(format!(
                "the stored passphrase hash of trainer {id} is invalid: {e}"
            ))
        })?;
        if Argon2::default()
            .verify_password(passphrase.as_bytes(), &parsed)
            .is_err()
        {
            return Err(Error::Unauthorised(format!(
                "wrong passphrase for trainer \"{display_name}\""
            )));
        }
        Ok(Trainer {
            id: Uuid::parse_str(&id).map_err(|_| {
                Error::Database(format!("stored trainer id \"{id}\" is not a UUID"))
            })?,
            display_name,
            created_at: read_instant(&at)?,
        })
    }
}
