//! The printable certificate through the real `rehearse` binary over a real
//! records database (the accreditation fixture: a trainee certified 20 days
//! ago, one whose certification expired, one in progress). The PDF is
//! rendered to PNG by poppler's `pdftoppm`, its QR code decoded by
//! `zbarimg` (ZBar, independent of the `qrcode` crate that drew it), and
//! the decoded text given to `rehearse verify --printed` with the
//! credential written beside the certificate: accepted, while a tampered
//! credential and another trainee's credential are refused. `pdftotext`
//! reads the PDF's words; the HTML form must escape a hostile name.

use crate::exports::{fixture, rehearse, Out};
use crate::support::scenarios;
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::Command;

/// A tool the set-up installs (scripts/setup.sh: poppler-utils, zbar-tools).
fn tool(name: &str, args: &[&std::ffi::OsStr]) -> String {
    let o = Command::new(name).args(args).output().unwrap_or_else(|e| {
        panic!("{name} cannot run ({e}); scripts/setup.sh installs poppler-utils and zbar-tools")
    });
    assert!(
        o.status.success(),
        "{name} failed: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn ok(o: Out) -> Out {
    assert_eq!(o.code, 0, "stdout:\n{}\nstderr:\n{}", o.stdout, o.stderr);
    o
}

/// The QR code's text, read from the PDF rendered as a PNG at 150 dpi.
fn scan(pdf: &Path) -> String {
    let prefix = pdf.with_extension("page");
    let png = pdf.with_extension("page.png");
    tool(
        "pdftoppm",
        &[
            "-png".as_ref(),
            "-r".as_ref(),
            "150".as_ref(),
            "-singlefile".as_ref(),
            pdf.as_os_str(),
            prefix.as_os_str(),
        ],
    );
    assert!(png.is_file(), "pdftoppm wrote no {}", png.display());
    let text = tool(
        "zbarimg",
        &["--quiet".as_ref(), "--raw".as_ref(), png.as_os_str()],
    );
    let codes: Vec<&str> = text.lines().filter(|l| !l.is_empty()).collect();
    assert_eq!(codes.len(), 1, "one QR code on the page: {text}");
    codes[0].to_string()
}

/// The text of the HTML page's inline SVG QR code: its squares drawn into
/// a greyscale PGM at 8 pixels per module, decoded by `zbarimg`.
fn scan_svg(page: &str, pgm: &Path) -> String {
    let svg = &page[page.find("<svg").expect("an inline SVG")..];
    let view = svg.split("viewBox=\"0 0 ").nth(1).unwrap();
    let side: usize = view.split(' ').next().unwrap().parse().unwrap();
    let path = svg
        .split(" d=\"")
        .nth(1)
        .unwrap()
        .split('"')
        .next()
        .unwrap();
    let k = 8;
    let mut img = vec![255u8; side * k * side * k];
    for square in path.split('z').filter(|s| !s.is_empty()) {
        // M<x> <y>h<len>v1h-<len>
        let (at, rest) = square.trim_start_matches('M').split_once('h').unwrap();
        let (x, y) = at.split_once(' ').unwrap();
        let (x, y): (usize, usize) = (x.parse().unwrap(), y.parse().unwrap());
        let len: usize = rest.split('v').next().unwrap().parse().unwrap();
        for row in y * k..(y + 1) * k {
            for col in x * k..(x + len) * k {
                img[row * side * k + col] = 0;
            }
        }
    }
    let mut file = format!("P5 {} {} 255\n", side * k, side * k).into_bytes();
    file.extend(img);
    std::fs::write(pgm, file).unwrap();
    let text = tool(
        "zbarimg",
        &["--quiet".as_ref(), "--raw".as_ref(), pgm.as_os_str()],
    );
    text.trim().to_string()
}

fn certificate(db: &Path, trainee: &str, format: &str, out: &Path) -> Out {
    rehearse(
        db,
        &[
            "certificate",
            trainee,
            "--format",
            format,
            "-o",
            out.to_str().unwrap(),
            "--issuer-name",
            "North Trust",
        ],
    )
}

fn verify_printed(db: &Path, code: &str, credential: &Path, profile: &Path) -> Out {
    rehearse(
        db,
        &[
            "verify",
            "--printed",
            code,
            credential.to_str().unwrap(),
            "--issuer",
            profile.to_str().unwrap(),
        ],
    )
}

fn profile(db: &Path) -> PathBuf {
    let p = db.with_file_name("issuer.json");
    ok(rehearse(
        db,
        &[
            "keys",
            "export",
            "-o",
            p.to_str().unwrap(),
            "--issuer-name",
            "North Trust",
        ],
    ));
    p
}

/// Certifies a new trainee called `name` with the four bundled strong paths,
/// played 10 days ago.
fn certify(db: &Path, name: &str) -> String {
    let id = ok(rehearse(db, &["trainee", "add", name]))
        .stdout
        .trim()
        .to_string();
    let at = (chrono::Utc::now() - chrono::Duration::days(10))
        .format("%Y-%m-%dT10:00:00Z")
        .to_string();
    for (scenario, test) in [
        ("midwife-neonatal-death", "second good route"),
        ("team-shared-event", "strong path"),
        ("insulin-overdose", "second good route"),
        ("junior-doctor-death", "second good route"),
    ] {
        let inputs = rehearse_core::testcase::find_test(&scenarios().join(scenario), test)
            .unwrap_or_else(|e| panic!("{e}"))
            .inputs;
        let file = db.with_file_name(format!("{scenario}-{id}.inputs"));
        std::fs::write(&file, inputs.join("\n") + "\n").unwrap();
        ok(rehearse(
            db,
            &[
                "play",
                scenario,
                "--mode",
                "assessment",
                "--seed",
                "1",
                "--input",
                file.to_str().unwrap(),
                "--trainee",
                &id,
                "--at",
                &at,
            ],
        ));
    }
    id
}

fn long_date(d: &str) -> String {
    let d = chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").unwrap();
    d.format("%-d %B %Y").to_string()
}

#[test]
fn a_printed_pdf_certificate_is_checked_against_its_credential() {
    let f = fixture();
    let dir = f.db.parent().unwrap().to_path_buf();
    let profile = profile(&f.db);
    let pdf = dir.join("casey.pdf");
    let out = ok(certificate(&f.db, &f.current, "pdf", &pdf));
    assert!(
        out.stdout.contains("certificate written to"),
        "{}",
        out.stdout
    );
    let bytes = std::fs::read(&pdf).unwrap();
    assert!(bytes.starts_with(b"%PDF-"), "not a PDF");
    let credential = dir.join("casey.pdf.credential.json");
    let cred: Value = serde_json::from_str(&std::fs::read_to_string(&credential).unwrap()).unwrap();
    assert_eq!(
        cred["credentialSubject"]["id"],
        format!("urn:uuid:{}", f.current)
    );

    // The QR, read off the rendered page by an independent decoder.
    let code = scan(&pdf);
    assert!(code.starts_with("rehearse-cert:1:"), "{code}");
    assert!(out.stdout.contains(&code), "the command prints the code");
    let v = ok(verify_printed(&f.db, &code, &credential, &profile));
    assert!(
        v.stdout.contains("printed certificate VALID"),
        "{}",
        v.stdout
    );
    for check in [
        "issuer key:",
        "proof:",
        "dates:",
        "printed certificate: same",
    ] {
        assert!(v.stdout.contains(check), "{check}: {}", v.stdout);
    }
    // The ob3 export of the same records holds the same certification
    // (signed again, later): the printed code finds and matches it.
    let creds = dir.join("creds.json");
    crate::exports::export(
        &f.db,
        &creds,
        &["--format", "ob3", "--issuer-name", "North Trust"],
    );
    ok(verify_printed(&f.db, &code, &creds, &profile));
    // Under another issuer name it states something else, and says so.
    crate::exports::export(&f.db, &creds, &["--format", "ob3"]);
    let o = verify_printed(&f.db, &code, &creds, &profile);
    assert!(
        o.stderr.contains("does not match the printed certificate"),
        "{}",
        o.stderr
    );

    // The page's words: name, every competency with its level, the dates.
    let text = tool(
        "pdftotext",
        &["-layout".as_ref(), pdf.as_os_str(), "-".as_ref()],
    );
    assert!(text.contains("Casey Current"), "{text}");
    assert!(text.contains("Second victim peer supporter"), "{text}");
    for c in rehearse_core::competency::Competency::ALL {
        assert!(text.contains(c.title()), "{} missing:\n{text}", c.title());
    }
    let valid_from = &cred["validFrom"].as_str().unwrap()[..10];
    let until =
        chrono::NaiveDate::parse_from_str(&cred["validUntil"].as_str().unwrap()[..10], "%Y-%m-%d")
            .unwrap()
            .pred_opt()
            .unwrap()
            .to_string();
    let issued = &cred["proof"]["created"].as_str().unwrap()[..10];
    for (what, d) in [
        ("valid from", valid_from),
        ("expires", &until),
        ("issued", issued),
    ] {
        assert!(text.contains(&long_date(d)), "{what} {d} missing:\n{text}");
    }
    for r in cred["credentialSubject"]["result"].as_array().unwrap() {
        let level: rehearse_core::grading::Level = r["value"].as_str().unwrap().parse().unwrap();
        assert!(text.contains(level.label()), "{}", level.label());
    }
    assert!(text.contains("North Trust"), "issuer name: {text}");

    // A tampered credential: one level changed after signing.
    let mut tampered = cred.clone();
    let r = &mut tampered["credentialSubject"]["result"][0]["value"];
    *r = if r == "exemplary" {
        "competent".into()
    } else {
        "exemplary".into()
    };
    let t = dir.join("tampered.json");
    std::fs::write(&t, serde_json::to_string(&tampered).unwrap()).unwrap();
    let o = verify_printed(&f.db, &code, &t, &profile);
    assert_eq!(o.code, 1, "{}{}", o.stdout, o.stderr);
    assert!(
        o.stderr.contains("signature does not match"),
        "{}",
        o.stderr
    );

    // A tampered code: the printed hash altered.
    let mut forged = code.clone().into_bytes();
    let i = "rehearse-cert:1:".len() + 37;
    forged[i] = if forged[i] == b'0' { b'1' } else { b'0' };
    let forged = String::from_utf8(forged).unwrap();
    let o = verify_printed(&f.db, &forged, &credential, &profile);
    assert_eq!(o.code, 1, "{}{}", o.stdout, o.stderr);
    assert!(
        o.stderr.contains("does not match the printed certificate"),
        "{}",
        o.stderr
    );

    // Another trainee's genuine, current credential.
    let other = certify(&f.db, "Morgan Other");
    let other_pdf = dir.join("morgan.pdf");
    ok(certificate(&f.db, &other, "pdf", &other_pdf));
    let other_cred = dir.join("morgan.pdf.credential.json");
    ok(verify_printed(
        &f.db,
        &scan(&other_pdf),
        &other_cred,
        &profile,
    ));
    let o = verify_printed(&f.db, &code, &other_cred, &profile);
    assert_eq!(o.code, 1, "{}{}", o.stdout, o.stderr);
    assert!(o.stderr.contains("another credential"), "{}", o.stderr);

    // Pinned to another issuer: refused.
    let stranger = dir.join("stranger.json");
    std::fs::write(
        &stranger,
        rehearse_core::credential::IssuerKey::from_seed([4; 32])
            .controller_document("Stranger")
            .to_string(),
    )
    .unwrap();
    let o = verify_printed(&f.db, &code, &credential, &stranger);
    assert_eq!(o.code, 1);
    assert!(o.stderr.contains("not pinned"), "{}", o.stderr);
    // On the issuing installation, --records also asks whether the
    // certification still stands: yes, until a scenario version it rests
    // on is withdrawn; offline the credential still verifies (no
    // revocation list), which is why the records check exists.
    let with_records = |code: &str| {
        rehearse(
            &f.db,
            &[
                "verify",
                "--printed",
                code,
                credential.to_str().unwrap(),
                "--issuer",
                profile.to_str().unwrap(),
                "--records",
            ],
        )
    };
    let o = ok(with_records(&code));
    assert!(
        o.stdout.contains("records: the certification still stands"),
        "{}",
        o.stdout
    );
    ok(rehearse(
        &f.db,
        &[
            "catalogue",
            "withdraw",
            "midwife-neonatal-death",
            "--reason",
            "Content under review",
            "--trainer",
            "Tess Trainer",
        ],
    ));
    let o = with_records(&code);
    assert_eq!(o.code, 1, "{}{}", o.stdout, o.stderr);
    assert!(o.stderr.contains("no longer standing"), "{}", o.stderr);
    ok(verify_printed(&f.db, &code, &credential, &profile));
    // Not a code at all.
    let o = verify_printed(&f.db, "https://example.org/x", &credential, &profile);
    assert_eq!(o.code, 1);
    assert!(
        o.stderr.contains("not a Rehearse certificate code"),
        "{}",
        o.stderr
    );
}

#[test]
fn no_certificate_without_a_standing_certification() {
    let f = fixture();
    let dir = f.db.parent().unwrap().to_path_buf();
    for (who, status) in [(&f.expired, "(lapsed)"), (&f.learner, "(")] {
        let out = dir.join(format!("{who}.pdf"));
        let o = certificate(&f.db, who, "pdf", &out);
        assert_eq!(o.code, 1, "{}{}", o.stdout, o.stderr);
        assert!(
            o.stderr.contains("has no standing certification") && o.stderr.contains(status),
            "{}",
            o.stderr
        );
        assert!(!out.exists(), "nothing is written");
        assert!(!dir.join(format!("{who}.pdf.credential.json")).exists());
    }
}

#[test]
fn the_html_certificate_escapes_a_hostile_name_and_carries_the_code() {
    let f = fixture();
    let dir = f.db.parent().unwrap().to_path_buf();
    let name = "<script>alert('x')</script> Łukasz & Zoë";
    let id = certify(&f.db, name);
    let html = dir.join("hostile.html");
    let out = ok(certificate(&f.db, &id, "html", &html));
    let page = std::fs::read_to_string(&html).unwrap();
    assert!(!page.contains("<script"), "the name is markup:\n{page}");
    assert!(
        page.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; Łukasz &amp; Zoë"),
        "{page}"
    );
    assert!(
        page.contains("@media print") && page.contains("<svg"),
        "print-ready, inline QR"
    );
    assert!(!page.contains("src="), "no external resource");
    let code = out
        .stdout
        .lines()
        .find_map(|l| l.strip_prefix("code:"))
        .unwrap()
        .trim()
        .to_string();
    assert!(page.contains(&code), "the code is printed as text too");
    assert_eq!(scan_svg(&page, &dir.join("hostile-qr.pgm")), code);
    let profile = profile(&f.db);
    ok(verify_printed(
        &f.db,
        &code,
        &dir.join("hostile.html.credential.json"),
        &profile,
    ));
    // The PDF's standard font has no Ł: refused clearly, nothing written.
    let pdf = dir.join("hostile.pdf");
    let o = certificate(&f.db, &id, "pdf", &pdf);
    assert_eq!(o.code, 1);
    assert!(
        o.stderr.contains("save the certificate as HTML"),
        "{}",
        o.stderr
    );
    assert!(!pdf.exists());
}
