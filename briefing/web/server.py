"""The server of `briefing serve`: textual-serve's `Server`, with

- our page (`page.html`): textual-serve's own scripts, styles and fonts, all from this
  server — its stock page asks Google Fonts for a font — under a Content-Security-Policy that
  lets nothing else in;
- every request naming this server in its `Host` (a loopback name when it listens on loopback:
  no DNS rebinding), and the WebSocket that drives an app coming from this server's own page
  (`Origin`): a web page elsewhere cannot start a reader and read it, or type into it;
- one app per tab, a `python -m briefing.web.tab PATH` process (tab.py) on the same library and
  notes database as every other tab (the store takes concurrent writers), started without a
  shell when the page is asked for, so that it is ready when the page connects;
- stopping that ends the apps: `SIGTERM` or ctrl+c asks every app to quit, ends what has not
  within a grace period, then closes the server.
"""

from __future__ import annotations

import asyncio
import contextlib
import html
import json
import logging
import os
import signal
import socket
import sys
from importlib.metadata import version
from pathlib import Path
from string import Template
from typing import Any
from urllib.parse import urlsplit

from aiohttp import web
from textual_serve.app_service import AppService
from textual_serve.server import Server, to_int

log = logging.getLogger("briefing.web")

PAGE = Path(__file__).with_name("page.html")
QUIT_GRACE = 3.0
"""Seconds an app has to quit when asked before it is terminated (then killed a second later)."""
LOOPBACK_NAMES = ("localhost", "127.0.0.1", "::1")
SPARE_LIFETIME = 60.0
"""Seconds an app started for a page waits for its page to connect before it is ended."""


def app_command(path: str | None, data_dir: str | None) -> list[str]:
    """The command line of one tab's app (tab.py): this Python, `-P` so that a `briefing`
    folder in the working directory cannot stand in for the package."""
    argv = [sys.executable, "-P", "-m", "briefing.web.tab"]
    if data_dir is not None:
        argv += ["--data-dir", data_dir]
    if path is not None:
        argv.append(path)
    return argv


def app_path_entries() -> list[str]:
    """Where the tabs' apps must look for `briefing` to run the server's own code: its folder
    when that is not one a fresh interpreter searches anyway (a checkout run as `python -m
    briefing serve`, where `-P` would otherwise leave the apps without it)."""
    import site
    import sysconfig

    import briefing

    root = Path(briefing.__file__).resolve().parent.parent
    searched = [*site.getsitepackages(), site.getusersitepackages()]
    searched += [sysconfig.get_path("purelib"), sysconfig.get_path("platlib")]
    return [] if root in {Path(p).resolve() for p in searched} else [str(root)]


def app_environment(path_entries: list[str]) -> dict[str, str]:
    """What textual-serve gives an app (Textual's web driver, 60 frames a second, true colour),
    but its size, which tab.py is told on its standard input; and our `path_entries`."""
    environment = dict(os.environ)
    environment.update(
        TEXTUAL_DRIVER="textual.drivers.web_driver:WebDriver",
        TEXTUAL_FPS="60",
        TEXTUAL_COLOR_SYSTEM="truecolor",
        TERM_PROGRAM="textual",
        TERM_PROGRAM_VERSION=version("textual-serve"),
    )
    if path_entries:
        entries = [*path_entries, environment.get("PYTHONPATH", "")]
        environment["PYTHONPATH"] = os.pathsep.join(e for e in entries if e)
    return environment


async def start_app(argv: list[str], path_entries: list[str]) -> asyncio.subprocess.Process:
    """A tab's app process, from an argument list (no shell), waiting for its size."""
    return await asyncio.create_subprocess_exec(
        *argv,
        stdin=asyncio.subprocess.PIPE,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
        env=app_environment(path_entries),
        # Its own session: ctrl+c in the server's terminal reaches the server only, which
        # asks each app to quit (an app interrupted mid-save could lose a note).
        start_new_session=True,
    )


async def end_unused(process: asyncio.subprocess.Process) -> None:
    """An app that never got its size: its standard input closed, it exits (tab.py)."""
    if process.stdin is not None:
        process.stdin.close()
    try:
        await asyncio.wait_for(process.wait(), QUIT_GRACE)
    except TimeoutError:
        with contextlib.suppress(ProcessLookupError):
            process.kill()
        await process.wait()


class TabApp(AppService):
    """One tab's app: a process started beforehand (`start_app`), told its tab's size when the
    tab connects, and ended for sure."""

    def __init__(self, process: asyncio.subprocess.Process, **kwargs: Any) -> None:
        super().__init__(f"process {process.pid}", **kwargs)
        self.process = process

    @property
    def pid(self) -> int:
        return self.process.pid

    async def _open_app_process(
        self, width: int = 80, height: int = 24
    ) -> asyncio.subprocess.Process:
        process = self.process
        assert process.stdin is not None
        process.stdin.write(json.dumps({"width": width, "height": height}).encode() + b"\n")
        await process.stdin.drain()
        self._process = process
        self._stdin = process.stdin
        return process

    async def end(self, grace: float = QUIT_GRACE) -> None:
        """Ask the app to quit; terminate it after `grace` seconds, kill it a second later."""
        process = self.process
        with contextlib.suppress(Exception):
            await self._download_manager.cancel_app_downloads(app_service_id=self.app_service_id)
        if process.returncode is None:
            with contextlib.suppress(Exception):
                await asyncio.wait_for(self.send_meta({"type": "quit"}), 1)
            for stop, wait in ((None, grace), (process.terminate, 1.0), (process.kill, None)):
                if stop is not None:
                    with contextlib.suppress(ProcessLookupError):
                        stop()
                try:
                    await asyncio.wait_for(process.wait(), wait)
                    break
                except TimeoutError:
                    continue
        task, self._task = self._task, None
        if task is not None:
            with contextlib.suppress(Exception, asyncio.CancelledError):
                await asyncio.wait_for(task, 2)
        # An app that had to be ended said no goodbye to its page: close the page's socket.
        with contextlib.suppress(Exception):
            await asyncio.wait_for(self.remote_close(), 1)


def _hostname(netloc: str) -> str:
    """`example.org:8000` → `example.org`; `[::1]:8000` → `::1`."""
    return (urlsplit(f"//{netloc}").hostname or "").lower()


class BriefingServer(Server):
    """textual-serve's server with our page, request checks, and apps that end when it stops."""

    def __init__(
        self,
        argv: list[str],
        sock: socket.socket,
        *,
        host: str,
        loopback: bool,
        title: str = "briefing",
    ) -> None:
        import textual_serve

        port = int(sock.getsockname()[1])
        shown_host = f"[{host}]" if ":" in host else host
        super().__init__(
            " ".join(argv),
            host=host,
            port=port,
            title=title,
            public_url=f"http://{shown_host}:{port}",
            statics_path=Path(textual_serve.__file__).parent / "static",
            templates_path=Path(textual_serve.__file__).parent / "templates",
        )
        self.argv = argv
        self.path_entries = app_path_entries()
        self.sock = sock
        self.loopback = loopback
        self.apps: set[TabApp] = set()
        self._page = Template(PAGE.read_text(encoding="utf-8"))
        self._stop = asyncio.Event()
        self._spare: asyncio.Task[asyncio.subprocess.Process] | None = None
        self._spare_expiry: asyncio.TimerHandle | None = None
        self._ending: set[asyncio.Task[None]] = set()

    # The page and the checks

    def _host_allowed(self, request: web.Request) -> bool:
        if not self.loopback:
            return True
        name = _hostname(request.host)
        return name in LOOPBACK_NAMES or name == self.host.lower()

    @web.middleware
    async def _checks(self, request: web.Request, handler: Any) -> web.StreamResponse:
        if not self._host_allowed(request):
            raise web.HTTPForbidden(text="briefing serves this address on loopback only\n")
        if request.path == "/ws":
            origin = request.headers.get("Origin", "")
            if urlsplit(origin).netloc.lower() != request.host.lower():
                raise web.HTTPForbidden(text="a reader can only be opened from its own page\n")
        response: web.StreamResponse = await handler(request)
        return response

    @staticmethod
    async def _headers(request: web.Request, response: web.StreamResponse) -> None:
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("Referrer-Policy", "no-referrer")

    async def _make_app(self) -> web.Application:
        app = web.Application(middlewares=[self._checks])
        app.on_response_prepare.append(self._headers)
        app.add_routes(
            [
                web.get("/", self.handle_index, name="index"),
                web.get("/ws", self.handle_websocket, name="websocket"),
                web.get("/download/{key}", self.handle_download, name="download"),
                web.static("/static", self.statics_path, name="static"),
            ]
        )
        return app

    async def handle_index(self, request: web.Request) -> web.Response:
        self._start_spare()
        host = request.host
        page = self._page.substitute(
            static="/static",
            websocket=html.escape(f"ws://{host}/ws", quote=True),
            font_size=to_int(request.query.get("fontsize", "16"), 16),
        )
        policy = (
            "default-src 'none'; script-src 'self' 'unsafe-inline'; style-src 'self' "
            f"'unsafe-inline'; font-src 'self'; img-src 'self' data:; connect-src 'self' "
            f"ws://{host}; frame-ancestors 'none'; base-uri 'none'; form-action 'none'"
        )
        return web.Response(
            text=page,
            content_type="text/html",
            headers={"Content-Security-Policy": policy, "Cache-Control": "no-store"},
        )

    # One app per tab

    def _start_spare(self) -> None:
        """Start the app for a page being loaded, unless one is waiting already."""
        if self._spare is not None or self._stop.is_set():
            return
        self._spare = asyncio.create_task(start_app(self.argv, self.path_entries))
        loop = asyncio.get_running_loop()
        self._spare_expiry = loop.call_later(SPARE_LIFETIME, self._expire_spare)

    def _take_spare(self) -> asyncio.Task[asyncio.subprocess.Process] | None:
        spare, self._spare = self._spare, None
        if self._spare_expiry is not None:
            self._spare_expiry.cancel()
            self._spare_expiry = None
        return spare

    def _expire_spare(self) -> None:
        spare = self._take_spare()
        if spare is not None:
            self._background(spare, end_unused)

    def _background(self, spare: asyncio.Task[asyncio.subprocess.Process], then: Any) -> None:
        async def end() -> None:
            with contextlib.suppress(Exception):
                await then(await spare)

        task = asyncio.create_task(end())
        self._ending.add(task)
        task.add_done_callback(self._ending.discard)

    async def _app_process(self) -> asyncio.subprocess.Process:
        """The app started for the page, if it is still there, else a new one."""
        spare = self._take_spare()
        if spare is not None:
            with contextlib.suppress(Exception):
                process = await spare
                if process.returncode is None:
                    return process
        return await start_app(self.argv, self.path_entries)

    async def handle_websocket(self, request: web.Request) -> web.WebSocketResponse:
        websocket = web.WebSocketResponse(heartbeat=15)
        width = to_int(request.query.get("width", "80"), 80)
        height = to_int(request.query.get("height", "24"), 24)
        tab: TabApp | None = None
        try:
            await websocket.prepare(request)
            if self._stop.is_set():
                await websocket.close()
                return websocket
            tab = TabApp(
                await self._app_process(),
                write_bytes=websocket.send_bytes,
                write_str=websocket.send_str,
                close=websocket.close,
                download_manager=self.download_manager,
            )
            self.apps.add(tab)
            await tab.start(width, height)
            log.info("a tab opened a reader (process %s)", tab.pid)
            await self._process_messages(websocket, tab)
        except asyncio.CancelledError:
            pass
        except Exception as error:
            log.exception(error)
        finally:
            if tab is not None:
                # Shielded: a handler cancelled at shutdown must still end its app.
                with contextlib.suppress(asyncio.CancelledError):
                    await asyncio.shield(tab.end())
                self.apps.discard(tab)
                log.info("a reader ended (process %s)", tab.pid)
            with contextlib.suppress(Exception):
                await websocket.close()
        return websocket

    # Running and stopping

    def request_exit(self) -> None:
        """The first SIGTERM or ctrl+c stops the server; a second one kills the apps at once."""
        if self._stop.is_set():
            for tab in list(self.apps):
                if tab.process.returncode is None:
                    with contextlib.suppress(ProcessLookupError):
                        tab.process.kill()
            return
        self._stop.set()

    async def run(self, ready: Any = None) -> None:
        """Serve until `request_exit` (SIGTERM, SIGINT), then end every app and close."""
        loop = asyncio.get_running_loop()
        for signum in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(signum, self.request_exit)
        runner = web.AppRunner(await self._make_app(), access_log=None, shutdown_timeout=2.0)
        await runner.setup()
        try:
            await web.SockSite(runner, self.sock).start()
            if ready is not None:
                ready()
            await self._stop.wait()
            spare = self._take_spare()
            if spare is not None:
                self._background(spare, end_unused)
            await asyncio.gather(*(tab.end() for tab in list(self.apps)), *self._ending)
        finally:
            await runner.cleanup()
            for signum in (signal.SIGINT, signal.SIGTERM):
                loop.remove_signal_handler(signum)

    def serve(self, debug: bool = False, ready: Any = None) -> None:
        logging.basicConfig(level=logging.WARNING, format="briefing serve: %(message)s")
        asyncio.run(self.run(ready))
