"""A short document is segmented without numpy, to the same bits as with it.

`segmentation_small` rewrites the segmenter's numpy arithmetic over lists, and `purenum`
reproduces numpy's reductions and `default_rng(0).permutation`; sections hang on comparisons
of those floats, so everything here is compared for equality, not closeness.
"""

from __future__ import annotations

import math
import random
import subprocess
import sys

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from briefing.analysis import boundaries, purenum, segmentation
from briefing.analysis import segmentation_small as small

finite = st.floats(-1e6, 1e6, allow_nan=False)


def bits(values: object) -> list[float]:
    return [float(x) for x in np.ravel(np.asarray(values, float))]


@given(st.lists(finite, max_size=400))
@settings(max_examples=300, deadline=None)
def test_sums_are_numpys_pairwise_sums(values: list[float]) -> None:
    array = np.array(values, float)
    assert purenum.add_reduce(values) == float(np.add.reduce(array))
    assert purenum.cumsum(values) == bits(np.cumsum(array))
    if values:
        assert purenum.mean(values) == float(np.mean(array))
        assert purenum.std(values) == float(np.std(array))


@given(st.integers(1, 70), st.integers(0, 2**32))
@settings(max_examples=100, deadline=None)
def test_matrix_sums_are_numpys(n: int, seed: int) -> None:
    rng = random.Random(seed)
    matrix = [[rng.uniform(0, 9) for _ in range(n)] for _ in range(n)]
    array = np.array(matrix)
    assert purenum.row_sums(matrix) == bits(array.sum(1))
    assert purenum.total_sum(matrix) == float(array.sum())


@given(st.lists(st.sampled_from([-math.inf, -1.0, 0.0, 0.5, 2.0]), min_size=1, max_size=30))
def test_argmax_is_numpys(values: list[float]) -> None:
    assert purenum.argmax(values) == int(np.argmax(np.array(values)))


def test_permutations_are_those_of_default_rng() -> None:
    for seed in (0, 1, 2**40 + 3):
        rng = np.random.default_rng(seed)
        mine = purenum.Permutations(seed)
        for n in [*range(70), 300]:
            assert mine.permutation(n) == [int(x) for x in rng.permutation(n)]


def test_windows_are_shuffled_as_by_a_new_default_rng() -> None:
    # `segmentation` makes each size's orders once (purenum's up to an article's window,
    # numpy's above): they must be a fresh `default_rng(0)`'s, and not writable (shared).
    for n in (4, segmentation.SMALL_BLOCKS - 1, segmentation.SMALL_BLOCKS, 61, 400):
        rng = np.random.default_rng(0)
        orders = segmentation._shuffled_orders(n)
        assert len(orders) == segmentation.SHUFFLES
        for order in orders:
            assert order.tolist() == rng.permutation(n).tolist()
            assert order.dtype == np.intp
            assert not order.flags.writeable


_WORDS = (
    "harbour port ship crane budget council vote school teacher pupils road bridge traffic "
    "minister said police court judge trial river flood rain farmers price market bank"
).split()
_OPENINGS = ["", "", "", "However, ", "He said ", "“We will see,” ", "Meanwhile, ", "A separate "]

paragraph = st.builds(
    lambda opening, words, capital: opening + " ".join(words).capitalize() + "." + capital,
    st.sampled_from(_OPENINGS),
    st.lists(st.sampled_from(_WORDS), min_size=3, max_size=40),
    st.sampled_from(["", " Maria Lopez agreed.", " The Harbour Board said so."]),
)


@given(st.lists(paragraph, min_size=4, max_size=40))
@settings(max_examples=60, deadline=None)
def test_a_short_document_gets_the_numpy_paths_numbers(blocks: list[str]) -> None:
    n = len(blocks)
    for paragraphs in (True, False):
        term_sets, allowed, bonus = segmentation._inputs(blocks, paragraphs)
        term_sets2, allowed2, bonus2 = small.inputs(blocks, paragraphs)
        assert term_sets == term_sets2
        matrix, matrix2 = segmentation.similarity(term_sets), small.similarity(term_sets2)
        assert bits(matrix) == bits(matrix2)
        prefix, prefix2 = boundaries.prefix_sums(matrix), small.prefix_sums(matrix2)
        assert bits(prefix) == bits(prefix2)
        splits = segmentation.modularity_splits(matrix, prefix, allowed, bonus)
        assert splits == small.modularity_splits(matrix2, prefix2, allowed2, bonus2)
        for split in splits:
            assert bits(segmentation.separation(prefix, split, n)) == bits(
                small.separation(prefix2, split, n)
            )
        assert segmentation._segment_window(
            term_sets, allowed, bonus, paragraphs
        ) == small.segment_window(term_sets2, allowed2, bonus2, paragraphs)
    term_sets, allowed, bonus = segmentation._inputs(blocks, True)
    split, significance, _, rows = segmentation.article_evidence(blocks, term_sets, allowed, bonus)
    matrix2 = small.similarity(term_sets)
    significance2 = small._significance(matrix2, allowed, bonus) if len(split) > 1 else 0.0
    assert significance == significance2
    norms = segmentation.self_similarity_values(term_sets)
    rows2 = small.features(blocks, term_sets, matrix2, norms, split, significance2)
    assert bits(rows) == bits(rows2)
    assert bits(boundaries.scores(blocks, rows)) == bits(small.scores(blocks, rows2))
    assert segmentation._article_starts(blocks, term_sets, allowed, bonus) == (
        small.article_starts(blocks, term_sets, allowed, bonus)
    )


@given(st.lists(paragraph, min_size=4, max_size=60))
@settings(max_examples=30, deadline=None)
def test_a_short_stream_is_tested_for_structure_as_numpy_tests_it(blocks: list[str]) -> None:
    # a stream of at most SMALL_BLOCKS blocks is one group a block in `_stream_structure`
    assert segmentation.STRUCTURE_GROUPS >= segmentation.SMALL_BLOCKS
    term_sets, _, _ = small.inputs(blocks, False)
    matrix = small.similarity(term_sets)
    assert small._stream_structure(matrix) == segmentation._stream_structure(
        segmentation.similarity(term_sets)
    )
    prefix = small.prefix_sums(matrix)
    split = list(range(0, len(blocks) - 1, 2))
    assert small.prune(matrix, prefix, split) == segmentation.prune(
        segmentation.similarity(term_sets),
        boundaries.prefix_sums(segmentation.similarity(term_sets)),
        split,
    )


def test_segmenting_a_short_article_does_not_import_numpy() -> None:
    # What makes a fresh `briefing analyze` of an article fast; a long text still uses it.
    probe = (
        "import sys\n"
        "from briefing.analysis.segmentation import segment\n"
        "words = 'harbour ship crane budget council vote school teacher road bridge'.split()\n"
        "blocks = [' '.join(words[i % 5 : i % 5 + 5]) * 8 for i in range(30)]\n"
        "print(segment(blocks), 'numpy' in sys.modules)\n"
        "segment(blocks * 3)\n"
        "print('numpy' in sys.modules)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True, timeout=60
    )
    first, second = result.stdout.splitlines()
    assert first.endswith("False")
    assert second == "True"


@given(st.lists(paragraph, min_size=4, max_size=40), st.integers(2, 4))
@settings(max_examples=40, deadline=None)
def test_text_from_a_pdf_gets_the_numpy_paths_sections(blocks: list[str], every: int) -> None:
    # page numbers between the paragraphs: the model's split must earn its sections there
    paged: list[str] = []
    for i, block in enumerate(blocks):
        paged.append(block)
        if i % every == every - 1:
            paged.append(str(i // every + 1))
    assert any(segmentation.page_furniture(paged)[0])
    term_sets, allowed, bonus = segmentation._inputs(paged, True)
    matrix = segmentation.similarity(term_sets)
    assert segmentation._shuffled_values(matrix) == small._shuffled_values(
        small.similarity(term_sets)
    )
    assert segmentation._article_starts(paged, term_sets, allowed, bonus) == (
        small.article_starts(paged, term_sets, allowed, bonus)
    )


ONE_SENTENCE_PARAGRAPHS = [
    "The city council voted on Monday to keep the old library open for at least two more years.",
    "Members said the building still serves thousands of readers every month despite its age.",
    "A study last spring found the roof and the heating would need repairs within five years.",
    "The mayor told reporters that the repairs would be paid for from the reserve fund this year.",
    "Some members wanted a new building near the station, which the council rejected in March.",
    "What readers asked the council for",
    "Readers who spoke at the meeting asked for longer opening hours on weekends and evenings.",
    "Several parents said the children's room is full on Saturdays and needs more seats and books.",
    "A retired teacher asked the council to bring back the evening reading club closed last year.",
    "The council said it would look at the hours again when the budget is set in the autumn.",
]


def test_an_article_of_one_sentence_paragraphs_the_stream_leaves_whole_goes_to_the_model() -> None:
    blocks = ONE_SENTENCE_PARAGRAPHS
    assert not segmentation.is_paragraph_document(blocks)
    term_sets, allowed, bonus = small.inputs(blocks, False)
    assert small.segment_window(term_sets, allowed, bonus, False) == [0]
    assert segmentation.segment(blocks) == [0, 5]  # the title line opens the second section


def test_text_without_punctuation_stays_with_the_stream_reading() -> None:
    blocks = [b.rstrip(".") for b in ONE_SENTENCE_PARAGRAPHS]
    assert not boundaries.punctuated(blocks)
    assert segmentation.segment(blocks) == [0]


def test_a_short_stream_with_section_titles_is_read_as_an_article() -> None:
    blocks = [
        *ONE_SENTENCE_PARAGRAPHS[:8],
        "When the council will decide",
        *ONE_SENTENCE_PARAGRAPHS[8:],
    ]
    assert not segmentation.is_paragraph_document(blocks)
    assert segmentation.segment(blocks) == [0, 5, 8]  # each title opens its section
