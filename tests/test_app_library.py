"""The library in the app (Pilot): the library screen lists, filters, searches, sorts and
opens; a document reopens where the reader left it; an entity card lists the other briefings
that mention it and opens them."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Input, OptionList, Static

from briefing.app import BriefingApp
from briefing.app.library_screen import LibraryScreen
from briefing.app.other_briefings import OtherBriefings
from briefing.app.reader.view import ReaderView
from briefing.app.reading_screen import ReadingScreen
from briefing.cli import _library_first_page, main
from briefing.ingest import load_document
from briefing.paths import seed_path
from briefing.store.library import Library
from tests.test_library import BRIDGE, HARBOUR, SCHOOL


@pytest.fixture
def articles(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> dict[str, Path]:
    paths = {}
    for name, text in (("harbour", HARBOUR), ("bridge", BRIDGE), ("school", SCHOOL)):
        paths[name] = tmp_path / f"{name}.txt"
        paths[name].write_text(text, encoding="utf-8")
    assert main(["add", *map(str, paths.values()), "--jobs", "1"]) == 0
    assert main(["library", "tag", str(paths["school"]), "--tag", "schools"]) == 0
    capsys.readouterr()
    return paths


async def _settle(app: BriefingApp, pilot) -> None:  # type: ignore[no-untyped-def]
    for _ in range(3):
        await app.workers.wait_for_complete()
        await pilot.pause()


async def _library(app: BriefingApp, pilot) -> LibraryScreen:  # type: ignore[no-untyped-def]
    await _settle(app, pilot)
    screen = app.screen
    assert isinstance(screen, LibraryScreen)
    assert screen.loaded
    return screen


def _listed(screen: LibraryScreen) -> list[str]:
    listing = screen.query_one(OptionList)
    return [
        str(listing.get_option_at_index(i).id)
        for i in range(listing.option_count)
        if listing.get_option_at_index(i).id
    ]


ORDER = ("school", "bridge", "harbour")
"""The articles most recently read first."""


def _bundled() -> str:
    """The list's id of the bundled briefing (put in the library when it first opened)."""
    entry = Library().find_source(str(seed_path().resolve()))
    assert entry is not None
    return f"doc-{entry.id}"


def _ids(paths: dict[str, Path]) -> dict[str, int]:
    library = Library()
    found = {}
    for name, path in paths.items():
        entry = library.find_source(str(path))
        assert entry is not None
        found[name] = entry.id
    return found


def test_briefing_alone_opens_the_library_once_it_has_documents(
    articles: dict[str, Path],
) -> None:
    first = _library_first_page()
    assert first is not None
    assert first.total == 4  # and the bundled briefing, put in last (never read)
    assert [e.source for e in first.entries][:3] == [str(articles[n]) for n in ORDER]
    assert first.entries[3].source == str(seed_path().resolve())


def test_briefing_alone_opens_the_bundled_briefing_at_first() -> None:
    assert _library_first_page() is None


async def test_the_library_screen_lists_filters_sorts_and_facets(
    articles: dict[str, Path],
) -> None:
    ids = _ids(articles)
    first = _library_first_page()
    assert first is not None
    app = BriefingApp(library=first)  # as `briefing` alone opens it
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await _library(app, pilot)
        bundled = _bundled()
        assert _listed(screen) == [*(f"doc-{ids[n]}" for n in ORDER), bundled]
        await pilot.press("ctrl+o")  # by title
        by_title = [i for i in _listed(screen) if i != bundled]
        assert by_title == [f"doc-{ids[n]}" for n in ("bridge", "harbour", "school")]
        await pilot.press("ctrl+t")  # the first tag facet: #schools
        assert screen.tag == "schools"
        assert _listed(screen) == [f"doc-{ids['school']}"]
        await pilot.press("ctrl+t")
        assert screen.tag is None
        await pilot.press(*"ferry")
        await _settle(app, pilot)
        assert _listed(screen)[0] == f"doc-{ids['harbour']}"  # by its title
        assert screen.query_one(Input).value == "ferry"


async def test_ctrl_d_removes_after_asking_and_ctrl_z_brings_it_back(
    articles: dict[str, Path],
) -> None:
    ids = _ids(articles)
    first = _library_first_page()
    assert first is not None
    app = BriefingApp(library=first)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await _library(app, pilot)
        await pilot.press("down")  # to the list: the most recent, "school"
        await pilot.press("ctrl+d")
        await pilot.press("n")  # asked first: no
        await _settle(app, pilot)
        bundled = _bundled()
        assert _listed(screen) == [*(f"doc-{ids[n]}" for n in ORDER), bundled]
        await pilot.press("ctrl+d", "y")
        await _settle(app, pilot)
        assert _listed(screen) == [f"doc-{ids[n]}" for n in ("bridge", "harbour")] + [bundled]
        assert [e.id for e in Library().entries(removed=True)] == [ids["school"]]
        await pilot.press("ctrl+z")
        await _settle(app, pilot)
        assert _listed(screen) == [*(f"doc-{ids[n]}" for n in ORDER), bundled]
        assert Library().entries(removed=True) == []
        await pilot.press("ctrl+z")  # nothing left to bring back: said, nothing changes
        await _settle(app, pilot)
        assert len(_listed(screen)) == 4


async def test_search_as_you_type_and_enter_opens_at_the_match(
    articles: dict[str, Path],
) -> None:
    ids = _ids(articles)
    app = BriefingApp(library=True)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await _library(app, pilot)
        await pilot.press(*"pilin")  # a prefix of "pilings", which only the text holds
        await _settle(app, pilot)
        assert _listed(screen) == [f"hit-{ids['harbour']}"]
        await pilot.press("enter")
        await _settle(app, pilot)
        reading = app.screen
        assert isinstance(reading, ReadingScreen)
        document = reading.document
        assert document.source_path == str(articles["harbour"])
        offset = document.text.index("pilings")
        paragraph = reading.query_one(ReaderView).reading_paragraph()
        assert document.paragraphs[paragraph].start <= offset < document.paragraphs[paragraph].end
        await pilot.press("L")  # back to the library
        await _settle(app, pilot)
        assert isinstance(app.screen, LibraryScreen)


async def test_a_document_reopens_where_the_reader_left_it(articles: dict[str, Path]) -> None:
    document = load_document(articles["harbour"])
    offset = document.text.index("Engineers")
    Library().set_position(document, offset)
    app = BriefingApp(document)
    async with app.run_test(size=(60, 12)) as pilot:
        await _settle(app, pilot)
        screen = app.screen
        assert isinstance(screen, ReadingScreen)
        paragraph = screen.query_one(ReaderView).reading_paragraph()
        assert document.paragraphs[paragraph].start == offset
        await pilot.press("q")
    assert [(d.content_hash, o) for d, o in app.last_positions] == [(document.content_hash, offset)]


async def test_an_entity_card_opens_the_other_briefings(articles: dict[str, Path]) -> None:
    document = load_document(articles["bridge"])
    app = BriefingApp(document)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = app.screen
        assert isinstance(screen, ReadingScreen)
        await screen.analysed.wait()
        await _settle(app, pilot)
        person = next(e for e in screen.reading.entities if e.name == "Dana Whitlow")
        screen.open_card(person)
        await _settle(app, pilot)
        others = app.screen.query_one(OtherBriefings)
        assert others.found == [
            (_ids(articles)["harbour"], "Harbour board delays the ferry timetable")
        ]
        assert others.display
        app.screen.query_one("#card-others", OptionList).focus()
        await pilot.press("enter")
        await _settle(app, pilot)
        opened = app.screen
        assert isinstance(opened, ReadingScreen)
        assert opened.document.source_path == str(articles["harbour"])


async def test_a_card_without_other_briefings_shows_none(articles: dict[str, Path]) -> None:
    document = load_document(articles["school"])
    app = BriefingApp(document)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = app.screen
        assert isinstance(screen, ReadingScreen)
        await screen.analysed.wait()
        await _settle(app, pilot)
        person = next(e for e in screen.reading.entities if e.name == "Omar Castillo")
        screen.open_card(person)
        await _settle(app, pilot)
        others = app.screen.query_one(OtherBriefings)
        assert others.found == []
        assert not others.display


async def test_all_notes_filter_and_open_at_the_note(
    articles: dict[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    from briefing.app.all_notes_screen import AllNotesScreen

    for name, quote, note, color in (
        ("harbour", "old pilings", "ask the engineers", "pink"),
        ("bridge", "one lane", "traffic plan", "yellow"),
    ):
        args = ["notes", "add", str(articles[name]), "--quote", quote, "--note", note]
        assert main([*args, "--color", color, "--tag", "infra"]) == 0
    capsys.readouterr()
    app = BriefingApp(library=True)
    async with app.run_test(size=(120, 40)) as pilot:
        await _library(app, pilot)
        await pilot.press("ctrl+n")
        await _settle(app, pilot)
        screen = app.screen
        assert isinstance(screen, AllNotesScreen)
        assert sorted(n.annotation.note for n in screen.chosen_notes()) == [
            "ask the engineers",
            "traffic plan",
        ]
        await pilot.press("ctrl+l")  # yellow, the first colour
        assert screen.color == "yellow"
        assert [n.annotation.note for n in screen.chosen_notes()] == ["traffic plan"]
        await pilot.press("ctrl+l", "ctrl+l", "ctrl+l", "ctrl+l")  # back to any
        assert screen.color is None
        await pilot.press(*"engineers")
        assert [n.annotation.note for n in screen.chosen_notes()] == ["ask the engineers"]
        await pilot.press("enter")
        await _settle(app, pilot)
        reading = app.screen
        assert isinstance(reading, ReadingScreen)
        document = reading.document
        assert document.source_path == str(articles["harbour"])
        paragraph = reading.query_one(ReaderView).reading_paragraph()
        offset = document.text.index("old pilings")
        assert document.paragraphs[paragraph].start <= offset < document.paragraphs[paragraph].end


async def test_all_notes_filter_by_document(
    articles: dict[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    """The document facet: each document with notes in turn (most notes first), or the
    highlighted note's document; with the words filter on top."""
    from briefing.app.all_notes_screen import AllNotesScreen

    for name, quote, note in (
        ("harbour", "old pilings", "ask the engineers"),
        ("harbour", "ferry timetable", "timetable from the engineers"),
        ("bridge", "one lane", "traffic plan from the engineers"),
    ):
        assert main(["notes", "add", str(articles[name]), "--quote", quote, "--note", note]) == 0
    capsys.readouterr()
    ids = _ids(articles)
    app = BriefingApp(library=True)
    async with app.run_test(size=(120, 40)) as pilot:
        await _library(app, pilot)
        await pilot.press("ctrl+n")
        await _settle(app, pilot)
        screen = app.screen
        assert isinstance(screen, AllNotesScreen)

        def documents_shown() -> list[int]:
            return sorted({n.document_id for n in screen.chosen_notes()})

        def facets() -> str:
            return str(screen.query_one("#library-facets", Static).render())

        assert documents_shown() == sorted([ids["harbour"], ids["bridge"]])
        assert "Document: any" in facets()
        await pilot.press("ctrl+g")  # the document with the most notes first
        assert screen.document_id == ids["harbour"]
        assert sorted(n.annotation.note for n in screen.chosen_notes()) == [
            "ask the engineers",
            "timetable from the engineers",
        ]
        assert "Document: Harbour board delays the ferry timetable" in facets()
        await pilot.press(*"ask")  # the words filter within the document
        assert [n.annotation.note for n in screen.chosen_notes()] == ["ask the engineers"]
        await pilot.press(*["backspace"] * len("ask"))
        await pilot.press("ctrl+g")
        assert documents_shown() == [ids["bridge"]]
        await pilot.press("ctrl+g")  # back to every document
        assert screen.document_id is None
        assert len(screen.chosen_notes()) == 3
        # The highlighted note's document, and back.
        listing = screen.query_one(OptionList)
        bridge_row = next(
            i for i, n in enumerate(screen.chosen_notes()) if n.document_id == ids["bridge"]
        )
        listing.highlighted = bridge_row
        await pilot.press("ctrl+o")
        assert documents_shown() == [ids["bridge"]]
        assert "Document: Council votes to repair the river bridge" in facets()
        await pilot.press("ctrl+o")
        assert screen.document_id is None
        assert len(screen.chosen_notes()) == 3


async def test_the_palette_offers_the_library_and_escape_leaves_it(
    articles: dict[str, Path],
) -> None:
    app = BriefingApp(load_document(articles["school"]))
    async with app.run_test(size=(120, 40)) as pilot:
        await _settle(app, pilot)
        titles = [command.title for command in app.get_system_commands(app.screen)]
        assert "Library" in titles
        assert "All notes" in titles
        await pilot.press("L")
        await _settle(app, pilot)
        assert isinstance(app.screen, LibraryScreen)
        await pilot.press("escape")
        assert isinstance(app.screen, ReadingScreen)


async def test_escape_on_the_library_alone_clears_then_quits(articles: dict[str, Path]) -> None:
    app = BriefingApp(library=True)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await _library(app, pilot)
        await pilot.press(*"bridge")
        await pilot.press("escape")
        assert screen.query_one(Input).value == ""
        assert app.is_running
        await pilot.press("escape")
        await pilot.pause()
        assert not app.is_running


async def test_a_document_open_already_is_not_opened_twice(articles: dict[str, Path]) -> None:
    ids = _ids(articles)
    app = BriefingApp(load_document(articles["harbour"]))
    async with app.run_test(size=(120, 40)) as pilot:
        await _settle(app, pilot)
        first = app.screen
        await pilot.press("L")
        await _settle(app, pilot)
        app.open_library_document(ids["harbour"])
        await _settle(app, pilot)
        assert app.screen is first
        assert [type(s).__name__ for s in app.screen_stack].count("ReadingScreen") == 1


async def test_a_long_library_shows_the_most_recent_and_filters_them_all() -> None:
    from briefing.app.library_screen import LIST_LIMIT
    from briefing.ingest import document_from_text
    from briefing.store.library import prepare

    library = Library()
    count = LIST_LIMIT + 20
    for n in range(count):
        text = f"Report number w{n}x on the harbour\n\nThe board met about item w{n}x today.\n"
        library.record(prepare(document_from_text(text, source_path=f"/nowhere/{n}.txt")))
    first = _library_first_page()
    assert first is not None
    assert first.total == count + 1  # and the bundled briefing
    assert len(first.entries) == LIST_LIMIT + 1
    app = BriefingApp(library=first)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await _library(app, pilot)
        assert len(screen.entries) == count + 1  # the rest came in a worker
        assert len(_listed(screen)) == LIST_LIMIT  # and the "more" line, which has no id
        await pilot.press(*"w0x")  # the oldest, not among those shown at first
        await _settle(app, pilot)
        (only,) = _listed(screen)
        assert library.entry(int(only.removeprefix("doc-"))).title.startswith("Report number w0x")
