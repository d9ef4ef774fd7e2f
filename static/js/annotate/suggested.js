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

/** The UTF-16 index of code-point index `points` in `text`. */
function toUtf16(text, points) {
  let index = 0;
  for (let seen = 0; seen < points && index < text.length; seen++) {
    const code = text.charCodeAt(index);
    index += code >= 0xd800 && code <= 0xdbff && index + 1 < text.length ? 2 : 1;
  }
  return index;
}

/** A DOM Range over code points [start, end) of `container`'s text. */
function rangeOf(container, start, end) {
  const text = container.textContent;
  const from = toUtf16(text, start);
  const to = toUtf16(text, end);
  const range = document.createRange();
  const walker = document.createTreeWalker(container, NodeFilter.SHOW_TEXT);
  let offset = 0;
  let started = false;
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const length = node.data.length;
    if (!started && from <= offset + length) {
      range.setStart(node, from - offset);
      started = true;
    }
    if (started && to <= offset + length) {
      range.setEnd(node, to - offset);
      return range;
    }
    offset += length;
  }
  return null;
}

function draw() {
  if (!supported) return;
  CSS.highlights.delete("suggested");
  CSS.highlights.delete("suggested-focus");
  const container = textElement();
  if (!container || !toggle.checked) return;
  const ranges = [];
  for (const item of items()) {
    const range = rangeOf(container, Number(item.dataset.start), Number(item.dataset.end));
    if (!range) continue;
    item.range = range;
    if (item === current) CSS.highlights.set("suggested-focus", new Highlight(range));
    else ranges.push(range);
  }
  CSS.highlights.set("suggested", new Highlight(...ranges));
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
  // The reading view re-renders the text after every change to a claim: draw again.
  const annotations = document.getElementById("annotations");
  if (annotations) new MutationObserver(draw).observe(annotations, { childList: true, subtree: true });
  draw();
  section.dataset.suggestedReady = "true";
}
