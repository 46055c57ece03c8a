//! The certificate as one self-contained, print-ready HTML page: A4 with
//! `@page` and `@media print` rules, the QR code as inline SVG, no script,
//! no external resource (its own content security policy forbids both),
//! and every text escaped.

use super::layout::{long_date, Certificate};
use super::qr::{self, QUIET_ZONE};
use crate::error::Result;

/// Escapes text for HTML element content and quoted attribute values.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

const STYLE: &str = "
@page { size: A4; margin: 14mm; }
* { box-sizing: border-box; }
body { font-family: 'Helvetica Neue', Helvetica, Arial, 'DejaVu Sans', sans-serif; color: #111; margin: 0; background: #eee; }
main { width: 182mm; min-height: 269mm; margin: 8mm auto; padding: 12mm 14mm; background: #fff; border: 2px solid #1c546b; outline: 1px solid #1c546b; outline-offset: -6px; }
.kicker { text-align: center; letter-spacing: 0.2em; font-weight: bold; color: #1c546b; margin: 0; }
h1 { text-align: center; color: #1c546b; font-size: 2rem; margin: 0.4rem 0 1rem; }
.intro { text-align: center; margin: 0; }
.name { text-align: center; font-size: 1.8rem; font-weight: bold; margin: 0.3rem 0 0.6rem; overflow-wrap: anywhere; }
.description { text-align: center; font-size: 0.9rem; }
.dates { display: flex; justify-content: space-around; text-align: center; margin: 1rem 0; }
.dates dt { color: #555; font-size: 0.8rem; }
.dates dd { margin: 0.2rem 0 0; font-weight: bold; }
.issuer { text-align: center; margin: 0; }
.did, .ids { color: #555; font-size: 0.7rem; overflow-wrap: anywhere; }
.did { text-align: center; }
table { width: 100%; border-collapse: collapse; margin: 0.8rem 0 0.4rem; font-size: 0.9rem; }
caption { text-align: left; font-weight: bold; margin-bottom: 0.3rem; }
td { padding: 0.15rem 0.3rem; }
td.level { text-align: right; font-weight: bold; }
tr:nth-child(odd) td { background: #f0f0f0; }
.note { color: #555; font-size: 0.8rem; }
.check { display: flex; gap: 1rem; align-items: flex-start; margin-top: 1.2rem; }
.check svg { width: 40mm; height: 40mm; flex: none; }
.check h2 { font-size: 1rem; margin: 0 0 0.3rem; }
.check p { font-size: 0.8rem; margin: 0 0 0.4rem; }
code { font-size: 0.7rem; overflow-wrap: anywhere; }
@media print {
  body { background: none; }
  main { margin: 0; width: auto; min-height: 0; }
  tr:nth-child(odd) td { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
";

/// The QR code as an SVG element: one path of dark modules on white, with
/// the quiet zone.
fn svg(text: &str) -> Result<String> {
    let m = qr::matrix(text)?;
    let side = m.width + 2 * QUIET_ZONE;
    let mut d = String::new();
    for (row, col, len) in m.runs() {
        d.push_str(&format!(
            "M{} {}h{len}v1h-{len}z",
            col + QUIET_ZONE,
            row + QUIET_ZONE
        ));
    }
    Ok(format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {side} {side}\" role=\"img\" aria-label=\"QR code: {}\" shape-rendering=\"crispEdges\"><rect width=\"{side}\" height=\"{side}\" fill=\"#fff\"/><path fill=\"#000\" d=\"{d}\"/></svg>",
        escape(text)
    ))
}

/// Renders the certificate as an HTML document.
pub fn render(cert: &Certificate) -> Result<String> {
    let code = cert.payload.to_string();
    let rows: String = cert
        .competencies
        .iter()
        .map(|c| {
            format!(
                "<tr><td>{}</td><td class=\"level\">{}</td></tr>\n",
                escape(&c.title),
                escape(&c.level_label)
            )
        })
        .collect();
    let date = |label: &str, d| {
        format!(
            "<div><dt>{}</dt><dd><time datetime=\"{d}\">{}</time></dd></div>",
            escape(label),
            escape(&long_date(d))
        )
    };
    Ok(format!(
        "<!DOCTYPE html>
<html lang=\"en\">
<head>
<meta charset=\"utf-8\">
<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\">
<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">
<title>{title} – {name}</title>
<style>{STYLE}</style>
</head>
<body>
<main>
<p class=\"kicker\">CERTIFICATE</p>
<h1>{title}</h1>
<p class=\"intro\">This certifies that</p>
<p class=\"name\">{name}</p>
<p class=\"description\">{description}</p>
<dl class=\"dates\">{issued}{from}{expires}</dl>
<p class=\"issuer\">Issued by {issuer}</p>
<p class=\"did\">{issuer_id}</p>
<table>
<caption>Competencies: level reached in the assessments it rests on</caption>
<tbody>
{rows}</tbody>
</table>
<p class=\"note\">Rests on {assessments} passed assessment(s). Status when printed: {status}.</p>
<section class=\"check\">
{svg}
<div>
<h2>Check this certificate</h2>
<p>The code holds the credential's id, the SHA-256 of what the signed credential states and the issuer's key. A printed copy is genuine only if the signed credential verifies and matches it:</p>
<p><code>{command}</code></p>
<p class=\"ids\">Credential {credential} – subject {subject}</p>
</div>
</section>
</main>
</body>
</html>
",
        title = escape(&cert.achievement),
        name = escape(&cert.trainee_name),
        description = escape(&cert.description),
        issued = date("Issued", cert.issued_on),
        from = date("Valid from", cert.valid_from),
        expires = date("Expires (last valid day)", cert.expires_on),
        issuer = escape(&cert.issuer_name),
        issuer_id = escape(&cert.issuer_id),
        assessments = cert.assessments,
        status = escape(&cert.status),
        svg = svg(&code)?,
        command = escape(&cert.verify_command()),
        credential = escape(&cert.credential_id),
        subject = escape(&cert.subject),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping_covers_markup_and_quotes() {
        assert_eq!(
            escape("<script>alert('x')</script> & \"y\""),
            "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;y&quot;"
        );
    }

    #[test]
    fn the_svg_has_one_square_per_dark_run() {
        let s = svg("rehearse-cert:1:x").unwrap();
        let m = qr::matrix("rehearse-cert:1:x").unwrap();
        assert_eq!(s.matches('z').count(), m.runs().len());
        assert!(s.starts_with("<svg") && s.ends_with("</svg>"));
    }
}
