"""The people a headline names in full, for the body's bare surnames.

A headline often names a person in full ("Hillary Clinton Goes After …") where the body says
only "Clinton": without the headline the body's "Clinton" has no first name, so no sex for a
"she said", and the sidebar shows a bare surname. The headline is no part of the body (every
offset of the reading is in the body), so it gives no mentions, only full names: read by the
quote finder for first names and sex, and by the reading for an entity's name.

Title case makes the tagger unreliable in a headline ("Goes After Donald Trump As The …"), so
a full name there is a first name of the shipped list, an optional middle initial and a
capitalised surname; a first name the body also writes in lower case ("Will", "Mark",
"bill") is a common word in a title-case line and names nobody.
"""

from __future__ import annotations

import re

_FULL_NAME_RE = re.compile(
    r"(?<![\w.’'-])(?=([A-Z][a-z]+)\s+(?:[A-Z]\.\s+)?([A-Z][a-z]+(?:-[A-Z][a-z]+)?)(?![\w-]))"
)
"""At every capitalised word (a lookahead: "New Mitt Romney" holds "Mitt Romney")."""


def headline_names(title: str | None, body: str) -> list[tuple[str, str]]:
    """(first name, surname) of each full name in `title`, in order, read against the
    `body` text."""
    if not title:
        return []
    from briefing.analysis.entities.personnames import is_first_name

    found: list[tuple[str, str]] = []
    for m in _FULL_NAME_RE.finditer(title):
        first, surname = m.group(1), m.group(2)
        if (
            is_first_name(first)
            and not _written_in_lower_case(first, body)
            and not _written_in_lower_case(surname, body)
        ):
            found.append((first, surname))
    return found


def _written_in_lower_case(word: str, body: str) -> bool:
    return re.search(rf"(?<!\w){re.escape(word.lower())}(?!\w)", body) is not None
