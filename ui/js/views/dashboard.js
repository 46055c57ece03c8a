// @ts-check
// The trainee dashboard: certification status in plain words with its
// countdown, what is still missing item by item, the 15-competency grid
// across attempts, and the attempt history (each row opens its debrief).
// Everything shown is computed by the core; this view only lays it out.

import { h, mount, words } from "../dom.js";
import { t, date, number } from "../i18n.js";

const LEVEL_SYMBOL = { not_assessed: "–", not_yet: "✗", developing: "◔", competent: "✓", exemplary: "★" };

export async function render(root, ctx) {
  if (ctx.role !== "trainee" || !ctx.profile) return ctx.go("start");
  const d = await ctx.api.traineeDashboard(ctx.profile.id);
  const s = d.status;

  const status = h("section", { class: "panel status", id: "status", "data-standing": s.standing, "aria-labelledby": "status-heading" },
    h("h2", { id: "status-heading" }, t("dashboard-status-heading")),
    h("p", { class: "headline", id: "status-headline" }, h("strong", {}, t("dashboard-status", { headline: s.headline }))),
    s.countdown
      ? h("p", { id: "countdown", "data-days": s.countdown.days, "data-target": s.countdown.target },
        h("span", { class: "days" }, t("dashboard-days", { days: s.countdown.days })), ` — ${s.countdown.text}.`)
      : null,
    h("p", { id: "next-action" }, h("strong", {}, t("dashboard-next")), " ", s.next_action),
    h("p", { class: "muted" }, t("dashboard-as-of", { at: date(s.at), policy: s.policy_version })));

  const missing = h("section", { "aria-labelledby": "missing-heading", id: "missing-section" },
    h("h2", { id: "missing-heading" }, t("dashboard-missing-heading", { count: s.missing.length })),
    s.missing.length
      ? h("ul", { id: "missing", class: "missing" }, ...s.missing.map((m) => h("li", { "data-kind": m.item.kind }, m.text)))
      : h("p", { id: "missing-none" }, t("dashboard-missing-none")));

  const grid = h("section", { "aria-labelledby": "grid-heading" },
    h("h2", { id: "grid-heading" }, t("dashboard-grid-heading")),
    d.grid.length
      ? h("div", { class: "table-scroll", tabindex: "0", role: "region", "aria-labelledby": "grid-heading" },
        h("table", { id: "competency-grid" },
          h("caption", {}, t("dashboard-grid-caption")),
          h("thead", {}, h("tr", {},
            h("th", { scope: "col" }, t("debrief-col-competency")),
            ...d.grid.map((g, i) => h("th", { scope: "col", "data-attempt": g.attempt },
              `${i + 1}. ${d.history.find((a) => a.attempt === g.attempt)?.title || words(g.scenario_id)}`, h("span", { class: "desc" },
                t("dashboard-grid-attempt", { mode: g.mode, passed: String(g.passed), moderated: String(Boolean(g.moderated)) })))))),
          h("tbody", {}, ...d.competencies.map((c, row) => h("tr", { "data-competency": c.id },
            h("th", { scope: "row" }, c.title),
            ...d.grid.map((g) => {
              const cell = g.levels[row];
              return h("td", { class: `level level-${cell.level}`, "data-level": cell.level },
                h("span", { "aria-hidden": "true" }, LEVEL_SYMBOL[cell.level], " "), cell.label);
            }))))))
      : h("p", { id: "grid-empty" }, t("dashboard-grid-empty")));

  const history = h("section", { "aria-labelledby": "history-heading" },
    h("h2", { id: "history-heading" }, t("dashboard-history-heading")),
    d.history.length
      ? h("div", { class: "table-scroll" }, h("table", { id: "history" },
        h("caption", {}, t("dashboard-history-caption")),
        h("thead", {}, h("tr", {}, ...["dashboard-col-scenario", "dashboard-col-mode", "dashboard-col-started", "dashboard-col-result", "dashboard-col-turns"].map((id) => h("th", { scope: "col" }, t(id))), h("th", { scope: "col" }, h("span", { class: "visually-hidden" }, t("dashboard-col-debrief"))))),
        h("tbody", {}, ...d.history.map((a) => h("tr", { "data-attempt": a.attempt, "data-mode": a.mode },
          h("th", { scope: "row" }, a.title || a.scenario_id),
          h("td", {}, t("mode-name", { mode: a.mode })),
          h("td", {}, h("time", { datetime: a.started_at }, date(a.started_at))),
          h("td", {}, a.passed === null || a.passed === undefined ? t("attempt-status", { status: a.status })
            : [h("span", { "aria-hidden": "true" }, a.passed ? "✓ " : "✗ "), t("dashboard-passed", { passed: String(a.passed), moderated: String(Boolean(a.moderated)) })]),
          h("td", {}, number(a.turns)),
          h("td", {}, a.has_debrief
            ? h("button", { type: "button", class: "open-debrief", "aria-label": t("dashboard-open-debrief-label", { title: a.title || a.scenario_id, mode: a.mode, started: date(a.started_at) }),
              onclick: () => ctx.go("debrief", { attempt: a.attempt }) }, t("dashboard-open-debrief"))
            : "—"))))))
      : h("p", { id: "history-empty" }, t("dashboard-history-empty")));

  mount(root,
    h("h1", {}, t("dashboard-heading", { name: d.name })),
    status, certificateBar(ctx, s), missing, grid, history,
    h("div", { class: "actions" }, h("button", { type: "button", id: "to-library", onclick: () => ctx.go("library") }, t("dashboard-to-library"))));
}

/** While certified: save the certificate (PDF, or HTML to print) with its signed credential. */
function certificateBar(ctx, s) {
  if (s.standing !== "certified" && s.standing !== "refresher_due") return null;
  const result = h("p", { id: "certificate-result", role: "status" });
  const save = (format) => async () => {
    try {
      const done = await ctx.api.saveCertificate(ctx.profile.id, format);
      mount(result, done ? t("certificate-saved", { path: done.path, credential: done.credential }) : "");
      if (done) ctx.announce(t("dashboard-certificate-saved"));
    } catch (e) {
      ctx.error(e);
    }
  };
  return h("section", { class: "actions certificate-bar", "aria-label": t("dashboard-certificate-label") },
    h("button", { type: "button", id: "save-certificate-pdf", onclick: save("pdf") }, t("dashboard-save-certificate-pdf")),
    h("button", { type: "button", id: "save-certificate-html", class: "secondary", onclick: save("html") }, t("dashboard-print-certificate")),
    result);
}
