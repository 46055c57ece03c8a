// Observed role-play (trainers): record a live role-play with a human
// partner against the 15 competencies with the rubric's descriptors for
// every level, red-flag recognition and timestamped notes (no transcript),
// then see the trainee's status and the agreement between automated and
// observed results. Every call carries the trainer's name and passphrase
// (added by api.js); the core checks them, validates and stores.

import { h, mount, words } from "../dom.js";
import { t, number, percent as share } from "../i18n.js";

const percent = (v) => (v === null || v === undefined ? "–" : share(v));
const kappa = (v) => (v === null || v === undefined ? "–" : number(v, { minimumFractionDigits: 2, maximumFractionDigits: 2 }));

export async function render(root, ctx) {
  const overview = await ctx.api.observationOverview();
  show(root, ctx, overview, null);
}

function show(root, ctx, v, recorded) {
  const notes = [];
  let started = null;
  const noteList = h("ol", { id: "note-list", class: "notes" });
  const drawNotes = () => mount(noteList, ...notes.map((n, i) => h("li", { "data-index": String(i) },
    h("strong", {}, n.elapsed), n.competency ? ` [${n.competency}] ` : " ", n.text,
    " ", h("button", { type: "button", class: "quiet", onclick: () => { notes.splice(i, 1); drawNotes(); } }, t("observation-remove-note")))));

  const trainee = h("select", { id: "obs-trainee", required: true },
    ...v.trainees.map((p) => h("option", { value: p.id }, p.organisation ? `${p.name} (${p.organisation})` : p.name)));
  const partner = h("select", { id: "obs-partner" },
    h("option", { value: "actor" }, t("observation-partner-actor")), h("option", { value: "trainee" }, t("observation-partner-trainee")));
  const scenario = h("input", { id: "obs-scenario", type: "text", autocomplete: "off", placeholder: t("observation-scenario-placeholder") });

  const competencyFields = v.rubric.competencies.map((c) => h("fieldset", { class: "rubric", "data-competency": c.competency },
    h("legend", {}, `${c.title} (${c.competency})`),
    h("p", { class: "muted" }, c.description),
    radio(`level-${c.competency}`, "not_assessed", t("level-option", { level: "not_assessed" }), t("observation-not-assessed-text"), true),
    ...c.levels.map(([level, text]) => radio(`level-${c.competency}`, level, t("level-option", { level }), text, false))));

  const flagFields = v.rubric.red_flags.map((f) => h("fieldset", { class: "rubric", "data-red-flag": f.category },
    h("legend", {}, t("observation-flag-legend", { title: f.title })),
    radio(`flag-${f.category}`, "", t("flag-outcome-option", { outcome: "none" }), t("observation-not-presented-text"), true),
    radio(`flag-${f.category}`, "recognised", t("flag-outcome-option", { outcome: "recognised" }), f.recognised, false),
    radio(`flag-${f.category}`, "missed", t("flag-outcome-option", { outcome: "missed" }), f.missed, false)));

  const noteTime = h("input", { id: "note-time", type: "text", inputmode: "numeric", placeholder: t("observation-time-placeholder"), size: "8" });
  const noteCompetency = h("select", { id: "note-competency" }, h("option", { value: "" }, t("observation-no-competency")),
    ...v.rubric.competencies.map((c) => h("option", { value: c.competency }, c.title)));
  const noteText = h("input", { id: "note-text", type: "text", autocomplete: "off", maxlength: "500" });
  const clock = h("span", { id: "obs-clock", class: "muted" }, t("observation-timer-not-started"));
  const elapsedNow = () => {
    if (!started) return "";
    const s = Math.floor((Date.now() - started) / 1000);
    return `${String(Math.floor(s / 60)).padStart(2, "0")}:${String(s % 60).padStart(2, "0")}`;
  };
  const addNote = () => {
    const text = noteText.value.trim();
    if (!text) { ctx.error(new Error(t("observation-note-needed"))); return; }
    notes.push({ elapsed: noteTime.value.trim() || elapsedNow() || "00:00", competency: noteCompetency.value || null, text });
    noteText.value = "";
    noteTime.value = "";
    drawNotes();
    ctx.announce(t("observation-note-added", { count: notes.length }));
    noteText.focus();
  };

  const submit = async () => {
    const levels = {};
    for (const c of v.rubric.competencies) {
      const picked = root.querySelector(`input[name="level-${c.competency}"]:checked`);
      if (picked && picked.value !== "not_assessed") levels[c.competency] = picked.value;
    }
    const redFlags = {};
    for (const f of v.rubric.red_flags) {
      const picked = root.querySelector(`input[name="flag-${f.category}"]:checked`);
      if (picked && picked.value) redFlags[f.category] = picked.value;
    }
    const r = await ctx.api.recordObservation({
      trainee: trainee.value,
      partner: partner.value,
      scenario_id: scenario.value.trim() || null,
      levels,
      red_flags: redFlags,
      notes,
    });
    ctx.announce(`${t("observation-recorded", { passed: String(r.observation.passed) })}. ${r.status.headline}`);
    show(root, ctx, r.overview, r);
  };

  mount(root,
    h("h1", {}, t("title-observation")),
    h("p", { class: "lead" }, t("observation-lead")),
    recorded
      ? h("section", { class: "panel notice", id: "observation-saved", role: "status", "data-standing": recorded.status.standing, "aria-labelledby": "obs-saved-heading" },
        h("h2", { id: "obs-saved-heading" }, t("observation-recorded", { passed: String(recorded.observation.passed) })),
        h("p", { id: "observation-status" }, h("strong", {}, t("dashboard-status", { headline: recorded.status.headline }))),
        h("p", {}, recorded.status.next_action))
      : null,
    v.trainees.length
      ? h("form", { id: "observation-form", onsubmit: (e) => { e.preventDefault(); submit().catch((err) => ctx.error(err)); } },
        h("div", { class: "fields" },
          h("label", { for: "obs-trainee" }, t("observation-trainee")), trainee,
          h("label", { for: "obs-partner" }, t("observation-partner")), partner,
          h("label", { for: "obs-scenario" }, t("observation-scenario")), scenario),
        h("section", { class: "panel", "aria-labelledby": "notes-heading" },
          h("h2", { id: "notes-heading" }, t("observation-notes")),
          h("div", { class: "actions" },
            h("button", { type: "button", id: "start-timer", class: "secondary", onclick: () => { started = Date.now(); clock.textContent = t("observation-timer-started"); } }, t("observation-start-timer")),
            clock),
          h("div", { class: "fields" },
            h("label", { for: "note-time" }, t("observation-note-time")), noteTime,
            h("label", { for: "note-competency" }, t("observation-note-competency")), noteCompetency,
            h("label", { for: "note-text" }, t("observation-note")), noteText),
          h("button", { type: "button", id: "add-note", onclick: addNote }, t("observation-add-note")),
          noteList),
        h("section", { "aria-labelledby": "levels-heading" },
          h("h2", { id: "levels-heading" }, t("debrief-chart-heading")), ...competencyFields),
        h("section", { "aria-labelledby": "flags-heading" },
          h("h2", { id: "flags-heading" }, t("debrief-flags-heading")), ...flagFields),
        h("div", { class: "actions" }, h("button", { type: "submit", id: "record-observation" }, t("observation-record"))))
      : h("p", { id: "no-trainees" }, t("observation-no-trainees")),
    agreementTable(v.agreement, v.rubric),
    observationList(v));
}

function radio(name, value, label, text, checked) {
  const id = `${name}-${value || "none"}`;
  return h("div", { class: "choice" },
    h("input", { type: "radio", name, id, value, checked }),
    h("label", { for: id }, h("strong", {}, label), " — ", text));
}

function agreementTable(a, rubric) {
  const titles = new Map(rubric.competencies.map((c) => [c.competency, c.title]));
  const competencyTitle = (id) => titles.get(id) || words(id);
  const counts = (c) => c.map((n) => number(n)).join(" / ");
  return h("section", { class: "panel", id: "agreement", "data-trainees": String(a.trainees), "aria-labelledby": "agreement-heading" },
    h("h2", { id: "agreement-heading" }, t("observation-agreement-heading")),
    h("p", {}, t("observation-agreement-text", { count: a.trainees })),
    h("div", { class: "table-wrap" }, h("table", {},
      h("thead", {}, h("tr", {}, ...["debrief-col-competency", "observation-col-pairs", "observation-col-automated", "observation-col-observed", "observation-col-level-agreement", "observation-col-kappa", "observation-col-threshold-agreement", "observation-col-kappa"].map((id) => h("th", { scope: "col" }, t(id))))),
      h("tbody", {}, ...a.competencies.map((c) => h("tr", { "data-competency": c.competency, "data-pairs": String(c.pairs) },
        h("th", { scope: "row" }, competencyTitle(c.competency)),
        h("td", {}, number(c.pairs)),
        h("td", {}, counts(c.automated)),
        h("td", {}, counts(c.observed)),
        h("td", { class: "level-agreement" }, percent(c.level_agreement)),
        h("td", {}, kappa(c.level_kappa)),
        h("td", { class: "threshold-agreement" }, percent(c.threshold_agreement)),
        h("td", {}, kappa(c.threshold_kappa))))))));
}

function observationList(v) {
  const names = new Map(v.trainees.map((t) => [t.id, t.name]));
  return h("section", { "aria-labelledby": "observations-heading" },
    h("h2", { id: "observations-heading" }, t("observation-recorded-heading")),
    v.observations.length
      ? h("ul", { id: "observations" }, ...v.observations.map((o) => h("li", { "data-observation": o.id },
        t("observation-entry", {
          trainee: names.get(o.trainee) || o.trainee,
          at: o.observed_at,
          partner: o.partner,
          trainer: o.trainer_name,
          passed: String(o.passed),
          notes: o.notes.length,
        }))))
      : h("p", { id: "observations-empty" }, t("observation-none")));
}
