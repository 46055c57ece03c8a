//! xAPI 1.0.3: statements built from attempts and certifications
//! ([`statement`]), validated before anything leaves ([`validate`]), kept
//! in an SQLite outbox until a learning record store acknowledges them
//! ([`outbox`]) and pushed in batches ([`push`]).
//!
//! The verbs, activity types and extensions are the product's xAPI
//! profile, documented in `docs/xapi-profile.md`.

pub mod outbox;
pub mod push;
pub mod statement;
pub mod validate;

pub use outbox::{Outbox, OutboxCounts};
pub use push::{push, LrsConfig, PushReport};
pub use statement::{
    attempt_statements, certification_statement, each_attempt_statement, observation_statement,
    same_statement, AttemptFacts, CertificationFacts, CompetencyFact, ObservationFacts,
};
pub use validate::{validate, validate_object};
