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

/** The UTF-16 offset of the DOM position (node, offset) within `container`'s text. */
function textOffset(container, node, offset) {
  const range = document.createRange();
  range.selectNodeContents(container);
  range.setEnd(node, offset);
  return range.toString().length;
}

/**
 * The selected passage of `container` as `{start, end, quote}` with code-point offsets, or null.
 *
 * A selection reaching outside the container is clipped to it, and white space at either end
 * is left out, as an analyst selecting a sentence by mouse expects.
 */
export function selectedPassage(container, selection) {
  if (!selection || selection.rangeCount === 0 || selection.isCollapsed) return null;
  const range = selection.getRangeAt(0);
  const whole = document.createRange();
  whole.selectNodeContents(container);
  if (range.compareBoundaryPoints(Range.END_TO_START, whole) >= 0) return null;
  if (range.compareBoundaryPoints(Range.START_TO_END, whole) <= 0) return null;
  const text = container.textContent;
  let start = range.compareBoundaryPoints(Range.START_TO_START, whole) <= 0
    ? 0 : textOffset(container, range.startContainer, range.startOffset);
  let end = range.compareBoundaryPoints(Range.END_TO_END, whole) >= 0
    ? text.length : textOffset(container, range.endContainer, range.endOffset);
  while (start < end && /\s/.test(text[start])) start++;
  while (end > start && /\s/.test(text[end - 1])) end--;
  if (start >= end) return null;
  return { start: toCodePoints(text, start), end: toCodePoints(text, end), quote: text.slice(start, end) };
}
