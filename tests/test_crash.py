"""kill -9 at any point of a change: the database stays whole and loses nothing it confirmed.

A child process adds notes, imports a file of them, or saves drafts, and kills itself with
SIGKILL when SQLite is about to run its k-th statement (a trace callback counts them), for k
drawn at random over the whole run: inside a transaction, between a write and its COMMIT,
between two changes. Then the parent checks the database's integrity and counts: every note
the child reported as added is there; an import is all there or not at all; the stored draft
is the last one the child reported saved, or the one it was saving.
"""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from briefing.ingest import load_document
from briefing.store.database import Store
from briefing.store.notebook import Notebook

ROOT = Path(__file__).resolve().parent.parent
ARTICLE = (
    "The harbour board met on Monday to weigh the new ferry timetable.\n"
    "Its chair said the board would decide by June.\n"
    "Engineers warned that the old pilings were rotting faster than expected.\n"
)
IMPORTED = 200

_CHILD = textwrap.dedent(
    """
    import json, os, signal, sqlite3, sys
    from pathlib import Path

    db, article, mode, kill_at, extra = sys.argv[1:6]
    kill_at = int(kill_at)
    count = [0]
    connect = sqlite3.connect

    def counted(*args, **kwargs):
        connection = connect(*args, **kwargs)

        def trace(statement):
            count[0] += 1
            if count[0] == kill_at:
                os.kill(os.getpid(), signal.SIGKILL)

        connection.set_trace_callback(trace)
        return connection

    sqlite3.connect = counted
    from briefing.ingest import load_document
    from briefing.store.database import Store
    from briefing.store.notebook import Notebook

    notebook = Notebook(Store(Path(db)), load_document(article))
    notebook.open()
    length = len(notebook.document.text)
    if mode == "add":
        for i in range(60):
            made = notebook.add(i % (length - 10), i % (length - 10) + 5, note=f"n{i}", tags=["t"])
            print(made.id, flush=True)
    elif mode == "import":
        from briefing.cli.notes import anchored_import
        from briefing.export.web_annotation import read_web_annotations

        items = read_web_annotations(Path(extra).read_text(encoding="utf-8"))
        text = notebook.document.text
        kept = notebook.import_annotations(anchored_import(text, item) for item in items)
        print(len(kept), flush=True)
    elif mode == "draft":
        for i in range(60):
            notebook.save_draft(None, 0, 5, f"draft {i}")
            print(i, flush=True)
    print("done", flush=True)
    """
)


def _statements(db: Path, article: Path, mode: str, extra: str) -> int:
    """How many statements the child runs when nothing kills it (on a copy of the database)."""
    probe = db.parent / f"probe-{mode}" / db.name
    probe.parent.mkdir()
    counting = _CHILD.replace("if count[0] == kill_at:", "if False:") + "print(count[0])\n"
    result = subprocess.run(
        [sys.executable, "-c", counting, str(probe), str(article), mode, "0", extra],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        check=True,
    )
    return int(result.stdout.split()[-1])


def _killed_at(
    db: Path, article: Path, mode: str, kill_at: int, extra: str
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", _CHILD, str(db), str(article), mode, str(kill_at), extra],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )


def _healthy(db: Path) -> None:
    connection = sqlite3.connect(db)
    try:
        assert connection.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert connection.execute("PRAGMA foreign_key_check").fetchall() == []
    finally:
        connection.close()


@pytest.fixture
def article(tmp_path: Path) -> Path:
    path = tmp_path / "article.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    return path


def _import_file(tmp_path: Path, article: Path) -> Path:
    from briefing.export.web_annotation import export_web_annotations
    from briefing.model import Annotation
    from briefing.store.anchoring import quote_at

    document = load_document(article)
    text = document.text
    made = [
        Annotation(
            id=f"{i:032x}",
            start=i % 50,
            end=i % 50 + 3 + i // 50,
            quote=quote_at(text, i % 50, i % 50 + 3 + i // 50),
            note=f"imported {i}",
        )
        for i in range(IMPORTED)
    ]
    path = tmp_path / "notes.json"
    path.write_text(
        export_web_annotations(document, made, source="a", exported_at="t"), encoding="utf-8"
    )
    return path


@pytest.mark.parametrize("mode", ["add", "import", "draft"])
def test_kill_9_at_random_statements_keeps_the_database_whole_and_complete(
    tmp_path: Path, article: Path, mode: str
) -> None:
    extra = str(_import_file(tmp_path, article)) if mode == "import" else "-"
    total = _statements(tmp_path / "probe.sqlite3", article, mode, extra)
    rng = random.Random(f"crash-{mode}")
    points = sorted(rng.sample(range(1, total + 1), k=min(12, total)))
    for kill_at in points:
        db = tmp_path / f"{mode}-{kill_at}" / "briefing.sqlite3"
        result = _killed_at(db, article, mode, kill_at, extra)
        assert result.returncode == -signal.SIGKILL, (kill_at, result.stderr)
        confirmed = result.stdout.split()
        if not db.exists():
            continue  # killed before the database was made: nothing to lose
        _healthy(db)
        notebook = Notebook(Store(db), load_document(article))
        notebook.open(persist=False)
        if mode == "add":
            assert set(confirmed) <= {a.id for a in notebook.annotations}, kill_at
            assert len(notebook.annotations) <= len(confirmed) + 1
        elif mode == "import":
            assert len(notebook.annotations) in (0, IMPORTED), kill_at
            if confirmed:
                assert len(notebook.annotations) == IMPORTED
        else:
            draft = notebook.draft()
            saved = [int(i) for i in confirmed]
            if saved:
                assert draft is not None
                assert int(draft.body.split()[1]) in (saved[-1], saved[-1] + 1), kill_at


def test_the_kill_points_reach_inside_transactions(tmp_path: Path, article: Path) -> None:
    """The test above is worth something only if some kills land between BEGIN and COMMIT."""
    db = tmp_path / "trace" / "briefing.sqlite3"
    db.parent.mkdir()
    statements: list[str] = []
    store = Store(db)
    notebook = Notebook(store, load_document(article))
    notebook.open()
    connection = store._connect()
    connection.set_trace_callback(statements.append)
    notebook.add(0, 5, note="x")
    begins = [i for i, s in enumerate(statements) if s.startswith("BEGIN")]
    commits = [i for i, s in enumerate(statements) if s.startswith("COMMIT")]
    assert begins
    assert commits
    assert commits[0] - begins[0] >= 3  # BEGIN, the document, the note, its tags..., COMMIT
