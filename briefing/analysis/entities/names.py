"""Person names: name parts, "is this name part of that one", and a person-safe union-find.

"Macron", "Mr. Macron" and "Emmanuel Macron" are one person, but "Anna Berg" and "Olaf Berg"
are two: linking must never join two different full names, whatever chain of shared parts
("Berg") would connect them, so the union-find checks every join.
"""

from __future__ import annotations

from collections.abc import Sequence
from collections.abc import Set as AbstractSet
from functools import lru_cache

from briefing.analysis.entities.norm import is_initial, key, low, split_words
from briefing.analysis.entities.words import NAME_SUFFIXES

_MARKS = frozenset({"Jr.", "Sr.", "II", "III", "IV"})


_NO_NAMES: frozenset[tuple[str, ...]] = frozenset()


class UnionFind:
    """Union-find that refuses to join two different full person names."""

    def __init__(self, n: int, names: Sequence[tuple[str, ...] | None] | None = None) -> None:
        """`n` singletons; `names[i]` is the full person name (its words) of item i, if any."""
        self.p = list(range(n))
        # root -> set of full person names (tuples of keyed words) in its cluster
        self.names: dict[int, AbstractSet[tuple[str, ...]]] = (
            {i: {name} for i, name in enumerate(names[:n]) if name} if names else {}
        )

    def grow(self, count: int) -> int:
        """Add `count` singletons (with no full names); returns the index of the first."""
        first = len(self.p)
        self.p.extend(range(first, first + count))
        return first

    def find(self, x: int) -> int:
        """Root of x's cluster (with path halving)."""
        while self.p[x] != x:
            self.p[x] = self.p[self.p[x]]
            x = self.p[x]
        return x

    def union(self, a: int, b: int) -> bool:
        """Join the clusters of a and b unless that would join two different full names."""
        a, b = self.find(a), self.find(b)
        if a == b:
            return True
        na, nb = self.names.get(a, _NO_NAMES), self.names.get(b, _NO_NAMES)
        for x in na:
            for y in nb:
                if not same_person_possible(x, y):
                    return False
        if b < a:
            a, b = b, a
            na, nb = nb, na
        self.p[b] = a
        if nb:
            # never changed in place, so a cluster without names of its own may share b's
            self.names[a] = na | nb if na else nb
        return True


SUFFIX_MARKS = {"jr": "Jr.", "sr": "Sr.", "ii": "II", "iii": "III", "iv": "IV"}
"""Suffixes that tell a son from his father ("Donald Trump Jr."), as a person's name keeps
them (`person_name`)."""


@lru_cache(maxsize=65536)
def person_name(s: str) -> tuple[str, ...]:
    """The words of a person's name (`name_parts`) and, last, the suffix that tells a son from
    his father if it has one: "Donald Trump Jr." -> ("Donald", "Trump", "Jr.")."""
    parts = name_parts(s)
    words = split_words(s)
    mark = SUFFIX_MARKS.get(low(words[-1])) if parts and len(words) >= 2 else None
    return (*parts, mark) if mark else parts


def suffix_of(name: Sequence[str]) -> str | None:
    """The suffix mark that ends a `person_name`, if any."""
    return name[-1] if name and name[-1] in _MARKS else None


def same_person_possible(x: Sequence[str], y: Sequence[str]) -> bool:
    """Two person names (`person_name`) can be one person: one fits within the other, and
    two full names never differ in their suffix ("Donald Trump" is not "Donald Trump Jr.")."""
    sx = x[-1] if x and x[-1] in _MARKS else None
    sy = y[-1] if y and y[-1] in _MARKS else None
    if sx != sy:
        bx, by = x[: len(x) - (sx is not None)], y[: len(y) - (sy is not None)]
        if (len(bx) >= 2 and len(by) >= 2) or (sx and sy):
            return False
    return name_within(list(x), list(y)) or name_within(list(y), list(x))


@lru_cache(maxsize=65536)
def name_parts(s: str) -> tuple[str, ...]:
    """Words of a name without trailing commas and suffixes ("Jr.", "III"); cached."""
    ws = [w.rstrip(",") for w in split_words(s)]
    return tuple(w for w in ws if low(w) not in NAME_SUFFIXES)


def name_within(small: list[str], big: list[str]) -> bool:
    """Every word of `small` matches a word of `big`, in order; an initial "C." matches "Chris"."""
    k = 0
    for w in small:
        while k < len(big):
            b = big[k]
            k += 1
            if key(w) == key(b) or (is_initial(w) and not is_initial(b) and b[:1] == w[:1]):
                break
        else:
            return False
    return True
