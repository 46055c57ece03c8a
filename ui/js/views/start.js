// Start screen: choose a role. Trainees pick or create a profile; the
// workbench, moderation and the training records each open a sign-in
// screen (signin.js) first.

import { h, mount } from "../dom.js";
import { current, t } from "../i18n.js";
import { askLibrary } from "../ahead.js";

/** The most profiles whose library is asked for before one is chosen. */
const AHEAD = 4;

let preloaded = null;

/** Asks for the profiles before the first render (while the page's messages load). */
export function preload(api) {
  preloaded = api.listProfiles();
  preloaded.catch(() => {});
}

export async function render(root, ctx) {
  const asked = preloaded;
  preloaded = null;
  const profiles = await (asked ?? ctx.api.listProfiles());
  const list = h("ul", { class: "profile-list", id: "profiles" });
  const choose = (p) => {
    ctx.role = "trainee";
    ctx.profile = p;
    ctx.go("library");
  };
  const fill = () => {
    mount(list, ...profiles.map((p) =>
      h("li", {}, h("button", {
        type: "button",
        class: "profile",
        "data-profile": p.name,
        onclick: () => choose(p),
      }, t("start-continue-as", { name: p.name })))));
    if (!profiles.length) mount(list, h("li", { class: "muted" }, t("start-no-profiles")));
  };
  fill();
  // While the screen waits for a click, the library's module and the
  // listed profiles' cards are fetched (after the screen is drawn), so
  // "Continue as" shows the cards at once. A machine shared by more
  // profiles than that waits for the click.
  if (profiles.length) {
    requestAnimationFrame(() => setTimeout(() => {
      ctx.preload("library");
      if (profiles.length <= AHEAD) for (const p of profiles) askLibrary(ctx.api, p.id, current());
    }, 0));
  }

  const name = h("input", { id: "new-profile-name", name: "name", autocomplete: "off", required: true, maxlength: 80 });
  const form = h("form", {
    class: "inline-form",
    onsubmit: async (ev) => {
      ev.preventDefault();
      try {
        const p = await ctx.api.createProfile(name.value);
        ctx.announce(t("start-profile-created", { name: p.name }));
        choose(p);
      } catch (e) {
        ctx.error(e);
      }
    },
  },
  h("label", { for: "new-profile-name" }, t("start-your-name")),
  name,
  h("button", { type: "submit", id: "create-profile" }, t("start-create-profile")));

  mount(root,
    h("h1", {}, t("start-heading")),
    h("p", { class: "lead" }, t("start-lead")),
    h("div", { class: "role-grid" },
      h("section", { class: "panel", "aria-labelledby": "trainee-heading" },
        h("h2", { id: "trainee-heading" }, t("start-trainee-heading")),
        h("p", {}, t("start-trainee-text")),
        list,
        form),
      h("section", { class: "panel", "aria-labelledby": "trainer-heading" },
        h("h2", { id: "trainer-heading" }, t("start-trainer-heading")),
        h("p", {}, t("start-workbench-text")),
        h("button", {
          type: "button",
          id: "open-workbench",
          onclick: () => ctx.go("signin", { area: "workbench" }),
        }, t("start-open-workbench")),
        h("p", {}, t("start-moderation-text")),
        h("button", {
          type: "button",
          id: "open-moderation",
          onclick: () => ctx.go("signin", { area: "moderation" }),
        }, t("start-open-moderation")),
        h("p", { class: "muted" }, t("start-trainer-note"))),
      h("section", { class: "panel", "aria-labelledby": "accreditation-heading" },
        h("h2", { id: "accreditation-heading" }, t("start-accreditation-heading")),
        h("p", {}, t("start-accreditation-text")),
        h("button", {
          type: "button",
          id: "open-accreditation",
          onclick: () => ctx.go("signin", { area: "records" }),
        }, t("start-open-records")),
        h("p", { class: "muted" }, t("start-accreditation-note")))));
}
