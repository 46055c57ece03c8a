//! The rule file: its TOML schema, and compilation into one `RegexSet`
//! plus one regex per rule (run only when the set says the rule matched).

use super::attribution::AttributionRules;
use super::boundary::Bounded;
use super::negation::NegationRules;
use super::question::QuestionRules;
use super::reflection::ReflectionRules;
use super::text::NormaliseRules;
use crate::behaviour::Behaviour;
use crate::Error;
use regex::Regex;
use serde::Deserialize;
use std::collections::{BTreeMap, HashMap, HashSet};

/// Where in an utterance a rule may fire.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub(crate) enum Scope {
    /// Any sentence.
    #[default]
    Any,
    /// Only sentences that are questions.
    Question,
    /// Only sentences that are not questions.
    Statement,
}

/// How a negator cancels a rule's match (`negatable` in the rule file).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) enum Negation {
    /// `true` (the default): a negator inside the match or within the window
    /// before it in the clause.
    #[default]
    Window,
    /// `"governed"`: only a negator before the match with nothing but link words
    /// between them; for wording that carries its own negation.
    Governed,
    /// `"clause"`: the window, or a negator anywhere earlier in the clause
    /// that reaches the match (see [`NegationRules::reaches`]); for steps the
    /// supporter takes, which a negator before the verb declines ("I'm not
    /// going to send you to your GP today").
    ///
    /// [`NegationRules::reaches`]: super::negation::NegationRules::reaches
    Clause,
    /// `false`: never.
    Never,
}

/// `negatable = true | false | "governed" | "clause"`.
#[derive(Debug, Deserialize)]
#[serde(untagged)]
enum NegatableField {
    Flag(bool),
    Mode(String),
}

impl Default for NegatableField {
    fn default() -> Self {
        NegatableField::Flag(true)
    }
}

impl NegatableField {
    fn mode(&self, language: &str, rule: &str) -> Result<Negation, Error> {
        match self {
            NegatableField::Flag(true) => Ok(Negation::Window),
            NegatableField::Flag(false) => Ok(Negation::Never),
            NegatableField::Mode(m) if m == "governed" => Ok(Negation::Governed),
            NegatableField::Mode(m) if m == "clause" => Ok(Negation::Clause),
            NegatableField::Mode(m) => Err(err(
                language,
                format!(
                    "rule {rule}: negatable must be true, false, \"governed\" or \"clause\", not \"{m}\""
                ),
            )),
        }
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    language: LanguageSection,
    #[serde(default)]
    normalise: NormaliseSection,
    negation: NegationSection,
    question: QuestionSection,
    reflection: ReflectionSection,
    #[serde(default)]
    attribution: AttributionSection,
    #[serde(default)]
    lexicon: BTreeMap<String, Vec<String>>,
    /// Named lists of labels, used in `suppressed_by` lists as `@name`.
    #[serde(default)]
    label_sets: BTreeMap<String, Vec<String>>,
    #[serde(default)]
    timing: super::timing::TimingSection,
    #[serde(default, rename = "rule")]
    rules: Vec<RuleSection>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct LanguageSection {
    id: String,
    #[serde(default)]
    name: String,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct NormaliseSection {
    #[serde(default)]
    apostrophes: Vec<String>,
    #[serde(default)]
    double_quotes: Vec<String>,
    #[serde(default)]
    words: BTreeMap<String, String>,
    #[serde(default)]
    endings: BTreeMap<String, String>,
    /// Letter foldings applied after lower-casing ("á" = "a"), to the
    /// utterance and to every word and pattern of the file alike.
    #[serde(default)]
    fold: BTreeMap<String, String>,
    /// Words replaced only before one of the listed words ("your" typed for
    /// "you're" in "your not alone").
    #[serde(default)]
    before: BTreeMap<String, BeforeSection>,
}

/// One `[normalise.before.WORD]` entry.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct BeforeSection {
    /// What the word becomes.
    replace: String,
    /// The next words that call for it.
    next: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct NegationSection {
    window: usize,
    /// The negation words; rule files written before the rename call them `cues`.
    #[serde(alias = "cues")]
    negators: Vec<String>,
    #[serde(default)]
    breakers: Vec<String>,
    #[serde(default)]
    links: Vec<String>,
    #[serde(default)]
    interjections: Vec<String>,
    #[serde(default)]
    carriers: Vec<String>,
    #[serde(default)]
    additives: Vec<String>,
    #[serde(default)]
    reversers: Vec<String>,
    #[serde(default)]
    disjunctions: Vec<String>,
    #[serde(default)]
    doubles: Vec<String>,
    #[serde(default)]
    subjects: Vec<String>,
    #[serde(default)]
    reach: usize,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct QuestionSection {
    #[serde(default)]
    fillers: Vec<String>,
    open_heads: Vec<String>,
    closed_heads: Vec<String>,
    #[serde(default)]
    invitations: Vec<String>,
    #[serde(default)]
    closed_invitations: Vec<String>,
    #[serde(default)]
    suggestions: Vec<String>,
    auxiliaries: Vec<String>,
    subjects: Vec<String>,
    #[serde(default)]
    embedded_subjects: Vec<String>,
    #[serde(default)]
    inversion_blockers: Vec<String>,
    #[serde(default)]
    head_followers: Vec<String>,
    #[serde(default)]
    closing_labels: Vec<String>,
    #[serde(default)]
    cleft_copulas: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ReflectionSection {
    min_shared: usize,
    min_shared_second_person: usize,
    #[serde(default)]
    second_person: Vec<String>,
    min_word_len: usize,
    #[serde(default)]
    stem_endings: Vec<String>,
    #[serde(default)]
    quote_markers: Vec<String>,
    #[serde(default)]
    overlap_suppressed_by: Vec<String>,
    #[serde(default)]
    stopwords: Vec<String>,
    #[serde(default)]
    require_second_person: bool,
    #[serde(default)]
    lemmas: BTreeMap<String, Vec<String>>,
}

/// The `[attribution]` table: frames that put what follows in the person's
/// own mind, the words that may stand between a frame and a match, and the
/// words that cancel a frame just before it. A frame may name one lexicon
/// list (`"you @thought"`), and stands for one frame per entry of it, so a
/// rule pattern and the frames can share one list of verbs.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct AttributionSection {
    #[serde(default)]
    frames: Vec<String>,
    #[serde(default)]
    links: Vec<String>,
    #[serde(default)]
    blockers: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RuleSection {
    id: String,
    label: String,
    #[serde(default)]
    scope: Scope,
    #[serde(default)]
    negatable: NegatableField,
    #[serde(default)]
    suppressed_by: Vec<String>,
    #[serde(default)]
    attributable: bool,
    #[serde(default)]
    not_after: Vec<String>,
    #[serde(default)]
    not_with: Vec<String>,
    patterns: Vec<String>,
}

/// One compiled behaviour rule.
#[derive(Debug)]
pub(crate) struct Rule {
    /// Full id, language-prefixed ("en.judgement.should_have").
    pub id: String,
    /// The behaviour it produces.
    pub label: Behaviour,
    /// Where it may fire.
    pub scope: Scope,
    /// How a negator cancels it.
    pub negation: Negation,
    /// Labels that cancel it within the same sentence.
    pub suppressed_by: Vec<Behaviour>,
    /// Whether a frame of the person's own thought before the match cancels
    /// it (see `AttributionRules`).
    pub attributable: bool,
    /// Word sequences that, ending just before the match in its clause,
    /// cancel it ("i" before "feel so sad": the supporter's own feeling).
    pub not_after: Vec<Vec<String>>,
    /// Words that, anywhere in the match's sentence, cancel it ("you": a
    /// sentence that speaks to the person is not the supporter's own story).
    pub not_with: rustc_hash::FxHashSet<String>,
    /// The rule's patterns as one regex, for spans.
    pub regex: Bounded<Regex>,
}

/// Everything compiled from one rule file.
#[derive(Debug)]
pub(crate) struct Compiled {
    pub language: String,
    pub name: String,
    pub normalise: NormaliseRules,
    pub negation: NegationRules,
    pub attribution: AttributionRules,
    pub question: QuestionRules,
    pub reflection: ReflectionRules,
    pub rules: Vec<Rule>,
    pub set: Bounded<regex::RegexSet>,
    pub timing: super::timing::TimingRules,
}

fn err(language: &str, message: impl Into<String>) -> Error {
    Error::AnalyserRules {
        language: language.to_string(),
        message: message.into(),
    }
}

fn words(list: &[String], n: &NormaliseRules) -> rustc_hash::FxHashSet<String> {
    list.iter()
        .map(|s| n.fold_str(s.trim()))
        .filter(|s| !s.is_empty())
        .collect()
}

fn phrases(list: &[String], n: &NormaliseRules) -> Vec<Vec<String>> {
    list.iter()
        .map(|p| {
            p.split_whitespace()
                .map(|w| n.fold_str(w))
                .collect::<Vec<_>>()
        })
        .filter(|p| !p.is_empty())
        .collect()
}

/// `list` with each entry that names a lexicon list (`"you @thought"`)
/// replaced by one entry per item of that list ("you think", "you believe").
fn with_lexicon(
    language: &str,
    context: &str,
    list: &[String],
    lexicon: &BTreeMap<String, Vec<String>>,
) -> Result<Vec<String>, Error> {
    let mut out = Vec::with_capacity(list.len());
    for entry in list {
        let mut refs = entry.split_whitespace().filter(|w| w.starts_with('@'));
        let Some(word) = refs.next() else {
            out.push(entry.clone());
            continue;
        };
        if refs.next().is_some() {
            return Err(err(
                language,
                format!("{context}: \"{entry}\" names more than one lexicon list"),
            ));
        }
        let items = lexicon.get(&word[1..]).ok_or_else(|| {
            err(
                language,
                format!("{context}: \"{entry}\": unknown lexicon list {word}"),
            )
        })?;
        let words: Vec<&str> = entry.split_whitespace().collect();
        for item in items {
            let expanded: Vec<&str> = words
                .iter()
                .map(|w| if *w == word { item.as_str() } else { w })
                .collect();
            out.push(expanded.join(" "));
        }
    }
    Ok(out)
}

fn single_chars(language: &str, what: &str, list: &[String]) -> Result<Vec<char>, Error> {
    list.iter()
        .map(|s| {
            let mut it = s.chars();
            match (it.next(), it.next()) {
                (Some(c), None) => Ok(c),
                _ => Err(err(
                    language,
                    format!("normalise.{what}: \"{s}\" is not a single character"),
                )),
            }
        })
        .collect()
}

fn labels(language: &str, context: &str, list: &[String]) -> Result<Vec<Behaviour>, Error> {
    list.iter()
        .map(|l| {
            l.parse::<Behaviour>()
                .map_err(|e| err(language, format!("{context}: {e}")))
        })
        .collect()
}

/// The `[label_sets]` table: each name with its labels, checked once.
type LabelSets = HashMap<String, Vec<Behaviour>>;

fn label_sets(
    language: &str,
    sets: &BTreeMap<String, Vec<String>>,
    lexicon: &BTreeMap<String, Vec<String>>,
) -> Result<LabelSets, Error> {
    sets.iter()
        .map(|(name, list)| {
            let context = format!("label_sets.{name}");
            // `@name` means a word list in a pattern and a label set in a
            // suppressed_by list; one name for both would mislead a reader.
            if lexicon.contains_key(name) {
                return Err(err(
                    language,
                    format!("{context}: a lexicon list has this name too; rename one"),
                ));
            }
            if let Some(inner) = list.iter().find(|l| l.starts_with('@')) {
                return Err(err(
                    language,
                    format!("{context}: a label set lists labels, not other sets ({inner})"),
                ));
            }
            Ok((name.clone(), labels(language, &context, list)?))
        })
        .collect()
}

/// A `suppressed_by`-style list: behaviour ids and `@name` references to
/// `[label_sets]`, expanded in order with repeats dropped.
fn suppressors(
    language: &str,
    context: &str,
    list: &[String],
    sets: &LabelSets,
) -> Result<Vec<Behaviour>, Error> {
    let mut out: Vec<Behaviour> = Vec::with_capacity(list.len());
    for item in list {
        let expanded = match item.strip_prefix('@') {
            Some(name) => sets
                .get(name)
                .cloned()
                .ok_or_else(|| err(language, format!("{context}: unknown label set @{name}")))?,
            None => labels(language, context, std::slice::from_ref(item))?,
        };
        for b in expanded {
            if !out.contains(&b) {
                out.push(b);
            }
        }
    }
    Ok(out)
}

/// Expands `@name` references to lexicon alternations, a leading `@start`
/// to a clause start and a trailing `@end` to a clause end, then wraps the
/// pattern in Unicode word boundaries (none where `@start` or `@end`
/// stands), so "está", "niño" and "decisión" are whole words.
fn expand(
    language: &str,
    rule: &str,
    pattern: &str,
    lexicon: &HashMap<String, String>,
) -> Result<String, Error> {
    let mut out = String::with_capacity(pattern.len() * 2);
    let mut rest = pattern.trim();
    let starts_at_clause = rest.starts_with("@start");
    // "... @end" means the match must close its clause: end of text or
    // clause punctuation, with no word boundary after it.
    let ends_at_clause = rest.ends_with("@end");
    if ends_at_clause {
        rest = rest[..rest.len() - "@end".len()].trim_end();
    }
    while let Some(at) = rest.find('@') {
        out.push_str(&rest[..at]);
        let tail = &rest[at + 1..];
        let len = tail
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
            .unwrap_or(tail.len());
        let name = &tail[..len];
        let mut after = &tail[len..];
        if name == "start" {
            out.push_str("(?:^|[.!?;:,\\n¿¡] ?)");
            // "@start word" means the word begins the clause: the space is
            // part of the clause-start marker.
            after = after.strip_prefix(' ').unwrap_or(after);
        } else {
            match lexicon.get(name) {
                Some(alt) => out.push_str(alt),
                None => {
                    return Err(err(
                        language,
                        format!("rule {rule}: unknown lexicon list @{name}"),
                    ))
                }
            }
        }
        rest = after;
    }
    out.push_str(rest);
    let lead = if starts_at_clause { "" } else { "\\b" };
    let tail = if ends_at_clause {
        "(?:$|[.!?;:,\\n])"
    } else {
        "\\b"
    };
    Ok(format!("{lead}(?:{out}){tail}"))
}

fn alternation(items: &[String], n: &NormaliseRules) -> String {
    let mut items: Vec<String> = items
        .iter()
        .map(|s| n.fold_str(s.trim()))
        .filter(|s| !s.is_empty())
        .map(|s| regex::escape(&s).replace(' ', "\\s"))
        .collect();
    // Longest first so "a little" wins over "a".
    items.sort_by_key(|s| std::cmp::Reverse(s.len()));
    format!("(?:{})", items.join("|"))
}

/// Parses and compiles a rule file.
pub(crate) fn compile(language: &str, text: &str) -> Result<Compiled, Error> {
    let file: File = toml::from_str(text).map_err(|e| err(language, e.to_string()))?;
    if file.language.id != language {
        return Err(err(
            language,
            format!("the file declares language \"{}\"", file.language.id),
        ));
    }
    let n = &file.normalise;
    let mut endings: Vec<(String, String)> = n
        .endings
        .iter()
        .map(|(k, v)| (k.to_lowercase(), v.clone()))
        .collect();
    endings.sort_by_key(|(k, _)| std::cmp::Reverse(k.len()));
    let fold_from = single_chars(
        language,
        "fold",
        &n.fold.keys().cloned().collect::<Vec<_>>(),
    )?;
    let fold_to = single_chars(
        language,
        "fold",
        &n.fold.values().cloned().collect::<Vec<_>>(),
    )?;
    let mut normalise = NormaliseRules {
        apostrophes: single_chars(language, "apostrophes", &n.apostrophes)?,
        double_quotes: single_chars(language, "double_quotes", &n.double_quotes)?,
        fold: fold_from.into_iter().zip(fold_to).collect(),
        ..NormaliseRules::default()
    };
    // Contractions are looked up on folded words, so fold their keys too.
    normalise.words = n
        .words
        .iter()
        .map(|(k, v)| (normalise.fold_str(k), normalise.fold_str(v)))
        .collect();
    normalise.endings = endings
        .into_iter()
        .map(|(k, v)| (normalise.fold_str(&k), normalise.fold_str(&v)))
        .collect();
    normalise.before = n
        .before
        .iter()
        .map(|(k, b)| {
            (
                normalise.fold_str(k),
                (normalise.fold_str(&b.replace), words(&b.next, &normalise)),
            )
        })
        .collect();
    let lexicon: HashMap<String, String> = file
        .lexicon
        .iter()
        .map(|(k, v)| (k.clone(), alternation(v, &normalise)))
        .collect();
    let negation = NegationRules {
        window: file.negation.window,
        negators: words(&file.negation.negators, &normalise),
        breakers: words(&file.negation.breakers, &normalise),
        links: words(&file.negation.links, &normalise),
        interjections: words(&file.negation.interjections, &normalise),
        carriers: phrases(&file.negation.carriers, &normalise),
        additives: words(&file.negation.additives, &normalise),
        reversers: words(&file.negation.reversers, &normalise),
        disjunctions: words(&file.negation.disjunctions, &normalise),
        doubles: words(&file.negation.doubles, &normalise),
        subjects: words(&file.negation.subjects, &normalise),
        reach: file.negation.reach,
        auxiliaries: words(&file.question.auxiliaries, &normalise),
    };
    let attribution = AttributionRules {
        frames: phrases(
            &with_lexicon(
                language,
                "attribution.frames",
                &file.attribution.frames,
                &file.lexicon,
            )?,
            &normalise,
        ),
        links: words(&file.attribution.links, &normalise),
        blockers: words(&file.attribution.blockers, &normalise),
    };
    let q = &file.question;
    let question = QuestionRules {
        fillers: words(&q.fillers, &normalise),
        open_heads: phrases(&q.open_heads, &normalise),
        closed_heads: phrases(&q.closed_heads, &normalise),
        invitations: phrases(&q.invitations, &normalise),
        closed_invitations: phrases(&q.closed_invitations, &normalise),
        suggestions: phrases(&q.suggestions, &normalise),
        auxiliaries: words(&q.auxiliaries, &normalise),
        subjects: words(&q.subjects, &normalise),
        embedded_subjects: words(&q.embedded_subjects, &normalise),
        inversion_blockers: words(&q.inversion_blockers, &normalise),
        head_followers: words(&q.head_followers, &normalise),
        closing_labels: labels(language, "question.closing_labels", &q.closing_labels)?,
        cleft_copulas: words(&q.cleft_copulas, &normalise),
    };
    let sets = label_sets(language, &file.label_sets, &file.lexicon)?;
    let r = &file.reflection;
    let mut stem_endings: Vec<String> = r
        .stem_endings
        .iter()
        .map(|s| normalise.fold_str(s))
        .collect();
    stem_endings.sort_by_key(|s| std::cmp::Reverse(s.len()));
    let reflection = ReflectionRules {
        min_shared: r.min_shared.max(1),
        min_shared_second_person: r.min_shared_second_person.max(1),
        second_person: words(&r.second_person, &normalise),
        min_word_len: r.min_word_len,
        stem_endings,
        quote_markers: phrases(&r.quote_markers, &normalise),
        suppressed_by: suppressors(
            language,
            "reflection.overlap_suppressed_by",
            &r.overlap_suppressed_by,
            &sets,
        )?,
        stopwords: words(&r.stopwords, &normalise),
        require_second_person: r.require_second_person,
        lemmas: r
            .lemmas
            .iter()
            .flat_map(|(head, forms)| {
                let n = &normalise;
                let head = n.fold_str(head.trim());
                forms
                    .iter()
                    .map(move |f| (n.fold_str(f.trim()), head.clone()))
            })
            .collect(),
    };

    let mut rules = Vec::with_capacity(file.rules.len());
    let mut sources = Vec::with_capacity(file.rules.len());
    let mut seen = HashSet::new();
    for rs in &file.rules {
        let id = format!("{language}.{}", rs.id);
        if !seen.insert(id.clone()) {
            return Err(err(language, format!("duplicate rule id {id}")));
        }
        let label: Behaviour = rs
            .label
            .parse()
            .map_err(|e| err(language, format!("rule {id}: {e}")))?;
        if rs.patterns.is_empty() {
            return Err(err(language, format!("rule {id} has no patterns")));
        }
        let parts = rs
            .patterns
            .iter()
            .map(|p| expand(language, &id, &normalise.fold_pattern(p), &lexicon))
            .collect::<Result<Vec<_>, _>>()?;
        let source = parts.join("|");
        let regex =
            Bounded::regex(source.clone()).map_err(|e| err(language, format!("rule {id}: {e}")))?;
        let negation = rs.negatable.mode(language, &id)?;
        if rs.attributable && attribution.frames.is_empty() {
            return Err(err(
                language,
                format!("rule {id}: attributable = true, but [attribution] lists no frames"),
            ));
        }
        let not_after = phrases(
            &with_lexicon(
                language,
                &format!("rule {id}: not_after"),
                &rs.not_after,
                &file.lexicon,
            )?,
            &normalise,
        );
        if let Some(w) = rs
            .not_with
            .iter()
            .find(|w| w.split_whitespace().count() != 1)
        {
            return Err(err(
                language,
                format!("rule {id}: not_with: \"{w}\" is not one word"),
            ));
        }
        rules.push(Rule {
            suppressed_by: suppressors(language, &format!("rule {id}"), &rs.suppressed_by, &sets)?,
            id,
            label,
            scope: rs.scope,
            negation,
            attributable: rs.attributable,
            not_after,
            not_with: words(&rs.not_with, &normalise),
            regex,
        });
        sources.push(source);
    }
    let timing = super::timing::TimingRules::compile(&file.timing, &normalise)
        .map_err(|e| err(language, e))?;
    // One scan of every rule per utterance (the set's lazy DFA gets room for
    // all of its states, so a large rule file does not thrash its cache).
    let set = Bounded::set(sources).map_err(|e| err(language, e.to_string()))?;
    Ok(Compiled {
        language: language.to_string(),
        name: file.language.name,
        normalise,
        negation,
        attribution,
        question,
        reflection,
        rules,
        set,
        timing,
    })
}

impl super::Analyser {
    /// Each behaviour rule's label and its compiled pattern (lexicon lists
    /// expanded, one alternative per pattern of the rule file), in file
    /// order. Read-only; the explorer's audit builds trigger phrases from it.
    pub fn rule_patterns(&self) -> Vec<(Behaviour, &str)> {
        self.compiled
            .rules
            .iter()
            .map(|r| (r.label, r.regex.as_str()))
            .collect()
    }
}
