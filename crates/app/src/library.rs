//! The scenario library as both front ends list it: one card per folder,
//! built from the library index (so an unchanged folder is hashed, not
//! compiled), in the language asked for when the scenario carries it, with
//! a trainee's progress on it when there is a trainee.
//!
//! `rehearse list` prints these cards (as text or `--format json`) and the
//! desktop library shows them; red flags are deliberately absent, since the
//! library never reveals which red flags a scenario holds.

use crate::error::Result;
use crate::view::CompetencyLabel;
use rehearse_core::library::index::{Card, LibraryIndex};
use rehearse_core::locale::Language;
use rehearse_core::records::{ScenarioProgress, Store};
use rehearse_core::scenario::metadata::Difficulty;
use serde::Serialize;
use std::path::{Path, PathBuf};
use uuid::Uuid;

/// One scenario folder of the library.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ScenarioCard {
    /// The folder (what the player is started with).
    pub path: PathBuf,
    /// Where the folder comes from: `bundled`, `user` or `added`.
    pub origin: &'static str,
    /// The scenario's stable id (the folder name when it did not load).
    pub id: String,
    /// The scenario's declared version; empty when it did not load.
    pub version: String,
    /// The title (the folder name when it did not load).
    pub title: String,
    /// One-paragraph summary.
    pub summary: String,
    /// Care setting.
    pub setting: String,
    /// The people the trainee talks to, each as "Name (role)".
    pub personas: Vec<String>,
    /// How hard it is; absent when the scenario did not load.
    pub difficulty: Option<Difficulty>,
    /// Expected minutes.
    pub minutes: u32,
    /// The competencies the scenario targets.
    pub targets: Vec<CompetencyLabel>,
    /// The trainee's progress: `not_tried` without a trainee.
    pub status: ScenarioProgress,
    /// Why the scenario cannot be played, when it cannot.
    pub problem: Option<String>,
    /// The language the card's text is in: the one asked for when the
    /// scenario carries it, else the script's own.
    pub language: String,
}

impl ScenarioCard {
    /// The card of a folder that could not be loaded at all, or whose
    /// script did not declare its metadata: named after the folder.
    fn problem(origin: &'static str, path: PathBuf, problem: String) -> ScenarioCard {
        let id = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        ScenarioCard {
            path,
            origin,
            title: id.clone(),
            id,
            version: String::new(),
            summary: String::new(),
            setting: String::new(),
            personas: Vec::new(),
            difficulty: None,
            minutes: 0,
            targets: Vec::new(),
            status: ScenarioProgress::NotTried,
            problem: Some(problem),
            // Load errors are the core's English messages.
            language: "en".into(),
        }
    }

    /// The card of an indexed folder, its text in `language` when the
    /// scenario carries it.
    fn of(
        origin: &'static str,
        path: PathBuf,
        card: Card,
        language: Option<Language>,
    ) -> ScenarioCard {
        let text = card.text(language.map_or("", Language::tag));
        let (Some(meta), Some(text)) = (&card.meta, text) else {
            let why = card
                .problem
                .unwrap_or_else(|| "the scenario could not be loaded".into());
            return ScenarioCard::problem(origin, path, why);
        };
        let labels = language.unwrap_or(Language::En);
        ScenarioCard {
            path,
            origin,
            id: meta.id.clone(),
            version: meta.version.clone(),
            title: text.title,
            summary: text.summary,
            setting: text.setting,
            personas: text.personas.iter().map(ToString::to_string).collect(),
            difficulty: Some(meta.difficulty),
            minutes: meta.minutes,
            targets: meta
                .targets
                .iter()
                .map(|c| CompetencyLabel::in_language(*c, labels))
                .collect(),
            status: ScenarioProgress::NotTried,
            problem: card.problem,
            language: text.language,
        }
    }
}

/// The folders the library shows: the bundled scenarios, the user's own
/// scenario folder, and folders added from the library screen (kept one
/// path per line in `library-folders.txt` in the data directory).
#[derive(Debug, Clone)]
pub struct LibraryFolders {
    file: PathBuf,
    /// Folders the user added, in the order added.
    pub added: Vec<PathBuf>,
}

impl LibraryFolders {
    /// Reads the list of added folders; none when the file is absent.
    pub fn load(data_dir: &Path) -> Result<Self> {
        let file = data_dir.join("library-folders.txt");
        let added = match std::fs::read_to_string(&file) {
            Ok(text) => text
                .lines()
                .filter(|l| !l.trim().is_empty())
                .map(PathBuf::from)
                .collect(),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Vec::new(),
            Err(e) => return Err(rehearse_core::Error::io(&file, e).into()),
        };
        Ok(LibraryFolders { file, added })
    }

    /// Adds a folder (once) and saves the list.
    pub fn add(&mut self, dir: PathBuf) -> Result<()> {
        if !self.added.contains(&dir) {
            self.added.push(dir);
        }
        self.save()
    }

    /// Removes a folder and saves the list.
    pub fn remove(&mut self, dir: &Path) -> Result<()> {
        self.added.retain(|d| d != dir);
        self.save()
    }

    fn save(&self) -> Result<()> {
        if let Some(parent) = self.file.parent() {
            std::fs::create_dir_all(parent).map_err(|e| rehearse_core::Error::io(parent, e))?;
        }
        let text: String = self
            .added
            .iter()
            .map(|d| format!("{}\n", d.display()))
            .collect();
        Ok(
            std::fs::write(&self.file, text)
                .map_err(|e| rehearse_core::Error::io(&self.file, e))?,
        )
    }

    /// Every scenario folder to list, with where it came from: `bundled`,
    /// `user` (the data directory's `scenarios/`) or `added`.
    pub fn scenario_dirs(&self) -> Vec<(&'static str, PathBuf)> {
        let mut out = rehearse_core::library::all();
        for dir in &self.added {
            if let Ok(found) = rehearse_core::library::expand(std::slice::from_ref(dir)) {
                out.extend(found.into_iter().map(|d| ("added", d)));
            }
        }
        out
    }

    /// The folders of [`scenario_dirs`](Self::scenario_dirs) without where
    /// each comes from (what the index and the look-ups by id take).
    pub fn paths(&self) -> Vec<PathBuf> {
        self.scenario_dirs().into_iter().map(|(_, d)| d).collect()
    }
}

/// The cards of `folders` (each with where it comes from), in order. The
/// text is in `language` where a scenario carries that translation, else
/// in the script's own language (`None`: always the script's own, as the
/// CLI's JSON gives it whatever the interface language). The index is a
/// cache: a front end saves it afterwards, and failing to save it fails
/// nothing. Reading the cards needs no records, so a front end need not
/// hold them while a new folder compiles; [`show_progress`] adds a
/// trainee's status afterwards.
pub fn cards(
    index: &mut LibraryIndex,
    folders: Vec<(&'static str, PathBuf)>,
    language: Option<Language>,
) -> Vec<ScenarioCard> {
    let dirs: Vec<PathBuf> = folders.iter().map(|(_, d)| d.clone()).collect();
    let indexed = index.cards(&dirs);
    folders
        .into_iter()
        .zip(indexed)
        .map(|((origin, dir), (_, card))| match card {
            Ok(card) => ScenarioCard::of(origin, dir, card, language),
            Err(e) => ScenarioCard::problem(origin, dir, e.to_string()),
        })
        .collect()
}

/// Sets each card's status to `trainee`'s progress on its scenario, from
/// the records; without a trainee every card stays "not tried", as does a
/// folder that did not load (it has no scenario id to look up).
pub fn show_progress(
    cards: &mut [ScenarioCard],
    store: &Store,
    trainee: Option<Uuid>,
) -> Result<()> {
    let Some(trainee) = trainee else {
        return Ok(());
    };
    for card in cards.iter_mut().filter(|c| c.difficulty.is_some()) {
        card.status = store.scenario_status(trainee, &card.id)?;
    }
    Ok(())
}

/// The folder among `folders` that holds the scenario `id`, read from the
/// index: folders named after the id first (the usual layout), then the
/// rest. Only a folder new to the index is compiled.
pub fn find(index: &mut LibraryIndex, folders: &[PathBuf], id: &str) -> Option<PathBuf> {
    let named = |d: &&PathBuf| d.file_name().is_some_and(|n| n == id);
    let (first, rest): (Vec<&PathBuf>, Vec<&PathBuf>) = folders.iter().partition(named);
    first
        .into_iter()
        .chain(rest)
        .find(|d| {
            index
                .card(d)
                .ok()
                .and_then(|c| c.meta)
                .is_some_and(|m| m.id == id)
        })
        .cloned()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::{play_test, records_on};

    fn bundled() -> Vec<(&'static str, PathBuf)> {
        let root = rehearse_core::library::bundled_dir().expect("the bundled library");
        rehearse_core::library::expand(&[root])
            .unwrap()
            .into_iter()
            .map(|d| ("bundled", d))
            .collect()
    }

    #[test]
    fn every_bundled_folder_gives_a_playable_card_with_its_version() {
        let mut index = LibraryIndex::new();
        let cards = cards(&mut index, bundled(), None);
        assert!(cards.len() >= 9, "{}", cards.len());
        for c in &cards {
            assert!(c.problem.is_none(), "{}: {:?}", c.id, c.problem);
            assert!(!c.version.is_empty() && c.difficulty.is_some(), "{}", c.id);
            assert!(!c.targets.is_empty() && !c.personas.is_empty(), "{}", c.id);
            assert_eq!(c.status, ScenarioProgress::NotTried);
            assert!(
                c.personas.iter().all(|p| p.ends_with(')')),
                "{:?}",
                c.personas
            );
        }
    }

    #[test]
    fn added_folders_are_kept_once_in_order_and_survive_a_restart() {
        let tmp = tempfile::tempdir().unwrap();
        let mut folders = LibraryFolders::load(tmp.path()).unwrap();
        assert!(folders.added.is_empty());
        let (a, b) = (tmp.path().join("a"), tmp.path().join("b"));
        folders.add(a.clone()).unwrap();
        folders.add(b.clone()).unwrap();
        folders.add(a.clone()).unwrap();
        assert_eq!(
            LibraryFolders::load(tmp.path()).unwrap().added,
            vec![a.clone(), b.clone()]
        );
        folders.remove(&a).unwrap();
        assert_eq!(LibraryFolders::load(tmp.path()).unwrap().added, vec![b]);
        // A folder that no longer exists lists nothing, and fails nothing.
        let bundled = rehearse_core::library::all().len();
        assert_eq!(folders.scenario_dirs().len(), bundled);
    }

    #[test]
    fn a_folder_that_does_not_load_is_a_card_with_its_problem() {
        let tmp = tempfile::tempdir().unwrap();
        let broken = tmp.path().join("half-written");
        std::fs::create_dir(&broken).unwrap();
        std::fs::write(broken.join("scenario.rhai"), "scenario(#{ id: ").unwrap();
        let mut index = LibraryIndex::new();
        let cards = cards(&mut index, vec![("added", broken)], None);
        assert_eq!(cards.len(), 1);
        let c = &cards[0];
        assert_eq!((c.id.as_str(), c.origin), ("half-written", "added"));
        assert!(c.problem.as_deref().is_some_and(|p| !p.is_empty()));
        assert_eq!(c.difficulty, None);
    }

    #[test]
    fn a_trainees_cards_show_what_they_have_played() {
        let tmp = tempfile::tempdir().unwrap();
        let opened = records_on(tmp.path(), "2025-03-01");
        let ana = opened.store.add_trainee("Ana", None, None).unwrap();
        play_test(&opened.store, ana.id, "near-miss", "strong path");
        let mut index = LibraryIndex::new();
        let mut cards = cards(&mut index, bundled(), None);
        show_progress(&mut cards, &opened.store, Some(ana.id)).unwrap();
        let played: Vec<&ScenarioCard> = cards
            .iter()
            .filter(|c| c.status != ScenarioProgress::NotTried)
            .collect();
        assert_eq!(played.len(), 1, "{played:?}");
        assert_eq!(played[0].id, "near-miss");
    }
}
