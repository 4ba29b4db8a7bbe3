"""A tab's app (`python -m briefing.web.tab ARGS`), started before its tab connects.

The server starts one when a browser asks for the page, so that Python, Textual and the reader
are imported while the browser is still loading the page's script and font (0.6-0.8 s of the
1 s an app takes to its first frame). Its first line on standard input then gives the tab's
size, and it runs as `python -m briefing ARGS` would, under Textual's web driver (the server
starts it with the driver's environment). Standard input closed before that line: it was not
needed, and it exits.
"""

from __future__ import annotations

import json
import os
import sys


def first_line(fd: int = 0) -> bytes:
    """One line, read a byte at a time: what follows it in the pipe is the web driver's."""
    line = bytearray()
    while True:
        byte = os.read(fd, 1)
        if not byte:
            return b""
        if byte == b"\n":
            return bytes(line)
        line += byte


def main() -> int:
    import briefing.app  # noqa: F401  (Textual and the reader: the slow part of a start)
    from briefing.cli import main as run

    line = first_line()
    if not line:
        return 0
    size = json.loads(line)
    os.environ["COLUMNS"] = str(int(size["width"]))
    os.environ["ROWS"] = str(int(size["height"]))
    return run(sys.argv[1:])


if __name__ == "__main__":
    sys.exit(main())
