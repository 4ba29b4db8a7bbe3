"""Closed word lists behind the rules (speech verbs, person titles, source nouns, stop words).

The words are in `data/quote_words.txt` (hand-made from PolNeAR train errors and English news
style, as its first lines say); the finder has no model file, so every word there is a rule
input. Kept apart from the regexes so a word can be added without reading a pattern; this
module reads the file once, at import, and names each list.
"""

from __future__ import annotations

from briefing.analysis import word_lists

QUOTE_WORDS_RESOURCE = "data/quote_words.txt"

_LISTS = word_lists("briefing.analysis.quotes", QUOTE_WORDS_RESOURCE)

_CUE_STEMS = list(_LISTS["cue_stems"])

# Speech-verb forms that are more often nouns or non-speech verbs ("the report", "points").
_AMBIGUOUS = frozenset(_LISTS["ambiguous"])

CUE_WORDS = frozenset(_CUE_STEMS) - _AMBIGUOUS
"""Words that mark speech: “…,” she *said*."""

SAY_INVERTIBLE = frozenset(_LISTS["say_invertible"])
"""Cues that can precede their subject: “…,” *said* Ms. Rivera."""

CORE_TITLES = list(_LISTS["core_titles"])
"""Nominal heads that refer back to an already-named person ("the senator said")."""

SOURCE_TITLES = list(_LISTS["source_titles"])
"""Nominal heads of (often unnamed) sources ("a police spokesman", "the statement")."""

ORG_HEADS = frozenset(_LISTS["org_heads"])
"""Heads of a description that refers back to an organisation ("the company said")."""
ANY_ORG_HEADS = frozenset(_LISTS["any_org_heads"])
"""Of those, the heads that may refer to an organisation whose name does not contain them
("the company" is Acme Corp.); the others need their word in the name ("the bank": the
Government Development Bank; "the committee": the House Ethics Committee)."""
SUBJECT_ORG_HEADS = frozenset(_LISTS["subject_org_heads"])
"""Of the others, those that may refer to the organisation a recent sentence opens with
("Barclays … the bank said")."""
SPOKESPERSONS = frozenset(_LISTS["spokespersons"])
"""Heads that speak for the organisation after them ("a spokesperson for Acme")."""

TITLE_HEADS = frozenset(_LISTS["title_heads"])
"""Titles "the <title>" refers back by, to the one person the text names with it."""
_FORMS = _LISTS["title_forms"]
TITLE_FORMS = dict(zip(_FORMS[::2], _FORMS[1::2], strict=True))
"""Abbreviations and variants of those titles, to one form."""

NOMINAL_HEADS = frozenset(CORE_TITLES + SOURCE_TITLES) | ORG_HEADS

BARE_NOMINALS = frozenset(_LISTS["bare_nominals"])
"""Plural source nouns that are speakers without a determiner ("officials said")."""

TITLE_WORDS = frozenset(_LISTS["title_words"])
"""Leading words stripped from a name ("Sen. Marco Rubio" is "Marco Rubio")."""

SLOT_VERBS = list(_LISTS["slot_verbs"])
"""Verbs whose subject slot may hold a name the tagger missed ("… Sanders asked")."""

SLOT_INVERTIBLE = frozenset(_LISTS["slot_invertible"])
"""Slot verbs that may precede the name ("said Ramos")."""

TITLE_ABBREVIATIONS = list(_LISTS["title_abbreviations"])
"""Title abbreviations written with a full stop before a name ("Del. Jane Ruiz")."""

CAP_STOP = frozenset(_LISTS["cap_stop"]) | frozenset(TITLE_ABBREVIATIONS)
"""Capitalised words that are not names (sentence openers, weekdays, months, groups, title
abbreviations: in "said Del. Jane Ruiz" the speaker is not "Del")."""
