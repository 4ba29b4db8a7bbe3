"""A Pilot harness for one widget alone: it hosts the widget in an otherwise empty app and
records the messages the widget posts, so a widget's contract (keys in, messages out) is tested
without the screen that usually handles them."""

from __future__ import annotations

from typing import ClassVar

from textual.app import App, ComposeResult
from textual.message import Message
from textual.widget import Widget

from briefing.paths import styles_dir


def own_messages(widget: Widget) -> tuple[type[Message], ...]:
    """The message classes nested in the widget's class and its bases (`ReaderView.Annotate`)."""
    found: list[type[Message]] = []
    for klass in type(widget).__mro__:
        for value in vars(klass).values():
            if isinstance(value, type) and issubclass(value, Message) and value not in found:
                found.append(value)
    return tuple(found)


class WidgetHarness(App[None]):
    """Hosts `widget`; `posted` lists what it posted, in order (run with
    `harness.run_test(message_hook=harness.record)`)."""

    CSS_PATH: ClassVar[list[str]] = [
        str(styles_dir() / name) for name in ("app.tcss", "reader.tcss", "marks.tcss")
    ]

    def __init__(self, widget: Widget) -> None:
        super().__init__()
        self.widget = widget
        self.posted: list[Message] = []
        self._kinds = own_messages(widget)

    def compose(self) -> ComposeResult:
        yield self.widget

    def on_mount(self) -> None:
        self.widget.focus()

    def record(self, message: Message) -> None:
        """The message hook: keep the widget's own messages about itself."""
        # The hook sees a message at each node it bubbles to: kept once.
        about_it = getattr(message, "control", None) is self.widget
        if isinstance(message, self._kinds) and about_it and message not in self.posted:
            self.posted.append(message)

    def of_type(self, kind: type[Message]) -> list[Message]:
        return [m for m in self.posted if isinstance(m, kind)]
