//! The accreditation records table on the status measure's records
//! (10,000 trainees × 100 completed attempts, [`super::status::spec`]):
//! the first page as the desktop's records view asks for it
//! (`export::roster::page`, the default page size), and a page deep in the
//! table. A page reads its own trainees only: one `COUNT(*)` for the
//! total, one `LIMIT … OFFSET` query for the page, then each row's status
//! and attempt counts. Goal of issue #13: the first page ≤ 100 ms.

use crate::context::{percentile, sample};
use crate::seed;
use crate::{Context, Error, Goal, Quantity, Row};
use rehearse_core::export::{roster, Filter, PageRequest};
use rehearse_core::records::Store;
use std::time::Duration;

/// Reads page `page` of the unfiltered table and checks it has rows.
pub fn page(store: &Store, page: u64) -> Result<(), Error> {
    let request = PageRequest {
        page,
        ..PageRequest::default()
    };
    let p = roster::page(store, &Filter::default(), request)?;
    if p.rows.is_empty() {
        return Err(Error::Measure {
            measure: "records-page",
            message: format!("page {page} of the records table is empty"),
        });
    }
    std::hint::black_box(p);
    Ok(())
}

/// The measure.
pub fn run(ctx: &Context) -> Result<Vec<Row>, Error> {
    let spec = super::status::spec(ctx);
    let db = seed::database(ctx, &spec)?;
    let store = Store::open(&db)?;
    let n = ctx.size(100, 5);
    let size = u64::from(PageRequest::default().size);
    let last_page = (spec.trainees as u64 - 1) / size;
    // One unmeasured read of each page first: a warm page cache.
    page(&store, 0)?;
    page(&store, last_page)?;
    let first = sample(n, || page(&store, 0))?;
    let deep = sample(n, || page(&store, last_page))?;
    Ok(vec![Row {
        measure: "records table, first page (accreditation)".into(),
        data: format!(
            "{} trainees × {} attempts (the status measure's file), pages of {size}",
            spec.trainees, spec.attempts_per_trainee
        ),
        ours: Quantity::Time(percentile(&first, 50.0)),
        reference: None,
        goal: Goal::AtMost(Quantity::Time(Duration::from_millis(100))),
        note: format!(
            "median of {n} after one warm-up read; p99 {}; the last page (page {}) {} median",
            Quantity::Time(percentile(&first, 99.0)),
            last_page + 1,
            Quantity::Time(percentile(&deep, 50.0)),
        ),
    }
    .missing_because(
        "each row replays its trainee's certification status (as the status row above); \
         see docs/performance.md, \"Status and dashboard\"",
    )])
}
