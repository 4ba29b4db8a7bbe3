"""Hostile input, as a probe tried it: every case here once deleted text, lost a note, let a
control sequence through or printed a traceback. Each is run the way a user meets it (mostly
the `briefing` command in a subprocess) and asserts the promise: one line and exit code 2,
nothing the user wrote lost, nothing interpreted by the terminal."""

from __future__ import annotations

import json
import os
import re
import shutil
import sqlite3
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from briefing.cli.notes import MAX_IMPORT_BYTES
from briefing.ingest import document_from_text, load_document
from briefing.store.database import Store, StoreError, migrate
from briefing.store.notebook import MAX_NOTE_CHARS, Notebook
from briefing.text.safety import sanitize, shown
from tests.test_cli import run

ROOT = Path(__file__).resolve().parent.parent
ARTICLE = (
    "The harbour board met on Monday to weigh the new ferry timetable.\n"
    "Its chair said the board would decide by June.\n"
    "Engineers warned that the old pilings were rotting faster than expected.\n"
)
UNSAFE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
"""What no output may hold: C0 and C1 controls but newline and tab."""


def run_bytes(
    *args: str | bytes,
    stdout: int | None = subprocess.PIPE,
    env: dict[str, str] | None = None,
    prefix: tuple[str, ...] = (),
) -> subprocess.CompletedProcess[bytes]:
    """The command with raw bytes out (to check encodings) and a chosen stdout."""
    return subprocess.run(
        [*prefix, sys.executable, "-m", "briefing", *args],
        stdout=stdout,
        stderr=subprocess.PIPE,
        timeout=60,
        env={**os.environ, "PYTHONPATH": str(ROOT), **(env or {})},
        stdin=subprocess.DEVNULL,
    )


def one_error(result: subprocess.CompletedProcess[str], *words: str) -> str:
    assert result.returncode == 2, (result.returncode, result.stderr)
    lines = result.stderr.splitlines()
    assert len(lines) == 1, lines
    assert lines[0].startswith("briefing")
    assert "Traceback" not in result.stderr
    for word in words:
        assert word in lines[0]
    return lines[0]


@pytest.fixture
def article(tmp_path: Path) -> Path:
    path = tmp_path / "article.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    return path


def add_note(path: Path, quote: str, *extra: str) -> str:
    result = run("notes", "add", str(path), "--quote", quote, *extra)
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def listed_ids(path: Path) -> set[str]:
    result = run("notes", str(path), "--format", "json")
    assert result.returncode == 0, result.stderr
    return {note["id"] for note in json.loads(result.stdout)}


# ---------------------------------------------------------------- 1. a copy never steals notes


def test_a_copy_then_an_edit_keeps_the_notes_on_the_original(article: Path, tmp_path: Path) -> None:
    made = add_note(article, "the old pilings", "--note", "check")
    backup = tmp_path / "backup.txt"
    shutil.copyfile(article, backup)
    assert listed_ids(backup) == {made}  # the same text: the same notes
    article.write_text("A new first paragraph.\n" + ARTICLE, encoding="utf-8")
    assert listed_ids(article) == {made}
    exported = run("export", str(article), "-o", "-", "--notes-only")
    assert "check" in exported.stdout
    assert listed_ids(backup) == {made}


def test_copying_over_an_annotated_file_leaves_its_notes_reachable(
    article: Path, tmp_path: Path
) -> None:
    other = tmp_path / "other.txt"
    other.write_text("A different story about a bridge and its new toll.\n", encoding="utf-8")
    mine = add_note(article, "the old pilings")
    theirs = add_note(other, "its new toll")
    shutil.copyfile(other, article)
    assert mine in listed_ids(article)  # kept, as an orphan of the text that was there
    assert listed_ids(other) == {theirs}


def test_schema_three_keeps_the_places_an_older_database_knew(tmp_path: Path) -> None:
    path = tmp_path / "db.sqlite3"
    connection = sqlite3.connect(path, isolation_level=None)
    migrate(connection, target=2)
    connection.execute(
        "INSERT INTO documents (content_hash, path, title, first_opened, last_opened) "
        "VALUES ('h1', '/a.txt', 't', 0, 1), ('h2', '/a.txt', 't', 0, 2), ('h3', NULL, 't', 0, 0)"
    )
    migrate(connection)
    rows = connection.execute("SELECT path, document_id FROM document_locations").fetchall()
    assert rows == [("/a.txt", 2)]  # the one opened last holds the path


# ---------------------------------------------------------------- 2. the sanitiser deletes nothing


def test_mojibake_with_c1_characters_keeps_every_word() -> None:
    text = (
        "He said \u00e2\u20ac\u0153the harbour is ready\u00e2\u20ac\x9d on Monday.\n\n"
        "The second paragraph follows.\n\nAnd a third one ends it."
    )
    document = document_from_text(text)
    assert len(document.paragraphs) == 3
    for word in ("harbour", "ready", "Monday", "second", "third", "ends"):
        assert word in document.text
    assert not UNSAFE.search(document.text)


def test_a_stray_osc_introducer_swallows_nothing() -> None:
    document = document_from_text("Before \x1b] the break.\n\nA later paragraph\x07 stays.")
    assert "the break." in document.text
    assert "A later paragraph" in document.text
    assert len(document.paragraphs) == 2
    assert "\x1b" not in document.text


def test_complete_sequences_are_still_removed() -> None:
    assert sanitize("a\x1b[31mred\x1b[0m \x1b]0;title\x07b") == "ared b"
    assert sanitize("8-bit \x9b31m csi") == "8-bit \ufffd31m csi"


# ---------------------------------------------------------------- 3. Markdown nested past the limit


@pytest.mark.parametrize(
    "source",
    [
        "Intro.\n\n- - - - - - - - - - deep item.\n\nEnd paragraph.\n",
        "Intro.\n\n" + "".join("  " * i + f"- item{i}\n" for i in range(14)) + "\nEnd paragraph.\n",
        "Intro.\n\n" + "> " * 40 + "deep item.\n\nEnd paragraph.\n",
    ],
    ids=["bullets on one line", "indented list", "quotes"],
)
def test_markdown_nested_past_the_parser_limit_loses_no_text(source: str) -> None:
    document = document_from_text(source, "markdown")
    words = set(re.findall(r"[A-Za-z]+\d*", document.text))
    assert {"Intro", "End", "paragraph"} <= words
    expected = set(re.findall(r"[A-Za-z]+\d*", source))
    assert expected <= words


# ---------------------------------------------------------------- 4. nothing reaches a terminal


HOSTILE_NOTE = "osc52 \x1b]52;c;aGVsbG8=\x07 clear \x1b[2J 8-bit \x9b2J and \x9d0;t\x9c end"


def test_notes_and_tags_with_escapes_never_come_out_raw(article: Path, tmp_path: Path) -> None:
    add_note(article, "the old pilings", "--note", HOSTILE_NOTE, "--tag", "t\x1b[31mag")
    outputs = [
        run("export", str(article), "-o", "-").stdout,
        run("export", str(article), "-o", "-", "--notes-only").stdout,
        run("export", str(article), "-o", "-", "--format", "json").stdout,
        run("notes", str(article)).stdout,
        run("notes", str(article), "--format", "json").stdout,
    ]
    for output in outputs:
        assert "clear" in output
        assert not UNSAFE.search(output), output
    # Imported W3C JSON is made safe the same way, front matter included.
    raw = {
        "type": "Annotation",
        "body": [
            {"type": "TextualBody", "value": HOSTILE_NOTE, "purpose": "commenting"},
            {"type": "TextualBody", "value": "x\x1b]52;c;Zm9v\x07y", "purpose": "tagging"},
        ],
        "target": {"selector": {"type": "TextQuoteSelector", "exact": "board met"}},
    }
    notes = tmp_path / "in.json"
    notes.write_text(json.dumps(raw), encoding="utf-8")
    assert run("notes", "import", str(article), str(notes)).returncode == 0
    exported = run("export", str(article), "-o", "-")
    assert exported.stdout.count("clear") == 2
    assert not UNSAFE.search(exported.stdout)


def test_json_output_escapes_c1_characters(tmp_path: Path) -> None:
    path = tmp_path / "c1.txt"
    path.write_text("Text with \x85 a next-line and \x9b one C1.\n", encoding="utf-8")
    result = run_bytes("analyze", str(path))
    assert result.returncode == 0
    out = result.stdout.decode("utf-8")
    assert not UNSAFE.search(out)
    json.loads(out)


def test_a_hostile_file_name_in_a_usage_error_is_shown_not_sent(tmp_path: Path) -> None:
    name = str(tmp_path / "x\x1b]52;c;aGk=\x07\u202etxt.md")
    result = run("analyze", name, "--frmat", "json")
    line = one_error(result, "--frmat")
    assert "\x1b" not in result.stderr
    assert "\u202e" not in result.stderr
    assert "\\x1b" in line or "--frmat" in line


def test_a_file_name_that_is_not_utf8_works_everywhere(tmp_path: Path) -> None:
    folder = os.fsencode(tmp_path)
    name = folder + b"/caf\xe9 \xff.txt"
    with open(name, "wb") as handle:
        handle.write(ARTICLE.encode("utf-8"))
    for args in (["analyze", "--format", "text"], ["analyze"], ["notes"]):
        result = run_bytes(*args, name)
        assert result.returncode == 0, result.stderr
        result.stdout.decode("utf-8")  # valid UTF-8, whatever the name
        assert b"\xe9" not in result.stdout
    added = run_bytes("notes", "add", name, "--quote", "old pilings", "--note", "n")
    assert added.returncode == 0, added.stderr
    exported = run_bytes("export", name, "-o", "-")
    assert exported.returncode == 0, exported.stderr
    assert b"caf\\xe9" in exported.stdout
    exported.stdout.decode("utf-8")
    missing = run_bytes("analyze", folder + b"/gone\xe9.txt")
    assert missing.returncode == 2
    assert b"gone\\xe9.txt: no such file" in missing.stderr


def test_bidi_and_zero_width_characters_in_names_are_marked(tmp_path: Path) -> None:
    result = run("analyze", str(tmp_path / "invoice\u202efdp.txt\u200b"))
    line = one_error(result, "no such file")
    assert "\\u202e" in line
    assert "\\u200b" in line
    assert shown("a\u2066b\u061cc") == "a\\u2066b\\u061cc"


# ---------------------------------------------------------------- 5. an empty id deletes nothing


@pytest.mark.parametrize("given", ["", "  "])
def test_an_empty_id_deletes_nothing(article: Path, given: str) -> None:
    made = add_note(article, "the old pilings")
    one_error(run("notes", "delete", str(article), given), "no note id")
    assert listed_ids(article) == {made}


# ---------------------------------------------------------------- 6. resources


ALIAS_BOMB = (
    "---\n"
    'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n'
    "b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\n"
    "c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\n"
    "d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\n"
    "e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]\n"
    "f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]\n"
    "g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]\n"
    "title: *g\n"
    "---\n\nThe body of the page.\n"
)


def test_a_yaml_alias_bomb_in_front_matter_is_not_expanded() -> None:
    document = document_from_text(ALIAS_BOMB, "markdown")
    assert document.text == "The body of the page."
    assert document.metadata.title is None
    assert dict(document.metadata.extra) == {"front_matter": "unreadable YAML, ignored"}


@pytest.mark.parametrize(
    "front",
    ["n: " + "9" * 5000, "t: " + "[" * 5000 + "]" * 5000, "k: " + "{a: " * 3000 + "b" + "}" * 3000],
    ids=["5000-digit number", "lists 5000 deep", "mappings 3000 deep"],
)
def test_front_matter_huge_numbers_and_deep_nesting_are_one_line_at_most(
    tmp_path: Path, front: str
) -> None:
    path = tmp_path / "front.md"
    path.write_text(f"---\ntitle: Kept\n{front}\n---\n\nThe body.\n", encoding="utf-8")
    result = run("analyze", str(path), "--format", "text")
    assert result.returncode == 0, result.stderr
    assert "The body" in run("analyze", str(path)).stdout


def test_front_matter_values_are_read_as_written(tmp_path: Path) -> None:
    document = document_from_text(
        "---\ntitle: 1.0e3\ndate: 2024-01-05\ntags: [yes, no]\n---\n\nBody.\n", "markdown"
    )
    assert document.metadata.title == "1.0e3"
    assert document.metadata.date == "2024-01-05"
    assert document.metadata.tags == ("yes", "no")


def test_importing_from_a_device_or_a_fifo_is_refused(article: Path, tmp_path: Path) -> None:
    one_error(run("notes", "import", str(article), "/dev/zero"), "not a regular file")
    fifo = tmp_path / "pipe.json"
    os.mkfifo(fifo)
    one_error(run("notes", "import", str(article), str(fifo)), "not a regular file")
    one_error(run("analyze", str(fifo)), "not a regular file")


def test_an_import_larger_than_the_cap_is_refused(article: Path, tmp_path: Path) -> None:
    big = tmp_path / "big.json"
    with big.open("wb") as handle:
        handle.truncate(MAX_IMPORT_BYTES + 1)
    one_error(run("notes", "import", str(article), str(big)), "too large")


# ---------------------------------------------------------------- 8. only regular files replaced


def test_export_never_replaces_a_fifo_or_device(article: Path, tmp_path: Path) -> None:
    fifo = tmp_path / "out.md"
    os.mkfifo(fifo)
    one_error(run("export", str(article), "-o", str(fifo), "--force"), "not a regular file")
    assert stat.S_ISFIFO(fifo.stat().st_mode)


def test_export_through_a_symlink_writes_its_target(article: Path, tmp_path: Path) -> None:
    target = tmp_path / "vault" / "notes.md"
    target.parent.mkdir()
    target.write_text("old", encoding="utf-8")
    link = tmp_path / "link.md"
    link.symlink_to(target)
    one_error(run("export", str(article), "-o", str(link)), "exists")
    assert run("export", str(article), "-o", str(link), "--force").returncode == 0
    assert link.is_symlink()
    assert "harbour" in target.read_text(encoding="utf-8")


# ---------------------------------------------------------------- 9. one line, never a traceback


def test_an_honorific_at_the_end_of_a_line_is_read() -> None:
    from briefing.analysis import analyze
    from briefing.analysis.quotes.mentions import _collect

    text = "We spoke with Mr.\nSmith"
    reading = analyze(document_from_text(text))  # raised ValueError here once
    assert reading.document.text == "We spoke with Mr.\n\nSmith"
    # The quote finder's candidate speakers take the name after the honorific, line break
    # or not (the spot that crashed).
    assert (18, 23, "PER") in _collect(text, [])


@pytest.mark.parametrize(
    ("selector", "problem"),
    [
        ({"type": "TextQuoteSelector", "exact": "board \ud800 met"}, None),
        ({"type": "TextPositionSelector", "start": 2**63, "end": 2**63 + 5}, None),
        ({"type": "TextPositionSelector", "start": 10**40, "end": 10**40 + 5}, None),
    ],
)
def test_odd_imports_are_kept_or_refused_in_one_line(
    article: Path, tmp_path: Path, selector: dict[str, object], problem: str | None
) -> None:
    item = {
        "type": "Annotation",
        "bodyValue": "a note \ud83d alone",
        "target": {"selector": selector},
    }
    path = tmp_path / "odd.json"
    path.write_text(json.dumps(item), encoding="utf-8")  # json escapes the lone surrogates
    result = run("notes", "import", str(article), str(path))
    assert result.returncode == 0, result.stderr
    listing = run("notes", str(article), "--format", "json")
    notes = json.loads(listing.stdout)
    assert [n["note"] for n in notes] == ["a note \ufffd alone"]


def test_a_page_note_is_kept_with_the_orphans(article: Path, tmp_path: Path) -> None:
    rows = {
        "rows": [
            {"text": "About the whole page", "tags": ["page"], "target": [{"source": "x"}]},
            {
                "text": "On a passage",
                "target": [{"selector": [{"type": "TextQuoteSelector", "exact": "board met"}]}],
            },
        ]
    }
    path = tmp_path / "hypothesis.json"
    path.write_text(json.dumps(rows), encoding="utf-8")
    result = run("notes", "import", str(article), str(path))
    assert result.returncode == 0, result.stderr
    assert "1 with no passage" in result.stdout
    notes = json.loads(run("notes", str(article), "--format", "json").stdout)
    assert sorted((n["note"], n["status"]) for n in notes) == [
        ("About the whole page", "orphaned"),
        ("On a passage", "exact"),
    ]
    exported = run("export", str(article), "-o", "-").stdout
    assert "About the whole page" in exported


def test_an_import_that_fails_part_way_commits_nothing(article: Path, tmp_path: Path) -> None:
    items = [
        {"type": "Annotation", "bodyValue": f"note {i}", "target": {"selector": sel}}
        for i, sel in enumerate(
            [{"type": "TextQuoteSelector", "exact": "board met"}] * 3
            + [{"type": "TextQuoteSelector", "exact": "old pilings"}]
        )
    ]
    items[2]["bodyValue"] = "x" * (MAX_NOTE_CHARS + 1)
    path = tmp_path / "partly.json"
    path.write_text(json.dumps(items), encoding="utf-8")
    one_error(run("notes", "import", str(article), str(path)), "limit")
    assert listed_ids(article) == set()


def test_a_note_past_the_size_cap_is_refused(tmp_path: Path) -> None:
    notebook = Notebook(Store(tmp_path / "db.sqlite3"), document_from_text(ARTICLE))
    with pytest.raises(StoreError, match="limit"):
        notebook.add(0, 5, note="x" * (MAX_NOTE_CHARS + 1))
    made = notebook.add(0, 5, note="short")
    with pytest.raises(StoreError, match="limit"):
        notebook.update(made.id, note="x" * (MAX_NOTE_CHARS + 1))
    with pytest.raises(StoreError, match="limit"):
        notebook.save_draft(None, 0, 5, "x" * (MAX_NOTE_CHARS + 1))
    assert [a.note for a in notebook.annotations] == ["short"]


def _database(tmp_path: Path) -> Path:
    return tmp_path / "data" / "briefing.sqlite3"


def test_a_corrupted_database_is_one_line_and_left_alone(article: Path, tmp_path: Path) -> None:
    add_note(article, "board met")
    db = _database(tmp_path)
    damaged = b"SQLite format 3\x00" + os.urandom(2000)
    db.write_bytes(damaged)
    for suffix in ("-wal", "-shm"):
        Path(str(db) + suffix).unlink(missing_ok=True)
    one_error(run("notes", str(article)), "damaged")
    one_error(run("notes", "add", str(article), "--quote", "board met"), "damaged")
    assert db.read_bytes() == damaged
    db.write_bytes(b"not a database at all, just text" * 100)
    one_error(run("notes", str(article)), "damaged")


def test_a_schema_version_that_is_not_a_number_is_one_line(article: Path, tmp_path: Path) -> None:
    add_note(article, "board met")
    connection = sqlite3.connect(_database(tmp_path), isolation_level=None)
    connection.execute("UPDATE schema_version SET version = 'two'")
    connection.close()
    one_error(run("notes", str(article)), "schema version")


def _without_root_powers() -> tuple[str, ...]:
    """Run as root without the capabilities that ignore file modes, so that a read-only file
    is read-only (CI runs as root)."""
    if os.geteuid() != 0:
        return ()
    setpriv = shutil.which("setpriv")
    assert setpriv is not None, "setpriv (util-linux) is needed to test read-only files as root"
    drop = "-dac_override,-dac_read_search,-fowner"
    return (setpriv, f"--bounding-set={drop}", f"--inh-caps={drop}")


def test_a_read_only_database_lists_and_exports_but_refuses_changes(
    article: Path, tmp_path: Path
) -> None:
    made = add_note(article, "board met", "--note", "kept")
    db = _database(tmp_path)
    db.chmod(0o444)
    prefix = _without_root_powers()
    listing = run_bytes("notes", str(article), "--format", "json", prefix=prefix)
    assert listing.returncode == 0, listing.stderr
    assert [n["id"] for n in json.loads(listing.stdout)] == [made]
    exported = run_bytes("export", str(article), "-o", "-", prefix=prefix)
    assert exported.returncode == 0, exported.stderr
    assert b"kept" in exported.stdout
    added = run_bytes("notes", "add", str(article), "--quote", "June", prefix=prefix)
    assert added.returncode == 2
    assert added.stderr.decode().count("\n") == 1
    assert b"read-only" in added.stderr


def test_a_read_only_data_folder_still_lists_and_exports(article: Path, tmp_path: Path) -> None:
    made = add_note(article, "board met", "--note", "kept")
    folder = _database(tmp_path).parent
    for extra in folder.glob("*-*"):
        extra.unlink()  # as after a clean close: SQLite must make its -shm file to read
    folder.chmod(0o555)
    try:
        prefix = _without_root_powers()
        listing = run_bytes("notes", str(article), "--format", "json", prefix=prefix)
        assert listing.returncode == 0, listing.stderr
        assert [n["id"] for n in json.loads(listing.stdout)] == [made]
        exported = run_bytes("export", str(article), "-o", "-", prefix=prefix)
        assert exported.returncode == 0, exported.stderr
    finally:
        folder.chmod(0o700)


def test_a_full_disk_while_another_process_holds_the_wal_is_one_line(
    article: Path, tmp_path: Path
) -> None:
    add_note(article, "board met")
    db = _database(tmp_path)
    reader = sqlite3.connect(db, isolation_level=None)
    reader.execute("BEGIN")
    reader.execute("SELECT count(*) FROM annotations").fetchone()  # pins the WAL
    size = db.stat().st_size + Path(str(db) + "-wal").stat().st_size
    code = (
        "import resource, signal, sys, runpy;"
        "signal.signal(signal.SIGXFSZ, signal.SIG_IGN);"
        f"resource.setrlimit(resource.RLIMIT_FSIZE, ({size + 4096}, {size + 4096}));"
        "sys.argv = ['briefing'] + sys.argv[1:];"
        "runpy.run_module('briefing', run_name='__main__')"
    )
    for _ in range(40):
        result = subprocess.run(
            [
                sys.executable,
                "-c",
                code,
                "notes",
                "add",
                str(article),
                "--quote",
                "June",
                "--note",
                "n" * 20_000,
            ],
            capture_output=True,
            text=True,
            timeout=60,
            env={**os.environ, "PYTHONPATH": str(ROOT)},
        )
        if result.returncode != 0:
            break
    reader.execute("COMMIT")
    reader.close()
    line = one_error(result)
    assert "full" in line or "too large" in line.lower()
    check = sqlite3.connect(db)
    assert check.execute("PRAGMA integrity_check").fetchone() == ("ok",)


def test_a_closed_or_full_stdout_is_one_line(article: Path) -> None:
    full = run_bytes("analyze", str(article), stdout=os.open("/dev/full", os.O_WRONLY))
    assert full.returncode == 2
    assert full.stderr.decode().splitlines() == [
        "briefing: error: cannot write the output: No space left on device"
    ]
    closed = subprocess.run(
        [sys.executable, "-m", "briefing", "analyze", str(article)],
        stderr=subprocess.PIPE,
        stdin=subprocess.DEVNULL,
        text=True,
        timeout=60,
        close_fds=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        preexec_fn=lambda: os.close(1),
    )
    assert closed.returncode == 2
    assert closed.stderr.splitlines() == [
        "briefing: error: cannot write the output: standard output is closed"
    ]


def test_an_invalid_source_date_epoch_is_an_error(article: Path) -> None:
    result = run_bytes("export", str(article), "-o", "-", env={"SOURCE_DATE_EPOCH": "soon"})
    assert result.returncode == 2
    assert b"SOURCE_DATE_EPOCH" in result.stderr
    assert result.stdout == b""


def test_the_data_folder_and_its_new_parents_are_private(tmp_path: Path) -> None:
    old = os.umask(0)
    try:
        store = Store(tmp_path / "a" / "b" / "c" / "briefing.sqlite3")
        Notebook(store, document_from_text("Some text here.")).add(0, 4)
    finally:
        os.umask(old)
    for folder in ("a", "a/b", "a/b/c"):
        assert (tmp_path / folder).stat().st_mode & 0o777 == 0o700
    store.close()


def test_store_errors_are_typed_one_liners(tmp_path: Path) -> None:
    db = tmp_path / "db.sqlite3"
    db.write_bytes(b"garbage" * 1000)
    with pytest.raises(StoreError) as info:
        Notebook(Store(db), document_from_text("Text.")).add(0, 4)
    assert "\n" not in str(info.value)


# ---------------------------------------------------------------- 10. the reading's contract


def test_two_empty_headings_in_a_row_keep_the_section_contract(tmp_path: Path) -> None:
    path = tmp_path / "headings.md"
    path.write_text("## \n\n##\n\nText here.\n\n## Real\n\nMore text.\n", encoding="utf-8")
    reading = json.loads(run("analyze", str(path)).stdout)
    sections = reading["sections"]
    covered = [p for s in sections for p in range(s["start_paragraph"], s["end_paragraph"] + 1)]
    assert covered == list(range(len(reading["paragraphs"])))
    assert all(s["title"].strip() for s in sections)


def test_loading_keeps_the_real_path_for_writing_beside_it(tmp_path: Path) -> None:
    path = tmp_path / "n\u202eame.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    document = load_document(path)
    assert document.source_path == str(path)
    assert "\u202e" not in document.display_title  # titled from its text, not its name
