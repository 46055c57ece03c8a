//! The installation's approval of the bundled library: every version of a
//! bundled scenario the catalogue has never listed counts towards
//! certification from now on (a withdrawn one stays withdrawn), read from
//! the library index so an unchanged folder is neither read nor compiled.
//! Both front ends call [`approve`] when they open the records; it sits
//! above the library and the records so that neither depends on the other.

use crate::error::Result;
use crate::library::index::LibraryIndex;
use crate::records::{BundledApproval, Store};
use std::path::Path;

/// Approves the bundled scenario folders in `dir` (the bundled library,
/// [`crate::library::bundled_dir`]) that the catalogue does not list yet,
/// taking each folder's version from `index`. A folder that cannot be read
/// or loaded, or a missing `dir`, is reported in `skipped` and left
/// unapproved; the catalogue is written only when a version is new.
pub fn approve(store: &Store, index: &mut LibraryIndex, dir: &Path) -> Result<BundledApproval> {
    let mut out = BundledApproval::default();
    let folders = match crate::library::expand(&[dir.to_path_buf()]) {
        Ok(f) => f,
        Err(e) => {
            out.skipped.push((dir.to_path_buf(), e.to_string()));
            return Ok(out);
        }
    };
    let (versions, skipped) = index.versions(&folders);
    out.skipped = skipped;
    let mut unlisted = Vec::new();
    for v in versions {
        if store.catalogue_entry(&v.id, &v.content_hash)?.is_none() {
            unlisted.push(v);
        }
    }
    if !unlisted.is_empty() {
        out.approved = store.approve_bundled(&unlisted)?;
    }
    Ok(out)
}

/// [`approve`] for this installation's bundled library, when it has one
/// ([`crate::library::bundled_dir`]); nothing to do without it.
pub fn approve_installed(store: &Store, index: &mut LibraryIndex) -> Result<BundledApproval> {
    match crate::library::bundled_dir().filter(|d| d.is_dir()) {
        Some(dir) => approve(store, index, &dir),
        None => Ok(BundledApproval::default()),
    }
}
