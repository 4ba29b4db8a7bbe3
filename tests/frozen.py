"""A frozen reading of the bundled briefing, for SVG snapshots and Pilot tests that should not
change when the analysis is tuned (5 of 16 snapshot commits before this were analysis-only).

`tests/fixtures/seed-reading.json` holds the analysis (sentences, sections, entities, quotes)
of `seeds/` by offsets, with the text's content hash; the text itself is read from the seed.
Regenerate it after the seed text changes (the hash check says so) with

    python -m tests.frozen
"""

from __future__ import annotations

import json
from functools import cache

from briefing.ingest import load_document
from briefing.model import Document, Reading, Section, Sentence, TitleSource
from briefing.serialize import analysis_dict, reading_from_analysis
from tests.conftest import FIXTURES, SEED

FROZEN = FIXTURES / "seed-reading.json"


@cache
def _frozen_data() -> dict[str, object]:
    data: dict[str, object] = json.loads(FROZEN.read_text(encoding="utf-8"))
    return data


def frozen_seed() -> tuple[Document, Reading]:
    """The seed document and its frozen automatic reading."""
    document = load_document(SEED)
    data = _frozen_data()
    if data["content_hash"] != document.content_hash:
        raise AssertionError("the seed text changed: regenerate with `python -m tests.frozen`")
    analysis = data["analysis"]
    assert isinstance(analysis, dict)
    return document, reading_from_analysis(document, analysis)


def reading_without_analysis(document: Document) -> Reading:
    """A reading of `document` that no analysis change can move: its own headings as the
    sections, a paragraph a sentence, no entities (for snapshots of a fixture's layout)."""
    last = len(document.paragraphs) - 1
    breaks = list(document.section_breaks)
    if not breaks or breaks[0][0] != 0:
        breaks.insert(0, (0, document.display_title))
    ends = [first - 1 for first, _ in breaks[1:]] + [last]
    sections = tuple(
        Section(n, title, first, end, TitleSource.HEADING)
        for n, ((first, title), end) in enumerate(zip(breaks, ends, strict=True))
    )
    sentences = tuple(Sentence(p.start, p.end, p.index) for p in document.paragraphs)
    return Reading(document, sentences=sentences, sections=sections)


def _write() -> None:
    from briefing.analysis import analyze

    document = load_document(SEED)
    reading = analyze(document)
    data = {"content_hash": document.content_hash, "analysis": analysis_dict(reading)}
    FROZEN.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {FROZEN}")


if __name__ == "__main__":
    _write()
