"""Pausing Python's cycle collector while a pass builds many objects that are not garbage.

Importing the app (Textual with it) makes some 60,000 objects the collector tracks, loading a
5 MB report another 45,000, and analysing it hundreds of thousands of tokens, spans and
mentions; none is in a reference cycle. The collector would run again and again while they are
made, to free nothing (10-12 ms of a 150 ms start-up; 11 % of `analyze` on a megabyte of
news). Reference counting still frees what dies.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

_lock = threading.Lock()
_pauses = 0
_was_enabled = False
_keep = False


@contextmanager
def cycle_collector_paused(long_lived: bool = False) -> Iterator[None]:
    """Run the block with the cycle collector off. Nested and concurrent uses (the app analyses
    in a worker thread) turn it back on once the last of them ends, as it was before the first.

    `long_lived`: what the block made will live on (modules, a document), so when the
    collector comes back everything young is moved to the oldest generation unexamined (where
    a full collection still sees it) instead of being walked by the next young collections.
    """
    global _pauses, _was_enabled, _keep
    with _lock:
        if _pauses == 0:
            _was_enabled = gc.isenabled()
            _keep = False
            gc.disable()
        _pauses += 1
        _keep = _keep or long_lived
    try:
        yield
    finally:
        with _lock:
            _pauses -= 1
            if _pauses == 0 and _was_enabled:
                if _keep and not gc.get_freeze_count():  # would undo someone else's freeze
                    gc.freeze()
                    gc.unfreeze()
                gc.enable()
