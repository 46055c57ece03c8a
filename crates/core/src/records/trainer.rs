//! Staff: trainers and accreditation officers, each with a passphrase
//! stored as an Argon2id hash (PHC string) and a [`Role`]. They share one
//! table (`trainers`, with a `role` column since schema version 3), so a
//! name is unique across both roles.
//!
//! [`Store::authorise`] is the one gate: it checks the passphrase, then
//! whether the role holds the [`Capability`] asked for, and writes every
//! refusal to the audit log. [`Store::authenticate_trainer`] is the same
//! gate for moderation.

use super::audit::{self, Entry};
use super::role::{Capability, Role, Staff};
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

/// The audit action of a refused authorisation.
pub const REFUSED_ACTION: &str = audit::AuditAction::AccessRefused.id();
/// Wrong passphrases for one staff member within [`LOCKOUT`] before further
/// sign-ins under that name are refused unchecked until it has passed.
pub const MAX_FAILED_SIGN_INS: i64 = 5;
/// The window (and wait) of the sign-in lockout.
pub const LOCKOUT: chrono::Duration = chrono::Duration::minutes(15);
/// The audit reason of a wrong passphrase, counted by the lockout.
const WRONG_PASSPHRASE: &str = "wrong passphrase";

/// An Argon2id hash of a passphrase nobody has, made once: an unknown name
/// is verified against it, so it costs the same time as a known one.
fn decoy_hash() -> &'static str {
    static DECOY: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    DECOY.get_or_init(|| hash(&Uuid::new_v4().to_string()).unwrap_or_default())
}

/// Spends the time a passphrase check takes, for a name with no hash.
fn verify_decoy(passphrase: &str) {
    if let Ok(parsed) = PasswordHash::new(decoy_hash()) {
        let _ = Argon2::default().verify_password(passphrase.as_bytes(), &parsed);
    }
}

/// What every wrong name or passphrase is told: the same words either way,
/// so the answer does not say which names exist.
fn not_right(capability: Capability) -> String {
    format!(
        "the name or passphrase is not right; only {} can {}",
        capability.who(),
        capability.action()
    )
}

/// A trainer profile (never carries the passphrase or its hash).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Trainer {
    /// The trainer's id.
    pub id: Uuid,
    /// Name, unique (case-insensitive).
    pub display_name: String,
    /// When the profile was created.
    pub created_at: DateTime<Utc>,
}

impl Trainer {
    fn from_staff(s: Staff) -> Trainer {
        Trainer {
            id: s.id,
            display_name: s.display_name,
            created_at: s.created_at,
        }
    }
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

fn staff_id(id: &str) -> Result<Uuid> {
    Uuid::parse_str(id)
        .map_err(|_| Error::Database(format!("stored staff id \"{id}\" is not a UUID")))
}

/// A stored row: id, name, role, created.
type StaffRow = (String, String, String, String);

fn build(row: StaffRow) -> Result<Staff> {
    let (id, display_name, role, at) = row;
    Ok(Staff {
        id: staff_id(&id)?,
        display_name,
        role: Role::parse_stored(&role)?,
        created_at: read_instant(&at)?,
    })
}

/// Who a refused request came from, as the audit log names them: staff by
/// role, name and id, a trainee by id only, and an unknown name not at all
/// (what was typed may be someone's name, or a passphrase typed into the
/// wrong box).
enum Claimant<'a> {
    Staff(&'a Staff),
    Trainee(Option<Uuid>),
    Unknown,
}

impl Claimant<'_> {
    fn actor(&self) -> String {
        match self {
            Claimant::Staff(s) => s.actor(),
            Claimant::Trainee(Some(id)) => format!("trainee {id}"),
            Claimant::Trainee(None) => "a trainee name (several trainees share it)".into(),
            Claimant::Unknown => "unknown name".into(),
        }
    }
}

impl Store {
    /// Adds a trainer; the passphrase is stored only as an Argon2id hash.
    pub fn add_trainer(&self, display_name: &str, passphrase: &str) -> Result<Trainer> {
        self.add_staff(display_name, passphrase, Role::Trainer)
            .map(Trainer::from_staff)
    }

    /// Adds a member of staff with `role`; the passphrase is stored only as
    /// an Argon2id hash. Names are unique across trainers and officers
    /// (case-insensitive), 1 to 200 characters, and never a UUID.
    pub fn add_staff(&self, display_name: &str, passphrase: &str, role: Role) -> Result<Staff> {
        self.insert_staff(display_name, passphrase, role, false)
    }

    /// Adds the installation's first trainer, only while there is no staff
    /// at all (no trainer and no accreditation officer): the desktop app
    /// sets the first trainer up this way, without signing in. Once anyone
    /// is staff this is refused with [`Error::NotAllowed`], and further
    /// staff are added with `rehearse trainer add`, which needs the records
    /// file itself.
    pub fn add_first_trainer(&self, display_name: &str, passphrase: &str) -> Result<Trainer> {
        self.insert_staff(display_name, passphrase, Role::Trainer, true)
            .map(Trainer::from_staff)
    }

    fn insert_staff(
        &self,
        display_name: &str,
        passphrase: &str,
        role: Role,
        first_only: bool,
    ) -> Result<Staff> {
        let name = display_name.trim();
        if name.is_empty() || name.chars().count() > super::trainee::MAX_FIELD_CHARS {
            return Err(Error::Input(format!(
                "{} needs a display name of 1 to 200 characters",
                role.with_article()
            )));
        }
        if Uuid::parse_str(name).is_ok() {
            return Err(Error::Input(format!(
                "{}'s name cannot be a UUID",
                role.with_article()
            )));
        }
        if passphrase.chars().count() < MIN_PASSPHRASE_CHARS {
            return Err(Error::Input(format!(
                "{} passphrase needs at least {MIN_PASSPHRASE_CHARS} characters",
                role.with_article()
            )));
        }
        let phc = hash(passphrase)?;
        let id = Uuid::new_v4();
        let now = self.now_text();
        let tx = self.write()?;
        if first_only {
            let any: bool =
                tx.query_row("SELECT EXISTS (SELECT 1 FROM trainers)", [], |r| r.get(0))?;
            if any {
                return Err(Error::NotAllowed(
                    "the first trainer exists already; further trainers and accreditation officers are added with `rehearse trainer add NAME [--role trainer|accreditation-officer]`".into(),
                ));
            }
        }
        let taken: Option<String> = tx
            .query_row(
                "SELECT role FROM trainers WHERE display_name = ?1 COLLATE NOCASE",
                [name],
                |r| r.get(0),
            )
            .optional()?;
        if let Some(other) = taken {
            let other = Role::parse_stored(&other)?;
            return Err(Error::Input(format!(
                "there is already {} called \"{name}\"",
                other.with_article()
            )));
        }
        tx.execute(
            "INSERT INTO trainers (id, display_name, passphrase_hash, created_at, role)
             VALUES (?1, ?2, ?3, ?4, ?5)",
            rusqlite::params![id.to_string(), name, phc, now, role.id()],
        )?;
        super::ledger::record(
            &tx,
            &super::ledger::TRAINERS,
            Some(tx.last_insert_rowid()),
            &id.to_string(),
            "added",
            &now,
        )?;
        let action = match role {
            Role::Trainer => audit::AuditAction::TrainerAdd,
            Role::AccreditationOfficer => audit::AuditAction::AccreditationOfficerAdd,
        };
        audit::record(
            &tx,
            &now,
            Entry {
                actor: "cli",
                action,
                subject: &format!("{} {id} ({name})", role.id()),
                before: None,
                after: Some(role.id()),
                reason: None,
            },
        )?;
        tx.commit()?;
        Ok(Staff {
            id,
            display_name: name.to_string(),
            role,
            created_at: read_instant(&now)?,
        })
    }

    /// Every trainer, oldest first (accreditation officers are not trainers).
    pub fn trainers(&self) -> Result<Vec<Trainer>> {
        Ok(self
            .staff()?
            .into_iter()
            .filter(|s| s.role == Role::Trainer)
            .map(Trainer::from_staff)
            .collect())
    }

    /// All staff, trainers and accreditation officers, oldest first.
    pub fn staff(&self) -> Result<Vec<Staff>> {
        let mut stmt = self.conn.prepare(
            "SELECT id, display_name, role, created_at FROM trainers ORDER BY created_at, id",
        )?;
        let rows: Vec<StaffRow> = stmt
            .query_map([], |r| TryFrom::try_from(r))?
            .collect::<rusqlite::Result<_>>()?;
        rows.into_iter().map(build).collect()
    }

    /// Checks a trainer's passphrase for moderation: the same gate as
    /// [`Store::authorise`] with [`Capability::Moderate`], so a trainee
    /// profile, an accreditation officer, an unknown name or a wrong
    /// passphrase is refused with [`Error::Unauthorised`] (and audited).
    pub fn authenticate_trainer(&self, name_or_id: &str, passphrase: &str) -> Result<Trainer> {
        self.authorise(name_or_id, passphrase, Capability::Moderate)
            .map(Trainer::from_staff)
    }

    /// The one authorisation gate: checks the passphrase of the member of
    /// staff called `name_or_id` (display name in any case, or id), then
    /// whether their role holds `capability` ([`Role::may`]). A trainee
    /// profile, an unknown name, a wrong passphrase or a role without the
    /// capability is refused with [`Error::Unauthorised`] (code
    /// `unauthorised`), and the refusal is written to the audit log
    /// (action [`REFUSED_ACTION`]). The passphrase is checked before the
    /// role, so a refusal for the role tells nothing to someone who does
    /// not know the passphrase.
    pub fn authorise(
        &self,
        name_or_id: &str,
        passphrase: &str,
        capability: Capability,
    ) -> Result<Staff> {
        let key = name_or_id.trim();
        let row: Option<(String, String, String, String, String)> = if key.is_empty() {
            None
        } else {
            self.conn
                .query_row(
                    "SELECT id, display_name, role, created_at, passphrase_hash FROM trainers
                     WHERE id = ?1 OR display_name = ?1 COLLATE NOCASE",
                    [key],
                    |r| TryFrom::try_from(r),
                )
                .optional()?
        };
        let Some((id, display_name, role, at, phc)) = row else {
            if key.is_empty() {
                return self.refuse(
                    Claimant::Unknown,
                    capability,
                    "no name given",
                    format!(
                        "give your name and passphrase; only {} can {}",
                        capability.who(),
                        capability.action()
                    ),
                );
            }
            return match self.find_trainee(key) {
                Ok(t) => self.refuse(
                    Claimant::Trainee(Some(t.id)),
                    capability,
                    "a trainee profile",
                    format!(
                        "\"{key}\" is a trainee profile; only {} can {}",
                        capability.who(),
                        capability.action()
                    ),
                ),
                Err(Error::Input(_)) => self.refuse(
                    Claimant::Trainee(None),
                    capability,
                    "a trainee profile",
                    format!(
                        "\"{key}\" is a trainee profile; only {} can {}",
                        capability.who(),
                        capability.action()
                    ),
                ),
                Err(Error::NotFound(_)) => {
                    verify_decoy(passphrase);
                    self.refuse(
                        Claimant::Unknown,
                        capability,
                        "unknown name",
                        not_right(capability),
                    )
                }
                Err(other) => Err(other),
            };
        };
        let staff = build((id, display_name, role, at))?;
        let parsed = PasswordHash::new(&phc).map_err(|e| {
            Error::Database(format!(
                "the stored passphrase hash of {} {} is invalid: {e}",
                staff.role.label(),
                staff.id
            ))
        })?;
        let since = crate::clock::format_instant(self.clock().now() - LOCKOUT);
        let recent: i64 = self.conn.query_row(
            "SELECT count(*) FROM audit WHERE action = ?1 AND actor = ?2 AND reason = ?3 AND at >= ?4",
            rusqlite::params![REFUSED_ACTION, staff.actor(), WRONG_PASSPHRASE, since],
            |r| r.get(0),
        )?;
        if recent >= MAX_FAILED_SIGN_INS {
            return self.refuse(
                Claimant::Staff(&staff),
                capability,
                "locked out after failed sign-ins",
                format!(
                    "too many wrong passphrases for this name in the last {} minutes; try again later, or ask another trainer to check the audit log",
                    LOCKOUT.num_minutes()
                ),
            );
        }
        if Argon2::default()
            .verify_password(passphrase.as_bytes(), &parsed)
            .is_err()
        {
            return self.refuse(
                Claimant::Staff(&staff),
                capability,
                WRONG_PASSPHRASE,
                not_right(capability),
            );
        }
        if !staff.role.may(capability) {
            return self.refuse(
                Claimant::Staff(&staff),
                capability,
                &format!("role {} lacks it", staff.role.id()),
                format!(
                    "\"{}\" is {}; only {} can {}",
                    staff.display_name,
                    staff.role.with_article(),
                    capability.who(),
                    capability.action()
                ),
            );
        }
        Ok(staff)
    }

    /// Audits a refusal, then refuses with `message`.
    fn refuse<T>(
        &self,
        who: Claimant<'_>,
        capability: Capability,
        why: &str,
        message: String,
    ) -> Result<T> {
        let now = self.now_text();
        let tx = self.write()?;
        audit::record(
            &tx,
            &now,
            Entry {
                actor: &who.actor(),
                action: audit::AuditAction::AccessRefused,
                subject: &format!("capability {}", capability.id()),
                before: None,
                after: None,
                reason: Some(why),
            },
        )?;
        tx.commit()?;
        Err(Error::Unauthorised(message))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clock::{parse_instant, FixedClock};
    use std::sync::Arc;

    const PASS: &str = "correct horse battery";
    const OFFICER_PASS: &str = "audit the audit trail";

    fn store(dir: &tempfile::TempDir) -> Store {
        let clock = Arc::new(FixedClock::new(
            parse_instant("2025-02-10T10:00:00Z").unwrap(),
        ));
        Store::open_with_clock(&dir.path().join("rehearse.db"), clock).unwrap()
    }

    fn refusals(store: &Store) -> Vec<crate::records::AuditEntry> {
        store
            .audit_log()
            .unwrap()
            .into_iter()
            .filter(|e| e.action == REFUSED_ACTION)
            .collect()
    }

    #[test]
    fn an_officer_may_accredit_but_never_moderate_or_author() {
        let dir = tempfile::tempdir().unwrap();
        let store = store(&dir);
        let officer = store
            .add_staff("Olu Officer", OFFICER_PASS, Role::AccreditationOfficer)
            .unwrap();
        assert_eq!(officer.role, Role::AccreditationOfficer);
        let ok = store
            .authorise("olu officer", OFFICER_PASS, Capability::Accredit)
            .unwrap();
        assert_eq!(ok, officer);
        // By id too.
        let by_id = store
            .authorise(&officer.id.to_string(), OFFICER_PASS, Capability::Accredit)
            .unwrap();
        assert_eq!(by_id.id, officer.id);
        for cap in [Capability::Moderate, Capability::Author] {
            let e = store
                .authorise("Olu Officer", OFFICER_PASS, cap)
                .unwrap_err();
            assert_eq!(e.code(), "unauthorised", "{cap:?}");
            assert!(
                e.to_string()
                    .contains("is an accreditation officer; only a trainer can"),
                "{e}"
            );
        }
        let e = store
            .authenticate_trainer("Olu Officer", OFFICER_PASS)
            .unwrap_err();
        assert_eq!(e.code(), "unauthorised");
        assert!(e.to_string().contains("only a trainer can moderate"), "{e}");
        // An officer is staff but not a trainer.
        assert!(store.trainers().unwrap().is_empty());
        assert_eq!(store.staff().unwrap(), std::slice::from_ref(&officer));
        let audit = refusals(&store);
        assert_eq!(audit.len(), 3);
        assert!(audit.iter().all(|a| a.actor == officer.actor()));
        assert_eq!(
            audit.iter().map(|a| a.subject.as_str()).collect::<Vec<_>>(),
            [
                "capability moderate",
                "capability author",
                "capability moderate"
            ]
        );
        assert_eq!(
            audit[0].reason.as_deref(),
            Some("role accreditation_officer lacks it")
        );
    }

    #[test]
    fn an_unknown_name_and_a_wrong_passphrase_get_the_same_answer() {
        let dir = tempfile::tempdir().unwrap();
        let store = store(&dir);
        store.add_trainer("Dr Okafor", PASS).unwrap();
        let wrong = store
            .authorise("Dr Okafor", "not the passphrase", Capability::Moderate)
            .unwrap_err()
            .to_string();
        let unknown = store
            .authorise("Dr Nobody", "not the passphrase", Capability::Moderate)
            .unwrap_err()
            .to_string();
        assert_eq!(wrong, unknown);
        // The unknown name is checked against a decoy hash, so it is not
        // answered much faster than a known one.
        let time = |name: &str| {
            let t = std::time::Instant::now();
            let _ = store.authorise(name, "not the passphrase", Capability::Moderate);
            t.elapsed()
        };
        let (known, unknown) = (time("Dr Okafor"), time("Dr Nobody"));
        assert!(
            unknown * 3 > known,
            "unknown {unknown:?} vs known {known:?}"
        );
    }

    #[test]
    fn five_wrong_passphrases_lock_the_name_for_a_while_and_are_audited() {
        let dir = tempfile::tempdir().unwrap();
        let start = parse_instant("2025-02-10T10:00:00Z").unwrap();
        let clock = Arc::new(FixedClock::new(start));
        let store = Store::open_with_clock(&dir.path().join("rehearse.db"), clock.clone()).unwrap();
        store.add_trainer("Dr Okafor", PASS).unwrap();
        for _ in 0..MAX_FAILED_SIGN_INS {
            assert!(store
                .authorise("Dr Okafor", "guess", Capability::Moderate)
                .is_err());
        }
        // Locked: even the right passphrase is refused, and says why.
        let e = store
            .authorise("Dr Okafor", PASS, Capability::Moderate)
            .unwrap_err();
        assert_eq!(e.code(), "unauthorised");
        assert!(e.to_string().contains("too many wrong passphrases"), "{e}");
        let audit = refusals(&store);
        assert_eq!(audit.len() as i64, MAX_FAILED_SIGN_INS + 1);
        assert_eq!(
            audit.last().unwrap().reason.as_deref(),
            Some("locked out after failed sign-ins")
        );
        // After the window the right passphrase works again.
        clock.set(start + LOCKOUT + chrono::Duration::seconds(1));
        store
            .authorise("Dr Okafor", PASS, Capability::Moderate)
            .unwrap();
    }

    #[test]
    fn a_trainer_holds_every_capability_with_the_right_passphrase_only() {
        let dir = tempfile::tempdir().unwrap();
        let store = store(&dir);
        let t = store.add_trainer("Dr Okafor", PASS).unwrap();
        for cap in Capability::ALL {
            let s = store.authorise(" DR OKAFOR ", PASS, cap).unwrap();
            assert_eq!((s.id, s.role), (t.id, Role::Trainer));
            let e = store.authorise("Dr Okafor", "wrong one!", cap).unwrap_err();
            assert_eq!(e.code(), "unauthorised");
            assert!(
                e.to_string().contains("name or passphrase is not right"),
                "{e}"
            );
        }
        assert_eq!(store.authenticate_trainer("Dr Okafor", PASS).unwrap(), t);
        let audit = refusals(&store);
        assert_eq!(audit.len(), 3);
        assert!(audit
            .iter()
            .all(|a| a.reason.as_deref() == Some("wrong passphrase")
                && a.actor.starts_with("trainer Dr Okafor (")));
        assert!(store.verify().unwrap().is_ok());
    }

    #[test]
    fn a_trainee_or_an_unknown_name_is_refused_and_audited_without_the_name() {
        let dir = tempfile::tempdir().unwrap();
        let store = store(&dir);
        store.add_trainer("Dr Okafor", PASS).unwrap();
        let sam = store.add_trainee("Sam Carter", None, None).unwrap();
        for cap in Capability::ALL {
            let e = store.authorise("Sam Carter", PASS, cap).unwrap_err();
            assert_eq!(e.code(), "unauthorised");
            assert!(e.to_string().contains("is a trainee profile"), "{e}");
            let e = store.authorise("Nobody Here", PASS, cap).unwrap_err();
            assert_eq!(e.code(), "unauthorised");
            let e = store.authorise("   ", PASS, cap).unwrap_err();
            assert_eq!(e.code(), "unauthorised");
        }
        let e = store
            .authorise("Sam Carter", PASS, Capability::Accredit)
            .unwrap_err();
        assert!(
            e.to_string()
                .contains("only a trainer or an accreditation officer can"),
            "{e}"
        );
        // Two trainees of one name are still trainees.
        store.add_trainee("Sam Carter", None, None).unwrap();
        let e = store
            .authorise("Sam Carter", PASS, Capability::Author)
            .unwrap_err();
        assert_eq!(e.code(), "unauthorised");

        let audit = refusals(&store);
        assert_eq!(audit.len(), 11);
        for a in &audit {
            assert!(
                !a.actor.contains("Sam") && !a.actor.contains("Nobody"),
                "a typed name reached the audit log: {a:?}"
            );
        }
        assert_eq!(audit[0].actor, format!("trainee {}", sam.id));
        assert_eq!(audit[1].actor, "unknown name");
        assert_eq!(audit[2].reason.as_deref(), Some("no name given"));
        assert!(store.verify().unwrap().is_ok());
    }

    #[test]
    fn names_are_unique_across_roles_and_checked() {
        let dir = tempfile::tempdir().unwrap();
        let store = store(&dir);
        store.add_trainer("Dr Okafor", PASS).unwrap();
        let e = store
            .add_staff("dr okafor", OFFICER_PASS, Role::AccreditationOfficer)
            .unwrap_err();
        assert_eq!(e.code(), "input");
        assert!(e.to_string().contains("already a trainer"), "{e}");
        let e = store
            .add_staff("Olu", "short", Role::AccreditationOfficer)
            .unwrap_err();
        assert!(e.to_string().contains("passphrase"), "{e}");
        let e = store
            .add_staff(&Uuid::nil().to_string(), PASS, Role::AccreditationOfficer)
            .unwrap_err();
        assert_eq!(e.code(), "input");
        store
            .add_staff("Olu", OFFICER_PASS, Role::AccreditationOfficer)
            .unwrap();
        let e = store.add_trainer("OLU", PASS).unwrap_err();
        assert!(
            e.to_string().contains("already an accreditation officer"),
            "{e}"
        );
        let actions: Vec<String> = store
            .audit_log()
            .unwrap()
            .into_iter()
            .map(|a| a.action)
            .collect();
        assert_eq!(actions, ["trainer.add", "accreditation_officer.add"]);
    }

    #[test]
    fn the_first_trainer_is_added_only_while_there_is_no_staff() {
        let dir = tempfile::tempdir().unwrap();
        let first = store(&dir);
        let t = first.add_first_trainer("Dr Okafor", PASS).unwrap();
        assert_eq!(first.trainers().unwrap(), [t]);
        let e = first.add_first_trainer("Eve", PASS).unwrap_err();
        assert_eq!(e.code(), "not_allowed");
        assert!(e.to_string().contains("rehearse trainer add"), "{e}");

        // An officer alone is staff too: nobody can make themselves the
        // first trainer next to them.
        let dir = tempfile::tempdir().unwrap();
        let officers_only = store(&dir);
        officers_only
            .add_staff("Olu", OFFICER_PASS, Role::AccreditationOfficer)
            .unwrap();
        assert!(officers_only.trainers().unwrap().is_empty());
        let e = officers_only.add_first_trainer("Eve", PASS).unwrap_err();
        assert_eq!(e.code(), "not_allowed");
        assert!(officers_only.trainers().unwrap().is_empty());
    }

    #[test]
    fn trainers_from_before_roles_stay_trainers_after_migrating() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("rehearse.db");
        let phc = hash(PASS).unwrap();
        {
            let mut conn = rusqlite::Connection::open(&path).unwrap();
            super::super::migrations::apply(&mut conn, 0, 2, "2025-01-01T00:00:00Z").unwrap();
            conn.execute(
                "INSERT INTO trainers (id, display_name, passphrase_hash, created_at)
                 VALUES (?1, 'Dr Okafor', ?2, '2024-01-01T00:00:00Z')",
                [Uuid::new_v4().to_string(), phc],
            )
            .unwrap();
        }
        let store = Store::open(&path).unwrap();
        assert!(store.backup_path().is_some());
        let s = store
            .authorise("Dr Okafor", PASS, Capability::Author)
            .unwrap();
        assert_eq!(s.role, Role::Trainer);
        assert_eq!(store.trainers().unwrap().len(), 1);
        // The schema refuses a role it does not know.
        let e = store
            .conn
            .execute("UPDATE trainers SET role = 'admin'", [])
            .unwrap_err();
        assert!(e.to_string().contains("CHECK"), "{e}");
    }
}
