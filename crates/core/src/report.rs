//! The attempt report: a stable JSON document and a Markdown rendering.
//!
//! The JSON schema is documented in `docs/report-schema.md`; its `schema`
//! field names the version, and fields are only ever added.

use crate::attempt::{Attempt, FlagOutcome, Input, Mode, Turn};
use crate::grading::{CompetencyGrade, Grade, Level, RedFlagGrade};
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
    /// Title.
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
    /// Mode.
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

fn describe_input(t: &Turn) -> String {
    match (&t.input, &t.said) {
        (Input::Silence, _) => "(stayed silent)".into(),
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
            .flat_map(|f| f.cue_turn..f.cue_turn + f.window)
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
                    let said = describe_input(t);
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
    /// The report as Markdown, result first.
    pub fn to_markdown(&self) -> String {
        let mut out = String::new();
        let _ = writeln!(out, "# {} — attempt report\n", self.scenario.title);
        let verdict = match (self.completed, self.passed) {
            (false, _) => "IN PROGRESS",
            (true, true) => "PASSED",
            (true, false) => "NOT PASSED",
        };
        let mode = match self.mode {
            Mode::Practice => "practice (does not count for certification)",
            Mode::Assessment => "assessment",
        };
        let _ = writeln!(out, "**Result: {verdict}** — {mode}\n");
        for c in &self.critical {
            let _ = writeln!(out, "> **Critical:** {c}\n");
        }
        if !self.reasons.is_empty() && self.completed {
            let _ = writeln!(out, "Why it did not pass:\n");
            for r in &self.reasons {
                let _ = writeln!(out, "- {r}");
            }
            out.push('\n');
        }
        let _ = writeln!(
            out,
            "## Competencies\n\nFramework: {}\n",
            crate::competency::FRAMEWORK_CITATION
        );
        let _ = writeln!(
            out,
            "| Competency | Targeted | Level | Score | Chances | Evidence |"
        );
        let _ = writeln!(out, "|---|---|---|---|---|---|");
        for g in &self.competencies {
            let score = g
                .score
                .map(|s| format!("{s:+.2}"))
                .unwrap_or_else(|| "—".into());
            let ev = g
                .evidence
                .iter()
                .map(|e| format!("turn {} {:+} {}", e.turn, e.delta, e.reason))
                .collect::<Vec<_>>()
                .join("; ");
            let _ = writeln!(
                out,
                "| {} | {} | {} | {} | {} | {} |",
                g.competency.title(),
                if g.targeted { "yes" } else { "" },
                if g.limited_evidence && g.level != Level::NotAssessed {
                    format!("{} (limited evidence: one chance)", g.level.label())
                } else {
                    g.level.label().to_string()
                },
                score,
                g.opportunities,
                ev.replace('|', "\\|")
            );
        }
        let _ = writeln!(out, "\n## Red flags\n");
        if self.red_flags.is_empty() {
            let _ = writeln!(out, "No red-flag cue came up on this path.");
        }
        for f in &self.red_flags {
            let outcome = match f.outcome {
                FlagOutcome::Recognised => format!("recognised (turns {:?})", f.turns),
                FlagOutcome::Missed => match f.revoked_turn {
                    Some(t) => format!("MISSED (revoked: turn {t} undid the safety step)"),
                    None => "MISSED".to_string(),
                },
                FlagOutcome::Open => "still open".to_string(),
            };
            let _ = writeln!(
                out,
                "- {} at turn {} (beat \"{}\"): {outcome}",
                f.category.title(),
                f.cue_turn,
                f.beat
            );
        }
        let m = &self.measures;
        let _ = writeln!(out, "\n## Conversation measures\n");
        let pct = |v: Option<f64>| {
            v.map(|v| format!("{:.0}%", v * 100.0))
                .unwrap_or_else(|| "—".into())
        };
        let _ = writeln!(
            out,
            "- Open questions: {} of {} questions ({})",
            m.open_questions,
            m.questions,
            pct(m.open_question_share)
        );
        let _ = writeln!(
            out,
            "- Reflections to questions: {} ({})",
            m.reflection_to_question
                .map(|r| format!("{r:.1}:1"))
                .unwrap_or_else(|| "—".into()),
            m.miti_band
                .map(|b| b.label().to_string())
                .unwrap_or_else(|| "no questions".into())
        );
        let _ = writeln!(
            out,
            "- Your share of the words: {}",
            pct(m.supporter_word_share)
        );
        let _ = writeln!(out, "- Silences kept: {}", m.silences_kept);
        if !self.model_responses.is_empty() {
            let _ = writeln!(out, "\n## Stronger responses\n");
            for r in &self.model_responses {
                let _ = writeln!(
                    out,
                    "- Turn {}: you said \"{}\". Stronger: \"{}\" — {}",
                    r.turn, r.you, r.stronger, r.why
                );
            }
        }
        let _ = writeln!(out, "\n## Transcript\n");
        for t in &self.turns {
            let _ = writeln!(
                out,
                "{}. **Persona:** {}",
                t.number,
                crate::markdown::to_plain(&t.persona_line).replace('\n', " ")
            );
            let _ = writeln!(out, "   **You:** {}", describe_input(t));
            if let Some(a) = &t.analysis {
                let labels: Vec<&str> = a.behaviours.iter().map(|b| b.id()).collect();
                let _ = writeln!(
                    out,
                    "   *Labels:* {}",
                    if labels.is_empty() {
                        "none".into()
                    } else {
                        labels.join(", ")
                    }
                );
            }
        }
        if let Some(e) = &self.ending {
            let _ = writeln!(out, "\n## Debrief\n");
            let _ = writeln!(
                out,
                "{}",
                e.debrief
                    .clone()
                    .unwrap_or_else(|| "(This ending has no debrief.)".into())
            );
        }
        let _ = writeln!(
            out,
            "\n---\nScenario {} v{} (sha256 {}), seed {}.",
            self.scenario.id, self.scenario.version, self.scenario.content_hash, self.seed
        );
        out
    }

    /// The report as a standalone HTML document: the Markdown report
    /// rendered with [`crate::markdown::to_html`] (raw HTML in scenario text
    /// or in the trainee's words stays escaped) in a page with a small
    /// print-friendly stylesheet and no script.
    pub fn to_html(&self) -> String {
        let title = crate::markdown::to_html(&format!("{} — attempt report", self.scenario.title));
        let title = title
            .trim()
            .trim_start_matches("<p>")
            .trim_end_matches("</p>");
        format!(
            "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
             <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n\
             <title>{title}</title>\n<style>\n{REPORT_CSS}</style>\n</head>\n<body>\n<main>\n{}</main>\n</body>\n</html>\n",
            crate::markdown::to_html(&self.to_markdown())
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
