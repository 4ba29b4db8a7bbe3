"""`briefing serve` in a real browser, for tests/test_serve_browser.py and
benchmarks/serve_first_paint.py: Debian's chromium (/usr/bin/chromium, never a downloaded browser)
driven by Playwright, with the flags this machine's closed network needs.

What the app draws arrives on the page's WebSocket as terminal output; `Tab` keeps it, so a test
can wait for a text to be drawn instead of sleeping, and compares screenshots once the page has
settled.
"""

from __future__ import annotations

import contextlib
import os
import re
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page, WebSocket

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = Path(os.environ.get("BRIEFING_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
VIEWPORT = {"width": 1280, "height": 800}

_ESCAPES = re.compile(
    r"\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)|[()][0-9A-Za-z]|.)"
)


def unavailable() -> str | None:
    """Why the browser tests cannot run on this machine, or None when they can."""
    if not CHROMIUM.exists():
        return f"no browser: {CHROMIUM} is missing (Debian: apt-get install chromium)"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "Playwright is not installed (pip install '.[test]')"
    return None


class Served:
    """`briefing serve --port 0 ARGS` in a subprocess: its URL, its apps, and stopping it."""

    def __init__(self, *args: str, cwd: Path | None = None, env: dict[str, str] | None = None):
        self.started = time.monotonic()
        self.process = subprocess.Popen(
            [sys.executable, "-m", "briefing", "serve", "--port", "0", *args],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            cwd=cwd,
            # This checkout's briefing, also for the apps the server starts (they inherit it).
            env={**(os.environ if env is None else env), "PYTHONPATH": str(ROOT)},
        )
        self.lines: list[str] = []
        self.errors: list[str] = []
        self._ready = threading.Event()
        threading.Thread(
            target=self._read, args=(self.process.stdout, self.lines), daemon=True
        ).start()
        threading.Thread(
            target=self._read, args=(self.process.stderr, self.errors), daemon=True
        ).start()
        if not self._ready.wait(20):
            self.stop(signal.SIGKILL)
            raise AssertionError(f"briefing serve did not start: {self.errors}")
        found = re.search(r" on (http://\S+/) ", self.lines[0])
        assert found, self.lines
        self.url = found.group(1)
        self.ready = time.monotonic()

    def _read(self, stream: Any, into: list[str]) -> None:
        for line in stream:
            into.append(line)
            if into is self.lines:
                self._ready.set()
        if into is self.lines:
            self._ready.set()

    def app_pids(self) -> list[int]:
        """The apps' processes: the server's children running `-m briefing`."""
        pids = []
        for entry in Path("/proc").iterdir():
            if not entry.name.isdigit():
                continue
            with contextlib.suppress(OSError, IndexError, ValueError):
                stat = (entry / "stat").read_text()
                ppid = int(stat.rsplit(")", 1)[1].split()[1])
                if ppid == self.process.pid and b"briefing" in (entry / "cmdline").read_bytes():
                    pids.append(int(entry.name))
        return sorted(pids)

    def stop(self, signum: int = signal.SIGTERM, timeout: float = 15) -> int:
        if self.process.poll() is None:
            self.process.send_signal(signum)
        try:
            return self.process.wait(timeout)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
            raise

    def __enter__(self) -> Served:
        return self

    def __exit__(self, *_: object) -> None:
        if self.process.poll() is None:
            with contextlib.suppress(subprocess.TimeoutExpired):
                self.stop()


def alive(pid: int) -> bool:
    """Whether a process is still running (a zombie is not)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return False
    return state not in ("Z", "X")


def open_raw_tab(url: str) -> socket.socket:
    """A tab without a browser: the page's WebSocket handshake, from the page's own origin
    (the server then starts an app for it, which draws into this socket until it is closed)."""
    found = re.match(r"http://([^:/]+):(\d+)/", url)
    assert found, url
    host, port = found.group(1), int(found.group(2))
    connection = socket.create_connection((host, port), timeout=10)
    connection.sendall(
        (
            f"GET /ws?width=100&height=30 HTTP/1.1\r\nHost: {host}:{port}\r\n"
            f"Origin: http://{host}:{port}\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n"
            "Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n"
        ).encode()
    )
    answer = connection.recv(4096)
    assert answer.startswith(b"HTTP/1.1 101"), answer
    return connection


class Tab:
    """A browser tab on the served reader, keeping what the app draws on its WebSocket."""

    def __init__(self, browser: Browser) -> None:
        self.context = browser.new_context(viewport=VIEWPORT, accept_downloads=True)
        self.page: Page = self.context.new_page()
        self.requests: list[str] = []
        self.drawn: list[str] = []
        self.context.on("request", lambda request: self.requests.append(request.url))
        self.page.on("websocket", self._on_websocket)

    def _on_websocket(self, websocket: WebSocket) -> None:
        def received(payload: str | bytes) -> None:
            if isinstance(payload, bytes):
                self.drawn.append(_ESCAPES.sub("", payload.decode("utf-8", "replace")))

        websocket.on("framereceived", received)

    def open(self, url: str) -> None:
        self.page.goto(url)

    def mark(self) -> int:
        """A point in what was drawn, for `wait_for` to look after."""
        return len(self.drawn)

    def wait_for(self, *texts: str, since: int = 0, timeout: float = 20) -> None:
        """Until every text was drawn after `since` (then one more animation frame, so the
        browser has painted it)."""
        deadline = time.monotonic() + timeout
        while True:
            drawn = "".join(self.drawn[since:])
            if all(text in drawn for text in texts):
                break
            if time.monotonic() > deadline:
                raise AssertionError(f"never drawn: {texts!r}; drawn: {drawn[-2000:]!r}")
            self.page.wait_for_timeout(20)
        self.page.evaluate("() => new Promise(requestAnimationFrame)")

    def press(self, *keys: str) -> None:
        for key in keys:
            self.page.keyboard.press(key)

    def answer(self, *keys: str, timeout: float = 20) -> bytes:
        """Press keys, wait until the app draws something after them, and return the screen
        once it has settled (a screenshot taken before the app had answered would be the old
        screen)."""
        since = self.mark()
        self.press(*keys)
        return self.after(since, timeout)

    def click(self, x: float, y: float, timeout: float = 20) -> bytes:
        """`answer`, for a click."""
        since = self.mark()
        self.page.mouse.click(x, y)
        return self.after(since, timeout)

    def after(self, since: int, timeout: float = 20) -> bytes:
        deadline = time.monotonic() + timeout
        while len(self.drawn) <= since:
            if time.monotonic() > deadline:
                raise AssertionError("the app drew nothing after the keys or the click")
            self.page.wait_for_timeout(20)
        return self.screen()

    def screen(self, settle: float = 0.15, timeout: float = 10) -> bytes:
        """A screenshot once two in a row, `settle` seconds apart, are the same."""
        deadline = time.monotonic() + timeout
        last = self.page.screenshot()
        while True:
            self.page.wait_for_timeout(settle * 1000)
            shot = self.page.screenshot()
            if shot == last or time.monotonic() > deadline:
                return shot
            last = shot

    def close(self) -> None:
        self.context.close()


@contextlib.contextmanager
def chromium() -> Iterator[Browser]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        # Playwright starts it with a fresh temporary profile (--user-data-dir) of its own.
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()
