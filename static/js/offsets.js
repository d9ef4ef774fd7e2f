// Offsets between the browser and the server.
//
// JavaScript strings are indexed in UTF-16 code units; the server counts Unicode code points.
// A character outside the Basic Multilingual Plane (an emoji, a flag's regional indicators,
// many CJK extension characters) is two code units but one code point, so every such character
// before a selection shifts a naive index by one. These helpers convert between the two.

function isHighSurrogate(code) {
  return code >= 0xd800 && code <= 0xdbff;
}

function isLowSurrogate(code) {
  return code >= 0xdc00 && code <= 0xdfff;
}

/** The code-point index of UTF-16 index `utf16` in `text`. */
export function toCodePoints(text, utf16) {
  let points = 0;
  for (let i = 0; i < utf16; i++) {
    if (isHighSurrogate(text.charCodeAt(i)) && i + 1 < utf16 && isLowSurrogate(text.charCodeAt(i + 1))) {
      i++;
    }
    points++;
  }
  return points;
}

/** The UTF-16 index of code-point index `points` in `text`. */
export function toUtf16(text, points) {
  let index = 0;
  for (let seen = 0; seen < points && index < text.length; seen++) {
    index += isHighSurrogate(text.charCodeAt(index)) && isLowSurrogate(text.charCodeAt(index + 1)) ? 2 : 1;
  }
  return index;
}

/** The UTF-16 offset of the DOM position (node, offset) within `container`'s text. */
export function textOffset(container, node, offset) {
  const range = document.createRange();
  range.selectNodeContents(container);
  range.setEnd(node, offset);
  return range.toString().length;
}

/** The DOM position {node, offset} of UTF-16 index `index` of `container`'s text. */
export function domPosition(container, index) {
  const walker = document.createTreeWalker(container, NodeFilter.SHOW_TEXT);
  let seen = 0;
  let last = null;
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (index <= seen + node.data.length) return { node, offset: index - seen };
    seen += node.data.length;
    last = node;
  }
  return last ? { node: last, offset: last.data.length } : { node: container, offset: 0 };
}

/** A DOM Range over UTF-16 indexes [start, end) of `container`'s text. */
export function rangeOf(container, start, end) {
  const range = document.createRange();
  const from = domPosition(container, start);
  const to = domPosition(container, end);
  range.setStart(from.node, from.offset);
  range.setEnd(to.node, to.offset);
  return range;
}

/**
 * The selected part of `container` as UTF-16 indexes {start, end} of its text, or null.
 * A selection reaching outside the container is clipped to it.
 */
export function selectedIndexes(container, selection) {
  if (!selection || selection.rangeCount === 0 || selection.isCollapsed) return null;
  const range = selection.getRangeAt(0);
  const whole = document.createRange();
  whole.selectNodeContents(container);
  if (range.compareBoundaryPoints(Range.END_TO_START, whole) >= 0) return null;
  if (range.compareBoundaryPoints(Range.START_TO_END, whole) <= 0) return null;
  const length = container.textContent.length;
  const start = range.compareBoundaryPoints(Range.START_TO_START, whole) <= 0
    ? 0 : textOffset(container, range.startContainer, range.startOffset);
  const end = range.compareBoundaryPoints(Range.END_TO_END, whole) >= 0
    ? length : textOffset(container, range.endContainer, range.endOffset);
  return start < end ? { start, end } : null;
}

/**
 * The passage of `text` at UTF-16 indexes [start, end) as `{start, end, quote}` with code-point
 * offsets, or null. White space at either end is left out, as an analyst selecting a sentence
 * by mouse expects.
 */
export function passageOf(text, start, end) {
  while (start < end && /\s/.test(text[start])) start++;
  while (end > start && /\s/.test(text[end - 1])) end--;
  if (start >= end) return null;
  return { start: toCodePoints(text, start), end: toCodePoints(text, end), quote: text.slice(start, end) };
}

/**
 * The selected passage of `container` as `{start, end, quote}` with code-point offsets, or null.
 * `adjust({start, end})`, if given, may move the UTF-16 indexes first (word snapping).
 */
export function selectedPassage(container, selection, adjust = (indexes) => indexes) {
  const indexes = selectedIndexes(container, selection);
  if (!indexes) return null;
  const { start, end } = adjust(indexes);
  return passageOf(container.textContent, start, end);
}
