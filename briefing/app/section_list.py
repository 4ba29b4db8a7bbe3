"""The section list: numbered titles, the current section marked, the focused one's gist under
its title (at most two lines); select one to go there."""

from __future__ import annotations

import io
from typing import ClassVar

from rich.cells import cell_len
from rich.console import Console
from rich.text import Text
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from briefing.app.lazy_styles import LazyComponentStyles
from briefing.model import Section, TitleSource

CURRENT_MARK = "▶"
USER_MARK = "✎"
"""Shown after a title the reader wrote."""
NOTES_MARK = "●"
"""Before the number of notes in a section."""
FIRST_BATCH = 60
"""Most sections listed before the first frame (no more than the terminal has lines: each takes
at least one); the rest follow right after it."""
GIST_LINES = 2
"""Most lines a gist takes under its title (cut at a word, with an ellipsis)."""
DEFAULT_GIST_WIDTH = 27
"""Cells a gist line has before the list is laid out (its default width, less its border)."""


_MEASURE = Console(width=200, color_system=None, legacy_windows=False, file=io.StringIO())
"""A console to measure and wrap with (never printed to)."""


def gist_lines(text: str, width: int, lines: int = GIST_LINES) -> str:
    """`text` wrapped at words into at most `lines` lines of `width` cells, the last one cut
    with an ellipsis when the text is longer: a long gist must not push the titles apart."""
    wrapped = Text(" ".join(text.split())).wrap(_MEASURE, max(8, width))
    kept = [line.plain.rstrip() for line in wrapped[:lines]]
    if len(wrapped) > lines:
        last = kept[-1]
        while last and cell_len(last) + 1 > width:
            last = last[:-1]
        cut = last.rfind(" ")
        last = last[:cut] if cut > len(last) // 2 else last
        kept[-1] = last.rstrip(",;:—- ") + "…"
    return "\n".join(kept)


class SectionList(LazyComponentStyles, OptionList):
    """Lists sections; posts `SectionList.Chosen` when one is picked (enter or click).

    Prompts are `Text` objects, never markup strings, so a title shows exactly as written.
    """

    LAZY_COMPONENT_CLASSES: ClassVar[frozenset[str]] = frozenset(OptionList.COMPONENT_CLASSES)

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j", "cursor_down", "Next in list", show=False, id="sections.down"),
        Binding("k", "cursor_up", "Previous in list", show=False, id="sections.up"),
        Binding("minus", "screen.change_granularity(False)", "Fewer sections", id="sections.fewer"),
        Binding(
            "plus,equals_sign",
            "screen.change_granularity(True)",
            "More sections",
            id="sections.more",
        ),
    ]

    class Chosen(Message):
        """The user picked section `index`."""

        def __init__(self, section_list: SectionList, index: int) -> None:
            super().__init__()
            self.section_list = section_list
            self.index = index

        @property
        def control(self) -> SectionList:
            return self.section_list

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, markup=False)
        self._sections: tuple[Section, ...] = ()
        self._gists: tuple[str, ...] = ()
        self._current = -1
        self._gist_shown = -1
        self._note_counts: dict[int, int] = {}

    @property
    def current(self) -> int:
        return self._current

    def _prompt(self, index: int) -> Text:
        section = self._sections[index]
        current = index == self._current
        width = len(str(len(self._sections)))
        prompt = Text(end="")
        prompt.append(f"{CURRENT_MARK if current else ' '}{index + 1:>{width}} ")
        prompt.append(section.title)
        if section.title_source == TitleSource.USER:
            prompt.append(f" {USER_MARK}", style="dim")
        notes = self._note_counts.get(index, 0)
        if notes:
            prompt.append(f" {NOTES_MARK}{notes}", style="bold")
        if current:
            prompt.stylize("bold")
        if index == self._gist_shown and index < len(self._gists) and self._gists[index]:
            prompt.append("\n")
            width = self.scrollable_content_region.width - 1  # room for a scroll bar
            gist = gist_lines(self._gists[index], width if width > 0 else DEFAULT_GIST_WIDTH)
            prompt.append(gist, style="italic dim")
        return prompt

    def _option(self, index: int) -> Option:
        return Option(self._prompt(index), id=f"section-{index}")

    def show_sections(
        self, sections: tuple[Section, ...], current: int = 0, gists: tuple[str, ...] = ()
    ) -> None:
        """List `sections` (with `gists`, one per section), marking `current`."""
        self._sections = sections
        self._gists = gists
        self._current = min(max(current, 0), len(sections) - 1) if sections else -1
        self._gist_shown = self._current
        self.clear_options()
        # A report with hundreds of sections shows its first ones at once, the rest a frame later.
        first = max(min(FIRST_BATCH, self.app.size.height), self._current + 1)
        self.add_options([self._option(i) for i in range(min(first, len(sections)))])
        if len(sections) > first:
            self.call_after_refresh(self._add_rest, sections, first)
        if self._current >= 0:
            self.highlighted = self._current

    def on_resize(self) -> None:
        """The gist is cut to the list's width: cut it again for the new one."""
        self._refresh_prompts(self._gist_shown)

    def set_note_counts(self, counts: dict[int, int]) -> None:
        """How many annotations each section has (shown after its title)."""
        changed = {
            i
            for i in set(counts) | set(self._note_counts)
            if counts.get(i) != self._note_counts.get(i)
        }
        self._note_counts = dict(counts)
        self._refresh_prompts(*changed)

    def _add_rest(self, sections: tuple[Section, ...], first: int) -> None:
        if sections is self._sections:
            self.add_options([self._option(i) for i in range(first, len(sections))])
            if not self.has_focus and self._current >= first:
                self.highlighted = self._current

    def _refresh_prompts(self, *indexes: int) -> None:
        for i in set(indexes):
            if 0 <= i < self.option_count:
                self.replace_option_prompt_at_index(i, self._prompt(i))

    def _show_gist(self, index: int) -> None:
        if index != self._gist_shown:
            previous, self._gist_shown = self._gist_shown, index
            self._refresh_prompts(previous, index)

    def mark_current(self, index: int) -> None:
        """Mark `index` as where the reader is; the highlight follows unless the user is here."""
        if index == self._current or not 0 <= index < len(self._sections):
            return
        previous, self._current = self._current, index
        self._refresh_prompts(previous, index)
        if not self.has_focus:
            self._show_gist(index)
            if index < self.option_count:
                self.highlighted = index

    def _on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        if self.has_focus:
            self._show_gist(event.option_index)

    def _on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.post_message(self.Chosen(self, event.option_index))
