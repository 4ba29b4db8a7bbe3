"""Tables: where the ingest says each cell is, and the reader's grid drawn from it."""

from __future__ import annotations

from briefing.ingest.markdown import parse_markdown
from briefing.model import ColumnAlign, Document, Table
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
