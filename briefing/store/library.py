"""The library: every document read, kept in the user's database with what the reader did.

A document enters the library when it is opened or added (`record`): its text and structure
(a snapshot that gives back the very `Document`, so a file that is gone or standard input
still opens), the reading analysis made of it (tagged with the analysis that made it, so a
newer analysis reads it again rather than serve it stale), its sections, title and text in the
full-text index, and its people, organisations and places in the who's who. Notes, tags and
where the reader left off live beside it. Removing a document only marks it removed (its
notes stay; `restore` undoes it). Every public method is one transaction.

This module reads and writes the database only: it imports no analysis and no UI. Turning a
reading into what is recorded (`prepare`) runs where the reading is made (an `add` worker).
"""

from __future__ import annotations

import bisect
import json
import sqlite3
import time
import zlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from briefing.model import Annotation, Document, Reading
from briefing.store.database import Store, StoreError, kind_of, source_of
from briefing.store.notebook import annotation_from_row, tags_by_annotation
from briefing.store.notes_index import refresh_notes, section_starts

if TYPE_CHECKING:
    from briefing.store.whoswho import EntityRecord

SORTS = ("date", "title", "notes")


@dataclass(frozen=True, slots=True)
class LibraryEntry:
    """A document of the library as the list shows it."""

    id: int
    title: str
    source: str | None
    """An absolute path, a URL, or "standard input"."""
    kind: str | None
    """`file`, `url` or `stdin` (None for a document from before the library)."""
    date: str | None
    """The document's own date (its metadata), if it gives one."""
    read: float
    """When it was last opened or added (seconds since the epoch)."""
    added: float | None
    notes: int
    tags: tuple[str, ...]
    removed: float | None
    has_text: bool
    """Whether its text is kept (documents from before the library get it when next read)."""
    position: int | None
    """Where the reader left off (a character offset into its text), if known."""
    content_hash: str


@dataclass(frozen=True, slots=True)
class Prepared:
    """What `record` keeps of a document, made where its reading is made."""

    document: Document
    title: str
    structure: bytes
    analysis_key: str | None = None
    analysis: bytes | None = None
    sections: str | None = None
    entities: tuple[EntityRecord, ...] | None = None
    ingest_version: int = 0
    """The ingest code that read `document` (`briefing.ingest.INGEST_VERSION`), kept with
    its text: a newer one reads the file again."""


@dataclass(frozen=True, slots=True)
class Recorded:
    """What `record` did: `new` (not in the library before), `changed` (its text changed, or
    its text is kept for the first time), `same`."""

    document_id: int
    status: str
    had_notes: bool


@dataclass(frozen=True, slots=True)
class LibraryNote:
    """A note of the library with the document and section it is in."""

    document_id: int
    title: str
    source: str | None
    section: str | None
    annotation: Annotation


def _pack(value: Any) -> bytes:
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return zlib.compress(text.encode("utf-8", "surrogatepass"))


def unpack(blob: bytes) -> Any:
    """The value `_pack` (or a zlib-compressed JSON text) holds."""
    # surrogatepass: a file name that is not UTF-8 keeps its escaped bytes (as `Document` does).
    return json.loads(zlib.decompress(blob).decode("utf-8", "surrogatepass"))


def sections_of(reading: Reading) -> list[list[object]]:
    """A reading's sections as the snapshot keeps them: [title, start, end] by character."""
    paragraphs = reading.document.paragraphs
    out: list[list[object]] = []
    for section in reading.sections:
        if 0 <= section.start_paragraph <= section.end_paragraph < len(paragraphs):
            start = paragraphs[section.start_paragraph].start
            end = paragraphs[section.end_paragraph].end
            out.append([section.title, start, end])
    return out


def prepare(
    document: Document,
    automatic: Reading | None = None,
    analysis_key: str | None = None,
    shown: Reading | None = None,
) -> Prepared:
    """What `record` keeps: the document, and its `automatic` reading (what the analysis
    cache holds, made by `analysis_key`) with the sections, title and entities of the reading
    the reader sees (`shown`: with their section corrections; default the automatic one)."""
    from briefing.ingest import INGEST_VERSION
    from briefing.serialize import analysis_json, structure_dict

    structure = _pack(structure_dict(document))
    if automatic is None:
        return Prepared(document, document.display_title, structure, ingest_version=INGEST_VERSION)
    from briefing.store.whoswho import entity_records

    shown = shown or automatic
    return Prepared(
        document=document,
        title=shown.title,
        structure=structure,
        analysis_key=analysis_key,
        analysis=zlib.compress("".join(analysis_json(automatic)).encode("utf-8", "surrogatepass")),
        sections=json.dumps(sections_of(shown), ensure_ascii=False),
        entities=tuple(entity_records(shown)),
        ingest_version=INGEST_VERSION,
    )


_ENTRY_COLUMNS = (
    "d.id, coalesce(nullif(lt.title, ''), d.title, ''), d.source, d.kind, d.date, "
    "d.last_opened, d.added, "
    "(SELECT count(*) FROM annotations a WHERE a.document_id = d.id AND a.deleted IS NULL), "
    "coalesce(lt.tags, ''), d.removed, s.document_id IS NOT NULL, "
    '(SELECT rp."offset" FROM reading_position rp WHERE rp.document_id = d.id), d.content_hash'
)
_ENTRY_FROM = (
    "documents d LEFT JOIN library_texts lt ON lt.document_id = d.id "
    "LEFT JOIN snapshots s ON s.document_id = d.id"
)


def _entry(row: Sequence[Any]) -> LibraryEntry:
    return LibraryEntry(
        id=int(row[0]),
        title=str(row[1]),
        source=row[2],
        kind=row[3],
        date=row[4],
        read=float(row[5]),
        added=None if row[6] is None else float(row[6]),
        notes=int(row[7]),
        tags=tuple(str(row[8]).split()),
        removed=None if row[9] is None else float(row[9]),
        has_text=bool(row[10]),
        position=None if row[11] is None else int(row[11]),
        content_hash=str(row[12]),
    )


class Library:
    """The library in `store` (the user's database by default)."""

    def __init__(self, store: Store | None = None) -> None:
        self.store = store or Store.default()

    # ------------------------------------------------------------------ listing
    def entries(
        self,
        *,
        sort: str = "date",
        tag: str | None = None,
        removed: bool = False,
        limit: int | None = None,
    ) -> list[LibraryEntry]:
        """The documents, most recently read first (`sort` "title": by title; "notes": most
        notes first); only those tagged `tag` (on the document or one of its notes); the
        removed ones instead with `removed`."""
        if sort not in SORTS:
            raise StoreError(f"unknown sort {sort!r} (choose from {', '.join(SORTS)})")
        if not self.store.exists():
            return []
        where = ["d.removed IS NOT NULL" if removed else "d.removed IS NULL"]
        values: list[object] = []
        if tag is not None:
            where.append(
                "(EXISTS (SELECT 1 FROM document_tags t WHERE t.document_id = d.id AND t.tag = ?)"
                " OR EXISTS (SELECT 1 FROM annotation_tags t JOIN annotations a ON a.id = "
                "t.annotation_id WHERE a.document_id = d.id AND a.deleted IS NULL AND t.tag = ?))"
            )
            values += [tag, tag]
        order = {
            "date": "d.last_opened DESC, d.id DESC",
            "title": "2 COLLATE NOCASE, d.id",
            "notes": "8 DESC, d.last_opened DESC, d.id DESC",
        }[sort]
        values.append(-1 if limit is None else limit)
        with self.store.reading() as connection:
            rows = connection.execute(
                f"SELECT {_ENTRY_COLUMNS} FROM {_ENTRY_FROM} WHERE {' AND '.join(where)} "
                f"ORDER BY {order} LIMIT ?",
                values,
            ).fetchall()
        return [_entry(row) for row in rows]

    def entry(self, document_id: int) -> LibraryEntry:
        """The library's document `document_id` (removed ones too); one line if there is none."""
        if self.store.exists():
            with self.store.reading() as connection:
                row = connection.execute(
                    f"SELECT {_ENTRY_COLUMNS} FROM {_ENTRY_FROM} WHERE d.id = ?", (document_id,)
                ).fetchone()
            if row is not None:
                return _entry(row)
        raise StoreError(f"no document {document_id} in the library (see 'briefing library')")

    def entry_of(self, document: Document) -> LibraryEntry | None:
        """The library's entry for `document` (found by its path, then its text), if any."""
        if not self.store.exists():
            return None
        with self.store.reading() as connection:
            found = self.store.find_document(connection, document)
        return None if found is None else self.entry(found)

    def find_source(self, source: str) -> LibraryEntry | None:
        """The document last seen at `source` (an absolute path or a URL), if any."""
        if not self.store.exists():
            return None
        with self.store.reading() as connection:
            row = connection.execute(
                "SELECT document_id FROM document_locations WHERE path = ?", (source,)
            ).fetchone()
            if row is None:
                row = connection.execute(
                    "SELECT id FROM documents WHERE source = ? ORDER BY last_opened DESC",
                    (source,),
                ).fetchone()
        return None if row is None else self.entry(int(row[0]))

    def knows(self, content_hash: str, path: str) -> bool:
        """Whether a document with this text, or once at this path, was ever in the library
        (removed ones too)."""
        if not self.store.exists():
            return False
        with self.store.reading() as connection:
            row = connection.execute(
                "SELECT 1 FROM documents WHERE content_hash = ? "
                "UNION ALL SELECT 1 FROM document_locations WHERE path = ? LIMIT 1",
                (content_hash, path),
            ).fetchone()
        return row is not None

    def count(self) -> int:
        """Documents in the library (not removed)."""
        if not self.store.exists():
            return 0
        with self.store.reading() as connection:
            row = connection.execute(
                "SELECT count(*) FROM documents WHERE removed IS NULL"
            ).fetchone()
        return int(row[0])

    def tags(self) -> list[tuple[str, int]]:
        """Every tag of the library (on documents or notes) with the number of documents
        that have it, most first: the facets of the library's list."""
        if not self.store.exists():
            return []
        with self.store.reading() as connection:
            rows = connection.execute(
                "SELECT tag, count(DISTINCT document_id) AS n FROM ("
                "SELECT t.tag, t.document_id FROM document_tags t UNION ALL "
                "SELECT t.tag, a.document_id FROM annotation_tags t JOIN annotations a "
                "ON a.id = t.annotation_id WHERE a.deleted IS NULL) "
                "JOIN documents d ON d.id = document_id WHERE d.removed IS NULL "
                "GROUP BY tag ORDER BY n DESC, tag"
            ).fetchall()
        return [(str(tag), int(n)) for tag, n in rows]

    # ------------------------------------------------------------------ what is kept
    def snapshot(self, document_id: int) -> Document | None:
        """The document as it was last read, from its kept text; None when none is kept."""
        with self.store.reading() as connection:
            row = connection.execute(
                "SELECT s.content_hash, s.structure, lt.body FROM snapshots s "
                "JOIN library_texts lt ON lt.document_id = s.document_id "
                "WHERE s.document_id = ?",
                (document_id,),
            ).fetchone()
        if row is None:
            return None
        from briefing.serialize import document_from_structure

        try:
            return document_from_structure(str(row[2]), str(row[0]), unpack(row[1]))
        except (ValueError, KeyError, TypeError, zlib.error) as exc:
            raise StoreError(
                f"the kept copy of document {document_id} is damaged ({exc}); "
                "add its file again to replace it"
            ) from None

    def ingest_version(self, document_id: int) -> int | None:
        """The version of the ingest code that made the document's kept text (None when no
        text is kept)."""
        with self.store.reading() as connection:
            row = connection.execute(
                "SELECT ingest_version FROM snapshots WHERE document_id = ?", (document_id,)
            ).fetchone()
        return None if row is None else int(row[0])

    def stored_reading(
        self, document_id: int, document: Document, analysis_key: str
    ) -> Reading | None:
        """The automatic reading kept for `document` if the analysis `analysis_key` made it
        (an older analysis's reading is never served: None, so that it is read again)."""
        with self.store.reading() as connection:
            row = connection.execute(
                "SELECT analysis_key, analysis, content_hash FROM snapshots WHERE document_id = ?",
                (document_id,),
            ).fetchone()
        if row is None or row[0] != analysis_key or row[1] is None:
            return None
        if row[2] != document.content_hash:
            return None
        from briefing.serialize import reading_from_analysis

        try:
            return reading_from_analysis(document, unpack(row[1]))
        except (ValueError, KeyError, TypeError, zlib.error):
            return None  # damaged: read it again

    def stale(self, analysis_key: str, ids: Sequence[int] | None = None) -> list[int]:
        """Documents (of `ids`, or all in the library) whose kept reading is missing or was
        made by another analysis than `analysis_key`; those without a kept text included."""
        if not self.store.exists():
            return []
        with self.store.reading() as connection:
            query = (
                "SELECT d.id FROM documents d LEFT JOIN snapshots s ON s.document_id = d.id "
                "WHERE d.removed IS NULL AND (s.analysis_key IS NULL OR s.analysis_key != ?)"
            )
            if ids is None:
                rows = connection.execute(query + " ORDER BY d.id", (analysis_key,)).fetchall()
            else:
                rows = []
                for first in range(0, len(ids), 500):
                    chunk = list(ids[first : first + 500])
                    marks = ",".join("?" * len(chunk))
                    rows += connection.execute(
                        query + f" AND d.id IN ({marks}) ORDER BY d.id", (analysis_key, *chunk)
                    ).fetchall()
        return [int(row[0]) for row in rows]

    def position(self, document: Document) -> int | None:
        """Where the reader left off in `document` (a character offset), if known."""
        entry = self.entry_of(document)
        return None if entry is None else entry.position

    # ------------------------------------------------------------------ changes
    def record(
        self, prepared: Prepared, *, tags: Sequence[str] = (), opened: bool = True
    ) -> Recorded:
        """Keep one document in the library (see `record_many`)."""
        return self.record_many([prepared], tags=tags, opened=opened)[0]

    def record_many(
        self, items: Iterable[Prepared], *, tags: Sequence[str] = (), opened: bool = True
    ) -> list[Recorded]:
        """Keep documents in the library, in one transaction: a new one is added; a known one
        (by path, then by text: a moved or renamed file is found) is brought back if it was
        removed and gets this text if its text changed (its notes are re-anchored when it is
        next opened, or by the caller); a reading made by another analysis than the one kept,
        or none kept, replaces it. `tags` are put on every document. `opened` False keeps the
        time it was last read."""
        from briefing.store.notebook import normalise_tags

        clean_tags = normalise_tags(tags)
        done: list[Recorded] = []
        with self.store.transaction() as connection:
            for prepared in items:
                done.append(_record(connection, prepared, clean_tags, opened))
        return done

    def replace_text(self, prepared: Prepared) -> Recorded:
        """Keep `prepared` as the document's text even though the text it was read from is the
        same (a newer ingest read it): as for a changed file, its reading is replaced (or read
        again when `prepared` has none) and its notes are to be re-anchored by the caller.
        The time it was last read is kept."""
        with self.store.transaction() as connection:
            return _record(connection, prepared, (), opened=False, replace=True)

    def record_shown(self, document_id: int, prepared: Prepared) -> None:
        """Record the sections, title and entities of the reading the reader sees (after they
        corrected its sections), keeping the automatic reading as it is."""
        if prepared.sections is None or prepared.entities is None:
            return
        with self.store.transaction() as connection:
            connection.execute(
                "UPDATE snapshots SET sections = ? WHERE document_id = ?",
                (prepared.sections, document_id),
            )
            from briefing.store.whoswho import section_titles, write_entities  # when writing

            titles = section_titles(prepared.sections)
            write_entities(connection, document_id, prepared.entities, titles)
            connection.execute(
                "UPDATE library_texts SET title = ? WHERE document_id = ? AND title != ?",
                (prepared.title, document_id, prepared.title),
            )

    def keep_as_oldest(self, document_id: int) -> None:
        """Date a document as read before every other one (put in the library, never read:
        it does not push down what the reader read)."""
        with self.store.transaction() as connection:
            connection.execute(
                "UPDATE documents SET last_opened = coalesce((SELECT min(last_opened) FROM "
                "documents WHERE id != ?) - 1, last_opened) WHERE id = ?",
                (document_id, document_id),
            )

    def set_position(self, document: Document, offset: int) -> None:
        """Remember where the reader left off (a character offset into the document's text)."""
        offset = max(0, min(int(offset), len(document.text)))
        with self.store.transaction() as connection:
            document_id = self.store.find_document(connection, document)
            if document_id is None:
                document_id = self.store.document_id(connection, document)
            connection.execute(
                'INSERT INTO reading_position (document_id, "offset", updated) VALUES (?, ?, ?) '
                'ON CONFLICT (document_id) DO UPDATE SET "offset" = excluded."offset", '
                "updated = excluded.updated",
                (document_id, offset, time.time()),
            )

    def remove(self, ids: Sequence[int]) -> list[LibraryEntry]:
        """Take documents out of the library (their notes and text are kept: `restore` brings
        them back, as does opening or adding them again). Returns those removed now."""
        entries = [self.entry(i) for i in dict.fromkeys(ids)]
        now = time.time()
        with self.store.transaction() as connection:
            for entry in entries:
                connection.execute(
                    "UPDATE documents SET removed = ? WHERE id = ? AND removed IS NULL",
                    (now, entry.id),
                )
        return [e for e in entries if e.removed is None]

    def restore(self, ids: Sequence[int]) -> list[LibraryEntry]:
        """Undo `remove`. Returns those brought back now."""
        entries = [self.entry(i) for i in dict.fromkeys(ids)]
        with self.store.transaction() as connection:
            for entry in entries:
                connection.execute("UPDATE documents SET removed = NULL WHERE id = ?", (entry.id,))
        return [e for e in entries if e.removed is not None]

    def tag(self, ids: Sequence[int], tags: Sequence[str], *, remove: bool = False) -> None:
        """Put `tags` on documents (or take them off, with `remove`)."""
        from briefing.store.notebook import normalise_tags

        clean = normalise_tags(tags)
        entries = [self.entry(i) for i in dict.fromkeys(ids)]
        with self.store.transaction() as connection:
            for entry in entries:
                if remove:
                    connection.executemany(
                        "DELETE FROM document_tags WHERE document_id = ? AND tag = ?",
                        [(entry.id, tag) for tag in clean],
                    )
                else:
                    connection.executemany(
                        "INSERT OR IGNORE INTO document_tags (document_id, tag) VALUES (?, ?)",
                        [(entry.id, tag) for tag in clean],
                    )
                refresh_notes(connection, entry.id)

    # ------------------------------------------------------------------ notes everywhere
    def notes(
        self,
        *,
        tag: str | None = None,
        color: str | None = None,
        document_id: int | None = None,
        words: str | None = None,
    ) -> list[LibraryNote]:
        """The notes of every document in the library (most recently read document first, in
        text order within one), kept to those with `tag`, of `color`, on `document_id`, or
        holding every one of `words` in their note, passage or tags (case-insensitive)."""
        if not self.store.exists():
            return []
        where = ["a.deleted IS NULL", "d.removed IS NULL"]
        values: list[object] = []
        if tag is not None:
            where.append(
                "EXISTS (SELECT 1 FROM annotation_tags t "
                "WHERE t.annotation_id = a.id AND t.tag = ?)"
            )
            values.append(tag.lstrip("#"))
        if color is not None:
            where.append("a.color = ?")
            values.append(color)
        if document_id is not None:
            where.append("a.document_id = ?")
            values.append(document_id)
        with self.store.reading() as connection:
            rows = connection.execute(
                'SELECT a.id, a.start, a."end", a.exact, a.prefix, a.suffix, a.color, a.note, '
                "a.status, a.score, a.created, a.modified, a.document_id, "
                "coalesce(nullif(lt.title, ''), d.title, ''), d.source "
                "FROM annotations a JOIN documents d ON d.id = a.document_id "
                "LEFT JOIN library_texts lt ON lt.document_id = d.id "
                f"WHERE {' AND '.join(where)} "
                'ORDER BY d.last_opened DESC, d.id DESC, a.start, a."end", a.created, a.id',
                values,
            ).fetchall()
            tags = tags_by_annotation(connection, [row[0] for row in rows])
            sections: dict[int, list[tuple[int, str]]] = {}
            for document in {int(row[12]) for row in rows}:
                found = connection.execute(
                    "SELECT sections FROM snapshots WHERE document_id = ?", (document,)
                ).fetchone()
                sections[document] = section_starts(found[0] if found else None)
        wanted = [w.casefold() for w in (words or "").split()]
        notes: list[LibraryNote] = []
        for row in rows:
            annotation = annotation_from_row(row, tags.get(str(row[0]), ()))
            if wanted:
                haystack = " ".join(
                    (annotation.note, annotation.quote.exact, *annotation.tags, str(row[13]))
                ).casefold()
                if not all(w in haystack for w in wanted):
                    continue
            starts = sections[int(row[12])]
            section = None
            if starts and not annotation.orphaned:
                i = bisect.bisect_right([s for s, _ in starts], annotation.start) - 1
                section = starts[i][1] if i >= 0 else None
            notes.append(LibraryNote(int(row[12]), str(row[13]), row[14], section, annotation))
        return notes


def _record(
    connection: sqlite3.Connection,
    prepared: Prepared,
    tags: Sequence[str],
    opened: bool,
    *,
    replace: bool = False,
) -> Recorded:
    document = prepared.document
    found = Store.find_document(connection, document)
    kept_hash = None
    if found is not None:
        row = connection.execute(
            "SELECT content_hash FROM snapshots WHERE document_id = ?", (found,)
        ).fetchone()
        kept_hash = None if row is None else row[0]
        last_read = connection.execute(
            "SELECT last_opened FROM documents WHERE id = ?", (found,)
        ).fetchone()[0]
    document_id = Store.document_id(connection, document)
    now = time.time()
    connection.execute(
        "UPDATE documents SET source = ?, kind = ?, date = coalesce(?, date), removed = NULL, "
        "added = coalesce(added, ?) WHERE id = ?",
        (source_of(document), kind_of(document), document.metadata.date, now, document_id),
    )
    if found is not None and not opened:
        connection.execute(
            "UPDATE documents SET last_opened = ? WHERE id = ?", (last_read, document_id)
        )
    status = "same"
    if replace or kept_hash != document.content_hash:
        status = "new" if found is None else "changed"
        connection.execute(
            "INSERT INTO snapshots (document_id, content_hash, structure, saved, ingest_version) "
            "VALUES (?, ?, ?, ?, ?) ON CONFLICT (document_id) DO UPDATE SET "
            "content_hash = excluded.content_hash, structure = excluded.structure, "
            "analysis_key = NULL, analysis = NULL, sections = NULL, saved = excluded.saved, "
            "ingest_version = excluded.ingest_version",
            (document_id, document.content_hash, prepared.structure, now, prepared.ingest_version),
        )
        _write_text(connection, document_id, prepared.title, document.text)
        connection.execute("DELETE FROM document_entities WHERE document_id = ?", (document_id,))
        connection.execute("DELETE FROM entity_appearances WHERE document_id = ?", (document_id,))
    if prepared.analysis is not None and prepared.entities is not None:
        kept_key = connection.execute(
            "SELECT analysis_key FROM snapshots WHERE document_id = ?", (document_id,)
        ).fetchone()[0]
        if status != "same" or kept_key != prepared.analysis_key:
            connection.execute(
                "UPDATE snapshots SET analysis_key = ?, analysis = ?, sections = ?, saved = ? "
                "WHERE document_id = ?",
                (prepared.analysis_key, prepared.analysis, prepared.sections, now, document_id),
            )
            from briefing.store.whoswho import section_titles, write_entities  # when writing

            titles = section_titles(prepared.sections)
            write_entities(connection, document_id, prepared.entities, titles)
            connection.execute(
                "UPDATE library_texts SET title = ? WHERE document_id = ? AND title != ?",
                (prepared.title, document_id, prepared.title),
            )
    if tags:
        connection.executemany(
            "INSERT OR IGNORE INTO document_tags (document_id, tag) VALUES (?, ?)",
            [(document_id, tag) for tag in tags],
        )
        refresh_notes(connection, document_id)
    had_notes = (
        status == "changed"
        and connection.execute(
            "SELECT 1 FROM annotations WHERE document_id = ? AND deleted IS NULL LIMIT 1",
            (document_id,),
        ).fetchone()
        is not None
    )
    return Recorded(document_id, status, had_notes)


def _write_text(connection: sqlite3.Connection, document_id: int, title: str, body: str) -> None:
    cursor = connection.execute(
        "UPDATE library_texts SET title = ?, body = ? WHERE document_id = ?",
        (title, body, document_id),
    )
    if cursor.rowcount == 0:
        connection.execute(
            "INSERT INTO library_texts (document_id, title, body) VALUES (?, ?, ?)",
            (document_id, title, body),
        )
        refresh_notes(connection, document_id)
