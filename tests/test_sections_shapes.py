"""How sections read text of other shapes than articles: text taken from a PDF (page furniture,
paragraphs cut by page breaks, hyphenated line ends) and transcripts (speakers' turns)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from briefing.analysis import analyze
from briefing.analysis.sections import (
    TURN_GROUP_WORDS,
    automatic_sections,
    page_reading,
    turn_reading,
)
from briefing.ingest import document_from_text

HARBOUR = (
    "The harbour authority said container traffic through the harbour rose again this year. "
    "Cranes at the harbour worked through the night to clear the container ships waiting "
    "outside, and pilots guided the largest container ship yet into the port."
)
BUDGET = (
    "The city council budget shows a deficit in road maintenance spending. Council auditors "
    "said the road budget was overspent by a third, and the council will vote on cuts to the "
    "road maintenance budget at its hearings next month."
)


def _page(number: int) -> list[str]:
    return [str(number), "ACME — Annual Report"]


def test_a_pdf_text_is_read_without_its_furniture_and_with_cut_paragraphs_joined() -> None:
    texts = [
        HARBOUR,
        HARBOUR,
        HARBOUR + " The cranes were old, the board said, and",
        *_page(1),
        "would be replaced next year by electric ones.",
        BUDGET,
        BUDGET,
        BUDGET + " The council hopes for infor-",
        *_page(2),
        "mation from the state before the vote.",
        BUDGET,
        BUDGET,
        *_page(3),
    ]
    read = page_reading(texts)
    assert read is not None
    blocks, firsts = read
    # no page number, running header or paragraph running on past a page break opens a block
    assert firsts == [0, 1, 2, 6, 7, 8, 12, 13]
    assert blocks[2].endswith("the board said, and would be replaced next year by electric ones.")
    assert blocks[5].endswith("hopes for information from the state before the vote.")
    assert not any("ACME" in block for block in blocks)


def test_numbers_alone_on_lines_are_no_pages_unless_they_count_up_a_page_apart() -> None:
    years = [HARBOUR, "1983", HARBOUR, "1990", BUDGET, "2016", BUDGET]
    assert page_reading(years) is None
    # a numbered list counts up, but with no page of text between its numbers
    listed = [HARBOUR, "Paper No", "10", "Paper No", "11", "Paper No", "12", BUDGET]
    assert page_reading(listed) is None
    assert page_reading([HARBOUR, BUDGET]) is None


def test_sections_of_a_pdf_text_start_at_paragraphs_the_author_wrote() -> None:
    # a running header seen on two pages only: known by its place next to the page number
    harbour = [HARBOUR, HARBOUR.replace("again", "once more"), HARBOUR.replace("year", "May")]
    budget = [BUDGET, BUDGET.replace("third", "quarter"), BUDGET.replace("next month", "soon")]
    lines = [*harbour, "1", "\fACME Annual Report", *budget, "2", "\fACME Annual Report"]
    document = document_from_text("\n\n".join([*lines, BUDGET, "3"]))
    texts = [document.text[p.start : p.end] for p in document.paragraphs]
    assert texts[3:5] == ["1", "ACME Annual Report"]
    sections = automatic_sections(document)
    covered = [p for s in sections for p in range(s.start_paragraph, s.end_paragraph + 1)]
    assert covered == list(range(len(document.paragraphs)))
    assert [s.start_paragraph for s in sections] == [0, 5]  # not at the header (4)


def _transcript(turns: int) -> list[str]:
    speakers = ("Anna", "Ben", "Chair")
    words = HARBOUR.split()
    return [
        f"{speakers[i % 3]}: " + " ".join(words[(i * 5) % 20 : (i * 5) % 20 + 1 + i % 9])
        for i in range(turns)
    ]


def test_a_transcript_is_segmented_in_runs_of_turns() -> None:
    turns = _transcript(200)
    read = turn_reading(turns)
    assert read is not None
    blocks, firsts = read
    assert firsts[0] == 0
    assert firsts == sorted(set(firsts))
    assert len(blocks) < len(turns) / 3
    # every run but the last holds a paragraph's worth of words, and every turn once
    assert all(len(block.split()) >= TURN_GROUP_WORDS for block in blocks[:-1])
    assert sum(len(b.split()) for b in blocks) == sum(len(t.split()) for t in turns)
    assert turn_reading([HARBOUR, BUDGET] * 5) is None


@settings(max_examples=25, deadline=None)
@given(st.integers(min_value=1, max_value=300), st.sampled_from(["\n", "\n\n"]))
def test_sections_of_a_transcript_cover_every_turn_once_and_start_at_a_turn(
    count: int, separator: str
) -> None:
    document = document_from_text(separator.join(_transcript(count)))
    sections = analyze(document).sections
    covered = [p for s in sections for p in range(s.start_paragraph, s.end_paragraph + 1)]
    assert covered == list(range(len(document.paragraphs)))


def test_a_transcript_is_titled_by_what_is_said_not_by_who_says_it() -> None:
    lines = [
        "Project Manager: The harbour cranes need new cables before the container season.",
        "Industrial Designer: {vocalsound} The harbour cranes could take steel cables.",
        "Project Manager: Container ships wait while the cranes are down. [laughter]",
        "Industrial Designer: Then the harbour should order the cables this week.",
    ] * 3
    document = document_from_text("\n".join(lines))
    titles = " ".join(s.title for s in automatic_sections(document)).lower()
    assert "manager" not in titles
    assert "designer" not in titles
    assert "vocalsound" not in titles
    assert any(word in titles for word in ("harbour", "crane", "cable", "container"))


def test_a_transcript_is_not_titled_by_its_fillers() -> None:
    """Speech is full of "OK", "yeah", "gonna" and "things"; counted, they titled most
    meetings "OK and …". In other text the same words are left as they are."""
    lines = [
        "Grad A: OK. Yeah, OK, so the tram timetable is gonna change, and things.",
        "Grad B: OK, yeah. The tram drivers want things settled, OK?",
        "Grad A: Yeah. OK, the timetable for the trams, yeah, and things like that.",
        "Grad B: OK. Gonna need the drivers' rota too, OK, yeah.",
    ] * 3
    document = document_from_text("\n".join(lines))
    titles = " ".join(s.title for s in automatic_sections(document)).lower().split()
    assert not {"ok", "yeah", "gonna", "things"} & set(titles)
    assert {"tram", "trams", "timetable", "drivers"} & set(titles)
