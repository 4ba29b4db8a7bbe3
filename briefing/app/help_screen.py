"""The help screen: every key binding, generated from the binding tables of their owners."""

from __future__ import annotations

from typing import ClassVar

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.widgets import Static

from briefing.app.modal import Modal

BindingOwner = tuple[str, list[BindingType]]


_KEY_NAMES = {
    "question_mark": "?",
    "colon": ":",
    "slash": "/",
    "left_square_bracket": "[",
    "right_square_bracket": "]",
    "full_stop": ".",
    "comma": ",",
    "left_curly_bracket": "{",
    "right_curly_bracket": "}",
    "left_parenthesis": "(",
    "right_parenthesis": ")",
    "greater_than_sign": ">",
    "less_than_sign": "<",
    "minus": "-",
    "plus": "+",
    "equals_sign": "=",
}


def _key(binding: Binding) -> str:
    return _KEY_NAMES.get(binding.key, binding.key)


def binding_rows(owners: list[BindingOwner]) -> list[tuple[str, str, str]]:
    """(where, keys, what) for every described binding; keys sharing a description share a row."""
    rows: dict[tuple[str, str], list[str]] = {}
    for owner, bindings in owners:
        for binding in Binding.make_bindings(bindings):
            if binding.description:
                rows.setdefault((owner, binding.description), []).append(_key(binding))
    return [(owner, " ".join(keys), what) for (owner, what), keys in rows.items()]


def bindings_table(owners: list[BindingOwner]) -> Table:
    table = Table(box=None, show_header=True, header_style="bold", expand=True, pad_edge=False)
    table.add_column("Where", no_wrap=True, style="dim", ratio=1)
    table.add_column("Keys", no_wrap=True, style="bold", ratio=1)
    table.add_column("Does", ratio=2)
    for owner, keys, what in binding_rows(owners):
        table.add_row(Text(owner), Text(keys), Text(what))
    return table


class HelpScreen(Modal[None]):
    """Lists every binding; escape, q or ? closes it."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,question_mark", "dismiss", "Close help", id="help.close"),
    ]

    def __init__(self, owners: list[BindingOwner]) -> None:
        super().__init__()
        self._owners = owners

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-body"):
            yield Static(Text("Keys", style="bold"), id="help-title")
            # Above the table, so it is seen without scrolling.
            yield Static(
                Text("escape, q or ? closes this screen · tab moves between panes", style="italic"),
                id="help-hint",
            )
            yield Static(bindings_table(self._owners), id="help-table")

    async def action_dismiss(self, result: None = None) -> None:
        self.dismiss(result)
