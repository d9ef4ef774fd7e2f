// The toast at the bottom of the page (#toast): one message at a time, with an optional action
// button (Undo) that `act()` also runs, from its shortcut. It owns only its own hide timer; it
// is not hidden while the pointer or the keyboard is on it, so that its action stays reachable.
// Between messages it is emptied, never `hidden`: a live region taken out of the accessibility
// tree and put back with its text is not reliably announced (the CSS hides it while empty).

/** How often a toast kept on screen looks again whether it may go. */
const HELD_RETRY = 1000;

export function createToast(toast) {
  let timer = null;
  let action = null;  // the action offered by the toast on screen

  function hide() {
    toast.replaceChildren();
    action = null;
  }

  function hideAfter(delay) {
    window.clearTimeout(timer);
    timer = window.setTimeout(() => {
      if (toast.matches(":hover, :focus-within")) hideAfter(HELD_RETRY);
      else hide();
    }, delay);
  }

  function run() {
    const chosen = action;
    hide();
    chosen.run();
  }

  function showToast(message, offered) {
    toast.replaceChildren(Object.assign(document.createElement("span"), { textContent: message }));
    action = offered || null;
    if (action) {
      const button = Object.assign(document.createElement("button"), { type: "button", textContent: action.label });
      if (action.keys) {
        const hint = Object.assign(document.createElement("span"), { className: "key-hint" });
        action.keys.forEach((key, index) => {
          if (index) hint.append("+");
          hint.append(Object.assign(document.createElement("kbd"), { textContent: key }));
        });
        button.append(" ", hint);
        button.setAttribute("aria-keyshortcuts", action.keys.join("+").replace("Ctrl", "Control"));
      }
      button.addEventListener("click", run);
      toast.append(button);
    }
    hideAfter(action ? 10000 : 4000);
  }

  /** Run the action of the toast on screen; false when it offers none. */
  showToast.act = () => {
    if (!action || !toast.hasChildNodes()) return false;
    run();
    return true;
  };

  return showToast;
}
