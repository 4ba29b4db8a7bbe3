"""A local HTTP server on 127.0.0.1 for the fetching tests: pages, PDFs, redirects, errors,
silence and floods. Nothing here reaches beyond this machine."""

from __future__ import annotations

import contextlib
import socket
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import ClassVar

ARTICLE = """<!doctype html><html><head><title>Harbour Plans Advance | The Coast Times</title>
<meta property="og:site_name" content="The Coast Times"><meta name="author" content="Dana Whitlow">
<meta property="article:published_time" content="2024-03-01"></head><body>
<nav><a href="/">Home</a> <a href="/world">World</a> <a href="/sport">Sport</a></nav>
<div class="cookie-banner"><p>We use cookies to improve your experience. Accept all?</p></div>
<article><h1>Harbour Plans Advance</h1>
<p>The harbour board met on Monday to weigh the new ferry timetable proposed by the port
authority after months of complaints from commuters.</p>
<p>Its chair, Maria Lopez, said the later sailings would help shift workers who cross the bay
each night, and that the board would vote in April.</p>
<h2>What it costs</h2>
<p>Engineers warned that the old pilings were rotting faster than expected, said Dana
Whitlow, the port engineer, adding that repairs would cost millions.</p>
<ul><li>Pilings: four million dollars</li><li>Dredging: two million dollars</li></ul>
<blockquote><p>We cannot keep patching the same wharf every winter, one resident told the
board.</p></blockquote>
<table><tr><th>Year</th><th>Sailings</th></tr><tr><td>2023</td><td>14</td></tr>
<tr><td>2024</td><td>18</td></tr></table>
<p>The board will publish its final plan in the summer after a round of public hearings in
every town on the bay.</p></article>
<aside><h3>Related stories</h3><ul><li><a href="/a">Ferry fares rise again</a></li></ul></aside>
<footer><p>Copyright 2024 The Coast Times. All rights reserved. Contact us.</p></footer>
</body></html>"""


class Handler(BaseHTTPRequestHandler):
    routes: ClassVar[dict[str, tuple[int, str, bytes]]] = {}
    """path → (status, content type, body)."""
    silence = 3.0

    def log_message(self, format: str, *args: object) -> None:
        pass

    def do_GET(self) -> None:
        path = self.path
        if path.startswith("/redirect/"):
            self._redirect(path[len("/redirect") :])
        elif path.startswith("/chain/"):
            n = int(path.rsplit("/", 1)[-1])
            self._redirect(f"/chain/{n - 1}" if n > 0 else "/article.html")
        elif path == "/loop-a":
            self._redirect("/loop-b")
        elif path == "/loop-b":
            self._redirect("/loop-a")
        elif path == "/silent":
            time.sleep(self.silence)
            self._send(200, "text/plain", b"too late")
        elif path == "/drip":
            self.send_response(200)
            self.send_header("Content-Type", "text/plain")
            self.send_header("Content-Length", "1000")
            self.end_headers()
            with contextlib.suppress(OSError):
                for _ in range(100):
                    self.wfile.write(b"x" * 10)
                    self.wfile.flush()
                    time.sleep(0.1)
        elif path == "/announced-huge":
            self.send_response(200)
            self.send_header("Content-Type", "text/plain")
            self.send_header("Content-Length", str(100 * 2**20))
            self.end_headers()
        elif path == "/flood":
            self.send_response(200)
            self.send_header("Content-Type", "text/plain")
            self.send_header("Transfer-Encoding", "chunked")
            self.end_headers()
            chunk = b"word " * 200_000  # 1 MB
            with contextlib.suppress(OSError):
                for _ in range(80):
                    self.wfile.write(b"%x\r\n%s\r\n" % (len(chunk), chunk))
                self.wfile.write(b"0\r\n\r\n")
        elif path in self.routes:
            self._send(*self.routes[path])
        else:
            self._send(404, "text/html", b"<html><body>not here</body></html>")

    def _redirect(self, to: str) -> None:
        self.send_response(302)
        self.send_header("Location", to)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def _send(self, status: int, content_type: str, body: bytes) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        with contextlib.suppress(OSError):
            self.wfile.write(body)


@contextlib.contextmanager
def serve(routes: dict[str, tuple[int, str, bytes]]) -> Iterator[str]:
    """A server on 127.0.0.1 with `routes` (and the built-in ones); yields its base URL."""
    handler = type("RouteHandler", (Handler,), {"routes": routes})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def closed_port() -> int:
    """A port on 127.0.0.1 that nothing listens on."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])
