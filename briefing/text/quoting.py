"""A passage in quotation marks for people to read, without doubling the marks it has.

A quote that is itself a quotation (`“Why are we doing this?”`) keeps its own marks rather than
getting a second pair (`““Why are we doing this?””`).
"""

from __future__ import annotations

OPENING = "“\"‘'«„"
"""Marks a quotation may open with."""
CLOSING = "”\"’'»“"
"""Marks a quotation may close with."""
ELLIPSIS = "…"


def quoted(text: str, limit: int | None = None) -> str:
    """`text` in quotation marks: its own if it opens and closes with them, else curly double
    ones; cut to `limit` characters inside the marks (with an ellipsis) when longer."""
    opening, closing = "“", "”"
    if len(text) >= 2 and text[0] in OPENING and text[-1] in CLOSING:
        opening, text, closing = text[0], text[1:-1], text[-1]
    if limit is not None and len(text) > limit:
        text = text[: max(0, limit - 1)] + ELLIPSIS
    return f"{opening}{text}{closing}"
