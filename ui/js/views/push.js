// Accreditation: push statements to a learning record store. The
// password is typed for each push, sent with that call only, and cleared
// from the field afterwards; nothing stores it. Shows progress and the
// outbox (pending, delivered, failed with the store's message).

import { h, mount } from "../dom.js";
import { progressBar } from "./accreditation-common.js";

export async function render(root, ctx) {
  const outboxBox = h("section", { id: "outbox", "aria-labelledby": "outbox-heading" });
  const showOutbox = (o) => {
    const c = o.counts;
    mount(outboxBox,
      h("h2", { id: "outbox-heading" }, "Outbox"),
      h("dl", { class: "counts", id: "outbox-counts" },
        h("dt", {}, "Pending"), h("dd", { id: "count-pending" }, String(c.pending)),
        h("dt", {}, "Delivered"), h("dd", { id: "count-delivered" }, String(c.delivered)),
        h("dt", {}, "Failed"), h("dd", { id: "count-failed" }, String(c.failed))),
      o.failed.length
        ? [h("h3", {}, "Statements the store rejected"),
          h("ul", { id: "failed-statements" }, ...o.failed.map((f) => h("li", { class: "bad" },
            h("span", { "aria-hidden": "true" }, "✗ "), h("code", {}, f.id), `: ${f.message}`))),
          h("button", {
            type: "button", id: "retry-failed",
            onclick: async () => {
              try {
                showOutbox(await ctx.api.retryFailedStatements());
                ctx.announce("Rejected statements are queued again; push to send them.");
              } catch (e) { ctx.error(e); }
            },
          }, "Retry failed statements")]
        : h("p", { class: "muted" }, "No statement has been rejected."));
  };

  const lrs = h("input", { id: "lrs-url", type: "url", required: true, placeholder: "https://lrs.example/xAPI/", autocomplete: "url" });
  const user = h("input", { id: "lrs-user", autocomplete: "off", required: true });
  const password = h("input", { id: "lrs-password", type: "password", autocomplete: "off", required: true, "aria-describedby": "password-help" });
  const home = h("input", { id: "push-home-page", type: "url", required: true, placeholder: "https://your-organisation.example/" });
  const bar = progressBar("push-progress", "Push progress");
  const result = h("div", { id: "push-result", role: "status" });
  const send = h("button", { type: "submit", id: "push-send" }, "Push statements");
  const form = h("form", {
    class: "stack-form panel",
    id: "push-form",
    onsubmit: async (ev) => {
      ev.preventDefault();
      send.disabled = true;
      bar.reset();
      mount(result, h("p", {}, "Pushing…"));
      const unlisten = await ctx.api.onPushProgress((p) => bar.update(p));
      try {
        const o = await ctx.api.pushStatements(lrs.value, user.value, password.value, ctx.accreditationFilters || {}, home.value);
        showOutbox(o.outbox);
        mount(result, o.stopped
          ? h("p", { class: "bad" }, h("span", { "aria-hidden": "true" }, "✗ "), `The push stopped: ${o.stopped}`)
          : h("p", { class: "ok" }, h("span", { "aria-hidden": "true" }, "✓ "),
            `Push complete: ${o.queued} new statement(s) queued, ${o.delivered} delivered in this push.`));
        if (!o.stopped) bar.finish();
        ctx.announce(o.stopped ? "The push stopped; see the message." : "Push complete.");
      } catch (e) {
        mount(result, h("p", { class: "bad" }, h("span", { "aria-hidden": "true" }, "✗ "), `The push could not start: ${e.message}`));
      } finally {
        password.value = "";
        send.disabled = false;
        unlisten();
      }
    },
  },
  h("label", { for: "lrs-url" }, "Learning record store xAPI address"), lrs,
  h("label", { for: "lrs-user" }, "User"), user,
  h("label", { for: "lrs-password" }, "Password"), password,
  h("p", { id: "password-help", class: "muted" }, "Used for this push only and never stored; you type it each time."),
  h("label", { for: "push-home-page" }, "Organisation home page (names trainees' accounts in statements)"), home,
  h("p", { class: "muted" }, "Statements of the records matching the records screen's filters are queued, then everything pending is sent. Statements are always pseudonymous."),
  send);

  mount(root,
    h("h1", {}, "Push to a learning record store"),
    form, bar.el, result, outboxBox);
  showOutbox(await ctx.api.outboxState());
}
