"""The library as the CLI and the app use it: adding documents, reading them back, keeping
what the reader opened. Plain functions and classes; nothing here imports a UI library.

Every function here may read files, analyse and write the database: the app calls them from a
worker thread, never from the UI thread. What the library screens need:

- the list: `Library(store).entries(sort=..., tag=...)` and `.tags()` (facets), `.count()`;
  `.remove(ids)` / `.restore(ids)` (ask first; restore is the undo); `.tag(ids, tags)`.
- opening: `open_document(library, id)` gives the `Document` (the kept text when the file is
  gone or came from standard input), `Library.position(document)` where the reader left off,
  `Library.set_position(document, offset)` when they leave; `record_opened(document, reading)`
  when a document is opened (and again when its reading is ready, or corrected).
- search: `briefing.store.fulltext.search(store, query)`: hits with snippets, the section and
  the character offset to open at.
- who's who: `whos_who(library)` and `who(library, name)`: `Profile.appearances` are the
  briefings to open ("in other briefings" on an entity card: `who_of_entity`).
- notes: `Library.notes(tag=, color=, document_id=, words=)`.
"""

from __future__ import annotations

import contextlib
import os
import sys
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from briefing.errors import BriefingError
from briefing.model import Document, Entity, EntityType, Reading
from briefing.store.database import Store, StoreError
from briefing.store.fulltext import Hit, QueryError, search
from briefing.store.library import (
    Library,
    LibraryEntry,
    LibraryNote,
    Prepared,
    Recorded,
    prepare,
)
from briefing.store.whoswho import Profile, WhoEntry, find, name_key, profile
from briefing.store.whoswho import whos_who as _whos_who
from briefing.text.safety import shown

if TYPE_CHECKING:
    from briefing.store.notebook import Notebook

__all__ = [
    "Hit",
    "Library",
    "LibraryEntry",
    "LibraryNote",
    "Profile",
    "QueryError",
    "Store",
    "StoreError",
    "WhoEntry",
    "name_key",
    "notebook_of",
    "profile",
    "search",
]
"""What the app and the export use of the store: they reach it only through this module."""

BATCH = 32
"""Documents written per transaction while adding."""
BATCH_SECONDS = 1.0
"""…or after this long, whichever comes first."""
POOL_MIN = 3
"""Fewer documents than this are read in this process (a pool costs more than it saves)."""


def notebook_of(store: Store, document: Document) -> Notebook:
    """The notes of `document` in `store` (not opened yet)."""
    from briefing.store.notebook import Notebook

    return Notebook(store, document)


def analysis_key() -> str:
    """What made a reading: the analysis version and a digest of its code and data (the
    reading cache's key too)."""
    from briefing.analysis import ANALYSIS_VERSION, analysis_fingerprint

    return f"{ANALYSIS_VERSION}.{analysis_fingerprint()}"


def _plan_applied(store: Store, automatic: Reading) -> Reading:
    from briefing.pipeline import stored_plan, with_plan

    try:
        plan = stored_plan(store, automatic.document)
    except StoreError:
        plan = None
    return with_plan(automatic, plan)


# ---------------------------------------------------------------------------------------------
# Opening


def record_opened(
    document: Document, reading: Reading | None = None, store: Store | None = None
) -> Recorded:
    """Keep a document the reader opened in the library, with its reading: `reading` (the
    automatic one, as `pipeline.automatic_reading` gives it) or the cached one if there is
    one (nothing is analysed here; a document kept without a reading is read when the library
    next needs it)."""
    store = store or Store.default()
    key = analysis_key()
    keep_newer_text(store, document)
    if reading is None:
        from briefing.pipeline import default_cache

        reading = default_cache().load(document)
    shown_reading = _plan_applied(store, reading) if reading is not None else None
    return Library(store).record(prepare(document, reading, key, shown_reading))


def open_document(library: Library, document_id: int) -> Document:
    """The library's document `document_id`: its kept text, else (a document from before the
    library) its file, read and kept now; read from its file again when a newer ingest would
    read it differently (`refresh_ingest`)."""
    document = refresh_ingest(library, document_id) or library.snapshot(document_id)
    if document is not None:
        return document
    entry = library.entry(document_id)
    if entry.kind == "file" and entry.source and os.path.isfile(entry.source):
        from briefing.ingest import load_document

        document = load_document(entry.source)
        library.record(prepare(document), opened=False)
        return document
    raise StoreError(
        f"no copy of document {document_id} ({shown(entry.title)}) is kept and its file "
        f"{shown(entry.source or '')} cannot be read; open or add it again"
    )


def refresh_ingest(library: Library, document_id: int) -> Document | None:
    """Read again the file of a document whose kept text an older ingest made, when the file
    is still there and unchanged (the same content hash): its text, title and metadata are
    replaced, its notes re-anchored (a note whose words left the text stays, orphaned with
    its quote) and its reading made again when next needed. Returns the document read now,
    or None (the kept text is current, or the file is gone or changed: it stays as it is)."""
    from briefing.ingest import INGEST_VERSION

    kept = library.ingest_version(document_id)
    if kept is None or kept >= INGEST_VERSION:
        return None
    entry = library.entry(document_id)
    if entry.kind != "file" or not entry.source or not os.path.isfile(entry.source):
        return None
    from briefing.ingest import load_document

    try:
        document = load_document(entry.source)
    except (BriefingError, OSError, MemoryError, RecursionError):
        return None
    if document.content_hash != entry.content_hash:
        return None  # a changed file is kept as such when it is opened or added
    _replace_text(library, prepare(document))
    return document


def keep_newer_text(store: Store, document: Document) -> bool:
    """`document` was just read from its file: when the library keeps its text (the same
    content hash) as an older ingest made it, keep this one instead and re-anchor its notes
    (before they are shown on this text). Returns whether it did."""
    from briefing.ingest import INGEST_VERSION

    library = Library(store)
    entry = library.entry_of(document)
    if (
        entry is None
        or entry.kind != "file"
        or entry.content_hash != document.content_hash
        or not entry.source
        or not os.path.isfile(entry.source)  # else `document` may be the kept copy itself
    ):
        return False
    kept = library.ingest_version(entry.id)
    if kept is None or kept >= INGEST_VERSION:
        return False
    _replace_text(library, prepare(document))
    return True


def _replace_text(library: Library, prepared: Prepared) -> None:
    recorded = library.replace_text(prepared)
    if recorded.had_notes:
        from briefing.store.notebook import Notebook

        Notebook(library.store, prepared.document).open(reanchor=True)


def reading_of(library: Library, document_id: int, key: str | None = None) -> Reading:
    """The reading of the library's document as `briefing analyze` gives it: the kept
    reading when the current analysis made it, else read again now (and kept); the reader's
    section corrections applied."""
    key = key or analysis_key()
    document = open_document(library, document_id)
    automatic = library.stored_reading(document_id, document, key)
    if automatic is None:
        from briefing.pipeline import automatic_reading

        automatic = automatic_reading(document)
        shown_reading = _plan_applied(library.store, automatic)
        library.record(prepare(document, automatic, key, shown_reading), opened=False)
        return shown_reading
    return _plan_applied(library.store, automatic)


def refresh_stale(
    library: Library,
    ids: Sequence[int] | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> int:
    """Read again the documents (of `ids`, else the whole library) whose kept reading an
    older analysis made, or that have none; returns how many were read."""
    key = analysis_key()
    stale = library.stale(key, ids)
    for n, document_id in enumerate(stale, 1):
        with contextlib.suppress(BriefingError):  # no text and no file: it stays as it is
            reading_of(library, document_id, key)
        if progress:
            progress(n, len(stale))
    return len(stale)


# ---------------------------------------------------------------------------------------------
# Who's who


def whos_who(library: Library, limit: int | None = 20) -> dict[str, list[WhoEntry]]:
    """People, organisations and places by the number of briefings they appear in."""
    if not library.store.exists():
        return {EntityType.PERSON: [], EntityType.ORGANIZATION: [], EntityType.PLACE: []}
    with library.store.reading() as connection:
        return _whos_who(connection, limit=limit)


def who(library: Library, name: str, type: str | None = None) -> list[WhoEntry]:
    """The library's entities that `name` names, most briefings first."""
    if not library.store.exists():
        return []
    with library.store.reading() as connection:
        return find(connection, name, type)


def profile_of(
    library: Library, entry: WhoEntry, companions: int = 10, quotes: int | None = None
) -> Profile:
    """Every briefing that mentions the entity, its roles, quotes (the first `quotes`; None:
    all) and companions. Briefings read by an older analysis are read again first, so that
    nothing stale is shown."""
    key = analysis_key()
    with library.store.reading() as connection:
        # One query for the common case, nothing read by an older analysis.
        stale = connection.execute(
            "SELECT 1 FROM entity_appearances a JOIN documents d ON d.id = a.document_id "
            "LEFT JOIN snapshots s ON s.document_id = a.document_id WHERE a.entity_id = ? "
            "AND d.removed IS NULL AND (s.analysis_key IS NULL OR s.analysis_key != ?) LIMIT 1",
            (entry.entity_id, key),
        ).fetchone()
        found = profile(connection, entry, companions, quotes)
    ids = [a.document_id for a in found.appearances]
    if stale is not None:
        refresh_stale(library, ids)
        with library.store.reading() as connection:
            matches = find(connection, entry.name, entry.type)
            same = [e for e in matches if e.entity_id == entry.entity_id] or matches[:1]
            if not same:
                return Profile(entry, (), (), (), (), ())
            found = profile(connection, same[0], companions, quotes)
    return found


def who_of_entity(library: Library, entity: Entity) -> list[WhoEntry]:
    """The library's entity for an entity of the reading on screen ("in other briefings")."""
    return who(library, entity.name, entity.type.value)


# ---------------------------------------------------------------------------------------------
# Adding


@dataclass(frozen=True, slots=True)
class AddItem:
    """One thing to add: a file (`explicit`: named by the user, not found in a folder) or a
    URL."""

    name: str
    explicit: bool = True
    url: bool = False


@dataclass
class AddReport:
    """What `add_sources` did."""

    added: list[Recorded] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    """One line each: a named file or URL that could not be read."""
    skipped: list[str] = field(default_factory=list)
    """Files in folders that are not documents (one line each)."""
    seconds: float = 0.0

    def count(self, status: str) -> int:
        return sum(1 for r in self.added if r.status == status)


def expand(names: Iterable[str]) -> tuple[list[AddItem], list[str]]:
    """What `briefing add` was given, as items: files, URLs, and every file in a folder
    (and its subfolders; hidden ones left out), in name order. Names that do not exist are
    returned as one-line problems."""
    from briefing.ingest.fetch import is_url

    items: list[AddItem] = []
    problems: list[str] = []
    for name in names:
        if is_url(name):
            items.append(AddItem(name, url=True))
            continue
        path = Path(name)
        if path.is_dir():
            found = []
            for root, folders, files in os.walk(path):
                folders[:] = sorted(f for f in folders if not f.startswith("."))
                for file in sorted(files):
                    if not file.startswith(".") and os.path.isfile(os.path.join(root, file)):
                        found.append(AddItem(os.path.join(root, file), explicit=False))
            items.extend(found)
        elif path.exists() or path.is_symlink():
            items.append(AddItem(name))
        else:
            problems.append(f"{shown(name)}: no such file or folder")
    return items, problems


def _prepare_item(item: AddItem) -> tuple[str, AddItem, Prepared | str]:
    """In a worker: read and analyse one item (the reading cache first)."""
    from briefing.pipeline import automatic_reading

    try:
        if item.url:
            from briefing.opening import load_url

            document = load_url(item.name)
        else:
            from briefing.ingest import load_document

            document = load_document(item.name)
        reading = automatic_reading(document)
        return "ok", item, prepare(document, reading, analysis_key())
    except BriefingError as exc:
        return "error", item, str(exc)
    except OSError as exc:
        return "error", item, f"{shown(item.name)}: {exc.strerror or exc}"
    except (MemoryError, RecursionError):
        return "error", item, f"{shown(item.name)}: too large or too deeply nested to read"


def _worker_start() -> None:
    import signal

    # Ctrl-C is the parent's to handle: it stops the pool and keeps what was written.
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _results(items: Sequence[AddItem], jobs: int) -> Iterator[tuple[str, AddItem, Prepared | str]]:
    if jobs <= 1 or len(items) < POOL_MIN:
        for item in items:
            yield _prepare_item(item)
        return
    import multiprocessing  # (only `add` needs it: not imported for `who` or the screens)

    # Warm the parent first: forked workers share what it imported.
    import briefing.analysis.people
    import briefing.analysis.sections  # noqa: F401

    method = "fork" if sys.platform.startswith("linux") else None
    context = multiprocessing.get_context(method)
    pool = context.Pool(min(jobs, len(items)), initializer=_worker_start)
    try:
        yield from pool.imap(_prepare_item, items, chunksize=2)
        pool.close()
    except BaseException:
        pool.terminate()
        raise
    finally:
        pool.join()


def default_jobs() -> int:
    """Worker processes: one per CPU this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return max(1, os.cpu_count() or 1)


def add_sources(
    items: Sequence[AddItem],
    library: Library | None = None,
    *,
    tags: Sequence[str] = (),
    jobs: int | None = None,
    progress: Callable[[int, int, str], None] | None = None,
) -> AddReport:
    """Read, analyse and keep `items` in the library, `jobs` processes at a time, writing
    from this process in batches (one transaction each). `progress(done, total, name)` is
    called after each item. Documents whose text changed and that have notes get them
    re-anchored; those with the reader's section corrections get their sections recorded
    with them."""
    library = library or Library()
    library.store.writable()  # a read-only or damaged database: say so before any work
    report = AddReport()
    started = time.monotonic()
    batch: list[Prepared] = []
    last_write = time.monotonic()

    def write() -> None:
        nonlocal last_write
        if batch:
            report.added.extend(library.record_many(batch, tags=tags, opened=False))
            for prepared, recorded in zip(batch, report.added[-len(batch) :], strict=True):
                _after_recording(library, prepared, recorded)
            batch.clear()
        last_write = time.monotonic()

    done = 0
    try:
        for status, item, result in _results(items, jobs or default_jobs()):
            done += 1
            if status == "ok":
                assert isinstance(result, Prepared)
                batch.append(result)
                if len(batch) >= BATCH or time.monotonic() - last_write > BATCH_SECONDS:
                    write()
            else:
                assert isinstance(result, str)
                (report.failed if item.explicit else report.skipped).append(result)
            if progress:
                progress(done, len(items), item.name)
    finally:
        write()
        report.seconds = time.monotonic() - started
    return report


def add_document(
    document: Document, library: Library | None = None, *, tags: Sequence[str] = ()
) -> Recorded:
    """Analyse and keep one document already read (standard input)."""
    from briefing.pipeline import automatic_reading

    library = library or Library()
    reading = automatic_reading(document)
    prepared = prepare(document, reading, analysis_key())
    recorded = library.record_many([prepared], tags=tags, opened=False)[0]
    _after_recording(library, prepared, recorded)
    return recorded


def _after_recording(library: Library, prepared: Prepared, recorded: Recorded) -> None:
    """Re-anchor the notes of a document whose text changed; record the corrected sections
    of one the reader corrected."""
    document = prepared.document
    if recorded.status == "same":
        kept = library.ingest_version(recorded.document_id)
        if kept is not None and kept < prepared.ingest_version:
            _replace_text(library, prepared)
    if recorded.had_notes:
        from briefing.store.notebook import Notebook

        Notebook(library.store, document).open()
    if prepared.analysis is not None and library.store.section_plan(document) is not None:
        from briefing.serialize import reading_from_analysis
        from briefing.store.library import unpack

        automatic = reading_from_analysis(document, unpack(prepared.analysis))
        shown_reading = _plan_applied(library.store, automatic)
        library.record_shown(
            recorded.document_id, prepare(document, automatic, prepared.analysis_key, shown_reading)
        )
