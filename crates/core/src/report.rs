//! The attempt report: a stable JSON document and a Markdown rendering.
//!
//! The JSON schema is documented in `docs/report-schema.md`; its `schema`
//! field names the version, and fields are only ever added.

use crate::attempt::{Attempt, FlagOutcome, Input, Mode, Turn};
use crate::grading::{CompetencyGrade, Grade, Level, RedFlagGrade};
use crate::locale::{messages, Arg, Language};
use crate::scenario::Node;
use serde::{Deserialize, Serialize};
use std::fmt::Write as _;

/// The schema id every report carries.
pub const REPORT_SCHEMA: &str = "rehearse.report.v1";

/// Which scenario, exactly, an attempt used.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ScenarioIdentity {
    /// Scenario id.
    pub id: String,
    /// Its version.
    pub version: String,
    /// SHA-256 of its files.
    pub content_hash: String,
    /// Its title, as shown to people.
    pub title: String,
}

/// The ending reached.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EndingReport {
    /// Ending id.
    pub id: String,
    /// The ending's debrief, in Markdown.
    pub debrief: Option<String>,
}

/// A stronger response for a weak turn.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ModelResponse {
    /// The weak turn.
    pub turn: u32,
    /// Its beat.
    pub beat: String,
    /// What the trainee did.
    pub you: String,
    /// A stronger response from the scenario.
    pub stronger: String,
    /// Why it is stronger (its evidence reasons).
    pub why: String,
}

/// The stylesheet of [`Report::to_html`].
const REPORT_CSS: &str =
    "body{font:16px/1.5 system-ui,sans-serif;color:#1d2a2a;background:#fff;margin:0}\n\
main{max-width:60rem;margin:2rem auto;padding:0 1.5rem}\n\
h1,h2{color:#174f4c}\ntable{border-collapse:collapse;width:100%}\n\
th,td{border:1px solid #c9d3d2;padding:.35rem .5rem;text-align:left;vertical-align:top}\n\
blockquote{border-left:4px solid #a33a2b;margin:1rem 0;padding:.25rem 1rem;background:#fbeeea}\n";

/// The full attempt report.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Report {
    /// Always [`REPORT_SCHEMA`].
    pub schema: String,
    /// The scenario.
    pub scenario: ScenarioIdentity,
    /// Practice or assessment.
    pub mode: Mode,
    /// Seed (replays the attempt with the same inputs).
    pub seed: u64,
    /// Whether the conversation reached an ending.
    pub completed: bool,
    /// The ending, when reached.
    pub ending: Option<EndingReport>,
    /// Pass or fail (meaningful once completed).
    pub passed: bool,
    /// Critical errors: missed red flags.
    pub critical: Vec<String>,
    /// Why it did not pass.
    pub reasons: Vec<String>,
    /// All 15 competencies.
    pub competencies: Vec<CompetencyGrade>,
    /// Red flags.
    pub red_flags: Vec<RedFlagGrade>,
    /// The turns, with analyser labels and evidence.
    pub turns: Vec<Turn>,
    /// Stronger responses for the weak turns.
    pub model_responses: Vec<ModelResponse>,
    /// Conversation measures over the free-text and menu turns.
    pub measures: crate::analysis::ConversationMeasures,
    /// Trainer overrides applied to this report (records only), oldest
    /// first; each keeps the original grade beside the new one.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub moderation: Vec<ModerationNote>,
}

/// A trainer's override as shown in a report: the original grade stays visible.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ModerationNote {
    /// What was overridden: `competency` or `red_flag`.
    pub kind: String,
    /// The competency id or red-flag category.
    pub item: String,
    /// The grade the engine gave.
    pub original: String,
    /// The grade before this override (the original, or an earlier override).
    pub before: String,
    /// The grade after it.
    pub after: String,
    /// The trainer's written reason.
    pub reason: String,
    /// The trainer's display name.
    pub trainer: String,
    /// When (RFC 3339, UTC).
    pub at: String,
}

fn describe_input(t: &Turn, lang: Language) -> String {
    match (&t.input, &t.said) {
        (Input::Silence, _) => messages(lang).text("report-stayed-silent").into(),
        (_, Some(s)) => s.clone(),
        (_, None) => String::new(),
    }
}

/// Conversation measures over every turn: free-text turns use their stored
/// analysis; menu choices are analysed here, for the measures only (a
/// choice's grading comes from its author-declared evidence).
fn measures(turns: &[Turn]) -> crate::analysis::ConversationMeasures {
    let choice_analyses: Vec<Option<crate::analysis::Analysis>> = turns
        .iter()
        .map(|t| match (&t.input, &t.said) {
            (Input::Choice { .. }, Some(text)) => {
                crate::analysis::analyse(text, Some(&crate::markdown::to_plain(&t.persona_line)))
                    .ok()
            }
            _ => None,
        })
        .collect();
    crate::analysis::measure(turns.iter().zip(&choice_analyses).map(|(t, own)| {
        crate::analysis::MeasuredTurn {
            supporter: t.said.as_deref(),
            analysis: t.analysis.as_ref().or(own.as_ref()),
            persona_line: &t.persona_line,
        }
    }))
}

impl Attempt {
    /// The report of the attempt as it stands.
    pub fn report(&self) -> Report {
        let scenario = self.scenario();
        let Grade {
            passed,
            critical,
            reasons,
            competencies,
            red_flags,
        } = self.grade();
        let missed_flag = red_flags.iter().any(|f| f.outcome == FlagOutcome::Missed);
        let ending = self
            .ending()
            .and_then(|id| scenario.ending(id))
            .map(|e| EndingReport {
                id: e.id.clone(),
                debrief: e.debrief_for(missed_flag).map(str::to_string),
            });
        let missed_turns: Vec<u32> = red_flags
            .iter()
            .filter(|f| f.outcome == FlagOutcome::Missed)
            .flat_map(|f| f.sign_turn..f.sign_turn + f.window)
            .collect();
        let mut model_responses = Vec::new();
        for t in self.turns() {
            if t.net() >= 0 && !missed_turns.contains(&t.number) {
                continue;
            }
            let Some(Node::Beat(beat)) = scenario.node(&t.beat) else {
                continue;
            };
            let best_choice = beat.choices.iter().max_by_key(|c| c.outcome.net());
            let best_route = beat
                .free_text
                .iter()
                .flat_map(|f| f.routes.iter())
                .filter(|r| !r.examples.is_empty())
                .max_by_key(|r| r.outcome.net());
            let candidate = match (best_choice, best_route) {
                (Some(c), Some(r)) if r.outcome.net() > c.outcome.net() => {
                    Some((r.examples[0].clone(), &r.outcome))
                }
                (Some(c), _) => Some((c.text.clone(), &c.outcome)),
                (None, Some(r)) => Some((r.examples[0].clone(), &r.outcome)),
                (None, None) => None,
            };
            if let Some((text, outcome)) = candidate {
                let flag_help = outcome
                    .shows
                    .iter()
                    .any(|b| b.group() == crate::behaviour::BehaviourGroup::RedFlagResponse);
                if outcome.net() > t.net() || flag_help {
                    let said = describe_input(t, Language::En);
                    if said == text {
                        continue;
                    }
                    model_responses.push(ModelResponse {
                        turn: t.number,
                        beat: t.beat.clone(),
                        you: said,
                        stronger: text,
                        why: outcome
                            .evidence
                            .iter()
                            .filter(|e| e.delta > 0)
                            .map(|e| e.reason.clone())
                            .collect::<Vec<_>>()
                            .join("; "),
                    });
                }
            }
        }
        Report {
            schema: REPORT_SCHEMA.into(),
            scenario: ScenarioIdentity {
                id: scenario.id().into(),
                version: scenario.def.meta.version.clone(),
                content_hash: scenario.source.content_hash.clone(),
                title: scenario.def.meta.title.clone(),
            },
            mode: self.mode(),
            seed: self.seed(),
            completed: self.is_ended(),
            ending,
            passed: passed && self.is_ended(),
            critical,
            reasons,
            competencies,
            red_flags,
            turns: self.turns().to_vec(),
            model_responses,
            measures: measures(self.turns()),
            moderation: Vec::new(),
        }
    }
}

impl Report {
    /// The report as Markdown, result first, in English.
    pub fn to_markdown(&self) -> String {
        self.to_markdown_in(Language::En)
    }

    /// Why it did not pass, in `lang`: the missed red flags, then the
    /// targeted competencies below competent (as the grade words them),
    /// then moderation's change of verdict, if any.
    pub fn reasons_in(&self, lang: Language) -> (Vec<String>, Vec<String>) {
        let critical: Vec<String> = self
            .red_flags
            .iter()
            .filter_map(|f| f.missed_reason(lang))
            .collect();
        let mut reasons = critical.clone();
        reasons.extend(self.competencies.iter().filter_map(|g| g.shortfall(lang)));
        // Moderation adds one reason when it changed the verdict.
        if !self.moderation.is_empty() && self.reasons.len() > reasons.len() {
            let id = if self.passed {
                "reason-moderated-pass"
            } else {
                "reason-moderated-fail"
            };
            reasons.push(messages(lang).text(id).to_string());
        }
        (critical, reasons)
    }

    /// The report as Markdown, result first, with its headings, verdict,
    /// competency names and reasons in `lang` (scenario text as written).
    pub fn to_markdown_in(&self, lang: Language) -> String {
        let m = messages(lang);
        let mut out = String::new();
        let _ = writeln!(
            out,
            "# {}\n",
            m.get(
                "report-title",
                &[("title", Arg::from(&self.scenario.title))]
            )
        );
        let verdict = match (self.completed, self.passed) {
            (false, _) => "report-verdict-in-progress",
            (true, true) => "report-verdict-passed",
            (true, false) => "report-verdict-not-passed",
        };
        let mode = match self.mode {
            Mode::Practice => "report-mode-practice",
            Mode::Assessment => "report-mode-assessment",
        };
        let _ = writeln!(
            out,
            "{}\n",
            m.get(
                "report-result",
                &[
                    ("verdict", m.text(verdict).into()),
                    ("mode", m.text(mode).into())
                ]
            )
        );
        let (critical, reasons) = self.reasons_in(lang);
        for c in &critical {
            let _ = writeln!(out, "> **{}** {c}\n", m.text("report-critical"));
        }
        if !reasons.is_empty() && self.completed {
            let _ = writeln!(out, "{}\n", m.text("report-why-not-passed"));
            for r in &reasons {
                let _ = writeln!(out, "- {r}");
            }
            out.push('\n');
        }
        let _ = writeln!(
            out,
            "## {}\n\n{}\n",
            m.text("report-competencies"),
            m.get(
                "report-framework",
                &[("citation", crate::competency::FRAMEWORK_CITATION.into())]
            )
        );
        let columns = [
            "report-column-competency",
            "report-column-targeted",
            "report-column-level",
            "report-column-score",
            "report-column-chances",
            "report-column-evidence",
        ]
        .map(|c| m.text(c));
        let _ = writeln!(out, "| {} |", columns.join(" | "));
        let _ = writeln!(out, "|---|---|---|---|---|---|");
        for g in &self.competencies {
            let score = g
                .score
                .map(|s| format!("{s:+.2}"))
                .unwrap_or_else(|| "—".into());
            let ev = g
                .evidence
                .iter()
                .map(|e| {
                    m.get(
                        "report-evidence",
                        &[
                            ("turn", e.turn.into()),
                            ("delta", format!("{:+}", e.delta).into()),
                            ("reason", Arg::from(&e.reason)),
                        ],
                    )
                })
                .collect::<Vec<_>>()
                .join("; ");
            let _ = writeln!(
                out,
                "| {} | {} | {} | {} | {} | {} |",
                g.competency.title_in(lang),
                if g.targeted {
                    m.text("report-targeted-yes")
                } else {
                    ""
                },
                if g.limited_evidence && g.level != Level::NotAssessed {
                    m.get(
                        "report-limited-evidence",
                        &[("level", g.level.label_in(lang).into())],
                    )
                } else {
                    g.level.label_in(lang).to_string()
                },
                score,
                g.opportunities,
                ev.replace('|', "\\|")
            );
        }
        let _ = writeln!(out, "\n## {}\n", m.text("report-red-flags"));
        if self.red_flags.is_empty() {
            let _ = writeln!(out, "{}", m.text("report-no-red-flag"));
        }
        for f in &self.red_flags {
            let outcome = match f.outcome {
                FlagOutcome::Recognised => m.get(
                    "report-flag-recognised",
                    &[("turns", format!("{:?}", f.turns).into())],
                ),
                FlagOutcome::Missed => match f.revoked_turn {
                    Some(t) => m.get("report-flag-missed-revoked", &[("turn", t.into())]),
                    None => m.text("report-flag-missed").to_string(),
                },
                FlagOutcome::Open => m.text("report-flag-open").to_string(),
            };
            let _ = writeln!(
                out,
                "- {}",
                m.get(
                    "report-flag-line",
                    &[
                        ("title", f.category.title_in(lang).into()),
                        ("turn", f.sign_turn.into()),
                        ("beat", Arg::from(&f.beat)),
                        ("outcome", outcome.into()),
                    ]
                )
            );
        }
        let ms = &self.measures;
        let _ = writeln!(out, "\n## {}\n", m.text("report-measures"));
        let pct = |v: Option<f64>| {
            v.map(|v| format!("{:.0}%", v * 100.0))
                .unwrap_or_else(|| "—".into())
        };
        let _ = writeln!(
            out,
            "- {}",
            m.get(
                "report-open-questions",
                &[
                    ("open", ms.open_questions.into()),
                    ("questions", ms.questions.into()),
                    ("share", pct(ms.open_question_share).into()),
                ]
            )
        );
        let _ = writeln!(
            out,
            "- {}",
            m.get(
                "report-reflections",
                &[
                    (
                        "ratio",
                        ms.reflection_to_question
                            .map(|r| format!("{r:.1}:1"))
                            .unwrap_or_else(|| "—".into())
                            .into()
                    ),
                    (
                        "band",
                        ms.miti_band
                            .map(|b| b.label_in(lang))
                            .unwrap_or_else(|| m.text("report-no-questions"))
                            .into()
                    ),
                ]
            )
        );
        let _ = writeln!(
            out,
            "- {}",
            m.get(
                "report-word-share",
                &[("share", pct(ms.supporter_word_share).into())]
            )
        );
        let _ = writeln!(
            out,
            "- {}",
            m.get("report-silences", &[("count", ms.silences_kept.into())])
        );
        if !self.model_responses.is_empty() {
            let _ = writeln!(out, "\n## {}\n", m.text("report-stronger"));
            for r in &self.model_responses {
                let you = match self.turns.iter().find(|t| t.number == r.turn) {
                    Some(t) if t.input == Input::Silence => describe_input(t, lang),
                    _ => r.you.clone(),
                };
                let _ = writeln!(
                    out,
                    "- {}",
                    m.get(
                        "report-stronger-line",
                        &[
                            ("turn", r.turn.into()),
                            ("you", you.into()),
                            ("stronger", Arg::from(&r.stronger)),
                            ("why", Arg::from(&r.why)),
                        ]
                    )
                );
            }
        }
        let _ = writeln!(out, "\n## {}\n", m.text("report-transcript"));
        for t in &self.turns {
            let _ = writeln!(
                out,
                "{}. **{}:** {}",
                t.number,
                m.text("report-persona"),
                crate::markdown::to_plain(&t.persona_line).replace('\n', " ")
            );
            let _ = writeln!(
                out,
                "   **{}:** {}",
                m.text("report-you"),
                describe_input(t, lang)
            );
            if let Some(a) = &t.analysis {
                let labels: Vec<&str> = a.behaviours.iter().map(|b| b.id()).collect();
                let _ = writeln!(
                    out,
                    "   *{}:* {}",
                    m.text("report-labels"),
                    if labels.is_empty() {
                        m.text("report-labels-none").to_string()
                    } else {
                        labels.join(", ")
                    }
                );
            }
        }
        if let Some(e) = &self.ending {
            let _ = writeln!(out, "\n## {}\n", m.text("report-debrief"));
            let _ = writeln!(
                out,
                "{}",
                e.debrief
                    .clone()
                    .unwrap_or_else(|| m.text("report-no-debrief").into())
            );
        }
        let _ = writeln!(
            out,
            "\n---\n{}",
            m.get(
                "report-footer",
                &[
                    ("id", Arg::from(&self.scenario.id)),
                    ("version", Arg::from(&self.scenario.version)),
                    ("hash", Arg::from(&self.scenario.content_hash)),
                    ("seed", self.seed.to_string().into()),
                ]
            )
        );
        out
    }

    /// The report as a standalone HTML document: the Markdown report
    /// rendered with [`crate::markdown::to_html`] (raw HTML in scenario text
    /// or in the trainee's words stays escaped) in a page with a small
    /// print-friendly stylesheet and no script.
    pub fn to_html(&self) -> String {
        self.to_html_in(Language::En)
    }

    /// [`Report::to_html`] in `lang` (the page's `lang` attribute follows).
    pub fn to_html_in(&self, lang: Language) -> String {
        let title = crate::markdown::to_html(&messages(lang).get(
            "report-title",
            &[("title", Arg::from(&self.scenario.title))],
        ));
        let title = title
            .trim()
            .trim_start_matches("<p>")
            .trim_end_matches("</p>");
        format!(
            "<!doctype html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n\
             <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n\
             <title>{title}</title>\n<style>\n{REPORT_CSS}</style>\n</head>\n<body>\n<main>\n{}</main>\n</body>\n</html>\n",
            lang.tag(),
            crate::markdown::to_html(&self.to_markdown_in(lang))
        )
    }

    /// Levels by competency id (used by scenario tests).
    pub fn level(&self, id: crate::competency::Competency) -> Level {
        self.competencies
            .iter()
            .find(|g| g.competency == id)
            .map_or(Level::NotAssessed, |g| g.level)
    }
}

#[cfg(test)]
mod tests {
    use crate::attempt::{Attempt, Input, Mode};
    use crate::scenario::{compile, source::ScenarioSource};
    use std::sync::Arc;

    #[test]
    fn html_export_escapes_scenario_and_trainee_html() {
        let script = r#"scenario(#{ id: "t", version: "1.0.0", title: "T <b>x</b>", summary: "s", setting: "x",
  minutes: 5, difficulty: "introductory", targets: ["atmosphere"], red_flags: [] });
persona("p", #{ name: "Pat", role: "Nurse" });
beat("a", #{ line: "I <script>alert(1)</script> can't", free_text: #{ otherwise: #{ next: "end" } },
  choices: [#{ text: "Hello", next: "end", evidence: #{ atmosphere: [2, "warm"] } }] });
ending("end", #{ line: "Bye", debrief: "Well *done*." });
"#;
        let loaded = compile(ScenarioSource::in_memory("mem/t", script));
        let scenario = Arc::new(loaded.scenario.expect("compiles"));
        let mut a =
            Attempt::start(scenario, Mode::Practice, 1, crate::response::english()).unwrap();
        a.respond(Input::FreeText {
            text: "<img src=x onerror=alert(1)> I'm here".into(),
        })
        .unwrap();
        let html = a.report().to_html();
        assert!(html.starts_with("<!doctype html>"));
        assert!(!html.contains("<script>"), "{html}");
        assert!(!html.contains("<img"), "{html}");
        assert!(!html.contains("<b>x</b>"), "{html}");
        assert!(html.contains("&lt;img"), "{html}");
        assert!(html.contains("<em>done</em>"), "{html}");
        assert!(html.contains("<table>"), "{html}");
    }
}
