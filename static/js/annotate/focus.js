// Dialogs keep the keyboard inside them and give it back when they close, and short messages
// are announced to screen readers (#announcer, a polite live region).

const FOCUSABLE = [
  "a[href]", "button:not([disabled])", "input:not([disabled]):not([type=hidden])",
  "select:not([disabled])", "textarea:not([disabled])", "[tabindex]:not([tabindex='-1'])",
].join(",");

function focusables(container) {
  return [...container.querySelectorAll(FOCUSABLE)].filter((element) =>
    element.getClientRects().length > 0 && !element.closest("[hidden], [inert]")
    && !(element.type === "radio" && !element.checked && container.querySelector(`input[type=radio][name="${element.name}"]:checked`)));
}

/**
 * Keep Tab and Shift+Tab inside `dialog` while it is open, and when it closes put the focus
 * back where it was when it opened (`opened()` records that; call it before moving focus in).
 * Close it with `close()`, which gives the focus back at once: the browser's close event comes
 * a task later, and a key pressed in between (J right as a save lands) would move the focus
 * only to have it taken back.
 */
export function trapFocus(dialog, fallback = () => null) {
  let returnTo = null;
  let owed = false;  // opened, and the focus not yet given back
  dialog.addEventListener("keydown", (event) => {
    if (event.key !== "Tab" || !dialog.open) return;
    const items = focusables(dialog);
    if (!items.length) return;
    const first = items[0];
    const last = items[items.length - 1];
    if (event.shiftKey && (document.activeElement === first || !dialog.contains(document.activeElement))) {
      event.preventDefault();
      last.focus();
    } else if (!event.shiftKey && (document.activeElement === last || !dialog.contains(document.activeElement))) {
      event.preventDefault();
      first.focus();
    }
  });
  function giveBack() {
    if (!owed) return;
    owed = false;
    const target = returnTo && returnTo.isConnected && returnTo !== document.body ? returnTo : fallback();
    returnTo = null;
    target?.focus({ preventScroll: true });
    // Hidden since (the New claim button, a card in a closed drawer): the fallback takes it.
    if (target && document.activeElement !== target) fallback()?.focus({ preventScroll: true });
  }
  dialog.addEventListener("close", giveBack);  // closed another way (a form's method=dialog)
  return {
    opened() {
      owed = true;
      if (!returnTo) returnTo = document.activeElement;
    },
    /** Where the focus goes back to on close, when the element it came from is gone. */
    returnTo(element) {
      returnTo = element;
    },
    close() {
      if (dialog.open) dialog.close();
      giveBack();
    },
  };
}

/** Say `message` to screen-reader users without moving the focus. */
export function announce(message) {
  const region = document.getElementById("announcer");
  if (!region) return;
  region.textContent = "";
  window.setTimeout(() => { region.textContent = message; }, 30);
}
