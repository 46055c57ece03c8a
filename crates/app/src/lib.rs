//! `rehearse-app`: the application layer between `rehearse-core` and the
//! front ends (the `rehearse` CLI and the Tauri desktop shell), after the
//! model of GitButler's `but-api`. It owns the flows both front ends share
//! (opening the records, the conversation in play with its re-basing after
//! an edit, checking scenario folders, the records filter as typed) and
//! returns serialisable view models with one `{code, message}` error
//! ([`Error`]). It does not depend on Tauri: the shell's commands call it
//! and return its views unchanged, and the CLI prints them.

pub mod accreditation;
pub mod analytics;
pub mod attempt;
#[cfg(feature = "ts")]
pub mod bindings;
pub mod catalogue;
pub mod certificate;
pub mod check;
pub mod conversation;
pub mod dashboard;
pub mod debrief;
pub mod error;
pub mod filter;
pub mod library;
pub mod moderation;
pub mod observation;
pub mod people;
pub mod records;
pub mod settings;
pub mod view;
pub mod workbench;

#[cfg(test)]
mod testing;

pub use error::{Error, Result};
