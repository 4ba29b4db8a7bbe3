"""Roles: what the article says a person or organisation is.

News text states roles in a few fixed shapes: a title before the name ("German Chancellor
Ingrid Vossberg", "Peru's Minister of Defense X"), an appositive after it ("X, a retired Navy
captain who ..."), or a title then a comma ("its chief executive, Dana Whitfield"). The role of
an entity is taken from its first mention that has one.
"""

from __future__ import annotations

from collections.abc import Sequence

from briefing.analysis.entities.norm import (
    apos,
    country_of,
    demonym_of,
    is_acronym,
    is_capitalised,
    low,
)
from briefing.analysis.entities.tokenized import NameMention, TokenizedText
from briefing.analysis.entities.words import (
    CORE_TITLES,
    PUNCT_STOP,
    RELATIVES,
    REPORTING,
    STOPWORDS,
    TITLE_QUALIFIERS,
)
from briefing.model import EntityType


def role_of(doc: TokenizedText, group: Sequence[NameMention], etype: str) -> str | None:
    """Role of a person or organisation: every distinct role stated at its earliest mention
    that has one, joined by ", "; None for other types."""
    if etype not in (EntityType.PERSON, EntityType.ORGANIZATION):
        return None
    cands: list[tuple[int, str]] = []
    for m in sorted(group, key=lambda m: m.start):
        if cands and m.start > cands[0][0]:
            break  # only the earliest mention with a role counts
        if m.title and etype == EntityType.PERSON:
            cands.append((m.start, doc.text[m.title[0] : m.title[1]]))
        elif etype == EntityType.PERSON and not m.honorific:
            r = _title_before(doc, m)
            if r:
                cands.append((m.start, r))
        r = _appositive(doc, m, etype) or (
            _title_comma_before(doc, m) if etype == EntityType.PERSON else None
        )
        if r:
            cands.append((m.start, r))
    if not cands:
        return None
    first = min(c[0] for c in cands)
    parts: list[str] = []
    for _, r in sorted(c for c in cands if c[0] == first):
        r = " ".join(r.split())
        if r not in parts:
            parts.append(r)
    return ", ".join(parts)


def _title_before(doc: TokenizedText, m: NameMention) -> str | None:
    """ "German Chancellor" of "German Chancellor Ingrid Vossberg" (must hold a title word)."""
    i = doc.tok_at(m.start) - 1
    sent = doc.sent_of[i + 1] if i + 1 < len(doc.toks) else None
    j = i

    while j >= 0 and doc.sent_of[j] == sent:
        t = doc.toks[j]
        lt = low(t)
        if lt in CORE_TITLES and (t[:1].isupper() or lt in CORE_TITLES):
            pass  # a title word
        elif apos(t) in ("'s",) and j > 0:
            # "Peru's Minister ..." - take the owner too when it is a name
            if is_capitalised(doc.toks[j - 1]):
                j -= 1
                # a multi-word owner ("South Korea's")
                while (
                    j > 0
                    and is_capitalised(doc.toks[j - 1])
                    and doc.sent_of[j - 1] == sent
                    and (
                        country_of(doc.toks[j - 1] + " " + doc.toks[j])
                        or j - 1 not in doc.sent_first
                    )
                ):
                    if low(doc.toks[j - 1]) in STOPWORDS:
                        break
                    j -= 1
                j -= 1
                continue
            break
        elif (
            lt in {"and", "&", "the", "for"}
            and not (lt == "the" and j > 0 and low(doc.toks[j - 1]) == "of")
            and not (lt == "for" and j > 0 and low(doc.toks[j - 1]) in CORE_TITLES)
        ):
            break
        elif (
            lt in TITLE_QUALIFIERS
            and (
                t[:1].isupper()
                or lt
                in {
                    "former",
                    "acting",
                    "interim",
                    "then",
                    "incoming",
                    "outgoing",
                    "retired",
                    "late",
                    "vice",
                    "deputy",
                    "assistant",
                    "senior",
                    "chief",
                    "prime",
                    "top",
                    "of",
                    "the",
                    "for",
                    "ex",
                }
            )
        ) or (demonym_of(t) or country_of(t) or (is_acronym(t) and j not in doc.sent_first)):
            pass
        elif j > 0 and (
            demonym_of(doc.toks[j - 1] + " " + t) or country_of(doc.toks[j - 1] + " " + t)
        ):
            j -= 1
        elif (
            is_capitalised(t)
            and t[:1].isupper()
            and lt not in STOPWORDS
            and j not in doc.sent_first
            and (
                (j == i and j > 0 and low(doc.toks[j - 1]) == "of")
                or (
                    j + 1 <= i
                    and (
                        low(doc.toks[j + 1]) in CORE_TITLES
                        or low(doc.toks[j + 1]) in TITLE_QUALIFIERS
                        or is_capitalised(doc.toks[j + 1])
                    )
                )
            )
        ):
            pass  # an organisation name before the title: "Pentagon spokesman", "Toyota Motor CEO"
        else:
            break
        j -= 1
    start = j + 1
    # trim leading words that cannot open a role
    while start <= i and low(doc.toks[start]) in {"of", "the", "for", "and", "&", "'s"}:
        start += 1
    # trim trailing connectors ("Minister of" before a name is fine only as part of a title)
    end = i
    while end >= start and low(doc.toks[end]) in {"the", "'s", "and", "&"}:
        end -= 1
    if end < start:
        return None
    words = [low(doc.toks[k]) for k in range(start, end + 1)]
    if not any(w in CORE_TITLES for w in words):
        return None
    # the title must end with a title word or a portfolio ("Minister of Defense")
    return doc.text[doc.starts[start] : doc.ends[end]]


def _appositive(doc: TokenizedText, m: NameMention, etype: str) -> str | None:
    """ "X, a retired U.S. officer who ..." -> "retired U.S. officer"."""
    i = doc.tok_at(m.end)
    toks = doc.toks
    n = len(toks)
    if i < n and apos(toks[i]) == "'s":
        return None
    if i >= n or toks[i] != ",":
        return None
    j = i + 1
    # optional age "X, 45, a ..."
    if j + 1 < n and toks[j].isdigit() and toks[j + 1] == ",":
        j += 2
    article = j < n and low(toks[j]) in {"a", "an", "the"}
    if article:
        j += 1
    start = j
    while (
        j < n
        and toks[j] not in PUNCT_STOP
        and low(toks[j]) not in RELATIVES
        and low(toks[j]) not in REPORTING
    ):
        j += 1
        if j - start > 14:
            return None
    if j == start:
        return None
    stop = toks[j] if j < n else "."
    if (
        stop not in {",", ".", ";", ")", "\u2014", "--", "-", "!", "?"}
        and low(stop) not in RELATIVES
    ):
        return None
    words = toks[start:j]
    lw = [low(w) for w in words]
    if not article:
        # "X, chief executive of Y," / "X, U.S. ambassador to Chile," - needs a title word
        if not any(w in CORE_TITLES for w in lw):
            return None
        if words[0][:1].isupper() and not (
            lw[0] in CORE_TITLES
            or lw[0] in TITLE_QUALIFIERS
            or demonym_of(words[0])
            or country_of(words[0])
        ):
            return None
    else:
        # a description: must contain a lower-case noun, not just a name
        if not any(w[:1].islower() for w in words):
            return None
    if low(words[-1]) in STOPWORDS:
        return None
    return doc.text[doc.starts[start] : doc.ends[j - 1]]


def _title_comma_before(doc: TokenizedText, m: NameMention) -> str | None:
    """ "its chief executive, Dana Whitfield" -> "chief executive"."""
    i = doc.tok_at(m.start) - 1
    if i < 1 or doc.toks[i] != ",":
        return None
    end = i - 1
    j = end
    while j >= 0 and j > end - 8:
        lt = low(doc.toks[j])
        if lt in {"its", "their", "his", "her", "our", "the", "a", "an", "'s"}:
            break
        if not (
            lt in CORE_TITLES
            or lt in TITLE_QUALIFIERS
            or demonym_of(doc.toks[j])
            or country_of(doc.toks[j])
        ):
            return None
        j -= 1
    else:
        return None
    if j < 0 or j == end:
        return None
    if low(doc.toks[end]) not in CORE_TITLES or low(doc.toks[j + 1]) in {
        "of",
        "for",
        "and",
        "the",
    }:
        return None
    start = j + 1
    if (
        apos(doc.toks[j]) == "'s"
        and j > 0
        and is_capitalised(doc.toks[j - 1])
        and low(doc.toks[j - 1]) not in STOPWORDS
    ):
        start = j - 1  # "Northwind's chief financial officer, Priya Raman"
        while (
            start > 0
            and is_capitalised(doc.toks[start - 1])
            and low(doc.toks[start - 1]) not in STOPWORDS
            and doc.sent_of[start - 1] == doc.sent_of[start]
            and doc.ends[start - 1] == doc.starts[start] - 1
        ):
            start -= 1  # the owner's whole name: "Time Warner's chief executive"
    return doc.text[doc.starts[start] : doc.ends[end]]
