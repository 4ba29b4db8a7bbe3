"""Speech or not: telling quoted speech from scare quotes, titles, slogans and terms.

News puts many non-speech strings in quotation marks (a “giveaway”, the “Fair Deal Act”).
Length is the strongest signal: four or more words are speech unless they look like a title;
shorter quotes need the shape of a complete utterance next to a speech verb (“No,” he said).
"""

from __future__ import annotations

from briefing.analysis.quotes.patterns import (
    DOUBLE_QUOTES,
    ENDS_PUNCT_RE,
    SCARE_PREFIX_RE,
    SHORT_VERB_AFTER_RE,
    SHORT_VERB_BEFORE_RE,
    TITLE_INNER_PUNCT_RE,
    WORD_RE,
)

_MAX_TITLE_WORDS = 8
"""Title Case quotes up to this length without sentence punctuation are titles or slogans."""


_SMALL_WORDS = frozenset(
    "a an and as at but by for from in into nor of on or the to vs with".split()
)
"""Words a title leaves in lower case ("Man of the World")."""


def _is_title(words: list[str], inner: str) -> bool:
    """Title Case: every word capitalised but the small ones, the first and last capitalised,
    no sentence punctuation inside (a trailing comma or full stop is the news style's)."""
    if not (words[0][0].isupper() and words[-1][0].isupper()):
        return False
    if all(w.isupper() for w in words):
        return False  # shouted (“THIS IS NOT OK.”), not a title
    if TITLE_INNER_PUNCT_RE.search(inner.rstrip(".,")):
        return False
    return all(w[0].isupper() or w.lower() in _SMALL_WORDS or w[0].isdigit() for w in words)


def is_speech(text: str, qs: int, qe: int, ps: int) -> bool:
    """Whether the quote text[qs:qe] (marks included; paragraph starts at ps) is speech."""
    a = qs + 1 if text[qs] in DOUBLE_QUOTES else qs  # a quote carried on may have no mark
    inner = text[a : qe - 1] if text[qe - 1] in DOUBLE_QUOTES else text[a:qe]
    inner_s = inner.strip()
    words = WORD_RE.findall(inner_s)
    n = len(words)
    if n == 0:
        return False
    left = text[max(ps, qs - 40) : qs]
    ends_punct = bool(ENDS_PUNCT_RE.search(inner_s)) or inner_s.endswith("…")
    if SCARE_PREFIX_RE.search(left) and (n <= 6 or not ends_punct):
        return False
    if n >= 4:
        if n <= _MAX_TITLE_WORDS and _is_title(words, inner_s):
            # “Man of the World”, the “Trilateral Security Cooperation Framework,”: a title
            # or a name, unless a speech verb follows (“Let Them Eat Cake,” she said).
            return bool(SHORT_VERB_AFTER_RE.match(text[qe : qe + 40]))
        caps = sum(1 for w in words if w[0].isupper())
        return ends_punct or caps != n or n > _MAX_TITLE_WORDS
    # One to three words: a complete utterance next to a speech verb.
    if not (ends_punct and inner_s[0].isupper()):
        return False
    if SHORT_VERB_AFTER_RE.match(text[qe : qe + 40]):
        return True
    return bool(SHORT_VERB_BEFORE_RE.search(left))
