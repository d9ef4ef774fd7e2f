// The annotation view's shortcuts (listed in #help-dialog): ? help, N new claim, J / K next and
// previous claim, E edit, C / O link as contradicting / corroborating, 1–6 credibility in the
// claim form, Ctrl+Enter save, Esc cancel.

function isTyping(target) {
  return target.matches("input:not([type=radio]):not([type=checkbox]), textarea, select, [contenteditable]");
}

export function bindKeyboard(app, helpDialog) {
  const { state } = app;

  document.addEventListener("keydown", (event) => {
    if (event.key === "Escape") {
      if (app.form.isOpen()) {
        event.preventDefault();
        app.form.close();
      } else {
        app.selection.dismiss();
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
    if (app.form.isOpen() && /^[1-6]$/.test(event.key) && (event.altKey || !isTyping(event.target))) {
      event.preventDefault();
      app.form.setCredibility(event.key);
      return;
    }
    if (event.ctrlKey || event.metaKey || event.altKey || isTyping(event.target)) return;
    if (app.links.isOpen() || helpDialog.open) return;
    const claim = state.claimById(state.current);
    switch (event.key) {
      case "?":
        helpDialog.showModal();
        break;
      case "n":
      case "N":
        app.selection.startNewClaim();
        break;
      case "j":
        app.panel.step(1);
        break;
      case "k":
        app.panel.step(-1);
        break;
      case "e":
        if (claim && claim.can_edit) app.form.open({ mode: "edit", claim });
        else if (claim) app.toast("You can edit only your own draft or rejected claims.");
        break;
      case "c":
        if (claim) app.links.open(claim, "contradicts");
        break;
      case "o":
        if (claim) app.links.open(claim, "corroborates");
        break;
      default:
        return;
    }
    event.preventDefault();
  });
}
