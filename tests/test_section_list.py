"""The section list's gists: at most two lines under the focused title, cut at a word."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st
from rich.cells import cell_len

from briefing.app import BriefingApp
from briefing.app.section_list import GIST_LINES, SectionList, gist_lines
from briefing.ingest import load_document
from tests.conftest import SEED
from tests.test_app import ready


def test_a_long_gist_is_cut_to_two_lines_at_a_word() -> None:
    gist = (
        "The alliance announced the largest change to the command of its forces in decades, "
        "turning the headquarters into a joint command with new powers."
    )
    lines = gist_lines(gist, 26).split("\n")
    assert len(lines) == 2
    assert all(cell_len(line) <= 26 for line in lines)
    assert lines[1].endswith("…")
    assert " ".join(lines).rstrip("…").split()[-1] in gist.split()  # a whole word before the cut


def test_a_short_gist_is_left_whole() -> None:
    assert gist_lines("Talks resumed on Monday.", 26) == "Talks resumed on Monday."


@given(st.text(min_size=1, max_size=400), st.integers(min_value=8, max_value=60))
def test_any_gist_fits_two_lines_of_its_width(text: str, width: int) -> None:
    lines = gist_lines(text, width).split("\n")
    assert len(lines) <= GIST_LINES
    assert all(cell_len(line) <= width for line in lines)


async def test_the_focused_gist_takes_at_most_two_lines_at_the_default_width() -> None:
    app = BriefingApp(load_document(SEED))
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ready(app, pilot)
        sections = screen.query_one(SectionList)
        width = sections.scrollable_content_region.width
        for index in range(len(screen.sections)):
            screen.go_to_section(index)
            await pilot.pause()
            prompt = sections.get_option_at_index(index).prompt
            lines = str(prompt).split("\n")
            assert 2 <= len(lines) <= 1 + GIST_LINES  # the title, then the gist
            assert all(cell_len(line) <= width for line in lines[1:])
