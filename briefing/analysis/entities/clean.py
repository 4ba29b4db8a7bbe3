"""Mention cleaning and junk filtering: what the tagger marked, cut down to the name itself.

The tagger's spans carry possessives, "the", honorifics, titles ("President Lula da Silva")
and sentence-initial function words, and it marks things that are not entries of a who's-who
at all (weekdays, bare titles, nationalities, quoted slogans, "GIs"). Cleaning first lets the
linking step compare bare names; the facts it strips (honorific, title span, event context)
are kept on the mention for the typing and role steps.
"""

from __future__ import annotations

import re
from collections.abc import Container, Iterable, Set
from itertools import islice

from briefing.analysis.entities.doc import Doc, Mention
from briefing.analysis.entities.kinds import name_like
from briefing.analysis.entities.knowledge import known_type
from briefing.analysis.entities.lexicon import common_words, lexicon
from briefing.analysis.entities.norm import (
    PLURAL_ACRONYM,
    apos,
    country_of,
    demonym_of,
    is_initial,
    low,
    split_words,
)
from briefing.analysis.entities.personnames import is_first_name
from briefing.analysis.entities.wordlists import NEVER_NAMES, PARTY_LABELS, STYLES
from briefing.analysis.entities.words import (
    ACRONYM_STOP,
    CORE_TITLES,
    DEPT_WORDS,
    EVENT_CUES_AFTER,
    EVENT_HEADS,
    GEO_HEADS,
    HOLIDAYS,
    HONORIFICS,
    MONTHS,
    ORG_HEADS,
    PUNCT_STOP,
    QUOTES_CLOSE,
    QUOTES_OPEN,
    SPEECH_VERBS,
    STOPWORDS,
    TITLE_QUALIFIERS,
    WEEKDAYS,
)

RawMention = tuple[int, int, str]
"""(start, end, NER type) as the tagger gives it."""


_AFFIX_AFTER = re.compile(
    r"-(?:based|style|led|backed|made|born|owned|era|like|type|bound|linked|related|funded|"
    r"sponsored|friendly|centric|controlled|run|held|built|focused|oriented|bred|trained|"
    r"educated|headquartered|listed|registered|flagged|allied|aligned|leaning)$"
)


_AFFIX_BEFORE = re.compile(
    r"^(?:anti|pro|non|ex|post|pre|mid|neo|pan|trans|intra|inter|sub|super|ultra|un|then)-(?=[A-Z])"
)


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


def _styled_name(rest: str) -> bool:
    """What follows a style ("King" + "Abdullah II") is a person's name: no word of a place,
    body or event ("King County", "Prince Edward Island"), not a known name of one."""
    return not any(low(w) in _PLACE_OR_BODY_HEADS for w in rest.split()) and (
        known_type(rest) is None
    )


def trim_mention(doc: Doc, m: Mention) -> Mention | None:
    """Cut `m` (in place) down to the name; None if nothing is left.

    Strips possessives, punctuation, 'the', honorifics, titles and sentence-initial function
    words, and records what it learns (honorific, title span, dateline place, event context).
    """
    text = doc.text
    m.start, m.end = _strip_affixes(text, m.start, m.end)
    idx = doc.tok_range(m.start, m.end)
    if not idx:
        return (
            None if not re.search(r"\w", text[m.start : m.end]) else m
        )  # inside one token ('Ohio' of 'Ohio-based'): keep as is
    # the affix cut the last token ("Los Angeles" of "Los Angeles-based"): keep its part
    cut_end = m.end
    nxt = idx[-1] + 1
    if nxt < len(doc.toks) and doc.starts[nxt] < m.end < doc.ends[nxt]:
        idx.append(nxt)
    toks = doc.toks[idx[0] : idx[-1] + 1]
    # trailing possessive / punctuation
    while idx and (toks[-1] in _POSSESSIVES or toks[-1] in PUNCT_STOP or toks[-1] in QUOTES_CLOSE):
        idx.pop()
        toks.pop()
    while idx and (toks[0] in PUNCT_STOP or toks[0] in QUOTES_OPEN):
        idx.pop(0)
        toks.pop(0)
    # leading "the" / sentence-initial function words
    while (
        idx
        and len(idx) > 1
        and low(toks[0]) in STOPWORDS
        and not is_initial(toks[0])
        and not (toks[0].isupper() and len(toks[0]) > 1 and not toks[1].isupper())
    ):
        idx.pop(0)
        toks.pop(0)
    if not idx:
        return None
    # a title after an organisation's name: "Sirius XM Vice" of "Sirius XM Vice President"
    after = idx[-1] + 1
    if (
        m.ner != "PER"
        and len(idx) > 1
        and after < len(doc.toks)
        and doc.starts[after] == doc.ends[idx[-1]] + 1
        and low(doc.toks[after]) in CORE_TITLES
        and doc.toks[after][:1].isupper()
    ):
        while len(idx) > 1 and (low(toks[-1]) in CORE_TITLES or low(toks[-1]) in _TITLE_LEADS):
            idx.pop()
            toks.pop()
        cut_end = min(cut_end, doc.ends[idx[-1]])
        if all(low(t) in PARTY_LABELS or low(t) in _LEGISLATURES for t in toks) and len(toks) > 1:
            return None  # "Republican House" of "Republican House Majority Leader X": a title
    # a party label before a person's name: "Democrat Ben Cardin"
    if (
        len(idx) > 2
        and low(toks[0]) in PARTY_LABELS
        and (
            m.ner == "PER"
            or is_first_name(toks[1])
            or name_like(text[doc.starts[idx[1]] : doc.ends[idx[-1]]])
        )
    ):
        m.ner = "PER"
        m.title = (doc.starts[idx[0]], doc.ends[idx[0]])
        idx.pop(0)
        toks.pop(0)
    # honorifics
    if low(toks[0]) in HONORIFICS and len(idx) > 1:
        m.honorific = True
        m.hon_form = (doc.starts[idx[0]], doc.ends[idx[-1]])
        idx.pop(0)
        toks.pop(0)
    elif (
        low(toks[0]) in STYLES
        and toks[0][:1].isupper()
        and len(idx) > 1
        and toks[1][:1].isupper()
        and _styled_name(text[doc.starts[idx[1]] : doc.ends[idx[-1]]])
    ):
        # a style the person is known by: "Pope Francis", "Ayatollah Khomeini"
        m.ner = "PER"
        m.title = (doc.starts[idx[0]], doc.ends[idx[0]])
        m.hon_form = (doc.starts[idx[0]], doc.ends[idx[-1]])
        idx.pop(0)
        toks.pop(0)
    elif m.ner == "PER" and len(idx) > 1:
        # titles inside a person span: "President Lula da Silva"
        k = 0
        while k < len(idx) - 1 and (
            low(toks[k]) in CORE_TITLES
            or low(toks[k]) in TITLE_QUALIFIERS
            or demonym_of(toks[k])
            or country_of(toks[k])
        ):
            k += 1
        if k == 1 and len(toks) == 2 and low(toks[0]) in lexicon().first_names:
            k = 0  # "Dean Jones", "Major Smith"? a first name is more likely than a bare title
        if (
            not k
            and len(toks) >= 3
            and len(toks[0]) > 2
            and toks[0].isalpha()
            and low(toks[0]) in common_words()
            and not is_first_name(toks[0])
            and is_first_name(toks[1])
        ):
            k = 1  # "Comedian George Lopez", "Billionaire Donald Trump": a description first
            m.title = (doc.starts[idx[0]], doc.ends[idx[0]])
            idx, toks = idx[k:], toks[k:]
            k = 0
        if k and any(low(t) in CORE_TITLES for t in toks[:k]):
            m.title = (doc.starts[idx[0]], doc.ends[idx[k - 1]])
            idx, toks = idx[k:], toks[k:]
    # "Minister of Climate Tor Lunde": the portfolio belongs to the title
    q = idx[0] - 1  # the token before (tokens do not overlap)
    if q > 0 and low(doc.toks[q]) == "of" and low(doc.toks[q - 1]) in CORE_TITLES and len(idx) >= 3:
        k = 0
        while (
            len(idx) - k > 2
            and (low(toks[k]) in lexicon().common or low(toks[k]) in TITLE_QUALIFIERS)
            and low(toks[k]) not in lexicon().first_names
        ):
            k += 1
        if not k:
            firsts = [
                q
                for q in range(1, len(idx) - 1)
                if low(toks[q]) in lexicon().first_names
                and low(toks[q - 1]) not in lexicon().first_names
            ]
            k = firsts[0] if firsts else 0
        if k:
            idx, toks = idx[k:], toks[k:]
            m.ner = "PER"
    m.start, m.end = doc.starts[idx[0]], min(doc.ends[idx[-1]], cut_end)
    # a dateline ("LONDON —", "LAGOS, Nigeria 2024-06-01") names a place
    if (m.start == 0 or text[m.start - 1] == "\n") and text[m.start : m.end].isupper():
        eol = text.find("\n", m.end)
        line = text[m.end : eol if eol >= 0 else len(text)]
        dl = _DATELINE_TAIL.match(line)
        if dl and (not line[dl.end() :].strip() or re.search(r"[a-z]", line[dl.end() :])):
            m.ner = "LOC"
    # "the Cobra Gold exercise": a lower-case event noun right after the name
    k = idx[-1] + 1
    if (
        k < len(doc.toks)
        and doc.starts[k] == m.end + 1
        and low(doc.toks[k]) in EVENT_CUES_AFTER
        and m.ner != "ORG"
    ):
        m.event_ctx = True  # "the Valiant Shield exercise" (but not "U.N. talks", "Lima summit")
    before_name = p = idx[0] - 1 if idx[0] > 0 else None
    if p is not None and doc.toks[p] == ",":
        p = p - 1 if p > 0 else None
    if (
        p is not None
        and doc.toks[p][:1].islower()
        and low(doc.toks[p]) in EVENT_HEADS
        and doc.ends[p] >= m.start - 2
    ):
        m.event_ctx = True
    # "in the Falklands", "off the Maldives": a plural name after a locative preposition
    if (
        len(idx) == 1
        and toks[0][-1:] == "s"
        and _PLAIN_PLURAL.fullmatch(toks[0])
        and low(toks[0]) not in TITLE_QUALIFIERS
        and low(toks[0]) not in ORG_HEADS
        and idx[0] >= 2
        and low(doc.toks[idx[0] - 1]) == "the"
        and low(doc.toks[idx[0] - 2]) in _LOCATIVE
        and m.ner in ("ORG", "MISC")
        and not (k < len(doc.toks) and apos(doc.toks[k]) in ("'s", "'"))
    ):
        m.ner = "LOC"
    # "in an interview with Reuters": a news outlet
    if (
        len(idx) == 1
        and m.ner == "PER"
        and (before := text[max(0, m.start - 40) : m.start])
        .rstrip()
        .lower()
        .endswith(_OUTLET_LAST_WORDS)
        and _OUTLET_BEFORE.search(apos(before).lower())
    ):
        m.ner = "ORG"
    # honorific just before the span, or a style ("King Abdullah II")
    p = before_name
    if p is not None and low(doc.toks[p]) in HONORIFICS and doc.ends[p] >= m.start - 1:
        m.honorific = True
        m.hon_form = (doc.starts[p], m.end)
    elif (
        p is not None
        and m.hon_form is None
        and doc.ends[p] == m.start - 1
        and doc.toks[p][:1].isupper()
        and low(doc.toks[p]) in STYLES
        and _styled_name(text[m.start : m.end])
    ):
        m.ner = "PER"
        m.hon_form = (doc.starts[p], m.end)
    return m


def in_slogan(doc: Doc, m: Mention) -> bool:
    """Inside a short quoted, title-cased phrase ("Free and Open Seas") or exactly quoted."""
    text = doc.text
    # find the quote that opens before m on the same line (most mentions have none)
    qpos = doc.last_open_quote(m.start)
    if qpos is None:
        return False
    line_start = doc.line_start(m.start)
    if line_start > qpos:
        return False  # the quote is on an earlier line
    # count quotes before: an odd number of straight quotes means we are inside
    straight, opening, closing = (doc.count_marks(q, line_start, m.start) for q in '"\u201c\u201d')
    if straight % 2 == 0 and opening <= closing:
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
    return low(content[-1]) not in EVENT_HEADS | ORG_HEADS


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


def _surface_junk(doc: Doc, s: str) -> tuple[bool, list[str]]:
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
        # "We've", "I'm", "Don't": a contraction
        or (len(words) == 1 and bool(_CONTRACTION.fullmatch(words[0])))
        or bool(_PARTY_NOTE.fullmatch(s))
    )
    doc.junk_cache[s] = junk, words
    return junk, words


def is_junk(doc: Doc, m: Mention, lex: Container[str]) -> bool:
    """Not an entry of a who's-who: a date, a bare title, a nationality, a slogan, a capitalised
    common word at a sentence start; `lex` is the common-word lexicon."""
    s = m.surface(doc.text)
    junk, words = _surface_junk(doc, s)
    if junk:
        return True
    before = doc.text[m.start - 2 : m.start]
    if before[-1:] in ("@", "#") or before in ("R-", "D-", "I-"):
        return True  # a handle, a hashtag, a party-and-state note ("R-Tex.")
    if in_slogan(doc, m):
        return True
    if m.ner == "MISC" and (demonym_of(s) or _looks_demonym(s)) and not country_of(s):
        return True  # nationalities are descriptors, not entries (but "U.S." is a country)
    if m.ner in ("PER", "LOC") and not m.honorific and demonym_of(s) and not country_of(s):
        return True  # "Polish citizens": never a person's name nor a place
    if len(words) == 1:
        i = doc.tok_containing(m.start)
        w = words[0]
        first = i in doc.sent_first or (
            i > 0 and doc.toks[i - 1] in QUOTES_OPEN and i - 1 in doc.sent_first
        )
        if (
            first
            and not m.honorific
            and not country_of(s)
            and (w in STOPWORDS or w in lex or w in doc.lower_words or w in CORE_TITLES)
            # a capitalised common word at a sentence start; keep it if the text also
            # capitalises it mid-sentence
            and not _capitalised_elsewhere(doc, s, i)
        ):
            return True
        if (
            first
            and _PARTICIPLE.search(w)
            and w not in lexicon().first_names
            and not country_of(s)
            and not _capitalised_elsewhere(doc, s, i)
            and i + 1 < len(doc.toks)
            and doc.toks[i + 1][:1].islower()
        ):
            return True  # "Signed by ...", "Speaking to ...", "Notably ..."
        if (
            first
            and _ADJECTIVE.search(w)
            and i + 1 < len(doc.toks)
            and doc.toks[i + 1][:1].islower()
            and low(doc.toks[i + 1]) not in SPEECH_VERBS
            and known_type(s) is None
            and not is_first_name(w)
            and not _capitalised_elsewhere(doc, s, i)
        ):
            return True  # "Investigative reporter ...", "Famous for ..."
        if w in STOPWORDS:
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


def _capitalised_elsewhere(doc: Doc, s: str, i: int) -> bool:
    """The token `s` also occurs capitalised mid-sentence (not at token i): a name after all."""
    return any(j != i for j in doc.mid_sentence(s))


def _split_known(m: Mention, s: str) -> list[Mention] | None:
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
            a = Mention(m.start, m.start + h, "ORG" if known_type(left) else m.ner, m.source)
            b = Mention(m.start + h + 1, m.end, "ORG" if known_type(right) else m.ner, m.source)
            return [a, b]
    owner, mark, thing = apos(s).partition("'s ")
    if mark and " " in thing and thing[:1].isupper() and (" " in owner or known_type(owner)):
        # "Environmental Protection Agency's Clean Power Plan": the owner and its thing
        return [
            Mention(m.start, m.start + len(owner), "ORG" if known_type(owner) else m.ner, m.source),
            Mention(m.end - len(thing), m.end, m.ner, m.source),
        ]
    first, _, rest = s.partition(" ")
    if rest and country_of(first) and known_type(rest) == "organization":
        return [
            Mention(m.start, m.start + len(first), "LOC", m.source),
            Mention(m.end - len(rest), m.end, "ORG", m.source),
        ]
    return None


def split_compounds(doc: Doc, m: Mention, places: Set[str] = frozenset()) -> list[Mention]:
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
    out: list[Mention] = []
    pos = m.start
    for p in parts:
        if country_of(p) or p in places:  # "U.S.-Israeli": the country, not the adjective
            out.append(Mention(pos, pos + len(p), "LOC", m.source))
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
            out.append((s, s + len(base), "LOC" if country_of(base) else t))
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
            ws = split_words(text[s:e]) if pt in ("LOC", "MISC", "ORG") and pe == s - 1 else ()
            if (
                ws
                and text[pe] == " "
                and low(ws[-1]) in _EVENT_OR_ORG_HEADS
                and not text[ps:pe].endswith(("'s", "\u2019s"))
            ):
                out[-1] = (
                    ps,
                    e,
                    t if t != "PER" else ("MISC" if low(ws[-1]) in EVENT_HEADS else "ORG"),
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


def dedupe(ms: list[Mention]) -> list[Mention]:
    """Of overlapping mentions keep the longer (the earlier on a tie), in text order."""
    out: list[Mention] = []
    for m in sorted(ms, key=lambda m: (m.start, -(m.end - m.start))):
        if out and m.start < out[-1].end:
            # overlapping: keep the longer one (already first)
            continue
        out.append(m)
    return out
