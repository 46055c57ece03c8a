// Trainee library: one card per scenario, attempts to resume, and the
// choice of practice or assessment. Red flags are never shown here.

import { h, mount, words } from "../dom.js";

const STATUS = {
  not_tried: { icon: "○", text: "Not tried" },
  practised: { icon: "◐", text: "Practised" },
  passed: { icon: "●", text: "Passed" },
};

export async function render(root, ctx) {
  if (!ctx.profile) return ctx.go("start");
  const [cards, pending] = await Promise.all([
    ctx.api.listScenarios(ctx.profile.id),
    ctx.api.listInProgress(ctx.profile.id),
  ]);

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
      h("h2", { id: "resume-heading" }, "Pick up where you left off"),
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
          }, `Resume ${p.title || p.scenario_id}`),
          h("span", { class: "muted" }, ` ${words(p.mode)}, ${p.turns} turn${p.turns === 1 ? "" : "s"} so far`)))))
    : null;

  const grid = h("ul", { class: "cards", id: "library" }, ...cards.map((c) => card(c, start)));

  mount(root,
    h("h1", {}, "Scenario library"),
    h("p", { class: "lead" },
      "Practice mode gives a hint after each turn and lets you undo. ",
      "An assessment counts: no hints, no undo, and a missed warning sign fails it."),
    resume,
    grid,
    h("p", {},
      h("button", {
        type: "button",
        class: "secondary",
        onclick: async () => {
          try {
            const added = await ctx.api.addLibraryFolder();
            if (added) { ctx.announce("Folder added to the library."); ctx.go("library"); }
          } catch (e) { ctx.error(e); }
        },
      }, "Add a scenario folder…")));
}

function card(c, start) {
  const status = STATUS[c.status] || STATUS.not_tried;
  const headingId = `card-${c.id}`;
  return h("li", { class: "card", "data-scenario": c.id, "aria-labelledby": headingId },
    h("h2", { id: headingId, class: "card-title" }, c.title),
    h("p", { class: `status status-${c.status}`, "data-status": c.status },
      h("span", { "aria-hidden": "true" }, status.icon, " "), status.text),
    c.summary ? h("p", { class: "summary" }, c.summary) : null,
    c.problem ? h("p", { class: "problem" }, h("strong", {}, "Cannot be played: "), c.problem) : null,
    h("dl", { class: "facts" },
      h("div", {}, h("dt", {}, "Setting"), h("dd", {}, c.setting)),
      h("div", {}, h("dt", {}, c.personas.length > 1 ? "People" : "Person"), h("dd", {}, c.personas.join("; "))),
      h("div", {}, h("dt", {}, "Difficulty"), h("dd", {}, words(c.difficulty))),
      h("div", {}, h("dt", {}, "Time"), h("dd", {}, `about ${c.minutes} minutes`))),
    h("p", { class: "targets-label" }, "Competencies it focuses on:"),
    h("ul", { class: "tags" }, ...c.targets.map((t) => h("li", { title: t.description }, t.title))),
    c.problem ? null : h("div", { class: "actions" },
      h("button", {
        type: "button",
        class: "practise",
        "aria-label": `Practise: ${c.title}`,
        onclick: () => start(c, "practice"),
      }, "Practise"),
      h("button", {
        type: "button",
        class: "secondary assess",
        // The accessible name starts with the visible text (WCAG 2.5.3).
        "aria-label": `Take assessment: ${c.title}`,
        onclick: () => start(c, "assessment"),
      }, "Take assessment")));
}
