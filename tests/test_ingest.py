"""Ingestion as pure functions: plain text, Markdown, metadata, encodings, bad files."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from briefing.errors import SourceError
from briefing.ingest import MAX_BYTES, document_from_text, load_document
from briefing.model import Document, ParagraphKind, StyleKind
from tests.conftest import FIXTURES, SEED


def texts(document: Document) -> list[str]:
    return [document.paragraph_text(i) for i in range(len(document.paragraphs))]


def check_offsets(document: Document) -> None:
    previous_end = -1
    for i, p in enumerate(document.paragraphs):
        assert p.index == i
        assert previous_end < p.start < p.end <= len(document.text) or (i == 0 and p.start == 0)
        chunk = document.text[p.start : p.end]
        assert chunk == chunk.strip()
        assert chunk
        previous_end = p.end


# ---------------------------------------------------------------- plain text
def test_single_line_breaks_separate_paragraphs() -> None:
    doc = document_from_text("First paragraph here.\nSecond one here.\nThird one.")
    assert texts(doc) == ["First paragraph here.", "Second one here.", "Third one."]


def test_blank_lines_separate_paragraphs_and_hard_wrapped_lines_join() -> None:
    wrapped = (
        "The council met on a wet morning to discuss the\n"
        "budget for the coming year and the state of the\n"
        "roads, which everyone agreed were poor.\n"
        "\n"
        "A second paragraph follows the blank line and it\n"
        "is also wrapped at a fixed width like the first.\n"
    )
    doc = document_from_text(wrapped)
    assert texts(doc) == [
        "The council met on a wet morning to discuss the budget for the coming year and "
        "the state of the roads, which everyone agreed were poor.",
        "A second paragraph follows the blank line and it is also wrapped at a fixed width "
        "like the first.",
    ]


def test_dateline_goes_to_metadata() -> None:
    doc = document_from_text(
        "NAIROBI, Kenya — Rains arrived early this year.\nFarmers welcomed them."
    )
    assert doc.metadata.dateline == "NAIROBI, Kenya"
    assert texts(doc)[0] == "Rains arrived early this year."


@pytest.mark.parametrize(
    ("line", "dateline"),
    [
        ("WASHINGTON (Reuters) - The Senate voted.", "WASHINGTON (Reuters)"),
        ("NEW YORK, March 3 (AP) — Markets fell.", "NEW YORK, March 3 (AP)"),
        ("CASPER, Wyo. - The convention met.", "CASPER, Wyo."),
        ("RALEIGH, N.C. (AP) — Polls closed.", "RALEIGH, N.C. (AP)"),
        ("The NATO summit ended. Leaders - all of them - left.", None),
        ("The NATO summit - held in June - ended.", None),
        ("A - B testing is common.", None),
    ],
)
def test_dateline_shapes(line: str, dateline: str | None) -> None:
    doc = document_from_text(line + "\nMore text follows here.")
    assert doc.metadata.dateline == dateline


def test_trailing_credits_go_to_metadata_not_body() -> None:
    body = "Officials met on Monday.\nThey agreed on a plan.\n"
    trailer = (
        "• Staff writer Jane Roe contributed to this report from Lima.\n"
        "• John Doe can be reached at jdoe@example.com.\n"
        "Please read our comment policy before commenting.\n"
        "Sign up for our daily newsletter.\n"
    )
    doc = document_from_text(body + trailer)
    assert texts(doc) == ["Officials met on Monday.", "They agreed on a plan."]
    assert doc.metadata.credits == (
        "Staff writer Jane Roe contributed to this report from Lima.",
        "John Doe can be reached at jdoe@example.com.",
        "Please read our comment policy before commenting.",
        "Sign up for our daily newsletter.",
    )


def test_a_body_paragraph_that_mentions_reporting_stays() -> None:
    text = (
        "The minister said the reporting by local media had been unfair to the government, "
        "and that new rules on press accreditation would follow within a month of the vote, "
        "after consultation with editors and the public broadcaster, whose board objected.\n"
        "Nothing else happened."
    )
    doc = document_from_text(text)
    assert len(doc.paragraphs) == 2
    assert doc.metadata.credits == ()


def test_title_byline_and_headings_in_plain_text() -> None:
    doc = load_document(FIXTURES / "headed.txt")
    assert doc.metadata.title == "River Towns Report"
    assert doc.metadata.byline == "By Sam Okoye"
    assert doc.metadata.dateline == "LAGOS, Nigeria"
    assert doc.metadata.credits == ("Reporting by Sam Okoye; Editing by Jo Lin",)
    kinds = [p.kind for p in doc.paragraphs]
    assert kinds.count(ParagraphKind.HEADING) == 2
    assert [title for _, title in doc.section_breaks] == ["Water levels", "Road closures"]


def test_numbers_and_times_on_their_own_lines_are_not_headings() -> None:
    body = (
        "The council met for four hours and heard from residents about the flooding along "
        "the river road, which closed twice this spring."
    )
    text = f"Harbour Vote Delayed\n{body}\n1\n{body}\n8:30 p.m.\n{body}\nRoad closures\n{body}"
    doc = document_from_text(text)
    assert [title for _, title in doc.section_breaks] == ["Road closures"]
    assert [p.kind for p in doc.paragraphs].count(ParagraphKind.HEADING) == 1


def test_text_without_punctuation_has_no_headings_and_no_title() -> None:
    # one sentence a line, punctuation stripped (a transcript, subtitles, OCR output)
    lines = [
        "The river rose again this week",
        "Farmers along the valley moved their animals to higher ground before the rain came",
        "Water levels",
        "The council said the flood defences held in every town but one on the lower river",
        "Roads were closed",
        "Engineers will inspect the bridge at the crossing before it opens to traffic again",
    ]
    doc = document_from_text("\n".join(lines))
    assert doc.metadata.title is None
    assert doc.section_breaks == ()
    assert [p.kind for p in doc.paragraphs].count(ParagraphKind.HEADING) == 0
    assert len(doc.paragraphs) == len(lines)


def test_headings_of_a_punctuated_document_are_kept_but_not_fragments_or_furniture() -> None:
    body = (
        "The council met for four hours and heard from residents about the flooding along "
        "the river road, which closed twice this spring."
    )
    text = "\n".join(
        [
            "Harbour Vote Delayed",
            body,
            "Water levels",
            body,
            "RIVER REPORT",  # a running header on every page: furniture
            body,
            "The engineers said that the",  # a sentence runs on into the next line
            "bridge would hold through the winter, and the council agreed to pay for repairs.",
            "RIVER REPORT",
            body,
            "Road closures",
            body,
            "RIVER REPORT",
            body,
        ]
    )
    doc = document_from_text(text)
    assert doc.metadata.title == "Harbour Vote Delayed"
    assert [title for _, title in doc.section_breaks] == ["Water levels", "Road closures"]


def test_a_heading_may_follow_a_list() -> None:
    body = "The plan has three parts, and the council will vote on each of them in turn."
    text = f"{body}\n\n- first part\n- second part\n\nCosts\n\n{body} {body}"
    doc = document_from_text(text)
    assert [title for _, title in doc.section_breaks] == ["Costs"]


def test_short_turns_of_a_transcript_are_not_headings() -> None:
    turns = []
    for i in range(12):
        turns.append(
            f"Anna: We looked at the budget for the harbour and the roads again, item {i}."
        )
        turns.append("Ben: Right so")
    doc = document_from_text("\n".join(turns))
    assert doc.section_breaks == ()


def test_seed_paragraphs_and_metadata() -> None:
    doc = load_document(SEED)
    assert doc.metadata.dateline is not None
    assert len(doc.metadata.credits) == 3
    assert all(p.kind == ParagraphKind.TEXT for p in doc.paragraphs)
    assert not any("comment policy" in t for t in texts(doc))
    check_offsets(doc)


# ---------------------------------------------------------------- markdown
def test_markdown_structure_and_metadata() -> None:
    doc = load_document(FIXTURES / "report.md")
    meta = doc.metadata
    assert meta.title == "Harbour Authority Annual Review"
    assert meta.byline == "Ana Pereira"
    assert meta.date == "2025-03-14"
    assert meta.tags == ("ports", "shipping")
    assert [title for _, title in doc.section_breaks] == ["Traffic", "Finances"]
    body = texts(doc)
    assert body[0].startswith("The review covers twelve months of operations")
    assert "• First item with emphasis" in body
    assert "1. Nested one" in body
    assert "A quoted remark from the harbour master." in body
    assert 'print("code block")' in body
    assert "Year | Revenue\n2024 | 10" in body
    kinds = {doc.paragraph_text(i): p.kind for i, p in enumerate(doc.paragraphs)}
    assert kinds["A quoted remark from the harbour master."] == ParagraphKind.QUOTE
    assert kinds["A sub-heading"] == ParagraphKind.HEADING
    styled = {(doc.text[s.start : s.end], s.kind, s.target) for s in doc.styles}
    assert ("twelve", StyleKind.EMPHASIS, None) in styled
    assert ("operations", StyleKind.STRONG, None) in styled
    assert ("code", StyleKind.CODE, None) in styled
    assert ("link", StyleKind.LINK, "https://example.org") in styled
    assert ("emphasis", StyleKind.EMPHASIS, None) in styled
    check_offsets(doc)


def test_raw_html_in_markdown_is_shown_as_its_text() -> None:
    doc = document_from_text(
        "Intro with <b>bold</b> and a<br>break and <img src='m.png' alt='a map'>.\n\n"
        '<div class="box">\n<p>First &amp; <i>only</i> box</p>\n<p>Second line</p>\n</div>\n\n'
        "<!-- a comment -->\n\n"
        "<pre>\ncol1   col2 &#35; kept\n  indented</pre>\n\n"
        "<script>alert(1)</script>\n\nEnd.",
        "markdown",
    )
    shown = [(p.kind, doc.paragraph_text(p.index)) for p in doc.paragraphs]
    assert shown == [
        (ParagraphKind.TEXT, "Intro with bold and a\nbreak and [image: a map]."),
        (ParagraphKind.TEXT, "First & only box"),
        (ParagraphKind.TEXT, "Second line"),
        (ParagraphKind.CODE, "col1   col2 # kept\n  indented"),
        (ParagraphKind.TEXT, "End."),
    ]


def test_markdown_first_h1_is_title_without_front_matter() -> None:
    doc = document_from_text("# The Title\n\nBody text.\n\n## Part\n\nMore.", "markdown")
    assert doc.metadata.title == "The Title"
    assert texts(doc) == ["Body text.", "Part", "More."]
    assert doc.section_breaks == ((1, "Part"),)


def test_markdown_bad_front_matter_is_ignored_not_fatal() -> None:
    doc = document_from_text("---\n: : [unclosed\n---\n\nBody text.", "markdown")
    assert texts(doc) == ["Body text."]


# ---------------------------------------------------------------- encodings and safety
@pytest.mark.parametrize(
    "encode",
    [
        lambda s: s.encode("utf-8"),
        lambda s: codecs.BOM_UTF8 + s.encode("utf-8"),
        lambda s: codecs.BOM_UTF16_LE + s.encode("utf-16-le"),
        lambda s: codecs.BOM_UTF16_BE + s.encode("utf-16-be"),
    ],
)
def test_encodings_keep_curly_quotes_dashes_and_names(tmp_path: Path, encode) -> None:  # type: ignore[no-untyped-def]
    text = "“Quoted,” she said — 문재인 and Zoë met Ōsaka’s mayor. مرحبا"
    path = tmp_path / "a.txt"
    path.write_bytes(encode(text))
    assert texts(load_document(path)) == [text]


def test_markup_like_text_is_kept_literally() -> None:
    doc = document_from_text("A [bold red]x[/] and [link=http://x]y[/link] stay.")
    assert texts(doc) == ["A [bold red]x[/] and [link=http://x]y[/link] stay."]


def test_escape_sequences_are_removed_and_controls_made_visible() -> None:
    doc = document_from_text("Red \x1b[31mtext\x1b[0m, title \x1b]0;pwned\x07 bell\x07 bs\x08.")
    assert texts(doc) == ["Red text, title  bell␇ bs␈."]


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        (b"", "empty"),
        (b"  \n\t\n", "empty"),
        (b"abc\x00def", "binary"),
        (b"caf\xe9 au lait", "not valid UTF-8"),
        (codecs.BOM_UTF16_LE + b"\x00\xd8", "not valid UTF-16"),
    ],
)
def test_bad_files_raise_one_line_errors(tmp_path: Path, content: bytes, problem: str) -> None:
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    with pytest.raises(SourceError) as info:
        load_document(path)
    message = str(info.value)
    assert problem in message
    assert str(path) in message
    assert "\n" not in message


def test_missing_directory_and_oversized(tmp_path: Path) -> None:
    with pytest.raises(SourceError, match="no such file"):
        load_document(tmp_path / "nope.txt")
    with pytest.raises(SourceError, match="is a directory"):
        load_document(tmp_path)
    big = tmp_path / "big.txt"
    with big.open("wb") as handle:
        handle.truncate(MAX_BYTES + 1)
    with pytest.raises(SourceError, match="too large"):
        load_document(big)


# ---------------------------------------------------------------- properties
_alphabet = st.characters(
    codec="utf-8", exclude_categories=("Cs",), include_characters="\n\n\n \t\r\x1b[]“”—"
)


@given(st.text(alphabet=_alphabet, max_size=400))
def test_any_text_gives_valid_non_overlapping_paragraphs(text: str) -> None:
    doc = document_from_text(text)
    check_offsets(doc)
    for p in doc.paragraphs:
        chunk = doc.text[p.start : p.end]
        assert "\x1b" not in chunk


@given(st.lists(st.text(alphabet="abcdefgh .,", min_size=1, max_size=60), max_size=20))
def test_paragraphs_cover_the_body_exactly(lines: list[str]) -> None:
    """Every non-space character of a line-per-paragraph body lands in exactly one paragraph."""
    text = "\n".join(lines)
    doc = document_from_text(text)
    body = "".join(doc.paragraph_text(i) for i in range(len(doc.paragraphs)))
    expected = [line.strip() for line in lines if line.strip()]
    # Credits and datelines need capitals or cue words, which this alphabet cannot make.
    assert "".join(body.split()) == "".join("".join(expected).split())


@given(st.text(max_size=300))
def test_markdown_never_fails_and_offsets_hold(text: str) -> None:
    doc = document_from_text(text, "markdown")
    check_offsets(doc)
    for s in doc.styles:
        assert 0 <= s.start < s.end <= len(doc.text)
