//! A scenario's files on disk: the script, its Markdown, and their hash.

use crate::error::{Error, Result};
use crate::scenario::finding::Location;
use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};

/// The script file every scenario folder holds.
pub const SCRIPT_FILE: &str = "scenario.rhai";
/// The scenario tests kept beside the script.
pub const TESTS_FILE: &str = "tests.toml";
/// The largest script Rehearse will compile.
pub const MAX_SCRIPT_BYTES: u64 = 512 * 1024;

/// The loaded text of a scenario folder.
#[derive(Debug, Clone)]
pub struct ScenarioSource {
    /// The folder.
    pub dir: PathBuf,
    /// Path of `scenario.rhai`.
    pub script_path: PathBuf,
    /// The script text.
    pub script: String,
    /// SHA-256 over every file of the folder, hex encoded.
    pub content_hash: String,
}

impl ScenarioSource {
    /// Reads a scenario folder (or a path to its `scenario.rhai`).
    pub fn read(path: &Path) -> Result<Self> {
        let dir = if path.is_file() {
            path.parent().unwrap_or(Path::new(".")).to_path_buf()
        } else {
            path.to_path_buf()
        };
        let script_path = dir.join(SCRIPT_FILE);
        let meta = std::fs::metadata(&script_path).map_err(|e| Error::io(&script_path, e))?;
        if meta.len() > MAX_SCRIPT_BYTES {
            return Err(Error::io(
                &script_path,
                std::io::Error::other(format!(
                    "the script is {} bytes; scenarios are limited to {MAX_SCRIPT_BYTES} bytes",
                    meta.len()
                )),
            ));
        }
        let bytes = std::fs::read(&script_path).map_err(|e| Error::io(&script_path, e))?;
        let script = String::from_utf8(bytes).map_err(|e| {
            Error::io(
                &script_path,
                std::io::Error::new(
                    std::io::ErrorKind::InvalidData,
                    format!(
                        "the script is not valid UTF-8 (byte {})",
                        e.utf8_error().valid_up_to()
                    ),
                ),
            )
        })?;
        let content_hash = hash_folder(&dir)?;
        Ok(ScenarioSource {
            dir,
            script_path,
            script,
            content_hash,
        })
    }

    /// A source held in memory (tests, the workbench's unsaved buffer).
    pub fn in_memory(dir: impl Into<PathBuf>, script: impl Into<String>) -> Self {
        let dir = dir.into();
        let script = script.into();
        let mut hasher = Sha256::new();
        hash_entry(&mut hasher, SCRIPT_FILE, script.as_bytes());
        ScenarioSource {
            script_path: dir.join(SCRIPT_FILE),
            dir,
            content_hash: hex(&hasher.finalize()),
            script,
        }
    }

    /// The location of a Rhai position in the script.
    pub fn location(&self, pos: rhai::Position) -> Location {
        Location {
            file: self.script_path.clone(),
            line: pos.line().unwrap_or(1),
            column: pos.position().unwrap_or(1),
        }
    }

    /// The location of the first `"literal"` at or after `from`, or `from` itself.
    ///
    /// Used to point a finding at the exact target string inside a beat.
    pub fn locate_literal(&self, from: rhai::Position, literal: &str) -> Location {
        let start = self.offset_of(from);
        let needle = format!("\"{literal}\"");
        match self.script[start..].find(&needle) {
            Some(i) => self.location_of_offset(start + i),
            None => self.location(from),
        }
    }

    fn offset_of(&self, pos: rhai::Position) -> usize {
        let (Some(line), col) = (pos.line(), pos.position().unwrap_or(1)) else {
            return 0;
        };
        let mut offset = 0;
        for (i, l) in self.script.split_inclusive('\n').enumerate() {
            if i + 1 == line {
                let col_bytes: usize = l
                    .chars()
                    .take(col.saturating_sub(1))
                    .map(char::len_utf8)
                    .sum();
                return offset + col_bytes;
            }
            offset += l.len();
        }
        self.script.len()
    }

    fn location_of_offset(&self, offset: usize) -> Location {
        let before = &self.script[..offset];
        let line = before.matches('\n').count() + 1;
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        Location {
            file: self.script_path.clone(),
            line,
            column: self.script[line_start..offset].chars().count() + 1,
        }
    }

    /// Reads a Markdown file named by the scenario, relative to its folder.
    ///
    /// Only plain file names inside the folder are allowed.
    pub fn read_markdown(&self, name: &str) -> Option<String> {
        if name.contains("..") || name.contains('/') || name.contains('\\') {
            return None;
        }
        std::fs::read_to_string(self.dir.join(name)).ok()
    }
}

fn hash_entry(hasher: &mut Sha256, name: &str, bytes: &[u8]) {
    hasher.update((name.len() as u64).to_le_bytes());
    hasher.update(name.as_bytes());
    hasher.update((bytes.len() as u64).to_le_bytes());
    hasher.update(bytes);
}

/// SHA-256 over every regular, non-hidden file in the folder (recursively),
/// in path order, each entry framed by its relative path and length.
pub fn hash_folder(dir: &Path) -> Result<String> {
    let mut files = Vec::new();
    collect_files(dir, dir, &mut files)?;
    files.sort();
    let mut hasher = Sha256::new();
    for rel in files {
        let path = dir.join(&rel);
        let bytes = std::fs::read(&path).map_err(|e| Error::io(&path, e))?;
        hash_entry(&mut hasher, &rel, &bytes);
    }
    Ok(hex(&hasher.finalize()))
}

fn collect_files(root: &Path, dir: &Path, out: &mut Vec<String>) -> Result<()> {
    let entries = std::fs::read_dir(dir).map_err(|e| Error::io(dir, e))?;
    for entry in entries {
        let entry = entry.map_err(|e| Error::io(dir, e))?;
        let name = entry.file_name();
        if name.to_string_lossy().starts_with('.') {
            continue;
        }
        let path = entry.path();
        let kind = entry.file_type().map_err(|e| Error::io(&path, e))?;
        if kind.is_dir() {
            collect_files(root, &path, out)?;
        } else if kind.is_file() {
            let rel = path.strip_prefix(root).unwrap_or(&path);
            out.push(rel.to_string_lossy().replace('\\', "/"));
        }
    }
    Ok(())
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locate_literal_points_at_the_string() {
        let src = ScenarioSource::in_memory(
            "x",
            "beat(\"a\", #{\n  choices: [#{ text: \"hi\", next: \"nowhere\" }]\n});\n",
        );
        let loc = src.locate_literal(rhai::Position::new(1, 1), "nowhere");
        assert_eq!((loc.line, loc.column), (2, 34));
    }

    #[test]
    fn hash_changes_with_any_file() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join(SCRIPT_FILE), "x").unwrap();
        let a = hash_folder(dir.path()).unwrap();
        std::fs::write(dir.path().join("debrief.md"), "y").unwrap();
        let b = hash_folder(dir.path()).unwrap();
        assert_ne!(a, b);
        assert_eq!(a.len(), 64);
    }
}
