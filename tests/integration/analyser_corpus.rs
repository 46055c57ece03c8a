//! Corpus report for the response analyser: precision, recall and F1 per
//! behaviour label and for open-versus-closed questions, over the labelled
//! corpus in `tests/data/analyser-corpus.jsonl`. Fails below the regression
//! floors. Also reports the held-out fifth (every fifth line) on its own.
//!
//! The Spanish analyser has its own corpus, `tests/data/analyser-corpus-es.jsonl`,
//! scored the same way against its own floors.
//!
//! Set `ANALYSER_CORPUS_DEBUG=all|train|heldout` to print disagreements.

use rehearse_core::analysis::{Analyser, QuestionKind};
use rehearse_core::behaviour::Behaviour;
use serde::Deserialize;
use std::io::Write;
use std::path::{Path, PathBuf};

/// Writes to the process's stderr directly, so the report shows even when
/// the test harness captures `eprintln!` output of passing tests.
macro_rules! say {
    ($($arg:tt)*) => {{
        let _ = writeln!(std::io::stderr().lock(), $($arg)*);
    }};
}

const CORPUS: &str = "tests/data/analyser-corpus.jsonl";
const CORPUS_ES: &str = "tests/data/analyser-corpus-es.jsonl";
const QUESTION_FLOOR: f64 = 0.9;
const LABEL_FLOOR: f64 = 0.8;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Case {
    text: String,
    #[serde(default)]
    previous: Option<String>,
    question: Option<QuestionKind>,
    behaviours: Vec<Behaviour>,
}

fn corpus_path(corpus: &str) -> PathBuf {
    let mut dir: Option<&Path> = Some(Path::new(env!("CARGO_MANIFEST_DIR")));
    while let Some(d) = dir {
        let candidate = d.join(corpus);
        if candidate.is_file() {
            return candidate;
        }
        dir = d.parent();
    }
    panic!("{corpus} not found above {}", env!("CARGO_MANIFEST_DIR"));
}

fn load(corpus: &str) -> Vec<Case> {
    let path = corpus_path(corpus);
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("reading {}: {e}", path.display()));
    text.lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
        .map(|(i, l)| {
            serde_json::from_str(l).unwrap_or_else(|e| panic!("corpus line {}: {e}", i + 1))
        })
        .collect()
}

#[derive(Default, Clone, Copy)]
struct Counts {
    tp: u32,
    fp: u32,
    fn_: u32,
}

impl Counts {
    fn add(&mut self, expected: bool, predicted: bool) {
        match (expected, predicted) {
            (true, true) => self.tp += 1,
            (false, true) => self.fp += 1,
            (true, false) => self.fn_ += 1,
            (false, false) => {}
        }
    }
    fn precision(self) -> f64 {
        ratio(self.tp, self.tp + self.fp)
    }
    fn recall(self) -> f64 {
        ratio(self.tp, self.tp + self.fn_)
    }
    fn f1(self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
}

fn ratio(a: u32, b: u32) -> f64 {
    if b == 0 {
        1.0
    } else {
        f64::from(a) / f64::from(b)
    }
}

struct Report {
    cases: usize,
    /// Open-vs-closed: counted over cases where either side has a question;
    /// open and closed each scored as a class, then macro-averaged.
    open: Counts,
    closed: Counts,
    labels: Vec<(Behaviour, Counts)>,
}

impl Report {
    fn question_f1(&self) -> f64 {
        (self.open.f1() + self.closed.f1()) / 2.0
    }
}

fn score<'c>(
    analyser: &Analyser,
    cases: impl Iterator<Item = (usize, &'c Case)>,
    debug: bool,
) -> Report {
    let mut report = Report {
        cases: 0,
        open: Counts::default(),
        closed: Counts::default(),
        labels: Behaviour::ALL
            .iter()
            .map(|b| (*b, Counts::default()))
            .collect(),
    };
    for (line, case) in cases {
        report.cases += 1;
        let a = analyser
            .analyse(&case.text, case.previous.as_deref())
            .unwrap_or_else(|e| panic!("corpus line {line}: {e}"));
        report.open.add(
            case.question == Some(QuestionKind::Open),
            a.question == Some(QuestionKind::Open),
        );
        report.closed.add(
            case.question == Some(QuestionKind::Closed),
            a.question == Some(QuestionKind::Closed),
        );
        for (b, counts) in report.labels.iter_mut() {
            counts.add(case.behaviours.contains(b), a.behaviours.contains(b));
        }
        if debug && (a.question != case.question || a.behaviours != case.behaviours) {
            let rules: Vec<String> = a
                .rules
                .iter()
                .map(|h| format!("{}[{}]", h.rule, h.span.text))
                .collect();
            say!(
                "line {line}: {:?}\n   expected {:?} {:?}\n   got      {:?} {:?}\n   rules {}",
                case.text,
                case.question,
                case.behaviours.iter().map(|b| b.id()).collect::<Vec<_>>(),
                a.question,
                a.behaviours.iter().map(|b| b.id()).collect::<Vec<_>>(),
                rules.join(" ")
            );
        }
    }
    report
}

fn print(title: &str, r: &Report) {
    say!("\n{title} ({} utterances)", r.cases);
    say!("| label | support | precision | recall | F1 |");
    say!("|---|---:|---:|---:|---:|");
    let row = |name: &str, c: Counts| {
        say!(
            "| {name} | {} | {:.2} | {:.2} | {:.2} |",
            c.tp + c.fn_,
            c.precision(),
            c.recall(),
            c.f1()
        );
    };
    row("question.open", r.open);
    row("question.closed", r.closed);
    say!(
        "| open vs closed (macro F1) | | | | {:.2} |",
        r.question_f1()
    );
    for (b, c) in &r.labels {
        row(b.id(), *c);
    }
}

/// Scores `cases` with `analyser` on the whole corpus, the development part
/// and the held-out fifth, prints the three tables, and returns the whole.
fn report(analyser: &Analyser, cases: &[Case], name: &str) -> Report {
    let debug = std::env::var("ANALYSER_CORPUS_DEBUG").unwrap_or_default();
    let all = score(
        analyser,
        cases.iter().enumerate().map(|(i, c)| (i + 1, c)),
        debug == "all",
    );
    let train = score(
        analyser,
        cases
            .iter()
            .enumerate()
            .filter(|(i, _)| i % 5 != 4)
            .map(|(i, c)| (i + 1, c)),
        debug == "train",
    );
    let held = score(
        analyser,
        cases
            .iter()
            .enumerate()
            .filter(|(i, _)| i % 5 == 4)
            .map(|(i, c)| (i + 1, c)),
        debug == "heldout",
    );
    print(&format!("{name}: whole corpus"), &all);
    print(
        &format!("{name}: development part (lines not divisible by 5)"),
        &train,
    );
    print(&format!("{name}: held-out fifth (every fifth line)"), &held);
    all
}

/// The floors a report must meet: open-vs-closed macro F1, and F1 per label
/// (a label may have its own, lower floor, named in `label_floors`).
fn failures(all: &Report, question_floor: f64, label_floors: &[(Behaviour, f64)]) -> Vec<String> {
    let mut failures = Vec::new();
    if all.question_f1() < question_floor {
        failures.push(format!(
            "open vs closed F1 {:.3} < {question_floor}",
            all.question_f1()
        ));
    }
    for (b, c) in &all.labels {
        let floor = label_floors
            .iter()
            .find(|(l, _)| l == b)
            .map_or(LABEL_FLOOR, |(_, f)| *f);
        if c.tp + c.fn_ == 0 {
            failures.push(format!("{b}: no examples in the corpus"));
        } else if c.f1() < floor {
            failures.push(format!("{b}: F1 {:.3} < {floor}", c.f1()));
        }
    }
    failures
}

#[test]
fn analyser_corpus_meets_the_floors() {
    let cases = load(CORPUS);
    assert!(
        cases.len() >= 400,
        "the corpus needs at least 400 utterances, has {}",
        cases.len()
    );
    let all = report(Analyser::english(), &cases, "English");
    let failures = failures(&all, QUESTION_FLOOR, &[]);
    assert!(
        failures.is_empty(),
        "below the regression floors:\n{}",
        failures.join("\n")
    );
}

/// Spanish floors: the same as English for questions and most labels;
/// the labels listed here sit lower, at the level measured on the
/// self-written Spanish corpus (docs/analyser.md, "Spanish").
const SPANISH_LABEL_FLOORS: &[(Behaviour, f64)] = &[];

#[test]
fn analyser_corpus_es_meets_the_floors() {
    let cases = load(CORPUS_ES);
    assert!(
        cases.len() >= 150,
        "the Spanish corpus needs at least 150 utterances, has {}",
        cases.len()
    );
    let all = report(Analyser::spanish(), &cases, "Spanish");
    let failures = failures(&all, QUESTION_FLOOR, SPANISH_LABEL_FLOORS);
    assert!(
        failures.is_empty(),
        "Spanish analyser below its regression floors:\n{}",
        failures.join("\n")
    );
}
