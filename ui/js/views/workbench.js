// @ts-check
// Trainer workbench: open a scenario folder, see each scenario's check
// status and findings (file:line), its graph (click a beat to play from it),
// run its tests and the explorer. Saving a file re-checks it live. Only a
// signed-in trainer gets here (main.js); api.js adds the trainer's name
// and passphrase to every workbench call and the core checks them.

import { h, s, mount, words } from "../dom.js";
import { t, number, percent, list } from "../i18n.js";

const state = { folder: null, view: null, selected: null, results: null };

/** Forgets the open folder and its results (when the trainer signs out). */
export function reset() {
  Object.assign(state, { folder: null, view: null, selected: null, results: null });
}

export async function render(root, ctx) {
  const path = h("input", { id: "folder-path", name: "folder", autocomplete: "off", value: state.folder || "", spellcheck: "false" });
  const form = h("form", {
    class: "inline-form",
    onsubmit: async (ev) => {
      ev.preventDefault();
      await open(root, ctx, path.value.trim());
    },
  },
  h("label", { for: "folder-path" }, t("workbench-folder")),
  path,
  h("button", { type: "submit", id: "open-folder" }, t("workbench-open")),
  h("button", {
    type: "button",
    class: "secondary",
    onclick: async () => {
      try {
        const picked = await ctx.api.chooseWorkbenchFolder();
        if (picked) { path.value = picked; await open(root, ctx, picked); }
      } catch (e) { ctx.error(e); }
    },
  }, t("workbench-browse")));

  mount(root,
    h("h1", {}, t("title-workbench")),
    h("p", { class: "lead" }, t("workbench-lead")),
    form,
    h("div", { id: "workbench-body" }));
  if (state.view) draw(ctx);
}

async function open(root, ctx, folder) {
  if (!folder) { ctx.announce(t("workbench-folder-first")); return; }
  try {
    state.view = await ctx.api.openWorkbench(folder);
    state.folder = state.view.folder;
    state.results = null;
    if (!state.view.scenarios.some((x) => x.path === state.selected)) state.selected = state.view.scenarios[0]?.path ?? null;
    await draw(ctx);
    ctx.announce(t("workbench-opened", { count: state.view.scenarios.length }));
  } catch (e) {
    ctx.error(e);
  }
}

export async function onWorkbenchChanged(payload, ctx) {
  if (payload.error) { ctx.error(payload.error); return; }
  const check = payload.check;
  if (!state.folder || check.folder !== state.folder) return;
  // A reload that changed nothing (the watcher also fires on saves that
  // leave the text as it was) keeps the page, and the focus, as they are.
  const unchanged = JSON.stringify(check) === JSON.stringify(state.view);
  state.view = check;
  if (!unchanged) await draw(ctx);
  const errors = check.scenarios.reduce((n, x) => n + x.errors, 0);
  ctx.announce(t("workbench-reloaded", { errors }));
}

function statusText(x) {
  if (x.errors) return { icon: "✗", text: t("workbench-errors", { errors: x.errors, warnings: x.warnings }), cls: "bad" };
  if (x.warnings) return { icon: "!", text: t("workbench-warnings", { warnings: x.warnings }), cls: "warn" };
  return { icon: "✓", text: t("workbench-no-findings"), cls: "ok" };
}

async function draw(ctx) {
  const body = document.getElementById("workbench-body");
  if (!body || !state.view) return;
  const selected = state.view.scenarios.find((x) => x.path === state.selected) || state.view.scenarios[0];
  const list = h("ul", { class: "scenario-list", id: "wb-scenarios", "aria-label": t("workbench-scenarios-label") },
    ...state.view.scenarios.map((x) => {
      const st = statusText(x);
      return h("li", {},
        h("button", {
          type: "button",
          class: `wb-scenario ${x === selected ? "selected" : ""}`,
          "aria-pressed": String(x === selected),
          "data-scenario": x.id,
          onclick: () => { state.selected = x.path; state.results = null; draw(ctx); },
        }, h("span", { class: "wb-title" }, x.name),
        h("span", { class: `check ${st.cls}`, "data-errors": x.errors }, h("span", { "aria-hidden": "true" }, st.icon, " "), st.text)));
    }));

  const detail = h("div", { class: "wb-detail" });
  mount(body, h("div", { class: "wb-grid" }, h("nav", { "aria-label": t("workbench-scenarios-nav") }, list), detail));
  if (!selected) { mount(detail, h("p", {}, t("workbench-no-scenarios"))); return; }

  const findings = h("section", { "aria-labelledby": "findings-heading", id: "findings" },
    h("h2", { id: "findings-heading" }, t("workbench-findings-heading", { title: selected.name })),
    selected.findings.length
      ? h("ul", { class: "findings" }, ...selected.findings.map((f) =>
        h("li", { class: `finding ${f.severity}`, "data-code": f.code },
          h("p", {}, h("code", { class: "where" }, `${f.file}:${f.location.line}:${f.location.column}`), " ",
            h("strong", {}, t("workbench-finding", { severity: f.severity, code: f.code })), `: ${f.message}`),
          f.explanation ? h("p", { class: "muted" }, t("workbench-finding-means", { code: f.code, explanation: f.explanation })) : null)))
      : h("p", { id: "no-findings" }, h("span", { "aria-hidden": "true" }, "✓ "), t("workbench-checks-clean")));

  const graphBox = h("section", { "aria-labelledby": "graph-heading", id: "graph" },
    h("h2", { id: "graph-heading" }, t("workbench-graph")),
    h("p", { class: "muted" }, t("workbench-graph-note")));
  const tools = h("section", { "aria-labelledby": "tools-heading", id: "tools" },
    h("h2", { id: "tools-heading" }, t("workbench-tools")),
    toolsForm(ctx, selected),
    h("div", { id: "tool-results", "aria-live": "polite" }, state.results));

  // A redraw after a file change must not drop a keyboard user's place:
  // remember the beat that had focus and give it back once the new graph
  // is drawn.
  const focusedBeat = document.activeElement?.closest?.("#graph-svg .node")?.getAttribute("data-node");
  mount(detail, findings, graphBox, tools);
  try {
    const g = await ctx.api.workbenchGraph(selected.path);
    if (!graphBox.isConnected) return;
    graphBox.append(graphSvg(ctx, selected, g));
    if (focusedBeat) graphBox.querySelector(`.node[data-node="${CSS.escape(focusedBeat)}"]`)?.focus();
  } catch (e) {
    graphBox.append(h("p", { class: "problem" }, e.message));
  }
}

function toolsForm(ctx, selected) {
  const walks = h("input", { id: "walks", type: "number", min: 1, max: 10000, value: 200, inputmode: "numeric" });
  const seed = h("input", { id: "seed", type: "number", min: 0, value: 1, inputmode: "numeric" });
  const show = (node) => {
    state.results = node;
    const box = document.getElementById("tool-results");
    if (box) mount(box, node);
  };
  return h("div", { class: "actions" },
    h("button", {
      type: "button",
      id: "run-tests",
      onclick: async () => {
        show(h("p", {}, t("workbench-running-tests")));
        try {
          const results = await ctx.api.runScenarioTests(selected.path);
          const passed = results.filter((test) => test.passed).length;
          show(h("div", { id: "test-results" },
            h("p", {}, h("strong", {}, t("workbench-tests-passed", { passed, total: results.length }))),
            h("ul", {}, ...results.map((test) => h("li", { class: test.passed ? "ok" : "bad" },
              h("span", { "aria-hidden": "true" }, test.passed ? "✓ " : "✗ "), test.passed ? t("workbench-test-passed") : t("workbench-test-failed"), " ", test.name,
              test.failures.length ? h("ul", {}, ...test.failures.map((f) => h("li", {}, f))) : null)))));
        } catch (e) { show(h("p", { class: "problem" }, e.message)); }
      },
    }, t("workbench-run-tests")),
    h("label", { for: "walks" }, t("workbench-walks")), walks,
    h("label", { for: "seed" }, t("workbench-seed")), seed,
    h("button", {
      type: "button",
      id: "run-explorer",
      class: "secondary",
      onclick: async () => {
        show(h("p", {}, t("workbench-exploring")));
        try {
          const x = await ctx.api.runExplorer(selected.path, Number(walks.value), Number(seed.value));
          show(h("div", { id: "explorer-results" },
            h("p", {}, h("strong", {}, t("workbench-explorer-summary", { walks: x.walks, coverage: percent(x.coverage), passes: x.passes, errors: x.errors.length, unfinished: x.unfinished }))),
            h("p", {}, t("workbench-endings-reached"), " ", Object.entries(x.endings).map(([k, v]) => `${k} ×${number(v)}`).join(", ") || t("workbench-none")),
            h("p", {}, t("workbench-flags-recognised"), " ", x.flags_recognised.length ? list(x.flags_recognised.map(words)) : t("workbench-none"),
              "; ", t("workbench-flags-met"), " ", x.flags_met.length ? list(x.flags_met.map(words)) : t("workbench-none")),
            x.errors.length ? h("ul", {}, ...x.errors.map((e) => h("li", { class: "bad" }, t("workbench-seed-error", { seed: e.seed, message: e.message })))) : null,
            x.audit ? auditView(x.audit) : null));
        } catch (e) { show(h("p", { class: "problem" }, e.message)); }
      },
    }, t("workbench-run-explorer")));
}

// The explorer's gaming audit: pass rate per strategy, then its findings.
/** @param {import("../bindings").Audit} audit */
function auditView(audit) {
  const verdict = (r) => (r.naive ? r.passed > 0 : r.pass_rate >= 0.02);
  return h("section", { id: "audit-results", "aria-labelledby": "audit-heading" },
    h("h3", { id: "audit-heading" }, t("workbench-audit-heading")),
    h("p", { class: "muted" }, t("workbench-audit-note")),
    h("table", { class: "audit" },
      h("thead", {}, h("tr", {}, h("th", { scope: "col" }, t("workbench-col-strategy")), h("th", { scope: "col" }, t("workbench-walks")),
        h("th", { scope: "col" }, t("workbench-col-passed")), h("th", { scope: "col" }, t("workbench-col-pass-rate")))),
      h("tbody", {}, ...audit.strategies.map((r) => h("tr", { class: verdict(r) ? "bad" : "ok", "data-strategy": r.strategy },
        h("th", { scope: "row" }, r.description), h("td", {}, number(r.walks)), h("td", {}, number(r.passed)),
        h("td", {}, percent(r.pass_rate, 1), verdict(r) ? h("strong", {}, " ✗ ", t("workbench-gameable")) : null))))),
    audit.findings.length
      ? h("ul", { class: "findings" }, ...audit.findings.map((f) =>
        h("li", { class: `finding ${f.severity}`, "data-code": f.code },
          h("strong", {}, t("workbench-finding", { severity: f.severity, code: f.code })), `: ${f.message}`)))
      : h("p", {}, h("span", { "aria-hidden": "true" }, "✓ "), t("workbench-not-gameable")),
    audit.salad ? h("p", { class: "muted" }, t("workbench-salad"), " ", h("q", {}, audit.salad)) : null);
}

/** @param {import("../bindings").GraphView} g */
function graphSvg(ctx, selected, g) {
  const colW = 190;
  const rowH = 70;
  const boxW = 160;
  const boxH = 44;
  const pos = new Map(g.nodes.map((n) => [n.id, { x: 10 + n.column * colW, y: 10 + n.row * rowH }]));
  const edges = g.edges.filter((e) => e.from !== e.to && pos.has(e.to)).map((e) => {
    const a = pos.get(e.from);
    const b = pos.get(e.to);
    const x1 = a.x + boxW;
    const y1 = a.y + boxH / 2;
    const x2 = b.x;
    const y2 = b.y + boxH / 2;
    const mid = (x1 + x2) / 2;
    const back = x2 <= x1;
    const d = back
      ? `M${a.x + boxW / 2},${a.y + boxH} C${a.x + boxW / 2},${a.y + boxH + 40} ${b.x + boxW / 2},${b.y + boxH + 40} ${b.x + boxW / 2},${b.y + boxH}`
      : `M${x1},${y1} C${mid},${y1} ${mid},${y2} ${x2},${y2}`;
    return s("path", { d, class: `edge${e.conditional ? " conditional" : ""}`, "marker-end": "url(#arrow)" });
  });
  const play = async (beat) => {
    try {
      await ctx.api.playFrom(selected.path, beat);
      ctx.go("player");
    } catch (e) { ctx.error(e); }
  };
  const nodes = g.nodes.map((n) => {
    const p = pos.get(n.id);
    const label = t("workbench-node-title", { ending: String(Boolean(n.ending)), id: n.id, start: String(Boolean(n.start)), hasFlag: String(Boolean(n.red_flag)), flag: n.red_flag ? words(n.red_flag) : "", line: n.line });
    const sub = n.ending ? t("workbench-node-ending") : n.red_flag ? words(n.red_flag) : n.start ? t("workbench-node-start") : t("workbench-node-line", { line: n.line });
    const kids = [
      s("rect", { x: p.x, y: p.y, width: boxW, height: boxH, rx: n.ending ? 20 : 6, class: "node-box" }),
      n.ending ? s("rect", { x: p.x + 4, y: p.y + 4, width: boxW - 8, height: boxH - 8, rx: 16, class: "node-inner" }) : null,
      // One text with a space between its two lines, so the box's text
      // reads "id sub" (as the name below starts) and not "idsub".
      s("text", {},
        s("tspan", { x: p.x + 10, y: p.y + 19, class: "node-id" }, (n.red_flag ? "⚠ " : "") + n.id),
        " ",
        s("tspan", { x: p.x + 10, y: p.y + 36, class: "node-sub" }, sub)),
    ];
    if (n.ending) return s("g", { class: "node ending", "data-node": n.id }, s("title", {}, label), ...kids);
    return s("g", {
      class: `node beat${n.red_flag ? " red-flag" : ""}${n.start ? " start" : ""}`,
      "data-node": n.id,
      tabindex: "0",
      role: "button",
      // The name starts with the box's visible text (WCAG 2.5.3, label in
      // name), so a speech-control user can say what they see; no <title>
      // tooltip, whose text would count as the button's content.
      "aria-label": t("workbench-node-label", { id: n.id, sub, start: String(Boolean(n.start)), flag: String(Boolean(n.red_flag)), line: n.line }),
      onclick: () => play(n.id),
      onkeydown: (ev) => { if (ev.key === "Enter" || ev.key === " ") { ev.preventDefault(); play(n.id); } },
    }, ...kids);
  });
  const width = g.columns * colW + 20;
  const height = Math.max(1, g.rows) * rowH + 60;
  return h("div", { class: "graph-scroll" },
    s("svg", { viewBox: `0 0 ${width} ${height}`, width, height, class: "graph", id: "graph-svg", role: "group", "aria-label": t("workbench-graph-label", { scenario: g.scenario }) },
      s("defs", {}, s("marker", { id: "arrow", viewBox: "0 0 10 10", refX: 10, refY: 5, markerWidth: 7, markerHeight: 7, orient: "auto-start-reverse" },
        s("path", { d: "M 0 0 L 10 5 L 0 10 z", class: "arrow-head" }))),
      ...edges, ...nodes));
}
