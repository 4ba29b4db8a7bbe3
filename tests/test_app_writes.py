"""The reading screen's writes (issue 16): no SQL on the event loop, writes in the order they
were asked, pending writes flushed when the app quits, and a failed write reported in one line
with the user's text given back."""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from textual.message import Message
from textual.widgets import TextArea

from briefing.app import BriefingApp
from briefing.app.dialogs import TextPrompt
from briefing.app.note_editor import NoteEditor
from briefing.app.reader.view import ReaderView
from briefing.app.write_queue import WriteQueue
from briefing.errors import BriefingError
from briefing.ingest import load_document
from briefing.store.database import Store, StoreError
from briefing.store.notebook import Notebook
from tests.test_app_monkey import key_event
from tests.test_app_notes import article, ready

ON_THE_LOOP = "the event loop's thread"


class RecordingStore(Store):
    """A store that notes the thread of every use of its connection."""

    def __init__(self, path: Path) -> None:
        super().__init__(path)
        self.uses: list[tuple[str, str]] = []
        """(what, thread): `ON_THE_LOOP` for the main thread, where the test's loop runs."""

    def _note(self, what: str) -> None:
        thread = threading.current_thread()
        name = ON_THE_LOOP if thread is threading.main_thread() else thread.name
        self.uses.append((what, name))

    @contextmanager
    def transaction(self) -> Iterator[Any]:
        self._note("write")
        with super().transaction() as connection:
            yield connection

    @contextmanager
    def reading(self) -> Iterator[Any]:
        self._note("read")
        with super().reading() as connection:
            yield connection

    def writable(self) -> bool:
        self._note("open")
        return super().writable()

    def on_the_loop(self) -> list[str]:
        return [what for what, thread in self.uses if thread == ON_THE_LOOP]


def stored(path: Path, store: Store) -> Notebook:
    notebook = Notebook(Store(store.path), load_document(path))
    notebook.open(persist=False)
    return notebook


async def settled(app: BriefingApp, pilot: Any) -> None:
    """Every write done and its message handled."""
    await app.workers.wait_for_complete()
    await pilot.pause()


async def test_notes_drafts_tags_sections_and_position_are_written_off_the_event_loop(
    tmp_path: Path,
) -> None:
    path = article(tmp_path)
    store = RecordingStore(tmp_path / "notes.sqlite3")
    app = BriefingApp(load_document(path), store=store)
    async with app.run_test(size=(120, 30)) as pilot:
        screen = await ready(app, pilot)
        await pilot.press("right_parenthesis", "y")  # highlight
        await pilot.press("u")  # recolour
        await pilot.press("a", *"first", "ctrl+s")  # a note on it
        await pilot.press("a", *" words")  # an edit, drafted while typed...
        editor = app.screen
        assert isinstance(editor, NoteEditor)
        editor._save_draft()  # ...as the half-second timer would
        await pilot.press("ctrl+s")
        await pilot.press("t", *"follow", "enter")  # tags
        await pilot.press("right_parenthesis", "y", "d")  # a second highlight, deleted
        await pilot.press("z")  # and brought back
        await pilot.press("r", "ctrl+u", *"Renamed", "enter")  # a section correction
        await pilot.press("pagedown")
        screen._save_position()  # the reading position, as the resting view's timer would
        await settled(app, pilot)
        assert store.on_the_loop() == []
        written = [what for what, _ in store.uses if what == "write"]
        assert len(written) >= 9  # every change above went through the store...
        [first, second] = stored(path, store).annotations
        assert (first.color, first.note, first.tags) == ("green", "first words", ("follow",))
        assert second.note == ""
        assert "Renamed" in [section.title for section in screen.sections]
        assert store.section_plan(screen.document) is not None


async def test_writes_land_in_the_order_the_keys_asked_while_the_view_changes_at_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The first write is held; the keys behind it are handled meanwhile and shown at once;
    released, the writes land in the order asked (a delete after the add it deletes)."""
    path = article(tmp_path)
    done: list[str] = []
    release = threading.Event()

    def recording(name: str, write: Callable[..., Any]) -> Callable[..., Any]:
        def run(self: Notebook, *args: Any) -> Any:
            if not done:
                assert release.wait(30), "the test never released the first write"
            result = write(self, *args)
            done.append(name)
            return result

        return run

    for name in ("insert", "save", "delete", "restore"):
        monkeypatch.setattr(Notebook, name, recording(name, getattr(Notebook, name)))
    app = BriefingApp(load_document(path))
    async with app.run_test(size=(120, 30)) as pilot:
        screen = await ready(app, pilot)
        reader = screen.query_one(ReaderView)
        await pilot.press("right_parenthesis", "y")  # insert: held
        await pilot.press("u")  # recolour green
        await pilot.press("d")  # delete
        await pilot.press("z")  # undo
        await pilot.press("i")  # recolour blue
        await pilot.press("j")  # the reader still answers
        assert done == []
        [shown] = screen.annotator.annotations
        assert shown.color == "blue"
        assert reader.selection == (shown.start, shown.end)
        release.set()
        await settled(app, pilot)
        assert done == ["insert", "save", "delete", "restore", "save"]
        [kept] = stored_default(path)
        assert (kept.id, kept.color) == (shown.id, "blue")
        assert screen.annotator.annotations == [kept]


def stored_default(path: Path) -> list[Any]:
    notebook = Notebook(Store.default(), load_document(path))
    notebook.open(persist=False)
    return notebook.annotations


async def test_quitting_runs_the_writes_still_waiting(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No writer thread gets to run (as if the app quit at once): quitting writes them all,
    in order, the note and the draft of the one still in the editor included."""
    path = article(tmp_path)
    monkeypatch.setattr(WriteQueue, "_start_worker", lambda self: None)
    app = BriefingApp(load_document(path))
    async with app.run_test(size=(120, 30)) as pilot:
        screen = await ready(app, pilot)
        await pilot.press("right_parenthesis", "y", "a", *"kept", "ctrl+s")
        await pilot.press("t", *"later", "enter")
        await pilot.press("right_parenthesis", "i", "d")
        await pilot.press("right_parenthesis", "a", *"half")
        assert screen.writes.pending >= 6
        assert stored_default(path) == []  # nothing written yet, and all of it shown
        assert [a.note for a in screen.annotator.annotations] == ["kept"]
        await pilot.press("ctrl+q")
    document = load_document(path)
    [kept] = stored_default(path)
    assert (kept.note, kept.tags, kept.color) == ("kept", ("later",), "yellow")
    draft = Notebook(Store.default(), document).draft()
    assert draft is not None
    assert draft.body == "half"


async def test_a_failed_write_is_one_line_and_gives_the_note_back(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = article(tmp_path)
    app = BriefingApp(load_document(path))
    async with app.run_test(size=(120, 30)) as pilot:
        screen = await ready(app, pilot)

        def full(self: Notebook, *args: Any) -> None:
            raise StoreError("database or disk is full")

        insert = Notebook.insert
        monkeypatch.setattr(Notebook, "insert", full)
        await pilot.press("right_parenthesis", "y")
        await settled(app, pilot)
        messages = [n.message for n in app._notifications]
        assert "Could not highlight: database or disk is full" in messages
        assert screen.annotator.annotations == []  # the highlight shown at once is taken back
        await pilot.press("a", *"my words", "ctrl+s")
        await settled(app, pilot)
        assert isinstance(app.screen, NoteEditor)  # back to its writer, with the text
        assert app.screen.query_one(TextArea).text == "my words"
        assert screen.annotator.annotations == []
        draft = Notebook(Store.default(), load_document(path)).draft()
        assert draft is not None
        assert draft.body == "my words"
        monkeypatch.setattr(Notebook, "insert", insert)  # the disk has room again
        await pilot.press("ctrl+s")
        await settled(app, pilot)
        [saved] = stored_default(path)
        assert saved.note == "my words"
        assert screen.annotator.annotations == [saved]
        assert Notebook(Store.default(), load_document(path)).draft() is None


async def test_a_read_only_database_keeps_the_tags_typed_in_view(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A tag that cannot be written is said in one line and the passage is shown as stored."""
    path = article(tmp_path)
    app = BriefingApp(load_document(path))
    async with app.run_test(size=(120, 30)) as pilot:
        screen = await ready(app, pilot)
        await pilot.press("right_parenthesis", "y")
        await settled(app, pilot)

        def read_only(self: Notebook, *args: Any) -> None:
            raise StoreError("the notes database is read-only; nothing was saved")

        monkeypatch.setattr(Notebook, "save", read_only)
        await pilot.press("t")
        assert isinstance(app.screen, TextPrompt)
        await pilot.press(*"urgent", "enter")
        await settled(app, pilot)
        messages = [n.message for n in app._notifications]
        assert any(m.startswith("Could not tag: the notes database is read-only") for m in messages)
        [shown] = screen.annotator.annotations
        assert shown.tags == ()


# ---------------------------------------------------------------------- the queue alone


class ThreadHost:
    """What the queue needs of a widget: a worker (a plain thread here) and a message queue."""

    def __init__(self) -> None:
        self.threads: list[threading.Thread] = []
        self.messages: list[Message] = []
        self._lock = threading.Lock()

    def run_worker(self, work: Callable[[], None], **_: Any) -> None:
        thread = threading.Thread(target=work)
        self.threads.append(thread)
        thread.start()

    def post_message(self, message: Message) -> bool:
        with self._lock:
            self.messages.append(message)
        return True


def test_the_queue_runs_each_write_once_in_order_even_when_a_flush_races_its_worker() -> None:
    host = ThreadHost()
    queue = WriteQueue(host)  # type: ignore[arg-type]
    ran: list[int] = []
    results: list[int] = []
    for round_ in range(20):
        for i in range(round_ * 50, round_ * 50 + 50):
            queue.put(lambda i=i: ran.append(i) or i, results.append)
        if round_ % 3 == 0:
            queue.flush()  # on this thread, while the worker may be running
    queue.flush()
    for thread in host.threads:
        thread.join()
    assert ran == list(range(1000))
    for message in host.messages:
        assert isinstance(message, WriteQueue.Done)
        message.deliver()
    assert results == list(range(1000))
    assert queue.pending == 0


def test_a_failing_write_is_reported_and_the_next_ones_still_run() -> None:
    host = ThreadHost()
    queue = WriteQueue(host)  # type: ignore[arg-type]
    ran: list[str] = []
    failures: list[str] = []

    def fails() -> None:
        raise BriefingError("disk full")

    queue.put(lambda: ran.append("before"))
    queue.put(fails, failed=lambda error: failures.append(str(error)))
    queue.put(lambda: ran.append("after"))
    queue.flush()
    for thread in host.threads:
        thread.join()
    for message in host.messages:
        assert isinstance(message, WriteQueue.Done)
        message.deliver()
    assert ran == ["before", "after"]
    assert failures == ["disk full"]


@pytest.mark.parametrize("saving", [False, True])
async def test_a_quit_typed_right_after_the_words_keeps_every_word(
    tmp_path: Path, saving: bool
) -> None:
    """Keys arriving together, as from a fast typist or a busy app: the words, (ctrl+s,) then
    ctrl+q. Every word is in the note (saved) or its draft (not saved), whatever the writer
    thread had done when the app closed."""
    path = article(tmp_path)
    app = BriefingApp(load_document(path))
    async with app.run_test(size=(120, 30)) as pilot:
        await ready(app, pilot)
        await pilot.press("right_parenthesis", "a")
        assert isinstance(app.screen, NoteEditor)
        for key in [*"every word", *(["ctrl+s"] if saving else []), "ctrl+q"]:
            app.post_message(key_event(key))
        await pilot.pause()
    draft = Notebook(Store.default(), load_document(path)).draft()
    if saving:
        [saved] = stored_default(path)
        assert saved.note == "every word"
        assert draft is None
    else:
        assert stored_default(path) == []
        assert draft is not None
        assert draft.body == "every word"


async def test_a_note_that_cannot_be_kept_as_the_app_quits_is_left_for_the_command_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No screen is left to say that the last draft failed: the app keeps the line, with the
    words, and `briefing` prints it once the terminal is back."""
    path = article(tmp_path)

    def full(self: Notebook, *args: Any) -> None:
        raise StoreError("database or disk is full")

    monkeypatch.setattr(Notebook, "save_draft", full)
    app = BriefingApp(load_document(path))
    async with app.run_test(size=(120, 30)) as pilot:
        await ready(app, pilot)
        await pilot.press("right_parenthesis", "a", *"last words")
        await pilot.press("ctrl+q")
    assert app.not_saved == ["not saved (database or disk is full); what you wrote: last words"]


async def test_a_database_locked_by_another_process_does_not_stop_the_reader(
    tmp_path: Path,
) -> None:
    """Another process holds the write lock: the highlight shows, the reader keeps moving,
    and the write lands once the lock is let go (on the event loop it would have frozen the
    app for up to the 30 s busy timeout, then failed)."""
    path = article(tmp_path)
    store = Store.default()
    with store.transaction():
        pass  # the database exists, as after any earlier session
    store.close()
    app = BriefingApp(load_document(path))
    async with app.run_test(size=(120, 30)) as pilot:
        screen = await ready(app, pilot)
        other = sqlite3.connect(store.path, isolation_level=None)
        other.execute("BEGIN IMMEDIATE")
        try:
            await pilot.press("right_parenthesis", "y", "right_parenthesis")
            reader = screen.query_one(ReaderView)
            assert reader.selection is not None
            assert screen.document.text[slice(*reader.selection)].startswith("Its chair")
            [shown] = screen.annotator.annotations
            assert other.execute("SELECT count(*) FROM annotations").fetchone() == (0,)
        finally:
            other.execute("ROLLBACK")
            other.close()
        await settled(app, pilot)
        assert stored_default(path) == [shown]


async def test_a_section_title_that_cannot_be_saved_stays_shown_and_says_so(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from briefing.service.corrections import SectionEditor

    def locked(self: SectionEditor, plan: object) -> None:
        raise StoreError("the notes database is locked by another program; try again")

    monkeypatch.setattr(SectionEditor, "save", locked)
    path = article(tmp_path)
    app = BriefingApp(load_document(path))
    async with app.run_test(size=(120, 30)) as pilot:
        screen = await ready(app, pilot)
        await pilot.press("r", "ctrl+u", *"Mine", "enter")
        await settled(app, pilot)
        assert "Mine" in [section.title for section in screen.sections]
        messages = [n.message for n in app._notifications]
        assert "Not saved: the notes database is locked by another program; try again" in messages
