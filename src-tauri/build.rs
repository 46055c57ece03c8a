//! Build script: generates the Tauri context and declares the app's own
//! commands, so each one gets its own `allow-…` permission that the
//! capability file grants explicitly.

// The one list of commands, shared with `src/lib.rs`.
include!("src/command_list.rs");

/// Every `#[tauri::command]` the app exposes; each gets an `allow-…`
/// permission.
const COMMANDS: &[&str] = with_commands!(command_names);

fn main() {
    // tauri-build declares its own inputs, which turns off Cargo's default
    // of rerunning on any change, so the list is declared too.
    println!("cargo:rerun-if-changed=src/command_list.rs");
    tauri_build::try_build(
        tauri_build::Attributes::new()
            .app_manifest(tauri_build::AppManifest::new().commands(COMMANDS)),
    )
    .expect("failed to run the Tauri build script");
}
