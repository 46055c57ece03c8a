//! Sending the outbox to a learning record store (xAPI 1.0.3
//! `POST /statements`) in batches, with retries and backoff.
//!
//! | store answers | the statements are |
//! |---|---|
//! | 200 with exactly the batch's ids | delivered |
//! | 200 or 204 without them | each is sent alone with `PUT ?statementId=`; after its 204 (or 409) the statement is read back with `GET ?statementId=`, and only the same statement under that id confirms it |
//! | a redirect (3xx) | not followed; the push stops, nothing is marked |
//! | 409 (an id it already holds) | each is sent alone with `PUT ?statementId=` and read back: the same statement counts as delivered; a different one under our id is marked failed, since the store does not hold what we sent |
//! | 400 or 422 | each is sent alone; the rejected ones are marked failed with the store's message, the rest delivered |
//! | 5xx, 429, no answer | retried with backoff; then the push stops, the rest stay pending |
//! | 401, 403, other | the push stops with the store's message |

use super::outbox::Outbox;
use super::statement::same_statement;
use crate::error::{Error, Result};
use std::time::Duration;

/// Statements per request unless told otherwise. Each request costs a
/// round trip, the store's own work per request (ralph, for one, reads
/// every statement it holds to check for ids it already has) and one
/// durable outbox commit here, so a push of 100,000 statements in batches
/// of 50 spent most of its time on those; 500 statements (about 1.8 MB)
/// is a body any store takes (docs/performance.md, push).
pub const DEFAULT_BATCH: usize = 500;

/// Where and how to push.
#[derive(Debug, Clone)]
pub struct LrsConfig {
    /// The store's xAPI endpoint (`…/xAPI/`); `statements` is appended.
    pub endpoint: String,
    /// Basic-auth user.
    pub user: String,
    /// Basic-auth password.
    pub password: String,
    /// Statements per request.
    pub batch_size: usize,
    /// Tries per request before giving up (at least 1).
    pub tries: u32,
    /// The first backoff; it doubles after each failed try.
    pub backoff: Duration,
    /// Per-request timeout.
    pub timeout: Duration,
    /// Allow plain `http://` to a host other than this machine, sending the
    /// password in clear (`rehearse push --insecure`); off by default.
    pub allow_insecure: bool,
}

impl LrsConfig {
    /// Defaults: batches of [`DEFAULT_BATCH`], 5 tries from 500 ms, 30 s
    /// timeout.
    pub fn new(endpoint: &str, user: &str, password: &str) -> LrsConfig {
        LrsConfig {
            endpoint: endpoint.to_string(),
            user: user.to_string(),
            password: password.to_string(),
            batch_size: DEFAULT_BATCH,
            tries: 5,
            backoff: Duration::from_millis(500),
            timeout: Duration::from_secs(30),
            allow_insecure: false,
        }
    }

    /// Refuses to send Basic credentials in clear: `http://` is allowed only
    /// to this machine (loopback), unless `allow_insecure` is set.
    fn check_transport(&self) -> Result<()> {
        let url = self.endpoint.trim();
        let lower = url.to_ascii_lowercase();
        if lower.starts_with("https://") {
            return Ok(());
        }
        let Some(rest) = lower.strip_prefix("http://") else {
            return Err(Error::Lrs(format!(
                "{url} is not an http:// or https:// address"
            )));
        };
        let authority = rest.split(['/', '?', '#']).next().unwrap_or("");
        let host_port = authority.rsplit('@').next().unwrap_or("");
        let host = if let Some(v6) = host_port.strip_prefix('[') {
            v6.split(']').next().unwrap_or("")
        } else {
            host_port.split(':').next().unwrap_or("")
        };
        let loopback = host == "localhost"
            || host
                .parse::<std::net::IpAddr>()
                .is_ok_and(|ip| ip.is_loopback());
        if loopback || self.allow_insecure {
            Ok(())
        } else {
            Err(Error::Lrs(format!(
                "refusing to send the store's password in clear to {url}: use https://, or pass --insecure if this network is private and you accept the risk"
            )))
        }
    }

    fn statements_url(&self) -> String {
        let base = self.endpoint.trim_end_matches('/');
        if base.ends_with("/statements") {
            base.to_string()
        } else {
            format!("{base}/statements")
        }
    }
}

/// What a push did.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct PushReport {
    /// Statements acknowledged in this push (including ones the store
    /// already held).
    pub delivered: u64,
    /// Statements rejected in this push, with the store's messages.
    pub failed: Vec<(String, String)>,
}

enum Answer {
    Status(u16, String),
    Unreachable(String),
}

fn basic_auth(user: &str, password: &str) -> String {
    const T: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let input = format!("{user}:{password}");
    let mut out = String::new();
    for chunk in input.as_bytes().chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(T[(n >> (18 - 6 * i) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    format!("Basic {out}")
}

struct Client {
    agent: ureq::Agent,
    cfg: LrsConfig,
    auth: String,
}

impl Client {
    fn once(&self, method: &str, url: &str, body: &str) -> Answer {
        let req = self
            .agent
            .request(method, url)
            .set("X-Experience-API-Version", "1.0.3")
            .set("Content-Type", "application/json")
            .set("Authorization", &self.auth);
        match req.send_string(body) {
            Ok(r) => {
                let s = r.status();
                Answer::Status(s, r.into_string().unwrap_or_default())
            }
            Err(ureq::Error::Status(s, r)) => {
                Answer::Status(s, r.into_string().unwrap_or_default())
            }
            Err(e) => Answer::Unreachable(e.to_string()),
        }
    }

    /// Sends with retries on 5xx, 429 and transport errors.
    fn send(&self, method: &str, url: &str, body: &str) -> Result<(u16, String)> {
        let mut wait = self.cfg.backoff;
        let mut last = String::new();
        for attempt in 0..self.cfg.tries.max(1) {
            if attempt > 0 {
                std::thread::sleep(wait);
                wait = wait.saturating_mul(2);
            }
            match self.once(method, url, body) {
                Answer::Status(s, text) if s >= 500 || s == 429 => {
                    last = format!("HTTP {s}: {}", short(&text));
                }
                Answer::Status(s, text) => return Ok((s, text)),
                Answer::Unreachable(e) => last = e,
            }
        }
        Err(Error::Lrs(format!(
            "{url} did not answer after {} tries ({last})",
            self.cfg.tries.max(1)
        )))
    }
}

/// Whether a `POST /statements` answer lists exactly the batch's ids (the
/// xAPI answer is a JSON array of statement ids, in any order).
fn acknowledges(body: &str, ids: &[String]) -> bool {
    let Ok(returned) = serde_json::from_str::<Vec<String>>(body) else {
        return false;
    };
    let mut got: Vec<String> = returned.iter().map(|s| s.to_ascii_lowercase()).collect();
    let mut want: Vec<String> = ids.iter().map(|s| s.to_ascii_lowercase()).collect();
    got.sort();
    want.sort();
    got == want
}

/// The statement with `id` in a `GET ?statementId=` answer: the statement
/// itself, as xAPI 1.0.3 specifies, or a statement result holding it (some
/// stores, ralph among them, answer that way).
fn held(body: &str, id: &str) -> Option<serde_json::Value> {
    let v = serde_json::from_str::<serde_json::Value>(body).ok()?;
    let is = |s: &serde_json::Value| s["id"].as_str().is_some_and(|s| s.eq_ignore_ascii_case(id));
    if is(&v) {
        return Some(v);
    }
    match v["statements"].as_array() {
        Some(list) if list.len() == 1 && is(&list[0]) => Some(list[0].clone()),
        _ => None,
    }
}

fn short(text: &str) -> String {
    let t: String = text.chars().take(300).collect();
    t.trim().to_string()
}

/// Sends every pending statement of `outbox` to the store. `progress` is
/// called with (sent so far, total) after each batch. On an error the
/// statements not yet acknowledged stay pending, so the next push resumes.
pub fn push(
    outbox: &mut Outbox,
    cfg: &LrsConfig,
    progress: &mut dyn FnMut(u64, u64),
) -> Result<PushReport> {
    cfg.check_transport()?;
    let client = Client {
        // A redirect is never followed: ureq would turn a POST into a
        // body-less GET, and a redirecting endpoint would "receive" all.
        agent: ureq::AgentBuilder::new()
            .timeout(cfg.timeout)
            .redirects(0)
            .build(),
        cfg: cfg.clone(),
        auth: basic_auth(&cfg.user, &cfg.password),
    };
    let url = cfg.statements_url();
    let total = outbox.counts()?.pending;
    let mut report = PushReport::default();
    let mut done = 0u64;
    progress(0, total);
    loop {
        let batch = outbox.pending(cfg.batch_size.max(1))?;
        if batch.is_empty() {
            break;
        }
        let body = format!(
            "[{}]",
            batch
                .iter()
                .map(|(_, s)| s.as_str())
                .collect::<Vec<_>>()
                .join(",")
        );
        let ids: Vec<String> = batch.iter().map(|(id, _)| id.clone()).collect();
        match client.send("POST", &url, &body)? {
            (200, text) if acknowledges(&text, &ids) => {
                outbox.mark_delivered(&ids)?;
                report.delivered += ids.len() as u64;
            }
            // A success that does not list the ids proves nothing: confirm
            // each statement alone, as for the answers below.
            (200 | 204 | 400 | 409 | 422, _) => {
                for (id, statement) in &batch {
                    let one = format!("{url}?statementId={id}");
                    match client.send("PUT", &one, statement)? {
                        (put @ (204 | 409), _) => {
                            let (s, text) = client.send("GET", &one, "")?;
                            let Some(theirs) = held(&text, id).filter(|_| s == 200) else {
                                return Err(Error::Lrs(format!(
                                    "{one} accepted the statement but did not return it (HTTP {s}: {}); nothing was marked delivered",
                                    short(&text)
                                )));
                            };
                            let ours: serde_json::Value =
                                serde_json::from_str(statement).map_err(|e| {
                                    Error::Lrs(format!("outbox statement {id} is not JSON: {e}"))
                                })?;
                            if same_statement(&ours, &theirs) {
                                outbox.mark_delivered(std::slice::from_ref(id))?;
                                report.delivered += 1;
                            } else {
                                // Statements are immutable in xAPI: the store
                                // keeps its own, so ours was not delivered.
                                let msg = format!(
                                    "HTTP {put}: the store holds a different statement under this id"
                                );
                                outbox.mark_failed(id, &msg)?;
                                report.failed.push((id.clone(), msg));
                            }
                        }
                        (s @ (400 | 422), text) => {
                            let msg = format!("HTTP {s}: {}", short(&text));
                            outbox.mark_failed(id, &msg)?;
                            report.failed.push((id.clone(), msg));
                        }
                        (s, text) => {
                            return Err(Error::Lrs(format!(
                                "{one} answered HTTP {s}: {}",
                                short(&text)
                            )))
                        }
                    }
                }
            }
            (s, text) => {
                return Err(Error::Lrs(format!(
                    "{url} answered HTTP {s}: {}",
                    short(&text)
                )));
            }
        }
        done += ids.len() as u64;
        progress(done, total);
    }
    Ok(report)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn basic_auth_is_rfc7617() {
        assert_eq!(
            basic_auth("Aladdin", "open sesame"),
            "Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ=="
        );
        assert_eq!(basic_auth("a", ""), "Basic YTo=");
        assert_eq!(basic_auth("ab", "c"), "Basic YWI6Yw==");
    }

    #[test]
    fn statements_url_accepts_both_forms() {
        for e in [
            "http://h/xAPI",
            "http://h/xAPI/",
            "http://h/xAPI/statements",
        ] {
            assert_eq!(
                LrsConfig::new(e, "u", "p").statements_url(),
                "http://h/xAPI/statements"
            );
        }
    }

    #[test]
    fn plain_http_goes_only_to_this_machine_unless_insecure() {
        for ok in [
            "https://lrs.example/xAPI/",
            "http://127.0.0.1:8100/xAPI/",
            "http://localhost/xAPI",
            "http://[::1]:9000/xAPI",
            "http://user@127.0.0.2/xAPI",
        ] {
            assert!(
                LrsConfig::new(ok, "u", "p").check_transport().is_ok(),
                "{ok}"
            );
        }
        for bad in [
            "http://lrs.example/xAPI/",
            "http://10.0.0.5/xAPI",
            "http://127.0.0.1.evil.example/",
        ] {
            let cfg = LrsConfig::new(bad, "u", "p");
            let e = cfg.check_transport().unwrap_err().to_string();
            assert!(e.contains("in clear"), "{bad}: {e}");
            let mut insecure = cfg.clone();
            insecure.allow_insecure = true;
            assert!(insecure.check_transport().is_ok());
        }
        assert!(LrsConfig::new("ftp://x/", "u", "p")
            .check_transport()
            .is_err());
    }

    #[test]
    fn only_the_batchs_own_ids_acknowledge_it() {
        let ids = vec!["A-1".to_string(), "b-2".to_string()];
        assert!(acknowledges(r#"["b-2","a-1"]"#, &ids));
        assert!(!acknowledges(r#"["a-1"]"#, &ids));
        assert!(!acknowledges(r#"["a-1","b-2","c-3"]"#, &ids));
        assert!(!acknowledges("", &ids));
        assert!(!acknowledges(r#"{"ok": true}"#, &ids));
        assert!(held(r#"{"id": "A-1", "verb": {}}"#, "a-1").is_some());
        assert_eq!(
            held(r#"{"statements": [{"id": "a-1"}], "more": ""}"#, "a-1"),
            Some(serde_json::json!({"id": "a-1"}))
        );
        assert!(held(r#"{"statements": [{"id": "b-2"}]}"#, "a-1").is_none());
        assert!(held(r#"{"statements": []}"#, "a-1").is_none());
        assert!(held("not json", "a-1").is_none());
    }

    /// A one-shot HTTP server on loopback that answers every request with
    /// `status` and `body`, and counts the requests.
    fn fake_store(
        status: &'static str,
        body: &'static str,
    ) -> (String, std::sync::Arc<std::sync::atomic::AtomicUsize>) {
        use std::io::{Read, Write};
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let addr = listener.local_addr().unwrap();
        let count = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
        let seen = std::sync::Arc::clone(&count);
        std::thread::spawn(move || {
            for stream in listener.incoming().take(20) {
                let Ok(mut s) = stream else { break };
                let mut buf = [0u8; 65536];
                let _ = s.read(&mut buf);
                seen.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
                let reply = format!(
                    "HTTP/1.1 {status}\r\nLocation: http://{addr}/elsewhere\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
                    body.len()
                );
                let _ = s.write_all(reply.as_bytes());
            }
        });
        (format!("http://{addr}/xAPI/"), count)
    }

    #[test]
    fn a_redirect_or_an_answer_without_the_ids_marks_nothing_delivered() {
        use crate::xapi::statement::{attempt_statements, tests::sample};
        for (status, body) in [("302 Found", ""), ("200 OK", "[]"), ("204 No Content", "")] {
            let dir = tempfile::tempdir().unwrap();
            let mut o = Outbox::open(&dir.path().join("o.db")).unwrap();
            o.enqueue(&attempt_statements(&sample())).unwrap();
            let (url, requests) = fake_store(status, body);
            let mut cfg = LrsConfig::new(&url, "u", "p");
            cfg.tries = 1;
            let r = push(&mut o, &cfg, &mut |_, _| {});
            let counts = o.counts().unwrap();
            // A store that answers everything the same way never returns the
            // statements it claims to hold, so nothing counts as delivered.
            assert!(r.is_err(), "{status}");
            assert_eq!(counts.pending, 2, "{status}: nothing marked delivered");
            assert!(requests.load(std::sync::atomic::Ordering::SeqCst) >= 1);
        }
    }

    #[test]
    fn unreachable_store_leaves_everything_pending() {
        use crate::xapi::statement::{attempt_statements, tests::sample};
        let dir = tempfile::tempdir().unwrap();
        let mut o = Outbox::open(&dir.path().join("o.db")).unwrap();
        o.enqueue(&attempt_statements(&sample())).unwrap();
        // A port nothing listens on: bind, read the port, close.
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let mut cfg = LrsConfig::new(&format!("http://127.0.0.1:{port}/xAPI/"), "u", "p");
        cfg.tries = 2;
        cfg.backoff = Duration::from_millis(1);
        let err = push(&mut o, &cfg, &mut |_, _| {}).unwrap_err();
        assert!(err.to_string().contains("did not answer"), "{err}");
        assert_eq!(o.counts().unwrap().pending, 2);
    }
}
