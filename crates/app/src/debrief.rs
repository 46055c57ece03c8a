//! Saving a debrief: the graded report of an attempt as a Markdown or a
//! self-contained HTML file, in the interface's language, with the file
//! name a save dialog offers.

use rehearse_core::locale::Language;
use rehearse_core::report::Report;
use serde::Deserialize;

/// The formats a report can be saved in.
#[derive(Debug, Clone, Copy, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum ReportFormat {
    /// The core's Markdown report.
    Markdown,
    /// The core's self-contained HTML report.
    Html,
}

/// A report rendered for saving.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReportFile {
    /// The file name a save dialog proposes, with the scenario's id in it
    /// (`rehearse-SCENARIO-report.md`).
    pub name: String,
    /// The dialog's name for the file type.
    pub kind: &'static str,
    /// The extension, without its dot.
    pub extension: &'static str,
    /// The file's text.
    pub text: String,
}

/// `report` in `format`, written in `language` (the same words the debrief
/// screen shows).
pub fn report_file(report: &Report, format: ReportFormat, language: Language) -> ReportFile {
    let stem = format!("rehearse-{}-report", report.scenario.id);
    let (kind, extension, text) = match format {
        ReportFormat::Markdown => ("Markdown", "md", report.to_markdown_in(language)),
        ReportFormat::Html => ("HTML", "html", report.to_html_in(language)),
    };
    ReportFile {
        name: format!("{stem}.{extension}"),
        kind,
        extension,
        text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::{play_test, records_on};

    #[test]
    fn a_saved_report_is_in_the_language_asked_for_and_named_after_its_scenario() {
        let tmp = tempfile::tempdir().unwrap();
        let opened = records_on(tmp.path(), "2025-03-01");
        let ana = opened.store.add_trainee("Ana", None, None).unwrap();
        let c = play_test(&opened.store, ana.id, "near-miss", "strong path");
        let report = c.report(Some(&opened.store)).unwrap();
        let en = report_file(&report, ReportFormat::Markdown, Language::En);
        let es = report_file(&report, ReportFormat::Markdown, Language::Es);
        assert_eq!(en.name, "rehearse-near-miss-report.md");
        assert_ne!(en.text, es.text, "the Spanish report is in Spanish");
        let html = report_file(&report, ReportFormat::Html, Language::En);
        assert!(html.text.contains("<html") && html.name.ends_with(".html"));
        assert_eq!(html.extension, "html");
    }
}
