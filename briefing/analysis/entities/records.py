"""The output record and the step that turns mention clusters into records.

Each cluster becomes one entity named by its fullest non-alias form (a country by its
spelled-out name), with every other form as an alias, its type and role, and its mentions
with their paragraphs; entities are numbered in order of first mention.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from operator import attrgetter

from briefing.analysis.entities.kinds import (
    entity_type,
    lone_common_word,
    rank_qualifier,
)
from briefing.analysis.entities.names import UnionFind
from briefing.analysis.entities.norm import apos, country_of, split_words
from briefing.analysis.entities.roles import role_of
from briefing.analysis.entities.tokenized import NameMention, TokenizedText
from briefing.model import EntityType

Mentioned = tuple[int, int, int]
"""(start, end, paragraph index) of one mention of an entity."""


@dataclass(frozen=True, slots=True)
class EntityRecord:
    """One entry of the article's who's-who."""

    id: str
    """"e1", "e2", ... in order of first mention."""
    name: str
    type: EntityType
    role: str | None
    aliases: tuple[str, ...]
    """Other forms the text uses, in order of appearance (honorific forms included)."""
    mentions: tuple[Mentioned, ...]
    """(start, end, paragraph index), sorted."""


_SPAN = attrgetter("start", "end")
"""A mention's (start, end), to sort by."""


def _paragraphs_of(doc: TokenizedText, positions: Iterable[int]) -> dict[int, int]:
    """`doc.paragraph` of each of `positions`, in one walk along the paragraphs (a bisection
    each for 15,000 mentions of a megabyte cost more)."""
    pstarts = doc.pstarts
    found: dict[int, int] = {}
    k = 0
    for pos in sorted(positions):
        while k + 1 < len(pstarts) and pstarts[k + 1] <= pos:
            k += 1
        found[pos] = k
    return found


def assemble(doc: TokenizedText, ms: Sequence[NameMention], uf: UnionFind) -> list[EntityRecord]:
    """One record per cluster of `uf` over `ms` (clusters with no type are dropped)."""
    text = doc.text
    paragraph = _paragraphs_of(doc, {m.start for m in ms})
    groups: defaultdict[int, list[NameMention]] = defaultdict(list)
    for i, m in enumerate(ms):
        groups[uf.find(i)].append(m)
    # (name, type, role, aliases, mentions): numbered once sorted by first mention
    ents: list[tuple[str, EntityType, str | None, tuple[str, ...], tuple[Mentioned, ...]]] = []
    for group in groups.values():
        group.sort(key=_SPAN)
        surfs = [text[m.start : m.end] for m in group]
        if lone_common_word(doc, group, surfs) or rank_qualifier(doc, group):
            continue
        etype = entity_type(group, surfs, doc)
        if etype is None:
            continue
        name_pool = [m for m in group if not m.alias_only] or group
        first_at: dict[str, int] = {}
        for k, s in enumerate(surfs):
            first_at.setdefault(s, k)
        name = max(
            # each form once: a form's key is the same at every mention of it
            dict.fromkeys(text[m.start : m.end] for m in name_pool),
            key=lambda s: (
                not (s.isupper() and len(s.replace(".", "")) > 4),
                len(split_words(s)),
                len(s.replace(".", "")),
                -first_at[s],
            ),
        )
        if etype == EntityType.PLACE or country_of(name):
            # a country: prefer the spelled-out form the text uses
            full_forms = [
                s for s in set(surfs) if country_of(s) and "." not in s and not s.isupper()
            ]
            if full_forms:
                name = max(full_forms, key=lambda s: (len(s), s))
        aliases: list[str] = []
        seen = {apos(name)}
        for m, s in zip(group, surfs, strict=True):
            for f in (s, text[m.hon_form[0] : m.hon_form[1]] if m.hon_form else None):
                if f and (straight := apos(f)) not in seen:
                    seen.add(straight)
                    aliases.append(f)
        role = role_of(doc, group, etype)
        spans = sorted({(m.start, m.end) for m in group})
        mentions = tuple((a, b, paragraph[a]) for a, b in spans)
        ents.append((name, etype, role, tuple(aliases), mentions))
    ents.sort(key=lambda e: e[4][0][0])
    return [
        EntityRecord(id=f"e{k}", name=name, type=etype, role=role, aliases=al, mentions=spans)
        for k, (name, etype, role, al, spans) in enumerate(ents, 1)
    ]
