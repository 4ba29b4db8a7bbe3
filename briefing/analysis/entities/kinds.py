"""Entity types: person / organization / place / event / other, voted over a cluster.

The tagger's type per mention is noisy and has no "event"; the cluster's type is a weighted
vote of its mentions' NER types, overridden by head words ("... Treaty", "... Islands",
"... Corp."), the country table, honorifics and event context ("the Cobra Gold exercise").
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from functools import lru_cache

from briefing.analysis.entities.cues import TURN_LABEL_VOTES, add_cues
from briefing.analysis.entities.knowledge import known_type, product_first_words
from briefing.analysis.entities.lexicon import common_words, lexicon
from briefing.analysis.entities.names import name_parts
from briefing.analysis.entities.norm import (
    country_of,
    demonym_of,
    is_acronym,
    is_initial,
    low,
    split_words,
)
from briefing.analysis.entities.personnames import first_names, surnames
from briefing.analysis.entities.tokenized import NameMention, TokenizedText
from briefing.analysis.entities.wordlists import OF_HEADS, PARTY_LABELS, WORK_HEADS
from briefing.analysis.entities.words import (
    AMBIGUOUS_EVENT_HEADS,
    COMPANY_UNITS,
    CORE_TITLES,
    EVENT_HEADS,
    GEO_HEADS,
    GEO_PREFIXES,
    NAME_SUFFIXES,
    ORG_HEADS,
    ORG_NOUNS,
    ORG_SUFFIXES,
    PLACE_HEADS,
    QUOTES_OPEN,
)
from briefing.analysis.ner.labels import LOC, MISC, ORG, PER
from briefing.model import EntityType

TYPE_MAP: dict[str, EntityType] = {
    PER: EntityType.PERSON,
    ORG: EntityType.ORGANIZATION,
    LOC: EntityType.PLACE,
    MISC: EntityType.OTHER,
}
"""Tagger type -> entity type (MISC that is not an event is "other")."""
CUE_MENTIONS = 12
"""The context of an entity's first mentions is enough to tell its kind: a name mentioned
hundreds of times in a long report is not read hundreds of times over."""
_TAGS = {
    EntityType.PERSON: PER,
    EntityType.ORGANIZATION: ORG,
    EntityType.PLACE: LOC,
    EntityType.EVENT: MISC,
    EntityType.OTHER: MISC,
}


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


_INSTITUTION_HEADS = frozenset(
    {"brothers", "bros", "clinic", "hospital", "hospitals", "church", "press"}
    | {"division", "studio", "studios", "lab", "labs", "restaurant", "cafe", "bakery"}
    | {"bistro", "brewery", "winery", "hotel", "salon"}
)
"""Heads of organisations' names the head-word lists lack ("Cleveland Clinic"), businesses
among them ("Developer Division", "Ferno Bakery")."""
_ORG_OR_EVENT_HEADS = EVENT_HEADS | ORG_HEADS | _INSTITUTION_HEADS
_ORG_FIRST_WORDS = ORG_HEADS | ORG_NOUNS
"""The first word of an organisation's name, never of a person's ("Coalition Against X")."""
_NOT_A_PERSON_WORD = (
    ORG_HEADS
    | GEO_HEADS
    | EVENT_HEADS
    | ORG_SUFFIXES
    | OF_HEADS
    | _INSTITUTION_HEADS
    | {"airport", "station"}
)


def no_person_s_name(words: Sequence[str]) -> bool:
    """The words of a name (suffix left out) are not a person's: it ends with a word of an
    organisation, place or event ("Cleveland Clinic") or starts with an organisation's
    ("Coalition Against Trump")."""
    return low(words[-1]) in _NOT_A_PERSON_WORD or (
        len(words) >= 2 and low(words[0]) in _ORG_FIRST_WORDS
    )


_SAINTS = frozenset({"st", "ste", "saint", "san", "santa", "sao", "le", "la", "de", "el"})
"""Words that begin the names of towns and teams, not of people ("Paris St Germain")."""


@lru_cache(maxsize=16384)
def name_like(s: str) -> bool:
    """Two to four capitalised words with no word of an organisation, place or event (nor an
    organisation's first word: "Coalition Against X"), not a name the shipped knowledge types,
    not in capitals: the shape of a person's full name, though not only of one ("Jeb Bush",
    "Bear Stearns")."""
    words = list(split_words(s))
    while words and low(words[-1]) in NAME_SUFFIXES:
        words.pop()  # "Jr." ends a name; "Willem II Tilburg" is no person's
    if not 2 <= len(words) <= 4 or not all(w[:1].isupper() for w in words):
        return False
    lows = [low(w) for w in words]
    if (
        any(w in _NOT_A_PERSON_WORD or w in NAME_SUFFIXES or w in _SAINTS for w in lows)
        or lows[0] in _ORG_FIRST_WORDS
    ) or any((w.isupper() and len(w) > 2 and "." not in w) or demonym_of(w) for w in words):
        return False
    return not (
        country_of(s)
        or known_type(s) is not None
        or known_type(words[-1]) == EntityType.ORGANIZATION
    )


@lru_cache(maxsize=16384)
def person_shaped(s: str) -> bool:
    """`name_like` and a first name (or an initial) first: "Hillary Clinton", "J. Bradford
    DeLong", "Bill Clinton" (a first name that is also a common word, or a place's name,
    needs a known surname after it: not "Rose Garden", "Cleveland Clinic")."""
    if not name_like(s):
        return False
    words = [w for w in split_words(s) if low(w) not in NAME_SUFFIXES]
    first, last = words[0], low(words[-1])
    if is_initial(first) and first.endswith("."):
        return not is_initial(words[-1])
    if low(first) not in first_names():
        return False
    common = lexicon().common
    if low(first) in common or known_type(first) is not None or country_of(first):
        return last in surnames() and last not in common
    # the surname: a known one, or a word no list knows ("Acemoglu"), not a place's ("Fe")
    return last in surnames() or (
        len(last) >= 3 and last not in common and known_type(words[-1]) is None
    )


@lru_cache(maxsize=4096)
def party_members(s: str) -> bool:
    """ "Democrats", "Senate Republicans", "Tories": a party's members as a group, named by
    the plural of a party label (`PARTY_LABELS`)."""
    words = split_words(s)
    if not words:
        return False
    last = low(words[-1])
    if last.endswith("ies"):
        return last[:-3] + "y" in PARTY_LABELS
    return last.endswith("s") and last[:-1] in PARTY_LABELS


def _has_full_personal_name(surfs: Sequence[str]) -> bool:
    """One of the cluster's forms is a person's full name (`person_shaped`: "John Podesta"): a
    bare surname elsewhere in the cluster is that person, whatever its context suggested."""
    # one word is never a full name (`name_like`): not asked, the first time a costly question
    return any(person_shaped(s) for s in surfs if len(split_words(s)) >= 2)


_PLAIN = re.compile(r"[A-Z][a-z]+")
_SHOUTED = re.compile(r"[A-Z]{3,}")
_OF_INSIDE = re.compile(r"\w of [A-Z]")
_CASE = re.compile(r"\S (?:v\.|vs\.?) [A-Z]")


_STREET_END = re.compile(
    r"\S \b(?:St\.|Ave\.?|Avenue|Rd\.?|Road|Blvd\.?|Boulevard|Street|Lane|Ln\.|Drive"
    r"|Pkwy\.?|Hwy\.?)$"
)
"""A street's name: a name and a street word last ("Water St.", "Sunnyslope Road")."""
_NUMBER_AFTER = re.compile(r" \d")
_HEADING_WORDS = 10
"""At most this many words on a line that is a heading or a list item, not a sentence."""
_LONG_LOWER_WORD = re.compile(r"\b[a-z][a-z]{3,}")
_DIGIT = re.compile(r"\d")


def in_a_heading(text: str, pos: int) -> bool:
    """The line around `pos` is a heading or a list item in title case: a few words, every
    word of four letters or more capitalised, no sentence's end ("Grow, Cook, Eat Amazon
    Prime"). Its capitals say nothing of a word's being a name."""
    start = text.rfind("\n", 0, pos) + 1
    end = text.find("\n", pos)
    if end < 0:
        end = len(text)
    # prose fails at its first long lower-case word, before the line is copied
    if _LONG_LOWER_WORD.search(text, start, end) or _DIGIT.search(text, start, end):
        return False  # (a digit: a table's row, "Crystal Palace 21 9 8 4")
    line = text[start:end].rstrip()
    return bool(line) and line[-1] not in '.!?:;"”' and len(line.split()) <= _HEADING_WORDS


def lone_common_word(
    doc: TokenizedText, group: Sequence[NameMention], surfs: Sequence[str]
) -> bool:
    """Every form of the cluster is one word that English writes in lower case ("War",
    "Hacked", "Central"; or in capitals for emphasis, "LIVE"), capitalised only where any
    word is (a sentence's or a quotation's first word) or once, or a first name alone that
    the tagger read as a person's, so; and nothing says it is a name: not a country ("China",
    "Turkey") nor a name the shipped knowledge lists ("Army"), no honorific or title, no verb
    of saying after it."""
    word = surfs[0]
    if any(s != word for s in surfs) or country_of(word):
        return False  # a country is a name, however English writes "china" or "turkey"
    w = word.lower()
    if _SHOUTED.fullmatch(word):
        # "will call in LIVE from London": a common word in capitals for emphasis, unless
        # the knowledge lists it ("WHO") or the tagger is sure enough to find it twice
        if w not in common_words() or known_type(word) is not None:
            return False
    elif not _PLAIN.fullmatch(word):
        return False
    person = all(m.ner == PER for m in group)
    first_name_only = person and w in first_names()
    # a common word in title case: its mentions on title-case lines are capitalised by the
    # line (a first name's capital is its own; in capitals, every line's word is)
    titled = word[1:].islower() and w in common_words()
    if (
        person
        and w in surnames()
        and not first_name_only
        and not (titled and all(in_a_heading(doc.text, m.start) for m in group))
    ):
        return False  # "Smith", "Baker": a surname the tagger read as a person's
    if w not in doc.lower_words and not first_name_only and w not in common_words():
        return False
    if known_type(word) is not None or any(m.honorific or m.title for m in group):
        return False
    if all(_NUMBER_AFTER.match(doc.text, m.end) for m in group) and w in common_words():
        return True  # "Suite 201", "Outpost 7": a common word numbering things, a label
    cues: Counter[str] = Counter()
    plain = 0
    for m in group[:CUE_MENTIONS]:
        add_cues(doc, m, cues)
        i = doc.tok_at(m.start)
        if (
            i not in doc.sent_first
            and not (i > 0 and doc.toks[i - 1] in QUOTES_OPEN)
            and not (titled and in_a_heading(doc.text, m.start))
        ):
            plain += 1
    # a lone first name that no surname ever follows names no one the reader can place
    # a speaker's label ("MODERATOR:") tells a person speaks, not that the word names one
    person_cues = cues[PER] - TURN_LABEL_VOTES * cues["TURN"]
    return plain < 2 and not person_cues and not (first_name_only and cues["AT"])


def rank_qualifier(doc: TokenizedText, group: Sequence[NameMention]) -> bool:
    """Every mention is one common word written just before a title that a name follows:
    the service or office of a rank ("retired Army Lt. Gen. X", "Navy Secretary X"), part of
    the title, and titles are no entities."""
    toks = doc.toks
    for m in group:
        i = doc.tok_at(m.start)
        title, name = i + 1, i + 2
        if (
            i >= len(toks)
            or doc.ends[i] != m.end
            or name >= len(toks)
            or low(toks[title]) not in CORE_TITLES
            or low(toks[i]) not in common_words()  # the list last: a first look-up costs
        ):
            return False
        while name < len(toks) and low(toks[name]) in CORE_TITLES:
            name += 1  # "Lt. Gen.": a rank of two words
        if name >= len(toks) or not toks[title][:1].isupper() or not toks[name][:1].isupper():
            return False
    return True


_MODEL_NUMBER = re.compile(r"[A-Za-z]+\d|\d+[A-Za-z]")
"""A word of letters and digits: a product's model ("A7", "FE2", "R6") or a brand ("Ward4")."""
_CAMEL = re.compile(r"[A-Z][a-z]{3,}[A-Z]")
"""A capital inside a word after a run of four small letters ("WalletHub"; not "McDonald",
"MacArthur", "DeLong", whose capital follows a short prefix of surnames)."""


def _model_name(s: str) -> bool:
    """Two words or more, one of letters and digits run together ("Nikon FE2", "Core i5")."""
    words = split_words(s)
    return len(words) >= 2 and any(_MODEL_WORD.fullmatch(w) for w in words)


_MODEL_WORD = re.compile(r"[A-Za-z]+\d+[A-Za-z]*|\d+[A-Za-z]+")


def made_thing(surfs: Sequence[str]) -> EntityType | None:
    """The type of a name the tagger read as a person's, when nothing in the text says it is
    one and its shape says it is a product or a company: a word of letters and digits ("Sony
    A7 IV" a product, "Ward4" alone a company), a brand in camel case ("WalletHub"), or two
    words English writes in lower case (or a known company's name first), the last no surname
    ("Magic Keyboard", "Google Scholar"). Not a first name and a numeral: "Henry IV" is a
    king's name far more often than a product's."""
    for s in surfs:
        words = split_words(s)
        if any(_MODEL_NUMBER.match(w) for w in words):
            return EntityType.ORGANIZATION if len(words) == 1 else EntityType.OTHER
        camel = _CAMEL.match(s) if len(words) == 1 else None
        rest = low(s[camel.end() - 1 :]) if camel else ""
        if camel and (len(rest) <= 3 or rest in common_words()):
            return EntityType.ORGANIZATION  # "WalletHub" (not "JosepGuardiola", run together)
    longest = max(surfs, key=lambda x: len(split_words(x)))
    words = split_words(longest)
    if len(words) < 2 or not words[-1].isalpha() or not words[-1][:1].isupper():
        return None
    first, last = low(words[0]), low(words[-1])
    if last in surnames() or last not in common_words():
        return None
    if first not in common_words() and known_type(words[0]) != EntityType.ORGANIZATION:
        return None  # "Viorel Ion": a first name no list knows, and a rare word
    if first in first_names() and first not in common_words():
        return None
    return EntityType.OTHER


_NOT_A_PRODUCT_WORD = _ORG_OR_EVENT_HEADS | ORG_SUFFIXES | COMPANY_UNITS | PLACE_HEADS


def brand_product(surfs: Sequence[str]) -> bool:
    """The longest form is a known company's or product's name and more words, none a word
    of an organisation, a business or a place, nor a known place ("Microsoft Teams",
    "Visual Studio Online"; not "Ford Motor", "Sony Pictures Classics", "Breitbart
    London"): a product of the company, or an edition of the product."""
    words = split_words(max(surfs, key=len))
    last = words[-1]
    if len(words) < 2:
        return False
    for k in range(len(words) - 1, 0, -1) if low(words[0]) in product_first_words() else ():
        if known_type(" ".join(words[:k])) == EntityType.OTHER:
            # a known product and its edition: "Visual Studio Online"
            return not any(low(w) in _NOT_A_PRODUCT_WORD for w in words[k:])
    if known_type(words[0]) != EntityType.ORGANIZATION or any(
        low(w) in _NOT_A_PRODUCT_WORD for w in words[1:]
    ):
        return False
    return (
        # the product's word: a common word or a model's letters ("Teams", "EOS RP"), not
        # a name ("Bayer Leverkusen")
        (last.isupper() or any(c.isdigit() for c in last) or low(last) in common_words())
        and low(words[0]) not in common_words()  # "National Alliance": no brand
        and not any(known_type(w) == EntityType.PLACE or country_of(w) for w in words[1:])
    )


def _known(surfs: Sequence[str]) -> tuple[EntityType | None, bool, bool]:
    """The type the shipped knowledge gives the forms (the longest form it knows decides),
    whether that form has more than one word, and whether it is as long as the longest form
    (the knowledge about "Belgrade" says little of "Partizan Belgrade")."""
    best: tuple[int, EntityType] | None = None
    longest = 0
    for s in surfs:
        size = len(split_words(s))
        longest = max(longest, size)
        found = known_type(s)
        if found is not None and (best is None or size > best[0]):
            best = (size, found)
    if best is None:
        return None, False, False
    return best[1], best[0] > 1, best[0] >= longest


def entity_type(
    group: Sequence[NameMention], surfs: Sequence[str], doc: TokenizedText | None = None
) -> EntityType | None:
    """Type of a cluster of mentions `group` with surface forms `surfs` (same order): one
    decision over all its mentions, from the tagger's votes, the words around each mention
    (`cues`, when `doc` is given), the shipped knowledge and the forms themselves."""
    surfs = list(dict.fromkeys(surfs))  # every rule on forms is a set test: each form once
    if any(m.honorific for m in group):
        return EntityType.PERSON
    if any(len(split_words(x)) >= 2 and low(split_words(x)[-1]) in ORG_SUFFIXES for x in surfs):
        return EntityType.ORGANIZATION
    if any(_CASE.search(x) for x in surfs):
        return EntityType.EVENT  # "Brown v. Board of Education": a court case
    if all(party_members(x) for x in surfs):
        return EntityType.ORGANIZATION  # "Democrats", "Senate Republicans": no one person
    votes: Counter[str] = Counter()
    for m in group:
        if m.source != "scan":  # a further occurrence only copies its form's type
            votes[m.ner] += 2
    known, known_long, whole = _known(surfs)
    if known is not None and known != EntityType.PLACE and known_long and whole:
        return known  # "Time Warner", "Wall Street": a name of more than one word, known
    cues: Counter[str] = Counter()
    if doc is not None:
        for m in group[:CUE_MENTIONS]:
            add_cues(doc, m, cues)
    if known is None and not cues[ORG] and not cues[PER] and brand_product(surfs):
        return EntityType.OTHER
    if known is not None and not whole:
        votes[_TAGS[known]] += 4  # known as part of a longer name: one vote among others
        known = None
    if (
        known == EntityType.PLACE
        and votes[ORG] > votes[LOC] + votes[PER]
        and ((votes[ORG] >= 6 and not cues[LOC]) or cues["ORG#"] > cues[LOC])
    ):
        known = None  # a city's team (beside its score), a company named after its town
    turns = cues.pop("TURN", 0)
    if cues.pop("ADDRESS", 0):
        return EntityType.PLACE  # "720 N. Milwaukee St.": a street, whatever else it names
    del cues["ORG#"], cues["AT"]
    # whether a form is a person's full name is asked only where it decides, here and below
    # (a form's first `person_shaped` costs word-list look-ups; most clusters never ask)
    if known is not None and (known_long or not (cues[PER] >= 4 or _has_full_personal_name(surfs))):
        return known
    votes.update(cues)
    if any(country_of(s) for s in surfs) and votes[PER] < sum(votes.values()) / 2:
        return EntityType.PLACE
    first_seen: dict[str, int] = {}
    for k, m in enumerate(group):
        first_seen.setdefault(m.ner, k)
    ner = max(votes, key=lambda t: (votes[t], -first_seen.get(t, len(group))))
    if ner in (LOC, ORG, MISC) and _has_full_personal_name(surfs):
        ner = PER  # "John Podesta" … "Podesta" read as a place in "Podesta emails"
    elif ner in (LOC, ORG, MISC) and cues[PER] >= 4 and not cues[ner]:
        ner = PER  # "President Obama": a title, and no "in Obama" nor "Obama's shares"
    if ner == PER and not cues[PER] and not turns:
        made = made_thing(surfs)
        if made is not None:
            return made  # "Sony A7 IV", "WalletHub", "Magic Keyboard": nothing says a person
        if cues[LOC] and all(len(split_words(x)) == 1 for x in surfs):
            return EntityType.PLACE  # "farmers in Korvadi": a place, and nothing says a person
    elif ner != PER and not cues[ner] and any(_model_name(x) for x in surfs):
        return EntityType.OTHER  # "Nikon FE2" read as a place: a model, nothing says otherwise
    if (
        ner == PER
        and cues[PER] < 4
        and all(_OF_INSIDE.search(x) for x in surfs)
        and not any(low(split_words(x)[0]) in CORE_TITLES for x in surfs)
    ):
        # "Rose of Sharon": people are not named "X of Y" unless a title leads ("Duke of
        # York"); without other evidence it is no one's name, and not listed.
        others = Counter({t: v for t, v in votes.items() if t != PER and v > 0})
        if not others:
            return None
        ner = others.most_common(1)[0][0]
    if (
        ner == PER
        and turns < 2
        and all(is_acronym(x.replace(".", "")) and x.replace(".", "").isupper() for x in surfs)
    ):
        # "ESMA": an all-capitals name is not a person's, unless it opens turns of a
        # transcript ("WALLACE: …" twice or more: a speaker's label)
        ner = ORG
    heads = {low(split_words(x)[-1]) for x in surfs if split_words(x)}
    firsts = {low(split_words(x)[0]) for x in surfs if len(split_words(x)) >= 2}
    if ner in (PER, MISC) and (firsts & GEO_PREFIXES or heads & PLACE_HEADS):
        return EntityType.PLACE
    if any(_STREET_END.search(x) for x in surfs) and not (
        ner == PER and (_has_full_personal_name(surfs) or not any(x[-1] == "." for x in surfs))
    ):
        # "National Ave.", "Sunnyslope Road"; a person's name only with a street's
        # abbreviation ("Picabo Street" is a skier)
        return EntityType.PLACE
    if ner == PER and heads & WORK_HEADS and len(firsts):
        return EntityType.OTHER  # "The Opie and Anthony Show": a programme, not a person
    org_heads = _ORG_OR_EVENT_HEADS
    if (
        ner == PER
        and heads & org_heads
        and not any(
            len(name_parts(x)) >= 2 and low(name_parts(x)[-1]) not in org_heads for x in surfs
        )
    ) or (ner == PER and firsts and firsts <= _ORG_FIRST_WORDS):
        ner = ORG  # "Harvard Business Review Press"; "Coalition Against Trump"
    if (
        ner != PER
        and sum(m.event_ctx for m in group) * 2 >= len(group)
        and not any(country_of(x) for x in surfs)
    ):
        return EntityType.EVENT
    if ner != PER:
        for s in surfs:
            hs = [h for h in _head_words(s) if h in EVENT_HEADS]
            if ner == ORG:
                hs = [h for h in hs if h not in AMBIGUOUS_EVENT_HEADS]
            if hs and not (ner == LOC and len(split_words(s)) == 1):
                return EntityType.EVENT
    if ner == MISC and heads & (ORG_HEADS | _INSTITUTION_HEADS):
        return EntityType.ORGANIZATION  # "Harbour Users Forum", "Reform Party" tagged MISC
    return TYPE_MAP.get(ner, EntityType.OTHER)
