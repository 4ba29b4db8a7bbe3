"""Topic segmentation: where a run of paragraphs (or sentences) changes subject.

The method (measured in `benchmarks/segmentation.py`, figures in the README):

1. Each block becomes a set of stemmed content words; a capitalised word that does not open the
   block (a name) weighs more. Two blocks are as similar as the words they share, each word
   weighted by its rarity inside this document (a word in every block links nothing).
2. For a ladder of resolutions γ, an exact dynamic programme finds the contiguous split that
   maximises modularity (within-section similarity against what chance predicts). The number
   of sections falls out of it; γ sets how fine the split is.
3. Sentence streams (blocks of about one sentence, under `PARAGRAPH_WORDS` words): the
   resolution is chosen per document, from the split itself: the finest one whose adjacent
   sections are clearly apart (cross-section density at most `RATIO_MAX` of within-section
   density). So a document whose topics are sharp gets a fine split and one long subject (an
   encyclopedia article) stays coarse, with one set of constants.
4. Paragraph documents (long blocks, or blocks of `PARAGRAPH_SENTENCES` sentences or more on
   average): inside one article lexical cohesion is weak and the ratio test above rarely
   passes, so one split is taken, at resolution `PARAGRAPH_GAMMA`, with every section paying
   `SECTION_COST` of modularity. A section must then earn its place by the cohesion it adds;
   the number of sections still comes from each document's own similarity, not from its
   length. An article (one window) keeps that split only when it beats the splits of its
   paragraphs shuffled by `STRONG_STRUCTURE` standard deviations (stories in a row) or its
   sections share almost no words; otherwise the learned boundary model of `boundaries.py`
   chooses, with the split as one of its signals, and a one-subject story stays whole.
   Measured on multi-section blog and report posts with their headings removed, on
   concatenated news stories and on news articles whose sub-topics were marked by hand
   (README).
5. Discourse: a block that opens with a pronoun or a continuation word ("He …", "However …"),
   or follows one ending with a colon, cannot start a section (`cues.may_open_section`). In
   paragraph documents a paragraph that opens with a topic cue gets a start bonus:
   `CUE_BONUS` for a strong one ("A separate …", "Meanwhile, …"), half of it for a weak one
   ("Another …"), none inside a quotation (`cues.topic_cue`); one that opens with a
   quotation mark pays `QUOTE_PENALTY` (quotes back up the point before them).
6. Sections have at least `MIN_BLOCKS` blocks; long inputs go in overlapping windows
   (`WINDOW` blocks of a sentence stream, `PARAGRAPH_WINDOW` paragraphs).

numpy carries the O(n²) programme: pure Python was 30× too slow for a megabyte a second. A
short document (at most `SMALL_BLOCKS` blocks, an article) is computed without it, to the same
bits, by `segmentation_small`: importing numpy cost more than the rest of reading it.
"""

from __future__ import annotations

import itertools
import math
import re
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING

from briefing.analysis import boundaries, cues
from briefing.analysis.terms import stem, stopwords

if TYPE_CHECKING:  # numpy is imported where it is used: a short text never needs it
    import numpy as np
    import numpy.typing as npt

    FloatArray = npt.NDArray[np.float64]
    BoolArray = npt.NDArray[np.bool_]

GAMMAS = (0.8, 0.9, 1.0, 1.1, 1.2, 1.3, 1.4, 1.5, 1.7, 2.0)
"""Resolution ladder, coarse to fine."""
RATIO_MAX = 0.10
"""Highest mean cross/within density ratio a finer split may have to be preferred."""
MIN_BLOCKS = 2
WINDOW = 400
"""Blocks per dynamic programme; longer inputs are cut into overlapping windows."""
WINDOW_KEEP = 350
"""Boundaries kept from the first `WINDOW_KEEP` blocks of each window."""
NAME_WEIGHT = 1.25
"""Weight of a capitalised word that does not open its block (a name) against 1 for others."""
PARAGRAPH_WORDS = 33.0
"""Mean words a block from which a document counts as paragraphs, not a stream of sentences."""
PARAGRAPH_SENTENCES = 1.5
"""Mean sentences a block from which a document counts as paragraphs (news in short ones)."""
CUE_BONUS = 0.03
"""Start bonus (in units of total similarity) for a paragraph that opens with a topic cue."""
QUOTE_PENALTY = 0.04
"""Start penalty (like `CUE_BONUS`) for a paragraph that opens with a quotation mark: in news a
quotation backs up the point before it far more often than it opens a new one."""
PARAGRAPH_GAMMA = 1.2
"""Resolution of the one split of a paragraph document."""
SECTION_COST = 0.0075
"""What each section of a paragraph document costs, in units of modularity."""
PARAGRAPH_WINDOW = 60
"""Paragraphs per programme in paragraph documents: the scale the constants were tuned at
(articles of 8–60 paragraphs). At one resolution a longer text would come out far too coarse
(modularity cannot resolve small sections in a large whole)."""
PARAGRAPH_WINDOW_KEEP = 45
SMALL_BLOCKS = 60
"""Documents of at most this many blocks (one window) are computed in pure Python
(`segmentation_small`), to the same numbers: below it that costs less than importing numpy."""

_SENTENCE_END = re.compile(r"[.!?][\"”’)]*\s+[\"“‘(]?[A-Z]")
_TOKEN = re.compile(r"[^\W\d_][\w'’\-]*[^\W\d_]|[^\W\d_]")


def _term(word: str, stop: frozenset[str]) -> str:
    lowered = word.lower().replace("’", "'")
    if lowered.endswith("'s"):
        lowered = lowered[:-2]
    lowered = lowered.replace("'", "")
    if len(lowered) < 3 or lowered in stop:
        return ""
    return stem(lowered)


def block_terms(block: str, cache: dict[str, str] | None = None) -> dict[str, float]:
    """{term: weight} of one block; names (capitalised, not block-initial) weigh more."""
    stop = stopwords()
    cache = {} if cache is None else cache
    out: dict[str, float] = {}
    words = _TOKEN.findall(block) if len(block) <= LONG_BLOCK else _tokens(block)
    for position, word in enumerate(words):
        term = cache.get(word)
        if term is None:
            term = cache[word] = _term(word, stop)
        if not term:
            continue
        weight = NAME_WEIGHT if position > 0 and word[0].isupper() else 1.0
        if weight > out.get(term, 0.0):
            out[term] = weight
    return out


def _tokens(block: str) -> Iterator[str]:
    return (match.group() for match in _TOKEN.finditer(block))


def idf(blocks: int, df: int) -> float:
    """Rarity of a word in `df` of a document's `blocks` blocks."""
    return math.log(blocks + 1.0) - math.log(df + 0.5)


_idf = idf


def self_similarity_values(term_sets: Sequence[dict[str, float]]) -> list[float]:
    """Each block's similarity with itself, as `similarity` would have it on its diagonal
    (every word counts here, those of one block only too): the squared length of its vector."""
    n = len(term_sets)
    df: dict[str, int] = {}
    for terms in term_sets:
        for term in terms:
            df[term] = df.get(term, 0) + 1
    return [sum((w * idf(n, df[t])) ** 2 for t, w in terms.items()) for terms in term_sets]


def self_similarity(term_sets: Sequence[dict[str, float]]) -> FloatArray:
    """`self_similarity_values` as an array."""
    import numpy as np

    return np.fromiter(self_similarity_values(term_sets), float, len(term_sets))


def similarity(term_sets: Sequence[dict[str, float]]) -> FloatArray:
    """Block-by-block similarity: shared words weighted by in-document rarity; zero diagonal.

    Built word by word: the block-term matrix is very sparse, and a word in one block only
    links nothing, so it is skipped."""
    import numpy as np

    n = len(term_sets)
    postings: dict[str, list[tuple[int, float]]] = {}
    for i, terms in enumerate(term_sets):
        for term, weight in terms.items():
            postings.setdefault(term, []).append((i, weight))
    matrix = np.zeros((n, n))
    for posting in postings.values():
        df = len(posting)
        if df < 2:
            continue
        rarity = idf(n, df)
        if df == 2:
            (i, a), (j, b) = posting
            value = rarity * rarity * a * b
            matrix[i, j] += value
            matrix[j, i] += value
            continue
        index = np.fromiter((p[0] for p in posting), np.intp, df)
        vector = np.fromiter((p[1] for p in posting), float, df) * rarity
        matrix[index[:, None], index] += vector[:, None] * vector
    np.fill_diagonal(matrix, 0.0)
    return matrix


def _block_sum(prefix: FloatArray, a0: int, a1: int, b0: int, b1: int) -> float:
    return float(prefix[a1, b1] - prefix[a0, b1] - prefix[a1, b0] + prefix[a0, b0])


def modularity_splits(
    matrix: FloatArray,
    prefix: FloatArray,
    allowed: BoolArray,
    bonus: FloatArray,
    gammas: Sequence[float] = GAMMAS,
    min_blocks: int = MIN_BLOCKS,
    cost: float = 0.0,
) -> list[list[int]]:
    """For each γ, the section starts of the contiguous split with the best modularity.

    `allowed[i]` says whether a section may start at block i; `bonus[i]` is added (in units
    of the total similarity) when one does; every section costs `cost` (in units of
    modularity)."""
    import numpy as np

    n = matrix.shape[0]
    degree = matrix.sum(1)
    total = float(degree.sum())
    if total <= 0:
        return [[0] for _ in gammas]
    cumulative = np.concatenate(([0.0], degree.cumsum()))
    g = np.asarray(gammas, float)[:, None] / total
    count = len(gammas)
    best = np.full((count, n + 1), -np.inf)
    best[:, 0] = 0.0
    arg = np.zeros((count, n + 1), dtype=np.int64)
    start_score = np.diag(prefix) + np.where(allowed[: n + 1], 0.0, -np.inf)
    start_score[0] = 0.0
    start_score[1 : n + 1] += bonus[1 : n + 1] * total
    rows = np.arange(count)
    for end in range(min_blocks, n + 1):
        m = end - min_blocks + 1
        inner = (prefix[end, end] + start_score[:m] - 2.0 * prefix[end, :m]) / total
        spread = cumulative[end] - cumulative[:m]
        value = best[:, :m] - g * (spread * spread) / total + inner - cost
        choice = value.argmax(1)
        best[:, end] = value[rows, choice]
        arg[:, end] = choice
    splits = []
    for gi in range(count):
        starts, end = [], n
        while end > 0:
            start = int(arg[gi, end])
            starts.append(start)
            end = start
        splits.append(sorted(starts))
    return splits


def separation(prefix: FloatArray, starts: Sequence[int], n: int) -> list[float]:
    """For each boundary, the cross density of its two sections over their mean inner density."""
    bounds = [*starts, n]
    ratios = []
    for t in range(1, len(starts)):
        a0, a1, b1 = bounds[t - 1], bounds[t], bounds[t + 1]
        la, lb = a1 - a0, b1 - a1
        inner_a = _block_sum(prefix, a0, a1, a0, a1) / max(1, la * (la - 1))
        inner_b = _block_sum(prefix, a1, b1, a1, b1) / max(1, lb * (lb - 1))
        cross = _block_sum(prefix, a0, a1, a1, b1) / (la * lb)
        ratios.append(cross / ((inner_a + inner_b) / 2.0 + 1e-12))
    return ratios


def _segment_window(
    term_sets: Sequence[dict[str, float]],
    allowed: BoolArray,
    bonus: FloatArray,
    paragraphs: bool,
) -> list[int]:
    n = len(term_sets)
    if n < 2 * MIN_BLOCKS:
        return [0]
    matrix = similarity(term_sets)
    prefix = boundaries.prefix_sums(matrix)
    if paragraphs:
        return modularity_splits(
            matrix, prefix, allowed, bonus, (PARAGRAPH_GAMMA,), cost=SECTION_COST
        )[0]
    splits = modularity_splits(matrix, prefix, allowed, bonus)
    chosen = splits[0]
    for split in splits[1:]:
        ratios = separation(prefix, split, n)
        if not ratios or sum(ratios) / len(ratios) <= RATIO_MAX:
            chosen = split
    return chosen


SHUFFLES = 8
"""Random orders of its paragraphs an article's split is compared with (`_significance`)."""
STRONG_STRUCTURE = 6.0
"""Significance (standard deviations above the shuffles) from which an article's cohesion split
is taken as it is: several unrelated stories in a row reach 8–17, one story rarely 5."""


def _split_value(matrix: FloatArray, allowed: BoolArray, bonus: FloatArray) -> float:
    """Modularity, less the section costs, of the best split of a paragraph document."""
    import numpy as np

    prefix = boundaries.prefix_sums(matrix)
    degree = matrix.sum(1)
    total = float(degree.sum())
    if total <= 0:
        return 0.0
    split = modularity_splits(
        matrix, prefix, allowed, bonus, (PARAGRAPH_GAMMA,), cost=SECTION_COST
    )[0]
    cumulative = np.concatenate(([0.0], degree.cumsum()))
    bounds = [*split, matrix.shape[0]]
    value = 0.0
    for a, b in itertools.pairwise(bounds):
        value += _block_sum(prefix, a, b, a, b) / total
        value -= PARAGRAPH_GAMMA * ((cumulative[b] - cumulative[a]) / total) ** 2
    return value - SECTION_COST * len(split)


def _significance(matrix: FloatArray, allowed: BoolArray, bonus: FloatArray) -> float:
    """How far the article's best split beats the best splits of its paragraphs in random
    orders, in standard deviations of those. Shuffling keeps the words and destroys the
    order, so a split that does no better found no topics, only noise (a one-subject story
    still has paragraphs that happen to share words). Deterministic: a fixed seed."""
    import numpy as np

    n = matrix.shape[0]
    real = _split_value(matrix, allowed, bonus)
    rng = np.random.default_rng(0)
    anywhere, nothing = np.ones(n + 1, bool), np.zeros(n + 1)
    shuffled = []
    for _ in range(SHUFFLES):
        order = rng.permutation(n)
        shuffled.append(_split_value(matrix[np.ix_(order, order)], anywhere, nothing))
    spread = float(np.std(shuffled))
    return (real - float(np.mean(shuffled))) / (spread if spread > 0 else 1e-9)


def article_evidence(
    blocks: Sequence[str],
    term_sets: Sequence[dict[str, float]] | None = None,
    allowed: BoolArray | None = None,
    bonus: FloatArray | None = None,
) -> tuple[list[int], float, bool, FloatArray]:
    """For one article (a paragraph document of one window): its cohesion split, that
    split's significance, whether its sections are clearly apart (`RATIO_MAX`, as for
    sentence streams), and the `boundaries.features` rows. Shared with the training script
    (`scripts/train_boundaries.py`), so that training and use cannot drift apart."""
    if term_sets is None or allowed is None or bonus is None:
        term_sets, allowed, bonus = _inputs(blocks, True)
    matrix = similarity(term_sets)
    split: list[int] = [0]
    apart = False
    if len(blocks) >= 2 * MIN_BLOCKS:
        prefix = boundaries.prefix_sums(matrix)
        split = modularity_splits(
            matrix, prefix, allowed, bonus, (PARAGRAPH_GAMMA,), cost=SECTION_COST
        )[0]
        ratios = separation(prefix, split, len(blocks))
        apart = bool(ratios) and sum(ratios) / len(ratios) <= RATIO_MAX
    significance = _significance(matrix, allowed, bonus) if len(split) > 1 else 0.0
    norms = self_similarity(term_sets)
    rows = boundaries.features(blocks, term_sets, matrix, norms, split, significance)
    return split, significance, apart, rows


def _article_starts(
    blocks: Sequence[str],
    term_sets: Sequence[dict[str, float]],
    allowed: BoolArray,
    bonus: FloatArray,
) -> list[int]:
    """Sections of one article: its cohesion split when that is very significant (stories
    in a row) or its sections share almost no words, else the learned boundary model
    (`boundaries`), which weighs the split among its other signals."""
    split, significance, apart, rows = article_evidence(blocks, term_sets, allowed, bonus)
    if significance >= STRONG_STRUCTURE or apart:
        return split
    return boundaries.choose_starts(list(boundaries.scores(blocks, rows)))


def _inputs(
    blocks: Sequence[str],
    paragraphs: bool,
    cache: dict[str, str] | None = None,
    term_sets: list[dict[str, float]] | None = None,
) -> tuple[list[dict[str, float]], BoolArray, FloatArray]:
    """Terms of each block (unless given), where a section may start, and each block's start
    bonus. `cache` maps words to terms across calls."""
    import numpy as np

    n = len(blocks)
    cache = {} if cache is None else cache
    if term_sets is None:
        term_sets = [block_terms(b, cache) for b in blocks]
    allowed = np.array(
        [cues.may_open_section(blocks[i - 1] if i else None, b) for i, b in enumerate(blocks)]
        + [True]
    )
    bonus = np.zeros(n + 1)
    for i, block in enumerate(blocks):
        if not i:
            continue
        if paragraphs:
            bonus[i] = CUE_BONUS * cues.topic_cue(block)
            if cues.opens_quotation(block):
                bonus[i] -= QUOTE_PENALTY
        elif cues.opens_story(block):
            bonus[i] = CUE_BONUS
    return term_sets, allowed, bonus


LONG_BLOCK = 1 << 20
"""A block this long is counted and read without a list of all its words (for one paragraph
of 64 MB that list alone took 700 MB)."""
_SPACE = re.compile(r"\s")


def _word_count(block: str) -> int:
    """`len(block.split())`, a megabyte at a time (cut at white space) for a long block."""
    if len(block) <= LONG_BLOCK:
        return len(block.split())
    count = start = 0
    while start < len(block):
        space = _SPACE.search(block, start + LONG_BLOCK)
        end = space.start() if space else len(block)
        count += len(block[start:end].split())
        start = end
    return count


def _sentence_count(block: str) -> int:
    if len(block) <= LONG_BLOCK:
        return 1 + len(_SENTENCE_END.findall(block))
    return 1 + sum(1 for _ in _SENTENCE_END.finditer(block))


def is_paragraph_document(blocks: Sequence[str]) -> bool:
    """Long blocks, or several sentences a block: paragraphs rather than a sentence stream."""
    n = len(blocks)
    return n > 0 and (
        sum(map(_word_count, blocks)) / n >= PARAGRAPH_WORDS
        or sum(map(_sentence_count, blocks)) / n >= PARAGRAPH_SENTENCES
    )


LARGE_BLOCK_CHARS = 10_000
"""Characters of each block whose words `segment` reads in a very long document: a window of
200 lines of 100,000 characters without a space held millions of distinct words at once."""
LARGE_CACHE_WORDS = 200_000
"""Words whose terms `segment` remembers in a very long document before it forgets them all."""
LARGE_WINDOW = 200
LARGE_WINDOW_KEEP = 175
"""`WINDOW` and `WINDOW_KEEP` for a sentence stream in a very long document (`large`): the
programme's cost per block grows with the window, and a 64 MiB stream took 46 s."""


def segment(blocks: Sequence[str], large: bool = False) -> list[int]:
    """Indices of the blocks that start a section: sorted, always beginning with 0.

    A long input is read a window at a time (`blocks` may make each block when asked, as
    `sections` does): only one window's terms and similarities exist at once. `large`: a very
    long document, whose sentence streams go in shorter windows."""
    n = len(blocks)
    if n < 2 * MIN_BLOCKS:
        return [0]  # too few blocks for two sections
    paragraphs = is_paragraph_document(blocks)
    window, keep = (
        (PARAGRAPH_WINDOW, PARAGRAPH_WINDOW_KEEP) if paragraphs else (WINDOW, WINDOW_KEEP)
    )
    if large and not paragraphs:
        window, keep = LARGE_WINDOW, LARGE_WINDOW_KEEP
    if n <= window:
        blocks = [b[:LARGE_BLOCK_CHARS] for b in blocks] if large else list(blocks)
        if n <= SMALL_BLOCKS:
            return _small_starts(blocks, paragraphs)
        term_sets, allowed, bonus = _inputs(blocks, paragraphs)
        if paragraphs:
            return [int(x) for x in _article_starts(blocks, term_sets, allowed, bonus)]
        return [int(x) for x in _segment_window(term_sets, allowed, bonus, paragraphs)]
    found = {0}
    position = 0
    cache: dict[str, str] = {}
    terms: dict[int, dict[str, float]] = {}
    """Terms of the blocks of the last window, for the overlap with the next."""
    while position < n:
        end = min(n, position + window)
        chunk = blocks[position:end]
        if large and len(cache) > LARGE_CACHE_WORDS:
            cache.clear()
        read = [b[:LARGE_BLOCK_CHARS] for b in chunk] if large else chunk
        terms = {
            i: terms.get(i) or block_terms(read[i - position], cache) for i in range(position, end)
        }
        term_sets, window_allowed, window_bonus = _inputs(
            chunk, paragraphs, cache, [terms[i] for i in range(position, end)]
        )
        window_allowed[0] = True  # the window's first block: its start is where it starts
        starts = _segment_window(term_sets, window_allowed, window_bonus, paragraphs)
        if end == n:
            found.update(position + s for s in starts)
            break
        kept = [s for s in starts if 0 < s < keep]
        found.update(position + s for s in kept)
        position += kept[-1] if kept else keep
    return sorted(int(x) for x in found)


def _small_starts(blocks: Sequence[str], paragraphs: bool) -> list[int]:
    """`segment` of a document of one window, at most `SMALL_BLOCKS` blocks, without numpy."""
    from briefing.analysis import segmentation_small as small

    term_sets, allowed, bonus = small.inputs(blocks, paragraphs)
    if paragraphs:
        return small.article_starts(blocks, term_sets, allowed, bonus)
    return small.segment_window(term_sets, allowed, bonus, paragraphs)
