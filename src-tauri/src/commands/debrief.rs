//! The debrief: the report of the current attempt, and saving it.

use crate::commands::ask_save_path;
use crate::error::{Error, Result};
use crate::state::{lock, Player, Records};
use crate::views::DebriefView;
use serde::Deserialize;
use std::path::PathBuf;
use tauri::{AppHandle, Runtime, State};

/// The debrief of the current attempt (graded by the core).
#[tauri::command]
pub fn attempt_report(
    player: State<'_, Player>,
    records: State<'_, Records>,
) -> Result<DebriefView> {
    let lang = crate::commands::locale::language_beside(&lock(&records.0));
    let guard = lock(&player.0);
    let play = guard.as_ref().ok_or_else(Error::no_conversation)?;
    let report = play.report(Some(&lock(&records.0)))?;
    Ok(DebriefView::in_language(&report, lang))
}

/// The formats a report can be saved in.
#[derive(Debug, Clone, Copy, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum ReportFormat {
    /// The core's `Report::to_markdown`.
    Markdown,
    /// The core's `Report::to_html`.
    Html,
}

/// The report of the current attempt in a format, with a file name to offer.
pub fn report_file(
    player: &Player,
    records: &Records,
    format: ReportFormat,
) -> Result<(String, String)> {
    let guard = lock(&player.0);
    let play = guard.as_ref().ok_or_else(Error::no_conversation)?;
    let report = play.report(Some(&lock(&records.0)))?;
    let stem = format!("rehearse-{}-report", report.scenario.id);
    Ok(match format {
        ReportFormat::Markdown => (format!("{stem}.md"), report.to_markdown()),
        ReportFormat::Html => (format!("{stem}.html"), report.to_html()),
    })
}

/// Saves the current report through the system's save dialog; returns the
/// file written, or nothing when the dialog was cancelled.
#[tauri::command]
pub async fn save_report<R: Runtime>(
    app: AppHandle<R>,
    player: State<'_, Player>,
    records: State<'_, Records>,
    format: ReportFormat,
) -> Result<Option<PathBuf>> {
    let (name, text) = report_file(&player, &records, format)?;
    let (filter, ext) = match format {
        ReportFormat::Markdown => ("Markdown", "md"),
        ReportFormat::Html => ("HTML", "html"),
    };
    let Some(path) = ask_save_path(&app, "Save the report", &name, filter, ext)? else {
        return Ok(None);
    };
    std::fs::write(&path, text).map_err(|e| Error::io(&path, e))?;
    Ok(Some(path))
}
