// Staff sign-in screens: the workbench and moderation (trainers) and the
// training records (trainers and accreditation officers). The core checks
// the name, passphrase and role (`staff_sign_in`); on success api.js keeps
// them for the calls of that area, and "Change role" forgets them. A
// trainee profile is refused here and by every staff command.

import { h, mount } from "../dom.js";
import { t } from "../i18n.js";

const AREAS = {
  workbench: {
    heading: "signin-workbench-heading",
    lead: "signin-workbench-lead",
    who: "signin-trainer-name",
    submit: "signin-workbench-submit",
    role: "trainer",
    view: "workbench",
    trainersOnly: true,
  },
  moderation: {
    heading: "signin-moderation-heading",
    lead: "signin-moderation-lead",
    who: "signin-trainer-name",
    submit: "signin-moderation-submit",
    role: "trainer",
    view: "moderation",
    trainersOnly: true,
  },
  records: {
    heading: "signin-records-heading",
    lead: "signin-records-lead",
    who: "signin-staff-name",
    submit: "signin-records-submit",
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
  const submit = h("button", { type: "submit", id: "staff-sign-in" }, first ? t("signin-create-first-submit") : t(a.submit));
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
        ctx.announce(t("signin-signed-in", { name: s.name, role: s.role_label }));
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
  h("label", { for: "staff-name" }, t(a.who)), name,
  h("label", { for: "staff-passphrase" }, t("signin-passphrase")), pass,
  first ? h("p", { id: "passphrase-help", class: "muted" }, t("signin-passphrase-help")) : null,
  h("div", { class: "actions" },
    submit,
    h("button", { type: "button", class: "secondary", id: "signin-back", onclick: () => ctx.go("start") }, t("signin-back"))));

  mount(root,
    h("h1", { id: "signin-heading" }, first ? t("signin-create-first-heading") : t(a.heading)),
    h("p", { class: "lead" }, t(a.lead)),
    form,
    h("p", { class: "muted" }, t("signin-forget-note")));
  name.focus();
}
