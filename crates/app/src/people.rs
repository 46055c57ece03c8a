//! The people a front end names: trainee profiles and signed-in staff. The
//! core keeps them and checks every name and passphrase
//! (`Store::add_trainee`, `Store::authorise`); these are their views.

use crate::error::Result;
use rehearse_core::records::{Capability, Role, Staff, Store, Trainee};
use serde::Serialize;

/// A trainee profile as the start screen lists it.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Profile {
    /// Trainee id.
    pub id: String,
    /// Display name.
    pub name: String,
}

impl From<Trainee> for Profile {
    fn from(t: Trainee) -> Self {
        Profile {
            id: t.id.to_string(),
            name: t.display_name,
        }
    }
}

/// Every trainee profile, in the order the records keep them.
pub fn profiles(store: &Store) -> Result<Vec<Profile>> {
    Ok(store.trainees()?.into_iter().map(Profile::from).collect())
}

/// Creates a trainee profile by the core's rules for a name (not blank,
/// not reserved, not a UUID: the same as `rehearse trainee add`).
pub fn create_profile(store: &Store, name: &str) -> Result<Profile> {
    Ok(store.add_trainee(name, None, None)?.into())
}

/// A member of staff who signed in.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct StaffView {
    /// The member of staff's id.
    pub id: String,
    /// Display name.
    pub name: String,
    /// `trainer` or `accreditation_officer`.
    pub role: Role,
    /// The role in words.
    pub role_label: &'static str,
}

impl From<Staff> for StaffView {
    fn from(s: Staff) -> Self {
        StaffView {
            id: s.id.to_string(),
            name: s.display_name,
            role: s.role,
            role_label: s.role.label(),
        }
    }
}

/// Checks a name and passphrase for `capability`; a trainee profile, a
/// wrong passphrase or a role without the capability is refused with
/// `unauthorised`. Nothing is kept: every later call is checked again.
pub fn sign_in(
    store: &Store,
    name: &str,
    passphrase: &str,
    capability: Capability,
) -> Result<StaffView> {
    Ok(store.authorise(name, passphrase, capability)?.into())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::records_on;

    #[test]
    fn profiles_follow_the_cores_name_rules_and_trainees_cannot_sign_in() {
        let tmp = tempfile::tempdir().unwrap();
        let opened = records_on(tmp.path(), "2025-03-01");
        let store = &opened.store;
        assert_eq!(create_profile(store, "  ").unwrap_err().code(), "input");
        let ana = create_profile(store, "Ana").unwrap();
        assert_eq!(profiles(store).unwrap().len(), 1);
        store
            .add_first_trainer("Tess", "a long passphrase")
            .unwrap();
        let tess = sign_in(store, "Tess", "a long passphrase", Capability::Author).unwrap();
        assert_eq!((tess.name.as_str(), tess.role), ("Tess", Role::Trainer));
        let refused = sign_in(store, &ana.name, "anything", Capability::Author).unwrap_err();
        assert_eq!(refused.code(), "unauthorised");
    }
}
