// @ts-check
// Trainee library: one card per scenario, attempts to resume, and the
// choice of practice or assessment. Red flags are never shown here.

import { h, mount } from "../dom.js";
import { current, t } from "../i18n.js";
import { libraryOf, takeLibrary } from "../ahead.js";

const STATUS = {
  not_tried: { icon: "○", text: "library-status-not-tried" },
  practised: { icon: "◐", text: "library-status-practised" },
  passed: { icon: "●", text: "library-status-passed" },
};

export async function render(root, ctx) {
  if (!ctx.profile) return ctx.go("start");
  // The start screen may have asked already, while it waited for the click.
  const [cards, pending] = (await takeLibrary(ctx.profile.id, current())) ??
    (await libraryOf(ctx.api, ctx.profile.id));

  const start = async (card, mode) => {
    try {
      await ctx.api.startAttempt(ctx.profile.id, card.path, mode);
      ctx.go("player");
    } catch (e) {
      ctx.error(e);
    }
  };

  const resume = pending.length
    ? h("section", { class: "panel resume", "aria-labelledby": "resume-heading", id: "resume" },
      h("h2", { id: "resume-heading" }, t("library-resume-heading")),
      h("ul", { class: "plain" }, ...pending.map((p) =>
        h("li", {},
          h("button", {
            type: "button",
            class: "resume-button",
            "data-attempt": p.attempt,
            onclick: async () => {
              try {
                await ctx.api.resumeAttempt(ctx.profile.id, p.attempt);
                ctx.go("player");
              } catch (e) {
                ctx.error(e);
              }
            },
          }, t("library-resume", { title: p.title || p.scenario_id })),
          h("span", { class: "muted" }, " ", t("library-resume-detail", { mode: p.mode, turns: p.turns }))))))
    : null;

  const grid = h("ul", { class: "cards", id: "library" }, ...cards.map((c) => card(c, start)));

  mount(root,
    h("h1", {}, t("library-heading")),
    h("p", { class: "lead" }, t("library-lead")),
    resume,
    grid,
    h("p", {},
      h("button", {
        type: "button",
        class: "secondary",
        onclick: async () => {
          try {
            const added = await ctx.api.addLibraryFolder();
            if (added) { ctx.announce(t("library-folder-added")); ctx.go("library"); }
          } catch (e) { ctx.error(e); }
        },
      }, t("library-add-folder"))));
}

/** @param {import("../bindings").ScenarioCard} c */
function card(c, start) {
  const status = STATUS[c.status] || STATUS.not_tried;
  const headingId = `card-${c.id}`;
  // A scenario not translated into the app's language shows its script's
  // own text: that text is marked with its language (so screen readers
  // read it right, WCAG 3.1.2) and the card says so.
  const foreign = c.language && c.language !== current();
  const inScript = foreign ? { lang: c.language } : {};
  return h("li", { class: "card", "data-scenario": c.id, "aria-labelledby": headingId },
    h("h2", { id: headingId, class: "card-title", ...inScript }, c.title),
    foreign ? h("p", { class: "card-language" }, t("library-card-language", { language: c.language })) : null,
    h("p", { class: `status status-${c.status}`, "data-status": c.status },
      h("span", { "aria-hidden": "true" }, status.icon, " "), t(status.text)),
    c.summary ? h("p", { class: "summary", ...inScript }, c.summary) : null,
    c.problem ? h("p", { class: "problem" }, h("strong", {}, t("library-cannot-play")), " ", h("span", inScript, c.problem)) : null,
    h("dl", { class: "facts" },
      h("div", {}, h("dt", {}, t("library-setting")), h("dd", inScript, c.setting)),
      h("div", {}, h("dt", {}, t("library-people", { count: c.personas.length })), h("dd", inScript, c.personas.join("; "))),
      h("div", {}, h("dt", {}, t("library-difficulty")), h("dd", {}, t("difficulty", { level: c.difficulty }))),
      h("div", {}, h("dt", {}, t("library-time")), h("dd", {}, t("library-minutes", { minutes: c.minutes })))),
    h("p", { class: "targets-label" }, t("library-targets")),
    h("ul", { class: "tags" }, ...c.targets.map((t) => h("li", { title: t.description }, t.title))),
    c.problem ? null : h("div", { class: "actions" },
      h("button", {
        type: "button",
        class: "practise",
        "aria-label": t("library-practise-label", { title: c.title }),
        onclick: () => start(c, "practice"),
      }, t("library-practise")),
      h("button", {
        type: "button",
        class: "secondary assess",
        // The accessible name starts with the visible text (WCAG 2.5.3).
        "aria-label": t("library-assess-label", { title: c.title }),
        onclick: () => start(c, "assessment"),
      }, t("library-assess"))));
}
