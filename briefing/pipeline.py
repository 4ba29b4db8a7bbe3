"""From a document to its reading: analysis through the cache, then the reader's corrections.

The one path the CLI and the app share. The cache holds the automatic reading only; the
user's section plan (from the store) is applied on top every time, so a correction never needs
a re-analysis and a reset is instant.
"""

from __future__ import annotations

from dataclasses import replace

from briefing.analysis import ANALYSIS_VERSION, Progress, analysis_fingerprint, analyze
from briefing.analysis.corrections import SectionPlan, apply_plan
from briefing.analysis.titles import DocumentCounts, describe
from briefing.model import Document, Reading, Span
from briefing.paths import cache_dir
from briefing.store.cache import AnalysisCache
from briefing.store.database import Store


def default_cache() -> AnalysisCache:
    return AnalysisCache(cache_dir() / "readings", f"{ANALYSIS_VERSION}.{analysis_fingerprint()}")


def automatic_reading(
    document: Document,
    progress: Progress | None = None,
    cache: AnalysisCache | None = None,
    fresh: bool = False,
) -> Reading:
    """The document's automatic reading: from the cache when it is there (unless `fresh`),
    else analysed and cached."""
    cache = cache if cache is not None else default_cache()
    cached = None if fresh else cache.load(document)
    if cached is not None:
        return cached
    reading = analyze(document, progress) if progress else analyze(document)
    cache.save(reading)
    return reading


def with_plan(automatic: Reading, plan: SectionPlan | None) -> Reading:
    """The reading with the user's section plan applied (None: the automatic sections)."""
    if plan is None:
        return automatic
    document = automatic.document

    def describe_section(
        document: Document, start: int, end: int, taken: set[str]
    ) -> tuple[str, Span | None]:
        return describe(document, start, end, taken, _counts_of(automatic))

    sections = apply_plan(document, plan, automatic.sections, describe_section)
    return replace(automatic, sections=sections)


_counted: list[tuple[Reading, DocumentCounts]] = []
"""The last reading whose document was counted for titles, with its counts: every correction
describes the sections it made, and each would otherwise count the whole document again (a
split of the 5 MB report took 3.4 s)."""


def _counts_of(reading: Reading) -> DocumentCounts:
    if _counted and _counted[0][0] is reading:
        return _counted[0][1]
    counts = DocumentCounts.of(reading.document, reading.sentences)
    _counted[:] = [(reading, counts)]
    return counts


def stored_plan(store: Store, document: Document) -> SectionPlan | None:
    data = store.section_plan(document)
    return SectionPlan.from_dict(data, len(document.paragraphs)) if data else None


def read_document(
    document: Document,
    progress: Progress | None = None,
    cache: AnalysisCache | None = None,
    store: Store | None = None,
    fresh: bool = False,
) -> Reading:
    """The reading as the user sees it: automatic analysis plus their stored corrections."""
    automatic = automatic_reading(document, progress, cache, fresh)
    return with_plan(automatic, stored_plan(store or Store.default(), document))
