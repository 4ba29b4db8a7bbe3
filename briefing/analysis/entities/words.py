"""General English / news word lists the entity rules consult, from `data/entity_words.txt`.

The words live in the data file (with a line on where they come from: written by hand for
briefing, no article's words); this module reads it once, at import (a few kilobytes), and
names each list. Punctuation sets, which are characters rather than words, stay here.
"""

from __future__ import annotations

from briefing.analysis import word_lists

ENTITY_WORDS_RESOURCE = "data/entity_words.txt"

_LISTS = word_lists("briefing.analysis.entities", ENTITY_WORDS_RESOURCE)

HONORIFICS: frozenset[str] = frozenset(_LISTS["honorifics"])
CORE_TITLES: frozenset[str] = frozenset(_LISTS["core_titles"])
"""Ranks / offices that are written in front of a name."""
TITLE_QUALIFIERS: frozenset[str] = frozenset(_LISTS["title_qualifiers"])
"""Words that qualify a title ("Defense Secretary", "former Vice President")."""
DEPT_WORDS: frozenset[str] = frozenset(_LISTS["dept_words"])
"""Department / portfolio words which, with titles, make a "title on its own" mention."""
WEEKDAYS: frozenset[str] = frozenset(_LISTS["weekdays"])
MONTHS: frozenset[str] = frozenset(_LISTS["months"])
HOLIDAYS: frozenset[str] = frozenset(_LISTS["holidays"])
STOPWORDS: frozenset[str] = frozenset(_LISTS["stopwords"])
"""Closed-class words and sentence adverbs: never the first word of a name."""
EVENT_HEADS: frozenset[str] = frozenset(_LISTS["event_heads"])
"""Head words of events, agreements, exercises and forums."""
EVENT_CUES_AFTER: frozenset[str] = frozenset(_LISTS["event_cues_after"])
"""Lower-case nouns that, written right after a name, make it an exercise's or operation's."""
AMBIGUOUS_EVENT_HEADS: frozenset[str] = frozenset(_LISTS["ambiguous_event_heads"])
"""Heads that name bodies as often as gatherings ("Pacific Islands Forum")."""
GEO_PLURALS: tuple[str, ...] = _LISTS["geo_plurals"]
"""Words whose plural-geography mention "Xs" names the same thing as "X Islands"."""
GEO_PREFIXES: frozenset[str] = frozenset(_LISTS["geo_prefixes"])
GEO_HEADS: frozenset[str] = frozenset(_LISTS["geo_heads"])
PLACE_HEADS: frozenset[str] = GEO_HEADS | frozenset(_LISTS["place_heads"])
"""`GEO_HEADS` with administrative units: what types a name as a place."""
STREET_WORDS: frozenset[str] = frozenset(_LISTS["street_words"])
"""Streets' heads, written after the street's name in an address ("N. Milwaukee St.")."""
ORG_HEADS: frozenset[str] = frozenset(_LISTS["org_heads"])
ORG_SUFFIXES: frozenset[str] = frozenset(_LISTS["org_suffixes"])
COMPANY_UNITS: frozenset[str] = frozenset(_LISTS["company_units"])
"""Words after a company's name that name one of its businesses ("Ford Motor"), not a product."""
OF_HEADS: frozenset[str] = frozenset(_LISTS["of_heads"])
""""Ministry of Defense" <-> "Defense Ministry"."""
ACRONYM_STOP: frozenset[str] = frozenset(_LISTS["acronym_stop"])
RELATIVES: frozenset[str] = frozenset(_LISTS["relatives"])
REPORTING: frozenset[str] = frozenset(_LISTS["reporting"])
SPEECH_VERBS: frozenset[str] = frozenset(_LISTS["speech_verbs"])
NAME_SUFFIXES: frozenset[str] = frozenset(_LISTS["name_suffixes"])

ORG_POSTS: frozenset[str] = frozenset(_LISTS["org_posts"])
"""Posts and parts of an organisation: "chief executive of X", "shares of X", "X's board"."""
ORG_POSSESSED: frozenset[str] = frozenset(_LISTS["org_possessed"])
"""What a company has: "X's shares", "X's headquarters", "X's users"."""
ORG_NOUNS: frozenset[str] = frozenset(_LISTS["org_nouns"])
"""Nouns an appositive uses of an organisation: "Teneo, a consulting firm"."""
ORG_NOUNS_BEFORE_A_NAME: frozenset[str] = frozenset(_LISTS["org_nouns_before_a_name"])
"""Nouns of organisations written right before a name: "data management firm X"."""
CORPORATE_POSTS: frozenset[str] = frozenset(_LISTS["corporate_posts"])
"""Posts only an organisation has, after a possessive: "X's chief executive" (not
"president" or "minister", which a country has too)."""
POLL_NOUNS: frozenset[str] = frozenset(_LISTS["poll_nouns"])
"""Nouns a polling firm's name modifies: "a Rasmussen poll"."""
KIN_NOUNS: frozenset[str] = frozenset(_LISTS["kin_nouns"])
"""Kinship nouns a person's name follows: "her husband, Bill"."""
ACQUIRING: frozenset[str] = frozenset(_LISTS["acquiring"])
"""Verbs whose object is a company: "agreed to buy X"."""
LOCATIVES: frozenset[str] = frozenset(_LISTS["locatives"])
POST_ADJECTIVES: frozenset[str] = frozenset(_LISTS["post_adjectives"])
NOT_BEFORE_A_NAME: frozenset[str] = frozenset(_LISTS["not_before_a_name"])
"""Title words that also stand before an organisation's name ("the Cabinet Office")."""

PUNCT_STOP: frozenset[str] = frozenset(
    {",", ";", ":", ")", "(", ".", "!", "?", "\u2014", "\u2013", "-", "--", '"', "\u201c", "\u201d"}
)
"""Punctuation tokens that are no part of a name at its ends."""
QUOTES_OPEN = "\"\u201c\u2018'"
QUOTES_CLOSE = "\"\u201d\u2019'"
