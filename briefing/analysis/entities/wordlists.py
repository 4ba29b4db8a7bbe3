"""Word lists shipped as data (`data/name_words.txt`): read once, by section name."""

from __future__ import annotations

from functools import cache
from importlib import resources

NAME_WORDS_RESOURCE = "data/name_words.txt"


@cache
def _sections(resource: str) -> dict[str, frozenset[str]]:
    text = resources.files("briefing.analysis.entities").joinpath(resource).read_text("utf-8")
    sections: dict[str, set[str]] = {}
    current: set[str] | None = None
    for line in text.splitlines():
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        if line.startswith("[") and line.endswith("]"):
            current = sections.setdefault(line[1:-1], set())
        elif current is not None:
            current.update(line.split())
    return {k: frozenset(v) for k, v in sections.items()}


def name_words(section: str) -> frozenset[str]:
    """The words of one section of `data/name_words.txt` (lower case)."""
    return _sections(NAME_WORDS_RESOURCE)[section]


OF_HEADS = name_words("of_heads")
PARTY_LABELS = name_words("party_labels")
GROUP_WORDS = name_words("group_words")
STYLES = name_words("styles")
PARTICLES = name_words("particles")
NEVER_NAMES = name_words("never_names")
WORK_HEADS = name_words("work_heads")
"""The sections as constants (read once, at import: the file is small)."""
