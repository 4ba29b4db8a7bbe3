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

from briefing.analysis.ner import load_model


@dataclass(frozen=True)
class Lexicon:
    """Lower-case common words and lower-case first names (membership only: the model reads
    its lists word by word, so copying them into sets would cost the start-up it saves)."""

    common: Container[str]
    first_names: Container[str]


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """The lists of the shipped NER model (shares the cached model with `ner.load_model`)."""
    gaz = load_model().gaz
    return Lexicon(gaz.lexicon, gaz.first_names)
