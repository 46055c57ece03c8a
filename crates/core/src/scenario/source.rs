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
/// The largest Markdown file (a debrief) a scenario may name.
pub const MAX_MARKDOWN_BYTES: u64 = 256 * 1024;
/// The largest file of any kind in a scenario folder (each is hashed whole).
pub const MAX_FILE_BYTES: u64 = 4 * 1024 * 1024;
/// The most files a scenario folder may hold.
pub const MAX_FILES: usize = 1000;
/// How deep folders inside a scenario folder may nest.
const MAX_DEPTH: usize = 8;

fn refused(path: &Path, message: String) -> Error {
    Error::io(path, std::io::Error::other(message))
}

/// Reads `dir/rel` as a scenario file: it must be a regular file inside the
/// scenario folder (a link may point only inside it, never out of it; FIFOs
/// and devices are refused before they are opened) and at most `cap` bytes.
pub fn read_file_in(dir: &Path, rel: &str, cap: u64) -> Result<Vec<u8>> {
    use std::io::Read;
    let path = dir.join(rel);
    let real = std::fs::canonicalize(&path).map_err(|e| Error::io(&path, e))?;
    let root = std::fs::canonicalize(dir).map_err(|e| Error::io(dir, e))?;
    if !real.starts_with(&root) {
        return Err(refused(
            &path,
            format!(
                "links to {}, outside the scenario folder; scenario files must live in their folder",
                real.display()
            ),
        ));
    }
    let meta = std::fs::metadata(&real).map_err(|e| Error::io(&path, e))?;
    if !meta.is_file() {
        return Err(refused(
            &path,
            "is not a regular file (a folder, FIFO or device); scenario files must be plain files"
                .into(),
        ));
    }
    let file = std::fs::File::open(&real).map_err(|e| Error::io(&path, e))?;
    let mut bytes = Vec::new();
    file.take(cap + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| Error::io(&path, e))?;
    if bytes.len() as u64 > cap {
        return Err(refused(
            &path,
            format!("is larger than {cap} bytes, the most Rehearse reads for this kind of file"),
        ));
    }
    Ok(bytes)
}

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
        let bytes = read_file_in(&dir, SCRIPT_FILE, MAX_SCRIPT_BYTES)?;
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
            content_hash: hex::encode(hasher.finalize()),
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

    /// The location of a byte offset in the script.
    pub fn location_of_offset(&self, offset: usize) -> Location {
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
    /// Only plain file names inside the folder are allowed, of at most
    /// [`MAX_MARKDOWN_BYTES`]; the error says why a file cannot be used.
    pub fn read_markdown(&self, name: &str) -> std::result::Result<String, String> {
        if name.contains("..") || name.contains('/') || name.contains('\\') {
            return Err(format!(
                "`{name}` must be a plain file name beside scenario.rhai"
            ));
        }
        let bytes = read_file_in(&self.dir, name, MAX_MARKDOWN_BYTES).map_err(|e| match e {
            Error::Io { source, .. } if source.kind() == std::io::ErrorKind::NotFound => {
                format!("`{name}` was not found beside scenario.rhai")
            }
            Error::Io { source, .. } => format!("`{name}` {source}"),
            other => other.to_string(),
        })?;
        String::from_utf8(bytes).map_err(|e| {
            format!(
                "`{name}` is not valid UTF-8 (byte {})",
                e.utf8_error().valid_up_to()
            )
        })
    }
}

fn hash_entry(hasher: &mut Sha256, name: &str, bytes: &[u8]) {
    hasher.update((name.len() as u64).to_le_bytes());
    hasher.update(name.as_bytes());
    hasher.update((bytes.len() as u64).to_le_bytes());
    hasher.update(bytes);
}

/// SHA-256 over every non-hidden file in the folder (recursively), in path
/// order, each entry framed by its relative path and length. Links count by
/// what they point to, so the hash covers every byte the engine can read; a
/// link out of the folder, a FIFO or device, a file over [`MAX_FILE_BYTES`]
/// or more than [`MAX_FILES`] files make the folder unreadable, with an error
/// that names the file.
pub fn hash_folder(dir: &Path) -> Result<String> {
    let mut hasher = Sha256::new();
    for rel in folder_files(dir)? {
        let bytes = read_file_in(dir, &rel, MAX_FILE_BYTES)?;
        hash_entry(&mut hasher, &rel, &bytes);
    }
    Ok(hex::encode(hasher.finalize()))
}

/// The files [`hash_folder`] reads, as sorted paths relative to `dir` with
/// `/` separators (hidden names skipped, links to folders not followed).
pub fn folder_files(dir: &Path) -> Result<Vec<String>> {
    let mut files = Vec::new();
    collect_files(dir, dir, 0, &mut files)?;
    files.sort();
    Ok(files)
}

fn collect_files(root: &Path, dir: &Path, depth: usize, out: &mut Vec<String>) -> Result<()> {
    if depth > MAX_DEPTH {
        return Err(refused(
            dir,
            format!("folders nest more than {MAX_DEPTH} deep inside the scenario folder"),
        ));
    }
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
            collect_files(root, &path, depth + 1, out)?;
        } else {
            // Regular files, and links and special files, which
            // `read_file_in` judges when the folder is hashed; links to
            // folders are not followed.
            if kind.is_symlink() && path.is_dir() {
                continue;
            }
            if out.len() >= MAX_FILES {
                return Err(refused(
                    root,
                    format!("the scenario folder holds more than {MAX_FILES} files"),
                ));
            }
            let rel = path.strip_prefix(root).unwrap_or(&path);
            out.push(rel.to_string_lossy().replace('\\', "/"));
        }
    }
    Ok(())
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

    #[cfg(unix)]
    #[test]
    fn links_out_of_the_folder_fifos_and_huge_files_are_refused_with_the_reason() {
        let outside = tempfile::tempdir().unwrap();
        std::fs::write(outside.path().join("secret.txt"), "host secret").unwrap();
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join(SCRIPT_FILE), "x").unwrap();
        std::os::unix::fs::symlink(
            outside.path().join("secret.txt"),
            dir.path().join("debrief.md"),
        )
        .unwrap();
        let e = ScenarioSource::read(dir.path()).unwrap_err().to_string();
        assert!(e.contains("outside the scenario folder"), "{e}");
        // A link inside the folder is fine, and hashed by what it points to.
        std::fs::remove_file(dir.path().join("debrief.md")).unwrap();
        std::fs::write(dir.path().join("real.md"), "one").unwrap();
        std::os::unix::fs::symlink(dir.path().join("real.md"), dir.path().join("debrief.md"))
            .unwrap();
        let a = ScenarioSource::read(dir.path()).unwrap();
        assert_eq!(a.read_markdown("debrief.md").unwrap(), "one");
        std::fs::write(dir.path().join("real.md"), "two").unwrap();
        let b = ScenarioSource::read(dir.path()).unwrap();
        assert_ne!(a.content_hash, b.content_hash);
        // /dev/zero behind a link is outside; a FIFO is refused unopened.
        std::fs::remove_file(dir.path().join("debrief.md")).unwrap();
        std::os::unix::fs::symlink("/dev/zero", dir.path().join("debrief.md")).unwrap();
        assert!(ScenarioSource::read(dir.path()).is_err());
        std::fs::remove_file(dir.path().join("debrief.md")).unwrap();
        let fifo = dir.path().join("pipe.md");
        let made = std::process::Command::new("mkfifo").arg(&fifo).status();
        if made.is_ok_and(|s| s.success()) {
            let e = ScenarioSource::read(dir.path()).unwrap_err().to_string();
            assert!(e.contains("not a regular file"), "{e}");
            std::fs::remove_file(&fifo).unwrap();
        }
        let big = vec![b'a'; MAX_MARKDOWN_BYTES as usize + 1];
        std::fs::write(dir.path().join("big.md"), &big).unwrap();
        let s = ScenarioSource::read(dir.path()).unwrap();
        let e = s.read_markdown("big.md").unwrap_err();
        assert!(e.contains("larger than"), "{e}");
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
