//! Turns the declarations a script made into a typed scenario, reporting
//! every problem it meets as a finding instead of stopping at the first.

use crate::behaviour::Behaviour;
use crate::competency::Competency;
use crate::red_flag::{RedFlagCategory, Severity as FlagSeverity};
use crate::scenario::beat::{
    Beat, Choice, Condition, Ending, FreeText, Outcome, Route, Target, Text,
};
use crate::scenario::evidence::{Evidence, MAX_DELTA};
use crate::scenario::finding::{Finding, FindingCode};
use crate::scenario::metadata::{Difficulty, LegalSetting, Metadata};
use crate::scenario::persona::{Persona, StateVar};
use crate::scenario::script_api::{DeclKind, Declaration};
use crate::scenario::source::ScenarioSource;
use crate::scenario::warning_sign::WarningSign;
use rhai::{Array, Dynamic, FnPtr, Map, Position};
use std::collections::BTreeSet;

/// A scenario-specific labelling rule: `rule(#{ id, label, when })` adds a
/// label, `rule(#{ id, remove: [...], when })` takes labels away (a veto).
#[derive(Debug, Clone)]
pub struct LabelRule {
    /// Rule id, reported as `scenario.<id>`.
    pub id: String,
    /// The behaviour it adds, if it adds one.
    pub label: Option<Behaviour>,
    /// The behaviours it removes when `when` holds; removals win over
    /// additions, so a veto also stops a red-flag step.
    pub remove: Vec<Behaviour>,
    /// Predicate over the response.
    pub when: FnPtr,
}

/// Everything a script declared, typed.
#[derive(Debug, Clone)]
pub struct Definition {
    /// The declared metadata (id, version, title, targets, red flags…).
    pub meta: Metadata,
    /// The people the trainee talks to.
    pub personas: Vec<Persona>,
    /// Persona-state variables.
    pub state: Vec<StateVar>,
    /// Beats, in declaration order.
    pub beats: Vec<Beat>,
    /// Endings, in declaration order.
    pub endings: Vec<Ending>,
    /// Scenario-specific labelling rules.
    pub rules: Vec<LabelRule>,
    /// The first beat.
    pub start: String,
}

pub(crate) struct Builder<'s> {
    source: &'s ScenarioSource,
    pub findings: Vec<Finding>,
    state_names: Vec<String>,
    persona_ids: Vec<String>,
}

const SCENARIO_KEYS: &[&str] = &[
    "id",
    "version",
    "title",
    "summary",
    "setting",
    "language",
    "minutes",
    "difficulty",
    "targets",
    "red_flags",
    "legal_setting",
    "legal_note",
    "start",
];
const PERSONA_KEYS: &[&str] = &["name", "role", "background"];
const STATE_KEYS: &[&str] = &["start", "min", "max", "label", "hidden"];
const BEAT_KEYS: &[&str] = &[
    "speaker",
    "cue",
    "line",
    "pause",
    "red_flag",
    "choices",
    "free_text",
    "silence",
    "assessment",
];
const ENDING_KEYS: &[&str] = &["speaker", "cue", "line", "debrief"];
const OUTCOME_KEYS: &[&str] = &[
    "next",
    "possible_next",
    "evidence",
    "shows",
    "effects",
    "reply",
    "feedback",
];
const FREE_TEXT_KEYS: &[&str] = &["prompt", "routes", "otherwise"];
const RED_FLAG_KEYS: &[&str] = &["category", "severity", "window", "recognise"];
const RULE_KEYS: &[&str] = &["id", "label", "remove", "when"];

impl<'s> Builder<'s> {
    pub fn new(source: &'s ScenarioSource) -> Self {
        Builder {
            source,
            findings: Vec::new(),
            state_names: Vec::new(),
            persona_ids: Vec::new(),
        }
    }

    fn report(&mut self, code: FindingCode, at: Position, message: impl Into<String>) {
        self.findings.push(Finding {
            code,
            severity: code.severity(),
            location: self.source.location(at),
            message: message.into(),
        });
    }

    fn report_literal(
        &mut self,
        code: FindingCode,
        at: Position,
        literal: &str,
        message: impl Into<String>,
    ) {
        self.findings.push(Finding {
            code,
            severity: code.severity(),
            location: self.source.locate_literal(at, literal),
            message: message.into(),
        });
    }

    fn check_keys(&mut self, map: &Map, allowed: &[&str], what: &str, at: Position) {
        for key in map.keys() {
            if !allowed.contains(&key.as_str()) {
                let hint = nearest(key, allowed)
                    .map(|s| format!(" (did you mean `{s}`?)"))
                    .unwrap_or_default();
                self.report(
                    FindingCode::E004,
                    at,
                    format!("{what}: unknown field `{key}`{hint}"),
                );
            }
        }
    }

    fn string(
        &mut self,
        map: &Map,
        key: &str,
        what: &str,
        at: Position,
        required: bool,
    ) -> Option<String> {
        match map.get(key) {
            None if required => {
                self.report(
                    FindingCode::E004,
                    at,
                    format!("{what}: missing field `{key}`"),
                );
                None
            }
            None => None,
            Some(v) => match v.clone().into_string() {
                Ok(s) => Some(s),
                Err(t) => {
                    self.report(
                        FindingCode::E004,
                        at,
                        format!("{what}: `{key}` must be a string, not {t}"),
                    );
                    None
                }
            },
        }
    }

    fn int(&mut self, map: &Map, key: &str, what: &str, at: Position) -> Option<i64> {
        let v = map.get(key)?;
        match v.as_int() {
            Ok(i) => Some(i),
            Err(t) => {
                self.report(
                    FindingCode::E004,
                    at,
                    format!("{what}: `{key}` must be a whole number, not {t}"),
                );
                None
            }
        }
    }

    fn strings(&mut self, value: &Dynamic, key: &str, what: &str, at: Position) -> Vec<String> {
        let Some(list) = value.clone().try_cast::<Array>() else {
            if let Ok(s) = value.clone().into_string() {
                return vec![s];
            }
            self.report(
                FindingCode::E004,
                at,
                format!("{what}: `{key}` must be a list of strings"),
            );
            return Vec::new();
        };
        let mut out = Vec::new();
        for item in list {
            match item.into_string() {
                Ok(s) => out.push(s),
                Err(t) => self.report(
                    FindingCode::E004,
                    at,
                    format!("{what}: `{key}` holds {t}; only strings are allowed"),
                ),
            }
        }
        out
    }

    fn text(&mut self, map: &Map, key: &str, what: &str, at: Position) -> Option<Text> {
        let v = map.get(key)?;
        if let Some(f) = v.clone().try_cast::<FnPtr>() {
            return Some(Text::Dynamic(f));
        }
        if v.is_array() {
            let variants = self.strings(v, key, what, at);
            if variants.is_empty() {
                self.report(
                    FindingCode::E004,
                    at,
                    format!("{what}: `{key}` lists no variants"),
                );
                return None;
            }
            return Some(Text::Variants(variants));
        }
        match v.clone().into_string() {
            Ok(s) => Some(Text::Fixed(s)),
            Err(t) => {
                self.report(FindingCode::E004, at, format!("{what}: `{key}` must be text, a list of variants or a function |s| ..., not {t}"));
                None
            }
        }
    }

    fn labels(&mut self, value: &Dynamic, key: &str, what: &str, at: Position) -> Vec<Behaviour> {
        let mut out = Vec::new();
        for s in self.strings(value, key, what, at) {
            match s.parse::<Behaviour>() {
                Ok(b) => out.push(b),
                Err(e) => self.report_literal(FindingCode::E014, at, &s, format!("{what}: {e}")),
            }
        }
        out
    }

    fn evidence(&mut self, map: &Map, what: &str, at: Position) -> Vec<Evidence> {
        let Some(v) = map.get("evidence") else {
            return Vec::new();
        };
        let Some(m) = v.clone().try_cast::<Map>() else {
            self.report(FindingCode::E016, at, format!("{what}: `evidence` must be a map such as #{{ open_questions: [1, \"asks openly\"] }}"));
            return Vec::new();
        };
        let mut out = Vec::new();
        for (key, value) in m {
            let competency = match key.parse::<Competency>() {
                Ok(c) => c,
                Err(e) => {
                    self.report(FindingCode::E013, at, format!("{what}: {e}"));
                    continue;
                }
            };
            let pair = value.clone().try_cast::<Array>().unwrap_or_default();
            let delta = pair.first().and_then(|d| d.as_int().ok());
            let reason = pair.get(1).and_then(|r| r.clone().into_string().ok());
            match (pair.len(), delta, reason) {
                (2, Some(d), Some(reason)) if d.abs() <= i64::from(MAX_DELTA) && !reason.trim().is_empty() => {
                    out.push(Evidence {
                        competency,
                        delta: d as i8,
                        reason,
                    })
                }
                _ => self.report(
                    FindingCode::E016,
                    at,
                    format!("{what}: evidence for `{key}` must be [delta, \"reason\"] with delta from -2 to 2 and a reason"),
                ),
            }
        }
        out
    }

    fn outcome(&mut self, map: &Map, what: &str, at: Position) -> Outcome {
        let next = match map.get("next") {
            None => None,
            Some(v) => {
                if let Some(func) = v.clone().try_cast::<FnPtr>() {
                    match map.get("possible_next") {
                        Some(list) => Some(Target::Dynamic {
                            func,
                            possible_next: self.strings(list, "possible_next", what, at),
                        }),
                        None => {
                            self.report(FindingCode::E022, at, format!("{what}: `next` is a function, so `possible_next` must list every beat it can return"));
                            None
                        }
                    }
                } else {
                    match v.clone().into_string() {
                        Ok(s) => Some(Target::Node(s)),
                        Err(t) => {
                            self.report(FindingCode::E004, at, format!("{what}: `next` must be a beat id or a function |s| ..., not {t}"));
                            None
                        }
                    }
                }
            }
        };
        let shows = map
            .get("shows")
            .map(|v| self.labels(v, "shows", what, at))
            .unwrap_or_default();
        let mut effects = Vec::new();
        if let Some(v) = map.get("effects") {
            match v.clone().try_cast::<Map>() {
                Some(m) => {
                    for (name, delta) in m {
                        if !self.state_names.iter().any(|n| n == name.as_str()) {
                            self.report(FindingCode::E018, at, format!("{what}: `effects` changes `{name}`, which no state(...) declares"));
                            continue;
                        }
                        match delta.as_int() {
                            Ok(d) => effects.push((name.to_string(), d)),
                            Err(t) => self.report(
                                FindingCode::E004,
                                at,
                                format!(
                                    "{what}: effect on `{name}` must be a whole number, not {t}"
                                ),
                            ),
                        }
                    }
                }
                None => self.report(
                    FindingCode::E004,
                    at,
                    format!("{what}: `effects` must be a map such as #{{ trust: 10 }}"),
                ),
            }
        }
        Outcome {
            next,
            evidence: self.evidence(map, what, at),
            shows,
            effects,
            reply: self.string(map, "reply", what, at, false),
            feedback: self.string(map, "feedback", what, at, false),
        }
    }

    fn speaker(&mut self, map: &Map, what: &str, at: Position) -> String {
        match self.string(map, "speaker", what, at, false) {
            Some(id) => {
                if !self.persona_ids.contains(&id) {
                    self.report_literal(
                        FindingCode::E017,
                        at,
                        &id,
                        format!("{what}: speaker `{id}` is not a declared persona"),
                    );
                }
                id
            }
            None => match self.persona_ids.as_slice() {
                [only] => only.clone(),
                [] => {
                    self.report(
                        FindingCode::E017,
                        at,
                        format!("{what}: no persona is declared; add persona(\"id\", #{{ ... }})"),
                    );
                    String::new()
                }
                _ => {
                    self.report(
                        FindingCode::E017,
                        at,
                        format!("{what}: several personas are declared, so `speaker` is required"),
                    );
                    self.persona_ids[0].clone()
                }
            },
        }
    }

    fn metadata(&mut self, decl: Option<&Declaration>, dir_name: &str) -> Metadata {
        let fallback = Metadata {
            id: dir_name.to_string(),
            version: "0.0.0".into(),
            title: dir_name.to_string(),
            summary: String::new(),
            setting: String::new(),
            language: "en".into(),
            minutes: 10,
            difficulty: Difficulty::Intermediate,
            targets: Vec::new(),
            red_flags: Vec::new(),
            legal_setting: None,
            legal_note: None,
        };
        let Some(decl) = decl else {
            self.report(
                FindingCode::E003,
                Position::new(1, 1),
                "the script never calls scenario(#{ ... }) to declare its metadata",
            );
            return fallback;
        };
        let (m, at, what) = (&decl.map, decl.at, "scenario");
        self.check_keys(m, SCENARIO_KEYS, what, at);
        let id = self.string(m, "id", what, at, true).unwrap_or(fallback.id);
        if !is_slug(&id) {
            self.report_literal(
                FindingCode::E003,
                at,
                &id,
                format!("scenario id `{id}` must be lower-case letters, digits and single hyphens"),
            );
        }
        let version = self
            .string(m, "version", what, at, true)
            .unwrap_or(fallback.version);
        if semver::Version::parse(&version).is_err() {
            self.report_literal(
                FindingCode::E003,
                at,
                &version,
                format!("version `{version}` is not a semantic version such as 1.0.0"),
            );
        }
        let difficulty = match self.string(m, "difficulty", what, at, true).as_deref() {
            Some("introductory") => Difficulty::Introductory,
            Some("intermediate") | None => Difficulty::Intermediate,
            Some("advanced") => Difficulty::Advanced,
            Some(other) => {
                self.report_literal(
                    FindingCode::E003,
                    at,
                    other,
                    format!("difficulty `{other}` must be introductory, intermediate or advanced"),
                );
                Difficulty::Intermediate
            }
        };
        let legal_setting = match self.string(m, "legal_setting", what, at, false).as_deref() {
            None => None,
            Some("no_fault") => Some(LegalSetting::NoFault),
            Some("tort") => Some(LegalSetting::Tort),
            Some(other) => {
                self.report_literal(
                    FindingCode::E003,
                    at,
                    other,
                    format!("legal_setting `{other}` must be no_fault or tort"),
                );
                None
            }
        };
        let mut targets = Vec::new();
        if let Some(v) = m.get("targets") {
            for s in self.strings(v, "targets", what, at) {
                match s.parse::<Competency>() {
                    Ok(c) if !targets.contains(&c) => targets.push(c),
                    Ok(_) => {}
                    Err(e) => {
                        self.report_literal(FindingCode::E013, at, &s, format!("targets: {e}"))
                    }
                }
            }
        } else {
            self.report(
                FindingCode::E003,
                at,
                "scenario: missing field `targets` (the competencies it assesses)",
            );
        }
        let mut red_flags = Vec::new();
        if let Some(v) = m.get("red_flags") {
            for s in self.strings(v, "red_flags", what, at) {
                match s.parse::<RedFlagCategory>() {
                    Ok(c) if !red_flags.contains(&c) => red_flags.push(c),
                    Ok(_) => {}
                    Err(e) => {
                        self.report_literal(FindingCode::E015, at, &s, format!("red_flags: {e}"))
                    }
                }
            }
        }
        let minutes = self.int(m, "minutes", what, at).unwrap_or(10);
        if !(1..=240).contains(&minutes) {
            self.report(FindingCode::E003, at, "minutes must be between 1 and 240");
        }
        Metadata {
            id,
            version,
            title: self
                .string(m, "title", what, at, true)
                .unwrap_or(fallback.title),
            summary: self
                .string(m, "summary", what, at, true)
                .unwrap_or_default(),
            setting: self
                .string(m, "setting", what, at, true)
                .unwrap_or_default(),
            language: self
                .string(m, "language", what, at, false)
                .unwrap_or(fallback.language),
            minutes: minutes.clamp(1, 240) as u32,
            difficulty,
            targets,
            red_flags,
            legal_setting,
            legal_note: self.string(m, "legal_note", what, at, false),
        }
    }

    fn red_flag(&mut self, v: &Dynamic, what: &str, at: Position) -> Option<WarningSign> {
        let Some(m) = v.clone().try_cast::<Map>() else {
            self.report(
                FindingCode::E004,
                at,
                format!(
                    "{what}: `red_flag` must be a map #{{ category, severity, window, recognise }}"
                ),
            );
            return None;
        };
        let what = &format!("{what}, red_flag");
        self.check_keys(&m, RED_FLAG_KEYS, what, at);
        let category = self.string(&m, "category", what, at, true)?;
        let category = match category.parse::<RedFlagCategory>() {
            Ok(c) => c,
            Err(e) => {
                self.report_literal(FindingCode::E015, at, &category, format!("{what}: {e}"));
                return None;
            }
        };
        let severity = match self
            .string(&m, "severity", what, at, false)
            .as_deref()
            .unwrap_or("high")
            .parse::<FlagSeverity>()
        {
            Ok(s) => s,
            Err(e) => {
                self.report(FindingCode::E015, at, format!("{what}: {e}"));
                FlagSeverity::High
            }
        };
        let window = self.int(&m, "window", what, at).unwrap_or(2);
        if !(1..=10).contains(&window) {
            self.report(
                FindingCode::E004,
                at,
                format!("{what}: `window` must be from 1 to 10 trainee turns"),
            );
        }
        let mut recognise = Vec::new();
        match m.get("recognise").and_then(|r| r.clone().try_cast::<Array>()) {
            Some(steps) if !steps.is_empty() => {
                for step in steps {
                    let alternatives = self.labels(&step, "recognise", what, at);
                    if !alternatives.is_empty() {
                        recognise.push(alternatives);
                    }
                }
            }
            _ => self.report(FindingCode::E004, at, format!("{what}: `recognise` must list the steps that count, e.g. [\"suicide_inquiry\", [\"referral\", \"safety_action\"]]")),
        }
        if !recognise.is_empty() {
            let acts = severity.acts();
            let last = &recognise[recognise.len() - 1];
            if recognise.len() < 2 || !last.iter().all(|b| acts.contains(b)) {
                let names: Vec<&str> = acts.iter().map(|b| b.id()).collect();
                self.report(
                    FindingCode::E026,
                    at,
                    format!(
                        "{what}: recognition needs asking and then acting, so `recognise` must have an asking step followed by a last step of acts only; for severity \"{}\" the acts are {}",
                        severity.id(),
                        names.join(" or ")
                    ),
                );
            }
        }
        Some(WarningSign {
            category,
            severity,
            window: window.clamp(1, 10) as u32,
            recognise,
        })
    }

    fn free_text(&mut self, v: &Dynamic, what: &str, at: Position) -> Option<FreeText> {
        let Some(m) = v.clone().try_cast::<Map>() else {
            self.report(
                FindingCode::E004,
                at,
                format!(
                    "{what}: `free_text` must be a map #{{ routes: [...], otherwise: #{{...}} }}"
                ),
            );
            return None;
        };
        let what_ft = format!("{what}, free_text");
        self.check_keys(&m, FREE_TEXT_KEYS, &what_ft, at);
        let mut routes = Vec::new();
        let list = m
            .get("routes")
            .and_then(|r| r.clone().try_cast::<Array>())
            .unwrap_or_default();
        for (i, r) in list.into_iter().enumerate() {
            let what_r = format!("{what_ft}, route {}", i + 1);
            let Some(rm) = r.try_cast::<Map>() else {
                self.report(
                    FindingCode::E004,
                    at,
                    format!("{what_r}: a route must be a map #{{ when: ..., next: ... }}"),
                );
                continue;
            };
            let mut allowed = OUTCOME_KEYS.to_vec();
            allowed.extend(["when", "examples"]);
            self.check_keys(&rm, &allowed, &what_r, at);
            let when = match rm.get("when") {
                Some(w) => match w.clone().try_cast::<FnPtr>() {
                    Some(f) => Condition::Predicate(f),
                    None => Condition::Labels(self.labels(w, "when", &what_r, at)),
                },
                None => {
                    self.report(FindingCode::E004, at, format!("{what_r}: missing field `when` (labels such as [\"reflection\"] or a function |r| ...)"));
                    continue;
                }
            };
            let examples = rm
                .get("examples")
                .map(|e| self.strings(e, "examples", &what_r, at))
                .unwrap_or_default();
            let outcome = self.outcome(&rm, &what_r, at);
            routes.push(Route {
                when,
                outcome,
                examples,
            });
        }
        let otherwise = match m.get("otherwise").map(|o| o.clone().try_cast::<Map>()) {
            Some(Some(om)) => {
                let w = format!("{what_ft}, otherwise");
                self.check_keys(&om, OUTCOME_KEYS, &w, at);
                Some(self.outcome(&om, &w, at))
            }
            Some(None) => {
                self.report(
                    FindingCode::E004,
                    at,
                    format!("{what_ft}: `otherwise` must be a map like a route without `when`"),
                );
                None
            }
            None => None,
        };
        Some(FreeText {
            prompt: self.string(&m, "prompt", &what_ft, at, false),
            routes,
            otherwise,
        })
    }

    fn beat(&mut self, id: String, m: &Map, at: Position) -> Beat {
        let what = format!("beat \"{id}\"");
        self.check_keys(m, BEAT_KEYS, &what, at);
        let speaker = self.speaker(m, &what, at);
        let line = self.text(m, "line", &what, at).unwrap_or_else(|| {
            self.report(
                FindingCode::E004,
                at,
                format!("{what}: missing field `line` (what the persona says)"),
            );
            Text::Fixed(String::new())
        });
        let mut choices = Vec::new();
        if let Some(v) = m.get("choices") {
            match v.clone().try_cast::<Array>() {
                Some(list) => {
                    for (i, c) in list.into_iter().enumerate() {
                        let what_c = format!("{what}, choice {}", i + 1);
                        let Some(cm) = c.try_cast::<Map>() else {
                            self.report(
                                FindingCode::E004,
                                at,
                                format!(
                                    "{what_c}: a choice must be a map #{{ text: ..., next: ... }}"
                                ),
                            );
                            continue;
                        };
                        let mut allowed = OUTCOME_KEYS.to_vec();
                        allowed.extend(["text", "id", "pin"]);
                        self.check_keys(&cm, &allowed, &what_c, at);
                        let text = self
                            .string(&cm, "text", &what_c, at, true)
                            .unwrap_or_default();
                        let id = match self.string(&cm, "id", &what_c, at, false) {
                            Some(id) if !is_identifier(&id) => {
                                self.report_literal(FindingCode::E023, at, &id, format!("{what_c}: choice id `{id}` must be a lower-case identifier such as `ask_directly`"));
                                format!("c{}", i + 1)
                            }
                            Some(id) => id,
                            None => format!("c{}", i + 1),
                        };
                        if choices.iter().any(|c: &Choice| c.id == id) {
                            self.report_literal(
                                FindingCode::E023,
                                at,
                                &id,
                                format!("{what_c}: choice id `{id}` is used twice in this beat"),
                            );
                        }
                        let pinned = match cm.get("pin") {
                            None => false,
                            Some(p) => p.as_bool().unwrap_or_else(|_| {
                                self.report(
                                    FindingCode::E004,
                                    at,
                                    format!("{what_c}: `pin` must be true or false"),
                                );
                                false
                            }),
                        };
                        let outcome = self.outcome(&cm, &what_c, at);
                        choices.push(Choice {
                            id,
                            text,
                            pinned,
                            outcome,
                        });
                    }
                }
                None => self.report(
                    FindingCode::E004,
                    at,
                    format!("{what}: `choices` must be a list of maps"),
                ),
            }
        }
        let silence = match m.get("silence").map(|s| s.clone().try_cast::<Map>()) {
            Some(Some(sm)) => {
                let w = format!("{what}, silence");
                self.check_keys(&sm, OUTCOME_KEYS, &w, at);
                Some(self.outcome(&sm, &w, at))
            }
            Some(None) => {
                self.report(
                    FindingCode::E004,
                    at,
                    format!("{what}: `silence` must be a map #{{ reply: ..., next: ... }}"),
                );
                None
            }
            None => None,
        };
        let pause = match m.get("pause") {
            None => false,
            Some(p) => p.as_bool().unwrap_or_else(|_| {
                self.report(
                    FindingCode::E004,
                    at,
                    format!("{what}: `pause` must be true or false"),
                );
                false
            }),
        };
        let own_words = match self.string(m, "assessment", &what, at, false).as_deref() {
            None | Some("menu") => false,
            Some("own_words") => true,
            Some(other) => {
                self.report_literal(FindingCode::E004, at, other, format!("{what}: `assessment` must be \"own_words\" (the menu is hidden in assessment) or \"menu\", not \"{other}\""));
                false
            }
        };
        Beat {
            own_words,
            cue: self.text(m, "cue", &what, at),
            red_flag: m.get("red_flag").and_then(|v| self.red_flag(v, &what, at)),
            free_text: m
                .get("free_text")
                .and_then(|v| self.free_text(v, &what, at)),
            id,
            speaker,
            line,
            pause,
            choices,
            silence,
            at,
        }
    }

    fn ending(&mut self, id: String, m: &Map, at: Position) -> Ending {
        let what = format!("ending \"{id}\"");
        self.check_keys(m, ENDING_KEYS, &what, at);
        let (debrief, debrief_missed) = match m.get("debrief") {
            None => (None, None),
            Some(v) => match v.clone().try_cast::<Map>() {
                Some(dm) => {
                    let w = format!("{what}, debrief");
                    self.check_keys(&dm, &["recognised", "missed"], &w, at);
                    let recognised = self.string(&dm, "recognised", &w, at, true);
                    let missed = self.string(&dm, "missed", &w, at, true);
                    (
                        recognised.and_then(|d| self.debrief_text(d, &what, at)),
                        missed.and_then(|d| self.debrief_text(d, &what, at)),
                    )
                }
                None => (
                    self.string(m, "debrief", &what, at, false)
                        .and_then(|d| self.debrief_text(d, &what, at)),
                    None,
                ),
            },
        };
        Ending {
            debrief_missed,
            speaker: self.speaker(m, &what, at),
            cue: self.text(m, "cue", &what, at),
            line: self
                .text(m, "line", &what, at)
                .unwrap_or(Text::Fixed(String::new())),
            debrief,
            id,
            at,
        }
    }

    /// A debrief given inline, or read from the Markdown file it names.
    fn debrief_text(&mut self, d: String, what: &str, at: Position) -> Option<String> {
        if is_markdown_file_name(&d) {
            match self.source.read_markdown(&d) {
                Ok(text) => Some(text),
                Err(why) => {
                    self.report_literal(
                        FindingCode::E019,
                        at,
                        &d,
                        format!("{what}: debrief file {why}"),
                    );
                    None
                }
            }
        } else {
            Some(d)
        }
    }

    /// Builds the definition. Declarations are processed by kind so that
    /// beats can refer to personas and state declared anywhere in the file.
    pub fn build(mut self, decls: Vec<Declaration>) -> (Definition, Vec<Finding>) {
        let dir_name = self
            .source
            .dir
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "scenario".into());
        let of = |kind| decls.iter().filter(move |d: &&Declaration| d.kind == kind);
        let scenario_decls: Vec<_> = of(DeclKind::Scenario).collect();
        for extra in scenario_decls.iter().skip(1) {
            self.report(
                FindingCode::E003,
                extra.at,
                "scenario(...) is called more than once",
            );
        }
        let meta = self.metadata(scenario_decls.first().copied(), &dir_name);

        let mut personas = Vec::new();
        for d in of(DeclKind::Persona) {
            let id = d.id.clone().unwrap_or_default();
            let what = format!("persona \"{id}\"");
            self.check_keys(&d.map, PERSONA_KEYS, &what, d.at);
            if self.persona_ids.contains(&id) {
                self.report(FindingCode::E005, d.at, format!("{what} is declared twice"));
                continue;
            }
            self.persona_ids.push(id.clone());
            personas.push(Persona {
                name: self
                    .string(&d.map, "name", &what, d.at, true)
                    .unwrap_or_else(|| id.clone()),
                role: self
                    .string(&d.map, "role", &what, d.at, true)
                    .unwrap_or_default(),
                background: self
                    .string(&d.map, "background", &what, d.at, false)
                    .unwrap_or_default(),
                id,
            });
        }

        let mut state = Vec::new();
        for d in of(DeclKind::State) {
            let name = d.id.clone().unwrap_or_default();
            let what = format!("state \"{name}\"");
            self.check_keys(&d.map, STATE_KEYS, &what, d.at);
            if !is_identifier(&name) || ["turn", "visits"].contains(&name.as_str()) {
                self.report(FindingCode::E004, d.at, format!("{what}: a state name must be a lower-case identifier other than `turn` and `visits`"));
                continue;
            }
            if self.state_names.contains(&name) {
                self.report(FindingCode::E005, d.at, format!("{what} is declared twice"));
                continue;
            }
            let start = self.int(&d.map, "start", &what, d.at).unwrap_or(0);
            let min = self.int(&d.map, "min", &what, d.at).unwrap_or(0);
            let max = self.int(&d.map, "max", &what, d.at).unwrap_or(100);
            if !(min <= start && start <= max) {
                self.report(
                    FindingCode::E004,
                    d.at,
                    format!("{what}: needs min <= start <= max"),
                );
            }
            self.state_names.push(name.clone());
            let hidden = match d.map.get("hidden") {
                None => false,
                Some(h) => h.as_bool().unwrap_or_else(|_| {
                    self.report(
                        FindingCode::E004,
                        d.at,
                        format!("{what}: `hidden` must be true or false"),
                    );
                    false
                }),
            };
            state.push(StateVar {
                hidden,
                label: self
                    .string(&d.map, "label", &what, d.at, false)
                    .unwrap_or_else(|| title_case(&name)),
                name,
                start,
                min,
                max: max.max(min),
            });
        }

        let mut seen = BTreeSet::new();
        let mut beats = Vec::new();
        let mut endings = Vec::new();
        for d in decls
            .iter()
            .filter(|d| matches!(d.kind, DeclKind::Beat | DeclKind::Ending))
        {
            let id = d.id.clone().unwrap_or_default();
            if !is_identifier(&id) {
                self.report_literal(
                    FindingCode::E004,
                    d.at,
                    &id,
                    format!(
                        "`{id}` is not a valid id: use lower-case letters, digits and underscores"
                    ),
                );
            }
            if !seen.insert(id.clone()) {
                self.report_literal(
                    FindingCode::E005,
                    d.at,
                    &id,
                    format!("`{id}` is declared twice"),
                );
                continue;
            }
            if d.kind == DeclKind::Beat {
                beats.push(self.beat(id, &d.map, d.at));
            } else {
                endings.push(self.ending(id, &d.map, d.at));
            }
        }

        let mut rules = Vec::new();
        for d in of(DeclKind::Rule) {
            self.check_keys(&d.map, RULE_KEYS, "rule", d.at);
            let id = self
                .string(&d.map, "id", "rule", d.at, true)
                .unwrap_or_default();
            let what = format!("rule \"{id}\"");
            let label = match self.string(&d.map, "label", &what, d.at, false) {
                Some(l) => match l.parse::<Behaviour>() {
                    Ok(b) => Some(b),
                    Err(e) => {
                        self.report_literal(FindingCode::E014, d.at, &l, format!("{what}: {e}"));
                        continue;
                    }
                },
                None => None,
            };
            let remove = d
                .map
                .get("remove")
                .map(|v| self.labels(v, "remove", &what, d.at))
                .unwrap_or_default();
            if label.is_none() == remove.is_empty() {
                self.report(FindingCode::E004, d.at, format!("{what}: give either `label` (the behaviour it adds) or `remove: [...]` (the behaviours it takes away), not both or neither"));
                continue;
            }
            match d
                .map
                .get("when")
                .and_then(|w| w.clone().try_cast::<FnPtr>())
            {
                Some(when) => rules.push(LabelRule {
                    id,
                    label,
                    remove,
                    when,
                }),
                None => self.report(
                    FindingCode::E004,
                    d.at,
                    format!("{what}: `when` must be a function |r| ..."),
                ),
            }
        }

        let start = match scenario_decls
            .first()
            .and_then(|d| d.map.get("start"))
            .and_then(|s| s.clone().into_string().ok())
        {
            Some(s) => s,
            None => beats.first().map(|b| b.id.clone()).unwrap_or_default(),
        };
        if beats.is_empty() {
            self.report(
                FindingCode::E003,
                Position::new(1, 1),
                "the scenario declares no beat",
            );
        }
        let definition = Definition {
            meta,
            personas,
            state,
            beats,
            endings,
            rules,
            start,
        };
        (definition, self.findings)
    }
}

pub(crate) fn is_slug(s: &str) -> bool {
    !s.is_empty()
        && !s.starts_with('-')
        && !s.ends_with('-')
        && !s.contains("--")
        && s.chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

fn is_identifier(s: &str) -> bool {
    let mut chars = s.chars();
    chars.next().is_some_and(|c| c.is_ascii_lowercase())
        && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
}

fn is_markdown_file_name(s: &str) -> bool {
    s.ends_with(".md") && !s.contains('\n') && !s.contains(' ')
}

fn title_case(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for (i, word) in s.split('_').enumerate() {
        if i > 0 {
            out.push(' ');
        }
        let mut cs = word.chars();
        if let Some(c) = cs.next() {
            out.extend(c.to_uppercase());
            out.push_str(cs.as_str());
        }
    }
    out
}

fn nearest<'a>(given: &str, known: &[&'a str]) -> Option<&'a str> {
    crate::competency::nearest(given, known.iter().copied())
}
