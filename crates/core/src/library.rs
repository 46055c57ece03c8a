//! The scenario library: the bundled scenarios plus folders a user adds,
//! and its [`index`] of what each scenario folder holds, by content hash.

pub mod index;

use crate::error::{Error, Result};
use crate::scenario::source::SCRIPT_FILE;
use std::path::{Path, PathBuf};

/// Environment variable that points at the bundled scenario folder.
pub const BUNDLED_ENV: &str = "REHEARSE_SCENARIOS";

/// Where the bundled scenarios are: `$REHEARSE_SCENARIOS`, then
/// `share/rehearse/scenarios` beside the installed binary, then
/// `scenarios/` next to the binary, then the source tree it was built from.
pub fn bundled_dir() -> Option<PathBuf> {
    if let Some(dir) = std::env::var_os(BUNDLED_ENV) {
        return Some(PathBuf::from(dir));
    }
    let mut candidates = Vec::new();
    if let Some(exe_dir) = std::env::current_exe()
        .ok()
        .and_then(|p| p.parent().map(Path::to_path_buf))
    {
        candidates.push(exe_dir.join("../share/rehearse/scenarios"));
        candidates.push(exe_dir.join("scenarios"));
    }
    candidates.push(PathBuf::from(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../scenarios"
    )));
    candidates
        .into_iter()
        .find(|c| c.is_dir())
        .map(|c| c.canonicalize().unwrap_or(c))
}

/// The user's own scenario folder: `$XDG_DATA_HOME/rehearse/scenarios` or
/// `~/.local/share/rehearse/scenarios` (the platform data directory).
pub fn user_dir() -> Option<PathBuf> {
    data_dir().map(|d| d.join("scenarios"))
}

pub use crate::installation::data_dir;

/// Whether `dir` is a scenario folder.
pub fn is_scenario_dir(dir: &Path) -> bool {
    dir.join(SCRIPT_FILE).is_file()
}

/// Expands paths into scenario folders: a scenario folder stands for
/// itself, a `scenario.rhai` for its folder, and any other folder for the
/// scenario folders directly inside it (sorted).
pub fn expand(paths: &[PathBuf]) -> Result<Vec<PathBuf>> {
    let mut out = Vec::new();
    for p in paths {
        if p.is_file() && p.file_name().is_some_and(|n| n == SCRIPT_FILE) {
            out.push(p.parent().unwrap_or(Path::new(".")).to_path_buf());
        } else if is_scenario_dir(p) {
            out.push(p.clone());
        } else if p.is_dir() {
            let mut found: Vec<PathBuf> = std::fs::read_dir(p)
                .map_err(|e| Error::io(p, e))?
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|d| is_scenario_dir(d))
                .collect();
            found.sort();
            if found.is_empty() {
                return Err(Error::io(
                    p,
                    std::io::Error::new(
                        std::io::ErrorKind::NotFound,
                        "no scenario folder (one holding scenario.rhai) here",
                    ),
                ));
            }
            out.extend(found);
        } else {
            return Err(Error::io(
                p,
                std::io::Error::new(std::io::ErrorKind::NotFound, "no such file or folder"),
            ));
        }
    }
    Ok(out)
}

/// Finds a scenario by folder path or by id among the bundled and user folders.
pub fn find(name: &str) -> Result<PathBuf> {
    let p = PathBuf::from(name);
    if is_scenario_dir(&p) || (p.is_file() && p.file_name().is_some_and(|n| n == SCRIPT_FILE)) {
        return Ok(p);
    }
    for root in bundled_dir().into_iter().chain(user_dir()) {
        let candidate = root.join(name);
        if is_scenario_dir(&candidate) {
            return Ok(candidate);
        }
    }
    Err(Error::ScenarioNotFound(name.to_string()))
}

/// Every scenario folder in the bundled and user locations, with where it came from.
pub fn all() -> Vec<(&'static str, PathBuf)> {
    let mut out = Vec::new();
    for (origin, root) in [("bundled", bundled_dir()), ("user", user_dir())] {
        if let Some(root) = root.filter(|r| r.is_dir()) {
            if let Ok(dirs) = expand(&[root]) {
                out.extend(dirs.into_iter().map(|d| (origin, d)));
            }
        }
    }
    out
}
