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

/// The types the page's modules name in JSDoc, as
/// `import("./bindings").Name` (or `../bindings` from a view), with the file
/// naming each.
fn types_named_by_the_page() -> Vec<(String, String)> {
    let ui = Path::new(env!("CARGO_MANIFEST_DIR")).join("../ui/js");
    let mut files = vec![ui.join("api.js")];
    let views = std::fs::read_dir(ui.join("views")).expect("ui/js/views");
    files.extend(views.map(|e| e.unwrap().path()));
    files.extend(
        std::fs::read_dir(&ui)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|x| x == "js") && !p.ends_with("api.js")),
    );
    let mut out = Vec::new();
    for file in files {
        let text = std::fs::read_to_string(&file).unwrap();
        for part in text.split("bindings\").").skip(1) {
            let name: String = part
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                .collect();
            out.push((file.display().to_string(), name));
        }
    }
    out
}

/// Issue #11: the page's types are generated from the Rust view models
/// (`rehearse_app::bindings`), the committed `ui/js/bindings.d.ts` is what
/// the generator writes now, and every type the page names is declared
/// there. `REHEARSE_WRITE_BINDINGS=1` rewrites the file instead.
#[test]
fn the_page_imports_bindings_generated_from_the_view_models() {
    let file = Path::new(env!("CARGO_MANIFEST_DIR")).join("../ui/js/bindings.d.ts");
    let generated = rehearse_app::bindings::declarations();
    if std::env::var_os("REHEARSE_WRITE_BINDINGS").is_some() {
        std::fs::write(&file, &generated).unwrap();
    }
    let committed = std::fs::read_to_string(&file).unwrap_or_default();
    assert!(
        committed == generated,
        "ui/js/bindings.d.ts is not what the view models generate; run \
         REHEARSE_WRITE_BINDINGS=1 cargo test -p rehearse-desktop --lib bindings"
    );
    let declared: BTreeSet<String> = rehearse_app::bindings::declared_names()
        .into_iter()
        .collect();
    let named = types_named_by_the_page();
    assert!(named.len() >= 20, "the page names only {named:?}");
    for (file, name) in &named {
        assert!(
            declared.contains(name),
            "{file} names the type {name}, which bindings.d.ts does not declare"
        );
    }
    // The api module types what its commands return.
    let api: BTreeSet<&str> = named
        .iter()
        .filter(|(f, _)| f.ends_with("api.js"))
        .map(|(_, n)| n.as_str())
        .collect();
    for n in [
        "PlayerView",
        "DebriefView",
        "DashboardView",
        "ScenarioCard",
        "ErrorView",
    ] {
        assert!(api.contains(n), "api.js does not type {n}: {api:?}");
    }
}

/// The page's checked modules (those starting `// @ts-check`) type-check
/// against the generated declarations with TypeScript's own checker, so a
/// renamed or removed view-model field the page still reads fails here,
/// not in a trainee's window. The checker is pinned in tests/types and
/// installed by scripts/setup.sh.
#[test]
fn the_page_type_checks_against_the_bindings() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let tsc = root.join("tests/types/node_modules/.bin/tsc");
    assert!(
        tsc.is_file(),
        "TypeScript's checker is not installed in tests/types: run scripts/setup.sh"
    );
    let checked = [
        "api.js",
        "views/player.js",
        "views/library.js",
        "views/debrief.js",
    ];
    for f in checked {
        let text = manifest_file(&format!("../ui/js/{f}"));
        assert!(text.starts_with("// @ts-check"), "ui/js/{f} is not checked");
    }
    let out = std::process::Command::new(&tsc)
        .arg("-p")
        .arg(root.join("tests/types"))
        .output()
        .expect("tsc runs");
    assert!(
        out.status.success(),
        "the page does not type-check against ui/js/bindings.d.ts:\n{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

/// One casing on the wire: the page sends every command argument in
/// snake_case, as the view models' fields are (Tauri's default would
/// expect camelCase argument names, so a multi-word argument's command
/// says `rename_all = "snake_case"`).
#[test]
fn the_page_sends_snake_case_arguments() {
    let js = manifest_file("../ui/js/api.js");
    let mut keys = Vec::new();
    for (at, _) in js.match_indices("call(\"") {
        let rest = &js[at..];
        let Some(open) = rest.find('{').filter(|o| *o < rest.find(')').unwrap_or(0)) else {
            continue;
        };
        let body = &rest[open + 1..rest[open..].find('}').map_or(open + 1, |c| open + c)];
        for part in body.split(',') {
            let key = part.split(':').next().unwrap_or("").trim();
            if !key.is_empty() && !key.starts_with("...") {
                keys.push(key.to_string());
            }
        }
    }
    assert!(keys.len() > 20, "{keys:?}");
    let camel: Vec<&String> = keys
        .iter()
        .filter(|k| k.chars().any(|c| c.is_ascii_uppercase()))
        .collect();
    assert!(camel.is_empty(), "camelCase arguments: {camel:?}");
    assert!(keys.iter().any(|k| k == "home_page"), "{keys:?}");
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
