// On a narrow screen the claims panel is a drawer over the right of the page, opened and closed
// by the "Claims N" button (#panel-toggle); on a wide one it is a column beside the text and the
// button is hidden. Without the script the panel is a section under the text and the button a
// link to it.

import { announce } from "./focus.js";

/** Left reachable while the drawer covers the page: the live regions (the toast with its Undo
 * among them) and the dialogs, which open over the drawer. */
const KEEP_REACHABLE = "dialog, [aria-live], [role=status], [role=alert], script";

export function createDrawer() {
  const layout = document.getElementById("annotations");
  const toggle = document.getElementById("panel-toggle");
  const panel = document.getElementById("claim-panel");
  const closeButton = document.getElementById("panel-close");
  const narrow = window.matchMedia("(max-width: 1000px)");

  layout.classList.add("has-drawer");
  // Slides from the next frame on: the drawer is hidden at once, not seen sliding away.
  requestAnimationFrame(() => requestAnimationFrame(() => layout.classList.add("drawer-settled")));
  toggle.setAttribute("role", "button");
  toggle.setAttribute("aria-expanded", "false");
  closeButton.hidden = false;

  const isOpen = () => layout.classList.contains("panel-open");
  let covered = [];  // what the open drawer made inert, given back when it closes

  /**
   * Make the page under the open drawer inert (the "Claims N" button, the text, the header):
   * Tab and a screen reader's cursor would otherwise go on to controls nobody can see. Escape,
   * or the panel's own Close, closes it.
   */
  function coverPage() {
    for (let element = panel; element.parentElement && element !== document.body; element = element.parentElement) {
      for (const sibling of element.parentElement.children) {
        if (sibling === element || sibling.inert || sibling.matches(KEEP_REACHABLE)) continue;
        sibling.inert = true;
        covered.push(sibling);
      }
    }
  }

  function uncoverPage() {
    covered.forEach((element) => { element.inert = false; });
    covered = [];
  }

  // Widened with the drawer open, the panel is a column beside the text again: nothing is under it.
  narrow.addEventListener("change", () => {
    if (!narrow.matches) uncoverPage();
    else if (isOpen() && !covered.length) coverPage();
  });

  function open() {
    layout.classList.add("panel-open");
    toggle.setAttribute("aria-expanded", "true");
    if (narrow.matches) coverPage();
    panel.querySelector(".claim-card.active")?.scrollIntoView({ block: "nearest" });
    // The panel is visible at once as it starts to slide in (main.css), so it can take the focus.
    panel.focus({ preventScroll: true });
    announce("Claims panel open. Escape closes it.");
  }

  /**
   * Close the drawer and give the focus to its button, or leave the focus to the caller with
   * `{ focus: false }` (the claim form, opened from a card, takes it).
   */
  function close({ focus = true } = {}) {
    layout.classList.remove("panel-open");
    toggle.setAttribute("aria-expanded", "false");
    uncoverPage();
    if (focus && narrow.matches) toggle.focus({ preventScroll: true });
  }

  toggle.addEventListener("click", (event) => {
    event.preventDefault();
    if (isOpen()) close();
    else open();
  });
  toggle.addEventListener("keydown", (event) => {
    if (event.key === " ") {
      event.preventDefault();
      toggle.click();
    }
  });
  closeButton.addEventListener("click", () => close());

  return {
    isOpen,
    close,
    /** Whether the panel is on screen: always on a wide screen, when open on a narrow one. */
    panelShown: () => !narrow.matches || isOpen(),
  };
}
