"""Tables: where the ingest says each cell is, and the reader's grid drawn from it."""

from __future__ import annotations

import dataclasses

from hypothesis import example, given, settings
from hypothesis import strategies as st
from rich.cells import cell_len

from briefing.app.reader.layout import FIRST_SCREEN_ROWS, build_layout
from briefing.app.reader.tables import (
    DRAWING,
    Grid,
    build_grid,
    offset_in_line,
    scroll_step,
    table_window,
    window_start,
    x_of_offset,
)
from briefing.ingest.builder import DocumentBuilder
from briefing.ingest.markdown import parse_markdown
from briefing.model import ColumnAlign, Document, Metadata, Reading, StyleKind, Table
from briefing.serialize import document_from_structure, structure_dict

TABLE_MD = """# A table

Before it.

| Name | Tonnes | Note |
|:-----|-------:|:----:|
| Iron ore | 1,200 | a \\| b |
| Coal [pdf](https://example.org/c.pdf) | 15 | |
| short |

After it.
"""


def _cells(document: Document, table: Table) -> list[list[str]]:
    text = document.text
    return [[text[row[i] : row[i + 1]] for i in range(0, len(row), 2)] for row in table.rows]


def test_markdown_table_cells_are_kept_as_offsets_without_changing_the_text() -> None:
    document = parse_markdown(TABLE_MD, "hash", None)
    (table,) = document.tables
    assert document.paragraph_text(table.paragraph) == (
        "Name | Tonnes | Note\nIron ore | 1,200 | a | b\nCoal pdf | 15 | \nshort |  |"
    )
    assert _cells(document, table) == [
        ["Name", "Tonnes", "Note"],
        ["Iron ore", "1,200", "a | b"],
        ["Coal pdf", "15", ""],
        ["short", "", ""],
    ]
    assert table.header_rows == 1
    assert table.aligns == (ColumnAlign.LEFT, ColumnAlign.RIGHT, ColumnAlign.CENTER)
    (link,) = [s for s in document.styles if s.target]
    assert document.text[link.start : link.end] == "pdf"
    assert link.target == "https://example.org/c.pdf"


def test_tables_survive_the_library_snapshot() -> None:
    document = parse_markdown(TABLE_MD, "hash", None)
    again = document_from_structure(document.text, "hash", structure_dict(document))
    assert again.tables == document.tables
    old = {k: v for k, v in structure_dict(document).items() if k != "tables"}
    assert document_from_structure(document.text, "hash", old).tables == ()


# ---------------------------------------------------------------------- the grid


def _grid_strings(document: Document, grid: Grid) -> list[str]:
    return ["".join(c for c, _ in grid.chunks(document.text, i)) for i in range(len(grid.lines))]


def test_a_table_is_drawn_with_aligned_columns_and_box_drawing() -> None:
    document = parse_markdown(TABLE_MD, "hash", None)
    grid = build_grid(document.text, document.tables[0])
    assert _grid_strings(document, grid) == [
        "┌──────────┬────────┬───────┐",
        "│ Name     │ Tonnes │ Note  │",
        "├──────────┼────────┼───────┤",
        "│ Iron ore │  1,200 │ a | b │",
        "│ Coal pdf │     15 │       │",
        "│ short    │        │       │",
        "└──────────┴────────┴───────┘",
    ]


def test_a_long_cell_wraps_inside_its_column() -> None:
    long = "word " * 20
    document = parse_markdown(f"| a | b |\n|---|---|\n| {long} | x |\n", "hash", None)
    grid = build_grid(document.text, document.tables[0], max_column=12)
    lines = _grid_strings(document, grid)
    assert grid.widths == [12, 1]
    assert lines[3] == "│ word word    │ x │"
    assert lines[4] == "│ word word    │   │"
    assert len(lines) == 3 + 10 + 1


cell_text = st.text(
    alphabet=st.sampled_from([*list("ab xyz|-:.,'"), "é", "漢", "\xa0"]), min_size=0, max_size=30
)


@settings(max_examples=150, deadline=None)
@example([["漢漢", "a"]], 0, 1)
@given(
    st.lists(st.lists(cell_text, min_size=1, max_size=5), min_size=1, max_size=6),
    st.integers(min_value=0, max_value=2),
    st.integers(min_value=1, max_value=20),
)
def test_every_drawn_cell_character_is_its_document_character(
    rows: list[list[str]], header_rows: int, max_column: int
) -> None:
    builder = DocumentBuilder()
    builder.add("Before.")
    cells = [[(" ".join(cell.split()), []) for cell in row] for row in rows]
    if builder.add_table(cells, min(header_rows, len(rows))) is None:
        return
    builder.add("After.")
    document = builder.build(Metadata(), "hash", None, "markdown")
    (table,) = document.tables
    text = document.text
    grid = build_grid(text, table, max_column)
    drawn: dict[int, int] = {}
    edges: set[tuple[int, ...]] = set()
    for i in range(len(grid.lines)):
        chunks = grid.chunks(text, i)
        line = "".join(piece for piece, _ in chunks)
        assert cell_len(line) == grid.width  # every line as wide: the columns align
        x = 0
        borders = []
        for piece, offset in chunks:
            if offset == DRAWING:
                borders += [x + k for k, ch in enumerate(piece) if ch in "│┌┬┐├┼┤└┴┘"]
            else:
                assert piece == text[offset : offset + len(piece)]
                for k in range(len(piece)):
                    assert offset + k not in drawn  # no character drawn twice
                    drawn[offset + k] = i
                    assert x_of_offset(chunks, offset + k) == x + cell_len(piece[:k])
                    assert offset_in_line(chunks, x + cell_len(piece[:k])) == offset + k
            x += cell_len(piece)
        edges.add(tuple(borders))
    assert len(edges) == 1  # the column borders at the same cells on every line
    for row in table.rows:
        for start, end in zip(row[::2], row[1::2], strict=True):
            for offset in range(start, end):
                assert offset in drawn or text[offset].isspace()  # every cell character drawn
    assert grid.starts == sorted(grid.starts)


def test_scroll_steps_go_a_column_at_a_time_and_stay_inside() -> None:
    document = parse_markdown(TABLE_MD, "hash", None)
    grid = build_grid(document.text, document.tables[0])
    edges = grid.column_edges()
    assert edges == [0, 11, 20]
    assert grid.width == 29
    assert scroll_step(grid, 14, 0, 1) == 10  # never more than the window less 4 at once
    assert scroll_step(grid, 14, 10, 1) == 11  # the next column's edge
    assert scroll_step(grid, 14, 11, 1) == 29 - 14  # the last column's edge is past the end
    assert scroll_step(grid, 14, 15, -1) == 11
    assert scroll_step(grid, 14, 11, -1) == 1
    assert scroll_step(grid, 15, 0, 1) == 29 - 15  # the next edge is 3 cells short of the end
    assert scroll_step(grid, 40, 0, 1) == 0  # the whole grid fits
    assert window_start(grid.width, 15, 99) == grid.width - 15
    assert table_window(grid.width, 88, 120) == (grid.width, 16)
    assert table_window(100, 60, 80) == (78, 1)


def test_a_table_kept_without_its_cells_is_drawn_from_its_text() -> None:
    source = "Intro.\n\n| City | People |\n|---|--:|\n| Ashford | 1,200 |\n| Bram | 95 |\n"
    document = parse_markdown(source, "hash", None)
    bare = dataclasses.replace(document, tables=())  # a library snapshot from before
    with_cells = build_layout(Reading(document), 80).grids[1]
    without = build_layout(Reading(bare), 80).grids[1]
    assert _grid_strings(bare, without) == [
        line.replace("│  1,200 │", "│ 1,200  │").replace("│     95 │", "│ 95     │")  # unaligned
        for line in _grid_strings(document, with_cells)
    ]
    assert without.header_rows == 1


def test_every_cell_character_is_found_from_its_offset() -> None:
    document = parse_markdown(
        TABLE_MD + "\n| a | b |\n|---|---|\n| " + "word " * 30 + "| x |\n", "h", None
    )
    layout = build_layout(Reading(document), 60)
    text = document.text
    for table in document.tables:
        grid = layout.grids[table.paragraph]
        for row in table.rows:
            for start, end in zip(row[::2], row[1::2], strict=True):
                for offset in range(start, end):
                    if text[offset].isspace():
                        continue
                    line = layout.line(layout.line_of_offset(offset))
                    chunks = grid.chunks(text, grid.line_holding(line.grid_line, offset))
                    assert x_of_offset(chunks, offset) is not None, (offset, text[offset])


def test_web_page_tables_keep_their_header_and_the_links_in_their_cells() -> None:
    from briefing.ingest import document_from_text

    words = "Some words of the article around the table. " * 12
    page = (
        f"<html><head><title>Rates</title></head><body><article><h1>Rates</h1><p>{words}</p>"
        "<table><tr><th>Bank</th><th>Rate</th></tr>"
        '<tr><td>the   <a href="https://bank.example/rates">central\n  bank</a> now</td>'
        "<td> 4.5 </td></tr></table>"
        f"<p>{words}</p></article></body></html>"
    )
    document = document_from_text(page, "html")
    (table,) = document.tables
    assert table.header_rows == 1
    assert _cells(document, table) == [["Bank", "Rate"], ["the central bank now", "4.5"]]
    (link,) = [s for s in document.styles if s.kind is StyleKind.LINK]
    assert document.text[link.start : link.end] == "central bank"
    assert link.target == "https://bank.example/rates"


def test_a_partial_layout_draws_a_long_tables_first_rows_only() -> None:
    rows = "\n".join(f"| row {n} | {n * 7} |" for n in range(FIRST_SCREEN_ROWS + 50))
    document = parse_markdown(
        f"Intro.\n\n| Name | Value |\n|---|--:|\n{rows}\n\nAfter.\n", "h", None
    )
    partial = build_layout(Reading(document), 80, max_paragraphs=2)
    assert not partial.complete
    assert {row for row, _ in partial.grids[1].lines if row >= 0} == set(range(FIRST_SCREEN_ROWS))
    whole = build_layout(Reading(document), 80)
    assert whole.complete
    assert len(whole.grids[1].lines) == FIRST_SCREEN_ROWS + 50 + 1 + 3
