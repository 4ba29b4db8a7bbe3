"""The library at scale: `add`, `library`, `search`, `who` and the library screen on generated
articles, against `briefing --version` and the bundled briefing's first screen in the same run.

    python benchmarks/library_scale.py WORKDIR [--count 10000] [--runs 7]

WORKDIR keeps the generated articles and the library built from them (built once with
`briefing add`, whose rate is printed; later runs reuse it). Then, each in a fresh process,
interleaved and as medians of `--runs` runs: `briefing --version`, `briefing library`,
`briefing search` for a common word, a rare word and a phrase, `briefing who NAME` for the
person in most briefings (wall, and CPU: user + system of the process); the query time of
each search inside one process (the figure the ≤ 50 ms target is about); the first frame of
the bundled briefing and the library screen with its list on screen (headless, 120×40); and
the database's size.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.library_articles import write_articles  # noqa: E402

TARGETS = {"library": 0.3, "search_ms": 50.0, "who": 0.1, "screen_ratio": 1.2}


def _env(data: Path, cache: Path) -> dict[str, str]:
    return {
        **os.environ,
        "BRIEFING_DATA_DIR": str(data),
        "BRIEFING_CACHE_DIR": str(cache),
        "PYTHONPATH": str(ROOT),
        "TERM": "xterm-256color",
    }


def build(work: Path, count: int) -> None:
    """Generate the articles and add them (once); print the rate of `add`."""
    articles = work / f"articles-{count}"
    data = work / f"data-{count}"
    if (data / "briefing.sqlite3").exists():
        return
    if not articles.exists():
        write_articles(articles, count, seed=1, size=5000)
    started = time.monotonic()
    out = subprocess.run(
        [sys.executable, "-m", "briefing", "add", str(articles)],
        env=_env(data, work / "cache"),
        capture_output=True,
        text=True,
        check=True,
    )
    seconds = time.monotonic() - started
    print(f"add {count:,} articles of 5 KB: {seconds:.0f} s, {count / seconds:.1f} a second")
    print("  " + out.stdout.strip())


def _timed(args: list[str], env: dict[str, str]) -> tuple[float, float]:
    """(wall, CPU) seconds of one `briefing` command; CPU is user + system of the child (the
    figure that holds when other work shares the machine)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.monotonic()
    subprocess.run(
        [sys.executable, "-m", "briefing", *args],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        check=True,
    )
    wall = time.monotonic() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def _child(kind: str, t0: float) -> None:
    """One headless app: print when its first screen (the library's: with its list) is up."""
    from briefing.app import BriefingApp
    from briefing.app.library_screen import LibraryScreen
    from briefing.ingest import load_document
    from briefing.paths import seed_path

    class Measured(BriefingApp):
        def on_ready(self) -> None:
            super().on_ready()
            screen = self.screen
            if kind == "seed" or (isinstance(screen, LibraryScreen) and screen._shown_ids):
                self._done()  # the first frame shows the list
            else:
                self.set_interval(0.002, self._check)

        def _check(self) -> None:
            screen = self.screen
            if isinstance(screen, LibraryScreen) and screen.loaded:
                self.call_after_refresh(self._done)

        def _done(self) -> None:
            figures = {"ready": time.monotonic() - t0, "cpu": time.process_time()}
            print(json.dumps(figures), flush=True)
            self.exit()

    if kind == "seed":
        Measured(load_document(seed_path())).run(headless=True, size=(120, 40))
    else:
        from briefing.cli import _library_first_page  # what `briefing` alone does first

        Measured(library=_library_first_page() or True).run(headless=True, size=(120, 40))


def _screen(kind: str, env: dict[str, str]) -> tuple[float, float]:
    """(wall, CPU) seconds from the process's start to its first screen."""
    args = [sys.executable, __file__, "--child", kind, "--t0", repr(time.monotonic())]
    out = subprocess.run(args, env=env, capture_output=True, text=True, timeout=120, check=True)
    line = next(s for s in out.stdout.splitlines() if s.startswith("{"))
    figures = json.loads(line)
    return float(figures["ready"]), float(figures["cpu"])


def _queries(data: Path) -> tuple[list[str], str]:
    """A common word, a rare one and a phrase from the library; the person in most
    briefings."""
    from briefing.store.database import Store
    from briefing.store.whoswho import whos_who

    store = Store(data / "briefing.sqlite3")
    with store.reading() as connection:
        rows = connection.execute(
            "SELECT term, doc FROM library_search_vocab WHERE col = 'body' ORDER BY doc DESC"
        ).fetchall()
        person = whos_who(connection, ("person",), 1)["person"][0].name
    words = [str(t) for t, _ in rows if str(t).isalpha() and len(str(t)) > 4]
    rare = next(str(t) for t, n in reversed(rows) if str(t).isalpha() and n == 1)
    return [words[0], rare, '"according to"'], person


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("work", type=Path, nargs="?")
    parser.add_argument("--count", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--child", choices=("seed", "library"))
    parser.add_argument("--t0", type=float)
    args = parser.parse_args()
    if args.child:
        _child(args.child, args.t0)
        return 0
    work: Path = args.work
    work.mkdir(parents=True, exist_ok=True)
    build(work, args.count)
    data = work / f"data-{args.count}"
    db = data / "briefing.sqlite3"
    with tempfile.TemporaryDirectory() as cache:
        env = _env(data, Path(cache))
        # The FTS5 vocabulary of the index, to choose queries from (made once, kept).
        import sqlite3

        with sqlite3.connect(db) as connection:
            connection.execute(
                "CREATE VIRTUAL TABLE IF NOT EXISTS library_search_vocab "
                "USING fts5vocab(library_search, 'col')"
            )
        searches, person = _queries(data)
        commands: dict[str, list[str]] = {
            "--version": ["--version"],
            "library": ["library"],
            **{f"search {q}": ["search", q] for q in searches},
            f"who {person}": ["who", person],
        }
        times: dict[str, list[tuple[float, float]]] = {name: [] for name in commands}
        screens: dict[str, list[tuple[float, float]]] = {"seed": [], "library": []}
        for _ in range(args.runs):
            for name, command in commands.items():
                times[name].append(_timed(command, env))
            for kind in screens:
                screens[kind].append(_screen(kind, env))
        version = statistics.median(wall for wall, _ in times["--version"])
        version_cpu = statistics.median(cpu for _, cpu in times["--version"])
        print(f"library of {args.count:,} documents: database {db.stat().st_size / 1e6:.0f} MB")
        for name, values in times.items():
            walls = [wall for wall, _ in values]
            median = statistics.median(walls)
            cpu = statistics.median(cpu for _, cpu in values)
            print(
                f"  briefing {name}: {median * 1000:.0f} ms wall "
                f"({min(walls) * 1000:.0f}-{max(walls) * 1000:.0f}), "
                f"{median / version:.2f}x --version; {cpu * 1000:.0f} ms CPU, "
                f"{cpu / version_cpu:.2f}x"
            )
        from briefing.store.database import Store
        from briefing.store.fulltext import search

        store = Store(db)
        for query in searches:
            search(store, query)  # warm
            runs = []
            for _ in range(20):
                started = time.perf_counter()
                found = search(store, query)
                runs.append((time.perf_counter() - started) * 1000)
            print(
                f"  search {query} in one process: {statistics.median(runs):.1f} ms "
                f"({found.total:,} documents match; target <= {TARGETS['search_ms']:.0f} ms)"
            )
        from briefing.store.library import Library
        from briefing.store.whoswho import find, profile

        lister = Library(store)
        runs = []
        for _ in range(7):
            started = time.perf_counter()
            entries = lister.entries()
            runs.append((time.perf_counter() - started) * 1000)
        print(f"  the list of {len(entries):,} in one process: {statistics.median(runs):.0f} ms")
        from briefing.cli.who import QUOTES_SHOWN

        runs, cpu = [], []
        for _ in range(7):
            started, started_cpu = time.perf_counter(), time.process_time()
            with store.reading() as connection:
                found = profile(connection, find(connection, person)[0], quotes=QUOTES_SHOWN)
            runs.append((time.perf_counter() - started) * 1000)
            cpu.append((time.process_time() - started_cpu) * 1000)
        print(
            f"  who {person} in one process (its text listing's profile): "
            f"{statistics.median(runs):.1f} ms wall, {statistics.median(cpu):.1f} ms CPU "
            f"({len(found.appearances):,} briefings; target <= {TARGETS['who'] * 1000:.0f} ms)"
        )
        for n, what in ((0, "wall"), (1, "CPU")):
            seed = statistics.median(t[n] for t in screens["seed"])
            library = statistics.median(t[n] for t in screens["library"])
            print(
                f"  first screen ({what}): bundled briefing {seed * 1000:.0f} ms, library "
                f"screen with its list {library * 1000:.0f} ms: {library / seed:.2f}x "
                f"(target <= {TARGETS['screen_ratio']}x)"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
