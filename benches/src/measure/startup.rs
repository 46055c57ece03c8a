//! `startup`: the desktop app's cold start to an interactive library, under
//! Xvfb, against a bare Tauri 2 window (`benches/hello-tauri`, built here
//! from the workspace's own Tauri dependencies) in the same run.
//!
//! Both are launched the way the end-to-end tests launch the app: a
//! WebDriver session through `tauri-driver` (WebKitWebDriver), which starts
//! the binary. The clock runs from the session request until:
//! - the app: the start screen lists the trainee's profile, its button is
//!   clicked, and the library shows its scenario cards (`#library .card`);
//! - the hello window: its page has made one call to the Rust side and
//!   shows `#ready`.
//!
//! The data folder is kept between launches (a returning trainee: the
//! records database and the library index exist, so an unchanged scenario
//! is not compiled again); the first launch of each, which creates the
//! profile, compiles the library once and warms the file cache, is not
//! counted.

use crate::context::Context;
use crate::report::{Goal, Quantity, Row};
use crate::Error;
use serde_json::{json, Value};
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

const NAME: &str = "startup";
const ELEMENT: &str = "element-6066-11e4-a52e-4f735466cecf";
const WAIT: Duration = Duration::from_secs(60);

fn measure_error(message: String) -> Error {
    Error::Measure {
        measure: NAME,
        message,
    }
}

/// A child process killed (with its process group) when dropped.
struct Killed(Child);

impl Drop for Killed {
    fn drop(&mut self) {
        // SAFETY: signals our own child's process group, then reaps it.
        unsafe { libc::kill(-(self.0.id() as libc::pid_t), libc::SIGTERM) };
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn tool(name: &str) -> Result<PathBuf, Error> {
    let mut dirs: Vec<PathBuf> = std::env::var_os("PATH")
        .map(|p| std::env::split_paths(&p).collect())
        .unwrap_or_default();
    if let Some(home) = std::env::var_os("HOME") {
        dirs.push(PathBuf::from(home).join(".cargo/bin"));
    }
    dirs.into_iter()
        .map(|d| d.join(name))
        .find(|p| p.is_file())
        .ok_or_else(|| {
            measure_error(format!(
                "{name} is not installed (`. scripts/setup.sh` installs Xvfb, WebKitWebDriver and tauri-driver)"
            ))
        })
}

/// Starts a private X display; its name (`:N`) and the server.
fn xvfb() -> Result<(String, Killed), Error> {
    use std::os::unix::process::CommandExt;
    let mut child = Command::new(tool("Xvfb")?)
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
        .map_err(|e| measure_error(format!("could not start Xvfb: {e}")))?;
    let mut line = String::new();
    let out = child.stdout.take();
    let server = Killed(child);
    if let Some(out) = out {
        let _ = BufReader::new(out).read_line(&mut line);
    }
    let n: u32 = line
        .trim()
        .parse()
        .map_err(|_| measure_error(format!("Xvfb did not report a display: {line:?}")))?;
    Ok((format!(":{n}"), server))
}

fn free_port() -> Result<u16, Error> {
    Ok(std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map_err(|e| Error::io("127.0.0.1:0", e))?
        .port())
}

/// `tauri-driver` on a free port, for every launch of the measure.
struct Driver {
    base: String,
    agent: ureq::Agent,
    _child: Killed,
}

impl Driver {
    fn start(display: &str, data: &Path, scenarios: &Path) -> Result<Driver, Error> {
        use std::os::unix::process::CommandExt;
        let port = free_port()?;
        let native = free_port()?;
        let child = Command::new(tool("tauri-driver")?)
            .process_group(0)
            .args([
                "--port",
                &port.to_string(),
                "--native-port",
                &native.to_string(),
            ])
            .arg("--native-driver")
            .arg(tool("WebKitWebDriver")?)
            .env("DISPLAY", display)
            .env("XDG_DATA_HOME", data)
            .env("REHEARSE_SCENARIOS", scenarios)
            .env("WEBKIT_DISABLE_COMPOSITING_MODE", "1")
            .env("LIBGL_ALWAYS_SOFTWARE", "1")
            .env_remove("WAYLAND_DISPLAY")
            .env_remove("REHEARSE_NOW")
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .map_err(|e| measure_error(format!("could not start tauri-driver: {e}")))?;
        let driver = Driver {
            base: format!("http://127.0.0.1:{port}"),
            agent: ureq::AgentBuilder::new().timeout(WAIT).build(),
            _child: Killed(child),
        };
        let start = Instant::now();
        while driver
            .agent
            .get(&format!("{}/status", driver.base))
            .call()
            .is_err()
        {
            if start.elapsed() > WAIT {
                return Err(measure_error("tauri-driver did not start".into()));
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        Ok(driver)
    }

    fn post(&self, path: &str, body: Value) -> Result<Value, Error> {
        let r = self
            .agent
            .post(&format!("{}{path}", self.base))
            .send_json(body)
            .map_err(|e| measure_error(format!("WebDriver {path}: {e}")))?;
        let v: Value = r
            .into_json()
            .map_err(|e| measure_error(format!("WebDriver {path}: {e}")))?;
        Ok(v["value"].clone())
    }

    /// Launches `app` in a new session; the session's path.
    fn launch(&self, app: &Path) -> Result<String, Error> {
        let caps =
            json!({"capabilities": {"alwaysMatch": {"tauri:options": {"application": app}}}});
        let v = self.post("/session", caps)?;
        v["sessionId"]
            .as_str()
            .map(|s| format!("/session/{s}"))
            .ok_or_else(|| measure_error(format!("no WebDriver session: {v}")))
    }

    /// Waits until `css` matches in `session`; the first element's id.
    fn wait_for(&self, session: &str, css: &str) -> Result<String, Error> {
        let start = Instant::now();
        loop {
            let v = self.post(
                &format!("{session}/elements"),
                json!({"using": "css selector", "value": css}),
            )?;
            if let Some(id) = v
                .as_array()
                .and_then(|a| a.first())
                .and_then(|e| e[ELEMENT].as_str())
            {
                return Ok(id.to_string());
            }
            if start.elapsed() > WAIT {
                return Err(measure_error(format!("{css} never appeared")));
            }
            std::thread::sleep(Duration::from_millis(2));
        }
    }

    fn click(&self, session: &str, element: &str) -> Result<(), Error> {
        self.post(&format!("{session}/element/{element}/click"), json!({}))?;
        Ok(())
    }

    fn type_into(&self, session: &str, element: &str, text: &str) -> Result<(), Error> {
        self.post(
            &format!("{session}/element/{element}/value"),
            json!({"text": text}),
        )?;
        Ok(())
    }

    /// Ends a session, which closes its window.
    fn close(&self, session: &str) {
        let _ = self.agent.delete(&format!("{}{session}", self.base)).call();
    }
}

/// One launch of the app to its library: (to the start screen, to the cards).
fn app_to_library(d: &Driver, app: &Path, first: bool) -> Result<(Duration, Duration), Error> {
    let start = Instant::now();
    let session = d.launch(app)?;
    let result = reach_library(d, &session, start, first);
    d.close(&session);
    result
}

/// In a launched session: the first time creates the profile, later ones
/// continue as it; the times since `start` at the start screen and at the cards.
fn reach_library(
    d: &Driver,
    session: &str,
    start: Instant,
    first: bool,
) -> Result<(Duration, Duration), Error> {
    if first {
        let input = d.wait_for(session, "#new-profile-name")?;
        let shown = start.elapsed();
        d.type_into(session, &input, "Bench")?;
        let create = d.wait_for(session, "#create-profile")?;
        d.click(session, &create)?;
        d.wait_for(session, "#library .card")?;
        return Ok((shown, start.elapsed()));
    }
    let button = d.wait_for(session, "#profiles button")?;
    let shown = start.elapsed();
    d.click(session, &button)?;
    d.wait_for(session, "#library .card")?;
    Ok((shown, start.elapsed()))
}

/// One launch of the hello window to `#ready`.
fn hello_ready(d: &Driver, hello: &Path) -> Result<Duration, Error> {
    let start = Instant::now();
    let session = d.launch(hello)?;
    let result = d.wait_for(&session, "#ready").map(|_| start.elapsed());
    d.close(&session);
    result
}

/// Builds the desktop app and the hello window with the profile this
/// runner was built with; their paths and the time the build took.
fn build(ctx: &Context) -> Result<(PathBuf, PathBuf, Duration), Error> {
    let exe = std::env::current_exe().map_err(|e| Error::io("current_exe", e))?;
    let dir = exe
        .parent()
        .map(Path::to_path_buf)
        .ok_or_else(|| measure_error("the runner has no folder".into()))?;
    let release = dir.file_name().is_some_and(|n| n == "release");
    let mut cargo = Command::new(std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into()));
    cargo.current_dir(&ctx.repo).args([
        "build",
        "--quiet",
        "-p",
        "rehearse-desktop",
        "-p",
        "rehearse-hello-tauri",
    ]);
    if release {
        cargo.arg("--release");
    }
    let start = Instant::now();
    let app = dir.join("rehearse-desktop");
    let hello = dir.join("rehearse-hello-tauri");
    // Binaries built just before by hand (`cargo build [--release] -p
    // rehearse-desktop -p rehearse-hello-tauri`) can be measured as they are.
    if std::env::var_os("REHEARSE_BENCH_PREBUILT").is_some() && app.is_file() && hello.is_file() {
        return Ok((app, hello, Duration::ZERO));
    }
    let status = cargo
        .status()
        .map_err(|e| measure_error(format!("could not run cargo: {e}")))?;
    if !status.success() {
        return Err(measure_error(format!("{cargo:?} failed ({status})")));
    }
    Ok((app, hello, start.elapsed()))
}

fn median(times: &mut [Duration]) -> Duration {
    times.sort();
    times.get(times.len() / 2).copied().unwrap_or_default()
}

/// Runs the measure.
pub fn run(ctx: &Context) -> Result<Vec<Row>, Error> {
    let (app, hello, built) = build(ctx)?;
    let _xvfb;
    let display = match std::env::var("DISPLAY") {
        Ok(d) if !d.is_empty() => d,
        _ => {
            let (d, server) = xvfb()?;
            _xvfb = server;
            d
        }
    };
    let data = ctx.data_path("startup/xdg")?;
    if data.exists() {
        std::fs::remove_dir_all(&data).map_err(|e| Error::io(&data, e))?;
    }
    std::fs::create_dir_all(&data).map_err(|e| Error::io(&data, e))?;
    let scenarios = ctx.repo.join("scenarios");
    let driver = Driver::start(&display, &data, &scenarios)?;
    // Not counted: the profile is created, and both binaries are read once.
    app_to_library(&driver, &app, true)?;
    hello_ready(&driver, &hello)?;
    let runs = ctx.runs();
    let (mut ours, mut shown, mut reference) = (Vec::new(), Vec::new(), Vec::new());
    for _ in 0..runs {
        reference.push(hello_ready(&driver, &hello)?);
        let (s, l) = app_to_library(&driver, &app, false)?;
        shown.push(s);
        ours.push(l);
    }
    let cards = std::fs::read_dir(&scenarios)
        .map_err(|e| Error::io(&scenarios, e))?
        .flatten()
        .filter(|e| e.path().join("scenario.rhai").is_file())
        .count();
    Ok(vec![Row {
        measure: "desktop cold start to an interactive library".into(),
        data: format!(
            "{cards} bundled scenarios, an existing profile; Xvfb, WebDriver (tauri-driver); median of {runs}"
        ),
        ours: Quantity::Time(median(&mut ours)),
        reference: Some((
            "bare Tauri 2 window (benches/hello-tauri)".into(),
            Quantity::Time(median(&mut reference)),
        )),
        goal: Goal::RatioAtMost(1.2),
        note: format!(
            "start screen shown at {:.0} ms; includes one click; building both took {:.0} s",
            median(&mut shown).as_secs_f64() * 1e3,
            built.as_secs_f64()
        ),
    }
    .missing_because(
        "WebKit's web process: fetching the start screen's modules through the custom protocol, and the first layout of the \
         start screen and of the cards (fontconfig for each new font size and weight); Rehearse's own code is under 0.1% of the \
         profile (docs/performance.md, \"Library index and start-up: profile and causes\")",
    )])
}
