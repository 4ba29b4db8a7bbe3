"""Wrapping and screen layout as pure functions over offsets."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st
from rich.cells import cell_len

from briefing.analysis import analyze
from briefing.app.reader.layout import LineKind, build_layout, wrap, wrap_preformatted
from briefing.ingest import document_from_text, load_document
from tests.conftest import FIXTURES


@given(st.text(alphabet=st.sampled_from("ab cd 語e\n🙂"), max_size=300), st.integers(1, 40))
def test_wrap_fits_width_and_keeps_every_non_space_character(text: str, width: int) -> None:
    spans = wrap(text, 0, len(text), width)
    kept = ""
    last = 0
    for start, end in spans:
        assert last <= start <= end <= len(text)
        piece = text[start:end]
        assert "\n" not in piece
        assert cell_len(piece) <= max(width, 2)  # a wide character never splits
        kept += piece
        last = end
    assert "".join(kept.split()) == "".join(text.split())


def test_wrap_breaks_at_spaces() -> None:
    text = "alpha beta gamma delta"
    assert [text[a:b] for a, b in wrap(text, 0, len(text), 11)] == ["alpha beta", "gamma delta"]


@given(st.text(alphabet=st.sampled_from("ab  語\n🙂"), max_size=200), st.integers(2, 30))
def test_preformatted_lines_keep_every_character_and_column(text: str, width: int) -> None:
    spans = wrap_preformatted(text, 0, len(text), width)
    assert "\n".join(text.split("\n")) == text  # (the lines, for the join below)
    rebuilt, last = [], 0
    for start, end in spans:
        assert last <= start <= end <= len(text)
        assert "\n" not in text[start:end]
        assert cell_len(text[start:end]) <= width
        rebuilt.append(text[last:start])  # only line breaks between spans
        assert set(text[last:start]) <= {"\n"}
        last = end
    assert last == len(text) or set(text[last:]) <= {"\n"}
    assert "".join(text[a:b] for a, b in spans) == text.replace("\n", "")


def test_a_code_block_keeps_its_indentation_in_the_layout() -> None:
    source = "Intro.\n\n```\ndef f(x):\n    return x  # " + "y" * 100 + "\n```\n"
    reading = analyze(document_from_text(source, "markdown"))
    layout = build_layout(reading, 60)
    text = reading.document.text
    shown = [text[layout.starts[i] : layout.ends[i]] for i in range(layout.height)]
    assert "def f(x):" in shown
    room = layout.measure - 2  # a code block is indented by two
    head = "    return x  # "
    assert head + "y" * (room - len(head)) in shown  # columns kept, the long line cut
    assert any(line and set(line) == {"y"} for line in shown)


def test_layout_indexes_sections_paragraphs_and_offsets() -> None:
    reading = analyze(load_document(FIXTURES / "report.md"))
    layout = build_layout(reading, 60)
    document = reading.document
    assert len(layout.paragraph_lines) == len(document.paragraphs)
    tables = {table.paragraph for table in document.tables}
    assert tables
    for index, line_number in enumerate(layout.paragraph_lines):
        line = layout.line(line_number)
        assert line.paragraph == index
        if index in tables:  # the top rule, then the first row holds the first cell
            assert line.kind == LineKind.TABLE
            assert line.grid_line == 0
            assert layout.line_of_offset(document.paragraphs[index].start) == line_number + 1
        else:
            assert line.kind == LineKind.TEXT
            assert layout.line_of_offset(document.paragraphs[index].start) == line_number
    for index, line_number in enumerate(layout.section_lines):
        assert layout.paragraphs[line_number] == reading.sections[index].start_paragraph
    assert all(
        end - start <= layout.measure
        for kind, start, end in zip(layout.kinds, layout.starts, layout.ends, strict=True)
        if kind != LineKind.TABLE
    )
    assert list(layout.starts) == sorted(layout.starts)


def test_partial_layout_is_a_prefix_of_the_full_one() -> None:
    reading = analyze(load_document(FIXTURES / "long.md"))
    full = build_layout(reading, 50)
    part = build_layout(reading, 50, max_paragraphs=5)
    assert not part.complete
    assert full.complete
    assert part.height < full.height
    assert list(part.starts) == list(full.starts[: part.height])


def test_sections_without_headings_get_a_title_line() -> None:
    reading = analyze(document_from_text("One.\nTwo."))
    layout = build_layout(reading, 40)
    assert layout.line(0).kind == LineKind.SECTION_TITLE
    assert layout.line(layout.section_lines[0]).kind == LineKind.SECTION_TITLE


def test_list_items_follow_each_other_without_blank_lines() -> None:
    reading = analyze(
        document_from_text("Intro text here.\n\n- one\n- two\n- three\n\nAfter.", "markdown")
    )
    layout = build_layout(reading, 60)
    kinds = [layout.line(i).kind for i in range(layout.height)]
    first_item = layout.paragraph_lines[1]
    assert kinds[first_item : first_item + 3] == [LineKind.TEXT] * 3
    assert kinds[first_item + 3] == LineKind.BLANK


def test_narrow_characters_are_one_cell_each() -> None:
    from briefing.app.reader.layout import _NARROW

    assert all(cell_len(character) == 1 for character in _NARROW)
    assert "“" in _NARROW
    assert "—" in _NARROW
    assert "語" not in _NARROW


@given(st.text(alphabet=st.sampled_from("ab cd “”—’é.\n"), max_size=200), st.integers(1, 40))
def test_narrow_text_wraps_as_the_cell_by_cell_wrap_does(text: str, width: int) -> None:
    from briefing.app.reader.layout import _wrap_ascii, _wrap_cells

    for line in text.split("\n"):
        narrow: list[tuple[int, int]] = []
        cells: list[tuple[int, int]] = []
        _wrap_ascii(line, 0, len(line), width, narrow)
        _wrap_cells(line, 0, len(line), width, cells)
        assert narrow == cells
