"""SVG snapshots of the main screen at two sizes and of the help screen.

Regenerate after an intended visual change with `pytest tests/test_snapshots.py --snapshot-update`
and look at the new SVGs before committing them.
"""

from __future__ import annotations

from typing import Any

from briefing.app import BriefingApp
from briefing.ingest import load_document
from tests.conftest import SEED


async def _analysed(pilot: Any) -> None:
    await pilot.app.screen.analysed.wait()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def test_main_screen_120x40(snap_compare: Any) -> None:
    app = BriefingApp(load_document(SEED))
    assert snap_compare(app, terminal_size=(120, 40), run_before=_analysed)


def test_main_screen_80x24(snap_compare: Any) -> None:
    app = BriefingApp(load_document(SEED))
    assert snap_compare(app, terminal_size=(80, 24), run_before=_analysed)


def test_help_screen(snap_compare: Any) -> None:
    async def open_help(pilot: Any) -> None:
        await _analysed(pilot)
        await pilot.press("question_mark")
        await pilot.pause()

    app = BriefingApp(load_document(SEED))
    assert snap_compare(app, terminal_size=(100, 40), run_before=open_help)


def test_entity_card(snap_compare: Any) -> None:
    async def open_card(pilot: Any) -> None:
        await _analysed(pilot)
        pilot.app.screen.query_one("#entities").focus()
        await pilot.pause()
        await pilot.press("down", "enter")
        await pilot.pause()

    app = BriefingApp(load_document(SEED))
    assert snap_compare(app, terminal_size=(130, 40), run_before=open_card)
