"""The header: the briefing's title, its metadata, and the analysis progress."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Static

from briefing.model import Document
from briefing.safety import sanitize


def metadata_line(document: Document) -> str:
    meta = document.metadata
    parts = [p for p in (meta.dateline, meta.byline, meta.date) if p]
    if document.source_path:
        parts.append(sanitize(document.source_path.replace("\\", "/").rsplit("/", 1)[-1]))
    return " · ".join(parts)


class BriefingHeader(Horizontal):
    """Title and metadata on the left, analysis status on the right. Plain text, never markup."""

    def __init__(self, document: Document, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._document = document

    def compose(self) -> ComposeResult:
        text = Text(self._document.display_title, style="bold", no_wrap=True, overflow="ellipsis")
        line = metadata_line(self._document)
        if line:
            text.append("\n")
            text.append(line, style="italic")
        yield Static(text, id="header-title")
        yield Static(Text(""), id="analysis-status")

    def set_status(self, status: str) -> None:
        self.query_one("#analysis-status", Static).update(Text(status, no_wrap=True))
