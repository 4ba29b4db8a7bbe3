"""Tokens and sentences of raw news text, as the tagger was trained to see them.

CoNLL-2003 is tokenised newswire with ASCII quotes, so the tokenizer splits raw text the same
way (possessive 's and n't apart, U.S. / Mr. / Suk-yeol / O'Brien whole) and keeps character
spans, which is what lets `extract` return offsets into the caller's text. Curly quotes and
dashes stay as written in the text; `normalize_token` maps them to ASCII only for features.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence

_NORM_TABLE = str.maketrans(
    {
        "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'",
        "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"',
        "\u00ab": '"', "\u00bb": '"',
        "\u2013": "-", "\u2014": "-", "\u2012": "-", "\u2010": "-", "\u2011": "-",
        "\u2212": "-", "\u00a0": " ",
    }
)  # fmt: skip


def normalize_token(tok: str) -> str:
    """The ASCII form CoNLL would have (’ → ', “ → ", — → -), so typography changes no feature."""
    if tok.isascii():
        return tok
    return tok.translate(_NORM_TABLE)


ABBREVIATIONS = {
    "mr", "mrs", "ms", "dr", "prof", "st", "jr", "sr", "gen", "lt", "col",
    "maj", "capt", "cmdr", "adm", "sgt", "cpl", "pvt", "rep", "reps", "sen",
    "sens", "gov", "govs", "pres", "rev", "fr", "hon", "mt", "ft", "messrs",
    "inc", "corp", "co", "ltd", "bros", "plc", "llc", "dept", "univ", "assn",
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct",
    "nov", "dec", "no", "nos", "vs", "v", "etc", "approx", "est", "ave",
    "blvd", "rd", "calif", "fla", "mass", "conn", "penn", "wash", "ore",
    "ariz", "colo", "ill", "mich", "minn", "tenn", "va", "ky", "ga", "ala",
    "okla", "nev", "wis", "ind", "kan", "neb", "md", "del", "vt", "wyo",
    "amb", "atty", "supt", "insp", "det", "cmdt", "brig", "msgr",
}  # fmt: skip
"""Abbreviations that keep their period (honorifics, company suffixes, months, US states).

A generic English list, not tuned to any article: "Mr." and "Inc." are name parts in CoNLL.
"""

_NONFINAL_ABBR = {
    "mr", "mrs", "ms", "dr", "prof", "st", "gen", "lt", "col", "maj", "capt",
    "cmdr", "adm", "sgt", "cpl", "pvt", "rep", "reps", "sen", "sens", "gov",
    "govs", "pres", "rev", "fr", "hon", "mt", "ft", "messrs", "no", "nos",
    "vs", "v", "amb", "atty", "supt", "insp", "det", "cmdt", "brig", "msgr",
}  # fmt: skip
"""Abbreviations that (almost) never end a sentence: a name or number follows them."""

_PLAIN_WORD = r"[^\W\d_][^\W_]*(?![\w.'\u2019\-])"
"""A run of letters (and digits) that no period, apostrophe or hyphen follows: most tokens.
Every other alternative of `_TOKEN_RE` would give such a run whole too, after trying each in
turn (a quarter of the time tokenising took), so it is matched first."""

_NOT_SPACE = r"(?=\S)"
"""Put before the alternatives: no token starts with white space, and at each of the spaces
between tokens the search would otherwise try every alternative in turn before moving on
(a quarter of the time the pattern took)."""

_TOKEN_RE = re.compile(
    _NOT_SPACE
    + r"""(?:
    """
    + _PLAIN_WORD
    + r"""
  | (?:[^\W_]+-)*(?:[A-Za-z]\.){2,}(?:-[^\W_]+)*   # U.S.  a.m.  U.S.-led  pro-U.S.
  | ([A-Za-z]+)\.(?![^\W_])                        # Mr.  Inc.  J.  (or word + full stop)
  | \d+(?:[.,:/]\d+)*(?:%|st|nd|rd|th|s)?          # numbers, 1990s, 3rd, 5.2%
  | ['\u2019][sS](?![^\W_])                        # possessive 's
  | n['\u2019]t(?![^\W_])                          # n't
  | [^\W_]+(?=n['\u2019]t(?![^\W_]))               # "do" of "don't"
  | [^\W_]+(?:['\u2019](?![sS](?![^\W_]))[^\W\d_]+)*         # words, O'Brien
    (?:-[^\W_]+(?:['\u2019](?![sS](?![^\W_]))[^\W\d_]+)*)*  #   Suk-yeol, Jean-Marc
  | -{2,} | \.{2,} | \u2026
  | \S
    )""",
    re.VERBOSE,
)


def tokenize(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Split text (or text[start:end]) into tokens and return their (start, end) character
    spans in `text`.

    Spans rather than strings, so entities map back to the caller's text. Quotes, possessive
    's / ’s and n't are separate tokens (as in CoNLL); U.S., a.m., U.S.-led, hyphenated names
    (Suk-yeol) and abbreviations with their period (Mr., Gen., Inc., the initial J.) are one.
    The pattern looks at no character before `start`, so a part gives the tokens it would give
    cut out of the text.
    """
    spans: list[tuple[int, int]] = []
    append = spans.append
    abbr = ABBREVIATIONS
    for m in _TOKEN_RE.finditer(text, start, len(text) if end is None else end):
        if m.lastindex:  # a word followed by a period
            w = m.group(1)
            s, e = m.span()
            # "Mr." / "Inc." / the initial "J." keep the period; other words give it back
            if (len(w) == 1 and w.isupper()) or w.lower() in abbr:
                append((s, e))
            else:
                append((s, e - 1))
                append((e - 1, e))
        else:
            append(m.span())
    return spans


_CLOSERS = {'"', "'", ")", "]", "\u201d", "\u2019"}
_OPENERS = '"\u201c('


def split_sentences(
    text: str, spans: Sequence[tuple[int, int]], toks: Sequence[str] | None = None
) -> list[list[int]]:
    """Group token indices into sentences, because the tagger was trained on sentences.

    A sentence ends at a line break, and after . ! ? when a capital, an opening quote or a digit
    follows; never after Mr. / Gen. / initials / U.S., which are mostly mid-sentence. `toks`
    (the token strings) may be passed when the caller already has them.
    """
    starts = sentence_starts(text, spans, toks)
    bounds = [*starts, len(spans)]
    return [list(range(bounds[k], bounds[k + 1])) for k in range(len(starts))]


def sentence_starts(
    text: str, spans: Sequence[tuple[int, int]], toks: Sequence[str] | None = None
) -> list[int]:
    """The index of each sentence's first token, as `split_sentences` groups them (without
    building the groups: a long text has hundreds of thousands of tokens)."""
    n = len(spans)
    if n == 0:
        return []
    if toks is None:
        toks = [text[a:b] for a, b in spans]
    cuts: set[int] = set()  # a sentence ends after these token indices
    starts: list[int] | None = None
    pos = text.find("\n", spans[0][1])
    while pos != -1 and pos < spans[-1][0]:
        if starts is None:
            starts = [a for a, _ in spans]
        k = bisect_right(starts, pos)  # the first token after the line break
        cuts.add(k - 1)
        pos = text.find("\n", starts[k])
    for i in [i for i, t in enumerate(toks) if t[-1] in ".!?"]:
        if i + 1 >= n:
            break
        tok = toks[i]
        if len(tok) > 1:
            if tok[-1] != ".":
                continue
            base = tok[:-1].replace(".", "").lower()
            if base in _NONFINAL_ABBR or len(base) == 1 or base not in ABBREVIATIONS:
                continue  # Mr. / J. / U.S.: rarely worth a split, often mid-sentence
            if not toks[i + 1][:1].isupper():
                continue
            cuts.add(i)
            continue
        nt = toks[i + 1]
        if nt in _CLOSERS and spans[i + 1][0] == spans[i][1]:
            # ." : the closing quote ends the sentence if a new one follows
            if i + 2 < n and (toks[i + 2][:1].isupper() or toks[i + 2][:1] in _OPENERS):
                cuts.add(i + 1)
            continue
        c = nt[:1]
        if c.isupper() or c in _OPENERS or c.isdigit():
            cuts.add(i)
    return [0, *(cut + 1 for cut in sorted(cuts) if cut + 1 < n)]
