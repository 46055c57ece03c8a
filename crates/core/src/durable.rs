//! Files that hold training records, keys and exports: written whole or not
//! at all, flushed to disk before they count, and readable by their owner
//! only.
//!
//! An export or signature is written to `NAME.partial`, synced, renamed into
//! place and the folder synced, so a crash leaves either the old file or the
//! new one, never half of one. On Unix every such file is 0600 and the data
//! folder 0700; elsewhere the platform's defaults apply.

use crate::error::{Error, Result};
use std::io::Write;
use std::path::{Path, PathBuf};

/// The temporary name a file is written under before it is renamed.
pub fn partial_path(path: &Path) -> PathBuf {
    let mut t = path.as_os_str().to_owned();
    t.push(".partial");
    PathBuf::from(t)
}

/// Creates (or truncates) `path` for writing, readable by its owner only.
pub fn create_private(path: &Path) -> Result<std::fs::File> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    let file = options.open(path).map_err(|e| Error::io(path, e))?;
    restrict(path, false)?;
    Ok(file)
}

/// Syncs a finished `partial` file, renames it to `path` and syncs the
/// folder, so the new file survives a crash from this point on.
pub fn commit(file: std::fs::File, partial: &Path, path: &Path) -> Result<()> {
    file.sync_all().map_err(|e| Error::io(partial, e))?;
    drop(file);
    std::fs::rename(partial, path).map_err(|e| Error::io(path, e))?;
    sync_folder(path)
}

/// Writes `bytes` to `path` atomically and durably, owner-only.
pub fn write(path: &Path, bytes: &[u8]) -> Result<()> {
    let partial = partial_path(path);
    let mut file = create_private(&partial)?;
    if let Err(e) = file.write_all(bytes) {
        drop(file);
        let _ = std::fs::remove_file(&partial);
        return Err(Error::io(&partial, e));
    }
    commit(file, &partial, path)
}

/// Syncs the folder holding `path`, so a rename in it is on disk.
fn sync_folder(path: &Path) -> Result<()> {
    #[cfg(unix)]
    {
        let dir = path
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        let d = std::fs::File::open(dir).map_err(|e| Error::io(dir, e))?;
        d.sync_all().map_err(|e| Error::io(dir, e))?;
    }
    #[cfg(not(unix))]
    let _ = path;
    Ok(())
}

/// Makes `path` owner-only: 0700 for a folder, 0600 for a file (Unix).
pub fn restrict(path: &Path, folder: bool) -> Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = if folder { 0o700 } else { 0o600 };
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode))
            .map_err(|e| Error::io(path, e))?;
    }
    #[cfg(not(unix))]
    let _ = (path, folder);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(unix)]
    #[test]
    fn files_are_whole_owner_only_and_leave_no_partial() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("export.json");
        write(&p, b"{\"a\": 1}\n").unwrap();
        assert_eq!(std::fs::read(&p).unwrap(), b"{\"a\": 1}\n");
        let mode = std::fs::metadata(&p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600);
        assert!(!partial_path(&p).exists());
        // Overwriting keeps owner-only permissions.
        write(&p, b"2").unwrap();
        assert_eq!(std::fs::read(&p).unwrap(), b"2");
        // A folder that cannot take the file leaves the old one as it was.
        assert!(write(&dir.path().join("missing/x.json"), b"3").is_err());
        assert_eq!(std::fs::read(&p).unwrap(), b"2");
    }
}
