//! `rehearse push`: statements to a learning record store through the outbox.

use super::export::FilterArgs;
use super::progress::Progress;
use crate::commands::Records;
use crate::error::{CliError, CmdResult};
use clap::Args;
use rehearse_app::accreditation;
use rehearse_core::xapi;
use std::process::ExitCode;
use std::time::Duration;

/// `rehearse push` arguments.
#[derive(Debug, Clone, Args)]
pub struct PushArgs {
    /// The store's xAPI endpoint, e.g. https://lrs.example/xAPI/
    #[arg(long, value_name = "URL")]
    pub lrs: String,
    /// Basic-auth user.
    #[arg(long, value_name = "USER")]
    pub user: String,
    /// Name of the environment variable holding the password.
    #[arg(long, value_name = "VAR")]
    pub password_env: String,
    #[command(flatten)]
    pub filters: FilterArgs,
    /// Statements per request.
    #[arg(long, default_value_t = xapi::push::DEFAULT_BATCH as u32, value_parser = clap::value_parser!(u32).range(1..=1000))]
    pub batch_size: u32,
    /// Tries per request before giving up.
    #[arg(long, default_value_t = 5, value_parser = clap::value_parser!(u32).range(1..=20))]
    pub tries: u32,
    /// First wait between tries, in milliseconds (doubles each time).
    #[arg(long, default_value_t = 500)]
    pub backoff_ms: u64,
    /// How long to wait for the store to answer one request, in
    /// milliseconds, before counting it as no answer (and trying again).
    #[arg(long, default_value_t = 30_000, value_parser = clap::value_parser!(u64).range(100..=600_000))]
    pub timeout_ms: u64,
    /// Put statements the store rejected back in the queue first.
    #[arg(long)]
    pub retry_failed: bool,
    /// Allow plain http:// to a host other than this machine, which sends
    /// the store's password in clear (refused without this flag).
    #[arg(long)]
    pub insecure: bool,
}

/// Runs `push`.
pub fn run(records: &Records, a: PushArgs) -> CmdResult {
    let password = std::env::var(&a.password_env).map_err(|_| {
        CliError::Usage(format!(
            "the environment variable {} (named by --password-env) is not set",
            a.password_env
        ))
    })?;
    let mut cfg = accreditation::lrs_config(&a.lrs, &a.user, &password)?;
    cfg.allow_insecure = a.insecure;
    cfg.batch_size = a.batch_size as usize;
    cfg.tries = a.tries;
    cfg.backoff = Duration::from_millis(a.backoff_ms);
    cfg.timeout = Duration::from_millis(a.timeout_ms);
    let home_page = a.filters.home_page(true)?;
    let store = records.open(None)?;
    let mut outbox = accreditation::outbox(store.path())?;
    let added = accreditation::queue(&store, &mut outbox, &a.filters.records, &home_page)?;
    drop(store);
    if a.retry_failed {
        outbox.retry_failed()?;
    }
    let before = outbox.counts()?;
    eprintln!(
        "rehearse: {added} new statement(s) queued; {} pending, {} delivered before, {} failed",
        before.pending, before.delivered, before.failed
    );
    let mut bar = Progress::new("pushing");
    let outcome = accreditation::send(&mut outbox, &cfg, added, &mut |d, t| bar.update(d, t))?;
    bar.finish();
    let after = outcome.outbox.counts;
    for r in &outcome.rejected {
        eprintln!(
            "rehearse: the store rejected statement {}: {}",
            r.id, r.message
        );
    }
    match &outcome.stopped {
        None => println!(
            "delivered {} statement(s) in this push; outbox: {} pending, {} delivered, {} failed",
            outcome.delivered, after.pending, after.delivered, after.failed
        ),
        Some(why) => eprintln!(
            "rehearse: push stopped: {why}\nrehearse: outbox: {} pending, {} delivered, {} failed",
            after.pending, after.delivered, after.failed
        ),
    }
    Ok(if outcome.incomplete() {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}
