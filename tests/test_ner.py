"""The named-entity tagger with its shipped model: no CoNLL data needed.

The sentences are written for these tests (not taken from any corpus) and cover what news
text throws at the tagger: honorifics, organisations, places, curly quotes, possessives.
The exact model scores live in `benchmarks/ner.py`; these tests pin behaviour that must not
regress when the code is touched.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from briefing.analysis.ner import (
    Model,
    bio_spans,
    extract,
    load_model,
    split_sentences,
    tag,
    tag_document,
    tag_document_spans,
    tag_reference,
    tokenize,
    tokens,
)
from briefing.analysis.ner.features import flags_of
from briefing.analysis.ner.scheme import to_bio
from briefing.analysis.ner.tagger import _sparse_bio, _sparse_spans

SHIPPED = Path(__file__).resolve().parents[1] / "briefing/analysis/ner/data/ner.model"


@pytest.fixture(scope="module")
def model() -> Model:
    return load_model()


def words(text: str) -> list[str]:
    return [text[a:b] for a, b in tokenize(text)]


def found(model: Model, text: str) -> set[tuple[str, str]]:
    return {(text[a:b], kind) for a, b, kind in extract(model, text)}


# --- tokenizer and sentences ---------------------------------------------------------------


def test_tokenize_news_punctuation() -> None:
    text = "“It’s fine,” said Mr. Smith — the U.S.-led group’s chief — in Kim Min-jun’s office."
    assert words(text) == [
        "“", "It", "’s", "fine", ",", "”", "said", "Mr.", "Smith", "—", "the",
        "U.S.-led", "group", "’s", "chief", "—", "in", "Kim", "Min-jun", "’s",
        "office", ".",
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The U.S. economy grew 2.5% in the 1990s, don't you know?",
            ["The", "U.S.", "economy", "grew", "2.5%", "in", "the", "1990s", ",", "do", "n't",
             "you", "know", "?"],
        ),
        (
            "O'Brien met J. Smith at Acme Inc. today.",
            ["O'Brien", "met", "J.", "Smith", "at", "Acme", "Inc.", "today", "."],
        ),
        ("Jones' pro-U.S. stance…", ["Jones", "'", "pro-U.S.", "stance", "…"]),
        ("the 3rd game at 7:30 a.m.", ["the", "3rd", "game", "at", "7:30", "a.m."]),
        ("", []),
    ],
)  # fmt: skip
def test_tokenize_cases(text: str, expected: list[str]) -> None:
    assert words(text) == expected


def test_token_spans_are_offsets_into_the_text() -> None:
    text = "Ms. Lee flew to Paris.\nShe left — “quickly”."
    spans = tokenize(text)
    assert spans == sorted(spans)
    for a, b in spans:
        assert a < b
        assert text[a:b].strip() == text[a:b]


def test_sentences_keep_honorifics_and_break_at_lines() -> None:
    text = "Mr. Smith went to Washington. He met Gen. Jones there.\nNew line here"
    spans = tokenize(text)
    sents = [[text[spans[i][0] : spans[i][1]] for i in s] for s in split_sentences(text, spans)]
    assert sents == [
        ["Mr.", "Smith", "went", "to", "Washington", "."],
        ["He", "met", "Gen.", "Jones", "there", "."],
        ["New", "line", "here"],
    ]


def test_bio_helpers() -> None:
    assert to_bio(["B-PER", "L-PER", "O", "U-LOC", "I-ORG"]) == [
        "B-PER", "I-PER", "O", "B-LOC", "B-ORG",
    ]  # fmt: skip
    assert bio_spans(["B-PER", "I-PER", "O", "B-LOC", "B-LOC", "I-ORG"]) == [
        (0, 2, "PER"), (3, 4, "LOC"), (4, 5, "LOC"), (5, 6, "ORG"),
    ]  # fmt: skip


# --- the shipped model ----------------------------------------------------------------------


def test_default_model_is_loaded_once(model: Model) -> None:
    assert load_model() is model
    assert model.classes.count("O") == 1
    assert {c[2:] for c in model.classes if c != "O"} == {"PER", "ORG", "LOC", "MISC"}


def test_people_with_honorifics(model: Model) -> None:
    text = "Mr. Harold Finch told Dr. Maria Santos that Gen. Mark Reed had resigned."
    ents = found(model, text)
    assert {("Harold Finch", "PER"), ("Maria Santos", "PER"), ("Mark Reed", "PER")} <= ents
    assert not any(name.startswith(("Mr", "Dr", "Gen")) for name, _ in ents)


def test_organisations_and_places(model: Model) -> None:
    text = (
        "German Chancellor Olaf Scholz met officials of the European Union in Brussels on "
        "Tuesday, and Toyota Motor Corp. said it would build a plant in Kentucky."
    )
    ents = found(model, text)
    assert ("Olaf Scholz", "PER") in ents
    assert ("European Union", "ORG") in ents
    assert ("Brussels", "LOC") in ents
    assert ("Kentucky", "LOC") in ents
    assert any(kind == "ORG" and name.startswith("Toyota") for name, kind in ents)


def test_curly_quotes_and_possessives(model: Model) -> None:
    text = "“We will not back down,” Peru’s Prime Minister Ana Morales told Reuters in Lima."
    ents = found(model, text)
    assert ("Peru", "LOC") in ents  # the possessive ’s is not part of the name
    assert ("Ana Morales", "PER") in ents
    assert ("Lima", "LOC") in ents
    assert all("“" not in name and "’" not in name for name, _ in ents)


def test_typography_does_not_change_entities(model: Model) -> None:
    curly = "“Yes,” said Angela Merkel’s spokesman in Berlin — twice."
    plain = curly.replace("“", '"').replace("”", '"').replace("’", "'").replace("—", "-")
    assert len(curly) == len(plain)
    assert extract(model, curly) == extract(model, plain)


def test_surname_alone_follows_the_full_name(model: Model) -> None:
    """The document rule: a lone surname is a PER when the full name is one elsewhere."""
    text = "Coach Tom Bishop praised the team.\nAsked about the final, Bishop smiled."
    with_rule = {(text[a:b], k) for a, b, k in extract(model, text)}
    without = {(text[a:b], k) for a, b, k in extract(model, text, consistency=False)}
    assert ("Tom Bishop", "PER") in without
    assert ("Bishop", "PER") not in without  # a common word alone: the sentence tagger says O
    assert with_rule == without | {("Bishop", "PER")}


SAMPLES = [
    "Mr. Smith went to Washington. He met Gen. Jones there.",
    "“It’s fine,” said Mr. Smith — the U.S.-led group’s chief — in Kim Min-jun’s office.",
    "The United Nations Security Council met in New York while NATO ministers gathered in Oslo.",
    "Shares of Apple Inc. rose 3% after CEO Tim Cook’s remarks on CNBC.",
    "",
    "no capitals or names here at all.",
]


@pytest.mark.parametrize("text", SAMPLES)
def test_offsets_are_valid_entities(model: Model, text: str) -> None:
    ents = extract(model, text)
    assert ents == sorted(ents)
    last_end = 0
    for start, end, kind in ents:
        assert kind in {"PER", "ORG", "LOC", "MISC"}
        assert last_end <= start < end <= len(text)
        entity = text[start:end]
        assert entity == entity.strip()
        last_end = end


def test_entities_start_and_end_on_token_boundaries(model: Model) -> None:
    text = " ".join(SAMPLES)
    starts = {a for a, _ in tokenize(text)}
    ends = {b for _, b in tokenize(text)}
    for a, b, _ in extract(model, text):
        assert a in starts
        assert b in ends


def test_deterministic_across_calls_and_fresh_models(model: Model) -> None:
    text = " ".join(SAMPLES)
    first = extract(model, text)
    assert extract(model, text) == first
    assert extract(load_model(SHIPPED), text) == first


def test_fast_tagger_agrees_with_reference_scorer(model: Model) -> None:
    for text in SAMPLES:
        toks = words(text)
        assert tag(model, toks) == tag_reference(model, toks)
        assert len(tag(model, toks)) == len(toks)


_SENTENCE_WORDS = [
    "New", "York", "South", "Korea", "United", "States", "of", "America", "the", "said",
    "Mr.", "Maria", "Lopez", "in", "Paris", "NATO", ",", ".", "1990", "visited", "Bank",
]  # fmt: skip


@given(st.lists(st.sampled_from(_SENTENCE_WORDS), max_size=14))
@settings(max_examples=300, deadline=None)
def test_fast_tagger_agrees_with_reference_scorer_near_gazetteer_names(toks: list[str]) -> None:
    # Sentences with and without words that start a multi-token list entry ("New York"):
    # the fast path looks for gazetteer matches only in sentences with such a word.
    model = load_model()
    assert tag(model, toks) == tag_reference(model, toks)


def test_tag_returns_bio(model: Model) -> None:
    sent = ["Prime", "Minister", "Jane", "Doe", "visited", "Germany", "on", "Monday", "."]
    tags = tag(model, sent)
    assert len(tags) == len(sent)
    assert all(t == "O" or t[:2] in ("B-", "I-") for t in tags)
    assert tag(model, []) == []


_BILOU = [p + "-" + t for p in "BILU" for t in ("PER", "ORG", "LOC")]


@given(st.lists(st.one_of(st.just("O"), st.sampled_from(_BILOU)), max_size=25))
@settings(max_examples=500, deadline=None)
def test_spans_from_the_tagged_tokens_match_the_bio_route(bilou: list[str]) -> None:
    # Any sequence the model could emit, malformed ones included ("I-" first, "L-" alone).
    tagged = [(i, t) for i, t in enumerate(bilou) if t != "O"]
    assert _sparse_bio(tagged, len(bilou)) == to_bio(bilou)
    assert _sparse_spans(tagged) == bio_spans(to_bio(bilou))


def test_document_spans_are_the_spans_of_the_document_tags(model: Model) -> None:
    # The surname rule is applied the same way in both forms; the text makes it fire, next to
    # a tagged name and twice in a row ("Bishop Bishop": only the first may be relabelled).
    text = (
        "Coach Tom Bishop praised the team.\nAsked about the final, Bishop smiled.\n"
        "Asked again, Bishop Bishop said nothing, and Tom Bishop left.\n" + "\n".join(SAMPLES)
    )
    spans = tokenize(text)
    toks = [text[a:b] for a, b in spans]
    sents = [[toks[i] for i in s] for s in split_sentences(text, spans, toks)]
    tags = tag_document(model, sents)
    assert tags != tag_document(model, sents, consistency=False)
    assert tag_document_spans(model, sents) == [bio_spans(t) for t in tags]


@given(st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=1, max_size=14))
@settings(max_examples=300, deadline=None)
def test_lower_case_words_take_a_short_cut_to_the_same_word_info(word: str) -> None:
    model = load_model()
    assert model._lower_word_info(word) == model._any_word_info(word)


def test_title_words_take_the_short_cut_too() -> None:
    model = load_model()
    for word in ("president", "minister", "the", "a", "harbour", "ceo"):
        assert model._lower_word_info(word) == model._any_word_info(word)


@given(
    st.text(alphabet="abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ", max_size=14).filter(
        lambda w: not w.islower() and w.isalpha()
    )
)
@settings(max_examples=300, deadline=None)
def test_words_of_letters_with_capitals_take_a_short_cut_to_the_same_word_info(word: str) -> None:
    model = load_model()
    assert model._letters_word_info(word) == model._any_word_info(word)


def test_names_acronyms_and_titles_take_the_letters_short_cut_too() -> None:
    model = load_model()
    words = ("Maria", "Lopez", "NATO", "The", "President", "A", "McDonald", "iPhone", "US", "Ed")
    for word in words:
        assert model._letters_word_info(word) == model._any_word_info(word)


def test_word_info_marks_the_words_that_may_start_a_gazetteer_match() -> None:
    model = load_model()
    for word in ("New", "new", "York", "Paris", "NEW", "Obscurename", "1990", "-"):
        info = model.word_info(word)
        assert info[11] == (info[2] and model.gaz.begins(info[0]))
    assert model.gaz.begins("new")
    assert not model.gaz.begins("obscurename")


_TOKEN_PIECES = ["Mr", "n", "t", "U", "S", "s", "do", "Suk", "yeol", "é", "1990", "3", "_", " "]
_TOKEN_MARKS = [".", "'", "\u2019", "-", ",", "\u201c", "\u2026", "\n", "\t", "\u00a0"]


@given(st.lists(st.sampled_from(_TOKEN_PIECES + _TOKEN_MARKS), max_size=16).map("".join))
@settings(max_examples=600, deadline=None)
def test_the_short_cuts_give_the_tokens_of_the_full_pattern(text: str) -> None:
    # the full pattern: neither the plain-word alternative first nor the white-space guard
    pattern = tokens._TOKEN_RE.pattern.replace(tokens._PLAIN_WORD, "(?!)", 1)
    full = re.compile(pattern.replace(tokens._NOT_SPACE, "", 1), re.VERBOSE)
    fast = tokenize(text)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(tokens, "_TOKEN_RE", full)
        assert tokenize(text) == fast


@given(st.text(alphabet="abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ", max_size=10))
@settings(max_examples=300, deadline=None)
def test_flags_of_a_word_given_its_lists_are_its_word_flags(word: str) -> None:
    model = load_model()
    for w in (word, word.capitalize(), word.upper(), "President", "Maria", "Paris", "THE"):
        lists = model.gaz.word(w.lower()).lists
        assert list(flags_of(w, w.lower(), lists)) == model.gaz.word_flags(w)
