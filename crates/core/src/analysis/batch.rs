//! Batch mode for `rehearse analyze`: one utterance per input line, one JSON
//! object (or a readable explanation) per output line, in input order.
//! Lines are streamed one at a time, so memory stays flat.

use super::{Analyser, Analysis};
use serde::{Deserialize, Serialize};
use std::io::{self, BufRead, Read, Write};

/// Longest input line accepted, in bytes (a JSONL line carries the
/// utterance, the persona line and JSON escapes). Longer lines are reported
/// as failed and skipped without being held in memory.
pub const MAX_LINE_BYTES: usize = 256 * 1024;

/// Counts from one batch run.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct BatchSummary {
    /// Input lines read.
    pub lines: usize,
    /// Lines that produced an error object instead of an analysis.
    pub failed: usize,
    /// The first line that failed, if any (1-based), for the summary message.
    pub first_failed_line: Option<usize>,
}

#[derive(Deserialize)]
struct JsonlLine {
    text: Option<String>,
    #[serde(default)]
    previous: Option<String>,
}

#[derive(Serialize)]
struct Record<'a> {
    #[serde(flatten)]
    analysis: &'a Analysis,
    line: usize,
}

#[derive(Serialize)]
struct Failure<'a> {
    line: usize,
    error: &'a str,
}

/// Reads one line into `buf` (without the line ending). Returns `Ok(None)` at
/// end of input and `Ok(Some(false))` when the line was over
/// [`MAX_LINE_BYTES`] (the rest of it is read and dropped).
fn read_line(input: &mut impl BufRead, buf: &mut Vec<u8>) -> io::Result<Option<bool>> {
    buf.clear();
    let limit = MAX_LINE_BYTES as u64 + 1;
    let n = input.by_ref().take(limit).read_until(b'\n', buf)?;
    if n == 0 {
        return Ok(None);
    }
    let complete = buf.last() == Some(&b'\n') || buf.len() <= MAX_LINE_BYTES;
    if !complete {
        // Drain the rest of the over-long line without keeping it.
        loop {
            let chunk = input.fill_buf()?;
            if chunk.is_empty() {
                break;
            }
            match chunk.iter().position(|&b| b == b'\n') {
                Some(p) => {
                    input.consume(p + 1);
                    break;
                }
                None => {
                    let len = chunk.len();
                    input.consume(len);
                }
            }
        }
        buf.clear();
        return Ok(Some(false));
    }
    if buf.last() == Some(&b'\n') {
        buf.pop();
    }
    if buf.last() == Some(&b'\r') {
        buf.pop();
    }
    Ok(Some(true))
}

fn parse<'b>(
    raw: &'b [u8],
    jsonl: bool,
) -> Result<(std::borrow::Cow<'b, str>, Option<String>), String> {
    let line = std::str::from_utf8(raw)
        .map_err(|e| format!("invalid UTF-8 at byte {}", e.valid_up_to()))?;
    if !jsonl {
        return Ok((line.into(), None));
    }
    if line.trim().is_empty() {
        return Err("empty line: expected a JSON object with a \"text\" field".into());
    }
    let parsed: JsonlLine = serde_json::from_str(line).map_err(|e| format!("invalid JSON: {e}"))?;
    let text = parsed.text.ok_or("missing \"text\" field")?;
    Ok((text.into(), parsed.previous))
}

/// Analyses a stream of utterances with the English rules. See the module
/// docs and docs/analyser.md for the contract.
pub fn analyse_stream(
    input: impl BufRead,
    output: impl Write,
    jsonl: bool,
    explain: bool,
) -> io::Result<BatchSummary> {
    Analyser::english().analyse_stream(input, output, jsonl, explain)
}

impl Analyser {
    /// Batch mode with this analyser's language: reads UTF-8 lines (plain
    /// text, or JSONL `{"text": ..., "previous": ...}` when `jsonl`), and
    /// writes one compact JSON object per line (or a readable view when
    /// `explain`). A bad line writes `{"line": N, "error": "..."}` and is
    /// counted in `failed`; later lines are still processed.
    pub fn analyse_stream(
        &self,
        mut input: impl BufRead,
        mut output: impl Write,
        jsonl: bool,
        explain: bool,
    ) -> io::Result<BatchSummary> {
        let mut summary = BatchSummary::default();
        let mut buf = Vec::with_capacity(4096);
        while let Some(ok) = read_line(&mut input, &mut buf)? {
            summary.lines += 1;
            let line = summary.lines;
            let result = if ok {
                parse(&buf, jsonl).and_then(|(text, previous)| {
                    self.analyse(&text, previous.as_deref())
                        .map(|a| (text.into_owned(), a))
                        .map_err(|e| e.to_string())
                })
            } else {
                Err(format!("line longer than {MAX_LINE_BYTES} bytes"))
            };
            match result {
                Ok((text, analysis)) => {
                    if explain {
                        write_explanation(&mut output, line, &text, &analysis)?;
                    } else {
                        let json = serde_json::to_string(&Record {
                            analysis: &analysis,
                            line,
                        })
                        .map_err(io::Error::other)?;
                        writeln!(output, "{json}")?;
                    }
                }
                Err(message) => {
                    summary.failed += 1;
                    summary.first_failed_line.get_or_insert(line);
                    let json = serde_json::to_string(&Failure {
                        line,
                        error: &message,
                    })
                    .map_err(io::Error::other)?;
                    writeln!(output, "{json}")?;
                }
            }
        }
        output.flush()?;
        Ok(summary)
    }
}

/// The readable `--explain` view of one analysed line.
fn write_explanation(
    out: &mut impl Write,
    line: usize,
    text: &str,
    a: &Analysis,
) -> io::Result<()> {
    writeln!(out, "line {line}: {text}")?;
    if a.silence {
        writeln!(out, "  silence")?;
    }
    let q = match a.question {
        Some(k) => serde_json::to_string(&k)
            .map_err(io::Error::other)?
            .trim_matches('"')
            .to_string(),
        None => "none".to_string(),
    };
    writeln!(out, "  question: {q}")?;
    for hit in &a.rules {
        let (s, e) = (hit.span.start.min(text.len()), hit.span.end.min(text.len()));
        let highlighted = match (text.get(..s), text.get(s..e), text.get(e..)) {
            (Some(x), Some(y), Some(z)) => format!("{x}[{y}]{z}"),
            _ => text.to_string(),
        };
        writeln!(out, "  {:<22} {:<40} {}", hit.label, hit.rule, highlighted)?;
    }
    if !a.evidence.is_empty() {
        let ev: Vec<String> = a
            .evidence
            .iter()
            .map(|(c, v)| format!("{c} {v:+}"))
            .collect();
        writeln!(out, "  evidence: {}", ev.join(", "))?;
    }
    Ok(())
}
