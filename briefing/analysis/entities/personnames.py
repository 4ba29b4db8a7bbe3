"""First names (by sex) and surnames, for telling a person's name from other names.

The tagger's own first-name list (`lexicon`) comes from its 1990s training data and lacks many
names of today's news ("Hillary", "Bernie"); the 1990 US Census lists (`data/person_names.txt`,
public domain, see `briefing/analysis/DATA.md`) add them, with the sex each is mostly given to,
which lets "she" choose between two people who share a surname.
"""

from __future__ import annotations

from collections.abc import Container
from functools import cache

from briefing.analysis import data_text
from briefing.analysis.entities.lexicon import AnyOf, lexicon
from briefing.analysis.entities.norm import low

PERSON_NAMES_RESOURCE = "data/person_names.txt"


@cache
def _lists() -> dict[str, frozenset[str]]:
    # read in place (`data_text`): importlib.resources' reader costs a run 6 ms to import
    text = data_text("briefing.analysis.entities", PERSON_NAMES_RESOURCE)
    out: dict[str, frozenset[str]] = {}
    for block in text.split("\n[")[1:]:
        head, _, body = block.partition("]\n")
        out[head] = frozenset(body.split())
    return out


@cache
def first_names() -> Container[str]:
    """Lower-case first names: the tagger's list and the Census lists together."""
    lists = _lists()
    census = lists["female"] | lists["male"] | lists["unisex"]
    return AnyOf(census, lexicon().first_names)


def surnames() -> frozenset[str]:
    """The most frequent surnames, lower case."""
    return _lists()["surnames"]


def is_first_name(word: str) -> bool:
    """`word` ("Hillary", "J.") is a first name (an initial is not)."""
    return low(word) in first_names()


def sex_of(first: str) -> str | None:
    """ "f" or "m" when the first name is mostly given to women or to men, else None."""
    w = low(first)
    lists = _lists()
    if w in lists["female"]:
        return "f"
    if w in lists["male"]:
        return "m"
    return None
