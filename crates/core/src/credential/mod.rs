//! Verifiable credentials: Open Badges 3.0 `OpenBadgeCredential`s for
//! certifications, signed with a Data Integrity proof (`eddsa-rdfc-2022`)
//! by the installation's Ed25519 issuer key, and verified offline.
//!
//! - [`keys`]: the issuer key (created on first use, owner-only file), its
//!   Multikey / `did:key` forms and the controller document;
//! - [`proof`]: RDFC-1.0 canonicalisation with bundled contexts and the proof;
//! - [`ob3`]: the credential builder;
//! - [`verify`]: checks of shape, proof, issuer key and validity dates.

pub mod keys;
pub mod ob3;
pub mod proof;
pub mod verify;

pub use keys::IssuerKey;
pub use ob3::{CertificationInput, EvidenceInput};
pub use verify::{verify_credential, CredentialReport};
