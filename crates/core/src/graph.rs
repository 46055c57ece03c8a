//! The scenario graph, for `rehearse graph` and the workbench.

use crate::scenario::beat::Outcome;
use crate::scenario::Scenario;
use serde::{Deserialize, Serialize};
use std::fmt::Write as _;

/// A node of the graph.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GraphNode {
    /// Beat or ending id.
    pub id: String,
    /// Whether it is an ending.
    pub ending: bool,
    /// Whether it is the start.
    pub start: bool,
    /// The red-flag category its line carries, if any.
    pub red_flag: Option<String>,
    /// Declared at line.
    pub line: usize,
}

/// An edge of the graph.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GraphEdge {
    /// From.
    pub from: String,
    /// To.
    pub to: String,
    /// Which response: "1", "free text 2", "otherwise", "silence".
    pub label: String,
    /// Whether the response is a conditional or computed route.
    pub conditional: bool,
}

/// The scenario as nodes and edges.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Graph {
    /// Nodes, beats first.
    pub nodes: Vec<GraphNode>,
    /// Edges.
    pub edges: Vec<GraphEdge>,
}

/// Builds the graph of a scenario.
pub fn build(s: &Scenario) -> Graph {
    let mut nodes = Vec::new();
    let mut edges = Vec::new();
    for b in &s.def.beats {
        nodes.push(GraphNode {
            id: b.id.clone(),
            ending: false,
            start: b.id == s.def.start,
            red_flag: b.red_flag.as_ref().map(|f| f.category.id().to_string()),
            line: b.at.line().unwrap_or(0),
        });
        let mut push = |o: &Outcome, label: String, conditional: bool| {
            let targets = o
                .next
                .as_ref()
                .map(|t| t.possible())
                .unwrap_or_else(|| vec![b.id.as_str()]);
            let dynamic = matches!(o.next, Some(crate::scenario::beat::Target::Dynamic { .. }));
            for t in targets {
                edges.push(GraphEdge {
                    from: b.id.clone(),
                    to: t.to_string(),
                    label: label.clone(),
                    conditional: conditional || dynamic,
                });
            }
        };
        for (i, c) in b.choices.iter().enumerate() {
            push(&c.outcome, (i + 1).to_string(), false);
        }
        if let Some(ft) = &b.free_text {
            for (i, r) in ft.routes.iter().enumerate() {
                push(&r.outcome, format!("free text {}", i + 1), true);
            }
            if let Some(o) = &ft.otherwise {
                push(o, "otherwise".into(), true);
            }
        }
        if let Some(o) = &b.silence {
            push(o, "silence".into(), false);
        }
    }
    for e in &s.def.endings {
        nodes.push(GraphNode {
            id: e.id.clone(),
            ending: true,
            start: false,
            red_flag: None,
            line: e.at.line().unwrap_or(0),
        });
    }
    Graph { nodes, edges }
}

fn quote(s: &str) -> String {
    s.replace('\\', "\\\\").replace('"', "\\\"")
}

impl Graph {
    /// Graphviz DOT.
    pub fn to_dot(&self, title: &str) -> String {
        let mut out = String::new();
        let _ = writeln!(out, "digraph \"{}\" {{", quote(title));
        let _ = writeln!(out, "  rankdir=LR;\n  node [fontname=\"Helvetica\"];");
        for n in &self.nodes {
            let mut attrs = vec![format!(
                "label=\"{}{}\"",
                quote(&n.id),
                n.red_flag
                    .as_ref()
                    .map(|f| format!("\\n⚠ {f}"))
                    .unwrap_or_default()
            )];
            attrs.push(if n.ending {
                "shape=doubleoctagon".into()
            } else {
                "shape=box".into()
            });
            if n.red_flag.is_some() {
                attrs.push("color=red, penwidth=2".into());
            }
            if n.start {
                attrs.push("style=bold".into());
            }
            let _ = writeln!(out, "  \"{}\" [{}];", quote(&n.id), attrs.join(", "));
        }
        for e in &self.edges {
            let style = if e.conditional { ", style=dashed" } else { "" };
            let _ = writeln!(
                out,
                "  \"{}\" -> \"{}\" [label=\"{}\"{style}];",
                quote(&e.from),
                quote(&e.to),
                quote(&e.label)
            );
        }
        out.push_str("}\n");
        out
    }

    /// Mermaid flowchart.
    pub fn to_mermaid(&self) -> String {
        let id = |s: &str| {
            format!(
                "n_{}",
                s.replace(|c: char| !c.is_ascii_alphanumeric() && c != '_', "_")
            )
        };
        let mut out = String::from("flowchart LR\n");
        for n in &self.nodes {
            let label = match &n.red_flag {
                Some(f) => format!("{} ⚠ {f}", n.id),
                None => n.id.clone(),
            };
            let label = label.replace('"', "'");
            if n.ending {
                let _ = writeln!(out, "  {}([\"{label}\"])", id(&n.id));
            } else {
                let _ = writeln!(out, "  {}[\"{label}\"]", id(&n.id));
            }
        }
        for e in &self.edges {
            let arrow = if e.conditional { "-.->" } else { "-->" };
            let _ = writeln!(
                out,
                "  {} {arrow}|{}| {}",
                id(&e.from),
                e.label.replace('|', "/"),
                id(&e.to)
            );
        }
        for n in self.nodes.iter().filter(|n| n.red_flag.is_some()) {
            let _ = writeln!(out, "  style {} stroke:#c00,stroke-width:3px", id(&n.id));
        }
        out
    }
}
