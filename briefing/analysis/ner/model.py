"""The averaged-perceptron model, laid out for fast scoring and a fast start in pure Python.

Scoring a token sums ~30 sparse weight vectors over 17 classes; done naively that is the whole
run time, so each vector is packed into one Python int (class j in bits [32j, 32j + 32), signed
weights added as plain integers), making a vector addition a single big-int addition, and the
word-only part of the score is cached per distinct token string.

The model file (`compile_model` writes it, `read_model` reads it) holds those packed ints
ready-made, in a table (`packed.Table`) read in place: the features of one word (its weights at
each offset, after each tag, with each neighbour) and its gazetteer entries are one record,
and each affix's features another. Only the records of the words a text brings are ever
decoded, so the model opens in a millisecond and a short article pays for a few hundred words,
not for 60,000. The few features not tied to a word (shapes, tag history, flags) are read at
once.
"""

from __future__ import annotations

import mmap
import struct
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from briefing.analysis.ner.features import (
    NOT_LISTED,
    TITLES,
    Gazetteers,
    GazRecord,
    flags_of,
    gazetteer_records,
    lower_norm,
    static_features,
    word_shape,
)
from briefing.analysis.ner.packed import Table, dumps, loads, pack_table
from briefing.analysis.ner.tokens import normalize_token

if TYPE_CHECKING:
    from importlib.resources.abc import Traversable

MAGIC = b"briefing-ner-model/3\n"
"""The model file's first bytes: its format and version."""

SLOT_BITS = 32
"""Bits per class in a packed vector. A class's score is a sum of signed weights that is
shifted into [0, 2**32) only at the argmax (`Model.offset`), so a slot holds any sum under
2**31 in magnitude: thousands of times the largest a token gets (about 60 weights of at most
a few hundred)."""

_U32 = struct.Struct("<I")

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
match (capitalised, and its lower form begins an entry: `Gazetteers.span_flags_at` tries only
those).
"""

_CACHE_LIMIT = 500_000
"""Distinct token strings kept in the word cache before it is cleared, bounding memory."""

_ABSENT_LIMIT = 200_000
"""Record keys remembered as absent from the file before that memory is emptied."""

OFFSETS = ("-2", "-1", "0", "1", "2")
"""Prefixes of the word-only features by the position of the word they describe."""

WORD_KEYED = ("w=", "p2=", "p3=", "p4=", "s2=", "s3=", "s4=")
"""Word-only features with a value per word or affix, thousands of them: stored in records
(a word's under "w=" + the word, an affix's under its own name), read when first needed."""

_PAIRS = ("wp0=", "w0n=", "wps=")
"""Two-part features whose first part is a word ("wp0=" previous word | this word, "w0n="
this word | next word, "wps=" previous word | this shape): stored in that word's record."""


def offset_of(feature: str) -> int:
    """Index in `OFFSETS` of a word-only feature ("-1w=paris" -> 1), or -1 for any other."""
    first = feature[:1]
    if first == "-":
        k = "21".find(feature[1:2])  # "-2" -> 0, "-1" -> 1
        return k if k >= 0 and feature[2:3].isalpha() else -1
    k = "012".find(first)
    return k + 2 if k >= 0 and first and feature[1:2].isalpha() else -1


def group_of(feature: str) -> str | None:
    """The record a feature is stored in, or None for the features read at load.

    A word's record ("w=" + word) holds its word features at every offset, the previous-tag x
    word features and the pairs it begins; an affix's ("s3=ing") its features at every offset.
    A family not named here (a feature added later) is read at load: right, only slower.
    """
    k = offset_of(feature)
    if k >= 0:
        rest = feature[len(OFFSETS[k]) :]
        return rest if rest.startswith(WORD_KEYED) else None
    head = feature[:4]
    if head == "t1w=":
        return "w=" + feature[4:].partition("|")[2]
    if head in _PAIRS:
        return "w=" + feature[4:].partition("|")[0]
    return None


def _stem(key: str) -> str:
    """What a record's feature names are written relative to: its word, or its affix."""
    return key[2:] if key.startswith("w=") else key


_PLACEHOLDER = "\0"
"""Stands for a record's stem in its feature names ("t1w=O|\\0"): the word is not repeated."""


def pack(sparse: Sequence[int]) -> int:
    """Pack a sparse vector [class, weight, class, weight, ...] into one int."""
    v = 0
    for k in range(0, len(sparse), 2):
        weight = int(sparse[k + 1])
        if not -(1 << (SLOT_BITS - 1)) < weight < 1 << (SLOT_BITS - 1):
            raise ValueError(f"weight {weight} does not fit a {SLOT_BITS}-bit slot")
        v += weight << (SLOT_BITS * int(sparse[k]))
    return v


def unpack(v: int, nc: int) -> list[int]:
    """The per-class values of a packed int (`pack` reversed)."""
    half = 1 << (SLOT_BITS - 1)
    offset = sum(half << (SLOT_BITS * j) for j in range(nc))
    raw = (v + offset).to_bytes(SLOT_BITS // 8 * nc, "little")
    return [x - half for x in struct.unpack(f"<{nc}I", raw)]


Buffer = bytes | mmap.mmap
"""A model file's bytes: read, or mapped from the file."""

Encoded = tuple[tuple[str, ...], tuple[int, ...]]
"""Features as stored: their names (a record's word written as `_PLACEHOLDER`) and their
packed vectors (`pack`), read at C speed."""


def _encode(features: Sequence[str], weights: Mapping[str, Sequence[int]], stem: str) -> Encoded:
    if _PLACEHOLDER in "".join(features):
        raise ValueError("a feature name holds a NUL character")
    names = tuple(f.replace(stem, _PLACEHOLDER) for f in features) if stem else tuple(features)
    return names, tuple(pack(weights[f]) for f in features)


def compile_model(data: Mapping[str, Any]) -> bytes:
    """The model file for a training output (`scripts/train_ner.py`'s dict: "classes",
    "weights" feature -> sparse [class, weight x scale, ...], "gaz", "meta").

    Deterministic: the same data gives the same bytes. Other top-level entries travel in the
    head, except "warm" (words the old loader precomputed; records made that pointless).
    """
    weights: Mapping[str, Sequence[int]] = data["weights"]
    eager: list[str] = []
    groups: dict[str, list[str]] = {}
    for feature in sorted(weights):
        group = group_of(feature)
        if group is None:
            eager.append(feature)
        else:
            groups.setdefault(group, []).append(feature)
    gaz = data.get("gaz", {})
    lists = sorted(k for k in gaz if k != "spans")
    types = sorted(gaz.get("spans", {}))
    records: dict[str, list[object]] = {
        key: [_encode(features, weights, _stem(key)), None] for key, features in groups.items()
    }
    for word, (in_lists, spans) in gazetteer_records(gaz).items():
        mask = sum(1 << lists.index(name) for name in in_lists)
        entries = tuple(types.index(x) if k % 2 == 0 else x for k, x in enumerate(spans))
        records.setdefault("w=" + word, [None, None])[1] = (mask, entries)
    import json  # building only

    # the rest as JSON would have it (sorted keys, lists), so the training script's dict and
    # its JSON give the same file
    rest = {k: v for k, v in data.items() if k not in ("weights", "gaz", "warm")}
    head: dict[str, Any] = json.loads(json.dumps(rest, sort_keys=True))
    head["eager"] = tuple(x for feature in eager for x in (feature, pack(weights[feature])))
    head["gaz_lists"] = tuple(lists)
    head["gaz_types"] = tuple(types)
    head_bytes = dumps(head)
    table = pack_table({key: tuple(record) for key, record in records.items()})
    return MAGIC + _U32.pack(len(head_bytes)) + head_bytes + table


def _split(blob: Buffer) -> tuple[dict[str, Any], memoryview]:
    """The head and the record table of a model file; the table a view, not a copy."""
    if bytes(blob[: len(MAGIC)]) != MAGIC:
        raise ValueError("not a briefing NER model file (or one of another format version)")
    start = len(MAGIC)
    (size,) = _U32.unpack_from(blob, start)
    start += _U32.size
    head: dict[str, Any] = loads(bytes(blob[start : start + size]))
    return head, memoryview(blob)[start + size :]


def _decode(encoded: Encoded, stem: str) -> list[tuple[str, int]]:
    """(feature, packed vector) of `Encoded` features."""
    names, values = encoded
    if stem:
        names = tuple(name.replace(_PLACEHOLDER, stem) for name in names)
    return list(zip(names, values, strict=True))


def model_data(blob: bytes) -> dict[str, Any]:
    """The training output a model file was compiled from (`compile_model` reversed, less
    "warm"): for inspection, export, and to check that the file is what the build makes."""
    head, rest = _split(blob)
    nc = len(head["classes"])
    weights: dict[str, list[int]] = {}
    words: dict[str, list[str]] = {name: [] for name in head["gaz_lists"]}
    spans: dict[str, list[str]] = {typ: [] for typ in head["gaz_types"]}

    def add(features: list[tuple[str, int]]) -> None:
        for feature, v in features:
            values = unpack(v, nc)
            weights[feature] = [x for j, w in enumerate(values) if w for x in (j, w)]

    eager = head["eager"]
    add([(eager[k], eager[k + 1]) for k in range(0, len(eager), 2)])
    for key, (encoded, gaz) in Table(rest).items():
        if encoded is not None:
            add(_decode(encoded, _stem(key)))
        if gaz is not None:
            mask, entries = gaz
            for k, name in enumerate(head["gaz_lists"]):
                if mask >> k & 1:
                    words[name].append(key[2:])
            for k in range(0, len(entries), 2):
                spans[head["gaz_types"][entries[k]]].append(" ".join((key[2:], *entries[k + 1])))
    out = {k: v for k, v in head.items() if k not in ("eager", "gaz_lists", "gaz_types")}
    out["weights"] = dict(sorted(weights.items()))
    gaz_out: dict[str, Any] = {name: sorted(found) for name, found in words.items()}
    if spans:
        gaz_out["spans"] = {typ: sorted(found) for typ, found in spans.items()}
    out["gaz"] = gaz_out
    return out


class _Lazy(dict[str, int]):
    """A feature table (word-only features at one offset) that reads a missing key's record
    from the model file the first time it is asked for; `t[k]` (not `.get`) does."""

    def __init__(self, load: Callable[[str], bool]) -> None:
        super().__init__()
        self._load = load

    def __missing__(self, key: str) -> int:
        if key.startswith(WORD_KEYED) and self._load(key):
            return self.get(key, 0)
        return 0


class Model:
    """Weights, gazetteers and the lookup tables `tag` scores with."""

    def __init__(self, blob: Buffer) -> None:
        """Open a model file's bytes (see `compile_model`), or a map of the file; records are
        read as needed."""
        head, rest = _split(blob)
        self.classes: list[str] = list(head["classes"])
        nc = self.nc = len(self.classes)
        self.o_index = self.classes.index("O")
        self.ending = frozenset(k for k, c in enumerate(self.classes) if c[:2] in ("L-", "U-"))
        """The classes that end a name (BILOU L- and U-): what may follow is O or a new name."""
        self.shortcut = True
        """Skip scoring plain tokens after an O (see `tag`); False scores every token."""
        self.meta: dict[str, Any] = head.get("meta", {})
        self._table = Table(rest)
        self._gaz_lists: tuple[str, ...] = head["gaz_lists"]
        self._gaz_types: tuple[str, ...] = head["gaz_types"]
        self._lists_of_mask: dict[int, tuple[str, ...]] = {}
        """A word record's bit mask of gazetteer lists -> the names of those lists."""
        self._loaded: set[str] = set()
        self._slots: dict[str, tuple[bool, Any, str | int]] = {}
        """A record's stored feature name -> where `_place` puts it (`_slot_of`)."""
        self._gaz_parts: dict[str, tuple[int, tuple[Any, ...]]] = {}
        """The gazetteer parts of the word records `_load` read, for `Gazetteers` to ask for
        without reading the record a second time."""
        self._absent: set[str] = set()
        self.weights: dict[str, int] = {}
        """The features read at load (not tied to a word: shapes, tag history, gazetteer
        flags), by their full string; `weight` finds any feature."""
        self.fmt = struct.Struct(f"<{nc}I")
        self.nbytes = SLOT_BITS // 8 * nc
        self.offset = sum((1 << (SLOT_BITS - 1)) << (SLOT_BITS * j) for j in range(nc))
        """Added to a token's summed vector before unpacking it: every slot in range, and
        every class shifted alike, so the argmax is the argmax of the scores."""
        names = [*self.classes, "<s>"]  # tag-history index nc = sentence start "<s>"
        self._tag_index = {nm: k for k, nm in enumerate(names)}
        self._woff: tuple[dict[str, int], ...] = tuple(_Lazy(self._load) for _ in OFFSETS)
        self._t1w: dict[str, dict[int, int]] = {}
        self._t1s: dict[str, dict[int, int]] = {}
        self.after_word: dict[str, dict[str, int]] = {}
        self.before_word: dict[str, dict[str, int]] = {}
        self.after_word_shape: dict[str, dict[str, int]] = {}
        """The two-word features (previous word and this word, this word and the next,
        previous word and this shape) by their first part, then their second: looked up by
        the words themselves, with no feature string built (most pairs have no weight).
        Filled word by word, as `word_info` meets the first part."""
        eager = head["eager"]  # (feature, packed vector, ...): ready-made, read at C speed
        for k in range(0, len(eager), 2):
            self._place(eager[k], eager[k + 1], True)
        self.gaz = Gazetteers(self._gaz_record)
        # tag-history tables, indexed by class index (nc = sentence start "<s>")
        k_hist = nc + 1
        self.pair = [0] * (k_hist * k_hist)
        for a in range(k_hist):
            for b in range(k_hist):
                self.pair[a * k_hist + b] = self.weights.get("t1=" + names[a], 0) + (
                    self.weights.get("t12=" + names[a] + "|" + names[b], 0)
                )
        # sentence-boundary constants (their records hold the pairs that begin a sentence too)
        self.bnd = {
            k: self._woff[offset_of(k)][k[len(OFFSETS[offset_of(k)]) :]]
            for k in ("-1w=<s>", "-2w=<s>", "1w=</s>", "2w=</s>")
        }
        self._cache: dict[str, WordInfo] = {}
        self.shape_context: dict[tuple[str, str, str], int] = {}
        """(previous word, own shape) and (previous, own, next shape) -> the packed weight of
        that feature, filled by `tag`: they repeat, and building and hashing the feature
        string each time cost more. Emptied with the word cache."""
        self.cached_word_info: Callable[[str], WordInfo | None] = self._cache.get
        """`word_info(w)` if it is cached already, else None: one dict look-up, no call."""
        self._v0cache: dict[str, int] = {}
        self._lower_parts: dict[bool, tuple[int, int, int, int]] = {}
        self._letters_parts: dict[tuple[str, tuple[str, ...], bool], tuple[int, ...]] = {}

    def _place(self, feature: str, v: int, eager: bool) -> None:
        """Put one feature's packed vector where `tag` and `word_info` look for it; one read
        at load (`eager`, not in a record) goes in `weights` too."""
        k = offset_of(feature)
        head = feature[:4]
        if k >= 0:
            dict.__setitem__(self._woff[k], feature[len(OFFSETS[k]) :], v)
        elif head in ("t1w=", "t1s="):
            t1, _, rest = feature[4:].partition("|")
            table = self._t1w if head == "t1w=" else self._t1s
            table.setdefault(rest, {})[self._tag_index[t1]] = v
        elif head in _PAIRS:
            first, bar, second = feature[4:].partition("|")
            if bar and "|" not in second:
                self._pair_table(head).setdefault(first, {})[second] = v
        if eager:
            self.weights[feature] = v

    def _place_record(self, encoded: Encoded, stem: str) -> None:
        """`_place` every feature of a record, as `_decode` would spell them, by the slot its
        stored name always maps to (`_slot_of`): the names repeat from word to word ("-1w=\\0",
        "t1w=B-PER|\\0"), so each is parsed once, not once a word."""
        if "|" in stem:  # the word would split a pair's name elsewhere: parse each in full
            for feature, v in _decode(encoded, stem):
                self._place(feature, v, False)
            return
        slots = self._slots
        for name, v in zip(*encoded, strict=True):
            slot = slots.get(name)
            if slot is None:
                slot = slots[name] = self._slot_of(name)
            nested, table, part = slot
            if table is None:
                self._place(name.replace(_PLACEHOLDER, stem), v, False)
            elif nested:
                table.setdefault(stem, {})[part] = v
            else:
                dict.__setitem__(table, f"{part}{stem}", v)

    def _slot_of(self, name: str) -> tuple[bool, Any, str | int]:
        """Where `_place` puts a record's feature stored as `name`, the same for any stem
        without a "|": (False, a word-feature table, the key's text before the stem), (True, a
        table of tables by stem, the key inside), or (False, None, "") for a name to parse
        in full."""
        full: tuple[bool, Any, str | int] = (False, None, "")
        if name.count(_PLACEHOLDER) != 1:
            return full
        for k, offset in enumerate(OFFSETS):
            if name.startswith(offset) and name.endswith(_PLACEHOLDER):
                before = name[len(offset) : -1]
                # the record's key is `before` + stem: a word's "w=" + word, or an affix's
                # own key ("s3=ing"), whose first letter `offset_of` sees
                return (False, self._woff[k], before) if before in ("", "w=") else full
        head = name[:4]
        if head == "t1w=" and name.endswith("|" + _PLACEHOLDER):
            tag = name[4:-2]
            if tag in self._tag_index and "|" not in tag:
                return True, self._t1w, self._tag_index[tag]
        elif head in _PAIRS and name[4:6] == _PLACEHOLDER + "|" and "|" not in name[6:]:
            return True, self._pair_table(head), name[6:]
        return full

    def _pair_table(self, head: str) -> dict[str, dict[str, int]]:
        """The table of a pair feature ("wp0=", "w0n=" or the word-shape pair), by its head."""
        if head == "wp0=":
            return self.after_word
        return self.before_word if head == "w0n=" else self.after_word_shape

    def _features(self, key: str) -> list[tuple[str, int]] | None:
        """The features of record `key` decoded, or None if the file has no such record."""
        record = self._table.get(key)
        if record is None:
            return None
        encoded = record[0]
        return [] if encoded is None else _decode(encoded, _stem(key))

    def _load(self, key: str) -> bool:
        """Read record `key` into the tables once; whether the file has it."""
        if key in self._loaded:
            return True
        if key in self._absent:
            return False
        record = self._table.get(key)
        if record is None:
            if len(self._absent) > _ABSENT_LIMIT:
                self._absent.clear()
            self._absent.add(key)
            return False
        encoded, gaz = record
        if encoded is not None:
            self._place_record(encoded, _stem(key))
        if gaz is not None:
            self._gaz_parts[key] = gaz
        self._loaded.add(key)  # after the tables are filled: another thread may be reading
        return True

    def _gaz_record(self, low: str) -> GazRecord | None:
        """The gazetteer part of a word's record, for `Gazetteers` (which keeps it)."""
        key = "w=" + low
        if key in self._loaded:  # read already: its gazetteer part was kept, if any
            gaz = self._gaz_parts.get(key)
        elif key in self._absent:
            return None
        else:
            record = self._table.get(key)
            gaz = None if record is None else record[1]
        if gaz is None:
            return None
        mask, entries = gaz
        lists = self._lists_of_mask.get(mask)
        if lists is None:  # a handful of masks: their names worked out once each
            lists = tuple(name for k, name in enumerate(self._gaz_lists) if mask >> k & 1)
            self._lists_of_mask[mask] = lists
        if not entries:
            return lists, ()
        return lists, tuple(self._gaz_types[x] if k % 2 == 0 else x for k, x in enumerate(entries))

    def weight(self, feature: str) -> int:
        """The packed vector of any feature (0 if the model has none): for the tables built
        at load and the reference scorer, not for the hot loop."""
        group = group_of(feature)
        if group is None:
            return self.weights.get(feature, 0)
        return dict(self._features(group) or ()).get(feature, 0)

    def vector(self, feature: str) -> list[int] | None:
        """The per-class weights of a feature, or None: for the reference scorer."""
        v = self.weight(feature)
        return unpack(v, self.nc) if v else None

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
        self._load("w=" + low)
        sh = word_shape(nw)
        plain = nw == low and not any(c.isdigit() for c in nw)
        f0, f1, f2 = static_features(nw, self.gaz, low, sh, need0=not plain)
        wm2, wm1, w0, wp1, wp2 = self._woff
        return (
            low,
            sh,
            nw[:1].isupper(),
            sum(map(wm2.__getitem__, f2)),
            sum(map(wm1.__getitem__, f1)),
            None if f0 is None else sum(map(w0.__getitem__, f0)),
            sum(map(wp1.__getitem__, f1)),
            sum(map(wp2.__getitem__, f2)),
            self._t1w.get(low),
            self._t1s.get(sh),
            plain,
            nw[:1].isupper() and self.gaz.begins(low),
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
        self._load(word)
        suffix = "s3=" + w[-3:]
        self._load(suffix)
        # both records read: `.get` (in C) finds what they hold, where `[]` called back into
        # Python (`_Lazy.__missing__`) for every offset at which a word has no feature
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
        word = "w=" + low
        # a word the file has no record of is in no list and begins no entry, so `Gazetteers`
        # is asked only about the others, and once: its answer gives the flags and `begins`
        listed = self.gaz.word(low) if self._load(word) else NOT_LISTED
        sh = "Xx" if w[1:].islower() else word_shape(w)
        flags = flags_of(w, low, listed.lists)
        allcaps = len(w) > 1 and w.isupper()
        parts = self._letters_parts.get((sh, flags, allcaps))
        if parts is None:
            shared = ["sh=" + sh, *flags]
            own = [*shared, "allcaps"] if allcaps else shared
            parts = self._letters_parts[sh, flags, allcaps] = tuple(
                sum(map(table.__getitem__, features))
                for table, features in zip(
                    self._woff, (shared, shared, own, shared, shared), strict=True
                )
            )
        wm2, wm1, w0, wp1, wp2 = self._woff
        m2, m1, o, p1, p2 = parts
        suffix = "s3=" + low[-3:]
        self._load(suffix)  # read: `.get` below, as in `_lower_word_info`
        v0 = w0.get(word, 0) + o
        n = len(low)
        if n > 2:
            v0 += w0["p2=" + w[:2]] + w0["s2=" + low[-2:]]
            if n > 3:
                v0 += w0["p3=" + w[:3]] + w0.get(suffix, 0)
                if n > 4:
                    v0 += w0["p4=" + w[:4]] + w0["s4=" + low[-4:]]
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
            w[0].isupper() and bool(listed.starts),
        )

    def _shared_sums(self, title: bool) -> tuple[int, int, int, int]:
        """Offsets -2, -1, +1, +2: the summed weights of the shape "x" (and the title flag)."""
        shared = ["sh=x", "title"] if title else ["sh=x"]
        wm2, wm1, _, wp1, wp2 = self._woff
        return (
            sum(map(wm2.__getitem__, shared)),
            sum(map(wm1.__getitem__, shared)),
            sum(map(wp1.__getitem__, shared)),
            sum(map(wp2.__getitem__, shared)),
        )

    def word_v0(self, w: str) -> int:
        """Offset-0 word vector of a plain word, for the rare times `tag` scores one; cached."""
        v = self._v0cache.get(w)
        if v is None:
            nw = normalize_token(w)
            f0 = static_features(nw, self.gaz)[0] or []
            v = self._v0cache[w] = sum(map(self._woff[2].__getitem__, f0))
        return v


GZIP_MAGIC = b"\x1f\x8b"


def read_model(source: Path | Traversable) -> Model:
    """Open a model file (a path or a package resource). A gzip'd JSON training output (the
    format before this one) is compiled in memory first: slow, but any model can be read.

    A file on disk is mapped, not read: a short text touches a few hundred of its 4.6 MB,
    and reading all of it cost a fresh process more than the model's open (a resource in a
    zip is read whole)."""
    if isinstance(source, Path):
        with source.open("rb") as fh:
            if fh.read(len(MAGIC)) == MAGIC:
                return Model(mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ))
    blob = source.read_bytes()
    if blob.startswith(GZIP_MAGIC):
        import gzip
        import json

        return Model(compile_model(json.loads(gzip.decompress(blob))))
    return Model(blob)
