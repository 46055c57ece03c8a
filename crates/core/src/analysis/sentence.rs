//! Sentence segmentation over the masked, normalised text.

use super::QuestionKind;

/// One sentence: a byte range of the normalised text.
#[derive(Debug, Clone)]
pub(crate) struct Sentence {
    /// Start byte (inclusive).
    pub start: usize,
    /// End byte (exclusive), before the terminating punctuation.
    pub end: usize,
    /// End byte including the terminating punctuation.
    pub end_with_mark: usize,
    /// Whether the sentence ends with a question mark.
    pub question_mark: bool,
    /// The question kind, once classified.
    pub question: Option<QuestionKind>,
}

fn is_terminator(c: char) -> bool {
    matches!(c, '.' | '!' | '?' | ';' | '\n' | '…' | '؟' | '¿' | '¡')
}

/// Splits text into sentences at ., !, ?, ;, … and line breaks. A full stop
/// between two digits ("2.5") does not end a sentence. Runs of terminators
/// ("?!", "...") end one sentence; sentences without any letter or digit (or
/// masked quote) are dropped. An opening question mark ("¿") marks the
/// sentence it opens as a question even if the closing "?" was not typed.
pub(crate) fn split(text: &str) -> Vec<Sentence> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut iter = text.char_indices().peekable();
    let mut prev: Option<char> = None;
    // Whether the run of terminators before the current sentence held a "¿".
    let mut opened = false;
    while let Some((i, c)) = iter.next() {
        let next = iter.peek().map(|p| p.1);
        let decimal = c == '.'
            && prev.is_some_and(|p| p.is_ascii_digit())
            && next.is_some_and(|n| n.is_ascii_digit());
        if is_terminator(c) && !decimal {
            let mut question_mark = c == '?';
            let mut opens = c == '¿';
            let mut end_with_mark = i + c.len_utf8();
            while let Some(&(j, d)) = iter.peek() {
                if is_terminator(d) || d == ' ' || d == '"' || d == '\'' || d == ')' {
                    question_mark |= d == '?';
                    opens |= d == '¿';
                    end_with_mark = j + d.len_utf8();
                    iter.next();
                } else {
                    break;
                }
            }
            push(
                &mut out,
                text,
                start,
                i,
                end_with_mark,
                question_mark || opened,
            );
            opened = opens;
            start = end_with_mark;
            prev = None;
            continue;
        }
        prev = Some(c);
    }
    push(&mut out, text, start, text.len(), text.len(), opened);
    out
}

fn push(
    out: &mut Vec<Sentence>,
    text: &str,
    start: usize,
    end: usize,
    end_with_mark: usize,
    q: bool,
) {
    let body = &text[start..end];
    if body.chars().any(|c| c.is_alphanumeric() || c == '#') {
        out.push(Sentence {
            start,
            end,
            end_with_mark,
            question_mark: q,
            question: None,
        });
    }
}

/// Index of the sentence containing byte `pos`, if any.
pub(crate) fn containing(sentences: &[Sentence], pos: usize) -> Option<usize> {
    sentences
        .iter()
        .position(|s| pos >= s.start && pos < s.end_with_mark.max(s.end + 1))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_and_flags_questions() {
        let s = split("i know. did you sleep?? ok... 2.5 units!");
        let bodies: Vec<_> = s
            .iter()
            .map(|x| &"i know. did you sleep?? ok... 2.5 units!"[x.start..x.end])
            .collect();
        assert_eq!(bodies, vec!["i know", "did you sleep", "ok", "2.5 units"]);
        assert_eq!(
            s.iter().map(|x| x.question_mark).collect::<Vec<_>>(),
            vec![false, true, false, false]
        );
    }

    #[test]
    fn an_opening_mark_makes_a_question_without_the_closing_one() {
        let t = "entiendo, ¿cómo estás. vale";
        let s = split(t);
        let marks: Vec<_> = s
            .iter()
            .map(|x| (&t[x.start..x.end], x.question_mark))
            .collect();
        assert_eq!(
            marks,
            vec![("entiendo, ", false), ("cómo estás", true), ("vale", false)]
        );
        let t = "¿has dormido algo";
        assert!(split(t)[0].question_mark);
    }

    #[test]
    fn punctuation_only_has_no_sentences() {
        assert!(split("?!... ,").is_empty());
        assert!(split("").is_empty());
    }
}
