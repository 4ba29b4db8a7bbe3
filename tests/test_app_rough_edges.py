"""The rough edges a new user hit (issue 16), driven by Pilot as a person would meet them."""

from __future__ import annotations

from pathlib import Path

from rich.color import ColorSystem
from textual.widgets import Input, Static

from briefing.app import BriefingApp
from briefing.app.dialogs import Confirm
from briefing.app.entity_sidebar import EntitySidebar
from briefing.app.export_dialog import ExportDialog
from briefing.app.footer import BriefingFooter
from briefing.app.help_screen import HelpScreen, binding_rows
from briefing.app.notes_panel import matches
from briefing.app.reader.view import ReaderView
from briefing.app.section_list import SectionList, gist_lines
from briefing.ingest import document_from_text, load_document
from briefing.model import Annotation
from briefing.store.database import Store
from briefing.store.notebook import Notebook
from tests.test_app import make_app, ready, rendered_text
from tests.test_app_notes import article
from tests.test_app_notes import ready as notes_ready


async def test_footer_shows_quit_and_help_at_every_width() -> None:
    for size in ((80, 24), (120, 40)):
        app = make_app()
        async with app.run_test(size=size) as pilot:
            await ready(app, pilot)
            footer = app.screen.query_one(BriefingFooter)
            keys = list(footer.children)
            actions = [getattr(key, "action", None) for key in keys]
            assert actions[:2] == ["quit", "help"], actions
            for key in keys[:2]:
                assert key.region.width > 0
                assert key.region.right <= size[0]


async def test_help_lists_tab_and_how_to_close_it() -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(app, pilot)
        rows = binding_rows(app.binding_owners())
        keys = {keys for _, keys, _ in rows}
        assert "tab" in keys
        assert "shift+tab" in keys
        assert any(what == "Close help" and "escape" in keys for _, keys, what in rows)
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        hint = str(app.screen.query_one("#help-hint", Static).render())
        assert "escape" in hint
        assert "tab" in hint
        # The hint is above the table: seen without scrolling.
        assert hint_above_table(app.screen)


def hint_above_table(screen: HelpScreen) -> bool:
    return screen.query_one("#help-hint").region.y < screen.query_one("#help-table").region.y


async def test_enter_in_the_section_list_gives_the_reader_the_focus() -> None:
    app = make_app()
    async with app.run_test(size=(120, 30)) as pilot:
        screen = await ready(app, pilot)
        sections = screen.query_one(SectionList)
        sections.focus()
        await pilot.press("j", "j", "enter")
        await pilot.pause()
        reader = screen.query_one(ReaderView)
        assert app.focused is reader
        assert screen.current_section() == 2
        await pilot.press("right_parenthesis")
        await pilot.pause()
        assert reader.selection is not None


async def test_next_mention_without_an_entity_says_how_to_choose_one() -> None:
    for size, expected in (
        ((140, 30), "tab to the entity sidebar"),
        ((80, 30), "press e to show the entity sidebar"),
    ):
        app = make_app()
        async with app.run_test(size=size) as pilot:
            screen = await ready(app, pilot)
            assert screen.query_one(EntitySidebar).display is (size[0] >= 110)
            await pilot.press("right_curly_bracket")
            await pilot.pause()
            messages = [n.message for n in app._notifications]
            assert any(expected in m for m in messages), messages


async def test_escape_on_an_edited_note_offers_to_discard_only_the_changes(
    tmp_path: Path,
) -> None:
    app = BriefingApp(load_document(article(tmp_path)))
    async with app.run_test(size=(100, 30)) as pilot:
        await notes_ready(app, pilot)
        await pilot.press("right_parenthesis", "a", *"kept", "ctrl+s")
        await pilot.pause()
        await pilot.press("a", *" more", "escape")
        await pilot.pause()
        assert isinstance(app.screen, Confirm)
        assert app.screen.question.startswith("Discard your changes?")
        await pilot.press("y")
        await pilot.pause()
        # A new note's escape still warns that the note itself goes.
        await pilot.press("right_parenthesis", "a", *"new", "escape")
        await pilot.pause()
        assert isinstance(app.screen, Confirm)
        assert app.screen.question.startswith("Discard this note?")


async def test_export_toast_names_the_folder(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.chdir(tmp_path)
    app = BriefingApp(load_document(article(tmp_path)))
    async with app.run_test(size=(120, 40)) as pilot:
        await notes_ready(app, pilot)
        await pilot.press("E")
        await pilot.pause()
        assert isinstance(app.screen, ExportDialog)
        app.screen.query_one(Input).value = "relative.md"
        await pilot.press("enter")
        await pilot.pause()
        assert (tmp_path / "relative.md").exists()
        messages = [n.message for n in app._notifications]
        assert f"Wrote relative.md in {tmp_path.resolve()}" in messages, messages


LONG_PARAGRAPHS = (
    "Long Paragraphs\n\n"
    + "\n\n".join(
        f"Paragraph {n} starts here. " + "Its words run on and on across many lines. " * 6
        for n in range(1, 7)
    )
    + "\n"
)


async def test_split_starts_at_the_first_paragraph_wholly_in_view() -> None:
    app = BriefingApp(document_from_text(LONG_PARAGRAPHS, "text", "long.txt"))
    async with app.run_test(size=(70, 30)) as pilot:
        screen = await ready(app, pilot)
        reader = screen.query_one(ReaderView)
        layout = reader.layout_lines
        assert layout is not None
        second = layout.paragraph_lines[2]  # paragraph 2's first line (paragraph 0 is the title)
        reader.scroll_to(y=second + 1, animate=False, immediate=True)  # its top is cut off
        await pilot.pause()
        assert reader.top_paragraph() == 2
        await pilot.press("x")
        await pilot.pause()
        assert [s.start_paragraph for s in screen.sections][:2] == [0, 3]


MANY_SECTIONS = (
    "Many Sections\n\n"
    + "\n\n".join(
        f"Part {n}\n\nThe text of part {n} tells its own small story in one sentence."
        for n in range(1, 14)
    )
    + "\n"
)


async def test_colon_goes_to_any_section_by_number() -> None:
    app = BriefingApp(document_from_text(MANY_SECTIONS, "text", "many.txt"))
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ready(app, pilot)
        assert len(screen.sections) >= 12
        await pilot.press("colon", *"12", "enter")
        await pilot.pause()
        assert screen.current_section() == 11
        assert app.focused is screen.query_one(ReaderView)
        await pilot.press("colon", *"99", "enter")
        await pilot.pause()
        assert screen.current_section() == 11
        assert any("no section 99" in str(n.message) for n in app._notifications)
        await pilot.press("colon", *"abc", "enter")
        await pilot.pause()
        assert any("Not a section number: abc" in str(n.message) for n in app._notifications)


LONG_LEDE = (
    "A Long Lede\n\n"
    + "The opening paragraph of this report goes on for a long while about everything "
    "that matters, with clause after clause and detail after detail, before it ever stops. "
    * 3
    + "\n\nSecond Part\n\nA second part follows with a sentence of its own.\n"
)


async def test_the_first_sections_gist_takes_at_most_three_lines() -> None:
    app = BriefingApp(document_from_text(LONG_LEDE, "text", "lede.txt"))
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ready(app, pilot)
        assert screen.sections[0].gist is not None
        rows = rendered_text(screen.query_one(SectionList)).splitlines()
        first = next(i for i, row in enumerate(rows) if row.strip().startswith("▶1"))
        second = next(i for i, row in enumerate(rows) if row.strip().startswith("2 "))
        gist_rows = rows[first + 1 : second]
        assert 1 <= len(gist_rows) <= 3, gist_rows
        assert gist_rows[-1].rstrip().endswith("…")


def test_gist_lines_fit_the_width() -> None:
    text = "word " * 100
    cut = gist_lines(text, 20)
    assert cut.endswith("…")
    import textwrap

    assert len(textwrap.wrap(cut, 20)) <= 3
    assert gist_lines("short gist", 20) == "short gist"


def _in_256_colours(style) -> object:  # type: ignore[no-untyped-def]
    """The background a terminal of 256 colours shows for a style (reverse video swaps in the
    foreground): what tells a marked passage from the text around it."""
    colour = style.color if style.reverse else style.bgcolor
    return colour.downgrade(ColorSystem.EIGHT_BIT).number if colour else None


async def test_the_selection_and_a_blue_highlight_differ_in_256_colours(tmp_path: Path) -> None:
    app = BriefingApp(load_document(article(tmp_path)))
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await notes_ready(app, pilot)
        reader = screen.query_one(ReaderView)
        await pilot.press("right_parenthesis", "i", "right_parenthesis")  # blue, then move on
        await pilot.pause()
        assert reader.selection is not None
        blue = screen.annotator.annotations[0]
        for focused in (True, False):  # the selection is drawn in both
            if not focused:
                screen.query_one(SectionList).focus()
                await pilot.pause()
            segments = [s for y in range(reader.size.height) for s in reader.render_line(y)]
            text = screen.document.text
            highlighted = next(
                s for s in segments if s.text.strip() and s.text in text[blue.start : blue.end]
            )
            start, end = reader.selection
            selected = next(s for s in segments if s.text.strip() and s.text in text[start:end])
            assert _in_256_colours(highlighted.style) != _in_256_colours(selected.style)


def test_a_tag_filter_matches_the_start_of_a_tag() -> None:
    from briefing.model import TextQuote

    note = Annotation(
        id="a" * 32,
        start=0,
        end=4,
        quote=TextQuote("Some"),
        color="yellow",
        note="",
        tags=("follow-up", "budget"),
    )
    assert matches(note, ["#follow"])
    assert matches(note, ["#FOLLOW-up"])
    assert matches(note, ["#bud", "#follow"])
    assert not matches(note, ["#up"])
    assert not matches(note, ["#followed"])


async def test_capital_y_copies_the_selection_and_a_notes_text(tmp_path: Path) -> None:
    path = article(tmp_path)
    notebook = Notebook(Store.default(), load_document(path))
    notebook.open()
    text = notebook.document.text
    quay = text.index("rebuild the north quay")
    notebook.add(quay, quay + 22, note="ask about the cost", tags=["infra"])
    app = BriefingApp(load_document(path))
    async with app.run_test(size=(130, 30)) as pilot:
        screen = await notes_ready(app, pilot)
        await pilot.press("Y")  # nothing selected yet: says so, copies nothing
        await pilot.pause()
        assert app.clipboard == ""
        await pilot.press("right_parenthesis", "Y")
        await pilot.pause()
        start, end = screen.query_one(ReaderView).selection or (0, 0)
        assert app.clipboard == text[start:end]
        assert app.clipboard.startswith("The harbour board met")
        await pilot.press("N")
        await pilot.pause()
        await pilot.press("Y")
        await pilot.pause()
        assert app.clipboard == "ask about the cost"


async def test_reopening_starts_where_the_reader_left_off() -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await ready(app, pilot)
        assert screen.query_one(ReaderView).top_line() == 0
        await pilot.press("4")
        await pilot.pause()
        left_at = screen.query_one(ReaderView).top_offset()
        assert left_at
    # Quitting within the pause that saves it: saved as the screen closes.
    assert Store.default().reading_position(app.document) == left_at  # type: ignore[arg-type]

    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await ready(app, pilot)
        reader = screen.query_one(ReaderView)
        assert reader.top_offset() == left_at
        assert screen.current_section() == 3
        # After a pause the new position is saved by a worker, not the closing screen.
        await pilot.press("2")
        await pilot.pause()
        screen._save_position()
        await app.workers.wait_for_complete()
        moved_to = reader.top_offset()
        assert Store.default().reading_position(app.document) == moved_to  # type: ignore[arg-type]
        assert moved_to != left_at


def test_a_reading_position_beyond_the_text_is_clamped(tmp_path: Path) -> None:
    document = document_from_text("Short text.\n", "text", "short.txt")
    store = Store(tmp_path / "notes.sqlite3")
    assert store.reading_position(document) is None
    store.save_reading_position(document, 5000)
    assert store.reading_position(document) == len(document.text)
