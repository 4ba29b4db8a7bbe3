"""What the start-up shortcuts must not change: component styles resolved on demand are those
Textual would have resolved, the first screen is styled for its width and focused as before."""

from __future__ import annotations

import gc
import hashlib
import subprocess
import sys
from pathlib import Path
from typing import ClassVar

from hypothesis import given
from hypothesis import strategies as st
from textual.app import App, ComposeResult

from briefing.app import BriefingApp
from briefing.app.briefing_app import LATER_STYLESHEETS, STYLESHEETS
from briefing.app.reader.view import ReaderView
from briefing.app.reading_screen import ReadingScreen
from briefing.app.section_list import SectionList
from briefing.ingest import load_document
from briefing.paths import styles_dir
from briefing.text.lines import line_ends
from tests.conftest import SEED


class EagerReader(ReaderView):
    """The reader as Textual resolves component classes by itself: all of them, every time."""

    COMPONENT_CLASSES: ClassVar[set[str]] = set(ReaderView.LAZY_COMPONENT_CLASSES)
    LAZY_COMPONENT_CLASSES: ClassVar[frozenset[str]] = frozenset()

    @classmethod
    def _get_component_classes(cls) -> frozenset[str]:  # type: ignore[override]
        return frozenset(cls.COMPONENT_CLASSES)


class TwoReaders(App[None]):
    AUTO_FOCUS = None
    CSS_PATH: ClassVar[list[str]] = [
        str(styles_dir() / name) for name in (*STYLESHEETS, *LATER_STYLESHEETS)
    ]

    def compose(self) -> ComposeResult:
        yield ReaderView(id="lazy")
        yield EagerReader(id="eager")


def _styles(reader: ReaderView) -> dict[str, object]:
    return {
        name: reader.get_component_rich_style(name)
        for name in sorted(ReaderView.LAZY_COMPONENT_CLASSES)
    }


async def test_lazy_component_styles_are_textuals_through_focus_and_theme_changes() -> None:
    app = TwoReaders()
    async with app.run_test(size=(100, 30)) as pilot:
        lazy = app.query_one("#lazy", ReaderView)
        eager = app.query_one("#eager", ReaderView)
        assert not ReaderView._get_component_classes()
        assert _styles(lazy) == _styles(eager)
        unfocused = _styles(lazy)["reader--selection"]
        lazy.focus()
        await pilot.pause()
        assert lazy.has_focus
        focused = _styles(lazy)
        assert focused["reader--selection"] != unfocused  # the :focus rule
        eager.focus()
        await pilot.pause()
        assert _styles(eager) == focused
        assert _styles(lazy)["reader--selection"] == unfocused
        before = _styles(lazy)["reader--person"]
        app.theme = "textual-light"
        await pilot.pause()
        eager_light = _styles(eager)  # focused
        lazy.focus()
        await pilot.pause()
        assert _styles(lazy) == eager_light
        assert _styles(lazy)["reader--person"] != before


async def test_section_list_styles_its_options_on_demand() -> None:
    app = BriefingApp(load_document(SEED))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        sections = app.screen.query_one(SectionList)
        assert not SectionList._get_component_classes()
        highlighted = sections.get_component_rich_style("option-list--option-highlighted")
        assert highlighted.bgcolor is not None


async def test_first_screen_has_its_width_class_and_the_reader_focused() -> None:
    for size, width_class, list_width in (((120, 40), "-wide", 28), ((80, 24), "-narrow", 24)):
        app = BriefingApp(load_document(SEED))
        async with app.run_test(size=size) as pilot:
            await pilot.pause()
            screen = app.screen
            assert isinstance(screen, ReadingScreen)
            assert screen.has_class(width_class)
            assert screen.query_one(ReaderView).has_focus
            assert screen.query_one(SectionList).outer_size.width == list_width


def test_run_keeps_the_collector_off_the_start_up() -> None:
    """Off until the first frame, then on; what existed before `run` frozen while it runs."""
    frozen: list[int] = []
    enabled: list[bool] = []

    class Quick(BriefingApp):
        def on_ready(self) -> None:
            frozen.append(gc.get_freeze_count())
            enabled.append(gc.isenabled())
            super().on_ready()
            enabled.append(gc.isenabled())
            self.exit()

    Quick(load_document(SEED)).run(headless=True, size=(80, 24))
    assert frozen
    assert frozen[0] > 0
    assert enabled == [False, True]
    assert gc.isenabled()
    assert gc.get_freeze_count() == 0


def _python(code: str) -> list[str]:
    """The words a fresh interpreter prints running `code`."""
    return subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout.split()


def test_start_up_imports_only_what_the_first_frame_needs() -> None:
    """Modules for features not yet used are imported when first used (each costs start-up)."""
    code = (
        "import sys\n"
        "from briefing.app import BriefingApp\n"
        "from briefing.ingest import load_document\n"
        "print(' '.join(sorted(sys.modules)))\n"
    )
    out = _python(code)
    for module in (
        "briefing.analysis.sentences",
        "briefing.app.entity_sidebar",
        "briefing.app.search_bar",
        "briefing.app.help_screen",
        "briefing.app.notes_panel",
        "briefing.app.reader.tables",  # a document with a table lays it out
        "briefing.app.link_picker",  # `o` with links in view
        "briefing.service.corrections",
        "briefing.ingest.markdown",
        "briefing.store.database",
        "briefing.pipeline",
    ):
        assert module not in out, module


@given(st.text(alphabet=st.sampled_from("ab \n"), max_size=60), st.data())
def test_line_ends_are_the_line_breaks_then_the_end(text: str, data: st.DataObject) -> None:
    # One function for the layout and the sentence splitter, importing nothing at start-up.
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    breaks = [i for i in range(start, end) if text[i] == "\n"]
    assert line_ends(text, start, end) == [*breaks, end]


def test_the_first_frame_shows_the_text() -> None:
    """The reader lays the text out when first rendered, not on the Resize after that frame
    (as the start-up benchmark checks: what the screen shows when Textual reports Ready)."""
    at_ready: list[str] = []

    class Watched(BriefingApp):
        def on_ready(self) -> None:
            strips = self.screen._compositor.render_strips()
            at_ready.append("\n".join(strip.text for strip in strips))
            self.exit()

    Watched(load_document(SEED)).run(headless=True, size=(120, 40))
    assert at_ready
    assert "With authoritarian states" in at_ready[0]


def test_loading_leaves_the_collector_as_it_was() -> None:
    """load_document keeps the collector off its objects, and leaves it on, nothing frozen."""
    assert gc.isenabled()
    load_document(SEED)
    assert gc.isenabled()
    assert gc.get_freeze_count() == 0
    gc.freeze()  # someone else's frozen objects stay frozen
    try:
        frozen = gc.get_freeze_count()
        load_document(SEED)
        assert gc.get_freeze_count() >= frozen
    finally:
        gc.unfreeze()
    gc.disable()
    try:
        load_document(SEED)
        assert not gc.isenabled()
    finally:
        gc.enable()


async def test_styles_of_what_comes_later_are_read_after_the_first_frame() -> None:
    before: list[bool] = []
    paths = [str(styles_dir() / name) for name in LATER_STYLESHEETS]

    class Watched(BriefingApp):
        def on_ready(self) -> None:
            before.extend(self.stylesheet.has_source(path) for path in paths)
            super().on_ready()

    app = Watched(load_document(SEED))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert before == [False] * len(paths)
        assert all(app.stylesheet.has_source(path) for path in paths)
        selectors = {selector for rule in app.stylesheet.rules for selector in rule.selector_names}
        assert {".reader--person", "NotesPanel", "HelpScreen", ".dialog"} <= selectors


def test_a_long_file_is_hashed_beside_its_decoding(tmp_path: Path) -> None:
    from briefing.ingest.source import THREADED_DIGEST_BYTES

    path = tmp_path / "long.txt"
    path.write_text("A paragraph of a long report.\n" * (THREADED_DIGEST_BYTES // 30 + 10))
    assert path.stat().st_size >= THREADED_DIGEST_BYTES
    document = load_document(path)
    assert document.content_hash == hashlib.sha256(path.read_bytes()).hexdigest()


def test_importing_the_app_leaves_the_collector_on_and_nothing_frozen() -> None:
    code = (
        "import gc\n"
        "calls = []\n"
        "gc.callbacks.append(lambda phase, info: calls.append(phase))\n"
        "from briefing.app import BriefingApp\n"
        "print(gc.isenabled(), gc.get_freeze_count(), len(calls))\n"
    )
    out = _python(code)
    assert out[:2] == ["True", "0"]
    assert int(out[2]) < 10  # the imports ran without the collector
