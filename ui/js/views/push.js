// @ts-check
// Accreditation: push statements to a learning record store. The
// password is typed for each push, sent with that call only, and cleared
// from the field afterwards; nothing stores it. Shows progress and the
// outbox (pending, delivered, failed with the store's message).

import { h, mount } from "../dom.js";
import { t, number } from "../i18n.js";
import { progressBar } from "./accreditation-common.js";

export async function render(root, ctx) {
  const outboxBox = h("section", { id: "outbox", "aria-labelledby": "outbox-heading" });
  const showOutbox = (o) => {
    const c = o.counts;
    mount(outboxBox,
      h("h2", { id: "outbox-heading" }, t("push-outbox")),
      h("dl", { class: "counts", id: "outbox-counts" },
        h("dt", {}, t("push-pending")), h("dd", { id: "count-pending" }, number(c.pending)),
        h("dt", {}, t("push-delivered")), h("dd", { id: "count-delivered" }, number(c.delivered)),
        h("dt", {}, t("push-failed")), h("dd", { id: "count-failed" }, number(c.failed))),
      o.failed.length
        ? [h("h3", {}, t("push-rejected-heading")),
          h("ul", { id: "failed-statements" }, ...o.failed.map((f) => h("li", { class: "bad" },
            h("span", { "aria-hidden": "true" }, "✗ "), h("code", {}, f.id), `: ${f.message}`))),
          h("button", {
            type: "button", id: "retry-failed",
            onclick: async () => {
              try {
                showOutbox(await ctx.api.retryFailedStatements());
                ctx.announce(t("push-requeued"));
              } catch (e) { ctx.error(e); }
            },
          }, t("push-retry"))]
        : h("p", { class: "muted" }, t("push-none-rejected")));
  };

  const lrs = h("input", { id: "lrs-url", type: "url", required: true, placeholder: "https://lrs.example/xAPI/", autocomplete: "url" });
  const user = h("input", { id: "lrs-user", autocomplete: "off", required: true });
  const password = h("input", { id: "lrs-password", type: "password", autocomplete: "off", required: true, "aria-describedby": "password-help" });
  const home = h("input", { id: "push-home-page", type: "url", required: true, placeholder: t("push-home-page-placeholder") });
  const bar = progressBar("push-progress", t("push-progress"));
  const result = h("div", { id: "push-result", role: "status" });
  const send = h("button", { type: "submit", id: "push-send" }, t("push-send"));
  const form = h("form", {
    class: "stack-form panel",
    id: "push-form",
    onsubmit: async (ev) => {
      ev.preventDefault();
      send.disabled = true;
      bar.reset();
      mount(result, h("p", {}, t("push-pushing")));
      const unlisten = await ctx.api.onPushProgress((p) => bar.update(p));
      try {
        const o = await ctx.api.pushStatements(lrs.value, user.value, password.value, ctx.accreditationFilters || {}, home.value);
        showOutbox(o.outbox);
        mount(result, o.stopped
          ? h("p", { class: "bad" }, h("span", { "aria-hidden": "true" }, "✗ "), t("push-stopped", { message: o.stopped }))
          : h("p", { class: "ok" }, h("span", { "aria-hidden": "true" }, "✓ "),
            t("push-complete", { queued: o.queued, delivered: o.delivered })));
        if (!o.stopped) bar.finish();
        ctx.announce(o.stopped ? t("push-stopped-announce") : t("push-complete-announce"));
      } catch (e) {
        mount(result, h("p", { class: "bad" }, h("span", { "aria-hidden": "true" }, "✗ "), t("push-could-not-start", { message: e.message })));
      } finally {
        password.value = "";
        send.disabled = false;
        unlisten();
      }
    },
  },
  h("label", { for: "lrs-url" }, t("push-lrs-url")), lrs,
  h("label", { for: "lrs-user" }, t("push-user")), user,
  h("label", { for: "lrs-password" }, t("push-password")), password,
  h("p", { id: "password-help", class: "muted" }, t("push-password-help")),
  h("label", { for: "push-home-page" }, t("push-home-page")), home,
  h("p", { class: "muted" }, t("push-explain")),
  send);

  mount(root,
    h("h1", {}, t("title-push")),
    form, bar.el, result, outboxBox);
  showOutbox(await ctx.api.outboxState());
}
