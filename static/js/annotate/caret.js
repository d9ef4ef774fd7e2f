// Selecting a passage with the keyboard alone. The article text is focusable; Enter or F2 on it
// starts caret mode, which selects a word: ← and → select the previous or next word, ↑ and ↓
// the previous or next sentence, and with Shift they move the end of the selection instead
// (by a word, or by a sentence). N then opens the claim form on the selection; Esc or Tab leaves.
// Each step is announced (#announcer) and the selection is the browser's own, so the New claim
// button and N work exactly as after a mouse drag.

import { rangeOf, selectedIndexes } from "../offsets.js";
import { announce } from "./focus.js";

export function createCaret(app) {
  const text = app.panel.textElement();
  let active = false;
  let span = null;  // {start, end} in UTF-16 indexes of the text

  function showSpan(intro = "") {
    const range = rangeOf(text, span.start, span.end);
    const selection = window.getSelection();
    selection.setBaseAndExtent(range.startContainer, range.startOffset, range.endContainer, range.endOffset);
    app.selection.madeByKeyboard();
    const rect = range.getBoundingClientRect();
    if (rect.top < 0 || rect.bottom > window.innerHeight) {
      window.scrollBy(0, rect.top - window.innerHeight / 3);
    }
    const quote = text.textContent.slice(span.start, span.end);
    announce(intro + (quote.length > 160 ? `${quote.slice(0, 160)}…` : quote));
  }

  function start() {
    active = true;
    text.classList.add("caret-mode");
    const selected = selectedIndexes(text, window.getSelection());
    const first = selected ? app.words.snap(selected) : null;
    const word = first ? [first.start, first.end] : app.words.at("word", firstVisibleIndex());
    if (!word) return;
    span = { start: word[0], end: word[1] };
    showSpan("Keyboard selection: arrows move by word, up and down by sentence, Shift extends, N records a claim, Escape leaves. Selected: ");
  }

  function stop() {
    active = false;
    text.classList.remove("caret-mode");
  }

  /** The text index at the first paragraph visible on screen. */
  function firstVisibleIndex() {
    const visible = [...text.querySelectorAll("p[data-paragraph]")].find((p) => p.getBoundingClientRect().bottom > 0);
    return visible ? rangeIndex(visible) : 0;
  }

  function rangeIndex(paragraph) {
    const range = document.createRange();
    range.selectNodeContents(text);
    range.setEnd(paragraph, 0);
    return range.toString().length;
  }

  function move(kind, direction, extend) {
    if (extend) {
      // Shift: move the end of the selection by a word or sentence, keeping its start.
      const item = direction > 0 ? app.words.at(kind, span.end) : app.words.step(kind, span.end - 1, -1);
      if (item && item[1] > span.start && (direction < 0 || item[1] > span.end)) span.end = item[1];
    } else {
      const item = direction > 0 ? app.words.step(kind, span.end, 1) : app.words.step(kind, span.start, -1);
      if (item) span = { start: item[0], end: item[1] };
    }
    showSpan();
  }

  const KEYS = {
    ArrowRight: ["word", 1], ArrowLeft: ["word", -1], ArrowDown: ["sentence", 1], ArrowUp: ["sentence", -1],
  };

  text.addEventListener("keydown", (event) => {
    if (event.target !== text || event.ctrlKey || event.metaKey || event.altKey) return;
    if (!active) {
      if (event.key === "Enter" || event.key === "F2") {
        event.preventDefault();
        start();
      }
      return;
    }
    if (event.key === "Escape" || event.key === "F2") {
      event.preventDefault();
      event.stopPropagation();
      stop();
      window.getSelection().removeAllRanges();
      announce("Keyboard selection ended.");
      return;
    }
    const step = KEYS[event.key];
    if (!step) return;
    event.preventDefault();
    move(step[0], step[1], event.shiftKey);
  });
  text.addEventListener("blur", stop);

  return { isActive: () => active };
}
