//! Writing an export to a file: the bytes go to `FILE.partial` and are
//! renamed into place only when complete, so a failed export leaves no
//! half-written file; a JSON export also gets its detached signature
//! (`FILE.sig`, see [`super::bundle`]).

use super::{bundle, export, Format, Options, Summary};
use crate::credential::IssuerKey;
use crate::error::{Error, Result};
use crate::records::Store;
use std::io::Write;
use std::path::{Path, PathBuf};

/// What [`write_file`] wrote.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileSummary {
    /// The export's summary.
    pub summary: Summary,
    /// The signature file, for a JSON export.
    pub signature: Option<PathBuf>,
}

/// Exports to `path` (see [`export`]); a JSON export is signed with `key`
/// when one is given. `progress` gets (records so far, estimated total).
pub fn write_file(
    store: &Store,
    opts: &Options,
    key: Option<&IssuerKey>,
    path: &Path,
    progress: &mut dyn FnMut(u64, u64),
) -> Result<FileSummary> {
    // The heads the export is about to carry are signed outside the
    // database first.
    store.checkpoint_after("export");
    let tmp = crate::durable::partial_path(path);
    let file = crate::durable::create_private(&tmp)?;
    let mut w = std::io::BufWriter::new(file);
    let written = export(store, opts, key, &mut w, progress).and_then(|s| {
        w.flush().map_err(|e| Error::io(&tmp, e))?;
        Ok(s)
    });
    let finished = written.and_then(|s| {
        let file = w
            .into_inner()
            .map_err(|e| Error::io(&tmp, e.into_error()))?;
        crate::durable::commit(file, &tmp, path)?;
        Ok(s)
    });
    let summary = match finished {
        Ok(s) => s,
        Err(e) => {
            let _ = std::fs::remove_file(&tmp);
            return Err(e);
        }
    };
    let signature = match (opts.format, key) {
        (Format::Json, Some(key)) => {
            let created = crate::clock::format_instant(store.clock().now());
            let sig = bundle::sign(
                key,
                &summary.sha256,
                summary.bytes,
                &summary.chain_head,
                &created,
            );
            let sig_path = bundle::signature_path(path);
            crate::durable::write(
                &sig_path,
                format!(
                    "{}\n",
                    serde_json::to_string_pretty(&sig).unwrap_or_default()
                )
                .as_bytes(),
            )?;
            Some(sig_path)
        }
        _ => None,
    };
    Ok(FileSummary { summary, signature })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::Filter;

    #[test]
    fn a_json_file_is_signed_and_verifies_and_a_failure_leaves_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("r.db")).unwrap();
        let key = IssuerKey::from_seed([9; 32]);
        let mut opts = Options {
            format: Format::Json,
            filter: Filter::default(),
            include_identity: false,
            home_page: "https://trust.example/".into(),
            issuer_name: "Test".into(),
        };
        let out = dir.path().join("records.json");
        let s = write_file(&store, &opts, Some(&key), &out, &mut |_, _| {}).unwrap();
        let sig_path = s.signature.unwrap();
        assert_eq!(sig_path, bundle::signature_path(&out));
        let sig: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(&sig_path).unwrap()).unwrap();
        bundle::verify(&out, &sig, None).unwrap();

        opts.format = Format::Xapi;
        opts.home_page = "not a url".into();
        let bad = dir.path().join("statements.json");
        assert!(write_file(&store, &opts, None, &bad, &mut |_, _| {}).is_err());
        assert!(!bad.exists());
        assert!(!dir.path().join("statements.json.partial").exists());
    }
}
