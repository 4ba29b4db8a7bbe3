"""Train the article boundary model shipped as `briefing/analysis/data/boundaries.json`.

    python scripts/train_boundaries.py OUT_JSON DIR [DIR ...] [--l2 1.0] [--steps 4000]

Each DIR holds documents in Choi's format (a line `==========` before the first paragraph of
every section, one paragraph per line; no corpus is part of this repository). The shipped
model was trained on the 56 PolNeAR train articles whose sub-topics were marked by hand
(`benchmarks/data/news-subtopics.json`; `benchmarks/news_subtopics.py build` writes them) and on
the 117 blog and report posts of the tune set with their headings removed
(`benchmarks/CORPORA.md` says how to build both); the 26 marked dev articles and the report
posts are for reporting only. Run as `python scripts/train_boundaries.py
briefing/analysis/data/boundaries.json NEWS/train POSTS_TUNE` it writes the shipped file again.

Every document without headings and with at least four paragraphs counts, not only those the
model is used on (paragraph documents of one window): on the held-out news that measured
better (Pk 0.300 against 0.371 before the colon rule; research notes). Every paragraph after
the first is an example (does a section start here?), with
the features of `briefing.analysis.boundaries.features` computed by the very code the
segmenter runs (`segmentation.article_evidence`). A logistic regression with an L2 penalty
is fitted by gradient descent on standardised features (deterministic: it starts from zero),
and the standardisation is folded into the weights written out.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import numpy as np

from benchmarks.segmentation import as_document, natural_key, read_reference
from briefing.analysis import boundaries, segmentation


def examples(directories: list[Path]) -> tuple[np.ndarray, np.ndarray, int]:
    """Feature rows, labels (1 = a section starts here) and the number of documents used."""
    rows, labels, used = [], [], 0
    for directory in directories:
        for path in sorted(directory.glob("*.txt"), key=natural_key):
            blocks, starts = read_reference(path)
            document = as_document(blocks, path.name)
            if document.section_breaks:
                continue  # headed: the headings are the sections, no model is asked
            paragraphs = [document.paragraph_text(i) for i in range(len(document.paragraphs))]
            if len(paragraphs) < 2 * segmentation.MIN_BLOCKS:
                continue
            *_, features = segmentation.article_evidence(paragraphs)
            rows.append(features[1:])
            labels.append([float(i in set(starts)) for i in range(1, len(paragraphs))])
            used += 1
    if not rows:
        sys.exit("no usable documents (paragraph documents of one window, no headings)")
    return np.concatenate(rows), np.concatenate(labels), used


def fit(x: np.ndarray, y: np.ndarray, l2: float, steps: int) -> tuple[np.ndarray, float]:
    """Logistic regression by full-batch gradient descent on standardised features."""
    mean, scale = x.mean(0), x.std(0) + 1e-9
    z = (x - mean) / scale
    weights, intercept = np.zeros(x.shape[1]), 0.0
    for _ in range(steps):
        p = 1.0 / (1.0 + np.exp(-(z @ weights + intercept)))
        weights -= 0.2 * (z.T @ (p - y) / len(y) + l2 * weights / len(y))
        intercept -= 0.2 * float((p - y).mean())
    raw = weights / scale
    return raw, intercept - float(raw @ mean)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("directories", type=Path, nargs="+")
    parser.add_argument("--l2", type=float, default=1.0)
    parser.add_argument("--steps", type=int, default=4000)
    args = parser.parse_args()
    x, y, used = examples(args.directories)
    weights, intercept = fit(x, y, args.l2, args.steps)
    model = {
        "features": list(boundaries.FEATURES),
        "weights": [round(float(w), 6) for w in weights],
        "intercept": round(intercept, 6),
        "trained_on": {"documents": used, "gaps": len(y), "boundaries": int(y.sum())},
    }
    args.out.write_text(json.dumps(model, indent=1) + "\n", encoding="utf-8")
    for name, weight in zip(boundaries.FEATURES, weights, strict=True):
        print(f"{name:32s} {weight:+.4f}")
    print(f"intercept {intercept:+.4f}; {used} documents, {len(y)} gaps, {int(y.sum())} starts")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
