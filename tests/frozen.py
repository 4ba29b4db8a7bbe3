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
from briefing.model import Document, Reading
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


def _write() -> None:
    from briefing.analysis import analyze

    document = load_document(SEED)
    reading = analyze(document)
    data = {"content_hash": document.content_hash, "analysis": analysis_dict(reading)}
    FROZEN.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {FROZEN}")


if __name__ == "__main__":
    _write()
