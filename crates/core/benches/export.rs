//! `rehearse export --format xapi` over 100,000 completed attempts: time,
//! and memory that stays flat as the number of attempts grows.
//!
//! Run with `cargo bench -p rehearse-core --bench export`. Besides
//! criterion's timing (`export/xapi_100k`, throughput in attempts/s) it
//! prints, for 10,000 and 100,000 attempts, the peak Rust heap during the
//! export (a counting allocator) and the peak resident set size (Linux
//! `VmHWM`, reset before each export). The figures in `docs/accreditation.md`
//! come from this bench.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use rehearse_core::competency::Competency;
use rehearse_core::export::{self, Filter, Format, Options};
use rehearse_core::records::Store;
use std::alloc::{GlobalAlloc, Layout, System};
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};

struct Counting;
static CURRENT: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let p = unsafe { System.alloc(layout) };
        if !p.is_null() {
            let now = CURRENT.fetch_add(layout.size(), Ordering::Relaxed) + layout.size();
            PEAK.fetch_max(now, Ordering::Relaxed);
        }
        p
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) };
        CURRENT.fetch_sub(layout.size(), Ordering::Relaxed);
    }
}

#[global_allocator]
static ALLOC: Counting = Counting;

const TRAINEES: usize = 1_000;

/// A records database with `n` completed assessment attempts, built once
/// (with raw SQL, in one transaction) and kept in the target directory.
fn database(n: usize) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../target/bench-export");
    let path = dir.join(format!("records-{n}.db"));
    if path.exists() {
        return path;
    }
    std::fs::create_dir_all(&dir).unwrap();
    let tmp = dir.join(format!("records-{n}.tmp.db"));
    let _ = std::fs::remove_file(&tmp);
    drop(Store::open(&tmp).unwrap());
    let mut c = rusqlite::Connection::open(&tmp).unwrap();
    let tx = c.transaction().unwrap();
    let hash = "ab".repeat(32);
    tx.execute(
        "INSERT INTO scenarios (id, content_hash, version, title) VALUES ('insulin-overdose', ?1, '1.0.0', 'Insulin overdose')",
        [&hash],
    )
    .unwrap();
    let trainees: Vec<String> = (0..TRAINEES)
        .map(|i| uuid::Uuid::from_u128(0x1000_0000 + i as u128).to_string())
        .collect();
    for (i, t) in trainees.iter().enumerate() {
        tx.execute(
            "INSERT INTO trainees (id, display_name, email, organisation, created_at) VALUES (?1, ?2, NULL, 'North', '2025-01-01T00:00:00Z')",
            rusqlite::params![t, format!("Trainee {i}")],
        )
        .unwrap();
    }
    {
        let mut attempt = tx
            .prepare(
                "INSERT INTO attempts (id, trainee_id, scenario_id, content_hash, scenario_version, mode, seed, started_at, ended_at, status, passed, ending, report)
                 VALUES (?1, ?2, 'insulin-overdose', ?3, '1.0.0', 'assessment', '1', ?4, ?5, 'completed', 1, 'door_open', ?6)",
            )
            .unwrap();
        let mut grade = tx
            .prepare("INSERT INTO grades (attempt_id, kind, item, value, targeted, score) VALUES (?1, ?2, ?3, ?4, ?5, ?6)")
            .unwrap();
        for k in 0..n {
            let id = uuid::Uuid::from_u128(0x2000_0000_0000 + k as u128).to_string();
            let trainee = &trainees[k % TRAINEES];
            let day = 1 + (k / TRAINEES) % 28;
            let started = format!("2025-03-{day:02}T10:00:00Z");
            let ended = format!("2025-03-{day:02}T10:14:23Z");
            let comps: Vec<String> = Competency::ALL
                .iter()
                .enumerate()
                .map(|(j, c)| {
                    format!(
                        r#"{{"competency":"{}","targeted":{},"level":"competent","score":{},"opportunities":2,"evidence":[]}}"#,
                        c.id(),
                        j < 5,
                        1.0 + (j as f64) / 20.0
                    )
                })
                .collect();
            let report = format!(
                r#"{{"schema":"rehearse.report.v1","competencies":[{}],"turns":[{{"number":1,"said":"How have you been since the night it happened?"}}]}}"#,
                comps.join(",")
            );
            attempt
                .execute(rusqlite::params![id, trainee, hash, started, ended, report])
                .unwrap();
            for (j, c) in Competency::ALL.iter().enumerate() {
                grade
                    .execute(rusqlite::params![
                        id,
                        "competency",
                        c.id(),
                        "competent",
                        j < 5,
                        1.0 + (j as f64) / 20.0
                    ])
                    .unwrap();
            }
            grade
                .execute(rusqlite::params![
                    id,
                    "red_flag",
                    "severe_decompensation",
                    "recognised",
                    true,
                    None::<f64>
                ])
                .unwrap();
        }
    }
    tx.commit().unwrap();
    drop(c);
    std::fs::rename(&tmp, &path).unwrap();
    path
}

fn options() -> Options {
    Options {
        format: Format::Xapi,
        filter: Filter::default(),
        include_identity: false,
        home_page: "https://trust.example/".into(),
        issuer_name: "Bench".into(),
    }
}

fn vm(field: &str) -> Option<u64> {
    let s = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = s.lines().find(|l| l.starts_with(field))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// Exports once and prints the memory figures.
fn measure(n: usize) {
    let store = Store::open(&database(n)).unwrap();
    let _ = std::fs::write("/proc/self/clear_refs", "5"); // reset VmHWM
    let base_heap = CURRENT.load(Ordering::Relaxed);
    PEAK.store(base_heap, Ordering::Relaxed);
    let start = std::time::Instant::now();
    let s = export::export(
        &store,
        &options(),
        None,
        &mut std::io::sink(),
        &mut |_, _| {},
    )
    .unwrap();
    let secs = start.elapsed().as_secs_f64();
    let peak_heap = PEAK.load(Ordering::Relaxed).saturating_sub(base_heap);
    println!(
        "export xapi: {n} attempts, {} statements, {:.1} MB written in {secs:.2} s; peak extra Rust heap {:.0} KiB; peak RSS {} KiB",
        s.records,
        s.bytes as f64 / 1e6,
        peak_heap as f64 / 1024.0,
        vm("VmHWM:").map(|v| v.to_string()).unwrap_or_else(|| "n/a".into()),
    );
}

fn bench(c: &mut Criterion) {
    // `cargo test --all-targets` runs benches once as a smoke test: keep
    // that small; `cargo bench` passes --bench.
    let full = std::env::args().any(|a| a == "--bench");
    let n = if full { 100_000 } else { 1_000 };
    if full {
        measure(10_000);
    }
    measure(n);
    let store = Store::open(&database(n)).unwrap();
    let mut group = c.benchmark_group("export");
    group.sample_size(10);
    group.throughput(Throughput::Elements(n as u64));
    group.bench_function("xapi_100k", |b| {
        b.iter(|| {
            export::export(
                &store,
                &options(),
                None,
                &mut std::io::sink(),
                &mut |_, _| {},
            )
            .unwrap()
        })
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
