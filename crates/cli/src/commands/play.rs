//! `rehearse play`: play a scenario in the terminal or from an input script.
//!
//! With `--trainee` the attempt is recorded turn by turn (a recorded
//! [`Conversation`]); an unfinished attempt of that trainee at that scenario is
//! resumed from its last committed turn. Both paths share one loop.

use super::Records;
use crate::error::{CliError, CmdResult};
use crate::i18n::{language, tr, tr_args};
use rehearse_app::attempt::Begun;
use rehearse_app::conversation::Conversation;
use rehearse_core::attempt::{Mode, View};
use rehearse_core::certification::Approval;
use rehearse_core::markdown::{to_terminal, TerminalStyle};
use rehearse_core::records::Store;
use rehearse_core::testcase::{parse_input, ScriptLine};
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

/// Dim italics on a terminal that shows them; brackets when the output is a
/// file or pipe, `NO_COLOR` is set or the terminal is `dumb`.
fn terminal_style() -> TerminalStyle {
    let plain = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty())
        || std::env::var("TERM").is_ok_and(|t| t == "dumb")
        || !std::io::stdout().is_terminal();
    if plain {
        TerminalStyle::Brackets
    } else {
        TerminalStyle::Ansi
    }
}

fn show(view: &View, out: &mut impl Write) -> std::io::Result<()> {
    let style = terminal_style();
    let to_plain = |md: &str| to_terminal(md, style);
    if let Some(n) = &view.notice {
        writeln!(out, "\n  ! {n}")?;
    }
    if let Some(r) = &view.reply {
        writeln!(out, "\n  {}", to_plain(r))?;
    }
    writeln!(out)?;
    if let Some(c) = &view.cue {
        // A cue is a stage direction as a whole, so it is bracketed once.
        writeln!(out, "  [{}]", rehearse_core::markdown::to_plain(c))?;
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
    let mut extra = vec![tr("cli-play-silence").to_string()];
    if let Some(p) = &view.free_text {
        let id = if view.choices.is_empty() {
            "cli-play-own-words"
        } else {
            "cli-play-or-own-words"
        };
        extra.insert(0, tr_args(id, &[("prompt", p.into())]));
    }
    if view.can_undo {
        extra.push(tr("cli-play-undo").into());
    }
    writeln!(out, "  {}", extra.join(" · "))?;
    Ok(())
}

/// What `play` was asked to do.
#[derive(Debug)]
pub struct Args<'a> {
    /// Scenario id or folder.
    pub scenario: &'a str,
    /// Practice or assessment.
    pub mode: ModeArg,
    /// Seed, random when absent.
    pub seed: Option<u64>,
    /// Input script instead of the keyboard.
    pub input: Option<&'a Path>,
    /// JSON report.
    pub json: bool,
    /// Record for this trainee (id or name).
    pub trainee: Option<&'a str>,
    /// The clock for the recorded attempt (`--at`).
    pub at: Option<&'a str>,
}

/// Runs the command.
pub fn run(records: &Records, args: Args<'_>) -> CmdResult {
    let dir = library::find(args.scenario)?;
    let s = Arc::new(scenario::load_playable(&dir)?);
    let mode = match args.mode {
        ModeArg::Practice => Mode::Practice,
        ModeArg::Assessment => Mode::Assessment,
    };
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    match args.trainee {
        None => {
            if args.at.is_some() {
                return Err(CliError::Usage(tr("cli-play-at-needs-trainee").into()));
            }
            let seed = args.seed.unwrap_or_else(rng::fresh_seed);
            let conversation =
                Conversation::start_unrecorded(dir, &s, language().tag(), mode, seed)?;
            play(conversation, None, &args, &mut out)
        }
        Some(who) => {
            let store = records.open(args.at)?;
            let trainee = store.find_trainee(who)?;
            // A new attempt is shown in the trainee's language (the
            // script's own when the scenario does not carry it); one left
            // open at this scenario is resumed in the language it began in.
            let (conversation, begun) = rehearse_app::attempt::resume_or_start(
                &store,
                trainee.id,
                dir,
                &s,
                language().tag(),
                mode,
                args.seed,
            )?;
            match &begun {
                Begun::Resumed {
                    pending: p,
                    kept_its_own,
                } => {
                    writeln!(
                        out,
                        "{}",
                        tr_args(
                            "cli-play-resuming",
                            &[
                                ("attempt", p.attempt.to_string().into()),
                                ("trainee", (&trainee.display_name).into()),
                                ("mode", mode_word(p.mode).into()),
                                ("seed", p.seed.to_string().into()),
                                ("saved", p.inputs.len().into()),
                                ("next", (p.inputs.len() + 1).into()),
                            ]
                        )
                    )?;
                    if *kept_its_own {
                        writeln!(out, "{}", tr("cli-play-keeps-mode"))?;
                    }
                }
                Begun::Started => {
                    writeln!(
                        out,
                        "{}",
                        tr_args(
                            "cli-play-recording",
                            &[
                                (
                                    "attempt",
                                    conversation.attempt_id().unwrap_or_default().into()
                                ),
                                ("trainee", (&trainee.display_name).into()),
                                ("path", store.path().display().to_string().into()),
                            ]
                        )
                    )?;
                }
            }
            let id = conversation.attempt_id().unwrap_or_default();
            if let Some(approval) = conversation.not_counted() {
                let why = match approval {
                    Approval::Unapproved | Approval::Approved => {
                        tr("cli-play-not-approved").to_string()
                    }
                    Approval::Withdrawn { on, reason, .. } => tr_args(
                        "cli-play-withdrawn",
                        &[("on", on.to_string().into()), ("reason", reason.into())],
                    ),
                };
                eprintln!(
                    "rehearse: {}",
                    tr_args(
                        "cli-play-does-not-count",
                        &[("scenario", s.id().into()), ("why", why.into())]
                    )
                );
            }
            let code = play(conversation, Some(&store), &args, &mut out)?;
            let status = store.status(trainee.id, store.clock().today())?;
            let saved = tr_args(
                "cli-play-saved",
                &[
                    ("attempt", id.into()),
                    ("status", status.headline_in(language()).into()),
                ],
            );
            if args.json {
                eprintln!("{saved}");
            } else {
                writeln!(out, "{saved}")?;
            }
            Ok(code)
        }
    }
}

fn mode_word(mode: Mode) -> &'static str {
    mode.label_in(language())
}

/// The one play loop, for plain and recorded attempts alike.
fn play(
    mut conversation: Conversation,
    store: Option<&Store>,
    args: &Args<'_>,
    out: &mut impl Write,
) -> CmdResult {
    let mode = conversation.attempt().mode();
    // The scenario as the attempt shows it (its language).
    let s = Arc::clone(conversation.attempt().scenario());
    writeln!(
        out,
        "{}",
        tr_args(
            "cli-play-heading",
            &[
                ("title", (&s.def.meta.title).into()),
                ("mode", mode_word(mode).into()),
                ("seed", conversation.attempt().seed().to_string().into()),
            ]
        )
    )?;
    writeln!(out, "{}", s.def.meta.setting)?;
    let input = args.input;
    let reader: Box<dyn BufRead> = match input {
        Some(p) => Box::new(std::io::BufReader::new(
            std::fs::File::open(p).map_err(|e| rehearse_core::Error::io(p, e))?,
        )),
        None => Box::new(std::io::stdin().lock()),
    };
    let interactive = input.is_none() && std::io::stdin().is_terminal();
    show(&conversation.attempt().view(), out)?;
    let mut lines = reader.lines();
    let mut line_no = 0usize;
    while !conversation.attempt().is_ended() {
        if interactive {
            write!(out, "> ")?;
        }
        out.flush()?;
        let Some(line) = lines.next() else {
            let id = if conversation.is_unrecorded() {
                "cli-play-input-ended"
            } else {
                "cli-play-input-ended-saved"
            };
            writeln!(out, "\n{}", tr(id))?;
            break;
        };
        line_no += 1;
        let line = line.map_err(|e| {
            CliError::Usage(tr_args(
                "cli-play-line-not-utf8",
                &[("line", line_no.into()), ("error", e.to_string().into())],
            ))
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
                return Err(input_line_error(line_no, &e));
            }
        };
        if !interactive {
            let echo = match &parsed {
                ScriptLine::Undo => "/undo".to_string(),
                _ => line.trim().to_string(),
            };
            writeln!(out, "> {echo}")?;
        }
        match conversation.apply(store, &parsed) {
            Ok(()) => {}
            Err(e) if e.is_refused_response() => {
                if interactive {
                    writeln!(out, "  {e}")?;
                    continue;
                }
                return Err(input_line_error(line_no, &e));
            }
            Err(e) => return Err(e.into()),
        }
        if mode == Mode::Practice && !matches!(parsed, ScriptLine::Undo) {
            if let Some(t) = conversation.attempt().turns().last() {
                writeln!(
                    out,
                    "  {}",
                    tr_args("cli-play-hint", &[("hint", (&t.hint).into())])
                )?;
            }
        }
        show(&conversation.attempt().view(), out)?;
    }
    let report = conversation.report(store)?;
    writeln!(out)?;
    if args.json {
        writeln!(
            out,
            "{}",
            serde_json::to_string_pretty(&report).map_err(std::io::Error::other)?
        )?;
    } else {
        writeln!(out, "{}", report.to_markdown_in(language()))?;
    }
    Ok(if conversation.attempt().is_ended() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

fn input_line_error(line: usize, e: &dyn std::fmt::Display) -> CliError {
    CliError::Usage(tr_args(
        "cli-play-input-line",
        &[("line", line.into()), ("error", e.to_string().into())],
    ))
}
