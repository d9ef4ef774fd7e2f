// The article text with its highlights and the claim panel (#annotations): which claim is
// current, cards in text order, re-rendering from the server, and the cards' own controls.
//
// After every change the view asks the server (claims:annotations) for the re-rendered text
// and the changed claims' cards instead of drawing them itself: one renderer, and the page never
// disagrees with the database.

import { api } from "../api.js";

export function createPanel(app) {
  const { state } = app;
  const root = document.getElementById("annotations");  // text and panel
  const textElement = () => document.getElementById("article-text");

  /** Put a server-rendered card in the panel, replacing its old version or in text order. */
  function placeCard(html, data) {
    const template = document.createElement("template");
    template.innerHTML = html.trim();
    const card = template.content.firstElementChild;
    const existing = document.getElementById(`claim-${data.id}`);
    state.putClaim(data);
    if (existing) {
      existing.replaceWith(card);
      return;
    }
    const next = state.claimAfter(data.id);
    document.getElementById("claim-cards").insertBefore(card, next ? document.getElementById(`claim-${next.id}`) : null);
  }

  function removeCard(id) {
    document.getElementById(`claim-${id}`)?.remove();
    state.dropClaim(id);
  }

  /** Re-render the text and the cards of `ids` from the server, then select `focusId`. */
  async function refresh(ids = [], focusId = null) {
    let answer;
    try {
      answer = await api("GET", `${state.config.annotationsUrl}?claims=${[...new Set(ids)].join(",")}`);
    } catch (error) {
      app.toast("The page could not be refreshed: reload it to see the latest claims.");
      return;
    }
    textElement().innerHTML = answer.text;
    for (const card of answer.cards) placeCard(card.html, card.data);
    state.rememberClaimSources();
    document.getElementById("claim-count").textContent = answer.count;
    document.getElementById("no-claims").hidden = answer.count > 0;
    const selected = focusId || state.current;
    if (selected && state.claimById(selected)) select(selected, { scroll: Boolean(focusId) });
  }

  function select(id, { scroll = true, focus = false } = {}) {
    state.current = id;
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

  /** Select the next (1) or previous (-1) claim in text order, wrapping around. */
  function step(direction) {
    const { claims } = state;
    if (!claims.length) return;
    const index = claims.findIndex((claim) => claim.id === state.current);
    const next = index === -1
      ? (direction > 0 ? 0 : claims.length - 1)
      : (index + direction + claims.length) % claims.length;
    select(claims[next].id, { focus: true });
  }

  function selectFromHash() {
    const match = /^#claim-(\d+)$/.exec(window.location.hash);
    if (match && state.claimById(Number(match[1]))) select(Number(match[1]), { focus: true });
  }

  async function restore(id, linked) {
    try {
      await api("POST", `/api/claims/${id}/restore/`);
      await refresh([id, ...linked], id);
      app.toast("Claim restored.");
    } catch (error) {
      app.toast(error.message);
    }
  }

  root.addEventListener("click", (event) => {
    const mark = event.target.closest("mark[data-claims]");
    if (mark && window.getSelection().isCollapsed) {
      // Innermost claim first; clicking again on the same place cycles through nested claims.
      const ids = mark.dataset.claims.split(" ").map(Number).reverse();
      const at = ids.indexOf(state.current);
      select(ids[(at + 1) % ids.length], { scroll: false });
      document.getElementById(`claim-${state.current}`)?.scrollIntoView({ block: "nearest" });
      return;
    }
    const quote = event.target.closest("a.quote-link");
    if (quote) {
      event.preventDefault();
      select(Number(quote.dataset.claim), { focus: true });
      return;
    }
    const button = event.target.closest("button[data-action]");
    if (!button) return;
    const claim = state.claimById(Number(button.dataset.claim));
    if (button.dataset.action === "edit" && claim) app.form.open({ mode: "edit", claim });
    if (button.dataset.action === "link" && claim) app.links.open(claim, button.dataset.kind);
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
        app.toast("Submitted for review.");
      } else {
        const linked = state.linkedHere(state.claimById(id));
        await api("DELETE", `/api/claims/${id}/`);
        removeCard(id);
        if (state.current === id) state.current = null;
        await refresh(linked);
        app.toast("Claim deleted.", { label: "Undo", run: () => restore(id, linked) });
      }
    } catch (error) {
      app.toast(error.message);
    }
  });

  window.addEventListener("hashchange", selectFromHash);

  return { textElement, refresh, select, step, selectFromHash };
}
