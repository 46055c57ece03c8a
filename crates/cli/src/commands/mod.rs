//! One module per subcommand.

pub mod analyze;
pub mod check;
pub mod graph;
pub mod list;
pub mod play;
pub mod test;

use crate::error::CliError;
use rehearse_core::response::ResponseAnalyser;
use std::path::PathBuf;
use std::sync::Arc;

/// The built-in English analyser as the engine's response analyser.
pub fn analyser() -> Arc<dyn ResponseAnalyser> {
    rehearse_core::response::english()
}

/// The given paths expanded into scenario folders; the bundled library when none are given.
pub fn scenario_dirs(paths: &[PathBuf]) -> Result<Vec<PathBuf>, CliError> {
    let paths = if paths.is_empty() {
        vec![rehearse_core::library::bundled_dir().ok_or_else(|| {
            CliError::Usage(
                "no paths given and the bundled scenarios were not found; set REHEARSE_SCENARIOS"
                    .into(),
            )
        })?]
    } else {
        paths.to_vec()
    };
    Ok(rehearse_core::library::expand(&paths)?)
}
