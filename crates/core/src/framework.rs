//! The competency framework published as a 1EdTech CASE package: one
//! `CFDocument`, one `CFItem` per competency of [`Competency::ALL`], and an
//! `isChildOf` association from each item to the document.
//!
//! Every URI here is stable: xAPI statements and Open Badges credentials
//! align to [`item_uri`], and `docs/framework.json` is generated from this
//! module (a unit test keeps it up to date). Identifiers are UUIDv5 of the
//! URIs, so they never change either.

use crate::competency::{Competency, FRAMEWORK_CITATION};
use serde_json::{json, Value};
use uuid::Uuid;

/// The framework's URI; items live under `{FRAMEWORK_URI}/items/{id}`.
pub const FRAMEWORK_URI: &str = "https://w3id.org/rehearse/frameworks/second-victim-support/v1";

/// The framework's title.
pub const FRAMEWORK_TITLE: &str = "Second victim peer support: interview competencies";

/// The framework version.
pub const FRAMEWORK_VERSION: &str = "1.0";

/// The date the framework content last changed (fixed, so the package is
/// reproducible).
pub const FRAMEWORK_LAST_CHANGE: &str = "2026-11-30T00:00:00+00:00";

/// The stable URI of one competency.
pub fn item_uri(c: Competency) -> String {
    item_uri_str(c).to_string()
}

/// The stable URI of one competency, borrowed from a table built once (an
/// export writes fifteen of them per attempt).
pub fn item_uri_str(c: Competency) -> &'static str {
    static URIS: std::sync::OnceLock<Vec<(Competency, String)>> = std::sync::OnceLock::new();
    URIS.get_or_init(|| {
        Competency::ALL
            .iter()
            .map(|c| (*c, format!("{FRAMEWORK_URI}/items/{}", c.id())))
            .collect()
    })
    .iter()
    .find(|(k, _)| *k == c)
    .map(|(_, uri)| uri.as_str())
    .unwrap_or(FRAMEWORK_URI)
}

/// The competency with this item URI, if any.
pub fn competency_of(uri: &str) -> Option<Competency> {
    let id = uri.strip_prefix(FRAMEWORK_URI)?.strip_prefix("/items/")?;
    id.parse().ok()
}

/// The CASE identifier (UUIDv5 of the URI) of anything in the package.
pub fn identifier(uri: &str) -> Uuid {
    Uuid::new_v5(&Uuid::NAMESPACE_URL, uri.as_bytes())
}

fn link(title: &str, uri: &str) -> Value {
    json!({ "title": title, "identifier": identifier(uri), "uri": uri })
}

/// The whole CASE package as JSON (`CFDocument`, `CFItems`, `CFAssociations`).
pub fn case_package() -> Value {
    let doc_link = link(FRAMEWORK_TITLE, FRAMEWORK_URI);
    let items: Vec<Value> = Competency::ALL
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let uri = item_uri(*c);
            json!({
                "identifier": identifier(&uri),
                "uri": uri,
                "CFDocumentURI": doc_link,
                "fullStatement": c.description(),
                "abbreviatedStatement": c.title(),
                "humanCodingScheme": c.id(),
                "listEnumeration": (i + 1).to_string(),
                "CFItemType": "Competency",
                "language": "en",
                "lastChangeDateTime": FRAMEWORK_LAST_CHANGE,
            })
        })
        .collect();
    let associations: Vec<Value> = Competency::ALL
        .iter()
        .map(|c| {
            let item = item_uri(*c);
            let uri = format!("{item}/associations/is-child-of");
            json!({
                "identifier": identifier(&uri),
                "uri": uri,
                "associationType": "isChildOf",
                "CFDocumentURI": doc_link,
                "originNodeURI": link(c.title(), &item),
                "destinationNodeURI": doc_link,
                "lastChangeDateTime": FRAMEWORK_LAST_CHANGE,
            })
        })
        .collect();
    json!({
        "CFDocument": {
            "identifier": identifier(FRAMEWORK_URI),
            "uri": FRAMEWORK_URI,
            "creator": "Rehearse",
            "title": FRAMEWORK_TITLE,
            "version": FRAMEWORK_VERSION,
            "language": "en",
            "adoptionStatus": "Adopted",
            "lastChangeDateTime": FRAMEWORK_LAST_CHANGE,
            "notes": format!("The 15 interview competencies of Box 1 in {FRAMEWORK_CITATION}. Descriptions are Rehearse's own wording."),
            "CFPackageURI": link(FRAMEWORK_TITLE, &format!("{FRAMEWORK_URI}/package")),
        },
        "CFItems": items,
        "CFAssociations": associations,
    })
}

/// The package as the pretty-printed text of `docs/framework.json`.
pub fn case_package_text() -> String {
    let mut s = serde_json::to_string_pretty(&case_package()).unwrap_or_default();
    s.push('\n');
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn items_have_unique_stable_uris_that_round_trip() {
        let mut seen = HashSet::new();
        for c in Competency::ALL {
            let uri = item_uri(c);
            assert!(seen.insert(identifier(&uri)));
            assert_eq!(competency_of(&uri), Some(c));
        }
        assert_eq!(competency_of(&format!("{FRAMEWORK_URI}/items/nope")), None);
        assert_eq!(competency_of("https://example.org/items/atmosphere"), None);
        // Pinned: changing a URI breaks every credential already issued.
        assert_eq!(
            item_uri(Competency::OpenQuestions),
            "https://w3id.org/rehearse/frameworks/second-victim-support/v1/items/open_questions"
        );
    }

    #[test]
    fn package_has_one_item_and_association_per_competency() {
        let p = case_package();
        assert_eq!(p["CFItems"].as_array().map(Vec::len), Some(15));
        assert_eq!(p["CFAssociations"].as_array().map(Vec::len), Some(15));
        assert_eq!(p["CFDocument"]["uri"], FRAMEWORK_URI);
        assert_eq!(p["CFItems"][4]["humanCodingScheme"], "open_questions");
    }

    /// `docs/framework.json` is generated from this module. Regenerate with
    /// `REHEARSE_UPDATE_DOCS=1 cargo test -p rehearse-core framework`.
    #[test]
    fn docs_framework_json_is_up_to_date() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../docs/framework.json");
        let want = case_package_text();
        if std::env::var_os("REHEARSE_UPDATE_DOCS").is_some() {
            std::fs::write(path, &want).unwrap();
        }
        let have = std::fs::read_to_string(path).unwrap_or_default();
        assert!(
            have == want,
            "docs/framework.json is out of date; run REHEARSE_UPDATE_DOCS=1 cargo test -p rehearse-core framework"
        );
    }
}
