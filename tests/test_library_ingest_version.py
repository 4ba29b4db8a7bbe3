"""A document kept by an older ingest is read again from its unchanged file by the current
one (re-added, opened from the library, or opened by its path): new title and text, its
reading made again, every note kept — re-anchored on the same words, or orphaned with its
quote when its words left the text. A document whose file is gone keeps its text."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import briefing.ingest
import briefing.ingest.plaintext
from briefing.cli import main
from briefing.ingest import INGEST_VERSION, load_document
from briefing.model import Annotation, Document
from briefing.service import DocumentService
from briefing.service.library import analysis_key, open_document, reading_of
from briefing.store.database import Store
from briefing.store.library import Library
from briefing.store.notebook import Notebook

HEADLINE = "Ferry Board Delays the Harbour Timetable"
ARTICLE = (
    f"{HEADLINE}\n\n"
    "The harbour board met on Monday to weigh the new ferry timetable. Dana Whitlow, the "
    "board's chair, said it would decide by June.\n\n"
    "Engineers warned that the old pilings were rotting faster than expected, Whitlow said.\n"
)


@pytest.fixture
def old_article(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An article added by an ingest of version 0 (a headline stayed body text), with a note
    on a body sentence and one on the headline."""
    article = tmp_path / "ferry.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    with monkeypatch.context() as old:
        old.setattr(briefing.ingest, "INGEST_VERSION", 0)
        old.setattr(briefing.ingest.plaintext, "_is_headline", lambda *a: False)
        old.setattr(briefing.ingest.plaintext, "_looks_like_heading", lambda *a: False)
        assert load_document(article).metadata.title is None  # the old reading of it
        assert main(["add", str(article), "--jobs", "1"]) == 0
        for quote, note in (("old pilings", "rot"), ("Harbour Timetable", "the headline")):
            assert main(["notes", "add", str(article), "--quote", quote, "--note", note]) == 0
    library = Library()
    assert library.ingest_version(1) == 0
    kept = library.snapshot(1)
    assert kept is not None
    assert kept.text.startswith(HEADLINE)
    assert load_document(article).metadata.title == HEADLINE  # what the current ingest reads
    return article


def _notes(document: Document) -> dict[str, Annotation]:
    notebook = Notebook(Store.default(), document)
    notebook.open()
    return {a.note: a for a in notebook.annotations}


def _assert_refreshed(document: Document) -> None:
    library = Library()
    assert library.ingest_version(1) == INGEST_VERSION
    kept = library.snapshot(1)
    assert kept is not None
    assert kept.metadata.title == HEADLINE
    assert not kept.text.startswith(HEADLINE)
    assert kept.text == document.text
    notes = _notes(kept)
    assert set(notes) == {"rot", "the headline"}  # nothing the reader wrote is lost
    body = notes["rot"]
    assert not body.orphaned
    assert kept.text[body.start : body.end] == "old pilings"
    headline = notes["the headline"]
    assert headline.orphaned  # its words left the text: kept with its quote
    assert headline.quote.exact == "Harbour Timetable"


def test_adding_again_reads_the_file_with_the_current_ingest(
    old_article: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["add", str(old_article), "--jobs", "1"]) == 0
    capsys.readouterr()
    assert main(["library", "--format", "json"]) == 0
    [entry] = json.loads(capsys.readouterr().out)
    assert entry["title"] == HEADLINE
    assert entry["notes"] == 2
    _assert_refreshed(load_document(old_article))
    # Its reading was made of the new text, by the current analysis.
    library = Library()
    kept = library.snapshot(1)
    assert kept is not None
    reading = library.stored_reading(1, kept, analysis_key())
    assert reading is not None
    assert reading.title == HEADLINE


def test_opening_from_the_library_reads_the_file_again(old_article: Path) -> None:
    library = Library()
    document = open_document(library, 1)
    assert document.metadata.title == HEADLINE
    _assert_refreshed(document)
    assert library.stored_reading(1, document, analysis_key()) is None  # made again when needed
    assert reading_of(library, 1).title == HEADLINE
    assert library.entry(1).title == HEADLINE


def test_opening_by_path_refreshes_before_the_notes_are_shown(old_article: Path) -> None:
    document = load_document(old_article)
    notebook = DocumentService(document).notebook()
    shown = {a.note: a for a in notebook.annotations}
    assert document.text[shown["rot"].start : shown["rot"].end] == "old pilings"
    assert shown["the headline"].orphaned
    _assert_refreshed(document)


def test_a_document_whose_file_is_gone_keeps_its_text(old_article: Path) -> None:
    old_article.unlink()
    library = Library()
    document = open_document(library, 1)
    assert document.text.startswith(HEADLINE)
    assert library.ingest_version(1) == 0
    notes = _notes(document)
    assert document.text[notes["the headline"].start : notes["the headline"].end] == (
        "Harbour Timetable"
    )


def test_a_changed_file_is_kept_as_changed_not_as_refreshed(old_article: Path) -> None:
    old_article.write_text(ARTICLE.replace("Engineers warned", "Two engineers warned"))
    library = Library()
    document = open_document(library, 1)  # the kept copy: the file is another text now
    assert document.text.startswith(HEADLINE)
    assert library.ingest_version(1) == 0
