"""Feature strings of a token, shared by training and tagging so the two can never disagree.

`scripts/train_ner.py` builds its feature strings with these functions and stores one weight
vector per string; the fast scorer in `model` / `tagger` looks the same strings up, only
precomputed per word. Gazetteers (first names, places, a lower-case lexicon) travel inside the
model file, so nothing here needs a package beyond the standard library.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Container, Iterable, Mapping, Sequence
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

GazRecord = tuple[tuple[str, ...], tuple[object, ...]]
"""What the gazetteers hold about one lower-case word: the names of the word lists it is in
("first", "lex"), and the multi-token entries it begins, flat: (type, the entry's further
tokens as a tuple, type, further tokens, ...)."""


def gazetteer_records(data: Mapping[str, Any]) -> dict[str, GazRecord]:
    """The model's "gaz" section (word lists, and "spans": type -> entries) word by word, in
    a canonical order: how the model file stores it (`model.compile_model`), so that only the
    words a text brings are ever read."""
    lists: dict[str, list[str]] = {}
    for name in sorted(k for k in data if k != "spans"):
        for word in data[name]:
            lists.setdefault(word, []).append(name)
    spans: dict[str, list[object]] = {}
    for typ in sorted(data.get("spans", {})):
        for entry in sorted(data["spans"][typ]):
            first, *rest = entry.split(" ")
            spans.setdefault(first, []).extend((typ, tuple(rest)))
    return {
        word: (tuple(sorted(set(lists.get(word, ())))), tuple(spans.get(word, ())))
        for word in sorted(lists.keys() | spans.keys())
    }


class _GazWord:
    """One word's gazetteer facts, as `Gazetteers` looks them up (kept small: a long text
    looks up tens of thousands of words)."""

    __slots__ = ("continuations", "lists", "starts")

    def __init__(self, record: GazRecord) -> None:
        lists, spans = record
        self.lists = lists
        """The names of the word lists the word is in."""
        self.starts: tuple[tuple[int, str], ...] = ()
        """The entries this word begins, as (length in tokens, type)."""
        self.continuations: dict[str, set[tuple[str, ...]]] | None = None
        """Type -> the further tokens of each multi-token entry this word begins."""
        if spans:  # most words of the lists begin no entry: nothing more to work out
            self._read_entries(spans)

    def _read_entries(self, spans: tuple[object, ...]) -> None:
        """`starts` and `continuations` from the record's (type, further tokens) pairs."""
        lengths: dict[str, set[int]] = {}
        continuations: dict[str, set[tuple[str, ...]]] = {}
        for k in range(0, len(spans), 2):
            typ = str(spans[k])
            rest = spans[k + 1]
            assert isinstance(rest, tuple)
            lengths.setdefault(typ, set()).add(len(rest) + 1)
            if rest:
                continuations.setdefault(typ, set()).add(rest)
        # all types merged: [(length, type)], longest first, types in sorted order within a length
        starts = [(n, typ) for typ in sorted(lengths) for n in sorted(lengths[typ], reverse=True)]
        starts.sort(key=lambda x: -x[0])
        self.starts = tuple(starts)
        self.continuations = continuations or None


NOT_LISTED = _GazWord(((), ()))
"""What `Gazetteers.word` says of a word in no list."""


def flags_of(w: str, low: str, lists: tuple[str, ...]) -> tuple[str, ...]:
    """`Gazetteers.word_flags` of word `w`, given its lower form and the lists that form is
    in, which a caller may know without asking the gazetteers (`Model._letters_word_info`)."""
    f: tuple[str, ...] = ()
    if w[:1].isupper():
        if "first" in lists:
            f = ("fn",)
        if "lex" in lists:
            f += ("lexC",)  # capitalised but a common lower-case word
        elif not w.isupper():
            f += ("nolex",)
    if low in TITLES:
        f += ("title",)
    return f


class _InList(Container[str]):
    """Membership of one word list ("first names"), looked up word by word."""

    def __init__(self, gaz: Gazetteers, name: str) -> None:
        self._gaz = gaz
        self._name = name

    def __contains__(self, word: object) -> bool:
        return isinstance(word, str) and self._name in self._gaz.word(word).lists


_ABSENT_LIMIT = 200_000
"""Words remembered as in no list before that memory is emptied (it only saves look-ups)."""


class Gazetteers:
    """Word lists baked into the model at training time, with the lookups the features need.

    Looked up word by word, and only the words a text brings are read: `records` gives a
    word's `GazRecord`, or None (the model file's table; or, for training, a dict of them).
    """

    def __init__(self, records: Callable[[str], GazRecord | None]) -> None:
        self._records = records
        self._words: dict[str, _GazWord] = {}
        self._absent: set[str] = set()
        self.first_names: Container[str] = _InList(self, "first")
        """Lower-case first names."""
        self.lexicon: Container[str] = _InList(self, "lex")
        """Words commonly seen in lower case."""

    @classmethod
    def from_data(cls, data: Mapping[str, Any]) -> Gazetteers:
        """From the "gaz" section of a training output (all of it read at once)."""
        return cls(gazetteer_records(data).get)

    def word(self, low: str) -> _GazWord:
        """What the lists say about one lower-case word, cached."""
        found = self._words.get(low)
        if found is not None:
            return found
        if low in self._absent:
            return NOT_LISTED
        record = self._records(low)
        if record is None:
            if len(self._absent) > _ABSENT_LIMIT:
                self._absent.clear()
            self._absent.add(low)
            return NOT_LISTED
        found = self._words[low] = _GazWord(record)
        return found

    def begins(self, low: str) -> bool:
        """Whether a multi-token (or one-token) list entry starts with this word."""
        return bool(self.word(low).starts)

    def word_flags(self, w: str) -> list[str]:
        """Per-word flags: a known first name, a title, or a capitalised common word."""
        f = []
        low = w.lower()
        if w[:1].isupper():
            lists = self.word(low).lists
            if "first" in lists:
                f.append("fn")
            if "lex" in lists:
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
        return self.span_flags_at(lows, [i for i in range(len(lows)) if caps[i]])

    def span_flags_at(self, lows: Sequence[str], firsts: Iterable[int]) -> list[SpanFlags]:
        """`span_flags` with the indices of the tokens that may start a match given, in
        order, instead of a flag for every token (the tagger knows them)."""
        n = len(lows)
        out: list[SpanFlags] = [()] * n
        nxt: dict[str, int] = {}
        for i in firsts:
            word = self.word(lows[i])
            if not word.starts:
                continue
            done: tuple[str, ...] = ()
            for length, typ in word.starts:
                if typ in done or nxt.get(typ, 0) > i or i + length > n:
                    continue
                if length == 1 or (
                    word.continuations is not None
                    and tuple(lows[i + 1 : i + length]) in word.continuations[typ]
                ):
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
