"""Linking: which mentions name the same entity, then the further occurrences of each name.

Mentions are clustered by a union-find over several kinds of evidence, each a general news
convention: the same key or country code, "Ministry of X" <-> "X Ministry", company suffixes,
"Xs" <-> "X Islands", a place-prefixed organisation ("Nigerian Air Force" <- "Air Force"),
a person's name parts ("Macron" <- "Emmanuel Macron"), a company's first word
("Northwind" <- "Northwind Energy Plc") and acronym initials. The tagger misses many repeats
of a name, so every linked form is then searched for in the text and the clustering rerun.

A long report has tens of thousands of mentions and thousands of forms, so no rule compares
all pairs of mentions or searches the whole text once per form: each rule looks its partners
up in an index (by key, word, initials or first word), and one pass over the text finds every
form. The rules still join clusters in the same order as a pairwise scan would, because the
union-find refuses some joins and a refusal depends on what was joined before.
"""

from __future__ import annotations

import re
from bisect import bisect_left, insort
from collections import defaultdict
from collections.abc import Container, KeysView, Sequence, Set
from functools import lru_cache
from operator import eq

from briefing.analysis.entities.acronyms import initial_variants
from briefing.analysis.entities.aliases import Link
from briefing.analysis.entities.clean import in_slogan
from briefing.analysis.entities.kinds import name_like, no_person_s_name
from briefing.analysis.entities.knowledge import known_entry, known_type
from briefing.analysis.entities.names import (
    UnionFind,
    name_parts,
    name_within,
    person_name,
    same_person_possible,
    suffix_of,
)
from briefing.analysis.entities.norm import (
    apos,
    country_of,
    demonym_of,
    is_acronym,
    is_capitalised,
    is_initial,
    key,
    low,
    split_words,
)
from briefing.analysis.entities.personnames import is_first_name, sex_of, surnames
from briefing.analysis.entities.tokenized import NameMention, TokenizedText
from briefing.analysis.entities.trim import trim_mention
from briefing.analysis.entities.words import (
    CORE_TITLES,
    GEO_PLURALS,
    HONORIFICS,
    MONTHS,
    OF_HEADS,
    ORG_HEADS,
    ORG_SUFFIXES,
    SPEECH_VERBS,
    STOPWORDS,
    TITLE_QUALIFIERS,
)
from briefing.analysis.ner.labels import MISC, ORG, PER
from briefing.model import EntityType

_GEO_PLURALS_LOW = frozenset(g.lower() for g in GEO_PLURALS)


class _Members:
    """NameMention indices that one index entry points at, and the clusters they are in.

    Clusters only ever merge, so the roots found last time, looked up again, are the roots of
    all members now: a query costs the number of distinct clusters, not of members.
    """

    __slots__ = ("_by_start", "_first", "_starts", "idx")

    def __init__(self) -> None:
        self.idx: list[int] = []
        self._first: dict[int, int] | None = None
        self._by_start: list[tuple[int, int]] | None = None
        self._starts: list[int] = []

    def first_by_root(self, uf: UnionFind) -> dict[int, int]:
        """Root -> the lowest member index in that cluster, for each cluster with members."""
        old = {j: j for j in self.idx} if self._first is None else self._first
        if len(old) == 1:
            ((r, j),) = old.items()
            root = uf.find(r)
            if root != r:
                old = self._first = {root: j}
            else:
                self._first = old
            return old
        if self._first is not None and all(map(eq, map(uf.p.__getitem__, old), old)):
            # every root found last time is a root still: no two of them have merged, so
            # each still holds the same members (a short name is asked of again and again)
            return old
        first: dict[int, int] = {}
        for r, j in old.items():
            r = uf.find(r)
            first[r] = min(first.get(r, j), j)
        self._first = first
        return first

    def roots(self, uf: UnionFind) -> KeysView[int]:
        """The current roots of the members' clusters (no duplicates)."""
        return self.first_by_root(uf).keys()

    def _order(self, ms: Sequence[NameMention]) -> list[tuple[int, int]]:
        if self._by_start is None:
            self._by_start = sorted((ms[j].start, j) for j in self.idx)
            self._starts = [s for s, _ in self._by_start]
        return self._by_start

    def last_before(self, ms: Sequence[NameMention], pos: int) -> tuple[int, int] | None:
        """(start, index) of the member starting last before pos (lowest index on a tie)."""
        order = self._order(ms)
        k = bisect_left(self._starts, pos) - 1
        if k < 0:
            return None
        return order[bisect_left(self._starts, self._starts[k])]

    def first(self, ms: Sequence[NameMention]) -> tuple[int, int]:
        """(start, index) of the member starting first (lowest index on a tie)."""
        return self._order(ms)[0]


def _join_each(uf: UnionFind, i: int, groups: Sequence[_Members]) -> None:
    """`uf.union(i, j)` for every member j of `groups` in index order, with the same outcome.

    After one join with a cluster, a join with any other member of it changes nothing: it is
    in i's cluster already, or refused again (a refusal stands, since clusters only grow). So
    one join per cluster is enough, made at the place of its first member.
    """
    first: dict[int, int] = {}
    for g in groups:
        for r, j in g.first_by_root(uf).items():
            first[r] = min(first.get(r, j), j)
    for r in sorted(first, key=first.__getitem__):
        uf.union(i, r)


def cluster(doc: TokenizedText, ms: Sequence[NameMention], links: Sequence[Link]) -> UnionFind:
    """Union-find over the indices of `ms`, joined by `links` and every linking rule."""
    text = doc.text
    surf = [text[m.start : m.end] for m in ms]
    # each of a few thousand forms asked once (of tens of thousands of mentions), each
    # mention's answer then read in C
    forms = dict.fromkeys(surf)
    words = list(map({s: split_words(s) for s in forms}.__getitem__, surf))
    keys = list(map({s: key(s) for s in forms}.__getitem__, surf))
    parts = list(map({s: person_name(s) for s in forms}.__getitem__, surf))
    full_names: list[tuple[str, ...] | None] = [
        tuple(ws) if (m.ner == PER or m.honorific) and len(ws) >= 2 else None
        for m, ws in zip(ms, parts, strict=True)
    ]
    uf = UnionFind(len(ms), full_names)
    pos = {id(m): i for i, m in enumerate(ms)}
    for a, b in links:
        if id(a) in pos and id(b) in pos:
            uf.union(pos[id(a)], pos[id(b)])

    part_owner = _part_owners(full_names)
    _link_same_key(uf, ms, surf, keys, _shared_parts(part_owner))
    _link_alt_keys(uf, keys)
    _link_known(uf, ms, surf)
    _link_place_prefixed(uf, ms, words)
    _link_name_parts(doc, uf, ms, surf, words, parts)
    _link_company_short(uf, ms, surf, words, keys, part_owner)
    _link_head_short(uf, ms, surf, words)
    _link_acronyms(uf, ms, surf, words)
    return uf


def _part_owners(full_names: Sequence[tuple[str, ...] | None]) -> dict[str, set[tuple[str, ...]]]:
    """First and last name part (keyed) -> the full person names that have it there."""
    part_owner: defaultdict[str, set[tuple[str, ...]]] = defaultdict(set)
    for fn in full_names:
        if fn:
            real = fn[:-1] if suffix_of(fn) else fn
            for w in (real[0], real[-1]):
                part_owner[key(w)].add(fn)
    return part_owner


def _shared_parts(part_owner: dict[str, set[tuple[str, ...]]]) -> set[str]:
    """Name parts shared by several different people ("Mussolini": Benito, Alessandra)."""
    shared: set[str] = set()
    for w, owners in part_owner.items():
        ol = list(owners)
        if any(not same_person_possible(x, y) for i2, x in enumerate(ol) for y in ol[i2 + 1 :]):
            shared.add(w)
    return shared


def _link_same_key(
    uf: UnionFind,
    ms: Sequence[NameMention],
    surf: Sequence[str],
    keys: Sequence[str],
    shared: Set[str],
) -> None:
    """The same key, or the same country ("UK" / "Britain"); a shared name part is left to
    the name-part rule, which links it to the nearest full name."""
    by_key: dict[str, int] = {}
    for i, k in enumerate(keys):
        if k in shared:
            continue
        c = country_of(surf[i])
        kk = ("#C" + c) if c and ms[i].ner != PER else k
        if kk in by_key:
            uf.union(by_key[kk], i)
        else:
            by_key[kk] = i


def _link_known(uf: UnionFind, ms: Sequence[NameMention], surf: Sequence[str]) -> None:
    """Two names of one entry of the shipped knowledge name one thing ("ISIS" and "Islamic
    State", "Fla." and "Florida"); a person's name is never linked so ("Bloomberg")."""
    first: dict[int, int] = {}
    for i, s in enumerate(surf):
        if ms[i].ner == PER or ms[i].honorific:
            continue
        entry = known_entry(s)
        if entry is None:
            continue
        if entry in first:
            uf.union(first[entry], i)
        else:
            first[entry] = i


_ORDINAL_WORDS = {
    f"{n}{suffix}": word
    for n, suffix, word in [
        (1, "st", "first"), (2, "nd", "second"), (3, "rd", "third"), (4, "th", "fourth"),
        (5, "th", "fifth"), (6, "th", "sixth"), (7, "th", "seventh"), (8, "th", "eighth"),
        (9, "th", "ninth"), (10, "th", "tenth"), (13, "th", "thirteenth"),
        (14, "th", "fourteenth"), (15, "th", "fifteenth"), (19, "th", "nineteenth"),
    ]
}  # fmt: skip
"""An ordinal in figures and in words ("2nd Amendment", "Second Amendment")."""


_LAST_ABBREVIATIONS = {
    "st": "street", "ave": "avenue", "av": "avenue", "blvd": "boulevard", "rd": "road",
    "ln": "lane", "sq": "square", "hwy": "highway", "pkwy": "parkway",
}  # fmt: skip
"""Abbreviated last words of streets and roads ("Water St." is "Water Street")."""
_FIRST_ABBREVIATIONS = {"mt": "mount", "ft": "fort", "st": "saint"}
"""Abbreviated first words of places ("Mt. Hood", "Ft. Worth", "St. Louis")."""


_ORDINAL_FIGURES = {word: figure for figure, word in _ORDINAL_WORDS.items()}


def _ordinal_variants(s: str) -> list[str]:
    """The same name with its leading ordinal in words or in figures ("Second Amendment" <->
    "2nd Amendment"), as the text may write it."""
    first, _, rest = s.partition(" ")
    figure = _ORDINAL_FIGURES.get(first.lower())
    if figure is not None:
        return [f"{figure} {rest}"]
    word = _ORDINAL_WORDS.get(first.lower())
    return [f"{word.capitalize()} {rest}"] if word is not None else []


def _link_alt_keys(uf: UnionFind, keys: Sequence[str]) -> None:
    """ "Ministry of Defense" <-> "Defense Ministry"; company suffixes; "Xs" <-> "X Islands";
    an abbreviated street or place word ("Water St.", "Mt. Hood")."""
    alt_key: defaultdict[str, _Members] = defaultdict(_Members)
    for i, k in enumerate(keys):
        if " " not in k:
            continue  # every alternative key below has two words or more
        ws = k.split()
        if ws[0] in _ORDINAL_WORDS:
            alt_key[" ".join([_ORDINAL_WORDS[ws[0]], *ws[1:]])].idx.append(i)  # "2nd Amendment"
        if len(ws) >= 3 and ws[0] in OF_HEADS and ws[1] == "of":
            alt_key[" ".join(ws[2:] + ws[:1])].idx.append(i)
        if len(ws) >= 2 and ws[-1] in ORG_SUFFIXES:
            alt_key[" ".join(ws[:-1])].idx.append(i)
        if len(ws) >= 2 and ws[-1] in _GEO_PLURALS_LOW:
            alt_key[" ".join(ws[:-1]) + "s"].idx.append(i)
        if ws[-1] in _LAST_ABBREVIATIONS:
            alt_key[" ".join([*ws[:-1], _LAST_ABBREVIATIONS[ws[-1]]])].idx.append(i)
        if ws[0] in _FIRST_ABBREVIATIONS:
            alt_key[" ".join([_FIRST_ABBREVIATIONS[ws[0]], *ws[1:]])].idx.append(i)
    for i, k in enumerate(keys):
        if k in alt_key:
            _join_each(uf, i, [alt_key[k]])
    seen_alt: dict[str, int] = {}
    for k, members in alt_key.items():
        for j in members.idx:
            if k in seen_alt:
                uf.union(seen_alt[k], j)
            seen_alt[k] = j


@lru_cache(maxsize=16384)
def _keyed(words: tuple[str, ...]) -> tuple[str, ...]:
    """The key of each word (cached: names repeat)."""
    return tuple(key(w) for w in words)


def _link_place_prefixed(
    uf: UnionFind, ms: Sequence[NameMention], words: Sequence[tuple[str, ...]]
) -> None:
    """Organisations: "Nigerian Air Force" <- "Air Force" when the extra prefix is a place or
    a nationality. Shorter names are looked up by their keyed words."""
    org = [m.ner in (ORG, MISC) for m in ms]
    by_words: defaultdict[tuple[str, ...], _Members] = defaultdict(_Members)
    for j, wj in enumerate(words):
        if org[j] and wj:
            by_words[_keyed(wj)].idx.append(j)
    for i, wi in enumerate(words):
        if not org[i] or len(wi) < 2:
            continue
        wkeys = _keyed(wi)
        shorter: list[_Members] = []
        for cut in range(1, len(wi)):
            if wkeys[cut:] in by_words:
                prefix = " ".join(wi[:cut])
                if country_of(prefix) or demonym_of(prefix):
                    shorter.append(by_words[wkeys[cut:]])
        if shorter:
            _join_each(uf, i, shorter)


def _fuller_name(parts: Sequence[str], fp: Sequence[str]) -> bool:
    """`parts` ("Macron", "E. Macron", "Trump Jr.") can be a shorter form of the full name
    `fp` (a `person_name`: a suffix must agree)."""
    if len(fp) < len(parts) or (len(fp) == len(parts) and not any(map(is_initial, parts))):
        return False
    if suffix_of(parts) != suffix_of(fp) and (suffix_of(parts) or len(parts) >= 2):
        return False
    if [key(p) for p in parts] == [key(p) for p in fp]:
        return False
    if not name_within(list(parts), list(fp)):
        return False
    real, short = _real(fp), _real(parts)
    last_or_first = key(short[-1]) == key(real[-1]) or key(short[0]) == key(real[0])
    # "Acosta" of "Melba Acosta Febo": a family name between a first name and another
    middle = (
        len(short) == 1
        and len(real) >= 3
        and any(key(short[0]) == key(w) for w in real[1:-1])
        and not is_first_name(short[0])
    )
    return len(parts) > 1 or last_or_first or middle


_Fits = tuple[_Members, _Members, dict[str, _Members], bool]
"""The full names a short name fits (`_link_name_parts`): all, the pool to choose from, that
pool by sex, and whether some of them end with it (the pool is then those)."""
_HE = frozenset({"he", "his", "himself"})
"""Not "him": always an object, most often someone else ("Clinton, without naming him, …")."""
_SHE = frozenset({"she", "her", "hers", "herself"})
_QUOTE_MARKS = frozenset({"“", "”", '"'})


def _real(name: Sequence[str]) -> Sequence[str]:
    """A `person_name` without its suffix mark."""
    return name[:-1] if suffix_of(name) else name


def mention_sex(doc: TokenizedText, m: NameMention, starts: Set[int]) -> str | None:
    """ "f" or "m" as the text gives it for the person `m` names: the honorific ("Mrs.
    Clinton"), else the first personal pronoun after it in its sentence or the next one,
    outside quotation marks (in "Clinton said. “… he has made …”" the "he" is someone the
    speaker talks about), before any other name (`starts`: where the mentions start)."""
    if m.hon_form is not None:
        hon = low(doc.text[m.hon_form[0] : m.start].strip())
        if hon == "mr":
            return "m"
        if hon in ("mrs", "ms", "miss"):
            return "f"
    toks = doc.toks
    j = doc.tok_at(m.end)
    if j >= len(toks):
        return None
    last_sentence = doc.sent_of[j] + 1
    stop = min(len(toks), j + 40)
    quoted = False
    # the next 40 tokens' words, sentences and starts, sliced at once (not indexed one by one)
    for w, sentence, start in zip(
        toks[j:stop], doc.sent_of[j:stop], doc.starts[j:stop], strict=True
    ):
        if sentence > last_sentence:
            break
        if start in starts:
            return None
        if w in _QUOTE_MARKS:
            quoted = w == "“" or (w == '"' and not quoted)
        elif not quoted and w[:1] in "hHsS":
            w = w.lower()
            if w in _HE:
                return "m"
            if w in _SHE:
                return "f"
    return None


def _link_name_parts(
    doc: TokenizedText,
    uf: UnionFind,
    ms: Sequence[NameMention],
    surf: Sequence[str],
    words: Sequence[Sequence[str]],
    name_words: Sequence[tuple[str, ...]],
) -> None:
    """Persons: a name that is part of a fuller name ("Macron", "Mr. Macron", "Xi").

    The full names are grouped by their exact words and indexed by each word's key (and an
    initial's letter), so a short name is compared with each distinct full name once.
    """
    is_person = [m.ner == PER or m.honorific for m in ms]
    starts = frozenset(m.start for m in ms)
    fulls: dict[tuple[str, ...], _Members] = {}
    for j, fp in enumerate(name_words):
        if (
            is_person[j]
            and len(fp) >= 2
            and low(words[j][-1]) not in ORG_SUFFIXES
            and not no_person_s_name(_real(fp))  # "Cleveland Clinic" read as a person's name
        ):
            group = fulls.get(fp)
            if group is None:
                group = fulls[fp] = _Members()
            group.idx.append(j)
    by_word: defaultdict[str, list[tuple[str, ...]]] = defaultdict(list)
    by_letter: defaultdict[str, list[tuple[str, ...]]] = defaultdict(list)
    for fp in fulls:
        for w in fp:
            by_word[key(w)].append(fp)
            if not is_initial(w):
                by_letter[w[:1]].append(fp)
    fitting: dict[tuple[str, ...], _Fits | None] = {}

    def fuller_names(parts: tuple[str, ...]) -> _Fits | None:
        """The members of the full-name groups `parts` fits, as one group, and those of the
        groups whose last name agrees too (all of them when none does), with those groups
        by the sex of their first names; None if it fits none.

        One group for all: the roots, the last member before a place and the first member of
        several groups are those of their members taken together."""
        first = parts[0]
        cands = by_word.get(key(first), []) + (
            by_letter.get(first[:1], []) if is_initial(first) else []
        )
        groups = [
            (fp, fulls[fp], key(parts[-1]) == key(_real(fp)[-1]))
            for fp in dict.fromkeys(cands)
            if _fuller_name(parts, fp)
        ]
        if not groups:
            return None
        if suffix_of(parts) is None and any(suffix_of(fp) is None for fp, _, _ in groups):
            # a bare "Trump" is Donald Trump, not Donald Trump Jr., whom the text calls
            # "Trump Jr." to tell them apart
            groups = [g for g in groups if suffix_of(g[0]) is None]
        every = _Members()
        every.idx = [j for _, g, _ in groups for j in g.idx]
        if all(last for _, _, last in groups) or not any(last for _, _, last in groups):
            pool = groups
        else:
            pool = [g for g in groups if g[2]]
        agreeing = _Members()
        agreeing.idx = [j for _, g, _ in pool for j in g.idx]
        by_sex: dict[str, _Members] = {}
        for fp, g, _ in pool:
            sex = sex_of(fp[0])
            if sex is not None:
                by_sex.setdefault(sex, _Members()).idx.extend(g.idx)
        return every, agreeing, by_sex, any(last for _, _, last in groups)

    for i, s in enumerate(surf):
        if not is_person[i] and (
            country_of(s) or len(words[i]) > 1 or ("." in s and is_acronym(s.replace(".", "")))
        ):
            continue  # "U.N." is not the "Un" of "Kim Jong Un"
        parts = name_words[i]
        if not parts:
            continue
        if parts in fitting:
            found = fitting[parts]
        else:
            found = fitting[parts] = fuller_names(parts)
        if found is None:
            continue
        every, pool, by_sex, by_last = found
        # a place or organisation the knowledge lists, not tagged as a person, is a person's
        # family name only ("Garland" of Merrick Garland), never the first word of a name
        # tagged as a person's ("Indiana" of "Indiana GOP", "Texas" of "Texas Congressman")
        if not is_person[i] and known_type(s) not in (None, EntityType.PERSON):
            if not by_last:
                continue
            every = pool
        roots = every.roots(uf)
        if len(roots) == 1:
            uf.union(i, next(iter(roots)))
            continue
        # several people share the name part ("Clinton": Bill, Hillary): a last-name match,
        # of the sex the text gives ("Mrs. Clinton", "Clinton ... she"), the nearest before
        if len(by_sex) > 1:  # people of both sexes share it: what the text says decides
            sex = mention_sex(doc, ms[i], starts)
            pool = by_sex.get(sex, pool) if sex is not None else pool
        before = pool.last_before(ms, ms[i].start)
        if before is not None and doc.paragraph(before[0]) == doc.paragraph(ms[i].start):
            j = before[1]  # "Bill Clinton ... Clinton said" in one paragraph: the one just named
        else:
            # farther away, a bare family name is the article's own bearer of it, the one
            # introduced first; the others are named in full where they come up
            j = pool.first(ms)[1]
        uf.union(i, j)


def _link_company_short(
    uf: UnionFind,
    ms: Sequence[NameMention],
    surf: Sequence[str],
    words: Sequence[Sequence[str]],
    keys: Sequence[str],
    part_owner: dict[str, set[tuple[str, ...]]],
) -> None:
    """Company short names: "Northwind" <- "Northwind Energy Plc" (one multi-word
    organisation starting with that word, and the word is not a place: not a country, nor a
    place the shipped knowledge lists, as "Cleveland" of "Cleveland Clinic")."""
    org_first: defaultdict[str, set[int]] = defaultdict(set)
    for j, wj in enumerate(words):
        if (
            ms[j].ner in (ORG,)
            and len(wj) >= 2
            and not country_of(wj[0])
            and not demonym_of(wj[0])
            and (low(wj[-1]) in ORG_SUFFIXES or low(wj[-1]) in ORG_HEADS or len(wj) == 2)
        ):
            org_first[key(wj[0])].add(uf.find(j))
    for i, s in enumerate(surf):
        if len(words[i]) != 1 or ms[i].ner not in (ORG, PER) or ms[i].honorific or country_of(s):
            continue
        roots = org_first.get(keys[i], set())
        if (
            len(roots) == 1
            and keys[i] not in part_owner
            and not is_acronym(s)
            and known_type(s) != EntityType.PLACE
        ):
            uf.union(i, next(iter(roots)))


def _link_head_short(
    uf: UnionFind, ms: Sequence[NameMention], surf: Sequence[str], words: Sequence[Sequence[str]]
) -> None:
    """A name's last word capitalised on its own ("the Post", "the Quartet") names the one
    organisation or event of the text whose name ends with it ("Washington Post"), unless
    the word is a name of its own the shipped knowledge lists ("Senate") or the surname of a
    person the text names in full ("Trump" of "Coalition Against Trump")."""
    by_last: defaultdict[str, set[int]] = defaultdict(set)
    for j, wj in enumerate(words):
        if len(wj) >= 2 and ms[j].ner in (ORG, MISC) and wj[-1][:1].isupper():
            by_last[key(wj[-1])].add(j)
    if not by_last:
        return
    for j, wj in enumerate(words):
        if len(wj) >= 2 and ms[j].ner == PER:
            by_last.pop(key(wj[-1]), None)
    for i, s in enumerate(surf):
        if (
            len(words[i]) != 1
            or ms[i].ner == PER
            or ms[i].honorific
            or country_of(s)
            or is_acronym(s)
        ):
            continue
        found = by_last.get(key(s))
        if not found or known_type(s) is not None:
            continue
        roots = {uf.find(j) for j in found}
        if len(roots) == 1:
            uf.union(i, next(iter(roots)))


def _link_acronyms(
    uf: UnionFind,
    ms: Sequence[NameMention],
    surf: Sequence[str],
    words: Sequence[tuple[str, ...]],
) -> None:
    """Acronyms with a matching expansion elsewhere in the text (unique), unless already
    linked to a longer name. Expansions are indexed by their possible initials."""
    multi_roots = {uf.find(j) for j, ws in enumerate(words) if len(ws) > 1}
    by_initials: dict[str, _Members] | None = None
    for i, s in enumerate(surf):
        if not is_acronym(s.replace(".", "") if "." in s else s) or country_of(s):
            continue
        if uf.find(i) in multi_roots:
            continue
        if by_initials is None:
            by_initials = _expansions(ms, words)
        a = s.replace(".", "").replace("&", "").upper()
        expansions = by_initials.get(a) if len(a) >= 2 else None
        if expansions is None:
            continue
        roots = expansions.roots(uf)
        if len(roots) == 1 and uf.union(i, next(iter(roots))):
            multi_roots.add(uf.find(i))


def _expansions(ms: Sequence[NameMention], words: Sequence[tuple[str, ...]]) -> dict[str, _Members]:
    """Every possible acronym of a multi-word, non-person name -> those names."""
    out: dict[str, _Members] = {}
    for j, wj in enumerate(words):
        if len(wj) >= 2 and ms[j].ner != PER:
            for v in _acronyms_of(wj):
                members = out.get(v)
                if members is None:  # (not `setdefault`, which makes one for every variant)
                    members = out[v] = _Members()
                members.idx.append(j)
    return out


@lru_cache(maxsize=16384)
def _acronyms_of(words: tuple[str, ...]) -> frozenset[str]:
    """The acronyms `words` may be abbreviated to, "&" left out (cached: names repeat)."""
    return frozenset(v.replace("&", "") for v in initial_variants(list(words)))


_WORD_RUN = re.compile(r"\w+")
_FORM_END = re.compile(r"(?![\w\-]|\.\w)")
"""What may follow a form: not a word character or hyphen, nor a period inside a word."""
_FORM_START = r"(?<![\w.\-])"
"""What may precede a form: not a word character, period or hyphen."""


def _ends_form(text: str, b: int) -> bool:
    """`_FORM_END.match(text, b)`, by looking at the characters (no regex call)."""
    c = text[b : b + 1]
    if not c:
        return True
    if c.isalnum() or c in "_-":
        return False
    if c == ".":
        d = text[b + 1 : b + 2]
        return not (d.isalnum() or d == "_")
    return True


def _form_pattern(f: str) -> re.Pattern[str]:
    """A form as a whole word or words, either apostrophe accepted."""
    return re.compile(_FORM_START + re.escape(f).replace("'", "['\u2019]") + _FORM_END.pattern)


_Candidate = tuple[int, str, int, bool]
"""A form to try at a word: its index, the form, its length, whether it has an apostrophe."""


def _occurrences(text: str, forms: Sequence[str]) -> list[list[tuple[int, int]]]:
    """The non-overlapping occurrences of each form (as `_form_pattern(f).finditer` gives
    them), found in one pass over the text.

    A form starts with a word, and at an occurrence that word is the whole run of word
    characters in the text, so only the forms starting with the text's word are tried there;
    of those, a form longer than the word and the two characters after it only when those
    characters follow the word in the text too ("Anna B" for "Anna Berg" but not "Anna
    Lind": one first name starts many full names in a long report).
    """
    # first word -> (the forms to try wherever it occurs, the others by the word and the two
    # characters after it)
    by_word: dict[str, tuple[list[_Candidate], dict[str, list[_Candidate]]]] = {}
    out: list[list[tuple[int, int]]] = [[] for _ in forms]
    for k, f in enumerate(forms):
        w = _WORD_RUN.match(f)
        if w:
            word = w.group()
            always, by_next = by_word.setdefault(word, ([], {}))
            candidate = (k, f, len(f), "'" in f)
            if candidate[3] or len(f) < len(word) + 2:
                always.append(candidate)
            else:
                by_next.setdefault(f[: len(word) + 2], []).append(candidate)
        else:  # no leading word character: search for it on its own
            out[k] = [mt.span() for mt in _form_pattern(f).finditer(text)]
    if by_word:
        initials = "".join(sorted({w[0] for w in by_word}))
        # the first letter before the look-behind (`_FORM_START` of that letter), so that
        # the regex engine scans for the initials rather than trying every position
        words = re.compile("[" + re.escape(initials) + r"](?<![\w.\-].)\w*")
        for w in words.finditer(text):
            word = w.group()
            found = by_word.get(word)
            if found is None:
                continue
            always, by_next = found
            a = w.start()
            candidates = by_next.get(text[a : a + len(word) + 2]) if by_next else None
            for k, f, length, apostrophe in always + candidates if candidates else always:
                b = a + length
                if (
                    (
                        text.startswith(f, a)
                        or (apostrophe and text[a:b].replace("\u2019", "'") == f)
                    )
                    and _ends_form(text, b)
                    and (not out[k] or out[k][-1][1] <= a)
                ):
                    out[k].append((a, b))
    return out


def scan_more(
    doc: TokenizedText, ms: list[NameMention], links: Sequence[Link], lex: Container[str]
) -> tuple[list[NameMention], UnionFind]:
    """Find unmarked occurrences of every form an entity is known by; return all mentions and
    their final clustering. `lex` is the common-word lexicon (guards common-word surnames).

    Forms are taken in order (a form earlier in the order claims a span first), each at its
    occurrences in text order. A form names one cluster, and what it finds joins that
    cluster. (Clustering everything again with the found mentions gave the same entities on
    931 documents, PolNeAR and CoNLL among them, at a third of this step's time.)
    """
    text = doc.text
    uf = cluster(doc, ms, links)
    forms, surnames_of_forms, lone_firsts = _forms(doc, ms, uf, lex)
    guarded: dict[str, bool] = {}
    occupied = sorted((m.start, m.end) for m in ms)
    # most occurrences are the marked mentions themselves: a set answers those at once
    marked = set(occupied)
    new: list[tuple[NameMention, int]] = []
    names = list(forms)
    for f, spans in zip(names, _occurrences(text, names), strict=True):
        i = forms[f]
        for a, b in spans:
            if (a, b) in marked or _occupied(occupied, a, b) or _inside_longer_name(doc, a, b):
                continue
            if f in surnames_of_forms:
                # a common-word surname ("Grant"), asked here, for the forms found unmarked
                # only (a word's first look-up in the common-word list costs)
                common = guarded.get(f)
                if common is None:
                    common = guarded[f] = low(f) in lex or low(f) in STOPWORDS
                # a lone first name that is a common word ("Hope is fading") is not asked
                # by a subject's verb: a surname alone is read so, a first name rarely
                if common and not _speech_or_possessive(doc, a, b, f not in lone_firsts):
                    continue
            if f in lone_firsts and _contracted(text, b):
                continue  # "Don't", "Bill'll": a word with a contraction, not a name
            nm = trim_mention(doc, NameMention(a, b, ms[i].ner, "scan"))
            if nm is None or in_slogan(doc, nm):
                continue
            new.append((nm, i))
            insort(occupied, (a, b))
            marked.add((a, b))
    # each further occurrence joins the entity its form names (the forms name one cluster
    # each), without clustering everything again
    first_new = uf.grow(len(new))
    for k, (_, i) in enumerate(new):
        uf.union(i, first_new + k)
    return ms + [m for m, _ in new], uf


def _contracted(text: str, b: int) -> bool:
    """An apostrophe and a letter other than "s" follow: "Don't", "Bill'll"."""
    return text[b : b + 1] in "'\u2019" and text[b + 1 : b + 2].isalpha() and text[b + 1] != "s"


def _forms(
    doc: TokenizedText, ms: Sequence[NameMention], uf: UnionFind, lex: Container[str]
) -> tuple[dict[str, int], set[str], set[str]]:
    """Surface form -> representative mention index, for the forms naming one cluster only;
    the forms that are a name's last word taken as a surname or a lone first name: those
    that are common words ("Grant", "Bill") are guarded, found only before a speech verb, a
    possessive or after an honorific; and the lone first names."""
    groups: defaultdict[int, list[int]] = defaultdict(list)
    root_of = [uf.find(i) for i in range(len(ms))]
    for i, root in enumerate(root_of):
        groups[root].append(i)
    text = doc.text
    forms: dict[str, int] = {}
    ambiguous: set[str] = set()
    surnames_of_forms: set[str] = set()
    first_names: dict[str, tuple[set[int], int]] = {}
    """A full name's first name ("Hillary") -> the clusters of the people it starts, and one
    mention of theirs: a form last, once every other form has claimed its word."""

    for root, idx in groups.items():
        person = any(ms[i].ner == PER or ms[i].honorific for i in idx)
        seen: set[str] = set()
        seen_raw: set[str] = set()
        for i in idx:
            raw = text[ms[i].start : ms[i].end]
            if raw in seen_raw:
                continue  # (its straightened form is in `seen`: not straightened again)
            seen_raw.add(raw)
            s = apos(raw)
            if s in seen:
                continue  # each surface once, at its first mention: a repeat adds nothing
            seen.add(s)
            # "2nd Amendment" for "Second Amendment" and back (a form in figures otherwise
            # is not searched: "2016 Olympics")
            variants = _ordinal_variants(s) if not person and " " in s else []
            candidates = [s, *variants]
            parts = name_parts(s) if person or " " in s else ()
            if len(parts) >= 2 and (person or _surname_like(s, parts[-1], lex)):
                candidates.append(parts[-1])
                surnames_of_forms.add(parts[-1])
                first = parts[0]
                if person and _lone_first_name(first):
                    first_names.setdefault(first, (set(), i))[0].add(root)
            for f in candidates:
                if len(f) < 2 or not (f[:1].isupper() or f in variants):
                    continue
                if f in forms:
                    if root_of[forms[f]] != root:
                        ambiguous.add(f)
                else:
                    forms[f] = i
    lone_firsts: set[str] = set()
    for first, (roots, i) in first_names.items():
        if len(roots) == 1 and first not in forms:
            forms[first] = i  # one person of the text has it, and no other name is so written
            lone_firsts.add(first)
            surnames_of_forms.add(first)  # a common word ("Bill", "Mark") is guarded too
    forms = {f: i for f, i in forms.items() if f not in ambiguous}
    return forms, surnames_of_forms, lone_firsts


@lru_cache(maxsize=4096)
def _lone_first_name(word: str) -> bool:
    """`word`, the first of a person's full name, may name the person alone ("Hillary",
    "Jeb"): a first name of three letters or more, not all capitals, not a month ("June") nor a
    title ("Justice")."""
    return (
        len(word) >= 3
        and word[1:].islower()
        and word.isalpha()
        and low(word) not in MONTHS
        and low(word) not in CORE_TITLES  # "Justice Roberts"
        and is_first_name(word)
    )


def _surname_like(s: str, last: str, lex: Container[str]) -> bool:
    """The last word of a name shaped like a person's (`kinds.name_like`: "Jeb Bush" that the
    tagger called an organisation) is a surname: a known one, or not a common word."""
    return name_like(s) and (low(last) in surnames() or low(last) not in lex)


def _occupied(occupied: list[tuple[int, int]], a: int, b: int) -> bool:
    """[a, b) overlaps one of the sorted, non-overlapping spans."""
    k = bisect_left(occupied, (a + 1,)) - 1
    if k >= 0 and occupied[k][1] > a:
        return True
    return k + 1 < len(occupied) and occupied[k + 1][0] < b


def _inside_longer_name(doc: TokenizedText, a: int, b: int) -> bool:
    """A capitalised word right before or after ("Stone" in "Stone Age"); a capitalised word
    before is fine at a sentence start or when it is an honorific or a title."""
    ti = doc.tok_at(a)
    tj = doc.tok_at(b) - 1
    if (
        ti > 0
        and is_capitalised(doc.toks[ti - 1])
        and doc.ends[ti - 1] >= a - 1
        and ti - 1 not in doc.sent_first
        and low(doc.toks[ti - 1]) not in HONORIFICS
        and low(doc.toks[ti - 1]) not in CORE_TITLES
        and low(doc.toks[ti - 1]) not in TITLE_QUALIFIERS
    ):
        return True
    return (
        tj + 1 < len(doc.toks) and is_capitalised(doc.toks[tj + 1]) and doc.starts[tj + 1] <= b + 1
    )


_SUBJECT_VERBS = frozenset("is was has had will would could can did does".split())
"""Verbs that make the word before them a subject: "Bush is the only other candidate" (a
common word as a subject takes an article: "the bush is")."""


def _speech_or_possessive(doc: TokenizedText, a: int, b: int, subject: bool = True) -> bool:
    """Before a speech verb, a verb that makes it a subject (if `subject`) or a possessive,
    or after an honorific."""
    ti = doc.tok_at(a)
    tj = doc.tok_at(b) - 1
    nxt = doc.toks[tj + 1] if tj + 1 < len(doc.toks) else ""
    prv = doc.toks[ti - 1] if ti > 0 else ""
    return (
        low(nxt) in SPEECH_VERBS
        or (subject and nxt in _SUBJECT_VERBS)
        or apos(nxt) == "'s"
        or low(prv) in HONORIFICS
        or (low(prv) in CORE_TITLES and ti - 1 not in doc.sent_first)
    )
