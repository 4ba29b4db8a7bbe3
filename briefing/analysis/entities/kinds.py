"""Entity types: person / organization / place / event / other, voted over a cluster.

The tagger's type per mention is noisy and has no "event"; the cluster's type is a weighted
vote of its mentions' NER types, overridden by head words ("... Treaty", "... Islands",
"... Corp."), the country table, honorifics and event context ("the Cobra Gold exercise").
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from functools import lru_cache
from typing import Literal

from briefing.analysis.entities.doc import Mention
from briefing.analysis.entities.names import name_parts
from briefing.analysis.entities.norm import country_of, is_acronym, low, split_words
from briefing.analysis.entities.words import (
    AMBIGUOUS_EVENT_HEADS,
    EVENT_HEADS,
    GEO_HEADS,
    GEO_PREFIXES,
    ORG_HEADS,
    ORG_SUFFIXES,
)

EntityType = Literal["person", "organization", "place", "event", "other"]

TYPE_MAP: dict[str, EntityType] = {
    "PER": "person",
    "ORG": "organization",
    "LOC": "place",
    "MISC": "other",
}
"""Tagger type -> entity type (MISC that is not an event is "other")."""


@lru_cache(maxsize=16384)
def _head_words(s: str) -> tuple[str, ...]:
    """Words that may head a name: last, first, the word before "of", the last two (cached)."""
    ws = [low(w) for w in split_words(s)]
    if not ws:
        return ()
    heads = [ws[-1], ws[0]]
    if "of" in ws:
        heads.append(ws[ws.index("of") - 1] if ws.index("of") > 0 else ws[0])
    if len(ws) >= 2:
        heads.append(" ".join(ws[-2:]))
    return tuple(heads)


def _has_full_personal_name(group: Sequence[Mention], surfs: Sequence[str]) -> bool:
    """The tagger read one of the cluster's forms as a person, and that form is a first name
    and a surname with no head word of an organisation, place or event ("John Podesta"): a
    bare surname elsewhere in the cluster is that person, whatever its context suggested."""
    from briefing.analysis.entities.lexicon import lexicon

    first_names = lexicon().first_names
    tagged = {s for m, s in zip(group, surfs, strict=True) if m.ner == "PER"}
    for form in tagged:
        words = split_words(form)
        if (
            len(words) >= 2
            and low(words[0]) in first_names
            and not {low(w) for w in words[1:]} & (ORG_HEADS | GEO_HEADS | EVENT_HEADS)
            and not country_of(form)
        ):
            return True
    return False


def entity_type(group: Sequence[Mention], surfs: Sequence[str]) -> EntityType | None:
    """Type of a cluster of mentions `group` with surface forms `surfs` (same order)."""
    aligned = surfs
    surfs = list(dict.fromkeys(surfs))  # every rule on forms is a set test: each form once
    if any(m.honorific for m in group):
        return "person"
    if any(len(split_words(x)) >= 2 and low(split_words(x)[-1]) in ORG_SUFFIXES for x in surfs):
        return "organization"
    votes: Counter[str] = Counter()
    for m in group:
        w = 2 if m.source == "ner" else 1
        votes[m.ner] += w
    if any(country_of(s) for s in surfs) and votes["PER"] < sum(votes.values()) / 2:
        return "place"
    first_seen: dict[str, int] = {}
    for k, m in enumerate(group):
        first_seen.setdefault(m.ner, k)
    ner = max(votes, key=lambda t: (votes[t], -first_seen[t]))
    if ner in ("LOC", "ORG") and _has_full_personal_name(group, aligned):
        ner = "PER"  # "John Podesta" … "Podesta" read as a place in "Podesta emails"
    if ner == "PER" and all(
        is_acronym(x.replace(".", "")) and x.replace(".", "").isupper() for x in surfs
    ):
        ner = "ORG"  # "ESMA": an all-capitals name is not a person's
    heads = {low(split_words(x)[-1]) for x in surfs if split_words(x)}
    firsts = {low(split_words(x)[0]) for x in surfs if len(split_words(x)) >= 2}
    if ner in ("PER", "MISC") and (firsts & GEO_PREFIXES or heads & GEO_HEADS):
        return "place"
    if (
        ner == "PER"
        and heads & (EVENT_HEADS | ORG_HEADS)
        and not any(
            len(name_parts(x)) >= 2 and low(name_parts(x)[-1]) not in EVENT_HEADS | ORG_HEADS
            for x in surfs
        )
    ):
        ner = "ORG"
    if (
        ner != "PER"
        and sum(m.event_ctx for m in group) * 2 >= len(group)
        and not any(country_of(x) for x in surfs)
    ):
        return "event"
    if ner != "PER":
        for s in surfs:
            hs = [h for h in _head_words(s) if h in EVENT_HEADS]
            if ner == "ORG":
                hs = [h for h in hs if h not in AMBIGUOUS_EVENT_HEADS]
            if hs and not (ner == "LOC" and len(split_words(s)) == 1):
                return "event"
    if ner == "MISC" and heads & ORG_HEADS:
        return "organization"  # "Harbour Users Forum", "Reform Party" tagged MISC
    return TYPE_MAP.get(ner, "other")
