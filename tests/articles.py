"""Short hand-written articles read by the entity rules: paragraphs at blank lines, the
shipped tagger's names, so that each rule's test states only its text."""

from __future__ import annotations

from briefing.analysis.entities import EntityRecord, build_entities
from briefing.analysis.ner import extract, load_model


def paragraphs(text: str) -> list[tuple[int, int]]:
    """(start, end) of each paragraph of `text`, split at blank lines."""
    out: list[tuple[int, int]] = []
    start = 0
    for paragraph in text.split("\n\n"):
        out.append((start, start + len(paragraph)))
        start += len(paragraph) + 2
    return out


def entities(text: str) -> list[EntityRecord]:
    """The who's-who of `text`, with the shipped tagger."""
    return build_entities(text, paragraphs(text), extract(load_model(), text))
