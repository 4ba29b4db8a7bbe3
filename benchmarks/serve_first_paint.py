"""From `briefing serve` to the first painted reader in a browser, against stock textual-serve
serving a minimal Textual app in the same run.

    python benchmarks/serve_first_paint.py [--runs 5] [--screenshot docs/serve.png]

(The README's screenshot of the browser view is saved by `--screenshot`.)

Debian's chromium (/usr/bin/chromium) is driven by Playwright (tests/browser.py); it is started
once, before the clock, as a reader's browser would already be open. Each run starts
`briefing serve --port 0` on the bundled briefing with fresh data and cache directories (so the
analysis is not cached: what a new user sees), opens the page, and stops the clock when the
first words of the document are drawn in the reader and the browser has painted the next frame
(the analysis goes on in the background: sections and people follow). Printed, medians of
`--runs` runs:

- server: process start to the server listening (its `serving … on URL` line);
- first paint: process start to the painted reader (target ≤ 3 s);
- analysed: process start to the last section's entry drawn in the section list;
- second tab: a second tab on the same server, page opened to painted reader (cache warm).

The baseline, interleaved with those runs: textual-serve's own `Server` with a minimal app
(Header, Static, Footer), process start to the app's text painted (its page's request to Google
Fonts is aborted: this machine has no internet, and the wait would be the network's).
No corpus is needed.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.browser import Served, Tab, chromium, unavailable  # noqa: E402

TARGET_S = 3.0
MINIMAL_TEXT = "a minimal app for the baseline"

MINIMAL_APP = textwrap.dedent(
    f"""
    from textual.app import App
    from textual.widgets import Footer, Header, Static

    class Minimal(App[None]):
        def compose(self):
            yield Header()
            yield Static({MINIMAL_TEXT!r})
            yield Footer()

    Minimal().run()
    """
)

STOCK_SERVER = textwrap.dedent(
    """
    import sys
    from textual_serve.server import Server

    Server(f"{sys.executable} {sys.argv[1]}", host="127.0.0.1", port=int(sys.argv[2])).serve()
    """
)


def reader_texts() -> tuple[str, str]:
    """From `briefing analyze` of the bundled briefing: the first three words of its text (drawn
    once the reader is up), and the last section's entry in the section list, its number and
    the first word of its title (drawn once the analysis is done)."""
    with tempfile.TemporaryDirectory() as home:
        result = subprocess.run(
            [sys.executable, "-m", "briefing", "analyze", "--data-dir", home, "--no-cache"],
            capture_output=True,
            text=True,
            check=True,
            cwd=ROOT,
        )
    reading = json.loads(result.stdout)
    sections = reading["sections"]
    last = f"{len(sections)} {sections[-1]['title'].split()[0]}"
    return " ".join(reading["text"].split()[:3]), last


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def briefing_run(
    browser: object, texts: tuple[str, str]
) -> tuple[float, float, float, float, bytes]:
    """Seconds to the server's line, to the painted reader, to the analysed reader, and for a
    second tab; and a screenshot of the first tab, analysed."""
    words, last_section = texts
    with tempfile.TemporaryDirectory() as home:
        env = {
            **os.environ,
            "BRIEFING_DATA_DIR": f"{home}/data",
            "BRIEFING_CACHE_DIR": f"{home}/cache",
        }
        served = Served(cwd=Path(home), env=env)
        try:
            tab = Tab(browser)  # type: ignore[arg-type]
            tab.open(served.url)
            tab.wait_for(words)
            painted = time.monotonic()
            tab.wait_for(last_section, timeout=60)
            analysed = time.monotonic()
            shot = tab.screen()
            second = Tab(browser)  # type: ignore[arg-type]
            opened = time.monotonic()
            second.open(served.url)
            second.wait_for(words)
            second_paint = time.monotonic() - opened
            served.stop()
            tab.close()
            second.close()
        finally:
            if served.process.poll() is None:
                served.process.kill()
    started = served.started
    return served.ready - started, painted - started, analysed - started, second_paint, shot


def baseline_run(browser: object, app: Path, server: Path) -> float:
    """Seconds from starting stock textual-serve to the minimal app painted in the page."""
    port = free_port()
    started = time.monotonic()
    process = subprocess.Popen(
        [sys.executable, str(server), str(app), str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                if process.poll() is not None or time.monotonic() - started > 30:
                    raise RuntimeError("textual-serve did not start") from None
                time.sleep(0.01)
        tab = Tab(browser)  # type: ignore[arg-type]
        tab.context.route("**/fonts.googleapis.com/**", lambda route: route.abort())
        tab.open(f"http://127.0.0.1:{port}/")
        tab.wait_for(MINIMAL_TEXT)
        painted = time.monotonic() - started
        tab.close()
    finally:
        process.terminate()
        process.wait(10)
    return painted


def save_screenshot(png: bytes, path: Path) -> None:
    """The PNG in 64 colours where Pillow is installed (a third of the size; a terminal's
    colours are few), else as the browser took it."""
    try:
        from PIL import Image
    except ImportError:
        path.write_bytes(png)
    else:
        image = Image.open(io.BytesIO(png)).convert("RGB")
        image.quantize(colors=64, method=Image.Quantize.MEDIANCUT).save(path, optimize=True)
    print(f"screenshot: {path} ({path.stat().st_size // 1024} KiB)")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--screenshot", type=Path, help="save the first tab of the last run")
    args = parser.parse_args()
    reason = unavailable()
    if reason is not None:
        print(f"serve_first_paint: {reason}", file=sys.stderr)
        return 2
    texts = reader_texts()
    servers, paints, analyses, seconds, baselines = [], [], [], [], []
    shot = b""
    with tempfile.TemporaryDirectory() as scripts, chromium() as browser:
        app = Path(scripts, "minimal.py")
        app.write_text(MINIMAL_APP, encoding="utf-8")
        server = Path(scripts, "stock_server.py")
        server.write_text(STOCK_SERVER, encoding="utf-8")
        for run in range(args.runs):
            baselines.append(baseline_run(browser, app, server))
            ready, paint, analysed, second, shot = briefing_run(browser, texts)
            servers.append(ready)
            paints.append(paint)
            analyses.append(analysed)
            seconds.append(second)
            print(
                f"run {run + 1}: baseline {baselines[-1]:.2f} s; briefing serve: server "
                f"{ready:.2f} s, first paint {paint:.2f} s, analysed {analysed:.2f} s, "
                f"second tab {second:.2f} s",
                flush=True,
            )
    if args.screenshot is not None:
        save_screenshot(shot, args.screenshot)
    base = statistics.median(baselines)
    paint = statistics.median(paints)
    print(
        f"medians of {args.runs}: baseline (stock textual-serve, minimal app) {base:.2f} s; "
        f"briefing serve: server {statistics.median(servers):.2f} s, first paint {paint:.2f} s "
        f"({paint / base:.2f}x the baseline; target <= {TARGET_S:.1f} s: "
        f"{'MET' if paint <= TARGET_S else 'NOT MET'}), analysed "
        f"{statistics.median(analyses):.2f} s, second tab "
        f"{statistics.median(seconds):.2f} s"
    )
    return 0 if paint <= TARGET_S else 1


if __name__ == "__main__":
    sys.exit(main())
