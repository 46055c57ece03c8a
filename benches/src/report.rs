//! The rows of the performance table, whether each goal holds, and writing
//! the table into `docs/performance.md` between its markers.

use crate::Error;
use std::fmt::Write as _;
use std::path::Path;
use std::time::Duration;

/// A measured amount with its unit.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Quantity {
    /// A span of time.
    Time(Duration),
    /// A size in bytes (memory).
    Bytes(u64),
    /// Items per second.
    Rate(f64),
}

impl Quantity {
    /// The amount as a plain number in the unit's base (seconds, bytes, /s),
    /// for ratios.
    pub fn value(&self) -> f64 {
        match self {
            Quantity::Time(d) => d.as_secs_f64(),
            Quantity::Bytes(b) => *b as f64,
            Quantity::Rate(r) => *r,
        }
    }
}

impl Quantity {
    /// `other - self` in the same unit (zero for unlike units).
    fn less(self, other: Quantity) -> Quantity {
        match (self, other) {
            (Quantity::Time(a), Quantity::Time(b)) => Quantity::Time(b.saturating_sub(a)),
            (Quantity::Bytes(a), Quantity::Bytes(b)) => Quantity::Bytes(b.saturating_sub(a)),
            (Quantity::Rate(a), Quantity::Rate(b)) => Quantity::Rate((b - a).max(0.0)),
            (_, b) => b,
        }
    }
}

impl std::fmt::Display for Quantity {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Quantity::Time(d) => {
                let s = d.as_secs_f64();
                if s >= 1.0 {
                    write!(f, "{s:.2} s")
                } else if s >= 1e-3 {
                    write!(f, "{:.2} ms", s * 1e3)
                } else {
                    write!(f, "{:.1} µs", s * 1e6)
                }
            }
            Quantity::Bytes(b) => write!(f, "{:.1} MB", *b as f64 / 1e6),
            Quantity::Rate(r) => write!(f, "{} /s", thousands(*r)),
        }
    }
}

/// `r` rounded, with thousands separated by commas ("1,000,000").
pub fn thousands(r: f64) -> String {
    let n = r.round() as u64;
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// What a row must show to meet its goal.
#[derive(Debug, Clone, PartialEq)]
pub enum Goal {
    /// `ours / reference` at most this (time ratios: lower is better).
    RatioAtMost(f64),
    /// The figure itself at most this.
    AtMost(Quantity),
    /// The figure itself at least this (rates).
    AtLeast(Quantity),
    /// Reported for context; no goal.
    None,
}

/// One line of the table.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    /// What is measured, such as "CSV export, per-attempt layout".
    pub measure: String,
    /// The data it ran on, such as "1,000,000 attempts (bulk SQL)".
    pub data: String,
    /// Rehearse's figure.
    pub ours: Quantity,
    /// The reference measured in the same run, with its name.
    pub reference: Option<(String, Quantity)>,
    /// The goal from issue #13.
    pub goal: Goal,
    /// Further figures or a sentence on a miss ("peak RSS 61 MB").
    pub note: String,
}

impl Row {
    /// `ours / reference`, when there is a reference.
    pub fn ratio(&self) -> Option<f64> {
        self.reference
            .as_ref()
            .map(|(_, r)| self.ours.value() / r.value())
    }

    /// Whether the goal holds (`None` when the row has no goal).
    pub fn met(&self) -> Option<bool> {
        match &self.goal {
            Goal::RatioAtMost(max) => self.ratio().map(|r| r <= *max),
            Goal::AtMost(q) => Some(self.ours.value() <= q.value()),
            Goal::AtLeast(q) => Some(self.ours.value() >= q.value()),
            Goal::None => None,
        }
    }

    /// By how much the goal is missed, when it is: "by 0.25×" over a ratio
    /// goal, "by 3.1 ms" over a limit, "short by 1,200 /s" under a floor.
    pub fn shortfall(&self) -> Option<String> {
        if self.met() != Some(false) {
            return None;
        }
        Some(match &self.goal {
            Goal::RatioAtMost(max) => format!("by {:.2}×", self.ratio()? - max),
            Goal::AtMost(q) => format!("by {}", q.less(self.ours)),
            Goal::AtLeast(q) => format!("short by {}", self.ours.less(*q)),
            Goal::None => return None,
        })
    }

    /// Adds the cause of a miss to the row's notes, when the goal is missed:
    /// a sentence and the section of `docs/performance.md` with the profile
    /// that shows it. A row that meets its goal is left as it is.
    pub fn missing_because(mut self, cause: &str) -> Row {
        if self.met() == Some(false) {
            if !self.note.is_empty() {
                self.note.push_str("; ");
            }
            self.note.push_str("why: ");
            self.note.push_str(cause);
        }
        self
    }

    fn goal_text(&self) -> String {
        match &self.goal {
            Goal::RatioAtMost(max) => format!("≤ {max}×"),
            Goal::AtMost(q) => format!("≤ {q}"),
            Goal::AtLeast(q) => format!("≥ {q}"),
            Goal::None => "—".to_string(),
        }
    }
}

/// The table as Markdown.
pub fn markdown(rows: &[Row]) -> String {
    let mut out = String::from(
        "| measure | data | Rehearse | reference (same run) | ratio | goal | met | notes |\n|---|---|---:|---|---:|---|---|---|\n",
    );
    for r in rows {
        let reference = match &r.reference {
            Some((name, q)) => format!("{name}: {q}"),
            None => "—".into(),
        };
        let ratio = r.ratio().map_or("—".into(), |x| format!("{x:.2}×"));
        let met = match (r.met(), r.shortfall()) {
            (Some(true), _) => "yes".to_string(),
            (Some(false), Some(by)) => format!("**no**, {by}"),
            (Some(false), None) => "**no**".to_string(),
            (None, _) => "—".to_string(),
        };
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {} | {} | {} | {} |",
            cell(&r.measure),
            cell(&r.data),
            r.ours,
            cell(&reference),
            ratio,
            r.goal_text(),
            met,
            cell(&r.note)
        );
    }
    out
}

fn cell(s: &str) -> String {
    s.replace('|', "\\|").replace('\n', " ")
}

/// The markers between which `docs/performance.md` holds the generated table.
pub const BEGIN: &str = "<!-- bench:begin (written by scripts/bench; edit the prose around it) -->";
/// See [`BEGIN`].
pub const END: &str = "<!-- bench:end -->";

/// Replaces the generated region of the document at `path` (creating the
/// file with just the region when it does not exist), keeping the prose
/// around it. `heading` says when and where the run was made.
pub fn write_into(path: &Path, heading: &str, rows: &[Row]) -> Result<(), Error> {
    let region = format!("{BEGIN}\n{heading}\n\n{}{END}", markdown(rows));
    let text = match std::fs::read_to_string(path) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => String::new(),
        Err(e) => return Err(Error::io(path, e)),
    };
    let new = match (text.find(BEGIN), text.find(END)) {
        (Some(b), Some(e)) if e > b => format!("{}{region}{}", &text[..b], &text[e + END.len()..]),
        _ if text.is_empty() => format!("{region}\n"),
        _ => format!("{text}\n{region}\n"),
    };
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).map_err(|e| Error::io(parent, e))?;
    }
    std::fs::write(path, new).map_err(|e| Error::io(path, e))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(ours: f64, reference: f64, max: f64) -> Row {
        Row {
            measure: "CSV export".into(),
            data: "10 attempts".into(),
            ours: Quantity::Time(Duration::from_secs_f64(ours)),
            reference: Some((
                "sqlite3 -csv".into(),
                Quantity::Time(Duration::from_secs_f64(reference)),
            )),
            goal: Goal::RatioAtMost(max),
            note: String::new(),
        }
    }

    #[test]
    fn ratio_goals_hold_or_not() {
        assert_eq!(row(3.0, 2.0, 1.5).met(), Some(true));
        assert_eq!(row(3.1, 2.0, 1.5).met(), Some(false));
        let rate = Row {
            goal: Goal::AtLeast(Quantity::Rate(100_000.0)),
            ours: Quantity::Rate(99_999.0),
            reference: None,
            ..row(1.0, 1.0, 1.0)
        };
        assert_eq!(rate.met(), Some(false));
        assert!(markdown(std::slice::from_ref(&rate)).contains("99,999 /s"));
        assert!(markdown(&[rate]).contains("| **no**, short by 1 /s |"));
    }

    #[test]
    fn a_miss_says_by_how_much_and_why_and_a_met_goal_says_neither() {
        let missed = row(3.5, 2.0, 1.5).missing_because("the page loads every module");
        assert_eq!(missed.shortfall().as_deref(), Some("by 0.25×"));
        let table = markdown(&[missed]);
        assert!(
            table.contains(
                "| 1.75× | ≤ 1.5× | **no**, by 0.25× | why: the page loads every module |"
            ),
            "{table}"
        );
        let met = row(2.0, 2.0, 1.5).missing_because("unused");
        assert_eq!(met.note, "");
        assert_eq!(met.shortfall(), None);
        let limit = Row {
            goal: Goal::AtMost(Quantity::Time(Duration::from_millis(1))),
            ours: Quantity::Time(Duration::from_micros(4100)),
            reference: None,
            ..row(1.0, 1.0, 1.0)
        };
        assert_eq!(limit.shortfall().as_deref(), Some("by 3.10 ms"));
    }

    #[test]
    fn the_region_is_replaced_and_the_prose_kept() {
        let dir =
            std::env::temp_dir().join(format!("rehearse-bench-report-{}", std::process::id()));
        let path = dir.join("performance.md");
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(
            &path,
            format!("# Title\n\nbefore\n\n{BEGIN}\nold\n{END}\n\nafter\n"),
        )
        .unwrap();
        write_into(&path, "Run on a test.", &[row(1.0, 1.0, 1.5)]).unwrap();
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(text.starts_with("# Title\n\nbefore\n\n"));
        assert!(text.ends_with("\n\nafter\n"));
        assert!(!text.contains("old"));
        assert!(text.contains(
            "| CSV export | 10 attempts | 1.00 s | sqlite3 -csv: 1.00 s | 1.00× | ≤ 1.5× | yes |"
        ));
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
