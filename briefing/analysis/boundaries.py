"""Where one news article turns to a new sub-topic: a small learned boundary model.

Inside a single article lexical cohesion is weak: paragraphs are short, and the words that
link them (the story's names) run through the whole text. The cohesion split of
`segmentation.py` alone placed boundaries worse than not splitting at all on news whose
sub-topics were marked by hand. What does separate them is local: whether a paragraph opens
with a quotation (a quote backs up the point before it), how much of its vocabulary is new,
how long the paragraph before it is, how little it shares with its neighbours (and how
deep a valley of TextTiling's block cosines lies there), whether the paragraph binds to
the ones after it rather than those before, and whether the cohesion split also starts a
section there.

So each paragraph gets a boundary score, a logistic model over those signals
(`FEATURES`, weights in `data/boundaries.json`, trained by `scripts/train_boundaries.py` on
hand-marked news and on blog and report posts with their headings removed), plus a
hand-set bonus for an opening topic cue ("A separate …", "Meanwhile, …"): the training news
has almost none, too few to learn from. A dynamic programme then keeps the starts whose
scores exceed `THRESHOLD`, in sections of at least `MIN_PARAGRAPHS` paragraphs, a section
shorter than a sixth of the document paying a little more. The number of sections is the
document's own: a story with no clear turn stays whole.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Sequence
from functools import cache
from typing import TYPE_CHECKING

from briefing.analysis import cues, data_text

if TYPE_CHECKING:  # numpy is imported where it is used: a short text never needs it
    import numpy as np
    import numpy.typing as npt

    FloatArray = npt.NDArray[np.float64]
    IntArray = npt.NDArray[np.int_]

FEATURES = (
    "opens_quote",
    "previous_opens_quote",
    "previous_log_words",
    "shared_with_previous_3",
    "new_words",
    "has_quote",
    "reports_speech",
    "previous_has_quote",
    "cohesion_1",
    "cohesion_2",
    "cohesion_3",
    "cohesion_split_starts",
    "cohesion_split_starts_strength",
    "cohesion_split_starts_next_to",
    "cosine_2",
    "cosine_3",
    "depth_2",
    "depth_3",
    "binds_forward",
    "previous_binds_back",
)
"""The model's inputs for paragraph i as a section start, in the order of its weights."""

CUE_LOG_ODDS = 2.0
"""Added to the score of a paragraph that opens with a strong topic cue (half for a weak one)."""
THRESHOLD = -0.5
"""Log-odds above which a start is worth a section. Was -0.85 (chosen by 4-fold
cross-validation for the lowest Pk); with the short-section cost below, -0.5 keeps the Pk and
halves the false starts: on the tune sets (PolNeAR train, dev, the new outlets' tune part)
extra sections an article 1.61, 1.92, 1.96 -> 0.84, 0.81, 0.75, Pk 0.324, 0.327, 0.371 ->
0.326, 0.307, 0.346, marked starts found exactly 55, 57, 46 -> 44, 44, 39 %."""
MIN_PARAGRAPHS = 2
"""Shortest section."""
SHORT_SHARE = 1 / 6
"""A section shorter than this share of the document pays `SHORT_COST` more, unless its start
scores `SURE` or more (a topic cue, a clear turn): the number of sections follows the
document's length, and only a sure turn opens a short one."""
SHORT_COST = 0.5
SURE = 1.0
TITLE_BODY = 2
"""Paragraphs a title line must head (before the next one) for its bonus: a name over a
single paragraph is a list item, and an item of one paragraph is no section."""
TITLE_WORDS = 12
PUNCTUATED_SHARE = 0.75
_CLOSES_SENTENCE = re.compile(r"[.!?:;…\"”’')\]]\s*$")
_NOT_A_TITLE = re.compile(
    r"[\W_]*(?:tables?|figures?|fig\.|charts?|graphs?|images?|photos?|exhibits?|maps?|notes?"
    r"|sources?|credits?)\b|\s*(?:--|—|–)|.*\b(?:credits?|sources?|via)\s*:",
    re.IGNORECASE,
)
"""Short unpunctuated lines that title nothing: a caption's label ("Table 2: …", "Figure 1.
…", "Image credit: …") and a signature or attribution opened by a dash ("— Jane Doe",
"-- Santiago newsroom")."""
STRENGTH_CAP = 10.0
"""Significance (in standard deviations) at which the cohesion split counts as fully sure."""

_QUOTE = re.compile(r"[“\"]")
_SPEECH = re.compile(r"\b(?:said|says|told|added)\b")


def prefix_sums(matrix: FloatArray) -> FloatArray:
    """P[a, b] = the sum of matrix[:a, :b], so that any rectangle sums in O(1)."""
    import numpy as np

    n = matrix.shape[0]
    prefix = np.zeros((n + 1, n + 1))
    prefix[1:, 1:] = matrix.cumsum(0).cumsum(1)
    return prefix


class _Sums:
    """Sums and means of rectangles of a similarity matrix, many at once."""

    def __init__(self, matrix: FloatArray) -> None:
        self.n = matrix.shape[0]
        self.prefix = prefix_sums(matrix)

    def block(self, a0: IntArray, a1: IntArray, b0: IntArray, b1: IntArray) -> FloatArray:
        """Sums of matrix[a0:a1, b0:b1] for arrays of bounds."""
        p = self.prefix
        return p[a1, b1] - p[a0, b1] - p[a1, b0] + p[a0, b0]

    def mean(self, a0: IntArray, a1: IntArray, b0: IntArray, b1: IntArray) -> FloatArray:
        """Means of those rectangles, 0 for an empty one."""
        import numpy as np

        count = (a1 - a0) * (b1 - b0)
        return np.where(count > 0, self.block(a0, a1, b0, b1) / np.maximum(count, 1), 0.0)


def window_cosines(matrix: FloatArray, norms: FloatArray, width: int) -> FloatArray:
    """For each paragraph i, the cosine between the paragraphs [i - width, i) and
    [i, i + width) taken as one text each (TextTiling's block comparison); 0 for i = 0.
    `norms` are the paragraphs' similarities with themselves (`segmentation.self_similarity`)."""
    return _window_cosines(_Sums(matrix), norms, width)


def _window_cosines(sums: _Sums, norms: FloatArray, width: int) -> FloatArray:
    import numpy as np

    n = sums.n
    along = np.concatenate(([0.0], norms.cumsum()))
    i = np.arange(1, n)
    a0, b1 = np.maximum(0, i - width), np.minimum(n, i + width)
    left = sums.block(a0, i, a0, i) + along[i] - along[a0]
    right = sums.block(i, b1, i, b1) + along[b1] - along[i]
    product = left * right
    cross = sums.block(a0, i, i, b1)
    out = np.zeros(n)
    out[1:] = np.where(product > 0, cross / np.sqrt(np.where(product > 0, product, 1.0)), 0.0)
    return out


def depths(curve: FloatArray, reach: int = 3) -> FloatArray:
    """How deep each point of a cohesion curve lies below the highest points within `reach`
    on either side (TextTiling's depth score): a valley between two cohesive stretches."""
    import numpy as np

    n = len(curve)
    out = np.zeros(n)
    for i in range(1, n):
        left = float(curve[max(1, i - reach) : i + 1].max())
        right = float(curve[i : min(n, i + reach + 1)].max())
        out[i] = left + right - 2.0 * float(curve[i])
    return out


def features(
    blocks: Sequence[str],
    term_sets: Sequence[dict[str, float]],
    matrix: FloatArray,
    norms: FloatArray,
    cohesion_starts: Sequence[int],
    significance: float,
) -> FloatArray:
    """One row of `FEATURES` per paragraph (row 0, the start of the text, is never scored).

    `term_sets`, `matrix` and `norms` are the paragraphs' terms, similarity and
    self-similarity (`segmentation`); `cohesion_starts` is the cohesion split,
    `significance` how far it beats the same paragraphs shuffled, in standard deviations."""
    import numpy as np

    n = len(blocks)
    rows = np.zeros((n, len(FEATURES)))
    if n < 2:
        return rows
    mean_similarity = float(matrix.sum()) / max(1, n * (n - 1)) + 1e-9
    sums = _Sums(matrix)
    i = np.arange(1, n)
    cohesion = [
        sums.mean(np.maximum(0, i - w), i, i, np.minimum(n, i + w)) / mean_similarity
        for w in (1, 2, 3)
    ]
    cosines = [_window_cosines(sums, norms, w) for w in (2, 3)]
    valleys = [depths(c) for c in cosines]
    # paragraph i shares more with the three after it than with the three before; paragraph
    # i - 1 more with the three before it than with i and the next two
    forward = (
        sums.mean(i, i + 1, i + 1, np.minimum(n, i + 4))
        - sums.mean(i, i + 1, np.maximum(0, i - 3), i)
    ) / mean_similarity
    back = (
        sums.mean(i - 1, i, np.maximum(0, i - 4), i - 1)
        - sums.mean(i - 1, i, i, np.minimum(n, i + 3))
    ) / mean_similarity
    split = set(cohesion_starts)
    strength = min(max(significance, 0.0), STRENGTH_CAP) / STRENGTH_CAP
    opens_quote = np.array([cues.opens_quotation(b) for b in blocks], float)
    has_quotes = np.array([has_quote(b) for b in blocks], float)
    on_split = np.array([k in split for k in range(n)], float)
    shared, new = (np.array(x) for x in shared_and_new(term_sets))
    columns: dict[str, FloatArray] = {
        "opens_quote": opens_quote[1:],
        "previous_opens_quote": opens_quote[:-1],
        "previous_log_words": np.array(log_words(blocks[:-1])),
        "shared_with_previous_3": shared[1:],
        "new_words": new[1:],
        "has_quote": has_quotes[1:],
        "reports_speech": np.array([reports_speech(b) for b in blocks[1:]], float),
        "previous_has_quote": has_quotes[:-1],
        "cohesion_1": cohesion[0],
        "cohesion_2": cohesion[1],
        "cohesion_3": cohesion[2],
        "cohesion_split_starts": on_split[1:],
        "cohesion_split_starts_strength": on_split[1:] * strength,
        "cohesion_split_starts_next_to": np.array(
            [k - 1 in split or k + 1 in split for k in range(1, n)], float
        ),
        "cosine_2": cosines[0][1:],
        "cosine_3": cosines[1][1:],
        "depth_2": valleys[0][1:],
        "depth_3": valleys[1][1:],
        "binds_forward": forward,
        "previous_binds_back": back,
    }
    for column, name in enumerate(FEATURES):
        rows[1:, column] = columns[name]
    return rows


def has_quote(block: str) -> bool:
    """A quotation mark anywhere in the paragraph."""
    return _QUOTE.search(block) is not None


def reports_speech(block: str) -> bool:
    """A speech verb ("said", "told") in the paragraph."""
    return _SPEECH.search(block) is not None


def log_words(blocks: Sequence[str]) -> list[float]:
    """log(1 + words) of each paragraph: `math.log1p`, the same on every machine (numpy's
    vectorised log1p differs in the last bit on some processors)."""
    return [math.log1p(len(b.split())) for b in blocks]


def shared_and_new(term_sets: Sequence[dict[str, float]]) -> tuple[list[float], list[float]]:
    """For each paragraph, the share of its terms in the three before it, and the share seen
    nowhere before it (0 for the first)."""
    n = len(term_sets)
    shared, new = [0.0] * n, [0.0] * n
    seen: set[str] = set(term_sets[0]) if n else set()
    for k in range(1, n):
        terms = term_sets[k].keys()
        size = len(terms) or 1
        recent = set().union(*(term_sets[j].keys() for j in range(max(0, k - 3), k)))
        shared[k] = len(terms & recent) / size
        new[k] = len(terms - seen) / size
        seen.update(terms)
    return shared, new


@cache
def model_weights() -> tuple[tuple[float, ...], float]:
    """The shipped weights (in `FEATURES` order) and intercept."""
    raw = json.loads(data_text("briefing.analysis", "data/boundaries.json"))
    if tuple(raw["features"]) != FEATURES:
        raise ValueError("boundaries.json was trained on other features: retrain it")
    return tuple(float(w) for w in raw["weights"]), float(raw["intercept"])


def _model() -> tuple[FloatArray, float]:
    import numpy as np

    weights, intercept = model_weights()
    return np.asarray(weights, float), intercept


def scores(blocks: Sequence[str], rows: FloatArray) -> FloatArray:
    """Log-odds that each paragraph starts a section; -inf where one cannot (a paragraph
    that leans on the one before it, "He …", "However, …", or that one announces, "…:").

    The weighted sum runs feature by feature, in `FEATURES` order (not a BLAS product, whose
    order of additions varies with the processor), so every machine, and the pure-Python
    form for short texts (`segmentation_small.scores`), gets the same scores."""
    import numpy as np

    weights, intercept = model_weights()
    out = np.zeros(rows.shape[0])
    for column, weight in enumerate(weights):
        out = out + rows[:, column] * weight
    out = out + intercept
    return np.array(adjust_scores(blocks, out.tolist()))


def adjust_scores(blocks: Sequence[str], out: list[float]) -> list[float]:
    """Add the topic-cue bonus to each score; raise a section's title line
    (`heading_titles`) to a sure start; make -inf the paragraphs that cannot start a
    section, and those that follow a title line (the title opens the section, not the text
    it titles); in place.

    On the hand-marked web articles of the tune sets (the three outlet sets) a section's
    title line starts a marked section 35 times of 50 (any title line 39 of 81), where any
    paragraph does 215 times of 1,300, and the paragraph after a title line never does (0 of
    86). In the tune posts, whose headings were removed (their short lines are inner
    titles), 2 of 21 and 5 of 25."""
    titles = title_lines(blocks)
    heads = heading_titles(titles)
    for i, block in enumerate(blocks):
        out[i] += CUE_LOG_ODDS * cues.topic_cue(block)
        if heads[i]:  # a section's own title: a sure start, even of a short section
            out[i] = max(out[i], SURE)
        if not cues.may_open_section(blocks[i - 1] if i else None, block) or (i and titles[i - 1]):
            out[i] = -math.inf
    return out


def heading_titles(titles: Sequence[bool]) -> list[bool]:
    """Of the title lines (`title_lines`), those over more than `TITLE_BODY` paragraphs
    before the next one or the end: a section's title rather than a list item's name."""
    heads = [False] * len(titles)
    after = len(titles)
    for i in range(len(titles) - 1, -1, -1):
        if titles[i]:
            heads[i] = after - i > TITLE_BODY
            after = i
    return heads


def punctuated(blocks: Sequence[str]) -> bool:
    """Whether the text closes at least `PUNCTUATED_SHARE` of its blocks with a sentence's
    closing punctuation."""
    closed = sum(_CLOSES_SENTENCE.search(b) is not None for b in blocks)
    return bool(blocks) and closed >= PUNCTUATED_SHARE * len(blocks)


def title_lines(blocks: Sequence[str]) -> list[bool]:
    """Which paragraphs are title lines: short (`TITLE_WORDS` words or fewer), without a
    sentence's closing punctuation, between longer paragraphs (a run of short lines is a
    list), in a document that closes at least `PUNCTUATED_SHARE` of its longer paragraphs
    with it: a list item's name, a subsection's title that the text kept as a paragraph. In
    text without punctuation (transcripts, subtitles) no line is one."""
    n = len(blocks)
    short = [len(b.split()) <= TITLE_WORDS for b in blocks]
    open_ended = [_CLOSES_SENTENCE.search(b) is None for b in blocks]
    longer = [o for o, s in zip(open_ended, short, strict=True) if not s]
    if not longer or sum(longer) > (1 - PUNCTUATED_SHARE) * len(longer):
        return [False] * n
    return [
        open_ended[i]
        and short[i]
        and i + 1 < n
        and not short[i + 1]
        and not (i and short[i - 1])
        and _NOT_A_TITLE.match(blocks[i]) is None
        for i in range(n)
    ]


def choose_starts(
    scores: Sequence[float], threshold: float = THRESHOLD, min_paragraphs: int = MIN_PARAGRAPHS
) -> list[int]:
    """The section starts that maximise the summed (score − threshold) of the chosen starts,
    less `SHORT_COST` for every section shorter than `SHORT_SHARE` of the document whose
    start is not `SURE`, every section at least `min_paragraphs` long; always begins with 0."""
    n = len(scores)
    if n < 2 * min_paragraphs:
        return [0]
    short = SHORT_SHARE * n

    def cost(start: int, length: int) -> float:
        unsure = start == 0 or scores[start] < SURE
        return SHORT_COST if length < short and unsure else 0.0

    best = [-math.inf] * (n + 1)
    previous = [0] * (n + 1)
    best[0] = 0.0
    for end in range(min_paragraphs, n + 1):
        best[end], previous[end] = -cost(0, end), 0  # one section from the top
        for start in range(min_paragraphs, end - min_paragraphs + 1):
            gain = scores[start] - threshold
            if best[start] == -math.inf or gain == -math.inf:
                continue
            value = best[start] + gain - cost(start, end - start)
            if value > best[end]:
                best[end], previous[end] = value, start
    starts = []
    end = n
    while end > 0:
        end = previous[end]
        starts.append(end)
    return sorted(starts)
