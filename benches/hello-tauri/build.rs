//! Generates the Tauri context of the hello window.

fn main() {
    tauri_build::build()
}
