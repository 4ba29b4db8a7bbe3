"""A small list of the links in view, for `o` when the selection holds none: pick one with the
arrow keys and `enter` (it is then opened), or `escape`."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from briefing.app.modal import Modal

MAX_SHOWN = 60
"""Characters of a link's words or address shown in the list (the rest is elided)."""


def _elide(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= MAX_SHOWN else text[: MAX_SHOWN - 1] + "…"


class LinkPicker(Modal[str | None]):
    """Lists links as (words, address); returns the address chosen, or None.

    | Key | Action |
    | --- | --- |
    | `up` / `down`, `enter` | Choose a link, open it |
    | `escape` | Close without opening |
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Close", id="links.close"),
    ]

    def __init__(self, links: list[tuple[str, str]]) -> None:
        super().__init__()
        self._links = links

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(Text("Open which link?", style="bold"), classes="dialog-question")
            options = []
            for n, (words, url) in enumerate(self._links):
                prompt = Text(_elide(words) or _elide(url))
                prompt.append(f"\n  {_elide(url)}", style="dim")
                options.append(Option(prompt, id=f"link-{n}"))
            yield OptionList(*options, id="link-options", markup=False)
            yield Static(Text("enter: open · escape: close", style="dim"), classes="dialog-hint")

    def on_mount(self) -> None:
        listing = self.query_one(OptionList)
        listing.highlighted = 0
        listing.focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(self._links[event.option_index][1])

    def action_cancel(self) -> None:
        self.dismiss(None)
