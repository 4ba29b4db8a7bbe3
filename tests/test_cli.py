"""The command line, run as a user runs it: one-line errors, exit codes, JSON and outline."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from briefing import __version__
from tests.conftest import FIXTURES, SEED


def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "briefing", *args],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=cwd,
        env={**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parent.parent)},
        stdin=subprocess.DEVNULL,
    )


def bad_files(tmp: Path) -> dict[str, tuple[Path, str]]:
    (tmp / "empty.txt").write_bytes(b"")
    (tmp / "blank.txt").write_bytes(b" \n \n")
    (tmp / "binary.txt").write_bytes(b"PK\x03\x04\x00\x00binary")
    (tmp / "latin1.txt").write_bytes("Caf\xe9 cr\xe8me".encode("latin-1"))
    big = tmp / "huge.txt"
    with big.open("wb") as handle:
        handle.truncate(65 * 1024 * 1024)
    return {
        "missing": (tmp / "missing.txt", "no such file"),
        "directory": (tmp, "is a directory"),
        "empty": (tmp / "empty.txt", "is empty"),
        "whitespace": (tmp / "blank.txt", "is empty"),
        "binary": (tmp / "binary.txt", "binary"),
        "undecodable": (tmp / "latin1.txt", "not valid UTF-8"),
        "too large": (big, "too large"),
    }


@pytest.mark.parametrize("command", [[], ["analyze"], ["notes"], ["notes", "add"], ["export"]])
@pytest.mark.parametrize(
    "case", ["missing", "directory", "empty", "whitespace", "binary", "undecodable", "too large"]
)
def test_bad_input_is_one_line_and_exit_2(tmp_path: Path, command: list[str], case: str) -> None:
    path, problem = bad_files(tmp_path)[case]
    extra = ["--quote", "x"] if command[-1:] == ["add"] else []
    result = run(*command, str(path), *extra)
    assert result.returncode == 2
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("briefing: error: ")
    assert str(path) in lines[0]
    assert problem in lines[0]
    assert "Traceback" not in result.stderr
    assert result.stdout == ""


def test_version_and_help() -> None:
    version = run("--version")
    assert version.returncode == 0
    assert version.stdout.strip() == f"briefing {__version__}"
    helped = run("--help")
    assert helped.returncode == 0
    assert "analyze" in helped.stdout
    assert "PATH" in helped.stdout
    analyze_help = run("analyze", "--help")
    assert analyze_help.returncode == 0
    assert "--format" in analyze_help.stdout


def test_unknown_option_is_one_line() -> None:
    result = run("--frobnicate")
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1
    assert "unrecognized arguments" in result.stderr


def test_open_without_a_terminal_says_so() -> None:
    result = run(str(SEED))
    assert result.returncode == 2
    assert "needs a terminal" in result.stderr
    assert result.stderr.count("\n") == 1


def test_analyze_json_has_the_documented_shape(tmp_path: Path) -> None:
    result = run("analyze", str(SEED), "--format", "json", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert set(data) >= {"text", "metadata", "paragraphs", "sections", "entities", "quotes"}
    text = data["text"]
    assert set(data["metadata"]) >= {"title", "dateline", "byline", "credits"}
    for p in data["paragraphs"]:
        assert set(p) >= {"index", "start", "end"}
        assert text[p["start"] : p["end"]].strip() == text[p["start"] : p["end"]]
    covered = []
    for s in data["sections"]:
        assert set(s) >= {"id", "title", "start_paragraph", "end_paragraph"}
        covered.extend(range(s["start_paragraph"], s["end_paragraph"] + 1))
    assert covered == list(range(len(data["paragraphs"])))
    assert isinstance(data["entities"], list)
    assert isinstance(data["quotes"], list)
    assert "comment policy" not in text


def test_analyze_defaults_to_the_bundled_briefing(tmp_path: Path) -> None:
    default = run("analyze", cwd=tmp_path)
    explicit = run("analyze", str(SEED), cwd=tmp_path)
    assert default.returncode == 0
    assert json.loads(default.stdout)["text"] == json.loads(explicit.stdout)["text"]


def test_analyze_text_outline() -> None:
    result = run("analyze", str(FIXTURES / "report.md"), "--format", "text")
    assert result.returncode == 0
    out = result.stdout.splitlines()
    assert out[0] == "Harbour Authority Annual Review"
    assert any(line.startswith("1. Introduction") for line in out)
    assert any(line.startswith("2. Traffic") and "paragraphs" in line for line in out)
    assert any(line.startswith("3. Finances") for line in out)


def test_analyze_output_never_carries_escape_sequences(tmp_path: Path) -> None:
    path = tmp_path / "evil\x1b[31m.txt"
    path.write_text("Title\x1b]0;owned\x07 here\nBody \x1b[2J text.\n", encoding="utf-8")
    result = run("analyze", str(path), "--format", "text")
    assert result.returncode == 0
    assert "\x1b" not in result.stdout
    assert "\x07" not in result.stdout
    missing = run("analyze", str(tmp_path / "gone\x1b[31m.txt"))
    assert "\x1b" not in missing.stderr
    assert missing.returncode == 2


def _long_article(path: Path) -> Path:
    paragraph = "The committee met again on Tuesday to discuss the budget. " * 6
    path.write_text("\n".join([paragraph] * 1000), encoding="utf-8")
    return path


def test_analyze_shows_progress_on_a_terminal_only(tmp_path: Path) -> None:
    import pty

    article = _long_article(tmp_path / "long.txt")
    piped = run("analyze", str(article), "--no-cache")
    assert piped.returncode == 0
    assert piped.stderr == ""

    master, slave = pty.openpty()
    with subprocess.Popen(
        [sys.executable, "-m", "briefing", "analyze", str(article), "--no-cache"],
        stdout=subprocess.DEVNULL,
        stderr=slave,
        env={**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parent.parent)},
    ) as process:
        os.close(slave)
        seen = b""
        while True:
            try:
                chunk = os.read(master, 4096)
            except OSError:
                break
            if not chunk:
                break
            seen += chunk
        assert process.wait(timeout=60) == 0
    os.close(master)
    assert b"analysing" in seen


def test_a_data_dir_naming_no_home_is_one_line() -> None:
    result = run("notes", "--data-dir", "~no-such-user-here/notes")
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [
        "briefing: error: ~no-such-user-here is no user's home folder: ~no-such-user-here/notes"
    ]
