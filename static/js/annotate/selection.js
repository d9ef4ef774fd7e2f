// The passage selected in the article text and the floating New claim button (#new-claim-button)
// that follows it; N or the button opens the claim form on that passage.
//
// A selection snaps outward to whole words (a drag from the middle of a word takes the word);
// holding Alt while selecting keeps it exactly as made, for a part of a word. The selection is
// followed through `selectionchange`, so a touch selection (long press, then the handles) works
// as a mouse drag does; a mouse drag is also redrawn snapped when the button is released.

import { rangeOf, selectedIndexes, selectedPassage } from "../offsets.js";

export function createSelection(app) {
  const { state } = app;
  const button = document.getElementById("new-claim-button");
  const claimDialog = document.getElementById("claim-dialog");
  let exact = false;  // Alt held while the selection was made: no snapping

  const snap = (indexes) => (exact ? indexes : app.words.snap(indexes));

  /** The selected passage of the article text as {start, end, quote}, snapped, or null. */
  function currentPassage() {
    const text = app.panel.textElement();
    return text ? selectedPassage(text, window.getSelection(), snap) : null;
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

  /** Show the snapped selection as the browser's selection (after a mouse drag). */
  function redrawSnapped() {
    const text = app.panel.textElement();
    const selection = window.getSelection();
    const indexes = selectedIndexes(text, selection);
    if (!indexes || exact) return;
    const snapped = snap(indexes);
    if (snapped.start === indexes.start && snapped.end === indexes.end) return;
    const range = rangeOf(text, snapped.start, snapped.end);
    selection.setBaseAndExtent(range.startContainer, range.startOffset, range.endContainer, range.endOffset);
  }

  const textArea = document.getElementById("annotations");
  textArea.addEventListener("pointerdown", (event) => { exact = event.altKey; });
  textArea.addEventListener("pointerup", (event) => {
    exact = exact || event.altKey;
    if (event.pointerType === "mouse") window.requestAnimationFrame(redrawSnapped);
  });
  document.addEventListener("selectionchange", () => window.requestAnimationFrame(updateButton));
  button.addEventListener("mousedown", (event) => event.preventDefault()); // keep the selection
  button.addEventListener("click", () => startNewClaim());

  return {
    currentPassage,
    startNewClaim,
    hideButton,
    dismiss,
    /** Keyboard selections are made of whole words already; they are never Alt-exact. */
    madeByKeyboard() { exact = false; },
  };
}
