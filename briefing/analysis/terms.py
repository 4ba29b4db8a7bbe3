"""Words and names of a text, as the topic signals of segmentation, titles and gists use them.

Content terms are lower-cased, lightly stemmed words that are not function words; name phrases
are runs of capitalised words (with "of", "for", "and" … between them, "U.S." style acronyms
inside), found by shape alone.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from briefing.analysis import data_text

WORD = re.compile(r"[^\W\d_]+(?:['’.\-][^\W\d_]+)*\.?")
"""A word: letters, with inner apostrophes, hyphens or dots ("don't", "Suk-yeol", "U.S.")."""

HONORIFICS = frozenset(
    "mr mrs ms miss mx dr prof sir dame lord lady rev fr sen rep gov gen col capt lt sgt adm"
    " maj cmdr".split()
)
"""Titles of address that precede a surname; not part of a name phrase."""

CONNECTORS = frozenset("of for the de del der van von al bin la le du da".split())
"""Lower-case words that may join the capitalised words of one name ("and" joins two names)."""

_SUFFIXES = (
    ("ational", "ate"), ("tional", "tion"), ("ization", "ize"), ("isation", "ize"),
    ("fulness", "ful"), ("iveness", "ive"), ("ousness", "ous"), ("alities", "al"),
    ("ality", "al"), ("ements", ""), ("ement", ""), ("ments", ""), ("ment", ""),
    ("nesses", ""), ("ness", ""), ("ations", "ate"), ("ation", "ate"), ("ings", ""),
    ("ing", ""), ("edly", ""), ("ies", "y"), ("ied", "y"), ("ers", ""), ("er", ""),
    ("ed", ""), ("ly", ""), ("es", ""), ("s", ""),
)  # fmt: skip
"""Suffix rewrites, longest first; the first that leaves three letters applies."""

_SUFFIXES_BY_LAST = {
    last: tuple(rule for rule in _SUFFIXES if rule[0][-1] == last)
    for last in {suffix[-1] for suffix, _ in _SUFFIXES}
}
"""`_SUFFIXES` by their last letter, in the same order: a word is tried only against the
suffixes it can end with (five in six words of news met 28 `endswith` calls before)."""


def _word_list(name: str) -> frozenset[str]:
    text = data_text("briefing.analysis", f"data/{name}")
    words: set[str] = set()
    for line in text.splitlines():
        if not line.startswith("#"):
            words.update(line.split())
    return frozenset(words)


@lru_cache(maxsize=1)
def stopwords() -> frozenset[str]:
    return _word_list("stopwords.txt")


@lru_cache(maxsize=1)
def spoken_fillers() -> frozenset[str]:
    """Words of speech with no topic ("okay", "yeah", "gonna", "things"), lower case."""
    return _word_list("fillers.txt")


@lru_cache(maxsize=1)
def _qualifier_lists() -> tuple[frozenset[str], frozenset[str]]:
    """(qualifiers, nouns in -ly) of `data/qualifiers.txt`; the nouns are its `@noun-ly` lines."""
    text = data_text("briefing.analysis", "data/qualifiers.txt")
    qualifiers: set[str] = set()
    ly_nouns: set[str] = set()
    for line in text.splitlines():
        words = line.split()
        if line.startswith("#") or not words:
            continue
        if words[0] == "@noun-ly":
            ly_nouns.update(words[1:])
        else:
            qualifiers.update(words)
    return frozenset(qualifiers), frozenset(ly_nouns)


def is_qualifier(word: str) -> bool:
    """An adjective, adverb or common verb ("sheer", "forward", "hourly", "working"): never a
    title's keyword on its own. Lower-case words in -ly are taken for adverbs or adjectives,
    but for a short list of nouns ("family", "supply")."""
    words, ly_nouns = _qualifier_lists()
    return word in words or (word.endswith("ly") and word not in ly_nouns)


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """A light suffix stripper ("talks" → "talk", "agreed" → "agre", "running" → "run"):
    enough to meet the forms of a word, not a linguistic stem."""
    for suffix, replacement in _SUFFIXES_BY_LAST.get(word[-1:], ()):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            word = word[: len(word) - len(suffix)] + replacement
            break
    if len(word) > 4 and word[-1] == word[-2] and word[-1] not in "lsz":
        word = word[:-1]
    return word


def content_terms(text: str, words: Sequence[re.Match[str]] | None = None) -> list[str]:
    """Stemmed, lower-cased words of `text` that can carry a topic (no function words).
    `words`: the `WORD` matches of `text`, when the caller has them already."""
    stop = stopwords()
    out = []
    for match in WORD.finditer(text) if words is None else words:
        word = match.group().lower().rstrip(".").replace("’", "'")
        if "'" in word:
            word = word.split("'", 1)[0]
        if len(word) < 3 or word in stop:
            continue
        out.append(stem(word))
    return out


def _ends_sentence(word: str) -> bool:
    """A word with a full stop that is not an abbreviation ("U.S.", "Mr.") or an initial
    ("Janet L. Yellen") ends a sentence."""
    if len(word) == 2 and word[0].isupper():
        return False
    return word.endswith(".") and "." not in word[:-1] and word[:-1].lower() not in HONORIFICS


def _is_capitalised(word: str) -> bool:
    return word[:1].isupper()


NAME_ADJECTIVES = frozenset("new".split())
"""Function words that begin names ("New York", "New Delhi"): never cut from a name."""


def _leading_function_word(word: str, opens_sentence: bool) -> bool:
    """Whether a capitalised `word` leading a run is a function word rather than part of the
    name: at the start of a sentence any function word ("In", "Both", "The"); inside one only
    an article ("the Department" written "The Department"), since a capitalised word there is
    meant ("New York State")."""
    lowered = word.lower()
    if lowered in NAME_ADJECTIVES or lowered not in stopwords():
        return False
    return opens_sentence or lowered in ("the", "a", "an")


def name_phrases(
    text: str,
    words: Sequence[re.Match[str]] | None = None,
    strings: Sequence[str] | None = None,
) -> list[tuple[int, int]]:
    """Spans of capitalised runs ("Pacific Fisheries Accord", "U.S. Coast Guard"), honorifics
    and a leading "The" left out, a possessive "’s" cut off. A single capitalised word that
    opens a sentence is kept only if it is not a common word (the caller can check that).
    `words`: the `WORD` matches of `text`, when the caller has them already; `strings`: their
    texts (the matches' `group()`), likewise."""
    spans: list[tuple[int, int]] = []
    words = list(WORD.finditer(text)) if words is None else words
    if strings is None:
        strings = [m.group() for m in words]
    count = len(words)
    # Only a capitalised word opens a run: most words are skipped without a look at them.
    capitals = [n for n, word in enumerate(strings) if word[:1].isupper()]
    i = 0
    for candidate in capitals:
        if candidate < i:
            continue  # inside the run just taken
        i = candidate
        word = strings[i]
        if word.rstrip(".").lower() in HONORIFICS:
            i += 1
            continue
        j = i
        while j + 1 < count and not _ends_sentence(strings[j]):
            gap = text[words[j].end() : words[j + 1].start()]
            if gap not in (" ", "-"):
                break
            nxt = strings[j + 1]
            if _is_capitalised(nxt):
                j += 1
            elif (
                nxt in CONNECTORS
                and j + 2 < count
                and _is_capitalised(strings[j + 2])
                and text[words[j + 1].end() : words[j + 2].start()] == " "
            ):
                j += 2
            else:
                break
        first = i
        opens = i == 0 or _ends_sentence(strings[i - 1])
        while first < j and _leading_function_word(strings[first], opens):
            first += 1  # "The", "Both", "In" opening a sentence are not part of a name
        start, end = words[first].start(), words[j].end()
        phrase = text[start:end]
        if phrase.endswith(("’s", "'s")):
            end -= 2
        elif phrase.endswith(".") and not re.search(r"\.\w", phrase):
            end -= 1  # a sentence's full stop, not "U.S."
        if end > start:
            spans.append((start, end))
        i = j + 1
    return spans
