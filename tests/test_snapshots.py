"""SVG snapshots of the main screen at two sizes and of the help screen.

Every app here reads the bundled briefing with its frozen reading (`tests/frozen.py`), so tuning
the analysis never changes a snapshot: only the UI does. Regenerate after an intended visual
change with `pytest tests/test_snapshots.py --snapshot-update` and look at the new SVGs before
committing them.
"""

from __future__ import annotations

from typing import Any

from briefing.app import BriefingApp
from tests.frozen import frozen_seed


def seed_app() -> BriefingApp:
    document, reading = frozen_seed()
    return BriefingApp(document, reading=reading)


async def _analysed(pilot: Any) -> None:
    await pilot.app.screen.analysed.wait()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def test_main_screen_120x40(snap_compare: Any) -> None:
    app = seed_app()
    assert snap_compare(app, terminal_size=(120, 40), run_before=_analysed)


def test_main_screen_80x24(snap_compare: Any) -> None:
    app = seed_app()
    assert snap_compare(app, terminal_size=(80, 24), run_before=_analysed)


def test_help_screen(snap_compare: Any) -> None:
    async def open_help(pilot: Any) -> None:
        await _analysed(pilot)
        await pilot.press("question_mark")
        await pilot.pause()

    app = seed_app()
    assert snap_compare(app, terminal_size=(100, 40), run_before=open_help)


def test_entity_card(snap_compare: Any) -> None:
    async def open_card(pilot: Any) -> None:
        await _analysed(pilot)
        pilot.app.screen.query_one("#entities").focus()
        await pilot.pause()
        await pilot.press("down", "enter")
        await pilot.pause()

    app = seed_app()
    assert snap_compare(app, terminal_size=(130, 40), run_before=open_card)


def _annotate_seed() -> None:
    """Three annotations on sentences of the seed, picked by position, not by content."""
    from briefing.store.database import Store
    from briefing.store.notebook import Notebook

    document, reading = frozen_seed()
    sentences = reading.sentences
    notebook = Notebook(Store.default(), document)
    notebook.open()
    first, second, third = sentences[1], sentences[3], sentences[4]
    notebook.add(
        first.start,
        first.end,
        color="yellow",
        note="Why now? See the **timing**.",
        tags=["context"],
    )
    notebook.add(second.start, second.end, color="blue", tags=["follow-up"])
    notebook.add(third.start, third.start + 40, color="pink", note="Check this figure.")


def test_annotations_and_notes_panel(snap_compare: Any) -> None:
    async def show_notes(pilot: Any) -> None:
        await _analysed(pilot)
        await pilot.press("N")
        await pilot.pause()
        await pilot.press("enter")  # the first note: shown and selected in the text
        await pilot.pause()

    _annotate_seed()
    app = seed_app()
    assert snap_compare(app, terminal_size=(130, 40), run_before=show_notes)


def test_note_editor(snap_compare: Any) -> None:
    async def write_note(pilot: Any) -> None:
        await _analysed(pilot)
        await pilot.press("right_parenthesis", "right_parenthesis", "a")
        await pilot.press(*"A *Markdown* note")
        await pilot.pause()

    app = seed_app()
    assert snap_compare(app, terminal_size=(100, 30), run_before=write_note)


def tables_app() -> BriefingApp:
    """A Markdown fixture with a wide table, a narrow one, a code block and links, read without
    the analysis (its headings as sections, no entities), so only the UI changes it."""
    from briefing.ingest import load_document
    from tests.conftest import FIXTURES
    from tests.frozen import reading_without_analysis

    document = load_document(FIXTURES / "tables.md")
    return BriefingApp(document, reading=reading_without_analysis(document))


def test_markdown_tables_and_code_block(snap_compare: Any) -> None:
    assert snap_compare(tables_app(), terminal_size=(100, 34), run_before=_analysed)


def test_wide_table_scrolled_sideways(snap_compare: Any) -> None:
    async def scroll_right(pilot: Any) -> None:
        await _analysed(pilot)
        await pilot.press("l", "l", "l")  # the reader has the focus
        await pilot.pause()

    assert snap_compare(tables_app(), terminal_size=(100, 34), run_before=scroll_right)


def test_link_picker(snap_compare: Any) -> None:
    async def pick(pilot: Any) -> None:
        await _analysed(pilot)
        await pilot.press("o")
        await pilot.pause()

    assert snap_compare(tables_app(), terminal_size=(100, 34), run_before=pick)
