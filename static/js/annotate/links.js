// The link dialog (#link-dialog): link the current claim to another one, in this article or
// any other, as contradicting or corroborating it. The link being made is state.link.

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
  const focus = trapFocus(dialog);

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
    results.replaceChildren();
    save.disabled = true;
    dialog.showModal();
    search.focus();
  }

  function chooseTarget(option, target) {
    state.link.target = target;
    results.querySelectorAll("[aria-selected=true]").forEach((element) => element.setAttribute("aria-selected", "false"));
    option.setAttribute("aria-selected", "true");
    save.disabled = false;
  }

  function optionFor(claim) {
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
  }

  const searchClaims = debounce(async () => {
    const query = search.value.trim();
    if (query.length < 2) {
      results.replaceChildren();
      return;
    }
    let page;
    try {
      page = await api("GET", `/api/claims/?q=${encodeURIComponent(query)}&page_size=20`);
    } catch (failure) {
      error.textContent = failure.message;
      return;
    }
    const options = page.results.filter((claim) => claim.id !== state.link.claim.id).map(optionFor);
    if (!options.length) {
      options.push(Object.assign(document.createElement("li"), { className: "muted", textContent: "No other claim matches." }));
    }
    results.replaceChildren(...options);
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
