"""Analysis: plain functions from a `Document` to a `Reading`."""

from __future__ import annotations

from collections.abc import Callable

from briefing.analysis.sections import structural_sections
from briefing.analysis.sentences import split_sentences
from briefing.model import Document, Reading

ANALYSIS_VERSION = 1
"""Bump when analysis output changes, so cached readings are recomputed."""

Progress = Callable[[float, str], None]


def _no_progress(fraction: float, stage: str) -> None:
    """The default progress callback: report nothing."""


def analyze(document: Document, progress: Progress = _no_progress) -> Reading:
    """Find sentences and sections (entities and quotes come with their own issues)."""
    progress(0.0, "sentences")
    sentences = split_sentences(document)
    progress(0.5, "sections")
    sections = structural_sections(document)
    progress(1.0, "done")
    return Reading(document=document, sentences=sentences, sections=sections)
