"""The averaged-perceptron model, laid out for fast scoring in pure Python.

The file (gzip'd JSON) holds one sparse weight vector per feature string. Scoring a token
sums ~30 such vectors over 17 classes; done naively that is the whole run time, so at load
each vector is packed into one Python int (17 classes x 64-bit slots, each biased), making a
vector addition a single big-int addition, and the word-only part of the score is cached per
distinct token string.
"""

from __future__ import annotations

import gzip
import json
import struct
from collections.abc import Callable, Iterable, Mapping
from importlib.resources.abc import Traversable
from itertools import repeat
from pathlib import Path
from typing import Any

from briefing.analysis.ner.features import (
    TITLES,
    Gazetteers,
    lower_norm,
    static_features,
    word_shape,
)
from briefing.analysis.ner.tokens import normalize_token

_BIAS = 1 << 32
"""Added to every slot so no slot goes negative; weights are small integers (|w| << 2**32).

Every slot carries the same total bias, so the argmax over classes is unaffected.
"""

WordInfo = tuple[
    str,
    str,
    bool,
    int,
    int,
    int | None,
    int,
    int,
    dict[int, int] | None,
    dict[int, int] | None,
    bool,
    bool,
]
"""Cached data of one token string, indexed by position in the hot loop of `tag`:

0 lower form, 1 shape, 2 capitalised, 3-7 packed word-feature sums for the token seen at
offsets -2, -1, 0, +1, +2 (offset 0 is None for plain words, see `Model.word_v0`),
8 / 9 previous-tag x word / x shape vectors by previous-tag index, 10 plain (no capital
letter, no digit: lower-case words and punctuation), 11 may start a multi-token gazetteer
match (capitalised, and its lower form begins an entry: `Gazetteers.span_flags` tries only
those).
"""

_CACHE_LIMIT = 500_000
"""Distinct token strings kept in the word cache before it is cleared, bounding memory."""


def _pack(vals: Iterable[int]) -> int:
    """Pack per-class values into one int, class j in bits [64j, 64j + 64)."""
    v = 0
    for j, x in enumerate(vals):
        v |= (int(x) + _BIAS) << (64 * j)
    return v


class Model:
    """Weights, gazetteers and the lookup tables `tag` scores with."""

    def __init__(self, data: Mapping[str, Any]) -> None:
        """Build the packed tables from the decoded model file (see `scripts/train_ner.py`)."""
        self.classes: list[str] = data["classes"]
        nc = self.nc = len(self.classes)
        self.o_index = self.classes.index("O")
        self.ending = frozenset(k for k, c in enumerate(self.classes) if c[:2] in ("L-", "U-"))
        """The classes that end a name (BILOU L- and U-): what may follow is O or a new name."""
        self.shortcut = True
        """Skip scoring plain tokens after an O (see `tag`); False scores every token."""
        self.meta: dict[str, Any] = data.get("meta", {})
        self._sparse: dict[str, list[int]] = data["weights"]  # feature -> [idx, val, ...]
        self._raw: dict[str, list[int]] | None = None
        base = _pack([0] * nc)
        shifts = [64 * j for j in range(nc)]
        weights: dict[str, int] = {}
        for feat, sp in self._sparse.items():
            v = base
            for k in range(0, len(sp), 2):
                v += sp[k + 1] << shifts[sp[k]]
            weights[feat] = v
        self.weights = weights
        self.gaz = Gazetteers(data.get("gaz", {}))
        self.fmt = struct.Struct(f"<{nc}Q")
        self.nbytes = 8 * nc
        # tag-history tables, indexed by class index (nc = sentence start "<s>")
        names = [*self.classes, "<s>"]
        k_hist = nc + 1
        self.pair = [0] * (k_hist * k_hist)
        for a in range(k_hist):
            for b in range(k_hist):
                self.pair[a * k_hist + b] = weights.get("t1=" + names[a], 0) + weights.get(
                    "t12=" + names[a] + "|" + names[b], 0
                )
        # previous tag x word / previous tag x shape: word -> {previous-tag index: vector}
        self._t1w: dict[str, dict[int, int]] = {}
        self._t1s: dict[str, dict[int, int]] = {}
        idx = {nm: k for k, nm in enumerate(names)}
        for f, v in weights.items():
            if f.startswith(("t1w=", "t1s=")):
                t1, _, rest = f[4:].partition("|")
                table = self._t1w if f[2] == "w" else self._t1s
                table.setdefault(rest, {})[idx[t1]] = v
        # sentence-boundary constants
        self.bnd = {k: weights.get(k, 0) for k in ("-1w=<s>", "-2w=<s>", "1w=</s>", "2w=</s>")}
        # word-only features split by offset prefix, for cheap per-word lookups
        self._woff: tuple[dict[str, int], ...] = tuple({} for _ in range(5))
        for f, v in weights.items():
            for k, p in enumerate(("-2", "-1", "0", "1", "2")):
                if f.startswith(p) and f[len(p) : len(p) + 1].isalpha():
                    self._woff[k][f[len(p) :]] = v
                    break
        self._cache: dict[str, WordInfo] = {}
        self.after_word = _split_pairs(weights, "wp0=")
        self.before_word = _split_pairs(weights, "w0n=")
        self.after_word_shape = _split_pairs(weights, "wps=")
        """The two-word features (previous word and this word, this word and the next,
        previous word and this shape) by their first part, then their second: looked up by
        the words themselves, with no feature string built (most pairs have no weight)."""
        self.shape_context: dict[tuple[str, str, str], int] = {}
        """(previous word, own shape) and (previous, own, next shape) -> the packed weight of
        that feature, filled by `tag`: they repeat, and building and hashing the feature
        string each time cost more. Emptied with the word cache."""
        self.cached_word_info: Callable[[str], WordInfo | None] = self._cache.get
        """`word_info(w)` if it is cached already, else None: one dict look-up, no call."""
        self._v0cache: dict[str, int] = {}
        self._lower_parts: dict[bool, tuple[int, int, int, int]] = {}
        self._letters_parts: dict[tuple[str, tuple[str, ...], bool], tuple[int, ...]] = {}
        for w in data.get("warm", ()):  # precompute frequent words
            self.word_info(w)

    @property
    def raw(self) -> dict[str, list[int]]:
        """Unpacked weight vectors (for inspection and the reference scorer), built once."""
        if self._raw is None:
            out = {}
            for feat, sp in self._sparse.items():
                v = [0] * self.nc
                for k in range(0, len(sp), 2):
                    v[sp[k]] = sp[k + 1]
                out[feat] = v
            self._raw = out
        return self._raw

    def word_info(self, w: str) -> WordInfo:
        """Everything about token string w that does not depend on context, cached.

        About 60% of tokens are plain words mostly skipped by `tag`, so their own (offset 0)
        vector is left to `word_v0`, computed only when needed.
        """
        r = self._cache.get(w)
        if r is None:
            if w.isascii() and w.isalpha():
                r = self._lower_word_info(w) if w.islower() else self._letters_word_info(w)
            else:
                r = self._any_word_info(w)
            self._remember(w, r)
        return r

    def _any_word_info(self, w: str) -> WordInfo:
        """`word_info` computed from the word's features, for any token."""
        nw = normalize_token(w)
        low = lower_norm(nw)
        sh = word_shape(nw)
        plain = nw == low and not any(c.isdigit() for c in nw)
        f0, f1, f2 = static_features(nw, self.gaz, low, sh, need0=not plain)
        wm2, wm1, w0, wp1, wp2 = self._woff
        z1 = repeat(0, len(f1))
        z2 = repeat(0, len(f2))
        return (
            low,
            sh,
            nw[:1].isupper(),
            sum(map(wm2.get, f2, z2)),
            sum(map(wm1.get, f1, z1)),
            None if f0 is None else sum(map(w0.get, f0, repeat(0))),
            sum(map(wp1.get, f1, repeat(0))),
            sum(map(wp2.get, f2, repeat(0))),
            self._t1w.get(low),
            self._t1s.get(sh),
            plain,
            nw[:1].isupper() and low in self.gaz.first_all,
        )

    def _remember(self, w: str, r: WordInfo) -> None:
        if len(self._cache) > _CACHE_LIMIT:
            self._cache.clear()
            self._v0cache.clear()
        self._cache[w] = r

    def _lower_word_info(self, w: str) -> WordInfo:
        """`word_info` of a lower-case ASCII word, the bulk of the words a text brings: its
        shape is "x" and its only possible flag "title", so those features' sums are shared
        (`_lower_parts`) and only the word and its suffix are looked up."""
        parts = self._lower_parts.get(w in TITLES)
        if parts is None:
            parts = self._lower_parts[w in TITLES] = self._shared_sums(w in TITLES)
        m2, m1, p1, p2 = parts
        wm2, wm1, _, wp1, wp2 = self._woff
        word = "w=" + w
        suffix = "s3=" + w[-3:]
        return (
            w,
            "x",
            False,
            wm2.get(word, 0) + m2,
            wm1.get(word, 0) + wm1.get(suffix, 0) + m1,
            None,
            wp1.get(word, 0) + wp1.get(suffix, 0) + p1,
            wp2.get(word, 0) + p2,
            self._t1w.get(w),
            self._t1s.get("x"),
            True,
            False,
        )

    def _letters_word_info(self, w: str) -> WordInfo:
        """`word_info` of an ASCII word of letters with a capital in it ("Lopez", "NATO",
        "iPhone"), most of the new words a text brings after the lower-case ones. Of its
        features only the word, its prefixes and its suffixes are its own; the shape, the
        word-list flags and "allcaps" are shared by many such words, so their sums are too
        (`_letters_parts`, by those three)."""
        low = w.lower()
        sh = "Xx" if w[1:].islower() else word_shape(w)
        flags = tuple(self.gaz.word_flags(w))
        allcaps = len(w) > 1 and w.isupper()
        parts = self._letters_parts.get((sh, flags, allcaps))
        if parts is None:
            shared = ["sh=" + sh, *flags]
            own = [*shared, "allcaps"] if allcaps else shared
            parts = self._letters_parts[sh, flags, allcaps] = tuple(
                sum(map(table.get, features, repeat(0)))
                for table, features in zip(
                    self._woff, (shared, shared, own, shared, shared), strict=True
                )
            )
        wm2, wm1, w0, wp1, wp2 = self._woff
        m2, m1, o, p1, p2 = parts
        word = "w=" + low
        suffix = "s3=" + low[-3:]
        v0 = w0.get(word, 0) + o
        n = len(low)
        if n > 2:
            v0 += w0.get("p2=" + w[:2], 0) + w0.get("s2=" + low[-2:], 0)
            if n > 3:
                v0 += w0.get("p3=" + w[:3], 0) + w0.get(suffix, 0)
                if n > 4:
                    v0 += w0.get("p4=" + w[:4], 0) + w0.get("s4=" + low[-4:], 0)
        return (
            low,
            sh,
            w[0].isupper(),
            wm2.get(word, 0) + m2,
            wm1.get(word, 0) + wm1.get(suffix, 0) + m1,
            v0,
            wp1.get(word, 0) + wp1.get(suffix, 0) + p1,
            wp2.get(word, 0) + p2,
            self._t1w.get(low),
            self._t1s.get(sh),
            False,
            w[0].isupper() and low in self.gaz.first_all,
        )

    def _shared_sums(self, title: bool) -> tuple[int, int, int, int]:
        """Offsets -2, -1, +1, +2: the summed weights of the shape "x" (and the title flag)."""
        shared = ["sh=x", "title"] if title else ["sh=x"]
        wm2, wm1, _, wp1, wp2 = self._woff
        return (
            sum(map(wm2.get, shared, repeat(0))),
            sum(map(wm1.get, shared, repeat(0))),
            sum(map(wp1.get, shared, repeat(0))),
            sum(map(wp2.get, shared, repeat(0))),
        )

    def word_v0(self, w: str) -> int:
        """Offset-0 word vector of a plain word, for the rare times `tag` scores one; cached."""
        v = self._v0cache.get(w)
        if v is None:
            nw = normalize_token(w)
            f0 = static_features(nw, self.gaz)[0] or []
            v = self._v0cache[w] = sum(map(self._woff[2].get, f0, repeat(0)))
        return v


def _split_pairs(weights: Mapping[str, int], prefix: str) -> dict[str, dict[str, int]]:
    """{first: {second: weight}} of the features `prefix + first + "|" + second`."""
    out: dict[str, dict[str, int]] = {}
    for feature, weight in weights.items():
        if feature.startswith(prefix):
            first, bar, second = feature[len(prefix) :].partition("|")
            if bar and "|" not in second:
                out.setdefault(first, {})[second] = weight
    return out


def read_model(source: Path | Traversable) -> Model:
    """Decode a gzip'd JSON model file (a path or a package resource) into a `Model`."""
    with source.open("rb") as raw, gzip.open(raw, "rt", encoding="utf-8") as fh:
        return Model(json.load(fh))
