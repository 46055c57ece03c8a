// Answers asked for ahead of need. The start screen asks for the library
// of each profile it lists while it waits for a click, so "Continue as"
// draws the cards without waiting for the app's commands. An answer is
// used once, and only while it is fresh; otherwise the view asks again.

/** How long an answer asked for ahead stays usable. */
const FRESH_MS = 30_000;

const kept = new Map();

/**
 * Starts `fetch()` now and keeps its answer under `key`. A failed answer
 * is kept as null, so the view asks again instead of showing the error.
 */
export function ask(key, fetch) {
  kept.set(key, { at: Date.now(), answer: fetch().catch(() => null) });
}

/** The answer kept under `key` (a promise of it, null if it failed), or null; forgets it. */
export function take(key) {
  const found = kept.get(key);
  kept.delete(key);
  if (!found || Date.now() - found.at > FRESH_MS) return null;
  return found.answer;
}

/** Forgets every answer asked for ahead (the language changed). */
export function forget() {
  kept.clear();
}

/** What the library shows for `trainee`: [its cards, its attempts in progress]. */
export const libraryOf = (api, trainee) =>
  Promise.all([api.listScenarios(trainee), api.listInProgress(trainee)]);

const libraryKey = (trainee, language) => `library ${language} ${trainee}`;

/** Asks for `trainee`'s library (its cards carry titles in `language`). */
export function askLibrary(api, trainee, language) {
  ask(libraryKey(trainee, language), () => libraryOf(api, trainee));
}

/** `trainee`'s library asked for ahead in `language`, or null (see `take`). */
export const takeLibrary = (trainee, language) => take(libraryKey(trainee, language));
