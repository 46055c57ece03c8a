// The app shell: which view is showing, the chosen role and profile, error
// and announcement regions. Each view is its own module.

import * as api from "./api.js";
import { h, mount } from "./dom.js";
import * as start from "./views/start.js";
import * as library from "./views/library.js";
import * as player from "./views/player.js";
import * as debrief from "./views/debrief.js";
import * as workbench from "./views/workbench.js";
import * as dashboard from "./views/dashboard.js";
import * as moderation from "./views/moderation.js";
import * as records from "./views/records.js";
import * as push from "./views/push.js";
import * as verify from "./views/verify.js";

const views = { start, library, player, debrief, workbench, dashboard, moderation, records, push, verify };
const TITLES = {
  start: "Start",
  library: "Scenario library",
  player: "Conversation",
  debrief: "Debrief",
  workbench: "Trainer workbench",
  dashboard: "My progress",
  moderation: "Moderation",
  records: "Training records",
  push: "Push to a learning record store",
  verify: "Verify a file",
};

const main = document.getElementById("main");
const errorBox = document.getElementById("error");
const announcer = document.getElementById("announce");
const crumbs = document.getElementById("crumbs");

const ctx = {
  api,
  /** The chosen trainee profile: {id, name}, or null. */
  profile: null,
  /** The accreditation filters last applied (shared by records and push). */
  accreditationFilters: null,
  /** "trainee", "trainer" or "accreditation", once chosen. */
  role: null,
  /** The signed-in trainer's {trainer, passphrase}, kept in this page only
   * while in the trainer role; cleared on "Change role". */
  trainerAuth: null,
  current: null,
  /** Shows a view. */
  async go(name, params = {}) {
    clearError();
    if (ctx.current?.leave) ctx.current.leave();
    // Moderation is for a signed-in trainer only; going back to the start
    // screen (to change role) signs the trainer out.
    if (name === "start") ctx.trainerAuth = null;
    if (name === "moderation" && (ctx.role !== "trainer" || !ctx.trainerAuth)) name = "start";
    ctx.current = views[name];
    document.body.dataset.view = name;
    document.title = `${TITLES[name]} — Rehearse`;
    renderCrumbs(name);
    mount(main);
    try {
      await views[name].render(main, ctx, params);
    } catch (e) {
      ctx.error(e);
    }
    const heading = main.querySelector("h1");
    if (heading && !main.contains(document.activeElement)) {
      heading.setAttribute("tabindex", "-1");
      heading.focus();
    }
  },
  /** Shows an error's message in plain words. */
  error(e) {
    const message = e && e.message ? e.message : String(e);
    errorBox.replaceChildren(
      h("p", {}, h("strong", {}, "Something went wrong: "), message),
      h("button", { type: "button", class: "quiet", onclick: clearError }, "Dismiss"),
    );
    errorBox.dataset.code = (e && e.code) || "unexpected";
    errorBox.hidden = false;
  },
  /** Tells screen-reader users about a change. */
  announce(message) {
    announcer.textContent = "";
    window.setTimeout(() => { announcer.textContent = message; }, 30);
  },
};

function clearError() {
  errorBox.hidden = true;
  errorBox.replaceChildren();
}

function renderCrumbs(name) {
  const items = [];
  if (name !== "start") {
    items.push(h("button", { type: "button", class: "link", onclick: () => ctx.go("start") }, "Change role"));
  }
  if (ctx.role === "trainee" && ctx.profile) {
    items.push(h("button", { type: "button", class: "link", id: "nav-library", onclick: () => ctx.go("library") }, "Library"));
    items.push(h("button", { type: "button", class: "link", id: "nav-dashboard", onclick: () => ctx.go("dashboard") }, "My progress"));
    items.push(h("span", { class: "who" }, `Trainee: ${ctx.profile.name}`));
  } else if (ctx.role === "trainer") {
    if (ctx.trainerAuth) {
      items.push(h("button", { type: "button", class: "link", id: "nav-moderation", onclick: () => ctx.go("moderation") }, "Moderation queue"));
    }
    items.push(h("span", { class: "who" }, ctx.trainerAuth ? `Trainer: ${ctx.trainerAuth.trainer}` : "Trainer"));
  } else if (ctx.role === "accreditation") {
    for (const [view, id, label] of [["records", "nav-records", "Records"], ["push", "nav-push", "Push"], ["verify", "nav-verify", "Verify a file"]]) {
      items.push(h("button", { type: "button", class: "link", id, "aria-current": name === view ? "page" : null, onclick: () => ctx.go(view) }, label));
    }
    items.push(h("span", { class: "who" }, "Accreditation"));
  }
  mount(crumbs, ...items);
}

api.onWorkbenchChanged((payload) => {
  if (ctx.current?.onWorkbenchChanged) ctx.current.onWorkbenchChanged(payload, ctx);
});

ctx.go("start");
