// Word and sentence boundaries of the article text (Intl.Segmenter, so any script and emoji
// are cut where Unicode says), in UTF-16 indexes of the text element's textContent. The text
// never changes while the page is open, so it is segmented once, on first use.

export function createWords(textElement) {
  const locale = textElement.lang || document.documentElement.lang || "en";
  let cache = null;

  /** A segmenter for the text's language, or the browser's own where that is no language
   * tag the browser knows (a value stored before languages were checked). */
  function segmenter(granularity) {
    try {
      return new Intl.Segmenter(locale, { granularity });
    } catch {
      return new Intl.Segmenter(undefined, { granularity });
    }
  }

  function boundaries() {
    if (cache) return cache;
    const text = textElement.textContent;
    const words = [];  // [start, end] of every word-like segment, in order
    for (const part of segmenter("word").segment(text)) {
      if (part.isWordLike) words.push([part.index, part.index + part.segment.length]);
    }
    const sentences = [];  // [start, end] of every sentence, trailing white space left out
    for (const part of segmenter("sentence").segment(text)) {
      let end = part.index + part.segment.length;
      while (end > part.index && /\s/.test(text[end - 1])) end--;
      let start = part.index;
      while (start < end && /\s/.test(text[start])) start++;
      if (end > start) sentences.push([start, end]);
    }
    cache = { text, words, sentences };
    return cache;
  }

  /** Index of the first item of `items` ([start, end] pairs) whose end is after `index`. */
  function firstEndingAfter(items, index) {
    let low = 0;
    let high = items.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (items[middle][1] <= index) low = middle + 1;
      else high = middle;
    }
    return low;
  }

  /** The word containing `index` strictly inside it, if any. */
  function wordAround(index) {
    const { words } = boundaries();
    const word = words[firstEndingAfter(words, index)];
    return word && word[0] < index && index < word[1] ? word : null;
  }

  return {
    /** [start, end) widened outward to whole words: a drag from mid-word takes the word. */
    snap({ start, end }) {
      const first = wordAround(start);
      const last = wordAround(end);
      return { start: first ? first[0] : start, end: last ? last[1] : end };
    },
    /** The word boundary nearest to `index` (for a handle dropped inside a word). */
    nearest(index) {
      const word = wordAround(index);
      if (!word) return index;
      return index - word[0] < word[1] - index ? word[0] : word[1];
    },
    /** The n-th word or sentence after (n > 0) or before (n < 0) `index`, as [start, end]. */
    step(kind, index, direction) {
      const items = boundaries()[kind === "sentence" ? "sentences" : "words"];
      if (!items.length) return null;
      if (direction > 0) {
        const at = items.findIndex((item) => item[0] >= index);
        return at === -1 ? null : items[at];
      }
      const at = firstEndingAfter(items, index) - 1;
      return at < 0 ? null : items[at];
    },
    /** The edge of the next or previous word, for moving one end of a passage by a word:
     * `edge` "start" or "end" of a word, `direction` 1 (after `index`) or -1 (before it). */
    wordEdge(edge, index, direction) {
      const { words } = boundaries();
      const position = edge === "start" ? 0 : 1;
      if (direction > 0) {
        const word = words.find((item) => item[position] > index);
        return word ? word[position] : null;
      }
      for (let at = words.length - 1; at >= 0; at--) {
        if (words[at][position] < index) return words[at][position];
      }
      return null;
    },
    /** The word or sentence containing or following `index`. */
    at(kind, index) {
      const items = boundaries()[kind === "sentence" ? "sentences" : "words"];
      return items[firstEndingAfter(items, index)] || items[items.length - 1] || null;
    },
    text: () => boundaries().text,
  };
}
