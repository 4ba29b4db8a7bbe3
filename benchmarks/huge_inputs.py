"""Huge and hostile inputs: `briefing analyze --no-cache` on 64 MiB files of several shapes.

    python benchmarks/huge_inputs.py [DIR] [--shapes news,wrapped,...] [--size BYTES]
                                     [--runs N] [--check] [--keep]

Writes one file per shape (deterministic: the same bytes on every machine) to DIR, or to a
temporary directory that is removed afterwards, then runs `python -m briefing analyze FILE
--no-cache` on each in a subprocess with its own data and cache directories, output to
/dev/null (or to a file that `--check` then reads for the reading's contract: sections cover
every paragraph once and in order, titles are not empty, every span lies inside the text).
For each run it prints wall time, CPU time (user + system) and peak RSS of that process
alone (`os.wait4`), against the targets: at most 60 s and 1 GB for a file of the largest
size the reader accepts (`MAX_BYTES`, 64 MiB). The machine these run on is shared: CPU time
is the steadier figure, and `--runs` gives a range.

Shapes:
  news       news-like paragraphs a blank line apart, articles of many different names
  wrapped    the same prose hard-wrapped at 72 columns with no blank line: one paragraph
  oneline    the same prose on one single line: one paragraph
  sentences  one sentence per line, no blank line
  nospace    lines of 100,000 characters without a space
  table      a Markdown table of six columns (.md)
  list       a Markdown bullet list, one item a line, some nested (.md)

Not a test: CI does not run it (a run of every shape takes many minutes).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from briefing.ingest.source import MAX_BYTES

TARGET_SECONDS = 60.0
TARGET_BYTES = 1_000_000_000
"""Peak resident memory of the whole process (1 GB)."""

_SYLLABLES = (
    "ka ro mi ten sa vel dor an li mar os ub en ta rik so nel bar wen ho ly fa gre un tor "
    "pe zi la mon dra ce vin ast ber ol qui mus hal ei ga rem tu sel yor pa nis cal"
).split()
_ROLES = (
    "minister of finance|spokeswoman|chief economist|foreign minister|mayor|senior analyst|"
    "defence secretary|chairman|governor|union leader|prosecutor|ambassador|director"
).split("|")
_ORG_HEADS = (
    "Ministry|Council|Commission|Bank|Agency|Institute|Party|Alliance|Authority|Fund|Union"
).split("|")
_ORG_TOPICS = (
    "Trade|Energy|Fisheries|Development|Health|Transport|Security|Water|Labour|Housing|Ports"
).split("|")
_DAYS = "Monday Tuesday Wednesday Thursday Friday Saturday Sunday".split()
_WORDS = (
    "budget talks agreement officials region policy trade election committee plan cost week "
    "province capital treaty forces sanctions inflation growth vote court harbour tariffs "
    "farmers drought river pipeline contract workers strike wages hospital nurses vaccine "
    "schools teachers exam railway bridge tunnel airport flights fuel prices grain exports "
    "factory jobs loan debt bonds currency reserves investors shares merger border patrol "
    "migrants asylum camp police protest crowd verdict appeal judge lawyers evidence witness "
    "storm flood damage insurance rebuilding housing rent tenants landlords permits council "
    "reform pension retirement unions ceasefire troops convoy aid supplies shortage rationing"
).split()
_VERBS = (
    "approved rejected delayed announced criticised defended expanded cut raised blocked "
    "reviewed signed proposed questioned welcomed"
).split()
_BASES = "approve reject delay announce review sign propose question welcome block".split()


def _name(rng: random.Random, syllables: int) -> str:
    return "".join(rng.choice(_SYLLABLES) for _ in range(syllables)).capitalize()


class _Cast:
    """The people, organisations and places of one article: drawn from pools large enough
    that a 64 MiB report names tens of thousands of different entities, as real news would."""

    def __init__(self, rng: random.Random) -> None:
        self.people = [
            (f"{_name(rng, 2)} {_name(rng, rng.randint(2, 3))}", rng.choice(_ROLES))
            for _ in range(rng.randint(2, 5))
        ]
        self.orgs = [
            f"{rng.choice(_ORG_TOPICS)} {rng.choice(_ORG_HEADS)} of {_name(rng, 2)}"
            for _ in range(rng.randint(1, 3))
        ]
        self.places = [_name(rng, rng.randint(2, 3)) for _ in range(rng.randint(1, 3))]
        self.topic = rng.sample(_WORDS, 12)


def _clause(rng: random.Random, cast: _Cast) -> str:
    words = [rng.choice(cast.topic if rng.random() < 0.6 else _WORDS) for _ in range(3)]
    return (
        f"the {words[0]} would {rng.choice(_BASES)} the {words[1]} "
        f"of {rng.choice(cast.places)} before the {words[2]} {rng.choice(['vote', 'deadline'])}"
    )


def _sentence(rng: random.Random, cast: _Cast, introduced: set[str]) -> str:
    person, role = rng.choice(cast.people)
    surname = person.split()[-1]
    who = f"Mr. {surname}" if person in introduced else f"{person}, the {role}"
    introduced.add(person)
    word, other = rng.choice(cast.topic), rng.choice(_WORDS)
    kind = rng.randrange(6)
    if kind == 0:
        return f"“We will not accept {_clause(rng, cast)},” said {who}."
    if kind == 1:
        return f"{who[0].upper()}{who[1:]} said on {rng.choice(_DAYS)} that {_clause(rng, cast)}."
    if kind == 2:
        return (
            f"The {rng.choice(cast.orgs)} {rng.choice(_VERBS)} the {word} plan in "
            f"{rng.choice(cast.places)}, citing the {other} and the {rng.choice(_WORDS)}."
        )
    if kind == 3:
        return (
            f"The {word} {rng.choice(_VERBS)} {rng.randint(2, 900)} {other} contracts last "
            f"{rng.choice(['week', 'month', 'year'])}, according to the {rng.choice(cast.orgs)}."
        )
    if kind == 4:
        return (
            f"Officials in {rng.choice(cast.places)} said the {word} had {rng.choice(_VERBS)} "
            f"the {other}, a move {who} called “a {rng.choice(_WORDS)} we cannot afford.”"
        )
    return (
        f"Critics of the {word} {rng.choice(_VERBS)} it, and the {other} remains in doubt "
        f"as {rng.choice(cast.places)} waits for the {rng.choice(_WORDS)}."
    )


def news_paragraphs(seed: int = 11) -> Iterator[str]:
    """Endless news-like paragraphs: articles of 6-20 paragraphs of 1-5 sentences, each article
    with its own cast and vocabulary."""
    rng = random.Random(seed)
    while True:
        cast = _Cast(rng)
        introduced: set[str] = set()
        for _ in range(rng.randint(6, 20)):
            yield " ".join(_sentence(rng, cast, introduced) for _ in range(rng.randint(1, 5)))


def _fill(path: Path, size: int, pieces: Iterator[str], separator: str) -> None:
    """Write `pieces` joined by `separator` until the next one would pass `size` bytes."""
    total = 0
    sep = separator.encode()
    with path.open("wb") as out:
        for piece in pieces:
            data = piece.encode()
            extra = len(data) + (len(sep) if total else 0)
            if total + extra > size:
                break
            if total:
                out.write(sep)
            out.write(data)
            total += extra
        out.write(b"\n"[: max(0, min(1, size - total))])


def _wrapped_lines(width: int = 72) -> Iterator[str]:
    line = ""
    for paragraph in news_paragraphs():
        for word in paragraph.split():
            if line and len(line) + 1 + len(word) > width:
                yield line
                line = word
            else:
                line = f"{line} {word}" if line else word


def _sentence_lines() -> Iterator[str]:
    rng = random.Random(5)
    while True:
        cast = _Cast(rng)
        introduced: set[str] = set()
        for _ in range(rng.randint(10, 60)):
            yield _sentence(rng, cast, introduced)


def _nospace_lines(width: int = 100_000) -> Iterator[str]:
    rng = random.Random(3)
    alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789+/.,-"
    while True:
        yield "".join(rng.choices(alphabet, k=width))


def _table_lines() -> Iterator[str]:
    rng = random.Random(17)
    yield "| Region | Official | Budget | Change | Status | Note |"
    yield "| --- | --- | --- | ---: | --- | --- |"
    while True:
        cast = _Cast(rng)
        person = cast.people[0][0]
        yield (
            f"| {rng.choice(cast.places)} | {person} | {rng.randint(1, 999)}.{rng.randint(0, 9)} "
            f"| {rng.randint(-50, 50)} % | {rng.choice(_VERBS)} | the {rng.choice(_WORDS)} of "
            f"the {rng.choice(cast.orgs)} |"
        )


def _list_lines() -> Iterator[str]:
    rng = random.Random(19)
    introduced: set[str] = set()
    cast = _Cast(rng)
    n = 0
    while True:
        if n % 40 == 0:
            cast, introduced = _Cast(rng), set()
        depth = rng.choice((0, 0, 0, 1, 1, 2)) if n % 40 else 0
        yield f"{'  ' * depth}- {_sentence(rng, cast, introduced)}"
        n += 1


SHAPES: dict[str, tuple[str, Callable[[Path, int], None]]] = {
    "news": ("txt", lambda p, n: _fill(p, n, news_paragraphs(), "\n\n")),
    "wrapped": ("txt", lambda p, n: _fill(p, n, _wrapped_lines(), "\n")),
    "oneline": ("txt", lambda p, n: _fill(p, n, news_paragraphs(), " ")),
    "sentences": ("txt", lambda p, n: _fill(p, n, _sentence_lines(), "\n")),
    "nospace": ("txt", lambda p, n: _fill(p, n, _nospace_lines(), "\n")),
    "table": ("md", lambda p, n: _fill(p, n, _table_lines(), "\n")),
    "list": ("md", lambda p, n: _fill(p, n, _list_lines(), "\n")),
}


def generate(shape: str, directory: Path, size: int) -> Path:
    """The input of `shape` (made once: an existing file of the right size is kept)."""
    suffix, make = SHAPES[shape]
    path = directory / f"{shape}-{size}.{suffix}"
    if not path.exists():
        partial = path.with_suffix(".partial")
        make(partial, size)
        partial.replace(path)
    return path


def run(path: Path, output: Path | None) -> tuple[int, float, float, int, str]:
    """(exit code, wall s, CPU s, peak RSS bytes, stderr tail) of one `analyze --no-cache`."""
    with tempfile.TemporaryDirectory(prefix="briefing-huge-") as home:
        env = dict(os.environ, BRIEFING_DATA_DIR=f"{home}/data", BRIEFING_CACHE_DIR=f"{home}/c")
        command = [sys.executable, "-m", "briefing", "analyze", str(path), "--no-cache"]
        with (
            open(output or os.devnull, "wb") as out,
            tempfile.TemporaryFile() as err,
        ):
            start = time.perf_counter()
            process = subprocess.Popen(command, stdout=out, stderr=err, env=env)
            try:
                _, status, usage = os.wait4(process.pid, 0)
            except KeyboardInterrupt:
                process.kill()
                raise
            wall = time.perf_counter() - start
            process.returncode = os.waitstatus_to_exitcode(status)
            err.seek(0)
            tail = err.read().decode(errors="replace").strip()[-300:]
    return process.returncode, wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss * 1024, tail


def check(output: Path) -> list[str]:
    """Problems with the reading in `output` (empty: the contract holds)."""
    data = json.loads(output.read_text(encoding="utf-8"))
    length = len(data["text"])
    count = len(data["paragraphs"])
    problems = []
    expected = 0
    for section in data["sections"]:
        if section["start_paragraph"] != expected or section["end_paragraph"] < expected:
            problems.append(f"section {section['id']} starts at ¶{section['start_paragraph']}")
            break
        if not section["title"].strip():
            problems.append(f"section {section['id']} has an empty title")
        expected = section["end_paragraph"] + 1
    if expected != count:
        problems.append(f"sections end at ¶{expected - 1} of {count}")
    spans = [*data["sentences"], *data["quotes"], *data["paragraphs"]]
    spans += [m for e in data["entities"] for m in e["mentions"]]
    spans += [s["gist"] for s in data["sections"] if s["gist"]]
    outside = [s for s in spans if not 0 <= s["start"] <= s["end"] <= length]
    if outside:
        problems.append(f"{len(outside)} spans outside the text, e.g. {outside[0]}")
    return problems


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("directory", nargs="?", type=Path, help="where the inputs are written")
    parser.add_argument("--shapes", default=",".join(SHAPES), help="comma-separated shapes")
    parser.add_argument("--size", type=int, default=MAX_BYTES, help="bytes per input")
    parser.add_argument("--runs", type=int, default=1, help="runs per shape")
    parser.add_argument("--check", action="store_true", help="check each reading's contract")
    parser.add_argument("--keep", action="store_true", help="keep the temporary inputs")
    args = parser.parse_args()
    shapes = [s for s in args.shapes.split(",") if s]
    unknown = [s for s in shapes if s not in SHAPES]
    if unknown:
        parser.error(f"unknown shapes: {', '.join(unknown)} (known: {', '.join(SHAPES)})")
    directory = args.directory or Path(tempfile.mkdtemp(prefix="briefing-huge-inputs-"))
    directory.mkdir(parents=True, exist_ok=True)
    scale = args.size / MAX_BYTES
    limit_s, limit_mb = TARGET_SECONDS * scale, TARGET_BYTES / 1e6
    print(f"inputs in {directory}; targets: {limit_s:.0f} s, {limit_mb:.0f} MB peak")
    print(f"{'shape':<10}{'MB':>6}{'wall s':>9}{'CPU s':>8}{'peak MB':>9}  verdict")
    failed = False
    try:
        for shape in shapes:
            path = generate(shape, directory, args.size)
            for _ in range(args.runs):
                output = directory / f"{shape}.json" if args.check else None
                code, wall, cpu, peak, tail = run(path, output)
                ok = code == 0 and cpu <= limit_s and peak <= TARGET_BYTES
                verdict = "ok" if ok else "MISSES"
                if code:
                    verdict = f"exit {code}: {tail}"
                elif output is not None:
                    problems = check(output)
                    output.unlink()
                    if problems:
                        ok, verdict = False, "; ".join(problems)
                failed = failed or not ok
                size_mb, peak_mb = path.stat().st_size / 1e6, peak / 1e6
                row = f"{shape:<10}{size_mb:>6.1f}{wall:>9.1f}{cpu:>8.1f}{peak_mb:>9.0f}"
                print(f"{row}  {verdict}", flush=True)
    finally:
        if args.directory is None and not args.keep:
            shutil.rmtree(directory, ignore_errors=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
