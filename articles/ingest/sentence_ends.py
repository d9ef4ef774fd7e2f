"""What ends a sentence, in the scripts articles are written in (Unicode's Sentence_Terminal
characters that newsrooms use), for the parts that judge lines and context by their sentences:
the title guess, paragraph detection, PDF reflow, a quote's context."""

#: Full stops, question and exclamation marks, and the ellipsis: Latin and Cyrillic, the CJK
#: ideographic and full-width forms, the Devanagari danda, the Arabic and Urdu question mark
#: and full stop, Ethiopic and Armenian.
SENTENCE_TERMINALS = ".!?…。．！？｡।॥؟۔።፧፨։"
#: Of those, the ones after which Chinese and Japanese write no space.
UNSPACED_TERMINALS = "。．！？｡"
#: Closing quotes and brackets that may follow a sentence's end (「…。」, “….”).
CLOSERS = "\"'”’»)]」』）"
