"""Settings: a TOML file in the user config directory with the theme and key bindings; the
palette's theme choice is written back, the rest of the file kept as it was."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from briefing.app import BriefingApp
from briefing.app.reading_screen import ReadingScreen
from briefing.settings import Settings, SettingsError, load_settings, save_theme, settings_path
from tests.test_app import make_app, ready


def test_no_file_means_no_settings() -> None:
    settings = load_settings()
    assert settings == Settings(settings_path())
    assert settings_path() == Path(os.environ["BRIEFING_CONFIG_DIR"]) / "settings.toml"


def test_theme_and_keys_are_read(tmp_path: Path) -> None:
    path = tmp_path / "settings.toml"
    path.write_text('theme = "nord"\n[keys]\n"nav.next" = "n,ctrl+n"\n', encoding="utf-8")
    assert load_settings(path) == Settings(path, "nord", {"nav.next": "n,ctrl+n"})


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("theme = ", "not valid TOML"),
        ("theme = 3\n", "theme must be a name"),
        ('[keys]\n"nav.next" = 3\n', "[keys] must map"),
        ('colour = "red"\n', "unknown setting 'colour'"),
    ],
)
def test_a_bad_file_is_one_line(tmp_path: Path, text: str, words: str) -> None:
    path = tmp_path / "settings.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(SettingsError) as caught:
        load_settings(path)
    assert words in str(caught.value)
    assert "\n" not in str(caught.value)


def test_a_bad_file_stops_the_cli_in_one_line(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import briefing.cli

    settings_path().parent.mkdir(parents=True)
    settings_path().write_text("theme = [", encoding="utf-8")
    monkeypatch.setattr(briefing.cli, "_has_terminal", lambda: True)
    assert briefing.cli.main([]) == 2
    err = capsys.readouterr().err
    assert len(err.splitlines()) == 1
    assert "not valid TOML" in err


def test_saving_the_theme_keeps_the_rest(tmp_path: Path) -> None:
    path = tmp_path / "nested" / "settings.toml"
    save_theme(path, "nord")
    assert load_settings(path).theme == "nord"
    path.write_text(
        '# mine\ntheme = "nord"  # dark\n\n[keys]\n"app.quit" = "q,ctrl+q"\n', encoding="utf-8"
    )
    save_theme(path, "gruvbox")
    text = path.read_text(encoding="utf-8")
    assert "# mine" in text
    assert '"app.quit" = "q,ctrl+q"' in text
    assert load_settings(path) == Settings(path, "gruvbox", {"app.quit": "q,ctrl+q"})


async def test_the_app_uses_the_keys_and_theme_and_keeps_a_palette_choice(
    tmp_path: Path,
) -> None:
    path = tmp_path / "settings.toml"
    path.write_text('theme = "nord"\n[keys]\n"nav.next" = "ctrl+n"\n', encoding="utf-8")
    app = make_app()
    app = BriefingApp(app.document, settings=load_settings(path))
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await ready(app, pilot)
        assert isinstance(screen, ReadingScreen)
        assert app.theme == "nord"
        await pilot.press("ctrl+n")
        await pilot.pause()
        assert screen.current_section() == 1
        await pilot.press("n")  # remapped away from n
        await pilot.pause()
        assert screen.current_section() == 1
        app.theme = "gruvbox"  # what the palette's Theme command does
        await pilot.pause()
        await app.workers.wait_for_complete()
    assert load_settings(path).theme == "gruvbox"
    assert load_settings(path).keys == {"nav.next": "ctrl+n"}


async def test_an_unknown_theme_is_a_warning_not_a_failure(tmp_path: Path) -> None:
    path = tmp_path / "settings.toml"
    path.write_text('theme = "no-such-theme"\n', encoding="utf-8")
    app = BriefingApp(make_app().document, settings=load_settings(path))
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(app, pilot)
        assert any("no theme 'no-such-theme'" in n.message for n in app._notifications)
