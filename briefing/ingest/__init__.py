"""Turn a file (or a string) into a `Document`: safe reading, sanitising, then a format parser."""

from __future__ import annotations

import hashlib
from pathlib import Path

from briefing.cycles import cycle_collector_paused
from briefing.errors import SourceError
from briefing.ingest.plaintext import parse_plain_text
from briefing.ingest.source import MAX_BYTES, Source, read_source
from briefing.model import Document
from briefing.text.safety import sanitize, shown

__all__ = [
    "INGEST_VERSION",
    "MAX_BYTES",
    "document_from_source",
    "document_from_text",
    "load_document",
]

INGEST_VERSION = 2
"""The version of what reading a file makes of it (text, structure, title, metadata). Raise it
when a file already read would now be read differently: the library keeps each document's text
with the version that made it, and reads an unchanged file again under a newer one (its notes
re-anchored, its reading made again). 1: a plain-text headline is the title (1a2432d). 2: a
plain-text line opening in lower case runs on from a full wrapped line before it."""


def document_from_text(
    text: str,
    source_format: str = "text",
    source_path: str | None = None,
    content_hash: str | None = None,
    url: str | None = None,
) -> Document:
    """Parse already-decoded text ("text", "markdown" or "html"; `url` is where a page came
    from). The hash defaults to that of its UTF-8 bytes."""
    if content_hash is None:
        content_hash = hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()
    clean = sanitize(text)
    if source_format == "html":
        # Imported here: trafilatura and lxml take 0.3 s to import, for HTML only.
        from briefing.ingest.html import parse_html

        return parse_html(clean, content_hash, source_path, url)
    if source_format == "markdown":
        # Imported here: markdown-it and YAML cost start-up time that plain text never needs.
        from briefing.ingest.markdown import parse_markdown

        return parse_markdown(clean, content_hash, source_path)
    return parse_plain_text(clean, content_hash, source_path)


def load_document(path: str | Path) -> Document:
    """Read and parse a text, Markdown, HTML or PDF file (the bytes and the name decide which);
    raises `SourceError` with a one-line reason."""
    source = read_source(path)
    return document_from_source(source)


def document_from_source(source: Source, url: str | None = None, shown_path: str = "") -> Document:
    """The document of a read `source`; `url` is where a page came from."""
    # A long report makes tens of thousands of small objects, none in a reference cycle.
    where = shown_path or shown(source.path)
    with cycle_collector_paused(long_lived=True):
        if source.format == "pdf":
            from briefing.ingest.pdf import parse_pdf

            document = parse_pdf(source.data or b"", source.content_hash, source.path, where)
        else:
            document = document_from_text(
                source.text, source.format, source.path, source.content_hash, url
            )
    if not document.paragraphs:
        raise SourceError(where, "has no readable text")
    return document
