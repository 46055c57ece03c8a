//! What every analytics report gives its readers: a table (printed by the
//! CLI, written as CSV, drawn by the app) and a chart of the same figures.
//! Suppressed figures ([`super::suppression`]) are cells and bars that say
//! "suppressed" and carry no number.

use super::suppression::{Guarded, SUPPRESSED};
use serde::{Serialize, Serializer};
use std::io::{self, Write};

/// One cell.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum Cell {
    /// Text (ids, names, dates, flags).
    Text(String),
    /// A whole count.
    Count(u64),
    /// A share from 0 to 1: shown as a percentage, written to CSV as a fraction.
    Ratio(f64),
    /// A number shown with two decimals (scores, indices, medians).
    Number(f64),
    /// Nothing to say (e.g. no previous version to compare with).
    Empty,
    /// The group was too small.
    Suppressed,
}

impl Cell {
    /// A guarded figure's cell.
    pub fn guarded<T>(g: &Guarded<T>, f: impl FnOnce(&T) -> Cell) -> Cell {
        match g {
            Guarded::Shown(v) => f(v),
            Guarded::Suppressed => Cell::Suppressed,
        }
    }

    /// An optional number (none: empty).
    pub fn number(v: Option<f64>) -> Cell {
        v.map(Cell::Number).unwrap_or(Cell::Empty)
    }

    /// An optional share (none: empty).
    pub fn ratio(v: Option<f64>) -> Cell {
        v.map(Cell::Ratio).unwrap_or(Cell::Empty)
    }

    /// As people read it.
    pub fn display(&self) -> String {
        match self {
            Cell::Text(t) => t.clone(),
            Cell::Count(n) => n.to_string(),
            Cell::Ratio(r) => format!("{:.1}%", r * 100.0),
            Cell::Number(x) => format!("{x:.2}"),
            Cell::Empty => String::new(),
            Cell::Suppressed => SUPPRESSED.to_string(),
        }
    }

    /// As a CSV field (shares as fractions with four decimals).
    pub fn csv(&self) -> String {
        match self {
            Cell::Text(t) => crate::export::csv::text_cell(t),
            Cell::Ratio(r) => format!("{r:.4}"),
            other => other.display(),
        }
    }

    /// The number behind the cell, if any.
    pub fn value(&self) -> Option<f64> {
        match self {
            Cell::Count(n) => Some(*n as f64),
            Cell::Ratio(r) | Cell::Number(r) => Some(*r),
            _ => None,
        }
    }
}

impl Serialize for Cell {
    /// `{"text": "62.5%", "value": 0.625, "suppressed": false}`.
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        #[derive(Serialize)]
        struct View {
            text: String,
            value: Option<f64>,
            suppressed: bool,
        }
        View {
            text: self.display(),
            value: self.value(),
            suppressed: *self == Cell::Suppressed,
        }
        .serialize(s)
    }
}

/// A column: a stable id (the CSV header) and a label for people.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Column {
    /// The CSV header.
    pub id: &'static str,
    /// The table heading.
    pub label: &'static str,
}

/// A table of figures.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Table {
    /// The columns.
    pub columns: Vec<Column>,
    /// The rows, one cell per column.
    pub rows: Vec<Vec<Cell>>,
}

impl Table {
    /// A table with these columns (`(id, label)`) and no rows.
    pub fn new(columns: &[(&'static str, &'static str)]) -> Table {
        Table {
            columns: columns
                .iter()
                .map(|(id, label)| Column { id, label })
                .collect(),
            rows: Vec::new(),
        }
    }

    /// The index of a column by id.
    pub fn column(&self, id: &str) -> Option<usize> {
        self.columns.iter().position(|c| c.id == id)
    }

    /// Writes RFC 4180 CSV (the exports' writer): a header of column ids,
    /// then one record per row.
    pub fn write_csv<W: Write + ?Sized>(&self, out: &mut W) -> io::Result<()> {
        let header: Vec<&str> = self.columns.iter().map(|c| c.id).collect();
        crate::export::csv::write_record(out, &header)?;
        for row in &self.rows {
            let fields: Vec<String> = row.iter().map(Cell::csv).collect();
            crate::export::csv::write_record(out, &fields)?;
        }
        Ok(())
    }

    /// The table as aligned text for a terminal (text over
    /// [`TEXT_WIDTH`] characters cut with "…").
    pub fn to_text(&self) -> String {
        let cells: Vec<Vec<String>> = std::iter::once(
            self.columns
                .iter()
                .map(|c| c.label.to_string())
                .collect::<Vec<_>>(),
        )
        .chain(self.rows.iter().map(|r| {
            r.iter()
                .map(|c| {
                    // Long text (an option's words) is cut on a terminal;
                    // the CSV keeps it whole.
                    let t = c.display();
                    if t.chars().count() > TEXT_WIDTH {
                        let cut: String = t.chars().take(TEXT_WIDTH - 1).collect();
                        format!("{cut}…")
                    } else {
                        t
                    }
                })
                .collect()
        }))
        .collect();
        let widths: Vec<usize> = (0..self.columns.len())
            .map(|i| {
                cells
                    .iter()
                    .map(|r| r.get(i).map_or(0, |c| c.chars().count()))
                    .max()
                    .unwrap_or(0)
            })
            .collect();
        let mut out = String::new();
        for (n, row) in cells.iter().enumerate() {
            let line: Vec<String> = row
                .iter()
                .zip(&widths)
                .map(|(c, w)| format!("{c:<w$}"))
                .collect();
            out.push_str(line.join("  ").trim_end());
            out.push('\n');
            if n == 0 {
                let rule: Vec<String> = widths.iter().map(|w| "-".repeat(*w)).collect();
                out.push_str(&rule.join("  "));
                out.push('\n');
            }
        }
        out
    }
}

/// The widest text cell [`Table::to_text`] prints in full.
pub const TEXT_WIDTH: usize = 60;

/// What a chart's values measure.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum Unit {
    /// Shares from 0 to 1, drawn as percentages.
    Share,
    /// Counts of trainees.
    Count,
    /// Counts of trainee turns.
    Turns,
}

/// One part of a bar (a stacked bar has several).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Segment {
    /// Its legend key.
    pub key: &'static str,
    /// The value.
    pub value: f64,
}

/// One bar: a row of the table.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Bar {
    /// What it is (the row's label).
    pub label: String,
    /// Its parts; empty when suppressed.
    pub segments: Vec<Segment>,
    /// The group was too small: drawn as "suppressed", without a length.
    pub suppressed: bool,
}

impl Bar {
    /// A bar of one value, or a suppressed bar.
    pub fn single(label: String, key: &'static str, value: &Guarded<f64>) -> Bar {
        match value {
            Guarded::Shown(v) => Bar {
                label,
                segments: vec![Segment { key, value: *v }],
                suppressed: false,
            },
            Guarded::Suppressed => Bar {
                label,
                segments: Vec::new(),
                suppressed: true,
            },
        }
    }
}

/// A legend entry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Legend {
    /// The segment key.
    pub key: &'static str,
    /// Words for people.
    pub label: &'static str,
}

/// A horizontal bar chart of a report's main figure.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Chart {
    /// What the bars show, in words (also the chart's accessible name).
    pub caption: String,
    /// The unit of the values.
    pub unit: Unit,
    /// The axis maximum (1 for shares).
    pub max: f64,
    /// The legend (one entry per segment key).
    pub legend: Vec<Legend>,
    /// The bars, in table order.
    pub bars: Vec<Bar>,
}

impl Chart {
    /// A text alternative: one sentence per bar.
    pub fn summary(&self) -> Vec<String> {
        self.bars
            .iter()
            .map(|b| {
                if b.suppressed {
                    return format!("{}: {SUPPRESSED} (fewer than 5 trainees)", b.label);
                }
                let parts: Vec<String> = b
                    .segments
                    .iter()
                    .map(|s| {
                        let label = self
                            .legend
                            .iter()
                            .find(|l| l.key == s.key)
                            .map_or(s.key, |l| l.label);
                        let v = match self.unit {
                            Unit::Share => format!("{:.1}%", s.value * 100.0),
                            Unit::Count => format!("{}", s.value.round() as i64),
                            Unit::Turns => format!("{:.2} turns", s.value),
                        };
                        format!("{label} {v}")
                    })
                    .collect();
                format!("{}: {}", b.label, parts.join(", "))
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_read_for_people_and_for_csv() {
        assert_eq!(Cell::Ratio(0.625).display(), "62.5%");
        assert_eq!(Cell::Ratio(0.625).csv(), "0.6250");
        assert_eq!(Cell::Number(-0.5).display(), "-0.50");
        assert_eq!(Cell::Suppressed.display(), "suppressed");
        assert_eq!(Cell::Suppressed.value(), None);
        assert_eq!(Cell::Text("=cmd".into()).csv(), "'=cmd");
        let j = serde_json::to_value(Cell::Suppressed).unwrap();
        assert_eq!(j["suppressed"], true);
        assert!(j["value"].is_null());
    }

    #[test]
    fn tables_print_aligned_and_as_csv() {
        let mut t = Table::new(&[("scenario", "Scenario"), ("pass_rate", "Pass rate")]);
        t.rows
            .push(vec![Cell::Text("a,b".into()), Cell::Ratio(0.5)]);
        t.rows.push(vec![Cell::Text("c".into()), Cell::Suppressed]);
        let mut csv = Vec::new();
        t.write_csv(&mut csv).unwrap();
        assert_eq!(
            String::from_utf8(csv).unwrap(),
            "scenario,pass_rate\r\n\"a,b\",0.5000\r\nc,suppressed\r\n"
        );
        let text = t.to_text();
        assert!(
            text.starts_with("Scenario  Pass rate\n--------  ----------\n"),
            "{text}"
        );
        assert!(text.contains("c         suppressed"), "{text}");
        t.rows.push(vec![Cell::Text("x".repeat(80)), Cell::Empty]);
        assert!(t.to_text().contains(&format!("{}…", "x".repeat(59))));
    }
}
