"""Patterns rewritten for the regex engine's speed match what they were written as before,
match for match: each old form is kept here and compared on generated and real text."""

from __future__ import annotations

import re
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from briefing.analysis import sentences
from briefing.analysis.quotes import patterns
from briefing.analysis.quotes.lexicon import NOMINAL_HEADS, SLOT_VERBS
from briefing.analysis.trie import WORD_START, trie_regex

SEED = Path(__file__).resolve().parent.parent / "seeds" / "us-japan-alliance-briefing.txt"

_BEFORE = {
    "NOMINAL_HEAD_RE": re.compile(trie_regex(NOMINAL_HEADS, WORD_START) + r"\b"),
    "SLOT_VERB_RE": re.compile(trie_regex(SLOT_VERBS, WORD_START) + r"\b"),
    "SENTENCE_BREAK_RE": re.compile(r"[.!?]+[”\"]?\s+(?=[A-Z“\"(])|\n+"),
}
_BOUNDARY_BEFORE = re.compile(r"""([.!?…]+)(["'”’)\]»]*)(\s+)(?=["'“‘(\[«]?[^\W_a-z]|[¿¡])""")

# words of the lists, the characters the patterns look at, and others
_PIECES = st.sampled_from(
    [*sorted(NOMINAL_HEADS)[:40], *sorted(SLOT_VERBS)[:40], "Said", "aide", "aides", "e-mail",
     "front-runner", "x", "A", "The", "_", "9", "é", ".", "..", "!", "?", "…", "\n", "\n\n",
     " ", "  ", "\t", "”", '"', "“", "'", "’", "‘", ")", "(", "]", "[", "»", "«", "¿", "¡", "-"]
)  # fmt: skip
_TEXTS = st.lists(_PIECES, max_size=40).map("".join)


def _found(
    pattern: re.Pattern[str], text: str, pos: int = 0, endpos: int | None = None
) -> list[tuple[tuple[int, int], tuple[str | None, ...]]]:
    end = len(text) if endpos is None else endpos
    return [(m.span(), m.groups()) for m in pattern.finditer(text, pos, end)]


@settings(max_examples=400, deadline=None)
@given(_TEXTS)
def test_rewritten_quote_patterns_match_as_before(text: str) -> None:
    for name, before in _BEFORE.items():
        assert _found(getattr(patterns, name), text) == _found(before, text), name


@settings(max_examples=400, deadline=None)
@given(_TEXTS, st.integers(0, 200), st.integers(0, 200))
def test_rewritten_sentence_boundary_matches_as_before(text: str, a: int, b: int) -> None:
    pos, endpos = sorted((min(a, len(text)), min(b, len(text))))
    assert _found(sentences._BOUNDARY, text, pos, endpos) == _found(
        _BOUNDARY_BEFORE, text, pos, endpos
    )


def test_rewritten_patterns_match_as_before_on_an_article() -> None:
    text = SEED.read_text(encoding="utf-8")
    for name, before in _BEFORE.items():
        assert _found(getattr(patterns, name), text) == _found(before, text), name
    assert _found(sentences._BOUNDARY, text) == _found(_BOUNDARY_BEFORE, text)
