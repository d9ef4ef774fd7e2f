// The annotation view: select a passage, record it as a claim, edit, submit, delete, link.
//
// This entry creates the view's one state object (annotate/state.js) and wires the modules in
// static/js/annotate/, each owning one part of the page:
//   panel.js        the text, its highlights and the claim cards; updating from the server
//   words.js        word and sentence boundaries of the text (snapping, keyboard moves)
//   selection.js    the selected passage (snapped to words) and the New claim button
//   caret.js        selecting a passage with the keyboard alone
//   span-editor.js  the passage being recorded or edited, with handles to drag
//   form.js         the claim form (with form-errors.js and suggestions.js)
//   links.js        the link dialog
//   drawer.js       the claims panel as a drawer on narrow screens
//   keyboard.js     the shortcuts
//   focus.js        focus kept in dialogs and given back; announcements
//   toast.js        the toast
// Modules reach each other through `app` when an event happens, never at import time.

import { createCaret } from "./annotate/caret.js";
import { createDrawer } from "./annotate/drawer.js";
import { trapFocus } from "./annotate/focus.js";
import { bindKeyboard } from "./annotate/keyboard.js";
import { createClaimForm } from "./annotate/form.js";
import { createLinks } from "./annotate/links.js";
import { createPanel } from "./annotate/panel.js";
import { createSelection } from "./annotate/selection.js";
import { createSpanEditor } from "./annotate/span-editor.js";
import { createState } from "./annotate/state.js";
import { createToast } from "./annotate/toast.js";
import { createWords } from "./annotate/words.js";

const json = (id) => JSON.parse(document.getElementById(id).textContent);
const helpDialog = document.getElementById("help-dialog");
const helpFocus = trapFocus(helpDialog);

const app = {
  state: createState(json("page-config")),
  toast: createToast(document.getElementById("toast")),
  /** Close whichever dialog is open before another opens. */
  closeDialogs() {
    if (app.form.isOpen()) app.form.close();
    if (app.links.isOpen()) app.links.close();
    if (helpDialog.open) helpDialog.close();
  },
  openHelp() {
    helpFocus.opened();
    helpDialog.showModal();
  },
};
app.drawer = createDrawer();
app.panel = createPanel(app);
app.words = createWords(app.panel.textElement());
app.selection = createSelection(app);
app.spanEditor = createSpanEditor(app);
app.form = createClaimForm(app);
app.links = createLinks(app);
app.caret = createCaret(app);
bindKeyboard(app, helpDialog);

app.state.loadClaims(app.panel.compactClaims());
app.panel.selectFromHash();
document.body.dataset.annotateReady = "true";
