"""The command palette: Textual's, closed once (`Palette`), with "Go to section N: title"
entries for every section of the open briefing, and "Fewer sections" / "More sections"."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING

from textual.await_complete import AwaitComplete
from textual.command import CommandPalette, DiscoveryHit, Hit, Hits, Provider
from textual.content import Content
from textual.fuzzy import Matcher
from textual.widgets import Button, Input, OptionList

if TYPE_CHECKING:
    pass


class Palette(CommandPalette):
    """Textual's command palette, closed once (see `modal.Modal`): a second enter that came
    with the one that ran a command does not run it again, nor close the screen under it (with
    none left, that stopped the app)."""

    _dismissed = False

    def dismiss(self, result: None = None) -> AwaitComplete:
        if self._dismissed:
            return AwaitComplete()  # nothing to wait for
        self._dismissed = True
        return super().dismiss(result)

    def _ignore_once_dismissed(
        self, event: Input.Submitted | Button.Pressed | OptionList.OptionSelected
    ) -> None:
        if self._dismissed:
            event.prevent_default()  # the palette's own handlers are those of its base class
            event.stop()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self._ignore_once_dismissed(event)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self._ignore_once_dismissed(event)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self._ignore_once_dismissed(event)


class SectionCommands(Provider):
    """Offers a jump to each section. Titles are shown as plain text, never as markup."""

    def _entries(self) -> list[tuple[str, Callable[[], None]]]:
        from briefing.app.reading_screen import ReadingScreen

        screen = self.screen
        if not isinstance(screen, ReadingScreen):
            return []
        jump: Callable[[int], None] = screen.go_to_section
        granularity = screen.action_change_granularity
        return [
            *(
                (f"Go to section {i + 1}: {section.title}", partial(jump, i))
                for i, section in enumerate(screen.sections)
            ),
            ("Fewer sections: merge the weakest boundary (-)", partial(granularity, False)),
            ("More sections: restore the next strongest boundary (+)", partial(granularity, True)),
        ]

    async def discover(self) -> Hits:
        for text, command in self._entries():
            yield DiscoveryHit(Content(text), command, text=text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for text, command in self._entries():
            score = matcher.match(text)
            if score > 0:
                yield Hit(score, _highlight(matcher, text), command, text=text)


def _highlight(matcher: Matcher, text: str) -> Content:
    """Like `Matcher.highlight`, which parses its candidate as markup, but on plain text."""
    content = Content(text)
    score, offsets = matcher.fuzzy_search.match(matcher.query, text)
    if score:
        for offset in offsets:
            if not text[offset].isspace():
                content = content.stylize(matcher.match_style, offset, offset + 1)
    return content
