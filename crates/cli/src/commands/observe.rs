//! `rehearse observe rubric|record|list|show|agreement`: observed
//! role-play. A trainer scores a live role-play with a human partner
//! against the 15 competencies and the red flags, with timestamped notes;
//! the core stores, checks and compares it (docs/observed.md).

use super::trainer_name;
use super::{passphrase, Records};
use crate::error::{CliError, CmdResult};
use clap::Subcommand;
use rehearse_core::grading::Level;
use rehearse_core::observation::{
    rubric, AgreementReport, NewObservation, Note, Observation, Partner,
};
use std::process::ExitCode;

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum ObserveAction {
    /// Print the rubric: what each level of each competency looks like, and
    /// what recognising or missing each red flag looks like.
    Rubric {
        /// JSON output.
        #[arg(long)]
        json: bool,
    },
    /// Record an observed assessment (trainers only; passphrase from
    /// REHEARSE_TRAINER_PASSPHRASE or asked for).
    Record {
        /// Trainee id or name.
        trainee: String,
        /// Who played the second victim: trainee or actor.
        #[arg(long, value_name = "PARTNER")]
        partner: String,
        /// The scenario used as the role-play's brief.
        #[arg(long, value_name = "ID")]
        scenario: Option<String>,
        /// When the role-play started (default: now).
        #[arg(long, value_name = "DATETIME")]
        at: Option<String>,
        /// A competency's level, as COMPETENCY=LEVEL (repeat; unscored ones are not assessed).
        #[arg(long = "level", value_name = "COMPETENCY=LEVEL", required = true)]
        levels: Vec<String>,
        /// A red flag the role-play presented, as CATEGORY=recognised|missed (repeat).
        #[arg(long = "red-flag", value_name = "CATEGORY=OUTCOME")]
        red_flags: Vec<String>,
        /// A timestamped note, "TIME [COMPETENCY:] TEXT", e.g. "04:12 open_questions: asks how the night was" (repeat).
        #[arg(long = "note", value_name = "NOTE")]
        notes: Vec<String>,
        /// The trainer (name or id); may be left out when there is only one.
        #[arg(long, value_name = "NAME")]
        trainer: Option<String>,
        /// JSON output.
        #[arg(long)]
        json: bool,
    },
    /// List observed assessments, oldest first.
    List {
        /// Only this trainee (id or name).
        trainee: Option<String>,
        /// JSON output.
        #[arg(long)]
        json: bool,
    },
    /// One observed assessment with its levels, their descriptors and the notes.
    Show {
        /// The observation id.
        observation: String,
        /// JSON output.
        #[arg(long)]
        json: bool,
    },
    /// Automated and observed results side by side, with their agreement
    /// per competency (percent agreement and Cohen's kappa over paired trainees).
    Agreement {
        /// Only trainees of this organisation.
        #[arg(long, value_name = "O")]
        organisation: Option<String>,
        /// JSON output.
        #[arg(long)]
        json: bool,
    },
}

fn json_out<T: serde::Serialize>(v: &T) -> CmdResult {
    println!(
        "{}",
        serde_json::to_string_pretty(v).map_err(std::io::Error::other)?
    );
    Ok(ExitCode::SUCCESS)
}

fn pair<'a>(given: &'a str, what: &str) -> Result<(&'a str, &'a str), CliError> {
    given
        .split_once('=')
        .map(|(k, v)| (k.trim(), v.trim()))
        .ok_or_else(|| CliError::Usage(format!("{what} is ID=VALUE, not \"{given}\"")))
}

/// Runs a subcommand.
pub fn run(records: &Records, action: ObserveAction) -> CmdResult {
    match action {
        ObserveAction::Rubric { json } => print_rubric(json),
        ObserveAction::Record {
            trainee,
            partner,
            scenario,
            at,
            levels,
            red_flags,
            notes,
            trainer,
            json,
        } => {
            let partner: Partner = partner
                .parse()
                .map_err(|e| CliError::Usage(format!("--partner: {e}")))?;
            let level_pairs = levels
                .iter()
                .map(|l| pair(l, "--level"))
                .collect::<Result<Vec<_>, _>>()?;
            let parsed = rehearse_app::observation::parse_levels(level_pairs)
                .map_err(|e| CliError::Usage(format!("--level: {e}")))?;
            let flag_pairs = red_flags
                .iter()
                .map(|f| pair(f, "--red-flag"))
                .collect::<Result<Vec<_>, _>>()?;
            let flags = rehearse_app::observation::parse_red_flags(flag_pairs)
                .map_err(|e| CliError::Usage(format!("--red-flag: {e}")))?;
            let notes = notes
                .iter()
                .map(|n| Note::parse(n).map_err(|e| CliError::Usage(format!("--note: {e}"))))
                .collect::<Result<Vec<_>, _>>()?;
            let store = records.open(None)?;
            let t = store.find_trainee(&trainee)?;
            let observed_at = match at {
                Some(a) => rehearse_core::clock::parse_instant(&a)?,
                None => store.clock().now(),
            };
            let name = trainer_name(&store, trainer.as_deref())?;
            let pass = passphrase(&format!("passphrase for trainer {name}"))?;
            let (o, status) = rehearse_app::observation::record_new(
                &store,
                &name,
                &pass,
                NewObservation {
                    trainee: t.id,
                    partner,
                    scenario_id: scenario,
                    observed_at,
                    levels: parsed,
                    red_flags: flags,
                    notes,
                },
            )?;
            if json {
                return json_out(&serde_json::json!({ "observation": o, "status": status }));
            }
            println!(
                "observation {} of {} recorded: {} ({} competencies scored, {} note(s))",
                o.id,
                t.display_name,
                if o.passed { "passed" } else { "not passed" },
                o.levels
                    .iter()
                    .filter(|(_, l)| *l != Level::NotAssessed)
                    .count(),
                o.notes.len()
            );
            println!("{}: {}", t.display_name, status.headline());
            Ok(ExitCode::SUCCESS)
        }
        ObserveAction::List { trainee, json } => {
            let store = records.open(None)?;
            let trainee = match trainee {
                Some(t) => Some(store.find_trainee(&t)?.id),
                None => None,
            };
            let list = store.observations(trainee)?;
            if json {
                return json_out(&list);
            }
            if list.is_empty() {
                println!("no observed assessments");
            }
            for o in &list {
                println!("{}", line(o));
            }
            Ok(ExitCode::SUCCESS)
        }
        ObserveAction::Show { observation, json } => {
            let id = uuid::Uuid::parse_str(observation.trim()).map_err(|_| {
                CliError::Usage(format!(
                    "\"{observation}\" is not an observation id; `rehearse observe list` shows them"
                ))
            })?;
            let store = records.open(None)?;
            let o = store.observation(id)?;
            if json {
                return json_out(&o);
            }
            println!("{}", line(&o));
            for (c, l) in &o.levels {
                if *l != Level::NotAssessed {
                    println!(
                        "  {:<24} {:<11} {}",
                        c.id(),
                        l.id(),
                        rubric::descriptor(*c, *l)
                    );
                }
            }
            for (f, v) in &o.red_flags {
                println!("  red flag {}: {}", f.id(), v.id());
            }
            for n in &o.notes {
                let about = n.competency.map(|c| format!(" [{}]", c.id()));
                // A stored note is never empty: empty means erased with the trainee.
                let text = if n.text.is_empty() {
                    "(words erased)"
                } else {
                    &n.text
                };
                println!("  {}{} {}", n.elapsed(), about.unwrap_or_default(), text);
            }
            Ok(ExitCode::SUCCESS)
        }
        ObserveAction::Agreement { organisation, json } => {
            let store = records.open(None)?;
            let report = store.observation_agreement(organisation.as_deref())?;
            if json {
                return json_out(&report);
            }
            print_agreement(&report);
            Ok(ExitCode::SUCCESS)
        }
    }
}

fn line(o: &Observation) -> String {
    format!(
        "{} trainee {} observed {} by {} (partner: {}{}): {}",
        o.id,
        o.trainee,
        rehearse_core::clock::format_instant(o.observed_at),
        o.trainer_name,
        o.partner.id(),
        o.scenario_id
            .as_deref()
            .map(|s| format!(", brief {s}"))
            .unwrap_or_default(),
        if o.passed { "passed" } else { "not passed" }
    )
}

fn print_rubric(json: bool) -> CmdResult {
    let r = rubric::rubric();
    if json {
        return json_out(&r);
    }
    for row in &r.competencies {
        println!("{} ({}): {}", row.title, row.competency, row.description);
        for (level, text) in &row.levels {
            println!("  {level:<11} {text}");
        }
    }
    for f in &r.red_flags {
        println!("{} ({})", f.title, f.category);
        println!("  recognised  {}", f.recognised);
        println!("  missed      {}", f.missed);
    }
    Ok(ExitCode::SUCCESS)
}

fn percent(v: Option<f64>) -> String {
    v.map(|v| format!("{:.0}%", v * 100.0))
        .unwrap_or_else(|| "–".into())
}

fn kappa(v: Option<f64>) -> String {
    v.map(|v| format!("{v:.2}")).unwrap_or_else(|| "–".into())
}

fn print_agreement(r: &AgreementReport) {
    println!(
        "{} paired trainee(s); levels counted as not_yet/developing/competent/exemplary",
        r.trainees
    );
    println!(
        "{:<24} {:>5}  {:<13} {:<13} {:>7} {:>6} {:>9} {:>6}",
        "competency", "pairs", "automated", "observed", "level", "kappa", "threshold", "kappa"
    );
    let counts = |c: &[u32; 4]| format!("{}/{}/{}/{}", c[0], c[1], c[2], c[3]);
    for c in &r.competencies {
        println!(
            "{:<24} {:>5}  {:<13} {:<13} {:>7} {:>6} {:>9} {:>6}",
            c.competency.id(),
            c.pairs,
            counts(&c.automated),
            counts(&c.observed),
            percent(c.level_agreement),
            kappa(c.level_kappa),
            percent(c.threshold_agreement),
            kappa(c.threshold_kappa)
        );
    }
}
