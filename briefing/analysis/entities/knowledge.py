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

from functools import cache
from importlib import resources

from briefing.analysis.entities.norm import key

KNOWLEDGE_RESOURCE = "data/knowledge.txt"


@cache
def _table() -> dict[str, str]:
    """Stored name -> type, read once (sections of names: splitting only, about 3 ms)."""
    text = (
        resources.files("briefing.analysis.entities")
        .joinpath(KNOWLEDGE_RESOURCE)
        .read_text("utf-8")
    )
    table: dict[str, str] = {}
    for block in text.split("\n[")[1:]:
        head, _, body = block.partition("]\n")
        table.update(dict.fromkeys(body.replace("\t", "\n").split("\n"), head))
    table.pop("", None)
    return table


def known_type(name: str) -> str | None:
    """The type the list gives `name` ("organization", "place", "event", "other"), compared
    as `norm.key` compares names (a name in capitals in the list only as written), or None."""
    table = _table()
    found = table.get(key(name))
    if found is None and name.isupper():
        found = table.get(name.replace(".", ""))
    return found
