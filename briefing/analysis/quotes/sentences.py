"""Cheap sentence boundaries around a position, for attribution windows.

Cues are searched only within the quote's own sentence, so a rough splitter that knows the
common abbreviations (Mr., Sen., Jan., U.S.) is enough; a full tokenizer would cost more than
the whole quote step.
"""

from __future__ import annotations

from briefing.analysis.quotes.patterns import (
    ABBREVIATION_RE,
    SENTENCE_BREAK_AHEAD_RE,
    SENTENCE_BREAK_BACK_RE,
    SENTENCE_BREAK_RE,
)


def sentence_start(text: str, pos: int, lo: int) -> int:
    """Start of the sentence containing pos, not looking before lo (a semicolon counts).

    Full stops inside quotes are not skipped: callers pass lo = the previous quote's end.
    """
    seg = text[lo:pos]
    best = lo
    for m in SENTENCE_BREAK_BACK_RE.finditer(seg):
        if ABBREVIATION_RE.search(seg[: m.start() + 1]):
            continue
        best = lo + m.end()
    return best


def sentence_end(text: str, pos: int, hi: int) -> int:
    """End of the sentence starting at or before pos, not looking past hi."""
    seg = text[pos:hi]
    for m in SENTENCE_BREAK_AHEAD_RE.finditer(seg):
        if ABBREVIATION_RE.search(seg[: m.start() + 1]):
            continue
        return pos + m.end()
    return hi


def sentence_starts(text: str) -> list[int]:
    """Start offsets of all sentences of the text (lines count as sentences)."""
    starts = [0]
    for m in SENTENCE_BREAK_RE.finditer(text):
        if m.group(0)[0] != "\n" and ABBREVIATION_RE.search(
            text[max(0, m.start() - 6) : m.start() + 1]
        ):
            continue
        starts.append(m.end())
    return starts
