"""From a document to its reading, through the cache: the one path the CLI and the app share."""

from __future__ import annotations

from briefing.analysis import ANALYSIS_VERSION, Progress, analyze
from briefing.model import Document, Reading
from briefing.paths import cache_dir
from briefing.store.cache import AnalysisCache


def default_cache() -> AnalysisCache:
    return AnalysisCache(cache_dir() / "readings", ANALYSIS_VERSION)


def read_document(
    document: Document,
    progress: Progress | None = None,
    cache: AnalysisCache | None = None,
) -> Reading:
    """The document's reading: from the cache when it is there, else analysed and cached."""
    cache = cache if cache is not None else default_cache()
    cached = cache.load(document)
    if cached is not None:
        return cached
    reading = analyze(document, progress) if progress else analyze(document)
    cache.save(reading)
    return reading
