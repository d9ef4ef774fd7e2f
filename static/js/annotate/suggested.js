// Suggested claims on the reading view: faint dashed highlights over the article text (the CSS
// Custom Highlight API, so the text's own markup is never touched), a toggle, and the keys
// A (accept: the prefilled claim form) and D (dismiss) on the focused suggestion. A suggestion
// is focused in the list, or by clicking its passage in the text.
//
// The page carries only the suggestions' spans (#suggested-spans: [[id, start, end], ...]); the
// list, with its forms, is asked from the server (suggestions:article) when it is opened. Without
// this script the section links to that list's own page, whose forms work alone.

import { api } from "../api.js";

const section = document.getElementById("suggested-claims");
const toggle = document.getElementById("show-suggested");
const details = section?.querySelector(".suggested-details");
const list = section?.querySelector(".suggestion-list");
const STORAGE_KEY = "corroborate.showSuggested";
const supported = typeof CSS !== "undefined" && "highlights" in CSS && typeof Highlight === "function";
const spans = section ? JSON.parse(document.getElementById("suggested-spans").textContent) : [];
const ranges = new Map(); // suggestion id -> its DOM Range in the text, as last drawn
let current = null; // the focused suggestion's id

const items = () => Array.from(section.querySelectorAll(".suggestion-item"));
const textElement = () => document.getElementById("article-text");

/** DOM Ranges over the code-point spans `spans` ([start, end) pairs) of `container`'s text,
 * in one walk of its text nodes whatever their number (null where a span is out of the text). */
function rangesOf(container, spans) {
  // Every boundary, in order, converted from code points to a (text node, UTF-16 offset).
  const wanted = [...new Set(spans.flat())].sort((a, b) => a - b);
  const found = new Map();
  const walker = document.createTreeWalker(container, NodeFilter.SHOW_TEXT);
  let points = 0;
  let next = 0;
  for (let node = walker.nextNode(); node && next < wanted.length; node = walker.nextNode()) {
    const data = node.data;
    for (let index = 0; index <= data.length && next < wanted.length; ) {
      while (next < wanted.length && wanted[next] === points) found.set(wanted[next++], [node, index]);
      if (index === data.length) break;
      const code = data.charCodeAt(index);
      index += code >= 0xd800 && code <= 0xdbff && index + 1 < data.length ? 2 : 1;
      points += 1;
    }
  }
  return spans.map(([start, end]) => {
    const from = found.get(start);
    const to = found.get(end);
    if (!from || !to) return null;
    const range = document.createRange();
    range.setStart(...from);
    range.setEnd(...to);
    return range;
  });
}

function draw() {
  if (!supported) return;
  CSS.highlights.delete("suggested");
  CSS.highlights.delete("suggested-focus");
  ranges.clear();
  const container = textElement();
  if (!container || !toggle.checked) return;
  const found = rangesOf(container, spans.map(([, start, end]) => [start, end]));
  const drawn = [];
  spans.forEach(([id], index) => {
    const range = found[index];
    if (!range) return;
    ranges.set(id, range);
    if (id === current) CSS.highlights.set("suggested-focus", new Highlight(range));
    else drawn.push(range);
  });
  CSS.highlights.set("suggested", new Highlight(...drawn));
}

/** Draw once on the next frame, however many changes come before it. */
let drawPending = false;
function drawSoon() {
  if (drawPending) return;
  drawPending = true;
  requestAnimationFrame(() => {
    drawPending = false;
    draw();
  });
}

/** The list's items, asked from the server the first time the list is opened. */
let listLoading = null;
function loadList() {
  if (!listLoading) {
    list.setAttribute("aria-busy", "true");
    listLoading = fetch(`${section.dataset.listUrl}?fragment=1`, { credentials: "same-origin", headers: { Accept: "text/html" } })
      .then((answer) => {
        if (!answer.ok) throw new Error(String(answer.status));
        return answer.text();
      })
      .then((html) => {
        list.innerHTML = html;
        section.querySelector(".suggestion-list-link").hidden = true;
        for (const item of items()) item.classList.toggle("current", Number(item.dataset.suggestion) === current);
      })
      .catch(() => {
        listLoading = null;
        announce("The list could not be loaded: open it on its own page.");
      })
      .finally(() => list.setAttribute("aria-busy", "false"));
  }
  return listLoading;
}

function focusSuggestion(id, { scroll = false } = {}) {
  current = id;
  for (const item of items()) item.classList.toggle("current", Number(item.dataset.suggestion) === id);
  draw();
  const range = ranges.get(id);
  if (scroll && range) {
    const rect = range.getBoundingClientRect();
    if (rect.top < 0 || rect.bottom > window.innerHeight) window.scrollBy({ top: rect.top - window.innerHeight / 3 });
  }
}

function announce(message) {
  section.querySelector(".suggestion-outcome").textContent = message;
}

function accept(id) {
  window.location.assign(section.dataset.acceptUrl.replace("/0/", `/${id}/`));
}

async function dismiss(id) {
  try {
    await api("POST", `/api/suggestions/${id}/dismiss/`);
  } catch (error) {
    announce(error.message);
    return;
  }
  const index = spans.findIndex(([other]) => other === id);
  const next = index === -1 ? undefined : spans[index + 1];
  if (index !== -1) spans.splice(index, 1);
  // The keyboard, if it was on the dismissed item, moves to the next one in the list (the
  // previous after the last; the list's summary after the only one), so a second D dismisses
  // the suggestion it is on.
  const item = document.getElementById(`suggestion-${id}`);
  const hadFocus = Boolean(item?.contains(document.activeElement));
  const neighbour = item && (item.nextElementSibling || item.previousElementSibling);
  item?.remove();
  section.querySelector("[data-suggested-count]").textContent = String(spans.length);
  current = null;
  if (next) focusSuggestion(next[0]);
  else draw();
  if (hadFocus) (neighbour || details.querySelector("summary")).focus();
  announce("Suggestion dismissed: it will not be suggested again.");
}

/** A claim recorded over [start, end) settles every suggested passage it overlaps (as the
 * server does): they leave the text, the list and the count. */
function settleOverlapped({ start, end }) {
  const settled = spans.filter(([, from, to]) => from < end && start < to).map(([id]) => id);
  if (!settled.length) return;
  for (const id of settled) {
    spans.splice(spans.findIndex(([other]) => other === id), 1);
    document.getElementById(`suggestion-${id}`)?.remove();
    if (current === id) current = null;
  }
  section.querySelector("[data-suggested-count]").textContent = String(spans.length);
  draw();
}

function isTyping(target) {
  return target.matches("input:not([type=checkbox]), textarea, select, [contenteditable]");
}

/** The suggestion whose passage holds the clicked point, if any. */
function suggestionAt(event) {
  const container = textElement();
  const caret = document.caretRangeFromPoint ? document.caretRangeFromPoint(event.clientX, event.clientY) : null;
  if (!container || !caret || !container.contains(caret.startContainer)) return null;
  for (const [id, range] of ranges) if (range.isPointInRange(caret.startContainer, caret.startOffset)) return id;
  return null;
}

if (section && toggle) {
  toggle.checked = window.localStorage.getItem(STORAGE_KEY) !== "off";
  toggle.addEventListener("change", () => {
    window.localStorage.setItem(STORAGE_KEY, toggle.checked ? "on" : "off");
    draw();
  });
  details.addEventListener("toggle", () => {
    if (details.open) loadList();
  });
  document.addEventListener("claim-recorded", (event) => settleOverlapped(event.detail));
  section.addEventListener("focusin", (event) => {
    const item = event.target.closest(".suggestion-item");
    // The passage is scrolled to unless the focus came with a tap or click on one of the item's
    // buttons: a scroll between the touch and its click moved the page under the finger, and
    // the click landed on the text instead of Accept or Dismiss.
    const tapped = event.target.closest("button, a, input") && !event.target.matches(":focus-visible");
    if (item) focusSuggestion(Number(item.dataset.suggestion), { scroll: !tapped });
  });
  section.addEventListener("submit", (event) => {
    const form = event.target.closest("form[data-decision=dismiss]");
    if (!form) return;
    event.preventDefault();
    dismiss(Number(form.closest(".suggestion-item").dataset.suggestion));
  });
  document.addEventListener("click", (event) => {
    if (!toggle.checked || !window.getSelection().isCollapsed) return;
    const id = suggestionAt(event);
    if (id !== null) focusSuggestion(id);
  });
  document.addEventListener("keydown", (event) => {
    if (current === null || !spans.some(([id]) => id === current) || event.ctrlKey || event.metaKey || event.altKey) return;
    if (isTyping(event.target) || document.querySelector("dialog[open]")) return;
    if (!("canDecide" in section.dataset)) return; // no right to decide
    if (event.key === "a" || event.key === "A") {
      event.preventDefault();
      accept(current);
    } else if (event.key === "d" || event.key === "D") {
      event.preventDefault();
      dismiss(current);
    }
  });
  // The reading view re-renders paragraphs of the text after a change to a claim: draw again,
  // once, on the next frame (changes to the claim cards do not matter here).
  const text = textElement();
  if (text) new MutationObserver(drawSoon).observe(text, { childList: true, subtree: true });
  // First drawn on the next frame: the page's own script (annotate.js) goes first.
  requestAnimationFrame(() => {
    draw();
    section.dataset.suggestedReady = "true";
  });
}
