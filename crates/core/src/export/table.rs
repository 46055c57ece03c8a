//! The accreditation records table: one row per trainee passing the
//! export filters, with their certification status and how many completed
//! attempts fall in the date range. The desktop app shows it a page at a
//! time ([`super::roster`]); its filters mean what they mean in the
//! exports, so the table and an export with the same filters agree on who
//! is in it.

use super::filter::Filter;
pub use super::roster::RecordRow;
use crate::error::Result;
use crate::records::Store;

/// The table for `filter`, with status taken on the end of the range (or
/// today). Trainees outside the organisation or status filters are left
/// out; when a date range is given, so are trainees with no completed
/// attempt in it. The whole table, read page by page through
/// [`super::roster::page`] (which views call instead).
pub fn records_table(store: &Store, filter: &Filter) -> Result<Vec<RecordRow>> {
    super::roster::all(store, filter)
}

#[cfg(test)]
mod tests {
    use super::super::fixture::play;
    use super::*;
    use crate::certification::Standing;
    use crate::clock::{parse_instant, FixedClock};
    use chrono::NaiveDate;
    use std::sync::Arc;

    #[test]
    fn the_table_follows_the_organisation_date_and_status_filters() {
        let dir = tempfile::tempdir().unwrap();
        let clock = Arc::new(FixedClock::new(
            parse_instant("2025-02-10T10:00:00Z").unwrap(),
        ));
        let store = Store::open_with_clock(&dir.path().join("r.db"), clock).unwrap();
        let north = store.add_trainee("Ana", None, Some("North Trust")).unwrap();
        let south = store.add_trainee("Ben", None, Some("South Trust")).unwrap();
        play(
            &store,
            north.id,
            "midwife-neonatal-death",
            "second good route",
        );

        let all = records_table(&store, &Filter::default()).unwrap();
        assert_eq!(all.len(), 2);
        let ana = all.iter().find(|r| r.trainee == north.id).unwrap();
        assert_eq!((ana.attempts, ana.assessments), (1, 1));
        assert_eq!(ana.status, "in_progress");
        assert_eq!(ana.last_completed, NaiveDate::from_ymd_opt(2025, 2, 10));
        let ben = all.iter().find(|r| r.trainee == south.id).unwrap();
        assert_eq!((ben.attempts, ben.status), (0, "not_started"));
        assert_eq!(ben.status_text, "not started");

        let org = Filter {
            organisation: Some("south trust".into()),
            ..Filter::default()
        };
        let rows = records_table(&store, &org).unwrap();
        assert_eq!(
            rows.iter().map(|r| r.trainee).collect::<Vec<_>>(),
            [south.id]
        );

        let status = Filter {
            status: vec![Standing::InProgress],
            ..Filter::default()
        };
        let rows = records_table(&store, &status).unwrap();
        assert_eq!(
            rows.iter().map(|r| r.trainee).collect::<Vec<_>>(),
            [north.id]
        );

        let before = Filter {
            to: NaiveDate::from_ymd_opt(2025, 2, 9),
            ..Filter::default()
        };
        assert!(records_table(&store, &before).unwrap().is_empty());
        let backwards = Filter {
            from: NaiveDate::from_ymd_opt(2025, 3, 1),
            to: NaiveDate::from_ymd_opt(2025, 2, 1),
            ..Filter::default()
        };
        assert!(records_table(&store, &backwards).is_err());
    }
}
