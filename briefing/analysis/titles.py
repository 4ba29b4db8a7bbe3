"""Titles and gists for sections a reader would have written: short, specific, from the text.

A title names the section's key thing. Candidates are the names in the section (capitalised
phrases: an agreement, an organisation, a person, a place) and its content words; each is
scored by how often the section uses it, how much of the document's use of it falls in this
section (so a name everywhere in the article titles nothing), whether it is a multi-word name,
and whether the section's opening paragraph has it. A two-to-six-word name stands alone; a
single word is joined with the next best candidate ("Trade and tariffs"). Titles are unique in
a document.

A gist is the section's most central sentence: the one whose words best match the section as a
whole and that names its key names, with a slight preference for early sentences; very short
and very long sentences are passed over.
"""

from __future__ import annotations

import functools
import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import chain

from briefing.analysis.sentences import split_paragraph, split_sentences
from briefing.analysis.terms import (
    CONNECTORS,
    HONORIFICS,
    WORD,
    content_terms,
    is_qualifier,
    name_phrases,
    spoken_fillers,
    stem,
    stopwords,
)
from briefing.model import Document, ParagraphKind, Sentence, Span

MAX_TITLE_WORDS = 6
NAME_ONCE = 0.4
"""A name the section uses once (a person in passing) counts this much of its score."""
PARTNER_WORD_SHARE = 0.5
_OPENING_QUOTES = frozenset("“\"‘'«")
_OPENERS = " \t\"“‘'«(—–-"
_CLOSING_QUOTES = frozenset("”\"’'»")
NAME_HEADS = frozenset(
    """
    agreement accord treaty pact convention charter framework deal protocol declaration
    initiative plan programme program strategy dialogue dialog forum summit conference
    council committee commission assembly alliance partnership union coalition group
    exercise drill operation mission command force forces agency ministry department
    act law bill report review fund bank company party front movement network
    """.split()
)
"""Last words that make a quoted capitalised phrase a name ("Regional … Framework"),
not a slogan ("America First")."""
MIN_GIST_WORDS = 6
MAX_GIST_WORDS = 60
NAME_BONUS = 1.5
"""A multi-word name says more than a single word."""
OPENING_BONUS = 1.3
"""A candidate in the section's first paragraph is what the section is about."""
ENTITY_WEIGHT = 0.3
"""How much naming the section's key names counts for a gist, against word overlap (0–1)."""
KEYWORD_WEIGHT = 0.6
NAME_ALONE = 0.8
"""A multi-word name scoring at least this share of the best candidate is the title alone.
With 0.5 a name met once ("Senator Lindsey Graham") outranked the words the section is about:
on the hand-marked news, titles holding a marked key term 45 -> 51 % (train), 35 -> 41 % (dev)
with `NAME_ONCE` 0.6 -> 0.4."""
PARTNER_SHARE = 0.3
"""A single-word candidate is joined with a name scoring at least this share of it, if any."""
"""Plain words rank below names of the same score: titles name things."""


@dataclass(frozen=True, slots=True)
class Candidate:
    surface: str
    key: str
    score: float
    is_name: bool
    partner_score: float = 0.0
    """Its score as the second half of a pair."""

    @property
    def words(self) -> int:
        return len(self.surface.split())


def _sentences(document: Document, start: int, end: int) -> list[Sentence]:
    text = document.text
    out: list[Sentence] = []
    for i in range(start, end + 1):
        p = document.paragraphs[i]
        out.extend(split_paragraph(text, p.start, p.end, i))
    return out


def _lowercase_words(document: Document) -> frozenset[str]:
    """Words the document also uses in lower case: capitalised, they only open a sentence."""
    return frozenset(filter(str.islower, set(WORD.findall(document.text))))


_INSIDE_CAPITAL = re.compile(r"[A-Z](?<=[a-z,;)] .)[^\W\d_]+(?:['’.\-][^\W\d_]+)*\.?")
"""A capitalised word after a lower-case word or a comma (the look-behind follows the first
letter, so that the regex engine can scan for capitals)."""


def _capitalised_inside(document: Document) -> frozenset[str]:
    """Capitalised words the document uses inside a sentence (after a lower-case word or a
    comma): a name, or a capitalised word that only ever opens a sentence ("Keep", "Yes")
    is not one."""
    return frozenset(_INSIDE_CAPITAL.findall(document.text))


def _opening_word(word: str, common: frozenset[str], inside: frozenset[str] | None) -> bool:
    """A capitalised word the document otherwise writes in lower case and never capitalises
    inside a sentence ("Maybe", "Ahead"; not "Super" of "Super Tuesday", nor capitals)."""
    return word.lower() in common and not word.isupper() and (inside is None or word not in inside)


def _adjective(word: str) -> bool:
    """A hyphenated word whose later part is lower case ("Lagos-based") qualifies a name."""
    return any(part[:1].islower() for part in word.split("-")[1:])


def _opens(text: str, position: int) -> bool:
    """Whether `position` opens the sentence `text` (or the clause after a colon)."""
    before = text[:position].strip(_OPENERS)
    return not before or before.endswith(":")


_CONTRACTION = re.compile(r"['’](?:ll|re|ve|d|m|s)$|n['’]t$", re.IGNORECASE)


def _names(
    text: str,
    common: frozenset[str],
    into: list[str],
    matches: Sequence[re.Match[str]] | None = None,
    inside: frozenset[str] | None = None,
    strings: Sequence[str] | None = None,
) -> None:
    """Add the name phrases of one sentence to `into`, in order. With `inside`
    (`_capitalised_inside`), a single capitalised word opening the sentence counts only if the
    document also capitalises it inside a sentence. `strings`: the texts of `matches`, when
    the caller has them."""
    stop = stopwords()
    for a, b in name_phrases(text, matches, strings):
        phrase = text[a:b].strip(" -")
        words = phrase.split()
        if len(words) > 1 and _opening_word(words[0], common, inside) and _opens(text, a):
            # "Maybe Trump", "Ahead of Friday": a common word capitalised to open the sentence
            while len(words) > 1 and (
                _opening_word(words[0], common, inside) or words[0] in CONNECTORS
            ):
                words.pop(0)
            a = text.index(words[0], a)
            phrase = text[a:b].strip(" -")
        if not words:
            continue
        if len(words) == 1:
            bare = phrase.rstrip(".").lower()
            if bare in stop or bare in HONORIFICS or phrase.lower() in common or len(bare) < 2:
                continue
            if inside is not None and _opens(text, a) and phrase not in inside:
                continue  # "Keep", "As they say: Stay …": capitalised only to open a sentence
            if _adjective(phrase):
                continue  # "Lagos-based", "Hawaii-born": adjectives, not names
            if _CONTRACTION.search(phrase):
                continue  # "You'll", "We're": a capitalised contraction opening a sentence
        elif _adjective(words[-1]):
            continue  # "Ivy League-trained": an adjective made of a name
        quoted = text[a - 1 : a] in _OPENING_QUOTES and text[b : b + 2].strip(",.")[:1] in (
            _CLOSING_QUOTES
        )
        if quoted and words[-1].lower() not in NAME_HEADS:
            continue  # a quoted capitalised phrase without a name's head word is a slogan
        into.append(phrase)


def _keywords(
    text: str,
    into: Counter[str],
    surfaces: Counter[tuple[str, str]],
    words: Sequence[re.Match[str]] | None = None,
) -> None:
    """Count the stemmed content words of `text` and their surface forms."""
    stop = stopwords()
    for word in WORD.findall(text) if words is None else (m.group() for m in words):
        if not word.islower():
            continue
        bare = word.rstrip(".")
        if len(bare) < 4 or bare in stop or "'" in bare or "’" in bare:
            continue
        key = stem(bare)
        into[key] += 1
        surfaces[key, bare] += 1


class _WordTerms:
    """What `content_terms` and `_keywords` make of each `WORD` match (its content term, its
    keyword, the keyword with its surface form; "" or None where none), each word worked out
    once and then looked up in three dicts, so that a sentence's words are mapped and
    counted in C (`map`, `filter`, `Counter`)."""

    def __init__(self) -> None:
        self.stop = stopwords()
        self.term: dict[str, str] = {}
        self.keyword: dict[str, str] = {}
        self.surface: dict[str, tuple[str, str] | None] = {}

    def learn(self, words: Iterable[str]) -> None:
        """Work out the words not met before."""
        for word in set(words).difference(self.term):
            lowered = word.lower().rstrip(".").replace("’", "'")
            if "'" in lowered:
                lowered = lowered.split("'", 1)[0]
            term = stem(lowered) if len(lowered) >= 3 and lowered not in self.stop else ""
            keyword = ""
            if word.islower():
                bare = word.rstrip(".")
                plain = "'" not in bare and "’" not in bare
                if len(bare) >= 4 and bare not in self.stop and plain:
                    keyword = term if bare == lowered else stem(bare)
            self.term[word] = term
            self.keyword[word] = keyword
            self.surface[word] = (keyword, word.rstrip(".")) if keyword else None


@dataclass(frozen=True)
class ParagraphCounts:
    """One paragraph's names, keywords and (keyword, surface form) pairs, each as often as
    it occurs, in order: a section counts its paragraphs' together in one `Counter` (in C;
    adding up a `Counter` per paragraph took a fifth of the titles' time)."""

    names: tuple[str, ...]
    keywords: tuple[str, ...]
    surfaces: tuple[tuple[str, str], ...]
    sentences: tuple[Sentence, ...] = ()
    vectors: tuple[Counter[str], ...] = ()
    """Content terms of each sentence, for gists."""


@dataclass(frozen=True)
class DocumentCounts:
    """Names and words of every paragraph, found once; sections add up their paragraphs'.

    One pass of the word pattern over each sentence serves names, keywords and the sentence's
    content terms (gists)."""

    paragraphs: tuple[ParagraphCounts, ...]
    names: Counter[str]
    keywords: Counter[str]

    @classmethod
    def of(cls, document: Document, sentences: Sequence[Sentence] | None = None) -> DocumentCounts:
        """`sentences`: the document's (`split_sentences`), when the caller has them."""
        common = _lowercase_words(document)
        inside = _capitalised_inside(document)
        text = document.text
        labels = _speaker_label_ends(document)
        if sentences is None:
            sentences = split_sentences(document)
        by_paragraph: list[list[Sentence]] = [[] for _ in document.paragraphs]
        for sentence in sentences:
            by_paragraph[sentence.paragraph].append(sentence)
        per_paragraph = []
        known = _WordTerms()
        for own in by_paragraph:
            names: list[str] = []
            keywords: list[str] = []
            surfaces: list[tuple[str, str]] = []
            vectors = []
            # Sentence by sentence, so no name runs across a full stop ("U.S. The").
            for sentence in own:
                start = max(sentence.start, labels.get(sentence.paragraph, 0))
                chunk = text[start : sentence.end]
                if labels:
                    chunk = _NON_SPEECH.sub(_blank, chunk)
                    chunk = _fillers().sub(_blank, chunk)
                words = list(WORD.finditer(chunk))
                strings = list(map(_GROUP, words))
                _names(chunk, common, names, words, inside, strings)
                known.learn(strings)
                # in the order of use, as counting word by word would insert them
                vectors.append(Counter(filter(None, map(known.term.__getitem__, strings))))
                keywords.extend(filter(None, map(known.keyword.__getitem__, strings)))
                surfaces.extend(filter(None, map(known.surface.__getitem__, strings)))
            per_paragraph.append(
                ParagraphCounts(
                    tuple(names), tuple(keywords), tuple(surfaces), tuple(own), tuple(vectors)
                )
            )
        all_names = Counter(chain.from_iterable(p.names for p in per_paragraph))
        all_keywords = Counter(chain.from_iterable(p.keywords for p in per_paragraph))
        return cls(tuple(per_paragraph), all_names, all_keywords)


_SPEAKER_LABEL = re.compile(r"[^:\n]{1,40}:\s")
"""A speaker's label opening a turn ("Anna Lee: …"), as `segmentation.is_transcript` reads it."""


_NON_SPEECH = re.compile(r"\{[^{}\n]{1,40}\}|\[[^\[\]\n]{1,40}\]")
"""A transcriber's note in a turn ("{vocalsound}", "[laughter]", "[inaudible]"): no topic."""


@functools.lru_cache(maxsize=1)
def _fillers() -> re.Pattern[str]:
    """The spoken fillers of a transcript's turns ("OK", "yeah", "gonna", "and things"): no
    topic, though counted they titled most meetings "OK and …"."""
    words = sorted(spoken_fillers(), key=len, reverse=True)
    return re.compile(r"(?<![\w'-])(?:" + "|".join(map(re.escape, words)) + r")(?![\w'-])", re.I)


def _blank(match: re.Match[str]) -> str:
    return " " * len(match.group())


def _speaker_label_ends(document: Document) -> dict[int, int]:
    """Where each turn's words begin after its speaker's label, by paragraph, in a
    transcript (`segmentation.is_transcript`); nothing in other text. A label is who speaks,
    not what about: counted, the speakers titled every section of a meeting (and, without
    them, the transcribers' notes: `_NON_SPEECH`)."""
    from briefing.analysis.sections import paragraph_texts
    from briefing.analysis.segmentation import is_transcript

    texts = paragraph_texts(document)
    if not is_transcript(texts):
        return {}
    ends: dict[int, int] = {}
    for i, paragraph in enumerate(document.paragraphs):
        label = _SPEAKER_LABEL.match(document.text, paragraph.start, paragraph.end)
        if label is not None:
            ends[i] = label.end()
    return ends


_GROUP = re.Match.group
"""A match's whole text, as a function to map over matches."""

_PAST = re.compile(r"[^e]ed$")
"""A plain word ending so ("responded", "scared") tells what was done, not what about."""

RANKED = 12
"""Candidates a title is chosen from (the best first); a gist looks at the best three."""


def candidates(
    document: Document,
    start: int,
    end: int,
    counts: DocumentCounts | None = None,
    limit: int | None = None,
) -> list[Candidate]:
    """Scored title candidates of paragraphs `start..end`, best first; the best `limit` only
    when it is given (the same as the first `limit` of them all, found without testing every
    name against a long opening paragraph: that was quadratic in a one-paragraph text)."""
    counts = counts or DocumentCounts.of(document)
    own = counts.paragraphs[start : end + 1]
    names = Counter(chain.from_iterable(p.names for p in own))
    keys = Counter(chain.from_iterable(p.keywords for p in own))
    surfaces = Counter(chain.from_iterable(p.surfaces for p in own))
    opening = document.paragraph_text(start)
    # (best score it can have, candidate without the opening bonus, whether it is a name)
    pending: list[tuple[float, Candidate, bool]] = []

    for phrase, count in names.items():
        share = count / max(counts.names[phrase], count)
        words = len(phrase.split())
        score = count * share * (NAME_BONUS if words > 1 else 1.0)
        once = count == 1 and words < 3
        bound = score * (NAME_ONCE if once else 1.0) * OPENING_BONUS
        pending.append((bound, Candidate(phrase, phrase.lower(), score, True), True))

    surface: dict[str, tuple[int, str]] = {}
    for (key, form), n in surfaces.items():
        if key not in surface or (n, form) > surface[key]:
            surface[key] = (n, form)
    for key, count in keys.items():
        if count < 2:
            continue
        form = surface[key][1]
        if is_qualifier(form) or _PAST.search(form):
            continue  # "sheer", "forward", "working", "responded": they qualify or act
        share = count / max(counts.keywords[key], count)
        score = count * share * KEYWORD_WEIGHT
        pending.append((score * OPENING_BONUS, Candidate(form, key, score, False), False))

    by_surname: list[Counter[str]] = []

    def surnames() -> Counter[str]:
        """How often the section names each last word of its names (counted when asked)."""
        if not by_surname:
            counted: Counter[str] = Counter()
            for phrase, count in names.items():
                counted[phrase.split()[-1]] += count
            by_surname.append(counted)
        return by_surname[0]

    def scored(raw: Candidate, is_name: bool) -> Candidate:
        score = raw.score
        in_opening = raw.surface in opening
        if not is_name:
            if in_opening:
                score *= OPENING_BONUS
            return Candidate(raw.surface, raw.key, score, False, score)
        count = names[raw.surface]
        person = _person_like(raw.surface)
        if person:  # "Mayor Ana Morales", then "Morales": met as often as her surname is
            count = surnames()[raw.surface.split()[-1]]
        # A name of three words or more in the opening paragraph is a thing being introduced
        # by its full name ("the Regional Fisheries Accord"): no passing mention. A person
        # met once is a passing mention however fully named; a name met once is no title's
        # partner ("Trump and Vice President …" after one mention of her).
        once = count == 1 and (person or not (in_opening and raw.words >= 3))
        if once:
            score *= NAME_ONCE
        if in_opening:
            score *= OPENING_BONUS
        partner = score
        return Candidate(raw.surface, raw.key, score, True, partner)

    def rank(c: Candidate) -> tuple[float, int, str]:
        return (-c.score, -c.words, c.surface)

    if limit is None or len(pending) <= limit:
        out = [scored(raw, is_name) for _, raw, is_name in pending]
        out.sort(key=rank)
        return out[:limit]
    pending.sort(key=lambda p: -p[0])
    best: list[Candidate] = []
    for bound, raw, is_name in pending:
        if len(best) == limit and bound * (1 + 1e-9) < best[-1].score:
            break  # neither this one nor any after it can reach the best `limit`
        best.append(scored(raw, is_name))
        best.sort(key=rank)
        del best[limit:]
    return best


@functools.lru_cache(maxsize=4096)
def _person_like(name: str) -> bool:
    """A name with a first name or a person's title in it ("Mayor Ana Morales", "Hillary
    Clinton"), not one word alone: who it is the section may mention once in passing."""
    from briefing.analysis.entities.personnames import is_first_name
    from briefing.analysis.entities.words import CORE_TITLES

    words = name.split()
    return len(words) > 1 and any(
        w.lower() in CORE_TITLES or (i < len(words) - 1 and is_first_name(w))
        for i, w in enumerate(words)
    )


def _overlaps(a: Candidate, b: Candidate) -> bool:
    a_words = {stem(w.lower()) for w in a.surface.split()}
    b_words = {stem(w.lower()) for w in b.surface.split()}
    return bool(a_words & b_words)


def _trim(words: Sequence[str]) -> str:
    """At most `MAX_TITLE_WORDS`, not ending on a function word ("… Party for")."""
    kept = list(words[:MAX_TITLE_WORDS])
    stop = stopwords()
    while len(kept) > 2 and (kept[-1].lower() in stop or kept[-1].lower() in CONNECTORS):
        kept.pop()
    return " ".join(kept)


def _pair(first: Candidate, second: Candidate, text: str = "") -> str:
    """ "A and B"; two plain words that the section writes side by side ("capital gains") are
    that phrase instead."""
    a, b = first.surface, second.surface
    if not first.is_name and not second.is_name:
        for phrase in (f"{b} {a}", f"{a} {b}"):
            if re.search(rf"\b{re.escape(phrase)}\b", text):
                return f"{phrase[:1].upper()}{phrase[1:]}"
    if not first.is_name and second.is_name:
        a, b = b, a
    return f"{a[:1].upper()}{a[1:]} and {b}"


def _titles_from(ranked: Sequence[Candidate], text: str = "") -> Iterable[str]:
    """Titles to try, best first: a strong multi-word name alone, else the best candidate
    (a single word joined with a short partner), then the rest in order. `text` is the
    section's, where two words may stand together (`_pair`)."""
    if not ranked:
        return
    top = ranked[0].score
    for candidate in ranked:
        if candidate.is_name and candidate.words >= 2 and candidate.score >= NAME_ALONE * top:
            yield _trim(candidate.surface.split())
            break
    for i, first in enumerate(ranked):
        if first.words >= 2:
            yield _trim(first.surface.split())
            continue
        fitting = [
            c
            for c in ranked[i + 1 :]
            if not _overlaps(first, c) and first.words + c.words + 1 <= MAX_TITLE_WORDS
        ]
        strong = [c for c in fitting if c.partner_score >= PARTNER_SHARE * first.score]
        strong.sort(key=lambda c: (not c.is_name, -c.score))  # a name partner before a word
        # a weak partner: a name rather than a word ("Trump and North Korea", not a verb the
        # section repeats: "Trump and understand")
        fitting.sort(key=lambda c: (not c.is_name, -c.score))
        for second in strong[:1] or fitting[:1]:
            yield _pair(first, second, text)


_SHOUTED = re.compile(r"[A-Z][A-Z’'.\-]*(?: [A-Z][A-Z’'.\-]*)+")


def _unshouted(title: str, text: str) -> str:
    """A title in capitals (a run-in heading: "NEW RULES FOR PORTS") in sentence case, its
    acronyms kept: a word the text also writes in capitals inside running prose ("NATO")."""
    if not _SHOUTED.fullmatch(title) or not any(len(w) > 4 for w in title.split()):
        return title
    words = []
    for n, word in enumerate(title.split()):
        acronym = _after_lower_case(word, text)
        words.append(word if acronym else word.capitalize() if n == 0 else word.lower())
    return " ".join(words)


def _after_lower_case(word: str, text: str) -> bool:
    """Whether `text` has `word` (a whole word) after a lower-case word and a space, or its
    comma or semicolon: what `[a-z][,;]? WORD\\b` finds, sought with `str.find` (a regex that
    opens on a character class scanned the whole text once per title word: 15 % of the
    sections step on a long text)."""
    whole = re.compile(rf"{re.escape(word)}\b")
    needle = " " + word
    at = text.find(needle)
    while at != -1:
        before = text[at - 1 : at] if at else ""
        if before in (",", ";") and at >= 2:
            before = text[at - 2]
        if "a" <= before <= "z" and whole.match(text, at + 1):
            return True
        at = text.find(needle, at + 1)
    return False


def _compound(document: Document, start: int, end: int, candidate: Candidate) -> str | None:
    """The section's first "word KEYWORD" pair of two lower-case content words, capitalised,
    for a single-word keyword candidate that found no partner."""
    if candidate.is_name or candidate.words != 1:
        return None
    stop = stopwords()
    pattern = re.compile(rf"\b([a-z][a-z\-]{{2,}}) {re.escape(candidate.surface)}\b")
    for i in range(start, end + 1):
        for match in pattern.finditer(document.paragraph_text(i)):
            if match.group(1) not in stop:
                word = match.group(1)
                return f"{word[:1].upper()}{word[1:]} {candidate.surface}"
    return None


class TakenTitles(set[str]):
    """Titles in use, with their case-folded forms kept as they are added: folding them all
    again for every section was quadratic in the number of sections."""

    def __init__(self, titles: Iterable[str] = ()) -> None:
        super().__init__(titles)
        self.folded = {t.casefold() for t in self}

    def add(self, title: str) -> None:
        super().add(title)
        self.folded.add(title.casefold())


def section_title(
    document: Document,
    start: int,
    end: int,
    taken: set[str],
    ranked: Sequence[Candidate] | None = None,
    fallback: str | None = None,
) -> str:
    """A short, specific title for paragraphs `start..end`, not in `taken` (case-blind).

    With nothing distinctive to name (a very short section), `fallback` or the section's
    opening words."""
    ranked = list(ranked if ranked is not None else candidates(document, start, end))[:RANKED]
    used = taken.folded if isinstance(taken, TakenTitles) else {t.casefold() for t in taken}
    section = document.text[document.paragraphs[start].start : document.paragraphs[end].end]
    for title in _titles_from(ranked, section):
        title = _unshouted(title, document.text)
        if title.casefold() not in used:
            return title
    for candidate in ranked[:1]:  # a lone word: the compound it heads ("harbour board")
        compound = _compound(document, start, end, candidate)
        if compound and compound.casefold() not in used:
            return compound
    if fallback is None:
        fallback = _opening_title(document.paragraph_text(start)) or f"Part {start + 1}"
    title = fallback
    n = 2
    while title.casefold() in used:
        title = f"{fallback} ({n})"
        n += 1
    return title


def _opening_title(text: str) -> str:
    """A title from a section's opening words when nothing in it stands out: its first run
    of content words (and the names or function words between them), so that it neither
    opens nor ends on a function word ("Whether it proves" has none to keep)."""
    stop = stopwords()
    words = [w.rstrip(".") for w in WORD.findall(text)[:12]]
    start = next((i for i, w in enumerate(words) if w.lower() not in stop), None)
    if start is None:
        return ""
    kept: list[str] = []
    for word in words[start : start + MAX_TITLE_WORDS]:
        if word.lower() in stop and sum(w.lower() not in stop for w in kept) >= 2:
            break  # a run of two content words or more ends at the next function word
        kept.append(word)
    while kept and kept[-1].lower() in stop:
        kept.pop()
    if len(kept) < 2:
        return ""
    title = " ".join(kept)
    return title[:1].upper() + title[1:]


def _vector(text: str) -> Counter[str]:
    return Counter(content_terms(text))


_GIST_WORD = re.compile(r"\w+")
_NOT_GIST = frozenset({ParagraphKind.TABLE, ParagraphKind.CODE})
"""Blocks a gist is not taken from while the section has prose: a table's row or a line of
code stands for nothing in a list of sections."""


def section_gist(
    document: Document,
    start: int,
    end: int,
    ranked: Sequence[Candidate] | None = None,
    counts: DocumentCounts | None = None,
) -> Span | None:
    """The sentence of paragraphs `start..end` that best stands for them."""
    text = document.text
    vectors: list[Counter[str]]
    if counts is not None:
        sentences = [s for p in counts.paragraphs[start : end + 1] for s in p.sentences]
        vectors = [v for p in counts.paragraphs[start : end + 1] for v in p.vectors]
    else:
        sentences = _sentences(document, start, end)
        vectors = [_vector(text[s.start : s.end]) for s in sentences]
    if not sentences:
        return None
    paragraphs = document.paragraphs
    prose = [i for i, s in enumerate(sentences) if paragraphs[s.paragraph].kind not in _NOT_GIST]
    if prose and len(prose) < len(sentences):  # a table row or a line of code reads badly
        sentences = [sentences[i] for i in prose]
        vectors = [vectors[i] for i in prose]
    if ranked is None:  # on its own: counts the whole document, so callers in a loop pass it
        ranked = candidates(document, start, end, counts)
    focus = [c for c in ranked[:3] if c.is_name]
    focus_words = {c.surface.split()[-1] for c in focus}
    df = Counter(chain.from_iterable(vectors))  # in how many sentences each term is
    n = len(sentences)
    weights = {t: math.log(1 + n / d) for t, d in df.items()}
    centroid: dict[str, float] = {}
    for v in vectors:
        for t, c in v.items():
            centroid[t] = centroid.get(t, 0.0) + c * weights[t]
    norm_c = math.sqrt(sum(x * x for x in centroid.values())) or 1.0
    best: tuple[float, int] | None = None
    for rank, (sentence, vector) in enumerate(zip(sentences, vectors, strict=True)):
        words = len(_GIST_WORD.findall(text, sentence.start, sentence.end))
        if not MIN_GIST_WORDS <= words <= MAX_GIST_WORDS and n > 1:
            continue
        dot = sum(c * weights[t] * centroid.get(t, 0.0) for t, c in vector.items())
        norm_s = math.sqrt(sum((c * weights[t]) ** 2 for t, c in vector.items())) or 1.0
        sentence_text = text[sentence.start : sentence.end]
        names = sum(1 for w in focus_words if w in sentence_text) / max(1, len(focus_words))
        score = dot / (norm_s * norm_c) + ENTITY_WEIGHT * names + 0.1 * (1 - rank / n)
        if best is None or score > best[0]:
            best = (score, rank)
    chosen = sentences[best[1] if best else 0]
    return Span(chosen.start, chosen.end)


def describe(
    document: Document,
    start: int,
    end: int,
    taken: set[str],
    counts: DocumentCounts | None = None,
    fallback: str | None = None,
) -> tuple[str, Span | None]:
    """Title and gist of one section (`counts` saves recounting the document per section)."""
    ranked = candidates(document, start, end, counts, RANKED)
    title = section_title(document, start, end, taken, ranked, fallback)
    return title, section_gist(document, start, end, ranked, counts)
