"""`briefing memo`: one Markdown or HTML document across briefings of the library, through
Jinja2 templates; reproducible with SOURCE_DATE_EPOCH, written atomically, never over a file
without --force; and its errors."""

from __future__ import annotations

from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from briefing.cli import main
from tests.test_library import BRIDGE, HARBOUR, SCHOOL, exit_code, one_line_error


@pytest.fixture
def tagged(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> Path:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    folder = tmp_path / "in"
    folder.mkdir()
    for name, text in (("harbour", HARBOUR), ("bridge", BRIDGE), ("school", SCHOOL)):
        (folder / f"{name}.txt").write_text(text, encoding="utf-8")
    assert main(["add", str(folder), "--jobs", "1"]) == 0
    harbour, bridge = str(folder / "harbour.txt"), str(folder / "bridge.txt")
    assert main(["library", "tag", harbour, bridge, "--tag", "city"]) == 0
    note = ["notes", "add", harbour, "--quote", "old pilings", "--note", "*ask* <b>them</b>"]
    assert main(note) == 0
    capsys.readouterr()
    monkeypatch.chdir(tmp_path)
    return folder


def test_markdown_memo_across_tagged_briefings(
    tagged: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["memo", "--tag", "city", "-o", "-"]) == 0
    memo = capsys.readouterr().out
    assert memo.startswith("---\ntitle: 'Memo: 2 briefings'\ngenerated: '2023-11-14T22:13:20Z'")
    assert "## Who's who across these briefings" in memo
    assert "**Dana Whitlow** (person" in memo
    assert "Harbour board delays the ferry timetable" in memo
    assert "Council votes to repair the river bridge" in memo
    assert "School opens" not in memo
    assert "### Sections" in memo
    assert "### Highlights and notes" in memo
    assert "old pilings" in memo
    assert "*ask*" in memo
    MarkdownIt("commonmark").parse(memo)  # parses


def test_memo_is_reproducible_and_never_overwrites(
    tagged: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["memo", "--tag", "city"]) == 0
    first = (tmp_path / "memo.md").read_bytes()
    assert "wrote" in capsys.readouterr().err
    one_line_error(capsys, exit_code(["memo", "--tag", "city"]), "--force")
    assert (tmp_path / "memo.md").read_bytes() == first
    assert main(["memo", "--tag", "city", "--force"]) == 0
    assert (tmp_path / "memo.md").read_bytes() == first
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


def test_html_memo_escapes_what_the_user_wrote(
    tagged: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["memo", str(tagged / "harbour.txt"), "--format", "html", "-o", "-"]) == 0
    page = capsys.readouterr().out
    assert page.startswith("<!DOCTYPE html>")
    assert "<title>Memo: Harbour board delays the ferry timetable</title>" in page
    assert "<em>ask</em>" in page
    assert "<b>them</b>" not in page
    assert "&lt;b&gt;them&lt;/b&gt;" in page


def test_a_template_of_ones_own(
    tagged: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    template = tmp_path / "mine.jinja"
    template.write_text(
        "{% for b in briefings %}{{ b.title }} ({{ b.notes | length }} notes)\n{% endfor %}",
        encoding="utf-8",
    )
    assert main(["memo", "--tag", "city", "--template", str(template), "-o", "-"]) == 0
    assert sorted(capsys.readouterr().out.splitlines()) == [
        "Council votes to repair the river bridge (0 notes)",
        "Harbour board delays the ferry timetable (1 notes)",
    ]


@pytest.mark.parametrize(
    ("template", "words"),
    [
        ("{{ nothing.here }}", ["nothing"]),
        ("{% for %}", ["mine.jinja"]),
        ("{{ title.__class__.__mro__ }}", ["mine.jinja"]),
    ],
)
def test_bad_templates_are_one_line(
    tagged: Path,
    tmp_path: Path,
    template: str,
    words: list[str],
    capsys: pytest.CaptureFixture[str],
) -> None:
    (tmp_path / "mine.jinja").write_text(template, encoding="utf-8")
    code = exit_code(
        ["memo", "--tag", "city", "--template", str(tmp_path / "mine.jinja"), "-o", "-"]
    )
    one_line_error(capsys, code, *words)


def test_memo_errors_are_one_line(tagged: Path, capsys: pytest.CaptureFixture[str]) -> None:
    one_line_error(capsys, exit_code(["memo", "--tag", "nothing"]), "tagged")
    one_line_error(capsys, exit_code(["memo", "77"]), "no document 77")
    one_line_error(capsys, exit_code(["memo", "--template", "missing.jinja"]), "missing.jinja")
    one_line_error(capsys, exit_code(["memo", "--format", "pdf"]), "invalid choice")


def test_memo_of_an_empty_library(capsys: pytest.CaptureFixture[str]) -> None:
    one_line_error(capsys, exit_code(["memo"]), "the library is empty")


def test_a_bad_source_date_epoch_is_one_line(
    tagged: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "yesterday")
    one_line_error(capsys, exit_code(["memo", "-o", "-"]), "SOURCE_DATE_EPOCH")
