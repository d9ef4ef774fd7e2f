// On a narrow screen the claims panel is a drawer over the right of the page, opened and closed
// by the "Claims N" button (#panel-toggle); on a wide one it is a column beside the text and the
// button is hidden. Without the script the panel is a section under the text and the button a
// link to it.

import { announce } from "./focus.js";

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

  function open() {
    layout.classList.add("panel-open");
    toggle.setAttribute("aria-expanded", "true");
    // Under the drawer while it is open: out of the Tab order, so Shift+Tab from the panel does
    // not land on a button nobody can see (Escape, or the panel's own Close, closes it).
    toggle.inert = true;
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
    toggle.inert = false;
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
