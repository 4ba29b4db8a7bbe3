"""`briefing notes --all`: the notes of every document of the library, filtered by tag,
colour, document and words; and its errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from briefing.cli import main
from tests.test_library import BRIDGE, HARBOUR, SCHOOL, exit_code, one_line_error


@pytest.fixture
def noted(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> dict[str, Path]:
    paths = {}
    for name, text in (("harbour", HARBOUR), ("bridge", BRIDGE), ("school", SCHOOL)):
        paths[name] = tmp_path / f"{name}.txt"
        paths[name].write_text(text, encoding="utf-8")
    assert main(["add", str(tmp_path), "--jobs", "1"]) == 0
    for name, quote, note, tag, color in (
        ("harbour", "old pilings", "ask the engineers", "infra", "pink"),
        ("bridge", "one lane", "traffic plan?", "infra", "yellow"),
        ("school", "four years", "why so long", "schools", "yellow"),
    ):
        args = ["notes", "add", str(paths[name]), "--quote", quote, "--note", note]
        assert main([*args, "--tag", tag, "--color", color]) == 0
    capsys.readouterr()
    return paths


def _all(capsys: pytest.CaptureFixture[str], *args: str) -> list[dict[str, object]]:
    assert main(["notes", "--all", "--format", "json", *args]) == 0
    out: list[dict[str, object]] = json.loads(capsys.readouterr().out)
    return out


def test_every_note_of_the_library(
    noted: dict[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    notes = _all(capsys)
    assert sorted(str(n["note"]) for n in notes) == [
        "ask the engineers",
        "traffic plan?",
        "why so long",
    ]
    assert {str(n["source"]) for n in notes} == {str(p) for p in noted.values()}
    assert all(n["title"] and n["section"] for n in notes)


def test_filters(noted: dict[str, Path], capsys: pytest.CaptureFixture[str]) -> None:
    assert sorted(str(n["note"]) for n in _all(capsys, "--tag", "infra")) == [
        "ask the engineers",
        "traffic plan?",
    ]
    assert [n["note"] for n in _all(capsys, "--tag", "#schools")] == ["why so long"]
    assert sorted(str(n["note"]) for n in _all(capsys, "--color", "yellow")) == [
        "traffic plan?",
        "why so long",
    ]
    assert [n["note"] for n in _all(capsys, "--document", str(noted["bridge"]))] == [
        "traffic plan?"
    ]
    assert [n["note"] for n in _all(capsys, "--search", "ENGINEERS pilings")] == [
        "ask the engineers"
    ]
    assert _all(capsys, "--tag", "infra", "--color", "blue") == []


def test_text_output_groups_by_document(
    noted: dict[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["notes", "--all", "--tag", "infra"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("2 notes in 2 documents:")
    assert "“old pilings”" in out
    assert "Harbour board delays the ferry timetable" in out
    assert "#infra" in out
    assert main(["notes", "--all", "--color", "blue"]) == 0
    assert capsys.readouterr().out == "No notes in the library match.\n"


def test_notes_all_errors_are_one_line(
    noted: dict[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    one_line_error(capsys, exit_code(["notes", "--tag", "infra"]), "--all")
    one_line_error(capsys, exit_code(["notes", str(noted["school"]), "--all"]), "not both")
    one_line_error(capsys, exit_code(["notes", "--all", "--color", "mauve"]), "invalid choice")
    one_line_error(capsys, exit_code(["notes", "--all", "--document", "99"]), "no document 99")
