//! Where this installation keeps its files: the records database, the
//! issuer key, the xAPI outbox, the library index and settings all live in
//! one platform data folder. A leaf module, so the records, credentials and
//! exports can find it without depending on the scenario library.

use std::path::PathBuf;

/// The platform data directory for Rehearse.
pub fn data_dir() -> Option<PathBuf> {
    if let Some(x) = std::env::var_os("XDG_DATA_HOME").filter(|x| !x.is_empty()) {
        return Some(PathBuf::from(x).join("rehearse"));
    }
    if cfg!(target_os = "macos") {
        return std::env::var_os("HOME")
            .map(|h| PathBuf::from(h).join("Library/Application Support/Rehearse"));
    }
    if cfg!(windows) {
        return std::env::var_os("APPDATA").map(|a| PathBuf::from(a).join("Rehearse"));
    }
    std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".local/share/rehearse"))
}
