//! Word boundaries that keep the fast regex engine.
//!
//! The regex crate's lazy DFA cannot decide a Unicode word boundary (`\b`)
//! next to a non-ASCII character, so on any text with one it hands the
//! search to a slower engine. Spanish turns, with "¿", "¡" or "ñ" in most of
//! them, were analysed about twelve times slower than English turns.
//!
//! An ASCII boundary (`(?-u:\b)`) keeps the DFA on any text, and it decides
//! exactly as the Unicode one does wherever the text has no non-ASCII word
//! character: non-ASCII punctuation, symbols and spaces are non-word
//! characters under both. So each pattern is compiled in two forms. The
//! ASCII form serves text with no non-ASCII word character, which after the
//! language's letter folding is most text in both languages. The Unicode
//! form, compiled the first time it is needed, serves the rest, so no
//! utterance is matched differently from a Unicode-only build.

use regex::{Regex, RegexBuilder, RegexSet, RegexSetBuilder};
use std::sync::OnceLock;

/// Lazy-DFA cache per compiled regex (the regex crate's default is 2 MiB).
const DFA_CACHE_BYTES: usize = 16 << 20;

/// `source` with each word-boundary escape (`\b`, `\B`) made ASCII-only.
/// An escaped backslash (`\\b`) is left alone.
pub(crate) fn ascii_boundaries(source: &str) -> String {
    let mut out = String::with_capacity(source.len() + 16);
    let mut chars = source.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('b') => out.push_str("(?-u:\\b)"),
            Some('B') => out.push_str("(?-u:\\B)"),
            Some(next) => {
                out.push('\\');
                out.push(next);
            }
            None => out.push('\\'),
        }
    }
    out
}

/// Whether `text` has a non-ASCII word character, next to which an ASCII
/// word boundary would decide differently from a Unicode one.
pub(crate) fn needs_unicode(text: &str) -> bool {
    !text.is_ascii()
        && text
            .chars()
            .any(|c| !c.is_ascii() && regex_syntax::try_is_word_character(c).unwrap_or(true))
}

/// A regex (or regex set) compiled with ASCII word boundaries, and with
/// Unicode ones on first need.
#[derive(Debug)]
pub(crate) struct Bounded<T> {
    ascii: T,
    unicode: OnceLock<T>,
    sources: Vec<String>,
    build: fn(&[String]) -> Result<T, regex::Error>,
}

impl<T: Clone> Bounded<T> {
    fn new(
        sources: Vec<String>,
        build: fn(&[String]) -> Result<T, regex::Error>,
    ) -> Result<Self, regex::Error> {
        let ascii: Vec<String> = sources.iter().map(|s| ascii_boundaries(s)).collect();
        // Compile errors are the same in both forms: they differ only in the
        // boundary's flavour, which is why the Unicode form can wait.
        Ok(Bounded {
            ascii: build(&ascii)?,
            unicode: OnceLock::new(),
            sources,
            build,
        })
    }

    /// The form that decides `text` as a Unicode-boundary regex would.
    pub fn for_text(&self, text: &str) -> &T {
        self.form(needs_unicode(text))
    }

    /// The Unicode form when `unicode` (see [`needs_unicode`]), else the
    /// ASCII one: for a caller that runs several regexes on the same text.
    pub fn form(&self, unicode: bool) -> &T {
        if !unicode {
            return &self.ascii;
        }
        // The ASCII form compiled, so this cannot fail in practice; if it
        // ever did, the ASCII form differs only next to non-ASCII letters.
        self.unicode
            .get_or_init(|| (self.build)(&self.sources).unwrap_or_else(|_| self.ascii.clone()))
    }
}

impl Bounded<Regex> {
    /// Compiles one pattern.
    pub fn regex(source: String) -> Result<Self, regex::Error> {
        Bounded::new(vec![source], |s| {
            RegexBuilder::new(&s[0])
                .dfa_size_limit(DFA_CACHE_BYTES)
                .build()
        })
    }

    /// The pattern as written, with Unicode boundaries.
    pub fn as_str(&self) -> &str {
        &self.sources[0]
    }
}

impl Bounded<RegexSet> {
    /// Compiles a set of patterns, scanned together in one pass.
    pub fn set(sources: Vec<String>) -> Result<Self, regex::Error> {
        Bounded::new(sources, |s| {
            RegexSetBuilder::new(s)
                .dfa_size_limit(DFA_CACHE_BYTES)
                .build()
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn boundaries_become_ascii_and_escaped_backslashes_stay() {
        assert_eq!(ascii_boundaries(r"\bno\b"), r"(?-u:\b)no(?-u:\b)");
        assert_eq!(ascii_boundaries(r"a\Bb"), r"a(?-u:\B)b");
        assert_eq!(ascii_boundaries(r"\\b\s\d"), r"\\b\s\d");
        assert_eq!(ascii_boundaries("¿qué\\b"), "¿qué(?-u:\\b)");
    }

    #[test]
    fn punctuation_and_symbols_keep_the_ascii_form_letters_do_not() {
        // Non-ASCII punctuation, symbols and emoji keep the ASCII form; a
        // letter such as "ó" (until folded) or "ñ" does not.
        assert!(!needs_unicode("¿como estas? ¡vale! «si» — 😢 …"));
        assert!(needs_unicode("¿cómo estás?"));
        assert!(needs_unicode("niño"));
        assert!(needs_unicode("İstanbul"));
        assert!(!needs_unicode("you said 'no' (twice)"));
    }

    #[test]
    fn both_forms_decide_alike_where_they_are_used() {
        let r = Bounded::regex(r"\b(?:esta|nino)\b".to_string()).unwrap();
        // ASCII text and text whose only non-ASCII characters are not
        // letters: the ASCII form.
        for (text, hit) in [("esta aqui", true), ("¿esta?", true), ("estais", false)] {
            assert!(!needs_unicode(text));
            assert_eq!(r.for_text(text).is_match(text), hit, "{text}");
        }
        // A non-ASCII letter next to the word: the Unicode form, which does
        // not see a boundary inside "estaé".
        assert!(needs_unicode("estaé"));
        assert!(!r.for_text("estaé").is_match("estaé"));
        assert!(
            r.form(false).is_match("estaé"),
            "the ASCII form alone would"
        );
        let set = Bounded::set(vec![r"\bno\b".into(), r"\bsi\b".into()]).unwrap();
        let m: Vec<usize> = set
            .for_text("¡no, si!")
            .matches("¡no, si!")
            .iter()
            .collect();
        assert_eq!(m, vec![0, 1]);
    }
}
