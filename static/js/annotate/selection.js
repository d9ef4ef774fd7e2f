// The passage selected in the article text and the floating New claim button (#new-claim-button)
// that follows it; N or the button opens the claim form on that passage.

import { selectedPassage } from "../offsets.js";

export function createSelection(app) {
  const { state } = app;
  const button = document.getElementById("new-claim-button");
  const claimDialog = document.getElementById("claim-dialog");

  /** The selected passage of the article text as {start, end, quote}, or null. */
  function currentPassage() {
    const text = app.panel.textElement();
    return text ? selectedPassage(text, window.getSelection()) : null;
  }

  function placeNear(element, rect) {
    const top = Math.min(rect.bottom + 8, window.innerHeight - 60);
    const left = Math.max(8, Math.min(rect.left, window.innerWidth - element.offsetWidth - 16));
    element.style.top = `${top}px`;
    element.style.left = `${left}px`;
  }

  function updateButton() {
    if (!state.config.canAddClaim || claimDialog.open) return;
    const passage = currentPassage();
    button.hidden = !passage;
    if (passage) placeNear(button, window.getSelection().getRangeAt(0).getBoundingClientRect());
  }

  function startNewClaim() {
    const passage = currentPassage();
    if (!state.config.canAddClaim) return;
    if (!passage) {
      app.toast("Select a passage of the article text first.");
      return;
    }
    app.form.open({ mode: "new", passage });
  }

  function hideButton() {
    button.hidden = true;
  }

  /** Esc outside the form: drop the selection and its button. False if there was none. */
  function dismiss() {
    if (button.hidden) return false;
    button.hidden = true;
    window.getSelection().removeAllRanges();
    return true;
  }

  document.addEventListener("selectionchange", () => window.requestAnimationFrame(updateButton));
  button.addEventListener("mousedown", (event) => event.preventDefault()); // keep the selection
  button.addEventListener("click", () => startNewClaim());

  return { currentPassage, startNewClaim, hideButton, dismiss };
}
