//! Text normalisation: lower case, straight quotes, collapsed whitespace and
//! expanded contractions, with a byte map back to the original utterance.
//! Also finds quoted passages and masks them so rules never fire on words
//! the trainee is quoting.

use rustc_hash::FxHashMap as HashMap;
use std::borrow::Cow;

/// Language data for normalisation (from the `[normalise]` table).
#[derive(Debug, Clone, Default)]
pub(crate) struct NormaliseRules {
    /// Characters treated as an apostrophe / single quote.
    pub apostrophes: Vec<char>,
    /// Characters treated as a double quote.
    pub double_quotes: Vec<char>,
    /// Whole-word replacements ("can't" -> "can not").
    pub words: HashMap<String, String>,
    /// Word-ending replacements ("n't" -> " not"), longest first.
    pub endings: Vec<(String, String)>,
    /// Letters folded after lower-casing ('á' -> 'a'), so that a word typed
    /// without its accent and the rule written with it are the same word.
    pub fold: HashMap<char, char>,
    /// Words replaced only when the next word is in the set ("your" ->
    /// "you are" before "not", "so", "a"…): a misspelling that a word on its
    /// own cannot tell from the right spelling of another word.
    pub before: HashMap<String, (String, rustc_hash::FxHashSet<String>)>,
}

impl NormaliseRules {
    /// Lower-cases `s` and applies the letter foldings: the form in which
    /// the rule file's words and patterns meet the normalised utterance.
    pub fn fold_str(&self, s: &str) -> String {
        s.chars()
            .flat_map(char::to_lowercase)
            .map(|c| self.fold_char(c))
            .collect()
    }

    /// Applies only the letter foldings, keeping case: for regex patterns,
    /// whose upper-case escapes (`\S`, `\P{L}`) must stay as written.
    pub fn fold_pattern(&self, s: &str) -> String {
        s.chars().map(|c| self.fold_char(c)).collect()
    }

    fn fold_char(&self, c: char) -> char {
        self.fold.get(&c).copied().unwrap_or(c)
    }
}

/// The character that replaces quoted text in [`Normalised::masked`].
pub(crate) const MASK: u8 = b'#';

/// A normalised utterance with its map back to the original bytes.
#[derive(Debug, Clone)]
pub(crate) struct Normalised {
    /// Normalised text.
    pub text: String,
    /// `text` with quoted passages (marks included) replaced by [`MASK`].
    pub masked: String,
    /// Byte ranges of `text` that are quoted passages (marks included).
    pub quotes: Vec<(usize, usize)>,
    starts: Vec<usize>,
    ends: Vec<usize>,
}

struct Unit {
    c: char,
    start: usize,
    end: usize,
}

impl Normalised {
    /// Normalises `original` with the language's rules.
    pub fn new(original: &str, rules: &NormaliseRules) -> Self {
        let units = fold(original, rules);
        let mut text = String::with_capacity(original.len() + 16);
        let mut starts = Vec::with_capacity(original.len() + 16);
        let mut ends = Vec::with_capacity(original.len() + 16);
        let mut push = |c: char, s: usize, e: usize, text: &mut String| {
            let before = text.len();
            text.push(c);
            for _ in before..text.len() {
                starts.push(s);
                ends.push(e);
            }
        };
        // One buffer for every word, not an allocation per word.
        let mut word = String::new();
        let mut i = 0;
        while i < units.len() {
            if !is_word_char(units[i].c) {
                push(units[i].c, units[i].start, units[i].end, &mut text);
                i += 1;
                continue;
            }
            let mut j = i;
            while j < units.len() && (is_word_char(units[j].c) || units[j].c == '\'') {
                j += 1;
            }
            // Trailing apostrophes belong to quotation, not to the word.
            let mut k = j;
            while k > i && units[k - 1].c == '\'' {
                k -= 1;
            }
            word.clear();
            word.extend(units[i..k].iter().map(|u| u.c));
            let (s, e) = (units[i].start, units[k - 1].end);
            let replaced = expand(&word, rules).or_else(|| {
                let (rep, next) = rules.before.get(word.as_str())?;
                next.contains(next_word(&units, j)?.as_str())
                    .then_some(Cow::Borrowed(rep.as_str()))
            });
            match replaced {
                Some(rep) => {
                    for c in rep.chars() {
                        push(c, s, e, &mut text);
                    }
                }
                None => {
                    for u in &units[i..k] {
                        push(u.c, u.start, u.end, &mut text);
                    }
                }
            }
            for u in &units[k..j] {
                push(u.c, u.start, u.end, &mut text);
            }
            i = j;
        }
        let quotes = find_quotes(&text);
        let masked = if quotes.is_empty() {
            text.clone()
        } else {
            let mut masked = text.clone().into_bytes();
            for &(a, b) in &quotes {
                for byte in &mut masked[a..b] {
                    *byte = MASK;
                }
            }
            // Every masked range covers whole characters, so this cannot fail;
            // fall back to the unmasked text rather than panic if it ever did.
            String::from_utf8(masked).unwrap_or_else(|_| text.clone())
        };
        Normalised {
            text,
            masked,
            quotes,
            starts,
            ends,
        }
    }

    /// Maps a byte range of the normalised text to the original utterance.
    pub fn original_range(&self, start: usize, end: usize) -> (usize, usize) {
        if self.starts.is_empty() {
            return (0, 0);
        }
        let last = self.starts.len() - 1;
        let s = self.starts[start.min(last)];
        let e = if end == 0 {
            s
        } else {
            self.ends[(end - 1).min(last)]
        };
        (s, e.max(s))
    }
}

/// True for characters that can be part of a word.
pub(crate) fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

/// The punctuation that separates clauses within a sentence.
pub(crate) const CLAUSE_MARKS: [char; 6] = [',', ':', '(', ')', '—', '–'];

/// The part of `text[floor..at]` after the last clause punctuation: what
/// stands before a match in its own clause.
pub(crate) fn clause_before(text: &str, floor: usize, at: usize) -> &str {
    let before = text.get(floor..at).unwrap_or("");
    match before.rfind(CLAUSE_MARKS) {
        // Step over the whole mark: a dash is three bytes, not one.
        Some(p) => before[p..]
            .char_indices()
            .nth(1)
            .map_or("", |(i, _)| &before[p + i..]),
        None => before,
    }
}

/// Whether the word sequence `words` starts with `phrase`.
pub(crate) fn starts_with(words: &[&str], phrase: &[String]) -> bool {
    phrase.len() <= words.len() && phrase.iter().zip(words).all(|(p, w)| p == w)
}

/// Whether the word sequence `words` ends with `phrase`.
pub(crate) fn ends_with(words: &[&str], phrase: &[String]) -> bool {
    words
        .len()
        .checked_sub(phrase.len())
        .is_some_and(|at| phrase.iter().zip(&words[at..]).all(|(a, b)| a == b))
}

/// The words of normalised text (letters, digits and apostrophes).
pub(crate) fn words(s: &str) -> impl Iterator<Item = &str> {
    s.split(|c: char| !(c.is_alphanumeric() || c == '\''))
        .filter(|w| !w.is_empty())
}

/// Lower-cases, straightens quotes and collapses whitespace.
fn fold(original: &str, rules: &NormaliseRules) -> Vec<Unit> {
    let mut out: Vec<Unit> = Vec::with_capacity(original.len());
    for (start, c) in original.char_indices() {
        let end = start + c.len_utf8();
        // The common case first: an ASCII letter or digit is only lower-cased.
        if c.is_ascii_alphanumeric() {
            out.push(Unit {
                c: c.to_ascii_lowercase(),
                start,
                end,
            });
            continue;
        }
        if c.is_whitespace() || c.is_control() {
            let newline = c == '\n' || c == '\r' || c == '\u{2028}' || c == '\u{2029}';
            match out.last_mut() {
                None => {}
                Some(last) if newline && last.c == ' ' => last.c = '\n',
                Some(last) if last.c == ' ' || last.c == '\n' => {}
                Some(_) => out.push(Unit {
                    c: if newline { '\n' } else { ' ' },
                    start,
                    end,
                }),
            }
            continue;
        }
        let c = if rules.apostrophes.contains(&c) {
            '\''
        } else if rules.double_quotes.contains(&c) {
            '"'
        } else {
            c
        };
        if c.is_ascii() {
            out.push(Unit {
                c: c.to_ascii_lowercase(),
                start,
                end,
            });
        } else {
            for l in c.to_lowercase() {
                out.push(Unit {
                    c: rules.fold_char(l),
                    start,
                    end,
                });
            }
        }
    }
    while out.last().is_some_and(|u| u.c == ' ' || u.c == '\n') {
        out.pop();
    }
    out
}

/// The word that starts after one space at `units[at]`, if one does.
fn next_word(units: &[Unit], at: usize) -> Option<String> {
    if units.get(at)?.c != ' ' {
        return None;
    }
    let w: String = units[at + 1..]
        .iter()
        .take_while(|u| is_word_char(u.c) || u.c == '\'')
        .map(|u| u.c)
        .collect();
    (!w.is_empty()).then_some(w)
}

fn expand<'r>(word: &str, rules: &'r NormaliseRules) -> Option<Cow<'r, str>> {
    if let Some(rep) = rules.words.get(word) {
        return Some(Cow::Borrowed(rep));
    }
    if !word.contains('\'') {
        return None;
    }
    for (ending, rep) in &rules.endings {
        if let Some(stem) = word.strip_suffix(ending.as_str()) {
            if !stem.is_empty() {
                return Some(Cow::Owned(format!("{stem}{rep}")));
            }
        }
    }
    None
}

/// Finds quoted passages: pairs of double quotes, and single quotes that open
/// before a word and close after one (so apostrophes in "don't" or
/// "nurses' station" are not taken for quotes). Unpaired marks are ignored.
fn find_quotes(text: &str) -> Vec<(usize, usize)> {
    if !text.contains(['"', '\'']) {
        return Vec::new();
    }
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut quotes = Vec::new();
    let mut open_double: Option<usize> = None;
    let mut open_single: Option<usize> = None;
    for (i, &(pos, c)) in chars.iter().enumerate() {
        let prev = if i > 0 { Some(chars[i - 1].1) } else { None };
        let next = chars.get(i + 1).map(|p| p.1);
        match c {
            '"' => match open_double.take() {
                Some(a) => quotes.push((a, pos + 1)),
                None => open_double = Some(pos),
            },
            '\'' => {
                let prev_word = prev.is_some_and(is_word_char);
                let next_word = next.is_some_and(is_word_char);
                if let (Some(a), false) = (open_single, next_word) {
                    if prev.is_some_and(|p| !p.is_whitespace()) {
                        quotes.push((a, pos + 1));
                        open_single = None;
                    }
                } else if !prev_word && next_word && open_single.is_none() {
                    open_single = Some(pos);
                }
            }
            _ => {}
        }
    }
    quotes.sort_unstable();
    // Drop a single-quoted passage nested inside a double-quoted one.
    let mut kept: Vec<(usize, usize)> = Vec::with_capacity(quotes.len());
    for q in quotes {
        match kept.last() {
            Some(&(_, e)) if q.0 < e => {}
            _ => kept.push(q),
        }
    }
    kept
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rules() -> NormaliseRules {
        let mut words = HashMap::default();
        words.insert("i'm".to_string(), "i am".to_string());
        words.insert("won't".to_string(), "will not".to_string());
        NormaliseRules {
            apostrophes: vec!['’', '‘'],
            double_quotes: vec!['“', '”'],
            words,
            endings: vec![("n't".into(), " not".into()), ("'re".into(), " are".into())],
            fold: HashMap::default(),
            before: [(
                "your".to_string(),
                (
                    "you are".to_string(),
                    ["not", "so"].iter().map(|s| s.to_string()).collect(),
                ),
            )]
            .into_iter()
            .collect(),
        }
    }

    #[test]
    fn a_word_is_replaced_before_its_listed_next_words_only() {
        let original = "Your not alone, it was YOUR call and your so brave";
        let n = Normalised::new(original, &rules());
        assert_eq!(
            n.text,
            "you are not alone, it was your call and you are so brave"
        );
        // The replacement maps back to the word it replaced.
        let at = n.text.find("you are not").unwrap();
        let (s, e) = n.original_range(at, at + "you are".len());
        assert_eq!(&original[s..e], "Your");
        // At the end of the text, or before punctuation, it stays.
        assert_eq!(Normalised::new("is it your", &rules()).text, "is it your");
        assert_eq!(Normalised::new("your, not", &rules()).text, "your, not");
    }

    #[test]
    fn expands_contractions_and_maps_back() {
        let original = "  I’m SURE you DIDN'T   mean it";
        let n = Normalised::new(original, &rules());
        assert_eq!(n.text, "i am sure you did not mean it");
        let at = n.text.find("did not").unwrap();
        let (s, e) = n.original_range(at, at + "did not".len());
        assert_eq!(&original[s..e], "DIDN'T");
    }

    #[test]
    fn masks_quotes_but_not_apostrophes() {
        let n = Normalised::new("You said 'I killed him'. Don't they're", &rules());
        assert_eq!(n.quotes.len(), 1);
        assert!(n.masked.starts_with("you said ##############."));
        assert!(n.masked.ends_with("do not they are"));
        let n = Normalised::new("the nurses' station and “what if” thoughts", &rules());
        assert_eq!(n.quotes.len(), 1);
        assert!(n.masked.contains("nurses' station"));
        assert!(!n.masked.contains("what if"));
    }

    #[test]
    fn unpaired_quotes_are_ignored() {
        let n = Normalised::new("You said \"I killed him and then", &rules());
        assert!(n.quotes.is_empty());
        assert_eq!(n.masked, n.text);
    }

    #[test]
    fn non_ascii_is_safe() {
        let n = Normalised::new("İ 😢 ÉTÉ ’’ “", &rules());
        let (s, e) = n.original_range(0, n.text.len());
        assert!(s <= e);
        assert!(!n.text.is_empty());
    }
}
