"""Word lists for keeping names whole (`data/name_words.txt`): read once, by section name."""

from __future__ import annotations

from functools import cache

from briefing.analysis import word_lists

NAME_WORDS_RESOURCE = "data/name_words.txt"


@cache
def _sections(resource: str) -> dict[str, frozenset[str]]:
    lists = word_lists("briefing.analysis.entities", resource)
    return {name: frozenset(words) for name, words in lists.items()}


def name_words(section: str) -> frozenset[str]:
    """The words of one section of `data/name_words.txt` (lower case)."""
    return _sections(NAME_WORDS_RESOURCE)[section]


OF_HEADS = name_words("of_heads")
PARTY_LABELS = name_words("party_labels")
GROUP_WORDS = name_words("group_words")
STYLES = name_words("styles")
PARTICLES = name_words("particles")
SPEECH_WORDS = name_words("speech_words")
NEVER_NAMES = name_words("never_names") | SPEECH_WORDS
WORK_HEADS = name_words("work_heads")
"""The sections as constants (read once, at import: the file is small)."""
