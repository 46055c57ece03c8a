//! A bare Tauri 2 window: the reference the start-up measure of
//! `rehearse-bench` compares the desktop app's cold start with. Its page
//! makes one call to the Rust side and then shows `#ready`, which the
//! measure waits for through WebDriver, as it waits for the library's cards.

#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

/// The one command the page calls before it marks itself ready.
#[tauri::command]
fn greet() -> &'static str {
    "ready"
}

fn main() {
    if let Err(e) = tauri::Builder::default()
        .invoke_handler(tauri::generate_handler![greet])
        .run(tauri::generate_context!())
    {
        eprintln!("rehearse-hello-tauri: {e}");
        std::process::exit(1);
    }
}
