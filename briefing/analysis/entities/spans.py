"""Names whole: the tagger's fragments of one name joined, and the parts it left out added.

The tagger decides token by token, and on text unlike its training news it often cuts a name
where a word looks like a common word or a function word: "New" + "York Times", "Great" +
"Depression", "George" + "W. Bush", "University of" + "California", "Council" + "on" +
"Foreign Relations". In running prose two names are never written side by side with only a
space between them, so mentions one space apart are one name; a connector ("of", "on",
"for", "&") joins two mentions when the part before it is a head noun that takes one
("Bank of", "Council on") or, for "for", a name of a group ("Bikers for Trump"). An initial
("S. Donald Sussman"), a first name and a suffix ("Jr.", "II") next to a person's name belong
to it. Lines set in title case are left as tagged: every word there is capitalised.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Container, Iterator, Sequence

from briefing.analysis.entities.evidence import could_be_headline, headline_case
from briefing.analysis.entities.knowledge import known_type
from briefing.analysis.entities.lexicon import common_words, lexicon
from briefing.analysis.entities.norm import country_of, demonym_of, is_initial, low
from briefing.analysis.entities.personnames import first_names
from briefing.analysis.entities.tokenized import TokenizedText
from briefing.analysis.entities.wordlists import GROUP_WORDS, OF_HEADS, PARTICLES
from briefing.analysis.entities.words import (
    CORE_TITLES,
    EVENT_HEADS,
    GEO_HEADS,
    HONORIFICS,
    MONTHS,
    ORG_HEADS,
    ORG_SUFFIXES,
    STOPWORDS,
    TITLE_QUALIFIERS,
    WEEKDAYS,
)
from briefing.analysis.ner.labels import LOC, MISC, ORG, PER
from briefing.model import EntityType

RawMention = tuple[int, int, str]

_GAP = re.compile(r" (?:(of|on|for|&|of the|v\.|[a-z]{1,4}) )?")
"""What may stand between two parts of one name: a space, or a connector between spaces."""
_CASE_CONNECTORS = frozenset({"v."})
_GEO_OF_HEADS = frozenset({"republic", "kingdom", "commonwealth", "state", "states", "emirates"})
_SINGLE_INITIAL = re.compile(r"[A-Z]\.")


_HEADS = ORG_HEADS | GEO_HEADS | EVENT_HEADS | ORG_SUFFIXES | OF_HEADS
"""Head nouns that end a name a nationality may begin ("American Enterprise Institute")."""


def _words(text: str, m: RawMention) -> list[str]:
    return text[m[0] : m[1]].split()


def _person_like(text: str, m: RawMention) -> bool:
    """A person's name as tagged: PER with two words or more, or a known first name."""
    if m[2] != PER:
        return False
    ws = _words(text, m)
    return len(ws) >= 2 or low(ws[0]) in first_names()


def _group_word(w: str) -> bool:
    return low(w) in GROUP_WORDS or bool(demonym_of(w))


def _demonym_part(text: str, m: RawMention) -> bool:
    ws = _words(text, m)
    return len(ws) == 1 and _group_word(ws[0])


def _title_only(words: Sequence[str]) -> bool:
    """Words that are all of a title ("Prime Minister", "Sen.")."""
    return all(low(w) in CORE_TITLES or low(w) in TITLE_QUALIFIERS for w in words) and any(
        low(w) in CORE_TITLES for w in words
    )


def _joins(text: str, a: RawMention, b: RawMention) -> str | None:
    """How `a` and `b` join into one name ("space", or the connector), or None."""
    gap = text[a[1] : b[0]]
    if len(gap) > _LONGEST_GAP:
        return None
    mt = _GAP.fullmatch(gap)
    if mt is None:
        return None
    left = text[a[0] : a[1]]
    if left.endswith(("'s", "\u2019s", "'", "\u2019")):
        return None
    lw, rw = left.split(), text[b[0] : b[1]].split()
    if not lw or not rw:
        return None
    conn = mt.group(1)
    if _title_only(lw) or _title_only(rw) or low(lw[-1]) in CORE_TITLES:
        return None  # "Prime Minister" + "Mark Holloway": the title stays out of the name
    if len(rw) == 1 and _group_word(rw[0]) and not rw[0].isupper():
        return None  # "Iowa Republicans", "American Muslim"
    if conn is None:
        if _person_like(text, a) and _person_like(text, b) and len(lw) >= 2 and len(rw) >= 2:
            return None  # two full names side by side (a list)
        return "space"
    head = low(lw[-1])
    if conn in ("of", "on", "of the"):
        return conn if head in OF_HEADS and not _person_like(text, a) else None
    if conn == "&":
        return conn  # "Procter & Gamble"
    if conn == "v." and not any(
        country_of(x) or known_type(x) == EntityType.PLACE for x in (left, text[b[0] : b[1]])
    ):
        return conn  # "Brown v. Board of Education" (not "England v. Pakistan", a match)
    if conn == "for":
        plural = len(lw[-1]) > 3 and lw[-1].endswith("s") and not lw[-1].endswith("ss")
        if _person_like(text, a) or (a[2] == LOC and head not in OF_HEADS):
            return None
        return conn if plural or head in OF_HEADS or a[2] != PER else None
    if conn in PARTICLES and (a[2] == PER or low(lw[-1]) in first_names()):
        return conn
    return None


def _place_and_plural(words: Sequence[str]) -> bool:
    """A place followed by a plural common noun, "North Carolina Panthers": a team (or a
    group) of that place, never a person, although "North" is also a first name."""
    last = low(words[-1])
    if len(words) < 2 or not last.endswith("s") or last.endswith("ss"):
        return False
    if last not in common_words() and last[:-1] not in common_words():
        return False
    return any(
        country_of(" ".join(words[:k])) or known_type(" ".join(words[:k])) == EntityType.PLACE
        for k in range(1, len(words))
    )


def _chain_type(text: str, parts: Sequence[RawMention], conns: Sequence[str]) -> str:
    """The tagger type of a joined name: a first name and a surname are a person, a head noun
    decides the rest, else the type most of the words were tagged with (the last on a tie)."""
    words = text[parts[0][0] : parts[-1][1]].split()
    lows = [low(w) for w in words]
    last = lows[-1]
    if any(c in _CASE_CONNECTORS for c in conns):
        return MISC  # a court case
    if any(c != "space" for c in conns):
        k = conns.index(next(c for c in conns if c != "space"))
        head = low(_words(text, parts[k])[-1])
        if head in _GEO_OF_HEADS or head in GEO_HEADS:
            return LOC
        if head in EVENT_HEADS:
            return MISC
        return ORG
    heads = ORG_HEADS | GEO_HEADS | EVENT_HEADS | ORG_SUFFIXES
    first = words[0]
    if _place_and_plural(words):
        return ORG
    if (
        len(words) <= 4
        and not any(w in heads for w in lows)
        and (is_initial(first) or low(first) in first_names())  # the list last: it costs
        and not any(country_of(text[p[0] : p[1]]) for p in parts)
    ):
        return PER
    if last in ORG_HEADS or last in ORG_SUFFIXES:
        return ORG
    if last in GEO_HEADS:
        return LOC
    if last in EVENT_HEADS:
        return MISC
    votes: dict[str, int] = {}
    for p in parts:
        surface = text[p[0] : p[1]]
        if country_of(surface) or known_type(surface) == EntityType.PLACE:
            continue  # "Partizan Belgrade", "Stefanel Milan": the place qualifies the name
        votes[p[2]] = votes.get(p[2], 0) + len(_words(text, p))
    if not votes:
        return parts[-1][2]
    best = max(votes.values())
    for p in reversed(parts):
        if votes.get(p[2]) == best:
            return p[2]
    return parts[-1][2]


def _headline_paragraph(doc: TokenizedText, k: int, cache: dict[int, bool]) -> bool:
    """Paragraph k is set in title case (`evidence.headline_case`); cached in `cache`."""
    found = cache.get(k)
    if found is None:
        a, b = doc.paragraphs[k]
        p = doc.text[a:b]
        found = cache[k] = could_be_headline(p) and headline_case(p, doc.lower_words, k == 0)
    return found


def _plain_word(tok: str) -> bool:
    """A capitalised word that can be part of a name (not a title, date or function word)."""
    lt = low(tok)
    return (
        tok[:1].isupper()
        and tok[:1].isalpha()
        and lt not in STOPWORDS
        and lt not in CORE_TITLES
        and lt not in HONORIFICS
        and lt not in WEEKDAYS
        and lt not in MONTHS
        and not _group_word(tok)
    )


_SUFFIX_AFTER = re.compile(r" (?:Jr|Sr|II|III|IV)\b\.?")
"""A name suffix right after a name: " Jr.", " III"."""


_LONGEST_GAP = 8
"""The longest text between two parts of one name (" of the ")."""


def _may_extend(text: str, m: RawMention, first_names: Container[str]) -> bool:
    """A cheap test before `_extend` for a mention the tagger did not call a person's: it
    starts with a first name, or a suffix may follow it."""
    s, e = m[0], m[1]
    if text[e : e + 1] == " " and text[e + 1 : e + 2].isupper():
        return True  # a suffix or the rest of the name may follow
    if text[s - 1 : s] == " " and text[s - 2 : s - 1].isalnum() and low(text[s:e]) in EVENT_HEADS:
        return True  # "2nd Amendment"
    space = text.find(" ", s, e)
    if space < 0 and low(text[s:e]) in ORG_HEADS and text[s - 1 : s] == " ":
        return text[s - 2 : s - 1].isalpha()  # "… Operations Command": see `_head_run`
    # a first name first: `_extend` may then take the initial or first name before it, or the
    # rest of a name cut after its connector, and nothing else; without a capitalised word
    # right before or a connector last the list need not be asked (a first look-up costs)
    if not (
        (
            s > 1
            and text[s - 1] == " "
            and text[s - 2] != " "
            and text[text.rfind(" ", s - 40 if s > 40 else 0, s - 1) + 1 : s - 1][:1].isupper()
        )
        or (space >= 0 and len(ws := text[s:e].split()) >= 2 and ws[-1] in _CONNECTORS)
    ):
        return False
    return low(text[s : space if space >= 0 else e]) in first_names


_ORDINAL = re.compile(
    r"\d+(?:st|nd|rd|th)|First|Second|Third|Fourth|Fifth|Sixth|Seventh|Eighth|Ninth|Tenth"
    r"|Eleventh|Twelfth|Thirteenth|Fourteenth|Fifteenth|Sixteenth|Seventeenth|Eighteenth"
    r"|Nineteenth|Twentieth"
)


_CONNECTORS = frozenset({"of", "on", "for", "and", "the", "&", "de", "du"})
_INNER_CONNECTORS = frozenset({"of", "on", "for", "&"})


def _after_connector(doc: TokenizedText, s: int, e: int) -> int:
    """The end of a name the tagger cut right after a connector ("Council on"): the run of
    capitalised words (and connectors between them) that follows; without one, the name ends
    before its connector."""
    toks = doc.toks
    j = doc.tok_at(e)
    end = None
    while j < len(toks) and doc.starts[j] - (doc.ends[j - 1] if j else 0) <= 1:
        t = toks[j]
        if t[:1].isupper() and t[:1].isalpha() and low(t) not in STOPWORDS:
            end = doc.ends[j]
        elif t not in _INNER_CONNECTORS or end is None:
            break
        j += 1
    if end is not None:
        return end
    return doc.text.rfind(" ", s, e)


def _rest_of_name(doc: TokenizedText, s: int, e: int, headline: dict[int, bool]) -> int:
    """The end of the name at [s, e) with the capitalised word after it when that word is
    part of it: the two make a known name, or the word can stand in a name and the line is
    not set in title case."""
    text = doc.text
    tj = doc.tok_at(e + 1)
    if tj >= len(doc.toks) or doc.starts[tj] != e + 1:
        return e
    word = doc.toks[tj]
    if known_type(text[s : doc.ends[tj]]) is not None:
        return doc.ends[tj]
    if (
        not _plain_word(word)
        or not word[1:].islower()
        or (tj + 1 < len(doc.toks) and doc.toks[tj + 1][:1].isupper())
        or low(word) in first_names()  # after the cheap tests (a word's first look-up costs)
        or _headline_paragraph(doc, doc.paragraph(s), headline)
    ):
        return e
    return doc.ends[tj]


def _head_run(doc: TokenizedText, s: int, headline: dict[int, bool]) -> int:
    """The start of the name whose head noun alone the tagger took ("Command" of "Joint
    Operations Command"): the run of capitalised words right before it, one space apart,
    not across a possessive, a title or a function word, not into a line set in title case,
    and not taking a common word that is capitalised only to open its sentence."""
    ti = doc.tok_at(s)
    start = s
    j = ti - 1
    while j >= 0 and doc.ends[j] == doc.starts[j + 1] - 1 and doc.text[doc.ends[j]] == " ":
        word = doc.toks[j]
        if not _plain_word(word) or word[-2:] in ("'s", "’s"):
            break
        if j in doc.sent_first and low(word) in common_words():
            break
        start = doc.starts[j]
        j -= 1
    if start != s and _headline_paragraph(doc, doc.paragraph(s), headline):
        return s
    return start


def _extend(
    doc: TokenizedText, m: RawMention, first_names: Container[str], headline: dict[int, bool]
) -> RawMention:
    """Add to a person's name the initial or first name before it and the surname or suffix
    after it, where the tagger left them out (`first_names`: `personnames.first_names`)."""
    text = doc.text
    s, e, t = m
    ws = text[s:e].split() if text.find(" ", s, e) >= 0 else [text[s:e]]
    # (the tests of the first-name list come after the cheap tests of the text around:
    # a word it has not been asked about costs a read of the model's record for it)
    personish: bool | None = True if t == PER else None
    # an initial or a first name right before: "S. Donald Sussman", "Bernie Sanders"
    if s > 1 and text[s - 1] == " " and text[s - 2] != " ":
        word = text[text.rfind(" ", s - 40 if s > 40 else 0, s - 1) + 1 : s - 1]
        if word[:1].isupper():
            if personish is None:
                personish = low(ws[0]) in first_names
            if personish and (
                _SINGLE_INITIAL.fullmatch(word)
                or ((len(ws) == 1 or is_initial(ws[0])) and low(word) in first_names)
            ):
                ti = doc.tok_at(s)
                before = doc.toks[ti - 1] if ti > 0 and doc.ends[ti - 1] == s - 1 else ""
                if _SINGLE_INITIAL.fullmatch(before) or (
                    low(before) in first_names
                    and _plain_word(before)
                    and (low(before) not in lexicon().common or ti - 1 not in doc.sent_first)
                ):
                    s = doc.starts[ti - 1]
    # a surname after a first name or an initial: "J. Bradford DeLong"
    if (
        t == PER
        and text[e : e + 1] == " "
        # a lower-case word after a person's name is no surname: asking the list would
        # change nothing, unless the elif below would run instead (a connector last)
        and (text[e + 1 : e + 2].isupper() or ws[-1] in _CONNECTORS)
        and (is_initial(ws[-1]) or low(ws[-1]) in first_names)
    ):
        toks = doc.toks
        tj = doc.tok_at(e) - 1
        if (
            tj + 1 < len(toks)
            and doc.starts[tj + 1] == e + 1
            and _plain_word(toks[tj + 1])
            and low(toks[tj + 1]) not in lexicon().common
            and not country_of(toks[tj + 1])
        ):
            e = doc.ends[tj + 1]
    # a name cut after its connector: "Council on" + "Foreign Relations"
    elif len(ws) >= 2 and ws[-1] in _CONNECTORS:
        e = _after_connector(doc, s, e)
        if t in (MISC, PER) and low(ws[-2]) in OF_HEADS:
            t = ORG  # "Council on Foreign Relations"
    # the rest of a name the tagger cut at a capitalised word: "Islamic" + "State", "Super"
    # + "Tuesday" (known), "Central" + "Park" (not in a line set in title case)
    elif t != PER and text[e : e + 1] == " " and text[e + 1 : e + 2].isupper():
        e = _rest_of_name(doc, s, e, headline)
    # a lone head noun: "Joint Operations" + "Command"
    if len(ws) == 1 and t != PER and low(ws[0]) in ORG_HEADS and text[s - 1 : s] == " ":
        s = _head_run(doc, s, headline)
        if s != m[0]:
            t = ORG
    # an ordinal before a law's head: "2nd Amendment"
    if len(ws) == 1 and text[s - 1 : s] == " " and low(ws[0]) in EVENT_HEADS:
        space = text.rfind(" ", s - 12 if s > 12 else 0, s - 1)
        if _ORDINAL.fullmatch(text[space + 1 : s - 1]):
            s = space + 1
    # a suffix: "Donald Trump Jr.", "Abdullah II"
    if text[e + 1 : e + 2] in ("J", "S", "I") and (
        len(ws) >= 2 or (personish if personish is not None else low(ws[0]) in first_names)
    ):
        suffix = _SUFFIX_AFTER.match(text, e)
        if suffix:
            e = suffix.end()
    return (s, e, t)


_AMPERSAND_NAME = re.compile(r"[A-Z][A-Za-z]*&[A-Z][A-Za-z]*(?![\w&])")
"""A name joined by "&" with no space ("AT&T", "S&P"), which the tagger's tokens cut apart."""


def known_missed(doc: TokenizedText, mentions: Sequence[RawMention]) -> list[RawMention]:
    """Names joined by "&" that the shipped knowledge lists and the tagger left out ("AT&T"),
    as mentions of their known type; none that overlaps a mention."""
    text = doc.text
    out: list[RawMention] = []
    spans: list[tuple[int, int]] | None = None
    starts: list[int] = []
    tags = {
        EntityType.ORGANIZATION: ORG,
        EntityType.PLACE: LOC,
        EntityType.EVENT: MISC,
        EntityType.OTHER: MISC,
    }
    amp = text.find("&")
    while amp > 0:
        here = amp
        amp = text.find("&", amp + 1)
        if not (text[here - 1].isalpha() and text[here + 1 : here + 2].isupper()):
            continue
        mt = _AMPERSAND_NAME.match(text, text.rfind(" ", max(0, here - 20), here) + 1)
        if mt is None or mt.end() < here:
            continue
        a, b = mt.span()
        kind = known_type(mt.group())
        if kind is None:
            continue
        if spans is None:
            spans = sorted((x, y) for x, y, _ in mentions)
            starts = [x for x, _ in spans]
        k = bisect_right(starts, a) - 1
        if (k >= 0 and spans[k][1] > a) or (k + 1 < len(spans) and spans[k + 1][0] < b):
            continue
        out.append((a, b, tags[kind]))
    return out


_NICKNAME = re.compile(
    r"([A-Z][\w’'-]+) [“\"][A-Z][\w’'.-]*(?: [A-Z][\w’'.-]*){0,2}[”\"] (?=[A-Z])"
)
"""A first name, then a nickname in quotation marks, before the rest of the name: Juan
“Chico” Manriquez."""


_NAME_CHARACTER = re.compile(r"[\w’'-]")
"""A character of `_NICKNAME`'s first name."""
_DOUBLE_QUOTE = re.compile('[“"]')


def nickname_matches(text: str) -> Iterator[re.Match[str]]:
    """`_NICKNAME.finditer(text)`, tried only where a double quote follows a space (the regex
    alone tries every capital letter of the text, a hundredth of a second a megabyte).

    A match's first name runs up to the space before its opening quote, so it starts at the
    first capital of the run of name characters before that space that can start one (at
    least two characters long, not inside the previous match); whether the rest matches does
    not depend on which capital of the run it starts at, so the regex's leftmost match is
    there or nowhere before that quote."""
    last_end = 0
    for quote in _DOUBLE_QUOTE.finditer(text):
        q = quote.start()
        space = q - 1
        if space < 2 or text[space] != " ":
            continue
        j = space - 1
        while j >= last_end and _NAME_CHARACTER.match(text, j):
            j -= 1
        start = next((i for i in range(j + 1, space - 1) if "A" <= text[i] <= "Z"), None)
        if start is None:
            continue
        mt = _NICKNAME.match(text, start)
        if mt is not None:
            last_end = mt.end()
            yield mt


def _with_nicknames(text: str, ms: list[RawMention], names: Container[str]) -> list[RawMention]:
    """`ms` (sorted) with a name that holds a nickname in quotation marks as one person's
    mention: the tagger cuts it at the marks ("Juan" + "Chico" + "Manriquez"). The first word
    must be a known first name or a person the tagger found, and a mention must follow."""
    if "“" not in text and '"' not in text:
        return ms
    starts = [m[0] for m in ms]
    for nick in nickname_matches(text):
        after = bisect_right(starts, nick.end() - 1)
        if after == len(ms) or ms[after][0] != nick.end():
            continue  # no name goes on after the nickname
        first = bisect_right(starts, nick.start()) - 1
        tagged_first = first >= 0 and ms[first][0] == nick.start() and ms[first][2] == PER
        if not tagged_first and low(nick.group(1)) not in names:
            continue
        start, low_k = nick.start(), first + 1
        if first >= 0 and ms[first][1] > nick.start():
            start, low_k = ms[first][0], first
        ms = [*ms[:low_k], (start, ms[after][1], PER), *ms[after + 1 :]]
        starts = [m[0] for m in ms]
    return ms


def join_fragments(doc: TokenizedText, mentions: Sequence[RawMention]) -> list[RawMention]:
    """The tagger's mentions with the fragments of one name joined and a person's initial,
    first name or suffix added (see the module's docstring); sorted, never overlapping."""
    text = doc.text
    ms = _with_nicknames(text, sorted(mentions), first_names())
    headline: dict[int, bool] = {}
    names = first_names()
    out: list[RawMention] = []
    k = 0
    n = len(ms)
    while k < n:
        m = ms[k]
        if k + 1 == n or ms[k + 1][0] - m[1] > _LONGEST_GAP:
            # nothing to join (most mentions): only the person's name to complete
            out.append(
                _extend(doc, m, names, headline)
                if m[2] == PER or _may_extend(text, m, names)
                else m
            )
            k += 1
            continue
        parts = [m]
        conns: list[str] = []
        while k + 1 < n:
            nxt = ms[k + 1]
            if nxt[0] < parts[-1][1] or nxt[0] - parts[-1][1] > _LONGEST_GAP:
                break
            how = _joins(text, parts[-1], nxt)
            if how is None:
                break
            if _headline_paragraph(doc, doc.paragraph(nxt[0]), headline):
                break
            parts.append(nxt)
            conns.append(how)
            k += 1
        k += 1
        # a nationality before a name that no head noun ends is a descriptor, not its part
        while len(parts) > 1 and _demonym_part(text, parts[0]):
            last = low(text[parts[-1][0] : parts[-1][1]].split()[-1])
            if last in _HEADS or any(c != "space" for c in conns):
                break
            out.append(parts.pop(0))
            conns.pop(0)
        if len(parts) == 1:
            m = parts[0]
        else:
            m = (parts[0][0], parts[-1][1], _chain_type(text, parts, conns))
        out.append(_extend(doc, m, names, headline))
    # an extension may reach the next mention: keep the first
    kept: list[RawMention] = []
    for m in out:
        if kept and m[0] < kept[-1][1]:
            continue
        web = _WEB_SUFFIX.match(text, m[1]) if text.startswith(".", m[1]) else None
        kept.append((m[0], web.end(), m[2]) if web else m)
    return kept


_WEB_SUFFIX = re.compile(r"\.(?:com|org|net)(?![\w@-])")
""" "GunBroker.com": a website's domain is its name (the tokenizer cuts it at the dot)."""
