"""What the monkey test (`test_app_monkey.py`) found: each bug's shortest key sequence, replayed
with Pilot."""

from __future__ import annotations

from pathlib import Path

from textual import events
from textual.widgets import Input

from briefing.app import BriefingApp
from briefing.app.export_dialog import ExportDialog
from briefing.app.note_editor import NoteEditor
from briefing.app.reading_screen import ReadingScreen
from briefing.ingest import load_document
from briefing.store.database import Store
from briefing.store.notebook import Notebook

ARTICLE = (
    "Lantern Market Reopens\n\n"
    "The river council voted on Tuesday to reopen the lantern market. Its treasurer said the "
    "stalls would pay for the repairs. Traders were pleased.\n\n"
    "A separate plan would widen the south bridge before the floods. Engineers said the old "
    "arches were sound.\n"
)


def article(tmp_path: Path) -> Path:
    path = tmp_path / "market.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    return path


async def ready(app: BriefingApp, pilot) -> ReadingScreen:  # type: ignore[no-untyped-def]
    screen = app.screen
    assert isinstance(screen, ReadingScreen)
    await screen.analysed.wait()
    await app.workers.wait_for_complete()
    await pilot.pause()
    return screen


async def test_quitting_with_the_note_editor_open_keeps_all_that_was_typed(
    tmp_path: Path,
) -> None:
    # The draft is saved at most every half second; quitting dropped what was typed since.
    path = article(tmp_path)
    app = BriefingApp(load_document(path))
    async with app.run_test(size=(120, 30)) as pilot:
        await ready(app, pilot)
        await pilot.press("right_parenthesis", "a", *"abc")
        assert isinstance(app.screen, NoteEditor)
        await pilot.press("ctrl+q")
    draft = Notebook(Store.default(), load_document(path)).draft()
    assert draft is not None
    assert draft.body == "abc"


async def test_keys_typed_ahead_of_ctrl_s_are_in_the_saved_note(tmp_path: Path) -> None:
    # Keys arriving together (fast typing while the app is busy): ctrl+s was a priority binding,
    # run by the app before the keys queued for the editor had reached it, and they were lost.
    path = article(tmp_path)
    app = BriefingApp(load_document(path))
    async with app.run_test(size=(120, 30)) as pilot:
        await ready(app, pilot)
        await pilot.press("right_parenthesis", "a")
        assert isinstance(app.screen, NoteEditor)
        for key, character in [("x", "x"), ("y", "y"), ("z", "z"), ("ctrl+s", None)]:
            app.post_message(events.Key(key, character))
        await pilot.pause()
        assert isinstance(app.screen, ReadingScreen)
    notebook = Notebook(Store.default(), load_document(path))
    notebook.open(persist=False)
    [saved] = notebook.annotations
    assert saved.note == "xyz"


async def test_keys_typed_ahead_of_ctrl_s_are_in_the_export_path(tmp_path: Path) -> None:
    # The same race in the export dialog: the file written was not the one typed.
    path = article(tmp_path)
    app = BriefingApp(load_document(path))
    async with app.run_test(size=(120, 30)) as pilot:
        await ready(app, pilot)
        await pilot.press("E")
        assert isinstance(app.screen, ExportDialog)
        field = app.screen.query_one(Input)
        field.value = str(tmp_path / "out")
        field.cursor_position = len(field.value)
        await pilot.pause()
        for key, character in [("full_stop", "."), ("m", "m"), ("d", "d"), ("ctrl+s", None)]:
            app.post_message(events.Key(key, character))
        await pilot.pause()
        assert isinstance(app.screen, ReadingScreen)
    assert (tmp_path / "out.md").is_file()
    assert not (tmp_path / "out").exists()
