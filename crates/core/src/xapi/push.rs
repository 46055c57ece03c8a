//! Sending the outbox to a learning record store (xAPI 1.0.3
//! `POST /statements`) in batches, with retries and backoff.
//!
//! | store answers | the statements are |
//! |---|---|
//! | 200 or 204 | delivered |
//! | 409 (an id it already holds) | delivered: each is then sent alone with `PUT ?statementId=`, and 204 or 409 counts |
//! | 400 or 422 | each is sent alone; the rejected ones are marked failed with the store's message, the rest delivered |
//! | 5xx, 429, no answer | retried with backoff; then the push stops, the rest stay pending |
//! | 401, 403, other | the push stops with the store's message |

use super::outbox::Outbox;
use crate::error::{Error, Result};
use std::time::Duration;

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
}

impl LrsConfig {
    /// Defaults: batches of 50, 5 tries from 500 ms, 30 s timeout.
    pub fn new(endpoint: &str, user: &str, password: &str) -> LrsConfig {
        LrsConfig {
            endpoint: endpoint.to_string(),
            user: user.to_string(),
            password: password.to_string(),
            batch_size: 50,
            tries: 5,
            backoff: Duration::from_millis(500),
            timeout: Duration::from_secs(30),
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
    let client = Client {
        agent: ureq::AgentBuilder::new().timeout(cfg.timeout).build(),
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
            (200 | 204, _) => {
                outbox.mark_delivered(&ids)?;
                report.delivered += ids.len() as u64;
            }
            (400 | 409 | 422, _) => {
                for (id, statement) in &batch {
                    let one = format!("{url}?statementId={id}");
                    match client.send("PUT", &one, statement)? {
                        (200 | 204 | 409, _) => {
                            outbox.mark_delivered(std::slice::from_ref(id))?;
                            report.delivered += 1;
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
