"""The notes panel: every annotation of the briefing, grouped by section, filterable.

A filter line takes words: `#tag` keeps annotations with that tag, a colour name (yellow,
green, blue, pink) or a status (moved, orphaned) keeps those, any other word must appear in
the passage or the note. Orphaned annotations (their words are gone from the text) are listed
last, with their quote and note, never dropped. Enter on an annotation posts `Chosen` (the
screen shows and selects it); `d` posts `DeleteRequested`. Labels are `Text`, never markup.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from briefing.model import HIGHLIGHT_COLORS, AnchorStatus, Annotation, Reading
from briefing.text.quoting import quoted

SWATCH = {"yellow": "#e6c200", "green": "#3fae49", "blue": "#3b82f6", "pink": "#e0559b"}
PREVIEW = 90
"""Characters of a passage shown in the list."""


def matches(annotation: Annotation, words: Sequence[str]) -> bool:
    """Whether an annotation passes the filter words (all must match); `#word` matches the
    tags that start with it (`#follow` finds `#follow-up`)."""
    for word in words:
        lowered = word.lower()
        if lowered.startswith("#"):
            if not any(tag.lower().startswith(lowered[1:]) for tag in annotation.tags):
                return False
        elif lowered in HIGHLIGHT_COLORS:
            if annotation.color != lowered:
                return False
        elif lowered in (AnchorStatus.MOVED, AnchorStatus.ORPHANED):
            if annotation.status != lowered:
                return False
        elif (
            lowered not in annotation.quote.exact.lower() and lowered not in annotation.note.lower()
        ):
            return False
    return True


def _shorten(text: str, length: int) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= length else flat[: length - 1] + "…"


def _label(annotation: Annotation) -> Text:
    label = Text()
    label.append("▌", style=SWATCH.get(annotation.color, ""))
    label.append(quoted(" ".join(annotation.quote.exact.split()), PREVIEW))
    if annotation.status is AnchorStatus.MOVED:
        label.append(f"  moved ({annotation.score:.0%})", style="bold yellow")
    if annotation.note:
        label.append("\n  ✎ ", style="bold")
        label.append(_shorten(annotation.note, PREVIEW))
    if annotation.tags:
        label.append("\n  " + " ".join(f"#{tag}" for tag in annotation.tags), style="italic")
    return label


class NotesPanel(Vertical, can_focus=False):
    """The filter line and the list; lives in the right-hand column in place of the entities."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("d,delete", "delete", "Delete note", id="notes_panel.delete"),
        Binding("f", "filter", "Filter", id="notes_panel.filter"),
        Binding("Y", "copy_note", "Copy the note's text", show=False, id="notes_panel.copy"),
    ]

    class Chosen(Message):
        def __init__(self, annotation: Annotation) -> None:
            super().__init__()
            self.annotation = annotation

    class DeleteRequested(Message):
        def __init__(self, annotation: Annotation) -> None:
            super().__init__()
            self.annotation = annotation

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._annotations: list[Annotation] = []
        self._reading: Reading | None = None
        self._shown: dict[str, Annotation] = {}

    def compose(self) -> ComposeResult:
        yield Static(Text("Notes", style="bold"), id="notes-title")
        yield Input(placeholder="filter: #tag colour word…", id="notes-filter")
        yield OptionList(id="notes-list")

    def show_notes(self, annotations: Sequence[Annotation], reading: Reading) -> None:
        self._annotations = list(annotations)
        self._reading = reading
        self._rebuild()

    @property
    def list(self) -> OptionList:
        return self.query_one("#notes-list", OptionList)

    def focus_list(self) -> None:
        self.list.focus()

    def _rebuild(self) -> None:
        reading = self._reading
        option_list = self.list
        highlighted = option_list.highlighted_option
        keep = highlighted.id if highlighted is not None else None
        option_list.clear_options()
        self._shown = {}
        if reading is None:
            return
        words = self.query_one("#notes-filter", Input).value.split()
        shown = [a for a in self._annotations if matches(a, words)]
        groups: dict[int | None, list[Annotation]] = {}
        orphans: list[Annotation] = []
        document = reading.document
        for annotation in shown:
            if annotation.orphaned:
                orphans.append(annotation)
            else:
                section = reading.section_of(document.paragraph_at(annotation.start))
                groups.setdefault(section, []).append(annotation)
        options: list[Option] = []
        for section, members in sorted(
            groups.items(), key=lambda kv: -1 if kv[0] is None else kv[0]
        ):
            title = (
                "Before the first section" if section is None else reading.sections[section].title
            )
            number = "" if section is None else f"{section + 1} · "
            options.append(Option(Text(f"{number}{title}", style="bold"), disabled=True))
            options.extend(Option(_label(a), id=a.id) for a in members)
        if orphans:
            options.append(
                Option(Text("Orphaned: their words are gone", style="bold red"), disabled=True)
            )
            options.extend(Option(_label(a), id=a.id) for a in orphans)
        if not options:
            empty = "No notes match the filter." if words else "No notes yet: select text, press y."
            options.append(Option(Text(empty, style="dim"), disabled=True))
        option_list.add_options(options)
        self._shown = {a.id: a for a in shown}
        if keep is not None and keep in self._shown:
            option_list.highlighted = option_list.get_option_index(keep)
        elif self._shown:
            first = next(i for i, o in enumerate(options) if not o.disabled)
            option_list.highlighted = first

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        self._rebuild()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.focus_list()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        annotation = self._shown.get(event.option.id or "")
        if annotation is not None:
            self.post_message(self.Chosen(annotation))

    def highlighted_annotation(self) -> Annotation | None:
        option = self.list.highlighted_option
        return None if option is None else self._shown.get(option.id or "")

    def action_delete(self) -> None:
        annotation = self.highlighted_annotation()
        if annotation is not None:
            self.post_message(self.DeleteRequested(annotation))

    def action_copy_note(self) -> None:
        """Copy the highlighted note (its passage, when it has no note) to the clipboard."""
        annotation = self.highlighted_annotation()
        if annotation is None:
            self.app.bell()
            return
        text = annotation.note or annotation.quote.exact
        self.app.copy_to_clipboard(text)
        what = "the note" if annotation.note else "the passage"
        self.notify(f"Copied {what} ({len(text)} characters).", markup=False)

    def action_filter(self) -> None:
        self.query_one("#notes-filter", Input).focus()
