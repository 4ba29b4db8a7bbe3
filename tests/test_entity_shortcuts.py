"""The entity rules' shortcuts (a rule group skipped after set look-ups, a form's verdict kept
for the document) give what the rules give without them, mention by mention."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from briefing.analysis.entities import aliases, clean, kinds, link, records, spans, trim
from briefing.analysis.entities.names import UnionFind
from briefing.analysis.entities.tokenized import NameMention, TokenizedText
from briefing.analysis.ner import extract, load_model
from briefing.analysis.ner.labels import LABEL_OF, NerLabel

SEED = Path(__file__).resolve().parent.parent / "seeds" / "us-japan-alliance-briefing.txt"

RULE_SENTENCES = """\
An aide to Ravel's office spoke. Hey Halvard, the rota is late. He joined The Halvard Group.
Ostrava Rail Vice President Ana Kol spoke. Democrat Ana Kol voted no. Then Mr. Ravel Kol left.
Then Pope Linus spoke. Rain fell on King County today. Then President Ana Kol spoke.
Comedian George Lopez laughed. The Minister of Climate Tor Lunde spoke.
KESTRA — The talks ended.
During the Blue Harbor exercise, ships met. The annual exercise Northern Edge began.
Ships sailed off the Varlands today. He said in an interview with Kestrel that he would go.
Then King Abdon spoke. "Free and Open Seas" was the slogan. Signed by Ana Kol, it passed.
Japanese officials met Iowans. Investigative reporter Ana Kol wrote. Said Kol: "no."
"""


def _doc_and_mentions() -> tuple[TokenizedText, list[NameMention]]:
    text = SEED.read_text(encoding="utf-8") + "\n\n" + RULE_SENTENCES
    doc = TokenizedText(text, [])
    tagged = [NameMention(s, e, LABEL_OF[t]) for s, e, t in extract(load_model(), text)]
    # every span of one to four tokens in the sentences written for the rules, and of some
    # in the article, under every label: the rules see names of every shape
    rules_from = doc.tok_at(text.index(RULE_SENTENCES))
    starts = [*range(0, rules_from, 7), *range(rules_from, len(doc.toks))]
    spans = [
        NameMention(doc.starts[i], doc.ends[j], label)
        for i in starts
        for j in range(i, min(i + 4, len(doc.toks)))
        for label in set(LABEL_OF.values())
    ]
    return doc, tagged + spans


def _every_rule(doc: TokenizedText, m: NameMention) -> NameMention | None:
    """`trim_mention` with no rule skipped."""
    start, end = trim._strip_affixes(doc.text, m.start, m.end)
    idx = doc.tok_span(start, end)
    if not idx:
        return trim.trim_mention(doc, m)  # no rule runs inside one token
    first, last = idx[0], idx[-1]
    if last + 1 < len(doc.toks) and doc.starts[last + 1] < end < doc.ends[last + 1]:
        last += 1
    cut: trim.Trim | None = trim.Trim(m, first, last, end)
    for rule in trim.TRIM_RULES:
        assert cut is not None
        cut = rule(doc, cut)
        if cut is None:
            return None
    assert cut is not None
    return cut.mention


def _fields(m: NameMention | None) -> tuple[object, ...] | None:
    return None if m is None else dataclasses.astuple(m)


def test_trim_skips_only_rules_that_would_change_nothing() -> None:
    doc, mentions = _doc_and_mentions()
    changed = 0
    for m in mentions:
        full = _every_rule(doc, m)
        assert _fields(trim.trim_mention(doc, m)) == _fields(full), doc.text[m.start : m.end]
        changed += _fields(full) != _fields(m)
    assert changed > 100  # the sample holds mentions the rules do cut


def test_junk_memo_gives_the_verdict_of_a_fresh_call() -> None:
    doc, mentions = _doc_and_mentions()
    lex = clean.lexicon().common
    memo = clean.JunkMemo()
    verdicts = []
    for m in mentions:
        cut = trim.trim_mention(doc, m)
        if cut is not None:
            verdict = clean.is_junk(doc, cut, lex, memo)
            assert verdict == clean.is_junk(doc, cut, lex), doc.text[cut.start : cut.end]
            verdicts.append(verdict)
    assert any(verdicts)
    assert not all(verdicts)


SLOGANS = (
    'He said "Free and Open Seas" today, and "Open Forum" too.\n'
    "\u201cMake Ports Great Again\u201d was on a hat \u201cFree Seas Now\u201d.\n"
    'No quote here, Free Open.\n"Free and Open\nSeas" is split; "Free Open Seas" ends'
)


def test_slogan_check_with_the_quote_lines_agrees_at_every_span() -> None:
    doc = TokenizedText(SLOGANS, [])
    quotes = clean.QuoteLines(SLOGANS)
    found = 0
    for start in range(len(SLOGANS)):
        for end in range(start + 1, min(len(SLOGANS), start + 16) + 1):
            m = NameMention(start, end, NerLabel.ORG)
            expected = clean.in_slogan(doc, m)
            assert clean.in_slogan(doc, m, quotes) == expected, (start, end)
            found += expected
    assert found > 50  # slogans on the first, second and last lines


_NICK_PIECES = ["Juan", "Al", "aB", " ", "\u201c", "\u201d", '"', "Chico", "Smith", "x", "-", "'"]


@given(st.lists(st.sampled_from(_NICK_PIECES), max_size=30).map("".join))
@settings(max_examples=1000, deadline=None)
def test_nickname_search_from_the_quotes_finds_what_the_regex_finds(text: str) -> None:
    found = [(mt.span(), mt.groups()) for mt in spans.nickname_matches(text)]
    assert found == [(mt.span(), mt.groups()) for mt in spans._NICKNAME.finditer(text)]


def test_nickname_search_finds_names_with_nicknames() -> None:
    text = 'Juan \u201cChico\u201d Manriquez met xAl "Big Al" Kol and Ed "Ed" Bo "Bo" Li.'
    found = [mt.group() for mt in spans.nickname_matches(text)]
    assert found == [mt.group() for mt in spans._NICKNAME.finditer(text)]
    assert len(found) == 4  # "Ed" and "Bo" side by side: two


@given(
    st.lists(st.integers(0, 60), max_size=8),
    st.lists(st.integers(0, 70), max_size=30),
)
def test_paragraphs_in_one_walk_are_those_of_a_bisection(
    starts: list[int], positions: list[int]
) -> None:
    text = "x" * 70
    doc = TokenizedText(text, [(a, min(70, a + 5)) for a in starts])
    found = records._paragraphs_of(doc, positions)
    assert found == {pos: doc.paragraph(pos) for pos in positions}


def test_full_name_question_asked_only_where_it_decides(monkeypatch: pytest.MonkeyPatch) -> None:
    """A cluster the votes make a person's never asks whether a form is a full name (its
    answer could not change the type); one the votes make a place's asks, and the answer
    turns it into a person's (as `test_a_full_personal_name_makes_its_bare_surname_a_person`)."""
    asked: list[tuple[str, ...]] = []
    rule = kinds._has_full_personal_name

    def counted(surfs: Sequence[str]) -> bool:
        asked.append(tuple(surfs))
        return rule(surfs)

    monkeypatch.setattr(kinds, "_has_full_personal_name", counted)
    person = [NameMention(0, 11, NerLabel.PER), NameMention(20, 26, NerLabel.PER)]
    assert kinds.entity_type(person, ["John Velmor", "Velmor"]) == "person"
    assert asked == []
    place = [
        NameMention(0, 11, NerLabel.PER),
        *[NameMention(k, k + 6, NerLabel.LOC) for k in (20, 40)],
    ]
    assert kinds.entity_type(place, ["John Velmor", "Velmor", "Velmor"]) == "person"
    assert asked == [("John Velmor", "Velmor")]


@given(
    st.lists(st.integers(0, 19), min_size=1, max_size=8, unique=True),
    st.lists(st.lists(st.tuples(st.integers(0, 19), st.integers(0, 19)), max_size=4), max_size=6),
)
def test_members_kept_roots_are_those_found_afresh(
    members: list[int], rounds: list[list[tuple[int, int]]]
) -> None:
    """`_Members.first_by_root` asked again and again as clusters merge (its answer kept
    while every root it found is a root still) gives what a fresh look at the members gives."""
    uf = UnionFind(20)
    kept = link._Members()
    kept.idx = members
    for joins in [[], *rounds]:
        for a, b in joins:
            uf.union(a, b)
        fresh = link._Members()
        fresh.idx = members
        assert kept.first_by_root(uf) == fresh.first_by_root(uf)
        assert list(kept.roots(uf)) == list(fresh.roots(uf))


_ALT_PIECES = [
    *"which that what whom who also formerly better known called named dubbed referred".split(),
    *"to as it them the locally in Iran a.k.a. aka or goes by nickname is Z".split(),
    *[",", " ", "  ", "(", "\u201c", '"', "\n", "\u00a0", "x"],
]


_ALT_TAILS = st.tuples(
    st.lists(st.sampled_from([",", " ", "(", "\n", "\u00a0", "x"]), max_size=3),
    st.lists(st.sampled_from(_ALT_PIECES), max_size=10),
).map(lambda parts: "".join(parts[0]) + " ".join(parts[1]))
"""What may follow a name: punctuation and spaces, then words of the patterns and others."""


@given(_ALT_TAILS)
@settings(max_examples=3000, deadline=None)
def test_alternative_names_pretest_passes_wherever_a_pattern_matches(tail: str) -> None:
    if any(pattern.match(tail) for pattern in aliases._ALT_PATTERNS):
        assert aliases._ALT_START.match(tail)


def test_alternative_names_pretest_passes_the_forms_the_patterns_name() -> None:
    tails = [
        ", which locals call the Z",
        ", who went by the nickname Z",
        " (also known as Z)",
        ", formerly Z",
        " also known as Z",
        " (a.k.a. Z)",
        ", or Z,",
        ",known as Z",
    ]
    for tail in tails:
        assert any(pattern.match(tail) for pattern in aliases._ALT_PATTERNS), tail
        assert aliases._ALT_START.match(tail), tail
    assert not aliases._ALT_START.match(" said on Monday")
