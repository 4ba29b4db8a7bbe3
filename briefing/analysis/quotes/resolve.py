"""Speaker resolution: from the mention a cue points at to a name.

A cue often points at "he", "they" or "the senator"; readers want "Bernie Sanders". Pronouns
go to the previous quote's speaker when no other person they could mean was named since (the
usual news pattern of a run of quotes from one person), else to the nearest plausible subject
of their gender; short names expand to the full form used elsewhere in the article. Each result
keeps the name mention it was resolved to, so that the caller can link the speaker to an
entity by position rather than by name.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from briefing.analysis.ner.labels import ORG, PER
from briefing.analysis.quotes.gender import description_gender
from briefing.analysis.quotes.lexicon import (
    ANY_ORG_HEADS,
    CORE_TITLES,
    ORG_HEADS,
    SPOKESPERSONS,
    SUBJECT_ORG_HEADS,
)
from briefing.analysis.quotes.mentions import SPEAKER_KINDS, Mention, Mentions
from briefing.analysis.quotes.patterns import (
    APPOSITIVE_CLOSE_RE,
    APPOSITIVE_GAP_RE,
    PREPOSITION_BEFORE_RE,
    RELATIVE_GAP_RE,
    SPOKEN_FOR_RE,
    STARTS_WITH_THE_RE,
)
from briefing.analysis.quotes.roles import other_title, role_match

_PARAGRAPH_BREAK_RE = re.compile(r"\n+")
_RECENT_CHARS = 1500
"""How far back (characters) the previous speaker or an organisation still counts."""


class Speaker(NamedTuple):
    """The last resolved speaker, for pronouns and for unattributed quotes that follow."""

    name: str
    kind: str | None
    position: int
    paragraph: int
    mention: Mention | None = None
    """The name mention the speaker was resolved to (None: a description)."""


class Resolved(NamedTuple):
    """A speaker mention resolved: the name, its kind, the name mention it came from."""

    name: str | None
    kind: str | None
    mention: Mention | None


_NONE = Resolved(None, None, None)


def text_between(mentions: Mentions, a: int, b: int) -> str:
    return mentions.text[a:b]


def _named(mentions: Mentions, c: Mention) -> Resolved:
    return Resolved(mentions.name_of(c), c.kind, c)


def _last_is_antecedent(
    mentions: Mentions, last: Speaker | None, s: int, want: str, weak_rules_out: bool = True
) -> bool:
    """The previous speaker is a recent person, no other person of a compatible gender was
    named (outside quotes) since the previous quote began, and the previous speaker's gender,
    from the text or (unless `weak_rules_out` is False) their first name, does not rule them
    out."""
    if last is None or last.kind != PER or s - last.position >= _RECENT_CHARS:
        return False
    lm = last.mention
    if lm is None:
        return not mentions.between(last.position, s, kinds=(PER,))
    key = mentions.person_key(lm)
    first = mentions.tokens(lm)[0] if len(mentions.tokens(lm)) >= 2 else last.name.split()[0]
    for c in mentions.between(last.position, s, kinds=(PER,)):
        if mentions.person_key(c) == key and not _other_first_name(mentions, c, first):
            continue
        g = mentions.gender_of(c)
        if g is None or g == want:
            return False
    g, said = mentions.gender_evidence(lm)
    # A first name alone that says otherwise rules them out too: "she wrote" after "John
    # Kerry said" is a woman the tagger did not find sooner than Kerry (the rare man with a
    # woman's first name loses the quote to the search by sex, which may find no one).
    return g is None or g == want or (not said and not weak_rules_out)


def _previous_speaker_titled(
    mentions: Mentions, last: Speaker | None, c: Mention, s: int, description: str, want: str | None
) -> bool:
    """A description no one's roles match goes to the recent previous speaker rather than to
    c, the nearest subject, when the text gives c another title ("Mayor Bill de Blasio" for
    "the presidential candidate said") and the previous speaker none that rules them out."""
    if (
        last is None
        or last.kind != PER
        or last.mention is None
        or s - last.position >= _RECENT_CHARS
    ):
        return False
    g = mentions.gender_of(last.mention)
    return (
        (want is None or g in (None, want))
        and other_title(mentions, c, s, description)
        and not other_title(mentions, last.mention, s, description)
    )


def _modifier_before(mentions: Mentions, s: int, want: str | None) -> Mention | None:
    """When no subject fits, the one person of the pronoun's sex named in this paragraph or
    the one before, even as a possessive ("Barack Obama's speech … He told his audience")."""
    text = mentions.text
    lo = s
    for _ in range(2):  # back to this paragraph's start, then to the one before's ("\n\n" or "\n")
        lo = max(0, text.rfind("\n", 0, max(0, lo - 1)))
        if lo <= 0:
            break
    found = {
        mentions.person_key(c): c
        for c in mentions.between(lo, s, kinds=(PER,))
        if want is None or mentions.gender_of(c) in (None, want)
    }
    return next(iter(found.values())) if len(found) == 1 else None


def _other_first_name(mentions: Mentions, c: Mention, first: str) -> bool:
    """c is a full name whose first name is not `first`: another member of the family
    ("Ivanka Trump" after the previous speaker "Donald Trump")."""
    toks = mentions.tokens(c)
    return len(toks) >= 2 and toks[0] != first


def _organisation_before(mentions: Mentions, s: int, head: str) -> Mention | None:
    """The organisation "the <head>" refers to: the nearest before s whose name has the head
    word ("the bank": Government Development Bank), else, for a generic head ("the
    company"), the nearest organisation that was recently the subject of a sentence (not
    "…'s opposition", "a letter to the NAACP"), else the only organisation named recently, in
    this paragraph or the one before and not after a preposition ("a statement posted on the
    website Acme.com … the company wrote")."""
    orgs = mentions.between(max(0, s - 2 * _RECENT_CHARS), s, kinds=(ORG,))
    for c in reversed(orgs):
        if head in c.text.lower().split():
            return c
    if head in SUBJECT_ORG_HEADS:
        # "Barclays, which advised the seller, … “…,” the bank said": no name has the word,
        # so the organisation that opens a sentence in this paragraph or the one before.
        text = mentions.text
        for c in reversed(orgs):
            if len(_PARAGRAPH_BREAK_RE.findall(text, c.end, s)) > 1:
                break
            if mentions.opens_sentence(c):
                return c
        return None
    if head in ANY_ORG_HEADS:
        recent = [c for c in orgs if c.start >= s - _RECENT_CHARS]
        for c in reversed(recent):
            if mentions.opens_sentence(c):
                return c
        if len({mentions.name_of(c).casefold() for c in recent}) == 1:
            # in this paragraph or the one before, and not after a preposition ("a decision
            # based on the Electoral College")
            last = recent[-1]
            text = mentions.text
            if len(_PARAGRAPH_BREAK_RE.findall(text, last.end, s)) <= 1 and not (
                PREPOSITION_BEFORE_RE.search(text, max(0, last.start - 12), last.start)
            ):
                return last
    return None


def _appositive_name(mentions: Mentions, m: Mention) -> Mention | None:
    """The person named in apposition to the description m ("The leader of the Acme League,
    Jane Ruiz, warned …", "His campaign manager, Tom Baxter, said"): the description is
    theirs."""
    gap = APPOSITIVE_GAP_RE.match(mentions.text, m.end)
    if gap is None:
        return None
    after = mentions.between(gap.end(), gap.end() + 80)
    if (
        after
        and after[0].kind in SPEAKER_KINDS
        and after[0].start == gap.end()
        and APPOSITIVE_CLOSE_RE.match(mentions.text, after[0].end)
    ):
        return after[0]
    return None


def _spoken_for(mentions: Mentions, m: Mention, last: Speaker | None) -> Resolved | None:
    """ "a spokesman for Acme", "an official at the bank": the organisation."""
    after = SPOKEN_FOR_RE.match(mentions.text, m.end)
    if after is None:
        return None
    nxt = mentions.between(after.end(), after.end() + 80)
    if not nxt or nxt[0].start != after.end():
        return None
    if nxt[0].kind == ORG:
        return _named(mentions, nxt[0])
    if nxt[0].kind == "NOM":
        r = resolve(mentions, nxt[0], last)
        if r.kind == ORG:
            return r
    return None


def resolve(mentions: Mentions, m: Mention, last: Speaker | None) -> Resolved:
    """The name (and kind, and name mention) a speaker mention stands for; a pronoun without
    an antecedent resolves to nothing, a nominal without one to its own text ("NOM")."""
    s = m.start
    if m.kind in SPEAKER_KINDS:
        return _named(mentions, m)
    low = m.text.lower()
    if m.kind == "PRON":
        if low == "who":
            # "Mike Lee, who declared …": the mention right before.
            prev = mentions.between(max(0, s - 120), s)
            if (
                prev
                and prev[-1].kind != "PRON"
                and RELATIVE_GAP_RE.fullmatch(text_between(mentions, prev[-1].end, s))
            ):
                return resolve(mentions, prev[-1], last)
        if low in ("he", "she", "who"):
            want = None if low == "who" else ("m" if low == "he" else "f")
            if want and _last_is_antecedent(mentions, last, s, want):
                assert last is not None
                if last.mention is not None:
                    return Resolved(last.name, PER, last.mention)
                return Resolved(last.name, PER, None)
            c = mentions.subject_before(s, want)
            if (
                want
                and last is not None
                and c is not None
                and c.start < last.position
                and not mentions.opens_sentence(c)
                and len(_PARAGRAPH_BREAK_RE.findall(mentions.text, last.position, s)) <= 1
                and _last_is_antecedent(mentions, last, s, want, weak_rules_out=False)
            ):
                # Only a first name says the previous speaker, in this paragraph or the one
                # before, is of the other sex ("Senator Lindsey Okafor criticised his rival
                # Tomas Brenner. Okafor said, “…” He continued, “…”"), no one of the pronoun's
                # sex was named since, and the one the search by sex finds is no sentence's
                # subject: the run of quotes goes on.
                return Resolved(last.name, PER, last.mention)
            if c is not None:
                return _named(mentions, c)
            c = _modifier_before(mentions, s, want)
            if c is not None:
                return _named(mentions, c)
            return _NONE
        if low == "i":
            # "I said" outside quotes: the article's own writer, when it names them.
            narrator = mentions.narrator
            return _named(mentions, narrator) if narrator is not None else _NONE
        if low in ("they", "we", "it"):
            if last is not None and last.kind == ORG:
                return Resolved(last.name, ORG, last.mention)
            orgs = mentions.between(max(0, s - _RECENT_CHARS), s, kinds=(ORG,))
            if orgs:
                return _named(mentions, orgs[-1])
        return Resolved(m.text, "NOM", None)
    # A nominal: "the senator" refers back like he/she, "the company" to an organisation,
    # "a spokesman for Acme" to Acme; "a source" stays as it is.
    named = _appositive_name(mentions, m)
    if named is not None:
        return _named(mentions, named)
    head = m.text.split()[-1].lower()
    if head in SPOKESPERSONS:
        spoken_for = _spoken_for(mentions, m, last)
        if spoken_for is not None:
            return spoken_for
    if head in ORG_HEADS and STARTS_WITH_THE_RE.match(m.text):
        org = _organisation_before(mentions, s, head)
        if org is not None:
            return _named(mentions, org)
    if head in CORE_TITLES and head not in ("man", "woman") and STARTS_WITH_THE_RE.match(m.text):
        # The one person with the title, else the one whose role words the description
        # holds most of ("the Texas senator"), else the nearest subject of its sex.
        want = description_gender(m.text)
        c = mentions.titled(s, m.text) or role_match(mentions, s, m.text, want)
        if c is None:
            c = mentions.subject_before(s, want)
            if c is not None and _previous_speaker_titled(mentions, last, c, s, m.text, want):
                assert last is not None
                return Resolved(last.name, PER, last.mention)
        if c is not None:
            return _named(mentions, c)
    return Resolved(m.text, "NOM", None)
