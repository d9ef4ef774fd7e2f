// The claim form's Source and Tags fields: suggestions while typing, the New source fields
// (#new-source-fields) for a name not seen before, and turning the typed name into a source id,
// creating the source when it is new.

import { api, ApiError } from "../api.js";
import { debounce } from "./debounce.js";
import { announce } from "./focus.js";
import { createSimilarSources } from "./similar-sources.js";

function fillOptions(datalist, values) {
  datalist.replaceChildren(...values.map((value) => Object.assign(document.createElement("option"), { value })));
}

export function createSuggestions(state, claimForm) {
  const field = (name) => claimForm.elements[name];
  const newSourceFields = document.getElementById("new-source-fields");
  const similarSources = createSimilarSources(state, claimForm);

  /**
   * Show the New source fields, or hide them. A typist who tabbed into them a moment before the
   * lookup found the name goes on to the field after them, not to the page (where the next
   * letters would be shortcuts).
   */
  function showNewSourceFields(show) {
    if (!show && newSourceFields.contains(document.activeElement)) {
      const after = [...claimForm.querySelectorAll("input, select, textarea, button")].find(
        (control) => newSourceFields.compareDocumentPosition(control) & Node.DOCUMENT_POSITION_FOLLOWING
          && !newSourceFields.contains(control) && !control.disabled && control.getClientRects().length,
      );
      newSourceFields.hidden = true;
      after?.focus();
      return;
    }
    // The fieldset appears below the field being typed in, out of a screen reader's sight.
    if (show && newSourceFields.hidden) announce("New source: choose its kind and reliability below.");
    newSourceFields.hidden = !show;
  }

  const suggestSources = debounce(async () => {
    const name = field("source").value.trim();
    if (!name) return;
    try {
      const page = await api("GET", `/api/sources/?q=${encodeURIComponent(name)}&page_size=20`);
      for (const source of page.results) state.rememberSource(source.name, source.id);
      fillOptions(document.getElementById("source-options"), page.results.map((source) => source.name));
    } catch (error) {
      return;
    }
    showNewSourceFields(!state.sourceIds.has(name.toLowerCase()));
  });

  field("source").addEventListener("input", () => {
    const name = field("source").value.trim();
    showNewSourceFields(Boolean(name) && !state.sourceIds.has(name.toLowerCase()));
    suggestSources();
  });

  const suggestTags = debounce(async () => {
    const names = field("tags").value.split(",");
    const last = names.pop().trim();
    if (!last) return;
    try {
      const page = await api("GET", `/api/tags/?q=${encodeURIComponent(last)}&page_size=10`);
      const head = names.map((name) => name.trim()).filter(Boolean);
      fillOptions(document.getElementById("tag-options"), page.results.map((tag) => [...head, tag.name].join(", ")));
    } catch (error) {
      // Suggestions are a convenience; typing a tag still works.
    }
  });
  field("tags").addEventListener("input", suggestTags);

  /** The id of the source typed in the form; a new name becomes a new source. */
  async function resolveSource() {
    const name = field("source").value.trim().replace(/\s+/g, " ");
    if (!name) throw new ApiError(400, { source: ["Name the source that asserted this."] });
    const known = state.sourceId(name);
    if (known) return known;
    const page = await api("GET", `/api/sources/?q=${encodeURIComponent(name)}&page_size=50`);
    const match = page.results.find((source) => source.name.toLowerCase() === name.toLowerCase());
    if (match) {
      state.rememberSource(match.name, match.id);  // the next claim from it needs no lookup
      return match.id;
    }
    if (newSourceFields.hidden) {
      // A name the page took for a known source (one merged or deleted since): it is added as
      // a new source only once the analyst has seen the kind and reliability it would get.
      showNewSourceFields(true);
      throw new ApiError(400, {
        source: [`“${name}” is not a source here (any more): pick one from the list, or check the kind and reliability below to add it.`],
      });
    }
    await similarSources.check(name);
    try {
      const created = await api("POST", "/api/sources/", {
        name,
        kind: field("source_kind").value,
        reliability: field("source_reliability").value,
      });
      state.rememberSource(created.name, created.id);
      return created.id;
    } catch (error) {
      if (error instanceof ApiError && error.fields.name) {
        throw new ApiError(400, { source: [error.fields.name] });
      }
      throw error;
    }
  }

  /** Drop suggestions still waiting for typing to pause: the form is being saved. */
  function cancel() {
    suggestSources.cancel();
    suggestTags.cancel();
  }

  /** Both fields back to their first state when the form opens. */
  function reset() {
    newSourceFields.hidden = true;
    similarSources.reset();
  }

  return { resolveSource, reset, cancel, firstSimilar: similarSources.firstChoice };
}
