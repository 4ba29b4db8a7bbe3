"""What the start-up path shares: making long-lived objects without the cycle collector.

Importing the app (Textual with it) makes some 60,000 objects the collector tracks, and loading a
5 MB report another 45,000; nearly all of them live as long as the process, and none of them is
garbage. The collector would run some 85 times while the imports make them (10-12 ms of a 150 ms
start-up) and walk them again in the next young collections, to free nothing. `LongLived` keeps
it off while they are made, then moves everything young to the oldest generation unexamined
(where a full collection still sees it), and leaves the collector as it found it.
"""

from __future__ import annotations

import gc
from types import TracebackType


class LongLived:
    """`with LongLived(): ...` around code that makes objects that will live on."""

    def __enter__(self) -> None:
        self._collecting = gc.isenabled()
        gc.disable()

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        if self._collecting:
            if not gc.get_freeze_count():  # the move would undo someone else's freeze
                gc.freeze()
                gc.unfreeze()
            gc.enable()
