"""Moving a selection over the text by sentences and words: pure functions of the text, its
sentence spans and the current selection, tested without Textual.

A selection is a `(start, end)` range of text offsets. Each function returns the new range, or
None when the move goes nowhere (the widget then leaves the selection as it is).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence

from briefing.model import Reading

Span = tuple[int, int]

WORD = re.compile(r"(?<!\w)\w(?:[\w'’.\-]*\w)?")
"""A word for selection: letters and digits, with inner apostrophes, dots and hyphens."""
WORD_REACH = 200
"""Characters looked back for the word before a selection's start."""


def sentence_spans(reading: Reading) -> list[Span]:
    """Sentences once analysis is in; until then each paragraph counts as one."""
    if reading.sentences:
        return [(s.start, s.end) for s in reading.sentences]
    return [(p.start, p.end) for p in reading.document.paragraphs]


def sentence_index(spans: Sequence[Span], offset: int) -> int:
    """Index of the sentence holding (or else the last one before) `offset`."""
    starts = [start for start, _ in spans]
    return max(0, bisect.bisect_right(starts, offset) - 1)


def step_sentence(
    spans: Sequence[Span], selection: Span | None, first_visible: int, direction: int
) -> Span | None:
    """The next (`direction` > 0) or previous sentence; with nothing selected, the first
    sentence that reaches into view."""
    if not spans:
        return None
    if selection is None:
        i = sentence_index(spans, first_visible)
        if spans[i][1] <= first_visible and i + 1 < len(spans):
            i += 1
    elif direction > 0:
        i = min(len(spans) - 1, sentence_index(spans, max(0, selection[1] - 1)) + 1)
    else:
        i = max(0, sentence_index(spans, selection[0]) - 1)
        if spans[i][0] >= selection[0] and i > 0:
            i -= 1
    return spans[i]


def extend_sentence(spans: Sequence[Span], selection: Span, direction: int) -> Span | None:
    """The selection's end moved to the end of its sentence, or of the next one; or (backwards)
    back to the end of the sentence before its last one."""
    start, end = selection
    i = sentence_index(spans, max(start, end - 1))
    if direction > 0:
        if spans[i][1] > end:
            return start, spans[i][1]
        if i + 1 < len(spans):
            return start, spans[i + 1][1]
        return None
    previous = [e for _, e in spans[max(0, i - 1) : i + 1] if start < e < end]
    return (start, max(previous)) if previous else None


def extend_word(text: str, selection: Span, direction: int) -> Span | None:
    """The selection's end moved to the end of the next word, or back to the end of the word
    before its last one."""
    start, end = selection
    if direction > 0:
        match = WORD.search(text, end)
        return (start, match.end()) if match else None
    ends = [m.end() for m in WORD.finditer(text, start, end) if m.end() < end]
    return (start, ends[-1]) if ends else None


def move_start(text: str, selection: Span, direction: int) -> Span | None:
    """The selection's start moved to the next word inside it, or to the word before it."""
    start, end = selection
    if direction > 0:
        starts = [m.start() for m in WORD.finditer(text, start + 1, end)]
        return (starts[0], end) if starts else None
    starts = [m.start() for m in WORD.finditer(text, max(0, start - WORD_REACH), start)]
    return (starts[-1], end) if starts else None


def word_around(text: str, offset: int) -> Span:
    """The word holding `offset`, else the one character there."""
    low = max(0, offset - 100)
    for match in WORD.finditer(text, low, min(len(text), offset + 100)):
        if match.start() <= offset < match.end():
            return match.start(), match.end()
    return offset, min(len(text), offset + 1)


def dragged(text: str, anchor: int, offset: int) -> Span:
    """The words from a drag's first point to its current one, in either direction."""
    a, b = sorted((anchor, offset))
    return word_around(text, a)[0], word_around(text, max(a, b - 1))[1]
