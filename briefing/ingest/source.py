"""Read a file as briefing text, refusing what is not text with one clear sentence."""

from __future__ import annotations

import codecs
import hashlib
import os
import re
import stat
import threading
from pathlib import Path

from briefing.errors import SourceError
from briefing.text.safety import shown

MAX_BYTES = 64 * 1024 * 1024
"""Largest file accepted (64 MiB): far beyond any briefing, small enough to hold in memory."""

MARKDOWN_SUFFIXES = frozenset({".md", ".markdown", ".mdown", ".mkd"})


class Source:
    """Decoded text of a file, with what identifies it."""

    # A plain class: a dataclass costs half a millisecond to define, before the first frame.
    __slots__ = ("content_hash", "data", "format", "path", "text")

    def __init__(
        self, text: str, path: str, content_hash: str, format: str, data: bytes | None = None
    ) -> None:
        self.text = text
        self.data = data
        """The bytes of a PDF (which has no text until it is parsed); None otherwise."""
        self.path = path
        self.content_hash = content_hash
        self.format = format
        """"text", "markdown", "html" or "pdf" (see `sniff_format`); a PDF has no text."""


def decode(data: bytes, path: str, charset: str | None = None) -> str:
    """Decode UTF-8 (with or without BOM) or BOM-marked UTF-16; anything else is an error,
    unless the source declares its `charset` (a web server, an HTML page)."""
    if charset and data[:3] != codecs.BOM_UTF8 and data[:2] not in _UTF16_BOMS:
        return _decode_declared(data, path, charset)
    if data.startswith(codecs.BOM_UTF8):
        encoding, body = "utf-8", data[len(codecs.BOM_UTF8) :]
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        encoding, body = "utf-16", data
    else:
        encoding, body = "utf-8", data
        if b"\x00" in data:
            raise SourceError(path, "looks like a binary file (it contains NUL bytes), not text")
    try:
        text = body.decode(encoding)
    except UnicodeDecodeError as exc:
        name = "UTF-16" if encoding == "utf-16" else "UTF-8"
        raise SourceError(
            path,
            f"is not valid {name} text (bad byte at offset {exc.start}); "
            "convert it to UTF-8 first, e.g. with iconv",
        ) from None
    if "\x00" in text:
        raise SourceError(path, "looks like a binary file (it contains NUL characters), not text")
    return text


_UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)


def _decode_declared(data: bytes, path: str, charset: str) -> str:
    try:
        codec = codecs.lookup(charset)
    except LookupError:
        raise SourceError(
            path, f"declares a character set Python does not know ({shown(charset)})"
        ) from None
    if codec.name in ("utf-8", "utf-8-sig") or "16" in codec.name or "32" in codec.name:
        return decode(data, path)  # the usual rules, NUL bytes included
    if codec.name in ("latin-1", "iso8859-1", "ascii"):
        codec = codecs.lookup("cp1252")  # what browsers read for these labels
    try:
        text = data.decode(codec.name)
    except UnicodeDecodeError as exc:
        try:
            text = data.decode("utf-8")  # a page that declares one charset and is in UTF-8
        except UnicodeDecodeError:
            raise SourceError(
                path,
                f"is not valid {shown(charset)} text as it declares (bad byte at offset "
                f"{exc.start}); convert it to UTF-8 first, e.g. with iconv",
            ) from None
    if "\x00" in text:
        raise SourceError(path, "looks like a binary file (it contains NUL characters), not text")
    return text


def read_capped(path: str | Path, limit: int = MAX_BYTES, *, what: str = "file") -> bytes:
    """The bytes of the regular file at `path`, at most `limit` of them; anything else (no
    such file, a directory, a FIFO or device, too large, unreadable) is a one-line
    `SourceError`. Opened without blocking, so a FIFO is refused rather than waited on."""
    shown_path = shown(str(path))
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except FileNotFoundError:
        raise SourceError(shown_path, "no such file") from None
    except IsADirectoryError:
        raise SourceError(shown_path, f"is a directory, not a {what}") from None
    except PermissionError:
        raise SourceError(shown_path, "permission denied") from None
    except (OSError, ValueError) as exc:
        raise SourceError(shown_path, _reason(exc)) from None
    try:
        status = os.fstat(fd)
        if stat.S_ISDIR(status.st_mode):
            raise SourceError(shown_path, f"is a directory, not a {what}")
        if not stat.S_ISREG(status.st_mode):
            raise SourceError(
                shown_path, f"is not a regular file (a device, FIFO or socket); give a {what}"
            )
        if status.st_size > limit:
            raise SourceError(shown_path, _too_large(status.st_size, limit))
        if hasattr(os, "set_blocking"):
            os.set_blocking(fd, True)
        with os.fdopen(fd, "rb", closefd=True) as handle:
            fd = -1
            data = handle.read(limit + 1)
    except OSError as exc:
        raise SourceError(shown_path, _reason(exc)) from None
    finally:
        if fd >= 0:
            os.close(fd)
    if len(data) > limit:  # it grew while we read it
        raise SourceError(shown_path, _too_large(len(data), limit))
    return data


def _too_large(size: int, limit: int) -> str:
    return f"is too large ({size / 1e6:,.0f} MB; the limit is {limit // 2**20} MiB)"


def _reason(exc: BaseException) -> str:
    if isinstance(exc, PermissionError):
        return "permission denied"
    return (exc.strerror if isinstance(exc, OSError) else None) or "cannot be read"


def read_source(path: str | Path) -> Source:
    """Read `path` safely as text: existence, type, size cap, encoding, emptiness."""
    data = read_capped(path)
    shown_path = shown(str(path))
    fmt = sniff_format(data, Path(path).suffix.lower(), None, shown_path)
    return source_from_bytes(data, str(path), fmt, shown_path)


def source_from_bytes(
    data: bytes, path: str, fmt: str, shown_path: str, charset: str | None = None
) -> Source:
    """Decode `data` of format `fmt` ("text", "markdown", "html"; "pdf" keeps no text)."""
    digest = _Digest(data)
    if fmt == "pdf":
        text = ""
    elif fmt == "html":
        text = decode_html(data, shown_path, charset)
    else:
        text = decode(data, shown_path, charset)
    if fmt != "pdf" and (not text or text.isspace()):  # not text.strip(): no copy
        raise SourceError(shown_path, "is empty (nothing but white space)")
    return Source(text, path, digest.hexdigest(), fmt, data if fmt == "pdf" else None)


PDF_MAGIC = b"%PDF-"
_HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml", ".shtml"})
_TEXT_SUFFIXES = frozenset({".txt", ".text", ""})
_BINARY_MAGIC = (
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"PK\x03\x04", "a ZIP archive (or a Word or OpenDocument file)"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"\x7fELF", "a program"),
    (b"\xd0\xcf\x11\xe0", "an old Office document"),
)


def sniff_format(
    data: bytes, suffix: str, content_type: str | None, shown_path: str, *, stdin: bool = False
) -> str:
    """Which reader takes `data`: "pdf", "html", "markdown" or "text". The bytes decide
    first (a PDF's magic, an HTML document's opening tags, a known binary's signature), then
    the content type a server gave, then the file name; a type that is none of those is a
    one-line `SourceError`."""
    head = data[:1024].lstrip(b"\xef\xbb\xbf\r\n\t ")
    if head.startswith(PDF_MAGIC):
        return "pdf"
    for magic, what in _BINARY_MAGIC:
        if head.startswith(magic):
            raise SourceError(
                shown_path, f"is {what} (a binary file), not a document briefing reads"
            )
    mime = (content_type or "").split(";")[0].strip().lower()
    if mime:
        if mime == "application/pdf":
            raise SourceError(shown_path, "says it is a PDF but is not one (no %PDF header)")
        if mime in ("text/html", "application/xhtml+xml"):
            return "html"
        if mime in ("text/markdown", "text/x-markdown"):
            return "markdown"
        if not (mime.startswith("text/") or mime in _TEXTUAL_TYPES):
            raise SourceError(
                shown_path, f"is not a document briefing reads (its type is {shown(mime)})"
            )
    if suffix in MARKDOWN_SUFFIXES and not mime:
        return "markdown"
    if looks_like_html(data):
        return "html"
    if suffix == ".pdf":
        raise SourceError(shown_path, "is not a PDF (no %PDF header): a damaged file?")
    if suffix in _HTML_SUFFIXES:
        return "html"
    if suffix in MARKDOWN_SUFFIXES:
        return "markdown"
    if stdin and looks_like_markdown(data):
        return "markdown"
    return "text"


_HTML_START = re.compile(
    rb"\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body|meta|title)\b",
    re.IGNORECASE | re.DOTALL,
)


def looks_like_html(data: bytes | str) -> bool:
    """True when the start of `data` is an HTML document (a doctype or an `<html>`, `<head>`,
    `<body>`, `<meta>` or `<title>` tag, after white space, an XML declaration or comments)."""
    head = data[:4096]
    if isinstance(head, str):
        head = head.encode("utf-8", "replace")
    if head.startswith(codecs.BOM_UTF8):
        head = head[3:]
    return _HTML_START.match(head) is not None


_TEXTUAL_TYPES = frozenset({"application/octet-stream", "application/xml", "text/xml"})
"""Types that may still hold a document: the bytes decide (a server that does not know)."""

_MARKDOWN_SIGNS = rb"(?m)^(?:---\r?\n[\s\S]*?\n---\s*$|#{1,6} \S|```|~~~|\|?\s*:?-{3,}:?\s*\|)"


def looks_like_markdown(data: bytes) -> bool:
    """A front matter block, an ATX heading, a code fence or a table's delimiter row near the
    start: Markdown rather than plain text (for standard input, which has no file name)."""
    return re.search(_MARKDOWN_SIGNS, data[:16384]) is not None


_META_CHARSET = re.compile(rb"<meta[^>]+charset\s*=\s*[\"']?\s*([A-Za-z0-9._:-]+)", re.IGNORECASE)


def declared_charset(data: bytes) -> str | None:
    """The charset an HTML document declares in its first 4 KB (`<meta charset>` or the
    `http-equiv` Content-Type), if any."""
    match = _META_CHARSET.search(data[:4096])
    return match.group(1).decode("ascii").lower() if match else None


def decode_html(data: bytes, path: str, charset: str | None = None) -> str:
    """Decode an HTML page: its byte order mark, else the charset the server gave, else the one
    the page declares, else UTF-8. A charset Python does not know, or bytes that are not in
    the declared one, are a one-line error; nothing is guessed."""
    if data.startswith((codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return decode(data, path)
    return decode(data, path, charset or declared_charset(data))


THREADED_DIGEST_BYTES = 1_000_000
"""Files at least this long are hashed in a thread while they are decoded (a 5 MB report:
2.5 ms of each, which SHA-256 can do side by side since hashlib lets go of the GIL)."""


class _Digest:
    """The SHA-256 of `data`, computed beside the caller for a long file."""

    def __init__(self, data: bytes) -> None:
        self._data: bytes | None = data
        self._hex: str | None = None
        self._thread: threading.Thread | None = None
        if len(data) >= THREADED_DIGEST_BYTES:
            self._thread = threading.Thread(target=self._compute, name="digest", daemon=True)
            self._thread.start()

    def _compute(self) -> None:
        assert self._data is not None
        self._hex = hashlib.sha256(self._data).hexdigest()
        self._data = None

    def hexdigest(self) -> str:
        if self._thread is not None:
            self._thread.join()
        elif self._hex is None:
            self._compute()
        assert self._hex is not None
        return self._hex
