"""The core stays pure, the reading survives the cache and JSON round trips, and the cycle
collector comes back after a pause."""

from __future__ import annotations

import gc
import json
import subprocess
import sys
import threading
from pathlib import Path

from briefing.analysis import ANALYSIS_VERSION, analyze
from briefing.cycles import cycle_collector_paused
from briefing.ingest import load_document
from briefing.model import Entity, EntityType, Mention, Quote, Reading, Section, Span
from briefing.pipeline import read_document
from briefing.serialize import (
    analysis_dict,
    analysis_json,
    reading_dict,
    reading_from_analysis,
    reading_json,
)
from briefing.store.cache import AnalysisCache
from tests.conftest import FIXTURES, SEED

CORE = [
    "briefing.model",
    "briefing.ingest",
    "briefing.analysis",
    "briefing.store.cache",
    "briefing.store.database",
    "briefing.store.notebook",
    "briefing.store.anchoring",
    "briefing.cli.notes",
    "briefing.cli.export",
    "briefing.export.markdown",
    "briefing.export.web_annotation",
    "briefing.export.files",
    "briefing.export.destination",
    "briefing.serialize",
    "briefing.pipeline",
    "briefing.text.search",
    "briefing.cli",
]


def test_core_never_imports_textual() -> None:
    code = (
        "import sys\n"
        f"for name in {CORE!r}: __import__(name)\n"
        "from briefing.ingest import load_document\n"
        "from briefing.analysis import analyze\n"
        f"analyze(load_document({str(SEED)!r}))\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'rich'))\n"
        "print(','.join(bad))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == ""


def test_analysis_round_trips_through_json() -> None:
    reading = analyze(load_document(FIXTURES / "report.md"))
    data = json.loads(json.dumps(analysis_dict(reading)))
    assert reading_from_analysis(reading.document, data) == reading


def test_the_json_written_in_pieces_is_the_json_of_the_whole() -> None:
    """`analyze` prints, and the cache stores, the very characters `json.dumps` would."""
    for source in (SEED, FIXTURES / "report.md"):
        reading = analyze(load_document(source))
        whole = json.dumps(reading_dict(reading), ensure_ascii=False, indent=1)
        assert "".join(reading_json(reading)) == whole
        compact = json.dumps(analysis_dict(reading), separators=(",", ":"))
        assert "".join(analysis_json(reading)) == compact
    # every shape of value: no gist, no role, aliases, quotes without a speaker, empty lists
    document = load_document(FIXTURES / "report.md")
    odd = Reading(
        document,
        sections=(Section(0, "“Odd” \\ title", 0, 0), Section(1, "B", 1, 1, gist=Span(0, 4))),
        entities=(
            Entity("e1", "Zoë “Z” Ng", EntityType.PERSON, None, ("Ng", "Z\n"), (Mention(1, 3, 0),)),
            Entity("e2", "Nobody", EntityType.OTHER),
        ),
        quotes=(Quote(1, 5), Quote(6, 9, "e1", "Ng")),
    )
    assert "".join(reading_json(odd)) == json.dumps(reading_dict(odd), ensure_ascii=False, indent=1)
    assert "".join(analysis_json(odd)) == json.dumps(analysis_dict(odd), separators=(",", ":"))
    empty = Reading(document)
    assert "".join(reading_json(empty)) == json.dumps(
        reading_dict(empty), ensure_ascii=False, indent=1
    )


def test_cache_returns_the_same_reading_and_survives_damage(tmp_path) -> None:  # type: ignore[no-untyped-def]
    cache = AnalysisCache(tmp_path, ANALYSIS_VERSION)
    document = load_document(SEED)
    assert cache.load(document) is None
    first = read_document(document, cache=cache)
    files = list(tmp_path.glob("*.json"))
    assert len(files) == 1
    assert cache.load(document) == first
    files[0].write_text("{not json", encoding="utf-8")
    assert cache.load(document) is None
    assert read_document(document, cache=cache) == first


def test_a_changed_rule_or_model_keys_cached_readings_anew(tmp_path: Path) -> None:
    """The reading cache's key holds a digest of the analysis code and data, so a retrained
    model or an edited rule is never answered by a reading the old one made."""
    from briefing.analysis import analysis_fingerprint
    from briefing.pipeline import default_cache

    root = tmp_path / "analysis"
    (root / "data").mkdir(parents=True)
    (root / "rules.py").write_text("THRESHOLD = -0.85\n", encoding="utf-8")
    (root / "data" / "model.json").write_text('{"weights": [1.0]}\n', encoding="utf-8")
    before = analysis_fingerprint(root)
    (root / "__pycache__").mkdir()
    (root / "__pycache__" / "rules.pyc").write_bytes(b"compiled")
    assert analysis_fingerprint.__wrapped__(root) == before  # compiled caches do not count
    (root / "data" / "model.json").write_text('{"weights": [2.0]}\n', encoding="utf-8")
    assert analysis_fingerprint.__wrapped__(root) != before
    assert str(default_cache().version).endswith(analysis_fingerprint())


def test_sections_cover_every_paragraph_once() -> None:
    for path in (SEED, FIXTURES / "report.md", FIXTURES / "headed.txt"):
        reading = analyze(load_document(path))
        covered = [
            p for s in reading.sections for p in range(s.start_paragraph, s.end_paragraph + 1)
        ]
        assert covered == list(range(len(reading.document.paragraphs)))


def test_cycle_collector_pause_nests_and_restores_the_state_it_found() -> None:
    assert gc.isenabled()
    with cycle_collector_paused():
        assert not gc.isenabled()
        with cycle_collector_paused():
            assert not gc.isenabled()
        assert not gc.isenabled()  # the outer pause still holds
    assert gc.isenabled()
    gc.disable()
    try:
        with cycle_collector_paused():
            pass
        assert not gc.isenabled()  # off before, off after
    finally:
        gc.enable()


def test_cycle_collector_comes_back_when_overlapping_pauses_end_in_any_order() -> None:
    first_in = threading.Event()
    release_first = threading.Event()

    def first() -> None:
        with cycle_collector_paused():
            first_in.set()
            release_first.wait(10)

    worker = threading.Thread(target=first)
    worker.start()
    assert first_in.wait(10)
    with cycle_collector_paused():
        release_first.set()
        worker.join(10)
        assert not gc.isenabled()  # the first pause ended, this one has not
    assert gc.isenabled()
