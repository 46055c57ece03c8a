//! The library index over 500 scenarios: cold (an empty index, so every
//! folder is hashed and compiled), then warm (the same folders, hashes
//! unchanged, so none is compiled), against compiling the 500 once with
//! `scenario::load` in the same run. Goal of issue #13: warm ≤ 5% of cold.
//!
//! The 500 folders are copies of the bundled scenarios, each with its id
//! (and folder name) changed, so every one is a distinct scenario with its
//! own content hash. A warm pass stats each folder's files and reads
//! none (`LibraryIndex::hashed` counts the folders it did read).

use crate::{Context, Error, Goal, Quantity, Row};
use rehearse_core::library::index::LibraryIndex;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

fn copy_dir(from: &Path, to: &Path) -> Result<(), Error> {
    std::fs::create_dir_all(to).map_err(|e| Error::io(to, e))?;
    for entry in std::fs::read_dir(from).map_err(|e| Error::io(from, e))? {
        let entry = entry.map_err(|e| Error::io(from, e))?;
        let name = entry.file_name();
        if name.to_string_lossy().starts_with('.') {
            continue;
        }
        let target = to.join(&name);
        let kind = entry.file_type().map_err(|e| Error::io(entry.path(), e))?;
        if kind.is_dir() {
            copy_dir(&entry.path(), &target)?;
        } else {
            std::fs::copy(entry.path(), &target).map_err(|e| Error::io(&target, e))?;
        }
    }
    Ok(())
}

/// A library of `n` scenario folders under `root`, copied round-robin from
/// the bundled scenarios that load, the i-th with id `<id>-copy-<i>`.
/// Made once per `root` (a `complete` marker is written last) and reused.
pub fn library(repo: &Path, root: &Path, n: usize) -> Result<Vec<PathBuf>, Error> {
    let marker = root.join("complete");
    let names: Vec<PathBuf> = (0..n).map(|i| root.join(format!("s{i:04}"))).collect();
    if marker.is_file() {
        return Ok(names);
    }
    if root.exists() {
        std::fs::remove_dir_all(root).map_err(|e| Error::io(root, e))?;
    }
    let sources: Vec<(PathBuf, String)> =
        rehearse_core::library::expand(&[repo.join("scenarios")])?
            .into_iter()
            .filter_map(|d| {
                let s = rehearse_core::scenario::load_playable(&d).ok()?;
                Some((d, s.id().to_string()))
            })
            .collect();
    if sources.is_empty() {
        return Err(Error::Measure {
            measure: "library-index",
            message: "no bundled scenario loads".into(),
        });
    }
    for (i, dir) in names.iter().enumerate() {
        let (from, id) = &sources[i % sources.len()];
        let new_id = format!("{id}-copy-{i}");
        copy_dir(from, dir)?;
        let script = dir.join("scenario.rhai");
        let text = std::fs::read_to_string(&script).map_err(|e| Error::io(&script, e))?;
        let declared = format!("id: \"{id}\"");
        if !text.contains(&declared) {
            return Err(Error::Measure {
                measure: "library-index",
                message: format!("{}: no `{declared}` to rename", from.display()),
            });
        }
        let text = text.replacen(&declared, &format!("id: \"{new_id}\""), 1);
        std::fs::write(&script, text).map_err(|e| Error::io(&script, e))?;
    }
    std::fs::write(&marker, "").map_err(|e| Error::io(&marker, e))?;
    Ok(names)
}

/// Compiles every folder once, as the library did before the index.
pub fn compile_all(dirs: &[PathBuf]) -> Result<usize, Error> {
    let mut loaded = 0;
    for d in dirs {
        loaded += usize::from(rehearse_core::scenario::load(d)?.scenario.is_some());
    }
    Ok(loaded)
}

/// One pass of the index over `dirs`; the number of playable cards.
pub fn index_pass(index: &mut LibraryIndex, dirs: &[PathBuf]) -> Result<usize, Error> {
    let mut playable = 0;
    for (_, card) in index.cards(dirs) {
        playable += usize::from(card?.is_playable());
    }
    Ok(playable)
}

fn timed<T>(f: impl FnOnce() -> Result<T, Error>) -> Result<(T, Duration), Error> {
    let start = Instant::now();
    let out = f()?;
    Ok((out, start.elapsed()))
}

/// The measure.
pub fn run(ctx: &Context) -> Result<Vec<Row>, Error> {
    let n = ctx.size(500, 20);
    let root = ctx.data_path(&format!("library-{n}-v1/x"))?;
    let root = root.parent().unwrap_or(&ctx.data).to_path_buf();
    let dirs = library(&ctx.repo, &root, n)?;
    // The index never trusts the stamps of a file modified within its racy
    // window (it hashes such a folder on every look-up), so a library just
    // written is given that long to settle, as a library on disk has.
    let written = std::fs::metadata(root.join("complete"))
        .and_then(|m| m.modified())
        .map_err(|e| Error::io(&root, e))?;
    let settled = written + rehearse_core::library::index::RACY_WINDOW;
    if let Ok(wait) = settled.duration_since(std::time::SystemTime::now()) {
        std::thread::sleep(wait + Duration::from_millis(50));
    }
    // Warm the file cache so each pass reads from memory alike.
    compile_all(&dirs[..dirs.len().min(5)])?;
    for d in &dirs {
        rehearse_core::scenario::source::hash_folder(d)?;
    }

    let (loaded, compile) = timed(|| compile_all(&dirs))?;
    let mut index = LibraryIndex::new();
    let (cold_cards, cold) = timed(|| index_pass(&mut index, &dirs))?;
    let mut warm_times = Vec::new();
    let hashed_cold = index.hashed();
    for _ in 0..ctx.runs() {
        let before = index.compiled();
        let (cards, t) = timed(|| index_pass(&mut index, &dirs))?;
        if index.compiled() != before || cards != cold_cards {
            return Err(Error::Measure {
                measure: "library-index",
                message: "a warm pass compiled a scenario or lost a card".into(),
            });
        }
        warm_times.push(t);
    }
    let hashed_warm = index.hashed() - hashed_cold;
    warm_times.sort();
    let warm = warm_times[warm_times.len() / 2];

    // Warm across runs: the index saved, then read back by a new process's index.
    let file = root.join("index-cache.json");
    let mut to_save = LibraryIndex::open(&file);
    index_pass(&mut to_save, &dirs)?;
    to_save.save()?;
    let (_, reopened) = timed(|| {
        let mut again = LibraryIndex::open(&file);
        index_pass(&mut again, &dirs)?;
        if again.compiled() != 0 || again.hashed() != 0 {
            return Err(Error::Measure {
                measure: "library-index",
                message: "the saved index was not used".into(),
            });
        }
        Ok(())
    })?;

    let data = format!("{n} scenario folders (bundled scenarios copied, ids changed)");
    Ok(vec![
        Row {
            measure: "library index, cold (empty index)".into(),
            data: data.clone(),
            ours: Quantity::Time(cold),
            reference: Some(("compiling the folders once".into(), Quantity::Time(compile))),
            goal: Goal::None,
            note: format!("{cold_cards} playable cards; {loaded} scenarios loaded by the reference"),
        },
        Row {
            measure: "library index, warm (unchanged hashes)".into(),
            data,
            ours: Quantity::Time(warm),
            reference: Some(("the cold index, same run".into(), Quantity::Time(cold))),
            goal: Goal::RatioAtMost(0.05),
            note: format!(
                "median of {} passes, {hashed_warm} folders hashed in them (files stat'ed, not read); {:.1}% of compiling once; read back from its file in a new index: {}",
                warm_times.len(),
                100.0 * warm.as_secs_f64() / compile.as_secs_f64(),
                Quantity::Time(reopened)
            ),
        },
    ])
}
