// Accreditation: the records table with its filters (organisation, date
// range, certification status) and the export dialog. The rows, the
// filters' meaning and every export format come from the core; this view
// lays them out and opens the system save dialog through the Rust side.

import { h, mount } from "../dom.js";
import { filterForm, progressBar } from "./accreditation-common.js";

const FORMATS = [
  ["csv", "CSV: one row per trainee and competency"],
  ["csv-attempts", "CSV: one row per attempt"],
  ["json", "JSON document, signed (a .sig file is written beside it)"],
  ["xapi", "xAPI 1.0.3 statements (JSON)"],
  ["ob3", "Open Badges 3.0 credentials, signed (JSON)"],
];

export async function render(root, ctx) {
  const tableBox = h("div", { id: "records-box" });
  const filters = filterForm("records", ctx.accreditationFilters, async (f) => {
    ctx.accreditationFilters = f;
    await fill(f);
  });

  async function fill(f) {
    try {
      const rows = await ctx.api.recordsTable(f);
      mount(tableBox, rows.length ? table(rows, ctx) : h("p", { id: "records-empty" }, "No trainee matches these filters."));
      ctx.announce(`${rows.length} trainee${rows.length === 1 ? "" : "s"} shown.`);
    } catch (e) {
      ctx.error(e);
    }
  }

  const dialog = exportDialog(ctx);
  mount(root,
    h("h1", {}, "Training records"),
    h("p", { class: "lead" }, "Trainees are shown by their pseudonymous id. Transcripts and free text are never shown or exported."),
    filters.form,
    h("div", { class: "actions" },
      h("button", { type: "button", id: "open-export", onclick: () => { dialog.showModal(); dialog.querySelector("input").focus(); } }, "Export these records…")),
    tableBox,
    dialog);
  await fill(filters.value());
}

function table(rows, ctx) {
  return h("div", { class: "table-scroll", tabindex: "0", role: "region", "aria-labelledby": "records-caption" },
    h("table", { id: "records-table" },
      h("caption", { id: "records-caption" }, `${rows.length} trainee${rows.length === 1 ? "" : "s"}; attempts counted in the date range`),
      h("thead", {}, h("tr", {}, ...["Trainee (pseudonymous id)", "Organisation", "Certification", "Completed attempts", "Assessments", "Moderated", "Last completed", "Certificate"]
        .map((t) => h("th", { scope: "col" }, t)))),
      h("tbody", {}, ...rows.map((r) => h("tr", { "data-trainee": r.trainee, "data-status": r.status },
        h("th", { scope: "row" }, h("code", {}, r.trainee)),
        h("td", {}, r.organisation || "—"),
        h("td", { class: `standing standing-${r.status}` }, r.status_text),
        h("td", {}, String(r.attempts)),
        h("td", {}, String(r.assessments)),
        h("td", {}, String(r.moderated)),
        h("td", {}, r.last_completed || "—"),
        h("td", {}, certificateCell(ctx, r)))))));
}

/** A standing certification's certificate, saved through the dialog (PDF or HTML to print). */
function certificateCell(ctx, r) {
  if (r.status !== "certified" && r.status !== "refresher_due") return "—";
  const save = (format) => async () => {
    try {
      const done = await ctx.api.saveTraineeCertificate(r.trainee, format);
      if (done) ctx.announce(`Certificate saved to ${done.path}; its signed credential is ${done.credential}.`);
    } catch (e) {
      ctx.error(e);
    }
  };
  return h("span", { class: "certificate-actions" },
    h("button", { type: "button", class: "secondary save-certificate", "data-format": "pdf", "aria-label": `PDF… (certificate of ${r.trainee})`, onclick: save("pdf") }, "PDF…"),
    " ",
    h("button", { type: "button", class: "secondary save-certificate", "data-format": "html", "aria-label": `Print… (certificate of ${r.trainee})`, onclick: save("html") }, "Print…"));
}

function exportDialog(ctx) {
  const dialog = h("dialog", { id: "export-dialog", "aria-labelledby": "export-heading" });
  const radios = FORMATS.map(([id, label], i) => h("label", { class: "choice" },
    h("input", { type: "radio", name: "format", value: id, id: `format-${id}`, checked: i === 0 }), " ", label));
  const home = h("input", { id: "export-home-page", type: "url", placeholder: "https://your-organisation.example/", autocomplete: "url" });
  const identity = h("input", { type: "checkbox", id: "include-identity", "aria-describedby": "identity-help" });
  const bar = progressBar("export-progress", "Export progress");
  const result = h("div", { id: "export-result", role: "status" });
  let unlisten = null;
  const save = h("button", { type: "submit", id: "choose-save" }, "Choose where to save…");
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
            `Exported ${done.records} record${done.records === 1 ? "" : "s"} to ${done.path}`,
            done.signature ? ` (signature: ${done.signature})` : "", "."),
          h("p", { class: "muted" }, `SHA-256 ${done.sha256}`));
          ctx.announce(`Export finished: ${done.records} records.`);
        } else {
          mount(result, h("p", {}, "Export cancelled; nothing was written."));
        }
      } catch (e) {
        mount(result, h("p", { class: "bad" }, h("span", { "aria-hidden": "true" }, "✗ "), `Export failed: ${e.message}`));
      } finally {
        save.disabled = false;
        (await unlisten)?.();
      }
    },
  },
  h("h2", { id: "export-heading" }, "Export records"),
  h("p", {}, "The records shown in the table (the same filters) are exported. Transcripts and free text are never included."),
  h("fieldset", {}, h("legend", {}, "Format"), ...radios),
  h("label", { for: "export-home-page" }, "Organisation home page (needed for xAPI statements)"), home,
  h("fieldset", { class: "identity" }, h("legend", {}, "Privacy"),
    h("label", { for: "include-identity" }, identity, " Include identity: trainees' names and emails"),
    h("p", { id: "identity-help", class: "muted" },
      "Off by default: trainees are identified only by their pseudonymous id. Tick only if the receiving body needs names. ",
      "(xAPI statements and credentials are always pseudonymous.)")),
  bar.el,
  result,
  h("div", { class: "actions" },
    save,
    h("button", { type: "button", class: "secondary", id: "close-export", onclick: () => dialog.close() }, "Close")));
  dialog.append(form);
  return dialog;
}
