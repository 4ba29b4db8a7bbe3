"""The search bar under the reader: type to find, enter to go, escape to close."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Static

if TYPE_CHECKING:
    from textual.widgets import Input


class SearchBar(Horizontal):
    """Posts `Changed` as the query is typed, `Submitted` on enter, `Closed` on escape."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Close search", id="search.close"),
    ]

    class Changed(Message):
        def __init__(self, query: str) -> None:
            super().__init__()
            self.query = query

    class Submitted(Message):
        def __init__(self, query: str) -> None:
            super().__init__()
            self.query = query

    class Closed(Message):
        """The user closed the search (escape)."""

    def compose(self) -> ComposeResult:
        from textual.widgets import Input  # imported on first search, not at start-up

        yield Static(Text("Find: "), id="search-label")
        yield Input(placeholder="text to find (smart case)", id="search-input")
        yield Static(Text(""), id="search-count")

    def open(self) -> None:
        self.display = True
        field = self.query_one("#search-input", Widget)
        field.focus()

    def set_count(self, current: int, total: int, capped: bool = False) -> None:
        if total == 0:
            label = "no hits"
        else:
            label = f"{current + 1 if current >= 0 else 0}/{total}{'+' if capped else ''}"
        self.query_one("#search-count", Static).update(Text(label))

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        self.post_message(self.Changed(event.value))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.post_message(self.Submitted(event.value))

    def action_close(self) -> None:
        self.display = False
        self.post_message(self.Closed())
