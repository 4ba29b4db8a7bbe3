"""Command palette entries: "Go to section N: title" for every section of the open briefing."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content
from textual.fuzzy import Matcher

if TYPE_CHECKING:
    pass


class SectionCommands(Provider):
    """Offers a jump to each section. Titles are shown as plain text, never as markup."""

    def _entries(self) -> list[tuple[str, Callable[[], None]]]:
        from briefing.app.reading_screen import ReadingScreen

        screen = self.screen
        if not isinstance(screen, ReadingScreen):
            return []
        jump: Callable[[int], None] = screen.go_to_section
        return [
            (f"Go to section {i + 1}: {section.title}", partial(jump, i))
            for i, section in enumerate(screen.sections)
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
