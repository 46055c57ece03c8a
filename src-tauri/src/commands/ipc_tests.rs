//! The IPC contract, exercised as the page exercises it: the one command
//! list agrees with the capability file and with `ui/js/api.js`, and calls
//! go through Tauri's IPC (argument decoding and the real ACL built from
//! the capability) with `tauri::test::get_ipc_response`, not by calling the
//! Rust functions.

use crate::state::AppState;
use std::collections::BTreeSet;
use std::path::Path;
use tauri::test::{get_ipc_response, mock_builder, MockRuntime, INVOKE_KEY};
use tauri::webview::InvokeRequest;
use tauri::{App, WebviewWindow, WebviewWindowBuilder};

fn manifest_file(rel: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(rel);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The app commands the capability grants (`allow-list-profiles` gives
/// `list_profiles`); plugin and core permissions are left out.
fn granted() -> BTreeSet<String> {
    let cap: serde_json::Value =
        serde_json::from_str(&manifest_file("capabilities/default.json")).unwrap();
    cap["permissions"]
        .as_array()
        .expect("a permissions array")
        .iter()
        .filter_map(|p| p.as_str())
        .filter(|p| !p.contains(':'))
        .map(|p| {
            p.strip_prefix("allow-")
                .unwrap_or_else(|| panic!("an app permission that is not allow-…: {p}"))
                .replace('-', "_")
        })
        .collect()
}

/// The commands `ui/js/api.js` invokes, through its `call("name", …)`.
fn invoked_by_the_page() -> BTreeSet<String> {
    let js = manifest_file("../ui/js/api.js");
    let mut out = BTreeSet::new();
    for (i, _) in js.match_indices("call(") {
        let rest = &js[i + "call(".len()..];
        let Some(quote) = rest.chars().next().filter(|c| *c == '"' || *c == '\'') else {
            continue;
        };
        if let Some(end) = rest[1..].find(quote) {
            out.insert(rest[1..1 + end].to_string());
        }
    }
    out
}

#[test]
fn the_command_list_the_capability_and_the_page_agree() {
    let listed: BTreeSet<String> = crate::COMMANDS.iter().map(|c| c.to_string()).collect();
    assert_eq!(
        listed.len(),
        crate::COMMANDS.len(),
        "a command listed twice"
    );
    assert!(listed.len() > 30, "{listed:?}");
    let granted = granted();
    assert_eq!(
        listed.difference(&granted).collect::<Vec<_>>(),
        Vec::<&String>::new(),
        "commands the capability does not grant"
    );
    assert_eq!(
        granted.difference(&listed).collect::<Vec<_>>(),
        Vec::<&String>::new(),
        "permissions for commands that do not exist"
    );
    let page = invoked_by_the_page();
    assert_eq!(
        page.difference(&listed).collect::<Vec<_>>(),
        Vec::<&String>::new(),
        "the page calls commands that do not exist"
    );
    assert_eq!(
        listed.difference(&page).collect::<Vec<_>>(),
        Vec::<&String>::new(),
        "commands the page never calls"
    );
    // Only api.js talks to the Rust side.
    for entry in std::fs::read_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join("../ui/js")).unwrap()
    {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "js") && !path.ends_with("api.js") {
            let text = std::fs::read_to_string(&path).unwrap();
            assert!(
                !text.contains(".invoke("),
                "{} calls invoke",
                path.display()
            );
        }
    }
}

/// The app with its real context: the generated ACL from the capability
/// file, so permissions are checked as in the shipped window.
fn app(data: &Path) -> App<MockRuntime> {
    crate::setup(mock_builder(), AppState::open(data).expect("open state"))
        .build(tauri::generate_context!())
        .expect("build the app")
}

fn window(app: &App<MockRuntime>, label: &str) -> WebviewWindow<MockRuntime> {
    WebviewWindowBuilder::new(app, label, Default::default())
        .build()
        .expect("a window")
}

fn invoke(
    w: &WebviewWindow<MockRuntime>,
    cmd: &str,
    body: serde_json::Value,
) -> Result<serde_json::Value, serde_json::Value> {
    get_ipc_response(
        w,
        InvokeRequest {
            cmd: cmd.into(),
            callback: tauri::ipc::CallbackFn(0),
            error: tauri::ipc::CallbackFn(1),
            url: "tauri://localhost".parse().unwrap(),
            body: tauri::ipc::InvokeBody::Json(body),
            headers: Default::default(),
            invoke_key: INVOKE_KEY.to_string(),
        },
    )
    .map(|b| b.deserialize::<serde_json::Value>().unwrap())
}

#[test]
fn a_call_through_ipc_decodes_its_arguments_and_returns_code_and_message() {
    let data = tempfile::tempdir().unwrap();
    let app = app(data.path());
    let main = window(&app, "main");
    let made = invoke(
        &main,
        "create_profile",
        serde_json::json!({ "name": "Ana Ruiz" }),
    )
    .expect("a profile");
    assert_eq!(made["name"], "Ana Ruiz", "{made}");
    let listed = invoke(&main, "list_profiles", serde_json::json!({})).unwrap();
    assert!(
        listed
            .as_array()
            .is_some_and(|a| a.iter().any(|p| p["name"] == "Ana Ruiz")),
        "{listed}"
    );
    // A missing or mistyped argument is refused by decoding, before the command.
    for body in [serde_json::json!({}), serde_json::json!({ "name": 5 })] {
        let e = invoke(&main, "create_profile", body.clone()).unwrap_err();
        let text = e.to_string();
        assert!(text.contains("name"), "{body}: {text}");
    }
    // The command's own error reaches the page as {code, message}.
    let e = invoke(&main, "create_profile", serde_json::json!({ "name": "  " })).unwrap_err();
    assert!(e["code"].is_string() && e["message"].is_string(), "{e}");
}

#[test]
fn the_acl_refuses_unknown_commands_and_windows_outside_the_capability() {
    let data = tempfile::tempdir().unwrap();
    let app = app(data.path());
    let main = window(&app, "main");
    assert!(invoke(&main, "list_profiles", serde_json::json!({})).is_ok());
    let e = invoke(&main, "read_any_file", serde_json::json!({})).unwrap_err();
    assert!(
        e.to_string().contains("not found") || e.to_string().contains("not allowed"),
        "{e}"
    );
    // The capability names the main window only.
    let other = window(&app, "other");
    let e = invoke(&other, "list_profiles", serde_json::json!({})).unwrap_err();
    assert!(e.to_string().contains("not allowed"), "{e}");
    // Plugin commands the capability does not grant (the page has no dialog
    // or filesystem permission) are refused too.
    let e = invoke(&main, "plugin:dialog|open", serde_json::json!({})).unwrap_err();
    assert!(e.to_string().contains("not allowed"), "{e}");
}
