"""Annotations in the core: anchoring, the notebook in SQLite, crash safety, two writers."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from briefing.ingest import document_from_text, load_document
from briefing.model import AnchorStatus, Document, TextQuote
from briefing.store.anchoring import CONTEXT, anchor, quote_at
from briefing.store.database import MIGRATIONS, Store, migrate, schema_version
from briefing.store.notebook import Notebook, normalise_tags

ARTICLE = (
    "The harbour board met on Monday to weigh the new ferry timetable.\n"
    "Its chair said the later sailings would help shift workers get home.\n"
    "A separate plan would rebuild the north quay before the winter storms.\n"
    "Engineers warned that the old pilings were rotting faster than expected.\n"
)


def _document(text: str = ARTICLE, path: str | None = None) -> Document:
    return document_from_text(text, source_path=path)


def _span(text: str, words: str) -> tuple[int, int]:
    start = text.index(words)
    return start, start + len(words)


# ---------------------------------------------------------------------- anchoring
def test_quote_at_keeps_context_either_side() -> None:
    text = "x" * 50 + "QUOTE" + "y" * 50
    quote = quote_at(text, 50, 55)
    assert quote == TextQuote("QUOTE", "x" * CONTEXT, "y" * CONTEXT)
    assert quote_at("ab QUOTE", 3, 8) == TextQuote("QUOTE", "ab ", "")


def test_same_text_anchors_exactly_where_it_was() -> None:
    start, end = _span(ARTICLE, "later sailings")
    found = anchor(ARTICLE, quote_at(ARTICLE, start, end), start)
    assert found is not None
    assert (found.start, found.end, found.status, found.score) == (start, end, "exact", 1.0)


def test_text_inserted_above_shifts_the_passage_but_it_stays_exact() -> None:
    start, end = _span(ARTICLE, "later sailings")
    quote = quote_at(ARTICLE, start, end)
    edited = "A new opening paragraph about something else.\n" + ARTICLE
    found = anchor(edited, quote, start)
    assert found is not None
    assert edited[found.start : found.end] == "later sailings"
    assert found.status is AnchorStatus.EXACT


def test_changed_surroundings_make_it_moved_with_a_score() -> None:
    start, end = _span(ARTICLE, "later sailings")
    quote = quote_at(ARTICLE, start, end)
    edited = ARTICLE.replace("said the later sailings would", "argued that later sailings might")
    found = anchor(edited, quote, start)
    assert found is not None
    assert edited[found.start : found.end] == "later sailings"
    assert found.status is AnchorStatus.MOVED
    assert 0.5 <= found.score < 1.0


def test_context_picks_the_right_one_of_repeated_words() -> None:
    text = "The board voted. The board adjourned. The board voted again."
    start = text.index("board adjourned")
    quote = quote_at(text, start, start + len("board"))
    edited = "Preface. " + text
    found = anchor(edited, quote, start)
    assert found is not None
    assert found.start == edited.index("board adjourned")


def test_an_edited_quote_is_found_by_fuzzy_match() -> None:
    start, end = _span(ARTICLE, "the old pilings were rotting faster than expected")
    quote = quote_at(ARTICLE, start, end)
    edited = ARTICLE.replace(
        "the old pilings were rotting faster than expected",
        "the old wooden pilings were rotting faster than anyone expected",
    )
    found = anchor(edited, quote, start)
    assert found is not None
    assert found.status is AnchorStatus.MOVED
    assert FUZZY_FLOOR <= found.score < 1.0
    assert edited[found.start : found.end].startswith("the old wooden pilings")
    assert edited[found.start : found.end].endswith("expected")


FUZZY_FLOOR = 0.75


def test_edited_words_between_intact_context_beat_the_same_words_elsewhere() -> None:
    text = (
        "The command will take on expanded missions and new responsibilities this year.\n"
        "Critics doubt that expanded missions come cheap.\n"
    )
    start = text.index("expanded missions")
    quote = quote_at(text, start, start + len("expanded missions"))
    edited = text.replace(
        "take on expanded missions and", "take on expanded and broader missions and"
    )
    found = anchor(edited, quote, start)
    assert found is not None
    assert edited[found.start : found.end] == "expanded and broader missions"
    assert found.status is AnchorStatus.MOVED
    assert 0.5 <= found.score < 0.8


def test_deleted_words_are_not_found() -> None:
    start, end = _span(ARTICLE, "rebuild the north quay")
    quote = quote_at(ARTICLE, start, end)
    edited = ARTICLE.replace(
        "A separate plan would rebuild the north quay before the winter storms.\n", ""
    )
    assert anchor(edited, quote, start) is None


FILLER = st.lists(
    st.sampled_from(["the", "port", "said", "on", "a", "new", "plan", "for", "its", "town", "—"]),
    min_size=0,
    max_size=30,
).map(" ".join)
MARKER = st.lists(
    st.text(alphabet="BCDFGHJKLMNPQRSTVWXZ", min_size=3, max_size=8), min_size=1, max_size=4
).map(" ".join)


@st.composite
def _edited_article(draw: st.DrawFn) -> tuple[str, int, int, str, str]:
    """A text of paragraphs with a marked passage, and the same text after random edits that
    leave the passage's own words alone (insertions, deletions, paragraph moves elsewhere)."""
    paragraphs = draw(st.lists(FILLER, min_size=2, max_size=8))
    marker = draw(MARKER)
    where = draw(st.integers(0, len(paragraphs) - 1))
    before, after = draw(FILLER), draw(FILLER)
    paragraphs[where] = f"{before} {marker} {after}".strip()
    text = "\n".join(paragraphs)
    start = text.index(marker)
    end = start + len(marker)
    # Edits: change the words around it, and move/add/remove other paragraphs.
    new_before, new_after = draw(FILLER), draw(FILLER)
    edited_paragraphs = list(paragraphs)
    edited_paragraphs[where] = f"{new_before} {marker} {new_after}".strip()
    others = [p for i, p in enumerate(edited_paragraphs) if i != where]
    others = draw(st.permutations(others))
    cut = draw(st.integers(0, len(others)))
    others = others[:cut] + draw(st.lists(FILLER, max_size=3))
    position = draw(st.integers(0, len(others)))
    edited_list = [*others[:position], edited_paragraphs[where], *others[position:]]
    return text, start, end, "\n".join(edited_list), marker


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_edited_article())
def test_property_edits_around_a_note_keep_it_on_the_same_words(
    case: tuple[str, int, int, str, str],
) -> None:
    text, start, end, edited, marker = case
    found = anchor(edited, quote_at(text, start, end), start)
    assert found is not None
    assert found.status is not AnchorStatus.ORPHANED
    assert edited[found.start : found.end] == marker
    assert found.start == edited.index(marker)  # the marker's words are unique in the text


@settings(max_examples=200, deadline=None)
@given(_edited_article())
def test_property_deleting_the_quoted_words_orphans_the_note(
    case: tuple[str, int, int, str, str],
) -> None:
    text, start, end, edited, marker = case
    gone = edited.replace(marker, "")
    assert anchor(gone, quote_at(text, start, end), start) is None


# ---------------------------------------------------------------------- notebook
@pytest.fixture
def store(tmp_path: Path) -> Store:
    return Store(tmp_path / "data" / "briefing.sqlite3")


def test_notebook_adds_updates_deletes_and_undoes(store: Store) -> None:
    document = _document()
    notebook = Notebook(store, document)
    notebook.open()
    start, end = _span(document.text, "later sailings")
    note = notebook.add(
        start, end, color="green", note="Who asked for this?", tags=["#ferry", "x y"]
    )
    assert note.tags == ("ferry", "x-y")
    assert note.quote.exact == "later sailings"
    notebook.update(note.id, note="**Who** asked?", tags=["ferry"])
    again = Notebook(Store(store.path), document)
    again.open()
    [kept] = again.annotations
    assert (kept.note, kept.tags, kept.color) == ("**Who** asked?", ("ferry",), "green")
    deleted = again.delete(kept.id)
    assert again.annotations == []
    third = Notebook(Store(store.path), document)
    third.open()
    assert third.annotations == []
    again.restore(deleted)
    fourth = Notebook(Store(store.path), document)
    fourth.open()
    assert [a.id for a in fourth.annotations] == [kept.id]
    # Deleted rows stay in the database: nothing the user wrote is dropped.
    with sqlite3.connect(store.path) as raw:
        assert raw.execute("SELECT count(*) FROM annotations").fetchone()[0] == 1


def test_overlapping_annotations_are_kept_in_text_order(store: Store) -> None:
    notebook = Notebook(store, _document())
    notebook.open()
    b = notebook.add(30, 60)
    a = notebook.add(10, 40, color="pink")
    c = notebook.add(35, 50, note="inside both")
    assert [n.id for n in notebook.annotations] == [a.id, b.id, c.id]


def test_bad_ranges_and_colours_are_refused(store: Store) -> None:
    from briefing.store.database import StoreError

    notebook = Notebook(store, _document())
    with pytest.raises(StoreError):
        notebook.add(5, 5)
    with pytest.raises(StoreError):
        notebook.add(0, 10**6)
    with pytest.raises(StoreError, match="colour"):
        notebook.add(0, 5, color="mauve")


def test_an_edited_file_reanchors_and_reports_it(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "article.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    notebook = Notebook(store, load_document(path))
    notebook.open()
    text = notebook.document.text
    kept = notebook.add(*_span(text, "later sailings"), note="kept")
    moved = notebook.add(*_span(text, "rotting faster than expected"), note="moved")
    lost = notebook.add(*_span(text, "rebuild the north quay"), note="lost")
    path.write_text(
        "An opening line about tides.\n"
        + ARTICLE.replace(
            "A separate plan would rebuild the north quay before the winter storms.\n", ""
        ).replace(
            "the old pilings were rotting faster than expected",
            "pilings were rotting faster than expected, they said",
        ),
        encoding="utf-8",
    )
    reopened = Notebook(Store(store.path), load_document(path))
    summary = reopened.open()
    assert (summary.exact, summary.moved, summary.orphaned) == (1, 1, 1)
    by_note = {a.note: a for a in reopened.annotations}
    assert by_note["kept"].status is AnchorStatus.EXACT
    assert by_note["moved"].status is AnchorStatus.MOVED
    assert by_note["lost"].status is AnchorStatus.ORPHANED
    assert by_note["lost"].quote.exact == "rebuild the north quay"  # kept, never dropped
    assert {a.id for a in reopened.annotations} == {kept.id, moved.id, lost.id}
    # The result is recorded: opening again reports nothing new, statuses stay.
    third = Notebook(Store(store.path), load_document(path))
    assert not third.open().needs_review
    assert {a.status for a in third.annotations} == {"exact", "moved", "orphaned"}
    # Confirming a moved one makes it quote today's text; an orphan can be re-attached.
    confirmed = third.confirm(by_note["moved"].id)
    assert confirmed.status is AnchorStatus.EXACT
    assert confirmed.quote.exact == third.document.text[confirmed.start : confirmed.end]
    attached = third.reattach(by_note["lost"].id, *_span(third.document.text, "tides"))
    assert (attached.status, attached.quote.exact, attached.note) == ("exact", "tides", "lost")


def test_a_moved_file_is_found_by_its_content(store: Store, tmp_path: Path) -> None:
    first = tmp_path / "a.txt"
    first.write_text(ARTICLE, encoding="utf-8")
    notebook = Notebook(store, load_document(first))
    notebook.open()
    made = notebook.add(0, 10, note="here")
    second = tmp_path / "elsewhere" / "b.txt"
    second.parent.mkdir()
    first.rename(second)
    found = Notebook(Store(store.path), load_document(second))
    found.open()
    assert [a.id for a in found.annotations] == [made.id]
    assert found.annotations[0].status is AnchorStatus.EXACT


def test_tags_in_use_cover_every_document_most_used_first(store: Store) -> None:
    one = Notebook(store, _document())
    one.open()
    one.add(0, 5, tags=["b", "a"])
    one.add(6, 9, tags=["b"])
    two = Notebook(store, _document(ARTICLE + "More.\n"))
    two.open()
    two.add(0, 5, tags=["c"])
    assert two.tags_in_use() == ["b", "a", "c"]
    assert normalise_tags([" #x ", "x", "", "two words"]) == ("x", "two-words")


def test_drafts_survive_and_can_be_discarded(store: Store) -> None:
    document = _document()
    notebook = Notebook(store, document)
    assert notebook.draft() is None
    notebook.save_draft(None, 4, 17, "half a tho")
    notebook.save_draft(None, 4, 17, "half a thought")
    draft = Notebook(Store(store.path), document).draft()
    assert draft is not None
    assert (draft.body, draft.start, draft.end, draft.annotation_id) == (
        "half a thought",
        4,
        17,
        None,
    )
    notebook.discard_draft()
    assert Notebook(Store(store.path), document).draft() is None


def test_opening_without_a_database_creates_nothing(store: Store) -> None:
    notebook = Notebook(store, _document())
    assert not notebook.open().needs_review
    assert notebook.annotations == []
    assert notebook.tags_in_use() == []
    assert not store.path.exists()


def test_database_and_directory_are_private(store: Store) -> None:
    Notebook(store, _document()).add(0, 5)
    assert store.path.stat().st_mode & 0o777 == 0o600
    assert store.path.parent.stat().st_mode & 0o777 == 0o700


def test_migration_from_version_one_keeps_corrections(tmp_path: Path) -> None:
    path = tmp_path / "db.sqlite3"
    connection = sqlite3.connect(path, isolation_level=None)
    migrate(connection, target=1)
    connection.execute(
        "INSERT INTO documents (content_hash, path, title, first_opened, last_opened) "
        "VALUES ('h', '/x', 't', 0, 0)"
    )
    connection.execute("INSERT INTO section_corrections VALUES (1, '{}', 0)")
    migrate(connection)
    assert schema_version(connection) == len(MIGRATIONS)
    assert connection.execute("SELECT plan FROM section_corrections").fetchone() == ("{}",)
    tables = {r[0] for r in connection.execute("SELECT name FROM sqlite_master")}
    assert {"annotations", "annotation_tags", "drafts"} <= tables


# ---------------------------------------------------------------------- processes
_WRITER = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from briefing.ingest import load_document
    from briefing.store.database import Store
    from briefing.store.notebook import Notebook

    db, article, count, label = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
    notebook = Notebook(Store(Path(db)), load_document(article))
    notebook.open()
    length = len(notebook.document.text)
    for i in range(count):
        start = i % (length - 10)
        made = notebook.add(start, start + 5, note=f"{label} {i}")
        notebook.save_draft(None, 0, 5, f"{label} draft after {i}")
        print(made.id, flush=True)
    print("done", flush=True)
    """
)


def _writer(db: Path, article: Path, count: int, label: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", _WRITER, str(db), str(article), str(count), label],
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parent.parent)},
    )


@pytest.fixture
def article_file(tmp_path: Path) -> Path:
    path = tmp_path / "article.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    return path


def test_sigkill_mid_session_loses_nothing_committed(store: Store, article_file: Path) -> None:
    writer = _writer(store.path, article_file, 100_000, "w")
    assert writer.stdout is not None
    committed = [writer.stdout.readline().strip() for _ in range(200)]
    writer.send_signal(signal.SIGKILL)
    rest, _ = writer.communicate()
    committed += [line for line in rest.split() if line != "done"]
    assert writer.returncode == -signal.SIGKILL
    notebook = Notebook(Store(store.path), load_document(article_file))
    notebook.open()
    assert set(committed) <= {a.id for a in notebook.annotations}
    draft = notebook.draft()
    assert draft is not None
    assert draft.body.startswith("w draft after ")
    assert int(draft.body.rsplit(" ", 1)[1]) >= len(committed) - 1


def test_two_processes_adding_500_each_keep_all_1000(store: Store, article_file: Path) -> None:
    writers = [_writer(store.path, article_file, 500, label) for label in ("left", "right")]
    outputs = [w.communicate(timeout=110)[0].split() for w in writers]
    assert all(w.returncode == 0 for w in writers)
    ids = {line for out in outputs for line in out if line != "done"}
    assert len(ids) == 1000
    notebook = Notebook(Store(store.path), load_document(article_file))
    notebook.open()
    assert {a.id for a in notebook.annotations} == ids
    assert sorted(a.note.split()[0] for a in notebook.annotations).count("left") == 500


def test_two_processes_creating_the_database_at_once_both_open_it(tmp_path: Path) -> None:
    """Regression: switching a new database to WAL takes a lock SQLite's busy timeout does
    not wait for, and one of two processes starting together failed ("database is locked")."""
    article = tmp_path / "article.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    for attempt in range(8):
        db = tmp_path / f"data{attempt}" / "briefing.sqlite3"
        writers = [_writer(db, article, 3, label) for label in ("left", "right")]
        for writer in writers:
            writer.communicate(timeout=60)
        assert [w.returncode for w in writers] == [0, 0]
        assert db.stat().st_mode & 0o777 == 0o600
