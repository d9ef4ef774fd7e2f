// The claim form's "Did you mean…" step (#similar-sources): before a typed name becomes a new
// source, the sources with close names (GET /api/sources/similar/) are offered to pick instead;
// "Create … as a new source" confirms the new name and saves again.

import { api, ApiError } from "../api.js";

export function createSimilarSources(state, claimForm) {
  const field = claimForm.elements.source;
  const box = document.getElementById("similar-sources");
  const list = document.getElementById("similar-sources-list");
  const createButton = document.getElementById("similar-sources-create");
  const newSourceFields = document.getElementById("new-source-fields");
  let confirmedName = null;  // the new name the analyst chose to create despite close ones

  function hide() {
    box.hidden = true;
    list.replaceChildren();
  }

  function pick(source) {
    field.value = source.name;
    state.rememberSource(source.name, source.id);
    hide();
    newSourceFields.hidden = true;
    claimForm.querySelector('.field-error[data-field="source"]').textContent = "";
    field.focus();
  }

  function show(sources, name) {
    list.replaceChildren(...sources.map((source) => {
      const button = Object.assign(document.createElement("button"), {
        type: "button",
        className: "small",
        textContent: `Use “${source.name}” (${source.reliability})`,
      });
      button.addEventListener("click", () => pick(source));
      const item = document.createElement("li");
      item.append(button);
      return item;
    }));
    createButton.textContent = `Create “${name}” as a new source`;
    box.hidden = false;
  }

  /** Refuse (an ApiError on the source field) a new name close to existing sources, showing
   * them, unless the analyst confirmed this name; let it through when the check fails. */
  async function check(name) {
    if (confirmedName !== null && confirmedName.toLowerCase() === name.toLowerCase()) return;
    let answer;
    try {
      answer = await api("GET", `/api/sources/similar/?name=${encodeURIComponent(name)}`);
    } catch (error) {
      return;  // the prompt is a help; the server still refuses an exact duplicate
    }
    if (!answer.results.length) return;
    show(answer.results, name);
    throw new ApiError(400, {
      source: [`Sources with names close to “${name}” already exist: pick one below, or create it as a new source.`],
    });
  }

  createButton.addEventListener("click", () => {
    confirmedName = field.value.trim().replace(/\s+/g, " ");
    hide();
    claimForm.requestSubmit();
  });
  field.addEventListener("input", () => {
    confirmedName = null;
    hide();
  });

  function reset() {
    confirmedName = null;
    hide();
  }

  /** The first "Use …" button while the prompt is shown, else null. */
  function firstChoice() {
    return box.hidden ? null : list.querySelector("button");
  }

  return { check, reset, firstChoice };
}
