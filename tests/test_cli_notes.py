"""`briefing notes` as a script uses it: list, add, delete, import, and every error."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.test_cli import run

ARTICLE = (
    "The harbour board met on Monday to weigh the new ferry timetable.\n"
    "Its chair said the board would decide by June.\n"
    "Engineers warned that the old pilings were rotting faster than expected.\n"
)


@pytest.fixture
def article(tmp_path: Path) -> Path:
    path = tmp_path / "article.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    return path


def _one_error(result: object, *words: str) -> None:
    assert result.returncode == 2
    lines = result.stderr.splitlines()
    assert len(lines) == 1, lines
    assert lines[0].startswith("briefing: error: ")
    for word in words:
        assert word in lines[0]


def test_add_list_delete_round_trip(article: Path) -> None:
    added = run(
        "notes",
        "add",
        str(article),
        "--quote",
        "old pilings",
        "--note",
        "**check** this",
        "--tag",
        "infra",
        "--tag",
        "#risk",
        "--color",
        "pink",
    )
    assert added.returncode == 0, added.stderr
    note_id = added.stdout.strip()
    assert len(note_id) == 32
    listed = json.loads(run("notes", str(article), "--format", "json").stdout)
    assert [
        (n["id"], n["exact"], n["note"], n["tags"], n["color"], n["status"]) for n in listed
    ] == [(note_id, "old pilings", "**check** this", ["infra", "risk"], "pink", "exact")]
    text = run("notes", str(article)).stdout
    assert note_id[:8] in text
    assert "“old pilings”" in text
    assert "#infra #risk" in text
    deleted = run("notes", "delete", str(article), note_id[:6])
    assert deleted.returncode == 0
    assert json.loads(run("notes", str(article), "--format", "json").stdout) == []


def test_a_quote_not_in_the_text_is_an_error(article: Path) -> None:
    _one_error(run("notes", "add", str(article), "--quote", "new pier"), "not in the document")


def test_an_ambiguous_quote_needs_an_occurrence(article: Path) -> None:
    _one_error(run("notes", "add", str(article), "--quote", "board"), "2 times", "--occurrence")
    second = run("notes", "add", str(article), "--quote", "board", "--occurrence", "2")
    assert second.returncode == 0
    [note] = json.loads(run("notes", str(article), "--format", "json").stdout)
    assert note["prefix"].endswith("chair said the ")
    _one_error(
        run("notes", "add", str(article), "--quote", "board", "--occurrence", "3"), "--occurrence"
    )


def test_bad_colour_and_unknown_id_are_errors(article: Path) -> None:
    result = run("notes", "add", str(article), "--quote", "board", "--color", "mauve")
    assert result.returncode == 2
    assert "invalid choice" in result.stderr
    _one_error(run("notes", "delete", str(article), "ffff"), "no note")


def test_data_dir_option_moves_the_database(article: Path, tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    run("notes", "add", str(article), "--quote", "old pilings", "--data-dir", str(elsewhere))
    assert (elsewhere / "briefing.sqlite3").exists()
    assert json.loads(run("notes", str(article), "--format", "json").stdout) == []
    moved = run("notes", str(article), "--format", "json", "--data-dir", str(elsewhere))
    assert len(json.loads(moved.stdout)) == 1


def test_an_edited_file_shows_statuses(article: Path) -> None:
    run("notes", "add", str(article), "--quote", "ferry timetable", "--note", "keep")
    run("notes", "add", str(article), "--quote", "decide by June", "--note", "goes")
    article.write_text(ARTICLE.replace("Its chair said the board would decide by June.\n", ""))
    listed = json.loads(run("notes", str(article), "--format", "json").stdout)
    assert {n["note"]: n["status"] for n in listed} == {"keep": "exact", "goes": "orphaned"}
    assert "orphaned" in run("notes", str(article)).stdout
