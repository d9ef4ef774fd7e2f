// The claim form (#claim-dialog, #claim-form): open it on a new passage or an existing claim,
// set credibility, change the passage, save through the API (a new claim, or a versioned
// update), close. The record being edited is state.form.
//
// The form sits in the claims panel's place (a sheet at the bottom on narrow screens, with the
// passage scrolled above it), never over the text, so the passage and its handles stay
// reachable while the form is open. Tab stays inside the form; closing it gives the focus back.

import { api, ApiError, newRequestKey } from "../api.js";
import { announce, trapFocus } from "./focus.js";
import { clearErrors, showConflict, showErrors, showFormError } from "./form-errors.js";
import { createSuggestions } from "./suggestions.js";

/** A new passage this many times as long as the old one asks for confirmation. */
const LONGER_THAN = 3;
const PARAGRAPH_BREAK = /\n\s*\n/;

export function createClaimForm(app) {
  const { state } = app;
  const dialog = document.getElementById("claim-dialog");
  const claimForm = document.getElementById("claim-form");
  const warning = document.getElementById("span-warning");
  const field = (name) => claimForm.elements[name];
  const suggestions = createSuggestions(state, claimForm);
  const focus = trapFocus(dialog, () => app.panel.textElement());

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

  /** On a narrow screen the form is a sheet at the bottom: keep the passage above it. */
  function keepVisible(rect) {
    const sheetTop = dialog.getBoundingClientRect().top;
    if (sheetTop < window.innerHeight / 3) return;  // the form is beside the text
    if (rect.top < 8 || rect.bottom > sheetTop - 8) window.scrollBy(0, rect.top - Math.min(80, sheetTop / 4));
  }

  function open({ mode, passage, claim }) {
    focus.opened();
    app.closeDialogs();
    // On a narrow screen the drawer (Edit is on its cards) would cover the passage and its
    // handles: it closes, and the form takes the focus.
    const closedDrawer = app.drawer.isOpen();
    if (closedDrawer) app.drawer.close({ focus: false });
    state.form = { mode, claim, passage: passage || null, version: claim ? claim.version : null, confirmed: false, closedDrawer };
    claimForm.reset();
    clearErrors(claimForm);
    warning.hidden = true;
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
    const span = passage || claim;
    dialog.show();
    document.body.classList.add("claim-form-open");  // room under the text for the sheet
    app.spanEditor.show(span);
    keepVisible(app.spanEditor.rect() || new DOMRect());
    field("source").focus({ preventScroll: true });
    announce(mode === "new"
      ? `New claim form. Passage: ${span.quote.slice(0, 120)}`
      : `Editing claim ${claim.id}. Shift+Alt+arrow keys move the ends of its passage by a word.`);
  }

  async function openEdit(id) {
    const claim = await app.panel.ensureFull(id);
    if (!claim) return;
    if (!claim.can_edit) {
      app.toast("You can edit only your own draft or rejected claims.");
      return;
    }
    open({ mode: "edit", claim });
  }

  /** The passage the form will save (from the handles, the keys or the current selection). */
  function setPassage(passage) {
    if (!state.form) return;
    state.form.passage = passage;
    state.form.confirmed = false;
    warning.hidden = true;
    showPassage(passage);
  }

  function close() {
    const claimId = state.form && state.form.claim ? state.form.claim.id : null;
    const closedDrawer = Boolean(state.form && state.form.closedDrawer);
    state.form = null;
    app.spanEditor.hide();
    document.body.classList.remove("claim-form-open");
    // The focus goes back to the claim's card, or, when the cards are in the closed drawer, to
    // the text with the passage in it.
    if (!app.drawer.panelShown() && (claimId || closedDrawer)) focus.returnTo(app.panel.textElement());
    else if (claimId) focus.returnTo(document.getElementById(`claim-${claimId}`));
    focus.close();
  }

  function values() {
    const checked = claimForm.querySelector("input[name=credibility]:checked");
    return {
      credibility: checked ? Number(checked.value) : 6,
      statement: field("statement").value.trim(),
      tags: field("tags").value.split(",").map((tag) => tag.trim()).filter(Boolean),
    };
  }

  /** Why the passage about to be saved needs a second look, or "" when it does not. */
  function spanConcern() {
    const { mode, claim, passage } = state.form;
    if (!passage) return "";
    if (PARAGRAPH_BREAK.test(passage.quote)) {
      return "The passage runs across a paragraph break. Save it anyway?";
    }
    if (mode === "edit" && passage.end - passage.start > LONGER_THAN * (claim.end - claim.start)) {
      const times = Math.round((passage.end - passage.start) / (claim.end - claim.start));
      return `The new passage is ${times} times as long as the old one (${passage.end - passage.start} characters). Save it anyway?`;
    }
    return "";
  }

  function askToConfirm(message) {
    const text = Object.assign(document.createElement("p"), { textContent: message });
    const yes = Object.assign(document.createElement("button"), { type: "button", className: "primary", textContent: "Save this passage" });
    yes.addEventListener("click", () => {
      state.form.confirmed = true;
      save();
    });
    warning.replaceChildren(text, yes);
    warning.hidden = false;
    yes.focus();
  }

  /** Load the other person's version of the claim being edited, and edit that. */
  async function reloadTheirs() {
    const id = state.form.claim.id;
    await app.panel.refresh([id], id, [state.form.claim]);
    const fresh = state.claimById(id);
    if (!fresh) return;
    if (!fresh.can_edit) {
      // Changed into a claim that cannot be edited now (submitted from another tab, decided):
      // the form closes, saying why, rather than reopen to be refused.
      close();
      app.toast(fresh.status === "submitted"
        ? `Claim ${id} is waiting for review now: withdraw it to edit it.`
        : `Claim ${id} is ${fresh.status} now: it can no longer be edited.`);
      return;
    }
    open({ mode: "edit", claim: fresh });
  }

  /**
   * The key a new claim is sent with: the same while the same claim is sent again unchanged
   * (its answer lost: the server answers with the claim it recorded, not a second one), a new
   * one when anything in it changed.
   */
  function requestKey(claim) {
    const body = JSON.stringify(claim);
    if (state.form.sent?.body !== body) state.form.sent = { body, key: newRequestKey() };
    return state.form.sent.key;
  }

  async function save() {
    if (!state.form) return;
    clearErrors(claimForm);
    const concern = state.form.confirmed ? "" : spanConcern();
    if (concern) {
      askToConfirm(concern);
      return;
    }
    warning.hidden = true;
    suggestions.cancel();
    const button = document.getElementById("claim-save");
    button.disabled = true;
    try {
      const source = await suggestions.resolveSource();
      const changes = { ...values(), source };
      let saved;
      let shown = null;  // what the page shows of the new claim, answered with it
      if (state.form.mode === "new") {
        const claim = { ...state.form.passage, ...changes };
        shown = await api("POST", state.config.claimCreateUrl, claim, { "Idempotency-Key": requestKey(claim) });
        saved = shown.claim;
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
      const before = state.form.claim;
      // The suggestions this passage settles leave the page, as they left the server.
      document.dispatchEvent(new CustomEvent("claim-recorded", { detail: { start: saved.start, end: saved.end } }));
      close();
      window.getSelection().removeAllRanges();
      if (shown) app.panel.apply(shown, saved.id);
      else await app.panel.refresh([saved.id], saved.id, [before, saved]);
      app.toast(message);
    } catch (error) {
      // A source refused is merged or deleted since the page learnt its id: look it up again.
      if (error instanceof ApiError && error.fields.source) state.forgetSource(field("source").value.trim());
      if (error instanceof ApiError && error.status === 409 && error.body.current) showConflict(error, reloadTheirs);
      else {
        // Sources with close names are offered: the focus goes to the first, inside the
        // prompt's group, whose name says why the save stopped.
        const choice = suggestions.firstSimilar();
        showErrors(claimForm, error, { focus: !choice });
        choice?.focus();
      }
    } finally {
      button.disabled = false;
      keepFocusInForm(button);
    }
  }

  /**
   * Disabling the focused Save button dropped the focus to the page: when the form is still
   * open after the attempt, it goes to the conflict's button, or back to Save without
   * scrolling (the message at the top of the sheet stays in view).
   */
  function keepFocusInForm(button) {
    if (!state.form || (document.activeElement && document.activeElement !== document.body)) return;
    const reload = document.getElementById("conflict").hidden ? null : document.querySelector("#conflict button");
    if (reload) reload.focus();
    else button.focus({ preventScroll: true });
  }

  document.getElementById("claim-cancel").addEventListener("click", close);
  document.getElementById("use-selection").addEventListener("mousedown", (event) => event.preventDefault());
  document.getElementById("use-selection").addEventListener("click", () => {
    const passage = app.selection.currentPassage();
    if (!passage) {
      showFormError("Select the new passage in the text first, then press this button.");
      return;
    }
    setPassage(passage);
    app.spanEditor.show(passage);
  });
  claimForm.addEventListener("submit", (event) => {
    event.preventDefault();
    save();
  });

  return { open, openEdit, close, save, setCredibility, setPassage, isOpen: () => dialog.open };
}
