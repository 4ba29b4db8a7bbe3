"""How long the reader's event loop is held by SQLite while annotating (issue 16: none).

    PYTHONPATH=. python benchmarks/note_writes.py [--rounds 20]

Drives the app headless on a generated article (no corpus needed): each round selects the next
sentence, highlights it, writes a note on it, tags it, deletes it and undoes the delete. A
store that times every use of its connection by thread adds up the SQL time spent on the event
loop's thread and on the writer thread. The baseline, in the same run, is the same changes made
through `Notebook` on the calling thread, as the reader made them before its writes went to a
worker: each of them held the event loop for as long as its transaction took (and for up to
SQLite's 30 s busy timeout when another process held the database).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from briefing.store.database import Store

WORDS = "harbour council ferry budget quay tide report minister vote timetable engineer".split()


def article(sentences: int) -> str:
    lines = ["Generated Harbour Report", ""]
    for i in range(sentences):
        words = [WORDS[(i * 7 + j) % len(WORDS)] for j in range(8 + i % 5)]
        lines.append(" ".join(words).capitalize() + ".")
        if i % 4 == 3:
            lines.append("")
    return "\n".join(lines) + "\n"


class TimedStore(Store):
    """Adds up the time spent inside the connection, by thread (the event loop's or not)."""

    def __init__(self, path: Path) -> None:
        super().__init__(path)
        self.on_loop: list[float] = []
        self.off_loop: list[float] = []

    @contextmanager
    def _timed(self, inner: Any) -> Iterator[Any]:
        started = time.perf_counter()
        try:
            with inner as connection:
                yield connection
        finally:
            took = time.perf_counter() - started
            on_loop = threading.current_thread() is threading.main_thread()
            (self.on_loop if on_loop else self.off_loop).append(took)

    @contextmanager
    def transaction(self) -> Iterator[Any]:
        with self._timed(super().transaction()) as connection:
            yield connection

    @contextmanager
    def reading(self) -> Iterator[Any]:
        with self._timed(super().reading()) as connection:
            yield connection


async def in_the_app(path: Path, store: TimedStore, rounds: int) -> float:
    from briefing.app import BriefingApp
    from briefing.app.reading_screen import ReadingScreen
    from briefing.ingest import load_document

    app = BriefingApp(load_document(path), store=store)
    started = 0.0
    async with app.run_test(size=(120, 40)) as pilot:
        screen = app.screen
        assert isinstance(screen, ReadingScreen)
        await screen.analysed.wait()
        await app.workers.wait_for_complete()
        await pilot.pause()
        store.on_loop.clear()
        store.off_loop.clear()
        started = time.perf_counter()
        for _ in range(rounds):
            await pilot.press("right_parenthesis", "y", "a", *"a note", "ctrl+s")
            await pilot.press("t", *"tag", "enter", "d", "z")
        await app.workers.wait_for_complete()
        await pilot.pause()
    return time.perf_counter() - started


def on_this_thread(path: Path, store: TimedStore, rounds: int) -> None:
    """The same changes, made where they are asked (the reader before issue 16's queue)."""
    from briefing.ingest import load_document
    from briefing.store.notebook import Notebook

    document = load_document(path)
    notebook = Notebook(store, document)
    notebook.open()
    text = document.text
    sentences = [m for m in range(len(text) - 1) if text[m] == "." and text[m + 1].isspace()]
    store.on_loop.clear()
    store.off_loop.clear()
    start = 0
    for end in sentences[:rounds]:
        added = notebook.add(start, end + 1)
        notebook.save_draft(added.id, start, end + 1, "a note")
        notebook.update(added.id, note="a note")
        notebook.discard_draft()
        notebook.tags_in_use()
        notebook.update(added.id, tags=["tag"])
        notebook.delete(added.id)
        notebook.restore(added)
        start = end + 2


def summary(times: list[float]) -> str:
    if not times:
        return "0 uses, 0 ms"
    ms = sorted(t * 1000 for t in times)
    p95 = ms[min(len(ms) - 1, int(len(ms) * 0.95))]
    return (
        f"{len(ms)} uses, {sum(ms):.0f} ms in all, median {statistics.median(ms):.2f} ms, "
        f"95th percentile {p95:.2f} ms, longest {ms[-1]:.2f} ms"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=20)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        for name in ("DATA", "CACHE", "CONFIG"):
            os.environ[f"BRIEFING_{name}_DIR"] = str(root / name.lower())
        path = root / "report.txt"
        path.write_text(article(args.rounds * 2 + 10), encoding="utf-8")

        before = TimedStore(root / "before.sqlite3")
        on_this_thread(path, before, args.rounds)
        now = TimedStore(root / "now.sqlite3")
        took = asyncio.run(in_the_app(path, now, args.rounds))
    print(f"{args.rounds} rounds of highlight, note, tags, delete, undo")
    print(f"baseline, the same changes on the event loop: {summary(before.on_loop)}")
    print(f"the app, SQL on the event loop:  {summary(now.on_loop)}")
    print(f"the app, SQL on its writer thread: {summary(now.off_loop)}")
    print(f"the app, keys to every write done: {took:.1f} s (Pilot's waits included)")


if __name__ == "__main__":
    main()
