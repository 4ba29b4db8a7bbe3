"""Annotating in the app, driven by Pilot: selection, highlight, note, tags, delete/undo, the
notes panel, drafts, re-anchoring review and the export dialog."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Input, TextArea

from briefing.app import BriefingApp
from briefing.app.dialogs import Confirm, TextPrompt
from briefing.app.export_dialog import ExportDialog
from briefing.app.note_editor import NoteEditor
from briefing.app.note_line import NoteLine
from briefing.app.notes_panel import NotesPanel
from briefing.app.reader.view import ReaderView
from briefing.app.reading_screen import ReadingScreen
from briefing.app.review_screen import ReviewScreen
from briefing.app.section_list import SectionList
from briefing.ingest import load_document
from briefing.model import AnchorStatus
from briefing.store.database import Store
from briefing.store.notebook import Notebook

ARTICLE = (
    "Harbour Plans Advance\n\n"
    "The harbour board met on Monday to weigh the new ferry timetable. Its chair said the "
    "later sailings would help shift workers. Critics were not convinced.\n\n"
    "A separate plan would rebuild the north quay before the winter storms. Engineers warned "
    "that the old pilings were rotting faster than expected.\n\n"
    "Meanwhile the city council debated the school budget. Teachers asked for smaller classes. "
    "The mayor promised an answer by June.\n"
)


def article(tmp_path: Path, text: str = ARTICLE) -> Path:
    path = tmp_path / "harbour.txt"
    path.write_text(text, encoding="utf-8")
    return path


async def ready(app: BriefingApp, pilot) -> ReadingScreen:  # type: ignore[no-untyped-def]
    screen = app.screen
    assert isinstance(screen, ReadingScreen)
    await screen.analysed.wait()
    await app.workers.wait_for_complete()
    await pilot.pause()
    assert screen.annotator.notebook is not None
    return screen


def selected(screen: ReadingScreen) -> str:
    reader = screen.query_one(ReaderView)
    assert reader.selection is not None
    start, end = reader.selection
    return screen.document.text[start:end]


async def written(app: BriefingApp, pilot) -> None:  # type: ignore[no-untyped-def]
    """The writes the keys asked for have run (on the screen's writer thread) and been shown."""
    await app.workers.wait_for_complete()
    await pilot.pause()


def stored(path: Path) -> Notebook:
    notebook = Notebook(Store.default(), load_document(path))
    notebook.open(persist=False)
    return notebook


async def test_cursor_selects_sentences_words_and_paragraphs(tmp_path: Path) -> None:
    app = BriefingApp(load_document(article(tmp_path)))
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await ready(app, pilot)
        await pilot.press("right_parenthesis")
        assert selected(screen) == (
            "The harbour board met on Monday to weigh the new ferry timetable."
        )
        await pilot.press("right_parenthesis")
        assert selected(screen).startswith("Its chair said")
        await pilot.press("shift+down")
        assert selected(screen).endswith("Critics were not convinced.")
        await pilot.press("shift+up")
        assert selected(screen).endswith("help shift workers.")
        await pilot.press("shift+left")  # first the full stop goes, then a word at a time
        assert selected(screen) == "Its chair said the later sailings would help shift workers"
        await pilot.press("shift+left", "shift+left")
        assert selected(screen) == "Its chair said the later sailings would help"
        await pilot.press("shift+right")
        assert selected(screen) == "Its chair said the later sailings would help shift"
        await pilot.press("greater_than_sign", "greater_than_sign")
        assert selected(screen) == "said the later sailings would help shift"
        await pilot.press("less_than_sign")
        assert selected(screen) == "chair said the later sailings would help shift"
        await pilot.press("left_parenthesis")
        assert selected(screen).startswith("The harbour board met")
        await pilot.press("V")
        assert selected(screen).endswith("Critics were not convinced.")
        await pilot.press("escape")
        assert screen.query_one(ReaderView).selection is None


async def test_highlight_note_tags_delete_and_undo(tmp_path: Path) -> None:
    path = article(tmp_path)
    app = BriefingApp(load_document(path))
    async with app.run_test(size=(120, 30)) as pilot:
        screen = await ready(app, pilot)
        await pilot.press("right_parenthesis", "right_parenthesis", "y")
        await written(app, pilot)
        [made] = stored(path).annotations
        assert made.quote.exact.startswith("Its chair said")
        assert made.color == "yellow"
        await pilot.press("u")  # same selection, another colour: recoloured, not a second one
        await written(app, pilot)
        [made] = stored(path).annotations
        assert made.color == "green"
        # A note on it, typed in the modal editor.
        await pilot.press("a")
        assert isinstance(app.screen, NoteEditor)
        app.screen.query_one(TextArea).insert("Who asked for **later** sailings?")
        await pilot.press("ctrl+s")
        await written(app, pilot)
        assert isinstance(app.screen, ReadingScreen)
        [made] = stored(path).annotations
        assert made.note == "Who asked for **later** sailings?"
        line = screen.query_one(NoteLine)
        assert line.has_class("-shown")
        assert "Who asked for **later** sailings?" in str(line.render())
        # The section list counts it.
        assert "●1" in str(screen.query_one(SectionList).get_option_at_index(0).prompt)
        # Tags, with the prompt pre-filled by later edits.
        await pilot.press("t")
        assert isinstance(app.screen, TextPrompt)
        app.screen.query_one(Input).value = "ferry, follow-up"
        await pilot.press("enter")
        await written(app, pilot)
        assert stored(path).annotations[0].tags == ("ferry", "follow-up")
        # Delete, then undo.
        await pilot.press("d")
        await written(app, pilot)
        assert stored(path).annotations == []
        assert not line.has_class("-shown")
        await pilot.press("z")
        await written(app, pilot)
        [back] = stored(path).annotations
        assert (back.id, back.note, back.tags) == (made.id, made.note, ("ferry", "follow-up"))


async def test_tag_prompt_suggests_tags_already_used(tmp_path: Path) -> None:
    path = article(tmp_path)
    notebook = Notebook(Store.default(), load_document(path))
    notebook.open()
    notebook.add(0, 10, tags=["follow-up"])
    app = BriefingApp(load_document(path))
    async with app.run_test(size=(120, 30)) as pilot:
        await ready(app, pilot)
        await pilot.press("right_parenthesis", "right_parenthesis", "t")
        await pilot.press(*"fol")
        await pilot.pause()
        field = app.screen.query_one(Input)
        assert field._suggestion == "follow-up"
        await pilot.press("right", "enter")
        await pilot.pause()
    tags = {a.tags for a in stored(path).annotations}
    assert tags == {("follow-up",)}
    assert len(stored(path).annotations) == 2


async def test_overlapping_annotations_and_a_new_note_inside_one(tmp_path: Path) -> None:
    path = article(tmp_path)
    app = BriefingApp(load_document(path))
    async with app.run_test(size=(120, 30)) as pilot:
        await ready(app, pilot)
        await pilot.press("right_parenthesis", "shift+down", "y")  # two sentences
        await pilot.press("right_parenthesis", "O")  # the third sentence
        await pilot.press("left_parenthesis", "A")  # a new note inside the first highlight
        app.screen.query_one(TextArea).insert("inner")
        await pilot.press("ctrl+s")
        await pilot.pause()
    notes = stored(path).annotations
    assert len(notes) == 3
    outer = max(notes, key=lambda a: a.end - a.start)
    inner = next(a for a in notes if a.note == "inner")
    assert outer.start <= inner.start
    assert inner.end <= outer.end


async def test_notes_panel_filters_and_jumps(tmp_path: Path) -> None:
    path = article(tmp_path)
    notebook = Notebook(Store.default(), load_document(path))
    notebook.open()
    text = notebook.document.text
    quay = text.index("rebuild the north quay")
    school = text.index("school budget")
    notebook.add(quay, quay + 22, color="blue", note="cost?", tags=["infra"])
    notebook.add(school, school + 13, color="pink", tags=["schools"])
    app = BriefingApp(load_document(path))
    async with app.run_test(size=(130, 30)) as pilot:
        screen = await ready(app, pilot)
        await pilot.press("N")
        await pilot.pause()
        panel = screen.query_one(NotesPanel)
        assert panel.display
        assert panel.list.has_focus
        assert panel.highlighted_annotation() is not None
        assert panel.highlighted_annotation().quote.exact == "rebuild the north quay"  # type: ignore[union-attr]
        await pilot.press("f")
        await pilot.press(*"#schools")
        await pilot.press("enter")
        await pilot.pause()
        assert panel.highlighted_annotation().quote.exact == "school budget"  # type: ignore[union-attr]
        await pilot.press("enter")
        await pilot.pause()
        assert selected(screen) == "school budget"
        assert screen.query_one(ReaderView).has_focus
        # Colour filter, then delete from the panel.
        panel.query_one(Input).value = "blue"
        await pilot.pause()
        panel.focus_list()
        await pilot.press("d")
        await written(app, pilot)
        assert [a.quote.exact for a in stored(path).annotations] == ["school budget"]


async def test_a_draft_is_saved_while_typing_and_offered_back(tmp_path: Path) -> None:
    path = article(tmp_path)
    app = BriefingApp(load_document(path))
    async with app.run_test(size=(120, 30)) as pilot:
        await ready(app, pilot)
        await pilot.press("right_parenthesis", "a")
        await pilot.press(*"half a thought")
        await pilot.pause(0.7)  # the draft timer fires (what is asserted is the stored text)
        await pilot.press("x")
        await pilot.pause(0.7)
        await app.workers.wait_for_complete()  # the draft's write, on the writer thread
        draft = Notebook(Store.default(), load_document(path)).draft()
        assert draft is not None
        assert draft.body == "half a thoughtx"
        # The app goes away without saving (as if killed): the draft stays in the database.
    again = BriefingApp(load_document(path))
    async with again.run_test(size=(120, 30)) as pilot:
        await ready(again, pilot)
        assert isinstance(again.screen, Confirm)
        await pilot.press("y")
        await pilot.pause()
        assert isinstance(again.screen, NoteEditor)
        assert again.screen.query_one(TextArea).text == "half a thoughtx"
        await pilot.press("ctrl+s")
        await pilot.pause()
    [saved] = stored(path).annotations
    assert saved.note == "half a thoughtx"
    assert Notebook(Store.default(), load_document(path)).draft() is None


async def test_cancelling_a_changed_note_asks_first(tmp_path: Path) -> None:
    path = article(tmp_path)
    app = BriefingApp(load_document(path))
    async with app.run_test(size=(120, 30)) as pilot:
        await ready(app, pilot)
        await pilot.press("right_parenthesis", "a", "h", "i", "escape")
        await pilot.pause()
        assert isinstance(app.screen, Confirm)
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, NoteEditor)
        await pilot.press("escape", "y")
        await pilot.pause()
        assert isinstance(app.screen, ReadingScreen)
    assert stored(path).annotations == []


async def test_changed_text_is_announced_and_reviewed(tmp_path: Path) -> None:
    path = article(tmp_path)
    notebook = Notebook(Store.default(), load_document(path))
    notebook.open()
    text = notebook.document.text
    kept = text.index("old pilings")
    gone = text.index("smaller classes")
    notebook.add(kept, kept + len("old pilings were rotting"), note="moved one")
    notebook.add(gone, gone + len("smaller classes"), note="orphan")
    path.write_text(
        ARTICLE.replace("that the old pilings were rotting", "the old pilings are rotting").replace(
            "Teachers asked for smaller classes. ", ""
        ),
        encoding="utf-8",
    )
    app = BriefingApp(load_document(path))
    async with app.run_test(size=(120, 30)) as pilot:
        screen = await ready(app, pilot)
        messages = [n.message for n in app._notifications]
        assert any("1 note moved, 1 orphaned — press v to review" in m for m in messages)
        await pilot.press("v")
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen)
        await pilot.press("c")  # the moved one is listed first (text order): confirm it
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen)  # the orphan is still to review
        await pilot.press("escape")
        await pilot.press("right_parenthesis")  # select the first sentence, attach the orphan
        await pilot.press("v", "r")
        await pilot.pause()
        assert isinstance(app.screen, ReadingScreen)
        assert screen.annotator.to_review() == []
    statuses = {a.note: (a.status, a.quote.exact) for a in stored(path).annotations}
    assert statuses["moved one"][0] is AnchorStatus.EXACT
    assert statuses["orphan"] == (
        AnchorStatus.EXACT,
        "The harbour board met on Monday to weigh the new ferry timetable.",
    )


async def test_mouse_click_selects_a_sentence_and_drag_selects_words(tmp_path: Path) -> None:
    app = BriefingApp(load_document(article(tmp_path)))
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await ready(app, pilot)
        reader = screen.query_one(ReaderView)
        layout = reader.layout_lines
        assert layout is not None
        text = screen.document.text
        line = layout.line_of_offset(text.index("Its chair"))
        margin = (reader.scrollable_content_region.width - layout.measure) // 2
        column = text.index("Its chair") - layout.starts[line]
        y = line - reader.top_line()
        await pilot.click(ReaderView, offset=(margin + column + 2, y))
        await pilot.pause()
        assert selected(screen).startswith("Its chair said")
        await pilot.mouse_down(ReaderView, offset=(margin + column + 1, y))
        await pilot.hover(ReaderView, offset=(margin + column + 12, y))
        await pilot.mouse_up(ReaderView, offset=(margin + column + 12, y))
        await pilot.pause()
        assert selected(screen) == "Its chair said"


async def test_export_dialog_writes_and_asks_before_overwriting(tmp_path: Path) -> None:
    path = article(tmp_path)
    notebook = Notebook(Store.default(), load_document(path))
    notebook.open()
    notebook.add(0, 10, note="first words")
    app = BriefingApp(load_document(path))
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(app, pilot)
        await pilot.press("E")
        await pilot.pause()
        assert isinstance(app.screen, ExportDialog)
        field = app.screen.query_one(Input)
        assert field.value.endswith("harbour.annotated.md")
        out = tmp_path / "out.md"
        field.value = str(out)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ReadingScreen)
        written = out.read_text(encoding="utf-8")
        assert "first words" in written
        where = f"Wrote out.md in {out.resolve().parent}"
        assert any(where == n.message for n in app._notifications)
        await pilot.press("E")
        await pilot.pause()
        app.screen.query_one(Input).value = str(out)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, Confirm)
        await pilot.press("y")
        await pilot.pause()
        assert isinstance(app.screen, ReadingScreen)


async def test_an_unusable_notes_database_is_reported_not_hidden(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "not-a-dir"
    blocker.write_text("a file where the data directory should be", encoding="utf-8")
    monkeypatch.setenv("BRIEFING_DATA_DIR", str(blocker / "data"))
    app = BriefingApp(load_document(article(tmp_path)))
    async with app.run_test(size=(120, 30)) as pilot:
        screen = app.screen
        assert isinstance(screen, ReadingScreen)
        await screen.analysed.wait()
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("right_parenthesis", "y")
        await app.workers.wait_for_complete()  # the write fails on the writer thread
        await pilot.pause()
        messages = [n.message for n in app._notifications]
        assert any(m.startswith("Could not highlight:") and "not-a-dir" in m for m in messages)
        assert selected(screen).startswith("The harbour board")  # reading goes on
        # A note that cannot be saved goes back to its writer instead of vanishing.
        await pilot.press("a", "h", "i", "ctrl+s")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, NoteEditor)
        assert app.screen.query_one(TextArea).text == "hi"
