//! The library index: what the library's cards, lists and title look-ups
//! need of each scenario, kept by the folder's content hash so that an
//! unchanged scenario is never compiled twice, and each folder's file
//! stamps, so that an unchanged folder is not even read.
//!
//! Compiling a scenario runs its Rhai script and builds its graph, which
//! takes milliseconds; hashing its folder (every byte the engine can read,
//! [`hash_folder`]) takes a fraction of that, and looking at its files'
//! stamps (size, modification and change times, inode: one `stat` each)
//! a fraction again. A look-up lists the folder's files and stats them;
//! when every stamp is the one recorded when the folder was last hashed,
//! the recorded hash is trusted and nothing is read. Otherwise the folder
//! is hashed, and compiled only when its hash is new. So an edit is seen on
//! the next look-up, and an unchanged folder costs a directory listing and
//! a few stats.
//!
//! **What the stamp can miss.** A write always sets a file's modification
//! time to the current time, and its change time too, so an edit that keeps
//! the size is still seen. Two cases are not: a write in the same tick of
//! the file system's clock as the stamp was taken (coarse clocks, FAT's two
//! seconds), and a tool that writes and then sets both times back (the
//! change time cannot be set from user space, so this needs the clock or a
//! file system that does not keep it). The first is closed by never
//! trusting a stamp whose file was modified within [`RACY_WINDOW`] of the
//! moment it was taken (git's "racily clean" rule): such a folder is hashed
//! again on every look-up until its files are older. The second stays a
//! cache's risk, and only for what the card shows: starting, checking or
//! editing a scenario compiles it from its bytes ([`crate::scenario::load`]
//! hashes what it reads), so what is played and recorded is always the
//! file's real content, and the card is right again once any of the
//! folder's stamps changes.
//!
//! The index can be kept in a file between runs ([`LibraryIndex::open`],
//! [`LibraryIndex::save`]); the file is a cache, so an unreadable one or one
//! written by another version of Rehearse is simply started afresh.

use crate::error::{Error, Result};
use crate::scenario::finding::Severity;
use crate::scenario::metadata::Metadata;
use crate::scenario::source::{folder_files, hash_folder};
use crate::scenario::Scenario;
use serde::{Deserialize, Serialize};
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// The version of Rehearse that wrote an index file; an index from another
/// version is discarded, since compiling may have changed between them.
const ENGINE: &str = env!("CARGO_PKG_VERSION");

/// A file modified this close to the moment its folder's stamps were taken
/// does not make the stamps trusted: a second write in the same tick of a
/// coarse file-system clock would leave its stamp as it was. Two seconds
/// covers FAT, the coarsest clock Rehearse may meet.
pub const RACY_WINDOW: Duration = Duration::from_secs(2);

/// A persona as the library shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PersonaLabel {
    /// Display name.
    pub name: String,
    /// Job and grade.
    pub role: String,
}

/// The one way a persona is written in a list, whatever the front end:
/// "Name (role)", so that several of them joined by commas still read.
impl std::fmt::Display for PersonaLabel {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} ({})", self.name, self.role)
    }
}

/// What a card shows in one language.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CardText {
    /// The language of the text.
    pub language: String,
    /// Its title, as shown to people.
    pub title: String,
    /// One-paragraph summary.
    pub summary: String,
    /// Care setting.
    pub setting: String,
    /// The people the trainee talks to.
    pub personas: Vec<PersonaLabel>,
}

impl CardText {
    fn of(s: &Scenario) -> CardText {
        let m = &s.def.meta;
        CardText {
            language: s.language().to_string(),
            title: m.title.clone(),
            summary: m.summary.clone(),
            setting: m.setting.clone(),
            personas: s
                .def
                .personas
                .iter()
                .map(|p| PersonaLabel {
                    name: p.name.clone(),
                    role: p.role.clone(),
                })
                .collect(),
        }
    }
}

/// What the library knows of one scenario folder without compiling it again.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Card {
    /// The folder's content hash when it was compiled.
    pub content_hash: String,
    /// The declared metadata, in the script's own language, when the script ran.
    pub meta: Option<Metadata>,
    /// The people the trainee talks to.
    pub personas: Vec<PersonaLabel>,
    /// The card's text in each translation the folder carries (not the
    /// script's own language, which is `meta` and `personas`).
    pub translations: Vec<CardText>,
    /// The first error the compiler found, when there is one (the scenario
    /// cannot be played then), or why it did not load at all.
    pub problem: Option<String>,
}

impl Card {
    /// Compiles the folder at `dir` into its card.
    fn compile(dir: &Path) -> Result<Card> {
        let loaded = crate::scenario::load(dir)?;
        // The graph's own errors too, as `scenario::load_playable` judges
        // what can be played and approved.
        let graph = loaded
            .scenario
            .as_ref()
            .map(crate::lint::graph_findings)
            .unwrap_or_default();
        let first_error = loaded
            .findings
            .iter()
            .chain(&graph)
            .find(|f| f.severity == Severity::Error)
            .map(|f| f.to_string());
        Ok(match loaded.scenario {
            Some(s) => {
                let own = CardText::of(&s);
                Card {
                    content_hash: s.source.content_hash.clone(),
                    translations: s
                        .languages()
                        .iter()
                        .filter(|l| **l != own.language)
                        .map(|l| CardText::of(&s.localised(l)))
                        .collect(),
                    personas: own.personas,
                    meta: Some(s.def.meta),
                    problem: first_error,
                }
            }
            None => Card {
                content_hash: hash_folder(dir)?,
                meta: None,
                personas: Vec::new(),
                translations: Vec::new(),
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

    /// The card's text in `language` when the scenario carries it, else in
    /// the script's own language (as [`Scenario::localised`] does); none
    /// when the script did not run.
    pub fn text(&self, language: &str) -> Option<CardText> {
        let meta = self.meta.as_ref()?;
        if let Some(t) = self.translations.iter().find(|t| t.language == language) {
            return Some(t.clone());
        }
        Some(CardText {
            language: meta.language.clone(),
            title: meta.title.clone(),
            summary: meta.summary.clone(),
            setting: meta.setting.clone(),
            personas: self.personas.clone(),
        })
    }

    /// The catalogue's name for the version this card was compiled from,
    /// when the scenario is playable (what `Store::approve_bundled` takes).
    pub fn version(&self) -> Option<crate::scenario::version::ScenarioVersion> {
        let meta = self.meta.as_ref().filter(|_| self.problem.is_none())?;
        Some(crate::scenario::version::ScenarioVersion {
            id: meta.id.clone(),
            content_hash: self.content_hash.clone(),
            version: meta.version.clone(),
            title: meta.title.clone(),
        })
    }
}

/// One file's stamp: what `stat` says of it, which any write changes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
struct FileStamp {
    /// Path inside the folder.
    path: String,
    size: u64,
    /// Modification time, nanoseconds since the Unix epoch.
    modified: i64,
    /// Status-change time (nanoseconds), where the platform has one.
    changed: Option<i64>,
    /// Inode (a file replaced by another has a new one), where the platform has one.
    inode: Option<u64>,
}

fn nanos(t: SystemTime) -> i64 {
    match t.duration_since(UNIX_EPOCH) {
        Ok(d) => i64::try_from(d.as_nanos()).unwrap_or(i64::MAX),
        Err(e) => -i64::try_from(e.duration().as_nanos()).unwrap_or(i64::MAX),
    }
}

impl FileStamp {
    fn of(dir: &Path, rel: &str) -> Result<FileStamp> {
        let path = dir.join(rel);
        // Followed like the hash follows it: a link's target is what is read.
        let m = std::fs::metadata(&path).map_err(|e| Error::io(&path, e))?;
        #[cfg(unix)]
        let (changed, inode) = {
            use std::os::unix::fs::MetadataExt;
            (
                Some(m.ctime().saturating_mul(1_000_000_000) + m.ctime_nsec()),
                Some(m.ino()),
            )
        };
        #[cfg(not(unix))]
        let (changed, inode) = (None, None);
        Ok(FileStamp {
            path: rel.to_string(),
            size: m.len(),
            modified: nanos(m.modified().map_err(|e| Error::io(&path, e))?),
            changed,
            inode,
        })
    }
}

/// The stamps of every file of a folder, taken before it was hashed, and
/// that hash.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
struct FolderStamp {
    dir: PathBuf,
    files: Vec<FileStamp>,
    content_hash: String,
}

/// The stamps of the folder's files now.
fn stamps(dir: &Path) -> Result<Vec<FileStamp>> {
    folder_files(dir)?
        .iter()
        .map(|rel| FileStamp::of(dir, rel))
        .collect()
}

#[derive(Debug, Default, Serialize, Deserialize)]
struct IndexFile {
    engine: String,
    cards: Vec<Card>,
    folders: Vec<FolderStamp>,
}

/// Cards by content hash and folder stamps by path, with how many look-ups
/// compiled, hashed, and were answered from the index.
#[derive(Debug, Default)]
pub struct LibraryIndex {
    file: Option<PathBuf>,
    cards: HashMap<String, Card>,
    folders: HashMap<PathBuf, FolderStamp>,
    hits: u64,
    hashed: u64,
    compiled: u64,
    changed: bool,
}

impl LibraryIndex {
    /// An empty index held in memory only.
    pub fn new() -> Self {
        Self::default()
    }

    /// The index kept in `file`: its cards and stamps when the file exists
    /// and was written by this version of Rehearse, none otherwise (a
    /// missing, unreadable or older file is a cold index, not an error).
    pub fn open(file: &Path) -> Self {
        let saved = std::fs::read(file)
            .ok()
            .and_then(|bytes| serde_json::from_slice::<IndexFile>(&bytes).ok())
            .filter(|f| f.engine == ENGINE)
            .unwrap_or_default();
        LibraryIndex {
            file: Some(file.to_path_buf()),
            cards: saved
                .cards
                .into_iter()
                .map(|c| (c.content_hash.clone(), c))
                .collect(),
            folders: saved
                .folders
                .into_iter()
                .map(|f| (f.dir.clone(), f))
                .collect(),
            ..Self::default()
        }
    }

    /// The index file in the platform data directory
    /// (`cache/library-index.json`), or an in-memory index without one.
    pub fn open_default() -> Self {
        match super::data_dir() {
            Some(d) => Self::open(&Self::file_in(&d)),
            None => Self::new(),
        }
    }

    /// Where the index of the data directory `data_dir` is kept.
    pub fn file_in(data_dir: &Path) -> PathBuf {
        data_dir.join("cache").join("library-index.json")
    }

    /// The card of the scenario folder at `dir`: from the index when the
    /// folder's files have the stamps recorded with a known hash, or when
    /// its content hash is known; compiled (and remembered) when it is not.
    /// A folder that cannot be read is an error naming it.
    pub fn card(&mut self, dir: &Path) -> Result<Card> {
        let taken = SystemTime::now();
        let files = stamps(dir)?;
        if let Some(card) = self
            .folders
            .get(dir)
            .filter(|f| f.files == files)
            .and_then(|f| self.cards.get(&f.content_hash))
        {
            self.hits += 1;
            return Ok(card.clone());
        }
        let hash = hash_folder(dir)?;
        self.hashed += 1;
        self.remember_stamps(dir, files, &hash, taken);
        if let Some(card) = self.cards.get(&hash) {
            self.hits += 1;
            return Ok(card.clone());
        }
        let card = Card::compile(dir)?;
        self.compiled += 1;
        self.changed = true;
        // Keyed by the hash read first: a file changed while compiling is
        // compiled again on the next look-up rather than trusted.
        self.cards.insert(hash, card.clone());
        Ok(card)
    }

    /// Records the stamps taken before `hash` was read, unless a file was
    /// modified within [`RACY_WINDOW`] of `taken` (then the folder is
    /// hashed on the next look-up again, and its stamps forgotten).
    fn remember_stamps(
        &mut self,
        dir: &Path,
        files: Vec<FileStamp>,
        hash: &str,
        taken: SystemTime,
    ) {
        let settled = nanos(taken).saturating_sub(RACY_WINDOW.as_nanos() as i64);
        if files.iter().all(|f| f.modified < settled) {
            let stamp = FolderStamp {
                dir: dir.to_path_buf(),
                files,
                content_hash: hash.to_string(),
            };
            if self.folders.get(dir) != Some(&stamp) {
                self.folders.insert(dir.to_path_buf(), stamp);
                self.changed = true;
            }
        } else if self.folders.remove(dir).is_some() {
            self.changed = true;
        }
    }

    /// The cards of `dirs`, in order; each folder's own error stays with it.
    /// Cards and stamps of folders not among `dirs` are forgotten, so the
    /// index holds the library as it is, not every version it ever saw.
    pub fn cards(&mut self, dirs: &[PathBuf]) -> Vec<(PathBuf, Result<Card>)> {
        let out: Vec<(PathBuf, Result<Card>)> =
            dirs.iter().map(|d| (d.clone(), self.card(d))).collect();
        let kept: HashSet<&str> = out
            .iter()
            .filter_map(|(_, c)| c.as_ref().ok().map(|c| c.content_hash.as_str()))
            .collect();
        let (cards, folders) = (self.cards.len(), self.folders.len());
        self.cards.retain(|h, _| kept.contains(h.as_str()));
        self.folders
            .retain(|d, f| dirs.contains(d) && kept.contains(f.content_hash.as_str()));
        self.changed |= cards != self.cards.len() || folders != self.folders.len();
        out
    }

    /// The catalogue versions of the playable folders among `dirs` (what
    /// `Store::approve_bundled` takes), and each other folder with why it
    /// is not playable.
    pub fn versions(
        &mut self,
        dirs: &[PathBuf],
    ) -> (
        Vec<crate::scenario::version::ScenarioVersion>,
        Vec<(PathBuf, String)>,
    ) {
        let mut versions = Vec::new();
        let mut skipped = Vec::new();
        for dir in dirs {
            match self.card(dir) {
                Ok(card) => match card.version() {
                    Some(v) => versions.push(v),
                    None => skipped.push((
                        dir.clone(),
                        card.problem
                            .unwrap_or_else(|| "the scenario could not be loaded".into()),
                    )),
                },
                Err(e) => skipped.push((dir.clone(), e.to_string())),
            }
        }
        (versions, skipped)
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
    pub fn save(&mut self) -> Result<()> {
        let Some(file) = &self.file else {
            return Ok(());
        };
        let mut cards: Vec<Card> = self.cards.values().cloned().collect();
        cards.sort_by(|a, b| a.content_hash.cmp(&b.content_hash));
        let mut folders: Vec<FolderStamp> = self.folders.values().cloned().collect();
        folders.sort_by(|a, b| a.dir.cmp(&b.dir));
        let body = serde_json::to_vec(&IndexFile {
            engine: ENGINE.to_string(),
            cards,
            folders,
        })
        .map_err(|e| Error::io(file, std::io::Error::other(e)))?;
        if let Some(parent) = file.parent() {
            std::fs::create_dir_all(parent).map_err(|e| Error::io(parent, e))?;
        }
        // One temporary file per process: the CLI and the app may save the
        // same index at once, and each rename is then whole.
        let tmp = file.with_extension(format!("json.{}.tmp", std::process::id()));
        std::fs::write(&tmp, body).map_err(|e| Error::io(&tmp, e))?;
        std::fs::rename(&tmp, file).map_err(|e| Error::io(file, e))?;
        self.changed = false;
        Ok(())
    }

    /// [`LibraryIndex::save`], only when a card or stamp changed since the
    /// index was opened or last saved.
    pub fn save_if_changed(&mut self) -> Result<()> {
        if self.changed {
            self.save()
        } else {
            Ok(())
        }
    }

    /// Look-ups answered from the index so far (by stamps or by hash).
    pub fn hits(&self) -> u64 {
        self.hits
    }

    /// Look-ups that read and hashed the folder so far (its stamps had
    /// changed, were too fresh to trust, or were not known).
    pub fn hashed(&self) -> u64 {
        self.hashed
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

    #[test]
    fn a_persona_is_written_one_way_for_every_front_end() {
        let p = PersonaLabel {
            name: "Maria".into(),
            role: "midwife, band 6".into(),
        };
        assert_eq!(p.to_string(), "Maria (midwife, band 6)");
    }

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

    /// Sets the modification time of every file under `dir` to `secs_ago`
    /// seconds before now, so the index's stamps are settled (older than
    /// [`RACY_WINDOW`]).
    fn age(dir: &Path, secs_ago: u64) {
        let when = SystemTime::now() - Duration::from_secs(secs_ago);
        for rel in folder_files(dir).unwrap() {
            set_modified(&dir.join(rel), when);
        }
    }

    fn set_modified(file: &Path, when: SystemTime) {
        std::fs::File::options()
            .write(true)
            .open(file)
            .unwrap()
            .set_modified(when)
            .unwrap();
    }

    fn settled_copy(tmp: &Path) -> PathBuf {
        let dir = tmp.join("near-miss");
        copy_dir(&bundled("near-miss"), &dir);
        age(&dir, 3600);
        dir
    }

    #[test]
    fn an_unchanged_tree_hashes_no_file_even_in_a_new_index_read_from_its_file() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = settled_copy(tmp.path());
        let file = tmp.path().join("index.json");
        let mut index = LibraryIndex::open(&file);
        let first = index.card(&dir).unwrap();
        assert_eq!((index.hashed(), index.compiled()), (1, 1));
        for _ in 0..3 {
            assert_eq!(index.card(&dir).unwrap(), first);
        }
        assert_eq!((index.hashed(), index.compiled(), index.hits()), (1, 1, 3));
        index.save().unwrap();

        let mut again = LibraryIndex::open(&file);
        assert_eq!(again.card(&dir).unwrap(), first);
        assert_eq!((again.hashed(), again.compiled(), again.hits()), (0, 0, 1));
        // Nothing changed, so nothing is written back.
        again.changed = false;
        again.card(&dir).unwrap();
        assert!(!again.changed);
    }

    #[test]
    fn a_touched_file_is_hashed_again_but_not_compiled_when_its_bytes_are_the_same() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = settled_copy(tmp.path());
        let mut index = LibraryIndex::new();
        let first = index.card(&dir).unwrap();
        set_modified(
            &dir.join("scenario.rhai"),
            SystemTime::now() - Duration::from_secs(60),
        );
        assert_eq!(index.card(&dir).unwrap(), first);
        assert_eq!((index.hashed(), index.compiled()), (2, 1));
        // The new stamps are trusted from then on.
        index.card(&dir).unwrap();
        assert_eq!(index.hashed(), 2);
    }

    #[test]
    fn a_file_replaced_with_one_of_the_same_size_and_another_mtime_is_read_again() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = settled_copy(tmp.path());
        let mut index = LibraryIndex::new();
        let first = index.card(&dir).unwrap();
        let title = first.meta.as_ref().unwrap().title.clone();
        let script = dir.join("scenario.rhai");
        let text = std::fs::read_to_string(&script).unwrap();
        let same_size: String = title.chars().rev().collect();
        assert_eq!(same_size.len(), title.len());
        // Written beside and renamed over it, as editors save.
        let beside = dir.join(".scenario.rhai.new");
        std::fs::write(&beside, text.replacen(&title, &same_size, 1)).unwrap();
        std::fs::rename(&beside, &script).unwrap();
        set_modified(&script, SystemTime::now() - Duration::from_secs(1800));
        assert_eq!(std::fs::metadata(&script).unwrap().len(), text.len() as u64);
        let changed = index.card(&dir).unwrap();
        assert_eq!((index.hashed(), index.compiled()), (2, 2));
        assert_eq!(changed.meta.unwrap().title, same_size);
        assert_ne!(changed.content_hash, first.content_hash);
    }

    #[cfg(unix)]
    #[test]
    fn an_edit_that_keeps_size_and_mtime_is_seen_by_its_change_time() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = settled_copy(tmp.path());
        let mut index = LibraryIndex::new();
        let first = index.card(&dir).unwrap();
        let script = dir.join("scenario.rhai");
        let before = std::fs::metadata(&script).unwrap().modified().unwrap();
        let title = first.meta.as_ref().unwrap().title.clone();
        let text = std::fs::read_to_string(&script).unwrap();
        let same_size: String = title.chars().rev().collect();
        std::fs::write(&script, text.replacen(&title, &same_size, 1)).unwrap();
        set_modified(&script, before);
        let changed = index.card(&dir).unwrap();
        assert_eq!(index.compiled(), 2);
        assert_eq!(changed.meta.unwrap().title, same_size);
    }

    #[test]
    fn a_folder_modified_within_the_racy_window_is_hashed_on_every_look_up() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("near-miss");
        copy_dir(&bundled("near-miss"), &dir);
        let mut index = LibraryIndex::new();
        index.card(&dir).unwrap();
        index.card(&dir).unwrap();
        assert_eq!((index.hashed(), index.compiled()), (2, 1));
        // A file added to a settled folder is seen too (its own stamp is new).
        age(&dir, 3600);
        index.card(&dir).unwrap();
        std::fs::write(dir.join("notes.md"), "A trainer's note.").unwrap();
        let with_note = index.card(&dir).unwrap();
        assert_eq!(index.compiled(), 2);
        assert!(with_note.is_playable());
    }

    #[test]
    fn a_card_carries_each_translation_s_text() {
        let dirs = crate::library::expand(&[crate::library::bundled_dir().unwrap()]).unwrap();
        let mut index = LibraryIndex::new();
        let translated = dirs
            .iter()
            .filter_map(|d| Some((d, index.card(d).ok()?)))
            .find(|(_, c)| !c.translations.is_empty())
            .expect("a bundled scenario carries a translation");
        let (dir, card) = translated;
        let s = crate::scenario::load_playable(dir).unwrap();
        let lang = card.translations[0].language.clone();
        let shown = s.localised(&lang);
        let text = card.text(&lang).unwrap();
        assert_eq!(text.title, shown.def.meta.title);
        assert_eq!(text.summary, shown.def.meta.summary);
        assert_eq!(text.language, shown.language());
        // A language it does not carry gives the script's own text.
        let own = card.text("zz").unwrap();
        assert_eq!(own.title, card.meta.as_ref().unwrap().title);
        assert_eq!(
            card.version().unwrap(),
            crate::scenario::version::ScenarioVersion::of(&s)
        );
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
