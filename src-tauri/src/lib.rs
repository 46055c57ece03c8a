//! # rehearse-desktop
//!
//! The Rehearse desktop app: a thin Tauri 2 shell over `rehearse-core`.
//! Commands are grouped by capability in [`commands`]; state lives in the
//! newtypes of [`state`], given to `.manage()`; every error reaches the page
//! as `{code, message}` ([`error::Error`]). Grading, routing, linting,
//! Markdown rendering and records all come from the core; this crate only
//! adapts them into views for the page ([`views`]) and watches scenario
//! files for the workbench ([`watch`]).

#[macro_use]
mod command_list;
pub mod commands;
pub mod error;
pub mod navigation;
pub mod state;
/// The page's view models, from the application layer.
pub use rehearse_app::view as views;
pub mod watch;

pub use error::{Error, Result};

/// Registers every command of the list as a handler.
macro_rules! handler {
    ($($module:ident :: $command:ident,)*) => {
        tauri::generate_handler![$(commands::$module::$command),*]
    };
}

/// Every IPC command the app exposes, from the one list
/// (`src/command_list.rs`) that also gives the handler and the build
/// script's permissions.
pub const COMMANDS: &[&str] = with_commands!(command_names);

/// Adds the app's state and command handler to a builder, for any runtime
/// (the real window, or Tauri's mock runtime in tests).
pub fn setup<R: tauri::Runtime>(
    builder: tauri::Builder<R>,
    app: state::AppState,
) -> tauri::Builder<R> {
    let state::AppState {
        records,
        library,
        player,
        workbench,
    } = app;
    // The language setting lives beside the records database; an unreadable
    // settings file is reported and the system's language used instead.
    let locale = commands::locale::Locale::beside(&records).unwrap_or_else(|e| {
        eprintln!("rehearse: {e}; using the system's language");
        commands::locale::Locale::system_only(&records)
    });
    builder
        .manage(locale)
        .manage(records)
        .manage(library)
        .manage(player)
        .manage(workbench)
        .invoke_handler(with_commands!(handler))
}

/// Starts the app: opens the records database in the platform data
/// directory and shows the main window.
pub fn run() {
    let app = match state::AppState::open_default() {
        Ok(app) => app,
        Err(e) => {
            eprintln!("rehearse: {e}");
            std::process::exit(1);
        }
    };
    setup(
        tauri::Builder::default()
            .plugin(tauri_plugin_dialog::init())
            .plugin(navigation::guard()),
        app,
    )
    .run(tauri::generate_context!())
    .unwrap_or_else(|e| {
        eprintln!("rehearse: the window could not be started: {e}");
        std::process::exit(1);
    });
}
