//! The library index: what the library's cards, lists and title look-ups
//! need of each scenario, kept by the folder's content hash so that an
//! unchanged scenario is never compiled twice.
//!
//! Compiling a scenario runs its Rhai script and builds its graph, which
//! takes milliseconds; hashing its folder (every byte the engine can read,
//! [`hash_folder`]) takes a small fraction of that. The index hashes each
//! folder on every look-up and compiles only the folders whose hash it has
//! not seen, so a changed file is always picked up and an unchanged one
//! costs one hash. The index can be kept in a file between runs
//! ([`LibraryIndex::open`], [`LibraryIndex::save`]); the file is a cache, so
//! an unreadable one or one written by another version of Rehearse is
//! simply started afresh.

use crate::error::{Error, Result};
use crate::scenario::finding::Severity;
use crate::scenario::metadata::Metadata;
use crate::scenario::source::hash_folder;
use serde::{Deserialize, Serialize};
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

/// The version of Rehearse that wrote an index file; an index from another
/// version is discarded, since compiling may have changed between them.
const ENGINE: &str = env!("CARGO_PKG_VERSION");

/// A persona as the library shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PersonaLabel {
    /// Display name.
    pub name: String,
    /// Job and grade.
    pub role: String,
}

/// What the library knows of one scenario folder without compiling it again.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Card {
    /// The folder's content hash when it was compiled.
    pub content_hash: String,
    /// The declared metadata, when the script ran.
    pub meta: Option<Metadata>,
    /// The people the trainee talks to.
    pub personas: Vec<PersonaLabel>,
    /// The first error the compiler found, when there is one (the scenario
    /// cannot be played then), or why it did not load at all.
    pub problem: Option<String>,
}

impl Card {
    /// Compiles the folder at `dir` into its card.
    fn compile(dir: &Path) -> Result<Card> {
        let loaded = crate::scenario::load(dir)?;
        let first_error = loaded
            .findings
            .iter()
            .find(|f| f.severity == Severity::Error)
            .map(|f| f.to_string());
        Ok(match loaded.scenario {
            Some(s) => Card {
                content_hash: s.source.content_hash.clone(),
                personas: s
                    .def
                    .personas
                    .iter()
                    .map(|p| PersonaLabel {
                        name: p.name.clone(),
                        role: p.role.clone(),
                    })
                    .collect(),
                meta: Some(s.def.meta),
                problem: first_error,
            },
            None => Card {
                content_hash: hash_folder(dir)?,
                meta: None,
                personas: Vec::new(),
                problem: Some(first_error.unwrap_or_else(|| {
                    loaded
                        .findings
                        .first()
                        .map(|f| f.to_string())
                        .unwrap_or_else(|| "the scenario could not be loaded".into())
                })),
            },
        })
    }

    /// Whether the scenario loaded without errors.
    pub fn is_playable(&self) -> bool {
        self.meta.is_some() && self.problem.is_none()
    }
}

#[derive(Debug, Default, Serialize, Deserialize)]
struct IndexFile {
    engine: String,
    cards: Vec<Card>,
}

/// Cards by content hash, with how many look-ups compiled and how many did not.
#[derive(Debug, Default)]
pub struct LibraryIndex {
    file: Option<PathBuf>,
    cards: HashMap<String, Card>,
    hits: u64,
    compiled: u64,
}

impl LibraryIndex {
    /// An empty index held in memory only.
    pub fn new() -> Self {
        Self::default()
    }

    /// The index kept in `file`: its cards when the file exists and was
    /// written by this version of Rehearse, none otherwise (a missing,
    /// unreadable or older file is a cold index, not an error).
    pub fn open(file: &Path) -> Self {
        let cards = std::fs::read(file)
            .ok()
            .and_then(|bytes| serde_json::from_slice::<IndexFile>(&bytes).ok())
            .filter(|f| f.engine == ENGINE)
            .map(|f| {
                f.cards
                    .into_iter()
                    .map(|c| (c.content_hash.clone(), c))
                    .collect()
            })
            .unwrap_or_default();
        LibraryIndex {
            file: Some(file.to_path_buf()),
            cards,
            ..Self::default()
        }
    }

    /// The index file in the platform data directory
    /// (`cache/library-index.json`), or an in-memory index without one.
    pub fn open_default() -> Self {
        match super::data_dir() {
            Some(d) => Self::open(&d.join("cache").join("library-index.json")),
            None => Self::new(),
        }
    }

    /// The card of the scenario folder at `dir`: from the index when its
    /// content hash is known, compiled (and remembered) when it is not. A
    /// folder that cannot be read is an error naming it.
    pub fn card(&mut self, dir: &Path) -> Result<Card> {
        let hash = hash_folder(dir)?;
        if let Some(card) = self.cards.get(&hash) {
            self.hits += 1;
            return Ok(card.clone());
        }
        let card = Card::compile(dir)?;
        self.compiled += 1;
        // Keyed by the hash read first: a file changed while compiling is
        // compiled again on the next look-up rather than trusted.
        self.cards.insert(hash, card.clone());
        Ok(card)
    }

    /// The cards of `dirs`, in order; each folder's own error stays with it.
    /// Cards of folders not among `dirs` are forgotten, so the index holds
    /// the library as it is, not every version it ever saw.
    pub fn cards(&mut self, dirs: &[PathBuf]) -> Vec<(PathBuf, Result<Card>)> {
        let out: Vec<(PathBuf, Result<Card>)> =
            dirs.iter().map(|d| (d.clone(), self.card(d))).collect();
        let kept: HashSet<&str> = out
            .iter()
            .filter_map(|(_, c)| c.as_ref().ok().map(|c| c.content_hash.as_str()))
            .collect();
        self.cards.retain(|h, _| kept.contains(h.as_str()));
        out
    }

    /// Scenario titles by scenario id, for every folder of `dirs` that loads.
    pub fn titles(&mut self, dirs: &[PathBuf]) -> HashMap<String, String> {
        dirs.iter()
            .filter_map(|d| self.card(d).ok())
            .filter_map(|c| c.meta)
            .map(|m| (m.id, m.title))
            .collect()
    }

    /// Writes the index to its file (atomically), when it has one.
    pub fn save(&self) -> Result<()> {
        let Some(file) = &self.file else {
            return Ok(());
        };
        let mut cards: Vec<Card> = self.cards.values().cloned().collect();
        cards.sort_by(|a, b| a.content_hash.cmp(&b.content_hash));
        let body = serde_json::to_vec(&IndexFile {
            engine: ENGINE.to_string(),
            cards,
        })
        .map_err(|e| Error::io(file, std::io::Error::other(e)))?;
        if let Some(parent) = file.parent() {
            std::fs::create_dir_all(parent).map_err(|e| Error::io(parent, e))?;
        }
        let tmp = file.with_extension("json.tmp");
        std::fs::write(&tmp, body).map_err(|e| Error::io(&tmp, e))?;
        std::fs::rename(&tmp, file).map_err(|e| Error::io(file, e))
    }

    /// Look-ups answered from the index so far.
    pub fn hits(&self) -> u64 {
        self.hits
    }

    /// Look-ups that compiled the folder so far.
    pub fn compiled(&self) -> u64 {
        self.compiled
    }

    /// How many cards the index holds.
    pub fn len(&self) -> usize {
        self.cards.len()
    }

    /// Whether the index holds no card.
    pub fn is_empty(&self) -> bool {
        self.cards.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn copy_dir(from: &Path, to: &Path) {
        std::fs::create_dir_all(to).unwrap();
        for e in std::fs::read_dir(from).unwrap() {
            let e = e.unwrap();
            let target = to.join(e.file_name());
            if e.file_type().unwrap().is_dir() {
                copy_dir(&e.path(), &target);
            } else {
                std::fs::copy(e.path(), target).unwrap();
            }
        }
    }

    fn bundled(id: &str) -> PathBuf {
        crate::library::bundled_dir().unwrap().join(id)
    }

    #[test]
    fn an_unchanged_scenario_is_compiled_once_and_a_changed_one_again() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("near-miss");
        copy_dir(&bundled("near-miss"), &dir);
        let mut index = LibraryIndex::new();
        let first = index.card(&dir).unwrap();
        assert!(first.is_playable(), "{first:?}");
        assert_eq!(first.meta.as_ref().unwrap().id, "near-miss");
        let again = index.card(&dir).unwrap();
        assert_eq!((index.compiled(), index.hits()), (1, 1));
        assert_eq!(first, again);

        // Any file counts: a changed summary in the script is seen at once.
        let script = dir.join("scenario.rhai");
        let text = std::fs::read_to_string(&script).unwrap();
        let title = &first.meta.as_ref().unwrap().title;
        std::fs::write(&script, text.replacen(title.as_str(), "A new title", 1)).unwrap();
        let changed = index.card(&dir).unwrap();
        assert_eq!(index.compiled(), 2);
        assert_eq!(changed.meta.unwrap().title, "A new title");
        assert_ne!(changed.content_hash, first.content_hash);
    }

    #[test]
    fn a_broken_scenario_has_a_card_naming_its_problem() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("broken");
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("scenario.rhai"), "scenario(#{ id: ").unwrap();
        let card = LibraryIndex::new().card(&dir).unwrap();
        assert!(!card.is_playable());
        assert!(card.meta.is_none());
        assert!(card.problem.unwrap().contains("E001"));
        let missing = LibraryIndex::new().card(&tmp.path().join("absent"));
        assert!(missing.is_err());
    }

    #[test]
    fn the_index_file_keeps_cards_between_runs_and_a_bad_file_is_a_cold_start() {
        let tmp = tempfile::tempdir().unwrap();
        let file = tmp.path().join("cache/library-index.json");
        let dirs = vec![bundled("near-miss"), bundled("porter-patient-fall")];
        let mut index = LibraryIndex::open(&file);
        assert!(index.is_empty());
        let titles = index.titles(&dirs);
        assert_eq!(titles.len(), 2);
        index.save().unwrap();

        let mut warm = LibraryIndex::open(&file);
        assert_eq!(warm.len(), 2);
        assert_eq!(warm.titles(&dirs), titles);
        assert_eq!((warm.compiled(), warm.hits()), (0, 2));

        // Only the library as it is now is kept.
        let cards = warm.cards(&dirs[..1]);
        assert_eq!(cards.len(), 1);
        assert_eq!(warm.len(), 1);

        std::fs::write(&file, "not json").unwrap();
        let mut cold = LibraryIndex::open(&file);
        assert!(cold.is_empty());
        assert_eq!(cold.titles(&dirs), titles);
        assert_eq!(cold.compiled(), 2);
    }
}
