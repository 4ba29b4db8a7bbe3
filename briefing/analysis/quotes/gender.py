"""Gender of a person named in the text, for he/she: honorifics, gendered titles, first names.

"She said" after a man and a woman are named must go to the woman, so each person gets a
gender where the text or a common first name gives one: "Mr."/"Ms."/"Mrs."/"Miss" before the
name anywhere in the article, a gendered title or noun right before it ("congresswoman",
"actress", "his wife"), else the first name of the full name against the first-name list
(`data/first-names.txt`, US births by sex; see `briefing/analysis/DATA.md`). Names given to
both sexes are not in the list, and such a person stays of unknown gender (compatible with both
pronouns).
"""

from __future__ import annotations

import re
from functools import cache

from briefing.analysis import data_text
from briefing.analysis.trie import WORD_START, trie_regex

_FEMALE_TITLES = (
    "Ms Mrs Miss Madam Madame Lady Dame Queen Princess Duchess "
    "congresswoman Congresswoman spokeswoman chairwoman businesswoman councilwoman "
    "Councilwoman assemblywoman Assemblywoman actress Actress"
).split()
_MALE_TITLES = (
    "Mr Sir Lord King Prince Duke "
    "congressman Congressman businessman councilman Councilman "
    "assemblyman Assemblyman"
).split()
_FEMALE_KIN = "wife mother daughter sister grandmother aunt niece widow girlfriend".split()
_MALE_KIN = "husband father son brother grandfather uncle nephew widower boyfriend".split()
_FEMALE = frozenset(_FEMALE_TITLES + _FEMALE_KIN)
GENDER_TITLE_RE = re.compile(
    "(" + trie_regex(_FEMALE_TITLES + _MALE_TITLES, WORD_START) + r")\.?,?\s+$"
)
"""A gendered title right before a name: "Mrs. ", "congresswoman ": it holds for every
mention of that surname. ("Spokesman" and "chairman" are not in it: news uses them of women.)"""
KIN_RE = re.compile("(" + trie_regex(_FEMALE_KIN + _MALE_KIN, WORD_START) + r"),?\s+$")
"""A kinship noun right before a name ("his wife, Jane"): it holds for that mention only, as
a family shares a surname."""


SAID_PRONOUN_RE = re.compile(
    r"\s+(?:also\s+|later\s+|has\s+|had\s+)?(?:said|says|told\s+\w+|added|argued|insisted"
    r"|wrote|noted|explained|acknowledged|admitted|insists|argues|writes)"
    r"(?:,?\s+that)?\s+([Hh]e|[Ss]he)\b"
)
"""After a name: "Smith said (that) he …", the surest sign of a person's pronoun in news."""


def _gender_of_match(m: re.Match[str] | None) -> str | None:
    if m is None:
        return None
    return "f" if m.group(1) in _FEMALE else "m"


def title_gender(before: str) -> str | None:
    """ "f" or "m" when `before` (the text just before a name) ends with a gendered title."""
    return _gender_of_match(GENDER_TITLE_RE.search(before))


def kin_gender(before: str) -> str | None:
    """ "f" or "m" when `before` ends with a gendered title or a kinship noun."""
    return _gender_of_match(GENDER_TITLE_RE.search(before) or KIN_RE.search(before))


_FEMALE_NOUNS = frozenset(
    [t.lower() for t in _FEMALE_TITLES] + _FEMALE_KIN + "woman lady girl".split()
)
_MALE_NOUNS = frozenset([t.lower() for t in _MALE_TITLES] + _MALE_KIN + "man boy".split())


def description_gender(description: str) -> str | None:
    """ "f" or "m" for a description whose head says it ("the congresswoman", "the first
    lady", "the businessman"), else None."""
    words = description.lower().split()
    head = words[-1] if words else ""
    if head in _FEMALE_NOUNS:
        return "f"
    if head in _MALE_NOUNS:
        return "m"
    return None


@cache
def first_names() -> dict[str, str]:
    """First name -> "f" or "m" (names at least 90% of one sex among US births)."""
    data = data_text("briefing.analysis.quotes", "data/first-names.txt")
    return {
        line[:-2]: "f" if line[-1] == "F" else "m"
        for line in data.splitlines()
        if line and line[0] != "#"
    }


def first_name_gender(name: str) -> str | None:
    """ "f" or "m" for a first name in the list ("Hillary", "Ted"), else None."""
    if not name or not name[0].isupper():
        return None
    key = name if name[1:].islower() else name[0] + name[1:].lower()
    return first_names().get(key)
