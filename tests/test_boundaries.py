"""The article boundary model: its choice of starts, its scores, and the shipped weights."""

from __future__ import annotations

import itertools
import math

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from briefing.analysis import boundaries
from briefing.analysis.boundaries import CUE_LOG_ODDS, FEATURES, choose_starts, scores


def _value(starts: list[int], values: list[float], threshold: float) -> float:
    """The summed gain of the starts, less the cost of each short section not opened by a
    sure start."""
    n = len(values)
    bounds = [*starts, n]
    short = sum(
        boundaries.SHORT_COST
        for a, b in itertools.pairwise(bounds)
        if b - a < boundaries.SHORT_SHARE * n and (a == 0 or values[a] < boundaries.SURE)
    )
    return sum(values[s] - threshold for s in starts[1:]) - short


def _brute_force(values: list[float], threshold: float, shortest: int) -> float:
    """The best summed gain over every valid set of starts (small n only)."""
    n = len(values)
    best = _value([0], values, threshold)
    for k in range(1, n):
        for chosen in itertools.combinations(range(shortest, n - shortest + 1), k):
            bounds = [0, *chosen, n]
            if any(b - a < shortest for a, b in itertools.pairwise(bounds)):
                continue
            if any(values[s] == -math.inf for s in chosen):
                continue
            best = max(best, _value([0, *chosen], values, threshold))
    return best


score = st.one_of(st.floats(-4, 4, allow_nan=False), st.just(-math.inf))


@settings(max_examples=300, deadline=None)
@given(st.lists(score, min_size=1, max_size=11), st.floats(-2, 1), st.integers(1, 3))
def test_choose_starts_is_the_best_valid_split(
    values: list[float], threshold: float, shortest: int
) -> None:
    starts = choose_starts(values, threshold, shortest)
    n = len(values)
    assert starts[0] == 0
    assert starts == sorted(set(starts))
    assert all(values[s] != -math.inf for s in starts[1:])
    if n < 2 * shortest:
        assert starts == [0]
        return
    bounds = [*starts, n]
    assert all(b - a >= shortest for a, b in itertools.pairwise(bounds))
    assert math.isclose(
        _value(starts, values, threshold), _brute_force(values, threshold, shortest), abs_tol=1e-9
    )


def test_a_short_section_needs_a_sure_start() -> None:
    """Of 24 paragraphs, a section under 4 pays `SHORT_COST` unless its start is `SURE`."""
    values = [-math.inf] * 24
    values[12] = 0.0  # a long second half: worth its start
    values[21] = 0.0  # a last section of three paragraphs, opened by an unsure start
    assert choose_starts(values, -0.3) == [0, 12]
    values[21] = boundaries.SURE  # a sure turn (a topic cue) opens even a short one
    assert choose_starts(values, -0.3) == [0, 12, 21]


def test_a_paragraph_that_leans_back_cannot_start_and_a_cue_adds_to_the_odds() -> None:
    blocks = [
        "The council met on Monday.",
        "However, the vote was delayed.",
        "A separate plan for the harbour was approved.",
        "The harbour plan was approved.",
    ]
    rows = np.zeros((len(blocks), len(FEATURES)))
    out = scores(blocks, rows)
    assert out[1] == -math.inf
    assert math.isclose(out[2] - out[3], CUE_LOG_ODDS)


BODY = "The port authority said the new cranes would arrive in the spring, ahead of the season."


def test_a_title_line_sits_between_longer_paragraphs_of_punctuated_text() -> None:
    blocks = [BODY, "Cranes for the harbour", BODY, BODY, "Budget and schools", BODY, BODY]
    assert boundaries.title_lines(blocks) == [False, True, False, False, True, False, False]


def test_a_run_of_short_lines_is_a_list_not_titles() -> None:
    blocks = [BODY, "Faster cranes", "Longer quays", "Deeper berths", BODY, BODY]
    assert not any(boundaries.title_lines(blocks))


def test_a_caption_is_no_title_line() -> None:
    blocks = [BODY, "Table 2: Cranes by harbour", BODY, BODY, "Figure 1. Quay lengths", BODY]
    assert not any(boundaries.title_lines(blocks))


def test_text_without_punctuation_has_no_title_lines() -> None:
    body = BODY.rstrip(".")
    blocks = [body, "cranes for the harbour", body, body, "budget and schools", body, body]
    assert not any(boundaries.title_lines(blocks))


def test_a_title_line_is_a_sure_start_and_the_paragraph_it_titles_cannot_start() -> None:
    blocks = [BODY, BODY, "Cranes for the harbour", BODY, BODY, BODY, "Budget", BODY]
    out = scores(blocks, np.zeros((len(blocks), len(FEATURES))))
    assert out[4] < boundaries.SURE
    assert out[2] == boundaries.SURE
    assert out[3] == -math.inf
    # a name over a single paragraph (the last line) is a list item: not sure
    assert math.isclose(out[6], out[4])
    assert out[7] == -math.inf


def test_the_shipped_weights_fit_the_features() -> None:
    weights, intercept = boundaries._model()
    assert weights.shape == (len(FEATURES),)
    assert np.isfinite(weights).all()
    assert math.isfinite(intercept)


words = st.sampled_from(["port", "ship", "crane", "budget", "road", "school", "teacher", "vote"])
paragraph_terms = st.dictionaries(words, st.sampled_from([1.0, 1.25]), min_size=0, max_size=5)


@settings(max_examples=200, deadline=None)
@given(st.lists(paragraph_terms, min_size=2, max_size=12), st.integers(1, 3))
def test_window_cosines_compare_the_windows_as_one_text_each(
    term_sets: list[dict[str, float]], width: int
) -> None:
    """The cosines from the similarity matrix and the self-similarities equal the cosine of
    the summed, rarity-weighted word vectors of the two windows."""
    from briefing.analysis.segmentation import _idf, self_similarity, similarity

    n = len(term_sets)
    df = {t: sum(t in terms for terms in term_sets) for terms in term_sets for t in terms}
    vectors = [{t: w * _idf(n, df[t]) for t, w in terms.items()} for terms in term_sets]

    def summed(a: int, b: int) -> dict[str, float]:
        out: dict[str, float] = {}
        for vector in vectors[max(0, a) : min(n, b)]:
            for t, v in vector.items():
                out[t] = out.get(t, 0.0) + v
        return out

    fast = boundaries.window_cosines(similarity(term_sets), self_similarity(term_sets), width)
    assert fast[0] == 0.0
    for i in range(1, n):
        left, right = summed(i - width, i), summed(i, i + width)
        dot = sum(v * right.get(t, 0.0) for t, v in left.items())
        norms = math.sqrt(sum(v * v for v in left.values()) * sum(v * v for v in right.values()))
        expected = dot / norms if norms > 0 else 0.0
        assert math.isclose(fast[i], expected, rel_tol=1e-9, abs_tol=1e-12)


@given(st.lists(st.floats(0, 1), min_size=1, max_size=20))
def test_depth_is_how_far_a_point_lies_below_its_neighbouring_peaks(curve: list[float]) -> None:
    depths = boundaries.depths(np.array(curve))
    assert depths[0] == 0.0
    assert all(d >= 0.0 for d in depths)
    for i in range(1, len(curve)):
        if curve[i] >= max(curve[max(1, i - 3) : i + 4]):  # the highest point around
            assert depths[i] == 0.0
    valley = boundaries.depths(np.array([0.0, 0.9, 0.8, 0.1, 0.7, 0.9]))
    assert int(np.argmax(valley)) == 3
