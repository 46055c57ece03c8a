//! RFC 4180 CSV: UTF-8, a header row, CRLF line ends, and a field quoted
//! when it holds a comma, a double quote, CR or LF (quotes doubled).

use std::io::{self, Write};

/// Writes one record.
pub fn write_record<W: Write + ?Sized, S: AsRef<str>>(out: &mut W, fields: &[S]) -> io::Result<()> {
    for (i, f) in fields.iter().enumerate() {
        if i > 0 {
            out.write_all(b",")?;
        }
        let f = f.as_ref();
        if f.contains([',', '"', '\r', '\n']) {
            out.write_all(b"\"")?;
            out.write_all(f.replace('"', "\"\"").as_bytes())?;
            out.write_all(b"\"")?;
        } else {
            out.write_all(f.as_bytes())?;
        }
    }
    out.write_all(b"\r\n")
}

/// A cell of text that people typed (names, emails, organisations): a
/// leading `=`, `+`, `-`, `@`, tab or CR would make a spreadsheet treat it as
/// a formula, so such text gets a leading apostrophe (OWASP's advice for CSV
/// injection). Ids, levels, dates and numbers are written as they are.
pub fn text_cell(text: &str) -> String {
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{text}")
    } else {
        text.to_string()
    }
}

/// Header of the competency layout (one row per trainee and competency);
/// the identity columns follow `trainee_id` only with `--include-identity`.
pub fn competency_header(identity: bool) -> Vec<&'static str> {
    let mut h = vec!["trainee_id"];
    if identity {
        h.extend(["display_name", "email"]);
    }
    h.extend([
        "organisation",
        "certification_status",
        "competency",
        "competency_uri",
        "current_level",
        "evidence_count",
        "last_assessed",
        "moderated",
        "source_attempt",
        "scenario_id",
        "scenario_version",
        "scenario_hash",
        "policy_version",
    ]);
    h
}

/// Header of the attempt layout (one row per completed attempt).
pub fn attempt_header(identity: bool) -> Vec<String> {
    let mut h: Vec<String> = vec!["attempt_id".into(), "trainee_id".into()];
    if identity {
        h.extend(["display_name".into(), "email".into()]);
    }
    h.extend(
        [
            "organisation",
            "scenario_id",
            "scenario_version",
            "scenario_hash",
            "mode",
            "started_at",
            "completed_at",
            "passed",
            "moderated",
            "policy_version",
            "red_flags",
        ]
        .map(String::from),
    );
    h.extend(crate::competency::Competency::ALL.map(|c| format!("level_{}", c.id())));
    h
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoting_follows_rfc4180() {
        let mut out = Vec::new();
        write_record(
            &mut out,
            &["plain", "a,b", "say \"hi\"", "two\nlines", "", "é"],
        )
        .unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "plain,\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\",,é\r\n"
        );
    }

    #[test]
    fn typed_text_cannot_become_a_formula() {
        assert_eq!(
            text_cell("=HYPERLINK(\"http://x\")"),
            "'=HYPERLINK(\"http://x\")"
        );
        assert_eq!(text_cell("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(text_cell("St Mary's"), "St Mary's");
    }

    #[test]
    fn headers_add_identity_only_when_asked() {
        assert!(!competency_header(false).contains(&"email"));
        assert!(competency_header(true).contains(&"email"));
        assert_eq!(attempt_header(false).len(), 13 + 15);
    }
}
