//! Where this installation keeps its files: the records database, the
//! issuer key, the xAPI outbox, the library index and settings all live in
//! one platform data folder. A leaf module, so the records, credentials and
//! exports can find it without depending on the scenario library.

use std::path::PathBuf;

/// The platform data directory for Rehearse: `rehearse` in the user's
/// data directory as the `directories` crate finds it
/// (`$XDG_DATA_HOME` or `~/.local/share` on Linux; `Rehearse` in
/// `~/Library/Application Support` on macOS and in the roaming AppData
/// folder on Windows). A set `XDG_DATA_HOME` is honoured on every platform,
/// so a test or a portable install can keep everything in one folder.
pub fn data_dir() -> Option<PathBuf> {
    if let Some(x) = std::env::var_os("XDG_DATA_HOME").filter(|x| !x.is_empty()) {
        return Some(PathBuf::from(x).join("rehearse"));
    }
    let folder = if cfg!(any(target_os = "macos", windows)) {
        "Rehearse"
    } else {
        "rehearse"
    };
    directories::BaseDirs::new().map(|b| b.data_dir().join(folder))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_data_folder_is_named_rehearse_in_the_platform_data_directory() {
        let dir = data_dir().expect("a data directory");
        let name = dir.file_name().unwrap().to_string_lossy().to_lowercase();
        assert_eq!(name, "rehearse");
        assert!(dir.is_absolute(), "{}", dir.display());
    }
}
