"""The rough edges a new user hit (issue 16), fixed in the core, the CLI and the export."""

from __future__ import annotations

from pathlib import Path

from briefing.analysis.corrections import SectionPlan, merge_with_next
from briefing.app.entity_card import mention_excerpt
from briefing.cli import outline
from briefing.ingest import load_document
from briefing.pipeline import read_document
from briefing.text.quoting import quoted
from tests.conftest import FIXTURES
from tests.test_cli import run


def test_outline_counts_paragraphs_from_one() -> None:
    reading = read_document(load_document(FIXTURES / "report.md"))
    first = reading.sections[0]
    line = next(x for x in outline(reading).splitlines() if x.lstrip().startswith("1. "))
    assert f"¶{first.start_paragraph + 1}–{first.end_paragraph + 1})" in line
    assert first.start_paragraph == 0  # so the outline's first section starts at ¶1


def test_a_quotation_keeps_its_own_marks() -> None:
    assert quoted("“Why are we doing this?”") == "“Why are we doing this?”"
    assert quoted("plain words") == "“plain words”"
    assert quoted('"straight"') == '"straight"'
    # One mark at the start only: the passage runs on past the quotation, so it is quoted.
    assert quoted("“Why?” he asked.") == "““Why?” he asked.”"


def test_a_long_quotation_is_cut_inside_its_own_marks() -> None:
    assert quoted("“" + "word " * 40 + "end”", 20) == "“" + ("word " * 40)[:19] + "…”"
    assert quoted("abcdef", 4) == "“abc…”"


def test_notes_listing_shows_a_quotation_with_one_pair_of_marks(tmp_path: Path) -> None:
    path = tmp_path / "article.txt"
    path.write_text(
        "The chair opened the meeting.\nShe asked: “Why are we meeting again?” Nobody knew.\n",
        encoding="utf-8",
    )
    added = run("notes", "add", str(path), "--quote", "“Why are we meeting again?”")
    assert added.returncode == 0, added.stderr
    listing = run("notes", str(path))
    assert "    “Why are we meeting again?”" in listing.stdout
    assert "““" not in listing.stdout
    assert "1 note on" in listing.stdout


def test_merging_keeps_a_title_the_reader_wrote() -> None:
    plan = SectionPlan((0, 3, 7), (None, "Mine", None))
    assert merge_with_next(plan, 0) == SectionPlan((0, 7), ("Mine", None))
    both = SectionPlan((0, 3, 7), ("First", "Second", None))
    assert merge_with_next(both, 0) == SectionPlan((0, 7), ("First", None))
    automatic = SectionPlan((0, 3, 7), (None, None, "Last"))
    assert merge_with_next(automatic, 0) == SectionPlan((0, 7), (None, "Last"))


def test_an_entity_card_excerpt_never_cuts_off_its_mention() -> None:
    words = "word " * 60
    text = f"{words}Ada Lovelace {words}"
    start = text.index("Ada")
    mention = (start, start + len("Ada Lovelace"))
    excerpt, a, b = mention_excerpt(text, (0, len(text)), mention, limit=50)
    assert excerpt[a:b] == "Ada Lovelace"
    assert excerpt.startswith("…")
    assert excerpt.endswith("…")
    assert len(excerpt) <= 52
    # At the end of a long sentence, the mention is still there, with the text before it.
    late = f"{words}then Ada Lovelace."
    start = late.index("Ada")
    excerpt, a, b = mention_excerpt(late, (0, len(late)), (start, start + 12), limit=50)
    assert excerpt[a:b] == "Ada Lovelace"
    assert excerpt.endswith("Ada Lovelace.")
    # A short sentence is shown whole.
    short = "Then Ada Lovelace spoke."
    assert mention_excerpt(short, (0, len(short)), (5, 17)) == (short, 5, 17)


def test_cli_export_highlight_html(tmp_path: Path) -> None:
    path = tmp_path / "article.txt"
    path.write_text("The board met on Monday.\nIts chair spoke.\n", encoding="utf-8")
    assert run("notes", "add", str(path), "--quote", "met on Monday").returncode == 0
    html = run("export", str(path), "-o", "-", "--highlight", "html")
    assert html.returncode == 0, html.stderr
    assert "<mark>met on Monday</mark>" in html.stdout
    plain = run("export", str(path), "-o", "-")
    assert "==met on Monday==" in plain.stdout
    bad = run("export", str(path), "-o", "-", "--highlight", "bold")
    assert bad.returncode == 2
