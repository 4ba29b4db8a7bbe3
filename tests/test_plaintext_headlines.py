"""The first line of a plain-text document as its headline: the title when it is set as one
(title case, a kicker, a question, a quoted phrase, a ";") over a longer paragraph; body text
when it reads as a lede. Nothing of the text is lost either way."""

from __future__ import annotations

from collections import Counter

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from briefing.ingest import document_from_text
from briefing.model import Document
from briefing.text.newscopy import headline_style, is_title_case

LEDE = (
    "The harbour board voted on Tuesday to raise ferry fares for the third time in two years, "
    "saying that the price of fuel had climbed faster than any of its forecasts had allowed."
)
MORE = (
    "Commuters from the island towns, who make up most of the passengers, said they had not "
    "been told of the vote until it had been taken."
)


def texts(document: Document) -> list[str]:
    return [document.paragraph_text(i) for i in range(len(document.paragraphs))]


def test_a_headline_with_a_colon_kicker_and_a_full_stop_is_the_title() -> None:
    headline = "Harbour Board: Ferry Fares Rise Again as Fuel Costs Climb."
    doc = document_from_text(f"{headline}\n{LEDE}\n{MORE}")
    assert doc.metadata.title == headline
    assert texts(doc) == [LEDE, MORE]


def test_a_sentence_case_headline_with_a_kicker_is_the_title() -> None:
    headline = "Fare rise: Island commuters say it will cost them a week's pay."
    doc = document_from_text(f"{headline}\n\n{LEDE}\n\n{MORE}")
    assert doc.metadata.title == headline
    assert texts(doc)[0] == LEDE


def test_a_question_headline_is_the_title() -> None:
    headline = "Can the island towns afford another rise in ferry fares?"
    doc = document_from_text(f"{headline}\n{LEDE}\n{MORE}")
    assert doc.metadata.title == headline
    assert texts(doc) == [LEDE, MORE]


def test_a_headline_quoting_a_phrase_is_the_title() -> None:
    headline = "Commuters call fare rise ‘a tax on the islands.’"
    doc = document_from_text(f"{headline}\n{LEDE}")
    assert doc.metadata.title == headline


def test_a_semicolon_ends_a_headline_of_archive_copy() -> None:
    doc = document_from_text(f"Ferry fares rise again; \n{LEDE}\n{MORE}")
    assert doc.metadata.title == "Ferry fares rise again"
    assert texts(doc) == [LEDE, MORE]


def test_a_sentence_case_lede_stays_body_text() -> None:
    doc = document_from_text(f"{LEDE}\n{MORE}\n{MORE}")
    assert doc.metadata.title is None
    assert texts(doc)[0] == LEDE


def test_a_short_sentence_case_first_line_reads_as_a_lede_and_stays() -> None:
    # a plain sentence-case line is not set as a headline, however short
    first = "A year on, the island towns are still counting the cost."
    doc = document_from_text(f"{first}\n{LEDE}\n{MORE}")
    assert doc.metadata.title is None
    assert texts(doc)[0] == first


def test_a_lede_full_of_names_is_not_title_case() -> None:
    first = "Leaders of Chad and Niger met in Paris on Tuesday with the French President."
    assert not is_title_case(first)
    doc = document_from_text(f"{first}\n{LEDE}")
    assert doc.metadata.title is None


def test_a_title_case_lede_of_thirty_words_stays_body_text() -> None:
    first = (
        "The Harbour Board Of The Northern Isles Voted On Tuesday To Raise Ferry Fares For The "
        "Third Time In Two Years, Saying The Price Of Fuel Had Climbed Faster Than Forecast."
    )
    assert len(first.split()) >= 30
    assert is_title_case(first)  # cased as a headline, too long to be one
    doc = document_from_text(f"{first}\n{LEDE}\n{MORE}")
    assert doc.metadata.title is None
    assert texts(doc)[0] == first


def test_a_one_paragraph_document_keeps_its_paragraph() -> None:
    doc = document_from_text("Ferry Fares Rise Again as Fuel Costs Climb.")
    assert doc.metadata.title is None
    assert texts(doc) == ["Ferry Fares Rise Again as Fuel Costs Climb."]


def test_a_headline_needs_a_longer_paragraph_after_it() -> None:
    lines = ["Fares Rise Again.", "Costs Climb Too.", "Boats Run Late."]
    doc = document_from_text("\n".join(lines))
    assert doc.metadata.title is None
    assert texts(doc) == lines


def test_a_deck_and_a_label_may_stand_between_headline_and_text() -> None:
    headline = "Ferry Fares Rise Again as Fuel Costs Climb."
    deck = "Third rise in two years."
    doc = document_from_text(f"{headline}\n{deck}\nABSTRACT.\n{LEDE}")
    assert doc.metadata.title == headline
    assert texts(doc) == [deck, "ABSTRACT.", LEDE]


def test_wire_copy_gives_headline_and_dateline() -> None:
    doc = document_from_text(f"Ferry Fares Rise Again as Fuel Costs Climb\nKIRKWALL (AP) — {LEDE}")
    assert doc.metadata.title == "Ferry Fares Rise Again as Fuel Costs Climb"
    assert doc.metadata.dateline == "KIRKWALL (AP)"
    assert texts(doc) == [LEDE]


def test_a_dateline_byline_or_address_is_no_headline() -> None:
    assert not headline_style("KIRKWALL, Orkney — Ferry Fares Rise Again.")
    assert not headline_style("By Anna Berg and Tom Reid")
    assert not headline_style("From: Anna Berg <anna@example.org>")
    assert not headline_style("Read The Full Report At https://example.org/Report")


def test_an_email_opens_with_its_headers_not_a_title() -> None:
    # decided: a mail's headers are not its title (its "Subject:" is not picked out of them);
    # they stay in the body as written
    text = f"From: Anna Berg <anna@example.org>\nSubject: Ferry Fares\n\n{LEDE}"
    doc = document_from_text(text)
    assert doc.metadata.title is None
    assert "Subject: Ferry Fares" in texts(doc)[0]
    assert texts(doc)[-1] == LEDE


# ---------------------------------------------------------------- nothing is lost
_WORDS = ["harbour", "Ferry", "fares", "Rise", "of", "the", "Island", "towns", "vote", "A", "2024"]
_ENDS = ["", ".", "?", "!", ";", "’", ":", "'", ";;"]


@st.composite
def first_lines(draw: st.DrawFn) -> str:
    words = draw(st.lists(st.sampled_from(_WORDS), min_size=1, max_size=32))
    if draw(st.booleans()):
        words = [w[:1].upper() + w[1:] for w in words]
    if len(words) > 2 and draw(st.booleans()):
        words[1] += ":"  # a kicker
    if len(words) > 3 and draw(st.booleans()):
        words[2] = f"‘{words[2]}’"  # a quoted phrase
    return " ".join(words) + draw(st.sampled_from(_ENDS))


paragraphs = st.lists(st.sampled_from(_WORDS), min_size=1, max_size=40).map(
    lambda words: " ".join(words).capitalize() + "."
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(first_lines(), st.lists(paragraphs, max_size=4), st.sampled_from(["\n", "\n\n"]))
def test_title_and_body_keep_every_character_of_the_text(
    first: str, rest: list[str], separator: str
) -> None:
    text = separator.join([first, *rest])
    doc = document_from_text(text)
    meta = doc.metadata
    kept = [meta.title or "", meta.byline or "", meta.dateline or "", *meta.credits, doc.text]
    given_chars = Counter(c for c in text if not c.isspace())
    kept_chars = Counter(c for c in "".join(kept) if not c.isspace())
    assert kept_chars - given_chars == Counter()  # nothing doubled or made up
    lost = given_chars - kept_chars
    # only the ";" that ends an archive headline is dropped
    assert lost == Counter() or (lost == Counter(";") and first.endswith(";") and meta.title)
    if meta.title is not None:
        archive = first.endswith(";") and not first.endswith(";;")
        assert meta.title == (first[:-1].rstrip() if archive else first)
