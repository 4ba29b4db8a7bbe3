"""The notes and tags of a document as the library's search index holds them.

Every change to a document's annotations (or to its own tags) rewrites two columns of its
`library_texts` row, in the same transaction as the change: `notes`, the text of its live notes
in text order, and `tags`, the tags of its notes and of the document. A trigger keeps the FTS5
index in step. The columns are rewritten only when they differ, since an update re-indexes the
row's whole text.
"""

from __future__ import annotations

import bisect
import json
import sqlite3
from collections.abc import Sequence

NOTE_SEPARATOR = "\n\n"
"""Between two notes in the `notes` column (a search snippet never runs across it unnoticed)."""


class IndexedNote:
    """A live note of a document, as the `notes` column lays it out."""

    __slots__ = ("annotation_id", "column_start", "start", "text")

    def __init__(self, annotation_id: str, start: int, column_start: int, text: str) -> None:
        self.annotation_id = annotation_id
        self.start = start
        """Where its passage is in the document's text."""
        self.column_start = column_start
        """Where its text starts in the `notes` column."""
        self.text = text


def indexed_notes(connection: sqlite3.Connection, document_id: int) -> list[IndexedNote]:
    """The document's live notes with text, in text order, where they sit in the `notes`
    column (the same order `refresh_notes` writes them in)."""
    rows = connection.execute(
        "SELECT id, start, note FROM annotations WHERE document_id = ? AND deleted IS NULL "
        "AND note != '' ORDER BY start, \"end\", created, id",
        (document_id,),
    ).fetchall()
    notes: list[IndexedNote] = []
    offset = 0
    for annotation_id, start, note in rows:
        notes.append(IndexedNote(str(annotation_id), int(start), offset, str(note)))
        offset += len(note) + len(NOTE_SEPARATOR)
    return notes


def notes_column(notes: Sequence[IndexedNote]) -> str:
    return NOTE_SEPARATOR.join(note.text for note in notes)


def tags_of(connection: sqlite3.Connection, document_id: int) -> list[str]:
    """The document's tags: its own, then those of its live notes, each once, sorted."""
    own = [
        row[0]
        for row in connection.execute(
            "SELECT tag FROM document_tags WHERE document_id = ? ORDER BY tag", (document_id,)
        )
    ]
    on_notes = [
        row[0]
        for row in connection.execute(
            "SELECT DISTINCT tag FROM annotation_tags JOIN annotations ON annotations.id = "
            "annotation_id WHERE document_id = ? AND deleted IS NULL ORDER BY tag",
            (document_id,),
        )
    ]
    return list(dict.fromkeys([*own, *on_notes]))


def refresh_notes(connection: sqlite3.Connection, document_id: int) -> None:
    """Rewrite the document's `notes` and `tags` columns if they changed (inside the caller's
    transaction). A document without a library row gets one."""
    notes = notes_column(indexed_notes(connection, document_id))
    tags = " ".join(tags_of(connection, document_id))
    row = connection.execute(
        "SELECT notes, tags FROM library_texts WHERE document_id = ?", (document_id,)
    ).fetchone()
    if row is None:
        title = connection.execute(
            "SELECT coalesce(title, '') FROM documents WHERE id = ?", (document_id,)
        ).fetchone()
        if title is None:
            return
        connection.execute(
            "INSERT INTO library_texts (document_id, title, notes, tags) VALUES (?, ?, ?, ?)",
            (document_id, title[0], notes, tags),
        )
    elif (row[0], row[1]) != (notes, tags):
        connection.execute(
            "UPDATE library_texts SET notes = ?, tags = ? WHERE document_id = ?",
            (notes, tags, document_id),
        )


def refresh_all_notes(connection: sqlite3.Connection) -> None:
    """Index the notes and tags of every document that has any (a migration step)."""
    ids = [
        row[0]
        for row in connection.execute(
            "SELECT DISTINCT document_id FROM annotations WHERE deleted IS NULL "
            "UNION SELECT document_id FROM document_tags"
        )
    ]
    for document_id in ids:
        refresh_notes(connection, document_id)


def section_starts(sections_json: str | None) -> list[tuple[int, str]]:
    """(start, title) of each section a snapshot keeps ([[title, start, end], ...])."""
    if not sections_json:
        return []
    try:
        items = json.loads(sections_json)
    except (ValueError, RecursionError):
        return []
    return [
        (int(item[1]), str(item[0]))
        for item in items
        if isinstance(item, list) and len(item) == 3 and isinstance(item[1], int)
    ]


def section_at(sections_json: str | None, offset: int) -> tuple[int, str] | None:
    """(index, title) of the kept section holding character `offset`, if any."""
    starts = section_starts(sections_json)
    i = bisect.bisect_right([s for s, _ in starts], offset) - 1
    return (i, starts[i][1]) if i >= 0 else None
