// Suggested claims on the reading view: faint dashed highlights over the article text (the CSS
// Custom Highlight API, so the text's own markup is never touched), a toggle, and the keys
// A (accept: the prefilled claim form) and D (dismiss) on the focused suggestion. A suggestion
// is focused in the list, or by clicking its passage in the text.
//
// The list and its forms are rendered on the server (suggestions/_reading_section.html) and
// work without this script.

import { api } from "../api.js";

const section = document.getElementById("suggested-claims");
const toggle = document.getElementById("show-suggested");
const STORAGE_KEY = "corroborate.showSuggested";
const supported = typeof CSS !== "undefined" && "highlights" in CSS && typeof Highlight === "function";
let current = null; // the focused suggestion's list item

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
  const container = textElement();
  if (!container || !toggle.checked) return;
  const list = items();
  const found = rangesOf(container, list.map((item) => [Number(item.dataset.start), Number(item.dataset.end)]));
  const ranges = [];
  list.forEach((item, index) => {
    const range = found[index];
    if (!range) return;
    item.range = range;
    if (item === current) CSS.highlights.set("suggested-focus", new Highlight(range));
    else ranges.push(range);
  });
  CSS.highlights.set("suggested", new Highlight(...ranges));
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

function focusItem(item, { scroll = false } = {}) {
  current = item;
  for (const other of items()) other.classList.toggle("current", other === item);
  draw();
  if (scroll && item.range) {
    const rect = item.range.getBoundingClientRect();
    if (rect.top < 0 || rect.bottom > window.innerHeight) window.scrollBy({ top: rect.top - window.innerHeight / 3 });
  }
}

function announce(message) {
  section.querySelector(".suggestion-outcome").textContent = message;
}

function accept(item) {
  window.location.assign(item.querySelector("[data-decision=accept]").href);
}

async function dismiss(item) {
  try {
    await api("POST", `/api/suggestions/${item.dataset.suggestion}/dismiss/`);
  } catch (error) {
    announce(error.message);
    return;
  }
  const next = items()[items().indexOf(item) + 1] || null;
  item.remove();
  const count = section.querySelector("[data-suggested-count]");
  count.textContent = String(items().length);
  current = null;
  if (next) focusItem(next);
  else draw();
  announce("Suggestion dismissed: it will not be suggested again.");
}

function isTyping(target) {
  return target.matches("input:not([type=checkbox]), textarea, select, [contenteditable]");
}

/** The suggestion whose passage holds the clicked point, if any. */
function itemAt(event) {
  const container = textElement();
  const caret = document.caretRangeFromPoint ? document.caretRangeFromPoint(event.clientX, event.clientY) : null;
  if (!container || !caret || !container.contains(caret.startContainer)) return null;
  return items().find((item) => item.range && item.range.isPointInRange(caret.startContainer, caret.startOffset)) || null;
}

if (section && toggle) {
  toggle.checked = window.localStorage.getItem(STORAGE_KEY) !== "off";
  toggle.addEventListener("change", () => {
    window.localStorage.setItem(STORAGE_KEY, toggle.checked ? "on" : "off");
    draw();
  });
  section.addEventListener("focusin", (event) => {
    const item = event.target.closest(".suggestion-item");
    if (item) focusItem(item, { scroll: true });
  });
  section.addEventListener("submit", (event) => {
    const form = event.target.closest("form[data-decision=dismiss]");
    if (!form) return;
    event.preventDefault();
    dismiss(form.closest(".suggestion-item"));
  });
  document.addEventListener("click", (event) => {
    if (!toggle.checked || !window.getSelection().isCollapsed) return;
    const item = itemAt(event);
    if (item) focusItem(item);
  });
  document.addEventListener("keydown", (event) => {
    if (!current || !current.isConnected || event.ctrlKey || event.metaKey || event.altKey) return;
    if (isTyping(event.target) || document.querySelector("dialog[open]")) return;
    if (!current.querySelector("[data-decision]")) return; // no right to decide
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
  draw();
  section.dataset.suggestedReady = "true";
}
