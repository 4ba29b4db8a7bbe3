"""Finding quotation marks and pairing them into quote spans, paragraph by paragraph.

Only double quotes count (straight, curly, «», „): single quotes are mostly apostrophes in
news text. Pairing never crosses a paragraph boundary, because news style repeats the opening
mark at the start of each paragraph of a long quote and leaves the earlier ones unclosed.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from briefing.analysis.quotes.patterns import (
    CLOSING_MARKS,
    OPENING_MARKS,
    QUOTE_MARK_RE,
)


class RawQuote(NamedTuple):
    """A span between paired marks, before deciding whether it is speech."""

    start: int
    end: int
    """After the closing mark; for an unclosed quote, the paragraph end less trailing space."""
    paragraph: int
    open_ended: bool
    """No closing mark in the paragraph (a quote running on into the next paragraph)."""


def pair_marks(text: str, ps: int, pe: int) -> list[tuple[int, int | None]]:
    """(opening position, position after the closing mark) of the quotes in text[ps:pe].

    The second item is None for a quote left open at the paragraph end.
    """
    out: list[tuple[int, int | None]] = []
    opening: int | None = None
    for m in QUOTE_MARK_RE.finditer(text, ps, pe):
        i = m.start()
        c = text[i]
        prev = text[i - 1] if i > ps else " "
        nxt = text[i + 1] if i + 1 < pe else " "
        if opening is None:
            if (
                c in CLOSING_MARKS
                and not prev.isspace()
                and (nxt.isspace() or nxt in ".,;:!?)—")
                and i > ps
            ):
                # A stray closing mark (e.g. the end of a quote whose opening we missed).
                continue
            opening = i
        else:
            if c in OPENING_MARKS and (prev.isspace() or prev in "(—–-") and i - opening > 1:
                # Another opening mark: the previous quote was never closed; it ends here.
                out.append((opening, i))
                opening = i
                continue
            out.append((opening, i + 1))
            opening = None
    if opening is not None:
        out.append((opening, None))
    return out


def raw_quotes(text: str, paragraphs: Sequence[tuple[int, int]]) -> list[RawQuote]:
    """All quote spans of the text, in order; unclosed ones end at their paragraph's end."""
    raw: list[RawQuote] = []
    for pi, (ps, pe) in enumerate(paragraphs):
        for a, b in pair_marks(text, ps, pe):
            if b is None:
                end = pe
                while end > a and text[end - 1].isspace():
                    end -= 1
                raw.append(RawQuote(a, end, pi, True))
            else:
                raw.append(RawQuote(a, b, pi, False))
    return raw
