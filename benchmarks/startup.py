"""Start-up, navigation and memory of the reader, against a minimal Textual app in the same run.

    python benchmarks/startup.py [--runs 5]

Prints, for the bundled seed and for a generated 5 MB plain-text report: wall time from process
start to the first displayed frame (Textual's Ready event), as a ratio to a minimal app (Header,
Static, Footer); the time to move to the next section on the 5 MB report; and peak memory after
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
TARGETS = {"seed": 1.2, "report": 1.5}
NEXT_SECTION_TARGET_MS = 50.0
MEMORY_TARGET_MB = 300.0

_WORDS = (
    "the of and to in a is that for on with as by at from this be are was it an have has "
    "government minister said report council budget security talks agreement officials "
    "region economic policy trade defence election committee plan cost analysts week year "
    "province capital ministry spokesman treaty forces sanctions inflation growth vote court"
).split()


def generate_report(path: Path, size: int = 5_000_000, seed: int = 7) -> None:
    """Deterministic plain-text prose with a short heading line every 20 paragraphs."""
    rng = random.Random(seed)
    parts: list[str] = []
    total = 0
    n = 0
    while total < size:
        if n % 20 == 0:
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
    from briefing.app.reader_view import ReaderView
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
        env = {"BRIEFING_CACHE_DIR": cache, "PATH": "/usr/bin:/bin", "TERM": "xterm-256color"}
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
    parser.add_argument("--child", choices=("minimal", "briefing"))
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
        ok = True
        # Interleaved, so that drift in the machine's speed hits all three alike.
        runs: dict[str, list[dict[str, float]]] = {"minimal": [], "seed": [], "report": []}
        for _ in range(args.runs):
            runs["minimal"].append(_run("minimal", None))
            runs["seed"].append(_run("briefing", None))
            runs["report"].append(_run("briefing", report))

        def median(name: str, key: str) -> float:
            return statistics.median(r[key] for r in runs[name])

        minimal, minimal_cpu = median("minimal", "ready"), median("minimal", "cpu")
        print(
            f"minimal Textual app: first frame {minimal * 1000:.0f} ms wall, "
            f"{minimal_cpu * 1000:.0f} ms CPU"
        )
        for name in ("seed", "report"):
            ready = median(name, "ready")
            ratio = ready / minimal
            cpu_ratio = median(name, "cpu") / minimal_cpu
            target = TARGETS[name]
            ok &= ratio <= target
            label = "seed" if name == "seed" else f"{size_mb:.1f} MB report"
            print(
                f"{label}: first frame {ready * 1000:.0f} ms = {ratio:.2f}x minimal "
                f"(CPU time {cpu_ratio:.2f}x; target <= {target}x) "
                f"{'ok' if ratio <= target else 'OVER'}"
            )
        figures = _run("briefing", report, measure_next=True)
        nxt, peak = figures["next_section_ms"], figures["peak_mb"]
        ok &= nxt <= NEXT_SECTION_TARGET_MS and peak <= MEMORY_TARGET_MB
        print(
            f"{size_mb:.1f} MB report ({figures['sections']:.0f} sections): next section "
            f"{nxt:.1f} ms (target <= {NEXT_SECTION_TARGET_MS:.0f}); peak memory after analysis "
            f"{peak:.0f} MB (target <= {MEMORY_TARGET_MB:.0f})"
        )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
