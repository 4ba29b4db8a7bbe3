"""From what the user named — a file, a URL, `-` for standard input — to a `Document`.

The CLI and the app share this. A URL is fetched (`ingest.fetch`) and the bytes kept in the data
directory (`store.pages`); opened again, the kept copy is read unless a refresh is asked for, so
notes stay on the text the reader saw. Standard input is read with the same 64 MiB cap and
sniffed: PDF, HTML, Markdown or plain text.
"""

from __future__ import annotations

import dataclasses
import sys
from collections.abc import Callable
from typing import BinaryIO
from urllib.parse import urlsplit

from briefing.errors import SourceError
from briefing.ingest import document_from_source
from briefing.ingest.fetch import Fetched, FetchProgress, fetch, is_url
from briefing.ingest.source import MAX_BYTES, sniff_format, source_from_bytes
from briefing.model import Document
from briefing.text.safety import shown

STDIN = "-"
STDIN_NAME = "standard input"


def document_from_fetched(fetched: Fetched) -> Document:
    """The document of a fetched (or kept) page, its URL in the metadata."""
    where = shown(fetched.url)
    suffix = urlsplit(fetched.final_url).path.rsplit("/", 1)[-1]
    suffix = "." + suffix.rsplit(".", 1)[-1].lower() if "." in suffix else ""
    fmt = sniff_format(fetched.data, suffix, fetched.content_type, where)
    source = source_from_bytes(fetched.data, fetched.url, fmt, where, fetched.charset)
    document = document_from_source(source, url=fetched.final_url, shown_path=where)
    extra = [(k, v) for k, v in document.metadata.extra if k not in ("url", "fetched")]
    extra[:0] = [("url", shown(fetched.final_url)), ("fetched", fetched.fetched)]
    return dataclasses.replace(
        document, metadata=dataclasses.replace(document.metadata, extra=tuple(extra))
    )


def load_url(
    url: str,
    refresh: bool = False,
    progress: FetchProgress | None = None,
    told: Callable[[str], None] | None = None,
) -> Document:
    """The document at `url`: its kept copy (unless `refresh`), else fetched and kept. `told`
    hears which copy was read."""
    from briefing.store.pages import keep, kept_copy

    if not refresh:
        kept = kept_copy(url)
        if kept is not None:
            if told:
                when = kept.fetched or "an earlier day"
                told(f"reading the copy kept on {when} (--refresh fetches it again)")
            return document_from_fetched(kept)
    fetched = fetch(url, progress)
    document = document_from_fetched(fetched)
    keep(fetched)
    return document


def read_stdin(stream: BinaryIO | None = None, limit: int = MAX_BYTES) -> bytes:
    """Standard input's bytes, at most `limit` of them (one line if more)."""
    if stream is None:
        if sys.stdin is None:
            raise SourceError(STDIN_NAME, "is closed")
        stream = sys.stdin.buffer
    if stream.isatty():
        raise SourceError(
            STDIN_NAME, "is a terminal; pipe a document in (e.g. 'curl … | briefing -')"
        )
    chunks: list[bytes] = []
    size = 0
    try:
        while True:
            chunk = stream.read(1 << 20)
            if not chunk:
                break
            size += len(chunk)
            if size > limit:
                raise SourceError(
                    STDIN_NAME,
                    f"is too large (more than {limit // 2**20} MiB; the limit is "
                    f"{limit // 2**20} MiB)",
                )
            chunks.append(chunk)
    except OSError as exc:
        raise SourceError(STDIN_NAME, exc.strerror or "cannot be read") from None
    return b"".join(chunks)


def document_from_stdin_bytes(data: bytes) -> Document:
    """The document of bytes piped in: PDF, HTML, Markdown or plain text, by sniffing."""
    fmt = sniff_format(data, "", None, STDIN_NAME, stdin=True)
    source = source_from_bytes(data, STDIN, fmt, STDIN_NAME)
    document = document_from_source(source, shown_path=STDIN_NAME)
    return dataclasses.replace(document, source_path=None)


def load_path(path: str) -> Document:
    """A file, a URL (kept copy first) or `-`."""
    if path == STDIN:
        return document_from_stdin_bytes(read_stdin())
    if is_url(path):
        return load_url(path)
    from briefing.ingest import load_document

    return load_document(path)
