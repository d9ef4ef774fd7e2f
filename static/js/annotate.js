// The annotation view: select a passage, record it as a claim, edit, submit, delete, link.
//
// This entry creates the view's one state object (annotate/state.js) and wires the modules in
// static/js/annotate/, each owning one part of the page:
//   panel.js      the text, its highlights and the claim cards; re-rendering from the server
//   selection.js  the selected passage and the New claim button
//   form.js       the claim dialog (with form-errors.js and suggestions.js)
//   links.js      the link dialog
//   keyboard.js   the shortcuts
//   toast.js      the toast
//   withdraw.js   the cards' Withdraw button
// Modules reach each other through `app` when an event happens, never at import time.

import { bindKeyboard } from "./annotate/keyboard.js";
import { createClaimForm } from "./annotate/form.js";
import { createLinks } from "./annotate/links.js";
import { createPanel } from "./annotate/panel.js";
import { createSelection } from "./annotate/selection.js";
import { createState } from "./annotate/state.js";
import { createToast } from "./annotate/toast.js";
import { bindWithdraw } from "./annotate/withdraw.js";

const json = (id) => JSON.parse(document.getElementById(id).textContent);
const helpDialog = document.getElementById("help-dialog");

const app = {
  state: createState(json("page-config")),
  toast: createToast(document.getElementById("toast")),
  /** Close whichever dialog is open before another opens. */
  closeDialogs() {
    if (app.form.isOpen()) app.form.close();
    if (app.links.isOpen()) app.links.close();
    if (helpDialog.open) helpDialog.close();
  },
};
app.panel = createPanel(app);
app.selection = createSelection(app);
app.form = createClaimForm(app);
app.links = createLinks(app);
bindKeyboard(app, helpDialog);
bindWithdraw(app);

app.state.loadClaims(json("claims-data"));
app.panel.selectFromHash();
document.body.dataset.annotateReady = "true";
