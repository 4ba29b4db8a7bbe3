"""A tagger's mention cut down to the name, by an ordered list of small named rules.

The tagger's spans carry possessives, "the", honorifics, titles ("President Lula da Silva"),
party labels and sentence-initial function words. `trim_mention` cuts them off so that the
linking step compares bare names, and keeps what they told (honorific, title span, dateline
place, event context) on the mention for the typing and role steps.

Each rule takes the mention being cut (`Trim`: the mention and the run of tokens still in it)
and returns it, changed or not, or None when nothing of a name is left. The rules before
`_span_from_tokens` work on the tokens; the ones after it look around the name's final span.
Their order matters (a rule sees what the earlier ones left) and is the order of `TRIM_RULES`.
`trim_mention` is given a mention fresh from the tagger or the text (no honorific form yet):
a name's first word is an honorific, a style or a title, never two of them, because the
rules for the style and the title do not apply once an honorific form is recorded.

The price of the list over one function of inline rules, measured on 1 MB of news (13,570
mentions): 52 -> 92 ms, about 3 us a mention, nearly all of it the sixteen calls and their
checks (a mutable mention instead of the frozen one saved 4-10 ms of it).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from typing import Any, NamedTuple

from briefing.analysis.entities.kinds import name_like
from briefing.analysis.entities.knowledge import known_type
from briefing.analysis.entities.lexicon import common_words, lexicon
from briefing.analysis.entities.norm import apos, country_of, demonym_of, is_initial, low
from briefing.analysis.entities.personnames import is_first_name
from briefing.analysis.entities.tokenized import NameMention, TokenizedText
from briefing.analysis.entities.wordlists import PARTY_LABELS, SPEECH_WORDS, STYLES
from briefing.analysis.entities.words import (
    CORE_TITLES,
    EVENT_CUES_AFTER,
    EVENT_HEADS,
    GEO_HEADS,
    HONORIFICS,
    MONTHS,
    ORG_HEADS,
    PUNCT_STOP,
    QUOTES_CLOSE,
    QUOTES_OPEN,
    STOPWORDS,
    TITLE_QUALIFIERS,
)
from briefing.analysis.ner.labels import LOC, MISC, ORG, PER

_AFFIX_AFTER = re.compile(
    r"-(?:based|style|led|backed|made|born|owned|era|like|type|bound|linked|related|funded|"
    r"sponsored|friendly|centric|controlled|run|held|built|focused|oriented|bred|trained|"
    r"educated|headquartered|listed|registered|flagged|allied|aligned|leaning)$"
)
_AFFIX_BEFORE = re.compile(
    r"^(?:anti|pro|non|ex|post|pre|mid|neo|pan|trans|intra|inter|sub|super|ultra|un|then)-(?=[A-Z])"
)
_OUTLET_BEFORE = re.compile(
    r"(?:interview (?:with|to)|reported by|published by|broadcast by|wrote in|told the"
    r"|reporting by)\s+$"
)
_OUTLET_LAST_WORDS = ("with", "to", "by", "in", "the")
"""The last words of `_OUTLET_BEFORE`'s phrases: a cheap test before the pattern."""
_PLAIN_PLURAL = re.compile(r"[A-Z][a-z]+[^s]s")
_POSSESSIVES = frozenset(q + end for q in "'\u2019\u2018" for end in ("s", "", "S"))
"""A possessive ending as its own token, either apostrophe."""
_LOCATIVE = frozenset("in on near off around across over into onto from at toward towards".split())
_DATELINE_TAIL = re.compile(
    r"(?:\s*,\s*[A-Z][\w.]*(?:\s[A-Z][\w.]*)*)?\s*(?:\([\w ]+\)\s*)?"
    r"(?:[-\u2014\u2013]+|\d{4}-\d\d-\d\d|(?:"
    + "|".join(sorted(w.capitalize() for w in MONTHS if len(w) == 3))
    + r")\w*\.? \d{1,2}\b)"
)
"""What follows a place in capitals at the start of a line when it is a dateline."""
_LEGISLATURES = frozenset({"house", "senate", "assembly", "congress"})
_TITLE_LEADS = frozenset(
    "vice executive majority minority deputy assistant chief senior managing associate".split()
)
"""Words that begin a title written after an organisation's name ("Majority Leader")."""
_PLACE_OR_BODY_HEADS = ORG_HEADS | GEO_HEADS | EVENT_HEADS
_WORD_CHARACTER = re.compile(r"\w")


class Trim(NamedTuple):
    """A mention being cut down: the mention, its tokens `first..last` (inclusive) and the
    furthest its end may reach (`cut_end`, where an affix like "-based" was cut off).

    A named tuple, not a frozen dataclass: each mention makes several of these, and a tuple
    is made in a fifth of the time."""

    mention: NameMention
    first: int
    last: int
    cut_end: int

    def marked(self, **facts: Any) -> Trim:
        """The same cut with the mention's fields in `facts` changed."""
        return self._replace(mention=replace(self.mention, **facts))

    def tokens(self, first: int, last: int) -> Trim:
        """The same mention with tokens `first..last` left."""
        return Trim(self.mention, first, last, self.cut_end)


TrimRule = Callable[[TokenizedText, Trim], Trim | None]
"""One step of `trim_mention`: the cut, changed or not, or None when no name is left."""


def _strip_affixes(text: str, a: int, b: int) -> tuple[int, int]:
    """'Ohio-based' -> 'Ohio', 'anti-Moscow' -> 'Moscow' (the modifier names the base entity)."""
    s = text[a:b]
    if "-" not in s:
        return a, b
    m = _AFFIX_AFTER.search(s)
    if m:
        b = a + m.start()
    m = _AFFIX_BEFORE.match(text[a:b])
    if m:
        a += m.end()
    return a, b


def _styled_name(rest: str) -> bool:
    """What follows a style ("King" + "Abdullah II") is a person's name: no word of a place,
    body or event ("King County", "Prince Edward Island"), not a known name of one."""
    return not any(low(w) in _PLACE_OR_BODY_HEADS for w in rest.split()) and (
        known_type(rest) is None
    )


def _strip_punctuation(doc: TokenizedText, t: Trim) -> Trim | None:
    """A trailing possessive ("Smith's"), punctuation and quotes at either end are no part of
    a name; a span of nothing else is no name."""
    toks, first, last = doc.toks, t.first, t.last
    while first <= last and (
        toks[last] in _POSSESSIVES or toks[last] in PUNCT_STOP or toks[last] in QUOTES_CLOSE
    ):
        last -= 1
    while first <= last and (toks[first] in PUNCT_STOP or toks[first] in QUOTES_OPEN):
        first += 1
    if first > last:
        return None
    return t if (first, last) == (t.first, t.last) else t.tokens(first, last)


def _strip_function_words(doc: TokenizedText, t: Trim) -> Trim:
    """A leading "the" or sentence-initial function word ("The Pentagon", "But Smith") or
    interjection ("Hey Stephane") is no part of a name; an initial ("A. Smith") or an acronym
    before a lower-case word ("IT firm") is."""
    toks, first = doc.toks, t.first
    while (
        first < t.last
        and (
            low(toks[first]) in STOPWORDS
            or (
                low(toks[first]) in SPEECH_WORDS
                and (first in doc.sent_first or (first > 0 and toks[first - 1] == ":"))
            )
        )
        and not is_initial(toks[first])
        and not (toks[first].isupper() and len(toks[first]) > 1 and not toks[first + 1].isupper())
    ):
        first += 1
    return t if first == t.first else t.tokens(first, t.last)


def _title_after_organisation(doc: TokenizedText, t: Trim) -> Trim | None:
    """A title written after an organisation's name belongs to the person who follows
    ("Sirius XM Vice" of "Sirius XM Vice President"); a party and a legislature alone are
    then a title ("Republican House" of "Republican House Majority Leader")."""
    toks, first, last = doc.toks, t.first, t.last
    after = last + 1
    if not (
        t.mention.ner != PER
        and t.last > t.first
        and after < len(toks)
        and doc.starts[after] == doc.ends[last] + 1
        and low(toks[after]) in CORE_TITLES
        and toks[after][:1].isupper()
    ):
        return t
    while last > first and (low(toks[last]) in CORE_TITLES or low(toks[last]) in _TITLE_LEADS):
        last -= 1
    words = toks[first : last + 1]
    if len(words) > 1 and all(low(w) in PARTY_LABELS or low(w) in _LEGISLATURES for w in words):
        return None
    return Trim(t.mention, first, last, min(t.cut_end, doc.ends[last]))


def _party_label_before_person(doc: TokenizedText, t: Trim) -> Trim:
    """A party label before a person's name is their title ("Democrat Ben Cardin")."""
    toks, first, last = doc.toks, t.first, t.last
    if (
        t.last - t.first > 1
        and low(toks[first]) in PARTY_LABELS
        and (
            t.mention.ner == PER
            or is_first_name(toks[first + 1])
            or name_like(doc.text[doc.starts[first + 1] : doc.ends[last]])
        )
    ):
        title = (doc.starts[first], doc.ends[first])
        return t.marked(ner=PER, title=title)._replace(first=first + 1)
    return t


def _honorific_first(doc: TokenizedText, t: Trim) -> Trim:
    """An honorific inside the span ("Mr. Smith") is cut off and remembered: it says the name
    is a person's, and "Mr. Smith" is the form the text uses."""
    first = t.first
    if low(doc.toks[first]) in HONORIFICS and t.last > t.first:
        hon_form = (doc.starts[first], doc.ends[t.last])
        return t.marked(honorific=True, hon_form=hon_form)._replace(first=first + 1)
    return t


def _style_first(doc: TokenizedText, t: Trim) -> Trim:
    """A style a person is known by ("Pope Francis", "Ayatollah Khomeini") is their title,
    unless what follows is a place's or body's name ("King County"); not after an honorific
    ("Mr. King Kol": the honorific was the name's first word)."""
    toks, first, last = doc.toks, t.first, t.last
    if (
        t.mention.hon_form is None
        and low(toks[first]) in STYLES
        and toks[first][:1].isupper()
        and t.last > t.first
        and toks[first + 1][:1].isupper()
        and _styled_name(doc.text[doc.starts[first + 1] : doc.ends[last]])
    ):
        title = (doc.starts[first], doc.ends[first])
        hon_form = (doc.starts[first], doc.ends[last])
        marked = t.marked(ner=PER, title=title, hon_form=hon_form)
        return marked._replace(first=first + 1)
    return t


def _titles_first(doc: TokenizedText, t: Trim) -> Trim:
    """Titles inside a person's span ("President Lula da Silva", "Comedian George Lopez")
    are cut off as the person's title; a first name that is also a title ("Dean Jones") is
    kept. Not after an honorific or a style, which was the name's first word."""
    if t.mention.ner != PER or t.last == t.first or t.mention.hon_form is not None:
        return t
    first = t.first
    words = doc.toks[first : t.last + 1]
    k = 0
    while k < len(words) - 1 and (
        low(words[k]) in CORE_TITLES
        or low(words[k]) in TITLE_QUALIFIERS
        or demonym_of(words[k])
        or country_of(words[k])
    ):
        k += 1
    if k == 1 and len(words) == 2 and low(words[0]) in lexicon().first_names:
        k = 0  # "Dean Jones", "Major Smith"? a first name is more likely than a bare title
    if (
        not k
        and len(words) >= 3
        and len(words[0]) > 2
        and words[0].isalpha()
        and low(words[0]) in common_words()
        and not is_first_name(words[0])
        and is_first_name(words[1])
    ):
        # "Comedian George Lopez", "Billionaire Donald Trump": a description first
        title = (doc.starts[first], doc.ends[first])
        return t.marked(title=title)._replace(first=first + 1)
    if k and any(low(w) in CORE_TITLES for w in words[:k]):
        title = (doc.starts[first], doc.ends[first + k - 1])
        return t.marked(title=title)._replace(first=first + k)
    return t


def _portfolio_of_title(doc: TokenizedText, t: Trim) -> Trim:
    """After "Minister of", the portfolio's words belong to the title and the rest is a
    person ("Climate" of "Minister of Climate Tor Lunde")."""
    toks, first, last = doc.toks, t.first, t.last
    q = first - 1  # the token before (tokens do not overlap)
    if not (
        q > 0 and low(toks[q]) == "of" and low(toks[q - 1]) in CORE_TITLES and t.last - t.first >= 2
    ):
        return t
    words = toks[first : last + 1]
    lex = lexicon()
    k = 0
    while (
        len(words) - k > 2
        and (low(words[k]) in lex.common or low(words[k]) in TITLE_QUALIFIERS)
        and low(words[k]) not in lex.first_names
    ):
        k += 1
    if not k:
        firsts = [
            j
            for j in range(1, len(words) - 1)
            if low(words[j]) in lex.first_names and low(words[j - 1]) not in lex.first_names
        ]
        k = firsts[0] if firsts else 0
    return t.marked(ner=PER)._replace(first=first + k) if k else t


def _span_from_tokens(doc: TokenizedText, t: Trim) -> Trim:
    """The mention's span becomes that of the tokens left (its end no further than an affix
    cut it): the rules after this one look around the name itself."""
    start, end = doc.starts[t.first], min(doc.ends[t.last], t.cut_end)
    if (start, end) == (t.mention.start, t.mention.end):
        return t
    return t.marked(start=start, end=end)


def _dateline_place(doc: TokenizedText, t: Trim) -> Trim:
    """A name in capitals opening a line and followed by a dateline's tail ("LONDON —",
    "LAGOS, Nigeria 2024-06-01") names a place."""
    text, m = doc.text, t.mention
    if (m.start == 0 or text[m.start - 1] == "\n") and text[m.start : m.end].isupper():
        eol = text.find("\n", m.end)
        line = text[m.end : eol if eol >= 0 else len(text)]
        dl = _DATELINE_TAIL.match(line)
        if dl and (not line[dl.end() :].strip() or re.search(r"[a-z]", line[dl.end() :])):
            return t.marked(ner=LOC)
    return t


def _event_noun_after(doc: TokenizedText, t: Trim) -> Trim:
    """A lower-case event noun right after the name ("the Valiant Shield exercise") says it
    names an event (but not after an organisation: "U.N. talks")."""
    k, m = t.last + 1, t.mention
    if (
        k < len(doc.toks)
        and doc.starts[k] == m.end + 1
        and low(doc.toks[k]) in EVENT_CUES_AFTER
        and m.ner != ORG
    ):
        return t.marked(event_ctx=True)
    return t


def _event_head_before(doc: TokenizedText, t: Trim) -> Trim:
    """A lower-case event word just before the name, a comma apart at most ("the summit,
    Shangri-La Dialogue"), says it names an event."""
    p = t.first - 1 if t.first > 0 else None
    if p is not None and doc.toks[p] == ",":
        p = p - 1 if p > 0 else None
    if (
        p is not None
        and doc.toks[p][:1].islower()
        and low(doc.toks[p]) in EVENT_HEADS
        and doc.ends[p] >= t.mention.start - 2
    ):
        return t.marked(event_ctx=True)
    return t


def _plural_place_after_locative(doc: TokenizedText, t: Trim) -> Trim:
    """A plural name after a locative preposition and "the" ("in the Falklands", "off the
    Maldives") is a place, unless a possessive follows."""
    toks, first, m = doc.toks, t.first, t.mention
    word = toks[first]
    after = t.last + 1
    if (
        t.last == t.first
        and word[-1:] == "s"
        and _PLAIN_PLURAL.fullmatch(word)
        and low(word) not in TITLE_QUALIFIERS
        and low(word) not in ORG_HEADS
        and first >= 2
        and low(toks[first - 1]) == "the"
        and low(toks[first - 2]) in _LOCATIVE
        and m.ner in (ORG, MISC)
        and not (after < len(toks) and apos(toks[after]) in ("'s", "'"))
    ):
        return t.marked(ner=LOC)
    return t


def _outlet_after_interview(doc: TokenizedText, t: Trim) -> Trim:
    """A one-word "person" after "in an interview with", "reported by" and the like is a
    news outlet ("Reuters")."""
    m = t.mention
    if (
        t.last == t.first
        and m.ner == PER
        and (before := doc.text[max(0, m.start - 40) : m.start])
        .rstrip()
        .lower()
        .endswith(_OUTLET_LAST_WORDS)
        and _OUTLET_BEFORE.search(apos(before).lower())
    ):
        return t.marked(ner=ORG)
    return t


def _honorific_before(doc: TokenizedText, t: Trim) -> Trim:
    """An honorific just before the span ("Mr." + "Smith") makes the name a person's, with
    "Mr. Smith" as the form the text uses."""
    p, m = t.first - 1, t.mention
    if t.first > 0 and low(doc.toks[p]) in HONORIFICS and doc.ends[p] >= m.start - 1:
        return t.marked(honorific=True, hon_form=(doc.starts[p], m.end))
    return t


def _style_before(doc: TokenizedText, t: Trim) -> Trim:
    """A style just before the span ("King" + "Abdullah II") makes the name a person's,
    unless what it names is a place or body ("King" + "County") or an honorific came first."""
    p, m = t.first - 1, t.mention
    if (
        t.first > 0
        and m.hon_form is None
        and doc.ends[p] == m.start - 1
        and doc.toks[p][:1].isupper()
        and low(doc.toks[p]) in STYLES
        and _styled_name(doc.text[m.start : m.end])
    ):
        return t.marked(ner=PER, hon_form=(doc.starts[p], m.end))
    return t


TRIM_RULES: tuple[TrimRule, ...] = (
    _strip_punctuation,
    _strip_function_words,
    _title_after_organisation,
    _party_label_before_person,
    _honorific_first,
    _style_first,
    _titles_first,
    _portfolio_of_title,
    _span_from_tokens,
    _dateline_place,
    _event_noun_after,
    _event_head_before,
    _plural_place_after_locative,
    _outlet_after_interview,
    _honorific_before,
    _style_before,
)
"""The rules of `trim_mention`, in the order they apply."""


_FIRST_WORD_CUES = STOPWORDS | SPEECH_WORDS | PARTY_LABELS | HONORIFICS | STYLES | CORE_TITLES
"""A name's first word (as `low` spells it) that a token rule may cut (`_may_cut_tokens`)."""
_WORD_BEFORE_CUES = EVENT_HEADS | HONORIFICS | STYLES
"""The word before a name (as `low` spells it) that a context rule looks at
(`_may_mark_context`)."""
_TOKEN_RULES = TRIM_RULES[: TRIM_RULES.index(_span_from_tokens)]
_CONTEXT_RULES = TRIM_RULES[TRIM_RULES.index(_span_from_tokens) + 1 :]


def _may_cut_tokens(doc: TokenizedText, t: Trim) -> bool:
    """False when no rule before `_span_from_tokens` can change `t`: each rule's own first
    test, by set look-ups on the name's first and last word and the words around it. (Most
    mentions are a bare name: they skip the eight calls. Safe because a rule that changes
    nothing leaves the next one the same cut, so the tests on this cut hold for all eight.)"""
    toks, first, last = doc.toks, t.first, t.last
    head, tail = toks[first], toks[last]
    if (
        tail in _POSSESSIVES
        or tail in PUNCT_STOP
        or tail in QUOTES_CLOSE
        or head in PUNCT_STOP
        or head in QUOTES_OPEN  # _strip_punctuation
    ):
        return True
    word = low(head)
    if last > first and word in _FIRST_WORD_CUES:
        return True  # function words, party labels, honorifics, styles, titles first
    if (
        t.mention.ner == PER
        and last > first
        and (
            word in TITLE_QUALIFIERS
            or demonym_of(head)
            or country_of(head)
            or (last - first >= 2 and word in common_words())
        )
    ):
        return True  # _titles_first: a qualifier or a description first
    if last + 1 < len(toks) and low(toks[last + 1]) in CORE_TITLES:
        return True  # _title_after_organisation
    return first >= 2 and low(toks[first - 1]) == "of"  # _portfolio_of_title


def _may_mark_context(doc: TokenizedText, t: Trim) -> bool:
    """False when no rule after `_span_from_tokens` can change `t`: each rule's own test of
    the name's place (a line's start), size and the words before or after it. (Those rules
    never move the name's tokens, so these tests hold for all seven.)"""
    toks, first, last, start = doc.toks, t.first, t.last, t.mention.start
    if (
        start == 0
        or doc.text[start - 1] == "\n"  # _dateline_place
        or (last + 1 < len(toks) and low(toks[last + 1]) in EVENT_CUES_AFTER)
        or (
            first == last
            and t.mention.ner == PER
            and doc.text[max(0, start - 40) : start].rstrip().lower().endswith(_OUTLET_LAST_WORDS)
        )  # _outlet_after_interview
    ):
        return True
    if first == 0:
        return False
    before = toks[first - 1]
    if low(before) in _WORD_BEFORE_CUES:
        return True  # an event's head, an honorific or a style just before
    if before == ",":  # _event_head_before: the event's head a comma before
        return first >= 2 and low(toks[first - 2]) in EVENT_HEADS
    # _plural_place_after_locative: "off the Maldives"
    return first == last and low(before) == "the" and toks[first][-1:] == "s"


def trim_mention(doc: TokenizedText, m: NameMention) -> NameMention | None:
    """`m` cut down to the name, with what the cut words told; None if nothing is left.

    A span inside one token ("Ohio" of "Ohio-based") is kept as it is. The rules run in the
    order of `TRIM_RULES`; a group of them is skipped when a few set look-ups show that none
    of it applies (`_may_cut_tokens`, `_may_mark_context`)."""
    text = doc.text
    start, end = _strip_affixes(text, m.start, m.end)
    idx = doc.tok_span(start, end)
    if not idx:
        if not _WORD_CHARACTER.search(text, start, end):
            return None
        return m if (start, end) == (m.start, m.end) else replace(m, start=start, end=end)
    first, last = idx[0], idx[-1]
    # the affix cut the last token ("Los Angeles" of "Los Angeles-based"): keep its part
    if last + 1 < len(doc.toks) and doc.starts[last + 1] < end < doc.ends[last + 1]:
        last += 1
    trim = Trim(m, first, last, end)
    cut = _apply(_TOKEN_RULES, doc, trim) if _may_cut_tokens(doc, trim) else trim
    if cut is None:
        return None
    cut = _span_from_tokens(doc, cut)
    if _may_mark_context(doc, cut):
        cut = _apply(_CONTEXT_RULES, doc, cut)
    return None if cut is None else cut.mention


def _apply(rules: tuple[TrimRule, ...], doc: TokenizedText, cut: Trim) -> Trim | None:
    """`cut` after each of `rules` in turn; None as soon as one leaves nothing."""
    for rule in rules:
        after = rule(doc, cut)
        if after is None:
            return None
        cut = after
    return cut
