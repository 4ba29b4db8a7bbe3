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
   quotation mark pays `QUOTE_PENALTY` (quotes back up the point before them). A title line
   kept as a paragraph (`boundaries.title_lines`: short, unpunctuated, between longer
   paragraphs of punctuated text) opens its section: the block after it may not. A short
   document of one-sentence paragraphs in punctuated text that the stream reading leaves
   whole (no split passes its test), or that has two section titles or more, is read as one
   article by the learned model: such are web and wire articles, not only sentence lists.
6. Sections have at least `MIN_BLOCKS` blocks; long inputs go in overlapping windows
   (`WINDOW` blocks of a sentence stream, `PARAGRAPH_WINDOW` paragraphs).
7. Never worse than no split, by construction: before a window may be split, its best split
   must beat the best splits of the same blocks in random orders (`_significance`: by
   `STRONG_STRUCTURE` standard deviations for a window of a long paragraph document,
   `STREAM_STRUCTURE` for a sentence stream, read in groups of blocks), or it stays one
   section; then a boundary whose two sections share about as much as random halves of
   their blocks would (`boundary_strength`, exact) is merged (`prune`). A transcript (turns
   opening with a recurring speaker's label) is read as a stream of turns.

numpy carries the O(n²) programme: pure Python was 30× too slow for a megabyte a second. A
short document (at most `SMALL_BLOCKS` blocks, an article) is computed without it, to the same
bits, by `segmentation_small`: importing numpy cost more than the rest of reading it.
"""

from __future__ import annotations

import itertools
import math
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from briefing.analysis import boundaries, cues, purenum
from briefing.analysis.terms import stem, stopwords

if TYPE_CHECKING:  # numpy is imported where it is used: a short text never needs it
    import numpy as np
    import numpy.typing as npt

    FloatArray = npt.NDArray[np.float64]
    BoolArray = npt.NDArray[np.bool_]
    IntArray = npt.NDArray[np.intp]

GAMMAS = (0.8, 0.9, 1.0, 1.1, 1.2, 1.3, 1.4, 1.5, 1.7, 2.0)
"""Resolution ladder, coarse to fine."""
RATIO_MAX = 0.10
"""Highest mean cross/within density ratio a finer split may have to be preferred."""
MIN_BLOCKS = 2
SHARED_FLOOR = 1e-6
"""Mean inner similarity, as a share of the mean similarity of the window, below which two
sections count as holding nothing in common inside (`separation`)."""
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
    if len(block) > LONG_BLOCK:
        return _long_block_terms(block, cache, stop)
    words = _TOKEN.findall(block)
    if not words:
        return out
    for word in set(words).difference(cache):
        cache[word] = _term(word, stop)
    # Each distinct word once, in order of first use (terms enter `out` in the same order as
    # word by word); a capitalised word weighs as a name unless it only opens the block.
    opening = words[0]
    for word in dict.fromkeys(words):
        term = cache[word]
        if not term:
            continue
        name = word[0].isupper() and (word != opening or words.count(word) > 1)
        weight = NAME_WEIGHT if name else 1.0
        if weight > out.get(term, 0.0):
            out[term] = weight
    return out


def _long_block_terms(block: str, cache: dict[str, str], stop: frozenset[str]) -> dict[str, float]:
    """`block_terms` of a very long block, its words read one at a time (never all held)."""
    out: dict[str, float] = {}
    for position, word in enumerate(_tokens(block)):
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
    links nothing, so it is skipped. Every (block, block) pair of every shared word is
    listed at once and summed by `np.bincount` in the order of the words, so each cell adds
    the same products in the same order as adding word by word did (the same bits; a
    third of segmentation's time went to a numpy call per word)."""
    import numpy as np

    n = len(term_sets)
    postings: dict[str, list[tuple[int, float]]] = {}
    for i, terms in enumerate(term_sets):
        for term, weight in terms.items():
            postings.setdefault(term, []).append((i, weight))
    shared = [posting for posting in postings.values() if len(posting) >= 2]
    if not shared:
        return np.zeros((n, n))
    sizes = np.fromiter(map(len, shared), np.intp, len(shared))
    entries = [entry for posting in shared for entry in posting]
    block = np.fromiter((e[0] for e in entries), np.intp, len(entries))
    weights = np.fromiter((e[1] for e in entries), float, len(entries))
    # (not np.unique: its first call imports numpy.ma, 10 ms)
    rarity_of = {df: idf(n, df) for df in sorted(set(map(len, shared)))}
    size = np.repeat(sizes, sizes)
    """The document frequency of each entry's word."""
    word_rarity = np.fromiter((rarity_of[int(df)] for df in sizes), float, len(sizes))
    rarity = np.repeat(word_rarity, sizes)
    first = np.repeat(np.cumsum(sizes) - sizes, sizes)
    """Each entry's word's first entry."""
    # Pair every entry with each entry of its own word (itself included: the diagonal is
    # cleared at the end).
    rows = np.repeat(np.arange(len(entries)), size)
    offsets = np.arange(len(rows)) - np.repeat(np.cumsum(size) - size, size)
    cols = first[rows] + offsets
    scaled = weights * rarity
    low, high = np.minimum(rows, cols), np.maximum(rows, cols)
    pair_rarity = rarity[rows]
    values = np.where(
        size[rows] == 2,
        pair_rarity * pair_rarity * weights[low] * weights[high],
        scaled[rows] * scaled[cols],
    )
    cells = block[rows] * n + block[cols]
    sums = np.bincount(cells, weights=values, minlength=n * n)
    matrix = np.asarray(sums, dtype=float).reshape(n, n)
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
    # Every section's terms at once ([end, start]; the same operations, element by element,
    # as computing them in the loop): the loop only adds and compares.
    inner_all = (np.diagonal(prefix)[:, None] + start_score[None, :] - 2.0 * prefix) / total
    spread_all = cumulative[:, None] - cumulative[None, :]
    penalty_all = g[:, :, None] * (spread_all * spread_all)[None] / total
    for end in range(min_blocks, n + 1):
        m = end - min_blocks + 1
        value = best[:, :m] - penalty_all[:, end, :m] + inner_all[end, :m] - cost
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
    floor = SHARED_FLOOR * float(prefix[n, n]) / max(1, n * n)
    for t in range(1, len(starts)):
        a0, a1, b1 = bounds[t - 1], bounds[t], bounds[t + 1]
        la, lb = a1 - a0, b1 - a1
        inner_a = _block_sum(prefix, a0, a1, a0, a1) / max(1, la * (la - 1))
        inner_b = _block_sum(prefix, a1, b1, a1, b1) / max(1, lb * (lb - 1))
        cross = _block_sum(prefix, a0, a1, a1, b1) / (la * lb)
        inner = (inner_a + inner_b) / 2.0
        # sections whose blocks share nothing among themselves (turns of "Yeah.") are not
        # apart by their words: the ratio would be rounding error over rounding error
        ratios.append(max(cross, 0.0) / inner if inner > floor else 1.0)
    return ratios


@dataclass(frozen=True)
class WindowArithmetic:
    """The numbers `window_starts` works with: numpy's here (`NUMPY_ARITHMETIC`), the same
    over lists in `segmentation_small`. One control flow serves both, so that the two paths
    cannot drift apart; each function's two forms give the same floats (tests compare them)."""

    similarity: Callable[[Sequence[dict[str, float]]], Any]
    prefix_sums: Callable[[Any], Any]
    modularity_splits: Callable[..., list[list[int]]]
    significance: Callable[[Any, Any, Any, Sequence[int]], float]
    stream_structure: Callable[[Any], float]
    separation: Callable[[Any, Sequence[int], int], list[float]]
    prune: Callable[[Any, Any, Sequence[int]], list[int]]


def window_starts(
    ops: WindowArithmetic,
    term_sets: Sequence[dict[str, float]],
    allowed: Sequence[bool] | BoolArray,
    bonus: Sequence[float] | FloatArray,
    paragraphs: bool,
) -> list[int]:
    """Sections of one window of a document (or of a whole sentence stream of one window).

    Before it may split, the window's structure must beat the same blocks in random orders
    (`_significance`, `_stream_structure`): text without topics (or whose words are too few
    to tell them) gets no boundary. The split's weakest boundaries are then merged while
    their two sections share as much as random halves would (`prune`)."""
    n = len(term_sets)
    if n < 2 * MIN_BLOCKS:
        return [0]
    matrix = ops.similarity(term_sets)
    prefix = ops.prefix_sums(matrix)
    if paragraphs:
        split = ops.modularity_splits(
            matrix, prefix, allowed, bonus, (PARAGRAPH_GAMMA,), cost=SECTION_COST
        )[0]
        if len(split) < 2 or ops.significance(matrix, allowed, bonus, split) < STRONG_STRUCTURE:
            return [0]
        return ops.prune(matrix, prefix, split)
    splits = ops.modularity_splits(matrix, prefix, allowed, bonus)
    if all(len(split) < 2 for split in splits) or ops.stream_structure(matrix) < STREAM_STRUCTURE:
        return [0]
    chosen = splits[0]
    for split in splits[1:]:
        ratios = ops.separation(prefix, split, n)
        if not ratios or sum(ratios) / len(ratios) <= RATIO_MAX:
            chosen = split
    return ops.prune(matrix, prefix, chosen)


def _segment_window(
    term_sets: Sequence[dict[str, float]],
    allowed: BoolArray,
    bonus: FloatArray,
    paragraphs: bool,
) -> list[int]:
    """`window_starts` in numpy."""
    return window_starts(NUMPY_ARITHMETIC, term_sets, allowed, bonus, paragraphs)


BOUNDARY_Z = 1.0
"""A boundary whose two sections share less than random halves of their blocks by fewer
standard deviations than this is merged (`prune`). Digests of unrelated stories: Pk 0.091 ->
0.057 (tune set), Choi 3-11 unchanged; at 2 Choi's short segments begin to merge."""


def boundary_strength(
    block_sum: Callable[[int, int, int, int], float],
    square_sum: Callable[[int, int, int, int], float],
    a0: int,
    a1: int,
    b1: int,
) -> float:
    """How much less the sections [a0, a1) and [a1, b1) share than two random halves of the
    same sizes of their blocks would, in standard deviations: exact mean and variance of the
    cross similarity when the union's blocks are dealt into the two sizes at random.

    `block_sum(r0, r1, c0, c1)` sums the similarity matrix over rows [r0, r1) and columns
    [c0, c1) (from prefix sums), `square_sum` its squares. Scalar arithmetic only, in one
    order, so that numpy's path and the pure-Python one (`segmentation_small`) agree to the
    bit."""
    u, a, b = b1 - a0, a1 - a0, b1 - a1
    if a < 1 or b < 1 or u < 4:
        return 0.0
    total = block_sum(a0, b1, a0, b1) / 2.0
    cross = block_sum(a0, a1, a1, b1)
    squares = square_sum(a0, b1, a0, b1) / 2.0
    rows = 0.0
    for i in range(a0, b1):
        row = block_sum(i, i + 1, a0, b1)
        rows += row * row
    shared = rows - 2.0 * squares
    disjoint = total * total - squares - shared
    p = a * b / (u * (u - 1) / 2.0)
    q = 4.0 * a * (a - 1) * b * (b - 1) / (u * (u - 1) * (u - 2) * (u - 3))
    variance = squares * (p - p * p) + shared * (p / 2.0 - p * p) + disjoint * (q - p * p)
    if variance <= 0.0:
        return 0.0
    return (total * p - cross) / math.sqrt(variance)


def prune_starts(
    strength: Callable[[int, int, int], float], split: Sequence[int], n: int
) -> list[int]:
    """Merge the weakest boundary of `split` (the lowest `strength(a0, a1, b1)` of its two
    sections [a0, a1) and [a1, b1)) while it is below `BOUNDARY_Z`."""
    starts = list(split)
    while len(starts) > 1:
        bounds = [*starts, n]
        values = [strength(bounds[t - 1], bounds[t], bounds[t + 1]) for t in range(1, len(starts))]
        weakest = min(range(len(values)), key=values.__getitem__)
        if values[weakest] >= BOUNDARY_Z:
            break
        del starts[weakest + 1]
    return starts


def _sum_of(prefix: FloatArray) -> Callable[[int, int, int, int], float]:
    def block_sum(a0: int, a1: int, b0: int, b1: int) -> float:
        return _block_sum(prefix, a0, a1, b0, b1)

    return block_sum


def prune(matrix: FloatArray, prefix: FloatArray, split: Sequence[int]) -> list[int]:
    """`prune_starts` over the window's similarity `matrix` (`prefix`: its prefix sums)."""
    sums, squares = _sum_of(prefix), _sum_of(boundaries.prefix_sums(matrix * matrix))

    def strength(a0: int, a1: int, b1: int) -> float:
        return boundary_strength(sums, squares, a0, a1, b1)

    return prune_starts(strength, split, matrix.shape[0])


SHUFFLES = 8
"""Random orders of its paragraphs an article's split is compared with (`_significance`)."""
MODEL_STRUCTURE = 0.0
"""In text taken from a PDF (it has page furniture: page numbers, running headers), the
learned model's split must reach the mean value of the best splits of the same paragraphs
in random orders (`earned_starts`), or its weakest starts are dropped until it does. The
model learned news and posts; pages of a PDF come from anywhere, and its splits of posts
from sites it had not seen were worse than none (Pk 0.424 against 0.404). On the PDF tune
part: Pk 0.395 -> 0.389 (at 1 and 2 deviations 0.391, 0.393); news and posts unchanged.
Everywhere (not only in PDF text) the same test cost the hand-marked news a third of the
starts it finds exactly (train 28 -> 22 %, dev 26 -> 18 %), so it is kept to such text."""
STRONG_STRUCTURE = 6.0
"""Significance (standard deviations above the shuffles) from which an article's cohesion split
is taken as it is: several unrelated stories in a row reach 8–17, one story rarely 5. A window
of a long paragraph document must reach it too, or it is not split (transcripts of long turns
otherwise came out in sections of a dozen turns where the topic lasts a hundred)."""
STREAM_STRUCTURE = 1.5
"""Significance a sentence stream's window must reach (in groups of its blocks, see
`_stream_structure`) before it may split."""
STRUCTURE_GROUPS = 60
"""Largest number of groups of consecutive blocks `_stream_structure` compares: a window of
400 sentences is tested in groups of 7, whose programme costs a fortieth of one over 400."""


def _split_value(
    matrix: FloatArray,
    allowed: BoolArray,
    bonus: FloatArray,
    split: Sequence[int] | None = None,
) -> float:
    """Modularity, less the section costs, of the best split of a paragraph document (of
    `split`, when the caller has found it already)."""
    import numpy as np

    prefix = boundaries.prefix_sums(matrix)
    degree = matrix.sum(1)
    total = float(degree.sum())
    if total <= 0:
        return 0.0
    if split is None:
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


def best_values(matrices: Sequence[FloatArray]) -> list[float]:
    """For each matrix, the value of its best split (modularity at `PARAGRAPH_GAMMA` less
    `SECTION_COST` a section, any block a start, no bonus): the programme of
    `modularity_splits`, for all of them at once and with every section's value computed
    before it (the shuffled orders of `_significance` cost about one programme, not eight)."""
    import numpy as np

    count, n = len(matrices), matrices[0].shape[0]
    prefix = np.stack([boundaries.prefix_sums(m) for m in matrices])
    degrees = [m.sum(1) for m in matrices]
    totals = np.array([float(d.sum()) for d in degrees])
    if not (totals > 0).all():
        return [0.0] * count
    cumulative = np.stack([np.concatenate(([0.0], d.cumsum())) for d in degrees])
    total = totals[:, None, None]
    g = PARAGRAPH_GAMMA / total
    corner = np.diagonal(prefix, axis1=1, axis2=2)
    spread = cumulative[:, :, None] - cumulative[:, None, :]
    inner = (corner[:, :, None] + corner[:, None, :] - 2.0 * prefix) / total
    section = inner - g * (spread * spread) / total - SECTION_COST
    """section[r, end, start]: what the section [start, end) adds to the value."""
    best = np.full((count, n + 1), -np.inf)
    best[:, 0] = 0.0
    for end in range(MIN_BLOCKS, n + 1):
        m = end - MIN_BLOCKS + 1
        best[:, end] = (best[:, :m] + section[:, end, :m]).max(1)
    return [float(v) for v in best[:, n]]


def _significance(
    matrix: FloatArray,
    allowed: BoolArray,
    bonus: FloatArray,
    split: Sequence[int] | None = None,
) -> float:
    """How far the article's best split beats the best splits of its paragraphs in random
    orders, in standard deviations of those. Shuffling keeps the words and destroys the
    order, so a split that does no better found no topics, only noise (a one-subject story
    still has paragraphs that happen to share words). Deterministic: a fixed seed."""
    real = _split_value(matrix, allowed, bonus, split)
    mean, spread = _shuffled_values(matrix)
    return (real - mean) / spread


@lru_cache(maxsize=16)
def _shuffled_orders(n: int) -> tuple[IntArray, ...]:
    """The `SHUFFLES` successive permutations of range(n) of `default_rng(0)`, made once per
    size (read-only): every window of a long document has the same size and was shuffled
    with a new generator of the same seed. Up to `SMALL_BLOCKS` (an article's window) they
    come from `purenum`, the same numbers in 0.4 ms, without importing numpy's random
    module (10 ms); a longer one's from numpy (pure Python takes 10 ms for 400)."""
    import numpy as np

    if n <= SMALL_BLOCKS:
        orders = [np.array(order, dtype=np.intp) for order in purenum.permutations(0, n, SHUFFLES)]
    else:
        rng = np.random.default_rng(0)
        orders = [rng.permutation(n) for _ in range(SHUFFLES)]
    for order in orders:
        order.flags.writeable = False
    return tuple(orders)


def _shuffled_values(matrix: FloatArray) -> tuple[float, float]:
    """Mean and standard deviation (never 0) of the best splits' values of the matrix's
    blocks in `SHUFFLES` random orders (a fixed seed)."""
    import numpy as np

    n = matrix.shape[0]
    shuffled = best_values([matrix[np.ix_(order, order)] for order in _shuffled_orders(n)])
    spread = float(np.std(shuffled))
    return float(np.mean(shuffled)), (spread if spread > 0 else 1e-9)


def earned_starts(
    starts: Sequence[int],
    scores: Sequence[float],
    split_value: Callable[[Sequence[int]], float],
    shuffled: tuple[float, float],
) -> list[int]:
    """The learned model's starts, its weakest (lowest score) dropped one at a time until the
    split's value beats the best splits of the paragraphs in random orders (`shuffled`: their
    mean and deviation) by `MODEL_STRUCTURE` deviations: a split into sections that share
    as many words as a shuffled article's does not earn them (never worse than no split).
    Shared by the numpy and pure-Python paths (`split_value` is theirs)."""
    kept = list(starts)
    mean, spread = shuffled
    while len(kept) > 1 and (split_value(kept) - mean) / spread < MODEL_STRUCTURE:
        kept.remove(min(kept[1:], key=lambda s: (scores[s], -s)))
    return kept


def _grouped(matrix: FloatArray, size: int, order: IntArray | None = None) -> FloatArray:
    """The similarity of groups of `size` consecutive blocks (the last one shorter) of the
    blocks in `order` (by default their own), within a group left out."""
    import numpy as np

    cuts = np.arange(0, matrix.shape[0], size)
    rows = matrix if order is None else matrix[order]
    grouped = np.add.reduceat(rows, cuts, axis=0)
    grouped = np.add.reduceat(grouped if order is None else grouped[:, order], cuts, axis=1)
    np.fill_diagonal(grouped, 0.0)
    return grouped


def _stream_structure(matrix: FloatArray) -> float:
    """`_significance` of a sentence stream's window, read in at most `STRUCTURE_GROUPS`
    groups of consecutive blocks (the shuffled orders grouped the same way): whether the
    window has topics at all, at a fraction of the cost of comparing splits of every
    sentence. A short stream (one group a block) is compared exactly as an article is."""
    import numpy as np

    n = matrix.shape[0]
    size = -(-n // STRUCTURE_GROUPS)
    groups = -(-n // size)
    anywhere, nothing = np.ones(groups + 1, bool), np.zeros(groups + 1)
    if size == 1:
        return _significance(matrix, anywhere, nothing)
    real = _split_value(_grouped(matrix, size), anywhere, nothing)
    shuffled = best_values([_grouped(matrix, size, order) for order in _shuffled_orders(n)])
    spread = float(np.std(shuffled))
    return (real - float(np.mean(shuffled))) / (spread if spread > 0 else 1e-9)


NUMPY_ARITHMETIC = WindowArithmetic(
    similarity=similarity,
    prefix_sums=boundaries.prefix_sums,
    modularity_splits=modularity_splits,
    significance=_significance,
    stream_structure=_stream_structure,
    separation=separation,
    prune=prune,
)


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
    significance = _significance(matrix, allowed, bonus, split) if len(split) > 1 else 0.0
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
    scores = list(boundaries.scores(blocks, rows))
    starts = boundaries.choose_starts(scores)
    if len(starts) < 2 or not any(page_furniture(blocks)[0]):
        return starts  # the model's own ground: articles and posts, not pages of a PDF
    matrix = similarity(term_sets)

    def value(kept: Sequence[int]) -> float:
        return _split_value(matrix, allowed, bonus, kept)

    return earned_starts(starts, scores, value, _shuffled_values(matrix))


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
    furniture, closed = page_furniture(blocks)
    allowed = np.array(
        [
            cues.may_open_section(blocks[i - 1] if i else None, b) and not closed[i]
            for i, b in enumerate(blocks)
        ]
        + [True]
    )
    term_sets = [{} if furniture[i] else terms for i, terms in enumerate(term_sets)]
    titles = boundaries.title_lines(blocks)
    allowed[1:n] &= ~np.array(titles[:-1], bool)
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


_PAGE_NUMBER = re.compile(r"(?:page\s+)?\d{1,4}(?:\s*(?:/|of)\s*\d{1,4})?", re.IGNORECASE)
FURNITURE_REPEATS = 3
"""A short block found this often in a window is a running header or footer."""
FURNITURE_CHARS = 80


def page_furniture(blocks: Sequence[str]) -> tuple[list[bool], list[bool]]:
    """Which blocks are page furniture of text taken from a PDF (page numbers, and short
    lines repeated through the text: running headers), and which may not open a section:
    furniture carries no topic, and the block after it runs on from the one before it unless
    that one ended a sentence (a paragraph cut by a page break)."""
    counts: dict[str, int] = {}
    for block in blocks:
        if len(block) <= FURNITURE_CHARS:
            counts[block.strip()] = counts.get(block.strip(), 0) + 1
    marked = [
        len(b) <= FURNITURE_CHARS
        and (
            _PAGE_NUMBER.fullmatch(b.strip()) is not None
            or counts.get(b.strip(), 0) >= FURNITURE_REPEATS
        )
        for b in blocks
    ]
    out = list(marked)
    for i, is_furniture in enumerate(marked):
        if not is_furniture or i + 1 >= len(blocks) or marked[i + 1]:
            continue
        j = i - 1
        while j >= 0 and marked[j]:
            j -= 1
        if j >= 0 and not blocks[j].rstrip().endswith((".", "!", "?", ":", "”", '"')):
            out[i + 1] = True  # the paragraph before runs on past the page break
    return marked, out


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


_SPEAKER = re.compile(r"^([^:\n]{1,40}):\s")
"""A speaker's label opening a turn of a transcript ("Anna Lee: …", "Q: …")."""
SPEAKER_TURNS = 3
"""Turns a label must open to count as a speaker's."""


def is_transcript(blocks: Sequence[str]) -> bool:
    """Half the blocks or more open with the label of a speaker who has several turns."""
    labels: dict[str, int] = {}
    for block in blocks:
        match = _SPEAKER.match(block)
        if match is not None:
            labels[match.group(1)] = labels.get(match.group(1), 0) + 1
    turns = sum(count for count in labels.values() if count >= SPEAKER_TURNS)
    return turns * 2 >= len(blocks)


def is_paragraph_document(blocks: Sequence[str]) -> bool:
    """Long blocks, or several sentences a block: paragraphs rather than a sentence stream. A
    transcript is a stream of turns, however long they are: its topics last many turns, and
    the paragraph constants (tuned on articles) cut it every dozen."""
    n = len(blocks)
    return (
        n > 0
        and not is_transcript(blocks)
        and (
            sum(map(_word_count, blocks)) / n >= PARAGRAPH_WORDS
            or sum(map(_sentence_count, blocks)) / n >= PARAGRAPH_SENTENCES
        )
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
            # not the window's own first block: it starts a section only if it was kept as
            # one from the window before (then it is in `found` already)
            found.update(position + s for s in starts if s > 0)
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
    if not boundaries.punctuated(blocks) or is_transcript(blocks):
        return small.segment_window(term_sets, allowed, bonus, paragraphs)
    titled = sum(boundaries.heading_titles(boundaries.title_lines(blocks))) >= 2
    starts = [0] if titled else small.segment_window(term_sets, allowed, bonus, paragraphs)
    if len(starts) > 1:
        return starts
    # one article of one-sentence paragraphs: the stream found no turn, the article model may
    term_sets, allowed, bonus = small.inputs(blocks, True)
    return small.article_starts(blocks, term_sets, allowed, bonus)
