"""Small modal dialogs: ask for a line of text, or for a yes / no."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.suggester import Suggester
from textual.widgets import Button, Input, Static

from briefing.app.modal import Modal


class TextPrompt(Modal[str | None]):
    """Asks for one line; enter returns it, escape returns None."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "submit", "Save", priority=True, id="dialog.submit"),
        Binding("escape", "cancel", "Cancel", id="dialog.cancel"),
    ]

    def __init__(
        self,
        question: str,
        value: str = "",
        placeholder: str = "",
        suggester: Suggester | None = None,
        hint: str = "enter: save · escape: cancel",
    ) -> None:
        super().__init__()
        self._question = question
        self._initial = value
        self._placeholder = placeholder
        self._suggester = suggester
        self._hint = hint

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(Text(self._question, style="bold"), classes="dialog-question")
            yield Input(
                value=self._initial,
                placeholder=self._placeholder,
                suggester=self._suggester,
                id="dialog-input",
            )
            yield Static(Text(self._hint, style="dim"), classes="dialog-hint")

    def action_submit(self) -> None:
        # Not the field's own enter: that ran after the keys typed behind it, which went into
        # the value (see `modal`).
        def submit() -> None:  # returns nothing: awaiting the dismissal here would deadlock
            self.dismiss(self.query_one(Input).value)

        self.in_order(submit)

    def action_cancel(self) -> None:
        self.dismiss(None)


class Confirm(Modal[bool]):
    """Asks a yes / no question; y or enter on Yes confirms, n or escape declines."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y", "answer(True)", "Yes", id="dialog.yes"),
        Binding("n,escape", "answer(False)", "No", id="dialog.no"),
    ]

    def __init__(self, question: str) -> None:
        super().__init__()
        self._question = question

    @property
    def question(self) -> str:
        return self._question

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(Text(self._question, style="bold"), classes="dialog-question")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Yes (y)", id="yes", variant="warning")
                yield Button("No (n)", id="no")

    AUTO_FOCUS = "#no"
    """No is focused when the question shows (Textual's own focusing, which finds nothing
    rather than failing when keys typed ahead closed the dialog before its buttons came)."""

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(event.button.id == "yes")

    def action_answer(self, answer: bool) -> None:
        self.dismiss(answer)


class TagSuggester(Suggester):
    """Completes the last comma-separated tag from the tags already used (most used first)."""

    def __init__(self, tags: list[str]) -> None:
        super().__init__(use_cache=False, case_sensitive=True)
        self._tags = tags

    async def get_suggestion(self, value: str) -> str | None:
        head, _, last = value.rpartition(",")
        typed = last.strip().lstrip("#")
        if not typed:
            return None
        taken = {t.strip().lstrip("#") for t in head.split(",")}
        for tag in self._tags:
            if tag.startswith(typed) and tag != typed and tag not in taken:
                return value + tag[len(typed) :]
        return None
