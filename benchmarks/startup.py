"""Start-up, navigation and memory of the reader, against a minimal Textual app in the same run.

    python benchmarks/startup.py [--runs 5]

Prints, for the bundled seed, a generated 5 MB plain-text report (with a heading every 20
paragraphs, and without any, so that topic segmentation runs) and a generated 1 MB HTML page:
wall time from process start to the first displayed frame (Textual's Ready event), as a ratio to
a minimal app (Header, Static, Footer) — for the page that frame is the loading screen, and the
time until its article is on screen (extracted in a worker) is printed beside it; the time to
move to the next section on the 5 MB report; and peak memory after
its analysis finished. Each process runs headless; runs are interleaved (minimal, seed,
report, minimal, …) and the medians of `--runs` runs are compared; the ratio of the
processes' CPU time to the first frame is printed beside it (on a shared machine it is the
steadier figure).
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from briefing.app import BriefingApp

ROOT = Path(__file__).resolve().parent.parent
TARGETS = {"seed": 1.2, "report": 1.5, "flat": 1.5, "page": 1.5}
NEXT_SECTION_TARGET_MS = 50.0
MEMORY_TARGET_MB = 300.0

_WORDS = (
    "the of and to in a is that for on with as by at from this be are was it an have has "
    "government minister said report council budget security talks agreement officials "
    "region economic policy trade defence election committee plan cost analysts week year "
    "province capital ministry spokesman treaty forces sanctions inflation growth vote court"
).split()


def generate_report(
    path: Path, size: int = 5_000_000, seed: int = 7, *, headings: bool = True
) -> None:
    """Deterministic plain-text prose with a short heading line every 20 paragraphs (or none:
    then topic segmentation finds the sections, and its time is in the analysis)."""
    rng = random.Random(seed)
    parts: list[str] = []
    total = 0
    n = 0
    while total < size:
        if headings and n % 20 == 0:
            heading = f"Part {n // 20 + 1} {rng.choice(_WORDS).title()} {rng.choice(_WORDS)}"
            parts.append(heading)
            total += len(heading) + 1
        sentences = []
        for _ in range(rng.randint(2, 5)):
            words = [rng.choice(_WORDS) for _ in range(rng.randint(8, 24))]
            sentences.append(" ".join(words).capitalize() + ".")
        paragraph = " ".join(sentences)
        parts.append(paragraph)
        total += len(paragraph) + 1
        n += 1
    path.write_text("\n".join(parts) + "\n", encoding="utf-8")


def generate_page(path: Path, size: int = 1_000_000, seed: int = 7) -> None:
    """A deterministic web page of about `size` bytes: navigation, a cookie banner, an article
    of prose paragraphs under `<h2>` headings with some lists, related links, a footer."""
    rng = random.Random(seed)
    nav = "".join(f'<li><a href="/s/{w}">{w.title()}</a></li>' for w in _WORDS[:30])
    head = (
        "<!doctype html><html><head><meta charset='utf-8'><title>Budget Talks Stall | Daily"
        "</title><meta name='author' content='Dana Whitlow'></head><body>"
        f"<header><nav><ul>{nav}</ul></nav></header>"
        "<div class='cookie-banner'><p>We use cookies. Accept all?</p></div>"
        "<main><article><h1>Budget Talks Stall</h1>"
    )
    tail = (
        "</article></main><aside><h3>Related</h3><ul>"
        + "".join(f"<li><a href='/r/{i}'>Story {i}</a></li>" for i in range(20))
        + "</ul></aside><footer><p>Copyright Daily. All rights reserved.</p></footer></body></html>"
    )
    parts = [head]
    total = len(head) + len(tail)
    n = 0
    while total < size:
        if n % 20 == 0:
            piece = f"<h2>Part {n // 20 + 1} {rng.choice(_WORDS).title()}</h2>"
        elif n % 13 == 0:
            items = "".join(f"<li>{rng.choice(_WORDS)} {rng.choice(_WORDS)}</li>" for _ in range(4))
            piece = f"<ul>{items}</ul>"
        else:
            sentences = []
            for _ in range(rng.randint(2, 5)):
                words = [rng.choice(_WORDS) for _ in range(rng.randint(8, 24))]
                sentences.append(" ".join(words).capitalize() + ".")
            piece = f"<p>{' '.join(sentences)}</p>\n"
        parts.append(piece)
        total += len(piece)
        n += 1
    parts.append(tail)
    path.write_text("".join(parts), encoding="utf-8")


def _child(kind: str, path: str | None, measure_next: bool) -> None:
    """Run one app headless; print when its first frame is up, then further figures."""
    start_mark = float(sys.argv[sys.argv.index("--t0") + 1])
    if kind == "minimal":
        from textual.app import App, ComposeResult
        from textual.widgets import Footer, Header, Static

        class Minimal(App[None]):
            def compose(self) -> ComposeResult:
                yield Header()
                yield Static("Hello")
                yield Footer()

            def on_ready(self) -> None:
                ready = time.monotonic() - start_mark
                print(json.dumps({"ready": ready, "cpu": time.process_time()}), flush=True)
                self.exit()

        Minimal().run(headless=True, size=(120, 40))  # the same terminal as the reader
        return

    from briefing.app import BriefingApp
    from briefing.app.reader.view import ReaderView
    from briefing.app.reading_screen import ReadingScreen
    from briefing.ingest import load_document
    from briefing.paths import seed_path

    class Measured(BriefingApp):
        async def on_ready(self) -> None:
            figures: dict[str, float] = {
                "ready": time.monotonic() - start_mark,
                "cpu": time.process_time(),
            }
            missing = _missing_from_screen(self)
            if missing:
                raise SystemExit(f"the ready screen lacks {missing}")
            super().on_ready()
            if measure_next:
                screen = self.screen
                assert isinstance(screen, ReadingScreen)
                await screen.analysed.wait()
                figures["analysed_s"] = time.monotonic() - start_mark - figures["ready"]
                await self.workers.wait_for_complete()
                reader = screen.query_one(ReaderView)
                timings = []
                for _ in range(20):
                    t = time.perf_counter()
                    screen.action_next_section()
                    for y in range(reader.size.height):
                        reader.render_line(y)
                    timings.append((time.perf_counter() - t) * 1000)
                figures["next_section_ms"] = statistics.median(timings)
                figures["sections"] = len(screen.sections)
                figures["peak_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
            print(json.dumps(figures), flush=True)
            self.exit()

    if kind == "page":
        from briefing.ingest import document_from_source
        from briefing.ingest.source import read_source

        source = read_source(path or "")

        class MeasuredPage(BriefingApp):
            """The loading screen first (the first frame), then the article."""

            def on_ready(self) -> None:
                self._figures = {"ready": time.monotonic() - start_mark, "cpu": time.process_time()}
                shown = "\n".join(s.text for s in self.screen._compositor.render_strips())
                if "Reading the page" not in shown:
                    raise SystemExit("the loading screen is not shown")
                self.set_interval(0.005, self._check)

            def _check(self) -> None:
                if isinstance(self.screen, ReadingScreen) and self.screen.is_mounted:
                    self._figures["article"] = time.monotonic() - start_mark
                    print(json.dumps(self._figures), flush=True)
                    self.exit()

        def extract(status: object, fresh: bool) -> object:
            return document_from_source(source)

        MeasuredPage(None, extract, "Reading the page").run(  # type: ignore[arg-type]
            headless=True, size=(120, 40)
        )
        return
    Measured(load_document(path or seed_path())).run(headless=True, size=(120, 40))


def _missing_from_screen(app: BriefingApp) -> list[str]:
    """What the first ready screen must show and does not: the title, the first section in
    the list, the start of the text, the entity pane (checked after the time is taken)."""
    from briefing.app.reading_screen import ReadingScreen

    screen = app.screen
    assert isinstance(screen, ReadingScreen)
    shown = "\n".join(strip.text for strip in screen._compositor.render_strips())
    document = screen.document
    first_words = " ".join(document.paragraph_text(0).split()[:3])
    wanted = {
        "title": document.display_title[:20],
        "first section": screen.sections[0].title[:12],
        "text": first_words,
        "entity pane": "Who's who",
    }
    return [name for name, text in wanted.items() if text not in shown]


def _run(kind: str, path: Path | None, measure_next: bool = False) -> dict[str, float]:
    args = [sys.executable, __file__, "--child", kind]
    if path:
        args += ["--path", str(path)]
    if measure_next:
        args.append("--measure-next")
    with tempfile.TemporaryDirectory() as cache:
        env = {
            "BRIEFING_CACHE_DIR": cache,
            "PATH": "/usr/bin:/bin",
            "TERM": "xterm-256color",
            # This tree's briefing, not whichever one is installed (a worktree, a checkout).
            "PYTHONPATH": str(ROOT),
        }
        args += ["--t0", repr(time.monotonic())]
        out = subprocess.run(args, capture_output=True, text=True, env=env, timeout=300)
    if out.returncode != 0:
        raise SystemExit(f"{kind} failed: {out.stderr.strip()[-400:]}")
    line = next(s for s in out.stdout.splitlines() if s.startswith("{"))
    result: dict[str, float] = json.loads(line)
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--child", choices=("minimal", "briefing", "page"))
    parser.add_argument("--path")
    parser.add_argument("--measure-next", action="store_true")
    parser.add_argument("--t0")
    args = parser.parse_args()
    if args.child:
        _child(args.child, args.path, args.measure_next)
        return 0

    with tempfile.TemporaryDirectory() as tmp:
        report = Path(tmp) / "report.txt"
        generate_report(report)
        size_mb = report.stat().st_size / 1e6
        flat = Path(tmp) / "flat.txt"
        generate_report(flat, headings=False)
        page = Path(tmp) / "page.html"
        generate_page(page)
        ok = True
        # Interleaved, so that drift in the machine's speed hits all three alike.
        runs: dict[str, list[dict[str, float]]] = {
            "minimal": [],
            "seed": [],
            "report": [],
            "flat": [],
            "page": [],
        }
        for _ in range(args.runs):
            runs["minimal"].append(_run("minimal", None))
            runs["seed"].append(_run("briefing", None))
            runs["report"].append(_run("briefing", report))
            runs["flat"].append(_run("briefing", flat))
            runs["page"].append(_run("page", page))

        def median(name: str, key: str) -> float:
            return statistics.median(r[key] for r in runs[name])

        minimal, minimal_cpu = median("minimal", "ready"), median("minimal", "cpu")
        print(
            f"minimal Textual app: first frame {minimal * 1000:.0f} ms wall, "
            f"{minimal_cpu * 1000:.0f} ms CPU"
        )
        for name in ("seed", "report", "flat", "page"):
            ready = median(name, "ready")
            ratio = ready / minimal
            cpu_ratio = median(name, "cpu") / minimal_cpu
            target = TARGETS[name]
            ok &= ratio <= target
            label = {
                "seed": "seed",
                "report": f"{size_mb:.1f} MB report",
                "flat": f"{size_mb:.1f} MB report without headings",
                "page": f"{page.stat().st_size / 1e6:.1f} MB HTML page (loading screen)",
            }[name]
            print(
                f"{label}: first frame {ready * 1000:.0f} ms = {ratio:.2f}x minimal "
                f"(CPU time {cpu_ratio:.2f}x; target <= {target}x) "
                f"{'ok' if ratio <= target else 'OVER'}"
            )
            if name == "page":
                article = median("page", "article")
                print(f"  its article on screen (extracted in a worker): {article * 1000:.0f} ms")
        for label, path in (("report", report), ("report without headings", flat)):
            figures = _run("briefing", path, measure_next=True)
            nxt, peak = figures["next_section_ms"], figures["peak_mb"]
            ok &= nxt <= NEXT_SECTION_TARGET_MS and peak <= MEMORY_TARGET_MB
            print(
                f"{size_mb:.1f} MB {label} ({figures['sections']:.0f} sections): analysis "
                f"{figures['analysed_s']:.1f} s after the first frame; next section "
                f"{nxt:.1f} ms (target <= {NEXT_SECTION_TARGET_MS:.0f}); peak memory after "
                f"analysis {peak:.0f} MB (target <= {MEMORY_TARGET_MB:.0f})"
            )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
