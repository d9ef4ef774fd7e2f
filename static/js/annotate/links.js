// The link dialog (#link-dialog): link the current claim to another one, in this article or
// any other, as contradicting or corroborating it. The link being made is state.link.
//
// The search box is a combobox over the list of matching claims (a listbox): the focus stays in
// the box, ↑ and ↓ move the active option (aria-activedescendant), Enter or a click chooses it.

import { api } from "../api.js";
import { debounce } from "./debounce.js";
import { trapFocus } from "./focus.js";

export function createLinks(app) {
  const { state } = app;
  const dialog = document.getElementById("link-dialog");
  const linkForm = document.getElementById("link-form");
  const search = document.getElementById("link-search");
  const results = document.getElementById("link-results");
  const save = document.getElementById("link-save");
  const error = document.getElementById("link-form-error");
  // The dialog's own live region: the page's announcer is outside the modal dialog, so inert.
  const matchCount = document.getElementById("link-match-count");
  const focus = trapFocus(dialog);
  search.setAttribute("role", "combobox");
  search.setAttribute("aria-autocomplete", "list");
  search.setAttribute("aria-expanded", "false");

  const options = () => [...results.querySelectorAll("[role=option]")];

  /** Make `option` the active one (or none, with null), in view inside the list. */
  function activate(option) {
    results.querySelector(".active")?.classList.remove("active");
    if (!option) {
      search.removeAttribute("aria-activedescendant");
      return;
    }
    option.classList.add("active");
    search.setAttribute("aria-activedescendant", option.id);
    option.scrollIntoView({ block: "nearest" });
  }

  function showResults(items) {
    matchCount.textContent = "";
    results.replaceChildren(...items);
    activate(null);
    search.setAttribute("aria-expanded", String(options().length > 0));
  }

  function open(claim, kind) {
    focus.opened();
    app.closeDialogs();
    state.link = { claim, kind, target: null };
    document.getElementById("link-dialog-title").textContent =
      kind === "contradicts" ? `Claim ${claim.id} contradicts…` : `Claim ${claim.id} corroborates…`;
    document.getElementById("link-from").textContent = claim.quote;
    error.textContent = "";
    document.getElementById("link-note").value = "";
    search.value = "";
    showResults([]);
    save.disabled = true;
    dialog.showModal();
    search.focus();
  }

  function chooseTarget(option, target) {
    state.link.target = target;
    results.querySelectorAll("[aria-selected=true]").forEach((element) => element.setAttribute("aria-selected", "false"));
    option.setAttribute("aria-selected", "true");
    activate(option);
    save.disabled = false;
  }

  function optionFor(claim) {
    const option = document.createElement("li");
    option.id = `link-option-${claim.id}`;
    option.setAttribute("role", "option");
    option.setAttribute("aria-selected", "false");
    option.tabIndex = -1;
    option.dataset.claim = claim.id;
    const quote = Object.assign(document.createElement("span"), { className: "quote", textContent: `“${claim.quote}”` });
    // Each name isolated: one written right to left must not reorder the parts after it.
    const meta = Object.assign(document.createElement("span"), { className: "muted" });
    const isolated = (text) => Object.assign(document.createElement("bdi"), { textContent: text });
    meta.append(isolated(claim.source_name), ` · ${claim.grade} · `, isolated(claim.article_title));
    option.append(quote, meta);
    option.addEventListener("click", () => chooseTarget(option, claim));
    return option;
  }

  search.addEventListener("keydown", (event) => {
    const all = options();
    const at = all.indexOf(results.querySelector(".active"));
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      if (!all.length) return;
      event.preventDefault();
      const step = event.key === "ArrowDown" ? 1 : -1;
      activate(all[at === -1 ? (step > 0 ? 0 : all.length - 1) : Math.min(Math.max(at + step, 0), all.length - 1)]);
    } else if (event.key === "Enter" && !event.ctrlKey && !event.metaKey && at !== -1) {
      event.preventDefault();
      all[at].click();
    }
  });

  const searchClaims = debounce(async () => {
    const query = search.value.trim();
    if (query.length < 2) {
      showResults([]);
      return;
    }
    let page;
    try {
      page = await api("GET", `/api/claims/?q=${encodeURIComponent(query)}&page_size=20`);
    } catch (failure) {
      error.textContent = failure.message;
      return;
    }
    const found = page.results.filter((claim) => claim.id !== state.link.claim.id).map(optionFor);
    showResults(found);
    // The focus stays in the search box: how many are shown is said (a page of them: more may
    // match), or that nothing matches (outside the listbox, which holds only options).
    const more = page.next ? ", and more match: type more words to narrow" : "";
    matchCount.textContent = found.length
      ? `${found.length} ${found.length === 1 ? "claim" : "claims"} shown${more}. Choose one below.`
      : "No other claim matches.";
  }, 200);
  search.addEventListener("input", searchClaims);

  document.getElementById("link-cancel").addEventListener("click", () => focus.close());
  linkForm.addEventListener("submit", async (event) => {
    event.preventDefault();
    if (!state.link || !state.link.target) return;
    try {
      await api("POST", "/api/links/", {
        kind: state.link.kind,
        claim_a: state.link.claim.id,
        claim_b: state.link.target.id,
        note: document.getElementById("link-note").value,
      });
    } catch (failure) {
      error.textContent = Object.values(failure.fields || {}).join(" ") || failure.message;
      return;
    }
    const { claim, kind, target } = state.link;
    focus.close();
    const here = target.article === state.config.article;
    await app.panel.refresh(here ? [claim.id, target.id] : [claim.id], claim.id, here ? [claim, state.claimById(target.id)] : [claim]);
    app.toast(kind === "contradicts" ? "Contradiction recorded." : "Corroboration recorded.");
  });

  return {
    open,
    close: () => focus.close(),
    isOpen: () => dialog.open,
    /** Ctrl+Enter: submit the link when a target is chosen; false if it cannot be saved yet. */
    submitIfReady() {
      if (!dialog.open || save.disabled) return false;
      linkForm.requestSubmit();
      return true;
    },
  };
}
