//! Scenarios: loading a Rhai script once, checking it, and calling its
//! functions during play.
//!
//! Following Rhai's "event handler" pattern, a [`Scenario`] keeps the
//! compiled AST beside its typed definition; the shared engine comes from
//! [`sandbox::engine`]. Each turn calls into the AST; nothing is recompiled.

pub mod beat;
pub mod builder;
pub mod catalogue;
pub mod evidence;
pub mod finding;
pub mod metadata;
pub mod persona;
pub mod sandbox;
pub mod script_api;
pub mod source;
pub mod structure;
pub mod translation;
pub mod version;
pub mod warning_sign;

use crate::error::{Error, Result};
use beat::{Beat, Ending};
use builder::{Builder, Definition};
use finding::{Finding, FindingCode, Severity};
use rhai::{Dynamic, FnPtr, AST};
use source::ScenarioSource;
use std::path::Path;
use std::sync::Arc;
use translation::Catalogue;

pub use builder::LabelRule;

/// A compiled scenario, ready to play.
#[derive(Debug, Clone)]
pub struct Scenario {
    /// Its files.
    pub source: ScenarioSource,
    /// What the script declared, in the language shown: the script's own
    /// text, or a translation's (see [`Scenario::localised`]).
    pub def: Definition,
    /// What the script declared, in the script's own language.
    pub untranslated: Arc<Definition>,
    /// The translations the folder carries (`locales/<lang>.ftl`), by tag.
    pub translations: Arc<Vec<Catalogue>>,
    /// The translation shown, when it is not the script's own text.
    shown: Option<Arc<Catalogue>>,
    ast: AST,
}

/// A node of the scenario graph.
#[derive(Debug, Clone, Copy)]
pub enum Node<'a> {
    /// A beat.
    Beat(&'a Beat),
    /// An ending.
    Ending(&'a Ending),
}

/// The result of loading a scenario: the scenario when the script ran, and
/// every finding met on the way.
#[derive(Debug)]
pub struct Loaded {
    /// The scenario, when the script parsed and ran.
    pub scenario: Option<Scenario>,
    /// Findings from compiling and building, and the graph checks of [`structure`].
    pub findings: Vec<Finding>,
}

impl Loaded {
    /// Whether any finding is an error.
    pub fn has_errors(&self) -> bool {
        self.findings.iter().any(|f| f.severity == Severity::Error)
    }
}

/// Compiles and runs a scenario script, collecting findings.
pub fn compile(source: ScenarioSource) -> Loaded {
    let engine = sandbox::engine();
    let mut findings = Vec::new();
    let ast = match engine.compile(&source.script) {
        Ok(ast) => ast,
        Err(e) => {
            findings.push(Finding {
                code: FindingCode::E001,
                severity: Severity::Error,
                location: source.location(e.position()),
                message: sandbox::describe_parse(&e),
            });
            return Loaded {
                scenario: None,
                findings,
            };
        }
    };
    let (result, decls) =
        script_api::collecting(|| sandbox::with_deadline(|| engine.run_ast(&ast)));
    if let Err(e) = result {
        findings.push(Finding {
            code: FindingCode::E002,
            severity: Severity::Error,
            location: source.location(sandbox::error_position(&e)),
            message: format!("while loading: {}", sandbox::describe(&e)),
        });
        return Loaded {
            scenario: None,
            findings,
        };
    }
    let (def, built) = Builder::new(&source).build(decls);
    findings.extend(built);
    let translations = match translation::read_catalogues(&source) {
        Ok(t) => t,
        Err(e) => {
            findings.push(Finding {
                code: FindingCode::E027,
                severity: Severity::Error,
                location: source.location(rhai::Position::new(1, 1)),
                message: format!("the translations cannot be read: {e}"),
            });
            Vec::new()
        }
    };
    Loaded {
        scenario: Some(Scenario {
            untranslated: Arc::new(def.clone()),
            translations: Arc::new(translations),
            shown: None,
            source,
            def,
            ast,
        }),
        findings,
    }
}

/// Reads and compiles the scenario folder at `path`.
pub fn load(path: &Path) -> Result<Loaded> {
    Ok(compile(ScenarioSource::read(path)?))
}

/// Loads a scenario for checking: like [`load`], but a folder whose files
/// cannot be read at all is reported as one `E041` finding at the folder
/// rather than as an error, so checking many folders names every problem
/// and one unreadable folder does not hide the others' findings.
pub fn load_for_check(path: &Path) -> Loaded {
    match load(path) {
        Ok(loaded) => loaded,
        Err(e) => Loaded {
            scenario: None,
            findings: vec![Finding {
                code: FindingCode::E041,
                severity: Severity::Error,
                location: finding::Location {
                    file: path.to_path_buf(),
                    line: 0,
                    column: 0,
                },
                message: e.to_string(),
            }],
        },
    }
}

/// Loads a scenario and refuses it when the checker finds errors.
pub fn load_playable(path: &Path) -> Result<Scenario> {
    let loaded = load(path)?;
    let mut findings = loaded.findings;
    if let Some(s) = &loaded.scenario {
        findings.extend(structure::graph_findings(s));
    }
    let errors: Vec<&Finding> = findings
        .iter()
        .filter(|f| f.severity == Severity::Error)
        .collect();
    match loaded.scenario {
        Some(s) if errors.is_empty() => Ok(s),
        _ => Err(Error::ScenarioInvalid {
            scenario: path.display().to_string(),
            count: errors.len(),
            summary: errors
                .iter()
                .take(5)
                .map(|f| f.to_string())
                .collect::<Vec<_>>()
                .join("\n"),
        }),
    }
}

impl Scenario {
    /// The scenario id.
    pub fn id(&self) -> &str {
        &self.def.meta.id
    }

    /// The language the scenario is shown in: its translation's, or the
    /// script's own `language`.
    pub fn language(&self) -> &str {
        &self.def.meta.language
    }

    /// Every language the scenario can be shown in: the script's own first,
    /// then each translation it carries that has messages.
    pub fn languages(&self) -> Vec<String> {
        let mut out = vec![self.untranslated.meta.language.clone()];
        for c in self.translations.iter() {
            if !c.messages.is_empty() && !out.contains(&c.language) {
                out.push(c.language.clone());
            }
        }
        out
    }

    /// Whether the scenario can be shown in `language` (its own or a translation).
    pub fn has_language(&self, language: &str) -> bool {
        self.languages().iter().any(|l| l == language)
    }

    /// The scenario as shown in `language`: with that translation's texts,
    /// keys it lacks keeping the script's. A language the scenario does not
    /// carry gives the script's own text (the fallback), so a shell can
    /// always pass the trainee's language through. Routing, evidence and
    /// every id stay those of the script: only what is shown changes.
    pub fn localised(&self, language: &str) -> Scenario {
        let catalogue = self
            .translations
            .iter()
            .find(|c| c.language == language && !c.messages.is_empty());
        let (def, shown) = match catalogue {
            Some(c) => (
                translation::apply(&self.untranslated, c),
                Some(Arc::new(c.clone())),
            ),
            None => (self.untranslated.as_ref().clone(), None),
        };
        Scenario {
            source: self.source.clone(),
            def,
            untranslated: Arc::clone(&self.untranslated),
            translations: Arc::clone(&self.translations),
            shown,
            ast: self.ast.clone(),
        }
    }

    /// A beat or ending by id.
    pub fn node(&self, id: &str) -> Option<Node<'_>> {
        self.beat(id)
            .map(Node::Beat)
            .or_else(|| self.ending(id).map(Node::Ending))
    }

    /// A beat by id.
    pub fn beat(&self, id: &str) -> Option<&Beat> {
        self.def.beats.iter().find(|b| b.id == id)
    }

    /// An ending by id.
    pub fn ending(&self, id: &str) -> Option<&Ending> {
        self.def.endings.iter().find(|e| e.id == id)
    }

    /// A persona by id.
    pub fn persona(&self, id: &str) -> Option<&persona::Persona> {
        self.def.personas.iter().find(|p| p.id == id)
    }

    /// Calls a script function under the sandbox's limits and deadline,
    /// naming the scenario and beat in any error.
    pub fn call(&self, func: &FnPtr, beat: &str, arg: Dynamic) -> Result<Dynamic> {
        let engine = sandbox::engine();
        translation::showing(self.language(), self.shown.as_ref(), || {
            sandbox::with_deadline(|| func.call::<Dynamic>(engine, &self.ast, (arg,)))
        })
        .map_err(|e| {
            let pos = sandbox::error_position(&e);
            let at = if pos.is_none() {
                String::new()
            } else {
                format!(" (at {})", self.source.location(pos))
            };
            Error::Script {
                scenario: self.id().to_string(),
                beat: beat.to_string(),
                message: format!("{}{at}", sandbox::describe(&e)),
            }
        })
    }
}

#[cfg(test)]
mod tests;
