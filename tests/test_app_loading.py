"""The loading screen, driven by Pilot: a page extracted in a worker with progress, a URL's
kept copy offered against a fresh fetch, a failure that ends the app with its error."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable

from briefing.app import BriefingApp
from briefing.app.loading_screen import LoadingScreen
from briefing.app.reading_screen import ReadingScreen
from briefing.errors import SourceError
from briefing.ingest import document_from_text
from briefing.model import Document
from tests.web import ARTICLE


def shown(app: BriefingApp) -> str:
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


async def until(condition: Callable[[], bool], pilot) -> None:  # type: ignore[no-untyped-def]
    for _ in range(400):
        if condition():
            return
        await pilot.pause(0.01)
    raise AssertionError("timed out")


async def test_page_is_extracted_behind_a_loading_screen_with_progress() -> None:
    go = threading.Event()

    def load(status: Callable[[str], None], fresh: bool) -> Document:
        status("fetching… 0.5 MB of 1.0 MB")
        go.wait(5)
        return document_from_text(ARTICLE, "html", "http://127.0.0.1/article.html")

    app = BriefingApp(None, load, "Fetching http://127.0.0.1/article.html")
    async with app.run_test(size=(100, 30)) as pilot:
        assert isinstance(app.screen, LoadingScreen)
        await until(lambda: "0.5 MB of 1.0 MB" in shown(app), pilot)
        assert "Fetching http://127.0.0.1/article.html" in shown(app)
        go.set()
        await until(lambda: isinstance(app.screen, ReadingScreen), pilot)
        screen = app.screen
        assert isinstance(screen, ReadingScreen)
        await asyncio.wait_for(screen.analysed.wait(), 30)
        await pilot.pause()
        text = shown(app)
        assert "Harbour Plans Advance" in text
        assert "What it costs" in text


async def test_kept_copy_is_offered_and_refresh_asks_for_a_fresh_fetch() -> None:
    asked: list[bool] = []

    def load(status: Callable[[str], None], fresh: bool) -> Document:
        asked.append(fresh)
        return document_from_text(ARTICLE, "html", "http://127.0.0.1/a.html")

    for key, fresh in (("enter", False), ("r", True)):
        app = BriefingApp(None, load, "http://127.0.0.1/a.html", kept="2024-03-01T10:00:00Z")
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            assert "kept when you read it (2024-03-01T10:00:00Z)" in shown(app)
            before = len(asked)
            await pilot.press(key)
            opened = app
            await until(lambda: isinstance(opened.screen, ReadingScreen), pilot)  # noqa: B023
            assert len(asked) == before + 1
        assert asked[-1] is fresh


async def test_a_failed_load_ends_the_app_with_its_error() -> None:
    def load(status: Callable[[str], None], fresh: bool) -> Document:
        raise SourceError("http://127.0.0.1/missing", "the server answered 404 Not Found")

    app = BriefingApp(None, load, "http://127.0.0.1/missing")
    async with app.run_test(size=(100, 30)) as pilot:
        await until(lambda: app.load_error is not None, pilot)
    assert isinstance(app.load_error, SourceError)
    assert "404" in str(app.load_error)
