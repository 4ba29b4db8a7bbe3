"""Where briefing keeps its files, and where its bundled resources are.

The user's data and cache directories come from platformdirs and can be moved with the
`BRIEFING_DATA_DIR` and `BRIEFING_CACHE_DIR` environment variables (tests and portable setups
use them); the `--data-dir` option overrides the former. Bundled styles and the seed briefing
live inside the installed package (the wheel maps the top-level `styles/` and `seeds/` there);
in a source checkout they are read in place.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

APP_NAME = "briefing"
_PACKAGE = Path(__file__).resolve().parent


_data_dir_option: Path | None = None


def expand_user(path: str | Path) -> Path:
    """`path` with a leading `~` or `~user` expanded; a user without a home (`~nobody-here`,
    or a typo such as `~ notes.md`) is a one-line `BriefingError`, not pathlib's RuntimeError."""
    try:
        return Path(path).expanduser()
    except RuntimeError:
        from briefing.errors import BriefingError

        head = str(path).split("/", 1)[0]
        raise BriefingError(f"{head} is no user's home folder: {path}") from None


def use_data_dir(path: str | Path) -> None:
    """The `--data-dir` option: wins over the environment variable for this process."""
    global _data_dir_option
    _data_dir_option = expand_user(path)


def data_dir() -> Path:
    if _data_dir_option is not None:
        return _data_dir_option
    override = os.environ.get("BRIEFING_DATA_DIR")
    if override:
        return Path(override)
    import platformdirs  # only when needed: it is not free at start-up

    return Path(platformdirs.user_data_dir(APP_NAME))


def make_private_dirs(folder: Path) -> None:
    """Make `folder` and any missing parent readable by the user only, whatever the umask."""
    missing: list[Path] = []
    while not folder.exists():
        missing.append(folder)
        if folder.parent == folder:
            break
        folder = folder.parent
    for each in reversed(missing):
        with contextlib.suppress(FileExistsError):
            each.mkdir(mode=0o700)
        os.chmod(each, 0o700)  # mkdir's mode is filtered by the umask


def cache_dir() -> Path:
    override = os.environ.get("BRIEFING_CACHE_DIR")
    if override:
        return Path(override)
    import platformdirs

    return Path(platformdirs.user_cache_dir(APP_NAME))


def _resource_dir(name: str) -> Path:
    installed = _PACKAGE / "_data" / name
    if installed.is_dir():
        return installed
    return _PACKAGE.parent / name


def styles_dir() -> Path:
    return _resource_dir("styles")


def seed_path() -> Path:
    """The bundled briefing that opens when no file is given."""
    seeds = sorted(_resource_dir("seeds").glob("*.txt")) + sorted(
        _resource_dir("seeds").glob("*.md")
    )
    if not seeds:
        raise FileNotFoundError("the bundled briefing is missing from this installation")
    return seeds[0]
