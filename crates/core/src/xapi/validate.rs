//! The xAPI 1.0.3 rules every statement is checked against before it is
//! written to an export or queued for a learning record store.

use crate::error::{Error, Result};
use serde_json::{Map, Value};
use uuid::Uuid;

fn fail<T>(msg: impl Into<String>) -> Result<T> {
    Err(Error::Xapi(msg.into()))
}

/// An absolute IRI: a scheme followed by `:` and no spaces.
pub fn is_iri(s: &str) -> bool {
    let bytes = s.as_bytes();
    let Some(colon) = bytes.iter().position(|&b| b == b':') else {
        return false;
    };
    let scheme = &bytes[..colon];
    let blank = if s.is_ascii() {
        // Every statement checks dozens of IRIs; bytes answer an ASCII one
        // without decoding it (a vertical tab is a control character).
        bytes
            .iter()
            .any(|b| b.is_ascii_whitespace() || b.is_ascii_control())
    } else {
        s.chars().any(|c| c.is_whitespace() || c.is_control())
    };
    colon + 1 < bytes.len()
        && scheme.first().is_some_and(u8::is_ascii_alphabetic)
        && scheme
            .iter()
            .all(|b| b.is_ascii_alphanumeric() || b"+-.".contains(b))
        && !blank
}

/// An ISO 8601 duration in the xAPI subset (`P…T…` with a seconds part
/// that may have decimals, or weeks).
pub fn is_duration(s: &str) -> bool {
    let Some(rest) = s.strip_prefix('P') else {
        return false;
    };
    if rest.is_empty() {
        return false;
    }
    if let Some(w) = rest.strip_suffix('W') {
        return !w.is_empty() && w.chars().all(|c| c.is_ascii_digit());
    }
    let (date, time) = match rest.split_once('T') {
        Some((d, t)) if !t.is_empty() => (d, Some(t)),
        Some(_) => return false,
        None => (rest, None),
    };
    let part = |text: &str, units: &[char], frac_last: bool| -> bool {
        let mut num = String::new();
        let mut next = 0;
        for c in text.chars() {
            if c.is_ascii_digit() || (c == '.' && frac_last) {
                num.push(c);
            } else {
                let Some(pos) = units[next..].iter().position(|u| *u == c) else {
                    return false;
                };
                if num.is_empty() || (num.contains('.') && c != *units.last().unwrap_or(&' ')) {
                    return false;
                }
                if num.matches('.').count() > 1 || num.starts_with('.') || num.ends_with('.') {
                    return false;
                }
                next += pos + 1;
                num.clear();
            }
        }
        num.is_empty()
    };
    part(date, &['Y', 'M', 'D'], false) && time.is_none_or(|t| part(t, &['H', 'M', 'S'], true))
}

fn obj<'a>(v: &'a Value, what: &str) -> Result<&'a Map<String, Value>> {
    match v.as_object() {
        Some(m) => Ok(m),
        None => fail(format!("{what} must be an object")),
    }
}

fn only(m: &Map<String, Value>, allowed: &[&str], what: &str) -> Result<()> {
    match m.keys().find(|k| !allowed.contains(&k.as_str())) {
        Some(k) => fail(format!("{what} has an unknown property \"{k}\"")),
        None => Ok(()),
    }
}

fn iri(v: Option<&Value>, what: &str) -> Result<()> {
    match v.and_then(Value::as_str) {
        Some(s) if is_iri(s) => Ok(()),
        _ => fail(format!("{what} must be an absolute IRI")),
    }
}

fn language_map(v: &Value, what: &str) -> Result<()> {
    let m = obj(v, what)?;
    for (k, v) in m {
        let tag_ok = !k.is_empty()
            && k.split('-').all(|p| {
                !p.is_empty() && p.len() <= 8 && p.chars().all(|c| c.is_ascii_alphanumeric())
            });
        if !tag_ok || !v.is_string() {
            return fail(format!(
                "{what} must map language tags to strings (\"{k}\")"
            ));
        }
    }
    Ok(())
}

fn extensions(v: &Value, what: &str) -> Result<()> {
    for k in obj(v, what)?.keys() {
        if !is_iri(k) {
            return fail(format!("{what} key \"{k}\" is not an IRI"));
        }
    }
    Ok(())
}

fn uuid(v: Option<&Value>, what: &str) -> Result<()> {
    match v.and_then(Value::as_str).map(Uuid::parse_str) {
        Some(Ok(_)) => Ok(()),
        _ => fail(format!("{what} must be a UUID")),
    }
}

fn agent(v: &Value, what: &str) -> Result<()> {
    let m = obj(v, what)?;
    only(
        m,
        &[
            "objectType",
            "name",
            "mbox",
            "mbox_sha1sum",
            "openid",
            "account",
        ],
        what,
    )?;
    if let Some(t) = m.get("objectType") {
        if t != "Agent" {
            return fail(format!("{what}.objectType must be Agent"));
        }
    }
    let ifis = ["mbox", "mbox_sha1sum", "openid", "account"]
        .iter()
        .filter(|k| m.contains_key(**k))
        .count();
    if ifis != 1 {
        return fail(format!(
            "{what} must have exactly one identifier (has {ifis})"
        ));
    }
    if let Some(mbox) = m.get("mbox") {
        if !mbox
            .as_str()
            .is_some_and(|s| s.starts_with("mailto:") && s.len() > 7)
        {
            return fail(format!("{what}.mbox must be a mailto: IRI"));
        }
    }
    if let Some(acc) = m.get("account") {
        let a = obj(acc, &format!("{what}.account"))?;
        only(a, &["homePage", "name"], &format!("{what}.account"))?;
        iri(a.get("homePage"), &format!("{what}.account.homePage"))?;
        if a.get("name")
            .and_then(Value::as_str)
            .is_none_or(str::is_empty)
        {
            return fail(format!("{what}.account.name must be a non-empty string"));
        }
    }
    Ok(())
}

fn activity(v: &Value, what: &str) -> Result<()> {
    let m = obj(v, what)?;
    only(m, &["objectType", "id", "definition"], what)?;
    if m.get("objectType").is_some_and(|t| t != "Activity") {
        return fail(format!("{what}.objectType must be Activity"));
    }
    iri(m.get("id"), &format!("{what}.id"))?;
    if let Some(d) = m.get("definition") {
        let d = obj(d, &format!("{what}.definition"))?;
        if let Some(t) = d.get("type") {
            iri(Some(t), &format!("{what}.definition.type"))?;
        }
        for k in ["name", "description"] {
            if let Some(n) = d.get(k) {
                language_map(n, &format!("{what}.definition.{k}"))?;
            }
        }
        if let Some(e) = d.get("extensions") {
            extensions(e, &format!("{what}.definition.extensions"))?;
        }
    }
    Ok(())
}

fn result(v: &Value) -> Result<()> {
    let m = obj(v, "result")?;
    only(
        m,
        &[
            "score",
            "success",
            "completion",
            "response",
            "duration",
            "extensions",
        ],
        "result",
    )?;
    if let Some(s) = m.get("score") {
        let s = obj(s, "result.score")?;
        only(s, &["scaled", "raw", "min", "max"], "result.score")?;
        if let Some(x) = s.get("scaled") {
            match x.as_f64() {
                Some(x) if (-1.0..=1.0).contains(&x) => {}
                _ => return fail("result.score.scaled must be a number from -1 to 1"),
            }
        }
    }
    for k in ["success", "completion"] {
        if m.get(k).is_some_and(|b| !b.is_boolean()) {
            return fail(format!("result.{k} must be true or false"));
        }
    }
    if let Some(d) = m.get("duration") {
        if !d.as_str().is_some_and(is_duration) {
            return fail("result.duration must be an ISO 8601 duration");
        }
    }
    if let Some(e) = m.get("extensions") {
        extensions(e, "result.extensions")?;
    }
    Ok(())
}

fn context(v: &Value) -> Result<()> {
    let m = obj(v, "context")?;
    only(
        m,
        &[
            "registration",
            "instructor",
            "team",
            "contextActivities",
            "revision",
            "platform",
            "language",
            "statement",
            "extensions",
        ],
        "context",
    )?;
    if m.contains_key("registration") {
        uuid(m.get("registration"), "context.registration")?;
    }
    if let Some(ca) = m.get("contextActivities") {
        let ca = obj(ca, "context.contextActivities")?;
        only(
            ca,
            &["parent", "grouping", "category", "other"],
            "context.contextActivities",
        )?;
        for (k, list) in ca {
            let what = format!("context.contextActivities.{k}");
            match list {
                Value::Array(items) => {
                    for a in items {
                        activity(a, &what)?;
                    }
                }
                single => activity(single, &what)?,
            }
        }
    }
    if let Some(e) = m.get("extensions") {
        extensions(e, "context.extensions")?;
    }
    Ok(())
}

/// Checks one statement; the error names the first rule broken.
pub fn validate(statement: &Value) -> Result<()> {
    validate_object(obj(statement, "the statement")?)
}

/// Checks one statement given as its JSON object (what
/// [`each_attempt_statement`](super::statement::each_attempt_statement)
/// emits); the error names the first rule broken.
pub fn validate_object(m: &Map<String, Value>) -> Result<()> {
    only(
        m,
        &[
            "id",
            "actor",
            "verb",
            "object",
            "result",
            "context",
            "timestamp",
            "stored",
            "authority",
            "version",
            "attachments",
        ],
        "the statement",
    )?;
    uuid(m.get("id"), "id")?;
    agent(m.get("actor").unwrap_or(&Value::Null), "actor")?;
    let verb = obj(m.get("verb").unwrap_or(&Value::Null), "verb")?;
    only(verb, &["id", "display"], "verb")?;
    iri(verb.get("id"), "verb.id")?;
    if let Some(d) = verb.get("display") {
        language_map(d, "verb.display")?;
    }
    activity(m.get("object").unwrap_or(&Value::Null), "object")?;
    if let Some(r) = m.get("result") {
        result(r)?;
    }
    if let Some(c) = m.get("context") {
        context(c)?;
    }
    if let Some(t) = m.get("timestamp") {
        if t.as_str()
            .is_none_or(|s| chrono::DateTime::parse_from_rfc3339(s).is_err())
        {
            return fail("timestamp must be an ISO 8601 date-time with a time zone");
        }
    }
    if let Some(v) = m.get("version") {
        if !v.as_str().is_some_and(|s| s.starts_with("1.0.")) {
            return fail("version must be 1.0.x");
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::xapi::statement::{attempt_statements, tests::sample};

    #[test]
    fn durations_and_iris() {
        for d in ["PT0S", "PT1H2M3S", "P1D", "PT1.5S", "P2W", "P1Y2M3DT4H"] {
            assert!(is_duration(d), "{d}");
        }
        for d in [
            "", "P", "PT", "1H", "PT1.5M3S", "PTS", "PT1S2M", "P1.2.3S", "PTxS",
        ] {
            assert!(!is_duration(d), "{d}");
        }
        assert!(is_iri("https://a.example/x"));
        assert!(is_iri("urn:uuid:1"));
        assert!(!is_iri("no scheme"));
        assert!(!is_iri("1http://x"));
        assert!(!is_iri("https://a b"));
        assert!(!is_iri(":x"));
        assert!(!is_iri("a:"));
        assert!(!is_iri("a:b\u{0b}c"));
        assert!(!is_iri("https://a\u{a0}b"));
        assert!(!is_iri("é:x"));
        assert!(is_iri("https://例え.example/é"));
        assert!(is_iri("a+b-c.d:x"));
        assert!(!is_iri("a_b:x"));
    }

    #[test]
    fn each_broken_rule_is_caught() {
        let good = attempt_statements(&sample()).remove(0);
        validate(&good).unwrap();
        type Breaker = fn(&mut Value);
        let breakers: &[(&str, Breaker)] = &[
            ("id", |s| s["id"] = "nope".into()),
            ("actor", |s| s["actor"]["mbox"] = "mailto:a@b.c".into()),
            ("mbox", |s| {
                s["actor"] = serde_json::json!({"mbox": "someone@example.org"})
            }),
            ("homePage", |s| {
                s["actor"]["account"]["homePage"] = "trust".into()
            }),
            ("verb", |s| s["verb"]["id"] = "completed".into()),
            ("scaled", |s| s["result"]["score"]["scaled"] = 7.into()),
            ("duration", |s| {
                s["result"]["duration"] = "12 minutes".into()
            }),
            ("registration", |s| {
                s["context"]["registration"] = "x".into()
            }),
            ("extensions", |s| {
                s["result"]["extensions"]["level"] = 1.into()
            }),
            ("unknown", |s| s["transcript"] = "hello".into()),
            ("timestamp", |s| s["timestamp"] = "yesterday".into()),
            ("object", |s| s["object"] = Value::Null),
        ];
        for (name, brk) in breakers {
            let mut s = good.clone();
            brk(&mut s);
            assert!(validate(&s).is_err(), "{name} not caught");
        }
    }
}
