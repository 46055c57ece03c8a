//! Certification: the policy (a TOML file with documented defaults) and a
//! trainee's status at any date, computed from their attempt history.
//!
//! Both are pure: the history and the date are passed in, so every status
//! transition can be tested with an injected clock. The records store
//! ([`crate::records`]) supplies the history (with trainer moderation
//! applied) and keeps the ledger of certifications granted.

pub mod event;
pub mod policy;
pub mod status;

pub use policy::Policy;
pub use status::{
    evaluate, evaluate_observed, Approval, AttemptRecord, Countdown, CountdownTarget, Grant,
    GrantKind, Missing, ObservedRecord, Standing, Status, UncountedPasses,
};

#[cfg(test)]
mod tests;
