"""The user's settings: a TOML file in the user config directory (platformdirs), as Posting
keeps its own. Two things so far, both optional:

    theme = "nord"                    # any theme of the command palette's "Theme" list

    [keys]                            # binding id = keys (comma-separated), as `?` lists ids
    "nav.next" = "n,right_square_bracket,ctrl+n"
    "app.quit" = "q,ctrl+q"

The palette's theme choice is written back (`save_theme`), keeping the rest of the file, its
comments included, as it was. `BRIEFING_CONFIG_DIR` moves the directory (tests, portable setups).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from briefing.errors import BriefingError
from briefing.paths import APP_NAME

SETTINGS_NAME = "settings.toml"


class SettingsError(BriefingError):
    """The settings file cannot be read, or says something briefing cannot use."""


@dataclass(frozen=True)
class Settings:
    path: Path
    """Where they were read from, and where a changed theme is written."""
    theme: str | None = None
    keys: dict[str, str] = field(default_factory=dict)
    """Binding id -> keys, for `App.set_keymap`."""


def settings_path() -> Path:
    override = os.environ.get("BRIEFING_CONFIG_DIR")
    if override:
        return Path(override) / SETTINGS_NAME
    import platformdirs

    return Path(platformdirs.user_config_dir(APP_NAME)) / SETTINGS_NAME


def load_settings(path: Path | None = None) -> Settings:
    """The settings in `path` (default: `settings_path()`); none when there is no file."""
    path = path if path is not None else settings_path()
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return Settings(path)
    except OSError as exc:
        raise SettingsError(f"{path}: cannot read the settings ({exc.strerror})") from None
    import tomllib  # only when there is a file: most people have none

    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise SettingsError(f"{path}: not valid TOML ({exc})") from None
    theme = data.get("theme")
    if theme is not None and not isinstance(theme, str):
        raise SettingsError(f'{path}: theme must be a name in quotes, as theme = "nord"')
    keys = data.get("keys", {})
    if not isinstance(keys, dict) or not all(
        isinstance(k, str) and isinstance(v, str) and v.strip() for k, v in keys.items()
    ):
        raise SettingsError(
            f'{path}: [keys] must map binding ids to keys, as "nav.next" = "n,ctrl+n"'
        )
    unknown = sorted(set(data) - {"theme", "keys"})
    if unknown:
        raise SettingsError(f"{path}: unknown setting {unknown[0]!r} (known: theme, keys)")
    return Settings(path, theme, dict(keys))


def save_theme(path: Path, theme: str) -> None:
    """Write `theme` into the settings file, leaving everything else in it as it was."""
    import tomlkit

    try:
        document = tomlkit.parse(path.read_text(encoding="utf-8")) if path.exists() else None
    except (OSError, UnicodeDecodeError, tomlkit.exceptions.ParseError) as exc:
        raise SettingsError(f"{path}: cannot update the settings ({exc})") from None
    if document is None:
        document = tomlkit.document()
        document.add(tomlkit.comment("briefing settings (see the README, 'Where it keeps things')"))
    document["theme"] = theme
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_suffix(".toml.tmp")
        temporary.write_text(tomlkit.dumps(document), encoding="utf-8")
        os.replace(temporary, path)
    except OSError as exc:
        raise SettingsError(f"{path}: cannot write the settings ({exc.strerror})") from None
