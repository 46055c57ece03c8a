//! The scenario graph, for `rehearse graph` and the workbench.

use crate::scenario::beat::Outcome;
use crate::scenario::Scenario;
use serde::{Deserialize, Serialize};
use std::fmt::Write as _;

/// A node of the graph.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
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
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct GraphEdge {
    /// The node the edge leaves.
    pub from: String,
    /// The node the edge reaches.
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
    /// The edges between the nodes.
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

/// Where a node sits in the workbench's drawing: layered columns by
/// breadth-first distance from the start, endings in a last column, beats
/// the start cannot reach in a column of their own before the endings.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Placement {
    /// Beat or ending id.
    pub id: String,
    /// Column, from 0 (the start).
    pub column: usize,
    /// Row within the column, from 0.
    pub row: usize,
}

/// A layered layout of the graph, for drawing it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Layout {
    /// One placement per node, in the graph's node order.
    pub placements: Vec<Placement>,
    /// Number of columns.
    pub columns: usize,
    /// Rows in the tallest column.
    pub rows: usize,
}

impl Graph {
    /// Lays the graph out in columns (breadth-first layers from the start).
    pub fn layout(&self) -> Layout {
        use std::collections::{BTreeMap, VecDeque};
        let mut depth: BTreeMap<&str, usize> = BTreeMap::new();
        let ending = |id: &str| self.nodes.iter().any(|n| n.id == id && n.ending);
        let mut queue: VecDeque<&str> = self
            .nodes
            .iter()
            .filter(|n| n.start)
            .map(|n| n.id.as_str())
            .collect();
        for id in &queue {
            depth.insert(id, 0);
        }
        while let Some(id) = queue.pop_front() {
            let d = depth[id];
            for e in self.edges.iter().filter(|e| e.from == id) {
                if !depth.contains_key(e.to.as_str()) && !ending(&e.to) {
                    depth.insert(&e.to, d + 1);
                    queue.push_back(&e.to);
                }
            }
        }
        let deepest = depth.values().copied().max().unwrap_or(0);
        let unreachable = self
            .nodes
            .iter()
            .any(|n| !n.ending && !depth.contains_key(n.id.as_str()));
        let orphan_column = deepest + 1;
        let ending_column = deepest + 1 + usize::from(unreachable);
        let mut rows: BTreeMap<usize, usize> = BTreeMap::new();
        let placements = self
            .nodes
            .iter()
            .map(|n| {
                let column = if n.ending {
                    ending_column
                } else {
                    depth.get(n.id.as_str()).copied().unwrap_or(orphan_column)
                };
                let row = rows.entry(column).or_default();
                *row += 1;
                Placement {
                    id: n.id.clone(),
                    column,
                    row: *row - 1,
                }
            })
            .collect();
        Layout {
            placements,
            columns: ending_column + 1,
            rows: rows.values().copied().max().unwrap_or(0),
        }
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    fn node(id: &str, start: bool, ending: bool) -> GraphNode {
        GraphNode {
            id: id.into(),
            ending,
            start,
            red_flag: None,
            line: 1,
        }
    }

    fn edge(from: &str, to: &str) -> GraphEdge {
        GraphEdge {
            from: from.into(),
            to: to.into(),
            label: "1".into(),
            conditional: false,
        }
    }

    #[test]
    fn layout_layers_by_distance_with_endings_last() {
        let g = Graph {
            nodes: vec![
                node("a", true, false),
                node("b", false, false),
                node("c", false, false),
                node("lost", false, false),
                node("end", false, true),
            ],
            edges: vec![
                edge("a", "b"),
                edge("a", "c"),
                edge("b", "c"),
                edge("c", "end"),
                edge("a", "end"),
            ],
        };
        let l = g.layout();
        let at = |id: &str| {
            let p = l.placements.iter().find(|p| p.id == id).unwrap();
            (p.column, p.row)
        };
        assert_eq!(at("a"), (0, 0));
        assert_eq!(at("b"), (1, 0));
        assert_eq!(at("c"), (1, 1));
        assert_eq!(at("lost"), (2, 0), "unreachable beats get their own column");
        assert_eq!(at("end"), (3, 0), "endings come last");
        assert_eq!((l.columns, l.rows), (4, 2));
    }
}
