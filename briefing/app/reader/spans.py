"""One index for every overlay on the text: inline styles, entity mentions, the chosen entity's
mentions, search hits and the reader's highlights are each a `SpanIndex` of `(start, end,
name)` ranges, where `name` is the component class that styles them.

Looking up the ranges that overlap a screen line is a binary search plus a walk back over
ranges that start earlier and still reach the line (a running maximum of the ends stops the
walk), so a 5 MB report with 100,000 mentions costs the same per line as a short article.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable

Overlay = tuple[int, int, str]


class SpanIndex:
    """Ranges sorted by start, with the furthest end reached so far at each position."""

    __slots__ = ("_reach", "_spans", "_starts")

    def __init__(self, spans: Iterable[Overlay] = ()) -> None:
        self._spans = sorted(spans)
        self._starts = [span[0] for span in self._spans]
        reach: list[int] = []
        furthest = 0
        for _, end, _ in self._spans:
            furthest = max(furthest, end)
            reach.append(furthest)
        self._reach = reach

    def __bool__(self) -> bool:
        return bool(self._spans)

    def __len__(self) -> int:
        return len(self._spans)

    def __getitem__(self, index: int) -> Overlay:
        return self._spans[index]

    def overlapping(self, start: int, end: int) -> list[Overlay]:
        """Ranges overlapping `start`–`end` (an empty range counts at its offset), by start."""
        end = max(end, start + 1)
        found = []
        j = bisect.bisect_left(self._starts, end) - 1
        while j >= 0 and self._reach[j] > start:
            span = self._spans[j]
            if span[1] > start:
                found.append(span)
            j -= 1
        found.reverse()
        return found

    def index_of(self, start: int, end: int) -> int:
        """The position of the range `(start, end)` in the index, or -1."""
        i = bisect.bisect_left(self._starts, start)
        while i < len(self._spans) and self._spans[i][0] == start:
            if self._spans[i][1] == end:
                return i
            i += 1
        return -1

    def ends(self) -> list[int]:
        return sorted(span[1] for span in self._spans)
