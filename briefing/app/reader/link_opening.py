"""`o`: open the link in the selection, or choose one of the links in view.

The reader's scrolling column with the key that opens links; the addresses are the targets of
the document's link styles, handed to `App.open_url` (the terminal's browser, or the page's
when the reader runs in one) only when they are web or mail addresses.
"""

from __future__ import annotations

from typing import ClassVar

from textual.binding import Binding, BindingType

from briefing.app.reader.links import NO_LINK, links_between, openable, refusal
from briefing.app.reader.scrolling import ScrollingText
from briefing.text.safety import shown


class LinkOpening(ScrollingText):
    """Opens links: `o` on a selection holding one opens it; holding several, a `LinkPicker`
    lists them; holding none, it lists the links in view; with none in view either, it says
    so."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("o", "open_link", "Open the link", show=False, id="reader.open_link"),
    ]

    def action_open_link(self) -> None:
        if self.reading is None:
            return
        document = self.reading.document
        selection = self._selected_span()
        found = links_between(document.styles, *selection) if selection is not None else []
        if len(found) == 1:
            self.open_link(str(found[0].target))
            return
        found = found or links_between(document.styles, *self.visible_span())
        if not found:
            self.notify(NO_LINK, markup=False)
            return
        from briefing.app.link_picker import LinkPicker  # only when asked: not at start-up

        text = document.text
        links = [(text[s.start : s.end], str(s.target)) for s in found]
        self.app.push_screen(LinkPicker(links), self._open_chosen)

    def _open_chosen(self, url: str | None) -> None:
        if url:
            self.open_link(url)

    def open_link(self, url: str) -> None:
        """Hand a web or mail address to the browser (`App.open_url`); refuse anything else."""
        if openable(url):
            self.app.open_url(url)
            self.notify(f"Opening {shown(url)[:200]}", markup=False)
        else:
            self.notify(refusal(url), severity="warning", markup=False)
