"""Read a file as briefing text, refusing what is not text with one clear sentence."""

from __future__ import annotations

import codecs
import hashlib
import os
import stat
import threading
from pathlib import Path

from briefing.errors import SourceError
from briefing.safety import shown

MAX_BYTES = 64 * 1024 * 1024
"""Largest file accepted (64 MiB): far beyond any briefing, small enough to hold in memory."""

MARKDOWN_SUFFIXES = frozenset({".md", ".markdown", ".mdown", ".mkd"})


class Source:
    """Decoded text of a file, with what identifies it."""

    # A plain class: a dataclass costs half a millisecond to define, before the first frame.
    __slots__ = ("content_hash", "format", "path", "text")

    def __init__(self, text: str, path: str, content_hash: str, format: str) -> None:
        self.text = text
        self.path = path
        self.content_hash = content_hash
        self.format = format
        """"markdown" or "text", from the file name."""


def decode(data: bytes, path: str) -> str:
    """Decode UTF-8 (with or without BOM) or BOM-marked UTF-16; anything else is an error."""
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
    """Read `path` safely: existence, type, size cap, encoding, emptiness."""
    data = read_capped(path)
    shown_path = shown(str(path))
    digest = _Digest(data)
    text = decode(data, shown_path)
    if not text or text.isspace():  # not text.strip(), which copies the whole text
        raise SourceError(shown_path, "is empty (nothing but white space)")
    fmt = "markdown" if Path(path).suffix.lower() in MARKDOWN_SUFFIXES else "text"
    return Source(text, str(path), digest.hexdigest(), fmt)


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
