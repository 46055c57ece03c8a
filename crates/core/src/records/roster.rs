//! The records table a page at a time: the trainees passing the export
//! filters in a stable order (when they were added, then id), one page of
//! [`RecordRow`]s per call, so the accreditation view never loads every
//! trainee.
//!
//! The organisation and date filters are SQL: the page is one `LIMIT …
//! OFFSET` query over the trainees, and the total is one `COUNT(*)` over
//! the same condition. Only the page's trainees are then read further:
//! their status (the same [`Store::status`] the dashboard shows) and one
//! grouped query over their completed attempts in the range.
//!
//! The status filter cannot be SQL: a trainee's standing on a day is a
//! replay of their history under the policy in force, not a stored
//! column. With a status filter the trainees passing the SQL filters are
//! read in order, a status each, until the page (and one more match, to
//! know there is a next page) is found; the total is then unknown
//! ([`RosterPage::total`] is `None`), and a later page costs the statuses
//! of the trainees before it.

use super::filter::{status_id, Filter};
use super::store::Store;
use crate::clock::read_instant;
use crate::error::{Error, Result};
use chrono::{Days, NaiveDate};
use rusqlite::params;
use serde::Serialize;
use uuid::Uuid;

/// The page size the desktop's records view asks for.
pub const DEFAULT_PAGE_SIZE: u32 = 25;
/// The largest page a caller may ask for.
pub const MAX_PAGE_SIZE: u32 = 500;

/// One trainee in the records table (pseudonymous: no name or email).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct RecordRow {
    /// The trainee's pseudonymous id.
    pub trainee: Uuid,
    /// The organisation, when recorded.
    pub organisation: Option<String>,
    /// The certification status id (`certified`, `lapsed`, …).
    pub status: &'static str,
    /// The status in plain words ("certified until 2026-02-10").
    pub status_text: String,
    /// The current (or last) certificate's expiry date.
    pub expires_on: Option<NaiveDate>,
    /// Completed attempts in the date range.
    pub attempts: u64,
    /// Of which assessments.
    pub assessments: u64,
    /// Of which moderated by a trainer.
    pub moderated: u64,
    /// The day of the last completed attempt in the range.
    pub last_completed: Option<NaiveDate>,
}

/// Which page of the table to read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PageRequest {
    /// The page, from 0.
    pub page: u64,
    /// Rows per page, 1 to [`MAX_PAGE_SIZE`].
    pub size: u32,
}

impl Default for PageRequest {
    fn default() -> Self {
        PageRequest {
            page: 0,
            size: DEFAULT_PAGE_SIZE,
        }
    }
}

impl PageRequest {
    /// Checks the page size is in range.
    pub fn validate(&self) -> Result<()> {
        if self.size == 0 || self.size > MAX_PAGE_SIZE {
            return Err(Error::Input(format!(
                "a page of the records table holds 1 to {MAX_PAGE_SIZE} rows, not {}",
                self.size
            )));
        }
        Ok(())
    }

    fn offset(&self) -> Result<u64> {
        self.page
            .checked_mul(u64::from(self.size))
            .filter(|o| i64::try_from(*o).is_ok())
            .ok_or_else(|| Error::Input(format!("page {} is past any table", self.page)))
    }
}

/// One page of the records table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct RosterPage {
    /// The rows, in the table's order.
    pub rows: Vec<RecordRow>,
    /// This page, from 0.
    pub page: u64,
    /// The page size asked for.
    pub size: u32,
    /// Trainees passing the filters in all, when known without reading
    /// every status (always known unless a status filter is given).
    pub total: Option<u64>,
    /// Whether a later page has rows.
    pub has_next: bool,
}

/// The SQL filters as query parameters: organisation, first instant of
/// the range, first instant after it, and whether a range was given.
struct Bounds {
    organisation: Option<String>,
    from: Option<String>,
    before: Option<String>,
    ranged: bool,
}

impl Bounds {
    fn of(filter: &Filter) -> Result<Bounds> {
        let before = match filter.to {
            None => None,
            Some(t) => Some(
                t.checked_add_days(Days::new(1))
                    .ok_or_else(|| Error::Input(format!("--to {t} is past the last date")))?
                    .to_string(),
            ),
        };
        Ok(Bounds {
            organisation: filter.organisation.clone(),
            from: filter.from.map(|d| d.to_string()),
            before,
            ranged: filter.from.is_some() || filter.to.is_some(),
        })
    }
}

/// Completed attempts in the range. Stored instants are RFC 3339 in UTC
/// (`YYYY-MM-DDT…Z`), so comparing text with a `YYYY-MM-DD` bound is
/// comparing days, and the index on the trainee's completed attempts by
/// end is used.
const IN_RANGE: &str = "a.status = 'completed' AND a.ended_at IS NOT NULL
       AND (?2 IS NULL OR a.ended_at >= ?2) AND (?3 IS NULL OR a.ended_at < ?3)";

fn trainee_where() -> String {
    format!(
        "WHERE (?1 IS NULL OR lower(trim(t.organisation)) = lower(trim(?1)))
           AND (NOT ?4 OR EXISTS (SELECT 1 FROM attempts a WHERE a.trainee_id = t.id AND {IN_RANGE}))"
    )
}

/// One page of the records table for `filter`, status taken on the end of
/// the range (or today), as [`super::records_table`] describes its rows.
pub fn page(store: &Store, filter: &Filter, request: PageRequest) -> Result<RosterPage> {
    filter.validate()?;
    request.validate()?;
    let offset = request.offset()?;
    // Statuses are read from the certification ledgers: bring stale ones
    // up to date first (a read and nothing more when all are current).
    store.sync_certifications()?;
    let bounds = Bounds::of(filter)?;
    let at = filter.status_day(store);
    let size = u64::from(request.size);
    let mut rows = Vec::with_capacity(request.size as usize);
    let (total, has_next) = if filter.status.is_empty() {
        let total = count(store, &bounds)?;
        each_trainee(
            store,
            &bounds,
            size as i64,
            offset as i64,
            &mut |id, org| {
                rows.push(row(store, &bounds, at, id, org)?);
                Ok(true)
            },
        )?;
        (Some(total), offset + (rows.len() as u64) < total)
    } else {
        let mut matched = 0u64;
        let mut has_next = false;
        // No limit (-1): trainees are read until the page and one more match.
        each_trainee(store, &bounds, -1, 0, &mut |id, org| {
            let status = store.status(id, at)?;
            if !filter.status.contains(&status.standing) {
                return Ok(true);
            }
            matched += 1;
            if matched <= offset {
                return Ok(true);
            }
            if rows.len() as u64 == size {
                has_next = true;
                return Ok(false);
            }
            rows.push(row_with(store, &bounds, id, org, &status)?);
            Ok(true)
        })?;
        (None, has_next)
    };
    Ok(RosterPage {
        rows,
        page: request.page,
        size: request.size,
        total,
        has_next,
    })
}

/// Every row of the table for `filter`, page by page (for callers that
/// want the whole table, such as small tests; the views page).
pub fn all(store: &Store, filter: &Filter) -> Result<Vec<RecordRow>> {
    let mut out = Vec::new();
    let mut request = PageRequest {
        page: 0,
        size: MAX_PAGE_SIZE,
    };
    loop {
        let p = page(store, filter, request)?;
        out.extend(p.rows);
        if !p.has_next {
            return Ok(out);
        }
        request.page += 1;
    }
}

/// Calls `f` with each trainee passing the SQL filters, in the table's
/// order, from `offset` and at most `limit` of them (`-1`: no limit), until
/// `f` answers `false`.
fn each_trainee(
    store: &Store,
    b: &Bounds,
    limit: i64,
    offset: i64,
    f: &mut dyn FnMut(Uuid, Option<String>) -> Result<bool>,
) -> Result<()> {
    let mut stmt = store.conn.prepare_cached(&format!(
        "SELECT t.id, t.organisation FROM trainees t {} ORDER BY t.created_at, t.id LIMIT ?5 OFFSET ?6",
        trainee_where()
    ))?;
    let mut found = stmt.query(params![
        b.organisation,
        b.from,
        b.before,
        b.ranged,
        limit,
        offset
    ])?;
    while let Some(r) = found.next()? {
        if !f(trainee_id(&r.get::<_, String>(0)?)?, r.get(1)?)? {
            break;
        }
    }
    Ok(())
}

fn count(store: &Store, b: &Bounds) -> Result<u64> {
    let n: i64 = store.conn.query_row(
        &format!("SELECT COUNT(*) FROM trainees t {}", trainee_where()),
        params![b.organisation, b.from, b.before, b.ranged],
        |r| r.get(0),
    )?;
    Ok(u64::try_from(n).unwrap_or(0))
}

fn trainee_id(s: &str) -> Result<Uuid> {
    Uuid::parse_str(s)
        .map_err(|_| Error::Database(format!("stored trainee id \"{s}\" is not a UUID")))
}

fn row(
    store: &Store,
    b: &Bounds,
    at: NaiveDate,
    id: Uuid,
    organisation: Option<String>,
) -> Result<RecordRow> {
    let status = store.status(id, at)?;
    row_with(store, b, id, organisation, &status)
}

/// The row of one trainee whose status is known: their completed attempts
/// in the range counted by one grouped query.
fn row_with(
    store: &Store,
    b: &Bounds,
    id: Uuid,
    organisation: Option<String>,
    status: &crate::certification::Status,
) -> Result<RecordRow> {
    let mut stmt = store.conn.prepare_cached(&format!(
        "SELECT COUNT(*), COALESCE(SUM(a.mode = 'assessment'), 0),
                COALESCE(SUM(EXISTS (SELECT 1 FROM overrides o WHERE o.attempt_id = a.id)), 0),
                MAX(a.ended_at)
         FROM attempts a WHERE a.trainee_id = ?1 AND {IN_RANGE}"
    ))?;
    let (attempts, assessments, moderated, last): (i64, i64, i64, Option<String>) = stmt
        .query_row(params![id.to_string(), b.from, b.before], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
        })?;
    let count = |n: i64| u64::try_from(n).unwrap_or(0);
    Ok(RecordRow {
        trainee: id,
        organisation,
        status: status_id(status.standing),
        status_text: status.headline(),
        expires_on: status.expires_on,
        attempts: count(attempts),
        assessments: count(assessments),
        moderated: count(moderated),
        last_completed: last
            .map(|t| read_instant(&t).map(|t| t.date_naive()))
            .transpose()?,
    })
}

#[cfg(test)]
mod tests;
