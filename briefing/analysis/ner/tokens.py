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
from itertools import compress, count
from operator import attrgetter
from re import Match

from briefing.cycles import cycle_collector_paused

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

_LONE_MARK = r"[^\w\s'\u2019.\-] | \.(?!\.) | -(?!-)"
"""A character that is a token on its own whatever follows it: a mark other than an
apostrophe, or a period or hyphen not doubled. No other alternative of `_TOKEN_RE` takes more
from it, so it is tried second rather than last (any non-space), after every other had
failed: a ninth of the pattern's time on news."""

_NOT_SPACE = r"(?=\S)"
"""Put before the alternatives: no token starts with white space, and at each of the spaces
between tokens the search would otherwise try every alternative in turn before moving on
(a quarter of the time the pattern took)."""

_TOKEN_RE = re.compile(
    _NOT_SPACE
    + r"""(?:
    """
    + _PLAIN_WORD
    + "\n  | "
    + _LONE_MARK
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
    _, starts, ends = token_columns(text, start, end)
    return list(zip(starts, ends, strict=True))


TokenColumns = tuple[list[str], list[int], list[int]]
"""Tokens as three lists: their strings, where each starts and where each ends."""


def token_columns(text: str, start: int = 0, end: int | None = None) -> TokenColumns:
    """`tokenize` as columns (the strings too), for a caller that wants those rather than
    span tuples: each column is read off the matches in one pass at C speed, where a Python
    loop over the matches took a third of the tokenizer's time on a megabyte of news, and
    only the words followed by a period (about one match in twenty) are looked at in Python."""
    # The matches, kept until the columns are read, are objects the cycle collector tracks
    # (span tuples were not for long): tens of thousands of them, walked again and again by
    # collections that free nothing (a tenth more time with the collector on); they are
    # freed when `_columns` returns.
    with cycle_collector_paused():
        return _columns(text, start, end)


def _columns(text: str, start: int, end: int | None) -> TokenColumns:
    matches = list(_TOKEN_RE.finditer(text, start, len(text) if end is None else end))
    toks = list(map(Match.group, matches))
    starts = list(map(Match.start, matches))
    ends = list(map(Match.end, matches))
    # a word followed by a period: "Mr." / "Inc." / the initial "J." keep the period; other
    # words give it back, as a token of its own
    given_back = [
        k
        for k in compress(count(), map(_LASTINDEX, matches))
        if not _keeps_period(matches[k].group(1))
    ]
    if not given_back:
        return toks, starts, ends
    out: TokenColumns = ([], [], [])
    out_toks, out_starts, out_ends = out
    done = 0
    for k in given_back:
        out_toks += toks[done:k]
        out_starts += starts[done:k]
        out_ends += ends[done:k]
        stop = ends[k]
        out_toks += (toks[k][:-1], ".")
        out_starts += (starts[k], stop - 1)
        out_ends += (stop - 1, stop)
        done = k + 1
    out_toks += toks[done:]
    out_starts += starts[done:]
    out_ends += ends[done:]
    return out


_LASTINDEX = attrgetter("lastindex")
"""A match's only group is the word of a word followed by a period."""


def _keeps_period(word: str) -> bool:
    """Whether a word followed by a period keeps it: an abbreviation or an initial."""
    return (len(word) == 1 and word.isupper()) or word.lower() in ABBREVIATIONS


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
    if toks is None:
        toks = [text[a:b] for a, b in spans]
    return sentence_heads(text, (toks, [a for a, _ in spans], [b for _, b in spans]))


def sentence_heads(
    text: str, columns: tuple[Sequence[str], Sequence[int], Sequence[int]]
) -> list[int]:
    """`sentence_starts` of tokens given as columns (`token_columns`)."""
    toks, starts, ends = columns
    n = len(toks)
    if n == 0:
        return []
    cuts: set[int] = set()  # a sentence ends after these token indices
    pos = text.find("\n", ends[0])
    last_start = starts[-1]
    while pos != -1 and pos < last_start:
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
        if nt in _CLOSERS and starts[i + 1] == ends[i]:
            # ." : the closing quote ends the sentence if a new one follows
            if i + 2 < n and (toks[i + 2][:1].isupper() or toks[i + 2][:1] in _OPENERS):
                cuts.add(i + 1)
            continue
        c = nt[:1]
        if c.isupper() or c in _OPENERS or c.isdigit():
            cuts.add(i)
    return [0, *(cut + 1 for cut in sorted(cuts) if cut + 1 < n)]
