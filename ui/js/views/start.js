// Start screen: choose a role. Trainees pick or create a profile; trainers
// go to the workbench; accreditation goes to the training records.

import { h, mount } from "../dom.js";

export async function render(root, ctx) {
  const profiles = await ctx.api.listProfiles();
  const hasTrainer = await ctx.api.trainerExists();
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

  // Trainer sign-in (or, when there is no trainer yet, creating the first).
  const tName = h("input", { id: "trainer-name", name: "trainer", autocomplete: "username", required: true, maxlength: 80 });
  const tPass = h("input", { id: "trainer-passphrase", name: "passphrase", type: "password", autocomplete: hasTrainer ? "current-password" : "new-password", required: true });
  const signIn = h("form", {
    class: "stack-form",
    id: "trainer-form",
    onsubmit: async (ev) => {
      ev.preventDefault();
      try {
        const t = hasTrainer
          ? await ctx.api.trainerLogin(tName.value, tPass.value)
          : await ctx.api.createTrainer(tName.value, tPass.value);
        ctx.role = "trainer";
        ctx.profile = null;
        ctx.trainerAuth = { trainer: t.name, passphrase: tPass.value };
        ctx.announce(`Signed in as ${t.name}.`);
        ctx.go("moderation");
      } catch (e) {
        ctx.error(e);
      }
    },
  },
  h("h3", {}, hasTrainer ? "Trainer sign-in" : "Create the first trainer"),
  h("label", { for: "trainer-name" }, "Trainer name"), tName,
  h("label", { for: "trainer-passphrase" }, "Passphrase"), tPass,
  h("button", { type: "submit", id: "trainer-sign-in" }, hasTrainer ? "Sign in to moderation" : "Create trainer and sign in"));

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
        h("h2", { id: "trainer-heading" }, "I write scenarios (trainer)"),
        h("p", {}, "Open a scenario folder to check it, see its graph, play from any beat and run its tests."),
        h("button", {
          type: "button",
          id: "open-workbench",
          onclick: () => { ctx.role = "trainer"; ctx.profile = null; ctx.go("workbench"); },
        }, "Open the workbench"),
        h("p", {}, "Moderate assessments: review graded attempts and override a grade with a written reason."),
        signIn),
      h("section", { class: "panel", "aria-labelledby": "accreditation-heading" },
        h("h2", { id: "accreditation-heading" }, "I check training records (accreditation)"),
        h("p", {}, "See and filter the records, export them, push statements to a learning record store, and verify credentials."),
        h("button", {
          type: "button",
          id: "open-accreditation",
          onclick: () => { ctx.role = "accreditation"; ctx.profile = null; ctx.go("records"); },
        }, "Open training records"))));
}
