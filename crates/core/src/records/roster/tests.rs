use super::*;
use crate::certification::Standing;
use crate::clock::{parse_instant, FixedClock};
use std::sync::Arc;

/// Plays a bundled test of `near-miss` as an assessment for `trainee`, at
/// the clock's current time.
fn play(store: &Store, trainee: Uuid) {
    crate::export::fixture::play(store, trainee, "near-miss", "strong path");
}

/// Seven trainees over two organisations, added a second apart; the
/// first, fourth and sixth play once, on 2025-02-10, 2025-03-10 and
/// 2025-04-10.
fn fixture(dir: &std::path::Path) -> (Store, Vec<Uuid>) {
    let clock = Arc::new(FixedClock::new(
        parse_instant("2025-02-10T09:00:00Z").unwrap(),
    ));
    let store = Store::open_with_clock(&dir.join("r.db"), clock.clone()).unwrap();
    let mut ids = Vec::new();
    for i in 0..7 {
        clock.set(parse_instant(&format!("2025-02-10T09:00:0{i}Z")).unwrap());
        let org = if i % 2 == 0 {
            "North Trust"
        } else {
            "South Trust"
        };
        ids.push(
            store
                .add_trainee(&format!("Trainee {i}"), None, Some(org))
                .unwrap()
                .id,
        );
    }
    for (i, day) in [(0, "2025-02-10"), (3, "2025-03-10"), (5, "2025-04-10")] {
        clock.set(parse_instant(&format!("{day}T10:00:00Z")).unwrap());
        play(&store, ids[i]);
    }
    (store, ids)
}

fn sized(page: u64, size: u32) -> PageRequest {
    PageRequest { page, size }
}

fn ids(rows: &[RecordRow]) -> Vec<Uuid> {
    rows.iter().map(|r| r.trainee).collect()
}

#[test]
fn pages_cover_every_row_once_in_the_order_trainees_were_added() {
    let dir = tempfile::tempdir().unwrap();
    let (store, all) = fixture(dir.path());
    let mut seen = Vec::new();
    for p in 0..3 {
        let page = page(&store, &Filter::default(), sized(p, 3)).unwrap();
        assert_eq!((page.page, page.size, page.total), (p, 3, Some(7)));
        assert_eq!(page.has_next, p < 2, "page {p}");
        assert_eq!(page.rows.len(), if p < 2 { 3 } else { 1 });
        seen.extend(ids(&page.rows));
    }
    assert_eq!(seen, all);

    let past = page(&store, &Filter::default(), sized(3, 3)).unwrap();
    assert!(past.rows.is_empty());
    assert!(!past.has_next);
    assert_eq!(past.total, Some(7));

    // A page's rows are the whole table's rows.
    let first = page(&store, &Filter::default(), sized(0, 7)).unwrap();
    assert_eq!(
        first.rows,
        crate::export::records_table(&store, &Filter::default()).unwrap()
    );
    let played = &first.rows[3];
    assert_eq!(
        (played.attempts, played.assessments, played.moderated),
        (1, 1, 0)
    );
    assert_eq!(played.last_completed, NaiveDate::from_ymd_opt(2025, 3, 10));
    assert_eq!(
        (first.rows[1].attempts, first.rows[1].status),
        (0, "not_started")
    );
}

#[test]
fn the_organisation_date_and_status_filters_apply_before_paging() {
    let dir = tempfile::tempdir().unwrap();
    let (store, all) = fixture(dir.path());

    let north = Filter {
        organisation: Some(" north trust ".into()),
        ..Filter::default()
    };
    let p0 = page(&store, &north, sized(0, 3)).unwrap();
    let p1 = page(&store, &north, sized(1, 3)).unwrap();
    assert_eq!(p0.total, Some(4));
    assert_eq!(ids(&p0.rows), [all[0], all[2], all[4]]);
    assert_eq!(ids(&p1.rows), [all[6]]);
    assert!(p0.has_next && !p1.has_next);

    // Only trainees with a completed attempt in the range; counts in it.
    let march_on = Filter {
        from: NaiveDate::from_ymd_opt(2025, 3, 10),
        ..Filter::default()
    };
    let p = page(&store, &march_on, sized(0, 1)).unwrap();
    assert_eq!(
        (ids(&p.rows), p.total, p.has_next),
        (vec![all[3]], Some(2), true)
    );
    let p = page(&store, &march_on, sized(1, 1)).unwrap();
    assert_eq!((ids(&p.rows), p.has_next), (vec![all[5]], false));
    let to_march = Filter {
        to: NaiveDate::from_ymd_opt(2025, 3, 10),
        ..Filter::default()
    };
    let p = page(&store, &to_march, sized(0, 10)).unwrap();
    assert_eq!((ids(&p.rows), p.total), (vec![all[0], all[3]], Some(2)));
    assert!(p.rows.iter().all(|r| r.attempts == 1));

    // The status filter: in progress are the three who played.
    let playing = Filter {
        status: vec![Standing::InProgress],
        ..Filter::default()
    };
    let p0 = page(&store, &playing, sized(0, 2)).unwrap();
    let p1 = page(&store, &playing, sized(1, 2)).unwrap();
    let p2 = page(&store, &playing, sized(2, 2)).unwrap();
    assert_eq!(
        (ids(&p0.rows), p0.total, p0.has_next),
        (vec![all[0], all[3]], None, true)
    );
    assert_eq!((ids(&p1.rows), p1.has_next), (vec![all[5]], false));
    assert!(p2.rows.is_empty() && !p2.has_next);
    assert!(p0.rows.iter().all(|r| r.status == "in_progress"));
    let south_new = Filter {
        organisation: Some("South Trust".into()),
        status: vec![Standing::NotStarted],
        ..Filter::default()
    };
    let p = page(&store, &south_new, sized(0, 10)).unwrap();
    assert_eq!(ids(&p.rows), [all[1]]);
}

#[test]
fn a_bad_page_size_or_range_is_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("r.db")).unwrap();
    for size in [0, MAX_PAGE_SIZE + 1] {
        let err = page(&store, &Filter::default(), sized(0, size)).unwrap_err();
        assert!(
            err.to_string()
                .contains(&format!("1 to {MAX_PAGE_SIZE} rows, not {size}")),
            "{err}"
        );
    }
    let err = page(&store, &Filter::default(), sized(u64::MAX, 2)).unwrap_err();
    assert!(err.to_string().contains("past any table"), "{err}");
    let backwards = Filter {
        from: NaiveDate::from_ymd_opt(2025, 3, 1),
        to: NaiveDate::from_ymd_opt(2025, 2, 1),
        ..Filter::default()
    };
    assert!(page(&store, &backwards, PageRequest::default()).is_err());
    let empty = page(&store, &Filter::default(), PageRequest::default()).unwrap();
    assert_eq!(
        (empty.rows.len(), empty.total, empty.has_next),
        (0, Some(0), false)
    );
}
