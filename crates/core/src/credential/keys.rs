//! The installation's Ed25519 issuer key, its Multikey and `did:key`
//! encodings, and the controller document verifiers need.
//!
//! The key is created on first use in the data directory
//! ([`IssuerKey::load_or_create`]) as `issuer-key.json`, readable by its
//! owner only (mode 0600 on Unix). The file holds the secret key as a
//! Multikey `secretKeyMultibase`.

use crate::error::{Error, Result};
use ed25519_dalek::{Signature, Signer, SigningKey, VerifyingKey};
use serde_json::{json, Value};
use std::path::{Path, PathBuf};

/// The file name of the issuer key in the data directory.
pub const KEY_FILE: &str = "issuer-key.json";

/// Multicodec prefix of an Ed25519 public key (`0xed01`).
const ED25519_PUB: [u8; 2] = [0xed, 0x01];
/// Multicodec prefix of an Ed25519 secret key (`0x8026`).
const ED25519_PRIV: [u8; 2] = [0x80, 0x26];

/// The Ed25519 key the installation signs credentials and export bundles with.
pub struct IssuerKey {
    signing: SigningKey,
}

impl std::fmt::Debug for IssuerKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("IssuerKey")
            .field("did", &self.did())
            .finish_non_exhaustive()
    }
}

impl IssuerKey {
    /// A key from a 32-byte seed (tests and test vectors).
    pub fn from_seed(seed: [u8; 32]) -> IssuerKey {
        IssuerKey {
            signing: SigningKey::from_bytes(&seed),
        }
    }

    /// A fresh random key from the operating system's generator.
    pub fn generate() -> Result<IssuerKey> {
        let mut seed = [0u8; 32];
        getrandom::fill(&mut seed)
            .map_err(|e| Error::Credential(format!("no secure random numbers available: {e}")))?;
        Ok(Self::from_seed(seed))
    }

    /// `issuer-key.json` in the platform data directory.
    pub fn default_path() -> Option<PathBuf> {
        crate::installation::data_dir().map(|d| d.join(KEY_FILE))
    }

    /// Loads the key at `path`, creating it (owner-only permissions) when
    /// the file does not exist yet.
    pub fn load_or_create(path: &Path) -> Result<IssuerKey> {
        match std::fs::read(path) {
            Ok(bytes) => Self::parse_file(path, &bytes),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                let key = Self::generate()?;
                key.write_new(path)?;
                Ok(key)
            }
            Err(e) => Err(Error::io(path, e)),
        }
    }

    /// Loads an existing key file.
    pub fn load(path: &Path) -> Result<IssuerKey> {
        let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
        Self::parse_file(path, &bytes)
    }

    fn parse_file(path: &Path, bytes: &[u8]) -> Result<IssuerKey> {
        let bad = |why: &str| {
            Error::Credential(format!(
                "{}: not a Rehearse issuer key file ({why})",
                path.display()
            ))
        };
        let v: Value = serde_json::from_slice(bytes).map_err(|e| bad(&e.to_string()))?;
        let sk = v["secretKeyMultibase"]
            .as_str()
            .ok_or_else(|| bad("no secretKeyMultibase"))?;
        let raw = decode_multibase(sk).map_err(|e| bad(&e.to_string()))?;
        match raw.split_first_chunk::<2>() {
            Some((prefix, seed)) if *prefix == ED25519_PRIV && seed.len() == 32 => {
                let mut s = [0u8; 32];
                s.copy_from_slice(seed);
                Ok(Self::from_seed(s))
            }
            _ => Err(bad("not an Ed25519 secret key")),
        }
    }

    fn write_new(&self, path: &Path) -> Result<()> {
        use std::io::Write;
        if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
            std::fs::create_dir_all(parent).map_err(|e| Error::io(parent, e))?;
        }
        let mut secret = ED25519_PRIV.to_vec();
        secret.extend_from_slice(self.signing.as_bytes());
        let body = json!({
            "type": "Multikey",
            "controller": self.did(),
            "publicKeyMultibase": self.multikey(),
            "secretKeyMultibase": format!("z{}", bs58::encode(secret).into_string()),
        });
        let mut opts = std::fs::OpenOptions::new();
        opts.write(true).create_new(true);
        #[cfg(unix)]
        {
            use std::os::unix::fs::OpenOptionsExt;
            opts.mode(0o600);
        }
        let mut f = opts.open(path).map_err(|e| Error::io(path, e))?;
        let text = serde_json::to_string_pretty(&body).unwrap_or_default();
        f.write_all(text.as_bytes())
            .and_then(|()| f.sync_all())
            .map_err(|e| Error::io(path, e))
    }

    /// The public key.
    pub fn verifying_key(&self) -> VerifyingKey {
        self.signing.verifying_key()
    }

    /// The public key as a Multikey `publicKeyMultibase` (`z6Mk…`).
    pub fn multikey(&self) -> String {
        multikey(&self.verifying_key())
    }

    /// The issuer's `did:key` identifier.
    pub fn did(&self) -> String {
        format!("did:key:{}", self.multikey())
    }

    /// The verification method id used in proofs (`did:key:z…#z…`).
    pub fn verification_method(&self) -> String {
        format!("{}#{}", self.did(), self.multikey())
    }

    /// Signs bytes.
    pub fn sign(&self, message: &[u8]) -> Signature {
        self.signing.sign(message)
    }

    /// Signs bytes, as base58btc multibase (`z…`), the form signature files
    /// and checkpoints carry.
    pub fn sign_multibase(&self, message: &[u8]) -> String {
        format!(
            "z{}",
            bs58::encode(self.sign(message).to_bytes()).into_string()
        )
    }

    /// The issuer profile: a controller document with the Multikey public
    /// key as its assertion method, what verifiers pin.
    pub fn controller_document(&self, name: &str) -> Value {
        let vm = self.verification_method();
        json!({
            "@context": ["https://www.w3.org/ns/did/v1", "https://w3id.org/security/multikey/v1"],
            "id": self.did(),
            "name": name,
            "verificationMethod": [{
                "id": vm,
                "type": "Multikey",
                "controller": self.did(),
                "publicKeyMultibase": self.multikey(),
            }],
            "assertionMethod": [vm],
        })
    }
}

/// Encodes an Ed25519 public key as a Multikey (`z6Mk…`).
pub fn multikey(key: &VerifyingKey) -> String {
    let mut bytes = ED25519_PUB.to_vec();
    bytes.extend_from_slice(key.as_bytes());
    format!("z{}", bs58::encode(bytes).into_string())
}

fn decode_multibase(s: &str) -> Result<Vec<u8>> {
    let body = s.strip_prefix('z').ok_or_else(|| {
        Error::Credential(format!("\"{s}\" is not base58btc multibase (no leading z)"))
    })?;
    bs58::decode(body)
        .into_vec()
        .map_err(|e| Error::Credential(format!("\"{s}\" is not valid base58btc: {e}")))
}

/// Decodes a Multikey `publicKeyMultibase` into an Ed25519 public key.
pub fn decode_multikey(s: &str) -> Result<VerifyingKey> {
    let raw = decode_multibase(s)?;
    let bad = || Error::Credential(format!("\"{s}\" is not an Ed25519 Multikey public key"));
    match raw.split_first_chunk::<2>() {
        Some((prefix, key)) if *prefix == ED25519_PUB => {
            let arr: [u8; 32] = key.try_into().map_err(|_| bad())?;
            VerifyingKey::from_bytes(&arr).map_err(|_| bad())
        }
        _ => Err(bad()),
    }
}

/// The public key of a `did:key` verification method (`did:key:z…#z…`) or
/// `did:key` identifier.
pub fn did_key_public(did_or_vm: &str) -> Result<VerifyingKey> {
    let did = did_or_vm.split('#').next().unwrap_or_default();
    let mk = did
        .strip_prefix("did:key:")
        .ok_or_else(|| Error::Credential(format!("\"{did_or_vm}\" is not a did:key identifier")))?;
    decode_multikey(mk)
}

/// The public key a controller document (as written by `rehearse keys
/// export`) authorises for `verification_method` as an assertion method.
pub fn controller_key(doc: &Value, verification_method: &str) -> Result<VerifyingKey> {
    let listed = doc["assertionMethod"]
        .as_array()
        .is_some_and(|a| a.iter().any(|m| m == verification_method));
    if !listed {
        return Err(Error::Credential(format!(
            "signed by an issuer you have not pinned ({verification_method}): the pinned issuer profile does not list this key, so the file is not shown as genuine"
        )));
    }
    let controller = verification_method.split('#').next().unwrap_or_default();
    if doc["id"].as_str() != Some(controller) {
        return Err(Error::Credential(format!(
            "the issuer profile is for {}, not for {controller}",
            doc["id"]
        )));
    }
    let method = doc["verificationMethod"]
        .as_array()
        .and_then(|a| a.iter().find(|m| m["id"] == verification_method))
        .ok_or_else(|| {
            Error::Credential(format!(
                "the issuer profile has no verification method {verification_method}"
            ))
        })?;
    let mk = method["publicKeyMultibase"].as_str().ok_or_else(|| {
        Error::Credential("the issuer profile's key has no publicKeyMultibase".into())
    })?;
    decode_multikey(mk)
}

/// Checks a base58btc multibase Ed25519 signature over `message`; the error
/// says whether the signature is malformed or does not match.
pub fn verify_multibase(key: &VerifyingKey, message: &[u8], signature: &str) -> Result<()> {
    use ed25519_dalek::Verifier;
    let raw = signature
        .strip_prefix('z')
        .and_then(|b| bs58::decode(b).into_vec().ok())
        .ok_or_else(|| Error::Credential("the signature is not base58btc multibase".into()))?;
    let sig = ed25519_dalek::Signature::from_slice(&raw)
        .map_err(|_| Error::Credential("the signature is not an Ed25519 signature".into()))?;
    key.verify(message, &sig).map_err(|_| {
        Error::Credential("the signature does not match (altered, or signed by another key)".into())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn zero_seed_matches_the_research_vector() {
        let k = IssuerKey::from_seed([0; 32]);
        assert_eq!(
            k.multikey(),
            "z6MkiTBz1ymuepAQ4HEHYSF1H8quG5GLVVQR3djdX3mDooWp"
        );
        assert_eq!(
            k.verification_method(),
            "did:key:z6MkiTBz1ymuepAQ4HEHYSF1H8quG5GLVVQR3djdX3mDooWp#z6MkiTBz1ymuepAQ4HEHYSF1H8quG5GLVVQR3djdX3mDooWp"
        );
        assert_eq!(decode_multikey(&k.multikey()).unwrap(), k.verifying_key());
        assert_eq!(
            did_key_public(&k.verification_method()).unwrap(),
            k.verifying_key()
        );
    }

    #[test]
    fn bad_multikeys_are_errors_not_panics() {
        for s in [
            "",
            "z",
            "abc",
            "z111",
            "z6MkiTBz1ymuepAQ4HEHYSF1H8quG5GLVVQR3djdX3mDoo",
            "zOOOO",
        ] {
            assert!(decode_multikey(s).is_err(), "{s}");
        }
        assert!(did_key_public("did:web:example.org").is_err());
    }

    #[test]
    fn key_is_created_once_with_owner_only_permissions() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("sub").join(KEY_FILE);
        let a = IssuerKey::load_or_create(&path).unwrap();
        let b = IssuerKey::load_or_create(&path).unwrap();
        assert_eq!(a.multikey(), b.multikey());
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&path).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o600);
        }
        std::fs::write(&path, b"{}").unwrap();
        assert!(IssuerKey::load(&path).is_err());
    }

    #[test]
    fn controller_document_authorises_only_its_own_key() {
        let k = IssuerKey::from_seed([7; 32]);
        let doc = k.controller_document("Test");
        assert_eq!(
            controller_key(&doc, &k.verification_method()).unwrap(),
            k.verifying_key()
        );
        let other = IssuerKey::from_seed([8; 32]);
        assert!(controller_key(&doc, &other.verification_method()).is_err());
    }
}
