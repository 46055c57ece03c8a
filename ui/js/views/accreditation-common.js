// Pieces shared by the accreditation views: the records filters and a
// labelled progress bar fed by progress events.

import { h } from "../dom.js";
import { t } from "../i18n.js";

const STATUSES = ["not_started", "in_progress", "certified", "refresher_due", "expired_grace", "lapsed"];

/** The filter form; `onApply(filters)` runs on submit. `initial` restores earlier filters. */
export function filterForm(prefix, initial, onApply) {
  const f = initial || { organisation: "", from: "", to: "", status: [] };
  const org = h("input", { id: `${prefix}-organisation`, name: "organisation", autocomplete: "organization", value: f.organisation || "" });
  const from = h("input", { id: `${prefix}-from`, name: "from", type: "date", value: f.from || "" });
  const to = h("input", { id: `${prefix}-to`, name: "to", type: "date", value: f.to || "" });
  const boxes = STATUSES.map((id) => h("label", { class: "choice" },
    h("input", { type: "checkbox", name: "status", value: id, id: `${prefix}-status-${id}`, checked: (f.status || []).includes(id) }), " ", t("standing", { standing: id })));
  const value = () => ({
    organisation: org.value,
    from: from.value,
    to: to.value,
    status: boxes.map((b) => b.querySelector("input")).filter((i) => i.checked).map((i) => i.value),
  });
  const form = h("form", {
    class: "filters panel",
    id: `${prefix}-filters`,
    "aria-label": t("filters-label"),
    onsubmit: async (ev) => {
      ev.preventDefault();
      await onApply(value());
    },
  },
  h("div", { class: "filter-row" },
    h("span", {}, h("label", { for: `${prefix}-organisation` }, t("filters-organisation")), org),
    h("span", {}, h("label", { for: `${prefix}-from` }, t("filters-from")), from),
    h("span", {}, h("label", { for: `${prefix}-to` }, t("filters-to")), to)),
  h("fieldset", {}, h("legend", {}, t("filters-status")), ...boxes),
  h("button", { type: "submit", id: `${prefix}-apply` }, t("filters-apply")));
  return { form, value };
}

/** A progress bar with a text equivalent; update({done, total}). */
export function progressBar(id, label) {
  const bar = h("progress", { id, max: "1", value: "0", "aria-label": label });
  const text = h("span", { id: `${id}-text`, class: "muted" });
  const el = h("p", { class: "progress", hidden: true }, bar, " ", text);
  return {
    el,
    reset() { el.hidden = true; bar.max = 1; bar.value = 0; text.textContent = ""; },
    update({ done, total }) {
      el.hidden = false;
      bar.max = Math.max(total, 1);
      bar.value = Math.min(done, bar.max);
      text.textContent = t("progress-of-about", { done, total });
    },
    finish() { bar.value = bar.max; text.textContent = t("progress-done", { progress: text.textContent }).trim(); },
  };
}
