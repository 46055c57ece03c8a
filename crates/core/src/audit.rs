//! The gaming audit: can a trainee pass a scenario's assessment without
//! listening to anyone?
//!
//! `rehearse check --explore N` (and the workbench's explorer) plays every
//! scenario in assessment mode with naive strategies, each over a few seeds:
//! a fixed shown position, always the longest or the shortest option,
//! always silence, and a "keyword salad" that strings the analyser's
//! trigger phrases together. None of them should ever pass; random play
//! (the explorer's own walks) should pass in fewer than 2% of walks. The
//! audit also checks, from the turns themselves, that no red flag counts as
//! recognised unless some turn in its window showed an act (a referral or a
//! safety step; a safety step for a high-severity warning sign).

use crate::attempt::{Attempt, FlagOutcome, FlagTrack, Input, Mode, View};
use crate::behaviour::{Behaviour, BehaviourGroup};
use crate::red_flag::Severity as FlagSeverity;
use crate::response::ResponseAnalyser;
use crate::scenario::finding::{Finding, FindingCode};
use crate::scenario::Scenario;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::sync::Arc;

/// How many seeds each deterministic strategy is played with (`S..S+3`).
pub const AUDIT_SEEDS: u64 = 3;

/// Random play passing in this share of walks or more is an error (E035).
pub const RANDOM_PASS_LIMIT: f64 = 0.02;

/// What a strategy types where it has no menu to pick from.
pub const NEUTRAL_RESPONSE: &str = "Okay.";

/// The shown position the keyword salad picks at menu-only beats.
const SALAD_POSITION: usize = 1;

/// Passing seeds listed per strategy (the count is always complete).
const MAX_LISTED_SEEDS: usize = 10;

/// A way of playing a scenario without listening.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Strategy {
    /// Always the choice shown at this 1-based position (the last one when
    /// the menu is shorter).
    Position(usize),
    /// Always the longest shown choice.
    Longest,
    /// Always the shortest shown choice.
    Shortest,
    /// Always silence.
    Silence,
    /// At free-text beats, one response stringing the analyser's trigger
    /// phrases together; at menu-only beats, a fixed position.
    KeywordSalad,
    /// Uniform over the shown choices, silence, the neutral response and
    /// the beat's free-text route examples (the explorer's walks).
    Random,
}

impl Strategy {
    /// Stable id used in JSON: `position_2`, `longest`, `keyword_salad`...
    pub fn id(self) -> String {
        match self {
            Strategy::Position(n) => format!("position_{n}"),
            Strategy::Longest => "longest".into(),
            Strategy::Shortest => "shortest".into(),
            Strategy::Silence => "silence".into(),
            Strategy::KeywordSalad => "keyword_salad".into(),
            Strategy::Random => "random".into(),
        }
    }

    /// A short description for people.
    pub fn describe(self) -> String {
        match self {
            Strategy::Position(n) => format!("always shown choice {n}"),
            Strategy::Longest => "always the longest choice".into(),
            Strategy::Shortest => "always the shortest choice".into(),
            Strategy::Silence => "always silent".into(),
            Strategy::KeywordSalad => "keyword salad in free text".into(),
            Strategy::Random => "random play".into(),
        }
    }

    /// Whether a single pass is already an error (every strategy but random).
    pub fn naive(self) -> bool {
        self != Strategy::Random
    }

    /// The finding code a passing run of this strategy gets.
    pub fn code(self) -> FindingCode {
        match self {
            Strategy::Position(_) => FindingCode::E030,
            Strategy::Longest => FindingCode::E031,
            Strategy::Shortest => FindingCode::E032,
            Strategy::Silence => FindingCode::E033,
            Strategy::KeywordSalad => FindingCode::E034,
            Strategy::Random => FindingCode::E035,
        }
    }
}

/// How one strategy fared.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct StrategyResult {
    /// Stable id (`position_1`, `longest`, `shortest`, `silence`,
    /// `keyword_salad`, `random`).
    pub strategy: String,
    /// What it does, in words.
    pub description: String,
    /// Whether one pass is an error (false only for random play).
    pub naive: bool,
    /// Walks played.
    pub walks: u32,
    /// Walks that reached an ending and passed the assessment.
    pub passed: u32,
    /// Walks that hit the turn cap (counted as not passed).
    pub unfinished: u32,
    /// Walks stopped by a runtime error (counted as not passed).
    pub errors: u32,
    /// `passed / walks`, from 0 to 1.
    pub pass_rate: f64,
    /// The first few seeds that passed.
    pub passing_seeds: Vec<u64>,
}

/// A walk of the audit that stopped with a runtime error.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct AuditError {
    /// Strategy id.
    pub strategy: String,
    /// The attempt's seed.
    pub seed: u64,
    /// What went wrong.
    pub message: String,
}

/// The gaming audit of one scenario.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Audit {
    /// Pass rates per strategy, fixed positions first, random play last.
    pub strategies: Vec<StrategyResult>,
    /// Error findings (E030–E037), each naming the strategy and a seed that
    /// reproduces it.
    pub findings: Vec<Finding>,
    /// The keyword salad typed at free-text beats, when the analyser's rules
    /// gave one.
    pub salad: Option<String>,
    /// The labels the analyser finds in the salad on its own.
    pub salad_labels: Vec<Behaviour>,
    /// Audit walks stopped by runtime errors.
    pub errors: Vec<AuditError>,
}

impl Audit {
    /// Number of error findings plus runtime errors.
    pub fn error_count(&self) -> usize {
        self.findings.len() + self.errors.len()
    }
}

#[derive(Debug, Default)]
struct Tally {
    walks: u32,
    passed: u32,
    unfinished: u32,
    errors: u32,
    passing_seeds: Vec<u64>,
    first_pass: Option<(u64, Vec<Input>)>,
}

/// A red flag counted as recognised with no act in its window.
#[derive(Debug)]
struct Unbacked {
    beat: String,
    category: crate::red_flag::RedFlagCategory,
    severity: FlagSeverity,
    sign_turn: u32,
    window: u32,
    seed: u64,
    inputs: Vec<Input>,
    walks: u32,
}

/// A keyword salad that earned more than the best route example.
#[derive(Debug)]
struct Outscored {
    seed: u64,
    salad_net: i32,
    best_net: i32,
    best_example: String,
}

/// Collects walks of every strategy and turns them into an [`Audit`].
pub(crate) struct Recorder {
    scenario: Arc<Scenario>,
    tallies: BTreeMap<Strategy, Tally>,
    unbacked: BTreeMap<(String, Strategy), Unbacked>,
    outscored: BTreeMap<String, Outscored>,
    errors: Vec<AuditError>,
    salad: Option<String>,
    salad_labels: Vec<Behaviour>,
}

impl Recorder {
    pub(crate) fn new(scenario: &Arc<Scenario>) -> Self {
        Recorder {
            scenario: Arc::clone(scenario),
            tallies: BTreeMap::new(),
            unbacked: BTreeMap::new(),
            outscored: BTreeMap::new(),
            errors: Vec::new(),
            salad: None,
            salad_labels: Vec::new(),
        }
    }

    /// Records a finished (or capped) walk.
    pub(crate) fn record(&mut self, strategy: Strategy, seed: u64, attempt: &Attempt) {
        let tally = self.tallies.entry(strategy).or_default();
        tally.walks += 1;
        match attempt.ending() {
            None => tally.unfinished += 1,
            Some(_) => {
                if attempt.grade().passed {
                    tally.passed += 1;
                    if tally.passing_seeds.len() < MAX_LISTED_SEEDS {
                        tally.passing_seeds.push(seed);
                    }
                    if tally.first_pass.is_none() {
                        tally.first_pass = Some((seed, attempt.inputs().to_vec()));
                    }
                }
            }
        }
        for f in unbacked_recognitions(attempt) {
            let e = self
                .unbacked
                .entry((f.beat.clone(), strategy))
                .or_insert_with(|| Unbacked {
                    beat: f.beat.clone(),
                    category: f.category,
                    severity: f.severity,
                    sign_turn: f.sign_turn,
                    window: f.window,
                    seed,
                    inputs: attempt.inputs().to_vec(),
                    walks: 0,
                });
            e.walks += 1;
        }
    }

    /// Records a walk that stopped with a runtime error. Random walks'
    /// errors are already reported by the explorer, so only their count is kept.
    pub(crate) fn record_error(&mut self, strategy: Strategy, seed: u64, message: String) {
        let tally = self.tallies.entry(strategy).or_default();
        tally.walks += 1;
        tally.errors += 1;
        if strategy != Strategy::Random {
            self.errors.push(AuditError {
                strategy: strategy.id(),
                seed,
                message,
            });
        }
    }

    fn finding(&self, code: FindingCode, at: rhai::Position, message: String) -> Finding {
        Finding {
            code,
            severity: code.severity(),
            location: self.scenario.source.location(at),
            message,
        }
    }

    fn replay_hint(&self, seed: u64, inputs: &[Input]) -> String {
        format!(
            "`rehearse play {} --mode assessment --seed {seed}` with the inputs {}",
            self.scenario.id(),
            render_inputs(inputs, self.salad.as_deref())
        )
    }

    /// The audit: strategy results and findings.
    pub(crate) fn finish(self) -> Audit {
        let s = &self.scenario;
        let meta = s.source.locate_literal(rhai::Position::new(1, 1), s.id());
        let meta_finding = |code: FindingCode, message: String| Finding {
            code,
            severity: code.severity(),
            location: meta.clone(),
            message,
        };
        let mut findings = Vec::new();
        let mut strategies = Vec::new();
        for (strategy, t) in &self.tallies {
            let rate = if t.walks == 0 {
                0.0
            } else {
                f64::from(t.passed) / f64::from(t.walks)
            };
            strategies.push(StrategyResult {
                strategy: strategy.id(),
                description: strategy.describe(),
                naive: strategy.naive(),
                walks: t.walks,
                passed: t.passed,
                unfinished: t.unfinished,
                errors: t.errors,
                pass_rate: rate,
                passing_seeds: t.passing_seeds.clone(),
            });
            let Some((seed, inputs)) = &t.first_pass else {
                continue;
            };
            if strategy.naive() {
                findings.push(meta_finding(
                    strategy.code(),
                    format!(
                        "the assessment passes by playing \"{}\" ({} of {} seeds pass); reproduce with {}",
                        strategy.describe(),
                        t.passed,
                        t.walks,
                        self.replay_hint(*seed, inputs)
                    ),
                ));
            } else if rate >= RANDOM_PASS_LIMIT {
                findings.push(meta_finding(
                    strategy.code(),
                    format!(
                        "random play passes the assessment in {:.1}% of walks ({} of {}; the limit is below {:.0}%); one is {}",
                        rate * 100.0,
                        t.passed,
                        t.walks,
                        RANDOM_PASS_LIMIT * 100.0,
                        self.replay_hint(*seed, inputs)
                    ),
                ));
            }
        }
        for (beat, o) in &self.outscored {
            let at = s.beat(beat).map_or(rhai::Position::new(1, 1), |b| b.at);
            findings.push(self.finding(
                FindingCode::E036,
                at,
                format!(
                    "beat \"{beat}\": the keyword salad earns net evidence {:+}, more than the best route example ({:+}, \"{}\"); seed {} — make routes ask for what a genuine response does, not for keywords",
                    o.salad_net, o.best_net, o.best_example, o.seed
                ),
            ));
        }
        for ((_, strategy), u) in &self.unbacked {
            let at = s.beat(&u.beat).map_or(rhai::Position::new(1, 1), |b| b.at);
            let act = match u.severity {
                FlagSeverity::High => "safety_action",
                FlagSeverity::Moderate => "referral or safety_action",
            };
            findings.push(self.finding(
                FindingCode::E037,
                at,
                format!(
                    "the {} cue on beat \"{}\" counts as recognised although no turn in its window (turns {} to {}) shows {act}; {} walk(s) of \"{}\", e.g. {}",
                    u.category,
                    u.beat,
                    u.sign_turn,
                    u.sign_turn + u.window.saturating_sub(1),
                    u.walks,
                    strategy.describe(),
                    self.replay_hint(u.seed, &u.inputs)
                ),
            ));
        }
        Audit {
            strategies,
            findings,
            salad: self.salad,
            salad_labels: self.salad_labels,
            errors: self.errors,
        }
    }
}

/// The behaviours that count as acting on a warning sign of this severity, as the
/// audit reads them (independently of the engine's own bookkeeping).
fn acts(severity: FlagSeverity) -> &'static [Behaviour] {
    match severity {
        FlagSeverity::High => &[Behaviour::SafetyAction],
        FlagSeverity::Moderate => &[Behaviour::Referral, Behaviour::SafetyAction],
    }
}

/// Flags the attempt counts as recognised although no turn inside the
/// window `[sign_turn, sign_turn + window)` showed an act.
fn unbacked_recognitions(attempt: &Attempt) -> Vec<&FlagTrack> {
    unbacked(attempt.flags(), attempt.turns())
}

/// [`unbacked_recognitions`] over plain flags and turns.
pub(crate) fn unbacked<'a>(
    flags: &'a [FlagTrack],
    turns: &[crate::attempt::Turn],
) -> Vec<&'a FlagTrack> {
    flags
        .iter()
        .filter(|f| f.outcome == FlagOutcome::Recognised)
        .filter(|f| {
            let end = f.sign_turn.saturating_add(f.window);
            !turns
                .iter()
                .filter(|t| t.number >= f.sign_turn && t.number < end)
                .any(|t| t.shows.iter().any(|b| acts(f.severity).contains(b)))
        })
        .collect()
}

/// Inputs as `tests.toml` writes them: `["2", "/silence", "Okay."]`; the
/// salad is shortened to `<salad>`.
fn render_inputs(inputs: &[Input], salad: Option<&str>) -> String {
    let items: Vec<String> = inputs
        .iter()
        .map(|i| match i {
            Input::Choice { index } => format!("\"{index}\""),
            Input::Silence => "\"/silence\"".into(),
            Input::FreeText { text } if Some(text.as_str()) == salad => "<salad>".into(),
            Input::FreeText { text } => {
                serde_json::to_string(text).unwrap_or_else(|_| format!("{text:?}"))
            }
        })
        .collect();
    format!("[{}]", items.join(", "))
}

/// The input a deterministic strategy gives at the current view.
fn choose(strategy: Strategy, view: &View, salad: Option<&str>) -> Input {
    let n = view.choices.len();
    let fallback = || match &view.free_text {
        Some(_) => Input::FreeText {
            text: NEUTRAL_RESPONSE.into(),
        },
        None => Input::Silence,
    };
    let by_len = |longest: bool| {
        let lens = view.choices.iter().map(|c| c.chars().count()).enumerate();
        let pick = if longest {
            // The first of equally long choices.
            lens.fold(None, |best: Option<(usize, usize)>, (i, l)| match best {
                Some((_, bl)) if bl >= l => best,
                _ => Some((i, l)),
            })
        } else {
            lens.fold(None, |best: Option<(usize, usize)>, (i, l)| match best {
                Some((_, bl)) if bl <= l => best,
                _ => Some((i, l)),
            })
        };
        pick.map(|(i, _)| Input::Choice { index: i + 1 })
    };
    match strategy {
        Strategy::Silence => Input::Silence,
        Strategy::Position(p) if n > 0 => Input::Choice { index: p.min(n) },
        Strategy::Longest if n > 0 => by_len(true).unwrap_or_else(fallback),
        Strategy::Shortest if n > 0 => by_len(false).unwrap_or_else(fallback),
        Strategy::KeywordSalad => match (&view.free_text, salad) {
            (Some(_), Some(text)) => Input::FreeText { text: text.into() },
            _ if n > 0 => Input::Choice {
                index: SALAD_POSITION.min(n),
            },
            _ => fallback(),
        },
        _ => fallback(),
    }
}

/// The strategies played for this scenario: a fixed position for every
/// menu slot, then the length, silence and salad strategies.
fn strategies(s: &Scenario) -> Vec<Strategy> {
    let widest = s
        .def
        .beats
        .iter()
        .map(|b| b.choices.len())
        .max()
        .unwrap_or(0);
    let mut out: Vec<Strategy> = (1..=widest).map(Strategy::Position).collect();
    out.extend([
        Strategy::Longest,
        Strategy::Shortest,
        Strategy::Silence,
        Strategy::KeywordSalad,
    ]);
    out
}

/// Plays every naive strategy over `AUDIT_SEEDS` seeds from `seed`, in the
/// language the scenario is shown in (with `analyser`) and then in each other
/// language it carries (with that language's built-in analyser); each
/// language types a keyword salad built from its own rules. Tallies are
/// shared: a strategy's pass rate counts its walks in every language.
pub(crate) fn play_strategies(
    rec: &mut Recorder,
    scenario: &Arc<Scenario>,
    seed: u64,
    analyser: &Arc<dyn ResponseAnalyser>,
    max_turns: usize,
) {
    play_strategies_in(rec, scenario, seed, analyser, max_turns);
    // A scenario carrying translations is audited in each of them too, with
    // that language's analyser and keyword salad: a salad in Spanish must
    // not pass the Spanish telling either.
    for language in scenario.languages() {
        if language == scenario.language() {
            continue;
        }
        let shown = Arc::new(scenario.localised(&language));
        match crate::response::for_language(shown.language()) {
            Ok(other) => play_strategies_in(rec, &shown, seed, &other, max_turns),
            Err(e) => rec.record_error(Strategy::KeywordSalad, seed, e.to_string()),
        }
    }
}

/// Plays every naive strategy over `AUDIT_SEEDS` seeds from `seed` on the
/// scenario in the language it is shown in, with that language's salad.
fn play_strategies_in(
    rec: &mut Recorder,
    scenario: &Arc<Scenario>,
    seed: u64,
    analyser: &Arc<dyn ResponseAnalyser>,
    max_turns: usize,
) {
    let rules = crate::analysis::Analyser::for_language(scenario.language())
        .unwrap_or_else(|_| crate::analysis::Analyser::english());
    let (salad, labels) = match keyword_salad(rules, analyser.as_ref()) {
        Some((text, labels)) => (Some(text), labels),
        None => (None, Vec::new()),
    };
    if rec.salad.is_none() {
        rec.salad = salad.clone();
        rec.salad_labels = labels;
    }
    for strategy in strategies(scenario) {
        for i in 0..AUDIT_SEEDS {
            let walk_seed = seed.wrapping_add(i);
            match play_one(
                rec,
                scenario,
                strategy,
                walk_seed,
                analyser,
                salad.as_deref(),
                max_turns,
            ) {
                Ok(attempt) => rec.record(strategy, walk_seed, &attempt),
                Err(message) => rec.record_error(strategy, walk_seed, message),
            }
        }
    }
}

fn play_one(
    rec: &mut Recorder,
    scenario: &Arc<Scenario>,
    strategy: Strategy,
    seed: u64,
    analyser: &Arc<dyn ResponseAnalyser>,
    salad: Option<&str>,
    max_turns: usize,
) -> Result<Attempt, String> {
    let mut attempt = Attempt::start(
        Arc::clone(scenario),
        Mode::Assessment,
        seed,
        Arc::clone(analyser),
    )
    .map_err(|e| e.to_string())?;
    let mut compared = std::collections::BTreeSet::new();
    while !attempt.is_ended() && attempt.turns().len() < max_turns {
        let view = attempt.view();
        let input = choose(strategy, &view, salad);
        let is_salad = matches!(&input, Input::FreeText { text } if Some(text.as_str()) == salad);
        let before: Vec<Input> = attempt.inputs().to_vec();
        let turn = attempt.respond(input).map_err(|e| e.to_string())?;
        if is_salad && compared.insert(turn.beat.clone()) {
            let (beat, salad_net) = (turn.beat.clone(), turn.net());
            compare_salad(rec, scenario, seed, analyser, &before, &beat, salad_net);
        }
    }
    Ok(attempt)
}

/// Plays each route example of `beat` from the state after `before` and
/// records the salad when it earned more than the best of them.
fn compare_salad(
    rec: &mut Recorder,
    scenario: &Arc<Scenario>,
    seed: u64,
    analyser: &Arc<dyn ResponseAnalyser>,
    before: &[Input],
    beat: &str,
    salad_net: i32,
) {
    if rec.outscored.contains_key(beat) {
        return;
    }
    let Some(ft) = scenario.beat(beat).and_then(|b| b.free_text.as_ref()) else {
        return;
    };
    let mut best: Option<(i32, &str)> = None;
    for example in ft.routes.iter().flat_map(|r| r.examples.iter()) {
        let Ok(mut a) = Attempt::replay(
            Arc::clone(scenario),
            Mode::Assessment,
            seed,
            Arc::clone(analyser),
            before,
        ) else {
            return;
        };
        let Ok(t) = a.respond(Input::FreeText {
            text: example.clone(),
        }) else {
            continue;
        };
        let net = t.net();
        if best.is_none_or(|(b, _)| net > b) {
            best = Some((net, example.as_str()));
        }
    }
    if let Some((best_net, example)) = best {
        if salad_net > best_net {
            rec.outscored.insert(
                beat.to_string(),
                Outscored {
                    seed,
                    salad_net,
                    best_net,
                    best_example: example.to_string(),
                },
            );
        }
    }
}

/// Builds the keyword salad: for every label outside the "to avoid" group,
/// the first trigger phrase generated from the rule patterns of `rules`
/// (the built-in analyser of the scenario's language, in rule-file order)
/// that `analyser` confirms produces that
/// label on its own, each as its own sentence. A label the analyser gives
/// only in context (a referral needs a time frame) may be missing. Returns the salad and the labels the analyser finds in it,
/// or `None` when no trigger could be built.
pub fn keyword_salad(
    rules: &crate::analysis::Analyser,
    analyser: &dyn ResponseAnalyser,
) -> Option<(String, Vec<Behaviour>)> {
    let mut best: BTreeMap<Behaviour, String> = BTreeMap::new();
    for (label, pattern) in rules.rule_patterns() {
        if label.group() == BehaviourGroup::Avoid || best.contains_key(&label) {
            continue;
        }
        'samples: for phrase in samples(pattern) {
            let phrase = phrase.split_whitespace().collect::<Vec<_>>().join(" ");
            if phrase.is_empty() {
                continue;
            }
            for sentence in [format!("{phrase}."), format!("{phrase}?")] {
                let hit = analyser
                    .analyse(&sentence, None)
                    .is_ok_and(|a| a.behaviours.contains(&label));
                if hit {
                    best.insert(label, sentence);
                    break 'samples;
                }
            }
        }
    }
    if best.is_empty() {
        return None;
    }
    let salad = best
        .values()
        .map(|s| capitalise(s))
        .collect::<Vec<_>>()
        .join(" ");
    let labels = analyser
        .analyse(&salad, None)
        .map(|a| a.behaviours)
        .unwrap_or_default();
    Some((salad, labels))
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

/// Sample strings a regex matches: every alternative of every alternation
/// (up to [`MAX_SAMPLES`] in all), optional parts left out, repeats as few
/// times as allowed. Only the regex forms the rule file uses are
/// understood; anything else comes out as a literal, and the analyser
/// confirms every sample before it is used.
fn samples(pattern: &str) -> Vec<String> {
    let mut g = Gen {
        chars: pattern.chars().collect(),
        pos: 0,
    };
    let mut out = g.alternation();
    let mut seen = std::collections::BTreeSet::new();
    out.retain(|s| seen.insert(s.clone()));
    out
}

/// The most samples kept per alternation, concatenation and pattern.
const MAX_SAMPLES: usize = 48;

struct Gen {
    chars: Vec<char>,
    pos: usize,
}

impl Gen {
    fn peek(&self) -> Option<char> {
        self.chars.get(self.pos).copied()
    }

    /// Every branch of an alternation; stops at `)` or the end.
    fn alternation(&mut self) -> Vec<String> {
        let mut out = self.concat();
        while self.peek() == Some('|') {
            self.pos += 1;
            out.extend(self.concat());
        }
        out.truncate(MAX_SAMPLES);
        out
    }

    fn concat(&mut self) -> Vec<String> {
        let mut out = vec![String::new()];
        while let Some(c) = self.peek() {
            if c == '|' || c == ')' {
                break;
            }
            let atom = self.atom();
            let mut times = self.quantifier();
            // Optional whitespace stays, so words do not run together.
            if times == 0 && atom.iter().all(|a| !a.is_empty() && a.trim().is_empty()) {
                times = 1;
            }
            for _ in 0..times {
                let mut next = Vec::new();
                'outer: for prefix in &out {
                    for a in &atom {
                        if next.len() >= MAX_SAMPLES {
                            break 'outer;
                        }
                        next.push(format!("{prefix}{a}"));
                    }
                }
                out = next;
            }
        }
        out
    }

    fn atom(&mut self) -> Vec<String> {
        let Some(c) = self.peek() else {
            return vec![String::new()];
        };
        self.pos += 1;
        let one = |s: &str| vec![s.to_string()];
        match c {
            '(' => {
                if self.peek() == Some('?') {
                    // Flags and non-capturing prefixes: `(?:`, `(?-u:`, `(?i)`.
                    while let Some(f) = self.peek() {
                        self.pos += 1;
                        if f == ':' {
                            break;
                        }
                        if f == ')' {
                            return one("");
                        }
                    }
                }
                let inner = self.alternation();
                if self.peek() == Some(')') {
                    self.pos += 1;
                }
                if inner.is_empty() {
                    one("")
                } else {
                    inner
                }
            }
            '[' => vec![self.class()],
            '\\' => vec![self.escape()],
            '.' => one("x"),
            '^' | '$' => one(""),
            other => vec![other.to_string()],
        }
    }

    fn escape(&mut self) -> String {
        let Some(c) = self.peek() else {
            return String::new();
        };
        self.pos += 1;
        match c {
            'b' | 'B' | 'A' | 'z' => String::new(),
            's' | 'n' | 't' | 'r' => " ".into(),
            'w' => "so".into(),
            'd' => "1".into(),
            other => other.to_string(),
        }
    }

    fn class(&mut self) -> String {
        let negated = self.peek() == Some('^');
        if negated {
            self.pos += 1;
        }
        let mut first: Option<String> = None;
        let mut started = false;
        while let Some(c) = self.peek() {
            self.pos += 1;
            if c == ']' && started {
                break;
            }
            started = true;
            let ch = if c == '\\' {
                self.escape()
            } else {
                c.to_string()
            };
            if first.is_none() {
                first = Some(ch);
            }
        }
        if negated {
            // `[^.?!]` and the like: a space is almost always allowed, and
            // keeps the words around it apart.
            " ".into()
        } else {
            first.unwrap_or_default()
        }
    }

    /// How many times the atom just read is written out.
    fn quantifier(&mut self) -> usize {
        let times = match self.peek() {
            Some('?') | Some('*') => {
                self.pos += 1;
                0
            }
            Some('+') => {
                self.pos += 1;
                1
            }
            Some('{') => {
                let start = self.pos;
                let mut body = String::new();
                self.pos += 1;
                while let Some(c) = self.peek() {
                    self.pos += 1;
                    if c == '}' {
                        break;
                    }
                    body.push(c);
                }
                match body.split(',').next().and_then(|n| n.trim().parse().ok()) {
                    Some(n) => n,
                    None => {
                        // Not a repetition after all: a literal brace.
                        self.pos = start + 1;
                        return 1;
                    }
                }
            }
            _ => return 1,
        };
        // A lazy or possessive marker after the quantifier.
        if matches!(self.peek(), Some('?') | Some('+')) {
            self.pos += 1;
        }
        times.min(3)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn samples_follow_first_branches_and_skip_optional_parts() {
        let s = samples(
            r"(?-u:\b)(?:i am (?:right |still )?here(?: for you)?)(?-u:\b)|(?-u:\b)(?:no (?:rush|hurry))(?-u:\b)",
        );
        assert!(s.contains(&"i am here".to_string()), "{s:?}");
        assert!(s.contains(&"no rush".to_string()), "{s:?}");
        assert!(s.contains(&"no hurry".to_string()), "{s:?}");
        let s = samples(r"you could have (?:\w+ ){1,2}better[.!?]x{2}");
        assert_eq!(s, ["you could have so better.xx"]);
        assert!(
            samples("(?:a|b|c|d|e|f|g)(?:a|b|c|d|e|f|g)(?:a|b|c|d|e|f|g)").len() <= MAX_SAMPLES
        );
    }

    #[test]
    fn samples_never_panic_on_odd_patterns() {
        for p in [
            "(", ")", "[", "[^", "\\", "a{", "a{x}", "(?", "(?i)a|", "|||", "a{2,",
        ] {
            let _ = samples(p);
        }
    }

    #[test]
    fn the_salad_is_built_from_the_rules_and_shows_many_labels() {
        let analyser = crate::response::english();
        let (salad, labels) =
            keyword_salad(crate::analysis::Analyser::english(), analyser.as_ref())
                .expect("a salad");
        assert!(salad.len() < 1500, "{salad}");
        assert!(labels.len() >= 8, "{salad}: {labels:?}");
        for needed in [
            Behaviour::Presence,
            Behaviour::Validation,
            Behaviour::Normalising,
            Behaviour::SuicideInquiry,
        ] {
            assert!(
                labels.contains(&needed),
                "{needed:?} missing from {salad}: {labels:?}"
            );
        }
        assert!(
            labels.iter().all(|l| l.group() != BehaviourGroup::Avoid),
            "{salad}: {labels:?}"
        );
    }
}
