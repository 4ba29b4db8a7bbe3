"""Links in the reader: which are under the selection or in view, and which may be opened.

Pure functions over the document's inline styles (a link's address is its `target`). Only web
and mail addresses are opened; a `javascript:`, `file:` or `data:` address in a page is refused.
"""

from __future__ import annotations

from collections.abc import Iterable
from urllib.parse import urlsplit

from briefing.model import InlineStyle, StyleKind

OPENABLE_SCHEMES = frozenset({"http", "https", "mailto"})
"""The only kinds of address `o` hands to the browser."""
NO_LINK = "No link here"


def links_between(styles: Iterable[InlineStyle], start: int, end: int) -> list[InlineStyle]:
    """The links with an address over any of `text[start:end]` (an empty range: at `start`),
    in the order of the text."""
    end = max(end, start + 1)
    found = [
        s
        for s in styles
        if s.kind is StyleKind.LINK and s.target and s.start < end and s.end > start
    ]
    return sorted(found, key=lambda s: (s.start, s.end))


def openable(url: str) -> bool:
    """Whether `url` is a web address with a host, or a mail address."""
    try:
        parts = urlsplit(url.strip())
    except ValueError:  # a malformed address (an unclosed "[" in its host)
        return False
    scheme = parts.scheme.lower()
    if scheme not in OPENABLE_SCHEMES:
        return False
    return bool(parts.netloc) if scheme != "mailto" else bool(parts.path)


def refusal(url: str) -> str:
    """The one line shown instead of opening an address that may not be opened."""
    scheme = urlsplit(url.strip()).scheme if ":" in url else ""
    what = f"a {scheme}: address" if scheme else "not a web address"
    return f"Not opened: {what} (only http, https and mailto links open)."
