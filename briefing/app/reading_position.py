"""Where the reader left a document: saved on the screen's writer thread once the view rests,
and as the screen closes if a move is still waiting (a part of `ReadingScreen`)."""

from __future__ import annotations

import asyncio
import contextlib
from typing import TYPE_CHECKING, ClassVar

from briefing.model import Document

if TYPE_CHECKING:
    from textual.screen import Screen
    from textual.timer import Timer

    from briefing.app.write_queue import WriteQueue
    from briefing.service import DocumentService

    _Base = Screen[None]
else:
    _Base = object  # a mixin of `ReadingScreen`


class ReadingPosition(_Base):
    """Keeps the text offset at the top of the reader as the document's reading position."""

    POSITION_DELAY: ClassVar[float] = 1.0
    """Seconds the view rests before its position is saved as where the reader left off."""

    document: Document
    analysed: asyncio.Event
    _position_timer: Timer | None
    _top_offset: int | None
    _saved_position: int | None

    if TYPE_CHECKING:  # the screen's
        service: DocumentService
        writes: WriteQueue

    # ------------------------------------------------------------------ reading position
    def _save_position(self) -> None:
        self._position_timer = None
        offset = self._top_offset
        if offset is not None and offset != self._saved_position:
            self._saved_position = offset
            self._write_position(offset)

    def _write_position(self, offset: int) -> None:
        service = self.service

        def write() -> None:
            from briefing.service import StoreError

            with contextlib.suppress(StoreError):  # a lost reading position costs a scroll
                service.save_reading_position(offset)

        self.writes.put(write)

    def on_unmount(self) -> None:
        """The screen is closing: the last move may not be saved yet (it waits for a pause);
        it is put on the queue, which the screen flushes as it closes."""
        if self._position_timer is not None and self.analysed.is_set():
            self._position_timer.stop()
            offset = self._top_offset
            if offset is not None and offset != self._saved_position:
                self._saved_position = offset
                self._write_position(offset)
