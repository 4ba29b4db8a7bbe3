"""Well-known organisations, places and events, shipped with the package (`data/knowledge.tsv`).

The tagger learnt its types from 1990s newswire: it has never seen "Twitter" or "Netflix",
and it reads "Wall Street" as a street and "Obama" as the Japanese city its gazetteer lists.
What a name is does not change from article to article, so a list of names whose type is
known (companies, news outlets, US federal agencies, universities, large cities and US
states, plus the well-known names `scripts/knowledge_extra.tsv` adds) is one piece of the
evidence the typing step weighs (`kinds`); the text's own evidence can still outweigh it
(a person's full name, an honorific). Built by `scripts/make_knowledge.py`; sources, commits
and licences in `briefing/analysis/DATA.md`.
"""

from __future__ import annotations

from functools import cache, lru_cache

from briefing.analysis import data_text
from briefing.analysis.entities.norm import key
from briefing.model import EntityType

KNOWLEDGE_RESOURCE = "data/knowledge.txt"
PRODUCTS_RESOURCE = "data/products.txt"
"""Well-known products, software, services and reference databases (type "other"), written
by hand (`data/products.txt`): the automatic sources list makers, not what they make."""


@cache
def _table() -> tuple[dict[str, int], list[EntityType]]:
    """(stored name -> entry number, entry number -> type), read once (about 3 ms: most
    lines hold one name, and a block of them goes into the table at once)."""
    text = data_text("briefing.analysis.entities", KNOWLEDGE_RESOURCE)
    entries: dict[str, int] = {}
    types: list[EntityType] = []
    for block in text.split("\n[")[1:]:
        head, _, body = block.partition("]\n")
        lines = body.rstrip("\n").split("\n")
        base = len(types)
        types.extend([EntityType(head)] * len(lines))
        entries.update(zip(lines, range(base, base + len(lines)), strict=True))
        for i, line in enumerate(lines):
            if "\t" in line:
                del entries[line]
                entries.update(dict.fromkeys(line.split("\t"), base + i))
    # products, after the built list: a name it already has keeps its entry
    for line in data_text("briefing.analysis.entities", PRODUCTS_RESOURCE).splitlines():
        if line and not line.startswith("#"):
            names = [key(n) if not n.isupper() else n.replace(".", "") for n in line.split("\t")]
            if not any(n in entries for n in names):
                types.append(EntityType.OTHER)
                entries.update(dict.fromkeys(names, len(types) - 1))
    return entries, types


@lru_cache(maxsize=65536)
def known_entry(name: str) -> int | None:
    """The number of the list's entry that `name` is a name of, compared as `norm.key`
    compares names (a name in capitals in the list only as written), or None. Two names of
    one entry name one thing ("ISIS", "Islamic State")."""
    entries = _table()[0]
    found = entries.get(key(name))
    if found is None and name.isupper():
        found = entries.get(name.replace(".", ""))
    return found


def known_type(name: str) -> EntityType | None:
    """The type the list gives `name` (organization, place, event, other), or None."""
    entry = known_entry(name)
    return None if entry is None else _table()[1][entry]


@cache
def product_first_words() -> frozenset[str]:
    """The first words of the products' names, lower case: a name that starts otherwise is
    no known product's edition (one set look-up spares the others)."""
    entries, types = _table()
    return frozenset(
        name.split(" ", 1)[0].lower()
        for name, entry in entries.items()
        if types[entry] == EntityType.OTHER
    )
