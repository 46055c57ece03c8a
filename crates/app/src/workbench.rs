//! The trainer's workbench tools over one scenario folder: its graph laid
//! out for drawing, its tests (`tests.toml`) run the way `rehearse test`
//! runs them, and seeded random walks through it. The desktop workbench
//! shows these views; the CLI prints the same test runs.

use crate::error::{Error, Result};
use rehearse_core::scenario::{self, translation::analyser_for, Scenario};
use rehearse_core::testcase::{self, TestCase};
use rehearse_core::{explore, graph};
use serde::Serialize;
use std::path::Path;
use std::sync::Arc;

/// The most walks one explorer run takes (more would hold a worker for
/// minutes and say nothing the first ten thousand did not).
pub const MAX_WALKS: u32 = 10_000;

/// A graph node with its place in the drawing.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct GraphNodeView {
    /// The node.
    #[serde(flatten)]
    pub node: graph::GraphNode,
    /// Its column, from the start.
    pub column: usize,
    /// Its row within the column.
    pub row: usize,
}

/// A scenario's graph with its layout (both from the core).
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct GraphView {
    /// Scenario id.
    pub scenario: String,
    /// Nodes with their positions.
    pub nodes: Vec<GraphNodeView>,
    /// Edges between them.
    pub edges: Vec<graph::GraphEdge>,
    /// How many columns the drawing has.
    pub columns: usize,
    /// Rows in the tallest column.
    pub rows: usize,
}

/// The graph of the scenario in `dir`, laid out in columns. A script that
/// does not load has no graph: the error says to read its findings.
pub fn graph(dir: &Path) -> Result<GraphView> {
    let loaded = scenario::load(dir)?;
    let s = loaded.scenario.ok_or_else(|| {
        Error::Invalid(
            "the script does not load, so there is no graph to draw; see the findings".into(),
        )
    })?;
    let g = graph::build(&s);
    let layout = g.layout();
    let nodes = g
        .nodes
        .into_iter()
        .zip(layout.placements)
        .map(|(node, p)| GraphNodeView {
            node,
            column: p.column,
            row: p.row,
        })
        .collect();
    Ok(GraphView {
        scenario: s.id().to_string(),
        nodes,
        edges: g.edges,
        columns: layout.columns,
        rows: layout.rows,
    })
}

/// One scenario test's result in one language.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct TestResult {
    /// `scenario::test`, with `[language]` when the scenario is in more
    /// than one.
    pub name: String,
    /// The language it ran in.
    pub language: String,
    /// Whether every expectation held.
    pub passed: bool,
    /// What did not hold.
    pub failures: Vec<String>,
}

/// A scenario's tests as run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TestRun {
    /// Each test in each language it runs in.
    Ran(Vec<TestResult>),
    /// Only `language` was asked for and the scenario does not carry it.
    NotInLanguage {
        /// The language asked for.
        language: String,
        /// The languages the scenario is in.
        available: Vec<String>,
    },
}

/// Runs `cases` against `scenario`: each test in every language its inputs
/// allow (a test with free text runs in the script's own language, since
/// typed words are in one language; one that names its language runs in
/// that), or only in `language` when given.
pub fn run_tests(scenario: &Scenario, cases: &[TestCase], language: Option<&str>) -> TestRun {
    if let Some(l) = language.filter(|l| !scenario.has_language(l)) {
        return TestRun::NotInLanguage {
            language: l.to_string(),
            available: scenario.languages(),
        };
    }
    // The language is named only when the scenario has more than one.
    let several = scenario.languages().len() > 1;
    let mut out = Vec::new();
    for case in cases {
        for lang in testcase::languages_for(scenario, case, language) {
            let outcome = testcase::run_in(scenario, case, &lang);
            let name = if several {
                format!("{}::{} [{lang}]", scenario.id(), case.name)
            } else {
                format!("{}::{}", scenario.id(), case.name)
            };
            out.push(TestResult {
                name,
                passed: outcome.passed(),
                language: lang,
                failures: outcome.failures,
            });
        }
    }
    TestRun::Ran(out)
}

/// Reads, loads and runs the tests of the scenario in `dir` in every
/// language (what the workbench's "Run tests" does). A folder whose tests
/// cannot be read, or whose script does not load, is an error.
pub fn run_folder_tests(dir: &Path) -> Result<Vec<TestResult>> {
    let cases = testcase::read_tests(dir)?;
    let s = scenario::load_playable(dir)?;
    match run_tests(&s, &cases, None) {
        TestRun::Ran(results) => Ok(results),
        TestRun::NotInLanguage { .. } => Ok(Vec::new()),
    }
}

/// What the explorer found, with its coverage.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ExplorationView {
    /// The explorer's result.
    #[serde(flatten)]
    pub exploration: explore::Exploration,
    /// Share of beats and endings visited.
    pub coverage: f64,
}

/// Plays `walks` seeded random walks (1 to [`MAX_WALKS`]) through the
/// scenario in `dir`.
pub fn explore(dir: &Path, walks: u32, seed: u64) -> Result<ExplorationView> {
    if walks == 0 || walks > MAX_WALKS {
        return Err(Error::Invalid(format!(
            "choose between 1 and {MAX_WALKS} walks"
        )));
    }
    let s = Arc::new(scenario::load_playable(dir)?);
    let exploration = explore::explore(&s, walks, seed, analyser_for(&s)?);
    Ok(ExplorationView {
        coverage: exploration.coverage(),
        exploration,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::bundled;

    #[test]
    fn a_translated_scenarios_tests_run_in_each_of_its_languages() {
        let dir = bundled("declines-support");
        let s = scenario::load_playable(&dir).unwrap();
        assert!(s.languages().len() > 1, "declines-support is translated");
        let cases = testcase::read_tests(&dir).unwrap();
        let TestRun::Ran(all) = run_tests(&s, &cases, None) else {
            panic!("ran")
        };
        assert!(all.len() > cases.len(), "{all:?}");
        assert!(all.iter().all(|r| r.passed), "{all:?}");
        assert!(all
            .iter()
            .all(|r| r.name.ends_with(&format!("[{}]", r.language))));
        assert_eq!(run_folder_tests(&dir).unwrap(), all);
        let TestRun::Ran(es) = run_tests(&s, &cases, Some("es")) else {
            panic!("ran")
        };
        assert!(!es.is_empty() && es.iter().all(|r| r.language == "es"));
        assert!(matches!(
            run_tests(&s, &cases, Some("fr")),
            TestRun::NotInLanguage { .. }
        ));
    }

    #[test]
    fn the_graph_is_laid_out_and_the_explorer_takes_a_bounded_number_of_walks() {
        let dir = bundled("declines-support");
        let g = graph(&dir).unwrap();
        assert_eq!(g.scenario, "declines-support");
        assert!(g
            .nodes
            .iter()
            .all(|n| n.column < g.columns && n.row < g.rows));
        assert!(!g.edges.is_empty());
        for walks in [0, MAX_WALKS + 1] {
            assert_eq!(explore(&dir, walks, 1).unwrap_err().code(), "invalid");
        }
        let x = explore(&dir, 20, 7).unwrap();
        assert!(x.coverage > 0.0 && x.coverage <= 1.0);
    }
}
