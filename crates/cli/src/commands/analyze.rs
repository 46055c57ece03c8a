//! `rehearse analyze`: label free-text responses with a built-in analyser.

use crate::error::CmdResult;
use rehearse_core::analysis::Analyser;
use std::io::BufRead;
use std::path::Path;
use std::process::ExitCode;

/// Runs the command with the analyser of `language` ("en", "es").
pub fn run(file: Option<&Path>, jsonl: bool, explain: bool, language: &str) -> CmdResult {
    let analyser = Analyser::for_language(language)?;
    let input: Box<dyn BufRead> = match file {
        Some(p) => Box::new(std::io::BufReader::new(
            std::fs::File::open(p).map_err(|e| rehearse_core::Error::io(p, e))?,
        )),
        None => Box::new(std::io::stdin().lock()),
    };
    let stdout = std::io::stdout();
    let summary = analyser.analyse_stream(
        input,
        std::io::BufWriter::new(stdout.lock()),
        jsonl,
        explain,
    )?;
    if let (true, Some(first)) = (summary.failed > 0, summary.first_failed_line) {
        eprintln!(
            "rehearse: {} of {} line(s) could not be analysed, the first at line {first}; each is reported in the output as {{\"line\": N, \"error\": \"...\"}}",
            summary.failed, summary.lines
        );
        return Ok(ExitCode::from(1));
    }
    Ok(ExitCode::SUCCESS)
}
