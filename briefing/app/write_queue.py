"""The reading screen's database writes: one at a time, in the order asked, never on the event loop.

A highlight, a note, its tags, a delete or an undo, a draft of the note being typed, a section
correction, the reading position: the screen shows each change at once and puts its write here.
A worker thread runs the writes in the order they were put (a delete may depend on the add just
before it; the last draft must land after the ones before it) and reports each one with a
`WriteQueue.Done` message, whose callbacks then run on the event loop. When the screen closes
(quitting included) `flush` runs what is still waiting, on the closing thread, so a `q` typed
right after a note loses nothing. A write that fails with no screen left to say so (its
message never handled) goes, with the text it was keeping, to the app's `not_saved` list,
which the command line prints once the terminal is back.
"""

from __future__ import annotations

import threading
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Generic, Protocol, TypeVar, runtime_checkable

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
    keeps: str = ""
    """The user's text this write keeps (a note, a draft), if any: said if it is lost."""

    def lost(self, error: Exception) -> str:
        """The line that says this write failed when no screen was left to show it."""
        if self.keeps:
            return f"not saved ({error}); what you wrote: {self.keeps}"
        return f"not saved: {error}"


@runtime_checkable
class KeepsLostWrites(Protocol):
    """An app that prints, once it has closed, the writes that failed as it closed."""

    closing: bool
    """The app has been asked to exit: nothing shown now would be seen."""
    not_saved: list[str]


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
        self._unreported: dict[WriteQueue.Done, str] = {}
        """Failures whose message has not been handled yet: if the host closes first, `flush`
        returns them."""

    def put(
        self,
        run: Callable[[], T],
        done: Callable[[T], None] | None = None,
        failed: Callable[[Exception], None] | None = None,
        *,
        keeps: str = "",
    ) -> None:
        """Run `run` after every write put before it, on a worker thread; `keeps`: the user's
        text it keeps, if any."""
        with self._lock:
            self._waiting.append(Write(run, done, failed, keeps))
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

    def flush(self) -> list[str]:
        """Run every write still waiting, now, on this thread (after the one running, if any):
        for a screen that closes. Returns a line for each write that failed with no message
        to report it (the host closing)."""
        while self._run_next(stop_draining=False):
            pass
        with self._lock:
            lost, self._unreported = list(self._unreported.values()), {}
        return lost

    def deliver(self, message: WriteQueue.Done, *, closing: bool = False) -> str | None:
        """Run the callback of a write that finished (on the event loop, from its message);
        `closing`: the app is closing, so a failure is returned as a line instead (no screen
        is left to show it)."""
        with self._lock:
            self._unreported.pop(message, None)
        if closing and message.error is not None:
            return message.write.lost(message.error)
        message.deliver()
        return None

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
            done = WriteQueue.Done(write, result, error)
            if error is not None:
                with self._lock:
                    self._unreported[done] = write.lost(error)
            self._host.post_message(done)  # in turn too: the messages come in the writes' order
        return True


class WritesInOrder(_Base):
    """A screen's `WriteQueue`: its results delivered from messages, flushed when it closes.
    Comes after the mixins whose `on_unmount` puts a last write."""

    writes: WriteQueue

    def on_write_queue_done(self, message: WriteQueue.Done) -> None:
        message.stop()
        app = self.app
        keeper = app if isinstance(app, KeepsLostWrites) else None
        lost = self.writes.deliver(message, closing=keeper is not None and keeper.closing)
        if lost is not None and keeper is not None:
            keeper.not_saved.append(lost)

    def on_unmount(self) -> None:
        lost = self.writes.flush()
        if lost and isinstance(self.app, KeepsLostWrites):
            self.app.not_saved.extend(lost)
