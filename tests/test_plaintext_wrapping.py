"""Paragraphs of plain text hard-wrapped at a fixed width (as `pdftotext` or a mail client
gives it) are rebuilt from their lines, even where a wrapped line happens to end with a
semicolon, a bracket or a full stop."""

from __future__ import annotations

from briefing.ingest import document_from_text


def _paragraphs(text: str) -> list[str]:
    document = document_from_text(text)
    return [document.text[p.start : p.end] for p in document.paragraphs]


def test_a_line_opening_in_lower_case_runs_on_from_a_full_line_before_it() -> None:
    text = (
        "The board heard from the harbour master about dredging, pilotage (for\n"
        "larger ships) and the new berths.\n"
        "\n"
        "Its plan covers stakeholder analysis and mapping exercises; interviews (if any)\n"
        "and surveys.\n"
    )
    assert _paragraphs(text) == [
        "The board heard from the harbour master about dredging, pilotage (for larger "
        "ships) and the new berths.",
        "Its plan covers stakeholder analysis and mapping exercises; interviews (if any) "
        "and surveys.",
    ]


def test_lines_that_end_sentences_or_are_short_stay_apart() -> None:
    # a full line that ends a sentence, then a lower-case one: two paragraphs as written
    text = (
        "Coordination among the harbour staff and the council was said to be critical.\n"
        "nothing further was covered\n"
        "\n"
        "Agenda\n"
        "items were read out.\n"
    )
    assert _paragraphs(text) == [
        "Coordination among the harbour staff and the council was said to be critical.",
        "nothing further was covered",
        "Agenda",
        "items were read out.",
    ]


def test_one_sentence_a_line_of_any_width_is_not_joined() -> None:
    long = "the council met again " * 8  # wider than wrapped text is
    text = f"The harbour board met on Monday\n{long.strip()}\nand the vote was put off"
    assert _paragraphs(text)[-2:] == [long.strip(), "and the vote was put off"]
