//! Markdown rendering for persona lines and debriefs.
//!
//! Raw HTML in a scenario is shown as text, never passed through, and links
//! are kept only for `http`, `https` and `mailto`; any other link (such as
//! `javascript:` or a relative file path) is rendered as its plain text.
//! Images are rendered as their alt text: the app loads nothing remote.

use pulldown_cmark::{html, Event, Options, Parser, Tag, TagEnd};

/// Schemes a rendered link may use.
const ALLOWED_SCHEMES: [&str; 3] = ["http:", "https:", "mailto:"];

fn link_allowed(dest: &str) -> bool {
    let lower = dest.trim().to_ascii_lowercase();
    ALLOWED_SCHEMES.iter().any(|s| lower.starts_with(s))
}

/// Renders Markdown to safe HTML.
pub fn to_html(markdown: &str) -> String {
    let options = Options::ENABLE_STRIKETHROUGH | Options::ENABLE_TABLES;
    let mut dropped_links = 0usize;
    let events = Parser::new_ext(markdown, options).filter_map(|event| match event {
        // Raw HTML becomes visible text; pulldown-cmark escapes Text events.
        Event::Html(s) | Event::InlineHtml(s) => Some(Event::Text(s)),
        Event::Start(Tag::Link { ref dest_url, .. }) if !link_allowed(dest_url) => {
            dropped_links += 1;
            None
        }
        Event::End(TagEnd::Link) if dropped_links > 0 => {
            dropped_links -= 1;
            None
        }
        // The alt text inside stays as plain text.
        Event::Start(Tag::Image { .. }) | Event::End(TagEnd::Image) => None,
        other => Some(other),
    });
    let mut out = String::with_capacity(markdown.len() * 2);
    html::push_html(&mut out, events);
    out
}

/// Renders Markdown to plain text: emphasis markers and tags are dropped,
/// paragraphs are separated by blank lines.
pub fn to_plain(markdown: &str) -> String {
    walk(markdown, |_, _| "")
}

/// How a terminal can show emphasis, such as a stage direction in italics
/// inside a persona's line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TerminalStyle {
    /// ANSI escapes: emphasis dim and italic, strong text bold.
    Ansi,
    /// No escapes: emphasis in square brackets, so a stage direction never
    /// reads as speech.
    Brackets,
}

/// Renders Markdown for a terminal, keeping emphasis visible in `style`.
pub fn to_terminal(markdown: &str, style: TerminalStyle) -> String {
    walk(markdown, |strong, start| match (style, strong, start) {
        (TerminalStyle::Ansi, false, true) => "\x1b[2;3m",
        (TerminalStyle::Ansi, true, true) => "\x1b[1m",
        (TerminalStyle::Ansi, _, false) => "\x1b[0m",
        (TerminalStyle::Brackets, false, true) => "[",
        (TerminalStyle::Brackets, false, false) => "]",
        (TerminalStyle::Brackets, true, _) => "",
    })
}

/// The one Markdown-to-text walk; `mark(strong, start)` gives what to write
/// where emphasis (or strong emphasis) opens and closes.
fn walk(markdown: &str, mark: impl Fn(bool, bool) -> &'static str) -> String {
    let mut out = String::new();
    for event in Parser::new_ext(markdown, Options::ENABLE_STRIKETHROUGH) {
        match event {
            Event::Text(t) | Event::Code(t) | Event::Html(t) | Event::InlineHtml(t) => {
                out.push_str(&t)
            }
            Event::SoftBreak => out.push(' '),
            Event::HardBreak => out.push('\n'),
            Event::End(TagEnd::Paragraph) | Event::End(TagEnd::Heading(_)) => out.push_str("\n\n"),
            Event::Start(Tag::Item) => out.push_str("- "),
            Event::End(TagEnd::Item) => out.push('\n'),
            Event::Start(Tag::Emphasis) => out.push_str(mark(false, true)),
            Event::End(TagEnd::Emphasis) => out.push_str(mark(false, false)),
            Event::Start(Tag::Strong) => out.push_str(mark(true, true)),
            Event::End(TagEnd::Strong) => out.push_str(mark(true, false)),
            _ => {}
        }
    }
    out.trim_end().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stage_directions_stay_distinct_in_a_terminal() {
        let line = "I don't know. *She looks away.* It's fine.";
        assert_eq!(to_plain(line), "I don't know. She looks away. It's fine.");
        assert_eq!(
            to_terminal(line, TerminalStyle::Brackets),
            "I don't know. [She looks away.] It's fine."
        );
        assert_eq!(
            to_terminal(line, TerminalStyle::Ansi),
            "I don't know. \x1b[2;3mShe looks away.\x1b[0m It's fine."
        );
        assert_eq!(to_terminal("**Stop.**", TerminalStyle::Brackets), "Stop.");
    }

    #[test]
    fn raw_html_is_escaped() {
        let html = to_html("Hello <script>alert(1)</script> *there*");
        assert!(!html.contains("<script>"), "{html}");
        assert!(html.contains("&lt;script&gt;"), "{html}");
        assert!(html.contains("<em>there</em>"));
        let block = to_html("<div onclick=\"x()\">hi</div>\n");
        assert!(!block.contains("<div"), "{block}");
    }

    #[test]
    fn only_safe_links_survive() {
        let html = to_html("[ok](https://example.org) [bad](javascript:alert(1)) [mail](mailto:a@b.c) [file](../../etc/passwd)");
        assert!(html.contains("href=\"https://example.org\""));
        assert!(html.contains("href=\"mailto:a@b.c\""));
        assert!(!html.contains("javascript"));
        assert!(!html.contains("passwd\""));
        assert!(html.contains("bad") && html.contains("file"));
    }

    #[test]
    fn images_become_alt_text() {
        let html = to_html("![a tracking pixel](https://evil.example/p.png)");
        assert!(!html.contains("<img"), "{html}");
        assert!(html.contains("a tracking pixel"));
    }

    #[test]
    fn plain_text_keeps_words() {
        assert_eq!(
            to_plain("I *can't* do this.\n\nNot again."),
            "I can't do this.\n\nNot again."
        );
    }
}
