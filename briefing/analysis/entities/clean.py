"""NameMention cleaning and junk filtering: what the tagger marked, cut down to the name itself.

The tagger's spans carry possessives, "the", honorifics, titles ("President Lula da Silva")
and sentence-initial function words, and it marks things that are not entries of a who's-who
at all (weekdays, bare titles, nationalities, quoted slogans, "GIs"). Cutting a mention down
to the name is `trim.trim_mention`; this module splits compounds, merges adjacent fragments
and drops junk.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Container, Iterable, Set
from functools import lru_cache
from itertools import islice

from briefing.analysis.entities.cues import appositive_kind
from briefing.analysis.entities.knowledge import known_type
from briefing.analysis.entities.lexicon import common_words, lexicon
from briefing.analysis.entities.norm import (
    PLURAL_ACRONYM,
    apos,
    country_of,
    demonym_of,
    low,
    split_words,
)
from briefing.analysis.entities.personnames import is_first_name
from briefing.analysis.entities.tokenized import NameMention, TokenizedText
from briefing.analysis.entities.wordlists import NEVER_NAMES
from briefing.analysis.entities.words import (
    ACRONYM_STOP,
    CORE_TITLES,
    DEPT_WORDS,
    EVENT_HEADS,
    HOLIDAYS,
    HONORIFICS,
    MONTHS,
    ORG_HEADS,
    ORG_POSSESSED,
    ORG_SUFFIXES,
    QUOTES_OPEN,
    SPEECH_VERBS,
    STOPWORDS,
    WEEKDAYS,
)
from briefing.analysis.ner.labels import LOC, MISC, ORG, PER, NerLabel
from briefing.model import EntityType

RawMention = tuple[int, int, str]
"""(start, end, NER type) as the tagger gives it."""


class QuoteLines:
    """Where each opening double quote of a text is and where its line ends: one look-up
    tells `in_slogan` that no quote opens before a mention on its line (most mentions)."""

    __slots__ = ("line_ends", "opens")

    def __init__(self, text: str) -> None:
        self.opens = [mt.start() for mt in _OPEN_QUOTE.finditer(text)]
        """Positions of the straight and opening curly double quotes, as
        `TokenizedText.last_open_quote` finds them."""
        self.line_ends: list[int] = []
        """For each of `opens`, the first line break after it (the text's end if none)."""
        end = -1
        for q in self.opens:
            if end < q:
                end = text.find("\n", q)
                if end < 0:
                    end = len(text)
            self.line_ends.append(end)


_OPEN_QUOTE = re.compile('["\u201c]')


def in_slogan(doc: TokenizedText, m: NameMention, quotes: QuoteLines | None = None) -> bool:
    """Inside a short quoted, title-cased phrase ("Free and Open Seas") or exactly quoted.
    `quotes` (the text's `QuoteLines`, when the caller asks for many mentions) answers the
    first question at once: no quote opens before `m` on its line."""
    text = doc.text
    # find the quote that opens before m on the same line (most mentions have none)
    if quotes is not None:
        k = bisect_left(quotes.opens, m.start)
        if k == 0 or quotes.line_ends[k - 1] < m.start:
            return False  # no quote before m, or the last one is on an earlier line
        qpos: int | None = quotes.opens[k - 1]  # what `last_open_quote` finds, found already
    else:
        qpos = doc.last_open_quote(m.start)
    if qpos is None:
        return False
    line_start = doc.line_start(m.start)
    if line_start > qpos:
        return False  # the quote is on an earlier line
    # count quotes before: an odd number of straight quotes means we are inside (the curly
    # ones are counted only when the straight ones leave it open)
    a, b = line_start, m.start
    if doc.count_marks('"', a, b) % 2 == 0 and (
        doc.count_marks("\u201c", a, b) <= doc.count_marks("\u201d", a, b)
    ):
        return False
    qstart = qpos + 1
    close = doc.next_close_quote(m.end)
    if close is None:
        return False
    # a slogan has 2 to 8 words: the ninth ends the search (a quotation may run on)
    words = [w.group() for w in islice(_SLOGAN_WORD.finditer(text, qstart, close), 9)]
    if len(words) < 2 or len(words) > 8:
        return False  # a single quoted word is a nickname or a name, not a slogan
    content = [w for w in words if w.lower() not in ACRONYM_STOP]
    if not content or not all(w[:1].isupper() or w[:1].isdigit() for w in content):
        return False
    # a quoted name of an agreement / forum / body is a name, not a slogan
    return low(content[-1]) not in _EVENT_OR_ORG_HEADS


_SLOGAN_WORD = re.compile(r"[^\W_][\w'\u2019.-]*")
"""A word of a quoted phrase, for `in_slogan`."""
_LETTER = re.compile(r"[^\W\d_]")
_JUNK_WORD = re.compile(r"[\w.'\u2019&-]+|[^\w\s]")
_DATE_WORDS = WEEKDAYS | MONTHS | HOLIDAYS | {",", "the", "of", "day", "eve"}
_TITLE_PARTS = CORE_TITLES | DEPT_WORDS | HONORIFICS
_PARTICIPLE = re.compile(r"(?:ed|ing|ly)$")
_ADJECTIVE = re.compile(r"[a-z]{3}(?:ive|ous|ful|able|ible)$")
"""An adjective's ending, for a capitalised sentence-initial word before a lower-case one."""
_CONTRACTION = re.compile(
    r"(?:i|you|we|they|he|she|it|that|there|here|what|who|let|don|doesn|didn|can|won|isn|"
    r"aren|wasn|weren|hasn|haven|hadn|wouldn|couldn|shouldn)'(?:ve|re|ll|d|m|s|t)"
)
"""A contraction of a pronoun or an auxiliary (words as `low` spells them, apostrophe straight)."""
_PARTY_NOTE = re.compile(r"[RDI]-[A-Z][A-Za-z.]{0,12}")
"""A legislator's party and state ("R-Fla."), never a name of its own."""


_SUFFIXES_ALONE = frozenset({"jr", "sr", "ii", "iii", "iv", "vi", "vii", "viii"})
"""Suffixes of names ("Jr.", "III"), never a name by themselves."""


def _surface_junk(doc: TokenizedText, s: str) -> tuple[bool, list[str]]:
    """The checks of `is_junk` that depend on the surface alone (cached per document): junk or
    not, and the surface's words as the word lists spell them."""
    cached = doc.junk_cache.get(s)
    if cached is not None:
        return cached
    words = [w for w in map(low, _JUNK_WORD.findall(s)) if w]
    junk = (
        not _LETTER.search(s)
        or not words
        # dates and holidays
        or all(w in _DATE_WORDS or w.isdigit() for w in words)
        # "Secretary", "Defense", "Prime Minister" (but "Major" of "John Major")
        or (
            all(all(p in _TITLE_PARTS for p in w.split("-")) for w in words)
            and not (len(words) == 1 and s in doc.surnames)
        )
        # "GIs", "HQs", "CEOs"
        or bool(PLURAL_ACRONYM.fullmatch(apos(s)) and not country_of(s))
        # "PAC", "EST", "OK", "R-Fla."
        or (len(words) == 1 and words[0].replace(".", "") in NEVER_NAMES)
        # "II", "Jr.": a name's suffix alone
        or (len(words) == 1 and words[0].rstrip(".") in _SUFFIXES_ALONE)
        # "We've", "I'm", "Don't": a contraction
        or (len(words) == 1 and bool(_CONTRACTION.fullmatch(words[0])))
        or bool(_PARTY_NOTE.fullmatch(s))
    )
    doc.junk_cache[s] = junk, words
    return junk, words


class JunkMemo:
    """What `is_junk` tells from a mention's form alone, kept for one document: a few
    thousand forms make the tens of thousands of mentions of a long report."""

    __slots__ = ("_quotes", "elsewhere", "forms")

    def __init__(self) -> None:
        self._quotes: QuoteLines | None = None
        self.forms: dict[tuple[str, NerLabel, bool], tuple[bool, list[str]]] = {}
        """(surface, tagger label, honorific) -> junk by form alone, and the form's words."""
        self.elsewhere: dict[str, list[int]] = {}
        """Token -> `TokenizedText.mid_sentence` of it (which searches every token for one
        not capitalised, each time it is asked)."""

    def quotes(self, doc: TokenizedText) -> QuoteLines:
        """The document's `QuoteLines`, found at the first call."""
        if self._quotes is None:
            self._quotes = QuoteLines(doc.text)
        return self._quotes


def _form_junk(
    doc: TokenizedText, s: str, ner: NerLabel, honorific: bool
) -> tuple[bool, list[str]]:
    """The checks of `is_junk` that depend on the mention's form, label and honorific only."""
    junk, words = _surface_junk(doc, s)
    if junk:
        return True, words
    if ner == MISC and (demonym_of(s) or _looks_demonym(s)) and not country_of(s):
        return True, words  # nationalities are descriptors, not entries (but "U.S." is)
    if ner in (PER, LOC) and not honorific and demonym_of(s) and not country_of(s):
        return True, words  # "Polish citizens": never a person's name nor a place
    if ner == PER and residents_of_a_place(s):
        return True, words  # "Clevelanders", "Iowans": a place's people, as a nationality is
    return len(words) == 1 and words[0] in STOPWORDS, words


def is_junk(
    doc: TokenizedText, m: NameMention, lex: Container[str], memo: JunkMemo | None = None
) -> bool:
    """Not an entry of a who's-who: a date, a bare title, a nationality, a slogan, a capitalised
    common word at a sentence start; `lex` is the common-word lexicon. `memo` keeps what the
    form alone tells across the calls for one document (each check is a pure test of the form
    and returns True on its own, so answering those first and once changes nothing)."""
    if memo is None:
        memo = JunkMemo()
    s = doc.text[m.start : m.end]
    form = (s, m.ner, m.honorific)
    found = memo.forms.get(form)
    if found is None:
        found = memo.forms[form] = _form_junk(doc, s, m.ner, m.honorific)
    junk, words = found
    if junk:
        return True
    before = doc.text[m.start - 2 : m.start]
    if before[-1:] in ("@", "#") or before in ("R-", "D-", "I-"):
        return True  # a handle, a hashtag, a party-and-state note ("R-Tex.")
    if in_slogan(doc, m, memo.quotes(doc)):
        return True
    if len(words) == 1:
        i = doc.tok_containing(m.start)
        w = words[0]
        first = i in doc.sent_first or (
            i > 0 and doc.toks[i - 1] in QUOTES_OPEN and i - 1 in doc.sent_first
        )
        if not first:
            return False
        if (
            not m.honorific
            and not country_of(s)
            # (the sets first, the common-word list last: a first look-up costs)
            and (
                w in STOPWORDS
                or w in CORE_TITLES
                or w in doc.lower_words
                or w in lex
                # the dictionary too ("Therefore,"), for a word no list gives as a name
                or (
                    s[1:].islower()
                    and w in common_words()
                    and not is_first_name(w)
                    and known_type(s) is None  # "Senate"
                    and not (i + 1 < len(doc.toks) and low(doc.toks[i + 1]) in SPEECH_VERBS)
                    and not _named_by_what_follows(doc, i)
                )
            )
            # a capitalised common word at a sentence start; keep it if the text also
            # capitalises it mid-sentence
            and not _capitalised_elsewhere(doc, s, i, memo)
        ):
            return True
        if (
            _PARTICIPLE.search(w)
            and i + 1 < len(doc.toks)
            and doc.toks[i + 1][:1].islower()
            and not country_of(s)
            and w not in lexicon().first_names  # the lists last: a first look-up costs
            and not _capitalised_elsewhere(doc, s, i, memo)
        ):
            return True  # "Signed by ...", "Speaking to ...", "Notably ..."
        if (
            _ADJECTIVE.search(w)
            and i + 1 < len(doc.toks)
            and doc.toks[i + 1][:1].islower()
            and low(doc.toks[i + 1]) not in SPEECH_VERBS
            and known_type(s) is None
            and not is_first_name(w)
            and not _capitalised_elsewhere(doc, s, i, memo)
        ):
            return True  # "Investigative reporter ...", "Famous for ..."
    return False


_RESIDENT_SUFFIXES = ("ers", "ians", "ans", "ites", "ns")
_PLACE_ENDINGS = ("", "a", "o", "s", "as", "ia", "y")


@lru_cache(maxsize=16384)
def residents_of_a_place(s: str) -> bool:
    """ "Clevelanders", "Iowans", "Floridians", "Chicagoans": one word, the plural noun for the
    people of a place the shipped knowledge lists (its name, a suffix for its people)."""
    if " " in s or not s[:1].isupper():
        return False
    for suffix in _RESIDENT_SUFFIXES:
        if s.endswith(suffix) and len(s) > len(suffix) + 2:
            stem = s[: -len(suffix)]
            if any(known_type(stem + end) == EntityType.PLACE for end in _PLACE_ENDINGS):
                return True
    return False


def _looks_demonym(s: str) -> bool:
    """ "Sino-Japanese", "Kazakhstani": shaped like a nationality adjective."""
    parts = apos(s).split("-")
    last = parts[-1]
    if not last[:1].isupper() or " " in s:
        return False
    if any(demonym_of(p) for p in parts):
        return True
    return bool(re.search(r"(?:ese|ish|ian|ians|ean|eans|an|ans|i|is)$", last)) and len(last) > 4


_COMPANY_WORDS_AFTER = ORG_POSSESSED | ORG_SUFFIXES
"""What a company has or is written with: "Slack shares fell", "Slack Inc."."""


def _named_by_what_follows(doc: TokenizedText, i: int) -> bool:
    """Token i is a name by what follows it, not a dictionary word at a sentence start: an
    apposition of a person or a company ("Cook, the chief executive,", see
    `cues.appositive_kind`) or a word of a company's ("Slack shares fell")."""
    toks = doc.toks
    nxt = low(toks[i + 1]) if i + 1 < len(toks) else ""
    if nxt == ",":
        return appositive_kind(doc, i + 2) is not None
    return nxt.rstrip(".") in _COMPANY_WORDS_AFTER


def _capitalised_elsewhere(doc: TokenizedText, s: str, i: int, memo: JunkMemo) -> bool:
    """The token `s` also occurs capitalised mid-sentence (not at token i): a name after all."""
    where = memo.elsewhere.get(s)
    if where is None:
        where = memo.elsewhere[s] = doc.mid_sentence(s)
    return any(j != i for j in where)


def _split_known(m: NameMention, s: str) -> list[NameMention] | None:
    """ "Washington Post-ABC News" -> two outlets (one side a known name, the other a name
    too); "U.S. State Department" -> "U.S." and "State Department" (a known organisation
    after a country). None when neither applies."""
    if known_type(s) is not None:
        return None
    for h in [i for i, c in enumerate(s) if c == "-"]:
        left, right = s[:h], s[h + 1 :]
        if (
            " " in s
            and left[-1:].isalpha()
            and right[:1].isupper()
            and (known_type(left) or known_type(right))
            and ((known_type(left) and known_type(right)) or (" " in left and " " in right))
        ):
            a = NameMention(m.start, m.start + h, ORG if known_type(left) else m.ner, m.source)
            b = NameMention(m.start + h + 1, m.end, ORG if known_type(right) else m.ner, m.source)
            return [a, b]
    owner, mark, thing = apos(s).partition("'s ")
    owner = owner.rstrip()  # "Bank 's Bank": the possessive a token of its own
    if mark and " " in thing and thing[:1].isupper() and (" " in owner or known_type(owner)):
        # "Environmental Protection Agency's Clean Power Plan": the owner and its thing
        return [
            NameMention(
                m.start,
                m.start + len(owner),
                ORG if known_type(owner) else m.ner,
                m.source,
            ),
            NameMention(m.end - len(thing), m.end, m.ner, m.source),
        ]
    first, _, rest = s.partition(" ")
    if rest and country_of(first) and known_type(rest) == EntityType.ORGANIZATION:
        return [
            NameMention(m.start, m.start + len(first), LOC, m.source),
            NameMention(m.end - len(rest), m.end, ORG, m.source),
        ]
    return None


def split_compounds(
    doc: TokenizedText, m: NameMention, places: Set[str] = frozenset()
) -> list[NameMention]:
    """'U.S.-Mexico', 'Paris-Berlin' -> place mentions when every part is a country or a
    place the text names elsewhere; two known names in one mention apart (`_split_known`)."""
    s = m.surface(doc.text)
    if " " in s and ("-" in s or "s " in s or country_of(s[: s.index(" ")])):
        known_parts = _split_known(m, s)
        if known_parts is not None:
            return known_parts
    if "-" not in s or " " in s:
        return [m]
    parts = s.split("-")
    if len(parts) < 2 or not all(country_of(p) or p in places or demonym_of(p) for p in parts):
        return [m]
    out: list[NameMention] = []
    pos = m.start
    for p in parts:
        if country_of(p) or p in places:  # "U.S.-Israeli": the country, not the adjective
            out.append(NameMention(pos, pos + len(p), LOC, m.source))
        pos += len(p) + 1
    return out or [m]


_AFFIXED_HEAD = re.compile(
    r"(\S+?)(-(?:based|led|backed|owned|run|controlled|funded|listed|headquartered|born))\s+(?=\S)"
)


def split_affixed_heads(text: str, mentions: Iterable[RawMention]) -> list[RawMention]:
    """ "U.S.-based MCI Communications Corp." -> "U.S." (place) + "MCI Communications Corp."."""
    out: list[RawMention] = []
    for s, e, t in mentions:
        mt = _AFFIXED_HEAD.match(text, s, e) if "-" in text[s:e] else None
        if mt:
            base = mt.group(1)
            out.append((s, s + len(base), LOC if country_of(base) else t))
            out.append((mt.end(), e, t))
        else:
            out.append((s, e, t))
    return out


_EVENT_OR_ORG_HEADS = EVENT_HEADS | ORG_HEADS


def merge_adjacent(text: str, mentions: Iterable[RawMention]) -> list[RawMention]:
    """ "U.S.-Korea" + "Consultative Forum" -> one name when the second part is headed by an
    organisation / event word ("Forum", "Command", "Ministry")."""
    out: list[RawMention] = []
    for s, e, t in mentions:
        if out:
            ps, pe, pt = out[-1]
            # right after the last one (a third of the mentions): only then the words
            ws = split_words(text[s:e]) if pt in (LOC, MISC, ORG) and pe == s - 1 else ()
            if (
                ws
                and text[pe] == " "
                and low(ws[-1]) in _EVENT_OR_ORG_HEADS
                and not text[ps:pe].endswith(("'s", "\u2019s"))
            ):
                out[-1] = (
                    ps,
                    e,
                    t if t != PER else (MISC if low(ws[-1]) in EVENT_HEADS else ORG),
                )
                continue
        out.append((s, e, t))
    return out


def strip_span(text: str, a: int, b: int) -> tuple[int, int]:
    """(a, b) without surrounding spaces, punctuation and quotes."""
    while a < b and text[a] in " \t\n,;:(\"'\u201c\u201d\u2018\u2019":
        a += 1
    while b > a and text[b - 1] in ' \t\n,;:)"\u201c\u201d\u2018\u2019':
        b -= 1
    return a, b


def dedupe(ms: list[NameMention]) -> list[NameMention]:
    """Of overlapping mentions keep the longer (the earlier on a tie), in text order."""
    out: list[NameMention] = []
    for m in sorted(ms, key=lambda m: (m.start, -(m.end - m.start))):
        if out and m.start < out[-1].end:
            # overlapping: keep the longer one (already first)
            continue
        out.append(m)
    return out
