// The annotation view: select a passage, record it as a claim, edit, submit, delete, link.
//
// The server renders the text with its highlights and the claim panel. After every change this
// module asks the server (claims:annotations) for the re-rendered text and the changed claims'
// cards instead of drawing them itself: one renderer, and the page never disagrees with the
// database.

import { api, ApiError } from "./api.js";
import { selectedPassage } from "./offsets.js";

const config = JSON.parse(document.getElementById("page-config").textContent);
const root = document.getElementById("annotations");  // text and panel
const newClaimButton = document.getElementById("new-claim-button");
const claimDialog = document.getElementById("claim-dialog");
const claimForm = document.getElementById("claim-form");
const linkDialog = document.getElementById("link-dialog");
const helpDialog = document.getElementById("help-dialog");
const toast = document.getElementById("toast");

let claims = [];            // claim data in text order, from the fragment's json_script
let current = null;         // id of the claim open in the panel
let form = null;            // {mode: "new"|"edit", claim, passage, version}
let link = null;            // {claim, kind, target}
const sourceIds = new Map(); // lower-case source name -> id, as seen in autocomplete answers

const textElement = () => document.getElementById("article-text");
const panelElement = () => document.getElementById("claim-panel");
const claimById = (id) => claims.find((claim) => claim.id === id);

function loadClaims() {
  claims = JSON.parse(document.getElementById("claims-data").textContent);
  for (const claim of claims) sourceIds.set(claim.source.name.toLowerCase(), claim.source.id);
}

const textOrder = (a, b) => a.start - b.start || b.end - a.end || a.id - b.id;

/** Put a server-rendered card in the panel, replacing its old version or in text order. */
function placeCard(html, data) {
  const template = document.createElement("template");
  template.innerHTML = html.trim();
  const card = template.content.firstElementChild;
  const existing = document.getElementById(`claim-${data.id}`);
  claims = claims.filter((claim) => claim.id !== data.id).concat([data]).sort(textOrder);
  if (existing) {
    existing.replaceWith(card);
    return;
  }
  const next = claims[claims.findIndex((claim) => claim.id === data.id) + 1];
  document.getElementById("claim-cards").insertBefore(card, next ? document.getElementById(`claim-${next.id}`) : null);
}

function removeCard(id) {
  document.getElementById(`claim-${id}`)?.remove();
  claims = claims.filter((claim) => claim.id !== id);
}

/** Ids of the claims in this article linked to `claim`: their cards change with it. */
function linkedHere(claim) {
  return claim ? claim.links.filter((link) => link.other.article === config.article).map((link) => link.other.id) : [];
}

/** Re-render the text and the cards of `ids` from the server, then select `focusId`. */
async function refresh(ids = [], focusId = null) {
  let answer;
  try {
    answer = await api("GET", `${config.annotationsUrl}?claims=${[...new Set(ids)].join(",")}`);
  } catch (error) {
    showToast("The page could not be refreshed: reload it to see the latest claims.");
    return;
  }
  textElement().innerHTML = answer.text;
  for (const card of answer.cards) placeCard(card.html, card.data);
  for (const claim of claims) sourceIds.set(claim.source.name.toLowerCase(), claim.source.id);
  document.getElementById("claim-count").textContent = answer.count;
  document.getElementById("no-claims").hidden = answer.count > 0;
  const selected = focusId || current;
  if (selected && claimById(selected)) selectClaim(selected, { scroll: Boolean(focusId) });
}

// --- Selecting claims -------------------------------------------------------------------------

function selectClaim(id, { scroll = true, focus = false } = {}) {
  current = id;
  root.querySelectorAll(".active").forEach((element) => {
    element.classList.remove("active");
    element.removeAttribute("aria-current");
  });
  const marks = textElement().querySelectorAll(`mark[data-claims~="${id}"]`);
  marks.forEach((mark) => mark.classList.add("active"));
  const card = document.getElementById(`claim-${id}`);
  if (card) {
    card.classList.add("active");
    card.setAttribute("aria-current", "true");
  }
  if (scroll) {
    marks[0]?.scrollIntoView({ block: "center", behavior: "instant" });
    card?.scrollIntoView({ block: "nearest", behavior: "instant" });
  }
  if (focus) card?.focus({ preventScroll: true });
}

function step(direction) {
  if (!claims.length) return;
  const index = claims.findIndex((claim) => claim.id === current);
  const next = index === -1
    ? (direction > 0 ? 0 : claims.length - 1)
    : (index + direction + claims.length) % claims.length;
  selectClaim(claims[next].id, { focus: true });
}

function claimFromHash() {
  const match = /^#claim-(\d+)$/.exec(window.location.hash);
  if (match && claimById(Number(match[1]))) selectClaim(Number(match[1]), { focus: true });
}

root.addEventListener("click", (event) => {
  const mark = event.target.closest("mark[data-claims]");
  if (mark && window.getSelection().isCollapsed) {
    // Innermost claim first; clicking again on the same place cycles through nested claims.
    const ids = mark.dataset.claims.split(" ").map(Number).reverse();
    const at = ids.indexOf(current);
    selectClaim(ids[(at + 1) % ids.length], { scroll: false });
    document.getElementById(`claim-${current}`)?.scrollIntoView({ block: "nearest" });
    return;
  }
  const quote = event.target.closest("a.quote-link");
  if (quote) {
    event.preventDefault();
    selectClaim(Number(quote.dataset.claim), { focus: true });
    return;
  }
  const button = event.target.closest("button[data-action]");
  if (!button) return;
  const claim = claimById(Number(button.dataset.claim));
  if (button.dataset.action === "edit" && claim) openClaimForm({ mode: "edit", claim });
  if (button.dataset.action === "link" && claim) openLinkDialog(claim, button.dataset.kind);
});

// Submit and Delete are buttons of one hidden form (works without the script); here they go
// through the API and the page updates in place.
root.addEventListener("submit", async (event) => {
  const action = event.submitter?.dataset.action;
  if (action !== "submit" && action !== "delete") return;
  event.preventDefault();
  const id = Number(event.submitter.dataset.claim);
  try {
    if (action === "submit") {
      await api("POST", `/api/claims/${id}/submit/`);
      await refresh([id], id);
      showToast("Submitted for review.");
    } else {
      const linked = linkedHere(claimById(id));
      await api("DELETE", `/api/claims/${id}/`);
      removeCard(id);
      if (current === id) current = null;
      await refresh(linked);
      showToast("Claim deleted.", { label: "Undo", run: () => restore(id, linked) });
    }
  } catch (error) {
    showToast(error.message);
  }
});

async function restore(id, linked) {
  try {
    await api("POST", `/api/claims/${id}/restore/`);
    await refresh([id, ...linked], id);
    showToast("Claim restored.");
  } catch (error) {
    showToast(error.message);
  }
}

window.addEventListener("hashchange", claimFromHash);

// --- The selection and the New claim button ---------------------------------------------------

function currentPassage() {
  const text = textElement();
  return text ? selectedPassage(text, window.getSelection()) : null;
}

function placeNear(element, rect) {
  const top = Math.min(rect.bottom + 8, window.innerHeight - 60);
  const left = Math.max(8, Math.min(rect.left, window.innerWidth - element.offsetWidth - 16));
  element.style.top = `${top}px`;
  element.style.left = `${left}px`;
}

function updateNewClaimButton() {
  if (!config.canAddClaim || claimDialog.open) return;
  const passage = currentPassage();
  newClaimButton.hidden = !passage;
  if (passage) placeNear(newClaimButton, window.getSelection().getRangeAt(0).getBoundingClientRect());
}

document.addEventListener("selectionchange", () => window.requestAnimationFrame(updateNewClaimButton));
newClaimButton.addEventListener("mousedown", (event) => event.preventDefault()); // keep the selection
newClaimButton.addEventListener("click", () => startNewClaim());

function startNewClaim() {
  const passage = currentPassage();
  if (!config.canAddClaim) return;
  if (!passage) {
    showToast("Select a passage of the article text first.");
    return;
  }
  openClaimForm({ mode: "new", passage });
}

// --- The claim form ---------------------------------------------------------------------------

const field = (name) => claimForm.elements[name];

function clearErrors() {
  claimForm.querySelectorAll(".field-error").forEach((element) => { element.textContent = ""; });
  document.getElementById("claim-form-error").textContent = "";
  document.getElementById("conflict").hidden = true;
}

function showErrors(error) {
  const fields = error instanceof ApiError ? error.fields : {};
  let placed = false;
  for (const [name, message] of Object.entries(fields)) {
    const slot = claimForm.querySelector(`.field-error[data-field="${name}"]`);
    if (slot) {
      slot.textContent = message;
      placed = true;
    }
  }
  const general = Object.entries(fields)
    .filter(([name]) => !claimForm.querySelector(`.field-error[data-field="${name}"]`))
    .map(([, message]) => message);
  document.getElementById("claim-form-error").textContent =
    general.length ? general.join(" ") : (placed ? "" : error.message);
}

function showPassage(passage) {
  document.getElementById("claim-form-quote").textContent = passage.quote;
}

function setCredibility(value) {
  const radio = claimForm.querySelector(`input[name=credibility][value="${value}"]`);
  if (radio) {
    radio.checked = true;
    radio.focus();
  }
}

function openClaimForm({ mode, passage, claim }) {
  closeDialogs();
  form = { mode, claim, passage: passage || null, version: claim ? claim.version : null };
  claimForm.reset();
  clearErrors();
  document.getElementById("claim-dialog-title").textContent =
    mode === "new" ? "New claim" : `Edit claim ${claim.id}`;
  claimForm.querySelector(".span-tools").hidden = mode === "new";
  document.getElementById("new-source-fields").hidden = true;
  if (mode === "new") {
    showPassage(passage);
  } else {
    showPassage(claim);
    field("source").value = claim.source.name;
    setCredibility(claim.credibility);
    field("statement").value = claim.statement;
    field("tags").value = claim.tags.join(", ");
  }
  newClaimButton.hidden = true;
  // Measure before showing: focus moving into the dialog clears the page's selection.
  const anchor = mode === "new"
    ? window.getSelection().getRangeAt(0).getBoundingClientRect()
    : (textElement().querySelector(`mark[data-claims~="${claim.id}"]`)
      || document.getElementById(`claim-${claim.id}`)).getBoundingClientRect();
  claimDialog.show();
  placeDialog(anchor);
  field("source").focus();
}

function placeDialog(rect) {
  const height = claimDialog.offsetHeight;
  const below = rect.bottom + 8;
  const top = below + height < window.innerHeight ? below : Math.max(8, rect.top - height - 8);
  claimDialog.style.top = `${Math.max(8, Math.min(top, window.innerHeight - height - 8))}px`;
  claimDialog.style.left = `${Math.max(8, Math.min(rect.left, window.innerWidth - claimDialog.offsetWidth - 16))}px`;
}

function closeClaimForm() {
  if (claimDialog.open) claimDialog.close();
  const claimId = form && form.claim ? form.claim.id : null;
  form = null;
  if (claimId) document.getElementById(`claim-${claimId}`)?.focus({ preventScroll: true });
}

document.getElementById("claim-cancel").addEventListener("click", closeClaimForm);
document.getElementById("use-selection").addEventListener("mousedown", (event) => event.preventDefault());
document.getElementById("use-selection").addEventListener("click", () => {
  const passage = currentPassage();
  if (!passage) {
    document.getElementById("claim-form-error").textContent =
      "Select the new passage in the text first, then press this button.";
    return;
  }
  form.passage = passage;
  showPassage(passage);
});

function debounce(run, wait = 150) {
  let timer = null;
  return (...args) => {
    window.clearTimeout(timer);
    timer = window.setTimeout(() => run(...args), wait);
  };
}

function fillOptions(datalist, values) {
  datalist.replaceChildren(...values.map((value) => Object.assign(document.createElement("option"), { value })));
}

const suggestSources = debounce(async () => {
  const name = field("source").value.trim();
  if (!name) return;
  try {
    const page = await api("GET", `/api/sources/?q=${encodeURIComponent(name)}&page_size=20`);
    for (const source of page.results) sourceIds.set(source.name.toLowerCase(), source.id);
    fillOptions(document.getElementById("source-options"), page.results.map((source) => source.name));
  } catch (error) {
    return;
  }
  document.getElementById("new-source-fields").hidden = sourceIds.has(name.toLowerCase());
});

field("source").addEventListener("input", () => {
  document.getElementById("new-source-fields").hidden =
    sourceIds.has(field("source").value.trim().toLowerCase()) || !field("source").value.trim();
  suggestSources();
});

const suggestTags = debounce(async () => {
  const names = field("tags").value.split(",");
  const last = names.pop().trim();
  if (!last) return;
  try {
    const page = await api("GET", `/api/tags/?q=${encodeURIComponent(last)}&page_size=10`);
    const head = names.map((name) => name.trim()).filter(Boolean);
    fillOptions(document.getElementById("tag-options"), page.results.map((tag) => [...head, tag.name].join(", ")));
  } catch (error) {
    // Suggestions are a convenience; typing a tag still works.
  }
});
field("tags").addEventListener("input", suggestTags);

async function resolveSource() {
  const name = field("source").value.trim().replace(/\s+/g, " ");
  if (!name) throw new ApiError(400, { source: ["Name the source that asserted this."] });
  const known = sourceIds.get(name.toLowerCase());
  if (known) return known;
  const page = await api("GET", `/api/sources/?q=${encodeURIComponent(name)}&page_size=50`);
  const match = page.results.find((source) => source.name.toLowerCase() === name.toLowerCase());
  if (match) return match.id;
  try {
    const created = await api("POST", "/api/sources/", {
      name,
      kind: field("source_kind").value,
      reliability: field("source_reliability").value,
    });
    sourceIds.set(created.name.toLowerCase(), created.id);
    return created.id;
  } catch (error) {
    if (error instanceof ApiError && error.fields.name) {
      throw new ApiError(400, { source: [error.fields.name] });
    }
    throw error;
  }
}

function formValues() {
  const checked = claimForm.querySelector("input[name=credibility]:checked");
  return {
    credibility: checked ? Number(checked.value) : 6,
    statement: field("statement").value.trim(),
    tags: field("tags").value.split(",").map((tag) => tag.trim()).filter(Boolean),
  };
}

function showConflict(error) {
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
  load.addEventListener("click", async () => {
    await refresh([form.claim.id], form.claim.id);
    const fresh = claimById(form.claim.id);
    if (fresh) openClaimForm({ mode: "edit", claim: fresh });
  });
  box.append(message, list, load);
  box.hidden = false;
}

async function saveClaim() {
  if (!form) return;
  clearErrors();
  const save = document.getElementById("claim-save");
  save.disabled = true;
  try {
    const source = await resolveSource();
    const values = { ...formValues(), source };
    let saved;
    if (form.mode === "new") {
      saved = await api("POST", "/api/claims/", { article: config.article, ...form.passage, ...values });
    } else {
      const changes = { version: form.version, ...values };
      if (form.passage) Object.assign(changes, form.passage);
      saved = await api("PATCH", `/api/claims/${form.claim.id}/`, changes);
    }
    const verb = form.mode === "new" ? "saved" : "updated";
    closeClaimForm();
    window.getSelection().removeAllRanges();
    await refresh([saved.id], saved.id);
    showToast(`Claim ${saved.id} ${verb} (${saved.grade}).`);
  } catch (error) {
    if (error instanceof ApiError && error.status === 409) showConflict(error);
    else showErrors(error);
  } finally {
    save.disabled = false;
  }
}

claimForm.addEventListener("submit", (event) => {
  event.preventDefault();
  saveClaim();
});

// --- Links ------------------------------------------------------------------------------------

const linkSearch = document.getElementById("link-search");
const linkResults = document.getElementById("link-results");
const linkSave = document.getElementById("link-save");

function openLinkDialog(claim, kind) {
  closeDialogs();
  link = { claim, kind, target: null };
  document.getElementById("link-dialog-title").textContent =
    kind === "contradicts" ? `Claim ${claim.id} contradicts…` : `Claim ${claim.id} corroborates…`;
  document.getElementById("link-from").textContent = claim.quote;
  document.getElementById("link-form-error").textContent = "";
  document.getElementById("link-note").value = "";
  linkSearch.value = "";
  linkResults.replaceChildren();
  linkSave.disabled = true;
  linkDialog.showModal();
  linkSearch.focus();
}

function chooseTarget(option, target) {
  link.target = target;
  linkResults.querySelectorAll("[aria-selected=true]").forEach((element) => element.setAttribute("aria-selected", "false"));
  option.setAttribute("aria-selected", "true");
  linkSave.disabled = false;
}

const searchClaims = debounce(async () => {
  const query = linkSearch.value.trim();
  if (query.length < 2) {
    linkResults.replaceChildren();
    return;
  }
  let page;
  try {
    page = await api("GET", `/api/claims/?q=${encodeURIComponent(query)}&page_size=20`);
  } catch (error) {
    document.getElementById("link-form-error").textContent = error.message;
    return;
  }
  const options = page.results.filter((claim) => claim.id !== link.claim.id).map((claim) => {
    const option = document.createElement("li");
    option.setAttribute("role", "option");
    option.setAttribute("aria-selected", "false");
    option.tabIndex = 0;
    option.dataset.claim = claim.id;
    const quote = Object.assign(document.createElement("span"), { className: "quote", textContent: `“${claim.quote}”` });
    const meta = Object.assign(document.createElement("span"), {
      className: "muted",
      textContent: `${claim.source_name} · ${claim.grade} · ${claim.article_title}`,
    });
    option.append(quote, meta);
    option.addEventListener("click", () => chooseTarget(option, claim));
    option.addEventListener("keydown", (event) => {
      if (event.key === "Enter" || event.key === " ") {
        event.preventDefault();
        chooseTarget(option, claim);
      }
    });
    return option;
  });
  if (!options.length) {
    options.push(Object.assign(document.createElement("li"), { className: "muted", textContent: "No other claim matches." }));
  }
  linkResults.replaceChildren(...options);
}, 200);
linkSearch.addEventListener("input", searchClaims);

document.getElementById("link-cancel").addEventListener("click", () => linkDialog.close());
document.getElementById("link-form").addEventListener("submit", async (event) => {
  event.preventDefault();
  if (!link || !link.target) return;
  try {
    await api("POST", "/api/links/", {
      kind: link.kind,
      claim_a: link.claim.id,
      claim_b: link.target.id,
      note: document.getElementById("link-note").value,
    });
  } catch (error) {
    document.getElementById("link-form-error").textContent =
      Object.values(error.fields || {}).join(" ") || error.message;
    return;
  }
  const { claim, kind, target } = link;
  linkDialog.close();
  await refresh(target.article === config.article ? [claim.id, target.id] : [claim.id], claim.id);
  showToast(kind === "contradicts" ? "Contradiction recorded." : "Corroboration recorded.");
});

// --- Toast, dialogs, keyboard -----------------------------------------------------------------

let toastTimer = null;

function showToast(message, action) {
  toast.replaceChildren(Object.assign(document.createElement("span"), { textContent: message }));
  if (action) {
    const button = Object.assign(document.createElement("button"), { type: "button", textContent: action.label });
    button.addEventListener("click", () => {
      toast.hidden = true;
      action.run();
    });
    toast.append(button);
  }
  toast.hidden = false;
  window.clearTimeout(toastTimer);
  toastTimer = window.setTimeout(() => { toast.hidden = true; }, action ? 10000 : 4000);
}

function closeDialogs() {
  if (claimDialog.open) closeClaimForm();
  if (linkDialog.open) linkDialog.close();
  if (helpDialog.open) helpDialog.close();
}

function isTyping(target) {
  return target.matches("input:not([type=radio]):not([type=checkbox]), textarea, select, [contenteditable]");
}

document.addEventListener("keydown", (event) => {
  if (event.key === "Escape") {
    if (claimDialog.open) {
      event.preventDefault();
      closeClaimForm();
    } else if (!newClaimButton.hidden) {
      newClaimButton.hidden = true;
      window.getSelection().removeAllRanges();
    }
    return;
  }
  if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
    if (claimDialog.open) {
      event.preventDefault();
      saveClaim();
    } else if (linkDialog.open && !linkSave.disabled) {
      event.preventDefault();
      document.getElementById("link-form").requestSubmit();
    }
    return;
  }
  if (claimDialog.open && /^[1-6]$/.test(event.key) && (event.altKey || !isTyping(event.target))) {
    event.preventDefault();
    setCredibility(event.key);
    return;
  }
  if (event.ctrlKey || event.metaKey || event.altKey || isTyping(event.target)) return;
  if (linkDialog.open || helpDialog.open) return;
  const claim = claimById(current);
  switch (event.key) {
    case "?":
      helpDialog.showModal();
      break;
    case "n":
    case "N":
      startNewClaim();
      break;
    case "j":
      step(1);
      break;
    case "k":
      step(-1);
      break;
    case "e":
      if (claim && claim.can_edit) openClaimForm({ mode: "edit", claim });
      else if (claim) showToast("You can edit only your own draft or rejected claims.");
      break;
    case "c":
      if (claim) openLinkDialog(claim, "contradicts");
      break;
    case "o":
      if (claim) openLinkDialog(claim, "corroborates");
      break;
    default:
      return;
  }
  event.preventDefault();
});

loadClaims();
claimFromHash();
document.body.dataset.annotateReady = "true";
