// The passage being recorded or edited, drawn over the text while the claim form is open: a
// highlight (CSS Custom Highlight API, so the text's markup is never touched) and a handle at
// each end. Dragging a handle (mouse, pen or finger: pointer events) moves that end to the
// nearest word boundary (Alt: exactly); Shift+Alt+←/→ move the end and Shift+Alt+↑/↓ the start
// by a word. Every change becomes the form's passage (form.setPassage).

import { passageOf, rangeOf, textOffset, toUtf16 } from "../offsets.js";

const HIGHLIGHT = "claim-span";

export function createSpanEditor(app) {
  const handles = ["start", "end"].map((end) => {
    const handle = document.createElement("span");
    handle.className = `span-handle span-handle-${end}`;
    handle.dataset.end = end;
    handle.setAttribute("aria-hidden", "true");
    handle.hidden = true;
    document.body.append(handle);
    return handle;
  });
  let span = null;  // {start, end} in UTF-16 indexes of the text, while shown
  const text = () => app.panel.textElement();

  function range() {
    return span ? rangeOf(text(), span.start, span.end) : null;
  }

  function draw() {
    if (!span) return;
    const current = range();
    if (window.CSS && CSS.highlights) CSS.highlights.set(HIGHLIGHT, new Highlight(current));
    const rects = [...current.getClientRects()].filter((rect) => rect.width > 0 || rect.height > 0);
    if (!rects.length) return;
    const first = rects[0];
    const last = rects[rects.length - 1];
    place(handles[0], first.left, first.top, first.height);
    place(handles[1], last.right, last.top, last.height);
  }

  function place(handle, x, y, height) {
    handle.hidden = false;
    handle.style.left = `${x + window.scrollX}px`;
    handle.style.top = `${y + window.scrollY}px`;
    handle.style.height = `${height}px`;
  }

  function commit() {
    const passage = passageOf(text().textContent, span.start, span.end);
    if (passage) app.form.setPassage(passage);
    draw();
  }

  /** Show `passage` ({start, end} in code points) with its handles. */
  function show(passage) {
    const whole = text().textContent;
    span = { start: toUtf16(whole, passage.start), end: toUtf16(whole, passage.end) };
    draw();
  }

  function hide() {
    span = null;
    if (window.CSS && CSS.highlights) CSS.highlights.delete(HIGHLIGHT);
    handles.forEach((handle) => { handle.hidden = true; });
  }

  /** The UTF-16 index of the text under the point (x, y), or null outside the text. */
  function indexAt(x, y) {
    const caret = document.caretPositionFromPoint
      ? document.caretPositionFromPoint(x, y)
      : document.caretRangeFromPoint(x, y);
    if (!caret) return null;
    const node = caret.offsetNode || caret.startContainer;
    const offset = caret.offsetNode ? caret.offset : caret.startOffset;
    if (!text().contains(node)) return null;
    return textOffset(text(), node, offset);
  }

  /** Move `end` ("start" or "end") of the span to `index`, keeping at least one character. */
  function moveEnd(end, index) {
    if (end === "start") span.start = Math.max(0, Math.min(index, span.end - 1));
    else span.end = Math.min(text().textContent.length, Math.max(index, span.start + 1));
    commit();
  }

  for (const handle of handles) {
    handle.addEventListener("pointerdown", (event) => {
      if (!span) return;
      event.preventDefault();
      handle.setPointerCapture(event.pointerId);
      handle.classList.add("dragging");
    });
    handle.addEventListener("pointermove", (event) => {
      if (!span || !handle.hasPointerCapture(event.pointerId)) return;
      handle.style.visibility = "hidden";  // hit-test the text under the handle, not the handle
      const index = indexAt(event.clientX, event.clientY);
      handle.style.visibility = "";
      if (index === null) return;
      moveEnd(handle.dataset.end, event.altKey ? index : app.words.nearest(index));
    });
    const release = (event) => {
      if (handle.hasPointerCapture(event.pointerId)) handle.releasePointerCapture(event.pointerId);
      handle.classList.remove("dragging");
    };
    handle.addEventListener("pointerup", release);
    handle.addEventListener("pointercancel", release);
  }

  /** Shift+Alt+arrows while the form is open: move an end by a word. True if handled. */
  function key(event) {
    if (!span || !event.shiftKey || !event.altKey || event.ctrlKey || event.metaKey) return false;
    const moves = {
      ArrowRight: ["end", 1], ArrowLeft: ["end", -1], ArrowDown: ["start", 1], ArrowUp: ["start", -1],
    };
    const move = moves[event.key];
    if (!move) return false;
    const [end, direction] = move;
    const edge = app.words.wordEdge(end, end === "end" ? span.end : span.start, direction);
    if (edge !== null && (end === "end" ? edge > span.start : edge < span.end)) moveEnd(end, edge);
    return true;
  }

  window.addEventListener("resize", () => window.requestAnimationFrame(draw));

  return { show, hide, key, rect: () => range()?.getBoundingClientRect() || null };
}
