"""Databases of every earlier schema come into the library with everything the user wrote:
their documents listed, notes and tags kept and searchable, and opened again with their notes."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from briefing.cli import main
from briefing.ingest import INGEST_VERSION, load_document
from briefing.service.library import open_document, reading_of, record_opened
from briefing.store.database import SCHEMA_VERSION, Store, migrate, schema_version
from briefing.store.fulltext import search
from briefing.store.library import Library
from briefing.store.notebook import Notebook
from briefing.store.whoswho import entity_records
from tests.test_library import BRIDGE, HARBOUR, SCHOOL

TEXT = (
    "Harbour board delays the ferry timetable\n\n"
    "The harbour board met on Monday to weigh the new ferry timetable.\n\n"
    "Engineers warned that the old pilings were rotting faster than expected.\n"
)


def _old_database(path: Path, version: int, article: Path) -> None:
    """A database made by schema `version` holding one document opened at `article` with (from
    schema 2) a tagged note and its section corrections."""
    document = load_document(article)
    connection = sqlite3.connect(path, isolation_level=None)
    migrate(connection, target=version)
    connection.execute(
        "INSERT INTO documents (id, content_hash, path, title, first_opened, last_opened) "
        "VALUES (1, ?, ?, 'Harbour board', 100.0, 200.0)",
        (document.content_hash, str(article)),
    )
    if version >= 5:  # the library's columns, as schema 5 fills them for a file
        connection.execute(
            "UPDATE documents SET source = ?, kind = 'file', added = 100.0", (str(article),)
        )
    connection.execute(
        "INSERT INTO section_corrections (document_id, plan, updated) VALUES (1, '[]', 1.0)"
    )
    if version >= 2:
        start = document.text.index("old pilings")
        connection.execute(
            'INSERT INTO annotations (id, document_id, anchored_hash, start, "end", exact, '
            "prefix, suffix, color, note, status, score, created, modified) VALUES "
            "(?, 1, ?, ?, ?, 'old pilings', 'that the ', ' were rot', 'pink', "
            "'ask the quokkaword engineers', 'exact', 1.0, '2024-01-01T00:00:00Z', "
            "'2024-01-01T00:00:00Z')",
            ("a" * 32, document.content_hash, start, start + len("old pilings")),
        )
        connection.execute(
            "INSERT INTO annotation_tags (annotation_id, tag) VALUES (?, 'infra')", ("a" * 32,)
        )
    if version >= 3:
        connection.execute(
            "INSERT INTO document_locations (path, document_id, content_hash, seen) "
            "VALUES (?, 1, ?, 200.0)",
            (str(article), document.content_hash),
        )
    if version >= 5:  # as schema 5 indexes a document's title, notes and tags
        from briefing.store.notes_index import refresh_all_notes

        connection.execute(
            "INSERT INTO library_texts (document_id, title) VALUES (1, 'Harbour board')"
        )
        refresh_all_notes(connection)
    connection.close()


@pytest.mark.parametrize("version", range(1, SCHEMA_VERSION))
def test_every_earlier_schema_comes_into_the_library(tmp_path: Path, version: int) -> None:
    article = tmp_path / "harbour.txt"
    article.write_text(TEXT, encoding="utf-8")
    path = tmp_path / "briefing.sqlite3"
    _old_database(path, version, article)
    store = Store(path)
    library = Library(store)
    entries = library.entries()  # opening the store migrates it
    with sqlite3.connect(path) as connection:
        assert schema_version(connection) == SCHEMA_VERSION
    assert [(e.id, e.title, e.source, e.kind, e.read) for e in entries] == [
        (1, "Harbour board", str(article), "file", 200.0)
    ]
    entry = entries[0]
    assert entry.notes == (1 if version >= 2 else 0)
    assert entry.has_text is False  # kept when next opened
    if version >= 2:
        assert entry.tags == ("infra",)
        found = search(store, "quokkaword")
        assert [hit.document_id for hit in found.hits] == [1]
        assert [s.where for s in found.hits[0].snippets] == ["notes"]
        assert [e.id for e in library.entries(tag="infra")] == [1]
    # Opened again: the text is kept, the notes are the same, and the text is searchable.
    document = open_document(library, 1)
    recorded = record_opened(document, store=store)
    assert recorded.document_id == 1
    assert library.entry(1).has_text
    assert [hit.document_id for hit in search(store, "pilings").hits] == [1]
    notebook = Notebook(store, document)
    notebook.open()
    assert [a.note for a in notebook.annotations] == (
        ["ask the quokkaword engineers"] if version >= 2 else []
    )
    with sqlite3.connect(path) as connection:
        assert connection.execute(
            "SELECT document_id, plan FROM section_corrections"
        ).fetchall() == [(1, "[]")]


def test_schema_5_libraries_show_the_same_who_after_migrating(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Schema 6 keeps what `who NAME` shows of each briefing (`entity_appearances`); a schema
    5 library (the same tables without it) gets it from its entities and snapshots."""
    said = '\n\n"We cannot wait another winter for the pilings," Dana Whitlow said.\n'
    for name, text in (("harbour", HARBOUR + said), ("bridge", BRIDGE), ("school", SCHOOL)):
        (tmp_path / f"{name}.txt").write_text(text, encoding="utf-8")
    assert main(["add", str(tmp_path), "--jobs", "1"]) == 0
    capsys.readouterr()
    shown = {}
    for name in ("Dana Whitlow", "Omar Castillo"):
        assert main(["who", name, "--format", "json"]) == 0
        shown[name] = json.loads(capsys.readouterr().out)
    assert all(a["sections"] for a in shown["Dana Whitlow"]["appearances"])
    assert shown["Dana Whitlow"]["quotes"]
    # Back to schema 5: no appearances; each entity of a reading with the indexes of its
    # sections and its quotes (as schema 5 wrote them).
    library = Library()
    kept = {
        (entry.id, record.local_id): record
        for entry in library.entries()
        for record in entity_records(reading_of(library, entry.id))
    }
    path = Store.default().path
    with sqlite3.connect(path) as connection:
        connection.execute("DROP TABLE entity_appearances")
        connection.execute("ALTER TABLE snapshots DROP COLUMN ingest_version")  # schema 7's
        for column in ("sections", "quotes"):
            connection.execute(
                f"ALTER TABLE document_entities ADD COLUMN {column} TEXT NOT NULL DEFAULT '[]'"
            )
        for (document_id, local_id), record in kept.items():
            connection.execute(
                "UPDATE document_entities SET sections = ?, quotes = ? WHERE document_id = ? "
                "AND local_id = ?",
                (
                    json.dumps(list(record.sections)),
                    json.dumps([list(q) for q in record.quotes]),
                    document_id,
                    local_id,
                ),
            )
        connection.execute("UPDATE schema_version SET version = 5")
    for name, expected in shown.items():
        assert main(["who", name, "--format", "json"]) == 0
        assert json.loads(capsys.readouterr().out) == expected
    with sqlite3.connect(path) as connection:
        assert schema_version(connection) == SCHEMA_VERSION == 7
        assert connection.execute("SELECT count(*) FROM entity_appearances").fetchone()[0] > 0
        columns = [row[1] for row in connection.execute("PRAGMA table_info(document_entities)")]
        assert columns == ["document_id", "local_id", "entity_id", "name", "role", "mentions"]


def test_schema_6_texts_are_read_again_by_the_current_ingest(tmp_path: Path) -> None:
    """Schema 7 keeps which ingest made each kept text; a schema 6 library's texts say 0
    (older than any), so an unchanged file is read again when opened, its note kept."""
    article = tmp_path / "harbour.txt"
    article.write_text(TEXT, encoding="utf-8")
    assert main(["add", str(article), "--jobs", "1"]) == 0
    assert main(["notes", "add", str(article), "--quote", "old pilings", "--note", "rot"]) == 0
    path = Store.default().path
    with sqlite3.connect(path) as connection:
        connection.execute("ALTER TABLE snapshots DROP COLUMN ingest_version")
        connection.execute("UPDATE schema_version SET version = 6")
    library = Library(Store(path))
    assert library.ingest_version(1) == 0  # opening the store migrated it
    with sqlite3.connect(path) as connection:
        assert schema_version(connection) == SCHEMA_VERSION == 7
    document = open_document(library, 1)
    assert library.ingest_version(1) == INGEST_VERSION
    notebook = Notebook(library.store, document)
    notebook.open()
    [note] = notebook.annotations
    assert (note.note, document.text[note.start : note.end]) == ("rot", "old pilings")
