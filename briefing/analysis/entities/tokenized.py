"""The article as the rules see it (tokens, sentences, paragraphs) and a name's mention in it.

Every rule looks at the words around a mention, so the text is tokenised and split into
sentences once, with the tagger's own tokenizer so that spans line up with the NER mentions.
"""

from __future__ import annotations

import re
from array import array
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import compress, count, pairwise
from operator import itemgetter

from briefing.analysis.ner.labels import NerLabel
from briefing.analysis.ner.tokens import sentence_heads, token_columns

_DOTTED = re.compile(r"(?:[A-Z]\.){2,}")
"""An abbreviation with periods ("U.S."), after which a capital may start a sentence."""
_CLOSE_QUOTE = re.compile('["\u201d]')
"""A double quote that can close a quotation: straight or right curly."""
_OPEN_QUOTE = re.compile('["\u201c]')
"""A double quote that can open a quotation: straight or left curly."""

_MARKS = '"\u201c\u201d\n'
_MARK = re.compile(f"[{_MARKS}]")
"""Double quotes and line breaks, whose positions `TokenizedText.count_marks` keeps."""


_WALK = 6
"""Tokens `TokenizedText.tok_span` walks before it bisects."""

TOKENIZE_PIECE = 200_000
"""Characters tokenised at a time (cut at a line break before a paragraph, where a sentence
ends anyway, so the pieces give the same tokens and sentences as the whole)."""


def _pieces(text: str, paragraphs: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """Contiguous pieces covering `text`, cut before paragraphs that follow a line break."""
    cuts = [0]
    for start, _ in sorted(paragraphs):
        if start - cuts[-1] >= TOKENIZE_PIECE and text[start - 1] == "\n":
            cuts.append(start)
    cuts.append(len(text))
    return list(pairwise(cuts))


class TokenizedText:
    """Tokens, sentence ids, sentence-initial tokens and paragraphs of one text."""

    def __init__(self, text: str, paragraphs: Sequence[tuple[int, int]]) -> None:
        """Tokenise `text`; no `paragraphs` means the whole text is one paragraph."""
        self.text = text
        # Offsets as machine integers, and the text tokenised a piece at a time: a 5 MB
        # report has a million tokens, and lists of span tuples of Python ints for all of it
        # at once cost over 100 MB more at the peak.
        self.toks: list[str] = []
        self.starts = array("q")
        self.ends = array("q")
        self.sent_of = array("q")
        self.sent_starts = array("q")
        """Index of each sentence's first token."""
        self.sent_first: set[int] = set()
        for low, high in _pieces(text, paragraphs):
            columns = token_columns(text, low, high)
            toks, starts, ends = columns
            base = len(self.toks)
            heads = sentence_heads(text, columns)
            self.toks.extend(toks)
            self.starts.extend(starts)
            self.ends.extend(ends)
            bounds = [*heads, len(toks)]
            sentences = len(self.sent_starts)
            sent_of = array("q", bytes(8 * len(toks)))
            for k in range(len(heads)):
                first, stop = bounds[k], bounds[k + 1]
                sent_of[first:stop] = array("q", [sentences + k]) * (stop - first)
                # the first word of a sentence (after opening quotes / brackets / bullets)
                for i in range(first, stop):
                    if toks[i][:1].isalnum():
                        self.sent_first.add(base + i)
                        break
            self.sent_of.extend(sent_of)
            self.sent_starts.extend([base + i for i in heads])
        toks = self.toks
        distinct = set(toks)  # a tenth as many: what can be told from the string, told once
        dotted = {t for t in distinct if "." in t and _DOTTED.fullmatch(t)}
        for i in compress(count(), map(dotted.__contains__, toks)) if dotted else ():
            if i + 1 < len(toks) and toks[i + 1][:1].isupper():
                self.sent_first.add(i + 1)  # "... in the U.S. Signed by ..." may start a sentence
        self.paragraphs = (
            sorted((int(a), int(b)) for a, b in paragraphs) if paragraphs else [(0, len(text))]
        )
        self.pstarts = [a for a, _ in self.paragraphs]
        self.lower_words = {t for t in distinct if t[:1].islower()}
        self.surnames: set[str] = set()
        self.junk_cache: dict[str, tuple[bool, list[str]]] = {}
        """Surface -> what `clean.is_junk` tells from the surface alone."""
        self._mid_sentence: tuple[dict[str, int], dict[str, int]] | None = None
        self._close_quotes: list[int] | None = None
        self._open_quotes: list[int] | None = None
        self._marks: dict[str, array[int]] | None = None

    def sentences_between(self, start: int, end: int) -> range:
        """Indices of the sentences whose first token starts in [start, end)."""
        first = bisect_left(self.sent_starts, self.tok_at(start))
        last = bisect_left(self.sent_starts, self.tok_at(end))
        return range(first, last)

    def sentence_tokens(self, si: int) -> range:
        """Token indices of sentence `si`."""
        end = self.sent_starts[si + 1] if si + 1 < len(self.sent_starts) else len(self.toks)
        return range(self.sent_starts[si], end)

    def mid_sentence(self, tok: str) -> list[int]:
        """The first and the last index where `tok` occurs not as a sentence's first word
        (one index if it occurs there once; enough to tell whether it occurs anywhere but at
        a given index)."""
        if self._mid_sentence is None:
            # capitalised tokens only: those are what the rules ask about
            first_word, toks = self.sent_first, self.toks
            capitalised = compress(count(), map(str.isupper, map(itemgetter(0), toks)))
            caps = [i for i in capitalised if i not in first_word]
            last = {toks[i]: i for i in caps}
            first = {toks[i]: i for i in reversed(caps)}
            self._mid_sentence = (first, last)
        first, last = self._mid_sentence
        if not tok[:1].isupper() and tok not in first:
            where = [i for i, t in enumerate(self.toks) if t == tok and i not in self.sent_first]
            if where:
                first[tok], last[tok] = where[0], where[-1]
        if tok not in first:
            return []
        return [first[tok]] if first[tok] == last[tok] else [first[tok], last[tok]]

    def next_close_quote(self, pos: int) -> int | None:
        """Position of the first straight or closing curly double quote at or after pos."""
        if self._close_quotes is None:
            self._close_quotes = [mt.start() for mt in _CLOSE_QUOTE.finditer(self.text)]
        k = bisect_left(self._close_quotes, pos)
        return self._close_quotes[k] if k < len(self._close_quotes) else None

    def last_open_quote(self, pos: int) -> int | None:
        """Position of the last straight or opening curly double quote before pos."""
        if self._open_quotes is None:
            self._open_quotes = [mt.start() for mt in _OPEN_QUOTE.finditer(self.text)]
        k = bisect_left(self._open_quotes, pos)
        return self._open_quotes[k - 1] if k else None

    def _positions(self) -> dict[str, array[int]]:
        if self._marks is None:
            self._marks = {c: array("q") for c in _MARKS}
            for mt in _MARK.finditer(self.text):
                self._marks[mt.group()].append(mt.start())
        return self._marks

    def line_start(self, pos: int) -> int:
        """Where the line holding `pos` starts (by bisection: a search back along a line of
        megabytes, once a mention, was quadratic)."""
        breaks = self._positions()["\n"]
        k = bisect_left(breaks, pos)
        return breaks[k - 1] + 1 if k else 0

    def count_marks(self, mark: str, start: int, end: int) -> int:
        """How many times `mark` (a double quote or a line break) occurs in text[start:end]."""
        positions = self._positions()[mark]
        return bisect_left(positions, end) - bisect_left(positions, start)

    def tok_at(self, pos: int) -> int:
        """Index of the first token starting at or after pos."""
        return bisect_right(self.starts, pos - 1)

    def tok_range(self, a: int, b: int) -> list[int]:
        """Indices of the tokens inside [a, b); empty when `a` falls inside a token."""
        return list(self.tok_span(a, b))

    def tok_span(self, a: int, b: int) -> range:
        """`tok_range` as a range (no list made: it is asked once a mention).

        A bisection for the first token starting at or after `a` (`a` is inside a token only
        if the token before that one ends after it), and from there the first token ending
        after `b` (tokens do not overlap, so their ends are in order too): a walk over the
        first few tokens (a name is one to four; a call of `bisect` costs as much as a walk
        of three), a bisection beyond."""
        starts, ends = self.starts, self.ends
        i = bisect_left(starts, a)
        if i and a < ends[i - 1] and a < len(self.text):
            return range(0)  # starts inside a token
        j, n = i, len(ends)
        while j < n and ends[j] <= b:
            j += 1
            if j - i == _WALK:
                return range(i, bisect_right(ends, b, j))
        return range(i, j)

    def tok_containing(self, pos: int) -> int:
        """Index of the last token starting at or before pos (0 if none)."""
        return max(0, bisect_right(self.starts, pos) - 1)

    def paragraph(self, pos: int) -> int:
        """Index of the paragraph holding pos."""
        return max(0, bisect_right(self.pstarts, pos) - 1)

    def prev_tok(self, pos: int) -> int | None:
        """Index of the last token ending at or before pos."""
        i = bisect_right(self.ends, pos) - 1
        return i if i >= 0 else None


@dataclass(frozen=True, eq=False, slots=True)
class NameMention:
    """One occurrence of a name as the entity rules see it; a rule that learns something
    about it makes a new one (`dataclasses.replace`).

    Compared by identity (eq=False): two mentions with the same span are still two objects
    while the linking step merges and removes them. (Not `model.Mention`, which is what a
    reading keeps of an entity's mention: its span and paragraph.)
    """

    start: int
    end: int
    ner: NerLabel
    source: str = "ner"
    """"ner" (a tagger mention), "text" (defined by the text itself) or "scan" (found again)."""
    honorific: bool = False
    hon_form: tuple[int, int] | None = None
    """Span of "Mr. Smith" when the mention is "Smith" after an honorific."""
    title: tuple[int, int] | None = None
    """(start, end) of a title found inside the NER span."""
    alias_only: bool = False
    event_ctx: bool = False

    def surface(self, text: str) -> str:
        """The mention's text."""
        return text[self.start : self.end]
