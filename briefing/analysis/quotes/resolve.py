"""Speaker resolution: from the mention a cue points at to a name.

A cue often points at "he", "they" or "the senator"; readers want "Bernie Sanders". Pronouns
go to the previous quote's speaker when nobody else was named since (the usual news pattern of
a run of quotes from one person), else to the nearest plausible subject; short names expand to
the full form used elsewhere in the article.
"""

from __future__ import annotations

from typing import NamedTuple

from briefing.analysis.quotes.lexicon import CORE_TITLES
from briefing.analysis.quotes.mentions import SPEAKER_KINDS, Mention, Mentions
from briefing.analysis.quotes.patterns import STARTS_WITH_THE_RE

_RECENT_CHARS = 1500
"""How far back (characters) the previous speaker or an organisation still counts."""


class Speaker(NamedTuple):
    """The last resolved speaker, for pronouns and for unattributed quotes that follow."""

    name: str
    kind: str | None
    position: int
    paragraph: int


def resolve(mentions: Mentions, m: Mention, last: Speaker | None) -> tuple[str | None, str | None]:
    """(name, kind) for a speaker mention; (None, None) when a pronoun has no antecedent."""
    s = m.start
    if m.kind in SPEAKER_KINDS:
        return mentions.name_of(m), m.kind
    low = m.text.lower()
    if m.kind == "PRON":
        if low in ("he", "she", "who"):
            want = None if low == "who" else ("m" if low == "he" else "f")
            if (
                want
                and last is not None
                and last.kind == "PER"
                and s - last.position < _RECENT_CHARS
                and not mentions.between(last.position, s, kinds=("PER",))
            ):
                # Nobody else named since the previous quote's speaker.
                return last.name, "PER"
            c = mentions.subject_before(s, want)
            if c is not None:
                return mentions.name_of(c), "PER"
            return None, None
        if low in ("they", "we", "it"):
            if last is not None and last.kind == "ORG":
                return last.name, "ORG"
            orgs = mentions.between(max(0, s - _RECENT_CHARS), s, kinds=("ORG",))
            if orgs:
                return mentions.name_of(orgs[-1]), "ORG"
        return m.text, "NOM"
    # A nominal: "the senator" refers back like he/she; "a source" stays as it is.
    head = m.text.split()[-1].lower()
    if head in CORE_TITLES and head not in ("man", "woman") and STARTS_WITH_THE_RE.match(m.text):
        c = mentions.subject_before(s, None)
        if c is not None:
            return mentions.name_of(c), "PER"
    return m.text, "NOM"
