// @ts-check
// Trainer moderation: the queue (assessments with free-text turns, newest
// first), an attempt's grades and transcript, and an override dialog that
// requires a reason. After saving, the updated status and the audit entry
// (who, when, before, after, why) are shown. Every call carries the
// trainer's name and passphrase (added by api.js); the core checks them
// each time.

import { h, mount } from "../dom.js";
import { t } from "../i18n.js";
import { table, flags, transcript, moderationNotes, gradeWords } from "./debrief.js";

const LEVELS = ["not_yet", "developing", "competent", "exemplary"];
const OUTCOMES = ["recognised", "missed"];

export async function render(root, ctx, params = {}) {
  if (params.attempt) return renderAttempt(root, ctx, params.attempt, params.saved);
  const queue = await ctx.api.moderationQueue();
  mount(root,
    h("h1", {}, t("moderation-heading")),
    h("p", { class: "lead" }, t("moderation-lead")),
    queue.length
      ? h("ul", { class: "queue", id: "queue" }, ...queue.map((q) => h("li", { "data-attempt": q.attempt, "data-scenario": q.scenario_id },
        h("button", { type: "button", class: "open-attempt", onclick: () => ctx.go("moderation", { attempt: q.attempt }) },
          `${q.title || q.scenario_id} — ${q.trainee}`),
        h("span", { class: "muted" }, " ", t("moderation-queue-detail", { ended: q.ended_at || "?", turns: q.turns }), " ",
          h("span", { "aria-hidden": "true" }, q.passed ? "✓ " : "✗ "), t("moderation-queue-result", { passed: String(q.passed), moderated: String(Boolean(q.moderated)) })))))
      : h("p", { id: "queue-empty" }, t("moderation-queue-empty")));
}

async function renderAttempt(root, ctx, attempt, saved) {
  const v = await ctx.api.moderationAttempt(attempt);
  show(root, ctx, v, saved);
}

/** @param {import("../bindings").ModerationView} v */
function show(root, ctx, v, saved) {
  const r = v.report;
  const dialog = overrideDialog(root, ctx, v);
  const last = v.audit[v.audit.length - 1];
  mount(root,
    h("h1", {}, t("moderation-attempt-heading", { title: r.title, trainee: v.trainee })),
    saved && last
      ? h("section", { class: "panel notice", id: "saved", role: "status", "aria-labelledby": "saved-heading" },
        h("h2", { id: "saved-heading" }, t("moderation-saved")),
        auditList([last], "saved-entry"))
      : null,
    h("section", { class: "panel", id: "trainee-status", "data-standing": v.status.standing, "aria-labelledby": "ts-heading" },
      h("h2", { id: "ts-heading" }, t("moderation-trainee-status", { trainee: v.trainee })),
      h("p", { id: "trainee-headline" }, h("strong", {}, t("dashboard-status", { headline: v.status.headline }))),
      h("p", {}, v.status.next_action)),
    h("section", { class: `result ${r.passed ? "pass" : "fail"}`, id: "result", "data-passed": String(r.passed) },
      h("h2", {}, h("span", { "aria-hidden": "true" }, r.passed ? "✓ " : "✗ "), t("debrief-result", { verdict: r.passed ? "passed" : "not_passed" })),
      r.reasons.length ? h("ul", { class: "reasons" }, ...r.reasons.map((x) => h("li", {}, x))) : null),
    h("div", { class: "actions" },
      h("button", { type: "button", id: "open-override", onclick: () => { dialog.showModal(); dialog.querySelector("select").focus(); } }, t("moderation-open-override")),
      h("button", { type: "button", class: "secondary", id: "back-queue", onclick: () => ctx.go("moderation") }, t("moderation-back-queue"))),
    moderationNotes(r),
    h("section", { "aria-labelledby": "audit-heading", id: "audit" },
      h("h2", { id: "audit-heading" }, t("moderation-audit-heading")),
      v.audit.length ? auditList(v.audit, "audit-list") : h("p", {}, t("moderation-no-overrides"))),
    table(r),
    flags(r),
    transcript(r),
    dialog);
}

/** @param {import("../bindings").AuditEntry[]} entries */
function auditList(entries, id) {
  return h("ul", { id, class: "audit" }, ...entries.map((e) => h("li", { class: "audit-entry", "data-seq": e.seq },
    h("dl", { class: "facts" },
      h("div", {}, h("dt", {}, t("moderation-who")), h("dd", {}, e.actor)),
      h("div", {}, h("dt", {}, t("moderation-when")), h("dd", {}, h("time", { datetime: e.at }, e.at))),
      h("div", {}, h("dt", {}, t("moderation-what")), h("dd", {}, e.subject)),
      h("div", {}, h("dt", {}, t("moderation-before")), h("dd", { class: "before" }, e.before ? gradeWords(e.before) : "—")),
      h("div", {}, h("dt", {}, t("moderation-after")), h("dd", { class: "after" }, e.after ? gradeWords(e.after) : "—")),
      h("div", {}, h("dt", {}, t("moderation-why")), h("dd", { class: "reason" }, e.reason ?? "—"))))));
}

function overrideDialog(root, ctx, v) {
  const r = v.report;
  const targets = [
    ...r.competencies.map((c) => ({ key: `competency:${c.id}`, kind: "competency", id: c.id, label: t("moderation-target-competency", { title: c.title, now: c.level_label }) })),
    ...r.red_flags.map((f) => ({ key: `red_flag:${f.category}`, kind: "red_flag", id: f.category, label: t("moderation-target-flag", { title: f.title, now: t("flag-outcome", { outcome: f.outcome }) }) })),
  ];
  const target = h("select", { id: "override-target", name: "target", required: true },
    ...targets.map((t) => h("option", { value: t.key }, t.label)));
  const value = h("select", { id: "override-value", name: "value", required: true });
  const fillValues = () => {
    const picked = targets.find((x) => x.key === target.value);
    mount(value, ...(picked && picked.kind === "red_flag" ? OUTCOMES.map((id) => [id, t("flag-outcome-option", { outcome: id })]) : LEVELS.map((id) => [id, t("level-option", { level: id })]))
      .map(([id, label]) => h("option", { value: id }, label)));
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
        problem.textContent = t("moderation-reason-needed");
        problem.hidden = false;
        reason.focus();
        return;
      }
      const picked = targets.find((x) => x.key === target.value);
      try {
        const updated = await ctx.api.moderate(v.attempt, { kind: picked.kind, id: picked.id }, value.value, reason.value);
        dialog.close();
        ctx.announce(t("moderation-saved-announce", { headline: updated.status.headline }));
        show(root, ctx, updated, true);
        const saved = document.getElementById("saved-heading");
        if (saved) { saved.setAttribute("tabindex", "-1"); saved.focus(); }
      } catch (e) {
        problem.textContent = e.message;
        problem.hidden = false;
      }
    },
  },
  h("h2", { id: "override-heading" }, t("moderation-override-heading")),
  h("p", { class: "muted" }, t("moderation-override-note")),
  h("label", { for: "override-target" }, t("moderation-target")), target,
  h("label", { for: "override-value" }, t("moderation-value")), value,
  h("label", { for: "override-reason" }, t("moderation-reason")), reason,
  h("p", { id: "reason-help", class: "muted" }, t("moderation-reason-help")),
  problem,
  h("div", { class: "actions" },
    h("button", { type: "submit", id: "save-override" }, t("moderation-save")),
    h("button", { type: "button", class: "secondary", id: "cancel-override", onclick: () => dialog.close() }, t("moderation-cancel"))));
  dialog.append(form);
  return dialog;
}
