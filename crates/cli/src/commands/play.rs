//! `rehearse play`: play a scenario in the terminal or from an input script.

use super::analyser;
use crate::error::{CliError, CmdResult};
use rehearse_core::attempt::{Attempt, Mode, View};
use rehearse_core::markdown::to_plain;
use rehearse_core::testcase::{apply, parse_input, ScriptLine};
use rehearse_core::{library, rng, scenario};
use std::io::{BufRead, IsTerminal, Write};
use std::path::Path;
use std::process::ExitCode;
use std::sync::Arc;

/// Mode argument.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ModeArg {
    /// Hints and undo; never counts.
    Practice,
    /// No hints, no undo.
    Assessment,
}

fn show(view: &View, out: &mut impl Write) -> std::io::Result<()> {
    if let Some(r) = &view.reply {
        writeln!(out, "\n  {}", to_plain(r))?;
    }
    writeln!(out)?;
    if let Some(c) = &view.cue {
        writeln!(out, "  [{}]", to_plain(c))?;
    }
    writeln!(
        out,
        "  {} ({}): {}",
        view.speaker,
        view.role,
        to_plain(&view.line).replace("\n\n", "\n    ")
    )?;
    if view.ended {
        return Ok(());
    }
    if !view.meters.is_empty() {
        let meters: Vec<String> = view
            .meters
            .iter()
            .map(|m| format!("{} {}/{}", m.label, m.value, m.max))
            .collect();
        writeln!(out, "  ({})", meters.join(" · "))?;
    }
    writeln!(out)?;
    for (i, c) in view.choices.iter().enumerate() {
        writeln!(out, "  {}. {c}", i + 1)?;
    }
    let mut extra = vec!["/silence to stay silent".to_string()];
    if let Some(p) = &view.free_text {
        extra.insert(0, format!("or type your own words ({p})"));
    }
    if view.can_undo {
        extra.push("/undo".into());
    }
    writeln!(out, "  {}", extra.join(" · "))?;
    Ok(())
}

/// Runs the command.
pub fn run(
    name: &str,
    mode: ModeArg,
    seed: Option<u64>,
    input: Option<&Path>,
    json: bool,
) -> CmdResult {
    let dir = library::find(name)?;
    let s = Arc::new(scenario::load_playable(&dir)?);
    let mode = match mode {
        ModeArg::Practice => Mode::Practice,
        ModeArg::Assessment => Mode::Assessment,
    };
    let seed = seed.unwrap_or_else(rng::fresh_seed);
    let mut attempt = Attempt::start(Arc::clone(&s), mode, seed, analyser())?;
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    writeln!(
        out,
        "{} — {} (seed {seed})",
        s.def.meta.title,
        if mode == Mode::Practice {
            "practice"
        } else {
            "assessment"
        }
    )?;
    writeln!(out, "{}", s.def.meta.setting)?;
    let reader: Box<dyn BufRead> = match input {
        Some(p) => Box::new(std::io::BufReader::new(
            std::fs::File::open(p).map_err(|e| rehearse_core::Error::io(p, e))?,
        )),
        None => Box::new(std::io::stdin().lock()),
    };
    let interactive = input.is_none() && std::io::stdin().is_terminal();
    show(&attempt.view(), &mut out)?;
    let mut lines = reader.lines();
    let mut line_no = 0usize;
    while !attempt.is_ended() {
        if interactive {
            write!(out, "> ")?;
            out.flush()?;
        }
        let Some(line) = lines.next() else {
            writeln!(
                out,
                "\n(input ended before the conversation did; the attempt is incomplete)"
            )?;
            break;
        };
        line_no += 1;
        let line = line.map_err(|e| {
            CliError::Usage(format!("input line {line_no} is not valid UTF-8 text: {e}"))
        })?;
        if line.trim().is_empty() && input.is_some() {
            continue;
        }
        let parsed = match parse_input(&line) {
            Ok(p) => p,
            Err(e) => {
                if interactive {
                    writeln!(out, "  {e}")?;
                    continue;
                }
                return Err(CliError::Usage(format!("input line {line_no}: {e}")));
            }
        };
        if !interactive {
            let echo = match &parsed {
                ScriptLine::Undo => "/undo".to_string(),
                _ => line.trim().to_string(),
            };
            writeln!(out, "> {echo}")?;
        }
        match apply(&mut attempt, &parsed) {
            Ok(()) => {}
            Err(
                e @ (rehearse_core::Error::Input(_)
                | rehearse_core::Error::NotAllowed(_)
                | rehearse_core::Error::UtteranceTooLong { .. }),
            ) => {
                if interactive {
                    writeln!(out, "  {e}")?;
                    continue;
                }
                return Err(CliError::Usage(format!("input line {line_no}: {e}")));
            }
            Err(e) => return Err(e.into()),
        }
        if mode == Mode::Practice && !matches!(parsed, ScriptLine::Undo) {
            if let Some(t) = attempt.turns().last() {
                writeln!(out, "  hint: {}", t.hint)?;
            }
        }
        show(&attempt.view(), &mut out)?;
    }
    let report = attempt.report();
    writeln!(out)?;
    if json {
        writeln!(
            out,
            "{}",
            serde_json::to_string_pretty(&report).map_err(std::io::Error::other)?
        )?;
    } else {
        writeln!(out, "{}", report.to_markdown())?;
    }
    Ok(if attempt.is_ended() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}
