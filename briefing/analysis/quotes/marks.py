"""Finding quotation marks and pairing them into quote spans, paragraph by paragraph.

Only double quotes count (straight, curly, «», „, and the doubled apostrophes '' … '' of the
New York Times archive): single quotes are mostly apostrophes in news text, and a ‘…’ nested
in a quote stays part of it. Pairing never crosses a paragraph boundary, because news style
repeats the opening mark at the start of each paragraph of a long quote and leaves the earlier
ones unclosed (`RawQuote.open_ended`; the finder carries the speaker on).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import NamedTuple

from briefing.analysis.quotes.patterns import (
    CLOSING_MARKS,
    OPENING_MARKS,
    QUOTE_MARK_RE,
)

_APOSTROPHES_RE = re.compile("'{2,3}")
_CLOSE_BEFORE = frozenset(".,;:!?)]}—–-")
_OPEN_AFTER = frozenset("([{—–-")


def doubled_apostrophes(text: str) -> tuple[str, frozenset[int]]:
    """`text` with each '' used as a quotation mark written as a curly mark and a space (same
    length, so every offset holds), and the positions of the closing ones (a quote's span must
    take in the space after them too: it is the second apostrophe).

    A '' after a space or an opening bracket and before a word opens ("“ "); one after a word
    or punctuation and before a space or punctuation closes ("” "). Three apostrophes are a
    double mark and a nested single one: for an opening mark the first two, for a closing one
    the last two. Anything else ('' between two letters, or between two spaces) is left alone.
    """
    if "''" not in text:
        return text, frozenset()
    out: list[str] = []
    done = 0
    closing: set[int] = set()
    n = len(text)
    for m in _APOSTROPHES_RE.finditer(text):
        i, j = m.start(), m.end()
        prev = text[i - 1] if i > 0 else " "
        nxt = text[j] if j < n else " "
        opens = (prev.isspace() or prev in _OPEN_AFTER) and not nxt.isspace()
        closes = (nxt.isspace() or nxt in _CLOSE_BEFORE) and not prev.isspace()
        if opens == closes:
            continue
        at = i if opens else j - 2
        out.append(text[done:at])
        out.append("“ " if opens else "” ")
        done = at + 2
        if closes:
            closing.add(at)
    if not out:
        return text, frozenset()
    out.append(text[done:])
    return "".join(out), frozenset(closing)


class RawQuote(NamedTuple):
    """A span between paired marks, before deciding whether it is speech."""

    start: int
    end: int
    """After the closing mark; for an unclosed quote, the paragraph end less trailing space."""
    paragraph: int
    open_ended: bool
    """No closing mark in the paragraph (a quote running on into the next paragraph)."""
    continues: bool = False
    """It opens its paragraph and the previous paragraph's last quote was left open: the same
    quotation goes on (with its opening mark repeated, or, in some styles, without one)."""


def pair_marks(text: str, ps: int, pe: int, carried: bool = False) -> list[tuple[int, int | None]]:
    """(opening position, position after the closing mark) of the quotes in text[ps:pe].

    The second item is None for a quote left open at the paragraph end. `carried`: the
    previous paragraph ended inside a quote, so a closing mark before any opening one ends
    a quote that began at the paragraph start (a style that does not repeat the opening
    mark); its first item is then `ps`.
    """
    out: list[tuple[int, int | None]] = []
    opening: int | None = None
    first = True
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
                # A stray closing mark (e.g. the end of a quote whose opening we missed), or
                # the end of a quote carried on from the previous paragraph.
                if carried and first and text[ps] not in OPENING_MARKS:
                    out.append((ps, i + 1))
                first = False
                continue
            first = False
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
    carried = False
    for pi, (ps, pe) in enumerate(paragraphs):
        found = pair_marks(text, ps, pe, carried)
        for a, b in found:
            continues = carried and a == ps
            if b is None:
                end = pe
                while end > a and text[end - 1].isspace():
                    end -= 1
                raw.append(RawQuote(a, end, pi, True, continues))
            else:
                raw.append(RawQuote(a, b, pi, False, continues))
        carried = bool(found) and found[-1][1] is None
    return raw
