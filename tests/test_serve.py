"""`briefing serve` without a browser: its arguments, loopback by default, the requests it
refuses, the app under Textual's web driver, and stopping. The browser tests are in
tests/test_serve_browser.py."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from briefing.cli import _web_driver, main
from tests.browser import Served, alive
from tests.conftest import SEED

WEB_DRIVER = "textual.drivers.web_driver:WebDriver"


def one_error_line(capsys: pytest.CaptureFixture[str]) -> str:
    err = capsys.readouterr().err
    lines = err.splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("briefing: error: ")
    return lines[0]


def test_a_host_other_machines_reach_is_refused_without_allow_remote(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["serve", "--host", "0.0.0.0", "--port", "0"]) == 2
    line = one_error_line(capsys)
    assert "--allow-remote" in line
    assert "read and annotate" in line


@pytest.mark.parametrize(
    ("args", "problem"),
    [
        (["--port", "70000"], "not a port"),
        (["-"], "not standard input"),
        (["no-such-file.txt"], "no such file"),
        (["--host", "no-such-host.invalid"], "cannot resolve"),
    ],
)
def test_bad_arguments_are_one_line(
    capsys: pytest.CaptureFixture[str], args: list[str], problem: str
) -> None:
    assert main(["serve", *args]) == 2
    assert problem in one_error_line(capsys)


def test_a_busy_port_is_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        assert main(["serve", "--port", str(port), str(SEED)]) == 2
    assert "cannot listen on 127.0.0.1" in one_error_line(capsys)


def test_the_web_driver_is_told_from_a_pipe(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("TEXTUAL_DRIVER", raising=False)
    assert not _web_driver()
    monkeypatch.setenv("TEXTUAL_DRIVER", WEB_DRIVER)
    assert _web_driver()
    for other in (
        "textual.drivers.headless_driver:HeadlessDriver",
        "textual.drivers.web_driver:Nothing",
        "no.such.module:WebDriver",
        "nonsense",
    ):
        monkeypatch.setenv("TEXTUAL_DRIVER", other)
        assert not _web_driver(), other


def _app(driver: str | None) -> subprocess.Popen[bytes]:
    env = {k: v for k, v in os.environ.items() if k != "TEXTUAL_DRIVER"}
    if driver is not None:
        env["TEXTUAL_DRIVER"] = driver
    return subprocess.Popen(
        [sys.executable, "-m", "briefing", str(SEED)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
    )


def test_the_app_starts_under_the_web_driver_and_a_pipe_is_still_refused() -> None:
    """textual-serve runs each tab's app with pipes for its standard streams and
    TEXTUAL_DRIVER naming Textual's web driver: the app starts (its first line is the web
    driver's hello) and quits when asked. Pipes with any other driver are no terminal."""
    refused = _app("textual.drivers.headless_driver:HeadlessDriver")
    _, err = refused.communicate(timeout=60)
    assert refused.returncode == 2
    assert b"the reader needs a terminal" in err

    app = _app(WEB_DRIVER)
    assert app.stdout is not None
    assert app.stdin is not None
    assert app.stdout.readline() == b"__GANGLION__\n"
    app.stdin.write(_packet({"type": "quit"}))
    app.stdin.flush()
    assert app.wait(30) == 0


def _packet(meta: dict[str, str]) -> bytes:
    """A meta packet as textual-serve writes it to an app's standard input."""
    payload = json.dumps(meta).encode()
    return b"M" + len(payload).to_bytes(4, "big") + payload


def test_an_app_started_before_its_tab_runs_at_the_size_it_is_then_told() -> None:
    """briefing/web/tab.py: Textual and the reader imported, it reads one line with the tab's
    size and runs under the web driver at that size; what follows the line is the driver's;
    standard input closed first, it exits."""
    env = {**os.environ, "TEXTUAL_DRIVER": WEB_DRIVER}
    command = [sys.executable, "-m", "briefing.web.tab", str(SEED)]
    unused = subprocess.run(command, input=b"", capture_output=True, env=env, timeout=60)
    assert (unused.returncode, unused.stdout, unused.stderr) == (0, b"", b"")

    # The quit that comes in the same write as the size is not lost: the app quits.
    size = b'{"width": 97, "height": 31}\n'
    quits = subprocess.run(
        command, input=size + _packet({"type": "quit"}), capture_output=True, env=env, timeout=60
    )
    assert quits.returncode == 0, quits.stderr
    assert quits.stdout.startswith(b"__GANGLION__\n")

    app = subprocess.Popen(
        command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env
    )
    assert app.stdin is not None
    assert app.stdout is not None
    app.stdin.write(size)
    app.stdin.flush()
    assert app.stdout.readline() == b"__GANGLION__\n"
    drawn = b""
    while b"\x1b[31;1H" not in drawn:  # the cursor at the 31st and last row
        chunk = app.stdout.read1(65536)
        assert chunk, drawn[-500:]
        drawn += chunk
    assert b"\x1b[32;1H" not in drawn
    app.stdin.write(_packet({"type": "quit"}))
    app.stdin.flush()
    assert app.wait(30) == 0


def _get(url: str, **headers: str) -> tuple[int, dict[str, str], str]:
    request = urllib.request.Request(url, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return (
                response.status,
                dict(response.headers),
                response.read().decode("utf-8", "replace"),
            )
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read().decode("utf-8", "replace")


def test_the_page_is_local_and_foreign_pages_and_hosts_are_refused(tmp_path: Path) -> None:
    with Served(str(SEED), cwd=tmp_path) as served:
        assert served.url.startswith("http://127.0.0.1:")
        port = served.url.rsplit(":", 1)[1].strip("/")
        status, headers, page = _get(served.url)
        assert status == 200
        policy = headers["Content-Security-Policy"]
        assert "default-src 'none'" in policy
        assert "script-src 'self' 'unsafe-inline'" in policy
        assert "frame-ancestors 'none'" in policy
        # Nothing on the page comes from elsewhere: its scripts, styles and fonts are ours.
        assert "https://" not in page
        assert "http://" not in page
        assert "googleapis" not in page
        assert _get(served.url + "static/js/textual.js")[0] == 200
        assert _get(served.url + "static/fonts/RobotoMono-VariableFont_wght.ttf")[0] == 200
        # DNS rebinding: a page of evil.example resolved to 127.0.0.1 gets nothing.
        assert _get(served.url, Host=f"evil.example:{port}")[0] == 403
        # Another site's page cannot open a reader over a WebSocket (it would read and type).
        upgrade = {
            "Connection": "Upgrade",
            "Upgrade": "websocket",
            "Sec-WebSocket-Version": "13",
            "Sec-WebSocket-Key": "dGhlIHNhbXBsZSBub25jZQ==",
        }
        assert _get(served.url + "ws", Origin="http://evil.example", **upgrade)[0] == 403
        assert _get(served.url + "ws", **upgrade)[0] == 403  # no Origin: not a page of ours
        # The page's app was started when the page was asked for; no tab came: stopping ends it.
        deadline = time.monotonic() + 30
        while not served.app_pids() and time.monotonic() < deadline:
            time.sleep(0.05)
        (spare,) = served.app_pids()
        assert served.stop(signal.SIGTERM) == 0
    assert served.errors == ["briefing: stopped\n"]
    assert not alive(spare)


def test_allow_remote_warns_in_one_line_and_serves(tmp_path: Path) -> None:
    with Served("--host", "0.0.0.0", "--allow-remote", str(SEED), cwd=tmp_path) as served:
        assert served.url.startswith("http://0.0.0.0:")
        port = served.url.rsplit(":", 1)[1].strip("/")
        assert _get(f"http://127.0.0.1:{port}/")[0] == 200
        assert served.stop(signal.SIGINT) == 0
    warning, stopped = served.errors
    assert warning.startswith("briefing: warning: serving on http://0.0.0.0:")
    assert "anyone who can reach it can read and annotate" in warning
    assert stopped == "briefing: stopped\n"


def test_a_url_is_served_and_a_tab_reads_it(tmp_path: Path) -> None:
    """The page's URL is in the server's line, and a tab's app fetches the page and shows it."""
    from tests.browser import open_raw_tab
    from tests.web import ARTICLE, serve

    with serve({"/article.html": (200, "text/html", ARTICLE.encode())}) as base:
        page = f"{base}/article.html"
        with Served(page, cwd=tmp_path) as served:
            assert served.lines[0].startswith(f"briefing: serving {page} on http://127.0.0.1:")
            tab = open_raw_tab(served.url)
            drawn = b""
            while b"timetable" not in drawn:  # a word of the article's text
                chunk = tab.recv(65536)
                assert chunk, drawn[-2000:]
                drawn += chunk
            assert served.stop(signal.SIGTERM) == 0
            tab.close()


def test_stopping_ends_an_app_that_does_not_quit(tmp_path: Path) -> None:
    """An app that ignores the request to quit is terminated: nothing is left behind."""
    from tests.browser import open_raw_tab

    with Served(str(SEED), cwd=tmp_path) as served:
        tab = open_raw_tab(served.url)
        deadline = time.monotonic() + 30
        while not served.app_pids() and time.monotonic() < deadline:
            time.sleep(0.05)
        (pid,) = served.app_pids()
        os.kill(pid, signal.SIGSTOP)  # deaf to everything but SIGKILL
        assert served.stop(signal.SIGTERM) == 0
        tab.close()
    assert not alive(pid)
