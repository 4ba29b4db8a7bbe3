"""The library's app and export modules reach the store only through `briefing.service`
(the rule main's structure test applies to every app and export file), and stay small."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent / "briefing"
LIBRARY_MODULES = (
    "app/library_screen.py",
    "app/library_link.py",
    "app/library_actions.py",
    "app/other_briefings.py",
    "app/all_notes_screen.py",
    "app/library_list.py",
    "export/memo.py",
)


def imported(path: Path) -> Iterator[str]:
    """Every module a file imports, at any depth (functions and TYPE_CHECKING blocks too)."""
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            yield node.module


@pytest.mark.parametrize("name", LIBRARY_MODULES)
def test_the_store_only_through_the_service(name: str) -> None:
    path = ROOT / name
    assert [
        m for m in imported(path) if m.startswith(("briefing.store", "briefing.pipeline"))
    ] == []
    if name.startswith("app/"):
        assert len(path.read_text(encoding="utf-8").splitlines()) <= 450


@pytest.mark.parametrize("name", [m for m in LIBRARY_MODULES if m.startswith("app/")])
def test_library_screens_open_documents_by_message_not_through_the_app(name: str) -> None:
    """A screen or card posts `OpenLibraryDocument`; none calls the app's method itself."""
    text = (ROOT / name).read_text(encoding="utf-8")
    if name != "app/library_actions.py":
        assert "open_library_document(" not in text
