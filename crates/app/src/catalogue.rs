//! The catalogue of scenario versions approved for certification, as a
//! trainer names a version: a scenario folder, a scenario id (with the
//! content hash when the id alone is ambiguous), or an id and hash. The
//! core approves, withdraws and audits (`Store::approve_version`,
//! `Store::withdraw_version`); this module finds which version is meant,
//! or says why it cannot.

use crate::error::{Error, Result};
use rehearse_core::records::{AffectedTrainee, ScenarioVersion, Store, VersionStatus};
use rehearse_core::{library, scenario};
use std::path::Path;

/// A content hash as typed: 64 hexadecimal digits, any case, surrounding
/// space ignored; returned in lower case.
pub fn content_hash(typed: &str) -> Result<String> {
    let h = typed.trim().to_ascii_lowercase();
    if h.len() == 64 && h.chars().all(|c| c.is_ascii_hexdigit()) {
        Ok(h)
    } else {
        Err(Error::Invalid(format!(
            "\"{typed}\" is not a content hash (64 hexadecimal digits, as `rehearse catalogue list --json` shows)"
        )))
    }
}

/// The version of a scenario folder on disk, when `name` is a folder or the
/// id of a bundled or user scenario.
fn on_disk(name: &str) -> Result<Option<ScenarioVersion>> {
    match library::find(name) {
        Ok(dir) => Ok(Some(ScenarioVersion::of(&scenario::load_playable(&dir)?))),
        Err(rehearse_core::Error::ScenarioNotFound(_)) => Ok(None),
        Err(e) => Err(e.into()),
    }
}

/// The one version among `candidates`, or why there is not one.
fn one_of(name: &str, what: &str, mut candidates: Vec<ScenarioVersion>) -> Result<ScenarioVersion> {
    match candidates.len() {
        0 => Err(Error::Invalid(format!(
            "\"{name}\" is neither a scenario folder nor the id of a scenario with {what}; `rehearse catalogue list` shows the versions"
        ))),
        1 => Ok(candidates.remove(0)),
        _ => Err(Error::Invalid(format!(
            "scenario \"{name}\" has {} {what}; say which with --hash: {}",
            candidates.len(),
            candidates
                .iter()
                .map(|v| format!("{} (version {})", v.content_hash, v.version))
                .collect::<Vec<_>>()
                .join(", ")
        ))),
    }
}

/// The version to approve: the recorded version of id `name` with `hash`
/// when a hash is given; else the folder or scenario `name` as it is on
/// disk; else the one version of that id that was played but never
/// approved.
pub fn to_approve(store: &Store, name: &str, hash: Option<&str>) -> Result<ScenarioVersion> {
    if let Some(h) = hash {
        return Ok(store.recorded_version(name.trim(), &content_hash(h)?)?);
    }
    if let Some(v) = on_disk(name)? {
        return Ok(v);
    }
    let waiting = store
        .unlisted_versions()?
        .into_iter()
        .map(|u| u.version)
        .filter(|v| v.id == name.trim())
        .collect();
    one_of(name, "versions awaiting approval", waiting)
}

/// The version to withdraw, as `(scenario id, content hash)`: the id and
/// `hash` when a hash is given; else the folder or scenario `name` as it is
/// on disk; else (not on disk, or its folder no longer loads) the one
/// approved version of that id in the catalogue.
pub fn to_withdraw(store: &Store, name: &str, hash: Option<&str>) -> Result<(String, String)> {
    if let Some(h) = hash {
        return Ok((name.trim().to_string(), content_hash(h)?));
    }
    let found = on_disk(name);
    if let Ok(Some(v)) = found {
        return Ok((v.id, v.content_hash));
    }
    let approved: Vec<ScenarioVersion> = store
        .catalogue()?
        .into_iter()
        .filter(|e| e.scenario_id == name.trim() && e.status == VersionStatus::Approved)
        .map(|e| ScenarioVersion {
            id: e.scenario_id,
            content_hash: e.content_hash,
            version: e.version,
            title: e.title,
        })
        .collect();
    if approved.is_empty() {
        // A folder that does not load says so, rather than "not found".
        found?;
    }
    let v = one_of(name, "approved versions", approved)?;
    Ok((v.id, v.content_hash))
}

/// Trainees with passes at withdrawn versions: of the scenario `name` (a
/// folder or an id in the catalogue) and its version `hash` when given.
pub fn affected(
    store: &Store,
    name: Option<&str>,
    hash: Option<&str>,
) -> Result<Vec<AffectedTrainee>> {
    let hash = hash.map(content_hash).transpose()?;
    if hash.is_some() && name.is_none() {
        return Err(Error::Invalid(
            "--hash needs the scenario id too: rehearse catalogue affected SCENARIO --hash HASH"
                .into(),
        ));
    }
    let id = match name {
        None => None,
        Some(n) if Path::new(n).is_dir() => on_disk(n)?.map(|v| v.id),
        Some(n) => Some(n.trim().to_string()),
    };
    if let Some(i) = &id {
        if !store.catalogue()?.iter().any(|e| &e.scenario_id == i) {
            return Err(Error::Invalid(format!(
                "\"{i}\" is not a scenario in the catalogue; `rehearse catalogue list` shows them"
            )));
        }
    }
    Ok(store
        .affected_trainees(None)?
        .into_iter()
        .filter(|a| id.as_deref().is_none_or(|i| a.scenario_id == i))
        .filter(|a| hash.as_deref().is_none_or(|h| a.content_hash == *h))
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::records_on;

    #[test]
    fn versions_are_named_by_folder_id_or_hash_and_a_bad_name_is_explained() {
        let tmp = tempfile::tempdir().unwrap();
        let opened = records_on(tmp.path(), "2025-03-01");
        let store = &opened.store;
        assert_eq!(content_hash(&"A".repeat(64)).unwrap(), "a".repeat(64));
        assert_eq!(content_hash("abc").unwrap_err().code(), "invalid");
        // The bundled near-miss, approved on opening, is named by its id.
        let v = to_approve(store, "near-miss", None).unwrap();
        assert_eq!(v.id, "near-miss");
        assert_eq!(
            to_withdraw(store, "near-miss", None).unwrap(),
            (v.id.clone(), v.content_hash.clone())
        );
        let nothing = to_approve(store, "no-such-scenario", None).unwrap_err();
        assert!(
            nothing.to_string().contains("neither a scenario folder"),
            "{nothing}"
        );
        assert!(affected(store, None, Some(&"a".repeat(64))).is_err());
        assert!(affected(store, Some("no-such-scenario"), None).is_err());
        assert!(affected(store, Some("near-miss"), None).unwrap().is_empty());
    }
}
