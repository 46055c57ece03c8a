//! The workbench's folder: checking its scenarios, and watching its files
//! so a save re-runs the core's checks without a restart.

use crate::error::Result;
use crate::state::{lock, PlayKind, Player};
use notify::{RecursiveMode, Watcher};
use rehearse_core::attempt::Attempt;
use rehearse_core::scenario::finding::{Severity, CODES};
use rehearse_core::{lint, response, scenario};
use serde::Serialize;
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::sync::Arc;
use std::time::Duration;
use tauri::{AppHandle, Emitter, Manager, Runtime};

/// The event the page listens for after a file in the folder changed.
pub const CHANGED_EVENT: &str = "workbench-changed";

/// How long the watcher waits for a burst of file events to settle.
const SETTLE: Duration = Duration::from_millis(200);

/// One finding, as the workbench lists it.
#[derive(Debug, Clone, Serialize)]
pub struct FindingView {
    /// Stable code such as `E011`.
    pub code: &'static str,
    /// `error` or `warning`.
    pub severity: Severity,
    /// The file, relative to the open folder when inside it.
    pub file: String,
    /// Line, from 1.
    pub line: usize,
    /// Column, from 1.
    pub column: usize,
    /// What is wrong here.
    pub message: String,
    /// What the code means in general (from the core's catalogue).
    pub explanation: &'static str,
}

/// One scenario of the open folder with its check status.
#[derive(Debug, Clone, Serialize)]
pub struct WorkbenchScenario {
    /// Folder.
    pub path: PathBuf,
    /// Scenario id (the folder name when the script does not load).
    pub id: String,
    /// Title, when the script loaded.
    pub title: Option<String>,
    /// Error findings.
    pub errors: usize,
    /// Warning findings.
    pub warnings: usize,
    /// All findings, in source order.
    pub findings: Vec<FindingView>,
}

/// The workbench screen's data.
#[derive(Debug, Clone, Serialize)]
pub struct WorkbenchView {
    /// The open folder.
    pub folder: PathBuf,
    /// Its scenarios.
    pub scenarios: Vec<WorkbenchScenario>,
}

/// Runs the core's checks on every scenario in `folder`.
pub fn check_folder(folder: &Path) -> Result<WorkbenchView> {
    let dirs = rehearse_core::library::expand(&[folder.to_path_buf()])?;
    let mut scenarios = Vec::new();
    for dir in dirs {
        let name = dir
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let result = scenario::load(&dir).map(|l| lint::check(l, response::english()));
        let (id, title, findings) = match result {
            Ok(r) => (
                r.scenario.as_ref().map_or(name, |s| s.id().to_string()),
                r.scenario.as_ref().map(|s| s.def.meta.title.clone()),
                r.findings,
            ),
            Err(e) => (
                name,
                None,
                vec![rehearse_core::scenario::finding::Finding {
                    code: "E000",
                    severity: Severity::Error,
                    location: rehearse_core::scenario::finding::Location {
                        file: dir.clone(),
                        line: 0,
                        column: 0,
                    },
                    message: e.to_string(),
                }],
            ),
        };
        let findings: Vec<FindingView> = findings
            .into_iter()
            .map(|f| FindingView {
                code: f.code,
                severity: f.severity,
                file: f
                    .location
                    .file
                    .strip_prefix(folder)
                    .unwrap_or(&f.location.file)
                    .display()
                    .to_string(),
                line: f.location.line,
                column: f.location.column,
                explanation: CODES
                    .iter()
                    .find(|(c, _, _)| *c == f.code)
                    .map_or("", |(_, _, meaning)| meaning),
                message: f.message,
            })
            .collect();
        scenarios.push(WorkbenchScenario {
            path: dir,
            id,
            title,
            errors: findings
                .iter()
                .filter(|f| f.severity == Severity::Error)
                .count(),
            warnings: findings
                .iter()
                .filter(|f| f.severity == Severity::Warning)
                .count(),
            findings,
        });
    }
    Ok(WorkbenchView {
        folder: folder.to_path_buf(),
        scenarios,
    })
}

/// The open folder and the watcher that keeps its checks current. Dropping
/// it stops the watcher and its thread.
pub struct WorkbenchSession {
    /// The folder.
    pub folder: PathBuf,
    _watcher: notify::RecommendedWatcher,
}

impl WorkbenchSession {
    /// Watches `folder`; after each burst of changes, re-checks it, reloads
    /// a workbench trial of a scenario in it (keeping its position when the
    /// beat still exists) and emits [`CHANGED_EVENT`] with the new view.
    pub fn watch<R: Runtime>(app: AppHandle<R>, folder: PathBuf) -> Result<Self> {
        let (tx, rx) = mpsc::channel::<notify::Result<notify::Event>>();
        let mut watcher = notify::recommended_watcher(tx)?;
        watcher.watch(&folder, RecursiveMode::Recursive)?;
        let root = folder.clone();
        std::thread::Builder::new()
            .name("workbench-watch".into())
            .spawn(move || {
                // Ends when the watcher (the sender) is dropped.
                while let Ok(first) = rx.recv() {
                    let mut changed = changed_paths(first);
                    while let Ok(more) = rx.recv_timeout(SETTLE) {
                        changed.extend(changed_paths(more));
                    }
                    if changed.is_empty() {
                        continue;
                    }
                    reload_trial(&app, &changed);
                    let payload = check_folder(&root).map_err(
                        |e| serde_json::json!({"code": e.code(), "message": e.to_string()}),
                    );
                    let _ = match payload {
                        Ok(view) => app.emit(CHANGED_EVENT, view),
                        Err(err) => app.emit(CHANGED_EVENT, serde_json::json!({ "error": err })),
                    };
                }
            })
            .map_err(|e| crate::Error::io(&folder, e))?;
        Ok(WorkbenchSession {
            folder,
            _watcher: watcher,
        })
    }
}

/// The paths an event says were changed. Opening or reading a file is not a
/// change: inotify reports every open, and the re-check itself opens every
/// file, so counting opens made each reload trigger the next one.
fn changed_paths(event: notify::Result<notify::Event>) -> Vec<PathBuf> {
    use notify::event::{AccessKind, AccessMode, EventKind};
    match event {
        Ok(e) => match e.kind {
            EventKind::Access(AccessKind::Close(AccessMode::Write)) => e.paths,
            EventKind::Access(_) => Vec::new(),
            _ => e.paths,
        },
        Err(_) => Vec::new(),
    }
}

/// Reloads a workbench trial whose scenario folder holds a changed file.
/// It replays the trial's inputs from the beat it started at; when that no
/// longer leads to the same place, it restarts at the current beat if the
/// beat still exists, else at the trial's first beat (or the start).
fn reload_trial<R: Runtime>(app: &AppHandle<R>, changed: &[PathBuf]) {
    let player = app.state::<Player>();
    let mut guard = lock(&player.0);
    let Some(play) = guard.as_mut() else {
        return;
    };
    if !changed.iter().any(|p| p.starts_with(&play.dir)) {
        return;
    }
    let PlayKind::Trial { attempt, from } = &play.kind else {
        return;
    };
    let Ok(fresh) = scenario::load_playable(&play.dir) else {
        // Leave the trial as it was; the findings say why it cannot reload.
        return;
    };
    let fresh = Arc::new(fresh);
    let here = attempt.node().to_string();
    let inputs = attempt.inputs().to_vec();
    let start = |beat: &str| {
        Attempt::start_at(
            Arc::clone(&fresh),
            attempt.mode(),
            attempt.seed(),
            response::english(),
            beat,
        )
    };
    let replayed = start(from).and_then(|mut a| {
        for input in &inputs {
            a.respond(input.clone())?;
        }
        Ok(a)
    });
    let (next, next_from) = match replayed {
        Ok(a) if a.node() == here => (a, from.clone()),
        _ if fresh.node(&here).is_some() => match start(&here) {
            Ok(a) => (a, here.clone()),
            Err(_) => return,
        },
        _ => {
            let beat = if fresh.beat(from).is_some() {
                from.clone()
            } else {
                fresh.def.start.clone()
            };
            match start(&beat) {
                Ok(a) => (a, beat),
                Err(_) => return,
            }
        }
    };
    play.kind = PlayKind::Trial {
        attempt: next,
        from: next_from,
    };
}

#[cfg(test)]
mod tests {
    use super::changed_paths;
    use notify::event::{AccessKind, AccessMode, CreateKind, DataChange, EventKind, ModifyKind};
    use std::path::PathBuf;

    fn event(kind: EventKind) -> notify::Result<notify::Event> {
        Ok(notify::Event::new(kind).add_path(PathBuf::from("/s/scenario.rhai")))
    }

    #[test]
    fn opening_a_file_is_not_a_change_but_writing_one_is() {
        assert!(
            changed_paths(event(EventKind::Access(AccessKind::Open(AccessMode::Any)))).is_empty()
        );
        assert!(changed_paths(event(EventKind::Access(AccessKind::Close(
            AccessMode::Read
        ))))
        .is_empty());
        for kind in [
            EventKind::Access(AccessKind::Close(AccessMode::Write)),
            EventKind::Modify(ModifyKind::Data(DataChange::Any)),
            EventKind::Create(CreateKind::File),
        ] {
            assert_eq!(
                changed_paths(event(kind)),
                vec![PathBuf::from("/s/scenario.rhai")]
            );
        }
    }
}
