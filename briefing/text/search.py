"""Find a query in the document text: literal, smart-case, as offsets."""

from __future__ import annotations

import re

MAX_HITS = 10_000
"""Stop counting past this many hits: the reader steps through them, nobody reads more."""


def find_all(text: str, query: str, limit: int = MAX_HITS) -> list[tuple[int, int]]:
    """Spans of `query` in `text`; case-insensitive unless the query has a capital letter."""
    if not query:
        return []
    flags = 0 if any(c.isupper() for c in query) else re.IGNORECASE
    pattern = re.compile(re.escape(query), flags)
    hits: list[tuple[int, int]] = []
    for match in pattern.finditer(text):
        hits.append(match.span())
        if len(hits) >= limit:
            break
    return hits
