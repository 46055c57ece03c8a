// @ts-check
// Accreditation: verify a credential or a signed export offline. The
// file comes from the system open dialog (or its path typed in); the core
// makes every check, and this view lists them with the verdict in words.

import { h, mount } from "../dom.js";
import { t } from "../i18n.js";

export async function render(root, ctx) {
  const result = h("section", { id: "verify-result", "aria-live": "polite", "aria-labelledby": "verdict-heading" });
  const path = h("input", { id: "verify-path", name: "path", autocomplete: "off", required: true });

  const check = async (file) => {
    mount(result, h("p", {}, t("verify-checking", { file })));
    try {
      show(await ctx.api.verifyFile(file));
    } catch (e) {
      mount(result,
        h("h2", { id: "verdict-heading", class: "bad", "data-valid": "false" }, h("span", { "aria-hidden": "true" }, "✗ "), t("verify-cannot")),
        h("p", { id: "verdict" }, e.message));
    }
  };

  const show = (v) => {
    mount(result,
      h("h2", { id: "verdict-heading", class: v.valid ? "ok" : "bad", "data-valid": String(v.valid) },
        h("span", { "aria-hidden": "true" }, v.valid ? "✓ " : "✗ "), v.valid ? t("verify-valid") : t("verify-not-valid")),
      h("p", { id: "verdict" }, v.summary),
      ...v.items.map((item) => h("article", { class: "panel verify-item", "data-valid": String(item.valid) },
        h("h3", {}, t("verify-item", { label: item.label, valid: String(item.valid) })),
        item.credential ? h("p", {}, t("verify-credential", { credential: item.credential, subject: item.subject, issuer: item.issuer })) : null,
        h("ul", { class: "checks" },
          ...item.checks.map((c) => h("li", { class: "check ok" }, h("span", { "aria-hidden": "true" }, "✓ "), t("verify-check-passed"), " ", c)),
          item.problem ? h("li", { class: "check bad" }, h("span", { "aria-hidden": "true" }, "✗ "), t("verify-check-failed"), " ", item.problem) : null))));
    ctx.announce(v.summary);
  };

  mount(root,
    h("h1", {}, t("title-verify")),
    h("p", { class: "lead" }, t("verify-lead")),
    h("div", { class: "actions" },
      h("button", {
        type: "button", id: "choose-verify-file",
        onclick: async () => {
          try {
            const file = await ctx.api.chooseFileToVerify();
            if (file) { path.value = file; await check(file); }
          } catch (e) { ctx.error(e); }
        },
      }, t("verify-choose"))),
    h("form", {
      class: "inline-form", id: "verify-form",
      onsubmit: async (ev) => { ev.preventDefault(); await check(path.value); },
    },
    h("label", { for: "verify-path" }, t("verify-path")), path,
    h("button", { type: "submit", id: "verify-submit" }, t("verify-submit"))),
    result);
}
