"""`briefing serve` in a real browser: Debian's chromium driven by Playwright (tests/browser.py).
The server starts on a free port, a tab opens the page, the app starts and paints, keys and the
mouse work, a copy reaches the browser's clipboard, notes are kept, the export downloads, and
stopping the server ends every app (a note being typed is kept as a draft).

Where chromium or Playwright is missing these tests fail, saying what to install: they are not
skipped by default (`.ci/run` installs chromium when it is missing). `BRIEFING_SKIP_BROWSER_TESTS=1`
skips them on purpose, with the reason in pytest's summary."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from briefing.ingest import load_document
from briefing.store.database import Store
from briefing.store.notebook import Notebook
from tests.browser import Served, Tab, alive, chromium, unavailable
from tests.conftest import SEED

if TYPE_CHECKING:
    from playwright.sync_api import Browser

REASON = unavailable()
SKIP = os.environ.get("BRIEFING_SKIP_BROWSER_TESTS", "") not in ("", "0")
pytestmark = pytest.mark.skipif(
    SKIP,
    reason="browser tests skipped: BRIEFING_SKIP_BROWSER_TESTS is set",
)

FIRST_SECTION = "With authoritarian states"
"""Drawn once the reader shows the bundled briefing."""
ANALYSED = "whole briefing"
"""Drawn once its analysis is done (the entity pane's title): until then the reader has one
provisional section, and `n` has nowhere to go."""


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    if REASON is not None:
        pytest.fail(
            f"{REASON}; or set BRIEFING_SKIP_BROWSER_TESTS=1 to skip the browser tests",
            pytrace=False,
        )
    with chromium() as browser:
        yield browser


def notes(data: Path) -> list[dict[str, Any]]:
    result = subprocess.run(
        [sys.executable, "-m", "briefing", "notes", str(SEED), "--format", "json"],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "BRIEFING_DATA_DIR": str(data)},
        check=True,
    )
    found: list[dict[str, Any]] = json.loads(result.stdout)
    return found


def stopped_cleanly(served: Served, signum: int) -> None:
    apps = served.app_pids()
    assert apps
    assert served.stop(signum) == 0
    assert not [pid for pid in apps if alive(pid)]
    assert served.errors == ["briefing: stopped\n"], served.errors


def test_the_reader_in_a_browser(browser: Browser, tmp_path: Path) -> None:
    data = Path(os.environ["BRIEFING_DATA_DIR"])
    with Served(cwd=tmp_path) as served:
        tab = Tab(browser)
        tab.open(served.url)
        tab.wait_for(FIRST_SECTION, "Help", ANALYSED, timeout=60)
        first = tab.screen()
        assert len(served.app_pids()) == 1

        # n changes the screen; ? then escape gives back the very same screen.
        since = tab.mark()
        tab.press("n")
        tab.wait_for("2 · China and Taiwan", since=since)
        second = tab.screen()
        assert second != first
        since = tab.mark()
        tab.press("?")
        tab.wait_for("Split the section here", since=since)
        assert tab.screen() != second
        assert tab.answer("Escape") == second

        # ctrl+p: the palette with the sections; escape closes it.
        since = tab.mark()
        tab.press("Control+p")
        tab.wait_for("Go to section", since=since)
        tab.screen()
        assert tab.answer("Escape") == second

        # /: search as you type; enter jumps to the hit, escape clears the highlights.
        since = tab.mark()
        tab.press("/")
        tab.wait_for("Find:", since=since)  # keys typed before the bar is up go to the reader
        since = tab.mark()
        tab.page.keyboard.type("Diaoyu")
        tab.wait_for("/1", since=since)  # the hit count
        tab.answer("Enter")  # focus moves back to the reader: keys before that go to the bar
        tab.answer("Escape")

        # The mouse: a click on a sentence selects it; y highlights it, kept in the notes.
        before = tab.answer("g")
        assert before != second
        assert tab.click(400, 140) != before
        tab.answer("y")
        (note,) = notes(data)
        assert note["exact"].startswith(FIRST_SECTION)

        # Textual's text selection: dragged over the title bar, copied with ctrl+c, it is on the
        # browser's clipboard (http://127.0.0.1 is a secure origin; the permission is the
        # user's click on the browser's prompt).
        origin = served.url.rstrip("/")
        tab.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=origin)
        mouse = tab.page.mouse
        mouse.move(12, 11)
        mouse.down()
        mouse.move(150, 11, steps=5)
        mouse.up()
        tab.screen()
        tab.answer("Control+c")
        copied = tab.page.evaluate("() => navigator.clipboard.readText()")
        assert len(copied) >= 5
        assert copied in "".join(tab.drawn)

        # The export dialog writes the file beside the server and the browser downloads it.
        # (textual.js opens the download in a new tab; Playwright reports it on the opener.)
        downloads: list[Any] = []
        tab.page.on("download", lambda download: downloads.append(download))
        since = tab.mark()
        tab.press("E")
        tab.wait_for("Export", since=since)
        tab.press("Enter")
        deadline = time.monotonic() + 20
        while not downloads and time.monotonic() < deadline:
            tab.page.wait_for_timeout(50)
        written = tmp_path / "us-japan-alliance-briefing.annotated.md"
        assert written.is_file()
        (download,) = downloads
        assert download.suggested_filename == written.name
        assert Path(download.path()).read_bytes() == written.read_bytes()
        assert FIRST_SECTION in written.read_text(encoding="utf-8")

        # A note being typed when the server is stopped is kept, as a draft.
        since = tab.mark()
        tab.press("a")
        tab.wait_for("ctrl+s: save", since=since)
        since = tab.mark()
        tab.page.keyboard.type("typed in a browser")
        tab.wait_for("typed in a browser", since=since)

        # Everything the page asked for came from this server.
        hosts = {request.split("/")[2] for request in tab.requests}
        assert hosts == {served.url.split("/")[2]}, tab.requests
        stopped_cleanly(served, signal.SIGTERM)
        tab.close()
    draft = Notebook(Store.default(), load_document(SEED)).draft()
    assert draft is not None
    assert draft.body == "typed in a browser"


def test_each_tab_has_its_own_app_and_both_tabs_notes_are_kept(
    browser: Browser, tmp_path: Path
) -> None:
    data = Path(os.environ["BRIEFING_DATA_DIR"])
    # The briefing by its path: `briefing` alone opens the library once it holds a document,
    # which the first tab's app may already have added when the second tab's starts.
    with Served(str(SEED), cwd=tmp_path) as served:
        tabs = [Tab(browser), Tab(browser)]
        for tab in tabs:
            tab.open(served.url)
        for tab in tabs:
            tab.wait_for(FIRST_SECTION, "Help", ANALYSED, timeout=60)
        assert len(served.app_pids()) == 2
        one, two = tabs
        still = two.screen()
        since = one.mark()
        one.press("n")
        one.wait_for("2 · China and Taiwan", since=since)
        assert two.screen() == still

        # Both tabs highlight a sentence at once: the store keeps both notes.
        two.click(400, 140)
        one.click(400, 140)
        one.answer("y")
        two.answer("y")
        # The reader writes on its own thread (the highlight shows first): wait for both.
        kept = notes(data)
        deadline = time.monotonic() + 30
        while len(kept) < 2 and time.monotonic() < deadline:
            one.page.wait_for_timeout(100)
            kept = notes(data)
        quotes = sorted(note["exact"][:25] for note in kept)
        assert quotes == sorted([FIRST_SECTION[:25], "The new Japan-based comma"])
        stopped_cleanly(served, signal.SIGINT)
        for tab in tabs:
            tab.close()
