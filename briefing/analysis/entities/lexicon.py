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


REMEMBERED_WORDS = 200_000
"""At most this many answers kept per word list (then forgotten all at once): the lists
outlive a document, and a reader may open many."""


class Remembered:
    """Membership in a word list, each word's answer kept. The model's lists answer through
    three calls a word and the rules ask about the same few thousand words tens of thousands
    of times a megabyte; the lists never change, so a kept answer holds."""

    __slots__ = ("_answers", "_words")

    def __init__(self, words: Container[str]) -> None:
        self._words = words
        self._answers: dict[object, bool] = {}

    def __contains__(self, word: object) -> bool:
        found = self._answers.get(word)
        if found is None:
            if len(self._answers) >= REMEMBERED_WORDS:
                self._answers.clear()
            found = self._answers[word] = word in self._words
        return found


class AnyOf(Remembered):
    """Membership in any of several word lists, without copying them into one set (the
    model's lists are read word by word, on demand); each word's answer kept."""

    __slots__ = ()

    def __init__(self, *parts: Container[str]) -> None:
        super().__init__(_Union(parts))


class _Union:
    """Membership in any of `parts`."""

    __slots__ = ("_parts",)

    def __init__(self, parts: tuple[Container[str], ...]) -> None:
        self._parts = parts

    def __contains__(self, word: object) -> bool:
        # map in C, no generator
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
    return Lexicon(Remembered(gaz.lexicon), Remembered(gaz.first_names))
