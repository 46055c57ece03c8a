// Trainer moderation: the queue (assessments with free-text turns, newest
// first), an attempt's grades and transcript, and an override dialog that
// requires a reason. After saving, the updated status and the audit entry
// (who, when, before, after, why) are shown. Every call carries the
// trainer's name and passphrase (added by api.js); the core checks them
// each time.

import { h, mount, words } from "../dom.js";
import { table, flags, transcript, moderationNotes } from "./debrief.js";

const LEVELS = [["not_yet", "Not yet"], ["developing", "Developing"], ["competent", "Competent"], ["exemplary", "Exemplary"]];
const OUTCOMES = [["recognised", "Recognised"], ["missed", "Missed"]];

export async function render(root, ctx, params = {}) {
  if (params.attempt) return renderAttempt(root, ctx, params.attempt, params.saved);
  const queue = await ctx.api.moderationQueue();
  mount(root,
    h("h1", {}, "Moderation queue"),
    h("p", { class: "lead" }, "Completed assessments with free-text turns, newest first. Open one to read it and, if needed, override a grade with a written reason."),
    queue.length
      ? h("ul", { class: "queue", id: "queue" }, ...queue.map((q) => h("li", { "data-attempt": q.attempt, "data-scenario": q.scenario_id },
        h("button", { type: "button", class: "open-attempt", onclick: () => ctx.go("moderation", { attempt: q.attempt }) },
          `${q.title || q.scenario_id} — ${q.trainee}`),
        h("span", { class: "muted" }, ` ended ${q.ended_at || "?"}, ${q.turns} turns, `,
          h("span", { "aria-hidden": "true" }, q.passed ? "✓ " : "✗ "), q.passed ? "passed" : "not passed",
          q.moderated ? ", moderated" : ""))))
      : h("p", { id: "queue-empty" }, "Nothing to moderate: no completed assessment has free-text turns."));
}

async function renderAttempt(root, ctx, attempt, saved) {
  const v = await ctx.api.moderationAttempt(attempt);
  show(root, ctx, v, saved);
}

function show(root, ctx, v, saved) {
  const r = v.report;
  const dialog = overrideDialog(root, ctx, v);
  const last = v.audit[v.audit.length - 1];
  mount(root,
    h("h1", {}, `Moderate: ${r.title} — ${v.trainee}`),
    saved && last
      ? h("section", { class: "panel notice", id: "saved", role: "status", "aria-labelledby": "saved-heading" },
        h("h2", { id: "saved-heading" }, "Override saved"),
        auditList([last], "saved-entry"))
      : null,
    h("section", { class: "panel", id: "trainee-status", "data-standing": v.status.standing, "aria-labelledby": "ts-heading" },
      h("h2", { id: "ts-heading" }, `${v.trainee}'s certification`),
      h("p", { id: "trainee-headline" }, h("strong", {}, `Status: ${v.status.headline}`)),
      h("p", {}, v.status.next_action)),
    h("section", { class: `result ${r.passed ? "pass" : "fail"}`, id: "result", "data-passed": String(r.passed) },
      h("h2", {}, h("span", { "aria-hidden": "true" }, r.passed ? "✓ " : "✗ "), `Result: ${r.passed ? "Passed" : "Not passed"}`),
      r.reasons.length ? h("ul", { class: "reasons" }, ...r.reasons.map((x) => h("li", {}, x))) : null),
    h("div", { class: "actions" },
      h("button", { type: "button", id: "open-override", onclick: () => { dialog.showModal(); dialog.querySelector("select").focus(); } }, "Override a grade…"),
      h("button", { type: "button", class: "secondary", id: "back-queue", onclick: () => ctx.go("moderation") }, "Back to the queue")),
    moderationNotes(r),
    h("section", { "aria-labelledby": "audit-heading", id: "audit" },
      h("h2", { id: "audit-heading" }, "Audit log for this attempt"),
      v.audit.length ? auditList(v.audit, "audit-list") : h("p", {}, "No overrides yet.")),
    table(r),
    flags(r),
    transcript(r),
    dialog);
}

function auditList(entries, id) {
  return h("ul", { id, class: "audit" }, ...entries.map((e) => h("li", { class: "audit-entry", "data-seq": e.seq },
    h("dl", { class: "facts" },
      h("div", {}, h("dt", {}, "Who"), h("dd", {}, e.actor)),
      h("div", {}, h("dt", {}, "When"), h("dd", {}, e.at)),
      h("div", {}, h("dt", {}, "What"), h("dd", {}, e.subject)),
      h("div", {}, h("dt", {}, "Before"), h("dd", { class: "before" }, words(e.before ?? "—"))),
      h("div", {}, h("dt", {}, "After"), h("dd", { class: "after" }, words(e.after ?? "—"))),
      h("div", {}, h("dt", {}, "Why"), h("dd", { class: "reason" }, e.reason ?? "—"))))));
}

function overrideDialog(root, ctx, v) {
  const r = v.report;
  const targets = [
    ...r.competencies.map((c) => ({ key: `competency:${c.id}`, kind: "competency", id: c.id, label: `Competency: ${c.title} (now ${c.level_label})` })),
    ...r.red_flags.map((f) => ({ key: `red_flag:${f.category}`, kind: "red_flag", id: f.category, label: `Red flag: ${f.title} (now ${words(f.outcome)})` })),
  ];
  const target = h("select", { id: "override-target", name: "target", required: true },
    ...targets.map((t) => h("option", { value: t.key }, t.label)));
  const value = h("select", { id: "override-value", name: "value", required: true });
  const fillValues = () => {
    const t = targets.find((x) => x.key === target.value);
    mount(value, ...(t && t.kind === "red_flag" ? OUTCOMES : LEVELS).map(([id, label]) => h("option", { value: id }, label)));
  };
  target.addEventListener("change", fillValues);
  fillValues();
  const reason = h("textarea", { id: "override-reason", name: "reason", required: true, rows: 4, maxlength: 2000, "aria-describedby": "reason-help" });
  const problem = h("p", { id: "override-problem", class: "critical-text", role: "alert", hidden: true });
  const dialog = h("dialog", { id: "override-dialog", "aria-labelledby": "override-heading" });
  const form = h("form", {
    method: "dialog",
    onsubmit: async (ev) => {
      ev.preventDefault();
      if (!reason.value.trim()) {
        problem.textContent = "Write a reason: every override needs one.";
        problem.hidden = false;
        reason.focus();
        return;
      }
      const t = targets.find((x) => x.key === target.value);
      try {
        const updated = await ctx.api.moderate(v.attempt, { kind: t.kind, id: t.id }, value.value, reason.value);
        dialog.close();
        ctx.announce(`Override saved. Status: ${updated.status.headline}.`);
        show(root, ctx, updated, true);
        const saved = document.getElementById("saved-heading");
        if (saved) { saved.setAttribute("tabindex", "-1"); saved.focus(); }
      } catch (e) {
        problem.textContent = e.message;
        problem.hidden = false;
      }
    },
  },
  h("h2", { id: "override-heading" }, "Override a grade"),
  h("p", { class: "muted" }, "The original grade stays visible; the trainee's certification is recomputed."),
  h("label", { for: "override-target" }, "Grade to change"), target,
  h("label", { for: "override-value" }, "New value"), value,
  h("label", { for: "override-reason" }, "Reason (required)"), reason,
  h("p", { id: "reason-help", class: "muted" }, "Say why, in words the trainee and an accreditation body can follow."),
  problem,
  h("div", { class: "actions" },
    h("button", { type: "submit", id: "save-override" }, "Save override"),
    h("button", { type: "button", class: "secondary", id: "cancel-override", onclick: () => dialog.close() }, "Cancel")));
  dialog.append(form);
  return dialog;
}
