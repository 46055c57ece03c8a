//! # rehearse-core
//!
//! The domain of Rehearse, a training simulator for peer supporters of
//! healthcare "second victims": scenarios written in Rhai and run in a
//! sandbox, the free-text response analyser, grading against the 15
//! interview competencies of Mira et al. (BMJ Open 2025;15:e089923) with a
//! red-flag gate, reports, and the authoring tools (checks, explorer,
//! graph, scenario tests). The desktop shell and the CLI are thin layers
//! over this crate.

#![warn(missing_docs)]

pub mod analysis;
pub mod analytics;
pub mod attempt;
pub mod audit;
pub mod behaviour;
pub mod bundled;
pub mod certificate;
pub mod certification;
pub mod clock;
#[cfg(test)]
mod closed_sets;
pub mod competency;
pub mod credential;
pub mod durable;
pub mod error;
pub mod explore;
pub mod export;
pub mod framework;
pub mod grading;
pub mod graph;
pub mod installation;
pub mod library;
pub mod lint;
pub mod locale;
pub mod markdown;
pub mod observation;
pub mod records;
pub mod red_flag;
pub mod report;
pub mod response;
pub mod rng;
#[cfg(test)]
mod robustness;
pub mod scaffold;
pub mod scenario;
pub mod testcase;
pub mod timeframe;
pub mod xapi;

pub use error::{Error, Result};
