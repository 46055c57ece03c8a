//! Reading the records for an export, one row at a time. Only the columns
//! an export may carry are read: a report's free text (turns, said text,
//! debriefs, moderation reasons) is never selected; scores come from the
//! `grades.score` column, never from the stored report.

use super::analytics::CompetencyFact;
use super::filter::Filter;
use super::history::effective;
use super::store::Store;
use crate::attempt::Mode;
use crate::certification::Standing;
use crate::clock::read_instant;
use crate::competency::Competency;
use crate::error::{Error, Result};
use crate::grading::Level;
use crate::red_flag::{Recognition, RedFlagCategory};
use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::params;
use std::collections::{BTreeMap, HashSet};
use uuid::Uuid;

/// A trainee as exports see it.
#[derive(Debug, Clone)]
pub(crate) struct TraineeRow {
    pub id: Uuid,
    pub display_name: String,
    pub email: Option<String>,
    pub organisation: Option<String>,
    pub standing: Standing,
    pub expires_on: Option<NaiveDate>,
}

/// A completed attempt as exports see it.
#[derive(Debug, Clone)]
pub(crate) struct AttemptRow {
    pub attempt: Uuid,
    pub trainee: Uuid,
    pub display_name: String,
    pub email: Option<String>,
    pub organisation: Option<String>,
    pub scenario_id: String,
    pub scenario_version: String,
    pub content_hash: String,
    pub scenario_title: String,
    pub mode: Mode,
    pub started_at: DateTime<Utc>,
    pub ended_at: DateTime<Utc>,
    pub passed: bool,
    pub moderated: bool,
    pub competencies: Vec<CompetencyFact>,
    pub red_flags: Vec<(RedFlagCategory, Recognition)>,
}

/// A certification ledger row.
#[derive(Debug, Clone)]
pub(crate) struct CertificationRow {
    pub trainee: Uuid,
    pub event: crate::records::CertificationKind,
    pub effective_on: NaiveDate,
    pub expires_on: NaiveDate,
    pub policy_version: String,
    pub basis: Vec<Uuid>,
    /// Those of `basis` that are observed role-play assessments.
    pub observed: Vec<Uuid>,
    /// A grant or renewal that stands: the last ledger row for its period
    /// (not withdrawn since).
    pub current: bool,
}

fn uuid(s: &str) -> Result<Uuid> {
    Uuid::parse_str(s).map_err(|_| Error::Database(format!("stored id \"{s}\" is not a UUID")))
}

fn day(s: &str) -> Result<NaiveDate> {
    NaiveDate::parse_from_str(s, "%Y-%m-%d")
        .map_err(|_| Error::Database(format!("stored date \"{s}\" is not YYYY-MM-DD")))
}

/// Trainees passing the organisation and status filters, streamed.
pub(crate) fn trainees(
    store: &Store,
    filter: &Filter,
    at: NaiveDate,
    f: &mut dyn FnMut(TraineeRow) -> Result<()>,
) -> Result<()> {
    let mut stmt = store.conn.prepare(
        "SELECT id, display_name, email, organisation FROM trainees
         WHERE (?1 IS NULL OR lower(trim(organisation)) = lower(trim(?1))) ORDER BY created_at, id",
    )?;
    let mut rows = stmt.query(params![filter.organisation])?;
    while let Some(r) = rows.next()? {
        let id = uuid(&r.get::<_, String>(0)?)?;
        let status = store.status(id, at)?;
        if !filter.status.is_empty() && !filter.status.contains(&status.standing) {
            continue;
        }
        f(TraineeRow {
            id,
            display_name: r.get(1)?,
            email: r.get(2)?,
            organisation: r.get(3)?,
            standing: status.standing,
            expires_on: status.expires_on,
        })?;
    }
    Ok(())
}

/// The ids of trainees passing the status filter (`None`: no status filter).
pub(crate) fn allowed_trainees(
    store: &Store,
    filter: &Filter,
    at: NaiveDate,
) -> Result<Option<HashSet<Uuid>>> {
    if filter.status.is_empty() {
        return Ok(None);
    }
    let mut set = HashSet::new();
    trainees(store, filter, at, &mut |t| {
        set.insert(t.id);
        Ok(())
    })?;
    Ok(Some(set))
}

const ATTEMPT_WHERE: &str = "FROM attempts a JOIN trainees t ON t.id = a.trainee_id
     LEFT JOIN scenarios s ON s.id = a.scenario_id AND s.content_hash = a.content_hash
     WHERE a.status = 'completed' AND a.ended_at IS NOT NULL
       AND (?1 IS NULL OR lower(trim(t.organisation)) = lower(trim(?1)))
       AND (?2 IS NULL OR substr(a.ended_at, 1, 10) >= ?2)
       AND (?3 IS NULL OR substr(a.ended_at, 1, 10) <= ?3)";

/// The condition on `?4`, the one trainee asked for: written out only when
/// there is one, so SQLite plans an index search on `attempts_by_trainee`
/// (with `?4 IS NULL OR a.trainee_id = ?4` it planned one scan of every
/// attempt per trainee, whatever `?4` held).
fn trainee_condition(one: bool) -> &'static str {
    if one {
        "AND a.trainee_id = ?4"
    } else {
        "AND ?4 IS NULL"
    }
}

/// How many completed attempts pass the organisation and date filters.
pub(crate) fn count_attempts(store: &Store, filter: &Filter) -> Result<u64> {
    let n: i64 = store.conn.query_row(
        &format!(
            "SELECT COUNT(*) {ATTEMPT_WHERE} {}",
            trainee_condition(false)
        ),
        params![
            filter.organisation,
            filter.from.map(|d| d.to_string()),
            filter.to.map(|d| d.to_string()),
            Option::<String>::None
        ],
        |r| r.get(0),
    )?;
    Ok(u64::try_from(n).unwrap_or(0))
}

/// Completed attempts passing the filters (and, with `trainee`, of that
/// trainee only), oldest first per trainee, streamed from ONE query: each
/// row carries its grades and overrides grouped by SQLite (unit and record
/// separators between fields and rows), so no query runs per attempt. The
/// engine's scores (kept in `grades.score`, so the stored report is never
/// parsed) are read only when `scores` is asked for (JSON and xAPI carry
/// them; the CSV layouts do not).
pub(crate) fn attempts(
    store: &Store,
    filter: &Filter,
    allowed: Option<&HashSet<Uuid>>,
    trainee: Option<Uuid>,
    scores: bool,
    f: &mut dyn FnMut(AttemptRow) -> Result<()>,
) -> Result<()> {
    let conn = &store.conn;
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT a.id, a.trainee_id, t.display_name, t.email, t.organisation, a.scenario_id,
                a.scenario_version, a.content_hash, COALESCE(s.title, a.scenario_id), a.mode,
                a.started_at, a.ended_at,
                (SELECT group_concat(g.kind || char(31) || g.item || char(31) || g.value
                                     || char(31) || g.targeted
                                     || CASE WHEN ?5 AND g.score IS NOT NULL
                                             THEN char(31) || printf('%.17g', g.score) ELSE '' END,
                                     char(30))
                   FROM grades g WHERE g.attempt_id = a.id),
                (SELECT group_concat(o.kind || char(31) || o.item || char(31) || o.after, char(30))
                   FROM (SELECT kind, item, after FROM overrides
                         WHERE attempt_id = a.id ORDER BY seq) o)
         {ATTEMPT_WHERE} {} ORDER BY a.trainee_id, a.ended_at, a.id",
        trainee_condition(trainee.is_some())
    ))?;
    let mut rows = stmt.query(params![
        filter.organisation,
        filter.from.map(|d| d.to_string()),
        filter.to.map(|d| d.to_string()),
        trainee.map(|t| t.to_string()),
        scores
    ])?;
    while let Some(r) = rows.next()? {
        let trainee_id = uuid(text(r, 1)?)?;
        if allowed.is_some_and(|a| !a.contains(&trainee_id)) {
            continue;
        }
        let id = uuid(text(r, 0)?)?;
        let grades = Grades::read(opt_text(r, 12)?.unwrap_or_default(), opt_text(r, 13)?)?;
        let competencies = Competency::ALL
            .iter()
            .zip(&grades.levels)
            .map(|(c, (level, targeted, score))| CompetencyFact {
                competency: *c,
                level: *level,
                score: *score,
                targeted: *targeted,
            })
            .collect();
        let mode = text(r, 9)?;
        f(AttemptRow {
            attempt: id,
            trainee: trainee_id,
            display_name: r.get(2)?,
            email: r.get(3)?,
            organisation: r.get(4)?,
            scenario_id: r.get(5)?,
            scenario_version: r.get(6)?,
            content_hash: r.get(7)?,
            scenario_title: r.get(8)?,
            mode: mode
                .parse()
                .map_err(|_| Error::Database(format!("unknown mode \"{mode}\" in the database")))?,
            started_at: read_instant(text(r, 10)?)?,
            ended_at: read_instant(text(r, 11)?)?,
            passed: grades.passed,
            moderated: grades.moderated,
            competencies,
            red_flags: grades.flags,
        })?;
    }
    Ok(())
}

fn text<'r>(r: &'r rusqlite::Row<'_>, i: usize) -> Result<&'r str> {
    opt_text(r, i)?.ok_or_else(|| Error::Database(format!("column {i} of an attempt is NULL")))
}

fn opt_text<'r>(r: &'r rusqlite::Row<'_>, i: usize) -> Result<Option<&'r str>> {
    r.get_ref(i)?
        .as_str_or_null()
        .map_err(|e| Error::Database(format!("column {i} of an attempt: {e}")))
}

/// One attempt's grades with the latest override of each applied, read
/// from the grouped text of [`attempts`]'s query: the same rules as
/// `records::history::effective`, without a query of its own.
struct Grades {
    /// Level, targeted and the engine's score (when the query asked for
    /// scores), in the order of [`Competency::ALL`].
    levels: Vec<(Level, bool, Option<f64>)>,
    /// Red-flag outcomes, by category.
    flags: Vec<(RedFlagCategory, Recognition)>,
    moderated: bool,
    passed: bool,
}

impl Grades {
    fn read(grades: &str, overrides: Option<&str>) -> Result<Grades> {
        // (competency id, level id as stored, targeted, score) as stored.
        let mut comps: Vec<(&str, &str, bool, Option<f64>)> =
            Vec::with_capacity(Competency::ALL.len());
        let mut flags: BTreeMap<&str, &str> = BTreeMap::new();
        for row in grades.split('\u{1e}').filter(|r| !r.is_empty()) {
            let mut f = row.split('\u{1f}');
            let (kind, item, value, targeted) = (
                f.next().unwrap_or_default(),
                f.next().unwrap_or_default(),
                f.next().unwrap_or_default(),
                f.next().unwrap_or_default() == "1",
            );
            // Written with 17 significant digits, so it reads back as the
            // very f64 stored.
            let score = f.next().and_then(|s| s.parse::<f64>().ok());
            if kind == "competency" {
                match comps.iter_mut().find(|(i, ..)| *i == item) {
                    Some(e) => *e = (item, value, targeted, score),
                    None => comps.push((item, value, targeted, score)),
                }
            } else {
                flags.insert(item, value);
            }
        }
        let moderated = overrides.is_some_and(|o| !o.is_empty());
        for row in overrides
            .unwrap_or_default()
            .split('\u{1e}')
            .filter(|r| !r.is_empty())
        {
            let mut f = row.split('\u{1f}');
            let (kind, item, after) = (
                f.next().unwrap_or_default(),
                f.next().unwrap_or_default(),
                f.next().unwrap_or_default(),
            );
            if kind == "competency" {
                if let Some(e) = comps.iter_mut().find(|(i, ..)| *i == item) {
                    e.1 = after;
                }
            } else {
                flags.insert(item, after);
            }
        }
        let flags = flags
            .into_iter()
            .map(|(c, o)| {
                let stored = || Error::Database(format!("red flag {c}: {o} in the database"));
                Ok((
                    c.parse::<RedFlagCategory>().map_err(|_| stored())?,
                    o.parse::<Recognition>().map_err(|_| stored())?,
                ))
            })
            .collect::<Result<Vec<_>>>()?;
        let passed = flags.iter().all(|(_, o)| *o != Recognition::Missed)
            && comps
                .iter()
                .filter(|(_, _, t, _)| *t)
                .all(|(_, l, ..)| l.parse::<Level>().is_ok_and(Level::is_competent));
        let levels = Competency::ALL
            .iter()
            .map(|c| {
                comps
                    .iter()
                    .find(|(i, ..)| *i == c.id())
                    .map(|(_, l, t, score)| (l.parse().unwrap_or(Level::NotAssessed), *t, *score))
                    .unwrap_or((Level::NotAssessed, false, None))
            })
            .collect();
        Ok(Grades {
            levels,
            flags,
            moderated,
            passed,
        })
    }
}

/// Certification ledger rows effective in the date range, streamed.
pub(crate) fn certifications(
    store: &Store,
    filter: &Filter,
    allowed: Option<&HashSet<Uuid>>,
    f: &mut dyn FnMut(CertificationRow) -> Result<()>,
) -> Result<()> {
    let mut stmt = store.conn.prepare(
        "SELECT c.trainee_id, c.event, c.effective_on, c.expires_on, c.policy_version, c.basis,
                c.event != 'withdrawn' AND NOT EXISTS (
                    SELECT 1 FROM certifications l
                    WHERE l.trainee_id = c.trainee_id AND l.effective_on = c.effective_on
                      AND l.expires_on = c.expires_on AND l.seq > c.seq)
         FROM certifications c JOIN trainees t ON t.id = c.trainee_id
         WHERE (?1 IS NULL OR lower(trim(t.organisation)) = lower(trim(?1)))
           AND (?2 IS NULL OR c.effective_on >= ?2) AND (?3 IS NULL OR c.effective_on <= ?3)
         ORDER BY c.seq",
    )?;
    let mut rows = stmt.query(params![
        filter.organisation,
        filter.from.map(|d| d.to_string()),
        filter.to.map(|d| d.to_string())
    ])?;
    while let Some(r) = rows.next()? {
        let trainee = uuid(&r.get::<_, String>(0)?)?;
        if allowed.is_some_and(|a| !a.contains(&trainee)) {
            continue;
        }
        let basis_text: String = r.get(5)?;
        let basis: Vec<Uuid> = serde_json::from_str::<Vec<String>>(&basis_text)
            .unwrap_or_default()
            .iter()
            .filter_map(|s| Uuid::parse_str(s).ok())
            .collect();
        f(CertificationRow {
            observed: crate::records::observation::observation_ids(&store.conn, &basis)?,
            trainee,
            event: r.get(1)?,
            effective_on: day(&r.get::<_, String>(2)?)?,
            expires_on: day(&r.get::<_, String>(3)?)?,
            policy_version: r.get(4)?,
            basis,
            current: r.get(6)?,
        })?;
    }
    Ok(())
}

/// The highest level per competency over the given attempts (moderation
/// applied): what a certification credential states.
pub(crate) fn best_levels(store: &Store, attempts: &[Uuid]) -> Result<Vec<(Competency, Level)>> {
    let mut best: BTreeMap<Competency, Level> = BTreeMap::new();
    for a in attempts {
        let comps = effective(&store.conn, &a.to_string())?.competencies;
        for (c, (l, _)) in comps {
            if let (Ok(c), Ok(l)) = (c.parse::<Competency>(), l.parse::<Level>()) {
                let e = best.entry(c).or_insert(Level::NotAssessed);
                *e = (*e).max(l);
            }
        }
    }
    Ok(Competency::ALL
        .iter()
        .map(|c| (*c, best.get(c).copied().unwrap_or(Level::NotAssessed)))
        .collect())
}

/// The provenance of the attempts a certification rests on.
pub(crate) fn evidence(
    store: &Store,
    attempts: &[Uuid],
) -> Result<Vec<crate::credential::EvidenceInput>> {
    let mut stmt = store.conn.prepare_cached(
        "SELECT scenario_id, scenario_version, content_hash, ended_at,
                EXISTS (SELECT 1 FROM overrides o WHERE o.attempt_id = a.id)
         FROM attempts a WHERE id = ?1 AND ended_at IS NOT NULL",
    )?;
    let mut out = Vec::with_capacity(attempts.len());
    for a in attempts {
        let mut rows = stmt.query([a.to_string()])?;
        if let Some(r) = rows.next()? {
            out.push(crate::credential::EvidenceInput {
                attempt: *a,
                scenario_id: r.get(0)?,
                scenario_version: r.get(1)?,
                content_hash: r.get(2)?,
                completed_on: read_instant(&r.get::<_, String>(3)?)?.date_naive(),
                moderated: r.get(4)?,
                observed: false,
            });
        }
    }
    // The observed role-play assessments among them, marked as observed.
    for id in crate::records::observation::observation_ids(&store.conn, attempts)? {
        let o = store.observation(id)?;
        out.push(crate::credential::EvidenceInput {
            attempt: id,
            scenario_id: o.scenario_id.unwrap_or_default(),
            scenario_version: String::new(),
            content_hash: String::new(),
            completed_on: o.observed_at.date_naive(),
            moderated: false,
            observed: true,
        });
    }
    Ok(out)
}

/// Observed role-play assessments in the date range (by the day of the
/// role-play) of trainees passing the filters, oldest first.
pub(crate) fn observations(
    store: &Store,
    filter: &Filter,
    allowed: Option<&HashSet<Uuid>>,
    f: &mut dyn FnMut(crate::observation::Observation, Option<String>) -> Result<()>,
) -> Result<()> {
    let ids: Vec<(String, Option<String>)> = {
        let mut stmt = store.conn.prepare(
            "SELECT o.id, t.organisation FROM observations o JOIN trainees t ON t.id = o.trainee_id
             WHERE (?1 IS NULL OR lower(trim(t.organisation)) = lower(trim(?1)))
               AND (?2 IS NULL OR substr(o.observed_at, 1, 10) >= ?2)
               AND (?3 IS NULL OR substr(o.observed_at, 1, 10) <= ?3)
             ORDER BY o.observed_at, o.seq",
        )?;
        let rows = stmt.query_map(
            params![
                filter.organisation,
                filter.from.map(|d| d.to_string()),
                filter.to.map(|d| d.to_string())
            ],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        rows.collect::<rusqlite::Result<_>>()?
    };
    for (id, organisation) in ids {
        let o = store.observation(uuid(&id)?)?;
        if allowed.is_some_and(|a| !a.contains(&o.trainee)) {
            continue;
        }
        f(o, organisation)?;
    }
    Ok(())
}

/// The head of the records' hash chains: each chain's last hash and one
/// SHA-256 over all of them.
pub(crate) fn chain_head(store: &Store) -> Result<(String, BTreeMap<String, String>)> {
    let conn = &store.conn;
    let all = crate::records::chain::heads(conn)?;
    let heads = all
        .iter()
        .map(|(t, h)| (t.clone(), h.hash.clone()))
        .collect();
    Ok((crate::records::chain::heads_digest(&all), heads))
}
