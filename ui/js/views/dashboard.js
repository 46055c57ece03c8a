// The trainee dashboard: certification status in plain words with its
// countdown, what is still missing item by item, the 15-competency grid
// across attempts, and the attempt history (each row opens its debrief).
// Everything shown is computed by the core; this view only lays it out.

import { h, mount, words } from "../dom.js";

const LEVEL_SYMBOL = { not_assessed: "–", not_yet: "✗", developing: "◔", competent: "✓", exemplary: "★" };

export async function render(root, ctx) {
  if (ctx.role !== "trainee" || !ctx.profile) return ctx.go("start");
  const d = await ctx.api.traineeDashboard(ctx.profile.id);
  const s = d.status;

  const status = h("section", { class: "panel status", id: "status", "data-standing": s.standing, "aria-labelledby": "status-heading" },
    h("h2", { id: "status-heading" }, "Certification"),
    h("p", { class: "headline", id: "status-headline" }, h("strong", {}, `Status: ${s.headline}`)),
    s.countdown
      ? h("p", { id: "countdown", "data-days": s.countdown.days, "data-target": s.countdown.target },
        h("span", { class: "days" }, `${s.countdown.days} day${s.countdown.days === 1 ? "" : "s"}`), ` — ${s.countdown.text}.`)
      : null,
    h("p", { id: "next-action" }, h("strong", {}, "Next: "), s.next_action),
    h("p", { class: "muted" }, `As of ${s.at}, under policy ${s.policy_version}.`));

  const missing = h("section", { "aria-labelledby": "missing-heading", id: "missing-section" },
    h("h2", { id: "missing-heading" }, `Still missing (${s.missing.length})`),
    s.missing.length
      ? h("ul", { id: "missing", class: "missing" }, ...s.missing.map((m) => h("li", { "data-kind": m.item.kind }, m.text)))
      : h("p", { id: "missing-none" }, "Nothing is missing."));

  const grid = h("section", { "aria-labelledby": "grid-heading" },
    h("h2", { id: "grid-heading" }, "Competencies across your attempts"),
    d.grid.length
      ? h("div", { class: "table-scroll", tabindex: "0", role: "region", "aria-labelledby": "grid-heading" },
        h("table", { id: "competency-grid" },
          h("caption", {}, "Level per completed attempt, oldest first (✓ competent, ★ exemplary, ◔ developing, ✗ not yet, – not assessed)"),
          h("thead", {}, h("tr", {},
            h("th", { scope: "col" }, "Competency"),
            ...d.grid.map((g, i) => h("th", { scope: "col", "data-attempt": g.attempt },
              `${i + 1}. ${words(g.scenario_id)}`, h("span", { class: "desc" },
                `${g.mode}, ${g.passed ? "passed" : "not passed"}${g.moderated ? ", moderated" : ""}`))))),
          h("tbody", {}, ...d.competencies.map((c, row) => h("tr", { "data-competency": c.id },
            h("th", { scope: "row" }, c.title),
            ...d.grid.map((g) => {
              const cell = g.levels[row];
              return h("td", { class: `level level-${cell.level}`, "data-level": cell.level },
                h("span", { "aria-hidden": "true" }, LEVEL_SYMBOL[cell.level], " "), cell.label);
            }))))))
      : h("p", { id: "grid-empty" }, "No completed attempts yet."));

  const history = h("section", { "aria-labelledby": "history-heading" },
    h("h2", { id: "history-heading" }, "Attempt history"),
    d.history.length
      ? h("div", { class: "table-scroll" }, h("table", { id: "history" },
        h("caption", {}, "Your attempts, newest first"),
        h("thead", {}, h("tr", {}, ...["Scenario", "Mode", "Started", "Result", "Turns", ""].map((t) => h("th", { scope: "col" }, t)))),
        h("tbody", {}, ...d.history.map((a) => h("tr", { "data-attempt": a.attempt, "data-mode": a.mode },
          h("th", { scope: "row" }, a.title || a.scenario_id),
          h("td", {}, a.mode),
          h("td", {}, a.started_at),
          h("td", {}, a.passed === null || a.passed === undefined ? words(a.status)
            : [h("span", { "aria-hidden": "true" }, a.passed ? "✓ " : "✗ "), a.passed ? "passed" : "not passed", a.moderated ? " (moderated)" : ""]),
          h("td", {}, String(a.turns)),
          h("td", {}, a.has_debrief
            ? h("button", { type: "button", class: "open-debrief", "aria-label": `Open debrief: ${a.title || a.scenario_id}, ${a.mode}, ${a.started_at}`,
              onclick: () => ctx.go("debrief", { attempt: a.attempt }) }, "Open debrief")
            : "—"))))))
      : h("p", { id: "history-empty" }, "No attempts yet. Choose a scenario in the library."));

  mount(root,
    h("h1", {}, `My progress: ${d.name}`),
    status, certificateBar(ctx, s), missing, grid, history,
    h("div", { class: "actions" }, h("button", { type: "button", id: "to-library", onclick: () => ctx.go("library") }, "Go to the library")));
}

/** While certified: save the certificate (PDF, or HTML to print) with its signed credential. */
function certificateBar(ctx, s) {
  if (s.standing !== "certified" && s.standing !== "refresher_due") return null;
  const result = h("p", { id: "certificate-result", role: "status" });
  const save = (format) => async () => {
    try {
      const done = await ctx.api.saveCertificate(ctx.profile.id, format);
      mount(result, done ? `Certificate saved to ${done.path}; its signed credential is ${done.credential}.` : "");
      if (done) ctx.announce("Certificate saved.");
    } catch (e) {
      ctx.error(e);
    }
  };
  return h("section", { class: "actions certificate-bar", "aria-label": "Certificate" },
    h("button", { type: "button", id: "save-certificate-pdf", onclick: save("pdf") }, "Save certificate as PDF…"),
    h("button", { type: "button", id: "save-certificate-html", class: "secondary", onclick: save("html") }, "Print certificate (HTML)…"),
    result);
}
