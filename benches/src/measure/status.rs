//! A trainee's certification status and dashboard with 10,000 trainees ×
//! 100 completed attempts (the shared generator, [`crate::seed`]): the
//! core calls the desktop's dashboard is made of (the trainee, the status,
//! the history and the competency grid), timed for trainees spread over the
//! whole file. Goals of issue #13: status ≤ 1 ms, dashboard ≤ 50 ms.

use crate::context::{percentile, sample};
use crate::seed::{self, Spec};
use crate::{Context, Error, Goal, Quantity, Row};
use rehearse_core::records::Store;
use std::time::Duration;
use uuid::Uuid;

/// The status of `trainee` today, as the dashboard and the CLI ask for it.
pub fn status(store: &Store, trainee: Uuid) -> Result<(), Error> {
    std::hint::black_box(store.status(trainee, store.clock().today())?);
    Ok(())
}

/// The dashboard's core calls for `trainee` (what the desktop's
/// `dashboard` adapts): the profile, the status, every attempt and the grid.
pub fn dashboard(store: &Store, trainee: Uuid) -> Result<(), Error> {
    std::hint::black_box(store.find_trainee(&trainee.to_string())?);
    status(store, trainee)?;
    std::hint::black_box(store.attempts(trainee)?);
    std::hint::black_box(store.competency_grid(trainee)?);
    Ok(())
}

fn row(what: &str, spec: &Spec, times: &[Duration], goal: Duration) -> Row {
    Row {
        measure: what.into(),
        data: format!(
            "{} trainees × {} attempts (seeded generator, bulk SQL into the real schema)",
            spec.trainees, spec.attempts_per_trainee
        ),
        ours: Quantity::Time(percentile(times, 50.0)),
        reference: None,
        goal: Goal::AtMost(Quantity::Time(goal)),
        note: format!(
            "median of {} trainees, after one warm-up pass over them; p99 {}",
            times.len(),
            Quantity::Time(percentile(times, 99.0))
        ),
    }
}

/// The records this measure and the records page run on: 10,000 trainees
/// × 100 attempts (50 × 4 in the smoke run).
pub fn spec(ctx: &Context) -> Spec {
    Spec::new(ctx.size(10_000, 50), ctx.size(100, 4))
}

/// The measure.
pub fn run(ctx: &Context) -> Result<Vec<Row>, Error> {
    let spec = spec(ctx);
    let db = seed::database(ctx, &spec)?;
    let store = Store::open(&db)?;
    let n = ctx.size(200, 10);
    let pick = |i: usize| seed::trainee_id(&spec, (i * 7919) % spec.trainees);
    // One unmeasured pass over the same trainees first, so the figures are
    // of a warm page cache (as a running app has), not of the disk.
    for i in 1..=n {
        dashboard(&store, pick(i))?;
    }
    let mut i = 0;
    let statuses = sample(n, || {
        i += 1;
        status(&store, pick(i))
    })?;
    let mut j = 0;
    let dashboards = sample(n, || {
        j += 1;
        dashboard(&store, pick(j))
    })?;
    Ok(vec![
        row(
            "status of one trainee",
            &spec,
            &statuses,
            Duration::from_millis(1),
        )
        .missing_because(
            "a status replays the trainee's whole history: every attempt and every grade \
             (about 1,700 rows for 100 attempts) is read and the evidence rebuilt on each \
             call; see docs/performance.md, \"Status and dashboard\"",
        ),
        row(
            "dashboard of one trainee (core calls)",
            &spec,
            &dashboards,
            Duration::from_millis(50),
        ),
    ])
}
