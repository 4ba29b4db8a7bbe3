"""Fetched documents kept in the data directory, so notes anchor to the copy the reader saw.

    DATA_DIR/pages/<sha256 of the bytes>        the bytes as fetched
    DATA_DIR/pages/<sha256 of the bytes>.json   the URL, where it ended, its type, when
    DATA_DIR/pages/urls/<sha256 of the URL>.json the latest copy of that URL

The bytes are named by their hash and checked against it when read back: a damaged or missing
copy is no copy (the page is fetched again). Files are written atomically and privately.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import tempfile
from pathlib import Path

from briefing.errors import BriefingError
from briefing.ingest.fetch import Fetched
from briefing.ingest.source import MAX_BYTES
from briefing.paths import data_dir, make_private_dirs


class KeepError(BriefingError):
    """A fetched document could not be kept (a full disk, a read-only data directory)."""


def pages_dir() -> Path:
    return data_dir() / "pages"


def _url_key(url: str) -> str:
    return hashlib.sha256(url.encode("utf-8", "surrogatepass")).hexdigest()


def keep(fetched: Fetched) -> str:
    """Keep `fetched` under its hash and make it the latest copy of its URL; returns the hash."""
    digest = hashlib.sha256(fetched.data).hexdigest()
    folder = pages_dir()
    record = {
        "url": fetched.url,
        "final_url": fetched.final_url,
        "content_type": fetched.content_type,
        "fetched": fetched.fetched,
        "sha256": digest,
        "size": len(fetched.data),
    }
    try:
        make_private_dirs(folder / "urls")
        body = folder / digest
        if not body.exists():
            _write(body, fetched.data)
        encoded = json.dumps(record, ensure_ascii=False, indent=1).encode("utf-8")
        _write(folder / f"{digest}.json", encoded)
        _write(folder / "urls" / f"{_url_key(fetched.url)}.json", encoded)
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise KeepError(f"cannot keep the fetched copy in {folder}: {reason}") from None
    return digest


def kept_copy(url: str) -> Fetched | None:
    """The latest kept copy of `url`, or None (never kept, or the copy is damaged)."""
    folder = pages_dir()
    try:
        record = json.loads((folder / "urls" / f"{_url_key(url)}.json").read_bytes())
        digest = str(record["sha256"])
        if len(digest) != 64 or not all(c in "0123456789abcdef" for c in digest):
            return None
        path = folder / digest
        if path.stat().st_size > MAX_BYTES:
            return None
        data = path.read_bytes()
    except (OSError, ValueError, KeyError, TypeError):
        return None
    if hashlib.sha256(data).hexdigest() != digest or record.get("url") != url:
        return None
    content_type = record.get("content_type")
    return Fetched(
        url,
        str(record.get("final_url") or url),
        data,
        str(content_type) if content_type else None,
        str(record.get("fetched") or ""),
    )


def _write(path: Path, data: bytes) -> None:
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".keep-")
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(data)
            file.flush()
            os.fsync(file.fileno())
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
