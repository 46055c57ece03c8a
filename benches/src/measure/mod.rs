//! The measures of issue #13, one module each. A measure takes the
//! [`Context`] and returns its rows; `rehearse-bench run` runs them in the
//! order of [`ALL`] and writes the table.

use crate::{Context, Error, Row};

pub mod analyser;
pub mod export;
pub mod library_index;
pub mod push;
pub mod recorded_turn;
pub mod records_page;
pub mod startup;
pub mod status;
pub mod turn;

/// A measure: its name (for `--only`), and the function that runs it.
pub struct Measure {
    /// Short name, as `rehearse-bench list` prints it and `--only` takes it.
    pub name: &'static str,
    /// One line on what it measures.
    pub about: &'static str,
    /// Runs it.
    pub run: fn(&Context) -> Result<Vec<Row>, Error>,
}

/// Every measure, in the order of the table.
pub const ALL: &[Measure] = &[
    Measure {
        name: "analyser",
        about: "response analysis throughput on one core (typical mix of trainee responses)",
        run: analyser::run,
    },
    Measure {
        name: "export",
        about: "CSV (both layouts), signed JSON and validated xAPI exports of 1M attempts vs sqlite3 -csv; peak RSS at 100k and 1M",
        run: export::run,
    },
    Measure {
        name: "turn",
        about: "a turn in memory (choice; free text with rules), bundled scenarios' tests, p99",
        run: turn::run,
    },
    Measure {
        name: "recorded-turn",
        about: "a recorded turn on a real SQLite file vs one bare insert-and-commit, same pragmas",
        run: recorded_turn::run,
    },
    Measure {
        name: "library-index",
        about: "library index of 500 scenarios, cold then warm (unchanged hashes), vs compiling them once",
        run: library_index::run,
    },
    Measure {
        name: "status",
        about: "status of one trainee and the dashboard's core calls, 10,000 trainees × 100 attempts",
        run: status::run,
    },
    Measure {
        name: "records-page",
        about: "the accreditation records table's first page, 10,000 trainees (the status measure's records)",
        run: records_page::run,
    },
    Measure {
        name: "push",
        about: "push of 100,000 xAPI statements to a real LRS on loopback vs a plain HTTP client posting the same batches",
        run: push::run,
    },
    Measure {
        name: "startup",
        about: "desktop cold start to the library with its cards, under Xvfb, vs a bare Tauri 2 window",
        run: startup::run,
    },
];
