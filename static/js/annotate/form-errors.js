// What the claim form (#claim-form) shows when the server refuses: each message under its field,
// the rest at the top (#claim-form-error), and the conflict box (#conflict) when someone else
// changed the claim after the form opened.

import { ApiError } from "../api.js";
import { announce } from "./focus.js";

/** The control a field's message slot describes (`aria-describedby`): an input, or the fieldset
 * of the credibility's radio buttons, or the quoted passage. */
function controlOf(claimForm, slot) {
  return claimForm.querySelector(`[aria-describedby~="${slot.id}"]`);
}

export function clearErrors(claimForm) {
  claimForm.querySelectorAll(".field-error").forEach((element) => { element.textContent = ""; });
  claimForm.querySelectorAll("[aria-invalid]").forEach((element) => element.removeAttribute("aria-invalid"));
  document.getElementById("claim-form-error").textContent = "";
  document.getElementById("conflict").hidden = true;
}

/** A message at the top of the form. */
export function showFormError(message) {
  document.getElementById("claim-form-error").textContent = message;
  revealFirstError();
}

/**
 * Scroll the form's first message into view: on a phone the form is a sheet scrolled down to its
 * Save button, and a message at its top would go unseen (the alert role only speaks it).
 */
function revealFirstError() {
  const form = document.getElementById("claim-form");
  const first = [...form.querySelectorAll("#claim-form-error, .field-error")].find((element) => element.textContent);
  first?.scrollIntoView({ block: "nearest" });
}

/** What a screen reader says of a refused control: its label (or legend) and its message. */
function spokenError(control) {
  const name = control.matches("fieldset")
    ? control.querySelector("legend")?.textContent
    : control.labels?.[0]?.textContent;
  const message = control.getAttribute("aria-describedby").split(/\s+/)
    .map((id) => document.getElementById(id))
    .find((slot) => slot?.classList.contains("field-error"))?.textContent;
  return [name?.trim(), message].filter(Boolean).join(": ");
}

/** Show the server's refusal. `focus: false` leaves the focus to the caller (a prompt that
 * offers choices takes it). */
export function showErrors(claimForm, error, { focus = true } = {}) {
  const fields = error instanceof ApiError ? error.fields : {};
  const slotFor = (name) => claimForm.querySelector(`.field-error[data-field="${name}"]`);
  const invalid = [];
  for (const [name, message] of Object.entries(fields)) {
    const slot = slotFor(name);
    if (slot) {
      slot.textContent = message;
      const control = controlOf(claimForm, slot);
      control?.setAttribute("aria-invalid", "true");
      if (control) invalid.push(control);
    }
  }
  const general = Object.entries(fields)
    .filter(([name]) => !slotFor(name))
    .map(([, message]) => message);
  showFormError(general.length ? general.join(" ") : (invalid.length ? "" : error.message));
  // The focus goes to the first refused field in the form's order, so that a screen reader
  // says the field, its message and that it is invalid (the messages under the fields are not
  // live regions: a change to each would be read out of order).
  // A field that already has the focus (Ctrl+Enter typed in it) gets no focus event, so
  // nothing would be said: its message is announced instead.
  if (focus && !general.length && invalid.length) {
    const first = invalid.sort((a, b) => (a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1))[0];
    const target = first.matches("fieldset") ? first.querySelector("input:checked, input") : first;
    if (target && target === document.activeElement) announce(spokenError(first));
    else target?.focus();
  }
}

/** The other person's version of the claim, and a button to `reload` it into the form. */
export function showConflict(error, reload) {
  const box = document.getElementById("conflict");
  const theirs = error.body.current || {};
  box.replaceChildren();
  const message = document.createElement("p");
  message.textContent = error.message;
  const list = document.createElement("dl");
  for (const [label, value] of [
    ["Statement", theirs.statement || "—"],
    ["Credibility", theirs.credibility],
    ["Tags", (theirs.tags || []).join(", ") || "—"],
    ["Passage", theirs.quote],
  ]) {
    list.append(Object.assign(document.createElement("dt"), { textContent: label }));
    list.append(Object.assign(document.createElement("dd"), { textContent: String(value) }));
  }
  const load = Object.assign(document.createElement("button"), {
    type: "button",
    textContent: "Load their version and edit again",
  });
  load.addEventListener("click", reload);
  box.append(message, list, load);
  box.hidden = false;
}
