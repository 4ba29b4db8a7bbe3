"""The user's database: one SQLite file in the data directory, opened when first needed.

WAL mode (readers never block the writer, and a crash loses nothing committed), one transaction
per change, a `schema_version` table and ordered forward migrations. The directory and the file
are readable by the user only. Rows become model objects at this edge, nowhere else.
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import sqlite3
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from briefing.errors import BriefingError
from briefing.model import Document
from briefing.paths import data_dir, make_private_dirs

DATABASE_NAME = "briefing.sqlite3"

MIGRATIONS: tuple[str, ...] = (
    # 1: documents by content hash, and the user's corrections to their sections.
    """
    CREATE TABLE documents (
        id INTEGER PRIMARY KEY,
        content_hash TEXT NOT NULL UNIQUE,
        path TEXT,
        title TEXT,
        first_opened REAL NOT NULL,
        last_opened REAL NOT NULL
    );
    CREATE TABLE section_corrections (
        document_id INTEGER PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
        plan TEXT NOT NULL,
        updated REAL NOT NULL
    );
    """,
    # 2: annotations (soft-deleted, so a delete can be undone and nothing is ever lost), their
    # tags, and the note being typed (one draft per document).
    """
    CREATE TABLE annotations (
        id TEXT PRIMARY KEY,
        document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        anchored_hash TEXT NOT NULL,
        start INTEGER NOT NULL,
        "end" INTEGER NOT NULL,
        exact TEXT NOT NULL,
        prefix TEXT NOT NULL,
        suffix TEXT NOT NULL,
        color TEXT NOT NULL,
        note TEXT NOT NULL,
        status TEXT NOT NULL,
        score REAL NOT NULL,
        created TEXT NOT NULL,
        modified TEXT NOT NULL,
        deleted TEXT
    );
    CREATE INDEX annotations_by_document ON annotations (document_id, deleted);
    CREATE TABLE annotation_tags (
        annotation_id TEXT NOT NULL REFERENCES annotations(id) ON DELETE CASCADE,
        tag TEXT NOT NULL,
        PRIMARY KEY (annotation_id, tag)
    );
    CREATE INDEX annotation_tags_by_tag ON annotation_tags (tag);
    CREATE TABLE drafts (
        document_id INTEGER PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
        annotation_id TEXT,
        start INTEGER NOT NULL,
        "end" INTEGER NOT NULL,
        exact TEXT NOT NULL,
        prefix TEXT NOT NULL,
        suffix TEXT NOT NULL,
        body TEXT NOT NULL,
        updated TEXT NOT NULL
    );
    """,
    # 3: every place a document's file was seen, with the text it held there. A document is
    # found by its path first (an edited file keeps its notes), then by its text (a moved,
    # renamed or copied file finds them); a copy adds a place and never takes one away.
    """
    CREATE TABLE document_locations (
        path TEXT PRIMARY KEY,
        document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        content_hash TEXT NOT NULL,
        seen REAL NOT NULL
    );
    CREATE INDEX document_locations_by_hash ON document_locations (content_hash, seen);
    INSERT OR IGNORE INTO document_locations (path, document_id, content_hash, seen)
        SELECT path, id, content_hash, last_opened FROM documents
        WHERE path IS NOT NULL ORDER BY last_opened DESC;
    """,
    # 4: where the reader left each document (the text offset at the top of the view), so
    # reopening it starts there.
    """
    CREATE TABLE reading_position (
        document_id INTEGER PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
        "offset" INTEGER NOT NULL,
        updated REAL NOT NULL
    );
    """,
    # 5: the library. Every document read is kept: where it came from, when it was added,
    # whether it was removed (undone by clearing `removed`; where the reader left off is
    # `reading_position`, 4); its
    # text and structure (`snapshots`, `library_texts`) and the reading analysis made of it,
    # tagged with the analysis that made it; its text, title, notes and tags in a full-text
    # index (FTS5 over `library_texts`, kept in step by triggers); the people, organisations
    # and places it names, merged across documents (`entities`, `entity_keys`,
    # `document_entities`); tags on the document itself. Documents from earlier schemas are
    # in the library with their notes; their text is kept when they are next opened or added.
    """
    ALTER TABLE documents ADD COLUMN source TEXT;
    ALTER TABLE documents ADD COLUMN kind TEXT;
    ALTER TABLE documents ADD COLUMN date TEXT;
    ALTER TABLE documents ADD COLUMN added REAL;
    ALTER TABLE documents ADD COLUMN removed REAL;
    UPDATE documents SET added = first_opened, source = path,
        kind = CASE WHEN path IS NULL THEN NULL WHEN lower(substr(path, 1, 7)) = 'http://'
            OR lower(substr(path, 1, 8)) = 'https://' THEN 'url' ELSE 'file' END;
    CREATE INDEX documents_by_last_opened ON documents (last_opened);
    CREATE TABLE document_tags (
        document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        tag TEXT NOT NULL,
        PRIMARY KEY (document_id, tag)
    ) WITHOUT ROWID;
    CREATE INDEX document_tags_by_tag ON document_tags (tag);
    CREATE TABLE snapshots (
        document_id INTEGER PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
        content_hash TEXT NOT NULL,
        structure BLOB NOT NULL,
        analysis_key TEXT,
        analysis BLOB,
        sections TEXT,
        saved REAL NOT NULL
    );
    CREATE TABLE library_texts (
        document_id INTEGER PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
        title TEXT NOT NULL DEFAULT '',
        body TEXT NOT NULL DEFAULT '',
        notes TEXT NOT NULL DEFAULT '',
        tags TEXT NOT NULL DEFAULT ''
    );
    CREATE VIRTUAL TABLE library_search USING fts5(
        title, body, notes, tags,
        content='library_texts', content_rowid='document_id',
        tokenize='unicode61 remove_diacritics 2'
    );
    CREATE TRIGGER library_texts_inserted AFTER INSERT ON library_texts BEGIN
        INSERT INTO library_search (rowid, title, body, notes, tags)
            VALUES (new.document_id, new.title, new.body, new.notes, new.tags);
    END;
    CREATE TRIGGER library_texts_deleted AFTER DELETE ON library_texts BEGIN
        INSERT INTO library_search (library_search, rowid, title, body, notes, tags)
            VALUES ('delete', old.document_id, old.title, old.body, old.notes, old.tags);
    END;
    CREATE TRIGGER library_texts_updated AFTER UPDATE OF title, body, notes, tags
        ON library_texts BEGIN
        INSERT INTO library_search (library_search, rowid, title, body, notes, tags)
            VALUES ('delete', old.document_id, old.title, old.body, old.notes, old.tags);
        INSERT INTO library_search (rowid, title, body, notes, tags)
            VALUES (new.document_id, new.title, new.body, new.notes, new.tags);
    END;
    CREATE TABLE entities (
        id INTEGER PRIMARY KEY,
        type TEXT NOT NULL,
        name TEXT NOT NULL
    );
    CREATE TABLE entity_keys (
        type TEXT NOT NULL,
        key TEXT NOT NULL,
        kind TEXT NOT NULL,
        entity_id INTEGER NOT NULL REFERENCES entities(id) ON DELETE CASCADE,
        PRIMARY KEY (type, key, kind, entity_id)
    ) WITHOUT ROWID;
    CREATE INDEX entity_keys_by_key ON entity_keys (key);
    CREATE TABLE entity_words (
        word TEXT NOT NULL,
        entity_id INTEGER NOT NULL REFERENCES entities(id) ON DELETE CASCADE,
        PRIMARY KEY (word, entity_id)
    ) WITHOUT ROWID;
    CREATE TABLE document_entities (
        document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        local_id TEXT NOT NULL,
        entity_id INTEGER NOT NULL REFERENCES entities(id),
        name TEXT NOT NULL,
        role TEXT,
        mentions INTEGER NOT NULL,
        sections TEXT NOT NULL,
        quotes TEXT NOT NULL,
        PRIMARY KEY (document_id, local_id)
    ) WITHOUT ROWID;
    CREATE INDEX document_entities_by_entity ON document_entities (entity_id, document_id);
    INSERT INTO library_texts (document_id, title) SELECT id, coalesce(title, '') FROM documents;
    """,
    # 6: what `briefing who NAME` shows of each briefing an entity appears in, made when the
    # briefing's entities are written rather than at every query: one row per library entity
    # and document (two entities of one reading that the library takes for one are merged),
    # kept in entity order so that an entity's briefings are read in one range, with the
    # titles of the sections that mention it and its quotes with their section's title
    # (`who` read the snapshot's sections of every briefing for them). Filled for the
    # documents already in the library from `document_entities` and `snapshots` (the narrow
    # index by entity counts briefings without reading the rows' quotes); then
    # `document_entities` keeps only which library entity each entity of a reading is (its
    # `sections` and `quotes` columns go: rebuilt without them, after the fill).
    """
    CREATE TABLE entity_appearances (
        entity_id INTEGER NOT NULL REFERENCES entities(id),
        document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        name TEXT NOT NULL,
        role TEXT,
        mentions INTEGER NOT NULL,
        sections TEXT NOT NULL,
        said TEXT NOT NULL,
        also TEXT NOT NULL,
        PRIMARY KEY (entity_id, document_id)
    ) WITHOUT ROWID;
    CREATE INDEX entity_appearances_by_document ON entity_appearances (document_id, entity_id);
    CREATE INDEX entity_appearances_by_entity ON entity_appearances (entity_id, document_id);
    """,
    # 7: which version of the ingest code made each kept text (`briefing.ingest.INGEST_VERSION`),
    # so that a document whose file is unchanged is read again by a newer ingest (a plain-text
    # headline that became the title). Texts kept before say 0: older than any version.
    """
    ALTER TABLE snapshots ADD COLUMN ingest_version INTEGER NOT NULL DEFAULT 0;
    """,
)


def _index_earlier_notes(connection: sqlite3.Connection) -> None:
    """Schema 5: the notes and tags of documents from earlier schemas go into the search index."""
    from briefing.store.notes_index import refresh_all_notes

    refresh_all_notes(connection)


def _fill_appearances(connection: sqlite3.Connection) -> None:
    """Schema 6: the appearances of the entities of documents already in the library."""
    from briefing.store.whoswho import fill_appearances

    fill_appearances(connection)


POST_MIGRATION: dict[int, Callable[[sqlite3.Connection], None]] = {
    5: _index_earlier_notes,
    6: _fill_appearances,
}
"""Steps in Python after a migration's SQL, in the same transaction."""
SCHEMA_VERSION = len(MIGRATIONS)
OPEN_TIMEOUT = 30.0
"""Seconds to keep trying when another process holds the new database's first lock."""


class StoreError(BriefingError):
    """The database cannot be opened or written."""


class ReadOnlyStoreError(StoreError):
    """A change asked of a database briefing can only read."""


def _problem(path: Path, exc: BaseException) -> str:
    """One line saying what went wrong with the database, and what the user can do."""
    text = str(exc)
    lowered = text.lower()
    if "malformed" in lowered or "not a database" in lowered:
        return (
            f"{path}: the notes database is damaged ({text}); briefing left it as it is: "
            "move it aside to start afresh, or restore it from a backup"
        )
    if "readonly" in lowered or "read-only" in lowered:
        return f"{path}: the notes database is read-only; nothing was saved"
    if "full" in lowered:
        return f"{path}: the disk is full; nothing was saved"
    if "locked" in lowered or "busy" in lowered:
        return f"{path}: the notes database is locked by another program; try again"
    return f"{path}: cannot use the notes database ({text})"


def _cannot_write(exc: sqlite3.Error | OSError) -> bool:
    """Whether opening failed only because the database (or its folder) cannot be written."""
    if isinstance(exc, PermissionError):
        return True
    text = str(exc).lower()
    return "readonly" in text or "read-only" in text or "unable to open" in text


class Store:
    """Access to the database; every public method is one transaction.

    A database that can only be read (a read-only file or folder) is opened read-only: listing
    and exporting work, and any change raises `ReadOnlyStoreError` with one line."""

    def __init__(self, path: Path | None = None) -> None:
        self._path = path
        self._connection: sqlite3.Connection | None = None
        self._lock = threading.RLock()
        """One connection shared by the app's threads, one user of it at a time."""
        self.read_only = False
        """True once the database was opened for reading only."""

    @classmethod
    def default(cls) -> Store:
        """The store in the user's data directory, located when first used."""
        return cls()

    @property
    def path(self) -> Path:
        if self._path is None:
            self._path = data_dir() / DATABASE_NAME
        return self._path

    # ------------------------------------------------------------------ connection
    def _connect(self) -> sqlite3.Connection:
        if self._connection is not None:
            return self._connection
        deadline = time.monotonic() + OPEN_TIMEOUT
        while True:
            try:
                self._connection = self._open()
                return self._connection
            except sqlite3.OperationalError as exc:
                # Two processes opening a new database at once: switching it to WAL takes an
                # exclusive lock that SQLite's busy timeout does not wait for. Try again.
                if "locked" not in str(exc) or time.monotonic() > deadline:
                    raise StoreError(_problem(self.path, exc)) from None
                time.sleep(0.02)
            except (OSError, sqlite3.Error, ValueError) as exc:
                raise StoreError(_problem(self.path, exc)) from None

    def _open(self) -> sqlite3.Connection:
        try:
            return self._open_writable()
        except (OSError, sqlite3.Error) as exc:
            if not (_cannot_write(exc) and self.path.is_file()):
                raise
        connection = self._open_read_only()
        self.read_only = True
        return connection

    def _open_writable(self) -> sqlite3.Connection:
        make_private_dirs(self.path.parent)
        if not self.path.exists():
            # Made readable by the user only before SQLite writes a byte (an empty file is an
            # empty database); SQLite gives its -wal and -shm files the same permissions.
            os.close(os.open(self.path, os.O_CREAT | os.O_WRONLY, 0o600))
        connection = sqlite3.connect(
            self.path, timeout=30, isolation_level=None, check_same_thread=False
        )
        try:
            connection.execute("PRAGMA journal_mode=WAL")
            connection.execute("PRAGMA synchronous=NORMAL")
            connection.execute("PRAGMA foreign_keys=ON")
            migrate(connection)
        except BaseException:
            connection.close()
            raise
        if not os.access(self.path, os.W_OK):
            # SQLite opens a file it may not write for reading without a word; say so here.
            connection.close()
            raise PermissionError(errno.EACCES, "read-only", str(self.path))
        return connection

    def _open_read_only(self) -> sqlite3.Connection:
        """The database for reading only: with `mode=ro`, else (a WAL database in a folder
        where SQLite cannot make its shared-memory file) as an immutable file."""
        last: sqlite3.Error | None = None
        for flags in ("mode=ro", "immutable=1"):
            uri = f"{self.path.absolute().as_uri()}?{flags}"
            connection = sqlite3.connect(
                uri, uri=True, timeout=30, isolation_level=None, check_same_thread=False
            )
            try:
                version = schema_version(connection, create=False)
            except sqlite3.Error as exc:
                connection.close()
                last = exc
                continue
            if version != SCHEMA_VERSION:
                connection.close()
                raise StoreError(
                    f"{self.path}: the notes database is read-only and from "
                    f"{'a newer' if version > SCHEMA_VERSION else 'an older'} briefing "
                    f"(schema {version}); it cannot be read as it is"
                )
            return connection
        assert last is not None
        raise last

    def writable(self) -> bool:
        """Whether changes can be saved (opens the database)."""
        with self._lock:
            self._connect()
        return not self.read_only

    def close(self) -> None:
        if self._connection is not None:
            self._connection.close()
            self._connection = None

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """One change, all or nothing. Database failures become one-line `StoreError`s."""
        with self._lock:
            connection = self._connect()
            if self.read_only:
                raise ReadOnlyStoreError(
                    f"{self.path}: the notes database is read-only; nothing was saved"
                )
            try:
                connection.execute("BEGIN IMMEDIATE")
                yield connection
                connection.execute("COMMIT")
            except BaseException as exc:
                with contextlib.suppress(sqlite3.Error):
                    if connection.in_transaction:
                        connection.execute("ROLLBACK")
                if isinstance(exc, sqlite3.Error):
                    raise StoreError(_problem(self.path, exc)) from None
                raise

    @contextmanager
    def reading(self) -> Iterator[sqlite3.Connection]:
        """Reads that see one consistent state and never write (work on a read-only store)."""
        with self._lock:
            connection = self._connect()
            try:
                connection.execute("BEGIN")
                yield connection
            except sqlite3.Error as exc:
                raise StoreError(_problem(self.path, exc)) from None
            finally:
                with contextlib.suppress(sqlite3.Error):
                    if connection.in_transaction:
                        connection.execute("COMMIT")

    # ------------------------------------------------------------------ documents
    @staticmethod
    def find_document(connection: sqlite3.Connection, document: Document) -> int | None:
        """The document's row, or None. Reads only. Found by, in order: the path of its file
        (the same file, perhaps edited: it keeps its notes, whatever else was copied from or
        onto it); the text it was last seen with (a moved or renamed file, or a copy); any
        place its text was seen."""
        path = path_key(document)
        if path is not None:
            row = connection.execute(
                "SELECT document_id FROM document_locations WHERE path = ?", (path,)
            ).fetchone()
            if row is not None:
                return int(row[0])
        row = connection.execute(
            "SELECT id FROM documents WHERE content_hash = ?", (document.content_hash,)
        ).fetchone()
        if row is None:
            row = connection.execute(
                "SELECT document_id FROM document_locations WHERE content_hash = ? "
                "ORDER BY seen DESC LIMIT 1",
                (document.content_hash,),
            ).fetchone()
        return None if row is None else int(row[0])

    @classmethod
    def document_id(cls, connection: sqlite3.Connection, document: Document) -> int:
        """The document's row (see `find_document`), made if new; this file's path is added to
        its places, and the row records this version of the text. Annotations keep the hash
        of the text their offsets refer to, so they are re-anchored whatever updated it."""
        now = time.time()
        path = path_key(document)
        found = cls.find_document(connection, document)
        if found is None:
            cursor = connection.execute(
                "INSERT INTO documents (content_hash, path, title, first_opened, last_opened, "
                "added, source, kind, date) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    document.content_hash,
                    path,
                    document.display_title,
                    now,
                    now,
                    now,
                    source_of(document),
                    kind_of(document),
                    document.metadata.date,
                ),
            )
            found = int(cursor.lastrowid or 0)
            connection.execute(
                "INSERT INTO library_texts (document_id, title) VALUES (?, ?)",
                (found, document.display_title),
            )
        else:
            # Another document may hold this text already (a file overwritten by a copy of
            # one): this one keeps the hash it had, the place below records the new text.
            connection.execute(
                "UPDATE OR IGNORE documents SET content_hash = ? WHERE id = ?",
                (document.content_hash, found),
            )
            connection.execute(
                "UPDATE documents SET path = coalesce(?, path), title = ?, last_opened = ? "
                "WHERE id = ?",
                (path, document.display_title, now, found),
            )
        if path is not None:
            connection.execute(
                "INSERT INTO document_locations (path, document_id, content_hash, seen) "
                "VALUES (?, ?, ?, ?) ON CONFLICT (path) DO UPDATE SET "
                "content_hash = excluded.content_hash, seen = excluded.seen",
                (path, found, document.content_hash, now),
            )
        return found

    def exists(self) -> bool:
        """Whether there is a database yet (reading never creates one)."""
        return self._connection is not None or self.path.exists()

    # ------------------------------------------------------------------ section corrections
    def section_plan(self, document: Document) -> dict[str, object] | None:
        """The user's section plan for this document (see `analysis.corrections`), if any."""
        if not self.exists():
            return None  # nothing saved yet: do not create a database just to read it
        # Found like the notes (by path, else by content): the document's row follows its
        # file when it is edited, and a lookup by content alone missed a plan while the
        # row still had the old text's hash, so the next correction overwrote it.
        with self.reading() as connection:
            document_id = self.find_document(connection, document)
            row = connection.execute(
                "SELECT plan FROM section_corrections WHERE document_id = ?", (document_id,)
            ).fetchone()
        if row is None:
            return None
        try:
            plan = json.loads(row[0])
        except (ValueError, RecursionError):
            return None  # a damaged plan: the automatic sections, the row left as it is
        return plan if isinstance(plan, dict) else None

    def save_section_plan(self, document: Document, plan: dict[str, object] | None) -> None:
        """Keep `plan` for this document; None forgets it (back to the automatic split)."""
        with self.transaction() as connection:
            document_id = self.document_id(connection, document)
            if plan is None:
                connection.execute(
                    "DELETE FROM section_corrections WHERE document_id = ?", (document_id,)
                )
            else:
                connection.execute(
                    "INSERT INTO section_corrections (document_id, plan, updated) VALUES (?, ?, ?)"
                    " ON CONFLICT (document_id) DO UPDATE SET plan = excluded.plan, "
                    "updated = excluded.updated",
                    (document_id, json.dumps(plan, ensure_ascii=False), time.time()),
                )

    # ------------------------------------------------------------------ reading position
    def reading_position(self, document: Document) -> int | None:
        """The text offset the reader left this document at, if any (within its text)."""
        if not self.exists():
            return None
        with self.reading() as connection:
            document_id = self.find_document(connection, document)
            row = connection.execute(
                'SELECT "offset" FROM reading_position WHERE document_id = ?', (document_id,)
            ).fetchone()
        if row is None:
            return None
        return max(0, min(int(row[0]), len(document.text)))

    def save_reading_position(self, document: Document, offset: int) -> None:
        with self.transaction() as connection:
            document_id = self.document_id(connection, document)
            connection.execute(
                'INSERT INTO reading_position (document_id, "offset", updated) VALUES (?, ?, ?)'
                ' ON CONFLICT (document_id) DO UPDATE SET "offset" = excluded."offset", '
                "updated = excluded.updated",
                (document_id, offset, time.time()),
            )


def path_key(document: Document) -> str | None:
    """The document's file as an absolute path, the key that finds an edited file again. A
    file name that is not UTF-8 keeps its odd bytes as `\\xNN` (SQLite stores UTF-8 text)."""
    if document.source_path is None:
        return None
    if document.source_path[:8].lower().startswith(("http://", "https://")):
        return document.source_path  # a URL is its own key
    absolute = os.path.abspath(document.source_path)
    return absolute.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


STDIN_SOURCE = "standard input"


def kind_of(document: Document) -> str:
    """Where a document came from: `file`, `url` or `stdin`."""
    if document.source_path is None:
        return "stdin"
    if document.source_path[:8].lower().startswith(("http://", "https://")):
        return "url"
    return "file"


def source_of(document: Document) -> str:
    """The document's source as the library shows it: an absolute path, a URL, or standard
    input."""
    return path_key(document) or STDIN_SOURCE


def schema_version(connection: sqlite3.Connection, *, create: bool = True) -> int:
    """The database's schema version (0 for a new one); a value that is not a whole number
    is a damaged database, said in one line."""
    if create:
        connection.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)")
    elif not connection.execute(
        "SELECT 1 FROM sqlite_master WHERE name = 'schema_version'"
    ).fetchone():
        return 0
    row = connection.execute("SELECT version FROM schema_version").fetchone()
    if row is None:
        return 0
    if not isinstance(row[0], int):
        raise StoreError(f"the notes database is damaged: its schema version is {row[0]!r}")
    return row[0]


def migrate(connection: sqlite3.Connection, target: int = SCHEMA_VERSION) -> None:
    """Apply the migrations after the database's version, each in its own transaction."""
    connection.execute("BEGIN IMMEDIATE")
    try:
        current = schema_version(connection)
        if current > SCHEMA_VERSION:
            raise StoreError(
                f"the database is from a newer briefing (schema {current}); upgrade briefing"
            )
        connection.execute("COMMIT")
    except BaseException:
        connection.execute("ROLLBACK")
        raise
    for version in range(current + 1, target + 1):
        connection.execute("BEGIN IMMEDIATE")
        try:
            if schema_version(connection) >= version:  # another process got there first
                connection.execute("COMMIT")
                continue
            for statement in _statements(MIGRATIONS[version - 1]):
                connection.execute(statement)
            if version in POST_MIGRATION:
                POST_MIGRATION[version](connection)
            connection.execute("DELETE FROM schema_version")
            connection.execute("INSERT INTO schema_version (version) VALUES (?)", (version,))
            connection.execute("COMMIT")
        except BaseException:
            connection.execute("ROLLBACK")
            raise


def _statements(script: str) -> list[str]:
    """Split a migration into statements (executescript would commit behind our back); a
    trigger's `BEGIN … END` body is one statement with its semicolons."""
    statements: list[str] = []
    pending = ""
    for piece in script.split(";"):
        pending += piece + ";"
        if sqlite3.complete_statement(pending):
            if pending.strip(" \n;"):
                statements.append(pending.strip())
            pending = ""
    if pending.strip(" \n;"):
        statements.append(pending.strip())
    return statements
