//! Structural checks of a compiled scenario's graph, run whenever a
//! scenario loads: every target exists, no dead ends, what the start
//! reaches, targets covered by positive evidence, warning signs listed and
//! recognisable within their windows, state that is used. The linter
//! ([`crate::lint`]) adds the checks that play the scenario.

use crate::behaviour::{Behaviour, BehaviourGroup};
use crate::competency::Competency;
use crate::scenario::beat::{Beat, Condition, Outcome};
use crate::scenario::finding::{Finding, FindingCode};
use crate::scenario::Scenario;
use std::collections::{BTreeSet, VecDeque};

pub(crate) fn finding(
    s: &Scenario,
    code: FindingCode,
    at: rhai::Position,
    message: String,
) -> Finding {
    Finding {
        code,
        severity: code.severity(),
        location: s.source.location(at),
        message,
    }
}

/// Ids reachable from the start.
pub fn reachable(s: &Scenario) -> BTreeSet<String> {
    reachable_from(s, &s.def.start)
}

/// Ids reachable from `from`, itself included.
pub fn reachable_from(s: &Scenario, from: &str) -> BTreeSet<String> {
    let mut seen = BTreeSet::new();
    let mut queue = VecDeque::from([from.to_string()]);
    while let Some(id) = queue.pop_front() {
        if !seen.insert(id.clone()) {
            continue;
        }
        if let Some(b) = s.beat(&id) {
            queue.extend(options(b).into_iter().flat_map(|(next, _)| next));
        }
    }
    seen
}

/// Every way to respond at a beat: where it can lead (`None` stays) and the
/// behaviours it can show. Free text is labelled by the analyser, so a
/// free-text response can show any red-flag response.
pub(crate) fn options(beat: &Beat) -> Vec<(Vec<String>, Vec<Behaviour>)> {
    let targets = |o: &Outcome| match &o.next {
        Some(t) => t.possible().into_iter().map(str::to_string).collect(),
        None => vec![beat.id.clone()],
    };
    let mut out: Vec<(Vec<String>, Vec<Behaviour>)> = beat
        .choices
        .iter()
        .map(|c| (targets(&c.outcome), c.outcome.shows.clone()))
        .collect();
    match &beat.silence {
        Some(o) => out.push((targets(o), o.shows.clone())),
        None => out.push((vec![beat.id.clone()], Vec::new())),
    }
    if let Some(ft) = &beat.free_text {
        let spoken: Vec<Behaviour> = Behaviour::ALL
            .into_iter()
            .filter(|b| b.group() == BehaviourGroup::RedFlagResponse)
            .collect();
        for r in &ft.routes {
            let mut shows = r.outcome.shows.clone();
            shows.extend(spoken.iter().copied());
            if let Condition::Labels(l) = &r.when {
                shows.extend(l.iter().copied());
            }
            out.push((targets(&r.outcome), shows));
        }
        let fallback = ft
            .otherwise
            .as_ref()
            .map_or_else(|| vec![beat.id.clone()], targets);
        let mut shows = ft
            .otherwise
            .as_ref()
            .map(|o| o.shows.clone())
            .unwrap_or_default();
        shows.extend(spoken);
        out.push((fallback, shows));
    }
    out
}

/// Whether the warning sign on `start` can be recognised within its window on some path.
fn recognisable(s: &Scenario, start: &Beat) -> bool {
    let Some(sign) = &start.red_flag else {
        return true;
    };
    let mut queue = VecDeque::from([(start.id.clone(), 0usize, 0u32)]);
    let mut seen = BTreeSet::new();
    while let Some((id, done, used)) = queue.pop_front() {
        if used >= sign.window || !seen.insert((id.clone(), done, used)) {
            continue;
        }
        let Some(beat) = s.beat(&id) else { continue };
        for (next, shows) in options(beat) {
            let d = sign.advance(done, &shows);
            if d >= sign.recognise.len() {
                return true;
            }
            for n in next {
                queue.push_back((n, d, used + 1));
            }
        }
    }
    false
}

/// Structural findings: targets, dead ends, reachability, coverage.
pub fn graph_findings(s: &Scenario) -> Vec<Finding> {
    let mut out = Vec::new();
    for beat in &s.def.beats {
        for o in beat.outcomes() {
            for t in o.next.iter().flat_map(|t| t.possible()) {
                if s.node(t).is_none() {
                    out.push(Finding {
                        code: FindingCode::E011,
                        severity: FindingCode::E011.severity(),
                        location: s.source.locate_literal(beat.at, t),
                        message: format!(
                            "beat \"{}\" goes to \"{t}\", which is neither a beat nor an ending",
                            beat.id
                        ),
                    });
                }
            }
        }
        let leaves = beat.outcomes().any(|o| {
            o.next
                .as_ref()
                .is_some_and(|t| t.possible().iter().any(|p| *p != beat.id))
        });
        if !leaves {
            out.push(finding(
                s,
                FindingCode::E012,
                beat.at,
                format!("dead end: beat \"{}\" is not an ending, but no response leads anywhere from it", beat.id),
            ));
        }
        for (i, c) in beat.choices.iter().enumerate() {
            if c.outcome.evidence.is_empty() {
                out.push(finding(
                    s,
                    FindingCode::W103,
                    beat.at,
                    format!(
                        "beat \"{}\", choice {} has no evidence, so it teaches nothing",
                        beat.id,
                        i + 1
                    ),
                ));
            }
        }
        if beat
            .free_text
            .as_ref()
            .is_some_and(|f| f.otherwise.is_none())
        {
            out.push(finding(
                s,
                FindingCode::W105,
                beat.at,
                format!("beat \"{}\": free text has no `otherwise`, so an unmatched response leaves the trainee on this beat", beat.id),
            ));
        }
        if let Some(sign) = &beat.red_flag {
            if !s.def.meta.red_flags.contains(&sign.category) {
                out.push(finding(s, FindingCode::E015, beat.at, format!("beat \"{}\" carries a {} warning sign, but scenario(...) does not list it in `red_flags`", beat.id, sign.category)));
            }
        }
    }
    if s.node(&s.def.start).is_none() && !s.def.start.is_empty() {
        out.push(finding(
            s,
            FindingCode::E011,
            rhai::Position::new(1, 1),
            format!("the start beat \"{}\" does not exist", s.def.start),
        ));
    }
    let reach = reachable(s);
    for b in &s.def.beats {
        if !reach.contains(&b.id) {
            out.push(finding(
                s,
                FindingCode::W101,
                b.at,
                format!("beat \"{}\" cannot be reached from the start", b.id),
            ));
        }
    }
    for b in &s.def.beats {
        if b.own_words && b.free_text.as_ref().is_none_or(|f| f.routes.is_empty()) {
            out.push(finding(
                s,
                FindingCode::E024,
                b.at,
                format!("beat \"{}\" asks for the trainee's own words in assessment, so it needs `free_text` with routes", b.id),
            ));
        }
    }
    let after_cue: BTreeSet<String> = s
        .def
        .beats
        .iter()
        .filter(|b| b.red_flag.is_some() && reach.contains(&b.id))
        .flat_map(|b| reachable_from(s, &b.id))
        .collect();
    for e in &s.def.endings {
        if after_cue.contains(&e.id)
            && !e.is_conditional()
            && e.debrief.as_ref().is_some_and(|d| !d.trim().is_empty())
        {
            out.push(finding(
                s,
                FindingCode::E025,
                e.at,
                format!("ending \"{}\" can be reached after a warning sign, so its debrief must depend on the outcome: debrief: #{{ recognised: \"...\", missed: \"...\" }}", e.id),
            ));
        }
        if !reach.contains(&e.id) {
            out.push(finding(
                s,
                FindingCode::W101,
                e.at,
                format!("ending \"{}\" cannot be reached from the start", e.id),
            ));
        }
        if e.debrief.as_ref().is_none_or(|d| d.trim().is_empty()) {
            out.push(finding(
                s,
                FindingCode::W102,
                e.at,
                format!("ending \"{}\" has no debrief", e.id),
            ));
        }
    }
    let meta_at = rhai::Position::new(1, 1);
    let reachable_beats: Vec<&Beat> = s
        .def
        .beats
        .iter()
        .filter(|b| reach.contains(&b.id))
        .collect();
    let shown: BTreeSet<Competency> = reachable_beats.iter().flat_map(|b| b.chances()).collect();
    for c in &s.def.meta.targets {
        if !shown.contains(c) {
            out.push(Finding {
                code: FindingCode::E020,
                severity: FindingCode::E020.severity(),
                location: s.source.locate_literal(meta_at, c.id()),
                message: format!("the scenario targets `{c}`, but no reachable response gives positive evidence for it"),
            });
        }
    }
    for category in &s.def.meta.red_flags {
        if !s
            .def
            .beats
            .iter()
            .any(|b| b.red_flag.as_ref().is_some_and(|f| f.category == *category))
        {
            out.push(Finding {
                code: FindingCode::E015,
                severity: FindingCode::E015.severity(),
                location: s.source.locate_literal(meta_at, category.id()),
                message: format!(
                    "`red_flags` lists {category}, but no beat carries that warning sign"
                ),
            });
        }
    }
    for b in reachable_beats {
        if b.red_flag.is_some() && !recognisable(s, b) {
            out.push(finding(s, FindingCode::E021, b.at, format!("the warning sign on beat \"{}\" cannot be recognised within its window on any path", b.id)));
        }
    }
    for var in &s.def.state {
        let uses = count_word(&s.source.script, &var.name);
        if var.hidden && uses > 1 && !is_read(&s.source.script, &var.name) {
            out.push(Finding {
                code: FindingCode::W109,
                severity: FindingCode::W109.severity(),
                location: s.source.locate_literal(meta_at, &var.name),
                message: format!(
                    "hidden state `{}` is changed but never read (as `s.{}` in a line, `next` or route): a hidden variable only matters when something reads it",
                    var.name, var.name
                ),
            });
        }
        if uses <= 1 {
            out.push(Finding {
                code: FindingCode::W104,
                severity: FindingCode::W104.severity(),
                location: s.source.locate_literal(meta_at, &var.name),
                message: format!(
                    "state variable `{}` is declared but never changed or read",
                    var.name
                ),
            });
        }
    }
    out
}

/// Whether a script reads state `name` as a field (`s.name`, whatever the
/// closure calls its state).
fn is_read(text: &str, name: &str) -> bool {
    let field = format!(".{name}");
    text.match_indices(&field).any(|(i, _)| {
        !text[i + field.len()..]
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_alphanumeric() || c == '_')
    })
}

fn count_word(text: &str, word: &str) -> usize {
    let is_ident = |c: char| c.is_ascii_alphanumeric() || c == '_';
    text.match_indices(word)
        .filter(|(i, _)| {
            let before = text[..*i].chars().next_back();
            let after = text[i + word.len()..].chars().next();
            !before.is_some_and(is_ident) && !after.is_some_and(is_ident)
        })
        .count()
}
