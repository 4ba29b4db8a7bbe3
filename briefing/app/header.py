"""The header: the briefing's title, its metadata, and the analysis progress."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from briefing.model import Document
from briefing.text.safety import shown


def metadata_line(document: Document) -> str:
    meta = document.metadata
    parts = [p for p in (meta.dateline, meta.byline, meta.date) if p]
    if document.source_path:
        parts.append(shown(document.source_path.replace("\\", "/").rsplit("/", 1)[-1]))
    return " · ".join(parts)


class BriefingHeader(Static):
    """Title on the first line; metadata and analysis status on the second. Plain text only."""

    def __init__(self, document: Document, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._document = document
        self._status = ""
        self._title = document.display_title

    def on_mount(self) -> None:
        self._render_text()

    def set_title(self, title: str) -> None:
        """The title once the text is read (`Reading.title`)."""
        self._title = title
        self._render_text()

    def set_status(self, status: str) -> None:
        self._status = status
        self._render_text()

    def _render_text(self) -> None:
        text = Text(no_wrap=True, overflow="ellipsis")
        text.append(self._title, style="bold")
        line = metadata_line(self._document)
        text.append("\n")
        text.append(line, style="italic")
        if self._status:
            text.append(("  ·  " if line else "") + self._status, style="dim")
        self.update(text)
