// The article text with its highlights and the claim panel (#annotations): which claim is
// current, cards in text order, updating from the server, and the cards' own controls.
//
// The page lists every claim as a compact card (a link to the claim's page without the script);
// a claim's full card (statement, tags, links, Edit, Submit, Delete) is asked from the server
// when the claim is opened. After every change the view asks the
// server (claims:annotations) for the paragraphs around it and the changed claims' cards instead
// of drawing them itself: one renderer, the page never disagrees with the database, and only
// the paragraphs a change touches are replaced.

import { api } from "../api.js";
import { announce } from "./focus.js";

/** "start-end" code-point ranges for the annotations endpoint's `around`. */
const around = (ranges) => ranges.filter(Boolean).map((range) => `${range.start}-${range.end}`).join(",");

export function createPanel(app) {
  const { state } = app;
  const root = document.getElementById("annotations");  // text and panel
  const textElement = () => document.getElementById("article-text");
  const loading = new Map();  // claim id -> promise of its full data

  /** The claims of the compact cards, in text order, as the state's first list. */
  function compactClaims() {
    return [...document.querySelectorAll("#claim-cards > .claim-card")].map((card) => ({
      id: Number(card.dataset.claim),
      start: Number(card.dataset.start),
      end: Number(card.dataset.end),
      full: false,
    }));
  }

  /** Put a server-rendered card in the panel, replacing its old version or in text order. */
  function placeCard(html, data) {
    const template = document.createElement("template");
    template.innerHTML = html.trim();
    const card = template.content.firstElementChild;
    const existing = document.getElementById(`claim-${data.id}`);
    state.putClaim({ ...data, full: true });
    if (existing) {
      // The reader may be on this card already (a full card can arrive after they moved on
      // and back): the new version keeps its selection and the keyboard focus.
      const focused = existing.contains(document.activeElement);
      if (existing.classList.contains("active")) {
        card.classList.add("active");
        card.setAttribute("aria-current", "true");
      }
      existing.replaceWith(card);
      if (focused) card.focus({ preventScroll: true });
      return;
    }
    const next = state.claimAfter(data.id);
    document.getElementById("claim-cards").insertBefore(card, next ? document.getElementById(`claim-${next.id}`) : null);
  }

  function removeCard(id) {
    document.getElementById(`claim-${id}`)?.remove();
    state.dropClaim(id);
  }

  function showCount(count) {
    document.querySelectorAll("[data-claim-count]").forEach((element) => { element.textContent = count; });
    document.getElementById("no-claims").hidden = count > 0;
  }

  /** The navigation's "My claims" item as the server drew it after a change: its count of
   * claims waiting for the person moves as drafts are recorded, submitted and deleted. */
  function replaceNavItem(html) {
    const old = document.getElementById("nav-my-claims");
    const template = document.createElement("template");
    template.innerHTML = html.trim();
    if (old && template.content.firstElementChild) old.replaceWith(template.content.firstElementChild);
  }

  /** Swap in the server's paragraphs (or whole text) of an annotations answer. */
  function patchText(answer) {
    if (answer.text !== undefined) {
      textElement().innerHTML = answer.text;
      return;
    }
    for (const paragraph of answer.paragraphs) {
      const old = textElement().querySelector(`p[data-paragraph="${paragraph.index}"]`);
      if (!old) continue;
      const template = document.createElement("template");
      template.innerHTML = paragraph.html;
      old.replaceWith(template.content.firstElementChild);
    }
  }

  /**
   * Update the cards of `ids` and the paragraphs touching `ranges` ({start, end} in code
   * points; null for the whole text) from the server, then select `focusId`.
   */
  async function refresh(ids = [], focusId = null, ranges = null) {
    const query = new URLSearchParams({ claims: [...new Set(ids)].join(",") });
    if (ranges) query.set("around", around(ranges));
    let answer;
    try {
      answer = await api("GET", `${state.config.annotationsUrl}?${query}`);
    } catch (error) {
      app.toast("The page could not be refreshed: reload it to see the latest claims.");
      return;
    }
    apply(answer, focusId);
  }

  /** Draw an annotations answer (from `refresh`, or the one a new claim's save carries). */
  function apply(answer, focusId = null) {
    patchText(answer);
    for (const card of answer.cards) placeCard(card.html, card.data);
    state.rememberClaimSources();
    showCount(answer.count);
    if (answer.nav_my_claims) replaceNavItem(answer.nav_my_claims);
    const selected = focusId || state.current;
    if (selected && state.claimById(selected)) select(selected, { scroll: Boolean(focusId) });
  }

  /** The claims J and K reach from `id`: the next and the previous in text order. */
  function neighbours(id) {
    const { claims } = state;
    const index = claims.findIndex((claim) => claim.id === id);
    if (index === -1 || claims.length < 2) return [];
    return [claims[(index + 1) % claims.length], claims[(index - 1 + claims.length) % claims.length]];
  }

  /**
   * The full data of claim `id`, asking the server for its full card the first time, in the
   * same request as the full cards of its neighbours: the card J or K opens next is there
   * before the key is pressed, even on a slow connection.
   */
  function ensureFull(id) {
    const claim = state.claimById(id);
    if (!claim) return Promise.resolve(claim);
    const wanted = [claim, ...neighbours(id)]
      .filter((other, at, all) => !other.full && !loading.has(other.id) && all.indexOf(other) === at)
      .map((other) => other.id);
    if (wanted.length) {
      const answered = refresh(wanted, null, []);
      for (const wantedId of wanted) {
        loading.set(wantedId, answered.then(() => {
          loading.delete(wantedId);
          return state.claimById(wantedId);
        }));
      }
    }
    return loading.get(id) || Promise.resolve(claim);
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
    const panelShown = !app.drawer || app.drawer.panelShown();
    if (scroll) {
      marks[0]?.scrollIntoView({ block: "center", behavior: "instant" });
      if (panelShown) card?.scrollIntoView({ block: "nearest", behavior: "instant" });
    }
    if (focus && panelShown) card?.focus({ preventScroll: true });
    else if (focus && card) announce(spoken(card));
    ensureFull(id);
  }

  /** What J or K says of the claim `card` when the card, in the closed drawer, cannot take the
   * focus (which would have read it): its number, passage, grade, source and status. */
  function spoken(card) {
    const words = (selector) => {
      const element = card.querySelector(selector);
      if (!element) return "";
      // As a screen reader would read it: without what is hidden from it (the ⚡ sign).
      const read = element.cloneNode(true);
      read.querySelectorAll('[aria-hidden="true"]').forEach((hidden) => hidden.remove());
      return read.textContent.replace(/\s+/g, " ").trim();
    };
    return `Claim ${card.dataset.claim}: “${words("blockquote")}”. ${words(".claim-meta")}.`;
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

  /**
   * Give the keyboard focus to claim `id`'s card (selecting it), or to the text when there is
   * no such claim or the cards are out of sight (in the closed drawer).
   */
  function focusClaim(id) {
    if (id !== null && state.claimById(id)) select(id, { scroll: false, focus: true });
    const card = id === null ? null : document.getElementById(`claim-${id}`);
    if (!card || document.activeElement !== card) textElement().focus({ preventScroll: true });
  }

  async function restore(claim, linked) {
    try {
      await api("POST", `/api/claims/${claim.id}/restore/`);
      await refresh([claim.id, ...linked], claim.id, [claim, ...linked.map((id) => state.claimById(id))]);
      focusClaim(claim.id);
      app.toast("Claim restored.");
    } catch (error) {
      app.toast(error.message);
    }
  }

  root.addEventListener("click", async (event) => {
    const mark = event.target.closest("mark[data-claims]");
    if (mark && window.getSelection().isCollapsed) {
      // Innermost claim first; clicking again on the same place cycles through nested claims.
      const ids = mark.dataset.claims.split(" ").map(Number).reverse();
      const at = ids.indexOf(state.current);
      select(ids[(at + 1) % ids.length], { scroll: false });
      if (!app.drawer || app.drawer.panelShown()) {
        document.getElementById(`claim-${state.current}`)?.scrollIntoView({ block: "nearest" });
      }
      return;
    }
    const quote = event.target.closest("a.quote-link");
    if (quote) {
      event.preventDefault();
      select(Number(quote.closest("[data-claim]").dataset.claim), { focus: true });
      return;
    }
    const button = event.target.closest("button[data-action]");
    if (!button) return;
    const id = Number(button.dataset.claim);
    if (button.dataset.action === "edit") app.form.openEdit(id);
    if (button.dataset.action === "link") {
      const claim = await ensureFull(id);
      if (claim) app.links.open(claim, button.dataset.kind);
    }
  });

  // Submit and Delete are buttons of one hidden form (works without the script); here they go
  // through the API and the page updates in place.
  root.addEventListener("submit", async (event) => {
    const action = event.submitter?.dataset.action;
    if (action !== "submit" && action !== "delete") return;
    event.preventDefault();
    const id = Number(event.submitter.dataset.claim);
    try {
      const claim = await ensureFull(id);
      if (action === "submit") {
        await api("POST", `/api/claims/${id}/submit/`);
        await refresh([id], id, [claim]);
        app.toast("Submitted for review.");
      } else {
        const linked = state.linkedHere(claim);
        await api("DELETE", `/api/claims/${id}/`);
        // The keyboard, if it was on the card, moves to the next card (the previous one after
        // the last), not to the page's start.
        const hadFocus = Boolean(document.getElementById(`claim-${id}`)?.contains(document.activeElement));
        const index = state.claims.findIndex((other) => other.id === id);
        const neighbour = state.claims[index + 1] || state.claims[index - 1];
        removeCard(id);
        if (state.current === id) state.current = null;
        if (hadFocus) focusClaim(neighbour ? neighbour.id : null);
        await refresh(linked, null, [claim, ...linked.map((other) => state.claimById(other))]);
        app.toast("Claim deleted.", { label: "Undo", keys: ["Ctrl", "Z"], run: () => restore(claim, linked) });
      }
    } catch (error) {
      app.toast(error.reason ?? error.message);
    }
  });

  window.addEventListener("hashchange", selectFromHash);

  return { textElement, refresh, apply, select, step, selectFromHash, ensureFull, compactClaims };
}
