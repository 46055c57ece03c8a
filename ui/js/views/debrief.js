// The debrief: result first, the missed red flag named, all 15
// competencies as a chart and a table, evidence linked to its turn, red
// flags, stronger responses, the ending's debrief, measures, and saving.

import { h, s, mount, safeHtml, words } from "../dom.js";

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
  const verdict = !r.completed ? "In progress" : r.passed ? "Passed" : "Not passed";

  const result = h("section", { class: `result ${r.passed ? "pass" : "fail"}`, id: "result", "data-passed": String(r.passed), "aria-labelledby": "result-heading" },
    h("h2", { id: "result-heading" },
      h("span", { "aria-hidden": "true" }, r.passed ? "✓ " : "✗ "), `Result: ${verdict}`),
    h("p", {}, r.mode === "practice" ? "Practice: this does not count for certification." : "Assessment."),
    r.reasons.length && r.completed
      ? h("ul", { class: "reasons" }, ...r.reasons.map((x) => h("li", {}, x)))
      : null);

  const banners = missed.map((f) =>
    h("div", { class: "banner critical", role: "alert", "data-flag": f.category },
      h("p", {}, h("strong", {}, h("span", { "aria-hidden": "true" }, "⚠ "), `Missed red flag: ${f.title}`),
        f.revoked_turn
          ? ` — the warning sign came at turn ${f.cue_turn} (beat “${f.beat}”); turn ${f.revoked_turn} waved the risk away or undid the safety step. `
          : ` — the warning sign came at turn ${f.cue_turn} (beat “${f.beat}”) and was not asked about and acted on. `,
        h("a", { href: `#turn-${f.cue_turn}`, class: "turn-link", "data-turn": f.cue_turn }, `Go to turn ${f.cue_turn}`))));

  mount(root,
    h("h1", {}, `Debrief: ${r.title}`),
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
        h("h2", { id: "ending-heading" }, "About this ending"),
        safeHtml("div", { id: "ending-debrief" }, r.debrief_html))
      : null,
    measures(r),
    transcript(r),
    stored
      ? h("div", { class: "actions" }, h("button", { type: "button", id: "back-dashboard", onclick: () => ctx.go("dashboard") }, "Back to my progress"))
      : saveBar(ctx));

  root.addEventListener("click", (ev) => {
    const a = ev.target.closest("a.turn-link");
    if (!a) return;
    ev.preventDefault();
    const target = document.getElementById(`turn-${a.dataset.turn}`);
    if (target) { target.scrollIntoView({ block: "center" }); target.focus(); }
  });
}

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
        ? s("text", { x: x0 + 6, y: y + 18, class: "bar-value" }, "not assessed")
        : [
          s("rect", { x: score >= 0 ? x0 : x0 - w, y: y + 5, width: Math.max(w, 2), height: rowH - 10, class: "bar-rect", rx: 3 }),
          s("text", { x: x0 + (score >= 0 ? w + 6 : 6), y: y + 18, class: "bar-value" },
            `${LEVEL_SYMBOL[c.level]} ${c.level_label} (${score >= 0 ? "+" : ""}${score.toFixed(2)})`),
        ]);
  });
  return h("section", { "aria-labelledby": "chart-heading", class: "panel" },
    h("h2", { id: "chart-heading" }, "Competencies"),
    h("p", { class: "muted" }, "Bars show each score from −2 to +2; • marks the competencies this scenario targets. The same results are in the table below."),
    s("svg", { viewBox: `0 0 ${labelW + barW + 200} ${height}`, class: "chart", id: "chart", "aria-hidden": "true", focusable: "false" },
      s("line", { x1: x0, x2: x0, y1: 20, y2: height - 5, class: "axis" }),
      s("text", { x: labelW, y: 16, class: "tick" }, "−2"),
      s("text", { x: x0 - 4, y: 16, class: "tick" }, "0"),
      s("text", { x: labelW + barW - 14, y: 16, class: "tick" }, "+2"),
      ...rows));
}

export function table(r) {
  return h("section", { "aria-labelledby": "table-heading" },
    h("h2", { id: "table-heading" }, "Competencies in detail"),
    h("div", { class: "table-scroll" },
      h("table", { id: "competency-table" },
        h("caption", {}, "All 15 interview competencies (Mira et al., BMJ Open 2025, Box 1), with the evidence for each"),
        h("thead", {}, h("tr", {},
          h("th", { scope: "col" }, "Competency"),
          h("th", { scope: "col" }, "Targeted"),
          h("th", { scope: "col" }, "Level"),
          h("th", { scope: "col" }, "Score"),
          h("th", { scope: "col" }, "Evidence"))),
        h("tbody", {}, ...r.competencies.map((c) => h("tr", { "data-competency": c.id },
          h("th", { scope: "row" }, c.title, h("span", { class: "desc" }, c.description)),
          h("td", {}, c.targeted ? "yes" : "no"),
          h("td", { class: `level level-${c.level}` }, h("span", { "aria-hidden": "true" }, LEVEL_SYMBOL[c.level], " "), c.level_label,
            c.limited_evidence && c.level !== "not_assessed"
              ? h("span", { class: "desc limited" }, "limited evidence: one chance on this path, so at most competent")
              : null),
          h("td", {}, c.score === null || c.score === undefined ? "—" : c.score.toFixed(2)),
          h("td", {}, c.evidence.length
            ? h("ul", { class: "evidence" }, ...c.evidence.map((e) => h("li", {},
              h("a", { href: `#turn-${e.turn}`, class: "turn-link", "data-turn": e.turn }, `Turn ${e.turn}`),
              ` ${e.delta > 0 ? "+" : ""}${e.delta}: ${e.reason}`)))
            : "no evidence on this path"))))),
    h("p", { class: "citation" }, r.citation)));
}

export function flags(r) {
  return h("section", { "aria-labelledby": "flags-heading", id: "red-flags" },
    h("h2", { id: "flags-heading" }, "Red flags"),
    r.red_flags.length
      ? h("ul", {}, ...r.red_flags.map((f) => h("li", { class: `flag flag-${f.outcome}`, "data-outcome": f.outcome },
        h("span", { "aria-hidden": "true" }, f.outcome === "recognised" ? "✓ " : "⚠ "),
        h("strong", {}, f.title), `: ${words(f.outcome)}`,
        ` (cue at turn ${f.cue_turn}`,
        f.turns.length ? `; asked at turn ${f.turns[0]}` : "",
        f.act_turn ? `; acted at turn ${f.act_turn}` : "",
        f.revoked_turn ? `; undone at turn ${f.revoked_turn}` : "", ")")))
      : h("p", {}, "No warning sign came up on this path."));
}

function models(r) {
  if (!r.model_responses.length) return null;
  return h("section", { "aria-labelledby": "models-heading", id: "model-responses" },
    h("h2", { id: "models-heading" }, "Stronger responses for some turns"),
    h("ul", {}, ...r.model_responses.map((m) => h("li", {},
      h("a", { href: `#turn-${m.turn}`, class: "turn-link", "data-turn": m.turn }, `Turn ${m.turn}`),
      `: you said “${m.you}”. Stronger: “${m.stronger}”`, m.why ? ` — ${m.why}` : ""))));
}

function measures(r) {
  const m = r.measures;
  const pct = (v) => (v === null || v === undefined ? "—" : `${Math.round(v * 100)}%`);
  return h("section", { "aria-labelledby": "measures-heading" },
    h("h2", { id: "measures-heading" }, "How the conversation went"),
    h("dl", { class: "facts" },
      h("div", {}, h("dt", {}, "Open questions"), h("dd", {}, `${m.open_questions} of ${m.questions} (${pct(m.open_question_share)})`)),
      h("div", {}, h("dt", {}, "Reflections per question"), h("dd", {},
        m.reflection_to_question === null || m.reflection_to_question === undefined ? "—" : `${m.reflection_to_question.toFixed(1)} to 1`,
        m.miti_band ? ` (${words(m.miti_band)})` : "")),
      h("div", {}, h("dt", {}, "Your share of the words"), h("dd", {}, pct(m.supporter_word_share))),
      h("div", {}, h("dt", {}, "Silences kept"), h("dd", {}, String(m.silences_kept)))));
}

export function transcript(r) {
  return h("section", { "aria-labelledby": "transcript-heading" },
    h("h2", { id: "transcript-heading" }, "Transcript"),
    h("ol", { class: "transcript", id: "transcript" }, ...r.transcript.map((t) =>
      h("li", { id: `turn-${t.number}`, tabindex: "-1", class: "turn" },
        h("p", { class: "who persona-says" }, `Turn ${t.number}`),
        safeHtml("div", { class: "said-by-persona" }, t.persona_html),
        h("p", { class: "who you-say" }, "You"),
        h("p", { class: "you" }, t.silent ? "(stayed silent)" : t.said || "")))));
}

function saveBar(ctx) {
  const save = (format) => async () => {
    try {
      const path = await ctx.api.saveReport(format);
      if (path) ctx.announce(`Report saved to ${path}.`);
    } catch (e) {
      ctx.error(e);
    }
  };
  return h("div", { class: "actions save-bar" },
    h("button", { type: "button", id: "save-markdown", onclick: save("markdown") }, "Save report as Markdown…"),
    h("button", { type: "button", id: "save-html", class: "secondary", onclick: save("html") }, "Save report as HTML…"),
    h("button", { type: "button", class: "secondary", id: "back-library", onclick: () => ctx.go(ctx.role === "trainer" ? "workbench" : "library") },
      ctx.role === "trainer" ? "Back to the workbench" : "Back to the library"));
}

/** Trainer overrides on a stored attempt: who, when, before, after, why. */
export function moderationNotes(r) {
  if (!r.moderation || !r.moderation.length) return null;
  return h("section", { "aria-labelledby": "moderation-heading", class: "panel", id: "moderation-notes" },
    h("h2", { id: "moderation-heading" }, "Moderated by a trainer"),
    h("ul", {}, ...r.moderation.map((m) => h("li", {},
      `${words(m.kind)} ${words(m.item)}: ${words(m.before)} → ${words(m.after)} `,
      `(engine's grade: ${words(m.original)}) by ${m.trainer} at ${m.at}. Reason: ${m.reason}`))));
}
