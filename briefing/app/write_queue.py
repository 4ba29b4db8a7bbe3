"""The reading screen's database writes: one at a time, in the order asked, never on the event loop.

A highlight, a note, its tags, a delete or an undo, a draft of the note being typed, a section
correction, the reading position: the screen shows each change at once and puts its write here.
A worker thread runs the writes in the order they were put (a delete may depend on the add just
before it; the last draft must land after the ones before it) and reports each one with a
`WriteQueue.Done` message, whose callbacks then run on the event loop. When the screen closes
(quitting included) `flush` runs what is still waiting, on the closing thread, so a `q` typed
right after a note loses nothing.
"""

from __future__ import annotations

import threading
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from textual.message import Message

if TYPE_CHECKING:
    from textual.screen import Screen
    from textual.widget import Widget

    _Base = Screen[None]
else:
    _Base = object  # a mixin of `ReadingScreen`

T = TypeVar("T")


@dataclass(frozen=True)
class Write(Generic[T]):
    """One write: `run` on the writer thread, then `done` (its result) or `failed` (the error,
    usually a one-line `StoreError`) on the event loop."""

    run: Callable[[], T]
    done: Callable[[T], None] | None = None
    failed: Callable[[Exception], None] | None = None


class WriteQueue:
    """Runs writes in order on one worker thread at a time; see the module."""

    class Done(Message):
        """A write finished (or failed); `deliver` runs its callback."""

        def __init__(self, write: Write[Any], result: object, error: Exception | None) -> None:
            super().__init__()
            self.write = write
            self.result = result
            self.error = error

        def deliver(self) -> None:
            write = self.write
            if self.error is not None:
                if write.failed is not None:
                    write.failed(self.error)
            elif write.done is not None:
                write.done(self.result)

    def __init__(self, host: Widget) -> None:
        """`host` runs the worker and receives the `Done` messages."""
        self._host = host
        self._waiting: deque[Write[Any]] = deque()
        self._lock = threading.Lock()
        """Guards `_waiting` and `_draining`."""
        self._turn = threading.Lock()
        """Held while a write runs: one at a time, whichever thread runs it."""
        self._draining = False
        """A worker is running (or about to run) the writes waiting."""

    def put(
        self,
        run: Callable[[], T],
        done: Callable[[T], None] | None = None,
        failed: Callable[[Exception], None] | None = None,
    ) -> None:
        """Run `run` after every write put before it, on a worker thread."""
        with self._lock:
            self._waiting.append(Write(run, done, failed))
            start = not self._draining
            self._draining = True
        if start:
            self._start_worker()

    def _start_worker(self) -> None:
        self._host.run_worker(self._drain, thread=True, group="writes", description="saving")

    @property
    def pending(self) -> int:
        """Writes not yet started."""
        with self._lock:
            return len(self._waiting)

    def _drain(self) -> None:
        """The worker: run the writes waiting, in order, until there are none."""
        while self._run_next(stop_draining=True):
            pass

    def flush(self) -> None:
        """Run every write still waiting, now, on this thread (after the one running, if any):
        for a screen that closes. Results go to the host only while it can take messages."""
        while self._run_next(stop_draining=False):
            pass

    def _run_next(self, *, stop_draining: bool) -> bool:
        with self._turn:
            with self._lock:
                if not self._waiting:
                    if stop_draining:
                        self._draining = False
                    return False
                write = self._waiting.popleft()
            result: object = None
            error: Exception | None = None
            try:
                result = write.run()
            except Exception as exc:  # reported by the host in one line, never dropped
                error = exc
        self._host.post_message(WriteQueue.Done(write, result, error))
        return True


class WritesInOrder(_Base):
    """A screen's `WriteQueue`: its results delivered from messages, flushed when it closes.
    Comes after the mixins whose `on_unmount` puts a last write."""

    writes: WriteQueue

    def on_write_queue_done(self, message: WriteQueue.Done) -> None:
        message.stop()
        message.deliver()

    def on_unmount(self) -> None:
        self.writes.flush()
