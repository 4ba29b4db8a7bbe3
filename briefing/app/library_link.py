"""What ties a reading screen to the library: the document is kept there once it is read,
and reopened where the reader left it.

Every database call here runs in a worker thread (`thread=True`), never on the UI thread; the
results come back with `call_from_thread`. Nothing here is imported before the first frame.
"""

from __future__ import annotations

import contextlib
from typing import TYPE_CHECKING, Any

from briefing.errors import BriefingError

if TYPE_CHECKING:
    from briefing.model import Document
    from briefing.service import Store

ReadingScreen = Any
"""The reading screen (not imported: its parts never import it): a screen with `document`,
`store` and a `ReaderView`."""


def reading_offset(screen: ReadingScreen) -> int | None:
    """Where the reader of `screen` is: the start of the paragraph at the reading position
    (None before its reader is laid out)."""
    from briefing.app.reader.view import ReaderView

    if not screen.is_mounted:
        return None
    try:
        paragraph = screen.query_one(ReaderView).reading_paragraph()
    except Exception:  # no reader, or no layout yet: nothing to remember
        return None
    paragraphs = screen.document.paragraphs
    return paragraphs[paragraph].start if 0 <= paragraph < len(paragraphs) else None


def save_position(store: Store, document: Document, offset: int | None) -> None:
    """Remember where the reader left `document` (on any thread; a database that cannot be
    written loses only the position)."""
    if offset is None:
        return
    from briefing.service.library import Library

    with contextlib.suppress(BriefingError):  # a read-only or damaged database
        Library(store).set_position(document, offset)


def remember_position(screen: ReadingScreen) -> None:
    """Save the reading position of `screen` in a worker (when the reader leaves it)."""
    offset = reading_offset(screen)
    if offset is None:
        return
    store, document = screen.store, screen.document
    screen.app.run_worker(
        lambda: save_position(store, document, offset),
        thread=True,
        group="library-position",
        description="remembering the reading position",
    )


def go_to_kept_position(screen: ReadingScreen, offset: int | None = None) -> None:
    """Once `screen` is up: scroll to `offset` (a match, a note) if one is given; without,
    the screen itself reopens where the reader left it."""
    if offset is not None:
        _scroll(screen, offset)


def _scroll(screen: ReadingScreen, offset: int) -> None:
    from briefing.app.reader.view import ReaderView

    if screen.is_attached and 0 <= offset <= len(screen.document.text):
        screen.query_one(ReaderView).scroll_to_offset(offset, context=0)


def keep_in_library(screen: ReadingScreen) -> None:
    """Keep the document of `screen` in the library with its reading (just analysed and
    cached), in a worker."""
    store, document = screen.store, screen.document

    def keep() -> None:
        from briefing.service.library import record_opened

        with contextlib.suppress(BriefingError):  # a read-only or damaged database: the
            record_opened(document, store=store)  # reading goes on without the library

    screen.run_worker(keep, thread=True, group="library-keep", description="keeping in library")
