// The app shell: which view is showing, the chosen role and profile, error
// and announcement regions. Each view is its own module.

import * as api from "./api.js";
import { h, mount } from "./dom.js";
import * as i18n from "./i18n.js";
import { t } from "./i18n.js";
import * as start from "./views/start.js";
import * as ahead from "./ahead.js";

// Only the start screen is parsed with the page; every other view's module
// (and what only it imports) is fetched the first time it is shown, so a
// cold start does not parse the whole app before its first screen.
const loaders = {
  signin: () => import("./views/signin.js"),
  library: () => import("./views/library.js"),
  player: () => import("./views/player.js"),
  debrief: () => import("./views/debrief.js"),
  workbench: () => import("./views/workbench.js"),
  dashboard: () => import("./views/dashboard.js"),
  moderation: () => import("./views/moderation.js"),
  records: () => import("./views/records.js"),
  push: () => import("./views/push.js"),
  verify: () => import("./views/verify.js"),
  cohort: () => import("./views/cohort.js"),
  observation: () => import("./views/observation.js"),
};
/** The view modules loaded so far (or being loaded), by name. */
const views = { start: Promise.resolve(start) };

/** View `name`'s module, loading it the first time. */
function view(name) {
  if (!views[name]) {
    const loader = loaders[name];
    if (!loader) return Promise.reject(new Error(`unknown view ${name}`));
    views[name] = loader().catch((e) => {
      // A failed load is tried again on the next visit.
      delete views[name];
      throw e;
    });
  }
  return views[name];
}

const main = document.getElementById("main");
/** Counts navigations, so a view's late answer can tell it was left. */
let navigation = 0;
const errorBox = document.getElementById("error");
const announcer = document.getElementById("announce");
const crumbs = document.getElementById("crumbs");
const picker = document.getElementById("language");

const ctx = {
  api,
  /** The chosen trainee profile: {id, name}, or null. */
  profile: null,
  /** The accreditation filters last applied (shared by records and push). */
  accreditationFilters: null,
  /** The cohort report and filters last shown (views/cohort.js). */
  cohortQuery: null,
  /** "trainee", "trainer" or "accreditation", once chosen (staff roles
   * only after signing in; the credentials stay in api.js). */
  role: null,
  current: null,
  /** The name and parameters of the view showing, to draw it again in another language. */
  showing: null,
  /** Loads view `name`'s module ahead of showing it, if it is not loaded. */
  preload(name) {
    view(name).catch(() => {});
  },
  /** Shows a view. */
  async go(name, params = {}) {
    clearError();
    if (ctx.current?.leave) ctx.current.leave();
    // Going back to the start screen (to change role) signs staff out and
    // closes the workbench. The first start screen has no one signed in,
    // so it does not wait for that (a reloaded page still closes a
    // workbench the app kept open).
    if (name === "start") {
      const out = signOut();
      if (ctx.showing) await out;
    }
    // Staff screens need a sign-in for their area; the core checks the
    // credentials again on every call, so this only saves a refused call.
    const area = AREAS[name];
    if (area && (ctx.role !== area.role || !api.signedIn())) {
      params = { area: area.signIn };
      name = "signin";
    }
    await show(name, params);
  },
  /** Draws the view showing again (after the language changed). */
  async refresh() {
    if (!ctx.showing) return;
    clearError();
    if (ctx.current?.leave) ctx.current.leave();
    await show(ctx.showing.name, ctx.showing.params);
  },
  /** Shows an error's message in plain words. */
  error(e) {
    const message = e && e.message ? e.message : String(e);
    errorBox.replaceChildren(
      h("p", {}, h("strong", {}, t("app-error-prefix")), " ", message),
      h("button", { type: "button", class: "quiet", onclick: clearError }, t("app-error-dismiss")),
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

/** Renders view `name` into a fresh container and moves focus to its heading. */
async function show(name, params) {
  // Each navigation renders into its own container. Views wait for the
  // app's commands, which run off the main thread, so a view left before
  // its answer came would otherwise draw over the one that replaced it;
  // now it draws into a container that is no longer on the page. The same
  // holds while a view's module is still loading.
  const mine = ++navigation;
  ctx.current = null;
  ctx.showing = { name, params };
  let module;
  try {
    module = await view(name);
  } catch (e) {
    if (mine === navigation) ctx.error(e);
    return;
  }
  if (mine !== navigation) return;
  ctx.current = module;
  document.body.dataset.view = name;
  document.title = `${t(`title-${name}`)} — Rehearse`;
  renderCrumbs(name);
  const container = h("div", { class: "view" });
  mount(main, container);
  try {
    await module.render(container, ctx, params);
  } catch (e) {
    if (mine === navigation) ctx.error(e);
  }
  if (mine !== navigation) return;
  const heading = main.querySelector("h1");
  if (heading && !main.contains(document.activeElement) && document.activeElement !== picker) {
    heading.setAttribute("tabindex", "-1");
    heading.focus();
  }
}

/** Which views need a staff sign-in, for which role of the page. */
const AREAS = {
  workbench: { role: "trainer", signIn: "workbench" },
  moderation: { role: "trainer", signIn: "moderation" },
  cohort: { role: "trainer", signIn: "moderation" },
  observation: { role: "trainer", signIn: "moderation" },
  records: { role: "accreditation", signIn: "records" },
  push: { role: "accreditation", signIn: "records" },
  verify: { role: "accreditation", signIn: "records" },
};

/** Forgets the staff credentials, what the staff screens showed, and the open workbench. */
async function signOut() {
  ctx.role = null;
  ctx.profile = null;
  ctx.accreditationFilters = null;
  ctx.cohortQuery = null;
  // The workbench keeps its open folder in its module; one never loaded has none.
  if (views.workbench) (await views.workbench.catch(() => null))?.reset();
  try {
    await api.signOut();
  } catch (e) {
    ctx.error(e);
  }
}

function clearError() {
  errorBox.hidden = true;
  errorBox.replaceChildren();
}

function renderCrumbs(name) {
  const items = [];
  const staff = api.signedIn();
  if (name !== "start") {
    items.push(h("button", { type: "button", class: "link", onclick: () => ctx.go("start") },  t("nav-change-role")));
  }
  if (ctx.role === "trainee" && ctx.profile) {
    items.push(h("button", { type: "button", class: "link", id: "nav-library", onclick: () => ctx.go("library") }, t("nav-library")));
    items.push(h("button", { type: "button", class: "link", id: "nav-dashboard", onclick: () => ctx.go("dashboard") }, t("nav-dashboard")));
    items.push(h("span", { class: "who" }, t("nav-who-trainee", { name: ctx.profile.name })));
  } else if (ctx.role === "trainer" && staff) {
    for (const [view, id, label] of [["workbench", "nav-workbench", t("nav-workbench")], ["moderation", "nav-moderation", t("nav-moderation")], ["cohort", "nav-cohort", t("nav-cohort")], ["observation", "nav-observation", t("nav-observation")]]) {
      items.push(h("button", { type: "button", class: "link", id, "aria-current": name === view ? "page" : null, onclick: () => ctx.go(view) }, label));
    }
    items.push(h("span", { class: "who" }, t("nav-who-trainer", { name: staff.name })));
  } else if (ctx.role === "accreditation" && staff) {
    for (const [view, id, label] of [["records", "nav-records", t("nav-records")], ["push", "nav-push", t("nav-push")], ["verify", "nav-verify", t("nav-verify")]]) {
      items.push(h("button", { type: "button", class: "link", id, "aria-current": name === view ? "page" : null, onclick: () => ctx.go(view) }, label));
    }
    items.push(h("span", { class: "who" }, t("nav-who-records", { name: staff.name, role: staff.role_label })));
  }
  mount(crumbs, ...items);
}

api.onWorkbenchChanged((payload) => {
  if (ctx.current?.onWorkbenchChanged) ctx.current.onWorkbenchChanged(payload, ctx);
});

/** Fills the language picker with the languages the app has, the chosen one selected. */
function fillPicker() {
  mount(picker, ...i18n.languages().map((tag) =>
    h("option", { value: tag, lang: tag, selected: tag === i18n.current() }, i18n.languageName(tag))));
}

// A new language redraws the page's own words and the view showing, and
// keeps the keyboard on the picker.
picker.addEventListener("change", async () => {
  try {
    await i18n.choose(picker.value);
    ahead.forget();
    i18n.applyTranslations(document);
    fillPicker();
    await ctx.refresh();
    picker.focus();
    ctx.announce(t("app-language-changed", { language: i18n.languageName(i18n.current()) }));
  } catch (e) {
    ctx.error(e);
  }
});

async function boot() {
  start.preload(api);
  try {
    await i18n.load();
  } catch (e) {
    ctx.error(e);
  }
  i18n.applyTranslations(document);
  fillPicker();
  await ctx.go("start");
}

boot();
