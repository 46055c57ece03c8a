//! Rehearse's performance suite (issue #13).
//!
//! Every figure is measured against a reference taken in the same run on the
//! same data ([`report::Row`]), so the table stays meaningful on a noisy
//! machine. The workloads live here, in the library, so that the criterion
//! benches under `benches/benches/` and the runner (`rehearse-bench run`,
//! started by `scripts/bench`) measure exactly the same code.

pub mod context;
pub mod error;
pub mod measure;
pub mod report;
pub mod seed;

pub use context::Context;
pub use error::Error;
pub use report::{Goal, Quantity, Row};
