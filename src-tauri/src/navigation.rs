//! Keeps the window on the app. Scenario Markdown may carry links; clicking
//! one used to load the remote page inside the app window, replacing it with
//! no way back (issue #10). The navigation guard lets the window load only
//! the app's own pages; an `http`, `https` or `mailto` link opens in the
//! system's browser or mail program instead, and the window stays where it
//! is. Anything else is refused.

use tauri::plugin::TauriPlugin;
use tauri::{Runtime, Url};

/// Whether `url` is one of the app's own pages (the bundled `ui/`).
pub fn is_app_page(url: &Url) -> bool {
    match url.scheme() {
        // Linux and macOS serve the app as tauri://localhost, Windows as
        // http(s)://tauri.localhost.
        "tauri" => url.host_str() == Some("localhost"),
        "http" | "https" => url.host_str() == Some("tauri.localhost"),
        _ => false,
    }
}

/// Whether a refused navigation is worth handing to the system (a web or
/// mail link a trainer put in a scenario).
pub fn opens_outside(url: &Url) -> bool {
    matches!(url.scheme(), "http" | "https" | "mailto") && !is_app_page(url)
}

/// The guard, as a plugin for the app's builder.
pub fn guard<R: Runtime>() -> TauriPlugin<R> {
    tauri::plugin::Builder::new("navigation-guard")
        .on_navigation(|_webview, url| {
            if is_app_page(url) {
                return true;
            }
            if opens_outside(url) {
                open_outside(url.as_str());
            }
            false
        })
        .build()
}

/// Hands a link to the system's browser or mail program, without waiting.
fn open_outside(url: &str) {
    #[cfg(target_os = "linux")]
    let opener = ("xdg-open", Vec::<&str>::new());
    #[cfg(target_os = "macos")]
    let opener = ("open", Vec::<&str>::new());
    #[cfg(target_os = "windows")]
    let opener = ("cmd", vec!["/C", "start", ""]);
    let (program, mut args) = opener;
    args.push(url);
    // No opener installed is not an error for the app: the window stays.
    let _ = std::process::Command::new(program)
        .args(args)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn();
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_apps_own_pages_load_in_the_window() {
        let url = |s: &str| Url::parse(s).unwrap();
        for own in [
            "tauri://localhost/index.html",
            "tauri://localhost/",
            "http://tauri.localhost/index.html",
            "https://tauri.localhost/",
        ] {
            assert!(is_app_page(&url(own)), "{own}");
        }
        for other in [
            "https://example.org/",
            "http://localhost:8000/",
            "tauri://evil.example/",
            "file:///etc/passwd",
            "javascript:alert(1)",
            "data:text/html,hi",
        ] {
            assert!(!is_app_page(&url(other)), "{other}");
        }
        assert!(opens_outside(&url("https://example.org/guide")));
        assert!(opens_outside(&url("mailto:peer.support@trust.example")));
        assert!(!opens_outside(&url("file:///etc/passwd")));
        assert!(!opens_outside(&url("javascript:alert(1)")));
    }
}
