"""The library: `briefing add` and `briefing library` as a script uses them, documents found
again when moved or changed, removal asked first and undone, and every error in one line."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from briefing.cli import main
from briefing.store.database import Store
from briefing.store.library import Library

HARBOUR = (
    "Harbour board delays the ferry timetable\n\n"
    "The harbour board met on Monday to weigh the new ferry timetable. Dana Whitlow, the "
    "board's chair, said it would decide by June.\n\n"
    "Engineers warned that the old pilings were rotting faster than expected, Whitlow said.\n"
)
BRIDGE = (
    "Council votes to repair the river bridge\n\n"
    "The city council voted on Tuesday to repair the river bridge before winter. Dana "
    "Whitlow, who chairs the harbour board, welcomed the vote.\n\n"
    "Repairs will close one lane for three months, the council said.\n"
)
SCHOOL = (
    "School opens a new library wing\n\n"
    "The Eastmoor school opened its new library wing on Friday. Its head teacher, Omar "
    "Castillo, said pupils had waited four years.\n"
)


def exit_code(args: list[str]) -> int:
    """`main`'s exit code, also when argparse exits."""
    try:
        return main(args)
    except SystemExit as exc:
        return int(exc.code or 0)


def one_line_error(capsys: pytest.CaptureFixture[str], code: int, *words: str) -> str:
    assert code == 2
    err = capsys.readouterr().err
    lines = err.splitlines()
    assert len(lines) == 1, lines
    assert lines[0].startswith("briefing")
    assert "error: " in lines[0]
    for word in words:
        assert word in lines[0]
    return lines[0]


@pytest.fixture
def articles(tmp_path: Path) -> Path:
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "harbour.txt").write_text(HARBOUR, encoding="utf-8")
    (folder / "bridge.txt").write_text(BRIDGE, encoding="utf-8")
    (folder / "school.md").write_text("# " + SCHOOL, encoding="utf-8")
    (folder / ".hidden.txt").write_text("not this one\n", encoding="utf-8")
    (folder / "picture.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(40))
    return folder


def listed(capsys: pytest.CaptureFixture[str], *args: str) -> list[dict[str, object]]:
    capsys.readouterr()
    assert main(["library", "--format", "json", *args]) == 0
    out: list[dict[str, object]] = json.loads(capsys.readouterr().out)
    return out


def test_add_a_folder_lists_every_document(
    articles: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["add", str(articles), "--jobs", "1"]) == 0
    captured = capsys.readouterr()
    assert "added 3 documents to the library (3 new)" in captured.out
    assert "1 file in folders skipped" in captured.out
    assert captured.err == ""  # not a terminal: no progress bar
    entries = listed(capsys)
    assert sorted(str(e["title"]) for e in entries) == [
        "Council votes to repair the river bridge",
        "Harbour board delays the ferry timetable",
        "School opens a new library wing",
    ]
    for entry in entries:
        assert entry["notes"] == 0
        assert entry["tags"] == []
        assert entry["kind"] == "file"
        assert str(entry["source"]).startswith(str(articles))
        assert entry["text_kept"] is True
    assert main(["library"]) == 0
    text = capsys.readouterr().out
    assert text.splitlines()[0].split()[:3] == ["ID", "READ", "NOTES"]
    assert "Harbour board delays the ferry timetable" in text


def test_adding_again_is_the_same_document_and_tags_stick(
    articles: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    harbour = str(articles / "harbour.txt")
    assert main(["add", harbour]) == 0
    assert main(["add", harbour, "--tag", "ports"]) == 0
    assert "1 already there" in capsys.readouterr().out
    entries = listed(capsys)
    assert len(entries) == 1
    assert entries[0]["tags"] == ["ports"]
    assert [e["title"] for e in listed(capsys, "--tag", "ports")] == [entries[0]["title"]]
    assert listed(capsys, "--tag", "other") == []


def test_a_moved_file_is_found_by_its_text(
    articles: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    harbour = articles / "harbour.txt"
    assert main(["add", str(harbour)]) == 0
    assert main(["notes", "add", str(harbour), "--quote", "old pilings", "--note", "check"]) == 0
    moved = tmp_path / "renamed.txt"
    shutil.move(harbour, moved)
    assert main(["add", str(moved)]) == 0
    entries = listed(capsys)
    assert len(entries) == 1
    assert entries[0]["source"] == str(moved)
    assert entries[0]["notes"] == 1


def test_a_changed_file_keeps_its_notes_reanchored(
    articles: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    harbour = articles / "harbour.txt"
    assert main(["add", str(harbour)]) == 0
    assert main(["notes", "add", str(harbour), "--quote", "old pilings", "--note", "rot"]) == 0
    harbour.write_text(
        HARBOUR.replace("Engineers warned", "Two engineers warned"), encoding="utf-8"
    )
    assert main(["add", str(harbour)]) == 0
    assert "1 with a changed text" in capsys.readouterr().out
    assert main(["notes", str(harbour), "--format", "json"]) == 0
    notes = json.loads(capsys.readouterr().out)
    # The passage moved by four characters: found again, marked moved for the reader to confirm.
    assert [(n["exact"], n["note"], n["status"]) for n in notes] == [
        ("old pilings", "rot", "moved")
    ]
    text = Library().snapshot(int(listed(capsys)[0]["id"]))  # type: ignore[call-overload]
    assert text is not None
    assert "Two engineers warned" in text.text


def test_standard_input_is_kept_with_its_text(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import io
    import sys

    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(BRIDGE.encode())))
    assert main(["add", "-"]) == 0
    entries = listed(capsys)
    assert [(e["kind"], e["source"]) for e in entries] == [("stdin", "standard input")]
    kept = Library().snapshot(int(str(entries[0]["id"])))
    assert kept is not None
    assert kept.metadata.title == "Council votes to repair the river bridge"
    assert "welcomed the vote" in kept.text


def test_remove_asks_first_and_restore_undoes_it(
    articles: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["add", str(articles / "harbour.txt"), str(articles / "bridge.txt")]) == 0
    first = listed(capsys)[0]
    one_line_error(capsys, main(["library", "remove", str(first["id"])]), "--yes")
    assert len(listed(capsys)) == 2
    assert main(["library", "remove", str(first["id"]), "--yes"]) == 0
    captured = capsys.readouterr()
    assert f"removed {first['id']}" in captured.out
    assert f"briefing library restore {first['id']}" in captured.err
    remaining = [e["id"] for e in listed(capsys)]
    assert len(remaining) == 1
    assert first["id"] not in remaining
    assert [e["id"] for e in listed(capsys, "--removed")] == [first["id"]]
    assert main(["library", "restore", str(first["id"])]) == 0
    assert first["id"] in [e["id"] for e in listed(capsys)]


def test_remove_by_path_and_tag_by_path(articles: Path, capsys: pytest.CaptureFixture[str]) -> None:
    harbour = str(articles / "harbour.txt")
    assert main(["add", harbour]) == 0
    assert main(["library", "tag", harbour, "--tag", "ports", "--tag", "#risk"]) == 0
    assert listed(capsys)[0]["tags"] == ["ports", "risk"]
    assert main(["library", "tag", harbour, "--tag", "risk", "--untag"]) == 0
    assert listed(capsys)[0]["tags"] == ["ports"]
    assert main(["library", "remove", harbour, "--yes"]) == 0
    assert listed(capsys) == []


def test_list_sorts_by_title_and_by_notes(
    articles: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["add", str(articles)]) == 0
    bridge = str(articles / "bridge.txt")
    assert main(["notes", "add", bridge, "--quote", "river bridge", "--occurrence", "1"]) == 0
    titles = [e["title"] for e in listed(capsys, "--sort", "title")]
    assert titles == sorted(titles, key=lambda t: str(t).casefold())
    assert listed(capsys, "--sort", "notes")[0]["source"] == bridge


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["add"], ["required"]),
        (["add", "no/such/file.txt"], ["no such file or folder"]),
        (["add", "--jobs", "0", "x"], ["--jobs"]),
        (["library", "--sort", "size"], ["invalid choice"]),
        (["library", "remove", "99", "--yes"], ["no document 99"]),
        (["library", "restore", "nothing.txt"], ["not in the library"]),
        (["library", "tag", "1"], ["--tag"]),
    ],
)
def test_errors_are_one_line(
    args: list[str], words: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    one_line_error(capsys, exit_code(args), *words)


def test_an_unreadable_named_file_is_an_error_and_the_rest_is_added(
    articles: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(["add", str(articles / "picture.png"), str(articles / "harbour.txt")])
    assert code == 2
    captured = capsys.readouterr()
    assert "added 1 document" in captured.out
    lines = captured.err.splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("briefing: error: ")
    assert "picture.png" in lines[0]


def test_the_library_is_empty_at_first(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["library"]) == 0
    assert "The library is empty" in capsys.readouterr().out
    assert listed(capsys) == []
    assert not Store.default().exists()


def test_a_file_name_that_is_not_utf8_is_kept_and_listed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import os

    name = os.fsdecode(tmp_path / os.fsdecode(b"caf\xe9.txt"))
    Path(name).write_text(HARBOUR, encoding="utf-8")
    assert main(["add", name]) == 0
    (entry,) = listed(capsys)
    assert entry["title"] == "Harbour board delays the ferry timetable"
    kept = Library().snapshot(int(str(entry["id"])))
    assert kept is not None
    assert kept.source_path == os.path.abspath(name)
    assert main(["search", "pilings"]) == 0
    assert "Harbour board" in capsys.readouterr().out


def test_a_url_that_cannot_be_fetched_is_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["add", "http://127.0.0.1:9/article"])  # the discard port: refused
    assert code == 2
    captured = capsys.readouterr()
    assert captured.out == "added 0 documents to the library; 1 could not be read\n"
    lines = captured.err.splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("briefing: error: http://127.0.0.1:9/article: ")


def test_the_library_briefing_opens_has_the_bundled_briefing_once(
    articles: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A library whose first command was `briefing add` gets the bundled briefing when
    `briefing` first opens it; one who removed it is not given it back."""
    from briefing.cli import _library_first_page
    from briefing.paths import seed_path

    assert _library_first_page() is None  # no library yet: the bundled briefing opens itself
    assert main(["add", str(articles), "--jobs", "1"]) == 0
    bundled = str(seed_path().resolve())
    assert bundled not in [e["source"] for e in listed(capsys)]
    for _ in range(2):
        page = _library_first_page()
        assert page is not None
        assert [e.source for e in page.entries].count(bundled) == 1
    [entry] = [e for e in listed(capsys) if e["source"] == bundled]
    assert main(["library", "remove", str(entry["id"]), "--yes"]) == 0
    page = _library_first_page()
    assert page is not None
    assert bundled not in [e.source for e in page.entries]
    assert [e["source"] for e in listed(capsys, "--removed")] == [bundled]
