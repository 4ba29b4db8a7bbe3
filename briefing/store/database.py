"""The user's database: one SQLite file in the data directory, opened when first needed.

WAL mode (readers never block the writer, and a crash loses nothing committed), one transaction
per change, a `schema_version` table and ordered forward migrations. The directory and the file
are readable by the user only. Rows become model objects at this edge, nowhere else.
"""

from __future__ import annotations

import json
import os
import sqlite3
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from briefing.errors import BriefingError
from briefing.model import Document
from briefing.paths import data_dir

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
)
SCHEMA_VERSION = len(MIGRATIONS)
OPEN_TIMEOUT = 30.0
"""Seconds to keep trying when another process holds the new database's first lock."""


class StoreError(BriefingError):
    """The database cannot be opened or written."""


class Store:
    """Access to the database; every public method is one transaction."""

    def __init__(self, path: Path | None = None) -> None:
        self._path = path
        self._connection: sqlite3.Connection | None = None
        self._lock = threading.RLock()
        """One connection shared by the app's threads, one user of it at a time."""

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
                    raise StoreError(f"{self.path}: cannot open the database ({exc})") from None
                time.sleep(0.02)
            except (OSError, sqlite3.Error) as exc:
                raise StoreError(f"{self.path}: cannot open the database ({exc})") from None

    def _open(self) -> sqlite3.Connection:
        self.path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
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
        return connection

    def close(self) -> None:
        if self._connection is not None:
            self._connection.close()
            self._connection = None

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        with self._lock:
            connection = self._connect()
            try:
                connection.execute("BEGIN IMMEDIATE")
                yield connection
                connection.execute("COMMIT")
            except BaseException:
                if connection.in_transaction:
                    connection.execute("ROLLBACK")
                raise

    # ------------------------------------------------------------------ documents
    @staticmethod
    def find_document(connection: sqlite3.Connection, document: Document) -> int | None:
        """The document's row, found by content hash, else by path (an edited file), or None.
        Reads only."""
        row = connection.execute(
            "SELECT id FROM documents WHERE content_hash = ?", (document.content_hash,)
        ).fetchone()
        path = _path_key(document)
        if row is None and path is not None:
            row = connection.execute(
                "SELECT id FROM documents WHERE path = ? ORDER BY last_opened DESC LIMIT 1",
                (path,),
            ).fetchone()
        return None if row is None else int(row[0])

    @classmethod
    def document_id(cls, connection: sqlite3.Connection, document: Document) -> int:
        """The document's row (see `find_document`), made if new, updated to this version of
        the file if found by path. Annotations keep the hash of the text their offsets refer
        to, so they are re-anchored whatever updated this row."""
        now = time.time()
        path = _path_key(document)
        found = cls.find_document(connection, document)
        if found is None:
            cursor = connection.execute(
                "INSERT INTO documents (content_hash, path, title, first_opened, last_opened) "
                "VALUES (?, ?, ?, ?, ?)",
                (document.content_hash, path, document.display_title, now, now),
            )
            return int(cursor.lastrowid or 0)
        connection.execute(
            "UPDATE documents SET content_hash = ?, path = coalesce(?, path), title = ?, "
            "last_opened = ? WHERE id = ?",
            (document.content_hash, path, document.display_title, now, found),
        )
        return found

    def exists(self) -> bool:
        """Whether there is a database yet (reading never creates one)."""
        return self._connection is not None or self.path.exists()

    # ------------------------------------------------------------------ section corrections
    def section_plan(self, document: Document) -> dict[str, object] | None:
        """The user's section plan for this document (see `analysis.corrections`), if any."""
        if self._connection is None and not self.path.exists():
            return None  # nothing saved yet: do not create a database just to read it
        with self._lock:
            connection = self._connect()
            # Found like the notes (by content, else by path): the document's row follows its
            # file when it is edited, and a lookup by content alone missed a plan while the
            # row still had the old text's hash, so the next correction overwrote it.
            document_id = self.find_document(connection, document)
            row = connection.execute(
                "SELECT plan FROM section_corrections WHERE document_id = ?", (document_id,)
            ).fetchone()
        if row is None:
            return None
        plan = json.loads(row[0])
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


def _path_key(document: Document) -> str | None:
    """The document's file as an absolute path, the key that finds an edited file again."""
    if document.source_path is None:
        return None
    return os.path.abspath(document.source_path)


def schema_version(connection: sqlite3.Connection) -> int:
    connection.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)")
    row = connection.execute("SELECT version FROM schema_version").fetchone()
    return int(row[0]) if row else 0


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
            connection.execute("DELETE FROM schema_version")
            connection.execute("INSERT INTO schema_version (version) VALUES (?)", (version,))
            connection.execute("COMMIT")
        except BaseException:
            connection.execute("ROLLBACK")
            raise


def _statements(script: str) -> list[str]:
    """Split a migration into statements (executescript would commit behind our back)."""
    return [s.strip() for s in script.split(";") if s.strip()]
