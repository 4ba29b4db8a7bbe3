"""The reader with a Markdown document's tables and links: a table drawn aligned and scrolled
sideways, `o` opening the link in the selection or one chosen from those in view, and refusing
an address that is not a web or mail address."""

from __future__ import annotations

from typing import Any

from textual import events
from textual.worker import WorkerCancelled

from briefing.app import BriefingApp
from briefing.app.link_picker import LinkPicker
from briefing.app.reader.render import MORE_LEFT, MORE_RIGHT
from briefing.app.reader.scrolling import SYNC_TABLE_ROWS
from briefing.app.reader.view import ReaderView
from briefing.app.reading_screen import ReadingScreen
from briefing.ingest import load_document
from briefing.ingest.builder import DocumentBuilder
from briefing.ingest.markdown import parse_markdown
from briefing.model import Document, Metadata, StyleKind
from tests.conftest import FIXTURES
from tests.frozen import reading_without_analysis
from tests.test_app import rendered_text

TABLES = FIXTURES / "tables.md"


class RecordingApp(BriefingApp):
    """The app, with the addresses it was asked to open and the notices it gave kept."""

    def __init__(self, document: Document) -> None:
        super().__init__(document, reading=reading_without_analysis(document))
        self.opened: list[str] = []
        self.notices: list[str] = []

    def open_url(self, url: str, *, new_tab: bool = True) -> None:
        self.opened.append(url)

    def notify(self, message: str, *args: Any, **kwargs: Any) -> None:  # type: ignore[override]
        self.notices.append(str(message))
        super().notify(message, *args, **kwargs)


async def _reader(app: BriefingApp, pilot: Any) -> ReaderView:
    screen = app.screen
    assert isinstance(screen, ReadingScreen)
    await screen.analysed.wait()
    while True:  # a layout worker may be replaced by a newer one (the reading set again)
        try:
            await app.workers.wait_for_complete()
            break
        except WorkerCancelled:
            continue
    await pilot.pause()
    reader = screen.query_one(ReaderView)
    reader.focus()
    await pilot.pause()
    return reader


def _table_lines(reader: ReaderView) -> list[str]:
    return [line for line in rendered_text(reader).splitlines() if set(line) & set("│┌├└")]


async def test_a_wide_table_is_drawn_aligned_and_scrolls_sideways() -> None:
    app = RecordingApp(load_document(TABLES))
    async with app.run_test(size=(100, 34)) as pilot:
        reader = await _reader(app, pilot)
        lines = _table_lines(reader)
        header = next(line for line in lines if "Region" in line)
        assert "┌" in lines[0]
        assert MORE_RIGHT in header  # cut at the right edge: more that way
        assert MORE_LEFT not in header
        assert "Source of the figures" not in header
        bars = {tuple(i for i, ch in enumerate(line) if ch in "│┼┬┴┌├└┐┤┘") for line in lines[:6]}
        assert len(bars) == 1  # every line's borders at the same columns
        assert "│ Coast    │  8,050 │" in "\n".join(lines)  # numbers right-aligned

        for _ in range(8):
            await pilot.press("l")
        await pilot.pause()
        assert reader.table_scroll[1] > 0
        header = next(
            line for line in _table_lines(reader) if "Region" not in line and "Share" in line
        )
        assert "Source of the figures" in header
        assert MORE_LEFT in header
        await pilot.press(*["h"] * 8)
        await pilot.pause()
        assert reader.table_scroll[1] == 0
        assert any("Region" in line for line in _table_lines(reader))
        # the text around it did not move sideways
        assert any(
            line.lstrip().startswith("The register is kept")
            for line in rendered_text(reader).splitlines()
        )


async def test_o_opens_the_link_in_the_selection() -> None:
    document = load_document(TABLES)
    app = RecordingApp(document)
    async with app.run_test(size=(100, 34)) as pilot:
        reader = await _reader(app, pilot)
        link = next(s for s in document.styles if s.kind is StyleKind.LINK)
        reader.select(link.start + 2, link.end - 2)
        await pilot.press("o")
        await pilot.pause()
        assert app.opened == ["https://stats.example.org/register"]


async def test_o_without_a_selection_offers_the_links_in_view() -> None:
    app = RecordingApp(load_document(TABLES))
    async with app.run_test(size=(100, 34)) as pilot:
        await _reader(app, pilot)
        await pilot.press("o")
        await pilot.pause()
        assert isinstance(app.screen, LinkPicker)
        await pilot.press("down", "enter")
        await pilot.pause()
        assert app.opened == ["mailto:desk@example.org"]
        assert isinstance(app.screen, ReadingScreen)
        await pilot.press("o", "escape")
        await pilot.pause()
        assert app.opened == ["mailto:desk@example.org"]  # escape opens nothing


def _linked(target: str) -> Document:
    builder = DocumentBuilder()
    builder.add("Read the notice here before the vote.", styles=[(16, 20, StyleKind.LINK, target)])
    return builder.build(Metadata(title="Links"), "hash", None, "markdown")


async def test_o_refuses_an_address_that_is_not_web_or_mail() -> None:
    app = RecordingApp(_linked("javascript:alert(1)"))
    async with app.run_test(size=(100, 30)) as pilot:
        reader = await _reader(app, pilot)
        reader.select(16, 20)
        await pilot.press("o")
        await pilot.pause()
        assert app.opened == []
        assert any(n.startswith("Not opened: a javascript: address") for n in app.notices)


async def test_o_with_no_link_in_view_says_so() -> None:
    builder = DocumentBuilder()
    builder.add("Nothing links anywhere in this short text.")
    app = RecordingApp(builder.build(Metadata(title="None"), "hash", None, "text"))
    async with app.run_test(size=(100, 30)) as pilot:
        await _reader(app, pilot)
        await pilot.press("o")
        await pilot.pause()
        assert app.opened == []
        assert "No link here" in app.notices
        assert isinstance(app.screen, ReadingScreen)


async def test_the_wheel_with_shift_scrolls_the_table_under_it_and_clicks_find_their_cell() -> None:
    document = load_document(TABLES)
    app = RecordingApp(document)
    async with app.run_test(size=(100, 34)) as pilot:
        reader = await _reader(app, pilot)
        rows = rendered_text(reader).splitlines()
        y = next(i for i, line in enumerate(rows) if "Coast" in line)
        x = rows[y].index("Coast")
        assert reader.offset_at(x + 2, y) == document.text.index("Coast") + 2
        top = reader.scroll_y

        def wheel(kind: type[events.MouseScrollDown | events.MouseScrollUp], shift: bool) -> None:
            at = reader.content_region.offset  # the wheel's place on the screen
            event = kind(reader, x, y, 0, 1, 0, shift, False, False, at.x + x, at.y + y)
            reader.post_message(event)

        wheel(events.MouseScrollDown, True)
        wheel(events.MouseScrollDown, True)
        await pilot.pause()
        assert reader.table_scroll[1] > 0
        assert reader.scroll_y == top  # the text stayed where it was
        rows = rendered_text(reader).splitlines()
        x = rows[y].index("Port authority")
        assert reader.offset_at(x, y) == document.text.index("Port authority")
        wheel(events.MouseScrollUp, True)
        wheel(events.MouseScrollUp, True)
        await pilot.pause()
        assert reader.table_scroll[1] == 0


async def test_a_search_hit_in_a_hidden_column_scrolls_its_table_to_it() -> None:
    document = load_document(TABLES)
    app = RecordingApp(document)
    async with app.run_test(size=(100, 34)) as pilot:
        reader = await _reader(app, pilot)
        assert "undercounts" not in rendered_text(reader)
        await pilot.press("slash", *"undercounts", "enter")
        await pilot.pause()
        assert reader.table_scroll[1] > 0
        assert "undercounts" in rendered_text(reader)


async def test_a_long_table_is_laid_out_in_the_background() -> None:
    rows = "\n".join(f"| item {n} | {n * 3} |" for n in range(SYNC_TABLE_ROWS + 10))
    document = parse_markdown(
        f"# Long\n\nIntro.\n\n| Item | Count |\n|---|--:|\n{rows}\n", "h", None
    )
    app = RecordingApp(document)
    async with app.run_test(size=(100, 30)) as pilot:
        reader = await _reader(app, pilot)
        layout = reader.layout_lines
        assert layout is not None
        assert layout.complete  # the worker's full layout replaced the first screen's
        assert len(layout.grids[1].lines) == SYNC_TABLE_ROWS + 10 + 1 + 3
        await pilot.press("G")
        await pilot.pause()
        assert f"item {SYNC_TABLE_ROWS + 9}" in rendered_text(reader)


async def test_o_on_a_selection_holding_several_links_offers_those() -> None:
    document = load_document(TABLES)
    app = RecordingApp(document)
    async with app.run_test(size=(100, 34)) as pilot:
        reader = await _reader(app, pilot)
        first = document.paragraphs[0]
        reader.select(first.start, first.end)  # the paragraph with both links
        await pilot.press("o")
        await pilot.pause()
        assert isinstance(app.screen, LinkPicker)
        assert app.opened == []
        await pilot.press("enter")
        await pilot.pause()
        assert app.opened == ["https://stats.example.org/register"]
