"""Acronyms: "World Health Organization (WHO)" pairs and initials that fit an expansion.

An acronym and its expansion share no words, so only their initials can link them; the text
usually defines the pair once ("Long Name (LN)" or "LN (Long Name)") and the linking step also
matches a lone acronym to a unique expansion elsewhere in the article.
"""

from __future__ import annotations

import re

from briefing.analysis.entities.words import ACRONYM_STOP

_CAPWORD = r"(?:[A-Z][\w'\u2019.&-]*|(?:[A-Z]\.){2,}[\w-]*)"


_LONG = r"((?:" + _CAPWORD + r")(?:\s+(?:(?:of|the|and|for|on|in|to|at|&)\s+)*" + _CAPWORD + r")*)"
"""A run of capitalised words, possibly joined by "of", "the", "and", ..."""
_EXP = re.compile(_LONG + r"\s*\(\s*((?:[A-Z]\.){2,}|[A-Z][A-Za-z&]{1,9})\s*\)")
"""'Long Name (LN)'"""


_EXP_REV = re.compile(r"([A-Z](?<!\w.)(?:\.(?:[A-Z]\.)+|[A-Z&]{1,9}))\s*\(\s*" + _LONG + r"\s*\)")
"""'LN (Long Name)'"""


def initial_variants(words: list[str]) -> set[str]:
    """Possible acronyms of a word sequence (U.S. -> US, Non-Aligned -> NA or N)."""
    opts = [""]
    for w in words:
        lw = w.lower().rstrip(".")
        if lw in ACRONYM_STOP:
            opts = opts + [o + w[0].upper() for o in opts] if w[:1].isalpha() else opts
            continue
        if re.fullmatch(r"(?:[A-Za-z]\.){2,}", w):
            pieces = [w.replace(".", "").upper()]
        elif "-" in w:
            hy = [p for p in w.split("-") if p]
            pieces = ["".join(p[0].upper() for p in hy), hy[0][0].upper()]
        elif sum(c.isupper() for c in w) >= 2 and w.isalpha():
            pieces = [w.upper(), w[0]]  # an acronym inside an expansion, or its initial
        else:
            pieces = [w[0].upper()]
        opts = [o + p for o in opts for p in pieces]
        if len(opts) > 64:
            opts = opts[:64]
    return set(opts)


def acronym_matches(acr: str, words: list[str]) -> bool:
    """`acr` ("USFK", "N.A.T.O.") can be the initials of `words`."""
    a = acr.replace(".", "").replace("&", "").upper()
    return len(a) >= 2 and a in {v.replace("&", "") for v in initial_variants(words)}


_PAREN_ACRONYM = re.compile(r"\(\s*((?:[A-Z]\.){2,}|[A-Z][A-Za-z&]{1,9})\s*\)")
"""The '(LN)' that ends an `_EXP` match."""
_LONG_TO_END = re.compile(_LONG + r"\s*$")
_RUN_BREAKS = '(),;:!?"\u201c\u201d'
"""Characters a capitalised run cannot hold."""
"""A capitalised run and white space reaching the end of the searched part."""


def _expansion_matches(text: str) -> list[re.Match[str]]:
    """The matches `_EXP.finditer(text)` gives, found from the parentheses back: scanning
    forward tries every capitalised word of the text as the start of a long name.

    Each "(LN)" in turn, the long name is the leftmost capitalised run after the previous
    match that reaches it (over white space only); a run cannot cross a parenthesis, so no
    earlier start could reach a later "(LN)".
    """
    out: list[re.Match[str]] = []
    done = 0
    for paren in _PAREN_ACRONYM.finditer(text):
        p = paren.start()
        if p < done:
            continue
        # a run holds only words, white space, . ' ’ & -: it starts after any other mark
        lo = max(done, *(text.rfind(c, done, p) + 1 for c in _RUN_BREAKS))
        run = _LONG_TO_END.search(text, lo, p)
        if run is None:
            continue
        mt = _EXP.match(text, run.start())
        if mt is not None:
            out.append(mt)
            done = mt.end()
    return out


def find_acronym_pairs(text: str) -> list[tuple[tuple[int, int], tuple[int, int]]]:
    """[(expansion span, acronym span)] for "Long Name (LN)" and "LN (Long Name)"."""
    out = []
    for mt in _expansion_matches(text):
        acr = mt.group(2)
        words_spans = [(w.start(), w.end()) for w in re.finditer(r"\S+", mt.group(1))]
        base = mt.start(1)
        words = [mt.group(1)[a:b] for a, b in words_spans]
        # shortest suffix of the capitalised run whose initials give the acronym
        for k in range(len(words) - 1, -1, -1):
            if words[k].lower() in ACRONYM_STOP:
                continue
            if acronym_matches(acr, words[k:]):
                out.append(((base + words_spans[k][0], base + words_spans[-1][1]), mt.span(2)))
                break
    for mt in _EXP_REV.finditer(text):
        words = mt.group(2).split()
        if acronym_matches(mt.group(1), words):
            out.append((mt.span(2), mt.span(1)))
    return out


_PAREN_CAPS = re.compile(r"\(\s*([A-Z]{3,8})\s*\)")
"""'(NICE)': an acronym in parentheses, the name it stands for just before it."""
_RUN_TOKEN = re.compile(r"[^\s(),;:!?\"\u201c\u201d]+")


def _fits_loosely(acr: str, initials: str) -> bool:
    """`acr` is `initials` with one left out, and starts with the first: "NICE" of National
    Institute for Health and Care Excellence (NIHCE), "CDC" of Centers for Disease Control and
    Prevention (CDCP)."""
    return (
        len(initials) == len(acr) + 1
        and acr[0] == initials[0]
        and any(initials[:k] + initials[k + 1 :] == acr for k in range(1, len(initials)))
    )


def loose_acronym_pairs(
    text: str, found: set[tuple[int, int]]
) -> list[tuple[tuple[int, int], tuple[int, int]]]:
    """[(expansion span, acronym span)] for "Long Name (LN)" whose acronym leaves out one
    word's initial, as `acronyms.find_acronym_pairs` does not match; `found` are the acronym
    spans it matched. The long name is the shortest run of capitalised words (and "of", "and",
    ...) ending at the parenthesis that fits."""
    out = []
    for mt in _PAREN_CAPS.finditer(text):
        if mt.span(1) in found:
            continue
        lo = max(0, mt.start() - 160)
        tokens = list(_RUN_TOKEN.finditer(text, lo, mt.start()))
        run: list[re.Match[str]] = []
        for tok in reversed(tokens):
            if text[tok.end() : (run[0].start() if run else mt.start())].strip():
                break  # the run is one stretch of words, white space between them
            if not (tok.group()[:1].isupper() or tok.group().lower() in ACRONYM_STOP):
                break
            run.insert(0, tok)
        content = [t for t in run if t.group()[:1].isupper()]
        for k in range(len(content) - 1, -1, -1):
            initials = "".join(t.group()[0] for t in content[k:])
            if len(content) - k >= 3 and _fits_loosely(mt.group(1), initials):
                out.append(((content[k].start(), run[-1].end()), mt.span(1)))
                break
    return out
