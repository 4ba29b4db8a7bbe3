"""Compiled regular expressions shared by the rules, and a word counter.

All patterns are built once at import. Word lists go through `trie_regex` because a flat
alternation of a few hundred verbs was the slowest part of the prototype.
"""

from __future__ import annotations

import functools
import re

from briefing.analysis.quotes.lexicon import (
    CUE_WORDS,
    NOMINAL_HEADS,
    SLOT_VERBS,
    TITLE_ABBREVIATIONS,
    TITLE_FORMS,
)
from briefing.analysis.trie import WORD_START, trie_regex

DOUBLE_QUOTES = '"“”„«»'
OPENING_MARKS = frozenset({"“", "\u201e", "«"})
CLOSING_MARKS = frozenset({"”", "»"})
QUOTE_MARK_RE = re.compile(r'["“”„«»]')

WORD_RE = re.compile(r"[\w’'-]+")

CUE_RE = re.compile(
    r"\b[Aa]ccording to\b|\b[Ii]n a statement\b|\breports(?= that\b)|\b"
    + trie_regex(CUE_WORDS | {w.capitalize() for w in CUE_WORDS})
    + r"\b"
)
"""A speech cue: a speech verb (lower or sentence case), "according to", "in a statement", and
"reports" before "that" (elsewhere "reports" is as often a noun)."""

_DETERMINER = r"[Tt]he|[Aa]n?|[Oo]ne|[Aa]nother|[Tt]his|[Tt]hat|[Hh]is|[Hh]er|[Tt]heir"
NOMINAL_HEAD_RE = re.compile(r"\b" + trie_regex(NOMINAL_HEADS) + r"\b")
"""A nominal's head word. Led by a word boundary, not `WORD_START`: the words begin with most
lower-case letters, so the engine would enter the trie at nearly every letter of the text
(twice the time on a megabyte of news); same matches."""
DETERMINER_BEFORE_RE = re.compile(r"\b(" + _DETERMINER + r")\s+(?:[\w’'-]+\s+){0,3}$")
_HONORIFICS = TITLE_ABBREVIATIONS
HONORIFIC_NAME_RE = re.compile(
    trie_regex(_HONORIFICS, WORD_START)
    + r"\.\s+(?:"
    + trie_regex(_HONORIFICS, WORD_START)
    + r"\.\s+)?(?P<name>(?:[A-Z][\w’'-]+\s+){0,2}[A-Z][\w’'-]+)"
)
"""A name after an honorific or two ("Sen. Jane Ruiz", "Lt. Gen. Mick Bednarek")."""
GENDERED_NAME_RE = re.compile(
    "(" + trie_regex(["Mr", "Mrs", "Ms", "Miss"], WORD_START) + r")\.?\s+"
    r"(?:[A-Z][\w’'-]+\s+){0,2}([A-Z][\w’'-]+)"
)
PRONOUN_RE = re.compile(
    trie_regex(
        ["He", "he", "She", "she", "They", "they", "We", "we", "It", "it", "I", "Who", "who"],
        WORD_START,
    )
    + r"\b"
)
ADVERB_NAME_RE = re.compile(r"[A-Z][a-z]+ly")
SURNAME_RE = re.compile(r"[A-Z][\w’'-]+")
CAPWORD_RE = re.compile("[A-Z]" + WORD_START + r"[\w’'-]*")

SCARE_PREFIX_RE = re.compile(
    r"(?:\bso-called|\bcalled|\bcalling|\bcalls|\bdubbed|\bdubbing|\btitled|\bentitled|\bheadlined|"
    r"\bnamed|\bknown as|\bthe term|\bthe word|\bthe words|\bthe phrase|\blabel(?:ed|led)?|"
    r"\bbranded|\bslogan|\bhashtag|\bnicknamed?)\s*,?\s*$",
    re.IGNORECASE,
)
"""Words before a quote that make it a name or a term, not speech ("the so-called “…”")."""

TITLE_INNER_PUNCT_RE = re.compile(r"[.!?;]\s|[!?]$")
"""Sentence punctuation inside a quote: not a title ("Wait. Stop Now" / "Why Not Me?")."""
ENDS_PUNCT_RE = re.compile(r"[.,!?;:—–-]\s*$")
SHORT_VERB_AFTER_RE = re.compile(
    r"\s*(?:\w+\s+){0,3}?(?:said|says|asked|asks|added|replied|responded|shouted|yelled|told"
    r"|tweeted|wrote)\b"
)
SHORT_VERB_BEFORE_RE = re.compile(
    r"(?:said|says|asked|replied|responded|shouted|yelled|tweeted|wrote)\s*[,:]\s*$"
)

_CAPW = r"[A-Z][a-z’'-]+(?:\s+[A-Z][a-z’'.-]+){0,2}"
_SLOT_FILLERS = (
    r"(?:(?:also|later|then|on|last|this|earlier|Monday|Tuesday|Wednesday|Thursday|Friday"
    r"|Saturday|Sunday|has|had|previously|once)\s+){0,3}"
)
SLOT_VERB_RE = re.compile(r"\b" + trie_regex(SLOT_VERBS) + r"\b")
"""A verb of a speaker slot; led by a word boundary as `NOMINAL_HEAD_RE` is (a fifth less time)."""
CAP_BEFORE_RE = re.compile("(" + _CAPW + r")\s+" + _SLOT_FILLERS + "$")
CAP_AFTER_RE = re.compile(r"\s+(" + _CAPW + ")")

SPEAKER_AFTER_RE = re.compile(
    r",?\s+(?:(?:also|later|then|has|had|once|previously|again)\s+){0,2}"
    r"(?:said|says|told|added|asked|wrote|explained|noted|argued|insisted|tweeted|recalled)\b"
)
SPEAKER_BEFORE_RE = re.compile(
    r"(?<![Hh]e\s)(?<!\b[Ii]\s)(?<![Ww]e\s)(?<![Tt]hey\s)"
    r"\b(?:said|says|added|asked|wrote|according to)\s+(?:[A-Z][\w.]*\s+)?$"
)
"""A verb of saying right before a name, its speaker ("…,” said Ryan."), unless a pronoun is
the verb's subject ("he said Ryan": the name is what was said)."""
APPOSITION_GAP_RE = re.compile(r"\s*,\s*")
"""Between a name and a description in apposition to it ("Joe Ruiz, the sheriff")."""
APPOSITIVE_GAP_RE = re.compile(r"(?:\s+(?:of|at|for|in|from|with)\s+[^,;:.!?\"“”()]{1,60})?,\s+")
"""Between a description and the name in apposition to it: "The leader of the Acme League, "."""
APPOSITIVE_CLOSE_RE = re.compile(r"\s*[,(—–]")
"""After that name: the apposition closes ("…, Jane Ruiz, warned")."""
_PREPOSITION = (
    r"\b(?<![Aa]s )(?:of|with|by|to|for|against|about|from|at|on|than|around|near|inside"
    r"|outside|into|across|through|throughout)\s+(?:the\s+)?"
)
"""A preposition (not after "as") and an optional "the": the start of the two patterns below."""
PREPOSITION_BEFORE_RE = re.compile(_PREPOSITION + "$")
"""A name after a preposition is seldom the subject ("As for Trump, he said" is)."""
PREPOSITION_TITLES_BEFORE_RE = re.compile(_PREPOSITION + r"((?:[A-Z][\w.’'-]*\s+){1,2})$")
"""The same with one or two capitalised words between, which are titles when `TITLE_WORDS`
says so ("the murder of Father Jacques Hamel", "a letter to Sen. Jane Ruiz")."""
FRONTED_CLAUSE_RE = re.compile(
    r"\W*(?:While|Whereas|Although|Though|Even though|Because|Since|If|Unless|When|Whenever"
    r"|After|Before|Until|Once|As|Unlike|Like|[A-Z][a-z]{2,}ing)\b[^,;:—–]*$"
)
"""The sentence so far is an opening subordinate clause ("While Obama had …,"): a name in it
is not the main clause's subject, so a person named after the comma is the likelier "he". An
opening participle is such a clause too ("Making her way around Chez Lumiere, Ruiz …")."""
SUBORDINATOR_BEFORE_RE = re.compile(
    r"\b(?:when|after|before|because|while|since|until|unless|if|though|although|once"
    r"|whereas)\s+(?:the\s+)?$"
)
"""Before a name after a quote: "“…,” when Clinton blasted him" opens a clause of its own; the
name is not the quote's speaker ("as Smith said" is, so "as" is not in it)."""
FULL_STOP_CLOSE_RE = re.compile(r"\.\s*[\"”]$")
"""A quotation closed by a full stop: what follows is a new sentence."""
SENTENCE_END_IN_RE = re.compile(r"[.!?](?=[\s\"”’']|$)")
"""A sentence end inside a quotation: it is speech, not a name or a scare quote."""
AND_GAP_RE = re.compile(r",?\s+and\s+(?:[a-z]+ly\s+)?")
"""Between an object and a second verb of the same subject: "X stressed … by NBC and said"."""
APPOSITION_AFTER_RE = re.compile(r",\s+(?:a|an|the)\s+(?:[\w-]+\s+){0,3}?[a-z][\w-]*\b")
"""After a name: a description of the person ("Wes Nakagiri, a delegate from Michigan")."""
SENTENCE_CLOSE_AFTER_RE = re.compile(r"[.:](?:\s|$)")
"""After a name: the end of its sentence ("… according to a post from Jane Ruiz.")."""
WITH_BEFORE_RE = re.compile(r"\bwith\s+$")
ABSOLUTE_AFTER_RE = re.compile(
    r"(?:\s*[—–]\s*[^—–.]{1,120}?\s*[—–]|\s*,[^,.]{1,120},)?\s+[a-z]+ing\b"
)
"""After "with X": a participle ("with Clinton lambasting the plan", "with Clinton — who has
called for … — lambasting it") makes X the subject of an absolute clause."""
OBJECT_PREPOSITION_BEFORE_RE = re.compile(
    r"\b(?:of|with|by|to|for|against|about|from)\s+(?:the\s+)?$"
)
CLAUSE_END_RE = re.compile(r"(?:\s+[A-Z][\w’'.-]*)*\s*[,.;]")
POSSESSIVE_THE_RE = re.compile(r"\b[Tt]he\s+$")
ARTICLE_MODIFIER_BEFORE_RE = re.compile(r"\b[Aa]n?\s+(?:[a-z][\w-]*\s+){0,2}$")
ARTICLE_MODIFIER_AFTER_RE = re.compile(
    r"\s+(?:supporters?|backers?|fans?|voters?|delegates?|aides?|advisers?|ally|allies"
    r"|loyalists?|surrogates?|donors?|staffers?|volunteers?|critics?|opponents?|campaign"
    r"|administration)\b"
)
"""Around a name used as a noun modifier of a follower: "an enthusiastic Sanders supporter"
("a terse Miller agreed" is a name)."""

DASH_ATTRIBUTION_RE = re.compile(
    r"[.,]?\s*[―—–-]{1,2}\s*((?:[A-Z][\w’'.-]*\s+){0,3}[A-Z][\w’'-]+)\s*(?:[.,(]|$)"
)
"""Byline-style attribution after a quote: “…” ― Jorge Falcon."""

ADHOC_NOMINAL_RE = re.compile(
    r"[\s,—–-]*((?:[Tt]he|[Aa]n?|[Oo]ne|[Aa]nother|[Ss]ome|[Ss]everal|[Mm]any|[Tt]wo|[Tt]hree"
    r"|[Hh]is|[Hh]er|[Tt]heir|[Ii]ts)\s+[\w’'&-]+(?:,?\s+[\w’'&-]+){0,5}?)\s+"
    r"(said|says|added|asked|explained|wrote|told|chanted|shouted|reads|read|tweeted|noted"
    r"|replied)\b"
)
"""“…,” the 46-year-old said: a nominal subject whose head is not in the word lists."""

ADHOC_NOMINAL_INVERTED_RE = re.compile(
    r"[\s,—–-]*(said|says|added|asked|explained|wrote|noted|replied|tweeted)\s+"
    r"((?:the|a|an|one|another|some|several|two|three)\s+[\w’'-]+(?:,?\s+[\w’'-]+){0,5}?)"
    r"(?=\s*[.,;]|\s+(?:who|in|at|on|during)\b)"
)
"""“…,” said the 46-year-old."""

_NOT_IN_TITLES = (
    r"(?!(?:of|for|at|with|from|by|in|on|to|and|or|but|who|which|that|said|says|told|is|was"
    r"|he|she|they|it|when|as|after|before|while|because)\b)"
)
NP_GAP_RE = re.compile(r"(?:[’']s)?\s+(?:" + _NOT_IN_TITLES + r"[\w’'-]+\.?\s+){0,4}")
"""Between two mentions of one noun phrase: a possessive and up to four title words ("’s
senior communications adviser", " Capt. "), no comma, preposition or verb."""
TITLE_GAP_RE = re.compile(r"\s+(?:" + _NOT_IN_TITLES.replace("of|", "") + r"[\w’'-]+\.?\s+){1,5}")
"""Between an inverted cue and the name: up to five title words, "of" allowed ("said former
secretary of state ")."""

SUBORDINATE_RE = re.compile(
    r"[\s(“\"]*(?:When|After|Before|As|While|If|Although|Though|Since|Because|Once|Until"
    r"|Asked|Pressed|Speaking|Responding|Told)\b"
)
"""A sentence that opens with a subordinate clause: its subject comes after the comma."""
FRONTED_PHRASE_RE = re.compile(
    r"[\s(“\"]*(?:In|At|During|On|From|With|Without|Despite|Amid|Following|Preceded|Introduced"
    r"|Flanked|Joined|Surrounded|(?!According)[A-Z][a-z]{2,}ing(?=\s+[a-z]))\b"
)
"""A sentence that opens with a prepositional or participial phrase ("In an interview with
reporters Thursday, the senator said", "Reflecting on his career as a lawyer, the leader
said"): a person after its comma is the subject, not one named inside it."""
INTRODUCES_RE = re.compile(r"[:,]\s*$")
"""The text before a quote introduces it ("X fired back:")."""
RELATIVE_GAP_RE = re.compile(r"\s*,?\s*")
"""Between a name and the "who" that refers to it."""
SPOKEN_FOR_RE = re.compile(r"\s+(?:for|at|of|with|from)\s+")
"""After "a spokesman": the organisation follows."""
BOOK_AFTER_RE = re.compile(
    r"(?:’s|'s)\s+(?:(?:new|latest|forthcoming|upcoming|recent|bestselling)\s+)?"
    r"(?:book|memoir|novel)\b"
)
"""After a writer's name: "Jane Ruiz's new book"."""
EXCERPT_RE = re.compile(r"\b(?:[Ee]xcerpt(?:s|ed)?|[Aa]dapted\s+from)\b")
"""An article that says it is taken from a book ("excerpts from", "adapted from")."""
AUTHOR_BEFORE_RE = re.compile(r"\b(?:[Aa]uthor|[Ee]xcerpts?\s+(?:from|of)(?:\s+[\w’'-]+){0,3})\s+$")
"""Before a writer's name: "bestselling author ", "excerpt from "."""
BIO_AFTER_RE = re.compile(r",?\s+is\s+(?:a|an|the)\b")
"""After a writer's name at the start of an opinion piece's last lines: " is a lawyer"."""
HONORIFIC_LEAD_RE = re.compile(r"\s*(?:(?:[A-Z][a-z]{0,4}\.|[Tt]he)\s+)?")
"""What may open a clause before its subject's name (" Ms. ", " the ")."""
DOCUMENT_OBJECT_RE = re.compile(
    r"\b(?:issued|released|sent|posted|put\s+out|published|tweeted|wrote)\s+"
    r"(?:a|an|the|this|that|his|her|its|their)\s+(?:[\w-]+\s+){0,2}"
    r"(?:statement|letter|release|email|e-mail|memo|tweet|post|note|message)$"
)
"""A document as the object of its writer's verb ("issued a statement")."""
OF_PHRASE_RE = re.compile(r"\s+(?:of|from|at)\s+(?:(?:the|of|[A-Z][\w’'.&-]*)\s+){0,6}")
"""Between a person and the organisation they are of (" of the Armenian Patriarchate of ")."""
NAME_LEAD_RE = re.compile(r"(?:\s+of\s+[A-Z][\w.-]*)?\s+(?:[A-Z][\w.’'-]*\s+){0,2}")
"""Between a title and the name mention it goes with: " ", " of State ", " Richard M. "."""


@functools.cache
def title_re(title: str) -> re.Pattern[str]:
    """A title's occurrences: the word in either case, and its abbreviations ("Sen.")."""
    forms = {title, title.capitalize()}
    for short, full in TITLE_FORMS.items():
        if full == title:
            forms |= {short, short.capitalize()}
    return re.compile(trie_regex(sorted(forms), WORD_START) + r"(?![\w])")


ARTICLE_BEFORE_RE = re.compile(r"\b(?:a|an|the)\s+$")

NAME_AFTER_QUOTE_VERB_RE = re.compile(r"\s+(?:also\s+|then\s+|later\s+)?([a-z]+(?:ed|s))\b")
ONLY_DASHES_RE = re.compile(r"^[\s,—–-]*$")
SENTENCE_PUNCT_RE = re.compile(r"[.;:!?()]")
COMMA_OR_DASH_END_RE = re.compile(r"[,—–-]\s*$")
COMMA_DASH_THE_END_RE = re.compile(r"[,—–-]\s*(?:[Tt]he\s+)?$")
SUBJECT_LEAD_RE = re.compile(
    r"[\s,—–-]*(?:(?:and|but|the|The)\s+)?(?:(?:[A-Z][a-z]*\.|[A-Z][\w’'-]+)\s+){0,3}"
)
"""What may stand between a quote and its subject: “…,” and Ms. Rivera said."""

AUX = (
    r"(?:(?:also|later|then|has|had|have|previously|once|again|quickly|simply|further|recently"
    r"|would|will|could|had\s+earlier|earlier|only|often|repeatedly|flatly|bluntly|simply"
    r"|publicly|privately|angrily|famously|told|on\s+\w+|in\s+\w+)\s+)*"
)
_SPOKES = r"(?P<spokes>\s+(?:spokes(?:man|woman|person)|officials?|representatives?))?"
OF_GAP_RE = re.compile(OF_PHRASE_RE.pattern + AUX)
"""From a person to their cue across the organisation they are of."""
AUX_GAP_RE = re.compile(_SPOKES + r"\s*" + AUX)
"""Words allowed between a subject and its speech verb ("Smith also said", "an Acme
spokesman said": the organisation speaks)."""
LEFT_GAP_RE = re.compile(_SPOKES + r"\s*(?:,[^,]{0,80},\s*)?" + AUX)
"""As `AUX_GAP_RE`, plus one apposition: "Sanders, a Vermont senator, said"."""

ABBREVIATION_RE = re.compile(
    r"(?:\b(?:" + "|".join(TITLE_ABBREVIATIONS) + r"|St|Jr|Sr|Inc|Corp|Co|Ltd|"
    r"Jan|Feb|Mar|Apr|Aug|Sept|Sep|Oct|Nov|Dec|vs|No|U\.S|U\.N|D\.C|U\.K|a\.m|p\.m)|\b[A-Z])\.$"
)
"""A full stop that does not end a sentence (titles, months, initials)."""
SENTENCE_BREAK_RE = re.compile(r"[.!?\n](?:(?<=[.!?])[.!?]*[”\"]?\s+(?=[A-Z“\"(])|(?<=\n)\n*)")
r"""A sentence's end: `[.!?]+[”"]?\s+(?=[A-Z“"(])|\n+`, written to begin with one
character class: the regex engine then skips to those characters instead of trying both
branches at every position (a fifth of the time on a megabyte); same matches."""
SENTENCE_BREAK_BACK_RE = re.compile(r"[.!?]+[”\"]?\s+(?=[A-Z“\"(])|[;\n]")
SENTENCE_BREAK_AHEAD_RE = re.compile(r"[.!?]+(?=[”\"]?\s+[A-Z“\"(]|\s*$)|[;\n]")
MID_SENTENCE_END_RE = re.compile(r"[.!?]\s*$")
LEADING_THE_RE = re.compile(r"^[Tt]he\s+")
STARTS_WITH_THE_RE = re.compile(r"[Tt]he\b")
WHITESPACE_RE = re.compile(r"\s+")
POSSESSIVE_S_RE = re.compile(r"(?:’s|'s)$")


def count_words(s: str) -> int:
    """Number of words (letters, digits, apostrophes, hyphens) in `s`."""
    return len(WORD_RE.findall(s))
