"""Finding an annotation's passage again after the text changed, as web annotation tools do.

An annotation remembers its passage two ways (W3C Web Annotation selectors, as in Hypothesis):
the exact words with up to `CONTEXT` characters either side (`TextQuote`), and their character
position. When the document is the one the annotation was made on, the position is enough.
When the text changed, we look, in this order, for:

1. the exact words with their whole context: the same passage, wherever it moved to (`exact`:
   a paragraph inserted above shifts every offset but the reader need not review anything);
2. the exact words with most of their context (`moved`, scored by how much of the context still
   matches and how near the old place it is);
3. edited words between their remembered context, on both sides or on one side and the edge of
   the paragraph the passage touched (`moved`, scored by similarity to the quote; the exact
   words inside such a bracket, with something inserted next to them, are preferred);
4. the exact words with little or none of their context (`moved`);
5. words that fuzzily match the quote, first near the old place then anywhere in a document of
   reasonable size (`moved`, scored by the fuzzy match, at least `FUZZY_THRESHOLD`);
6. nothing: the annotation is `orphaned`, keeping its quote, note and last position.

Characters alone are weak evidence: "it might" is 75 % like "in light" and "the stage" 82 %
like "the same", so a deleted passage would land on whatever looks like it. Words must agree
too (`FUZZY_WORD_AGREEMENT`, `FUZZY_WORDS_KEPT`, `BRACKET_WORDS`), and context counts by how
much of it is there: a quote of a few words is fuzzily matched only with the whole remembered
context of one side right next to it, and with the other side's still much like it or all of
its words kept (`FUZZY_PINNED_WORDS`): deleting a sentence leaves the context before it next to
the start of the following one, which may share most of a few words. Only a passage of
`FUZZY_ALONE_WORDS` words or more is found by its words alone (edited and moved elsewhere).
`benchmarks/anchoring_edits.py` measures both sides of this: deleted passages that must be
orphaned, edited ones that must be found.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace

from briefing.model import AnchorStatus, Annotation, TextQuote

CONTEXT = 32
"""Characters of prefix and suffix kept with each quote (what Hypothesis keeps)."""
FUZZY_THRESHOLD = 0.75
"""Least similarity of a fuzzy match to the quote (0–1) for it to count as the passage."""
FUZZY_MIN_QUOTE = 8
"""Quotes shorter than this are matched exactly or not at all: a fuzzy match of three letters
finds them anywhere."""
FUZZY_WORD_AGREEMENT = 0.8
"""Least share of words a fuzzy match has in common with the quote, in order, over both
(`_words_agree`): one word in five changed, one added to three; "in light" shares none of
"it might"."""
FUZZY_WORDS_KEPT = 0.75
"""Least share of the quote's own words a fuzzy match keeps, in order: the middle of a look-alike
that shares a run of the quote's words is not the passage with words cut (four words of six
kept and none added pass `FUZZY_WORD_AGREEMENT`)."""
FUZZY_PINNED_WORDS = 3
"""Least words of a quote fuzzily matched at all. Below `FUZZY_ALONE_WORDS`, only with all of
one side's remembered context next to the match (`_pinned`), and either the other side's still
much like it (`_context_alike`; then words as for a bracket, `BRACKET_WORDS`) or every word of
the quote there, in order (some may be added): deleting a sentence leaves the context before it
next to the start of the following one, which may well share all but one of a few words."""
FUZZY_ALONE_WORDS = 6
"""Least words of a quote fuzzily matched with none of its context: a long passage edited and
moved elsewhere; shorter ones are too easily like another passage."""
FUZZY_WINDOW = 20_000
"""Characters either side of the old place searched first for a fuzzy match."""
FUZZY_WHOLE_TEXT = 1_000_000
"""Texts up to this long are searched whole when the quote is not near its old place."""
MAX_CANDIDATES = 2_000
"""Occurrences of a quote weighed at most (a one-word quote in a long report has thousands)."""


@dataclass(frozen=True, slots=True)
class Anchor:
    """Where a quote was found in a text, and how surely."""

    start: int
    end: int
    status: AnchorStatus
    score: float


def quote_at(text: str, start: int, end: int) -> TextQuote:
    """The selector for `text[start:end]`, with its context."""
    return TextQuote(
        exact=text[start:end],
        prefix=text[max(0, start - CONTEXT) : start],
        suffix=text[end : end + CONTEXT],
    )


def _common_suffix(a: str, b: str) -> int:
    n = 0
    for x, y in zip(reversed(a), reversed(b), strict=False):
        if x != y:
            break
        n += 1
    return n


def _common_prefix(a: str, b: str) -> int:
    n = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        n += 1
    return n


def _context_score(text: str, quote: TextQuote, start: int, end: int) -> float:
    """How much of the remembered context surrounds `text[start:end]` (1.0 all of it).

    Only the context inside the passage's own paragraph counts: a neighbouring paragraph
    edited or removed does not make a note's own sentence any less where it was."""
    prefix = quote.prefix.rpartition("\n")[2]
    suffix = quote.suffix.partition("\n")[0]
    wanted = len(prefix) + len(suffix)
    if wanted == 0:
        return 1.0
    before = text[max(0, start - len(prefix)) : start]
    after = text[end : end + len(suffix)]
    matched = _common_suffix(before, prefix) + _common_prefix(after, suffix)
    return matched / wanted


def _occurrences(text: str, exact: str, near: int) -> list[int]:
    """Starts of `exact` in `text`, nearest to `near` first when there are too many to weigh."""
    starts: list[int] = []
    i = text.find(exact)
    while i != -1:
        starts.append(i)
        i = text.find(exact, i + 1)
    if len(starts) > MAX_CANDIDATES:
        starts.sort(key=lambda s: abs(s - near))
        del starts[MAX_CANDIDATES:]
    return starts


def _snap_to_words(text: str, start: int, end: int) -> tuple[int, int]:
    """Widen a fuzzy match to whole words and trim the spaces at its ends."""
    while 0 < start < len(text) and text[start - 1].isalnum() and text[start].isalnum():
        start -= 1
    while end < len(text) and end > 0 and text[end - 1].isalnum() and text[end].isalnum():
        end += 1
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _fuzzy(text: str, quote: TextQuote, position: int) -> Anchor | None:
    """Words like the quote's, in characters and in words, pinned by its context unless long."""
    from rapidfuzz import fuzz  # only when a quote is gone: most openings never need it

    exact = quote.exact
    if len(exact.strip()) < FUZZY_MIN_QUOTE:
        return None
    words = _words(exact)
    if len(words) < FUZZY_PINNED_WORDS:
        return None
    cutoff = FUZZY_THRESHOLD * 100
    # Nearest first: a look-alike elsewhere may match the characters better than the passage
    # edited where it was, and only the best match of each region is weighed.
    regions = [
        (max(0, position - half), min(len(text), position + half + len(exact)))
        for half in (NEAR_WINDOWS[0], FUZZY_WINDOW)
    ]
    if len(text) <= FUZZY_WHOLE_TEXT:
        regions.append((0, len(text)))
    for low, high in regions:
        found = fuzz.partial_ratio_alignment(exact, text[low:high], score_cutoff=cutoff)
        if found is None:
            continue
        core_start, core_end = low + found.dest_start, low + found.dest_end
        # The aligned window is as long as the quote; words added to or cut from the passage
        # shift its true ends, which the remembered context pins down when it is still there.
        best: tuple[float, int, int] | None = None
        _, before_start, _, after_start, _ = _word_steps(text, core_start)
        _, _, before_end, _, after_end = _word_steps(text, core_end)
        starts = {core_start, before_start, after_start, *_after_prefix(text, quote, core_start)}
        ends = {core_end, before_end, after_end, *_before_suffix(text, quote, core_end)}
        for start in starts:
            for end in ends:
                start_w, end_w = _snap_to_words(text, start, end)
                if "\n" not in exact:  # nor the match: the window ran into the next paragraph
                    start_w, end_w = _within_paragraph(text, start_w, end_w)
                if end_w <= start_w:
                    continue
                candidate = text[start_w:end_w]
                score = fuzz.ratio(exact, candidate) / 100
                if score < FUZZY_THRESHOLD or (best is not None and score <= best[0]):
                    continue
                if not _fuzzy_words_fit(text, quote, words, start_w, end_w):
                    continue
                best = (score, start_w, end_w)
        if best is not None:
            start, end = _own_words(text, exact, best[1], best[2])
            score = fuzz.ratio(exact, text[start:end]) / 100
            return Anchor(start, end, AnchorStatus.MOVED, round(score, 3))
    return None


def _fuzzy_words_fit(text: str, quote: TextQuote, words: list[str], start: int, end: int) -> bool:
    """Whether the words of `text[start:end]` agree with the quote's `words` enough for the
    evidence its context gives (see `FUZZY_PINNED_WORDS`, `FUZZY_ALONE_WORDS`)."""
    candidate = text[start:end]
    if len(words) >= FUZZY_ALONE_WORDS:
        return _words_agree(words, candidate)
    if not _pinned(text, quote, start, end):
        return False
    if _context_alike(text, quote, start, end):
        # One side intact, the other lightly edited too: "warned that the old pilings were
        # rotting faster" -> "warned the old pilings are rotting faster".
        return _words_agree(words, candidate, BRACKET_WORDS)
    return _words_agree(words, candidate, kept=1)


def _context_alike(text: str, quote: TextQuote, start: int, end: int) -> bool:
    """Whether the remembered context on both sides (within the paragraph) is still mostly
    around `text[start:end]` (`FUZZY_THRESHOLD` alike): what a deletion brought next to the
    context of one side is not like the context the other side had."""
    from rapidfuzz import fuzz

    prefix = quote.prefix.rpartition("\n")[2].strip()
    suffix = quote.suffix.partition("\n")[0].strip()
    head = text[max(0, start - len(prefix) - _SLACK) : start].rpartition("\n")[2].strip()
    tail = text[end : end + len(suffix) + _SLACK].partition("\n")[0].strip()
    return all(
        fuzz.ratio(remembered, found) >= FUZZY_THRESHOLD * 100
        if _pins(remembered)
        else remembered == found
        for remembered, found in ((prefix, head), (suffix, tail))
    )


def _own_words(text: str, exact: str, start: int, end: int) -> tuple[int, int]:
    """The quote's own words, whatever their case, where `text[start:end]` holds them: a word
    was put next to them ("Fees rose sharply" -> "Then fees rose sharply"); else the span."""
    span, lower, exact_lower = text[start:end], text[start:end].lower(), exact.lower()
    if len(lower) == len(span) and len(exact_lower) == len(exact):  # no "İ" changing lengths
        at = lower.find(exact_lower)
    else:
        at = span.find(exact)
    return (start + at, start + at + len(exact)) if at != -1 else (start, end)


def _word_steps(text: str, at: int) -> tuple[int, int, int, int, int]:
    """`at`, and the starts and ends of the words before and after the one at `at`: the ends of
    an aligned window as long as the quote, give or take a word (one changed for a longer one;
    `_snap_to_words` widens the window to the word at `at`)."""
    n = len(text)
    start = at
    while start > 0 and not text[start - 1].isspace():
        start -= 1
    end = at
    while end < n and not text[end].isspace():
        end += 1
    before_end = start
    while before_end > 0 and text[before_end - 1].isspace():
        before_end -= 1
    before_start = before_end
    while before_start > 0 and not text[before_start - 1].isspace():
        before_start -= 1
    after_start = end
    while after_start < n and text[after_start].isspace():
        after_start += 1
    after_end = after_start
    while after_end < n and not text[after_end].isspace():
        after_end += 1
    return at, before_start, before_end, after_start, after_end


_WORD = re.compile(r"\w+")


def _words(text: str) -> list[str]:
    return _WORD.findall(text.casefold())


def _words_agree(
    words: list[str],
    candidate: str,
    agreement: float = FUZZY_WORD_AGREEMENT,
    kept: float = FUZZY_WORDS_KEPT,
) -> bool:
    """Whether `candidate` has enough of the quote's `words`, in order, to be it edited: `kept`
    of them at least, and `agreement` of both (twice the longest common subsequence of words
    over their two counts)."""
    from rapidfuzz.distance import LCSseq

    theirs = _words(candidate)
    common = LCSseq.similarity(words, theirs)
    return (
        common >= kept * len(words)
        and 2 * common >= agreement * (len(words) + len(theirs))
        and common > 0
    )


def _word_agreement(words: list[str], candidate: str) -> float:
    """The share of words `candidate` and the quote's `words` have in common in the same order,
    over both (twice the longest common subsequence of words over their two lengths)."""
    from rapidfuzz.distance import Indel

    theirs = _words(candidate)
    if not words or not theirs:
        return 0.0
    return float(Indel.normalized_similarity(words, theirs))


def _within_paragraph(text: str, start: int, end: int) -> tuple[int, int]:
    """The longest part of `text[start:end]` within one paragraph."""
    pieces: list[tuple[int, int]] = []
    at = start
    for line in text[start:end].split("\n"):
        pieces.append((at, at + len(line)))
        at += len(line) + 1
    low, high = max(pieces, key=lambda piece: piece[1] - piece[0])
    return _snap_to_words(text, low, high)


_CONTEXT_PROBE = 12
"""Characters of context that must match to pin an end of an edited passage."""


_SLACK = 4
"""Spaces tolerated between a passage and its context (a selection that began with one)."""


def _pinned(text: str, quote: TextQuote, start: int, end: int) -> bool:
    """Whether all the remembered context of one side at least (within the paragraph, `_PIN`
    characters or more) is right next to `text[start:end]`. Not only a `_CONTEXT_PROBE` of it:
    twelve characters are often a word and a full stop ("t teachers."), found before other
    sentences too; nor a paragraph's edge alone: every paragraph has one."""
    before, after = _context_sides(quote, CONTEXT)
    return (_pins(before[0]) and _fits_before(text, before, start)) or (
        _pins(after[0]) and _fits_after(text, after, end)
    )


def _fits_before(text: str, side: tuple[str, bool], start: int) -> bool:
    """Whether the context `side` (see `_context_sides`) ends right before `start`."""
    probe, edge = side
    low = max(0, start - len(probe) - _SLACK)
    head = text[low:start].rstrip(" \t")
    at = low + len(head) - len(probe)
    return head.endswith(probe) and (not edge or at == 0 or text[at - 1] == "\n")


def _fits_after(text: str, side: tuple[str, bool], end: int) -> bool:
    """Whether the context `side` (see `_context_sides`) begins right after `end`."""
    probe, edge = side
    window = text[end : end + len(probe) + _SLACK]
    tail = window.lstrip(" \t")
    at = end + len(window) - len(tail) + len(probe)
    return tail.startswith(probe) and (not edge or _ends_paragraph(text, at))


_PIN = 8
"""Least characters of context (spaces at its ends aside) that pin a match by one side: a short
word and a full stop before a paragraph's end ("its.") are next to look-alikes too often."""


def _pins(context: str) -> bool:
    """Whether a piece of context is enough to pin a match by one side."""
    return len(context.strip()) >= _PIN


def _has_words(context: str) -> bool:
    """Whether a piece of context is enough to find a place by (not a space and a full stop)."""
    return len(context.strip()) >= 4


def _context_sides(
    quote: TextQuote, width: int = _CONTEXT_PROBE
) -> tuple[tuple[str, bool], tuple[str, bool]]:
    """The context to look for before and after a passage: up to `width` characters of it within
    its paragraph, without the spaces next to the passage; and whether its paragraph's edge comes
    right after that (then the context is all of the paragraph on that side)."""
    prefix = quote.prefix.rpartition("\n")[2]
    suffix = quote.suffix.partition("\n")[0]
    prefix_edge = len(prefix) <= width and ("\n" in quote.prefix or len(quote.prefix) < CONTEXT)
    suffix_edge = len(suffix) <= width and ("\n" in quote.suffix or len(quote.suffix) < CONTEXT)
    return (
        (prefix[-width:].rstrip(" \t"), prefix_edge),
        (suffix[:width].lstrip(" \t"), suffix_edge),
    )


def _after_prefix(text: str, quote: TextQuote, near: int) -> list[int]:
    probe = quote.prefix[-_CONTEXT_PROBE:]
    if len(probe.strip()) < 4:
        return []
    reach = len(quote.exact)
    low = max(0, near - reach)
    at = text.rfind(probe, low, near + reach // 2)
    return [at + len(probe)] if at != -1 else []


def _before_suffix(text: str, quote: TextQuote, near: int) -> list[int]:
    probe = quote.suffix[:_CONTEXT_PROBE]
    if len(probe.strip()) < 4:
        return []
    reach = len(quote.exact)
    at = text.find(probe, max(0, near - reach // 2), near + reach + len(probe))
    return [at] if at != -1 else []


NEAR_WINDOWS = (512, 8_192, 131_072)
"""Half-widths of the windows around the expected place searched before the whole text: an
edit moves most passages a little, and a long report is not scanned once per note."""


def _near(text: str, quote: TextQuote, expected: int) -> int | None:
    """Start of the quote with its whole context in a window around `expected`, if any."""
    exact = quote.exact
    for half in NEAR_WINDOWS:
        low, high = max(0, expected - half), min(len(text), expected + half + len(exact))
        i = text.find(exact, low, high)
        while i != -1:
            if _context_score(text, quote, i, i + len(exact)) == 1.0:
                return i
            i = text.find(exact, i + 1, high)
        if low == 0 and high == len(text):
            break
    return None


def anchor(text: str, quote: TextQuote, position: int, shift: int = 0) -> Anchor | None:
    """Find `quote`, last seen at `position`, in `text`; None when it is gone. `shift` is how
    far the text before it is thought to have moved (the shift of the note before it)."""
    exact = quote.exact
    if not exact:
        return None
    for expected in dict.fromkeys((position + shift, position)):
        if (
            text.startswith(exact, expected)
            and _context_score(text, quote, expected, expected + len(exact)) == 1.0
        ):
            return Anchor(expected, expected + len(exact), AnchorStatus.EXACT, 1.0)
    near = _near(text, quote, position + shift)
    if near is not None:
        return Anchor(near, near + len(exact), AnchorStatus.EXACT, 1.0)
    best: tuple[float, int] | None = None
    for start in _occurrences(text, exact, position + shift):
        context = _context_score(text, quote, start, start + len(exact))
        # Context decides; nearness to the old place breaks ties between equal contexts.
        nearness = 1.0 / (1.0 + abs(start - position - shift) / 1000)
        weight = context + 0.001 * nearness
        if best is None or weight > best[0]:
            best = (weight, start)
    if best is not None:
        start = best[1]
        context = _context_score(text, quote, start, start + len(exact))
        if context == 1.0:
            return Anchor(start, start + len(exact), AnchorStatus.EXACT, 1.0)
        if context >= 0.5:
            # The words are there, most of their surroundings too: found, to be confirmed.
            return Anchor(
                start, start + len(exact), AnchorStatus.MOVED, round(0.5 + context / 2, 3)
            )
    # The same words with little of their context may be another passage; the remembered
    # context around edited words is stronger evidence, then the words themselves elsewhere.
    bracketed = _bracketed(text, quote, position + shift)
    if bracketed is not None:
        inside, inside_end = _own_words(text, exact, bracketed.start, bracketed.end)
        if (inside, inside_end) != (bracketed.start, bracketed.end):
            # The words themselves, with something inserted next to them: they are the passage.
            context = _context_score(text, quote, inside, inside_end)
            return Anchor(inside, inside_end, AnchorStatus.MOVED, round(0.5 + context / 2, 3))
        if bracketed.score < FUZZY_THRESHOLD:
            # A loose bracket may hold a sentence inserted next to the edited words.
            tighter = _fuzzy(text, quote, position + shift)
            if (
                tighter is not None
                and bracketed.start <= tighter.start <= tighter.end <= bracketed.end
                and _word_agreement(_words(exact), text[tighter.start : tighter.end])
                > _word_agreement(_words(exact), text[bracketed.start : bracketed.end])
            ):
                return tighter
        return bracketed
    if best is not None:
        start = best[1]
        context = _context_score(text, quote, start, start + len(exact))
        return Anchor(start, start + len(exact), AnchorStatus.MOVED, round(0.5 + context / 2, 3))
    return _fuzzy(text, quote, position + shift)


BRACKET_THRESHOLD = 0.5
"""Least similarity of edited words to the quote when both ends of its context are intact."""
BRACKET_WORDS = 0.5
"""Least agreement of words (`_word_agreement`) of edited words between their contexts, for
quotes of `FUZZY_PINNED_WORDS` or more (one or two words may be replaced outright, "might" ->
"may"): not "shortage past trade" for "shortage bound may in" where the two ends of the
context came together again once the words between were cut ("parliament s..." is in many
sentences)."""
BRACKET_EDGE_WORDS = 0.5
"""Least agreement of words (see `_words_agree`) of edited words between the context on one side
(all of it, see `_pinned`) and a paragraph's edge on the other, which must also keep
`FUZZY_WORDS_KEPT` of the quote's words and be `FUZZY_THRESHOLD` like it: every paragraph has
an edge ("The union" opening a paragraph is not "Shape an in region" opening another)."""


def _bracketed(text: str, quote: TextQuote, expected: int) -> Anchor | None:
    """The passage between its remembered context (both sides, within its paragraph) when the
    words inside were edited: "with expanded missions and" -> "with broader missions and". A
    paragraph's start or end stands for the context on its side when the passage touched it;
    words of the context must be there on at least one side."""
    before, after = _context_sides(quote)
    if not (_has_words(before[0]) or _has_words(after[0])):
        return None
    if not (_has_words(before[0]) or before[1]) or not (_has_words(after[0]) or after[1]):
        return None
    edge = not (_has_words(before[0]) and _has_words(after[0]))
    from rapidfuzz import fuzz

    threshold = FUZZY_THRESHOLD if edge else BRACKET_THRESHOLD
    words = _words(quote.exact)
    reach = 2 * len(quote.exact) + 64
    low, high = max(0, expected - FUZZY_WINDOW), min(len(text), expected + FUZZY_WINDOW)
    best: tuple[float, int, int] | None = None
    for start, end in _between(text, before, after, low, high, reach):
        s, e = _snap_to_words(text, start, end)
        # Words, within the context's paragraph (a break before them is no space to trim), and
        # not the full stop left where a sentence's last word was cut.
        if _WORD.search(text, s, e) and "\n" not in text[start:end]:
            score = fuzz.ratio(quote.exact, text[s:e]) / 100
            if score < threshold or (best is not None and score <= best[0]):
                continue
            if edge and not (
                _pinned(text, quote, s, e) and _words_agree(words, text[s:e], BRACKET_EDGE_WORDS)
            ):
                continue
            if (
                len(words) >= FUZZY_PINNED_WORDS
                and _word_agreement(words, text[s:e]) < BRACKET_WORDS
            ):
                continue
            best = (score, s, e)
    if best is None:
        return None
    return Anchor(best[1], best[2], AnchorStatus.MOVED, round(best[0], 3))


def _between(
    text: str, before: tuple[str, bool], after: tuple[str, bool], low: int, high: int, reach: int
) -> Iterator[tuple[int, int]]:
    """Spans of `text` with the context `before` and `after` them, starting in `low:high`."""
    if _has_words(before[0]):
        probe, edge = before
        i = text.find(probe, low, high)
        while i != -1:
            if not edge or i == 0 or text[i - 1] == "\n":
                end = _context_after(text, i + len(probe), after, reach)
                if end is not None:
                    yield i + len(probe), end
            i = text.find(probe, i + 1, high)
        return
    # The passage began its paragraph: find the context after it, then that paragraph's start.
    probe = after[0]
    j = text.find(probe, low, high)
    while j != -1:
        start = text.rfind("\n", max(0, j - reach), j) + 1
        if (
            (start > 0 or j <= reach)
            and text.startswith(before[0], start)
            and (not after[1] or _ends_paragraph(text, j + len(probe)))
        ):
            yield start + len(before[0]), j
        j = text.find(probe, j + 1, high)


def _context_after(text: str, start: int, after: tuple[str, bool], reach: int) -> int | None:
    """Where the context `after` begins within `reach` of `start`, if it does."""
    probe, edge = after
    limit = start + reach + len(probe)
    if _has_words(probe):
        j = text.find(probe, start, limit)
        while j != -1 and edge and not _ends_paragraph(text, j + len(probe)):
            j = text.find(probe, j + 1, limit)
        return None if j == -1 else j
    end = text.find("\n", start, limit)
    if end == -1:
        if len(text) > limit:
            return None
        end = len(text)
    body = text[start:end].rstrip(" \t")
    return start + len(body) - len(probe) if body.endswith(probe) else None


def _ends_paragraph(text: str, at: int) -> bool:
    """Whether only spaces are left of the paragraph at `at`."""
    rest = text[at : at + _SLACK + 1].lstrip(" \t")
    return not rest or rest.startswith("\n")


def reanchor(text: str, annotation: Annotation, shift: int = 0) -> Annotation:
    """The annotation attached to `text` as well as it can be, or orphaned (never dropped)."""
    found = anchor(text, annotation.quote, annotation.start, shift)
    if found is None:
        if annotation.status is AnchorStatus.ORPHANED:
            return annotation
        return replace(annotation, status=AnchorStatus.ORPHANED, score=0.0)
    return replace(
        annotation, start=found.start, end=found.end, status=found.status, score=found.score
    )


def reanchor_all(text: str, annotations: Iterable[Annotation]) -> list[Annotation]:
    """Re-anchor in order of old position, each expected where the one before it moved to."""
    result: dict[str, Annotation] = {}
    shift = 0
    for annotation in sorted(annotations, key=lambda a: a.start):
        moved = reanchor(text, annotation, shift)
        if not moved.orphaned:
            shift = moved.start - annotation.start
        result[annotation.id] = moved
    return list(result.values())


def occurrences(text: str, exact: str) -> list[int]:
    """Every start of `exact` in `text` (for `notes add --quote`, which must be unambiguous)."""
    return _occurrences(text, exact, 0) if exact else []


@dataclass(frozen=True, slots=True)
class AnchorSummary:
    """What re-anchoring did, for the one line the app shows after opening a changed file."""

    exact: int = 0
    moved: int = 0
    orphaned: int = 0

    @classmethod
    def of(cls, annotations: Sequence[Annotation]) -> AnchorSummary:
        counts = dict.fromkeys(AnchorStatus, 0)
        for annotation in annotations:
            counts[annotation.status] += 1
        return cls(
            counts[AnchorStatus.EXACT], counts[AnchorStatus.MOVED], counts[AnchorStatus.ORPHANED]
        )

    @property
    def needs_review(self) -> bool:
        return bool(self.moved or self.orphaned)
