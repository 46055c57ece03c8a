// Start screen: choose a role. Trainees pick or create a profile; the
// workbench, moderation and the training records each open a sign-in
// screen (signin.js) first.

import { h, mount } from "../dom.js";

export async function render(root, ctx) {
  const profiles = await ctx.api.listProfiles();
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
      }, `Continue as ${p.name}`))));
    if (!profiles.length) mount(list, h("li", { class: "muted" }, "No profiles yet. Create one below."));
  };
  fill();

  const name = h("input", { id: "new-profile-name", name: "name", autocomplete: "off", required: true, maxlength: 80 });
  const form = h("form", {
    class: "inline-form",
    onsubmit: async (ev) => {
      ev.preventDefault();
      try {
        const p = await ctx.api.createProfile(name.value);
        ctx.announce(`Profile ${p.name} created.`);
        choose(p);
      } catch (e) {
        ctx.error(e);
      }
    },
  },
  h("label", { for: "new-profile-name" }, "Your name"),
  name,
  h("button", { type: "submit", id: "create-profile" }, "Create profile and continue"));

  mount(root,
    h("h1", {}, "Welcome to Rehearse"),
    h("p", { class: "lead" },
      "Practise conversations with colleagues after an adverse event: listening, staying with feelings, ",
      "and noticing when someone may not be safe."),
    h("div", { class: "role-grid" },
      h("section", { class: "panel", "aria-labelledby": "trainee-heading" },
        h("h2", { id: "trainee-heading" }, "I am practising (trainee)"),
        h("p", {}, "Choose your profile so your practice and results are kept together."),
        list,
        form),
      h("section", { class: "panel", "aria-labelledby": "trainer-heading" },
        h("h2", { id: "trainer-heading" }, "I write scenarios and moderate (trainer)"),
        h("p", {}, "Open a scenario folder to check it, see its graph, play from any beat and run its tests."),
        h("button", {
          type: "button",
          id: "open-workbench",
          onclick: () => ctx.go("signin", { area: "workbench" }),
        }, "Open the workbench"),
        h("p", {}, "Moderate assessments: review graded attempts and override a grade with a written reason."),
        h("button", {
          type: "button",
          id: "open-moderation",
          onclick: () => ctx.go("signin", { area: "moderation" }),
        }, "Open moderation"),
        h("p", { class: "muted" }, "Both ask for your trainer name and passphrase.")),
      h("section", { class: "panel", "aria-labelledby": "accreditation-heading" },
        h("h2", { id: "accreditation-heading" }, "I check training records (accreditation)"),
        h("p", {}, "See and filter the records, export them, push statements to a learning record store, and verify credentials."),
        h("button", {
          type: "button",
          id: "open-accreditation",
          onclick: () => ctx.go("signin", { area: "records" }),
        }, "Open training records"),
        h("p", { class: "muted" }, "Asks for the name and passphrase of an accreditation officer or a trainer."))));
}
