"""Where the lines of a paragraph end: shared by the sentence splitter and the reader's layout.

A module of its own, importing nothing, so the layout can use it before the first frame without
loading the sentence patterns."""

from __future__ import annotations


def line_ends(text: str, start: int, end: int) -> list[int]:
    """Ends of the lines of `text[start:end]` (a code block or a table keeps its line breaks)."""
    ends = []
    pos = text.find("\n", start, end)
    while pos != -1:
        ends.append(pos)
        pos = text.find("\n", pos + 1, end)
    ends.append(end)
    return ends
