"""Pausing Python's cycle collector while a long pass builds many small objects.

Ingestion and analysis of a long report make hundreds of thousands of tokens, spans and
mentions, none in a reference cycle; the collector would walk them again and again while they
are built (11 % of `analyze` on a megabyte of news). Reference counting still frees them.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

_lock = threading.Lock()
_pauses = 0
_was_enabled = False


@contextmanager
def cycle_collector_paused() -> Iterator[None]:
    """Run the block with the cycle collector off; nested and concurrent uses (the app
    analyses in a worker thread) turn it back on once the last of them ends, as it was."""
    global _pauses, _was_enabled
    with _lock:
        if _pauses == 0:
            _was_enabled = gc.isenabled()
            gc.disable()
        _pauses += 1
    try:
        yield
    finally:
        with _lock:
            _pauses -= 1
            if _pauses == 0 and _was_enabled:
                gc.enable()
