"""String normalisation and the country table, shared by every rule.

Mentions of one entity differ in case, periods, curly apostrophes, a leading "the" and a
possessive ("the U.S.'s" / "US"), so every comparison goes through `key`; the country table
(`data/countries.json`) lets "UK", "Britain" and "United Kingdom" compare equal.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from typing import cast

from briefing.analysis import data_text

COUNTRIES_RESOURCE = "data/countries.json"
"""Country-name aliases and demonyms, relative to this package (see `data/README.md`)."""


@lru_cache(maxsize=1)
def _tables() -> tuple[dict[str, str], dict[str, str]]:
    """Read the country table shipped in the package once: (names, demonyms), keyed by `key`."""
    raw = data_text("briefing.analysis.entities", COUNTRIES_RESOURCE)
    data = cast("dict[str, dict[str, str]]", json.loads(raw))
    return data["names"], data["demonyms"]


def apos(s: str) -> str:
    """Curly single quotes as straight ones, so "Japan’s" and "Japan's" compare equal."""
    return s.replace("\u2019", "'").replace("\u2018", "'")


_LEADING_THE = re.compile(r"^the\s+")
_TRAILING_POSSESSIVE = re.compile(r"'s$|'$")


@lru_cache(maxsize=65536)
def key(s: str) -> str:
    """Comparison key: case-folded, no periods, no leading 'the', single spaces."""
    s = apos(s).casefold().replace(".", "")
    if s.startswith("the"):  # the patterns only where they may match: most names have neither
        s = _LEADING_THE.sub("", s)
    if "'" in s:
        s = _TRAILING_POSSESSIVE.sub("", s)
    return " ".join(s.replace("\u2010", "-").replace("\u2011", "-").split())


@lru_cache(maxsize=65536)
def low(tok: str) -> str:
    """A token as the word lists spell it: lower case, no trailing period ("Gen." -> "gen").
    Cached: the rules ask for the same few thousand words again and again."""
    return apos(tok).casefold().rstrip(".")


_STATE_FORM = re.compile(
    r"(?:the )?(?:(?:people's |islamic |federal |democratic |united )?republic|kingdom|state|"
    r"commonwealth|federation|sultanate|emirate|principality) of (?:the )?"
)
"""The official form before a country's short name: "Republic of Turkey", "Kingdom of Spain"."""


@lru_cache(maxsize=65536)
def country_of(s: str) -> str | None:
    """ISO code of the country `s` names ("U.K." -> "GB", "Republic of Turkey" -> "TR"),
    else None."""
    names = _tables()[0]
    k = key(s)
    found = names.get(k)
    if found is None and " of " in k:
        form = _STATE_FORM.match(k)
        if form:
            found = names.get(k[form.end() :])
    return found


@lru_cache(maxsize=65536)
def demonym_of(s: str) -> str | None:
    """ISO code of the country whose people `s` names ("Japanese" -> "JP"), else None."""
    return _tables()[1].get(key(s))


def is_capitalised(tok: str) -> bool:
    """Starts with a capital, or is a digit-led word with a capital in it ("3M")."""
    return tok[:1].isupper() or (tok[:1].isdigit() and any(c.isupper() for c in tok))


PLURAL_ACRONYM = re.compile(r"(?:[A-Z]\.?){2,}'?s")
"""'GIs', 'HQs', 'CEOs': plural common-noun abbreviations, never a name."""
_ACRONYM = re.compile(r"(?:[A-Z]\.){2,}|[A-Z][A-Z&]{1,9}|[A-Z](?:[A-Z]|[a-z](?=[A-Z])){1,9}[A-Z]?")


@lru_cache(maxsize=65536)
def is_acronym(s: str) -> bool:
    """'NATO', 'U.N.', 'MoFA': an abbreviation with at least two capitals. Cached: asked
    20,000 times a megabyte, of a few thousand names."""
    return bool(_ACRONYM.fullmatch(s)) and sum(c.isupper() for c in s) >= 2


_INITIAL = re.compile(r"[A-Z]\.?|(?:[A-Z]\.){2,}")
"""'J', 'J.' or 'U.S.'."""


@lru_cache(maxsize=65536)
def is_initial(w: str) -> bool:
    """'J', 'J.' or 'U.S.': an initial, which may stand for any word with that first letter.
    Cached: asked 27,000 times a megabyte, of a few thousand words."""
    return bool(_INITIAL.fullmatch(w))


@lru_cache(maxsize=65536)
def split_words(s: str) -> tuple[str, ...]:
    """Whitespace-separated words of a surface form (apostrophes straightened); `str.split`
    and the regex `\\s` agree on what whitespace is. Cached: every rule asks again."""
    return tuple(apos(s).split())
