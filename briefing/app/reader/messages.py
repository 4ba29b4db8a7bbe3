"""What the reader tells the screen: the base of its messages, and the annotation actions its
keys ask for."""

from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING

from textual.message import Message

if TYPE_CHECKING:
    from briefing.app.reader.view import ReaderView


class AnnotationAction(StrEnum):
    """What an annotation key asks for, on the selection."""

    HIGHLIGHT = "highlight"
    NOTE = "note"
    """Write or edit the note of the annotation holding the selection (else a new one)."""
    NEW_NOTE = "new_note"
    """A new annotation with a note, even inside another."""
    TAGS = "tags"
    DELETE = "delete"
    UNDO = "undo"


class ReaderMessage(Message):
    """A message from the reader about itself (`control` is the reader)."""

    def __init__(self, reader: ReaderView) -> None:
        super().__init__()
        self.reader = reader

    @property
    def control(self) -> ReaderView:
        return self.reader
