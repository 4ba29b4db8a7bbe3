"""`trim_mention`'s rules, one at a time, each on a short sentence written for it."""

from __future__ import annotations

import dataclasses

import pytest

from briefing.analysis.entities.tokenized import NameMention, TokenizedText
from briefing.analysis.entities.trim import (
    TRIM_RULES,
    Trim,
    _dateline_place,
    _event_head_before,
    _event_noun_after,
    _honorific_before,
    _honorific_first,
    _outlet_after_interview,
    _party_label_before_person,
    _plural_place_after_locative,
    _portfolio_of_title,
    _span_from_tokens,
    _strip_function_words,
    _strip_punctuation,
    _style_before,
    _style_first,
    _title_after_organisation,
    _titles_first,
    trim_mention,
)
from briefing.analysis.ner.labels import NerLabel


def _cut(text: str, span: str, ner: NerLabel = NerLabel.ORG) -> tuple[TokenizedText, Trim]:
    """The cut of the first `span` in `text`, before any rule, and the document."""
    doc = TokenizedText(text, [])
    start = text.index(span)
    end = start + len(span)
    tokens = doc.tok_range(start, end)
    return doc, Trim(NameMention(start, end, ner), tokens[0], tokens[-1], end)


def _words(doc: TokenizedText, t: Trim) -> str:
    """The text of the tokens the cut still holds."""
    return doc.text[doc.starts[t.first] : doc.ends[t.last]]


def _applied(
    rule: object, text: str, span: str, ner: NerLabel = NerLabel.ORG
) -> tuple[TokenizedText, Trim]:
    doc, t = _cut(text, span, ner)
    after = rule(doc, t)  # type: ignore[operator]
    assert after is not None
    return doc, after


def _at(doc: TokenizedText, span: tuple[int, int] | None) -> str | None:
    return None if span is None else doc.text[span[0] : span[1]]


def test_strip_punctuation_cuts_a_possessive_and_drops_a_span_of_punctuation() -> None:
    doc, t = _applied(_strip_punctuation, "An aide to Ravel's office spoke.", "Ravel's")
    assert _words(doc, t) == "Ravel"
    doc, t = _cut("Yes , he said.", ",")
    assert _strip_punctuation(doc, t) is None


def test_strip_function_words_cuts_an_interjection_opening_a_turn_or_sentence() -> None:
    for text in ("Grad B: Hey Halvard, the rota is late.", "Hey Halvard, the rota is late."):
        doc, t = _applied(_strip_function_words, text, "Hey Halvard", NerLabel.PER)
        assert _words(doc, t) == "Halvard"
    # mid-sentence it may be a name's part (a surname "Hey" or "Oh" after a title)
    doc, t = _applied(_strip_function_words, "Seoul Mayor Oh Halvard spoke.", "Oh Halvard")
    assert _words(doc, t) == "Oh Halvard"


def test_strip_function_words_cuts_a_leading_the_but_keeps_an_initial() -> None:
    doc, t = _applied(_strip_function_words, "He joined The Halvard Group.", "The Halvard Group")
    assert _words(doc, t) == "Halvard Group"
    doc, t = _applied(_strip_function_words, "He met A. Ravel there.", "A. Ravel", NerLabel.PER)
    assert _words(doc, t) == "A. Ravel"


def test_title_after_organisation_leaves_the_title_to_the_person() -> None:
    text = "Ostrava Rail Vice President Ana Kol spoke."
    doc, t = _applied(_title_after_organisation, text, "Ostrava Rail Vice")
    assert _words(doc, t) == "Ostrava Rail"
    assert t.cut_end == text.index(" Vice")
    doc, t = _cut("Republican House Majority Leader Ana Kol spoke.", "Republican House Majority")
    assert _title_after_organisation(doc, t) is None


def test_party_label_before_person_is_a_title() -> None:
    text = "Democrat Ana Kol voted no."
    doc, t = _applied(_party_label_before_person, text, "Democrat Ana Kol", NerLabel.MISC)
    assert _words(doc, t) == "Ana Kol"
    assert t.mention.ner == NerLabel.PER
    assert _at(doc, t.mention.title) == "Democrat"


def test_honorific_first_is_cut_and_remembered() -> None:
    doc, t = _applied(_honorific_first, "Then Mr. Ravel Kol left.", "Mr. Ravel Kol", NerLabel.PER)
    assert _words(doc, t) == "Ravel Kol"
    assert t.mention.honorific
    assert _at(doc, t.mention.hon_form) == "Mr. Ravel Kol"


def test_style_first_makes_a_person_but_not_of_a_place() -> None:
    doc, t = _applied(_style_first, "Then Pope Linus spoke.", "Pope Linus")
    assert (_words(doc, t), t.mention.ner, _at(doc, t.mention.title)) == ("Linus", "PER", "Pope")
    doc, t = _cut("Rain fell on King County today.", "King County", NerLabel.LOC)
    assert _style_first(doc, t) is t


def test_titles_first_cuts_a_title_but_keeps_a_first_name() -> None:
    doc, t = _applied(
        _titles_first, "Then President Ana Kol spoke.", "President Ana Kol", NerLabel.PER
    )
    assert (_words(doc, t), _at(doc, t.mention.title)) == ("Ana Kol", "President")
    doc, t = _cut("Then Dean Kol spoke.", "Dean Kol", NerLabel.PER)
    assert _titles_first(doc, t) is t


def test_one_lead_word_only() -> None:
    """An honorific is cut; the style or title after it is then no title of its own."""
    doc, t = _applied(_honorific_first, "Then Mr. King Kol left.", "Mr. King Kol", NerLabel.PER)
    assert _style_first(doc, t) is t
    assert _titles_first(doc, t) is t
    doc, t = _applied(
        _honorific_first, "Then Mr. President Kol left.", "Mr. President Kol", NerLabel.PER
    )
    assert _titles_first(doc, t) is t


def test_portfolio_of_title_belongs_to_the_title() -> None:
    text = "The Minister of Climate Tor Lunde spoke."
    doc, t = _applied(_portfolio_of_title, text, "Climate Tor Lunde")
    assert (_words(doc, t), t.mention.ner) == ("Tor Lunde", "PER")


def test_span_from_tokens_stops_where_an_affix_was_cut() -> None:
    doc, t = _cut("The Ostrava Rail people came.", "Ostrava Rail")
    t = t._replace(cut_end=t.mention.end - 2)
    m = _span_from_tokens(doc, t).mention
    assert doc.text[m.start : m.end] == "Ostrava Ra"


def test_dateline_place() -> None:
    text = "KESTRA — The talks ended.\n"
    doc, t = _applied(_dateline_place, text, "KESTRA")
    assert t.mention.ner == NerLabel.LOC
    doc, t = _cut("KESTRA said it would sell.\n", "KESTRA")
    assert _dateline_place(doc, t) is t


def test_event_noun_after_and_event_head_before() -> None:
    doc, t = _applied(
        _event_noun_after,
        "During the Blue Harbor exercise, ships met.",
        "Blue Harbor",
        NerLabel.MISC,
    )
    assert t.mention.event_ctx
    doc, t = _applied(
        _event_head_before, "The annual exercise Northern Edge began.", "Northern Edge"
    )
    assert t.mention.event_ctx
    doc, t = _cut("Ostrava Rail talks began.", "Ostrava Rail")
    assert _event_noun_after(doc, t) is t  # "talks" after an organisation: not an event


def test_plural_place_after_locative() -> None:
    doc, t = _applied(
        _plural_place_after_locative, "Ships sailed off the Varlands today.", "Varlands"
    )
    assert t.mention.ner == NerLabel.LOC
    doc, t = _cut("Ships sailed off the Varlands' coast.", "Varlands")
    assert _plural_place_after_locative(doc, t) is t


def test_outlet_after_interview() -> None:
    text = "He said in an interview with Kestrel that he would go."
    _, t = _applied(_outlet_after_interview, text, "Kestrel", NerLabel.PER)
    assert t.mention.ner == NerLabel.ORG


def test_honorific_or_style_just_before() -> None:
    doc, t = _applied(_honorific_before, "Then Mr. Ravel left.", "Ravel", NerLabel.ORG)
    assert t.mention.honorific
    assert _at(doc, t.mention.hon_form) == "Mr. Ravel"
    doc, t = _applied(_style_before, "Then King Abdon spoke.", "Abdon")
    assert t.mention.ner == NerLabel.PER
    assert _at(doc, t.mention.hon_form) == "King Abdon"


def test_every_rule_is_named_and_says_why() -> None:
    assert len(TRIM_RULES) == 16
    for rule in TRIM_RULES:
        assert (rule.__doc__ or "").strip()


def test_trim_mention_makes_a_new_mention_and_leaves_the_given_one() -> None:
    text = "Talks with Mr. Ravel's team went on."
    doc = TokenizedText(text, [])
    given = NameMention(text.index("Mr."), text.index(" team"), NerLabel.PER)
    trimmed = trim_mention(doc, given)
    assert trimmed is not None
    assert doc.text[trimmed.start : trimmed.end] == "Ravel"
    assert trimmed.honorific
    assert (doc.text[given.start : given.end], given.honorific) == ("Mr. Ravel's", False)
    with pytest.raises(dataclasses.FrozenInstanceError):
        given.ner = NerLabel.ORG  # type: ignore[misc]


def test_trim_mention_keeps_a_part_of_one_token() -> None:
    text = "The Kestra-based firm grew."
    doc = TokenizedText(text, [])
    m = trim_mention(doc, NameMention(4, 16, NerLabel.LOC))
    assert m is not None
    assert text[m.start : m.end] == "Kestra"
