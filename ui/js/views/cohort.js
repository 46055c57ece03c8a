// Cohort and item analytics for trainers: pick a report, filter by
// organisation, date range and scenario, and see a chart and the same
// figures as a table. Every figure, the small-group rule ("suppressed")
// and the chart's text alternative come from the core (`cohort_report`);
// this view only lays them out.

import { h, s, mount } from "../dom.js";
import { t, number, percent } from "../i18n.js";

const KINDS = ["pass-rate", "competency", "items", "red-flags", "forecast", "versions"];

export async function render(root, ctx) {
  const f = ctx.cohortQuery || { kind: "pass-rate", organisation: "", from: "", to: "", scenario: "" };
  const kind = h("select", { id: "cohort-kind", name: "kind" },
    ...KINDS.map((id) => h("option", { value: id, selected: id === f.kind }, t("cohort-kind", { kind: id }))));
  const org = h("input", { id: "cohort-organisation", name: "organisation", autocomplete: "organization", value: f.organisation });
  const from = h("input", { id: "cohort-from", name: "from", type: "date", value: f.from });
  const to = h("input", { id: "cohort-to", name: "to", type: "date", value: f.to });
  const scenario = h("input", { id: "cohort-scenario", name: "scenario", autocomplete: "off", spellcheck: "false", value: f.scenario });
  const result = h("div", { id: "cohort-result", "aria-live": "polite" });
  const query = () => ({ kind: kind.value, organisation: org.value, from: from.value, to: to.value, scenario: scenario.value });

  async function show(q) {
    ctx.cohortQuery = q;
    try {
      const view = await ctx.api.cohortReport(q);
      mount(result, ...report(view));
      const rows = view.report.table.rows.length;
      ctx.announce(t("cohort-shown", { title: view.report.title, rows, suppressed: view.report.suppressed || 0 }));
    } catch (e) {
      ctx.error(e);
    }
  }

  const form = h("form", {
    class: "filters panel",
    id: "cohort-filters",
    "aria-label": t("cohort-filters-label"),
    onsubmit: async (ev) => {
      ev.preventDefault();
      await show(query());
    },
  },
  h("div", { class: "filter-row" },
    h("span", {}, h("label", { for: "cohort-kind" }, t("cohort-report")), kind),
    h("span", {}, h("label", { for: "cohort-organisation" }, t("filters-organisation")), org),
    h("span", {}, h("label", { for: "cohort-from" }, t("filters-from")), from),
    h("span", {}, h("label", { for: "cohort-to" }, t("cohort-to")), to),
    h("span", {}, h("label", { for: "cohort-scenario" }, t("cohort-scenario")), scenario)),
  h("button", { type: "submit", id: "cohort-apply" }, t("cohort-show")));

  mount(root,
    h("h1", {}, t("title-cohort")),
    h("p", { class: "lead" }, t("cohort-lead")),
    form,
    result);
  await show(query());
}

function report(view) {
  const r = view.report;
  return [
    h("h2", { id: "cohort-title", "data-kind": r.kind }, r.title),
    h("p", { id: "cohort-scope", class: "muted" }, r.scope),
    r.notes.length ? h("ul", { id: "cohort-notes", class: "notes" }, ...r.notes.map((n) => h("li", {}, n))) : null,
    r.table.rows.length ? chart(r.chart, view.chart_summary) : null,
    r.table.rows.length ? table(r) : h("p", { id: "cohort-empty" }, t("cohort-empty")),
  ];
}

const ROW_H = 26;
const LABEL_W = 380;
const BAR_W = 420;

function valueText(unit, v) {
  if (unit === "share") return percent(v, 1);
  if (unit === "count") return number(Math.round(v));
  return number(v, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
}

function chart(c, summary) {
  const height = c.bars.length * ROW_H + 30;
  const bars = c.bars.map((b, i) => {
    const y = 24 + i * ROW_H;
    const label = s("text", { x: LABEL_W - 8, y: y + 17, "text-anchor": "end", class: "bar-label" }, b.label);
    if (b.suppressed) {
      return s("g", { class: "cohort-bar suppressed", "data-label": b.label },
        label, s("text", { x: LABEL_W + 6, y: y + 17, class: "bar-value" }, t("cohort-suppressed")));
    }
    let x = LABEL_W;
    const rects = b.segments.map((seg) => {
      const w = c.max > 0 ? (seg.value / c.max) * BAR_W : 0;
      const rect = s("rect", { x, y: y + 4, width: Math.max(w, 0), height: ROW_H - 8, class: `seg seg-${seg.key}`, "data-value": seg.value });
      x += w;
      return rect;
    });
    const total = b.segments.length === 1 ? valueText(c.unit, b.segments[0].value) : "";
    return s("g", { class: "cohort-bar", "data-label": b.label },
      label, ...rects, total ? s("text", { x: x + 6, y: y + 17, class: "bar-value" }, total) : null);
  });
  return h("section", { class: "panel", "aria-labelledby": "cohort-chart-heading" },
    h("h3", { id: "cohort-chart-heading" }, t("cohort-chart")),
    h("p", { class: "muted", id: "cohort-chart-caption" }, c.caption),
    c.legend.length > 1 ? h("ul", { class: "legend", id: "cohort-legend" },
      ...c.legend.map((l) => h("li", {}, h("span", { class: `swatch seg-${l.key}`, "aria-hidden": "true" }), l.label))) : null,
    s("svg", {
      viewBox: `0 0 ${LABEL_W + BAR_W + 90} ${height}`,
      class: "chart cohort-chart",
      id: "cohort-chart",
      role: "img",
      "aria-labelledby": "cohort-chart-caption",
      "aria-describedby": "cohort-chart-summary",
    },
    s("line", { x1: LABEL_W, x2: LABEL_W, y1: 18, y2: height - 4, class: "axis" }),
    s("text", { x: LABEL_W, y: 14, class: "tick" }, valueText(c.unit, 0)),
    s("text", { x: LABEL_W + BAR_W, y: 14, class: "tick", "text-anchor": "end" }, valueText(c.unit, c.max)),
    ...bars),
    h("details", { class: "chart-words" },
      h("summary", {}, t("cohort-chart-words")),
      h("ul", { id: "cohort-chart-summary" }, ...summary.map((line) => h("li", {}, line)))));
}

function table(r) {
  const tab = r.table;
  return h("section", { "aria-labelledby": "cohort-table-caption" },
    h("div", { class: "table-scroll", tabindex: "0", role: "region", "aria-labelledby": "cohort-table-caption" },
      h("table", { id: "cohort-table", "data-kind": r.kind },
        h("caption", { id: "cohort-table-caption" }, t("cohort-table-caption", { title: r.title, rows: tab.rows.length })),
        h("thead", {}, h("tr", {}, ...tab.columns.map((c) => h("th", { scope: "col", "data-column": c.id }, c.label)))),
        h("tbody", {}, ...tab.rows.map((row) => h("tr", {},
          ...row.map((cell, i) => {
            const attrs = { "data-column": tab.columns[i].id, class: cell.suppressed ? "suppressed" : null, "data-suppressed": cell.suppressed ? "true" : null };
            return i === 0 ? h("th", { scope: "row", ...attrs }, cell.text) : h("td", attrs, cell.text);
          })))))));
}
