//! Checking scenario folders: the one verdict `rehearse check` prints and
//! the workbench lists, from the core's loader, linter and explorer.

use crate::error::ErrorView;
use rehearse_core::explore::{explore, Exploration};
use rehearse_core::lint;
use rehearse_core::response::ResponseAnalyser;
use rehearse_core::scenario::finding::{Finding, Severity};
use rehearse_core::scenario::{self, translation};
use serde::Serialize;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// One finding as a front end shows it: the core's finding, the file as
/// the trainer knows it, and what its code means in general.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct FindingView {
    /// The finding (code, severity, location with the full file path, message).
    #[serde(flatten)]
    pub finding: Finding,
    /// The file, relative to the folder checked when it lies inside it.
    pub file: String,
    /// What the code means in general, from the core's catalogue.
    pub explanation: &'static str,
}

/// One scenario folder with the checker's verdict.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ScenarioCheck {
    /// The scenario folder.
    pub path: PathBuf,
    /// The scenario's id, when its script loaded.
    pub id: Option<String>,
    /// Its title, when its script loaded.
    pub title: Option<String>,
    /// What to call it in a list: the title, else the id, else the folder's name.
    pub name: String,
    /// How many findings are errors.
    pub errors: usize,
    /// How many findings are warnings.
    pub warnings: usize,
    /// Every finding: the checker's in source order, then the explorer's.
    pub findings: Vec<FindingView>,
    /// What the explorer found, when it was asked to explore and nothing blocked it.
    pub exploration: Option<Exploration>,
}

impl ScenarioCheck {
    /// Runtime errors the explorer met (its walks' and the gaming audit's).
    pub fn runtime_errors(&self) -> usize {
        self.exploration
            .as_ref()
            .map_or(0, |e| e.errors.len() + e.audit.errors.len())
    }
}

/// A folder's scenarios, checked.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct FolderCheck {
    /// The folder.
    pub folder: PathBuf,
    /// Its scenarios, in folder order.
    pub scenarios: Vec<ScenarioCheck>,
}

/// Random walks for the explorer: how many, from which seed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Walks {
    /// Number of seeded random playthroughs (the gaming audit runs as well).
    pub count: u32,
    /// The first seed.
    pub seed: u64,
}

/// Checks one scenario folder: load (an unreadable folder is an `E041`
/// finding, not an error), lint with the analyser of the scenario's own
/// language (English when it has none; a language without an analyser is
/// already a finding of the loader), and explore when `walks` is given and
/// no error blocks it. Telegraphing errors do not block the explorer: its
/// gaming audit shows how they are exploited. `shown_from` is the folder
/// findings' files are shown relative to.
pub fn scenario(
    dir: &Path,
    shown_from: Option<&Path>,
    walks: Option<Walks>,
    fallback: &Arc<dyn ResponseAnalyser>,
) -> ScenarioCheck {
    let loaded = scenario::load_for_check(dir);
    let analyser = loaded
        .scenario
        .as_ref()
        .and_then(|s| translation::analyser_for(s).ok())
        .unwrap_or_else(|| Arc::clone(fallback));
    let mut checked = lint::check(loaded, Arc::clone(&analyser));
    let blocking = checked
        .findings
        .iter()
        .filter(|f| f.severity == Severity::Error)
        .any(|f| !lint::TELEGRAPH_ERRORS.contains(&f.code));
    let exploration = match (&checked.scenario, walks) {
        (Some(s), Some(w)) if !blocking => Some(explore(s, w.count, w.seed, analyser)),
        _ => None,
    };
    if let Some(e) = &exploration {
        checked.findings.extend(e.audit.findings.iter().cloned());
    }
    let errors = checked.errors();
    let id = checked.scenario.as_ref().map(|s| s.id().to_string());
    let title = checked.scenario.as_ref().map(|s| s.def.meta.title.clone());
    let folder_name = dir
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| dir.display().to_string());
    ScenarioCheck {
        path: dir.to_path_buf(),
        name: title.clone().or_else(|| id.clone()).unwrap_or(folder_name),
        id,
        title,
        warnings: checked.findings.len() - errors,
        errors,
        findings: checked
            .findings
            .into_iter()
            .map(|f| view(f, shown_from))
            .collect(),
        exploration,
    }
}

/// Checks every scenario folder in `folder` (the folder itself when it is
/// one), showing files relative to it; no exploration. A folder that does
/// not exist or cannot be listed is an error naming it.
pub fn folder(folder: &Path) -> crate::Result<FolderCheck> {
    let dirs = rehearse_core::library::expand(&[folder.to_path_buf()])?;
    let english = rehearse_core::response::english();
    Ok(FolderCheck {
        folder: folder.to_path_buf(),
        scenarios: dirs
            .iter()
            .map(|d| scenario(d, Some(folder), None, &english))
            .collect(),
    })
}

fn view(f: Finding, shown_from: Option<&Path>) -> FindingView {
    let file = shown_from
        .and_then(|root| f.location.file.strip_prefix(root).ok())
        .unwrap_or(&f.location.file)
        .display()
        .to_string();
    FindingView {
        explanation: f.code.meaning(),
        file,
        finding: f,
    }
}

/// What the desktop's workbench-changed event carries, one shape whatever
/// happened: the folder's new check, or the `{code, message}` error that
/// stopped it.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct FolderChanged {
    /// The new check, when the folder could be read.
    pub check: Option<FolderCheck>,
    /// Why there is no check.
    pub error: Option<ErrorView>,
}

impl From<crate::Result<FolderCheck>> for FolderChanged {
    fn from(checked: crate::Result<FolderCheck>) -> Self {
        match checked {
            Ok(check) => FolderChanged {
                check: Some(check),
                error: None,
            },
            Err(error) => FolderChanged {
                check: None,
                error: Some(ErrorView::from(&error)),
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_folder_that_cannot_be_read_is_a_finding_with_a_catalogued_code() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("broken");
        std::fs::create_dir_all(&dir).unwrap();
        // A scenario folder whose script is a folder, not a file.
        std::fs::create_dir_all(dir.join("scenario.rhai")).unwrap();
        let english = rehearse_core::response::english();
        let c = scenario(&dir, Some(tmp.path()), None, &english);
        assert_eq!(c.errors, 1, "{c:?}");
        assert_eq!(c.id, None);
        assert_eq!(c.name, "broken");
        let f = &c.findings[0];
        assert_eq!(f.finding.code, "E041");
        assert!(!f.explanation.is_empty(), "E041 is in the code table");
        assert!(f.finding.message.contains("not a regular file"), "{f:?}");
        assert_eq!(f.file, "broken");
    }

    #[test]
    fn every_bundled_scenario_checks_clean_with_its_title_and_relative_files() {
        let bundled = rehearse_core::library::bundled_dir().unwrap();
        let checked = folder(&bundled).unwrap();
        assert!(checked.scenarios.len() >= 9);
        for c in &checked.scenarios {
            assert_eq!(c.errors, 0, "{}: {:?}", c.path.display(), c.findings);
            assert_eq!(c.title.as_deref(), Some(c.name.as_str()));
            for f in &c.findings {
                assert!(!f.file.starts_with('/'), "{}", f.file);
                assert!(!f.explanation.is_empty(), "{}", f.finding.code);
            }
        }
    }

    #[test]
    fn a_broken_script_is_reported_at_its_line_and_not_explored() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("typo");
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("scenario.rhai"), "let x = ;\n").unwrap();
        let english = rehearse_core::response::english();
        let c = scenario(
            &dir,
            Some(tmp.path()),
            Some(Walks { count: 5, seed: 1 }),
            &english,
        );
        assert!(c.errors >= 1);
        assert!(c.exploration.is_none(), "an error blocks the explorer");
        let f = &c.findings[0];
        assert_eq!(f.finding.code, "E001");
        assert_eq!(f.file, "typo/scenario.rhai");
        assert_eq!(f.finding.location.line, 1);
        let json = serde_json::to_value(&c).unwrap();
        assert_eq!(json["findings"][0]["location"]["line"], 1);
        assert_eq!(json["findings"][0]["code"], "E001");
    }
}
