"""Coarser and finer splits for the reader: the boundaries of a document ranked by strength.

The reader's `-` merges the weakest boundary and `+` restores the next strongest one. Both walk
one ranking, so that `-` then `+` gives back the split it started from: the automatic split's
boundaries first, in the reverse of the order in which merging the weakest one at a time would
remove them, then the boundaries a finer split would add, strongest first (each one the best
place to cut one of the sections so far). A boundary's strength is `boundary_strength`: how
much less its two sections share than random halves of their paragraphs would, measured over
at most `REACH` paragraphs each side, so a long document costs no more per boundary than an
article. Paragraphs that refer back ("He …", "However, …") are never offered as starts.
"""

from __future__ import annotations

import heapq
import itertools
from collections.abc import Sequence
from typing import TYPE_CHECKING

from briefing.analysis import boundaries, cues
from briefing.analysis.segmentation import block_terms, boundary_strength, similarity

if TYPE_CHECKING:
    from briefing.analysis.segmentation import FloatArray

REACH = 40
"""Paragraphs each side of a boundary its strength is measured over."""
MIN_PARAGRAPHS = 2
"""A finer split never makes a section shorter than this."""
MAX_FINER = 40
"""Boundaries past the automatic split the ranking offers at most."""


class _Strengths:
    """`boundary_strength` of spans of one document, each window's similarities computed once."""

    def __init__(self, blocks: Sequence[str]) -> None:
        cache: dict[str, str] = {}
        self.terms = [block_terms(b, cache) for b in blocks]
        self._windows: dict[tuple[int, int], tuple[FloatArray, FloatArray]] = {}

    def _window(self, lo: int, hi: int) -> tuple[FloatArray, FloatArray]:
        found = self._windows.get((lo, hi))
        if found is None:
            matrix = similarity(self.terms[lo:hi])
            found = (boundaries.prefix_sums(matrix), boundaries.prefix_sums(matrix * matrix))
            self._windows[(lo, hi)] = found
        return found

    def of(self, a0: int, a1: int, b1: int, window: tuple[int, int] | None = None) -> float:
        """Strength of the boundary at `a1` between [a0, a1) and [a1, b1), within REACH."""
        a0, b1 = max(a0, a1 - REACH), min(b1, a1 + REACH)
        lo, hi = window if window is not None else (a0, b1)
        prefix, squares = self._window(lo, hi)

        def sums(r0: int, r1: int, c0: int, c1: int) -> float:
            return float(prefix[r1, c1] - prefix[r0, c1] - prefix[r1, c0] + prefix[r0, c0])

        def square_sums(r0: int, r1: int, c0: int, c1: int) -> float:
            return float(squares[r1, c1] - squares[r0, c1] - squares[r1, c0] + squares[r0, c0])

        return boundary_strength(sums, square_sums, a0 - lo, a1 - lo, b1 - lo)


def _coarser_order(strengths: _Strengths, starts: list[int], n: int) -> list[int]:
    """The automatic split's boundaries in the order merging the weakest one at a time
    removes them (weakest first)."""
    bounds = [*starts, n]
    alive = list(range(1, len(starts)))
    value = {t: strengths.of(bounds[t - 1], bounds[t], bounds[t + 1]) for t in alive}
    order: list[int] = []
    while alive:
        k = min(range(len(alive)), key=lambda j: (value[alive[j]], -bounds[alive[j]]))
        t = alive.pop(k)
        order.append(bounds[t])
        for j in (k - 1, k):  # the neighbours' sections have changed
            if 0 <= j < len(alive):
                u = alive[j]
                before = bounds[alive[j - 1]] if j > 0 else 0
                after = bounds[alive[j + 1]] if j + 1 < len(alive) else n
                value[u] = strengths.of(before, bounds[u], after)
    return order


def _best_cut(strengths: _Strengths, allowed: Sequence[bool], s: int, e: int) -> tuple[float, int]:
    """The strongest place to cut the section [s, e), as (-strength, paragraph); the
    paragraph is -1 when the section cannot be cut."""
    best: tuple[float, int] | None = None
    step = 2 * REACH
    for i in range(s + MIN_PARAGRAPHS, e - MIN_PARAGRAPHS + 1):
        if not allowed[i]:
            continue
        # a long section is read in overlapping chunks of 2 * step, each computed once
        lo = s if e - s <= step else max(s, s + (i - s) // step * step - REACH)
        value = strengths.of(s, i, e, (lo, min(e, lo + 2 * step)))
        if best is None or -value < best[0]:
            best = (-value, i)
    return best if best is not None else (0.0, -1)


def _finer_order(
    strengths: _Strengths, allowed: Sequence[bool], starts: list[int], n: int
) -> list[int]:
    """Boundaries a finer split adds, strongest first: each the best cut of any section."""
    bounds = [*starts, n]
    heap: list[tuple[float, int, int, int]] = []

    def offer(s: int, e: int) -> None:
        value, cut = _best_cut(strengths, allowed, s, e)
        if cut >= 0:
            heapq.heappush(heap, (value, cut, s, e))

    for s, e in itertools.pairwise(bounds):
        offer(s, e)
    order: list[int] = []
    while heap and len(order) < MAX_FINER:
        _, cut, s, e = heapq.heappop(heap)
        order.append(cut)
        offer(s, cut)
        offer(cut, e)
    return order


def boundary_ranking(blocks: Sequence[str], starts: Sequence[int]) -> list[int]:
    """Paragraphs that may start a section, strongest boundary first: the automatic `starts`
    (but 0), then those of finer splits. The first k of it, with 0, are the split of k + 1
    sections the reader's `-` and `+` step through."""
    n = len(blocks)
    own = sorted({0, *(s for s in starts if 0 < s < n)})
    if n < 2:
        return []
    strengths = _Strengths(blocks)
    allowed = [
        cues.may_open_section(blocks[i - 1] if i else None, block) for i, block in enumerate(blocks)
    ]
    coarser = _coarser_order(strengths, own, n)
    return [*reversed(coarser), *_finer_order(strengths, allowed, own, n)]
