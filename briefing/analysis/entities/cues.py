"""What the words around a mention say about the kind of thing it names.

News states kinds in a few fixed shapes, whatever the name: a title or a kinship noun before
a person ("Sen. X", "President X", "her husband, X"); a post of an organisation ("chief
executive of X", "a spokesman for X", "shares of X", "X's board", a polling firm's "X poll");
a place after a locative ("in X", "X-based"). Each mention's cues are votes for a type; the
typing step (`kinds`) adds them up over all the mentions of an entity, with the tagger's votes
and the shipped knowledge, and decides once. The words of those shapes are lists of
`data/entity_words.txt` (through `words`).
"""

from __future__ import annotations

from collections import Counter

from briefing.analysis.entities.norm import apos, demonym_of, low
from briefing.analysis.entities.tokenized import NameMention, TokenizedText
from briefing.analysis.entities.words import (
    ACQUIRING,
    CORE_TITLES,
    CORPORATE_POSTS,
    KIN_NOUNS,
    LOCATIVES,
    NOT_BEFORE_A_NAME,
    ORG_NOUNS,
    ORG_NOUNS_BEFORE_A_NAME,
    ORG_POSSESSED,
    ORG_POSTS,
    PLACE_HEADS,
    POLL_NOUNS,
    POST_ADJECTIVES,
    SPEECH_VERBS,
    STREET_WORDS,
)
from briefing.analysis.ner.labels import LOC, MISC, ORG, PER

_POST_LINKS = frozenset({"of", "at", "for"})
_LEADERS_TERMS = frozenset({"administration", "presidency"})
"""What a leader's name stands before: "the Obama administration"."""
_ARTICLES = frozenset({"a", "an", "the"})
_COMPASS = frozenset("NSEW")
_PLACE_KINDS = PLACE_HEADS | frozenset(
    {"village", "town", "city", "tract", "area", "neighborhood", "neighbourhood", "suburb"}
)
"""Kinds of place a place's name stands before in lower case ("Palpur village")."""
_APPOSITIVE_PLACES = _PLACE_KINDS | frozenset({"hub", "capital", "port", "island", "country"})
"""Nouns of places an appositive uses: "X, a port city", "X, a major hub of"."""
_PHRASE_ENDS = frozenset(
    {"of", "in", "under", "near", "on", "and", "or", "to", "from", "for", "with", "at", "that"}
)


def _ends_a_phrase(toks: list[str], k: int) -> bool:
    """Token k (if any) ends the noun phrase before it: punctuation, a preposition or a verb
    in -ed, not a further noun ("the Trump town hall": no place)."""
    if k >= len(toks):
        return True
    if not toks[k][:1].isalnum():
        return toks[k][:1] not in "'’"  # "the country's flower": a possessive goes on
    t = low(toks[k])
    return t in _PHRASE_ENDS or (len(t) > 4 and t.endswith("ed"))  # "X village described"


_AFTER_A_NOUN = _PHRASE_ENDS | {"by", "since", "who", "whose", "until"}
"""Lower-case words after a title word that make it the noun, not an adjective ("a senator
from Ohio", "a lawyer at the firm"; but "a major hub")."""

Votes = Counter[str]


def appositive_kind(doc: TokenizedText, k: int) -> str | None:
    """Tokens from k are "[45 ,] a/an/the [adjectives] noun", the noun a person's ("an
    economist at", "a former senator": PER) or an organisation's ("a consulting firm": ORG)."""
    toks = doc.toks
    n = len(toks)
    if k + 1 < n and toks[k].isdigit() and toks[k + 1] == ",":
        k += 2
    if k >= n or low(toks[k]) not in _ARTICLES:
        return None
    for j in range(k + 1, min(k + 5, n)):
        t = low(toks[j])
        if not toks[j][:1].isalpha():
            return None
        if not toks[j][:1].islower():
            continue
        after = toks[j + 1] if j + 1 < n else ""
        if t in CORE_TITLES and not (after[:1].islower() and low(after) not in _AFTER_A_NOUN):
            return PER  # "a senator from", not "a major hub" (a title word as an adjective)
        if t in ORG_NOUNS:
            return ORG
        if t in _APPOSITIVE_PLACES and _ends_a_phrase(toks, j + 1):
            return LOC  # "X, a major hub of", "X, a port city." (not "a district attorney")
    return None


def mention_cues(doc: TokenizedText, m: NameMention) -> Votes:
    """The types the context of `m` votes for (PER, ORG, LOC), with weights."""
    votes: Votes = Counter()
    add_cues(doc, m, votes)
    return votes


def add_cues(doc: TokenizedText, m: NameMention, votes: Votes) -> None:
    """Add the votes of `m`'s context to `votes` (see `mention_cues`)."""
    toks = doc.toks
    ti = doc.tok_at(m.start)
    tj = doc.tok_at(m.end) - 1
    n = len(toks)
    prev = toks[ti - 1] if ti > 0 else ""
    nxt = toks[tj + 1] if tj + 1 < n else ""
    lp = low(prev) if prev else ""
    if m.title is not None:
        votes[PER] += 4
    elif lp in CORE_TITLES and lp not in NOT_BEFORE_A_NAME and ti - 1 not in doc.sent_first:
        votes[PER] += 4  # "Sen. X", "President X", "former governor X"
    elif lp in KIN_NOUNS or (prev == "," and ti > 1 and low(toks[ti - 2]) in KIN_NOUNS):
        votes[PER] += 4  # "her husband, Bill", "his son Hunter": a person
    elif lp in _POST_LINKS and ti > 1 and low(toks[ti - 2]) in ORG_POSTS:
        votes[ORG] += 3  # "chief executive of X", "shares of X", "a spokesman for X"
    elif lp in LOCATIVES and prev[:1].islower() and not nxt[:1].islower() and apos(nxt) != "'s":
        votes[LOC] += 1  # "in X." (but not "in X's", "in X primaries")
    elif lp in ("at", "from"):
        votes["AT"] += 1  # "at X", "from X": a place or an institution, seldom a first name
    elif lp in ACQUIRING and prev[:1].islower():
        votes[ORG] += 2  # "agreed to buy X"
    elif lp in ORG_NOUNS_BEFORE_A_NAME and prev[:1].islower():
        votes[ORG] += 3  # "data management firm X", "the airline X"
    elif (lp == "a" or lp == "an") and _ends_a_phrase(toks, tj + 1) and not demonym_of(toks[ti]):
        # "bring home a MacBook Pro for": a thing one has (but "an American.": one of a people)
        votes[MISC] += 2
    if nxt:
        if nxt == ",":
            if tj + 2 < n and low(toks[tj + 2]) == "who":
                votes[PER] += 2  # "X, who ..."
            else:
                kind = appositive_kind(doc, tj + 2)
                if kind:  # "X, an economist at ...", "X, a consulting firm": the text says
                    votes[kind] += 3 if kind == PER else 8
        elif nxt[:1].isdigit():
            if m.ner == ORG and m.source == "ner":
                votes["ORG#"] += 1  # a team beside its score: "Valencia 2 Zaragoza 1"
        elif nxt[-1:] in "sS" and apos(nxt) == "'s" and tj + 2 < n:
            owned = low(toks[tj + 2])
            if owned in POST_ADJECTIVES and tj + 3 < n:
                owned = low(toks[tj + 3])
                if owned not in CORPORATE_POSTS:
                    owned = ""
            if owned in CORPORATE_POSTS:
                votes[ORG] += 4  # "X's chief executive": no person has one
            elif owned in ORG_POSSESSED:
                votes[ORG] += 2  # "X's shares"
        elif low(nxt) in SPEECH_VERBS:
            votes[PER] += 1
        elif low(nxt) in POLL_NOUNS:
            votes[ORG] += 6  # "a Rasmussen poll": a polling firm's, never a person's
        elif nxt in _LEADERS_TERMS and prev[:1].islower():
            votes[PER] += 4  # "the Obama administration": a president's or governor's
    if prev[:1].isdigit() and m.ner == ORG and m.source == "ner":
        votes["ORG#"] += 1
    if nxt == ":" and _opens_a_turn(doc, m):
        votes[PER] += TURN_LABEL_VOTES  # "WALLACE: Let's start…": a transcript's speaker
        votes["TURN"] += 1
    if doc.text.startswith("-based", m.end):
        votes[LOC] += 2
    if (
        prev.isdigit()
        and toks[ti][:-1] in _COMPASS
        and toks[ti].endswith(".")
        and (low(nxt).rstrip(".") in STREET_WORDS or low(toks[tj]).rstrip(".") in STREET_WORDS)
    ):
        votes["ADDRESS"] += 1  # "720 N. Milwaukee St.": a street of an address
    elif nxt[:1].islower() and low(nxt) in _PLACE_KINDS and _ends_a_phrase(toks, tj + 2):
        votes[LOC] += 3  # "Palpur village under", "the Barind tract.": a place's kind after it


TURN_LABEL_VOTES = 3
"""Votes for a person from each speaker's label ("WALLACE:" opening a turn)."""

_TURN_OPENERS = frozenset(' \t"\u201c')
"""What may stand before a speaker's label in its paragraph: spaces and an opening quote."""


def _opens_a_turn(doc: TokenizedText, m: NameMention) -> bool:
    """`m` opens its paragraph (after an opening quote at most) and a colon follows it: a
    turn of an interview or a transcript, which names who speaks."""
    text = doc.text
    line = text.rfind("\n", 0, m.start) + 1
    return m.start - line <= 3 and all(c in _TURN_OPENERS for c in text[line : m.start])
