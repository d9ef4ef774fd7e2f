// The annotation view's shortcuts (listed in #help-dialog): ? help, N new claim, J / K next and
// previous claim, E edit, C / O link as contradicting / corroborating, 1–6 credibility in the
// claim form (Alt+1–6 in its text boxes), Shift+Alt+arrows move the ends of the passage being
// edited, Ctrl+Enter save, Esc cancel, Ctrl+Z undo a deletion (while its toast shows). Letters
// work in either case (Caps Lock, Shift); digits are read from the key's position, so Shift or an
// AZERTY layout do not change them.

function isTyping(target) {
  return target.matches("input:not([type=radio]):not([type=checkbox]), textarea, select, [contenteditable]");
}

/** The credibility digit 1–6 of a key press, from its position on the keyboard, or null. */
function credibilityDigit(event) {
  const match = /^(?:Digit|Numpad)([1-6])$/.exec(event.code) || /^([1-6])$/.exec(event.key);
  return match ? match[1] : null;
}

export function bindKeyboard(app, helpDialog) {
  const { state } = app;
  const claimDialog = document.getElementById("claim-dialog");

  document.addEventListener("keydown", (event) => {
    if (event.key === "Escape") {
      if (app.form.isOpen()) {
        event.preventDefault();
        app.form.close();
      } else if (!app.selection.dismiss() && app.drawer.isOpen()) {
        app.drawer.close();
      }
      return;
    }
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
      if (app.form.isOpen()) {
        event.preventDefault();
        app.form.save();
      } else if (app.links.submitIfReady()) {
        event.preventDefault();
      }
      return;
    }
    if (app.form.isOpen() && app.spanEditor.key(event)) {
      event.preventDefault();
      return;
    }
    const digit = credibilityDigit(event);
    if (app.form.isOpen() && digit && !event.ctrlKey && !event.metaKey
        && (event.altKey || !isTyping(event.target))) {
      event.preventDefault();
      app.form.setCredibility(digit);
      return;
    }
    if ((event.ctrlKey || event.metaKey) && !event.altKey && event.key.toLowerCase() === "z"
        && !isTyping(event.target) && !document.querySelector("dialog[open]")) {
      if (app.toast.act()) event.preventDefault();  // Undo, while the toast offers it
      return;
    }
    if (event.ctrlKey || event.metaKey || event.altKey || isTyping(event.target)) return;
    // Letters are text while the claim form is open, wherever the focus is (a field it held may
    // have just been hidden): a shortcut would reopen or leave the form, losing what was typed.
    if (app.form.isOpen() || app.links.isOpen() || helpDialog.open || claimDialog.contains(event.target)) return;
    const claim = state.claimById(state.current);
    switch (event.key === "?" ? "?" : event.key.toLowerCase()) {
      case "?":
        app.openHelp();
        break;
      case "n":
        app.selection.startNewClaim();
        break;
      case "j":
        app.panel.step(1);
        break;
      case "k":
        app.panel.step(-1);
        break;
      case "e":
        if (claim) app.form.openEdit(claim.id);
        break;
      case "c":
      case "o":
        if (claim) {
          const kind = event.key.toLowerCase() === "c" ? "contradicts" : "corroborates";
          app.panel.ensureFull(claim.id).then((full) => full && app.links.open(full, kind));
        }
        break;
      default:
        return;
    }
    event.preventDefault();
  });
}
