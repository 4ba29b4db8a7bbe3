"""`briefing export` as a script uses it: destinations, formats, and every error."""

from __future__ import annotations

import json
import os
import sqlite3
from pathlib import Path

import pytest

from tests.test_cli import run
from tests.test_cli_notes import ARTICLE, _one_error


@pytest.fixture
def article(tmp_path: Path) -> Path:
    path = tmp_path / "article.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    added = run(
        "notes",
        "add",
        str(path),
        "--quote",
        "old pilings",
        "--note",
        "# not a heading",
        "--tag",
        "infra",
    )
    assert added.returncode == 0, added.stderr
    return path


def _dump(tmp_path: Path) -> list[str]:
    database = Path(os.environ["BRIEFING_DATA_DIR"]) / "briefing.sqlite3"
    with sqlite3.connect(database) as connection:
        return list(connection.iterdump())


def test_markdown_goes_beside_the_source_by_default(article: Path, tmp_path: Path) -> None:
    before = _dump(tmp_path)
    result = run("export", str(article))
    assert result.returncode == 0, result.stderr
    out = tmp_path / "article.annotated.md"
    text = out.read_text(encoding="utf-8")
    assert text.startswith("---\n")
    assert "==old pilings==" in text
    assert "> # not a heading" in text
    assert "#infra" in text
    assert str(out.name) in result.stderr
    assert _dump(tmp_path) == before  # exporting changes nothing in the store


def test_stdout_json_and_notes_only(article: Path) -> None:
    data = json.loads(run("export", str(article), "--format", "json", "-o", "-").stdout)
    [item] = data["first"]["items"]
    selectors = {s["type"]: s for s in item["target"]["selector"]}
    assert selectors["TextQuoteSelector"]["exact"] == "old pilings"
    notes_only = run("export", str(article), "--notes-only", "-o", "-").stdout
    assert "==old pilings==" not in notes_only
    assert "old pilings" in notes_only
    assert "harbour board met" not in notes_only


def test_an_existing_file_needs_force(article: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.md"
    out.write_text("mine", encoding="utf-8")
    _one_error(run("export", str(article), "-o", str(out)), str(out), "--force")
    assert out.read_text(encoding="utf-8") == "mine"
    assert run("export", str(article), "-o", str(out), "--force").returncode == 0
    assert "old pilings" in out.read_text(encoding="utf-8")


def test_unwritable_destinations_are_one_line_errors(article: Path, tmp_path: Path) -> None:
    _one_error(run("export", str(article), "-o", str(tmp_path / "no" / "dir" / "x.md")), "x.md")
    # A "directory" that is a file: not writable for anyone, root included.
    _one_error(run("export", str(article), "-o", str(article / "x.md")), "x.md")
    _one_error(run("export", str(article), "-o", str(tmp_path)), str(tmp_path))


def test_bad_input_and_options(tmp_path: Path) -> None:
    _one_error(run("export", str(tmp_path / "missing.txt")), "no such file")
    result = run("export", "--format", "pdf")
    assert result.returncode == 2
    assert "invalid choice" in result.stderr


def test_json_export_imports_into_an_edited_copy(article: Path, tmp_path: Path) -> None:
    exported = tmp_path / "notes.json"
    assert run("export", str(article), "--format", "json", "-o", str(exported)).returncode == 0
    copy = tmp_path / "copy.txt"
    copy.write_text("A new first line.\n" + ARTICLE.replace("by June", "by July"))
    result = run("notes", "import", str(copy), str(exported))
    assert result.returncode == 0, result.stderr
    assert "imported 1 note: 1 exact" in result.stdout
    [note] = json.loads(run("notes", str(copy), "--format", "json").stdout)
    assert (note["exact"], note["note"], note["tags"]) == (
        "old pilings",
        "# not a heading",
        ["infra"],
    )
    again = run("notes", "import", str(copy), str(exported))
    assert "(1 already here)" in again.stdout


def test_import_of_bad_json_is_one_line(article: Path, tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text("{not json", encoding="utf-8")
    result = run("notes", "import", str(article), str(bad))
    assert result.returncode == 2
    assert len(result.stderr.splitlines()) == 1
    _one_error(run("notes", "import", str(article), str(tmp_path / "none.json")), "none.json")
