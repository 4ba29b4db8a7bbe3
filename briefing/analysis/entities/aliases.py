"""Names the text itself defines: acronym pairs and "which X calls Y" / "also known as".

These are the strongest links an article offers (the writer states that two names are one
thing), and the second name is often a span the tagger missed or cut, so each is added as a
mention of its own, replacing the tagger's mentions inside it, and linked to its partner.
"""

from __future__ import annotations

import re
from bisect import bisect_left, insort
from collections import Counter
from dataclasses import replace

from briefing.analysis.entities.acronyms import find_acronym_pairs, loose_acronym_pairs
from briefing.analysis.entities.clean import strip_span
from briefing.analysis.entities.norm import country_of, is_capitalised, low, split_words
from briefing.analysis.entities.tokenized import NameMention, TokenizedText
from briefing.analysis.entities.trim import trim_mention
from briefing.analysis.entities.words import CORE_TITLES, HONORIFICS
from briefing.analysis.ner.labels import LOC, ORG, PER, NerLabel

_NAMER = re.compile(
    r",?\s+(?:which|who|that)\s+(?:calls?|called|names?|dubs?|knows?)\s+(?:it|them)\b"
)
"""'X, which calls it Z': X names a thing mentioned earlier in the sentence."""

Link = tuple[NameMention, NameMention]
"""Two mentions the text says name the same thing."""

_OR = re.compile(r"(?:,\s*|\s*\(\s*)(?:a\.k\.a\.|aka|formerly|or)\s+(?:the\s+)?(?=[A-Z])")
"""'X (a.k.a. Y)', 'X, formerly Y', 'X, or Y,': with no comma or parenthesis "or" joins two
things ("Clinton or Sanders", "Iowa or New Hampshire")."""

_ALT_PATTERNS: list[re.Pattern[str]] = [
    # "X, which Argentina calls the Y" / "X, what locals call Y"
    re.compile(
        r",?\s+(?:which|that|what|whom)\s+(?:[\w'\u2019.-]+\s+){0,4}?(?:calls?|called|refers?\s+to\s+as|knows?\s+as|names?|dubs?)\s+(?:it\s+|them\s+)?[\"\u201c\u2018]?(?:the\s+)?"
    ),
    # "X, who goes by Y" / "X, who went by the nickname Y"
    re.compile(
        r",\s+(?:who|which)\s+(?:goes|went|is\s+known|was\s+known)\s+by\s+(?:the\s+(?:name|nickname)\s+)?[\"\u201c\u2018]?"
    ),
    # "X, also known as Y" / "X (also called Y)" / "X, formerly Y"; without a comma or a
    # parenthesis "called" and "named" are verbs ("Skelly called Braynard ...", "Trump also
    # called Iowa ..."): there only "known as" names ("Burma also known as Myanmar")
    re.compile(
        r"(?:,\s*|\s*\(\s*)(?:(?:also|otherwise|formerly|previously|better|widely|locally|commonly|officially)\s+)?(?:known|called|named|dubbed|referred\s+to)(?:\s+(?:locally|widely|popularly|commonly|informally|officially|internationally|elsewhere))?(?:\s+in\s+(?:the\s+)?[A-Z]\w+)?\s+(?:as\s+)?[\"\u201c\u2018]?(?:the\s+)?"
    ),
    re.compile(
        r"\s+(?:(?:also|otherwise|formerly|previously|better|widely|locally|commonly|officially)\s+)?known\s+as\s+[\"\u201c\u2018]?(?:the\s+)?"
    ),
    _OR,
]

_ALT_START = re.compile(
    r",?\s*\(?\s*(?:which|that|what|whom|who|also|otherwise|formerly|previously|better|widely"
    r"|locally|commonly|officially|known|called|named|dubbed|referred|a\.k\.a\.|aka|or)\s"
)
"""What every pattern of `_ALT_PATTERNS` starts with (a comma, a space or a parenthesis, then
one of their first words): most names are followed by none, and one test spares five."""

_MONIKER_WORDS = ("moniker", "nickname", "pseudonym", "pen name", "nom de guerre", "screen name")
_MONIKER = re.compile(
    "(?:" + "|".join(map(re.escape, _MONIKER_WORDS)) + r")\s+[\"\u201c\u2018]?(?=[A-Z])"
)
"""A person's other name given as such: 'the moniker Guccifer', 'the pseudonym "Carlos Danger"'
(matched where `str.find` finds one of `_MONIKER_WORDS`: a regex search costs 16 ms a MB)."""


def _monikers(text: str) -> list[re.Match[str]]:
    """The `_MONIKER` matches of `text` that start a word, in text order."""
    out = []
    for word in _MONIKER_WORDS:
        pos = text.find(word)
        while pos >= 0:
            if not text[pos - 1 : pos].isalnum() and (mt := _MONIKER.match(text, pos)):
                out.append(mt)
            pos = text.find(word, pos + 1)
    return sorted(out, key=lambda mt: mt.start())


_OR_MORE = re.compile(r",?\s+or\s+(?:the\s+)?(?=[A-Z])")
"""A second other name after the first: 'also known as ISIS or ISIL'."""

_CLAUSE_GOES_ON = frozenset(
    "by in and or for to from at on after since until because but is was are were has had "
    "have will would who which that as among with whose said says".split()
)
"""Lower-case words that may follow a name given as another name ("X, known as Y, is ...");
any other ("X, called Y a liar", "X, called the Y speech") makes Y a verb's object or a
modifier, not a name of X."""
_NEXT_WORD = re.compile(r"[\s\"\u201d\u2019']*([A-Za-z]+)")


def _ends_appositive(text: str, end: int) -> bool:
    """The name ending at `end` ends the other name the text gives: what follows is
    punctuation, a capital or a word that lets the sentence go on (`_CLAUSE_GOES_ON`)."""
    mt = _NEXT_WORD.match(text, end)
    return mt is None or not mt.group(1).islower() or mt.group(1) in _CLAUSE_GOES_ON


_MONIKER_END = re.compile(r"[^\w\s]|\s*$")
"""Punctuation or a closing quote, or the end of the text: what ends a one-word other name."""
_MONIKER_GOES_ON = frozenset("by in and or for to from at on after since until but as with".split())
"""Words that may follow a one-word other name given as such ("the moniker Y to mark his
work"): a verb ("the nickname Pashko has given her") makes the word its subject."""


def _ends_moniker(text: str, end: int) -> bool:
    """The one-word other name ending at `end` ends there: punctuation, a closing quote or
    one of `_MONIKER_GOES_ON` follows."""
    if _MONIKER_END.match(text, end):
        return True
    mt = _NEXT_WORD.match(text, end)
    return mt is not None and mt.group(1) in _MONIKER_GOES_ON


def _in_list(text: str, start: int) -> bool:
    """The name starting at `start` follows a comma ("Syria, Yemen, or Libya"): an item of a
    list, whose "or" adds the last item."""
    before = text[max(0, start - 8) : start].rstrip()
    if before.endswith(("the", "The")):
        before = before[:-3].rstrip()
    return before.endswith(",")


def _titled(doc: TokenizedText, pos: int) -> bool:
    """An honorific or a title starts the name at `pos` ("or Mr. Sanders"): another person."""
    i = doc.tok_at(pos)
    if i >= len(doc.toks):
        return False
    w = low(doc.toks[i])
    return w in HONORIFICS or w in CORE_TITLES


def cap_run(doc: TokenizedText, pos: int) -> tuple[int, int] | None:
    """Span of the run of capitalised tokens starting at pos (one space apart), if any."""
    i = doc.tok_at(pos)
    if i >= len(doc.toks) or doc.starts[i] - pos > 1 or not is_capitalised(doc.toks[i]):
        return None
    j = i
    while (
        j + 1 < len(doc.toks)
        and is_capitalised(doc.toks[j + 1])
        and doc.starts[j + 1] - doc.ends[j] <= 1
    ):
        j += 1
    return doc.starts[i], doc.ends[j]


class _Mentions:
    """The mention list being edited, with an index by start: a span query looks at the
    mentions near it only, and answers in list order (the order ties are broken in)."""

    def __init__(self, ms: list[NameMention]) -> None:
        self.ms = ms
        self._seq: dict[NameMention, int] = {m: k for k, m in enumerate(ms)}
        self._by_seq: dict[int, NameMention] = dict(enumerate(ms))
        self._starts = sorted((m.start, k) for k, m in enumerate(ms))
        self._longest = max((m.end - m.start for m in ms), default=0)
        self._next = len(ms)

    def __contains__(self, m: NameMention) -> bool:
        return m in self._seq

    def seqs(self) -> list[int]:
        """The sequence numbers of the mentions now in the list, in list order."""
        return sorted(self._by_seq)

    def get(self, k: int) -> NameMention | None:
        """The mention with sequence number `k`, None if it was removed."""
        return self._by_seq.get(k)

    def seq(self, m: NameMention) -> int:
        """The sequence number of `m`, which is in the list."""
        return self._seq[m]

    def replace(self, old: NameMention, new: NameMention) -> None:
        """Put `new` where `old` is (same span start, same place in the list)."""
        k = self._seq.pop(old)
        self._seq[new] = k
        self._by_seq[k] = new
        self.ms[self.ms.index(old)] = new

    def append(self, m: NameMention) -> None:
        k = self._next
        self._next += 1
        self.ms.append(m)
        self._seq[m] = k
        self._by_seq[k] = m
        insort(self._starts, (m.start, k))
        self._longest = max(self._longest, m.end - m.start)

    def remove(self, m: NameMention) -> None:
        self.ms.remove(m)
        k = self._seq.pop(m)
        del self._by_seq[k]
        del self._starts[bisect_left(self._starts, (m.start, k))]

    def starting_in(self, lo: int, hi: int) -> list[NameMention]:
        """Mentions starting in [lo, hi], in list order."""
        i = bisect_left(self._starts, (lo,))
        j = bisect_left(self._starts, (hi + 1,))
        return [self._by_seq[k] for k in sorted(k for _, k in self._starts[i:j])]

    def overlapping(self, a: int, b: int) -> list[NameMention]:
        """Mentions overlapping [a, b), in list order."""
        near = self.starting_in(a - self._longest, b)
        return [m for m in near if m.start < b and a < m.end]

    def inside(self, a: int, b: int) -> list[NameMention]:
        """Mentions inside [a, b], in list order."""
        return [m for m in self.starting_in(a, b) if m.end <= b]

    def before_in_sentence(self, doc: TokenizedText, pos: int) -> list[NameMention]:
        """Mentions ending by pos in the sentence holding pos, in list order (sentences are
        runs of tokens, so the search stops at the first mention of an earlier sentence)."""
        sent = doc.sent_of[doc.tok_containing(pos)]
        ks: list[int] = []
        i = bisect_left(self._starts, (pos + 1,)) - 1
        while i >= 0:
            start, k = self._starts[i]
            si = doc.sent_of[doc.tok_containing(start)]
            if si < sent:
                break
            if si == sent and self._by_seq[k].end <= pos:
                ks.append(k)
            i -= 1
        return [self._by_seq[k] for k in sorted(ks)]


def add_text_defined(doc: TokenizedText, ms: list[NameMention]) -> list[Link]:
    """Add the mentions the text defines to `ms` (in place) and return the links they make."""
    text = doc.text
    linked: list[tuple[int, int]] = []
    """Links as the sequence numbers of their mentions: a mention made an alias is replaced
    by a new one with the same number."""
    index = _Mentions(ms)

    def link(a: NameMention, b: NameMention) -> None:
        """Link two mentions of the list (a mention no longer in it links nothing)."""
        if a in index and b in index:
            linked.append((index.seq(a), index.seq(b)))

    def as_alias(m: NameMention) -> NameMention:
        """`m` marked as an alias only, in the list too."""
        if m.alias_only:
            return m
        alias = replace(m, alias_only=True)
        index.replace(m, alias)
        return alias

    def add_span(
        a: int, b: int, ner: NerLabel, alias_only: bool = False, source: str = "text"
    ) -> NameMention | None:
        """Make (a,b) a mention, replacing mentions inside it; return it."""
        a, b = strip_span(text, a, b)
        inside = index.overlapping(a, b)
        for m in inside:
            if m.start == a and m.end == b:
                return as_alias(m) if alias_only else m
        types = [m.ner for m in inside if m.start >= a and m.end <= b]
        for m in inside:
            if m.start >= a and m.end <= b:
                index.remove(m)
        nm = NameMention(
            a,
            b,
            ner or (Counter(types).most_common(1)[0][0] if types else ORG),
            source,
            alias_only=alias_only,
        )
        tr = trim_mention(doc, nm)
        if tr is None:
            return None
        index.append(tr)
        return tr

    def name_at(pos: int, ner: NerLabel) -> NameMention | None:
        """The name starting at `pos` (a mention, else a capitalised run made one) when it
        ends as another name given in apposition does (`_ends_appositive`)."""
        nxt = index.starting_in(pos, pos + 1)
        run = None if nxt else cap_run(doc, pos)
        end = nxt[0].end if nxt else run[1] if run else None
        if end is None or not _ends_appositive(text, end):
            return None  # "Orthodox Union, called the AIPAC speech ...": a verb's object
        if nxt:
            return nxt[0]
        assert run is not None
        return add_span(run[0], run[1], ner, alias_only=True)

    # 2a. acronym pairs given by the text
    pairs = find_acronym_pairs(text)
    if "(" in text:
        pairs += loose_acronym_pairs(text, {acr for _, acr in pairs})
    for (ea, eb), (aa, ab) in pairs:
        inner = index.inside(ea, eb)
        ner = Counter(m.ner for m in inner).most_common(1)[0][0] if inner else ORG
        if ner == LOC and len(split_words(text[ea:eb])) > 1 and not country_of(text[ea:eb]):
            ner = (
                Counter(m.ner for m in inner if m.ner != LOC).most_common(1)[0][0]
                if any(m.ner != LOC for m in inner)
                else ORG
            )
        exp = add_span(ea, eb, ner)
        acr = add_span(aa, ab, ner)
        if exp is not None and acr is not None:
            link(exp, acr)

    # 2b. alternative names: "X, which Y calls Z", "X, also known as Z"
    for k in index.seqs():  # the mentions now in the list (one made an alias is its new self)
        m = index.get(k)
        if m is None:
            continue  # removed by a longer name the text defines
        if not _ALT_START.match(text, m.end):
            continue  # no pattern of `_ALT_PATTERNS` can match after it
        tail = text[m.end : m.end + 120]
        # allow a closing possessive/plural after X
        for pat in _ALT_PATTERNS:
            mt = pat.match(tail)
            if not mt:
                continue
            pos = m.end + mt.end()
            target = m
            if _NAMER.match(tail):
                # the namer is X; the thing named is an earlier mention of the same sentence
                prev = [o for o in index.before_in_sentence(doc, m.start) if o.ner != PER]
                if not prev:
                    continue
                target = max(prev, key=lambda o: o.start)
                if "them" in mt.group(0):
                    plural = [o for o in prev if o.surface(text).endswith("s")]
                    target = max(plural, key=lambda o: o.start) if plural else target
            if pat is _OR and (_in_list(text, m.start) or _titled(doc, pos)):
                continue  # "Syria, Yemen, or Libya", "Mrs. Clinton, or Mr. Sanders"
            z = name_at(pos, m.ner)
            if z is None or z is target:
                continue
            link(target, as_alias(z))
            more = _OR_MORE.match(text, z.end) if pat is not _OR else None
            if more is not None and (y := name_at(more.end(), m.ner)) not in (None, target):
                link(target, as_alias(y))  # "also known as ISIS or ISIL"
            break

    # 2c. "... with the moniker Y", "wrote under the pseudonym Y": a name of the person named
    # last before it in the sentence ("Trump yoked Cruz with the nickname ...": Cruz); one
    # word only: a full name would keep the person apart from their own full name
    family_names: set[str] | None = None  # of the people named in full, made when first asked
    for mt in _monikers(text):
        people = [o for o in index.before_in_sentence(doc, mt.start()) if o.ner == PER]
        if not people:
            continue
        target = max(people, key=lambda o: o.end)
        run = cap_run(doc, mt.end())
        if run is None or " " in text[run[0] : run[1]] or text[run[1] : run[1] + 1] in "'\u2019":
            continue  # two words read as another person's full name; "Lyin' Ted" is cut
        if not _ends_moniker(text, run[1]):
            continue  # "laughed off the nickname Pashko has given her": Pashko gave it
        if family_names is None:
            family_names = {
                words[-1]
                for o in index.ms
                if o.ner == PER and len(words := split_words(o.surface(text))) > 1
            }
        if text[run[0] : run[1]] in family_names:
            continue  # another person's name, not this one's
        y = name_at(mt.end(), PER)
        if y is not None and y is not target:
            link(target, as_alias(y))
    return [
        (a, b)
        for ka, kb in linked
        if (a := index.get(ka)) is not None and (b := index.get(kb)) is not None
    ]
