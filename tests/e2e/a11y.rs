//! Accessibility checks in the real window (issue #17): axe-core's WCAG
//! 2.1 A and AA rules, the page at 200% text, and the dark theme.
//!
//! axe-core comes from npm, pinned in `tests/e2e/axe/package-lock.json`
//! and installed with `npm ci` into `tests/e2e/axe/node_modules/` (by
//! `scripts/setup.sh`, or here when it is missing). The page's CSP refuses
//! `eval`, so axe's source is sent as the body of a WebDriver script.

use crate::harness::App;
use serde_json::Value;
use std::path::PathBuf;
use std::process::Command;
use std::sync::OnceLock;

/// The axe-core rule tags run on every view: WCAG 2.0 and 2.1, A and AA.
const TAGS: &str = "['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']";

fn axe_dir() -> PathBuf {
    crate::harness::repo().join("tests/e2e/axe")
}

/// axe-core's source (`axe.min.js`), installed with `npm ci` if missing.
fn axe_source() -> &'static str {
    static SOURCE: OnceLock<String> = OnceLock::new();
    SOURCE.get_or_init(|| {
        let dir = axe_dir();
        let file = dir.join("node_modules/axe-core/axe.min.js");
        if !file.is_file() {
            let status = Command::new("npm")
                .args(["ci", "--no-audit", "--no-fund", "--loglevel=error"])
                .current_dir(&dir)
                .status()
                .unwrap_or_else(|e| {
                    panic!("npm is needed for axe-core ({e}); run scripts/setup.sh")
                });
            assert!(status.success(), "npm ci in {} failed", dir.display());
        }
        std::fs::read_to_string(&file).unwrap_or_else(|e| panic!("read {}: {e}", file.display()))
    })
}

/// Runs axe-core in the page; `Err` holds its violations, in words.
pub fn axe(app: &App) -> Result<(), String> {
    let run = format!(
        "const done = arguments[arguments.length - 1];
         axe.run(document, {{ runOnly: {{ type: 'tag', values: {TAGS} }}, resultTypes: ['violations'] }})
           .then((r) => done(JSON.stringify(r.violations.map((v) => ({{
             id: v.id, impact: v.impact, help: v.help, url: v.helpUrl,
             nodes: v.nodes.map((n) => ({{ target: n.target.join(' '), html: n.html.slice(0, 240), why: n.failureSummary }})),
           }})))), (e) => done('axe failed: ' + e));"
    );
    // Sent with axe's source only when this page has none yet.
    let present = app.execute("return typeof window.axe === 'object';");
    let script = if present == Value::Bool(true) {
        run
    } else {
        format!("{}\n;{run}", axe_source())
    };
    let out = app.execute_async(&script);
    let text = out.as_str().unwrap_or_default();
    let violations: Vec<Value> =
        serde_json::from_str(text).map_err(|_| format!("axe did not run: {out}"))?;
    if violations.is_empty() {
        return Ok(());
    }
    let mut msg = String::new();
    for v in &violations {
        msg.push_str(&format!(
            "  {} ({}): {} <{}>\n",
            v["id"].as_str().unwrap_or("?"),
            v["impact"].as_str().unwrap_or("?"),
            v["help"].as_str().unwrap_or(""),
            v["url"].as_str().unwrap_or("")
        ));
        for n in v["nodes"].as_array().into_iter().flatten() {
            msg.push_str(&format!(
                "    element {}: {}\n      {}\n",
                n["target"].as_str().unwrap_or("?"),
                n["html"].as_str().unwrap_or(""),
                n["why"].as_str().unwrap_or("").replace('\n', "\n      ")
            ));
        }
    }
    Err(msg)
}

/// Sets the root font size to 200% and checks the layout: no sideways
/// scrolling of the page, no overlapping controls, no text cut off.
/// `Err` lists what is wrong. The size stays at 200% until [`text_100`].
pub fn text_200(app: &App) -> Result<(), String> {
    let out = app.execute(LAYOUT_200);
    let problems: Vec<String> = serde_json::from_value(out.clone())
        .unwrap_or_else(|_| panic!("the layout check did not run: {out}"));
    if problems.is_empty() {
        Ok(())
    } else {
        Err(problems
            .iter()
            .map(|p| format!("  {p}\n"))
            .collect::<String>())
    }
}

/// Puts the root font size back to the style sheet's.
pub fn text_100(app: &App) {
    app.execute(
        "document.documentElement.style.fontSize = ''; void document.body.offsetHeight; return true;",
    );
}

/// The 200% layout check, run in the page. Scroll containers (tables and
/// the graph have their own horizontal scrolling) clip what they hold, so
/// a control is compared where it can be seen.
const LAYOUT_200: &str = r#"
const root = document.documentElement;
root.style.fontSize = '200%';
void document.body.offsetHeight;
const problems = [];
const vw = root.clientWidth;
const describe = (el) => {
  let d = el.tagName.toLowerCase();
  if (el.id) d += '#' + el.id;
  if (typeof el.className === 'string' && el.className.trim()) d += '.' + el.className.trim().split(/\s+/).join('.');
  const t = (el.textContent || el.value || '').trim().replace(/\s+/g, ' ').slice(0, 60);
  return t ? `${d} ("${t}")` : d;
};
const style = (el) => getComputedStyle(el);
const scrolls = (s) => ['auto', 'scroll'].includes(s);
const clips = (s) => ['hidden', 'clip'].includes(s);
// What is on screen now: not display:none, not in a closed dialog, and
// when a modal dialog is open, only what is in it.
const modal = document.querySelector('dialog[open]');
const shown = (el) => {
  if (!el.getClientRects().length) return false;
  if (el.closest('.visually-hidden, .skip-link, svg')) return false;
  if (modal && !modal.contains(el)) return false;
  const s = style(el);
  return s.visibility !== 'hidden';
};
const all = [...document.body.querySelectorAll('*')].filter(shown);
const inScroller = (el) => {
  for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
    if (scrolls(style(p).overflowX)) return true;
  }
  return false;
};
// 1. The page itself does not scroll sideways.
const bs = style(document.body);
if (clips(bs.overflowX) || clips(style(root).overflowX)) problems.push('the page hides its horizontal overflow');
if (root.scrollWidth > vw + 1) {
  const wide = all.filter((el) => el.getBoundingClientRect().right > vw + 1 && !inScroller(el));
  const leaves = wide.filter((el) => !wide.some((o) => o !== el && el.contains(o)));
  problems.push(`the page scrolls sideways (${root.scrollWidth}px of content in a ${vw}px window): ` + leaves.slice(0, 6).map(describe).join('; '));
}
// 2. No text cut off: no element clips its content, and no box's own
// content spills out of it.
for (const el of all) {
  const s = style(el);
  if (s.display === 'inline' || s.display === 'contents') continue;
  if (['INPUT', 'TEXTAREA', 'SELECT', 'PROGRESS', 'METER', 'IMG', 'OPTION'].includes(el.tagName)) continue;
  const overX = el.scrollWidth > el.clientWidth + 1;
  const overY = el.scrollHeight > el.clientHeight + 1;
  if (overX && clips(s.overflowX)) problems.push(`text cut off sideways in ${describe(el)}`);
  else if (overY && clips(s.overflowY)) problems.push(`text cut off at the bottom of ${describe(el)}`);
  else if (s.textOverflow === 'ellipsis' && overX) problems.push(`text ends in an ellipsis in ${describe(el)}`);
  else if (overX && s.overflowX === 'visible' && [...el.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim())) {
    problems.push(`text spills out of ${describe(el)} (${el.scrollWidth}px in ${el.clientWidth}px)`);
  }
}
// 3. No two controls overlap where they can be seen.
const visibleRect = (el) => {
  let r = el.getBoundingClientRect();
  let box = { l: r.left, t: r.top, r: r.right, b: r.bottom };
  for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
    const s = style(p);
    if (s.overflowX === 'visible' && s.overflowY === 'visible') continue;
    const c = p.getBoundingClientRect();
    box = { l: Math.max(box.l, c.left), t: Math.max(box.t, c.top), r: Math.min(box.r, c.right), b: Math.min(box.b, c.bottom) };
  }
  return box.r - box.l > 0.5 && box.b - box.t > 0.5 ? box : null;
};
const controls = [...document.body.querySelectorAll(
  'a[href], button, input:not([type=hidden]), select, textarea, summary, label, [tabindex]:not([tabindex="-1"]), [role=button]')]
  .filter((el) => el.getClientRects().length && !el.closest('.visually-hidden, .skip-link') && (!modal || modal.contains(el)))
  .map((el) => ({ el, box: visibleRect(el) }))
  .filter((c) => c.box);
for (let i = 0; i < controls.length; i++) {
  for (let j = i + 1; j < controls.length; j++) {
    const a = controls[i], b = controls[j];
    if (a.el.contains(b.el) || b.el.contains(a.el)) continue;
    // A label is one target with the control it names.
    if (a.el.tagName === 'LABEL' && a.el.control === b.el) continue;
    if (b.el.tagName === 'LABEL' && b.el.control === a.el) continue;
    const w = Math.min(a.box.r, b.box.r) - Math.max(a.box.l, b.box.l);
    const h = Math.min(a.box.b, b.box.b) - Math.max(a.box.t, b.box.t);
    if (w > 1 && h > 1) problems.push(`${describe(a.el)} overlaps ${describe(b.el)} (${Math.round(w)}×${Math.round(h)}px)`);
  }
}
return problems.slice(0, 40);
"#;

/// Whether the page follows a dark system theme: the media query matches
/// and the page's background is dark.
pub fn is_dark(app: &App) -> bool {
    let v = app.execute(
        "const bg = getComputedStyle(document.body).backgroundColor.match(/\\d+(\\.\\d+)?/g).map(Number);
         const lum = (0.2126 * bg[0] + 0.7152 * bg[1] + 0.0722 * bg[2]) / 255;
         return matchMedia('(prefers-color-scheme: dark)').matches && lum < 0.25;",
    );
    v == Value::Bool(true)
}

/// Collects what each view's checks found, to fail once with all of it.
#[derive(Default)]
pub struct Findings(Vec<String>);

impl Findings {
    /// Records a check's outcome for a view.
    pub fn note(&mut self, view: &str, what: &str, outcome: Result<(), String>) {
        if let Err(e) = outcome {
            self.0.push(format!("{view}: {what}:\n{e}"));
        }
    }

    /// Fails the test with everything found, if anything was.
    pub fn finish(self, views: usize) {
        assert!(
            self.0.is_empty(),
            "{} problem(s) in {views} views:\n{}",
            self.0.len(),
            self.0.join("\n")
        );
    }
}
