"""The reading screen's search: the bar, the hits and stepping through them (a part of
`ReadingScreen`, which holds the keys; kept apart so the screen stays readable)."""

from __future__ import annotations

import bisect
from typing import TYPE_CHECKING, cast

from briefing.app.footer import BriefingFooter
from briefing.app.reader.view import ReaderView
from briefing.model import Document
from briefing.text.search import MAX_HITS, find_all

if TYPE_CHECKING:
    from textual.screen import Screen

    from briefing.app.search_bar import SearchBar

    _Base = Screen[None]
else:
    _Base = object  # a mixin of `ReadingScreen`


SEARCH_BAR_ID = "search"


class SearchActions(_Base):
    """Search for `ReadingScreen`: literal, smart-case, hits stepped after the reading position."""

    document: Document
    _hits: list[tuple[int, int]]
    _hit: int

    def _search_bar(self) -> SearchBar | None:
        # By id: the bar's module is imported when the reader first searches.
        for widget in self.query(f"#{SEARCH_BAR_ID}"):
            return cast("SearchBar", widget)
        return None

    async def action_search(self) -> None:
        bar = self._search_bar()
        if bar is None:  # mounted on first use: most readings never search
            from briefing.app.search_bar import SearchBar

            bar = SearchBar(id=SEARCH_BAR_ID)
            await self.mount(bar, before=self.query_one(BriefingFooter))
        bar.open()

    def on_search_bar_changed(self, event: SearchBar.Changed) -> None:
        self._hits = find_all(self.document.text, event.query)
        self._hit = -1
        self._step_hit(1, show=False)

    def on_search_bar_submitted(self, event: SearchBar.Submitted) -> None:
        bar = self._search_bar()
        if bar is not None:
            bar.display = False
        self.query_one(ReaderView).focus()
        if self._hits:
            self._show_hit()
        elif event.query:
            self.notify("Not found.", severity="warning", markup=False)

    def on_search_bar_closed(self, _: SearchBar.Closed) -> None:
        self.action_clear_search()
        self.query_one(ReaderView).focus()

    def action_clear_search(self) -> None:
        self._hits, self._hit = [], -1
        reader = self.query_one(ReaderView)
        reader.set_hits([])
        reader.clear_selection()

    def action_next_hit(self) -> None:
        self._step_hit(1)

    def action_previous_hit(self) -> None:
        self._step_hit(-1)

    def _step_hit(self, direction: int, show: bool = True) -> None:
        """Move to the next (or previous) hit after the reading position, wrapping around."""
        reader = self.query_one(ReaderView)
        if not self._hits:
            reader.set_hits([])
            if bar := self._search_bar():
                bar.set_count(-1, 0)
            if show:
                self.app.bell()
            return
        if self._hit < 0:
            top = reader.top_offset() or 0
            starts = [start for start, _ in self._hits]
            self._hit = bisect.bisect_left(starts, top) % len(self._hits)
            if direction < 0:
                self._hit = (self._hit - 1) % len(self._hits)
        else:
            self._hit = (self._hit + direction) % len(self._hits)
        self._show_hit()

    def _show_hit(self) -> None:
        reader = self.query_one(ReaderView)
        reader.set_hits(self._hits, self._hit)
        if bar := self._search_bar():
            bar.set_count(self._hit, len(self._hits), len(self._hits) >= MAX_HITS)
        reader.scroll_to_offset(self._hits[self._hit][0])
