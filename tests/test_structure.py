"""The app's structure, read from its source: small files, the store reached only through the
service, and no private Textual API (issue 16's targets, checked on every run)."""

from __future__ import annotations

import ast
import tomllib
from collections.abc import Iterator
from importlib.metadata import version
from pathlib import Path

import textual.app
import textual.dom
import textual.message
import textual.screen
import textual.scroll_view
import textual.widget
import textual.widgets

ROOT = Path(__file__).resolve().parent.parent / "briefing"
APP = ROOT / "app"
EXPORT = ROOT / "export"
MAX_APP_LINES = 450
textual_version = version("textual")
STORE_MODULES = ("briefing.store", "briefing.pipeline")
"""What reads or writes the store (the pipeline reads the reader's section plans)."""


def sources(folder: Path) -> Iterator[Path]:
    yield from sorted(folder.rglob("*.py"))


def imported(path: Path) -> Iterator[str]:
    """Every module a file imports, at any depth (functions and TYPE_CHECKING blocks too)."""
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            yield node.module
            yield from (f"{node.module}.{alias.name}" for alias in node.names)


def test_no_file_in_the_app_is_over_450_lines() -> None:
    long = {
        str(path.relative_to(ROOT)): n
        for path in sources(APP)
        if (n := len(path.read_text(encoding="utf-8").splitlines())) > MAX_APP_LINES
    }
    assert not long


def test_the_app_and_the_export_reach_the_store_only_through_the_service() -> None:
    found = [
        f"{path.relative_to(ROOT)} imports {module}"
        for folder in (APP, EXPORT)
        for path in sources(folder)
        for module in imported(path)
        if module.startswith(STORE_MODULES)
    ]
    assert not found


def _textual_private_names() -> set[str]:
    """Single-underscore names Textual's classes have (its private API)."""
    classes = [
        textual.app.App,
        textual.screen.Screen,
        textual.screen.ModalScreen,
        textual.widget.Widget,
        textual.dom.DOMNode,
        textual.scroll_view.ScrollView,
        textual.message.Message,
        textual.widgets.OptionList,
        textual.widgets.Input,
        textual.widgets.Footer,
        textual.widgets.TextArea,
        textual.widgets.Static,
    ]
    instances = [textual.widget.Widget(), textual.widgets.Static(), textual.widgets.Input()]
    names = {name for cls in classes for klass in cls.__mro__ for name in vars(klass)}
    names |= {name for instance in instances for name in vars(instance)}
    return {name for name in names if name.startswith("_") and not name.startswith("__")}


PRIVATE_API_ALLOWED = {"lazy_styles.py"}
"""Where the app may use Textual's private API: only with Textual pinned exactly."""


def test_no_private_textual_api_or_textual_pinned_exactly() -> None:
    found = private_uses()
    assert {use.split(":")[0].split(" ")[0] for use in found} <= PRIVATE_API_ALLOWED, found
    if found:
        pyproject = tomllib.loads((ROOT.parent / "pyproject.toml").read_text(encoding="utf-8"))
        textual = [
            d
            for d in pyproject["project"]["dependencies"]
            if d.split("=")[0].split("<")[0].split(">")[0].strip() == "textual"
        ]
        assert textual == [f"textual=={textual_version}"], textual


def private_uses() -> list[str]:
    private = _textual_private_names()
    found = []
    for path in sources(APP):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for module in imported(path):
            if module.startswith("textual") and any(
                part.startswith("_") for part in module.split(".")
            ):
                found.append(f"{path.name} imports {module}")
        for node in ast.walk(tree):
            name = None
            if isinstance(node, ast.Attribute):
                name = node.attr
            elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                name = node.name
            if name in private:
                found.append(f"{path.name}:{node.lineno} uses Textual's {name}")
    return found


def test_the_checks_catch_what_they_look_for(tmp_path: Path) -> None:
    """The private-name list holds what the app once used, so the check could fail."""
    private = _textual_private_names()
    assert {"_attach", "_component_styles"} <= private
    bad = tmp_path / "bad.py"
    bad.write_text("from textual._path import CSSPathType\nfrom briefing.store import x\n")
    assert "textual._path" in set(imported(bad))
    assert any(m.startswith(STORE_MODULES) for m in imported(bad))


SCREEN_OPENERS = {"briefing_app.py", "loading_screen.py", "commands.py", "library_actions.py"}
"""What opens or addresses the reading screen (the app, the loading screen that hands over to
it, the palette's section commands, the app's library actions that open documents); its parts
never import it."""


def test_the_reading_screens_parts_do_not_import_it() -> None:
    found = [
        path.name
        for path in sources(APP)
        if path.name not in SCREEN_OPENERS | {"reading_screen.py"}
        and any(module.startswith("briefing.app.reading_screen") for module in imported(path))
    ]
    assert not found


def test_widgets_are_not_looked_up_by_class_name_strings() -> None:
    found = []
    for path in sources(APP):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr in ("query", "query_one")
                and node.args
                and isinstance(node.args[0], ast.Constant)
                and isinstance(node.args[0].value, str)
                and node.args[0].value[:1].isupper()
            ):
                found.append(f"{path.name}:{node.lineno} {node.args[0].value}")
    assert not found
