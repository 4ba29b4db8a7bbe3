"""Reading CoNLL-2003 files, for the training script and the benchmark (not used at run time).

Kept in the package so `scripts/train_ner.py` and `benchmarks/ner.py` read the data the same
way. The data itself is not in the repository (see `data/README.md`).
"""

from __future__ import annotations

from pathlib import Path

from briefing.analysis.ner.scheme import iob1_to_bio

Sentence = tuple[list[str], list[str]]
"""Tokens and their BIO tags."""


def read_conll(path: Path | str) -> list[list[Sentence]]:
    """Documents (split at -DOCSTART-) of sentences, tags converted from IOB1 to BIO.

    Documents matter because `extract` applies its surname rule per document.
    """
    docs: list[list[Sentence]] = [[]]
    toks: list[str] = []
    tags: list[str] = []

    def flush() -> None:
        if toks:
            docs[-1].append((list(toks), iob1_to_bio(tags)))
            toks.clear()
            tags.clear()

    with open(path, encoding="utf-8") as fh:
        for line in fh:
            p = line.split()
            if not p:
                flush()
                continue
            if p[0] == "-DOCSTART-":
                flush()
                if docs[-1]:
                    docs.append([])
                continue
            toks.append(p[0])
            tags.append(p[-1])
    flush()
    return [d for d in docs if d]
