"""Export speed: a generated 5 MB report with 1,000 annotations, to Markdown and to JSON.

    python benchmarks/export.py [--runs 5]

The report comes from `startup.py`'s generator (plain prose, a heading line every 20
paragraphs). Its reading has the structural sections (one per heading line, no analysis: the
export's cost does not depend on how sections were found) plus 300 synthetic people and
organisations with 20 mentions each and 500 quotes, so that the appendices cost what they would.
The 1,000 annotations are seeded: most within a paragraph, some over two or three, some
overlapping, 30 orphaned; notes are empty, short Markdown, or Markdown with link reference
definitions (some clashing, so that notes get namespaced). Only the export calls are timed;
the medians of `--runs` runs are compared with the target of one second each.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.startup import generate_report
from briefing.analysis.sections import structural_sections
from briefing.export import export_markdown, export_web_annotations, read_web_annotations
from briefing.ingest import load_document
from briefing.model import (
    HIGHLIGHT_COLORS,
    AnchorStatus,
    Annotation,
    Document,
    Entity,
    EntityType,
    Mention,
    Quote,
    Reading,
    TextQuote,
)

TARGET_SECONDS = 1.0
EXPORTED_AT = "2026-01-02T03:04:05Z"
_NOTES = (
    "",
    "Check this figure.",
    "**Important**: compare with last year.\n\n- one\n- two",
    "> quoted from the minutes\n\nSee `the annex`.",
    "Source: [the report][src].\n\n[src]: https://example.org/report",
    "Also [src] and [the table][t].\n\n[t]: https://example.org/table\n[src]: https://example.org/b",
)
_TAGS = ("budget", "follow-up", "quote", "numbers", "policy", "check", "people")


def synthetic_reading(document: Document, rng: random.Random) -> Reading:
    paragraphs = document.paragraphs
    entities = []
    for n in range(300):
        mentions = []
        for _ in range(20):
            p = paragraphs[rng.randrange(len(paragraphs))]
            mentions.append(Mention(p.start, min(p.end, p.start + 8), p.index))
        kind = EntityType.PERSON if n % 2 else EntityType.ORGANIZATION
        role = "minister of something" if n % 3 == 0 else None
        mentions.sort(key=lambda m: m.start)
        entities.append(Entity(f"e{n}", f"Name {n}", kind, role, (), tuple(mentions)))
    quotes = []
    for n in range(500):
        p = paragraphs[rng.randrange(len(paragraphs))]
        quotes.append(Quote(p.start, min(p.end, p.start + 120), f"e{n % 300}", f"Name {n % 300}"))
    quotes.sort(key=lambda q: q.start)
    return Reading(
        document,
        sections=structural_sections(document),
        entities=tuple(entities),
        quotes=tuple(quotes),
    )


def synthetic_annotations(document: Document, rng: random.Random, count: int) -> list[Annotation]:
    text = document.text
    paragraphs = document.paragraphs
    annotations: list[Annotation] = []
    for n in range(count):
        first = rng.randrange(len(paragraphs) - 3)
        roll = rng.random()
        last = first + (rng.randint(1, 2) if roll < 0.1 else 0)
        p, q = paragraphs[first], paragraphs[last]
        start = rng.randrange(p.start, p.end - 1)
        end = rng.randrange(max(start + 1, q.start), q.end) + 1
        if 0.1 <= roll < 0.15 and annotations:  # overlapping the one before
            previous = annotations[-1]
            start = min(previous.start + 3, previous.end - 1)
            end = min(previous.end + 40, paragraphs[document.paragraph_at(previous.end - 1)].end)
        status = AnchorStatus.ORPHANED if n % 33 == 0 else AnchorStatus.EXACT
        annotations.append(
            Annotation(
                id=uuid.UUID(int=n + 1).hex,
                start=start,
                end=end,
                quote=TextQuote(text[start:end], text[max(0, start - 32) : start], text[end:][:32]),
                color=rng.choice(HIGHLIGHT_COLORS),
                note=rng.choice(_NOTES),
                tags=tuple(rng.sample(_TAGS, rng.randint(0, 2))),
                created="2026-01-01T00:00:00Z",
                modified="2026-01-01T00:00:00Z",
                status=status,
            )
        )
    return annotations


def timed(runs: int, work: Callable[[], object]) -> tuple[float, object]:
    timings = []
    result: object = None
    for _ in range(runs):
        start = time.perf_counter()
        result = work()
        timings.append(time.perf_counter() - start)
    return statistics.median(timings), result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--annotations", type=int, default=1000)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "report.txt"
        generate_report(path)
        size_mb = path.stat().st_size / 1e6
        document = load_document(path)
    rng = random.Random(11)
    reading = synthetic_reading(document, rng)
    annotations = synthetic_annotations(document, rng, args.annotations)
    print(
        f"{size_mb:.1f} MB report: {len(document.paragraphs)} paragraphs, "
        f"{len(reading.sections)} sections, {len(reading.entities)} entities, "
        f"{len(reading.quotes)} quotes; {len(annotations)} annotations"
    )

    cases: list[tuple[str, Callable[[], object]]] = [
        ("Markdown", lambda: export_markdown(reading, annotations, exported_at=EXPORTED_AT)),
        (
            "Markdown, notes only",
            lambda: export_markdown(reading, annotations, notes_only=True, exported_at=EXPORTED_AT),
        ),
        (
            "Web Annotation JSON",
            lambda: export_web_annotations(document, annotations, exported_at=EXPORTED_AT),
        ),
    ]
    ok = True
    json_text = ""
    for label, work in cases:
        seconds, result = timed(args.runs, work)
        assert isinstance(result, str)
        if label.startswith("Web"):
            json_text = result
        good = seconds <= TARGET_SECONDS
        ok &= good
        print(
            f"{label}: {seconds:.3f} s for {len(result.encode()) / 1e6:.1f} MB "
            f"(target <= {TARGET_SECONDS:.0f} s) {'ok' if good else 'OVER'}"
        )
    seconds, back = timed(args.runs, lambda: read_web_annotations(json_text))
    assert isinstance(back, list)
    assert len(back) == len(annotations)
    print(f"reading the JSON back: {seconds:.3f} s (not a target)")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
