//! The certificate as a one-page A4 PDF, written with `pdf-writer`.
//!
//! Text is set in the PDF standard fonts Helvetica and Helvetica-Bold with
//! WinAnsiEncoding: every PDF reader has them, so nothing is embedded and
//! nothing is fetched. They cover the Latin-1 letters and Windows-1252's
//! extras (dashes, curly quotes, €, Œ, Š, Ž…); a name in another script is
//! refused with a clear error rather than printed wrong (the HTML form
//! shows any script). The QR code is drawn as filled squares.

use super::layout::{long_date, Certificate};
use super::metrics::{BOLD, REGULAR, WIN_EXTRAS};
use super::qr::{self, QUIET_ZONE};
use crate::error::{Error, Result};
use pdf_writer::{Content, Finish, Name, Pdf, Rect, Ref, Str, TextStr};

/// A4 in points.
const WIDTH: f32 = 595.28;
/// A4 in points.
const HEIGHT: f32 = 841.89;
const MARGIN: f32 = 60.0;

/// The WinAnsi byte of a character, when it has one.
fn win_ansi(c: char) -> Option<u8> {
    match c as u32 {
        0x20..=0x7e | 0xa0..=0xff => Some(c as u32 as u8),
        _ => WIN_EXTRAS.iter().find(|(ch, _)| *ch == c).map(|(_, b)| *b),
    }
}

/// `text` in WinAnsi bytes, or an error naming the characters the
/// standard fonts cannot show.
fn encode(text: &str) -> Result<Vec<u8>> {
    let mut out = Vec::with_capacity(text.len());
    let mut missing = Vec::new();
    for c in text.chars() {
        match c {
            '\n' | '\r' | '\t' => out.push(b' '),
            _ => match win_ansi(c) {
                Some(b) => out.push(b),
                None => missing.push(c),
            },
        }
    }
    if missing.is_empty() {
        Ok(out)
    } else {
        missing.dedup();
        Err(Error::Input(format!(
            "\"{text}\" has characters the PDF's standard font cannot show ({}); save the certificate as HTML instead, which shows every script",
            missing.iter().collect::<String>()
        )))
    }
}

#[derive(Clone, Copy)]
enum Face {
    Regular,
    Bold,
}

impl Face {
    fn name(self) -> Name<'static> {
        match self {
            Face::Regular => Name(b"F1"),
            Face::Bold => Name(b"F2"),
        }
    }
}

/// Width in points of WinAnsi `bytes` at `size`.
fn width(bytes: &[u8], face: Face, size: f32) -> f32 {
    let table = match face {
        Face::Regular => &REGULAR,
        Face::Bold => &BOLD,
    };
    let units: u32 = bytes
        .iter()
        .map(|&b| {
            b.checked_sub(32)
                .map_or(0, |i| u32::from(table[usize::from(i)]))
        })
        .sum();
    units as f32 * size / 1000.0
}

/// Splits WinAnsi text into lines no wider than `max`: at spaces, and
/// inside a word (after `:`, `/`, `-`, or anywhere) when one word is too long.
fn wrap(bytes: &[u8], face: Face, size: f32, max: f32) -> Vec<Vec<u8>> {
    let mut lines: Vec<Vec<u8>> = Vec::new();
    let mut line: Vec<u8> = Vec::new();
    for word in bytes.split(|&b| b == b' ').filter(|w| !w.is_empty()) {
        let mut candidate = line.clone();
        if !candidate.is_empty() {
            candidate.push(b' ');
        }
        candidate.extend_from_slice(word);
        if width(&candidate, face, size) <= max {
            line = candidate;
            continue;
        }
        if !line.is_empty() {
            lines.push(std::mem::take(&mut line));
        }
        // The word alone: break it where it no longer fits.
        let mut rest = word;
        while width(rest, face, size) > max {
            let mut cut = rest.len();
            while cut > 1 && width(&rest[..cut], face, size) > max {
                cut -= 1;
            }
            if let Some(p) = rest[..cut].iter().rposition(|b| b":/-".contains(b)) {
                if p > 0 {
                    cut = p + 1;
                }
            }
            lines.push(rest[..cut].to_vec());
            rest = &rest[cut..];
        }
        line = rest.to_vec();
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

/// The page being drawn: a content stream and a cursor from the top.
struct Page {
    content: Content,
}

#[derive(Clone, Copy)]
enum Align {
    Left(f32),
    Centre,
    Right(f32),
}

impl Page {
    /// One line of text with its baseline `top` points below the top edge.
    fn line(&mut self, bytes: &[u8], face: Face, size: f32, top: f32, align: Align) {
        let w = width(bytes, face, size);
        let x = match align {
            Align::Left(x) => x,
            Align::Centre => (WIDTH - w) / 2.0,
            Align::Right(x) => x - w,
        };
        self.content
            .begin_text()
            .set_font(face.name(), size)
            .next_line(x, HEIGHT - top)
            .show(Str(bytes))
            .end_text();
    }

    /// Wrapped text; returns the top of the line after it.
    #[allow(clippy::too_many_arguments)]
    fn paragraph(
        &mut self,
        bytes: &[u8],
        face: Face,
        size: f32,
        top: f32,
        align: Align,
        max: f32,
        leading: f32,
    ) -> f32 {
        let mut y = top;
        for l in wrap(bytes, face, size, max) {
            self.line(&l, face, size, y, align);
            y += leading;
        }
        y
    }

    /// The largest size up to `size` at which `bytes` fits in `max`.
    fn fit(bytes: &[u8], face: Face, size: f32, max: f32) -> f32 {
        let w = width(bytes, face, size);
        if w <= max {
            size
        } else {
            (size * max / w).max(6.0)
        }
    }
}

/// Renders the certificate as a PDF document.
pub fn render(cert: &Certificate) -> Result<Vec<u8>> {
    // Refuse before drawing anything when a text cannot be shown.
    for t in cert.texts() {
        encode(t)?;
    }
    let e = |s: &str| encode(s).unwrap_or_default();
    let text_width = WIDTH - 2.0 * MARGIN;
    let mut p = Page {
        content: Content::new(),
    };
    // Frame.
    p.content
        .set_stroke_rgb(0.11, 0.33, 0.42)
        .set_line_width(2.0)
        .rect(28.0, 28.0, WIDTH - 56.0, HEIGHT - 56.0)
        .stroke()
        .set_line_width(0.6)
        .rect(34.0, 34.0, WIDTH - 68.0, HEIGHT - 68.0)
        .stroke();
    p.content.set_fill_rgb(0.11, 0.33, 0.42);
    p.line(&e("CERTIFICATE"), Face::Bold, 13.0, 84.0, Align::Centre);
    let title = e(&cert.achievement);
    let size = Page::fit(&title, Face::Bold, 26.0, text_width);
    p.line(&title, Face::Bold, size, 122.0, Align::Centre);
    p.content.set_fill_gray(0.0);
    p.line(
        &e("This certifies that"),
        Face::Regular,
        12.0,
        158.0,
        Align::Centre,
    );
    let name = e(&cert.trainee_name);
    let size = Page::fit(&name, Face::Bold, 24.0, text_width);
    p.line(&name, Face::Bold, size, 192.0, Align::Centre);
    let mut y = p.paragraph(
        &e(&cert.description),
        Face::Regular,
        10.5,
        216.0,
        Align::Centre,
        text_width,
        14.0,
    );

    // Dates and issuer.
    y += 14.0;
    let columns = [
        ("Issued", cert.issued_on),
        ("Valid from", cert.valid_from),
        ("Expires (last valid day)", cert.expires_on),
    ];
    let col = text_width / 3.0;
    for (i, (label, day)) in columns.iter().enumerate() {
        let x = MARGIN + col * i as f32 + col / 2.0;
        let l = e(label);
        let v = e(&long_date(*day));
        p.content.set_fill_gray(0.35);
        p.line(
            &l,
            Face::Regular,
            9.0,
            y,
            Align::Left(x - width(&l, Face::Regular, 9.0) / 2.0),
        );
        p.content.set_fill_gray(0.0);
        p.line(
            &v,
            Face::Bold,
            12.0,
            y + 16.0,
            Align::Left(x - width(&v, Face::Bold, 12.0) / 2.0),
        );
    }
    y += 40.0;
    let issuer = e(&format!("Issued by {}", cert.issuer_name));
    p.line(&issuer, Face::Regular, 11.0, y, Align::Centre);
    p.content.set_fill_gray(0.35);
    y = p.paragraph(
        &e(&cert.issuer_id),
        Face::Regular,
        7.5,
        y + 12.0,
        Align::Centre,
        text_width,
        9.0,
    );
    p.content.set_fill_gray(0.0);

    // Competencies.
    y += 14.0;
    p.line(
        &e("Competencies: level reached in the assessments it rests on"),
        Face::Bold,
        11.0,
        y,
        Align::Left(MARGIN),
    );
    y += 6.0;
    for (i, c) in cert.competencies.iter().enumerate() {
        y += 15.0;
        if i % 2 == 0 {
            p.content
                .set_fill_gray(0.94)
                .rect(MARGIN - 4.0, HEIGHT - y - 4.0, text_width + 8.0, 15.0)
                .fill_nonzero()
                .set_fill_gray(0.0);
        }
        p.line(&e(&c.title), Face::Regular, 10.0, y, Align::Left(MARGIN));
        p.line(
            &e(&c.level_label),
            Face::Bold,
            10.0,
            y,
            Align::Right(WIDTH - MARGIN),
        );
    }
    y += 20.0;
    p.content.set_fill_gray(0.35);
    y = p.paragraph(
        &e(&format!(
            "Rests on {} passed assessment(s). Status when printed: {}.",
            cert.assessments, cert.status
        )),
        Face::Regular,
        9.0,
        y,
        Align::Left(MARGIN),
        text_width,
        11.0,
    );
    p.content.set_fill_gray(0.0);

    // The QR code and how to check it, at the foot of the page.
    let code = cert.payload.to_string();
    let matrix = qr::matrix(&code)?;
    let side = 150.0_f32;
    let top = (HEIGHT - 60.0 - side).max(y + 6.0);
    let module = side / (matrix.width + 2 * QUIET_ZONE) as f32;
    let x0 = MARGIN - QUIET_ZONE as f32 * module;
    let y0 = HEIGHT - top - side;
    p.content
        .set_fill_gray(1.0)
        .rect(x0, y0, side, side)
        .fill_nonzero();
    p.content.set_fill_gray(0.0);
    for (row, col, len) in matrix.runs() {
        let x = x0 + (QUIET_ZONE + col) as f32 * module;
        let yy = y0 + side - (QUIET_ZONE + row + 1) as f32 * module;
        // A hair wider, so no light seam shows between neighbours.
        p.content
            .rect(x, yy, len as f32 * module + 0.05, module + 0.05)
            .fill_nonzero();
    }
    p.content.fill_nonzero();
    let tx = x0 + side + 12.0;
    let tw = WIDTH - MARGIN - tx;
    let mut ty = top + 14.0;
    p.line(
        &e("Check this certificate"),
        Face::Bold,
        11.0,
        ty,
        Align::Left(tx),
    );
    ty += 14.0;
    ty = p.paragraph(
        &e("The code holds the credential's id, the SHA-256 of what the signed credential states and the issuer's key. A printed copy is genuine only if the signed credential verifies and matches it:"),
        Face::Regular,
        8.5,
        ty,
        Align::Left(tx),
        tw,
        10.5,
    );
    ty = p.paragraph(
        &e(&cert.verify_command()),
        Face::Regular,
        7.5,
        ty + 4.0,
        Align::Left(tx),
        tw,
        9.0,
    );
    p.content.set_fill_gray(0.35);
    p.paragraph(
        &e(&format!(
            "Credential {} - subject {}",
            cert.credential_id, cert.subject
        )),
        Face::Regular,
        7.0,
        ty + 4.0,
        Align::Left(tx),
        tw,
        8.5,
    );

    let catalog = Ref::new(1);
    let pages = Ref::new(2);
    let page = Ref::new(3);
    let contents = Ref::new(4);
    let regular = Ref::new(5);
    let bold = Ref::new(6);
    let info = Ref::new(7);
    let mut pdf = Pdf::new();
    pdf.catalog(catalog).pages(pages);
    pdf.pages(pages).kids([page]).count(1);
    let mut pg = pdf.page(page);
    pg.media_box(Rect::new(0.0, 0.0, WIDTH, HEIGHT))
        .parent(pages)
        .contents(contents);
    pg.resources()
        .fonts()
        .pair(Face::Regular.name(), regular)
        .pair(Face::Bold.name(), bold);
    pg.finish();
    pdf.type1_font(regular)
        .base_font(Name(b"Helvetica"))
        .encoding_predefined(Name(b"WinAnsiEncoding"));
    pdf.type1_font(bold)
        .base_font(Name(b"Helvetica-Bold"))
        .encoding_predefined(Name(b"WinAnsiEncoding"));
    let stream = p.content.finish();
    pdf.stream(contents, &stream);
    pdf.document_info(info)
        .title(TextStr(&format!(
            "{} - {}",
            cert.achievement, cert.trainee_name
        )))
        .creator(TextStr("Rehearse"));
    Ok(pdf.finish())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn winansi_covers_latin_1_and_windows_extras_only() {
        assert_eq!(encode("Zoë – O'Brien").unwrap(), b"Zo\xeb \x96 O'Brien");
        assert_eq!(encode("€").unwrap(), vec![0x80]);
        let e = encode("Łukasz 李").unwrap_err().to_string();
        assert!(e.contains("Ł李") && e.contains("HTML"), "{e}");
    }

    #[test]
    fn wrapping_keeps_every_byte_and_respects_the_width() {
        let text = encode(&format!("word {} end", "x".repeat(200))).unwrap();
        let lines = wrap(&text, Face::Regular, 10.0, 100.0);
        assert!(lines.len() > 2);
        for l in &lines {
            assert!(width(l, Face::Regular, 10.0) <= 100.0, "{l:?}");
        }
        let joined: usize = lines.iter().map(Vec::len).sum();
        assert_eq!(joined + 2, text.len(), "only the two spaces go");
        // Helvetica: "a" is 556/1000 em.
        assert!((width(b"a", Face::Regular, 10.0) - 5.56).abs() < 1e-4);
    }
}
