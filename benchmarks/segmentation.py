"""Topic segmentation against reference sections: Pk, WindowDiff and documents per second.

    python benchmarks/segmentation.py DATA_DIR [--split all|first-half|second-half] [-v]

DATA_DIR holds one document per file, one block (sentence or paragraph) per line, segments
separated by lines starting with "===" — the format of Choi's (2000) set ("=========="), of the
Wikipedia test sets in public text-segmentation repositories ("==========" or
"========,2,Title."), and of any corpus you build the same way. Fetch the corpora yourself;
none is part of this repository.

Each document goes through briefing's own analysis: its blocks become the paragraphs of a
`Document` (no other ingestion heuristics), and `automatic_sections` splits them, exactly as for
an article. Pk and WindowDiff use the usual definitions with k = half the document's mean
reference segment length, averaged over documents; the "no boundaries" baseline is printed
beside them. `--split` takes the first or second half of the files in natural order (we tune on
the first half and report on the second).
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from pathlib import Path

# This checkout's package and benchmarks, not an installed (or another editable) briefing.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from briefing.analysis.sections import automatic_sections
from briefing.ingest.builder import DocumentBuilder
from briefing.model import Document, Metadata

SEPARATOR = re.compile(r"^\s*={3,}")


def natural_key(path: Path) -> list[object]:
    return [int(t) if t.isdigit() else t for t in re.split(r"(\d+)", path.name)]


def read_reference(path: Path) -> tuple[list[str], list[int]]:
    """Blocks and the indices where reference segments start."""
    blocks: list[str] = []
    starts: list[int] = []
    new_segment = True
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        if SEPARATOR.match(line):
            new_segment = True
            continue
        line = line.strip()
        if not line:
            continue
        if new_segment:
            starts.append(len(blocks))
            new_segment = False
        blocks.append(line)
    return blocks, starts


def as_document(blocks: list[str], name: str) -> Document:
    builder = DocumentBuilder()
    for block in blocks:
        builder.add(block)
    return builder.build(Metadata(), name, name, "text")


def labels(starts: list[int], n: int) -> list[int]:
    """Segment number of every block."""
    boundaries = set(starts)
    out, current = [], 0
    for i in range(n):
        if i in boundaries and i > 0:
            current += 1
        out.append(current)
    return out


def pk_windowdiff(
    reference: list[int], hypothesis: list[int], n: int, k: int
) -> tuple[float, float]:
    if n - k <= 0:
        return 0.0, 0.0
    ref, hyp = labels(reference, n), labels(hypothesis, n)
    pk = wd = 0
    for i in range(n - k):
        if (ref[i] == ref[i + k]) != (hyp[i] == hyp[i + k]):
            pk += 1
        if ref[i + k] - ref[i] != hyp[i + k] - hyp[i]:
            wd += 1
    return pk / (n - k), wd / (n - k)


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("data_dir", type=Path)
    parser.add_argument("--split", choices=("all", "first-half", "second-half"), default="all")
    parser.add_argument("-v", "--verbose", action="store_true", help="one line per document")
    parser.add_argument("--glob", default="*", help="which files of DATA_DIR (default: all)")
    args = parser.parse_args()
    files = sorted((p for p in args.data_dir.glob(args.glob) if p.is_file()), key=natural_key)
    half = len(files) // 2
    files = {"all": files, "first-half": files[:half], "second-half": files[half:]}[args.split]
    documents = [(p, *read_reference(p)) for p in files]
    documents = [d for d in documents if d[1]]
    if not documents:
        print(f"no documents in {args.data_dir}", file=sys.stderr)
        return 2

    totals = {"pk": 0.0, "wd": 0.0, "base_pk": 0.0, "base_wd": 0.0}
    found = reference_boundaries = sections = segments = 0
    characters = 0
    elapsed = 0.0
    for path, blocks, reference in documents:
        document = as_document(blocks, path.name)
        characters += len(document.text)
        t0 = time.perf_counter()
        hypothesis = [s.start_paragraph for s in automatic_sections(document)]
        elapsed += time.perf_counter() - t0
        n = len(blocks)
        k = max(1, round(n / max(1, len(reference)) / 2))
        pk, wd = pk_windowdiff(reference, hypothesis, n, k)
        base_pk, base_wd = pk_windowdiff(reference, [0], n, k)
        totals["pk"] += pk
        totals["wd"] += wd
        totals["base_pk"] += base_pk
        totals["base_wd"] += base_wd
        sections += len(hypothesis)
        segments += len(reference)
        hyp = set(hypothesis)
        for b in reference[1:]:
            reference_boundaries += 1
            found += any(x in hyp for x in (b - 1, b, b + 1))
        if args.verbose:
            print(
                f"{path.name}\tblocks={n}\tref={len(reference)}\thyp={len(hypothesis)}\tPk={pk:.3f}"
            )
    count = len(documents)
    print(f"{count} documents from {args.data_dir} ({args.split})")
    print(f"Pk={totals['pk'] / count:.4f}  WindowDiff={totals['wd'] / count:.4f}")
    print(
        f"no boundaries: Pk={totals['base_pk'] / count:.4f}  "
        f"WindowDiff={totals['base_wd'] / count:.4f}"
    )
    print(
        f"sections per reference segment {sections / max(1, segments):.2f}; reference "
        f"boundaries found within one block {found}/{reference_boundaries} "
        f"({found / max(1, reference_boundaries):.1%})"
    )
    print(
        f"speed: {count / elapsed:.1f} documents/s, {characters / 1e6 / elapsed:.2f} MB/s "
        "(segmentation, titles and gists)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
