"""Feature strings of a token, shared by training and tagging so the two can never disagree.

`scripts/train_ner.py` builds its feature strings with these functions and stores one weight
vector per string; the fast scorer in `model` / `tagger` looks the same strings up, only
precomputed per word. Gazetteers (first names, places, a lower-case lexicon) travel inside the
model file, so nothing here needs a package beyond the standard library.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

from briefing.analysis.ner.tokens import normalize_token

TITLES = {
    "mr", "mr.", "mrs", "mrs.", "ms", "ms.", "dr", "dr.", "prof", "prof.",
    "sir", "dame", "lord", "lady", "president", "minister", "premier",
    "secretary", "chancellor", "senator", "sen.", "rep.", "representative",
    "gov.", "governor", "mayor", "judge", "justice", "king", "queen", "prince",
    "princess", "pope", "general", "gen.", "colonel", "col.", "captain",
    "capt.", "lt.", "sgt.", "admiral", "adm.", "ambassador", "chairman",
    "chairwoman", "chair", "ceo", "spokesman", "spokeswoman", "coach",
    "striker", "midfielder", "defender", "goalkeeper", "leader", "chief",
    "commissioner", "director", "envoy", "sheikh", "rev.", "father", "bishop",
    "archbishop", "cardinal", "speaker", "emperor", "officer", "deputy",
}  # fmt: skip
"""Words that typically precede a person's name (generic English titles), a strong PER cue."""

_SHAPE_TABLE = str.maketrans(
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789",
    "X" * 26 + "x" * 26 + "d" * 10,
)
_RUNS = re.compile(r"(.)(?=\1)")  # a character followed by the same character


def word_shape(w: str) -> str:
    """Collapsed shape ("Xx", "X.X.", "Xx-x"): generalises over unseen capitalised words."""
    if w.isascii():
        return _RUNS.sub("", w.translate(_SHAPE_TABLE))
    out = []
    last = ""
    for ch in w:
        if ch.isupper():
            c = "X"
        elif ch.islower():
            c = "x"
        elif ch.isdigit():
            c = "d"
        else:
            c = ch
        if c != last:
            out.append(c)
            last = c
    return "".join(out)


_DIGITS = re.compile(r"\d")


def lower_norm(w: str) -> str:
    """Lower-cased word with every digit 0, so "1996" and "2024" share their weights."""
    w = w.lower()
    if not w.isalpha():
        w = _DIGITS.sub("0", w)
    return w


SpanFlags = tuple[str, ...]
"""Gazetteer-match flags of one token, e.g. ("gCBm",) or ("gPI",)."""


class Gazetteers:
    """Word lists baked into the model at training time, with the lookups the features need."""

    def __init__(self, data: Mapping[str, Any]) -> None:
        """Index the model's "gaz" section: first names, lexicon, multi-token place lists."""
        self.first_names: set[str] = set(data.get("first", []))
        self.lexicon: set[str] = set(data.get("lex", []))  # words commonly seen lower-case
        # type -> {first token: lengths, longest first}; type -> set of token tuples
        self.span_gaz: dict[str, dict[str, list[int]]] = {}
        self.span_sets: dict[str, set[tuple[str, ...]]] = {}
        for typ, entries in data.get("spans", {}).items():
            first: dict[str, set[int]] = {}
            sset: set[tuple[str, ...]] = set()
            for ent in entries:
                toks = tuple(ent.split(" "))
                sset.add(toks)
                first.setdefault(toks[0], set()).add(len(toks))
            self.span_gaz[typ] = {k: sorted(v, reverse=True) for k, v in first.items()}
            self.span_sets[typ] = sset
        # all types merged: first token -> [(length, type)], longest first
        self.first_all: dict[str, list[tuple[int, str]]] = {}
        for typ in sorted(self.span_gaz):
            for k, lens in self.span_gaz[typ].items():
                self.first_all.setdefault(k, []).extend((length, typ) for length in lens)
        for v in self.first_all.values():
            v.sort(key=lambda x: -x[0])

    def word_flags(self, w: str) -> list[str]:
        """Per-word flags: a known first name, a title, or a capitalised common word."""
        f = []
        low = w.lower()
        if w[:1].isupper():
            if low in self.first_names:
                f.append("fn")
            if low in self.lexicon:
                f.append("lexC")  # capitalised but a common lower-case word
            elif not w.isupper():
                f.append("nolex")
        if low in TITLES:
            f.append("title")
        return f

    def span_flags(self, lows: Sequence[str], caps: Sequence[bool]) -> list[SpanFlags]:
        """Longest-match multi-token gazetteer flags per token (B/I per list type).

        Multi-token matching is what lets "New York" or "South Korea" count as one place
        while "New" alone does not. Only tokens with `caps` true start a match: the
        capitalised ones, or (the tagger's short cut) those of them whose lower form begins
        an entry, the only ones that can.
        """
        n = len(lows)
        out: list[SpanFlags] = [()] * n
        first = self.first_all
        nxt: dict[str, int] = {}
        for i in [i for i in range(n) if caps[i]]:
            cands = first.get(lows[i])
            if cands is None:
                continue
            done: tuple[str, ...] = ()
            for length, typ in cands:
                if typ in done or nxt.get(typ, 0) > i or i + length > n:
                    continue
                if length == 1 or tuple(lows[i : i + length]) in self.span_sets[typ]:
                    done += (typ,)
                    out[i] = (*out[i], "g" + typ + ("B1" if length == 1 else "Bm"))
                    for j in range(i + 1, i + length):
                        out[j] = (*out[j], "g" + typ + "I")
                    nxt[typ] = i + length
        return out


def static_features(
    w: str,
    gaz: Gazetteers,
    low: str | None = None,
    sh: str | None = None,
    need0: bool = True,
) -> tuple[list[str] | None, list[str], list[str]]:
    """Word-only features for offset 0, for offsets ±1 and for offsets ±2 (unprefixed).

    They depend on the word alone, so the tagger can sum their weights once per distinct
    word. `need0=False` skips the offset-0 list (returned as None) for words the tagger
    rarely scores itself.
    """
    if low is None:
        low = lower_norm(w)
    if sh is None:
        sh = word_shape(w)
    flags = gaz.word_flags(w)
    f1 = ["w=" + low, "sh=" + sh, "s3=" + low[-3:]]
    f1.extend(flags)
    f2 = ["w=" + low, "sh=" + sh]
    f2.extend(flags)
    if not need0:
        return None, f1, f2
    f0 = ["w=" + low, "sh=" + sh]
    lw = len(low)
    if lw > 2:
        f0 += ("p2=" + w[:2], "s2=" + low[-2:])
        if lw > 3:
            f0 += ("p3=" + w[:3], "s3=" + low[-3:])
            if lw > 4:
                f0 += ("p4=" + w[:4], "s4=" + low[-4:])
    if w.isupper() and lw > 1:
        f0.append("allcaps")
    if "-" in w and lw > 1:
        f0.append("hyph")
        f0.append("hp=" + word_shape(w.split("-")[0]) + "-" + word_shape(w.split("-")[-1]))
    f0.extend(flags)
    return f0, f1, f2


def context_features(
    lows: Sequence[str],
    shapes: Sequence[str],
    span_flags: Sequence[SpanFlags],
    i: int,
    n: int,
) -> list[str]:
    """Features of token i that depend on its neighbours (but not on the predicted tags)."""
    f = []
    sh0 = shapes[i]
    shp = shapes[i - 1] if i > 0 else "<s>"
    shn = shapes[i + 1] if i + 1 < n else "</s>"
    wp = lows[i - 1] if i > 0 else "<s>"
    wn = lows[i + 1] if i + 1 < n else "</s>"
    if i == 0:
        f.append("init|" + sh0)
    f.append("shpc=" + shp + "|" + sh0 + "|" + shn)
    f.append("wp0=" + wp + "|" + lows[i])
    f.append("wps=" + wp + "|" + sh0)
    f.append("w0n=" + lows[i] + "|" + wn)
    if i == 0:
        f.append("-1w=<s>")
    elif i == 1:
        f.append("-2w=<s>")
    if i == n - 1:
        f.append("1w=</s>")
    elif i == n - 2:
        f.append("2w=</s>")
    f.extend("0" + g for g in span_flags[i])
    if i > 0:
        f.extend("-1" + g for g in span_flags[i - 1])
    if i + 1 < n:
        f.extend("1" + g for g in span_flags[i + 1])
    return f


def token_features(
    toks: Sequence[str],
    lows: Sequence[str],
    shapes: Sequence[str],
    spanf: Sequence[SpanFlags],
    i: int,
    gaz: Gazetteers,
) -> list[str]:
    """All feature strings of token i except the tag history: the slow path, for training."""
    n = len(toks)
    out: list[str] = []
    for off, idx in ((-2, 2), (-1, 1), (0, 0), (1, 1), (2, 2)):
        j = i + off
        if 0 <= j < n:
            out.extend(f"{off}{f}" for f in static_features(toks[j], gaz)[idx] or ())
    out.extend(context_features(lows, shapes, spanf, i, n))
    return out


def history_features(t1: str, t2: str, low0: str, sh0: str) -> list[str]:
    """Features of the two previous predicted tags, which make the tagger a sequence model."""
    return ["t1=" + t1, "t12=" + t1 + "|" + t2, "t1w=" + t1 + "|" + low0, "t1s=" + t1 + "|" + sh0]


def sentence_prep(
    tokens: Sequence[str], gaz: Gazetteers
) -> tuple[list[str], list[str], list[str], list[SpanFlags]]:
    """Normalised tokens, their lower forms, shapes and gazetteer flags, for `token_features`."""
    toks = [normalize_token(t) for t in tokens]
    lows = [lower_norm(t) for t in toks]
    shapes = [word_shape(t) for t in toks]
    caps = [t[:1].isupper() for t in toks]
    spans = gaz.span_flags(lows, caps)
    return toks, lows, shapes, spans
