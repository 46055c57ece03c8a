//! The end-to-end harness: a private X display (Xvfb), `tauri-driver` in
//! front of WebKitWebDriver, and a small WebDriver client over plain HTTP.
//! Each test gets its own display, driver ports and data directory, so
//! tests are isolated; a lock runs them one at a time.

use serde_json::{json, Value};
use std::io::{BufRead, BufReader};
use std::net::TcpListener;
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{Mutex, MutexGuard};
use std::time::{Duration, Instant};

/// The app binary Cargo built for this test target.
pub const APP: &str = env!("CARGO_BIN_EXE_rehearse-desktop");

/// The W3C WebDriver element key.
const ELEMENT: &str = "element-6066-11e4-a52e-4f735466cecf";

/// How long to wait for the page to reach a state.
pub const WAIT: Duration = Duration::from_secs(20);

static SERIAL: Mutex<()> = Mutex::new(());

/// Keys for `send_keys`.
pub mod keys {
    /// Tab.
    pub const TAB: &str = "\u{E004}";
    /// Enter.
    pub const ENTER: &str = "\u{E007}";
    /// Control (held until the end of the call).
    pub const CONTROL: &str = "\u{E009}";
    /// Shift (held until the end of the call).
    pub const SHIFT: &str = "\u{E008}";
    /// Escape.
    pub const ESCAPE: &str = "\u{E00C}";
}

/// The repository root.
/// Copies the bundled scenario `id` (its whole folder, translations
/// included) into `dest`, for tests that edit a scenario on disk.
pub fn copy_bundled_scenario(id: &str, dest: &Path) {
    fn copy(from: &Path, to: &Path) {
        std::fs::create_dir_all(to).unwrap();
        for entry in std::fs::read_dir(from).unwrap() {
            let p = entry.unwrap().path();
            let target = to.join(p.file_name().unwrap());
            if p.is_dir() {
                copy(&p, &target);
            } else {
                std::fs::copy(&p, &target).unwrap();
            }
        }
    }
    copy(&repo().join("scenarios").join(id), dest);
}

pub fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("src-tauri has a parent")
        .to_path_buf()
}

/// Where screenshots go: `<target dir>/e2e-artifacts`.
pub fn artifacts() -> PathBuf {
    let dir = Path::new(APP)
        .parent()
        .and_then(Path::parent)
        .expect("the binary is in <target>/<profile>/")
        .join("e2e-artifacts");
    std::fs::create_dir_all(&dir).expect("create the artifacts folder");
    dir
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free local port")
}

fn require(tool: &str) -> PathBuf {
    let found = std::env::var_os("PATH").and_then(|paths| {
        std::env::split_paths(&paths)
            .chain(dirs_home_cargo_bin())
            .map(|p| p.join(tool))
            .find(|p| p.is_file())
    });
    found.unwrap_or_else(|| {
        panic!("{tool} is not installed; run scripts/setup.sh (see README, \"End-to-end tests\")")
    })
}

fn dirs_home_cargo_bin() -> Option<PathBuf> {
    std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cargo/bin"))
}

/// A child process that is stopped, with its whole process group (so
/// tauri-driver's WebKitWebDriver goes too), when dropped.
struct Killed(Child);

impl Drop for Killed {
    fn drop(&mut self) {
        let group = format!("-{}", self.0.id());
        let _ = Command::new("kill").args(["-TERM", "--", &group]).status();
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// An HTTP client that gives up instead of hanging a test.
fn http() -> ureq::Agent {
    ureq::AgentBuilder::new()
        .timeout(Duration::from_secs(60))
        .build()
}

/// A test's world: a display and a data directory that outlive app launches.
pub struct Env {
    _serial: MutexGuard<'static, ()>,
    display: String,
    _xvfb: Killed,
    /// `XDG_DATA_HOME` for the app.
    pub data: tempfile::TempDir,
    name: String,
}

impl Env {
    /// Starts a private X display and makes an empty data directory.
    pub fn new(name: &str) -> Env {
        let serial = SERIAL.lock().unwrap_or_else(|p| p.into_inner());
        let xvfb = require("Xvfb");
        let mut child = Command::new(xvfb)
            .process_group(0)
            .args([
                "-displayfd",
                "1",
                "-screen",
                "0",
                "1280x900x24",
                "-nolisten",
                "tcp",
            ])
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("start Xvfb");
        let mut line = String::new();
        BufReader::new(child.stdout.take().expect("Xvfb stdout"))
            .read_line(&mut line)
            .expect("read Xvfb's display number");
        let display = format!(":{}", line.trim());
        assert!(
            line.trim().parse::<u32>().is_ok(),
            "Xvfb did not report a display: {line:?}"
        );
        // Screenshots of an earlier run of this test go, so the folder
        // holds this run's only.
        let prefix = format!("{name}-");
        for entry in std::fs::read_dir(artifacts())
            .into_iter()
            .flatten()
            .flatten()
        {
            let file = entry.file_name().to_string_lossy().into_owned();
            let rest = file.strip_prefix(&prefix).unwrap_or_default();
            if rest.starts_with(|c: char| c.is_ascii_digit()) && file.ends_with(".png") {
                let _ = std::fs::remove_file(entry.path());
            }
        }
        Env {
            _serial: serial,
            display,
            _xvfb: Killed(child),
            data: tempfile::tempdir().expect("temp data dir"),
            name: name.to_string(),
        }
    }

    /// The process id of the app window started for this test (the one
    /// whose `XDG_DATA_HOME` is this test's data directory), if it runs.
    pub fn app_pid(&self) -> Option<u32> {
        let app = std::fs::canonicalize(APP).ok()?;
        let mut want = b"XDG_DATA_HOME=".to_vec();
        want.extend_from_slice(self.data.path().as_os_str().as_encoded_bytes());
        std::fs::read_dir("/proc").ok()?.flatten().find_map(|e| {
            let pid: u32 = e.file_name().to_str()?.parse().ok()?;
            let exe = std::fs::read_link(e.path().join("exe")).ok()?;
            if exe != app {
                return None;
            }
            let env = std::fs::read(e.path().join("environ")).ok()?;
            env.split(|b| *b == 0)
                .any(|var| var == want.as_slice())
                .then_some(pid)
        })
    }

    /// Kills the app window with SIGKILL (as a crash or `kill -9` would)
    /// and waits until the process is gone.
    pub fn kill_app(&self) {
        let pid = self.app_pid().expect("the app is running");
        let status = Command::new("kill")
            .args(["-KILL", &pid.to_string()])
            .status()
            .expect("run kill");
        assert!(status.success(), "kill -KILL {pid}");
        let deadline = Instant::now() + WAIT;
        while Path::new(&format!("/proc/{pid}/exe")).exists()
            && std::fs::read_to_string(format!("/proc/{pid}/stat"))
                .map(|s| !s.contains(") Z "))
                .unwrap_or(false)
        {
            assert!(Instant::now() < deadline, "the app outlived SIGKILL");
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// Launches the app in a fresh WebDriver session.
    pub fn launch(&self) -> App {
        self.launch_with(&[])
    }

    /// Launches the app with extra environment variables (such as
    /// `REHEARSE_NOW` to fix the records clock).
    pub fn launch_with(&self, vars: &[(&str, &str)]) -> App {
        let driver = require("tauri-driver");
        let native = require("WebKitWebDriver");
        let port = free_port();
        let native_port = free_port();
        let child = Command::new(driver)
            .process_group(0)
            .args([
                "--port",
                &port.to_string(),
                "--native-port",
                &native_port.to_string(),
            ])
            .arg("--native-driver")
            .arg(native)
            .env("DISPLAY", &self.display)
            .env("XDG_DATA_HOME", self.data.path())
            .env("REHEARSE_SCENARIOS", repo().join("scenarios"))
            .env("WEBKIT_DISABLE_COMPOSITING_MODE", "1")
            .env("LIBGL_ALWAYS_SOFTWARE", "1")
            .env_remove("WAYLAND_DISPLAY")
            .env_remove("REHEARSE_NOW")
            .envs(vars.iter().copied())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start tauri-driver");
        let driver = Killed(child);
        let base = format!("http://127.0.0.1:{port}");
        let deadline = Instant::now() + WAIT;
        while http().get(&format!("{base}/status")).call().is_err() {
            assert!(
                Instant::now() < deadline,
                "tauri-driver did not start on port {port}"
            );
            std::thread::sleep(Duration::from_millis(100));
        }
        let caps =
            json!({"capabilities": {"alwaysMatch": {"tauri:options": {"application": APP}}}});
        let created: Value = http()
            .post(&format!("{base}/session"))
            .send_json(caps)
            .unwrap_or_else(|e| panic!("create a WebDriver session: {}", describe(e)))
            .into_json()
            .expect("session JSON");
        let session = created["value"]["sessionId"]
            .as_str()
            .expect("a session id")
            .to_string();
        let app = App {
            url: format!("{base}/session/{session}"),
            _driver: driver,
            name: self.name.clone(),
            shots: std::cell::Cell::new(0),
        };
        // axe-core takes a few seconds on the larger views (a11y.rs).
        app.post("/timeouts", json!({"script": 120_000}))
            .unwrap_or_else(|e| panic!("set the script timeout: {e}"));
        app.wait_for("#main h1");
        app
    }
}

fn describe(e: ureq::Error) -> String {
    match e {
        ureq::Error::Status(code, r) => {
            format!("HTTP {code}: {}", r.into_string().unwrap_or_default())
        }
        other => other.to_string(),
    }
}

/// A running app window behind a WebDriver session.
pub struct App {
    url: String,
    _driver: Killed,
    name: String,
    shots: std::cell::Cell<u32>,
}

impl Drop for App {
    fn drop(&mut self) {
        if std::thread::panicking() {
            self.screenshot("failure");
        }
        // Ends the session, which closes the app.
        let _ = ureq::AgentBuilder::new()
            .timeout(Duration::from_secs(10))
            .build()
            .delete(&self.url)
            .call();
    }
}

/// An element reference.
#[derive(Debug, Clone)]
pub struct El(String);

impl App {
    /// POSTs a WebDriver command of this session and returns its value.
    pub(crate) fn post(&self, path: &str, body: Value) -> Result<Value, String> {
        http()
            .post(&format!("{}{path}", self.url))
            .send_json(body)
            .map_err(describe)
            .and_then(|r| r.into_json::<Value>().map_err(|e| e.to_string()))
            .map(|v| v["value"].clone())
    }

    fn get(&self, path: &str) -> Result<Value, String> {
        http()
            .get(&format!("{}{path}", self.url))
            .call()
            .map_err(describe)
            .and_then(|r| r.into_json::<Value>().map_err(|e| e.to_string()))
            .map(|v| v["value"].clone())
    }

    /// All elements matching a CSS selector, now.
    pub fn all(&self, css: &str) -> Vec<El> {
        self.post("/elements", json!({"using": "css selector", "value": css}))
            .ok()
            .and_then(|v| v.as_array().cloned())
            .unwrap_or_default()
            .iter()
            .filter_map(|e| e[ELEMENT].as_str().map(|s| El(s.to_string())))
            .collect()
    }

    /// Waits until an element matches, and returns the first.
    pub fn wait_for(&self, css: &str) -> El {
        self.wait_until(&format!("an element matching {css}"), || {
            self.all(css).into_iter().next()
        })
    }

    /// Polls `f` until it returns something, or fails the test.
    pub fn wait_until<T>(&self, what: &str, mut f: impl FnMut() -> Option<T>) -> T {
        let deadline = Instant::now() + WAIT;
        loop {
            if let Some(v) = f() {
                return v;
            }
            if Instant::now() > deadline {
                let body = self.text_of("body").unwrap_or_default();
                panic!("timed out waiting for {what}; the page said:\n{body}");
            }
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    /// The visible text of an element.
    pub fn text(&self, el: &El) -> String {
        self.get(&format!("/element/{}/text", el.0))
            .ok()
            .and_then(|v| v.as_str().map(str::to_string))
            .unwrap_or_default()
    }

    /// The text of the first element matching `css`, if any.
    pub fn text_of(&self, css: &str) -> Option<String> {
        self.all(css).first().map(|e| self.text(e))
    }

    /// An attribute of an element.
    pub fn attr(&self, el: &El, name: &str) -> Option<String> {
        self.get(&format!("/element/{}/attribute/{name}", el.0))
            .ok()
            .and_then(|v| v.as_str().map(str::to_string))
    }

    /// Clicks an element.
    pub fn click(&self, el: &El) {
        self.post(&format!("/element/{}/click", el.0), json!({}))
            .unwrap_or_else(|e| panic!("click: {e}"));
    }

    /// Waits for `css` and clicks it, finding it again if the page
    /// re-rendered it in between.
    pub fn click_on(&self, css: &str) {
        self.wait_until(&format!("a clickable {css}"), || {
            let el = self.all(css).into_iter().next()?;
            self.post(&format!("/element/{}/click", el.0), json!({}))
                .ok()
        });
    }

    /// Types into an element (keys from [`keys`] allowed).
    pub fn type_into(&self, el: &El, text: &str) {
        self.post(&format!("/element/{}/value", el.0), json!({"text": text}))
            .unwrap_or_else(|e| panic!("send keys: {e}"));
    }

    /// The element that has keyboard focus (asked again while the page
    /// re-renders the focused element: its old node is then stale).
    pub fn active(&self) -> El {
        self.wait_until("the active element", || {
            let v = self.get("/element/active").ok()?;
            v[ELEMENT].as_str().map(|id| El(id.to_string()))
        })
    }

    /// Presses keys on whatever has focus, as a keyboard would (WebDriver
    /// key actions). A modifier from [`keys`] (Control, Shift) is held
    /// until the end.
    pub fn press(&self, keys: &str) {
        let mut actions = Vec::new();
        let mut held = Vec::new();
        for c in keys.chars() {
            let k = c.to_string();
            actions.push(json!({"type": "keyDown", "value": k}));
            if c == '\u{E009}' || c == '\u{E008}' {
                held.push(k);
            } else {
                actions.push(json!({"type": "keyUp", "value": k}));
            }
        }
        for k in held.into_iter().rev() {
            actions.push(json!({"type": "keyUp", "value": k}));
        }
        self.post(
            "/actions",
            json!({"actions": [{"type": "key", "id": "keyboard", "actions": actions}]}),
        )
        .unwrap_or_else(|e| panic!("key actions: {e}"));
    }

    /// Presses Tab until the focused element satisfies `pred`.
    pub fn tab_to(&self, what: &str, pred: impl Fn(&App, &El) -> bool) {
        self.tab_until(what, keys::TAB, pred);
    }

    /// Presses Shift+Tab until the focused element satisfies `pred`.
    pub fn shift_tab_to(&self, what: &str, pred: impl Fn(&App, &El) -> bool) {
        self.tab_until(what, &format!("{}{}", keys::SHIFT, keys::TAB), pred);
    }

    fn tab_until(&self, what: &str, key: &str, pred: impl Fn(&App, &El) -> bool) {
        for _ in 0..80 {
            let el = self.active();
            if pred(self, &el) {
                return;
            }
            self.press(key);
        }
        panic!(
            "{} never reached {what}",
            if key == keys::TAB { "Tab" } else { "Shift+Tab" }
        );
    }

    /// The address the window shows now.
    pub fn current_url(&self) -> String {
        self.get("/url")
            .ok()
            .and_then(|v| v.as_str().map(str::to_string))
            .unwrap_or_default()
    }

    /// The text of an open alert, confirm or prompt dialog, if one is open.
    pub fn open_alert(&self) -> Option<String> {
        self.get("/alert/text")
            .ok()
            .map(|v| v.as_str().unwrap_or_default().to_string())
    }

    /// Runs a script in the page and returns its value.
    pub fn execute(&self, script: &str) -> Value {
        self.post("/execute/sync", json!({"script": script, "args": []}))
            .unwrap_or_else(|e| panic!("execute script: {e}"))
    }

    /// Runs an async script (its last argument is the callback) and returns
    /// the value it passed back.
    pub fn execute_async(&self, script: &str) -> Value {
        self.post("/execute/async", json!({"script": script, "args": []}))
            .unwrap_or_else(|e| panic!("execute async script: {e}"))
    }

    /// The player's turn counter.
    pub fn turn(&self) -> u32 {
        self.all("#player")
            .first()
            .and_then(|e| self.attr(e, "data-turn"))
            .and_then(|t| t.parse().ok())
            .unwrap_or(0)
    }

    /// Waits until the player shows `turn` turns.
    pub fn wait_turn(&self, turn: u32) {
        self.wait_until(&format!("turn {turn}"), || {
            (self.turn() == turn).then_some(())
        });
    }

    /// Saves a screenshot to `<target>/e2e-artifacts/<test>-<n>-<label>.png`.
    /// Under Xvfb without compositing, WebKitWebDriver's shot is the last
    /// frame painted, which can miss what a script added since (such as
    /// the workbench graph), and it never answers for a page shorter than
    /// the window. So the whole page is repainted first (an opacity of
    /// 0.999, invisible) and a short page is made one pixel taller than
    /// the window, both undone after the shot.
    pub fn screenshot(&self, label: &str) -> Option<PathBuf> {
        let _ = self.post(
            "/execute/sync",
            json!({"script": "const r = document.documentElement;
                r.style.opacity = '0.999';
                if (r.scrollHeight <= innerHeight) r.style.minHeight = (innerHeight + 1) + 'px';
                return true;", "args": []}),
        );
        let data = self.get("/screenshot");
        let _ = self.post(
            "/execute/sync",
            json!({"script": "const r = document.documentElement.style;
                r.minHeight = ''; r.opacity = ''; return true;", "args": []}),
        );
        let data = data.ok()?;
        let bytes = base64_decode(data.as_str()?)?;
        let n = self.shots.get() + 1;
        self.shots.set(n);
        let path = artifacts().join(format!("{}-{n}-{label}.png", self.name));
        std::fs::write(&path, bytes).ok()?;
        Some(path)
    }
}

/// Decodes standard base64 (the screenshot encoding).
fn base64_decode(s: &str) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(s.len() * 3 / 4);
    let mut acc = 0u32;
    let mut bits = 0;
    for c in s.bytes() {
        let v = match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'+' => 62,
            b'/' => 63,
            b'=' | b'\n' | b'\r' => continue,
            _ => return None,
        };
        acc = (acc << 6) | u32::from(v);
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
        }
    }
    Some(out)
}

#[test]
fn base64_round_trip() {
    assert_eq!(base64_decode("aGVsbG8=").unwrap(), b"hello");
    assert_eq!(base64_decode("aGk=").unwrap(), b"hi");
    assert!(base64_decode("a*b").is_none());
}
