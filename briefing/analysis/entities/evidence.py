"""Entities the rest of the text does not back up.

The tagger reads capitals as evidence of a name. In a headline set in title case ("Voters
Change Their Minds In The Final Week") or a label in capitals ("ABSTRACT") every word is
capitalised, so what it finds there is noise unless the body of the text names it too. And a
capitalised word joined to a lower-case participle or qualifier ("Kremlin-financed",
"Florida-only") describes something; it is not an entry of a who's-who. Nor is a one-word
name of no clear kind that the text only ever uses before a noun ("Democratic nominee",
"Western leaders"): an adjective.
"""

from __future__ import annotations

import re
from collections.abc import Sequence, Set
from dataclasses import replace

from briefing.analysis.entities.kinds import in_a_heading
from briefing.analysis.entities.knowledge import known_type
from briefing.analysis.entities.lexicon import common_words
from briefing.analysis.entities.personnames import surnames
from briefing.analysis.entities.records import EntityRecord
from briefing.model import EntityType

_WORD = re.compile(r"[^\W\d_][\w'’\-.]*")
_SMALL_WORDS = frozenset(
    "a an and as at but by for from in into is of on or over the to up with".split()
)
"""Function words that sentence case writes in lower case and title case capitalises."""
_QUALIFYING_TAIL = re.compile(
    r"-(?:[a-z]+ed|only|style|era|like|wide|language|speaking|friendly|bound|run|made|free"
    r"|centric|specific|based|born|led|native|first|ready|savvy|proof|powered|sized)$"
)


def headline_case(paragraph: str, lower_words: Set[str] = frozenset(), first: bool = False) -> bool:
    """A line in title case or capitals: no lower-case letter at all (a label, "ABSTRACT"),
    or three or more words, every word of four letters or more capitalised, and after the
    first a capitalised function word ("In", "Of") or two capitalised words that the text
    writes in lower case elsewhere (`lower_words`: "Reporter Reveals"); for the `first` line
    of a text (where a headline stands), the capitals are enough."""
    words = _WORD.findall(paragraph)
    if not words:
        return False
    if not any(c.islower() for c in paragraph):
        return True
    if len(words) < 3 or any(len(w) >= 4 and not w[0].isupper() for w in words):
        return False
    if first:
        return True
    rest = [w.lower().rstrip(_TRAILING) for w in words[1:] if w[0].isupper()]
    if any(w in _SMALL_WORDS for w in rest):
        return True
    return sum(w in lower_words for w in rest) >= 2


_TRAILING = ".'’\"”"
"""Marks a word of `_WORD` may end with that the text's words do not carry."""


_LOWER_LONG_WORD = re.compile(r"(?<![\w'’\-.])[a-z]\w{3}")


def could_be_headline(paragraph: str) -> bool:
    """A cheap first test (ordinary prose fails it at its first long lower-case word)."""
    return _LOWER_LONG_WORD.search(paragraph) is None


def qualifying_compound(name: str) -> bool:
    """A one-word name whose last part is a lower-case participle or qualifier joined by a
    hyphen: an adjective ("Kremlin-financed", "Clinton-tied", "Florida-only")."""
    return " " not in name and _QUALIFYING_TAIL.search(name) is not None


_BEFORE_A_NOUN = re.compile(r" [a-z]")
_ADJECTIVE_SHAPE = re.compile(r"[A-Z][a-z]+(?:ic|ern|an|ish|ese|al)")


def attributive_only(record: EntityRecord, text: str) -> bool:
    """A one-word name of type "other", shaped like an adjective, every mention of which is
    followed by a lower-case word: an adjective before its noun ("Democratic nominee",
    "Western leaders")."""
    if record.type != EntityType.OTHER or not _ADJECTIVE_SHAPE.fullmatch(record.name):
        return False
    return all(_BEFORE_A_NOUN.match(text, end) for _, end, _ in record.mentions)


def heading_words_only(record: EntityRecord, text: str) -> bool:
    """A name of common English words ("First Five Years", "Skills and Goals") mentioned only
    on heading or list lines in title case (`kinds.in_a_heading`), where every word is
    capitalised: the capitals are the heading's, not a name's, and nothing else backs it."""
    if record.type == EntityType.PERSON or not all(
        in_a_heading(text, start) for start, _, _ in record.mentions
    ):
        return False
    words = _NAME_WORD.findall(record.name)
    common = common_words()
    return (
        bool(words)
        and all(w.lower() in common or w.lower() in _SMALL_WORDS for w in words)
        and known_type(record.name) is None
    )


_SUPERLATIVES = frozenset({"best", "top", "most", "worst", "greatest", "biggest", "largest"})


def superlative_phrase(record: EntityRecord, text: str) -> bool:
    """A name that opens with a superlative and ends with a plural noun ("Best
    Mirrorless Cameras", "Top Budget Laptops"), or any such name only on heading lines: the
    title of a ranking or a list written in title case, not a name ("Best Western", "Top Gun"
    in running text are names), unless the shipped knowledge lists one of its forms."""
    words = record.name.split(" ")
    return (
        words[0].lower() in _SUPERLATIVES
        and len(words) > 1
        and record.type != EntityType.PERSON
        and (
            _plural_common_noun(words[-1])
            or all(in_a_heading(text, start) for start, _, _ in record.mentions)
        )
        and all(known_type(n) is None for n in (record.name, *record.aliases))
    )


def _plural_common_noun(word: str) -> bool:
    """`word` is shaped as a common noun's plural ("Cameras", "Laptops", "Sessions"): a word
    in -s (not -ss, -us, -is) whose singular is a dictionary word or that no list gives as a
    surname ("Daniels")."""
    w = word.lower()
    if len(w) < 4 or not w.isalpha() or not w.endswith("s") or w.endswith(("ss", "us", "is")):
        return False
    singular = w[:-3] + "y" if w.endswith("ies") else w[:-1]
    return singular in common_words() or w not in surnames()


_NAME_WORD = re.compile(r"[^\W\d_]+")


def backed_by_the_text(
    records: Sequence[EntityRecord],
    text: str,
    paragraphs: Sequence[tuple[int, int]],
    lower_words: Set[str],
) -> list[EntityRecord]:
    """`records` without those mentioned only in headline-case paragraphs, qualifying
    compounds and adjectives; the rest renumbered "e1", "e2", … in order. `lower_words`:
    the text's lower-case words (`TokenizedText.lower_words`)."""
    lines = [text[a:b] for a, b in paragraphs]
    candidates = [could_be_headline(p) for p in lines]
    headline = [
        c and headline_case(p, lower_words, first=k == 0)
        for k, (c, p) in enumerate(zip(candidates, lines, strict=True))
    ]
    kept = [
        r
        for r in records
        if not qualifying_compound(r.name)
        and not all(headline[p] for _, _, p in r.mentions)
        and not attributive_only(r, text)
        and not heading_words_only(r, text)
        and not superlative_phrase(r, text)
    ]
    if len(kept) == len(records):
        return list(records)
    return [replace(r, id=f"e{n}") for n, r in enumerate(kept, 1)]
