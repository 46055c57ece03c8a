// @ts-check
// Accreditation: the records table with its filters (organisation, date
// range, certification status) and the export dialog. The rows, the
// filters' meaning and every export format come from the core; this view
// lays them out and opens the system save dialog through the Rust side.

import { h, mount } from "../dom.js";
import { t, number, date } from "../i18n.js";
import { filterForm, progressBar } from "./accreditation-common.js";

const FORMATS = ["csv", "csv-attempts", "json", "xapi", "ob3"];

export async function render(root, ctx) {
  const tableBox = h("div", { id: "records-box" });
  const filters = filterForm("records", ctx.accreditationFilters, async (f) => {
    ctx.accreditationFilters = f;
    await fill(f);
  });

  // The table is read a page at a time; the filters apply before paging.
  async function fill(f, page = 0) {
    try {
      const p = await ctx.api.recordsTable(f, page);
      if (!p.rows.length) {
        mount(tableBox, h("p", { id: "records-empty" }, t("records-empty")));
      } else {
        mount(tableBox, table(p, ctx), pager(p, (to) => fill(f, to)));
      }
      ctx.announce(p.rows.length ? pageText(p) : t("records-shown", { count: 0 }));
    } catch (e) {
      ctx.error(e);
    }
  }

  const dialog = exportDialog(ctx);
  mount(root,
    h("h1", {}, t("records-heading")),
    h("p", { class: "lead" }, t("records-lead")),
    filters.form,
    h("div", { class: "actions" },
      h("button", { type: "button", id: "open-export", onclick: () => { dialog.showModal(); dialog.querySelector("input").focus(); } }, t("records-open-export"))),
    tableBox,
    dialog);
  await fill(filters.value());
}

/**
 * "Trainees 26–50 of 120" (or "… 26–50" when a status filter leaves the total unknown).
 * @param {import("../bindings").RosterPage} p
 */
function pageText(p) {
  const first = p.page * p.size + 1;
  const last = first + p.rows.length - 1;
  return p.total == null
    ? t("records-page-open", { first: number(first), last: number(last) })
    : t("records-page", { first: number(first), last: number(last), total: number(p.total) });
}

/** Previous and next buttons, shown when the table has more than one page. */
function pager(p, go) {
  if (p.page === 0 && !p.has_next) return "";
  return h("nav", { class: "actions pager", "aria-label": t("records-pages") },
    h("button", { type: "button", class: "secondary", id: "records-previous", disabled: p.page === 0, onclick: () => go(p.page - 1) }, t("records-previous")),
    h("span", { id: "records-page", class: "muted" }, pageText(p)),
    h("button", { type: "button", class: "secondary", id: "records-next", disabled: !p.has_next, onclick: () => go(p.page + 1) }, t("records-next")));
}

/** @param {import("../bindings").RosterPage} p */
function table(p, ctx) {
  const rows = p.rows;
  return h("div", { class: "table-scroll", tabindex: "0", role: "region", "aria-labelledby": "records-caption" },
    h("table", { id: "records-table" },
      h("caption", { id: "records-caption" }, t("records-caption", { count: p.total ?? rows.length })),
      h("thead", {}, h("tr", {}, ...["records-col-trainee", "records-col-organisation", "records-col-certification", "records-col-attempts", "records-col-assessments", "records-col-moderated", "records-col-last", "records-col-certificate"]
        .map((id) => h("th", { scope: "col" }, t(id))))),
      h("tbody", {}, ...rows.map((r) => h("tr", { "data-trainee": r.trainee, "data-status": r.status },
        h("th", { scope: "row" }, h("code", {}, r.trainee)),
        h("td", {}, r.organisation || "—"),
        h("td", { class: `standing standing-${r.status}` }, r.status_text),
        h("td", {}, number(r.attempts)),
        h("td", {}, number(r.assessments)),
        h("td", {}, number(r.moderated)),
        h("td", {}, r.last_completed ? date(r.last_completed) : "—"),
        h("td", {}, certificateCell(ctx, r)))))));
}

/** A standing certification's certificate, saved through the dialog (PDF or HTML to print). */
function certificateCell(ctx, r) {
  if (r.status !== "certified" && r.status !== "refresher_due") return "—";
  const save = (format) => async () => {
    try {
      const done = await ctx.api.saveTraineeCertificate(r.trainee, format);
      if (done) ctx.announce(t("certificate-saved", { path: done.path, credential: done.credential }));
    } catch (e) {
      ctx.error(e);
    }
  };
  return h("span", { class: "certificate-actions" },
    h("button", { type: "button", class: "secondary save-certificate", "data-format": "pdf", "aria-label": t("records-certificate-pdf-label", { trainee: r.trainee }), onclick: save("pdf") }, t("records-certificate-pdf")),
    " ",
    h("button", { type: "button", class: "secondary save-certificate", "data-format": "html", "aria-label": t("records-certificate-print-label", { trainee: r.trainee }), onclick: save("html") }, t("records-certificate-print")));
}

function exportDialog(ctx) {
  const dialog = h("dialog", { id: "export-dialog", "aria-labelledby": "export-heading" });
  const radios = FORMATS.map((id, i) => h("label", { class: "choice" },
    h("input", { type: "radio", name: "format", value: id, id: `format-${id}`, checked: i === 0 }), " ", t("records-format", { format: id })));
  const home = h("input", { id: "export-home-page", type: "url", placeholder: t("push-home-page-placeholder"), autocomplete: "url" });
  const identity = h("input", { type: "checkbox", id: "include-identity", "aria-describedby": "identity-help" });
  const bar = progressBar("export-progress", t("records-export-progress"));
  const result = h("div", { id: "export-result", role: "status" });
  let unlisten = null;
  const save = h("button", { type: "submit", id: "choose-save" }, t("records-choose-save"));
  const form = h("form", {
    onsubmit: async (ev) => {
      ev.preventDefault();
      const format = form.querySelector("input[name=format]:checked").value;
      save.disabled = true;
      bar.reset();
      mount(result);
      unlisten = await ctx.api.onExportProgress((p) => bar.update(p));
      try {
        const done = await ctx.api.exportRecords({
          format,
          filters: ctx.accreditationFilters || {},
          include_identity: identity.checked,
          home_page: home.value,
        });
        if (done) {
          bar.finish();
          mount(result, h("p", { class: "ok" }, h("span", { "aria-hidden": "true" }, "✓ "),
            done.signature
              ? t("records-exported-signed", { count: done.records, path: done.path, signature: done.signature })
              : t("records-exported", { count: done.records, path: done.path })),
          h("p", { class: "muted" }, `SHA-256 ${done.sha256}`));
          ctx.announce(t("records-export-finished", { count: done.records }));
        } else {
          mount(result, h("p", {}, t("records-export-cancelled")));
        }
      } catch (e) {
        mount(result, h("p", { class: "bad" }, h("span", { "aria-hidden": "true" }, "✗ "), t("records-export-failed", { message: e.message })));
      } finally {
        save.disabled = false;
        (await unlisten)?.();
      }
    },
  },
  h("h2", { id: "export-heading" }, t("records-export-heading")),
  h("p", {}, t("records-export-text")),
  h("fieldset", {}, h("legend", {}, t("records-format-legend")), ...radios),
  h("label", { for: "export-home-page" }, t("records-home-page")), home,
  h("fieldset", { class: "identity" }, h("legend", {}, t("records-privacy")),
    h("label", { for: "include-identity" }, identity, " ", t("records-include-identity")),
    h("p", { id: "identity-help", class: "muted" },
      t("records-identity-help"))),
  bar.el,
  result,
  h("div", { class: "actions" },
    save,
    h("button", { type: "button", class: "secondary", id: "close-export", onclick: () => dialog.close() }, t("records-close"))));
  dialog.append(form);
  return dialog;
}
