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
from briefing.text.safety import shown

__all__ = ["ExportError", "export_time", "write_atomically"]

_NO_HARD_LINKS = {errno.EPERM, errno.EOPNOTSUPP, errno.ENOSYS, errno.EXDEV, errno.EMLINK}


class ExportError(BriefingError):
    """An export that could not be written, in one line."""


def export_time() -> str:
    """Now as ISO 8601 UTC (`2026-01-02T03:04:05Z`), or the time in `SOURCE_DATE_EPOCH`, so
    that builds and tests can reproduce an export. A value that is not a whole number of
    seconds is an error, as the reproducible-builds specification asks: silently ignoring it
    would give a different file than the one asked for."""
    raw = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not raw:
        return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    try:
        if not (raw.isascii() and raw.isdigit()) or len(raw) > 12:
            raise ValueError(raw)
        moment = datetime.fromtimestamp(int(raw), tz=UTC)
    except (OverflowError, OSError, ValueError):
        raise ExportError(
            f"SOURCE_DATE_EPOCH={shown(raw[:40])} is not a time briefing can use (a whole "
            "number of seconds since 1970-01-01 UTC); set it right or unset it"
        ) from None
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


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
    name = shown(str(path))
    exists = f"{name} exists; use --force to overwrite"
    if path.is_symlink():
        if not force:
            raise ExportError(exists)
        path = Path(os.path.realpath(path))  # write the file the link names; keep the link
        name = shown(str(path))
    try:
        kind = os.stat(path).st_mode
    except FileNotFoundError:
        kind = None
    except OSError as error:
        raise ExportError(f"{name}: cannot write: {_reason(error)}") from None
    if kind is not None and stat.S_ISDIR(kind):
        raise ExportError(f"{name}: is a directory")
    if kind is not None and not stat.S_ISREG(kind):
        raise ExportError(
            f"{name}: is not a regular file (a device, FIFO or socket), which "
            "briefing never replaces; use -o - to write to standard output"
        )
    if not force and kind is not None:
        raise ExportError(exists)
    directory = path.parent
    temporary: Path | None = None
    try:
        fd, temporary = _temporary(directory, path.name)
        with os.fdopen(fd, "wb") as file:
            file.write(text.encode("utf-8", "replace"))
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
                raise ExportError(exists) from None
            except OSError as error:
                if error.errno not in _NO_HARD_LINKS:
                    raise
                if path.exists():
                    raise ExportError(exists) from None
                os.replace(temporary, path)
        _sync_directory(directory)
    except OSError as error:
        raise ExportError(f"{name}: cannot write: {_reason(error)}") from None
    finally:
        if temporary is not None:
            with contextlib.suppress(OSError):
                os.unlink(temporary)
