"""The light stemmer that segmentation and titles share."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from briefing.analysis.terms import _SUFFIXES, stem


def plain_stem(word: str) -> str:
    """`stem` as its docstring says it: every suffix tried in order, the first that leaves
    three letters applies, then a doubled final letter (not l, s, z) goes."""
    for suffix, replacement in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            word = word[: len(word) - len(suffix)] + replacement
            break
    if len(word) > 4 and word[-1] == word[-2] and word[-1] not in "lsz":
        word = word[:-1]
    return word


def test_examples() -> None:
    assert stem("talks") == "talk"
    assert stem("agreed") == "agre"
    assert stem("stopping") == "stop"
    assert stem("running") == "runn"  # a doubled letter goes from five letters on
    assert stem("nationalities") == "national"  # "alities" -> "al", the first rule that fits
    assert stem("presses") == "press"
    assert stem("is") == "is"
    assert stem("") == ""


@given(
    st.lists(
        st.sampled_from([*"abdegilnorstuyz", *(suffix for suffix, _ in _SUFFIXES)]), max_size=6
    ).map("".join)
)
def test_stem_tries_the_suffixes_in_order(word: str) -> None:
    # `stem` only tries the suffixes a word can end with: the same result as trying them all
    assert stem.__wrapped__(word) == plain_stem(word)
