"""The rough edges a new user hit (issue 16), driven by Pilot as a person would meet them."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input, Static

from briefing.app import BriefingApp
from briefing.app.dialogs import Confirm
from briefing.app.entity_sidebar import EntitySidebar
from briefing.app.export_dialog import ExportDialog
from briefing.app.footer import BriefingFooter
from briefing.app.help_screen import HelpScreen, binding_rows
from briefing.app.reader_view import ReaderView
from briefing.app.section_list import SectionList
from briefing.ingest import load_document
from tests.test_app import make_app, ready
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
