"""Review of re-anchored notes: after the text changed, the notes that moved (found by context
or a fuzzy match) and those orphaned (their words are gone), one key each to deal with.

Returns what the user chose as `(action, annotation id)`: `jump` to see it in the text,
`confirm` a moved note's new place, `attach` a note to the current selection; or None.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from briefing.app.modal import Modal
from briefing.model import AnchorStatus, Annotation
from briefing.text.quoting import quoted

PREVIEW = 100


def _label(annotation: Annotation, text: str) -> Text:
    label = Text()
    if annotation.status is AnchorStatus.MOVED:
        label.append(f"moved {annotation.score:.0%}  ", style="bold yellow")
    else:
        label.append("orphaned  ", style="bold red")
    quote = " ".join(annotation.quote.exact.split())
    label.append(quoted(quote, PREVIEW))
    if annotation.status is AnchorStatus.MOVED:
        now = " ".join(text[annotation.start : annotation.end].split())
        if now != quote:
            label.append(f"\n  now: {quoted(now, PREVIEW)}")
    if annotation.note:
        note = " ".join(annotation.note.split())
        label.append(f"\n  ✎ {note[:PREVIEW]}", style="italic")
    return label


class ReviewScreen(Modal[tuple[str, str] | None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("c", "choose('confirm')", "Confirm the new place", id="review.confirm"),
        Binding("r", "choose('attach')", "Re-attach to the selection", id="review.attach"),
        Binding("escape,q", "close", "Close", id="review.close"),
    ]

    def __init__(self, annotations: Sequence[Annotation], text: str, has_selection: bool) -> None:
        super().__init__()
        self._annotations = list(annotations)
        self._text = text
        self._has_selection = has_selection

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog card"):
            yield Static(
                Text(f"{len(self._annotations)} notes to review", style="bold"),
                classes="dialog-question",
            )
            yield OptionList(
                *(Option(_label(a, self._text), id=a.id) for a in self._annotations),
                id="review-list",
            )
            hint = "enter: show in the text · c: confirm a moved note · r: re-attach to the "
            hint += "selection" if self._has_selection else "selection (select text first)"
            yield Static(Text(hint + " · escape: close", style="dim"), classes="dialog-hint")

    def on_mount(self) -> None:
        if self.dismissed:
            return  # answered by keys typed ahead: its widgets never came
        self.query_one(OptionList).focus()

    def _current(self) -> str | None:
        option = self.query_one(OptionList).highlighted_option
        return None if option is None else option.id

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id:
            self.dismiss(("jump", event.option.id))

    def action_choose(self, action: str) -> None:
        current = self._current()
        if current is None:
            return
        annotation = next(a for a in self._annotations if a.id == current)
        if action == "confirm" and annotation.orphaned:
            self.notify("An orphaned note has no new place: select text and press r.")
            return
        if action == "attach" and not self._has_selection:
            self.notify("Select the passage in the text first, then press r here.")
            return
        self.dismiss((action, current))

    def action_close(self) -> None:
        self.dismiss(None)
