"""Tag-scheme conversions between CoNLL's IOB1, BIO and the BILOU the model predicts.

The model is trained on BILOU (begin/inside/last/outside/unit) because it scored better than
BIO on the development set; callers see well-formed BIO or spans only.
"""

from __future__ import annotations

from collections.abc import Sequence

Span = tuple[int, int, str]
"""(start, end exclusive, type): tokens in a sentence, or characters in a text."""


def to_bio(tags: Sequence[str]) -> list[str]:
    """Internal BILOU (or BIO) tags to well-formed BIO, repairing an I- that starts an entity."""
    out = []
    prev_type = None
    for t in tags:
        if t == "O":
            out.append("O")
            prev_type = None
            continue
        p, typ = t[0], t[2:]
        if p in ("B", "U") or prev_type != typ:
            out.append("B-" + typ)
        else:
            out.append("I-" + typ)
        prev_type = None if p in ("L", "U") else typ
    return out


def bio_spans(tags: Sequence[str]) -> list[Span]:
    """BIO tags to (start token, end token exclusive, type) entity spans."""
    spans: list[Span] = []
    start: int | None = None
    typ = ""
    for i, t in enumerate([*tags, "O"]):
        if t == "O" or t.startswith("B-") or (t.startswith("I-") and t[2:] != typ):
            if start is not None:
                spans.append((start, i, typ))
                start = None
                typ = ""
            if t != "O":
                start = i
                typ = t[2:]
    return spans


def iob1_to_bio(tags: Sequence[str]) -> list[str]:
    """CoNLL-2003's IOB1 (B- only between two adjacent entities of one type) to BIO."""
    out = []
    prev = "O"
    for t in tags:
        if t == "O":
            out.append(t)
        else:
            typ = t[2:]
            if t.startswith("B-") or prev == "O" or prev[2:] != typ:
                out.append("B-" + typ)
            else:
                out.append("I-" + typ)
        prev = t
    return out


def bio_to_bilou(tags: Sequence[str]) -> list[str]:
    """BIO to BILOU, the training targets: last and single-token entities get their own tags."""
    out = []
    n = len(tags)
    for i, t in enumerate(tags):
        if t == "O":
            out.append(t)
            continue
        typ = t[2:]
        nxt = tags[i + 1] if i + 1 < n else "O"
        cont = nxt == "I-" + typ
        if t.startswith("B-"):
            out.append(("B-" if cont else "U-") + typ)
        else:
            out.append(("I-" if cont else "L-") + typ)
    return out
