"""Analysis: plain functions from a `Document` to a `Reading`."""

from __future__ import annotations

from collections.abc import Callable

from briefing.cycles import cycle_collector_paused
from briefing.model import Document, Reading

ANALYSIS_VERSION = 26
"""Bump when analysis output changes, so cached readings are recomputed."""

Progress = Callable[[float, str], None]


def _no_progress(fraction: float, stage: str) -> None:
    """The default progress callback: report nothing."""


def analyze(document: Document, progress: Progress = _no_progress) -> Reading:
    """Sentences, sections with titles and gists, then the people, organisations and places
    and what they said."""
    from briefing.analysis.people import entities_and_quotes
    from briefing.analysis.sections import automatic_sections
    from briefing.analysis.sentences import split_sentences

    with cycle_collector_paused():
        progress(0.0, "sentences")
        sentences = split_sentences(document)
        progress(0.1, "sections")
        sections = automatic_sections(document, lambda f, s: progress(0.1 + 0.5 * f, s), sentences)
        progress(0.6, "entities")
        entities, quotes = entities_and_quotes(document)
        progress(1.0, "done")
    return Reading(
        document=document,
        sentences=sentences,
        sections=sections,
        entities=entities,
        quotes=quotes,
    )
