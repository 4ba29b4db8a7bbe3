"""Linking: which mentions name the same entity, then the further occurrences of each name.

Mentions are clustered by a union-find over several kinds of evidence, each a general news
convention: the same key or country code, "Ministry of X" <-> "X Ministry", company suffixes,
"Xs" <-> "X Islands", a place-prefixed organisation ("Nigerian Air Force" <- "Air Force"),
a person's name parts ("Macron" <- "Emmanuel Macron"), a company's first word
("Northwind" <- "Northwind Energy Plc") and acronym initials. The tagger misses many repeats
of a name, so every linked form is then searched for in the text and the clustering rerun.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import defaultdict
from collections.abc import Sequence, Set

from briefing.analysis.entities.acronyms import acronym_matches
from briefing.analysis.entities.aliases import Link
from briefing.analysis.entities.clean import in_slogan, trim_mention
from briefing.analysis.entities.doc import Doc, Mention
from briefing.analysis.entities.names import UnionFind, name_parts, name_within
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
from briefing.analysis.entities.words import (
    CORE_TITLES,
    GEO_PLURALS,
    HONORIFICS,
    OF_HEADS,
    ORG_HEADS,
    ORG_SUFFIXES,
    SPEECH_VERBS,
    STOPWORDS,
    TITLE_QUALIFIERS,
)


def cluster(doc: Doc, ms: Sequence[Mention], links: Sequence[Link]) -> UnionFind:
    """Union-find over the indices of `ms`, joined by `links` and every linking rule."""
    text = doc.text
    n = len(ms)
    full_names: list[tuple[str, ...] | None] = []
    for m in ms:
        ws = name_parts(m.surface(text))
        full_names.append(tuple(ws) if (m.ner == "PER" or m.honorific) and len(ws) >= 2 else None)
    uf = UnionFind(n, full_names)
    pos = {id(m): i for i, m in enumerate(ms)}
    for a, b in links:
        if id(a) in pos and id(b) in pos:
            uf.union(pos[id(a)], pos[id(b)])
    surf = [m.surface(text) for m in ms]
    keys = [key(s) for s in surf]

    # name parts shared by several different people ("Mussolini": Benito, Alessandra)
    part_owner: defaultdict[str, set[tuple[str, ...]]] = defaultdict(set)
    for fn in full_names:
        if fn:
            for w in (fn[0], fn[-1]):
                part_owner[key(w)].add(fn)
    shared: set[str] = set()
    for w, owners in part_owner.items():
        ol = list(owners)
        if any(
            not (name_within(list(x), list(y)) or name_within(list(y), list(x)))
            for i2, x in enumerate(ol)
            for y in ol[i2 + 1 :]
        ):
            shared.add(w)

    # exact key / country code
    by_key: dict[str, int] = {}
    for i, k in enumerate(keys):
        if k in shared:
            continue  # linked one by one to the nearest full name below
        c = country_of(surf[i])
        kk = ("#C" + c) if c and ms[i].ner != "PER" else k
        if kk in by_key:
            uf.union(by_key[kk], i)
        else:
            by_key[kk] = i

    # "Ministry of Defense" <-> "Defense Ministry"; company suffixes; "Xs" <-> "X Islands"
    alt_key: defaultdict[str, list[int]] = defaultdict(list)
    for i, k in enumerate(keys):
        ws = k.split()
        if len(ws) >= 3 and ws[0] in OF_HEADS and ws[1] == "of":
            alt_key[" ".join(ws[2:] + ws[:1])].append(i)
        if len(ws) >= 2 and ws[-1] in ORG_SUFFIXES:
            alt_key[" ".join(ws[:-1])].append(i)
        if len(ws) >= 2 and ws[-1] in {g.lower() for g in GEO_PLURALS}:
            alt_key[" ".join(ws[:-1]) + "s"].append(i)
    for i, k in enumerate(keys):
        for j in alt_key.get(k, []):
            uf.union(i, j)
    seen_alt: dict[str, int] = {}
    for k, js in alt_key.items():
        for j in js:
            if k in seen_alt:
                uf.union(seen_alt[k], j)
            seen_alt[k] = j

    # organisations: "Nigerian Air Force" <- "Air Force" when the extra
    # prefix is a place / nationality
    multi = [
        (i, split_words(surf[i]))
        for i in range(n)
        if ms[i].ner in ("ORG", "MISC") and len(split_words(surf[i])) >= 2
    ]
    for i, wi in multi:
        for j in range(n):
            if j == i or ms[j].ner not in ("ORG", "MISC"):
                continue
            wj = split_words(surf[j])
            if len(wj) >= len(wi) or [key(w) for w in wi[-len(wj) :]] != [key(w) for w in wj]:
                continue
            prefix = " ".join(wi[: len(wi) - len(wj)])
            if country_of(prefix) or demonym_of(prefix):
                uf.union(i, j)

    # persons: a name that is part of a fuller name ("Macron", "Mr. Macron", "Xi")
    is_person = [ms[i].ner == "PER" or ms[i].honorific for i in range(n)]
    full = [
        (i, name_parts(surf[i]))
        for i in range(n)
        if is_person[i]
        and len(name_parts(surf[i])) >= 2
        and low(split_words(surf[i])[-1]) not in ORG_SUFFIXES
    ]
    for i in range(n):
        if not is_person[i] and (country_of(surf[i]) or len(split_words(surf[i])) > 1):
            continue
        parts = name_parts(surf[i])
        if not parts:
            continue
        cands: list[int] = []
        for j, fp in full:
            if (
                j == i
                or len(fp) < len(parts)
                or (len(fp) == len(parts) and not any(map(is_initial, parts)))
            ):
                continue
            if [key(p) for p in parts] == [key(p) for p in fp]:
                continue
            if name_within(parts, fp):
                last_or_first = key(parts[-1]) == key(fp[-1]) or key(parts[0]) == key(fp[0])
                if len(parts) == 1 and not last_or_first:
                    continue
                cands.append(j)
        if not cands:
            continue
        roots = {uf.find(j) for j in cands}
        if len(roots) == 1:
            uf.union(i, cands[0])
        else:
            # several people share the name part: prefer a last-name match, then the nearest before
            lastm = [j for j in cands if key(parts[-1]) == key(name_parts(surf[j])[-1])]
            pool = lastm or cands
            before = [j for j in pool if ms[j].start < ms[i].start]
            j = (
                max(before, key=lambda j: ms[j].start)
                if before
                else min(pool, key=lambda j: ms[j].start)
            )
            uf.union(i, j)

    # company short names: "Northwind" <- "Northwind Energy Plc" (one multi-word organisation
    # starting with that word, and the word is not a place)
    org_first: defaultdict[str, set[int]] = defaultdict(set)
    for j in range(n):
        wj = split_words(surf[j])
        if (
            ms[j].ner in ("ORG",)
            and len(wj) >= 2
            and not country_of(wj[0])
            and not demonym_of(wj[0])
            and (low(wj[-1]) in ORG_SUFFIXES or low(wj[-1]) in ORG_HEADS or len(wj) == 2)
        ):
            org_first[key(wj[0])].add(uf.find(j))
    for i in range(n):
        if (
            len(split_words(surf[i])) != 1
            or ms[i].ner not in ("ORG", "PER")
            or ms[i].honorific
            or country_of(surf[i])
        ):
            continue
        roots = org_first.get(keys[i], set())
        if len(roots) == 1 and keys[i] not in part_owner and not is_acronym(surf[i]):
            uf.union(i, next(iter(roots)))

    # acronyms with a matching expansion elsewhere in the text (unique)
    for i in range(n):
        s = surf[i]
        if not is_acronym(s.replace(".", "") if "." in s else s) or country_of(s):
            continue
        if any(
            uf.find(i) == uf.find(j) and j != i and len(split_words(surf[j])) > 1 for j in range(n)
        ):
            continue
        acr_roots = {
            uf.find(j)
            for j in range(n)
            if j != i
            and len(split_words(surf[j])) >= 2
            and ms[j].ner != "PER"
            and acronym_matches(s, split_words(surf[j]))
        }
        if len(acr_roots) == 1:
            uf.union(i, acr_roots.pop())
    return uf


def scan_more(
    doc: Doc, ms: list[Mention], links: Sequence[Link], lex: Set[str]
) -> tuple[list[Mention], UnionFind]:
    """Find unmarked occurrences of every form an entity is known by; return all mentions and
    their final clustering. `lex` is the common-word lexicon (guards common-word surnames)."""
    text = doc.text
    uf = cluster(doc, ms, links)
    groups: defaultdict[int, list[int]] = defaultdict(list)
    for i in range(len(ms)):
        groups[uf.find(i)].append(i)
    forms: dict[str, int] = {}  # surface form -> representative mention index
    ambiguous: set[str] = set()
    guarded: set[str] = set()  # common-word surnames ("Grant"): only before a speech verb / 's

    def add_form(f: str, i: int) -> None:
        if len(f) < 2 or not f[:1].isupper():
            return
        if f in forms and uf.find(forms[f]) != uf.find(i):
            ambiguous.add(f)
        forms.setdefault(f, i)

    for idx in groups.values():
        person = any(ms[i].ner == "PER" or ms[i].honorific for i in idx)
        for i in idx:
            s = apos(ms[i].surface(text))
            add_form(s, i)
            if person:
                parts = name_parts(s)
                if len(parts) >= 2:
                    add_form(parts[-1], i)
                    if low(parts[-1]) in lex or low(parts[-1]) in STOPWORDS:
                        guarded.add(parts[-1])
    occupied = [(m.start, m.end) for m in ms]
    occupied.sort()
    new: list[tuple[Mention, int]] = []
    for f, i in forms.items():
        if f in ambiguous:
            continue
        pat = re.compile(
            r"(?<![\w.\-])" + re.escape(f).replace("'", "['\u2019]") + r"(?![\w\-]|\.\w)"
        )
        for mt in pat.finditer(text):
            a, b = mt.span()
            k = bisect_right(occupied, (a, 10**12)) - 1
            if k >= 0 and occupied[k][1] > a:
                continue
            if k + 1 < len(occupied) and occupied[k + 1][0] < b:
                continue
            # inside a longer capitalised name? ("Stone" in "Stone Age")
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
                continue
            if (
                tj + 1 < len(doc.toks)
                and is_capitalised(doc.toks[tj + 1])
                and doc.starts[tj + 1] <= b + 1
            ):
                continue
            if f in guarded:
                nxt = doc.toks[tj + 1] if tj + 1 < len(doc.toks) else ""
                prv = doc.toks[ti - 1] if ti > 0 else ""
                if not (low(nxt) in SPEECH_VERBS or apos(nxt) == "'s" or low(prv) in HONORIFICS):
                    continue
            nm = trim_mention(doc, Mention(a, b, ms[i].ner, "scan"))
            if nm is None or in_slogan(doc, nm):
                continue
            new.append((nm, i))
            occupied.append((a, b))
            occupied.sort()
    ms2 = ms + [m for m, _ in new]
    links2 = list(links) + [(ms[i], m) for m, i in new]
    uf2 = cluster(doc, ms2, links2)
    return ms2, uf2
