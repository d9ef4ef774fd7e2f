// The claim dialog (#claim-dialog, #claim-form): open it on a new passage or an existing claim,
// place it next to the passage, set credibility, change the passage, save through the API
// (a new claim, or a versioned update), close. The record being edited is state.form.

import { api, ApiError } from "../api.js";
import { clearErrors, showConflict, showErrors, showFormError } from "./form-errors.js";
import { createSuggestions } from "./suggestions.js";

export function createClaimForm(app) {
  const { state } = app;
  const dialog = document.getElementById("claim-dialog");
  const claimForm = document.getElementById("claim-form");
  const field = (name) => claimForm.elements[name];
  const suggestions = createSuggestions(state, claimForm);

  function showPassage(passage) {
    document.getElementById("claim-form-quote").textContent = passage.quote;
  }

  function setCredibility(value) {
    const radio = claimForm.querySelector(`input[name=credibility][value="${value}"]`);
    if (radio) {
      radio.checked = true;
      radio.focus();
    }
  }

  function open({ mode, passage, claim }) {
    app.closeDialogs();
    state.form = { mode, claim, passage: passage || null, version: claim ? claim.version : null };
    claimForm.reset();
    clearErrors(claimForm);
    document.getElementById("claim-dialog-title").textContent =
      mode === "new" ? "New claim" : `Edit claim ${claim.id}`;
    claimForm.querySelector(".span-tools").hidden = mode === "new";
    suggestions.reset();
    if (mode === "new") {
      showPassage(passage);
    } else {
      showPassage(claim);
      field("source").value = claim.source.name;
      setCredibility(claim.credibility);
      field("statement").value = claim.statement;
      field("tags").value = claim.tags.join(", ");
    }
    app.selection.hideButton();
    // Measure before showing: focus moving into the dialog clears the page's selection.
    const anchor = mode === "new"
      ? window.getSelection().getRangeAt(0).getBoundingClientRect()
      : (app.panel.textElement().querySelector(`mark[data-claims~="${claim.id}"]`)
        || document.getElementById(`claim-${claim.id}`)).getBoundingClientRect();
    dialog.show();
    place(anchor);
    field("source").focus();
  }

  function place(rect) {
    const height = dialog.offsetHeight;
    const below = rect.bottom + 8;
    const top = below + height < window.innerHeight ? below : Math.max(8, rect.top - height - 8);
    dialog.style.top = `${Math.max(8, Math.min(top, window.innerHeight - height - 8))}px`;
    dialog.style.left = `${Math.max(8, Math.min(rect.left, window.innerWidth - dialog.offsetWidth - 16))}px`;
  }

  function close() {
    if (dialog.open) dialog.close();
    const claimId = state.form && state.form.claim ? state.form.claim.id : null;
    state.form = null;
    if (claimId) document.getElementById(`claim-${claimId}`)?.focus({ preventScroll: true });
  }

  function values() {
    const checked = claimForm.querySelector("input[name=credibility]:checked");
    return {
      credibility: checked ? Number(checked.value) : 6,
      statement: field("statement").value.trim(),
      tags: field("tags").value.split(",").map((tag) => tag.trim()).filter(Boolean),
    };
  }

  /** Load the other person's version of the claim being edited, and edit that. */
  async function reloadTheirs() {
    await app.panel.refresh([state.form.claim.id], state.form.claim.id);
    const fresh = state.claimById(state.form.claim.id);
    if (fresh) open({ mode: "edit", claim: fresh });
  }

  async function save() {
    if (!state.form) return;
    clearErrors(claimForm);
    const button = document.getElementById("claim-save");
    button.disabled = true;
    try {
      const source = await suggestions.resolveSource();
      const changes = { ...values(), source };
      let saved;
      if (state.form.mode === "new") {
        saved = await api("POST", "/api/claims/", { article: state.config.article, ...state.form.passage, ...changes });
      } else {
        const update = { version: state.form.version, ...changes };
        if (state.form.passage) Object.assign(update, state.form.passage);
        saved = await api("PATCH", `/api/claims/${state.form.claim.id}/`, update);
      }
      const wasApproved = state.form.mode !== "new" && state.form.claim.status === "approved";
      let message;
      if (state.form.mode === "new") message = `Claim ${saved.id} saved (${saved.grade}).`;
      else if (wasApproved && saved.status === "submitted") {
        message = `Claim ${saved.id} updated (${saved.grade}); it changed what was approved, so it is back in the review queue.`;
      } else message = `Claim ${saved.id} updated (${saved.grade}).`;
      close();
      window.getSelection().removeAllRanges();
      await app.panel.refresh([saved.id], saved.id);
      app.toast(message);
    } catch (error) {
      if (error instanceof ApiError && error.status === 409) showConflict(error, reloadTheirs);
      else showErrors(claimForm, error);
    } finally {
      button.disabled = false;
    }
  }

  document.getElementById("claim-cancel").addEventListener("click", close);
  document.getElementById("use-selection").addEventListener("mousedown", (event) => event.preventDefault());
  document.getElementById("use-selection").addEventListener("click", () => {
    const passage = app.selection.currentPassage();
    if (!passage) {
      showFormError("Select the new passage in the text first, then press this button.");
      return;
    }
    state.form.passage = passage;
    showPassage(passage);
  });
  claimForm.addEventListener("submit", (event) => {
    event.preventDefault();
    save();
  });

  return { open, close, save, setCredibility, isOpen: () => dialog.open };
}
