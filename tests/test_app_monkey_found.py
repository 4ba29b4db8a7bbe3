"""What the monkey test (`test_app_monkey.py`) found: each bug's shortest key sequence, replayed
with Pilot."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual import events
from textual.widgets import Input

from briefing.app import BriefingApp
from briefing.app.dialogs import Confirm, TextPrompt
from briefing.app.export_dialog import ExportDialog
from briefing.app.note_editor import NoteEditor
from briefing.app.reader.view import ReaderView
from briefing.app.reading_screen import ReadingScreen
from briefing.app.review_screen import ReviewScreen
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


@pytest.mark.parametrize(
    ("opening", "closing"),
    [
        (["right_parenthesis", "a"], "ctrl+s"),  # the note editor
        (["right_parenthesis", "t"], "enter"),  # the tags prompt
        (["r", "ctrl+u"], "enter"),  # the section title prompt
    ],
)
async def test_keys_typed_after_the_one_that_saves_are_not_saved(
    tmp_path: Path, opening: list[str], closing: str
) -> None:
    # The other side of the race above: as an ordinary binding (the fields' own enter, or
    # ctrl+s without priority) the save ran after the keys typed behind it, which went in.
    path = article(tmp_path)
    app = BriefingApp(load_document(path))
    async with app.run_test(size=(120, 30)) as pilot:
        screen = await ready(app, pilot)
        await pilot.press(*opening)
        dialog = app.screen
        assert dialog is not screen
        for key, character in [("x", "x"), (closing, None), ("j", "j"), ("k", "k")]:
            app.post_message(events.Key(key, character))
        await pilot.pause()
        assert app.screen is screen
        titles = [s.title for s in screen.sections]
    saved = _saved(path)
    if opening[-1] == "a":
        assert saved == [("x", ())]
    elif opening[-1] == "t":
        assert saved == [("", ("x",))]
    else:
        assert titles[0] == "x"


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
        keys = [("full_stop", "."), ("m", "m"), ("d", "d"), ("ctrl+s", None), ("j", "j")]
        for key, character in keys:
            app.post_message(events.Key(key, character))
        await pilot.pause()
        assert isinstance(app.screen, ReadingScreen)
    assert (tmp_path / "out.md").is_file()
    assert not (tmp_path / "out").exists()
    assert not (tmp_path / "out.mdj").exists()


async def test_an_export_path_naming_no_home_is_a_warning(tmp_path: Path) -> None:
    # "~  0" reads as the home of a user called "  0": pathlib raised and the app stopped.
    path = article(tmp_path)
    app = BriefingApp(load_document(path))
    async with app.run_test(size=(120, 30)) as pilot:
        await ready(app, pilot)
        await pilot.press("E")
        assert isinstance(app.screen, ExportDialog)
        field = app.screen.query_one(Input)
        field.value = "~  0"
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ExportDialog)  # still open, to correct the path
        assert any("no user's home folder" in str(n.message) for n in app._notifications)
    assert not any(p.name.startswith("~") for p in tmp_path.rglob("*"))
    assert not any(p.name.startswith("~") for p in Path.cwd().iterdir())


def _keys_together(app: BriefingApp, *keys: str) -> None:
    """Keys that reach the app at once (a quick double press, or typed while it was busy)."""
    names = {"enter": None, "escape": None}
    for key in keys:
        app.post_message(events.Key(key, names.get(key, key)))


@pytest.mark.parametrize(
    ("opening", "together"),
    [
        (["right_parenthesis", "t", "x"], ["enter", "enter"]),  # the tags prompt
        (["r"], ["enter", "escape"]),  # the section title prompt
        (["ctrl+p", "g", "o"], ["enter", "enter"]),  # the command palette
    ],
)
async def test_a_dialog_asked_twice_to_close_closes_once(
    tmp_path: Path, opening: list[str], together: list[str]
) -> None:
    # The second key went to the dialog that had just closed, which closed again: Textual
    # popped the screen under it, and with none left the app stopped with an error.
    path = article(tmp_path)
    app = BriefingApp(load_document(path))
    async with app.run_test(size=(120, 30)) as pilot:
        screen = await ready(app, pilot)
        await pilot.press(*opening)
        await pilot.pause(0.3)  # the palette searches in the background
        dialog = app.screen
        assert dialog is not screen
        _keys_together(app, *together)
        await pilot.pause()
        assert app.is_running
        assert app.screen_stack == [screen]


async def test_reviewing_with_two_quick_enters_shows_the_note_once(tmp_path: Path) -> None:
    path = article(tmp_path)
    notebook = Notebook(Store.default(), load_document(path))
    notebook.open()
    start = notebook.document.text.index("old arches")
    notebook.add(start, start + len("old arches"), note="orphaned")
    path.write_text(ARTICLE.replace("the old arches", "its piers"), encoding="utf-8")
    app = BriefingApp(load_document(path))
    async with app.run_test(size=(120, 30)) as pilot:
        screen = await ready(app, pilot)
        await pilot.press("v")
        assert isinstance(app.screen, ReviewScreen)
        _keys_together(app, "enter", "enter")
        await pilot.pause()
        assert app.is_running
        assert app.screen_stack == [screen]


async def test_exporting_with_two_quick_enters_writes_once_and_asks_nothing(
    tmp_path: Path,
) -> None:
    path = article(tmp_path)
    app = BriefingApp(load_document(path))
    async with app.run_test(size=(120, 30)) as pilot:
        screen = await ready(app, pilot)
        await pilot.press("E")
        app.screen.query_one(Input).value = str(tmp_path / "out.md")
        _keys_together(app, "enter", "enter")
        await pilot.pause()
        assert app.screen_stack == [screen]  # no "overwrite?" for the file it just wrote
    assert (tmp_path / "out.md").is_file()


def _saved(path: Path) -> list[tuple[str, tuple[str, ...]]]:
    notebook = Notebook(Store.default(), load_document(path))
    notebook.open(persist=False)
    return [(a.note, a.tags) for a in notebook.annotations]


@pytest.mark.parametrize(
    ("opening", "typed", "closing", "kept"),
    [
        ("t", "x", "enter", ("", ("x",))),  # tags
        ("a", "x", "ctrl+s", ("x", ())),  # a note
    ],
)
async def test_writing_on_an_annotation_deleted_meanwhile_is_kept(
    tmp_path: Path, opening: str, typed: str, closing: str, kept: tuple[str, tuple[str, ...]]
) -> None:
    # t or a, then d before the dialog was up: the d deleted the annotation being written on,
    # and saving what was written then failed ("no note … on this document") and lost it.
    path = article(tmp_path)
    app = BriefingApp(load_document(path))
    async with app.run_test(size=(120, 30)) as pilot:
        await ready(app, pilot)
        await pilot.press("right_parenthesis", "y")
        _keys_together(app, opening, "d")
        await pilot.pause()
        await pilot.press(typed, closing)
        await pilot.pause()
        assert not [n for n in app._notifications if n.severity == "error"]
        assert isinstance(app.screen, ReadingScreen)
    assert _saved(path) == [kept]


HEADED = (
    "# Lantern Market\n\n## The vote\n\nThe river council voted to reopen the market.\n\n"
    "Its treasurer said the stalls would pay.\n\n## The bridge\n\nA plan would widen the south "
    "bridge.\n\nEngineers said the arches were sound.\n"
)


async def _session(path: Path, *keys: str, title: str | None = None) -> list[str]:
    """Open the app, press `keys` (the rename prompt, if one opens, gets `title`); the titles."""
    app = BriefingApp(load_document(path))
    async with app.run_test(size=(120, 30)) as pilot:
        screen = await ready(app, pilot)
        for key in keys:
            await pilot.press(key)
            if title is not None and isinstance(app.screen, TextPrompt):
                app.screen.query_one(Input).value = title
        await pilot.pause()
        return [s.title for s in screen.sections]


async def test_section_titles_written_on_another_version_of_the_text_are_kept(
    tmp_path: Path,
) -> None:
    # Rename a section, then the file loses its second part (the plan no longer fits); the
    # next correction wrote a new plan over the user's titles. And the plan was looked up by
    # the text's hash before the notes had moved the document's row to it: back on the first
    # version, the title was not shown either (and the next correction overwrote it).
    path = tmp_path / "market.md"
    path.write_text(HEADED, encoding="utf-8")
    assert await _session(path, "2", "r", "enter", title="Who pays") == ["The vote", "Who pays"]
    path.write_text(HEADED.split("## The bridge")[0], encoding="utf-8")
    assert await _session(path, "r", "enter", title="Another") == ["The vote"]
    path.write_text(HEADED, encoding="utf-8")
    assert await _session(path) == ["The vote", "Who pays"]


async def test_sections_merged_while_another_pane_is_maximized_show_when_it_is_not(
    tmp_path: Path,
) -> None:
    # With a pane maximized the reader has no width and lays nothing out; after a merge, the
    # old layout (two section titles) came back with the width and drew a section that was
    # gone: IndexError, the app stopped.
    path = article(tmp_path)
    app = BriefingApp(load_document(path))
    async with app.run_test(size=(120, 30)) as pilot:
        screen = await ready(app, pilot)
        await pilot.press(*["j"] * 5, "x")  # split at the second paragraph
        assert len(screen.sections) == 2
        await pilot.press("tab", "ctrl+p", *"maximize")
        await pilot.pause(0.3)  # the palette searches in the background
        await pilot.press("enter")
        await pilot.pause()
        assert screen.maximized is not None
        await pilot.press("p", "m")  # back to the first section, merge it with the second
        await pilot.pause()
        assert len(screen.sections) == 1
        await pilot.press("escape")  # escape un-maximizes
        await pilot.pause()
        assert screen.maximized is None
        assert app.is_running
        reader = screen.query_one(ReaderView)
        assert reader.layout_lines is not None
        assert len(reader.layout_lines.section_lines) == 1


async def test_two_quick_escapes_in_a_changed_note_ask_once(tmp_path: Path) -> None:
    app = BriefingApp(load_document(article(tmp_path)))
    async with app.run_test(size=(120, 30)) as pilot:
        screen = await ready(app, pilot)
        await pilot.press("right_parenthesis", "a", "h")
        _keys_together(app, "escape", "escape")
        await pilot.pause()
        assert [type(s) for s in app.screen_stack] == [ReadingScreen, NoteEditor, Confirm]
        await pilot.press("y")
        await pilot.pause()
        assert app.screen_stack == [screen]


async def test_two_quick_deletes_in_the_notes_panel_delete_once_without_an_error(
    tmp_path: Path,
) -> None:
    # Both d's asked to delete the note highlighted before the list was rebuilt: the second
    # failed with "Could not delete: no note … on this document".
    path = article(tmp_path)
    app = BriefingApp(load_document(path))
    async with app.run_test(size=(120, 30)) as pilot:
        await ready(app, pilot)
        await pilot.press("right_parenthesis", "y", "right_parenthesis", "u", "N")
        _keys_together(app, "d", "d")
        await pilot.pause()
        assert not [n for n in app._notifications if n.severity == "error"]
        assert app.is_running
    assert len(_saved(path)) == 1


async def test_a_question_answered_before_it_shows_is_no_crash(tmp_path: Path) -> None:
    app = BriefingApp(load_document(article(tmp_path)))
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(app, pilot)
        answers: list[bool | None] = []
        question = Confirm("Remove it?")
        app.push_screen(question, answers.append)
        question.action_answer(False)  # the key typed ahead, before the buttons came
        await pilot.pause()
        await pilot.pause()
        assert answers == [False]
        assert isinstance(app.screen, ReadingScreen)
        asked = Confirm("Remove it?")
        app.push_screen(asked)
        await pilot.pause()
        assert app.screen is asked
        assert app.focused is not None
        assert app.focused.id == "no"


async def test_an_export_dialog_closed_before_it_shows_is_no_crash(tmp_path: Path) -> None:
    app = BriefingApp(load_document(article(tmp_path)))
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await ready(app, pilot)
        results: list[Path | None] = []
        dialog = ExportDialog(screen.reading, [])
        app.push_screen(dialog, results.append)
        dialog.dismiss(None)  # escape typed ahead, before the dialog's widgets came
        await pilot.pause()
        await pilot.pause()
        assert results == [None]
        assert app.screen is screen
