"""The app driven by Pilot: navigation, palette, search, help, panes, untrusted text."""

from __future__ import annotations

from pathlib import Path

from textual.widget import Widget
from textual.widgets import Input

from briefing.app import BriefingApp
from briefing.app.entity_sidebar import EntitySidebar
from briefing.app.help_screen import HelpScreen, binding_rows
from briefing.app.reader.view import ReaderView
from briefing.app.reading_screen import ReadingScreen
from briefing.app.search_bar import SearchBar
from briefing.app.section_list import SectionList
from briefing.ingest import document_from_text, load_document
from briefing.model import Document
from tests.conftest import FIXTURES, SEED

LONG = FIXTURES / "long.md"


def make_app(path: Path = LONG) -> BriefingApp:
    return BriefingApp(load_document(path))


async def ready(app: BriefingApp, pilot) -> ReadingScreen:  # type: ignore[no-untyped-def]
    screen = app.screen
    assert isinstance(screen, ReadingScreen)
    await screen.analysed.wait()
    await app.workers.wait_for_complete()
    await pilot.pause()
    return screen


def reader_section(screen: ReadingScreen) -> int | None:
    return screen.reading.section_of(screen.query_one(ReaderView).reading_paragraph())


def rendered_text(widget: Widget) -> str:
    """What a Line-API widget shows, as plain text."""
    lines = []
    for y in range(widget.size.height):
        lines.append("".join(segment.text for segment in widget.render_line(y)))
    return "\n".join(lines)


async def test_section_keys_move_reader_and_list_together() -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await ready(app, pilot)
        sections = screen.query_one(SectionList)
        assert [s.title for s in screen.sections] == [
            "Introduction",
            "Harbours",
            "Flood defences",
            "Housing",
            "Transport",
        ]
        for key, expected in [("n", 1), ("right_square_bracket", 2), ("n", 3), ("p", 2)]:
            await pilot.press(key)
            await pilot.pause()
            assert reader_section(screen) == expected
            assert sections.current == expected
        await pilot.press("left_square_bracket")
        await pilot.pause()
        assert sections.current == 1
        await pilot.press("5")
        await pilot.pause()
        assert reader_section(screen) == 4
        assert sections.current == 4
        await pilot.press("n")  # past the last section: stays
        await pilot.pause()
        assert sections.current == 4


async def test_missing_section_number_warns_and_stays() -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await ready(app, pilot)
        await pilot.press("9")
        await pilot.pause()
        assert reader_section(screen) == 0
        assert any("no section 9" in str(n.message) for n in app._notifications)


async def test_scrolling_moves_the_current_section_marker() -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await ready(app, pilot)
        reader = screen.query_one(ReaderView)
        await pilot.press("j", "j")
        await pilot.pause()
        assert reader.scroll_y == 2
        await pilot.press("G")
        await pilot.pause()
        assert screen.query_one(SectionList).current == len(screen.sections) - 1
        await pilot.press("g")
        await pilot.pause()
        assert reader.scroll_y == 0
        assert screen.query_one(SectionList).current == 0


async def test_clicking_a_section_goes_there() -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await ready(app, pilot)
        rows = rendered_text(screen.query_one(SectionList)).splitlines()
        row = next(y for y, line in enumerate(rows) if "3 Flood defences" in line)
        await pilot.click(SectionList, offset=(4, row))
        await pilot.pause()
        assert reader_section(screen) == 2


async def test_palette_offers_go_to_section() -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await ready(app, pilot)
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"go to section 4")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is screen
        assert reader_section(screen) == 3


async def test_search_finds_steps_and_clears() -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await ready(app, pilot)
        reader = screen.query_one(ReaderView)
        await pilot.press("slash")
        await pilot.pause()
        assert isinstance(app.focused, Input)
        await pilot.press(*"revenue")
        await pilot.press("enter")
        await pilot.pause()
        text = screen.document.text
        assert [text[a:b] for a, b in reader.hits] == ["revenue"] * 3
        assert app.focused is reader
        first = reader.current_hit
        assert reader_section(screen) == 1  # the first hit is in "Harbours"
        await pilot.press("full_stop")
        await pilot.pause()
        assert reader.current_hit == first + 1
        assert reader_section(screen) == 2
        await pilot.press("comma", "comma")
        await pilot.pause()
        assert reader.current_hit == (first - 1) % 3
        await pilot.press("escape")
        await pilot.pause()
        assert reader.hits == ()


async def test_search_without_hits_says_so() -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await ready(app, pilot)
        await pilot.press("slash", *"zebra")
        await pilot.pause()
        count = screen.query_one("#search-count")
        assert "no hits" in str(count.render())


async def test_help_lists_every_binding_and_closes() -> None:
    app = make_app()
    async with app.run_test(size=(100, 40)) as pilot:
        await ready(app, pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        described = {what for _, _, what in binding_rows(app.binding_owners())}
        for owner in (ReadingScreen, ReaderView, SectionList, SearchBar, BriefingApp):
            for binding in owner.BINDINGS:
                assert getattr(binding, "description", None) in described
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ReadingScreen)


async def test_tab_moves_between_panes() -> None:
    app = make_app()
    async with app.run_test(size=(140, 30)) as pilot:
        screen = await ready(app, pilot)
        assert app.focused is screen.query_one(ReaderView)
        seen = set()
        for _ in range(3):
            await pilot.press("tab")
            await pilot.pause()
            assert app.focused is not None
            seen.add(type(app.focused).__name__)
        assert {"SectionList", "EntitySidebar"} <= seen
        await pilot.press("shift+tab")
        await pilot.pause()
        assert app.focused is not None


async def test_narrow_terminal_hides_sidebars_with_keys_to_bring_them_back() -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await ready(app, pilot)
        entities = screen.query_one(EntitySidebar)
        sections = screen.query_one(SectionList)
        assert not entities.display
        assert sections.display
        await pilot.press("e")
        await pilot.pause()
        assert entities.display
        await pilot.press("s")
        await pilot.pause()
        assert not sections.display
        assert screen.query_one(ReaderView).size.width > 40


async def test_untrusted_text_is_shown_literally_and_escapes_never_reach_the_screen() -> None:
    hostile = (
        "# [bold red]Title[/]\n\n"
        "Body with [bold red]x[/] and [link=https://evil.example]click[/link].\n\n"
        "## [red]Section[/red] \x1b]0;owned\x07\n\n"
        "Escape \x1b[2J and bell \x07 here.\n"
    )
    document: Document = document_from_text(hostile, "markdown", "hostile.md")
    app = BriefingApp(document)
    async with app.run_test(size=(120, 30)) as pilot:
        screen = await ready(app, pilot)
        text = rendered_text(screen.query_one(ReaderView))
        assert "[bold red]x[/]" in text
        assert "[link=https://evil.example]click[/link]" in text
        assert "\x1b" not in text
        assert "\x07" not in text
        assert "[red]Section[/red]" in rendered_text(screen.query_one(SectionList))
        await pilot.press("ctrl+p", *"red")
        await pilot.pause(0.3)
        await pilot.press("escape")


async def test_analysis_is_cached_by_content(tmp_path: Path) -> None:
    app = make_app(SEED)
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(app, pilot)
    cached = list((tmp_path / "cache" / "readings").glob("*.json"))
    assert len(cached) == 1


async def test_long_documents_are_laid_out_in_the_background() -> None:
    paragraphs = [f"Paragraph {i} of a long report with some words in it." for i in range(3000)]
    document = document_from_text("\n".join(paragraphs), "text", "long.txt")
    app = BriefingApp(document)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await ready(app, pilot)
        reader = screen.query_one(ReaderView)
        layout = reader.layout_lines
        assert layout is not None
        assert layout.complete
        assert len(layout.paragraph_lines) == 3000
        await pilot.press("G")
        await pilot.pause()
        assert reader.top_paragraph() > 2900


NASTY = "\n".join(
    [
        "x" * 500,  # one word longer than any line
        "語" * 200 + " 日本語のテキスト、そして English mixed in.",
        "🙂👍🏽👨‍👩‍👧 emoji with joiners and modifiers " * 5,
        "مرحبا بالعالم — Arabic text runs right to left שלום עולם",
        "e\u0301 combining accents a\u0308 o\u0303 and zero\u200bwidth\u200dspaces",
        "tab\tseparated\tcolumns",
        "trailing spaces     ",
        "[/] [bold] [/bold] [link=x] unbalanced [[markup]]",
        "\x1b[31mred\x1b[0m \x1b]8;;http://x\x1b\\link\x1b]8;;\x1b\\ \x9b31m c1",
        ".",
    ]
)


async def test_nasty_text_renders_every_line_at_every_width() -> None:
    app = BriefingApp(document_from_text(NASTY, "text", "nasty.txt"))
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await ready(app, pilot)
        reader = screen.query_one(ReaderView)
        for width in (80, 41, 30):
            await pilot.resize_terminal(width, 24)
            await pilot.pause()
            layout = reader.layout_lines
            assert layout is not None
            shown = ""
            for top in range(0, layout.height, reader.size.height):
                reader.scroll_to(y=top, animate=False, immediate=True)
                text = rendered_text(reader)
                assert "\x1b" not in text
                assert "\x9b" not in text
                shown += text
            assert "[[markup]]" in shown
            assert "שלום" in shown


SECTIONED = "\n\n".join(
    [
        "The port authority reported record container traffic at the harbour this year.",
        "Harbour cranes worked double shifts as container ships queued in the harbour.",
        "Dock workers at the harbour said container volumes strained the cranes.",
        "A separate report on the city budget found the council overspent on roads.",
        "The council budget for roads will be cut next year, the budget report said.",
        "Council members disputed the budget figures for road repairs.",
    ]
)


async def test_rename_split_merge_reset_and_they_persist() -> None:
    document = document_from_text(SECTIONED, "text", "sectioned.txt")
    app = BriefingApp(document)
    async with app.run_test(size=(120, 30)) as pilot:
        screen = await ready(app, pilot)
        automatic = [(s.start_paragraph, s.title) for s in screen.sections]
        assert len(automatic) == 2  # harbour, then budget

        await pilot.press("r")
        await pilot.pause()
        await pilot.press("ctrl+u", *"Harbour traffic", "enter")
        await pilot.pause()
        assert screen.sections[0].title == "Harbour traffic"
        assert screen.sections[0].title_source.value == "user"

        await pilot.press("j", "j", "j", "j")  # into the first section's second paragraph
        await pilot.pause()
        paragraph = screen.query_one(ReaderView).reading_paragraph()
        assert screen.current_section() == 0
        await pilot.press("x")
        await pilot.pause()
        assert [s.start_paragraph for s in screen.sections] == [0, paragraph, 3]

        await pilot.press("1", "m")
        await pilot.pause()
        assert [s.start_paragraph for s in screen.sections] == [0, 3]
        assert screen.sections[0].title == "Harbour traffic"

    # A new app on the same document finds the corrections.
    app = BriefingApp(document_from_text(SECTIONED, "text", "sectioned.txt"))
    async with app.run_test(size=(120, 30)) as pilot:
        screen = await ready(app, pilot)
        assert screen.sections[0].title == "Harbour traffic"
        await pilot.press("R")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert [(s.start_paragraph, s.title) for s in screen.sections] == automatic

    app = BriefingApp(document_from_text(SECTIONED, "text", "sectioned.txt"))
    async with app.run_test(size=(120, 30)) as pilot:
        screen = await ready(app, pilot)
        assert [(s.start_paragraph, s.title) for s in screen.sections] == automatic


async def test_split_at_a_section_start_is_refused() -> None:
    app = BriefingApp(document_from_text(SECTIONED, "text", "sectioned.txt"))
    async with app.run_test(size=(120, 30)) as pilot:
        screen = await ready(app, pilot)
        before = screen.sections
        await pilot.press("x")
        await pilot.pause()
        assert screen.sections == before
        assert any("Scroll to the paragraph" in str(n.message) for n in app._notifications)


async def test_a_failing_analysis_leaves_the_text_readable(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from briefing.service import corrections as section_editor

    def broken(self, progress=None, automatic=None):  # type: ignore[no-untyped-def]
        raise RuntimeError("boom")

    monkeypatch.setattr(section_editor.SectionEditor, "load", broken)
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ReadingScreen)
        assert "An opening paragraph introduces" in rendered_text(screen.query_one(ReaderView))
        assert any("Analysis failed" in str(n.message) for n in app._notifications)
        await pilot.press("n")
        await pilot.pause()
        assert screen.query_one(SectionList).current == 1


async def test_entity_mentions_are_marked_by_type_in_the_reader() -> None:
    app = make_app(SEED)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ready(app, pilot)
        reader = screen.query_one(ReaderView)
        person = reader.get_component_rich_style("reader--person")
        place = reader.get_component_rich_style("reader--place")
        assert person.color != place.color
        styled: dict[str, set[object]] = {}
        for y in range(reader.size.height):
            for segment in reader.render_line(y):
                styled.setdefault(segment.text, set()).add(
                    segment.style.color if segment.style else None
                )
        people = [e for e in screen.reading.entities if e.type.value == "person"]
        places = [e for e in screen.reading.entities if e.type.value == "place"]
        assert people
        assert places
        shown_people = [e.name for e in people if e.name in styled]
        assert shown_people, "no person mention on the first screen"
        assert all(person.color in styled[name] for name in shown_people)
        shown_places = [e.name for e in places if e.name in styled]
        assert all(place.color in styled[name] for name in shown_places)


async def test_choosing_an_entity_opens_its_card_and_mentions_can_be_stepped() -> None:
    from briefing.app.entity_card import EntityCard
    from briefing.app.entity_sidebar import EntitySidebar

    app = make_app(SEED)
    async with app.run_test(size=(130, 40)) as pilot:
        screen = await ready(app, pilot)
        sidebar = screen.query_one(EntitySidebar)
        sidebar.focus()
        await pilot.pause()
        await pilot.press("down", "enter")  # the first entity under the first type heading
        await pilot.pause()
        assert isinstance(app.screen, EntityCard)
        chosen = screen._entity
        assert chosen is not None
        assert len(chosen.mentions) >= 2
        await pilot.press("down", "enter")  # its second mention
        await pilot.pause()
        assert app.screen is screen
        reader = screen.query_one(ReaderView)
        second = chosen.mentions[1]
        assert reader.top_offset() is not None
        layout = reader.layout_lines
        assert layout is not None
        line = layout.line_of_offset(second.start)
        assert reader.top_line() <= line < reader.top_line() + reader.size.height
        before = reader.top_line()
        await pilot.press("right_curly_bracket")
        await pilot.pause()
        assert reader.top_line() >= before
        await pilot.press("left_curly_bracket")
        await pilot.pause()
        await pilot.press("c")
        await pilot.pause()
        assert isinstance(app.screen, EntityCard)
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is screen


async def test_entity_sidebar_switches_to_the_current_section() -> None:
    from briefing.app.entity_sidebar import EntitySidebar

    app = make_app(SEED)
    async with app.run_test(size=(130, 40)) as pilot:
        screen = await ready(app, pilot)
        sidebar = screen.query_one(EntitySidebar)

        def listed() -> set[str]:
            return {
                (option.id or "").removeprefix("entity-")
                for option in sidebar.options
                if (option.id or "").startswith("entity-")
            }

        everyone = listed()
        assert everyone == {e.id for e in screen.reading.entities}
        await pilot.press("w")
        await pilot.pause()
        section = screen.sections[0]
        in_first = {
            e.id for e in screen.reading.entities if any(m.paragraph in section for m in e.mentions)
        }
        assert listed() == in_first
        assert listed() < everyone
        await pilot.press("n")
        await pilot.pause()
        second = screen.sections[1]
        assert listed() == {
            e.id for e in screen.reading.entities if any(m.paragraph in second for m in e.mentions)
        }
        await pilot.press("w")
        await pilot.pause()
        assert listed() == everyone


def test_section_strip_marks_the_sections_an_entity_appears_in() -> None:
    from briefing.app.entity_sidebar import section_strip
    from briefing.model import Entity, EntityType, Mention, Section

    sections = tuple(Section(i, f"S{i}", 2 * i, 2 * i + 1) for i in range(4))
    entity = Entity("e1", "X", EntityType.PERSON, mentions=(Mention(0, 1, 1), Mention(9, 10, 6)))
    assert section_strip(entity, sections) == "■··■"
