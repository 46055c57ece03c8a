//! Staff roles and what each may do.
//!
//! Staff are the people with a passphrase: **trainers**, who write
//! scenarios (the workbench, with its tests, explorer, graphs and trial
//! runs: the answer key) and moderate grades, and **accreditation
//! officers**, who see, export, push and verify training records. A
//! trainee profile is not staff and holds no capability. The rule lives
//! here, in one table ([`Role::may`]); every client asks
//! [`Store::authorise`](crate::records::Store::authorise) before it acts.

use crate::error::{Error, Result};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;
use uuid::Uuid;

/// What a member of staff is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(strum::IntoStaticStr, strum::VariantArray)]
#[strum(serialize_all = "snake_case")]
pub enum Role {
    /// Writes scenarios, uses the workbench, moderates, and may also see
    /// the training records.
    Trainer,
    /// Sees, exports, pushes and verifies training records; never the
    /// workbench or moderation.
    AccreditationOfficer,
}

impl Role {
    /// Every role.
    pub const ALL: [Role; 2] = [Role::Trainer, Role::AccreditationOfficer];

    /// The stored id (`trainer`, `accreditation_officer`).
    pub fn id(self) -> &'static str {
        self.into()
    }

    /// Words for people (`trainer`, `accreditation officer`).
    pub fn label(self) -> &'static str {
        match self {
            Role::Trainer => "trainer",
            Role::AccreditationOfficer => "accreditation officer",
        }
    }

    /// The label with its article (`a trainer`, `an accreditation officer`).
    pub fn with_article(self) -> &'static str {
        match self {
            Role::Trainer => "a trainer",
            Role::AccreditationOfficer => "an accreditation officer",
        }
    }

    /// Whether this role holds `capability`: the whole rule.
    pub fn may(self, capability: Capability) -> bool {
        match capability {
            Capability::Moderate | Capability::Author => self == Role::Trainer,
            Capability::Accredit => true,
        }
    }

    /// Reads a stored id.
    pub(crate) fn parse_stored(s: &str) -> Result<Role> {
        Role::ALL
            .into_iter()
            .find(|r| r.id() == s)
            .ok_or_else(|| Error::Database(format!("unknown staff role \"{s}\" in the database")))
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

impl FromStr for Role {
    type Err = Error;

    /// `trainer`, or `accreditation-officer` (also written
    /// `accreditation_officer`), in any case.
    fn from_str(s: &str) -> Result<Role> {
        match s.trim().to_ascii_lowercase().replace('_', "-").as_str() {
            "trainer" => Ok(Role::Trainer),
            "accreditation-officer" => Ok(Role::AccreditationOfficer),
            other => Err(Error::Input(format!(
                "\"{other}\" is not a role; choose trainer or accreditation-officer"
            ))),
        }
    }
}

/// Something only some staff may do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[derive(strum::IntoStaticStr, strum::VariantArray)]
#[strum(serialize_all = "snake_case")]
pub enum Capability {
    /// Override grades (the moderation queue and its attempts). Trainers only.
    Moderate,
    /// The workbench: open and check scenario folders, graphs, tests, the
    /// explorer and playing from any beat. Trainers only.
    Author,
    /// Training records: the records table, exports, pushes to a learning
    /// record store and verifying files. Trainers and accreditation officers.
    Accredit,
}

impl Capability {
    /// Every capability.
    pub const ALL: [Capability; 3] = [
        Capability::Moderate,
        Capability::Author,
        Capability::Accredit,
    ];

    /// The id written in the audit log (`moderate`, `author`, `accredit`).
    pub fn id(self) -> &'static str {
        self.into()
    }

    /// What it lets someone do, to finish "only … can".
    pub fn action(self) -> &'static str {
        match self {
            Capability::Moderate => "moderate",
            Capability::Author => "use the workbench",
            Capability::Accredit => "open the training records",
        }
    }

    /// Who may, in words: "a trainer", "a trainer or an accreditation officer".
    pub fn who(self) -> String {
        let roles: Vec<&str> = Role::ALL
            .into_iter()
            .filter(|r| r.may(self))
            .map(Role::with_article)
            .collect();
        roles.join(" or ")
    }
}

/// A member of staff (never carries the passphrase or its hash).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Staff {
    /// The member of staff's id.
    pub id: Uuid,
    /// Name, unique among staff (case-insensitive).
    pub display_name: String,
    /// Trainer or accreditation officer.
    pub role: Role,
    /// When the profile was created.
    pub created_at: DateTime<Utc>,
}

impl Staff {
    /// How the audit log names this person: `trainer NAME (ID)` or
    /// `accreditation officer NAME (ID)`.
    pub fn actor(&self) -> String {
        format!("{} {} ({})", self.role.label(), self.display_name, self.id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_a_trainer_moderates_and_authors_and_both_roles_accredit() {
        assert!(Role::Trainer.may(Capability::Moderate));
        assert!(Role::Trainer.may(Capability::Author));
        assert!(Role::Trainer.may(Capability::Accredit));
        assert!(!Role::AccreditationOfficer.may(Capability::Moderate));
        assert!(!Role::AccreditationOfficer.may(Capability::Author));
        assert!(Role::AccreditationOfficer.may(Capability::Accredit));
        assert_eq!(Capability::Moderate.who(), "a trainer");
        assert_eq!(Capability::Author.who(), "a trainer");
        assert_eq!(
            Capability::Accredit.who(),
            "a trainer or an accreditation officer"
        );
    }

    #[test]
    fn roles_read_from_the_command_line_and_the_database() {
        assert_eq!("trainer".parse::<Role>().unwrap(), Role::Trainer);
        for s in [
            "accreditation-officer",
            "Accreditation_Officer",
            " accreditation-officer ",
        ] {
            assert_eq!(
                s.parse::<Role>().unwrap(),
                Role::AccreditationOfficer,
                "{s}"
            );
        }
        let e = "officer".parse::<Role>().unwrap_err();
        assert_eq!(e.code(), "input");
        assert!(e.to_string().contains("accreditation-officer"), "{e}");
        for r in Role::ALL {
            assert_eq!(Role::parse_stored(r.id()).unwrap(), r);
        }
        assert_eq!(Role::parse_stored("admin").unwrap_err().code(), "database");
        assert_eq!(
            serde_json::to_value(Role::AccreditationOfficer).unwrap(),
            "accreditation_officer"
        );
        assert_eq!(
            serde_json::from_value::<Capability>(serde_json::json!("accredit")).unwrap(),
            Capability::Accredit
        );
    }
}
