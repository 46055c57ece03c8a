//! Reading an FTL catalogue: its message ids, the line each is defined on,
//! and the variables each uses. Used to compare a translation with its
//! English source (missing and extra ids, differing variables).

use crate::Error;
use fluent_syntax::ast;
use std::collections::BTreeSet;

/// One message or term of an FTL file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CatalogueEntry {
    /// The id (a term's id keeps its leading `-`).
    pub id: String,
    /// The 1-based line the id is defined on.
    pub line: usize,
    /// The variables (`$name`, without the `$`) its value and attributes use.
    pub variables: BTreeSet<String>,
    /// The ids of its attributes (`.title`), in file order.
    pub attributes: Vec<String>,
}

/// The 1-based line of byte `offset` in `source`.
pub fn line_of(source: &str, offset: usize) -> usize {
    source
        .as_bytes()
        .iter()
        .take(offset.min(source.len()))
        .filter(|b| **b == b'\n')
        .count()
        + 1
}

/// The line of a slice of `source` (the parser's identifiers borrow it).
fn line_of_slice(source: &str, slice: &str) -> usize {
    let offset = (slice.as_ptr() as usize).saturating_sub(source.as_ptr() as usize);
    line_of(source, offset)
}

fn inline_vars(e: &ast::InlineExpression<&str>, out: &mut BTreeSet<String>) {
    match e {
        ast::InlineExpression::VariableReference { id } => {
            out.insert(id.name.to_string());
        }
        ast::InlineExpression::FunctionReference { arguments, .. } => call_vars(arguments, out),
        ast::InlineExpression::TermReference {
            arguments: Some(arguments),
            ..
        } => call_vars(arguments, out),
        ast::InlineExpression::Placeable { expression } => expression_vars(expression, out),
        _ => {}
    }
}

fn call_vars(args: &ast::CallArguments<&str>, out: &mut BTreeSet<String>) {
    for a in &args.positional {
        inline_vars(a, out);
    }
    for a in &args.named {
        inline_vars(&a.value, out);
    }
}

fn expression_vars(e: &ast::Expression<&str>, out: &mut BTreeSet<String>) {
    match e {
        ast::Expression::Inline(i) => inline_vars(i, out),
        ast::Expression::Select { selector, variants } => {
            inline_vars(selector, out);
            for v in variants {
                pattern_vars(&v.value, out);
            }
        }
    }
}

fn pattern_vars(p: &ast::Pattern<&str>, out: &mut BTreeSet<String>) {
    for el in &p.elements {
        if let ast::PatternElement::Placeable { expression } = el {
            expression_vars(expression, out);
        }
    }
}

/// The messages and terms of an FTL file, in file order. A syntax error
/// is an [`Error::Input`] naming its line.
pub fn entries(source: &str) -> Result<Vec<CatalogueEntry>, Error> {
    let resource = match fluent_syntax::parser::parse(source) {
        Ok(r) => r,
        Err((_, errors)) => {
            let first = &errors[0];
            return Err(Error::Input(format!(
                "line {}: {}",
                line_of(source, first.pos.start),
                first.kind
            )));
        }
    };
    let mut out = Vec::new();
    for entry in &resource.body {
        let (id, value, attributes) = match entry {
            ast::Entry::Message(m) => (m.id.name.to_string(), m.value.as_ref(), &m.attributes),
            ast::Entry::Term(t) => (format!("-{}", t.id.name), Some(&t.value), &t.attributes),
            _ => continue,
        };
        let name = match entry {
            ast::Entry::Message(m) => m.id.name,
            ast::Entry::Term(t) => t.id.name,
            _ => continue,
        };
        let mut variables = BTreeSet::new();
        if let Some(v) = value {
            pattern_vars(v, &mut variables);
        }
        for a in attributes {
            pattern_vars(&a.value, &mut variables);
        }
        out.push(CatalogueEntry {
            id,
            line: line_of_slice(source, name),
            variables,
            attributes: attributes.iter().map(|a| a.id.name.to_string()).collect(),
        });
    }
    Ok(out)
}

/// How a translation differs from its source catalogue.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Comparison {
    /// Source entries the translation lacks.
    pub missing: Vec<CatalogueEntry>,
    /// Translation entries the source does not have.
    pub extra: Vec<CatalogueEntry>,
    /// Entries in both whose variables differ: (source, translation).
    pub variables_differ: Vec<(CatalogueEntry, CatalogueEntry)>,
}

impl Comparison {
    /// Whether the translation matches the source id for id and variable for variable.
    pub fn is_clean(&self) -> bool {
        self.missing.is_empty() && self.extra.is_empty() && self.variables_differ.is_empty()
    }
}

/// Compares a translation's entries with its source's.
pub fn compare(source: &[CatalogueEntry], translation: &[CatalogueEntry]) -> Comparison {
    let mut c = Comparison::default();
    for s in source {
        match translation.iter().find(|t| t.id == s.id) {
            None => c.missing.push(s.clone()),
            Some(t) if t.variables != s.variables => {
                c.variables_differ.push((s.clone(), t.clone()))
            }
            Some(_) => {}
        }
    }
    for t in translation {
        if !source.iter().any(|s| s.id == t.id) {
            c.extra.push(t.clone());
        }
    }
    c
}
