"""Sentence splitting on the shapes news prose has."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from briefing.analysis.sentences import split_paragraph


def sentences(text: str) -> list[str]:
    return [text[s.start : s.end] for s in split_paragraph(text, 0, len(text), 0)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("It rained. Then it stopped.", ["It rained.", "Then it stopped."]),
        ("Mr. Smith met Dr. Jones. They talked.", ["Mr. Smith met Dr. Jones.", "They talked."]),
        ("Gen. Mark A. Milley spoke.", ["Gen. Mark A. Milley spoke."]),
        ("The U.S. Coast Guard command grew.", ["The U.S. Coast Guard command grew."]),
        ("He flew to the U.S. The trip was long.", ["He flew to the U.S.", "The trip was long."]),
        ("“Why now?” she asked. “Because.”", ["“Why now?” she asked.", "“Because.”"]),
        ("Prices rose 3.5 percent. Wages fell.", ["Prices rose 3.5 percent.", "Wages fell."]),
        ("Is it over? No! Not yet…", ["Is it over?", "No!", "Not yet…"]),
        ("He said it (twice.) Then left.", ["He said it (twice.)", "Then left."]),
        ("Talks end Jan. 5 in Oslo.", ["Talks end Jan. 5 in Oslo."]),
    ],
)
def test_news_sentences(text: str, expected: list[str]) -> None:
    assert sentences(text) == expected


def test_line_breaks_inside_a_paragraph_end_sentences() -> None:
    assert sentences("a | b\nc | d") == ["a | b", "c | d"]


@given(st.text(alphabet="Ab .?!“”\n’", max_size=200))
def test_sentences_are_trimmed_ordered_and_cover_all_non_space(text: str) -> None:
    found = split_paragraph(text, 0, len(text), 0)
    covered = 0
    last_end = 0
    for s in found:
        assert last_end <= s.start < s.end <= len(text)
        chunk = text[s.start : s.end]
        assert chunk == chunk.strip()
        covered += sum(1 for c in chunk if not c.isspace())
        last_end = s.end
    assert covered == sum(1 for c in text if not c.isspace())
