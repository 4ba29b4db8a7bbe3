"""Patterns rewritten so that the regex engine can scan for their first letter match exactly
what their plain forms (a leading word boundary or look-behind) match, on any text."""

from __future__ import annotations

import re

from hypothesis import example, given, settings
from hypothesis import strategies as st

from briefing.analysis import titles
from briefing.analysis.entities import acronyms
from briefing.analysis.quotes import patterns
from briefing.analysis.quotes.lexicon import NOMINAL_HEADS, SLOT_VERBS
from briefing.analysis.trie import trie_regex

_LONG = acronyms._LONG
_HONORIFICS = "|".join(patterns._HONORIFICS)
PLAIN = {
    "CAPWORD_RE": r"\b[A-Z][\w’'-]*",
    "PRONOUN_RE": r"\b(?:[Hh]e|[Ss]he|[Tt]hey|[Ww]e|[Ii]t|I|[Ww]ho)\b",
    "HONORIFIC_NAME_RE": rf"\b(?:{_HONORIFICS})\.\s+(?:\b(?:{_HONORIFICS})\.\s+)?"
    r"(?P<name>(?:[A-Z][\w’'-]+\s+){0,2}[A-Z][\w’'-]+)",
    "GENDERED_NAME_RE": r"\b(Mr|Mrs|Ms|Miss)\.?\s+(?:[A-Z][\w’'-]+\s+){0,2}([A-Z][\w’'-]+)",
    "NOMINAL_HEAD_RE": r"\b" + trie_regex(NOMINAL_HEADS) + r"\b",
    "SLOT_VERB_RE": r"\b" + trie_regex(SLOT_VERBS) + r"\b",
}
REWRITTEN = {
    **{name: getattr(patterns, name) for name in PLAIN},
    "_INSIDE_CAPITAL": titles._INSIDE_CAPITAL,
    "_EXP_REV": acronyms._EXP_REV,
}
PLAIN["_INSIDE_CAPITAL"] = r"(?<=[a-z,;)] )[A-Z][^\W\d_]+(?:['’.\-][^\W\d_]+)*\.?"
PLAIN["_EXP_REV"] = r"\b((?:[A-Z]\.){2,}|[A-Z][A-Z&]{1,9})\s*\(\s*" + _LONG + r"\s*\)"

_PIECES = [
    "He", "he", "She", "It", "I", "Who", "we", "They", "Mr", "Mrs", "Ms", "Miss", "Sen", "Sens",
    "Dr", "Lt", "Gen", "Capt", "said", "says", "told", "spokesman", "official", "the", "Smith",
    "O'Neil", "Jean-Luc",
    "U.S.", "UN", "A.B.C.", "NATO", "Ocean Survey", "x", "_", "’", "'", "-", ".", ",", ";", ")",
    "(", " ", "  ", "\n", "é", "Élise", "3", "&",
]  # fmt: skip


@given(st.lists(st.sampled_from(_PIECES), max_size=24).map("".join))
@settings(max_examples=500, deadline=None)
@example("Lt. Gen. Smith said Mr. He")
def test_rewritten_patterns_match_what_their_plain_forms_match(text: str) -> None:
    for name, plain in PLAIN.items():
        expected = [(m.span(), m.groups()) for m in re.finditer(plain, text)]
        assert [(m.span(), m.groups()) for m in REWRITTEN[name].finditer(text)] == expected, name


def test_a_word_start_does_not_match_inside_a_word() -> None:
    assert [m.group() for m in patterns.PRONOUN_RE.finditer("Ithe he Hehe she. It")] == [
        "he",
        "she",
        "It",
    ]
