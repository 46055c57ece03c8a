// Observed role-play (trainers): record a live role-play with a human
// partner against the 15 competencies with the rubric's descriptors for
// every level, red-flag recognition and timestamped notes (no transcript),
// then see the trainee's status and the agreement between automated and
// observed results. Every call carries the trainer's name and passphrase
// (added by api.js); the core checks them, validates and stores.

import { h, mount, words } from "../dom.js";

const percent = (v) => (v === null || v === undefined ? "–" : `${Math.round(v * 100)}%`);
const kappa = (v) => (v === null || v === undefined ? "–" : v.toFixed(2));

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
    " ", h("button", { type: "button", class: "quiet", onclick: () => { notes.splice(i, 1); drawNotes(); } }, "Remove"))));

  const trainee = h("select", { id: "obs-trainee", required: true },
    ...v.trainees.map((t) => h("option", { value: t.id }, t.organisation ? `${t.name} (${t.organisation})` : t.name)));
  const partner = h("select", { id: "obs-partner" },
    h("option", { value: "actor" }, "An actor"), h("option", { value: "trainee" }, "Another trainee"));
  const scenario = h("input", { id: "obs-scenario", type: "text", autocomplete: "off", placeholder: "e.g. insulin-overdose" });

  const competencyFields = v.rubric.competencies.map((c) => h("fieldset", { class: "rubric", "data-competency": c.competency },
    h("legend", {}, `${c.title} (${c.competency})`),
    h("p", { class: "muted" }, c.description),
    radio(`level-${c.competency}`, "not_assessed", "Not assessed", "The role-play gave no chance to show it.", true),
    ...c.levels.map(([level, text]) => radio(`level-${c.competency}`, level, words(level), text, false))));

  const flagFields = v.rubric.red_flags.map((f) => h("fieldset", { class: "rubric", "data-red-flag": f.category },
    h("legend", {}, `Red flag: ${f.title}`),
    radio(`flag-${f.category}`, "", "Not presented", "The role-play did not present this red flag.", true),
    radio(`flag-${f.category}`, "recognised", "Recognised", f.recognised, false),
    radio(`flag-${f.category}`, "missed", "Missed", f.missed, false)));

  const noteTime = h("input", { id: "note-time", type: "text", inputmode: "numeric", placeholder: "mm:ss", size: "8" });
  const noteCompetency = h("select", { id: "note-competency" }, h("option", { value: "" }, "(no competency)"),
    ...v.rubric.competencies.map((c) => h("option", { value: c.competency }, c.title)));
  const noteText = h("input", { id: "note-text", type: "text", autocomplete: "off", maxlength: "500" });
  const clock = h("span", { id: "obs-clock", class: "muted" }, "Timer not started");
  const elapsedNow = () => {
    if (!started) return "";
    const s = Math.floor((Date.now() - started) / 1000);
    return `${String(Math.floor(s / 60)).padStart(2, "0")}:${String(s % 60).padStart(2, "0")}`;
  };
  const addNote = () => {
    const text = noteText.value.trim();
    if (!text) { ctx.error(new Error("Write the note before adding it.")); return; }
    notes.push({ elapsed: noteTime.value.trim() || elapsedNow() || "00:00", competency: noteCompetency.value || null, text });
    noteText.value = "";
    noteTime.value = "";
    drawNotes();
    ctx.announce(`Note added, ${notes.length} so far`);
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
    ctx.announce(`Observation recorded: ${r.observation.passed ? "passed" : "not passed"}. ${r.status.headline}`);
    show(root, ctx, r.overview, r);
  };

  mount(root,
    h("h1", {}, "Observed role-play"),
    h("p", { class: "lead" }, "Score a live role-play with a human partner against the same competencies and red flags. Keep short, timestamped notes as evidence; no transcript is kept."),
    recorded
      ? h("section", { class: "panel notice", id: "observation-saved", role: "status", "data-standing": recorded.status.standing, "aria-labelledby": "obs-saved-heading" },
        h("h2", { id: "obs-saved-heading" }, `Observation recorded: ${recorded.observation.passed ? "passed" : "not passed"}`),
        h("p", { id: "observation-status" }, h("strong", {}, `Status: ${recorded.status.headline}`)),
        h("p", {}, recorded.status.next_action))
      : null,
    v.trainees.length
      ? h("form", { id: "observation-form", onsubmit: (e) => { e.preventDefault(); submit().catch((err) => ctx.error(err)); } },
        h("div", { class: "fields" },
          h("label", { for: "obs-trainee" }, "Trainee"), trainee,
          h("label", { for: "obs-partner" }, "Partner"), partner,
          h("label", { for: "obs-scenario" }, "Scenario used as the brief (optional)"), scenario),
        h("section", { class: "panel", "aria-labelledby": "notes-heading" },
          h("h2", { id: "notes-heading" }, "Notes"),
          h("div", { class: "actions" },
            h("button", { type: "button", id: "start-timer", class: "secondary", onclick: () => { started = Date.now(); clock.textContent = "Timer started at 00:00"; } }, "Start the role-play timer"),
            clock),
          h("div", { class: "fields" },
            h("label", { for: "note-time" }, "Time (mm:ss; empty uses the timer)"), noteTime,
            h("label", { for: "note-competency" }, "Evidence for"), noteCompetency,
            h("label", { for: "note-text" }, "Note"), noteText),
          h("button", { type: "button", id: "add-note", onclick: addNote }, "Add note"),
          noteList),
        h("section", { "aria-labelledby": "levels-heading" },
          h("h2", { id: "levels-heading" }, "Competencies"), ...competencyFields),
        h("section", { "aria-labelledby": "flags-heading" },
          h("h2", { id: "flags-heading" }, "Red flags"), ...flagFields),
        h("div", { class: "actions" }, h("button", { type: "submit", id: "record-observation" }, "Record observation")))
      : h("p", { id: "no-trainees" }, "There are no trainees to observe yet."),
    agreementTable(v.agreement),
    observationList(v));
}

function radio(name, value, label, text, checked) {
  const id = `${name}-${value || "none"}`;
  return h("div", { class: "choice" },
    h("input", { type: "radio", name, id, value, checked }),
    h("label", { for: id }, h("strong", {}, label), " — ", text));
}

function agreementTable(a) {
  const counts = (c) => `${c[0]} / ${c[1]} / ${c[2]} / ${c[3]}`;
  return h("section", { class: "panel", id: "agreement", "data-trainees": String(a.trainees), "aria-labelledby": "agreement-heading" },
    h("h2", { id: "agreement-heading" }, "Automated and observed, side by side"),
    h("p", {}, `${a.trainees} paired trainee(s). Levels are counted as not yet / developing / competent / exemplary; agreement is on the level and on the pass threshold (competent or better), with Cohen's kappa.`),
    h("div", { class: "table-wrap" }, h("table", {},
      h("thead", {}, h("tr", {}, ...["Competency", "Pairs", "Automated", "Observed", "Level agreement", "Kappa", "Threshold agreement", "Kappa"].map((t) => h("th", { scope: "col" }, t)))),
      h("tbody", {}, ...a.competencies.map((c) => h("tr", { "data-competency": c.competency, "data-pairs": String(c.pairs) },
        h("th", { scope: "row" }, words(c.competency)),
        h("td", {}, String(c.pairs)),
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
    h("h2", { id: "observations-heading" }, "Recorded observations"),
    v.observations.length
      ? h("ul", { id: "observations" }, ...v.observations.map((o) => h("li", { "data-observation": o.id },
        `${names.get(o.trainee) || o.trainee}, ${o.observed_at}, partner: ${o.partner}, by ${o.trainer_name}: ${o.passed ? "passed" : "not passed"} (${o.notes.length} note(s))`)))
      : h("p", { id: "observations-empty" }, "None yet."));
}
