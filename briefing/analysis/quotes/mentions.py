"""Candidate speaker mentions and the look-ups the attribution rules need.

The NER tagger misses many speakers (surnames on their own, names right before "said",
"Mr. X"), and much speech is attributed to pronouns and nominals ("a police spokesman"), so
the mention list is the tagger's PER/ORG names widened by cheap text rules. Everything is
indexed by start offset so that "mentions between a and b" is a bisection.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Sequence
from functools import cached_property
from typing import NamedTuple

from briefing.analysis.ner.labels import ORG, PER
from briefing.analysis.quotes.gender import (
    SAID_PRONOUN_RE,
    first_name_gender,
    kin_gender,
    title_gender,
)
from briefing.analysis.quotes.lexicon import (
    BARE_NOMINALS,
    CAP_STOP,
    SLOT_INVERTIBLE,
    TITLE_FORMS,
    TITLE_HEADS,
    TITLE_WORDS,
)
from briefing.analysis.quotes.patterns import (
    ABSOLUTE_AFTER_RE,
    ADVERB_NAME_RE,
    APPOSITION_AFTER_RE,
    ARTICLE_MODIFIER_AFTER_RE,
    ARTICLE_MODIFIER_BEFORE_RE,
    AUTHOR_BEFORE_RE,
    BIO_AFTER_RE,
    BOOK_AFTER_RE,
    CAP_AFTER_RE,
    CAP_BEFORE_RE,
    CAPWORD_RE,
    CLAUSE_END_RE,
    DETERMINER_BEFORE_RE,
    EXCERPT_RE,
    FRONTED_CLAUSE_RE,
    GENDERED_NAME_RE,
    HONORIFIC_NAME_RE,
    LEADING_THE_RE,
    NAME_LEAD_RE,
    NOMINAL_HEAD_RE,
    POSSESSIVE_S_RE,
    POSSESSIVE_THE_RE,
    PREPOSITION_BEFORE_RE,
    PREPOSITION_TITLES_BEFORE_RE,
    PRONOUN_RE,
    SENTENCE_CLOSE_AFTER_RE,
    SLOT_VERB_RE,
    SPEAKER_AFTER_RE,
    SPEAKER_BEFORE_RE,
    SURNAME_RE,
    WHITESPACE_RE,
    WITH_BEFORE_RE,
    title_re,
)
from briefing.analysis.quotes.sentences import sentence_starts

SPEAKER_KINDS = (PER, ORG)
"""Entity types that can speak; LOC and MISC names are ignored."""

_MAX_SENTENCES_BACK = 12
_NARRATOR_HEAD = 1500
"""Where an article names the book it is an excerpt of (characters from the start)."""
_NARRATOR_TAIL = 600
"""Where an opinion piece introduces its writer (characters from the end)."""


class Mention(NamedTuple):
    """A possible speaker: kind is PER, ORG, PRON (he, she, they, we, it, I, who) or NOM."""

    start: int
    end: int
    kind: str
    text: str
    in_quote: bool


_CAPWORD_BEFORE_RE = re.compile(r"\b[A-Z][\w.’'-]*\s+$")
"""A capitalised word ending just before: the title a preposition is inside ("Secretary of")."""
_RELIGIOUS_TITLES = frozenset("father sister brother rabbi imam pope cardinal bishop".split())
"""Religious titles before a name ("Father Jacques Hamel") that the title lists lack."""


def name_tokens(name: str) -> list[str]:
    """The tokens of a name without leading titles and a possessive 's ("Sen. Cruz's": Cruz)."""
    toks = [w for w in WHITESPACE_RE.split(name.strip()) if w]
    while toks and toks[0].lower().rstrip(".") in TITLE_WORDS:
        toks = toks[1:]
    return [POSSESSIVE_S_RE.sub("", w) for w in toks]


class Mentions:
    """All candidate speaker mentions of one text, sorted by start, nested ones dropped."""

    def __init__(
        self,
        text: str,
        names: Sequence[tuple[int, int, str]],
        in_quote: Callable[[int], bool],
        headline_names: Sequence[tuple[str, str]] = (),
    ) -> None:
        """`headline_names`: (first name, surname) of the people the headline names in full
        (`briefing.analysis.headline_names`): their first names go with the body's bare
        surnames, for the full name and the sex."""
        self.text = text
        self._tokens: dict[str, list[str]] = {}
        self._titled: dict[str, set[str]] = {}
        self._leads: dict[str, str] = {}
        self.roles: dict[int, set[str]] = {}
        """Start of a person mention -> its role words (`roles.role_words`), once each."""
        spans = _collect(text, names)
        self.ms = [Mention(s, e, k, text[s:e], in_quote(s)) for s, e, k in spans]
        self.starts = [m.start for m in self.ms]
        self.by_key: dict[str, list[Mention]] = {}
        """Surname (lower case) -> its person mentions."""
        self._text_genders: dict[str, tuple[bool, str | None]] = {}
        self.forms: dict[str, set[str]] = {}
        """Surname (lower case) -> the first names of its multi-token forms."""
        self.full = self._full_names(headline_names)
        self._gender_cache: dict[int, tuple[str | None, bool]] = {}
        self.sents = sentence_starts(text)

    def tokens(self, m: Mention) -> list[str]:
        """`name_tokens` of a mention's text, computed once per distinct text."""
        toks = self._tokens.get(m.text)
        if toks is None:
            toks = self._tokens[m.text] = name_tokens(m.text)
        return toks

    @cached_property
    def _honorifics(self) -> dict[str, str | None]:
        """Surname (lower case) -> "m"/"f" from "Mr."/"Ms."/"Mrs."/"Miss" anywhere in the text;
        None when both (a couple: "Mr. and Mrs. Clinton")."""
        found: dict[str, str | None] = {}
        for hm in GENDERED_NAME_RE.finditer(self.text):
            key, g = hm.group(2).lower(), "m" if hm.group(1) == "Mr" else "f"
            found[key] = g if found.get(key, g) == g else None
        return found

    def text_gender(self, key: str) -> tuple[bool, str | None]:
        """(whether the text says, the gender) for a surname (lower case): an honorific or a
        gendered title before any of its mentions ("Mrs. Acosta", "congresswoman Jane
        Ruiz"), else the pronoun of "Acosta said she"; (True, None) when the text says both.
        Read per surname, the first time a pronoun needs it."""
        found = self._text_genders.get(key)
        if found is not None:
            return found
        text = self.text
        titles: set[str] = set()
        honorific = self._honorifics.get(key, "")
        if honorific is None:
            titles |= {"m", "f"}
        elif honorific:
            titles.add(honorific)
        pronouns: set[str] = set()
        for m in self.by_key.get(key, ()):
            g = title_gender(text[max(0, m.start - 24) : m.start])
            lead = "" if g else self._title_inside(m)
            if lead:
                g = title_gender(lead)
            if g:
                titles.add(g)
            said = SAID_PRONOUN_RE.match(text, m.end)
            if said and not m.in_quote:
                pronouns.add("m" if said.group(1).lower() == "he" else "f")
        evidence = titles or pronouns
        if not evidence:
            found = (False, None)
        else:
            found = (True, evidence.pop() if len(evidence) == 1 else None)
        self._text_genders[key] = found
        return found

    def _full_names(self, headline_names: Sequence[tuple[str, str]]) -> dict[str, str]:
        """Surname (lower case) -> the most frequent multi-token form (ties: the longest); a
        full name in the headline counts as one more form of a surname the body names."""
        counts: dict[str, dict[str, int]] = {}
        for m in self.ms:
            if m.kind == PER:
                toks = self.tokens(m)
                if toks and len(toks) <= 4:
                    key = toks[-1].lower()
                    forms = counts.setdefault(key, {})
                    full = " ".join(toks)
                    forms[full] = forms.get(full, 0) + 1
                if toks:
                    self.by_key.setdefault(toks[-1].lower(), []).append(m)
                if len(toks) >= 2:
                    self.forms.setdefault(toks[-1].lower(), set()).add(toks[0])
        for first, surname in headline_names:
            key = surname.lower()
            if key in self.by_key:
                full = f"{first} {surname}"
                forms = counts.setdefault(key, {})
                forms[full] = forms.get(full, 0) + 1
                self.forms.setdefault(key, set()).add(first)
        full_names: dict[str, str] = {}
        for key, forms in counts.items():
            multi = {f: c for f, c in forms.items() if " " in f} or forms
            full_names[key] = max(multi, key=lambda f: (multi[f], len(f)))
        return full_names

    def between(
        self,
        a: int,
        b: int,
        kinds: tuple[str, ...] | None = None,
        outside_quotes: bool = True,
    ) -> list[Mention]:
        """Mentions inside [a, b) of the given kinds (default: all), by default outside quotes."""
        i = bisect.bisect_left(self.starts, a)
        res: list[Mention] = []
        while i < len(self.ms) and self.ms[i].start < b:
            m = self.ms[i]
            if (
                m.end <= b
                and (kinds is None or m.kind in kinds)
                and not (outside_quotes and m.in_quote)
            ):
                res.append(m)
            i += 1
        return res

    def name_of(self, m: Mention) -> str:
        """Display name: full name for a person (its own, when its first name is not that of
        the surname's usual full name: "Ivanka Trump" beside "Donald Trump"), an organisation
        without "the", else the text."""
        if m.kind == PER:
            toks = self.tokens(m)
            if toks:
                full = self.full.get(toks[-1].lower())
                if full is None or (len(toks) >= 2 and full.split()[0] != toks[0]):
                    return " ".join(toks)
                return full
        if m.kind == ORG:
            return LEADING_THE_RE.sub("", m.text)
        return m.text

    def gender_of(self, m: Mention) -> str | None:
        """ "m" or "f" for a person mention, else None: a title or kinship noun before this
        mention ("Mrs.", "his wife"), what the text says of the surname (a title before
        another of its mentions, "Acosta said she"), the mention's own first name ("Bill
        Clinton"), the first name of the surname's full forms when they agree, or, for a
        lone word that is no full name's surname, its own first name."""
        return self.gender_evidence(m)[0]

    def gender_evidence(self, m: Mention) -> tuple[str | None, bool]:
        """(gender, whether the text says it) for a person mention: a first name alone is
        weak evidence (Lindsey Graham)."""
        found = self._gender_cache.get(m.start)
        if found is None:
            found = self._gender(m)
            self._gender_cache[m.start] = found
        return found

    def _title_inside(self, m: Mention) -> str:
        """The title a name mention opens with ("Councilman " of "Councilman Tom Baxter"),
        the tagger having kept it in the name; "" when none."""
        lead = self._leads.get(m.text)
        if lead is None:
            toks = self.tokens(m)
            i = m.text.find(toks[0]) if toks else 0
            lead = self._leads[m.text] = m.text[:i] if i > 0 else ""
        return lead

    def _gender(self, m: Mention) -> tuple[str | None, bool]:
        toks = self.tokens(m)
        if not toks:
            return None, False
        g = kin_gender(self.text[max(0, m.start - 24) : m.start])
        lead = "" if g else self._title_inside(m)
        if lead:
            g = title_gender(lead)
        if g:
            return g, True
        key = toks[-1].lower()
        firsts = self.forms.get(key, set())
        if len(toks) >= 2:
            # A family shares a surname: what the text says of the surname holds for this
            # full name only when no other first name goes with it.
            said, g = self.text_gender(key) if len(firsts) <= 1 else (False, None)
            if g:
                return g, True
            return first_name_gender(toks[0]), False
        said, g = self.text_gender(key)
        if said:
            return g, g is not None
        if not firsts:
            # Never the surname of a full name here: a first name alone ("Hillary" in a
            # "rubber Hillary mask") has its own gender, as weak evidence.
            return first_name_gender(toks[0]), False
        genders = {first_name_gender(f) for f in firsts}
        return (genders.pop() if len(genders) == 1 else None), False

    def person_key(self, m: Mention) -> str:
        """The surname (lower case) a person mention is known by; its text otherwise."""
        toks = self.tokens(m) if m.kind == PER else []
        return toks[-1].lower() if toks else m.text.lower()

    def _is_modifier(self, m: Mention) -> bool:
        """Possessive or noun modifier ("Smith's campaign", "the Lopez campaign", "an
        enthusiastic Sanders supporter")."""
        t = self.text
        nxt = t[m.end : m.end + 3]
        if nxt.startswith(("’s", "'s", "’ ", "' ")):
            return True
        if POSSESSIVE_THE_RE.search(t[max(0, m.start - 5) : m.start]):
            return True
        # "an enthusiastic Sanders supporter": an article before, a common noun after
        return bool(
            ARTICLE_MODIFIER_AFTER_RE.match(t, m.end)
            and ARTICLE_MODIFIER_BEFORE_RE.search(t, max(0, m.start - 40), m.start)
        )

    def opens_sentence(self, m: Mention) -> bool:
        """Whether m is the first mention of its sentence, not after a preposition: the
        sentence's likely subject ("The State Department also said …")."""
        k = bisect.bisect_right(self.sents, m.start) - 1
        lo = self.sents[k] if k >= 0 else 0
        return not self.between(lo, m.start) and not PREPOSITION_BEFORE_RE.search(
            self.text, max(lo, m.start - 12), m.start
        )

    @cached_property
    def narrator(self) -> Mention | None:
        """The person an article in the first person names as its writer, the speaker of "I
        said": the author of the book it is an excerpt of ("excerpts from author Jane Ruiz's
        new book"), or the writer its closing line introduces ("Jane Ruiz is a lawyer in
        Denver.")."""
        text = self.text
        head = min(len(text), _NARRATOR_HEAD)
        # "Jane Ruiz's new book" makes her the writer only in an excerpt that says it is one
        # (a review compares a film "to Heinlein's novel").
        excerpt = EXCERPT_RE.search(text, 0, head) is not None
        for m in self.between(0, head, kinds=(PER,)):
            if (excerpt and BOOK_AFTER_RE.match(text, m.end)) or AUTHOR_BEFORE_RE.search(
                text, max(0, m.start - 40), m.start
            ):
                return m
        tail = max(0, len(text) - _NARRATOR_TAIL)
        for m in self.between(tail, len(text), kinds=(PER,)):
            if (m.start == 0 or text[m.start - 1] == "\n") and BIO_AFTER_RE.match(text, m.end):
                return m
        return None

    def people_titled(self, title: str) -> set[str]:
        """The people (surnames, lower case) the text names with `title` right before their
        name ("Sen. Ted Cruz", "former Secretary of State Hillary Clinton", "Judge Berman"),
        read from the title's occurrences the first time it is asked for."""
        found = self._titled.get(title)
        if found is not None:
            return found
        found = set()
        text = self.text
        for t in title_re(title).finditer(text):
            i = bisect.bisect_right(self.starts, t.start()) - 1
            if i >= 0 and self.ms[i].end > t.start() and self.ms[i].kind == PER:
                found.add(self.person_key(self.ms[i]))  # the mention holds the title
                continue
            i += 1
            if i < len(self.ms):
                m = self.ms[i]
                if m.kind == PER and NAME_LEAD_RE.fullmatch(text, t.end(), m.start):
                    found.add(self.person_key(m))
        self._titled[title] = found
        return found

    def titled(self, s: int, description: str) -> Mention | None:
        """The one person the text names with the title of "the senator", "the judge", "the
        New Jersey governor", when only one person has it (their mention before s, else a
        surname alone after it); else None."""
        titles = {TITLE_FORMS.get(w, w) for w in description.lower().split()} & TITLE_HEADS
        if len(titles) != 1:
            return None
        people = self.people_titled(titles.pop())
        if len(people) != 1:
            return None
        (key,) = people
        for c in reversed(self.between(0, s, kinds=(PER,))):
            if self.person_key(c) == key:
                return c
        # Named with the title only later, by the surname alone as someone the reader knows
        # ("the judge" in an excerpt that first says "Judge Berman" a page on); a full name
        # there introduces someone new ("Sen. Claire McCaskill", after "the senator" meant
        # another).
        for i in range(bisect.bisect_left(self.starts, s), len(self.ms)):
            c = self.ms[i]
            if c.kind == PER and not c.in_quote and self.person_key(c) == key:
                return c if len(self.tokens(c)) == 1 else None
        return None

    def subject_before(self, s: int, want: str | None) -> Mention | None:
        """Antecedent of he/she at s ("m"/"f" in `want`; None for any person).

        Going back sentence by sentence (outside quotes): a person who is the subject of a
        speech verb in that sentence, else the first person mentioned (skipping names after
        prepositions and possessive modifiers; one in an opening subordinate clause only when
        no other fits); a same-gender pronoun that comes first passes the search on to the
        previous sentence.
        """
        k = bisect.bisect_right(self.sents, s) - 1
        hi = s
        text = self.text
        for _ in range(_MAX_SENTENCES_BACK):
            if k < 0:
                break
            lo = self.sents[k]
            cands = [
                c
                for c in self.between(lo, hi, kinds=(PER, "PRON"))
                if c.kind == PER or c.text.lower() in ("he", "she")
            ]
            pers = [
                c
                for c in cands
                if c.kind == PER
                and (not self._is_modifier(c) or not text[lo : c.start].strip())
                and (
                    not (
                        PREPOSITION_BEFORE_RE.search(text, max(lo, c.start - 12), c.start)
                        or _titled_object(text, max(lo, c.start - 40), c.start)
                    )
                    or (
                        WITH_BEFORE_RE.search(text, max(lo, c.start - 6), c.start) is not None
                        and ABSOLUTE_AFTER_RE.match(text, c.end) is not None
                    )
                )
            ]
            ok = [c for c in pers if not (want and self.gender_of(c) and self.gender_of(c) != want)]
            spk = [
                c
                for c in ok
                if SPEAKER_AFTER_RE.match(text, c.end)
                or (
                    SPEAKER_BEFORE_RE.search(text[max(lo, c.start - 30) : c.start])
                    and CLAUSE_END_RE.match(text, c.end)
                )
            ]
            if spk:
                return spk[0]
            fronted: Mention | None = None
            for c in cands:
                if c.kind == "PRON":
                    g = "m" if c.text.lower() == "he" else "f"
                    if want is None or g == want:
                        break  # chain: a same-gender pronoun is the subject here
                    continue
                if c in ok:
                    if FRONTED_CLAUSE_RE.match(text, lo, c.start):
                        fronted = fronted or c
                        continue
                    return c
            else:
                introduced = self._introduced(cands, pers, want)
                if fronted is None and introduced is not None:
                    return introduced
            if fronted is not None:
                return fronted
            hi = lo
            k -= 1
        return None

    def _introduced(
        self, cands: list[Mention], subjects: list[Mention], want: str | None
    ) -> Mention | None:
        """A person introduced with a description after a preposition ("courtesy of Wes
        Nakagiri, a delegate from Michigan") or named last in the sentence ("according to a
        post from Jane Ruiz."), when the sentence has no subject who fits: the one a
        following "he" most likely means."""
        for c in cands:
            if (
                c.kind == PER
                and c not in subjects
                and not self._is_modifier(c)
                and (
                    APPOSITION_AFTER_RE.match(self.text, c.end)
                    or SENTENCE_CLOSE_AFTER_RE.match(self.text, c.end)
                )
                and not (want and self.gender_of(c) and self.gender_of(c) != want)
            ):
                return c
        return None


def _titled_object(text: str, lo: int, start: int) -> bool:
    """A preposition and titles only before the name at start ("of Father", "to Sen."), the
    preposition not inside a title: the name is the preposition's object, not a subject."""
    found = PREPOSITION_TITLES_BEFORE_RE.search(text, lo, start)
    if found is None or _CAPWORD_BEFORE_RE.search(text, max(0, found.start() - 30), found.start()):
        return False  # "Secretary of State John Kerry": the preposition is the title's
    return all(
        w.lower().rstrip(".") in TITLE_WORDS
        or w.lower() in TITLE_FORMS
        or w.lower() in _RELIGIOUS_TITLES
        for w in found.group(1).split()
    )


def _collect(text: str, names: Sequence[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """(start, end, kind) of every candidate mention, sorted, nested mentions dropped."""
    ms: list[tuple[int, int, str]] = []
    for s, e, t in names:
        if t in SPEAKER_KINDS and not (
            ADVERB_NAME_RE.fullmatch(text[s:e]) or text[s:e] in CAP_STOP
        ):
            ms.append((s, e, t))
    covered = sorted((s, e) for s, e, _ in ms)
    covered_starts = [a for a, _ in covered]

    def is_covered(pos: int) -> bool:
        i = bisect.bisect_right(covered_starts, pos) - 1
        return i >= 0 and covered[i][0] <= pos < covered[i][1]

    def overlaps_covered(start: int, end: int) -> bool:
        i = bisect.bisect_right(covered_starts, end - 1) - 1
        return i >= 0 and covered[i][1] > start

    # Surnames of multi-token person names are person mentions everywhere.
    surnames: set[str] = set()
    for s, e, t in ms:
        if t == PER:
            toks = text[s:e].split()
            if len(toks) >= 2 and SURNAME_RE.fullmatch(toks[-1]) and toks[-1] not in CAP_STOP:
                surnames.add(toks[-1])
    firsts = _slot_names(text)
    # one pass over the capitalised words finds both kinds (most words are neither)
    for m in CAPWORD_RE.finditer(text):
        word = m.group()
        if word in surnames and not is_covered(m.start()):
            ms.append((m.start(), m.end(), PER))
        for nm in firsts.get(word, ()):
            start = m.start()
            end = start + len(nm)
            if (
                text.startswith(nm, start)
                and not overlaps_covered(start, end)
                and (end == len(text) or not text[end].isalnum())
            ):
                ms.append((start, end, PER))
                break
    # Honorific names: the name part after "Mr." / "Sen." ...
    for m in HONORIFIC_NAME_RE.finditer(text):
        name_start = m.start("name")  # after any white space, a line break included
        if not is_covered(name_start):
            ms.append((name_start, m.end(), PER))
    for m in PRONOUN_RE.finditer(text):
        ms.append((m.start(), m.end(), "PRON"))
    for w in NOMINAL_HEAD_RE.finditer(text):
        a = w.start()
        d = DETERMINER_BEFORE_RE.search(text, max(0, a - 45), a)
        if d:
            ms.append((d.start(1), w.end(), "NOM"))
        elif w.group(0) in BARE_NOMINALS:
            ms.append((a, w.end(), "NOM"))
    ms.sort()
    out: list[tuple[int, int, str]] = []
    for span in ms:
        if out and span[0] < out[-1][1]:
            # Nested in the previous mention: keep the name rather than a nominal around it
            # ("the Smith campaign" NOM vs "Smith campaign" ORG).
            if out[-1][2] == "NOM" and span[2] in SPEAKER_KINDS:
                out[-1] = span
            continue
        out.append(span)
    return out


def _slot_names(text: str) -> dict[str, list[str]]:
    """Capitalised words in a speaker slot the tagger missed ("… Sanders asked", "said Ramos"),
    by their first word, longest first: `_collect` marks their occurrences in the text. A
    slot that overlaps a name the tagger found ("said Mayor Tomas Ferreira", tagger: "Tomas
    Ferreira") keeps the tagger's name."""
    capnames: set[str] = set()
    for v in SLOT_VERB_RE.finditer(text):
        m = CAP_BEFORE_RE.search(text, max(0, v.start() - 80), v.start())
        nm = m.group(1) if m else None
        if nm is None and v.group(0) in SLOT_INVERTIBLE:
            m = CAP_AFTER_RE.match(text, v.end())
            nm = m.group(1) if m else None
        if not nm:
            continue
        toks = nm.split()
        while toks and toks[0] in CAP_STOP:
            toks = toks[1:]
        if toks and not any(t in CAP_STOP for t in toks):
            capnames.add(" ".join(toks))
    # Longest first, so "John Smith" wins over "John" at the same place. (The prototype
    # iterated a set here, an order that depends on PYTHONHASHSEED.)
    firsts: dict[str, list[str]] = {}
    for nm in sorted(capnames, key=lambda n: (-len(n), n)):
        firsts.setdefault(nm.split()[0], []).append(nm)
    return firsts
