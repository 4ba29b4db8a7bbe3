"""Article bodies from web pages: briefing's HTML reader against trafilatura's defaults.

    python benchmarks/article_extraction.py DIR [--only N] [--worst K]

DIR is a checkout of scrapinghub/article-extraction-benchmark (`html/*.html.gz` and
`ground-truth.json`; `benchmarks/CORPORA.md` says which commit). Each page goes through
briefing's reader as a downloaded page would (its bytes decoded as briefing decodes HTML, then
`parse_html`), and through `trafilatura.extract(html)` with trafilatura's default settings, in
the same run. Both are scored as that repository's `evaluate.py` scores them: word 4-gram
shingles of the body against the ground truth, precision and recall per page (normalised so
that long pages weigh no more), averaged, and F1 of the two averages.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from briefing.ingest.html import parse_html
from briefing.ingest.source import decode_html
from briefing.text.safety import sanitize

_TOKEN = re.compile(r"\w+")

Row = tuple[float, float, float]


def _shingles(text: str) -> Counter[tuple[str, ...]]:
    tokens = _TOKEN.findall(text or "")
    return Counter(tuple(tokens[i : i + 4]) for i in range(max(1, len(tokens) - 3)) if tokens)


def shingle_match(true: str, pred: str) -> Row:
    """(tp, fp, fn) over 4-gram shingles, normalised to sum to 1 (evaluate.py's)."""
    a, b = _shingles(true), _shingles(pred)
    tp = fp = fn = 0
    for key in a.keys() | b.keys():
        x, y = a.get(key, 0), b.get(key, 0)
        tp += min(x, y)
        fp += max(0, y - x)
        fn += max(0, x - y)
    total = tp + fp + fn
    return (tp / total, fp / total, fn / total) if total else (0.0, 0.0, 0.0)


def _precision(tp: float, fp: float, fn: float) -> float:
    if fp == fn == 0:
        return 1.0
    return 0.0 if tp == fp == 0 else tp / (tp + fp)


def _recall(tp: float, fp: float, fn: float) -> float:
    if fp == fn == 0:
        return 1.0
    return 0.0 if tp == fn == 0 else tp / (tp + fn)


def scores(rows: list[Row]) -> tuple[float, float, float]:
    """(F1, precision, recall) as evaluate.py computes them."""
    precision = statistics.mean(_precision(*r) for r in rows if r[0] + r[1] > 0)
    recall = statistics.mean(_recall(*r) for r in rows if r[0] + r[2] > 0)
    return 2 * precision * recall / (precision + recall), precision, recall


def briefing_body(data: bytes) -> str:
    text = sanitize(decode_html(data, "page"))
    return parse_html(text, "0" * 64, None).text


def trafilatura_body(data: bytes) -> str:
    import trafilatura

    return trafilatura.extract(data.decode("utf-8")) or ""


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", type=Path, help="a checkout of article-extraction-benchmark")
    parser.add_argument("--only", type=int, help="the first N pages only")
    parser.add_argument("--worst", type=int, default=0, help="list the K worst pages of ours")
    args = parser.parse_args()
    truth = json.loads((args.corpus / "ground-truth.json").read_text(encoding="utf-8"))
    keys = sorted(truth)[: args.only] if args.only else sorted(truth)
    import trafilatura

    ours: dict[str, Row] = {}
    theirs: dict[str, Row] = {}
    seconds = {"briefing": 0.0, "trafilatura": 0.0}
    for key in keys:
        with gzip.open(args.corpus / "html" / f"{key}.html.gz") as handle:
            data = handle.read()
        body = truth[key].get("articleBody", "")
        start = time.perf_counter()
        try:
            mine = briefing_body(data)
        except Exception as exc:  # a page we refuse scores nothing
            print(f"{key[:12]}: {type(exc).__name__}: {exc}", file=sys.stderr)
            mine = ""
        seconds["briefing"] += time.perf_counter() - start
        start = time.perf_counter()
        other = trafilatura_body(data)
        seconds["trafilatura"] += time.perf_counter() - start
        ours[key] = shingle_match(body, mine)
        theirs[key] = shingle_match(body, other)
    print(f"{len(keys)} pages; word 4-gram shingles against the ground-truth body")
    print(f"{'':<28} {'F1':>6} {'precision':>10} {'recall':>7} {'s/page':>7}")
    for name, rows in (
        ("briefing", ours),
        (f"trafilatura {trafilatura.__version__} defaults", theirs),
    ):
        f1, precision, recall = scores(list(rows.values()))
        per_page = seconds[name.split()[0]] / len(keys)
        print(f"{name:<28} {f1:6.3f} {precision:10.3f} {recall:7.3f} {per_page:7.3f}")
    if args.worst:
        worst = sorted(keys, key=lambda k: ours[k][0])[: args.worst]
        for key in worst:
            tp, fp, fn = ours[key]
            print(
                f"{key[:16]} tp {tp:.2f} fp {fp:.2f} fn {fn:.2f}"
                f"  trafilatura tp {theirs[key][0]:.2f}"
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
