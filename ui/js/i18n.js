// The page's words: Fluent messages (ui/locales/<lang>.ftl) formatted with
// the vendored @fluent/bundle. The resources come from the Rust side
// through api.js (`localeMessages`), highest priority first; English is
// the last bundle, so a message missing in the chosen language falls back
// to English, and one missing everywhere shows its id (which the E2E test
// looks for). Dates and numbers are formatted with Intl in the chosen
// language.

import { FluentBundle, FluentResource } from "../vendor/fluent-bundle/index.js";
import * as api from "./api.js";

/** The fallback language: its bundle is always the last one. */
const FALLBACK = "en";

/** Attributes a message may set on an element with `data-l10n-id`. */
const ATTRIBUTES = ["aria-label", "title", "placeholder", "alt"];

let bundles = [];
let language = FALLBACK;
let available = [FALLBACK];
/** Problems found in the resources (parse errors), for the E2E test and debugging. */
const problems = [];

/**
 * Turns `{language, available, resources}` (resources highest priority
 * first, English last) into the bundle chain and sets `<html lang>`.
 */
function install(messages) {
  language = messages.language || FALLBACK;
  available = messages.available && messages.available.length ? messages.available : [language];
  const resources = messages.resources || [];
  problems.length = 0;
  bundles = resources.map((text, i) => {
    // The first resource is the chosen language's; the ones after it are
    // the fallback chain, ending in English.
    const locale = i === 0 ? language : FALLBACK;
    const bundle = new FluentBundle(locale, { useIsolating: false });
    for (const e of bundle.addResource(new FluentResource(text))) problems.push(`${locale}: ${e.message}`);
    return bundle;
  });
  document.documentElement.lang = language;
}

/** Loads the messages of the language the app is set to. */
export async function load() {
  install(await api.localeMessages());
}

/** Sets the app's language (stored by the Rust side) and reloads the messages. */
export async function choose(tag) {
  install(await api.setLanguage(tag));
}

/** The chosen language's tag ("en", "es"). */
export const current = () => language;

/** The languages the app has messages for. */
export const languages = () => [...available];

/** Parse problems in the loaded resources. */
export const resourceProblems = () => [...problems];

function find(id) {
  const [name, attribute] = id.split(".", 2);
  for (const bundle of bundles) {
    const message = bundle.getMessage(name);
    if (!message) continue;
    const pattern = attribute ? message.attributes[attribute] : message.value;
    if (pattern) return { bundle, pattern };
  }
  return null;
}

/**
 * The text of message `id` ("name" or "name.attribute") with `args`, in the
 * chosen language or else English; the id itself if no bundle has it.
 */
export function t(id, args = {}) {
  const found = find(id);
  if (!found) return id;
  const errors = [];
  return found.bundle.formatPattern(found.pattern, args, errors);
}

/**
 * Fills every element under `root` that has `data-l10n-id` (and optional
 * JSON `data-l10n-args`): the message's value becomes its text, and its
 * attributes (aria-label, title, placeholder, alt) the element's.
 */
export function applyTranslations(root = document) {
  for (const el of root.querySelectorAll("[data-l10n-id]")) {
    const id = el.getAttribute("data-l10n-id");
    let args = {};
    try {
      args = JSON.parse(el.getAttribute("data-l10n-args") || "{}");
    } catch {
      args = {};
    }
    const found = find(id);
    if (found) el.textContent = found.bundle.formatPattern(found.pattern, args, []);
    else if (!find(`${id}.aria-label`)) el.textContent = id;
    for (const name of ATTRIBUTES) {
      const attr = find(`${id}.${name}`);
      if (attr) el.setAttribute(name, attr.bundle.formatPattern(attr.pattern, args, []));
    }
  }
}

/** A number in the chosen language (Intl.NumberFormat options). */
export function number(value, options = {}) {
  return new Intl.NumberFormat(language, options).format(value);
}

/** A share (0..1) as a percentage in the chosen language. */
export function percent(value, fractionDigits = 0) {
  return number(value, { style: "percent", minimumFractionDigits: fractionDigits, maximumFractionDigits: fractionDigits });
}

/** Items joined as a list in the chosen language ("a, b and c"). */
export function list(items, type = "conjunction") {
  return new Intl.ListFormat(language, { style: "long", type }).format(items.map(String));
}

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * A date ("2025-02-10") or an instant ("2025-02-10T10:00:00Z") from the
 * Rust side, in words of the chosen language; anything else as it came.
 */
export function date(text) {
  if (text === null || text === undefined || text === "") return "";
  const s = String(text);
  if (DATE_ONLY.test(s)) {
    const d = new Date(`${s}T00:00:00Z`);
    if (Number.isNaN(d.getTime())) return s;
    return new Intl.DateTimeFormat(language, { dateStyle: "long", timeZone: "UTC" }).format(d);
  }
  const d = new Date(s);
  if (Number.isNaN(d.getTime())) return s;
  return new Intl.DateTimeFormat(language, { dateStyle: "medium", timeStyle: "short" }).format(d);
}

/** The name of a language in its own words, from the catalogue ("English", "Español"). */
export const languageName = (tag) => {
  const id = `language-name-${tag}`;
  const name = t(id);
  return name === id ? tag : name;
};
