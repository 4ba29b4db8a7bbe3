"""The testable app: a given reading and store (no analysis runs), and widgets driven alone in a
harness that records the messages they post."""

from __future__ import annotations

from typing import Any

import pytest

from briefing.app import BriefingApp
from briefing.app.reader.messages import AnnotationAction
from briefing.app.reader.view import ReaderView
from briefing.app.reading_screen import ReadingScreen
from briefing.app.section_list import SectionList
from briefing.model import HighlightColor
from briefing.store.database import Store
from tests.frozen import frozen_seed
from tests.harness import WidgetHarness


async def test_a_given_reading_is_shown_without_analysing(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Any
) -> None:
    import briefing.pipeline

    def no_analysis(*_: Any, **__: Any) -> None:
        raise AssertionError("the app analysed a document it was given a reading for")

    monkeypatch.setattr(briefing.pipeline, "analyze", no_analysis)
    document, reading = frozen_seed()
    store = Store(tmp_path / "notes.sqlite3")
    app = BriefingApp(document, reading=reading, store=store)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = app.screen
        assert isinstance(screen, ReadingScreen)
        await screen.analysed.wait()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert screen.reading.entities == reading.entities
        assert [s.title for s in screen.sections] == [s.title for s in reading.sections]
        assert screen.store is store
        assert screen.annotator.notebook is not None
        await pilot.press("right_parenthesis", "y")
        await pilot.pause()
    assert (tmp_path / "notes.sqlite3").exists()  # the notes went to the given store


async def test_reader_posts_selection_and_annotate_messages() -> None:
    _, reading = frozen_seed()
    reader = ReaderView(id="reader")
    harness = WidgetHarness(reader)
    async with harness.run_test(size=(100, 30), message_hook=harness.record) as pilot:
        reader.reading = reading
        await pilot.pause()
        await pilot.press("right_parenthesis")
        await pilot.pause()
        changed = harness.of_type(ReaderView.SelectionChanged)
        assert len(changed) == 1
        first = reading.sentences[0]
        assert changed[0].selection == (first.start, first.end)  # type: ignore[attr-defined]
        await pilot.press("u")
        await pilot.pause()
        annotate = harness.of_type(ReaderView.Annotate)
        assert len(annotate) == 1
        assert annotate[0].action is AnnotationAction.HIGHLIGHT  # type: ignore[attr-defined]
        assert annotate[0].color is HighlightColor.GREEN  # type: ignore[attr-defined]
        assert annotate[0].selection == (first.start, first.end)  # type: ignore[attr-defined]


async def test_section_list_posts_chosen() -> None:
    _, reading = frozen_seed()
    sections = SectionList(id="sections")
    harness = WidgetHarness(sections)
    async with harness.run_test(size=(60, 30), message_hook=harness.record) as pilot:
        sections.show_sections(reading.sections, 0)
        await pilot.pause()
        await pilot.press("j", "enter")
        await pilot.pause()
        chosen = harness.of_type(SectionList.Chosen)
        assert [c.index for c in chosen] == [1]  # type: ignore[attr-defined]
