"""Sections of texts of many shapes, read as a reader opens them, against reference segments.

    python benchmarks/shapes.py DIR [DIR ...] [-v]

Each DIR is a part of a set from `benchmarks/make_shapes.py` (NAME.txt, the file as a reader
opens it, and NAME.ref.json, the word positions where its reference segments start). Every
file goes through briefing's own reading of a plain-text file (`document_from_text`: its
paragraphs, headings, title and byline found as for any file) and `automatic_sections`, so
the heading rule is measured with the segmenter. Sections are compared word by word: each word
of the file belongs to a reference segment, and to the section of the paragraph it was read
into (matched in order; a word the reading moved to the metadata, a title or byline, belongs
to the section before it). Pk uses k = half the mean reference segment length in words,
averaged over documents, printed beside the "no boundaries" reading; also sections per
reference segment and the share of reference boundaries with a section start within one
paragraph's distance of words (k). `--sites` adds Pk beside "no boundaries" for each source of
a part (the file name up to its first "-": the site of a posts part), to tell a site's shape
from the whole part's.
"""

from __future__ import annotations

import argparse
import difflib
import json
import sys
import time
from pathlib import Path

# This checkout's package and benchmarks, not an installed (or another editable) briefing.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from briefing.analysis.sections import automatic_sections
from briefing.ingest import document_from_text
from briefing.model import Document, Section


def word_sections(document: Document, sections: tuple[Section, ...]) -> list[tuple[str, int]]:
    """(word, section number) of every word of the document's paragraphs, in order."""
    out: list[tuple[str, int]] = []
    for n, section in enumerate(sections):
        for i in range(section.start_paragraph, section.end_paragraph + 1):
            out.extend((w, n) for w in document.paragraph_text(i).split())
    return out


def hypothesis_labels(words: list[str], read: list[tuple[str, int]]) -> list[int]:
    """The section of each word of the file, by matching the read words to it in order."""
    labels: list[int | None] = [None] * len(words)
    matcher = difflib.SequenceMatcher(None, words, [w for w, _ in read], autojunk=False)
    for a, b, size in matcher.get_matching_blocks():
        for k in range(size):
            labels[a + k] = read[b + k][1]
    out: list[int] = []
    last = 0
    for label in labels:
        last = label if label is not None else last
        out.append(last)
    return out


def segment_labels(starts: list[int], n: int) -> list[int]:
    out, current, bounds = [], -1, set(starts)
    for i in range(n):
        if i in bounds or i == 0:
            current += 1
        out.append(current)
    return out


def pk(reference: list[int], hypothesis: list[int], k: int) -> float:
    n = len(reference)
    if n - k <= 0:
        return 0.0
    wrong = sum(
        (reference[i] == reference[i + k]) != (hypothesis[i] == hypothesis[i + k])
        for i in range(n - k)
    )
    return wrong / (n - k)


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("dirs", type=Path, nargs="+")
    parser.add_argument("-v", "--verbose", action="store_true", help="one line per document")
    parser.add_argument("--sites", action="store_true", help="Pk for each file-name prefix")
    args = parser.parse_args()
    for directory in args.dirs:
        files = sorted(directory.glob("*.ref.json"))
        if not files:
            print(f"no documents in {directory}", file=sys.stderr)
            return 2
        total = base = 0.0
        sections = segments = found = boundaries = 0
        size = 0
        elapsed = 0.0
        by_site: dict[str, list[tuple[float, float]]] = {}
        for ref in files:
            text = ref.with_name(ref.name.removesuffix(".ref.json") + ".txt").read_text("utf-8")
            starts = json.loads(ref.read_text("utf-8"))["starts"]
            document = document_from_text(text)
            size += len(document.text.encode())
            t0 = time.perf_counter()
            hyp_sections = automatic_sections(document)
            elapsed += time.perf_counter() - t0
            words = text.split()
            reference = segment_labels(starts, len(words))
            hypothesis = hypothesis_labels(words, word_sections(document, hyp_sections))
            k = max(1, round(len(words) / len(starts) / 2))
            value, nothing = pk(reference, hypothesis, k), pk(reference, [0] * len(words), k)
            total += value
            base += nothing
            by_site.setdefault(ref.name.split("-", 1)[0], []).append((value, nothing))
            sections += len(hyp_sections)
            segments += len(starts)
            hyp_starts = [i for i in range(1, len(words)) if hypothesis[i] != hypothesis[i - 1]]
            reach = max(1, len(words) // max(1, len(document.paragraphs)))
            for b in starts[1:]:
                boundaries += 1
                found += any(abs(h - b) <= reach for h in hyp_starts)
            if args.verbose:
                print(
                    f"{ref.name.removesuffix('.ref.json')}\twords={len(words)}\t"
                    f"paragraphs={len(document.paragraphs)}\tref={len(starts)}\t"
                    f"hyp={len(hyp_sections)}\theadings={len(document.section_breaks)}\t"
                    f"Pk={value:.3f}\t(none {nothing:.3f})"
                )
        count = len(files)
        print(
            f"{directory}: {count} documents  Pk={total / count:.4f}  "
            f"no boundaries={base / count:.4f}  "
            f"sections/segment={sections / max(1, segments):.2f}  "
            f"boundaries found within a paragraph {found}/{boundaries}  "
            f"{size / 1e6 / max(elapsed, 1e-9):.2f} MB/s"
        )
        if args.sites:
            for site, values in sorted(by_site.items()):
                print(
                    f"  {site}: {len(values)} documents  "
                    f"Pk={sum(v for v, _ in values) / len(values):.4f}  "
                    f"no boundaries={sum(n for _, n in values) / len(values):.4f}"
                )
    return 0


if __name__ == "__main__":
    sys.exit(main())
