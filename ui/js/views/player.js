// @ts-check
// The player: persona panel, transcript, and the response area (choices,
// free text, silence), with practice-mode feedback and undo. Keyboard:
// 1–9 choose, Ctrl+Enter sends free text, Ctrl+. stays silent, Ctrl+Z undoes
// (practice, outside the text box).

import { h, mount, safeHtml } from "../dom.js";
import { t, number, list } from "../i18n.js";

let keyHandler = null;
let busy = false;

export function leave() {
  if (keyHandler) document.removeEventListener("keydown", keyHandler);
  keyHandler = null;
}

export async function render(root, ctx) {
  const view = await ctx.api.currentAttempt();
  if (!view) return ctx.go(ctx.role === "trainer" ? "workbench" : "library");
  draw(root, ctx, view);
}

/** Live reload from the workbench: refresh a trial run in place. */
export async function onWorkbenchChanged(_payload, ctx) {
  const view = await ctx.api.currentAttempt();
  if (view && view.trial) {
    draw(document.getElementById("main"), ctx, view, { keepFocus: true });
    ctx.announce(t("player-reloaded"));
  }
}

async function act(root, ctx, fn) {
  if (busy) return;
  busy = true;
  try {
    const view = await fn();
    draw(root, ctx, view);
    const last = view.transcript[view.transcript.length - 1];
    ctx.announce(view.ended
      ? t("player-ended-announce")
      : t("player-says-announce", { speaker: view.speaker, line: textOf(view.line) })
        + (last && last.feedback ? ` ${t("player-feedback-announce", { hint: last.feedback.hint })}` : ""));
  } catch (e) {
    ctx.error(e);
  } finally {
    busy = false;
  }
}

function textOf(html) {
  const d = document.createElement("div");
  d.innerHTML = html;
  return d.textContent.trim();
}

/** @param {import("../bindings").PlayerView} view */
function draw(root, ctx, view, opts = {}) {
  leave();
  const practice = view.mode === "practice";
  const send = (input) => act(root, ctx, () => ctx.api.respond(input));
  const undo = () => act(root, ctx, () => ctx.api.undoTurn());

  const textarea = view.free_text !== null && view.free_text !== undefined
    ? h("textarea", { id: "free-text", rows: 3, maxlength: 4000, placeholder: view.free_text, "aria-describedby": "shortcuts" })
    : null;
  const sendText = () => {
    if (!textarea) return;
    const text = textarea.value.trim();
    if (!text) { ctx.announce(t("player-type-first")); textarea.focus(); return; }
    send({ kind: "free_text", text });
  };

  keyHandler = (ev) => {
    if (view.ended || ev.altKey || ev.metaKey) return;
    const typing = ev.target instanceof HTMLTextAreaElement || ev.target instanceof HTMLInputElement;
    if (ev.ctrlKey && ev.key === "Enter") { ev.preventDefault(); sendText(); return; }
    if (ev.ctrlKey && ev.key === ".") { ev.preventDefault(); send({ kind: "silence" }); return; }
    if (ev.ctrlKey && !typing && (ev.key === "z" || ev.key === "Z") && view.can_undo) { ev.preventDefault(); undo(); return; }
    if (!ev.ctrlKey && !typing && /^[1-9]$/.test(ev.key)) {
      const index = Number(ev.key);
      if (index <= view.choices.length) { ev.preventDefault(); send({ kind: "choice", index }); }
    }
  };
  document.addEventListener("keydown", keyHandler);

  const transcript = h("ol", { class: "transcript", id: "transcript", "aria-label": t("player-transcript-label") },
    ...view.transcript.map((t, i) => turnItem(view, t, i === view.transcript.length - 1)));

  const current = h("section", { class: "current", "aria-labelledby": "current-heading", id: "current" },
    h("h2", { id: "current-heading", class: "speaker", tabindex: "-1" }, view.ended ? t("player-last-words", { speaker: view.speaker }) : t("player-says", { speaker: view.speaker })),
    view.reply ? safeHtml("div", { class: "reply" }, view.reply) : null,
    safeHtml("div", { class: "line", id: "line" }, view.line),
    view.notice ? h("p", { class: "notice", role: "note" }, h("span", { "aria-hidden": "true" }, "ⓘ "), view.notice) : null);

  const feedback = practice ? feedbackPanel(view) : null;

  const response = view.ended
    ? h("section", { class: "panel ended", "aria-labelledby": "ended-heading" },
      h("h2", { id: "ended-heading" }, t("player-ended-heading")),
      h("button", { type: "button", id: "see-debrief", onclick: () => ctx.go("debrief") }, t("player-see-debrief")),
      view.trial ? h("button", { type: "button", class: "secondary", onclick: () => ctx.go("workbench") }, t("player-back-workbench")) : null)
    : h("section", { class: "respond", "aria-labelledby": "respond-heading" },
      h("h2", { id: "respond-heading" }, t("player-your-response")),
      view.choices.length
        ? h("ol", { class: "choices", id: "choices", "aria-label": t("player-choices-label") }, ...view.choices.map((c, i) =>
          h("li", {}, h("button", {
            type: "button",
            class: "choice",
            "data-index": i + 1,
            "aria-keyshortcuts": i < 9 ? String(i + 1) : null,
            onclick: () => send({ kind: "choice", index: i + 1 }),
          }, h("span", { class: "key", "aria-hidden": "true" }, String(i + 1)), h("span", {}, c)))))
        : null,
      textarea
        ? h("div", { class: "free-text" },
          h("label", { for: "free-text" }, view.choices.length ? t("player-or-own-words") : t("player-own-words")),
          view.choices.length || practice ? null
            : h("p", { class: "own-words-note", id: "own-words-note" }, t("player-own-words-note")),
          textarea,
          h("button", { type: "button", id: "send", "aria-keyshortcuts": "Control+Enter", onclick: sendText }, t("player-send")))
        : null,
      h("div", { class: "actions" },
        h("button", { type: "button", id: "silence", class: "secondary", "aria-keyshortcuts": "Control+.", onclick: () => send({ kind: "silence" }) }, t("player-stay-silent")),
        practice ? h("button", { type: "button", id: "undo", class: "secondary", disabled: !view.can_undo, "aria-keyshortcuts": "Control+Z", onclick: undo }, t("player-undo")) : null,
        h("button", {
          type: "button",
          class: "quiet",
          id: "leave",
          title: view.trial ? null : t("player-leave-title"),
          onclick: () => ctx.go(view.trial ? "workbench" : "library"),
        }, view.trial ? t("player-back-workbench") : t("player-leave"))),
      h("p", { id: "shortcuts", class: "shortcuts" },
        t("player-keys"), " ", h("kbd", {}, "1"), "–", h("kbd", {}, "9"), " ", t("player-keys-choose"), " · ",
        h("kbd", {}, t("player-key-ctrl")), "+", h("kbd", {}, t("player-key-enter")), " ", t("player-keys-send"), " · ",
        h("kbd", {}, t("player-key-ctrl")), "+", h("kbd", {}, "."), " ", t("player-keys-silent"),
        practice ? [" · ", h("kbd", {}, t("player-key-ctrl")), "+", h("kbd", {}, "Z"), " ", t("player-keys-undo")] : null));

  mount(root,
    h("div", { class: "title-row", id: "player", "data-turn": view.turn, "data-node": view.node, "data-ended": String(view.ended) },
      h("h1", {}, view.scenario.title),
      h("p", { class: `mode mode-${view.mode}`, id: "mode", "data-mode": view.trial ? "trial" : view.mode }, view.trial ? t("player-trial") : t("mode-name", { mode: view.mode }))),
    notCounted(view),
    h("div", { class: `player-grid${practice ? " with-feedback" : ""}` },
      personaPanel(view),
      h("div", { class: "conversation" }, transcript, current, response),
      feedback));

  if (opts.keepFocus) return;
  const focusTarget = document.getElementById(view.ended ? "see-debrief" : "current-heading");
  if (focusTarget) focusTarget.focus();
}

/** @param {import("../bindings").PlayerView} view */
function personaPanel(view) {
  return h("aside", { class: "panel persona", "aria-labelledby": "persona-name" },
    h("h2", { id: "persona-name" }, view.speaker),
    h("p", { class: "role" }, view.role),
    view.cue
      ? h("div", { class: "cue", id: "cue" }, h("h3", {}, t("player-cue-heading")), safeHtml("div", {}, view.cue))
      : null,
    view.meters.length
      ? h("div", { class: "meters" }, h("h3", {}, t("player-meters-heading")),
        ...view.meters.map((m) => meter(m)))
      : null);
}

/** @param {import("../bindings").Meter} m */
function meter(m) {
  const id = `meter-${m.name}`;
  const span = Math.max(1, m.max - m.min);
  const pct = Math.round(((m.value - m.min) / span) * 100);
  return h("div", { class: "meter" },
    h("label", { for: id }, t("player-meter", { label: m.label, value: m.value, max: m.max })),
    h("meter", { id, min: m.min, max: m.max, value: m.value }, number(pct / 100, { style: "percent" })));
}

function turnItem(view, turn, last) {
  return h("li", { id: `turn-${turn.number}`, class: "turn", tabindex: "-1" },
    h("p", { class: "who persona-says" }, h("span", { class: "visually-hidden" }, t("player-turn-number", { turn: turn.number }), " "), view.speaker),
    safeHtml("div", { class: "said-by-persona" }, turn.persona_html),
    h("p", { class: "who you-say" }, t("player-you")),
    turn.silent ? h("p", { class: "you silent" }, t("player-stayed-silent")) : h("p", { class: "you" }, turn.said || ""),
    !last && turn.reply_html ? safeHtml("div", { class: "reply" }, turn.reply_html) : null);
}

/** Highlights the byte spans of rule hits inside what was said. */
function highlighted(said, rules) {
  const bytes = new TextEncoder().encode(said);
  const dec = new TextDecoder();
  const spans = rules
    .filter((r) => r.span && r.span.end > r.span.start && r.span.end <= bytes.length)
    .sort((a, b) => a.span.start - b.span.start);
  const out = [];
  let at = 0;
  for (const r of spans) {
    if (r.span.start < at) continue;
    out.push(dec.decode(bytes.slice(at, r.span.start)));
    out.push(h("mark", { title: `${t("behaviour", { id: r.label })} (${r.rule})` }, dec.decode(bytes.slice(r.span.start, r.span.end))));
    at = r.span.end;
  }
  out.push(dec.decode(bytes.slice(at)));
  return out;
}

function feedbackPanel(view) {
  const last = view.transcript[view.transcript.length - 1];
  const body = [];
  if (!last) {
    body.push(h("p", { class: "muted" }, t("player-hint-placeholder")));
  } else {
    const f = last.feedback;
    body.push(h("p", { class: "hint", id: "hint" }, f.hint));
    if (last.said && f.rules.length) {
      body.push(
        h("h3", {}, t("player-words-showed")),
        h("p", { class: "said-marked" }, ...highlighted(last.said, f.rules)),
        h("ul", { class: "rules", id: "rules" }, ...f.rules.map((r) =>
          h("li", {}, h("strong", {}, t("behaviour", { id: r.label })), " — ", t("player-rule"), " ", h("code", {}, r.rule), ": “", r.span.text, "”"))));
    } else if (f.behaviours.length) {
      body.push(h("p", {}, t("player-response-showed", { behaviours: list(f.behaviours.map((b) => t("behaviour", { id: b }))) })));
    }
  }
  return h("aside", { class: "panel feedback", "aria-labelledby": "feedback-heading", id: "feedback" },
    h("h2", { id: "feedback-heading" }, last ? t("player-feedback-on-turn", { turn: last.number }) : t("player-feedback")),
    ...body);
}

/**
 * The warning that an assessment will not count towards certification,
 * because its scenario version is not approved or was withdrawn.
 * @param {import("../bindings").PlayerView} view
 */
function notCounted(view) {
  const n = view.not_counted;
  if (!n) return null;
  const why = n.status === "withdrawn"
    ? t("player-not-counted-withdrawn", { on: n.on, reason: n.reason })
    : t("player-not-counted-unapproved");
  return h("p", { class: "notice", id: "not-counted", role: "note" }, h("span", { "aria-hidden": "true" }, "⚠ "), why);
}
