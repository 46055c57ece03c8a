//! Accreditation exports over the records store, streamed row by row:
//!
//! | format | what |
//! |---|---|
//! | `csv` | one row per trainee and competency (current level, evidence count, last assessed, moderated) |
//! | `csv-attempts` | one row per completed attempt |
//! | `json` | `rehearse.export.v1` (`docs/export.schema.json`); signed as a bundle when written to a file |
//! | `xapi` | a JSON array of xAPI 1.0.3 statements, each validated |
//! | `ob3` | a JSON array of signed Open Badges 3.0 credentials, one per standing certification |
//!
//! Every format is pseudonymous unless identity is asked for, carries no
//! transcript or free text (see [`rows`]), and gives each record its
//! provenance: scenario id, version and hash, policy version, moderated.

pub mod bundle;
pub mod check;
pub mod csv;
pub mod file;
#[cfg(test)]
pub(crate) mod fixture;
pub mod json;
pub use crate::records::roster;
use crate::records::rows;
pub mod table;

pub use crate::records::filter::{self, Filter};
pub use crate::records::roster::{PageRequest, RosterPage};
pub use check::{verify_file, FileKind, FileVerdict, ItemVerdict};
pub use file::{write_file, FileSummary};
pub use table::{records_table, RecordRow};

use crate::credential::{ob3, IssuerKey};
use crate::error::{Error, Result};
use crate::grading::Level;
use crate::records::Store;
use crate::xapi::{self, Outbox};
use serde_json::{json, Value};
use sha2::{Digest, Sha256};
use std::io::Write;

/// An export format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// One row per trainee and competency.
    Csv,
    /// One row per attempt.
    CsvAttempts,
    /// The documented JSON document.
    Json,
    /// xAPI 1.0.3 statements.
    Xapi,
    /// Open Badges 3.0 credentials.
    Ob3,
}

impl Format {
    /// The format's name, as `rehearse export --format` takes it.
    pub fn id(self) -> &'static str {
        match self {
            Format::Csv => "csv",
            Format::CsvAttempts => "csv-attempts",
            Format::Json => "json",
            Format::Xapi => "xapi",
            Format::Ob3 => "ob3",
        }
    }
}

impl std::str::FromStr for Format {
    type Err = Error;
    fn from_str(s: &str) -> Result<Format> {
        Ok(match s {
            "csv" => Format::Csv,
            "csv-attempts" => Format::CsvAttempts,
            "json" => Format::Json,
            "xapi" => Format::Xapi,
            "ob3" => Format::Ob3,
            other => {
                return Err(Error::Input(format!(
                    "unknown export format \"{other}\"; use csv, csv-attempts, json, xapi or ob3"
                )))
            }
        })
    }
}

/// How to export.
#[derive(Debug, Clone)]
pub struct Options {
    /// The format.
    pub format: Format,
    /// Which records.
    pub filter: Filter,
    /// Add display names and emails (never by default).
    pub include_identity: bool,
    /// The organisation's home page (xAPI actor accounts).
    pub home_page: String,
    /// The issuer name in credentials.
    pub issuer_name: String,
}

/// What an export wrote.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Summary {
    /// Records written (rows, attempts, statements or credentials).
    pub records: u64,
    /// SHA-256 of the bytes written (hex).
    pub sha256: String,
    /// Bytes written.
    pub bytes: u64,
    /// The records' hash-chain head at export time.
    pub chain_head: String,
}

struct Hashing<'a> {
    inner: &'a mut dyn Write,
    hash: Sha256,
    bytes: u64,
}

impl Write for Hashing<'_> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let n = self.inner.write(buf)?;
        self.hash.update(&buf[..n]);
        self.bytes += n as u64;
        Ok(n)
    }
    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
    }
}

fn io(e: std::io::Error) -> Error {
    Error::io("export output", e)
}

/// How many records the export will roughly hold (for a progress bar).
pub fn estimate(store: &Store, opts: &Options) -> Result<u64> {
    let attempts = rows::count_attempts(store, &opts.filter)?;
    Ok(match opts.format {
        Format::Xapi => attempts * 2,
        _ => attempts,
    })
}

fn identity_cols(identity: bool, name: &str, email: Option<&str>) -> Vec<String> {
    if identity {
        vec![
            csv::text_cell(name),
            csv::text_cell(email.unwrap_or_default()),
        ]
    } else {
        Vec::new()
    }
}

/// Writes an export to `out`. `key` is needed for `ob3`. `progress` gets
/// (records so far, estimated total).
pub fn export(
    store: &Store,
    opts: &Options,
    key: Option<&IssuerKey>,
    out: &mut dyn Write,
    progress: &mut dyn FnMut(u64, u64),
) -> Result<Summary> {
    opts.filter.validate()?;
    store.sync_certifications()?;
    let at = opts.filter.status_day(store);
    let policy_version = store.policy()?.version;
    let (chain_head, heads) = rows::chain_head(store)?;
    let allowed = rows::allowed_trainees(store, &opts.filter, at)?;
    let allowed = allowed.as_ref();
    let total = estimate(store, opts)?;
    let mut w = Hashing {
        inner: out,
        hash: Sha256::new(),
        bytes: 0,
    };
    let mut n = 0u64;
    let identity = opts.include_identity;
    progress(0, total);
    match opts.format {
        Format::Csv => {
            csv::write_record(&mut w, &csv::competency_header(identity)).map_err(io)?;
            rows::trainees(store, &opts.filter, at, &mut |t| {
                struct Cur {
                    level: Level,
                    count: u64,
                    last: Option<String>,
                    moderated: bool,
                    src: Option<(String, String, String, String)>,
                }
                let mut cur: Vec<Cur> = crate::competency::Competency::ALL
                    .iter()
                    .map(|_| Cur {
                        level: Level::NotAssessed,
                        count: 0,
                        last: None,
                        moderated: false,
                        src: None,
                    })
                    .collect();
                rows::attempts(store, &opts.filter, None, Some(t.id), false, &mut |a| {
                    if a.mode != crate::attempt::Mode::Assessment {
                        return Ok(());
                    }
                    for (i, c) in a.competencies.iter().enumerate() {
                        if c.level == Level::NotAssessed {
                            continue;
                        }
                        let e = &mut cur[i];
                        e.level = c.level;
                        e.count += 1;
                        e.last = Some(a.ended_at.date_naive().to_string());
                        e.moderated = a.moderated;
                        e.src = Some((
                            a.attempt.to_string(),
                            a.scenario_id.clone(),
                            a.scenario_version.clone(),
                            a.content_hash.clone(),
                        ));
                    }
                    n += 1;
                    progress(n, total);
                    Ok(())
                })?;
                for (c, e) in crate::competency::Competency::ALL.iter().zip(cur) {
                    let mut row = vec![t.id.to_string()];
                    row.extend(identity_cols(identity, &t.display_name, t.email.as_deref()));
                    let (sa, si, sv, sh) = e.src.unwrap_or_default();
                    row.extend([
                        csv::text_cell(t.organisation.as_deref().unwrap_or_default()),
                        filter::status_id(t.standing).to_string(),
                        c.id().to_string(),
                        crate::framework::item_uri(*c),
                        e.level.id().to_string(),
                        e.count.to_string(),
                        e.last.unwrap_or_default(),
                        e.moderated.to_string(),
                        sa,
                        si,
                        sv,
                        sh,
                        policy_version.clone(),
                    ]);
                    csv::write_record(&mut w, &row).map_err(io)?;
                }
                Ok(())
            })?;
        }
        Format::CsvAttempts => {
            csv::write_record(&mut w, &csv::attempt_header(identity)).map_err(io)?;
            rows::attempts(store, &opts.filter, allowed, None, false, &mut |a| {
                let mut row = vec![a.attempt.to_string(), a.trainee.to_string()];
                row.extend(identity_cols(identity, &a.display_name, a.email.as_deref()));
                let flags: Vec<String> = a
                    .red_flags
                    .iter()
                    .map(|(c, o)| format!("{}:{}", c.id(), o.id()))
                    .collect();
                row.extend([
                    csv::text_cell(a.organisation.as_deref().unwrap_or_default()),
                    a.scenario_id.clone(),
                    a.scenario_version.clone(),
                    a.content_hash.clone(),
                    crate::records::mode_id(a.mode).to_string(),
                    crate::clock::format_instant(a.started_at),
                    crate::clock::format_instant(a.ended_at),
                    a.passed.to_string(),
                    a.moderated.to_string(),
                    policy_version.clone(),
                    flags.join(";"),
                ]);
                row.extend(a.competencies.iter().map(|c| c.level.id().to_string()));
                csv::write_record(&mut w, &row).map_err(io)?;
                n += 1;
                progress(n, total);
                Ok(())
            })?;
            // Observed role-play assessments follow, with mode `observed`.
            rows::observations(store, &opts.filter, allowed, &mut |o, organisation| {
                let row = observation_row(store, &o, organisation, identity, &policy_version)?;
                csv::write_record(&mut w, &row).map_err(io)
            })?;
        }
        Format::Json => {
            let head = json!({
                "schema": json::EXPORT_SCHEMA,
                "generated_at": crate::clock::format_instant(store.clock().now()),
                "identity_included": identity,
                "filters": opts.filter.to_json(),
                "provenance": {
                    "framework": crate::framework::FRAMEWORK_URI,
                    "policy_version": policy_version,
                    "records_schema_version": store.schema_version()?,
                    "chain_head": chain_head,
                    "chain_heads": heads,
                },
            });
            let head_text = head.to_string();
            // Open the document: everything but the closing brace.
            w.write_all(&head_text.as_bytes()[..head_text.len() - 1])
                .map_err(io)?;
            w.write_all(b",\n\"trainees\":[").map_err(io)?;
            let mut first = true;
            let mut buf = Vec::with_capacity(4096);
            rows::trainees(store, &opts.filter, at, &mut |t| {
                sep(&mut w, &mut first)?;
                write_json(&mut w, &mut buf, &json::trainee(&t, identity))
            })?;
            w.write_all(b"],\n\"attempts\":[").map_err(io)?;
            first = true;
            rows::attempts(store, &opts.filter, allowed, None, true, &mut |a| {
                sep(&mut w, &mut first)?;
                write_json(&mut w, &mut buf, &json::attempt(&a, &policy_version))?;
                n += 1;
                progress(n, total);
                Ok(())
            })?;
            w.write_all(b"],\n\"observations\":[").map_err(io)?;
            first = true;
            rows::observations(store, &opts.filter, allowed, &mut |o, _| {
                sep(&mut w, &mut first)?;
                w.write_all(
                    json::observation(&o, &policy_version)
                        .to_string()
                        .as_bytes(),
                )
                .map_err(io)
            })?;
            w.write_all(b"],\n\"certifications\":[").map_err(io)?;
            first = true;
            rows::certifications(store, &opts.filter, allowed, &mut |c| {
                sep(&mut w, &mut first)?;
                w.write_all(json::certification(&c).to_string().as_bytes())
                    .map_err(io)
            })?;
            w.write_all(b"]}\n").map_err(io)?;
        }
        Format::Xapi => {
            w.write_all(b"[").map_err(io)?;
            let mut first = true;
            let mut buf = Vec::with_capacity(8192);
            statements(store, opts, &policy_version, allowed, &mut |s| {
                sep(&mut w, &mut first)?;
                write_json(&mut w, &mut buf, s)?;
                n += 1;
                progress(n, total);
                Ok(())
            })?;
            w.write_all(b"]\n").map_err(io)?;
        }
        Format::Ob3 => {
            let key = key.ok_or_else(|| {
                Error::Credential("an issuer key is needed to issue credentials".into())
            })?;
            let policy = store.policy()?;
            let criteria = ob3::criteria_narrative(&policy);
            let now = store.clock().now();
            w.write_all(b"[").map_err(io)?;
            let mut first = true;
            rows::certifications(store, &opts.filter, allowed, &mut |c| {
                // Withdrawn grants (and grants later withdrawn) get no credential.
                if !c.current {
                    return Ok(());
                }
                let input = credential_input(store, &c, &policy, &criteria)?;
                let cred = ob3::issue(&input, key, &opts.issuer_name, now)?;
                sep(&mut w, &mut first)?;
                w.write_all(
                    serde_json::to_string_pretty(&cred)
                        .unwrap_or_default()
                        .as_bytes(),
                )
                .map_err(io)?;
                n += 1;
                progress(n, total);
                Ok(())
            })?;
            w.write_all(b"]\n").map_err(io)?;
        }
    }
    w.flush().map_err(io)?;
    Ok(Summary {
        records: n,
        sha256: hex::encode(w.hash.finalize()),
        bytes: w.bytes,
        chain_head,
    })
}

/// What a certification's credential states: the policy's criteria (in
/// words for the policy in force), the best levels and the evidence of the
/// attempts it rests on.
fn credential_input(
    store: &Store,
    c: &rows::CertificationRow,
    policy: &crate::certification::Policy,
    criteria: &str,
) -> Result<ob3::CertificationInput> {
    Ok(ob3::CertificationInput {
        trainee: c.trainee,
        event: c.event,
        effective_on: c.effective_on,
        expires_on: c.expires_on,
        criteria: if c.policy_version == policy.version {
            criteria.to_string()
        } else {
            format!(
                "Certification policy {} (the rules of that version).",
                c.policy_version
            )
        },
        policy_version: c.policy_version.clone(),
        levels: rows::best_levels(store, &c.basis)?,
        evidence: rows::evidence(store, &c.basis)?,
    })
}

/// The signed credentials of one trainee's certifications that still stand
/// (grants and renewals not withdrawn since), oldest first: the same
/// credentials `--format ob3` issues for that trainee, signed at the
/// records clock's now (the printable certificate is built from these).
pub fn trainee_credentials(
    store: &Store,
    trainee: uuid::Uuid,
    key: &IssuerKey,
    issuer_name: &str,
) -> Result<Vec<Value>> {
    store.sync_certifications()?;
    let policy = store.policy()?;
    let criteria = ob3::criteria_narrative(&policy);
    let now = store.clock().now();
    let only = std::collections::HashSet::from([trainee]);
    let mut out = Vec::new();
    rows::certifications(store, &Filter::default(), Some(&only), &mut |c| {
        if c.current {
            let input = credential_input(store, &c, &policy, &criteria)?;
            out.push(ob3::issue(&input, key, issuer_name, now)?);
        }
        Ok(())
    })?;
    Ok(out)
}

/// A `csv-attempts` row for an observed role-play assessment: the
/// observation's id in `attempt_id`, mode `observed`, the brief's scenario
/// id (version and hash empty), the role-play's time as started and
/// completed, never moderated.
fn observation_row(
    store: &Store,
    o: &crate::observation::Observation,
    organisation: Option<String>,
    identity: bool,
    policy_version: &str,
) -> Result<Vec<String>> {
    let mut row = vec![o.id.to_string(), o.trainee.to_string()];
    if identity {
        let t = store.trainee(o.trainee)?;
        row.extend(identity_cols(true, &t.display_name, t.email.as_deref()));
    }
    let flags: Vec<String> = o
        .red_flags
        .iter()
        .map(|(c, v)| format!("{}:{}", c.id(), v.id()))
        .collect();
    let at = crate::clock::format_instant(o.observed_at);
    row.extend([
        csv::text_cell(organisation.as_deref().unwrap_or_default()),
        o.scenario_id.clone().unwrap_or_default(),
        String::new(),
        String::new(),
        "observed".to_string(),
        at.clone(),
        at,
        o.passed.to_string(),
        "false".to_string(),
        policy_version.to_string(),
        flags.join(";"),
    ]);
    row.extend(o.levels.iter().map(|(_, l)| l.id().to_string()));
    Ok(row)
}

/// Writes `item` as compact JSON, serialised into `buf` (kept between
/// items, so an export allocates it once) and written in one piece.
fn write_json(w: &mut dyn Write, buf: &mut Vec<u8>, item: &impl serde::Serialize) -> Result<()> {
    buf.clear();
    serde_json::to_writer(&mut *buf, item).map_err(|e| {
        Error::Input(format!(
            "an export record could not be written as JSON: {e}"
        ))
    })?;
    w.write_all(buf).map_err(io)
}

/// A validated statement's object (validation has already refused any
/// statement that is not one).
fn as_object(s: &Value) -> Result<&serde_json::Map<String, Value>> {
    s.as_object()
        .ok_or_else(|| Error::Xapi("a statement must be a JSON object".into()))
}

fn sep(w: &mut dyn Write, first: &mut bool) -> Result<()> {
    if !*first {
        w.write_all(b",\n").map_err(io)?;
    }
    *first = false;
    Ok(())
}

/// Streams the xAPI statements of the filtered records, each validated:
/// two per completed attempt, one per certification grant or renewal.
fn statements(
    store: &Store,
    opts: &Options,
    policy_version: &str,
    allowed: Option<&std::collections::HashSet<uuid::Uuid>>,
    f: &mut dyn FnMut(&serde_json::Map<String, Value>) -> Result<()>,
) -> Result<()> {
    if !xapi::validate::is_iri(&opts.home_page) {
        return Err(Error::Input(format!(
            "the organisation home page \"{}\" is not an absolute URL (give --home-page https://…)",
            opts.home_page
        )));
    }
    rows::attempts(store, &opts.filter, allowed, None, true, &mut |a| {
        let facts = xapi::AttemptFacts {
            home_page: opts.home_page.clone(),
            trainee: a.trainee,
            attempt: a.attempt,
            scenario_id: a.scenario_id,
            scenario_version: a.scenario_version,
            content_hash: a.content_hash,
            scenario_title: a.scenario_title,
            mode: a.mode,
            started_at: a.started_at,
            ended_at: a.ended_at,
            passed: a.passed,
            moderated: a.moderated,
            policy_version: policy_version.to_string(),
            competencies: a.competencies,
            red_flags: a.red_flags,
        };
        xapi::each_attempt_statement(&facts, &mut |s| {
            xapi::validate_object(s)?;
            f(s)
        })
    })?;
    rows::observations(store, &opts.filter, allowed, &mut |o, _| {
        let s = xapi::observation_statement(&xapi::ObservationFacts {
            home_page: opts.home_page.clone(),
            trainee: o.trainee,
            trainer: o.trainer,
            observation: o.id,
            partner: o.partner.id().into(),
            scenario_id: o.scenario_id,
            observed_at: o.observed_at,
            passed: o.passed,
            policy_version: policy_version.to_string(),
            levels: o.levels,
            red_flags: o.red_flags,
        });
        xapi::validate(&s)?;
        f(as_object(&s)?)
    })?;
    rows::certifications(store, &opts.filter, allowed, &mut |c| {
        if !c.current {
            return Ok(());
        }
        let facts = xapi::CertificationFacts {
            home_page: opts.home_page.clone(),
            trainee: c.trainee,
            event: c.event,
            effective_on: c.effective_on,
            expires_on: c.expires_on,
            policy_version: c.policy_version,
            basis: c.basis,
        };
        if let Some(s) = xapi::certification_statement(&facts) {
            xapi::validate(&s)?;
            f(as_object(&s)?)?;
        }
        Ok(())
    })
}

/// Queues the statements of the filtered records in the outbox (already
/// queued ones are left alone); returns how many were new.
pub fn sync_outbox(store: &Store, outbox: &mut Outbox, opts: &Options) -> Result<usize> {
    opts.filter.validate()?;
    store.sync_certifications()?;
    let at = opts.filter.status_day(store);
    let policy_version = store.policy()?.version;
    let allowed = rows::allowed_trainees(store, &opts.filter, at)?;
    let mut added = 0;
    let mut batch = Vec::with_capacity(500);
    statements(store, opts, &policy_version, allowed.as_ref(), &mut |s| {
        batch.push(Value::Object(s.clone()));
        if batch.len() >= 500 {
            added += outbox.enqueue(&batch)?;
            batch.clear();
        }
        Ok(())
    })?;
    added += outbox.enqueue(&batch)?;
    Ok(added)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn opts(format: Format) -> Options {
        Options {
            format,
            filter: Filter::default(),
            include_identity: false,
            home_page: "https://trust.example/".into(),
            issuer_name: "Test".into(),
        }
    }

    fn run(store: &Store, o: &Options) -> Result<(String, Summary)> {
        let key = IssuerKey::from_seed([4; 32]);
        let mut out = Vec::new();
        let s = export(store, o, Some(&key), &mut out, &mut |_, _| {})?;
        Ok((String::from_utf8(out).unwrap(), s))
    }

    #[test]
    fn an_empty_store_exports_headers_and_empty_documents() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("r.db")).unwrap();
        let (csv, _) = run(&store, &opts(Format::Csv)).unwrap();
        assert_eq!(csv.lines().count(), 1);
        let (csv, _) = run(&store, &opts(Format::CsvAttempts)).unwrap();
        assert!(csv.starts_with("attempt_id,trainee_id,organisation,"));
        let (json, s) = run(&store, &opts(Format::Json)).unwrap();
        let v: Value = serde_json::from_str(&json).unwrap();
        assert_eq!(v["schema"], json::EXPORT_SCHEMA);
        assert_eq!(v["attempts"], json!([]));
        assert_eq!(v["provenance"]["chain_head"], s.chain_head);
        assert_eq!(s.bytes as usize, json.len());
        for f in [Format::Xapi, Format::Ob3] {
            let (text, s) = run(&store, &opts(f)).unwrap();
            assert_eq!(serde_json::from_str::<Value>(&text).unwrap(), json!([]));
            assert_eq!(s.records, 0);
        }
    }

    #[test]
    fn bad_options_are_errors() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("r.db")).unwrap();
        let mut o = opts(Format::Xapi);
        o.home_page = "trust".into();
        assert!(run(&store, &o).is_err());
        let mut o = opts(Format::Json);
        o.filter.from = chrono::NaiveDate::from_ymd_opt(2026, 2, 1);
        o.filter.to = chrono::NaiveDate::from_ymd_opt(2026, 1, 1);
        assert!(run(&store, &o).is_err());
        assert!("pdf".parse::<Format>().is_err());
        assert_eq!(
            "csv-attempts".parse::<Format>().unwrap(),
            Format::CsvAttempts
        );
    }
}
