"""Writing an export to disk: a reproducible time stamp and a write that is all or nothing."""

from __future__ import annotations

import contextlib
import errno
import os
import secrets
import stat
from datetime import UTC, datetime
from pathlib import Path

from briefing.errors import BriefingError

__all__ = ["ExportError", "export_time", "write_atomically"]

_NO_HARD_LINKS = {errno.EPERM, errno.EOPNOTSUPP, errno.ENOSYS, errno.EXDEV, errno.EMLINK}


class ExportError(BriefingError):
    """An export that could not be written, in one line."""


def export_time() -> str:
    """Now as ISO 8601 UTC (`2026-01-02T03:04:05Z`), or the time in `SOURCE_DATE_EPOCH` when
    that holds a valid number of seconds, so that builds and tests can reproduce an export."""
    raw = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    moment = None
    if raw.isascii() and raw.isdigit():
        with contextlib.suppress(OverflowError, OSError, ValueError):
            moment = datetime.fromtimestamp(int(raw), tz=UTC)
    return (moment or datetime.now(UTC)).strftime("%Y-%m-%dT%H:%M:%SZ")


def _reason(error: OSError) -> str:
    return error.strerror or type(error).__name__


def _temporary(directory: Path, name: str) -> tuple[int, Path]:
    """A new file beside the target; created with mode 0o666 so that the umask applies, as
    for any file the user writes (a `mkstemp` file would stay 0o600)."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    for _ in range(100):
        candidate = directory / f".{name}.{secrets.token_hex(4)}.tmp"
        try:
            return os.open(candidate, flags, 0o666), candidate
        except FileExistsError:
            continue
    raise FileExistsError(errno.EEXIST, "no free temporary name", str(directory))


def _sync_directory(directory: Path) -> None:
    """Make the rename itself durable where the platform allows it."""
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def write_atomically(path: Path, text: str, *, force: bool) -> None:
    """Write `text` (UTF-8, line ends as given) to `path` so that a reader sees the old file or
    the whole new one, never part of it. Refuses to replace an existing file unless `force`.
    Raises `ExportError` with a one-line reason; leaves no temporary file behind."""
    path = Path(path)
    if path.is_dir():
        raise ExportError(f"{path}: is a directory")
    if not force and (path.exists() or path.is_symlink()):
        raise ExportError(f"{path} exists; use --force to overwrite")
    directory = path.parent
    temporary: Path | None = None
    try:
        fd, temporary = _temporary(directory, path.name)
        with os.fdopen(fd, "wb") as file:
            file.write(text.encode("utf-8"))
            file.flush()
            os.fsync(file.fileno())
        if force:
            with contextlib.suppress(OSError):  # keep the mode of the file being replaced
                os.chmod(temporary, stat.S_IMODE(path.stat().st_mode))
            os.replace(temporary, path)
        else:
            try:
                os.link(temporary, path)  # fails, rather than replaces, if the file appeared
            except FileExistsError:
                raise ExportError(f"{path} exists; use --force to overwrite") from None
            except OSError as error:
                if error.errno not in _NO_HARD_LINKS:
                    raise
                if path.exists():
                    raise ExportError(f"{path} exists; use --force to overwrite") from None
                os.replace(temporary, path)
        _sync_directory(directory)
    except OSError as error:
        raise ExportError(f"{path}: cannot write: {_reason(error)}") from error
    finally:
        if temporary is not None:
            with contextlib.suppress(OSError):
                os.unlink(temporary)
