"""The annotations of one document, kept in the user's database.

Every change is one transaction, committed before the call returns: a crash, `kill -9` or a
closed terminal loses nothing the user confirmed. Deleting only marks an annotation deleted (so
undo is exact and nothing is ever lost). Each row keeps the hash of the text its offsets refer
to; opening a changed document re-anchors those rows (see `anchoring`) and records the result.
Two processes may annotate the same document at once: each insert is its own transaction.
"""

from __future__ import annotations

import bisect
import re
import sqlite3
import uuid
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import UTC, datetime

from briefing.model import HIGHLIGHT_COLORS, AnchorStatus, Annotation, Document, TextQuote
from briefing.store.anchoring import AnchorSummary, quote_at, reanchor_all
from briefing.store.database import Store, StoreError
from briefing.store.notes_index import refresh_notes
from briefing.text.safety import clean_note, sanitize

_UUID_HEX = re.compile(r"[0-9a-f]{32}")
_COLUMNS = (
    'id, start, "end", exact, prefix, suffix, color, note, status, score, created, modified, '
    "anchored_hash"
)


def now_iso() -> str:
    """Timestamps as W3C annotations write them: ISO 8601 in UTC, to the second."""
    return datetime.now(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


MAX_NOTE_CHARS = 1_000_000
"""Longest note kept (about 500 pages): a note, not a second document."""
MAX_TAG_CHARS = 200
MAX_TAGS = 100


def normalise_tags(tags: Iterable[str]) -> tuple[str, ...]:
    """Tags as Obsidian takes them: no '#', no spaces (spaces become '-'), no control
    characters, unique, in order. Refuses more or longer tags than a person writes."""
    seen: dict[str, None] = {}
    for tag in tags:
        clean = "-".join(clean_note(tag).strip().lstrip("#").split())
        if len(clean) > MAX_TAG_CHARS:
            raise StoreError(f"a tag is {len(clean)} characters long; the limit is {MAX_TAG_CHARS}")
        if clean:
            seen.setdefault(clean, None)
    if len(seen) > MAX_TAGS:
        raise StoreError(f"{len(seen)} tags on one note; the limit is {MAX_TAGS}")
    return tuple(seen)


def checked_note(note: str) -> str:
    """A note as it is kept: control characters made safe (see `safety.clean_note`), and
    refused in one line when longer than `MAX_NOTE_CHARS`."""
    if len(note) > MAX_NOTE_CHARS:
        raise StoreError(
            f"the note is {len(note):,} characters long; the limit is {MAX_NOTE_CHARS:,}"
        )
    return clean_note(note)


def clean_quote(quote: TextQuote) -> TextQuote:
    """A quote made safe the way document text is, so that it can match that text."""
    return TextQuote(sanitize(quote.exact), sanitize(quote.prefix), sanitize(quote.suffix))


def new_annotation(
    text: str,
    start: int,
    end: int,
    *,
    color: str = HIGHLIGHT_COLORS[0],
    note: str = "",
    tags: Sequence[str] = (),
) -> Annotation:
    """An annotation of `text[start:end]`, checked and made safe but not yet kept (no database:
    the app shows it at once and keeps it with `Notebook.insert` on its writer thread)."""
    if not 0 <= start < end <= len(text):
        raise StoreError(f"no passage at {start}–{end} in a text of {len(text)} characters")
    if color not in HIGHLIGHT_COLORS:
        raise StoreError(f"unknown colour {color!r} (choose from {', '.join(HIGHLIGHT_COLORS)})")
    stamp = now_iso()
    return Annotation(
        id=uuid.uuid4().hex,
        start=start,
        end=end,
        quote=quote_at(text, start, end),
        color=color,
        note=checked_note(note),
        tags=normalise_tags(tags),
        created=stamp,
        modified=stamp,
    )


def edited(
    current: Annotation,
    *,
    note: str | None = None,
    tags: Sequence[str] | None = None,
    color: str | None = None,
) -> Annotation:
    """`current` with a new note, tags or colour (not yet kept: `Notebook.save`)."""
    if color is not None and color not in HIGHLIGHT_COLORS:
        raise StoreError(f"unknown colour {color!r}")
    return replace(
        current,
        note=current.note if note is None else checked_note(note),
        tags=current.tags if tags is None else normalise_tags(tags),
        color=current.color if color is None else color,
        modified=now_iso(),
    )


def reattached(text: str, current: Annotation, start: int, end: int) -> Annotation:
    """`current` attached to `text[start:end]`, exactly (not yet kept: `Notebook.save`)."""
    if not 0 <= start < end <= len(text):
        raise StoreError(f"no passage at {start}–{end}")
    return replace(
        current,
        start=start,
        end=end,
        quote=quote_at(text, start, end),
        status=AnchorStatus.EXACT,
        score=1.0,
        modified=now_iso(),
    )


def confirmed(text: str, current: Annotation) -> Annotation:
    """A moved annotation the user agrees found its passage: it quotes today's text."""
    if current.orphaned:
        raise StoreError("an orphaned note has no passage to confirm; re-attach it instead")
    return reattached(text, current, current.start, current.end)


@dataclass(frozen=True, slots=True)
class Draft:
    """A note being typed, saved as it is typed so that a crash does not lose it."""

    annotation_id: str | None
    """The annotation whose note is being edited; None for a new annotation."""
    start: int
    end: int
    quote: TextQuote
    body: str
    updated: str


class Notebook:
    """Annotations of `document` in `store`; `annotations` is the live list, in text order."""

    def __init__(self, store: Store, document: Document) -> None:
        self.store = store
        self.document = document
        self.annotations: list[Annotation] = []

    # ------------------------------------------------------------------ opening
    def open(self, *, persist: bool = True, reanchor: bool = False) -> AnchorSummary:
        """Load the annotations, re-anchoring those made on another version of the text and
        recording what was found; returns what re-anchoring did now. With `persist=False`,
        or when the database can only be read, nothing is written (for export and listing).
        `reanchor` re-anchors every one (a newer ingest changed the text of the same file)."""
        if not self.store.exists():
            self.annotations = []
            return AnchorSummary()
        persist = persist and self.store.writable()
        text = self.document.text
        with self._session(persist) as connection:
            document_id = (
                self.store.document_id(connection, self.document)
                if persist
                else self.store.find_document(connection, self.document)
            )
            rows = connection.execute(
                f"SELECT {_COLUMNS} FROM annotations WHERE document_id = ? AND deleted IS NULL",
                (document_id,),
            ).fetchall()
            tags = tags_by_annotation(connection, [row[0] for row in rows])
            annotations: list[Annotation] = []
            stale: list[Annotation] = []
            for row in rows:
                annotation = annotation_from_row(row, tags.get(row[0], ()))
                if row[12] == self.document.content_hash and not reanchor:
                    annotations.append(annotation)
                else:
                    stale.append(annotation)
            changed = reanchor_all(text, stale)
            annotations.extend(changed)
            for annotation in changed if persist else ():
                connection.execute(
                    'UPDATE annotations SET start = ?, "end" = ?, status = ?, score = ?, '
                    "anchored_hash = ? WHERE id = ?",
                    (
                        annotation.start,
                        annotation.end,
                        annotation.status.value,
                        annotation.score,
                        self.document.content_hash,
                        annotation.id,
                    ),
                )
        self.annotations = sorted(annotations, key=_text_order)
        return AnchorSummary.of(changed)

    @contextmanager
    def _session(self, write: bool) -> Iterator[sqlite3.Connection]:
        if write:
            with self.store.transaction() as connection:
                yield connection
        else:
            with self.store.reading() as connection:
                yield connection

    # ------------------------------------------------------------------ changes
    def add(
        self,
        start: int,
        end: int,
        *,
        color: str = HIGHLIGHT_COLORS[0],
        note: str = "",
        tags: Sequence[str] = (),
    ) -> Annotation:
        """Annotate `text[start:end]` (a range of the current text)."""
        annotation = new_annotation(
            self.document.text, start, end, color=color, note=note, tags=tags
        )
        self.insert(annotation)
        return annotation

    def add_existing(self, annotation: Annotation) -> Annotation | None:
        """Keep one annotation made elsewhere (see `import_annotations`); None if this
        document already has it."""
        kept = self.import_annotations([annotation])
        return kept[0] if kept else None

    def import_annotations(self, annotations: Iterable[Annotation]) -> list[Annotation]:
        """Keep annotations made elsewhere (an import), already anchored, in one transaction:
        all of them or, if anything fails, none. An id is kept when it is a free uuid. One
        this document already has (same id, or same passage and note) is not added twice;
        the list returned holds those added, as kept (notes and quotes made safe)."""
        ids = {a.id for a in self.annotations}
        passages = {(a.start, a.end, a.quote.exact, a.note) for a in self.annotations}
        kept: list[Annotation] = []
        with self.store.transaction() as connection:
            document_id = self.store.document_id(connection, self.document)
            for annotation in annotations:
                annotation = replace(
                    annotation,
                    quote=clean_quote(annotation.quote),
                    note=checked_note(annotation.note),
                    tags=normalise_tags(annotation.tags),
                )
                quote = annotation.quote
                passage = (annotation.start, annotation.end, quote.exact, annotation.note)
                if annotation.id in ids or passage in passages:
                    continue
                if (
                    not _UUID_HEX.fullmatch(annotation.id)
                    or connection.execute(
                        "SELECT 1 FROM annotations WHERE id = ?", (annotation.id,)
                    ).fetchone()
                ):
                    annotation = replace(annotation, id=uuid.uuid4().hex)
                connection.execute(
                    f"INSERT INTO annotations (document_id, {_COLUMNS}) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (document_id, *self._row(annotation)),
                )
                _write_tags(connection, annotation)
                ids.add(annotation.id)
                passages.add(passage)
                kept.append(annotation)
            if kept:
                refresh_notes(connection, document_id)
        self.annotations = sorted([*self.annotations, *kept], key=_text_order)
        return kept

    def insert(self, annotation: Annotation) -> None:
        """Keep a new annotation made by `new_annotation`."""
        with self.store.transaction() as connection:
            document_id = self.store.document_id(connection, self.document)
            connection.execute(
                f"INSERT INTO annotations (document_id, {_COLUMNS}) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (document_id, *self._row(annotation)),
            )
            _write_tags(connection, annotation)
            refresh_notes(connection, document_id)
        self._put(annotation)

    def update(
        self,
        annotation_id: str,
        *,
        note: str | None = None,
        tags: Sequence[str] | None = None,
        color: str | None = None,
    ) -> Annotation:
        """Change an annotation's note, tags or colour."""
        changed = edited(self.get(annotation_id), note=note, tags=tags, color=color)
        self.save(changed)
        return changed

    def confirm(self, annotation_id: str) -> Annotation:
        """The user agrees a moved annotation found its passage: it now quotes today's text."""
        changed = confirmed(self.document.text, self.get(annotation_id))
        self.save(changed)
        return changed

    def reattach(self, annotation_id: str, start: int, end: int) -> Annotation:
        """Attach an annotation (typically an orphan) to `text[start:end]`."""
        changed = reattached(self.document.text, self.get(annotation_id), start, end)
        self.save(changed)
        return changed

    def delete(self, annotation_id: str) -> Annotation:
        """Mark an annotation deleted (kept in the database: `restore` undoes this)."""
        current = self.get(annotation_id)
        with self.store.transaction() as connection:
            connection.execute(
                "UPDATE annotations SET deleted = ? WHERE id = ?", (now_iso(), annotation_id)
            )
            _refresh_index(connection, annotation_id)
        self.annotations = [a for a in self.annotations if a.id != annotation_id]
        return current

    def restore(self, annotation: Annotation) -> Annotation:
        """Undo `delete`."""
        with self.store.transaction() as connection:
            cursor = connection.execute(
                "UPDATE annotations SET deleted = NULL WHERE id = ?", (annotation.id,)
            )
            if cursor.rowcount == 0:
                raise StoreError("that note is not in the database any more")
            _refresh_index(connection, annotation.id)
        self._put(annotation)
        return annotation

    def get(self, annotation_id: str) -> Annotation:
        for annotation in self.annotations:
            if annotation.id == annotation_id:
                return annotation
        raise StoreError(f"no note {annotation_id!r} on this document")

    def find(self, prefix: str) -> Annotation:
        """The annotation whose id starts with `prefix` (ids are long; scripts use a few)."""
        prefix = prefix.strip().lower()
        if not prefix:
            raise StoreError("no note id given (give the id, or enough of its start)")
        matches = [a for a in self.annotations if a.id.startswith(prefix)]
        if not matches:
            raise StoreError(f"no note with id {prefix!r} on this document")
        if len(matches) > 1:
            raise StoreError(f"{len(matches)} notes have ids starting {prefix!r}; give more of it")
        return matches[0]

    def save(self, annotation: Annotation) -> None:
        """Keep a changed annotation (made by `edited`, `confirmed` or `reattached`)."""
        with self.store.transaction() as connection:
            connection.execute(
                'UPDATE annotations SET start = ?, "end" = ?, exact = ?, prefix = ?, suffix = ?, '
                "color = ?, note = ?, status = ?, score = ?, modified = ?, anchored_hash = ? "
                "WHERE id = ?",
                (
                    annotation.start,
                    annotation.end,
                    annotation.quote.exact,
                    annotation.quote.prefix,
                    annotation.quote.suffix,
                    annotation.color,
                    annotation.note,
                    annotation.status.value,
                    annotation.score,
                    annotation.modified,
                    self.document.content_hash,
                    annotation.id,
                ),
            )
            connection.execute(
                "DELETE FROM annotation_tags WHERE annotation_id = ?", (annotation.id,)
            )
            _write_tags(connection, annotation)
            _refresh_index(connection, annotation.id)
        self._put(annotation)

    def _row(self, a: Annotation) -> tuple[object, ...]:
        return (
            a.id,
            a.start,
            a.end,
            a.quote.exact,
            a.quote.prefix,
            a.quote.suffix,
            a.color,
            a.note,
            a.status.value,
            a.score,
            a.created,
            a.modified,
            self.document.content_hash,
        )

    def _put(self, annotation: Annotation) -> None:
        others = [a for a in self.annotations if a.id != annotation.id]
        bisect.insort(others, annotation, key=_text_order)
        self.annotations = others

    # ------------------------------------------------------------------ tags
    def tags_in_use(self) -> list[str]:
        """Every tag the user has used, on any document, most used first (for autocomplete)."""
        if not self.store.exists():
            return []
        with self.store.reading() as connection:
            rows = connection.execute(
                "SELECT tag FROM annotation_tags JOIN annotations ON annotations.id = "
                "annotation_id WHERE deleted IS NULL GROUP BY tag ORDER BY count(*) DESC, tag"
            ).fetchall()
        return [row[0] for row in rows]

    # ------------------------------------------------------------------ drafts
    def save_draft(self, annotation_id: str | None, start: int, end: int, body: str) -> None:
        """Keep the note being typed (called as the user types)."""
        quote = quote_at(self.document.text, start, end)
        body = checked_note(body)
        with self.store.transaction() as connection:
            document_id = self.store.document_id(connection, self.document)
            connection.execute(
                'INSERT INTO drafts (document_id, annotation_id, start, "end", exact, prefix, '
                "suffix, body, updated) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) "
                "ON CONFLICT (document_id) DO UPDATE SET annotation_id = excluded.annotation_id, "
                'start = excluded.start, "end" = excluded."end", exact = excluded.exact, '
                "prefix = excluded.prefix, suffix = excluded.suffix, body = excluded.body, "
                "updated = excluded.updated",
                (
                    document_id,
                    annotation_id,
                    start,
                    end,
                    quote.exact,
                    quote.prefix,
                    quote.suffix,
                    body,
                    now_iso(),
                ),
            )

    def draft(self) -> Draft | None:
        """The note that was being typed when briefing last stopped, if any."""
        if not self.store.exists():
            return None
        with self.store.reading() as connection:
            document_id = self.store.find_document(connection, self.document)
            row = connection.execute(
                'SELECT annotation_id, start, "end", exact, prefix, suffix, body, updated '
                "FROM drafts WHERE document_id = ?",
                (document_id,),
            ).fetchone()
        if row is None:
            return None
        quote = clean_quote(TextQuote(row[3], row[4], row[5]))
        start, end = row[1], row[2]
        if self.document.text[start:end] != quote.exact:
            from briefing.store.anchoring import anchor

            found = anchor(self.document.text, quote, start)
            start, end = (found.start, found.end) if found else (start, end)
        return Draft(row[0], start, end, quote, clean_note(row[6]), row[7])

    def discard_draft(self) -> None:
        with self.store.transaction() as connection:
            document_id = self.store.document_id(connection, self.document)
            connection.execute("DELETE FROM drafts WHERE document_id = ?", (document_id,))


def _text_order(annotation: Annotation) -> tuple[int, int, str]:
    return (annotation.start, annotation.end, annotation.created)


def annotation_from_row(row: sqlite3.Row | tuple[object, ...], tags: tuple[str, ...]) -> Annotation:
    """An annotation from its columns in `_COLUMNS` order (the first twelve), made safe to show."""
    return Annotation(
        id=str(row[0]),
        start=int(str(row[1])),
        end=int(str(row[2])),
        quote=clean_quote(TextQuote(str(row[3]), str(row[4]), str(row[5]))),
        color=str(row[6]),
        note=clean_note(str(row[7])),
        tags=tuple(clean_note(tag) for tag in tags),
        status=AnchorStatus(str(row[8])),
        score=float(str(row[9])),
        created=str(row[10]),
        modified=str(row[11]),
    )


def tags_by_annotation(
    connection: sqlite3.Connection, ids: list[str]
) -> dict[str, tuple[str, ...]]:
    """Each annotation's tags in the order given, read 500 ids at a time."""
    found: dict[str, list[str]] = {}
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        marks = ",".join("?" * len(chunk))
        for annotation_id, tag in connection.execute(
            f"SELECT annotation_id, tag FROM annotation_tags WHERE annotation_id IN ({marks}) "
            "ORDER BY rowid",
            chunk,
        ):
            found.setdefault(annotation_id, []).append(tag)
    return {key: tuple(value) for key, value in found.items()}


def _refresh_index(connection: sqlite3.Connection, annotation_id: str) -> None:
    """The library's index of the notes of the document holding `annotation_id`."""
    row = connection.execute(
        "SELECT document_id FROM annotations WHERE id = ?", (annotation_id,)
    ).fetchone()
    if row is not None:
        refresh_notes(connection, int(row[0]))


def _write_tags(connection: sqlite3.Connection, annotation: Annotation) -> None:
    connection.executemany(
        "INSERT OR IGNORE INTO annotation_tags (annotation_id, tag) VALUES (?, ?)",
        [(annotation.id, tag) for tag in annotation.tags],
    )
