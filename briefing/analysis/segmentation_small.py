"""The segmenter's arithmetic for a short document, in pure Python: the same numbers as numpy's.

`segmentation` and `boundaries` hold the method and its numpy form, which a long text needs
(its programme is O(n²) per window, and a megabyte must take a second). A news article has
a few dozen paragraphs, and importing numpy cost a fresh `briefing analyze` more than all
the rest of reading it. So `segmentation.segment` sends a document of at most `SMALL_BLOCKS`
blocks here. Each function below is its numpy namesake written over lists, operation by
operation in the same order, with numpy's reductions and random permutations reproduced by
`purenum`, so the floats are the same to the last bit and so are the sections; tests compare
the two on generated and real documents.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence

from briefing.analysis import boundaries, cues, purenum
from briefing.analysis.segmentation import (
    CUE_BONUS,
    GAMMAS,
    MIN_BLOCKS,
    PARAGRAPH_GAMMA,
    QUOTE_PENALTY,
    RATIO_MAX,
    SECTION_COST,
    SHARED_FLOOR,
    SHUFFLES,
    STRONG_STRUCTURE,
    WindowArithmetic,
    block_terms,
    boundary_strength,
    earned_starts,
    idf,
    page_furniture,
    prune_starts,
    self_similarity_values,
    window_starts,
)

Matrix = list[list[float]]
_INF = math.inf


def similarity(term_sets: Sequence[dict[str, float]]) -> Matrix:
    """`segmentation.similarity`."""
    n = len(term_sets)
    postings: dict[str, list[tuple[int, float]]] = {}
    for i, terms in enumerate(term_sets):
        for term, weight in terms.items():
            postings.setdefault(term, []).append((i, weight))
    matrix = [[0.0] * n for _ in range(n)]
    for posting in postings.values():
        df = len(posting)
        if df < 2:
            continue
        rarity = idf(n, df)
        if df == 2:
            (i, a), (j, b) = posting
            value = rarity * rarity * a * b
            matrix[i][j] += value
            matrix[j][i] += value
            continue
        index = [p[0] for p in posting]
        vector = [p[1] * rarity for p in posting]
        for ia, va in zip(index, vector, strict=True):
            row = matrix[ia]
            for ib, vb in zip(index, vector, strict=True):
                row[ib] += va * vb
    for i in range(n):
        matrix[i][i] = 0.0
    return matrix


def prefix_sums(matrix: Matrix) -> Matrix:
    """`boundaries.prefix_sums`: P[a][b] = the sum of matrix[:a][:b] (cumulated down the
    columns, then along the rows, as numpy does)."""
    n = len(matrix)
    down = [list(matrix[0])] if n else []
    for i in range(1, n):
        above = down[-1]
        down.append([x + y for x, y in zip(above, matrix[i], strict=True)])
    prefix = [[0.0] * (n + 1)]
    for row in down:
        prefix.append([0.0, *purenum.cumsum(row)])
    return prefix


def _block_sum(prefix: Matrix, a0: int, a1: int, b0: int, b1: int) -> float:
    return prefix[a1][b1] - prefix[a0][b1] - prefix[a1][b0] + prefix[a0][b0]


def modularity_splits(
    matrix: Matrix,
    prefix: Matrix,
    allowed: Sequence[bool],
    bonus: Sequence[float],
    gammas: Sequence[float] = GAMMAS,
    min_blocks: int = MIN_BLOCKS,
    cost: float = 0.0,
) -> list[list[int]]:
    """`segmentation.modularity_splits`."""
    n = len(matrix)
    degree = purenum.row_sums(matrix)
    total = purenum.add_reduce(degree)
    if total <= 0:
        return [[0] for _ in gammas]
    cumulative = [0.0, *purenum.cumsum(degree)]
    g = [gamma / total for gamma in gammas]
    best = [[-_INF] * (n + 1) for _ in gammas]
    for row in best:
        row[0] = 0.0
    arg = [[0] * (n + 1) for _ in gammas]
    start_score = [prefix[i][i] + (0.0 if allowed[i] else -_INF) for i in range(n + 1)]
    start_score[0] = 0.0
    for i in range(1, n + 1):
        start_score[i] += bonus[i] * total
    for end in range(min_blocks, n + 1):
        m = end - min_blocks + 1
        row_end = prefix[end]
        corner = row_end[end]
        here = cumulative[end]
        inner = [(corner + start_score[s] - 2.0 * row_end[s]) / total for s in range(m)]
        squares = [(here - cumulative[s]) * (here - cumulative[s]) for s in range(m)]
        for k, gk in enumerate(g):
            best_k = best[k]
            value = [best_k[s] - gk * squares[s] / total + inner[s] - cost for s in range(m)]
            choice = purenum.argmax(value)
            best_k[end] = value[choice]
            arg[k][end] = choice
    splits = []
    for k in range(len(gammas)):
        starts, end = [], n
        while end > 0:
            start = arg[k][end]
            starts.append(start)
            end = start
        splits.append(sorted(starts))
    return splits


def separation(prefix: Matrix, starts: Sequence[int], n: int) -> list[float]:
    """`segmentation.separation`."""
    bounds = [*starts, n]
    ratios = []
    floor = SHARED_FLOOR * float(prefix[n][n]) / max(1, n * n)
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


def inputs(
    blocks: Sequence[str], paragraphs: bool
) -> tuple[list[dict[str, float]], list[bool], list[float]]:
    """`segmentation._inputs` for one window (the whole short document)."""
    cache: dict[str, str] = {}
    furniture, closed = page_furniture(blocks)
    term_sets = [{} if furniture[i] else block_terms(b, cache) for i, b in enumerate(blocks)]
    allowed = [
        cues.may_open_section(blocks[i - 1] if i else None, b) and not closed[i]
        for i, b in enumerate(blocks)
    ] + [True]
    titles = boundaries.title_lines(blocks)
    for i in range(1, len(blocks)):
        allowed[i] = allowed[i] and not titles[i - 1]
    bonus = [0.0] * (len(blocks) + 1)
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


def segment_window(
    term_sets: Sequence[dict[str, float]],
    allowed: Sequence[bool],
    bonus: Sequence[float],
    paragraphs: bool,
) -> list[int]:
    """`segmentation._segment_window` over lists."""
    return window_starts(LIST_ARITHMETIC, term_sets, allowed, bonus, paragraphs)


def prune(matrix: Matrix, prefix: Matrix, split: Sequence[int]) -> list[int]:
    """`segmentation.prune`."""
    squares = prefix_sums([[x * x for x in row] for row in matrix])

    def sums(a0: int, a1: int, b0: int, b1: int) -> float:
        return _block_sum(prefix, a0, a1, b0, b1)

    def square_sums(a0: int, a1: int, b0: int, b1: int) -> float:
        return _block_sum(squares, a0, a1, b0, b1)

    def strength(a0: int, a1: int, b1: int) -> float:
        return boundary_strength(sums, square_sums, a0, a1, b1)

    return prune_starts(strength, split, len(matrix))


def _stream_structure(matrix: Matrix) -> float:
    """`segmentation._stream_structure` of a short stream (one group a block: a document of
    at most `SMALL_BLOCKS` blocks, fewer than `STRUCTURE_GROUPS`)."""
    n = len(matrix)
    return _significance(matrix, [True] * (n + 1), [0.0] * (n + 1))


def _split_value(
    matrix: Matrix,
    allowed: Sequence[bool],
    bonus: Sequence[float],
    split: Sequence[int] | None = None,
) -> float:
    """`segmentation._split_value`."""
    prefix = prefix_sums(matrix)
    degree = purenum.row_sums(matrix)
    total = purenum.add_reduce(degree)
    if total <= 0:
        return 0.0
    if split is None:
        split = modularity_splits(
            matrix, prefix, allowed, bonus, (PARAGRAPH_GAMMA,), cost=SECTION_COST
        )[0]
    cumulative = [0.0, *purenum.cumsum(degree)]
    bounds = [*split, len(matrix)]
    value = 0.0
    for a, b in itertools.pairwise(bounds):
        value += _block_sum(prefix, a, b, a, b) / total
        value -= PARAGRAPH_GAMMA * ((cumulative[b] - cumulative[a]) / total) ** 2
    return value - SECTION_COST * len(split)


def best_value(matrix: Matrix) -> float:
    """`segmentation.best_values` of one matrix."""
    n = len(matrix)
    prefix = prefix_sums(matrix)
    degree = purenum.row_sums(matrix)
    total = purenum.add_reduce(degree)
    if total <= 0:
        return 0.0
    cumulative = [0.0, *purenum.cumsum(degree)]
    g = PARAGRAPH_GAMMA / total
    corner = [prefix[i][i] for i in range(n + 1)]
    best = [-_INF] * (n + 1)
    best[0] = 0.0
    for end in range(MIN_BLOCKS, n + 1):
        row = prefix[end]
        here = cumulative[end]
        best[end] = max(
            best[s]
            + (
                (corner[end] + corner[s] - 2.0 * row[s]) / total
                - g * ((here - cumulative[s]) * (here - cumulative[s])) / total
                - SECTION_COST
            )
            for s in range(end - MIN_BLOCKS + 1)
        )
    return best[n]


def _significance(
    matrix: Matrix,
    allowed: Sequence[bool],
    bonus: Sequence[float],
    split: Sequence[int] | None = None,
) -> float:
    """`segmentation._significance`, with `default_rng(0)`'s permutations."""
    real = _split_value(matrix, allowed, bonus, split)
    mean, spread = _shuffled_values(matrix)
    return (real - mean) / spread


def _shuffled_values(matrix: Matrix) -> tuple[float, float]:
    """`segmentation._shuffled_values`."""
    shuffled = []
    for order in purenum.permutations(0, len(matrix), SHUFFLES):
        rows = [matrix[i] for i in order]
        shuffled.append(best_value([[row[j] for j in order] for row in rows]))
    spread = purenum.std(shuffled)
    return purenum.mean(shuffled), (spread if spread > 0 else 1e-9)


def article_starts(
    blocks: Sequence[str],
    term_sets: Sequence[dict[str, float]],
    allowed: Sequence[bool],
    bonus: Sequence[float],
) -> list[int]:
    """`segmentation._article_starts` (with `article_evidence`)."""
    matrix = similarity(term_sets)
    split: list[int] = [0]
    apart = False
    if len(blocks) >= 2 * MIN_BLOCKS:
        prefix = prefix_sums(matrix)
        split = modularity_splits(
            matrix, prefix, allowed, bonus, (PARAGRAPH_GAMMA,), cost=SECTION_COST
        )[0]
        ratios = separation(prefix, split, len(blocks))
        apart = bool(ratios) and sum(ratios) / len(ratios) <= RATIO_MAX
    significance = _significance(matrix, allowed, bonus, split) if len(split) > 1 else 0.0
    if significance >= STRONG_STRUCTURE or apart:
        return split
    norms = self_similarity_values(term_sets)
    rows = features(blocks, term_sets, matrix, norms, split, significance)
    model_scores = scores(blocks, rows)
    starts = boundaries.choose_starts(model_scores)
    if len(starts) < 2 or not any(page_furniture(blocks)[0]):
        return starts  # the model's own ground: articles and posts, not pages of a PDF

    def value(kept: Sequence[int]) -> float:
        return _split_value(matrix, allowed, bonus, kept)

    return earned_starts(starts, model_scores, value, _shuffled_values(matrix))


# --- boundaries ----------------------------------------------------------------------------


def _mean(prefix: Matrix, a0: int, a1: int, b0: int, b1: int) -> float:
    """`boundaries._Sums.mean` of one rectangle."""
    count = (a1 - a0) * (b1 - b0)
    return _block_sum(prefix, a0, a1, b0, b1) / max(count, 1) if count > 0 else 0.0


def _window_cosines(prefix: Matrix, norms: Sequence[float], width: int) -> list[float]:
    """`boundaries._window_cosines`."""
    n = len(norms)
    along = [0.0, *purenum.cumsum(norms)]
    out = [0.0] * n
    for i in range(1, n):
        a0, b1 = max(0, i - width), min(n, i + width)
        left = _block_sum(prefix, a0, i, a0, i) + along[i] - along[a0]
        right = _block_sum(prefix, i, b1, i, b1) + along[b1] - along[i]
        product = left * right
        cross = _block_sum(prefix, a0, i, i, b1)
        out[i] = cross / math.sqrt(product) if product > 0 else 0.0
    return out


def _depths(curve: Sequence[float], reach: int = 3) -> list[float]:
    """`boundaries.depths`."""
    n = len(curve)
    out = [0.0] * n
    for i in range(1, n):
        left = max(curve[max(1, i - reach) : i + 1])
        right = max(curve[i : min(n, i + reach + 1)])
        out[i] = left + right - 2.0 * curve[i]
    return out


def features(
    blocks: Sequence[str],
    term_sets: Sequence[dict[str, float]],
    matrix: Matrix,
    norms: Sequence[float],
    cohesion_starts: Sequence[int],
    significance: float,
) -> Matrix:
    """`boundaries.features`: one row of `boundaries.FEATURES` per paragraph."""
    n = len(blocks)
    rows = [[0.0] * len(boundaries.FEATURES) for _ in range(n)]
    if n < 2:
        return rows
    mean_similarity = purenum.total_sum(matrix) / max(1, n * (n - 1)) + 1e-9
    prefix = prefix_sums(matrix)
    cohesion = [
        [_mean(prefix, max(0, i - w), i, i, min(n, i + w)) / mean_similarity for i in range(1, n)]
        for w in (1, 2, 3)
    ]
    cosines = [_window_cosines(prefix, norms, w) for w in (2, 3)]
    valleys = [_depths(c) for c in cosines]
    forward = [
        (_mean(prefix, i, i + 1, i + 1, min(n, i + 4)) - _mean(prefix, i, i + 1, max(0, i - 3), i))
        / mean_similarity
        for i in range(1, n)
    ]
    back = [
        (_mean(prefix, i - 1, i, max(0, i - 4), i - 1) - _mean(prefix, i - 1, i, i, min(n, i + 3)))
        / mean_similarity
        for i in range(1, n)
    ]
    split = set(cohesion_starts)
    strength = min(max(significance, 0.0), boundaries.STRENGTH_CAP) / boundaries.STRENGTH_CAP
    opens_quote = [float(cues.opens_quotation(b)) for b in blocks]
    has_quote = [float(boundaries.has_quote(b)) for b in blocks]
    on_split = [float(k in split) for k in range(n)]
    shared, new = boundaries.shared_and_new(term_sets)
    columns: dict[str, list[float]] = {
        "opens_quote": opens_quote[1:],
        "previous_opens_quote": opens_quote[:-1],
        "previous_log_words": boundaries.log_words(blocks[:-1]),
        "shared_with_previous_3": shared[1:],
        "new_words": new[1:],
        "has_quote": has_quote[1:],
        "reports_speech": [float(boundaries.reports_speech(b)) for b in blocks[1:]],
        "previous_has_quote": has_quote[:-1],
        "cohesion_1": cohesion[0],
        "cohesion_2": cohesion[1],
        "cohesion_3": cohesion[2],
        "cohesion_split_starts": on_split[1:],
        "cohesion_split_starts_strength": [x * strength for x in on_split[1:]],
        "cohesion_split_starts_next_to": [
            float(k - 1 in split or k + 1 in split) for k in range(1, n)
        ],
        "cosine_2": cosines[0][1:],
        "cosine_3": cosines[1][1:],
        "depth_2": valleys[0][1:],
        "depth_3": valleys[1][1:],
        "binds_forward": forward,
        "previous_binds_back": back,
    }
    for column, name in enumerate(boundaries.FEATURES):
        for k, x in enumerate(columns[name], 1):
            rows[k][column] = x
    return rows


def scores(blocks: Sequence[str], rows: Matrix) -> list[float]:
    """`boundaries.scores`."""
    weights, intercept = boundaries.model_weights()
    out = []
    for row in rows:
        total = 0.0
        for x, w in zip(row, weights, strict=True):
            total += x * w
        out.append(total + intercept)
    return boundaries.adjust_scores(blocks, out)


LIST_ARITHMETIC = WindowArithmetic(
    similarity=similarity,
    prefix_sums=prefix_sums,
    modularity_splits=modularity_splits,
    significance=_significance,
    stream_structure=_stream_structure,
    separation=separation,
    prune=prune,
)
"""The numbers of `segmentation.window_starts` over lists."""
