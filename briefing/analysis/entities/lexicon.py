"""The NER model's word lists, reused by the entity rules.

The rules must tell a capitalised common word ("Still", "Grant") from a name, and a first name
from a title ("Dean Jones" vs "Major Smith"); the tagger's shipped model already carries both
lists (words seen in lower case in its training data, and first names), so they are read from
there rather than shipped twice.
"""

from __future__ import annotations

from collections.abc import Container
from dataclasses import dataclass
from functools import lru_cache
from itertools import repeat
from operator import contains

from briefing.analysis import data_text
from briefing.analysis.ner import load_model


@dataclass(frozen=True)
class Lexicon:
    """Lower-case common words and lower-case first names (membership only: the model reads
    its lists word by word, so copying them into sets would cost the start-up it saves)."""

    common: Container[str]
    first_names: Container[str]


COMMON_WORDS_RESOURCE = "data/common_words.txt"


class AnyOf:
    """Membership in any of several word lists, without copying them into one set (the
    model's lists are read word by word, on demand)."""

    __slots__ = ("_parts",)

    def __init__(self, *parts: Container[str]) -> None:
        self._parts = parts

    def __contains__(self, word: object) -> bool:
        # map in C, no generator: asked tens of thousands of times a megabyte
        return any(map(contains, self._parts, repeat(word)))


@lru_cache(maxsize=1)
def common_words() -> Container[str]:
    """English words written in lower case, from a dictionary (`data/common_words.txt`, 40,000
    words; see `briefing/analysis/DATA.md`), with the tagger's own lexicon."""
    text = data_text("briefing.analysis.entities", COMMON_WORDS_RESOURCE)
    start = 0
    while text.startswith("#", start):  # the header's comment lines
        start = text.index("\n", start) + 1
    return AnyOf(frozenset(text[start:].split()), lexicon().common)


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """The lists of the shipped NER model (shares the cached model with `ner.load_model`)."""
    gaz = load_model().gaz
    return Lexicon(gaz.lexicon, gaz.first_names)
