// @ts-check
// The debrief: result first, the missed red flag named, all 15
// competencies as a chart and a table, evidence linked to its turn, red
// flags, stronger responses, the ending's debrief, measures, and saving.

import { h, s, mount, safeHtml, words } from "../dom.js";
import { t, number, percent } from "../i18n.js";

const LEVEL_SYMBOL = {
  not_assessed: "–",
  not_yet: "✗",
  developing: "◔",
  competent: "✓",
  exemplary: "★",
};

export async function render(root, ctx, params = {}) {
  // A stored attempt (from the dashboard's history), or the one just played.
  const stored = Boolean(params.attempt);
  const r = stored
    ? await ctx.api.storedReport(ctx.profile.id, params.attempt)
    : await ctx.api.attemptReport();
  const missed = r.red_flags.filter((f) => f.outcome === "missed");
  const verdict = !r.completed ? "in_progress" : r.passed ? "passed" : "not_passed";

  const result = h("section", { class: `result ${r.passed ? "pass" : "fail"}`, id: "result", "data-passed": String(r.passed), "aria-labelledby": "result-heading" },
    h("h2", { id: "result-heading" },
      h("span", { "aria-hidden": "true" }, r.passed ? "✓ " : "✗ "), t("debrief-result", { verdict })),
    h("p", {}, r.mode === "practice" ? t("debrief-practice-note") : t("debrief-assessment-note")),
    r.reasons.length && r.completed
      ? h("ul", { class: "reasons" }, ...r.reasons.map((x) => h("li", {}, x)))
      : null);

  const banners = missed.map((f) =>
    h("div", { class: "banner critical", role: "alert", "data-flag": f.category },
      h("p", {}, h("strong", {}, h("span", { "aria-hidden": "true" }, "⚠ "), t("debrief-missed-flag", { title: f.title })),
        " — ",
        f.revoked_turn
          ? t("debrief-missed-revoked", { cue: f.sign_turn, beat: f.beat, revoked: f.revoked_turn })
          : t("debrief-missed-not-acted", { cue: f.sign_turn, beat: f.beat }),
        " ",
        h("a", { href: `#turn-${f.sign_turn}`, class: "turn-link", "data-turn": f.sign_turn }, t("debrief-go-to-turn", { turn: f.sign_turn })))));

  mount(root,
    h("h1", {}, t("debrief-heading", { title: r.title })),
    result,
    ...banners,
    ...r.critical.map((c) => h("p", { class: "critical-text" }, c)),
    moderationNotes(r),
    chart(r),
    table(r),
    flags(r),
    models(r),
    r.debrief_html
      ? h("section", { "aria-labelledby": "ending-heading", class: "panel ending-debrief" },
        h("h2", { id: "ending-heading" }, t("debrief-ending-heading")),
        safeHtml("div", { id: "ending-debrief" }, r.debrief_html))
      : null,
    measures(r),
    transcript(r),
    stored
      ? h("div", { class: "actions" }, h("button", { type: "button", id: "back-dashboard", onclick: () => ctx.go("dashboard") }, t("debrief-back-dashboard")))
      : saveBar(ctx));

  root.addEventListener("click", (ev) => {
    const a = ev.target.closest("a.turn-link");
    if (!a) return;
    ev.preventDefault();
    const target = document.getElementById(`turn-${a.dataset.turn}`);
    if (target) { target.scrollIntoView({ block: "center" }); target.focus(); }
  });
}

/** @param {import("../bindings").DebriefView} r */
function chart(r) {
  const rowH = 28;
  const labelW = 330;
  const barW = 360;
  const height = r.competencies.length * rowH + 40;
  const x0 = labelW + barW / 2; // score 0
  const scale = barW / 4; // -2..+2
  const rows = r.competencies.map((c, i) => {
    const y = 30 + i * rowH;
    const score = c.score ?? 0;
    const w = Math.abs(score) * scale;
    return s("g", { class: `bar level-${c.level}` },
      s("text", { x: labelW - 8, y: y + 18, "text-anchor": "end", class: "bar-label" }, c.title + (c.targeted ? " •" : "")),
      c.score === null || c.score === undefined
        ? s("text", { x: x0 + 6, y: y + 18, class: "bar-value" }, t("debrief-not-assessed"))
        : [
          s("rect", { x: score >= 0 ? x0 : x0 - w, y: y + 5, width: Math.max(w, 2), height: rowH - 10, class: "bar-rect", rx: 3 }),
          s("text", { x: x0 + (score >= 0 ? w + 6 : 6), y: y + 18, class: "bar-value" },
            `${LEVEL_SYMBOL[c.level]} ${c.level_label} (${signed(score)})`),
        ]);
  });
  return h("section", { "aria-labelledby": "chart-heading", class: "panel" },
    h("h2", { id: "chart-heading" }, t("debrief-chart-heading")),
    h("p", { class: "muted" }, t("debrief-chart-note")),
    s("svg", { viewBox: `0 0 ${labelW + barW + 200} ${height}`, class: "chart", id: "chart", "aria-hidden": "true", focusable: "false" },
      s("line", { x1: x0, x2: x0, y1: 20, y2: height - 5, class: "axis" }),
      s("text", { x: labelW, y: 16, class: "tick" }, number(-2)),
      s("text", { x: x0 - 4, y: 16, class: "tick" }, number(0)),
      s("text", { x: labelW + barW - 14, y: 16, class: "tick" }, number(2, { signDisplay: "always" })),
      ...rows));
}

/** @param {import("../bindings").DebriefView} r */
export function table(r) {
  return h("section", { "aria-labelledby": "table-heading" },
    h("h2", { id: "table-heading" }, t("debrief-table-heading")),
    h("div", { class: "table-scroll" },
      h("table", { id: "competency-table" },
        h("caption", {}, t("debrief-table-caption")),
        h("thead", {}, h("tr", {},
          h("th", { scope: "col" }, t("debrief-col-competency")),
          h("th", { scope: "col" }, t("debrief-col-targeted")),
          h("th", { scope: "col" }, t("debrief-col-level")),
          h("th", { scope: "col" }, t("debrief-col-score")),
          h("th", { scope: "col" }, t("debrief-col-evidence")))),
        h("tbody", {}, ...r.competencies.map((c) => h("tr", { "data-competency": c.id },
          h("th", { scope: "row" }, c.title, h("span", { class: "desc" }, c.description)),
          h("td", {}, c.targeted ? t("debrief-yes") : t("debrief-no")),
          h("td", { class: `level level-${c.level}` }, h("span", { "aria-hidden": "true" }, LEVEL_SYMBOL[c.level], " "), c.level_label,
            c.limited_evidence && c.level !== "not_assessed"
              ? h("span", { class: "desc limited" }, t("debrief-limited-evidence"))
              : null),
          h("td", {}, c.score === null || c.score === undefined ? "—" : number(c.score, { minimumFractionDigits: 2, maximumFractionDigits: 2 })),
          h("td", {}, c.evidence.length
            ? h("ul", { class: "evidence" }, ...c.evidence.map((e) => h("li", {},
              h("a", { href: `#turn-${e.turn}`, class: "turn-link", "data-turn": e.turn }, t("debrief-turn", { turn: e.turn })),
              ` ${number(e.delta, { signDisplay: "exceptZero" })}: ${e.reason}`)))
            : t("debrief-no-evidence")))))),
    h("p", { class: "citation" }, r.citation)));
}

/** @param {import("../bindings").DebriefView} r */
export function flags(r) {
  return h("section", { "aria-labelledby": "flags-heading", id: "red-flags" },
    h("h2", { id: "flags-heading" }, t("debrief-flags-heading")),
    r.red_flags.length
      ? h("ul", {}, ...r.red_flags.map((f) => h("li", { class: `flag flag-${f.outcome}`, "data-outcome": f.outcome },
        h("span", { "aria-hidden": "true" }, f.outcome === "recognised" ? "✓ " : "⚠ "),
        h("strong", {}, f.title), `: ${t("flag-outcome", { outcome: f.outcome })} (`,
        [
          t("debrief-flag-sign", { turn: f.sign_turn }),
          f.turns.length ? t("debrief-flag-asked", { turn: f.turns[0] }) : null,
          f.act_turn ? t("debrief-flag-acted", { turn: f.act_turn }) : null,
          f.revoked_turn ? t("debrief-flag-undone", { turn: f.revoked_turn }) : null,
        ].filter(Boolean).join("; "), ")")))
      : h("p", {}, t("debrief-no-flags")));
}

function models(r) {
  if (!r.model_responses.length) return null;
  return h("section", { "aria-labelledby": "models-heading", id: "model-responses" },
    h("h2", { id: "models-heading" }, t("debrief-models-heading")),
    h("ul", {}, ...r.model_responses.map((m) => h("li", {},
      h("a", { href: `#turn-${m.turn}`, class: "turn-link", "data-turn": m.turn }, t("debrief-turn", { turn: m.turn })),
      ": ", t("debrief-model", { you: m.you, stronger: m.stronger }), m.why ? ` — ${m.why}` : ""))));
}

function measures(r) {
  const m = r.measures;
  const pct = (v) => (v === null || v === undefined ? "—" : percent(v));
  return h("section", { "aria-labelledby": "measures-heading" },
    h("h2", { id: "measures-heading" }, t("debrief-measures-heading")),
    h("dl", { class: "facts" },
      h("div", {}, h("dt", {}, t("debrief-open-questions")), h("dd", {}, t("debrief-open-questions-value", { open: m.open_questions, questions: m.questions, share: pct(m.open_question_share) }))),
      h("div", {}, h("dt", {}, t("debrief-reflections")), h("dd", {},
        m.reflection_to_question === null || m.reflection_to_question === undefined ? "—"
          : t("debrief-reflections-value", { ratio: number(m.reflection_to_question, { minimumFractionDigits: 1, maximumFractionDigits: 1 }) }),
        m.miti_band ? ` (${t("miti-band", { band: m.miti_band })})` : "")),
      h("div", {}, h("dt", {}, t("debrief-word-share")), h("dd", {}, pct(m.supporter_word_share))),
      h("div", {}, h("dt", {}, t("debrief-silences")), h("dd", {}, number(m.silences_kept)))));
}

/** @param {import("../bindings").DebriefView} r */
export function transcript(r) {
  return h("section", { "aria-labelledby": "transcript-heading" },
    h("h2", { id: "transcript-heading" }, t("debrief-transcript-heading")),
    h("ol", { class: "transcript", id: "transcript" }, ...r.transcript.map((turn) =>
      h("li", { id: `turn-${turn.number}`, tabindex: "-1", class: "turn" },
        h("p", { class: "who persona-says" }, t("debrief-turn", { turn: turn.number })),
        safeHtml("div", { class: "said-by-persona" }, turn.persona_html),
        h("p", { class: "who you-say" }, t("player-you")),
        h("p", { class: "you" }, turn.silent ? t("player-stayed-silent") : turn.said || "")))));
}

function saveBar(ctx) {
  const save = (format) => async () => {
    try {
      const path = await ctx.api.saveReport(format);
      if (path) ctx.announce(t("debrief-report-saved", { path }));
    } catch (e) {
      ctx.error(e);
    }
  };
  return h("div", { class: "actions save-bar" },
    h("button", { type: "button", id: "save-markdown", onclick: save("markdown") }, t("debrief-save-markdown")),
    h("button", { type: "button", id: "save-html", class: "secondary", onclick: save("html") }, t("debrief-save-html")),
    h("button", { type: "button", class: "secondary", id: "back-library", onclick: () => ctx.go(ctx.role === "trainer" ? "workbench" : "library") },
      ctx.role === "trainer" ? t("player-back-workbench") : t("debrief-back-library")));
}

/** Trainer overrides on a stored attempt: who, when, before, after, why. */
export function moderationNotes(r) {
  if (!r.moderation || !r.moderation.length) return null;
  return h("section", { "aria-labelledby": "moderation-heading", class: "panel", id: "moderation-notes" },
    h("h2", { id: "moderation-heading" }, t("debrief-moderated-heading")),
    h("ul", {}, ...r.moderation.map((m) => h("li", {},
      t("debrief-moderation-entry", {
        kind: m.kind,
        item: itemTitle(r, m.item),
        before: gradeWords(m.before),
        after: gradeWords(m.after),
        original: gradeWords(m.original),
        trainer: m.trainer,
        at: m.at,
        reason: m.reason,
      })))));
}

/** The title of a moderated competency or red flag, from the report. */
function itemTitle(r, item) {
  const c = r.competencies.find((x) => x.id === item);
  const f = r.red_flags.find((x) => x.category === item);
  return c ? c.title : f ? f.title : words(item);
}

/** A grade id (a level or a red-flag outcome) in words of the chosen language. */
export function gradeWords(id) {
  const level = t("level", { level: id });
  return level === "" || level === id ? t("flag-outcome", { outcome: id }) : level;
}

/** A score with its sign and two decimals, in the chosen language. */
function signed(score) {
  return number(score, { minimumFractionDigits: 2, maximumFractionDigits: 2, signDisplay: "always" });
}
