"""The reader's widget-free parts: selection movement and the overlay index, tested without
Textual (and the modules they live in import none of it beyond what rendering needs)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from briefing.app.reader.selection import (
    dragged,
    extend_sentence,
    extend_word,
    move_start,
    step_sentence,
    word_around,
)
from briefing.app.reader.spans import SpanIndex

TEXT = "One two three. Four five six. Seven eight."
SENTENCES = [(0, 14), (15, 29), (30, 42)]


def words(span: tuple[int, int] | None) -> str:
    assert span is not None
    return TEXT[span[0] : span[1]]


def test_step_sentence_from_nothing_takes_the_first_in_view() -> None:
    assert words(step_sentence(SENTENCES, None, 0, 1)) == "One two three."
    assert words(step_sentence(SENTENCES, None, 16, 1)) == "Four five six."
    # A view starting after a sentence's end (in the gap) takes the next one.
    assert words(step_sentence(SENTENCES, None, 14, 1)) == "Four five six."


def test_step_sentence_moves_and_stops_at_the_ends() -> None:
    assert words(step_sentence(SENTENCES, (0, 14), 0, 1)) == "Four five six."
    assert words(step_sentence(SENTENCES, (30, 42), 0, 1)) == "Seven eight."
    assert words(step_sentence(SENTENCES, (15, 29), 0, -1)) == "One two three."
    assert words(step_sentence(SENTENCES, (0, 14), 0, -1)) == "One two three."
    assert step_sentence([], None, 0, 1) is None


def test_extend_and_shrink_by_sentences() -> None:
    assert words(extend_sentence(SENTENCES, (0, 14), 1)) == "One two three. Four five six."
    assert words(extend_sentence(SENTENCES, (0, 8), 1)) == "One two three."
    assert extend_sentence(SENTENCES, (30, 42), 1) is None
    assert words(extend_sentence(SENTENCES, (0, 29), -1)) == "One two three."
    assert extend_sentence(SENTENCES, (0, 14), -1) is None


def test_words_extend_shrink_and_move_the_start() -> None:
    assert words(extend_word(TEXT, (0, 3), 1)) == "One two"
    assert words(extend_word(TEXT, (0, 7), -1)) == "One"
    assert extend_word(TEXT, (0, 3), -1) is None
    assert words(move_start(TEXT, (0, 13), 1)) == "two three"
    assert words(move_start(TEXT, (4, 13), -1)) == "One two three"
    assert move_start(TEXT, (0, 3), -1) is None


def test_word_around_and_drags_either_way() -> None:
    assert words(word_around(TEXT, 5)) == "two"
    assert words(dragged(TEXT, 5, 10)) == "two three"
    assert words(dragged(TEXT, 10, 5)) == "two three"
    assert word_around("a , b", 2) == (2, 3)  # punctuation: the character itself


def test_span_index_finds_what_overlaps_a_line() -> None:
    index = SpanIndex([(0, 100, "long"), (10, 12, "a"), (50, 60, "b"), (70, 70, "empty")])
    assert [name for *_, name in index.overlapping(55, 58)] == ["long", "b"]
    assert [name for *_, name in index.overlapping(12, 20)] == ["long"]
    assert index.overlapping(100, 120) == []
    assert [name for *_, name in index.overlapping(10, 10)] == ["long", "a"]
    assert index.index_of(50, 60) == 2
    assert index.index_of(50, 61) == -1
    assert not SpanIndex()


@given(
    st.lists(
        st.tuples(st.integers(0, 200), st.integers(1, 50)).map(lambda p: (p[0], p[0] + p[1])),
        max_size=40,
    ),
    st.integers(0, 250),
    st.integers(0, 30),
)
def test_span_index_agrees_with_a_scan(spans: list[tuple[int, int]], start: int, size: int) -> None:
    index = SpanIndex((a, b, str(n)) for n, (a, b) in enumerate(spans))
    end = start + size
    stop = max(end, start + 1)
    expected = sorted((a, b, str(n)) for n, (a, b) in enumerate(spans) if b > start and a < stop)
    assert sorted(index.overlapping(start, end)) == expected
