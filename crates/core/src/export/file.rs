//! Writing an export to a file: the bytes go to `FILE.partial` and are
//! renamed into place only when complete, so a failed export leaves no
//! half-written file. Every format then gets its detached signature
//! (`FILE.sig`, see [`super::bundle`]) by the installation's key, carrying
//! the checkpoint signed over the records the export was made from.

#[cfg(test)]
use super::Format;
use super::{bundle, export, Options, Summary};
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
    /// The signature file (every format written to a file has one).
    pub signature: Option<PathBuf>,
}

/// Exports to `path` (see [`export`]; `key` issues `ob3` credentials), then
/// writes a checkpoint of the records it was made from and signs the file
/// with the installation's key (the one beside the database, which signs
/// checkpoints). Refused, leaving no file, when the records fail their last
/// checkpoint or changed while the export ran. `progress` gets (records so
/// far, estimated total).
pub fn write_file(
    store: &Store,
    opts: &Options,
    key: Option<&IssuerKey>,
    path: &Path,
    progress: &mut dyn FnMut(u64, u64),
) -> Result<FileSummary> {
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
    let signed = sign(store, opts, &summary, path);
    let signature = match signed {
        Ok(p) => Some(p),
        Err(e) => {
            let _ = std::fs::remove_file(path);
            return Err(e);
        }
    };
    Ok(FileSummary { summary, signature })
}

/// Signs the exported file over a fresh checkpoint of the records.
fn sign(store: &Store, opts: &Options, summary: &Summary, path: &Path) -> Result<PathBuf> {
    // The heads the export carries are signed outside the database, and
    // the checkpoint goes into the bundle.
    let checkpoint = store.checkpoint("export")?;
    if crate::records::chain::heads_digest(&checkpoint.heads) != summary.chain_head {
        return Err(Error::Database(
            "the records changed while the export was written (another window or command recorded something); export again".into(),
        ));
    }
    let key = store.installation_key()?;
    let created = crate::clock::format_instant(store.clock().now());
    let sig = bundle::sign(
        &key,
        &summary.sha256,
        summary.bytes,
        opts.format.id(),
        &summary.chain_head,
        &created,
        &checkpoint,
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
    Ok(sig_path)
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
        let r = bundle::verify(&out, &sig, None).unwrap();
        let (log, _) = store.checkpoints().unwrap();
        assert_eq!(
            r.checkpoint.as_ref(),
            log.last(),
            "the newest checkpoint is carried"
        );
        assert_eq!(r.format.as_deref(), Some("json"));

        // Every format is signed, over the checkpoint of its records.
        opts.format = Format::Csv;
        let csv = dir.path().join("records.csv");
        let s = write_file(&store, &opts, None, &csv, &mut |_, _| {}).unwrap();
        let sig: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(s.signature.unwrap()).unwrap()).unwrap();
        let r = bundle::verify(&csv, &sig, None).unwrap();
        assert_eq!(r.format.as_deref(), Some("csv"));
        assert!(r.checkpoint.is_some());

        // Records that fail their checkpoint get no signed export.
        let t = store.add_trainee("Kim", None, None).unwrap();
        store.checkpoint("manual").unwrap();
        store
            .conn
            .execute("DELETE FROM trainees WHERE id = ?1", [t.id.to_string()])
            .unwrap();
        store
            .conn
            .execute("DELETE FROM trainees_history", [])
            .unwrap();
        let refused = dir.path().join("refused.csv");
        let e = write_file(&store, &opts, None, &refused, &mut |_, _| {}).unwrap_err();
        assert!(e.to_string().contains("no longer match"), "{e}");
        assert!(!refused.exists() && !bundle::signature_path(&refused).exists());

        opts.format = Format::Xapi;
        opts.home_page = "not a url".into();
        let bad = dir.path().join("statements.json");
        assert!(write_file(&store, &opts, None, &bad, &mut |_, _| {}).is_err());
        assert!(!bad.exists());
        assert!(!dir.path().join("statements.json.partial").exists());
    }
}
