// Staff sign-in screens: the workbench and moderation (trainers) and the
// training records (trainers and accreditation officers). The core checks
// the name, passphrase and role (`staff_sign_in`); on success api.js keeps
// them for the calls of that area, and "Change role" forgets them. A
// trainee profile is refused here and by every staff command.

import { h, mount } from "../dom.js";

const AREAS = {
  workbench: {
    heading: "Sign in to the workbench",
    lead: "The workbench shows each scenario's findings, graph, tests and explorer, and plays from any beat: it is the answer key, so only trainers may open it.",
    who: "Trainer name",
    submit: "Sign in to the workbench",
    role: "trainer",
    view: "workbench",
    trainersOnly: true,
  },
  moderation: {
    heading: "Sign in to moderation",
    lead: "Review graded assessments and override a grade with a written reason. Only trainers may moderate.",
    who: "Trainer name",
    submit: "Sign in to moderation",
    role: "trainer",
    view: "moderation",
    trainersOnly: true,
  },
  records: {
    heading: "Sign in to the training records",
    lead: "See and filter the records, export them, push statements to a learning record store, and verify credentials. Trainers and accreditation officers may open them.",
    who: "Name (trainer or accreditation officer)",
    submit: "Sign in to the training records",
    role: "accreditation",
    view: "records",
    trainersOnly: false,
  },
};

export async function render(root, ctx, params = {}) {
  const area = Object.hasOwn(AREAS, params.area) ? params.area : "workbench";
  const a = AREAS[area];
  // While there is no trainer at all, a trainers' screen creates the first.
  const first = a.trainersOnly && !(await ctx.api.trainerExists());
  const name = h("input", { id: "staff-name", name: "username", autocomplete: "username", required: true, maxlength: 200, spellcheck: "false" });
  const pass = h("input", {
    id: "staff-passphrase",
    name: "passphrase",
    type: "password",
    autocomplete: first ? "new-password" : "current-password",
    required: true,
    "aria-describedby": first ? "passphrase-help" : null,
  });
  const submit = h("button", { type: "submit", id: "staff-sign-in" }, first ? "Create the first trainer and sign in" : a.submit);
  const form = h("form", {
    class: "stack-form panel",
    id: "staff-form",
    "data-area": area,
    "aria-labelledby": "signin-heading",
    onsubmit: async (ev) => {
      ev.preventDefault();
      submit.disabled = true;
      try {
        if (first) await ctx.api.createTrainer(name.value, pass.value);
        const s = await ctx.api.signIn(area, name.value, pass.value);
        ctx.role = a.role;
        ctx.profile = null;
        ctx.announce(`Signed in as ${s.name}, ${s.role_label}.`);
        await ctx.go(a.view);
      } catch (e) {
        pass.value = "";
        ctx.error(e);
        pass.focus();
      } finally {
        submit.disabled = false;
      }
    },
  },
  h("label", { for: "staff-name" }, a.who), name,
  h("label", { for: "staff-passphrase" }, "Passphrase"), pass,
  first ? h("p", { id: "passphrase-help", class: "muted" }, "At least 8 characters. Further trainers and accreditation officers are added with rehearse trainer add.") : null,
  h("div", { class: "actions" },
    submit,
    h("button", { type: "button", class: "secondary", id: "signin-back", onclick: () => ctx.go("start") }, "Back to the start")));

  mount(root,
    h("h1", { id: "signin-heading" }, first ? "Create the first trainer" : a.heading),
    h("p", { class: "lead" }, a.lead),
    form,
    h("p", { class: "muted" }, "Nothing is remembered after you leave: choosing \u201cChange role\u201d signs you out."));
  name.focus();
}
