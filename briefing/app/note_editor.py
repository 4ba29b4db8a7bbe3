"""The note editor: a multi-line modal for the note on a passage (Markdown allowed).

What is typed is handed to `on_draft` at most every `DRAFT_INTERVAL` seconds and when the
editor closes, however it closes (quitting the app included), so the screen can keep it in the
database: a crash or `kill -9` loses at most the last second of typing. ctrl+s saves; escape
cancels (asking first if the note was changed, since a cancelled note is the user's work too).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.timer import Timer
from textual.widgets import Static, TextArea

from briefing.app.modal import Modal
from briefing.text.quoting import quoted

DRAFT_INTERVAL = 0.5
"""Most seconds between draft saves while typing."""
QUOTE_PREVIEW = 240
"""Characters of the passage shown above the editor."""


class NoteEditor(Modal[str | None]):
    """Returns the note (possibly empty) on ctrl+s, None on cancel."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", "Save note", priority=True, id="note.save"),
        Binding("escape", "cancel", "Cancel", priority=True, id="note.cancel"),
    ]

    def __init__(
        self,
        quote: str,
        note: str = "",
        *,
        on_draft: Callable[[str], None] | None = None,
        original: str | None = None,
        title: str = "Note",
        existing: bool = False,
    ) -> None:
        """`original` is the saved note (when `note` is a restored draft it differs);
        `existing`: the note belongs to an annotation that stays if the edits are discarded."""
        super().__init__()
        self._quote = " ".join(quote.split())
        self._note = note
        self._original = note if original is None else original
        self._on_draft = on_draft
        self._title = title
        self._existing = existing
        self._last_draft = 0.0
        self._pending: Timer | None = None
        self._drafted = note
        self._typed = note
        """The text in the editor, kept as it changes: still known once the editor is gone."""
        self._kept = False
        """`keep_draft` handed the text over as the app quits (once is enough: unless the
        text changes after, closing does not hand it again)."""

    def compose(self) -> ComposeResult:
        quote = quoted(self._quote, QUOTE_PREVIEW)
        with Vertical(classes="dialog note-dialog"):
            yield Static(Text(self._title, style="bold"), classes="dialog-question")
            yield Static(Text(quote, style="italic"), classes="note-quote")
            yield TextArea(self._note, id="note-text", soft_wrap=True, show_line_numbers=False)
            yield Static(
                Text("ctrl+s: save · escape: cancel · Markdown allowed", style="dim"),
                classes="dialog-hint",
            )

    def on_mount(self) -> None:
        area = self.query_one(TextArea)
        area.focus()
        area.move_cursor(area.document.end)

    def on_unmount(self) -> None:
        """The editor closes without ctrl+s or escape (the app quits, the terminal is closed):
        what was typed is kept as the draft, again if it was drafted already (that draft's
        write may have failed; as the app closes, a failure is printed with the text)."""
        if self._pending is not None:
            self._pending.stop()
        self._save_draft(again=not self._kept and self.text != self._original)

    @property
    def text(self) -> str:
        # The widget while it is there (`_typed` waits for its Changed message).
        for area in self.query(TextArea):
            return area.text
        return self._typed

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        event.stop()
        self._typed = event.text_area.text
        wait = DRAFT_INTERVAL - (time.monotonic() - self._last_draft)
        if wait <= 0:
            self._save_draft()
        elif self._pending is None:
            self._pending = self.set_timer(wait, self._save_draft)

    def keep_draft(self) -> None:
        """Hand what is typed to `on_draft` now, the app being about to quit: again if it
        differs from the saved note, in case the write of the last draft failed."""
        if self._pending is not None:
            self._pending.stop()
        self._save_draft(again=self.text != self._original)
        self._kept = True

    def _save_draft(self, *, again: bool = False) -> None:
        self._pending = None
        if self.dismissed:  # saved or cancelled: no draft to keep
            return
        text = self._typed = self.text  # the text area's, if it is still there
        if self._on_draft is not None and (again or text != self._drafted):
            self._drafted = text
            self._last_draft = time.monotonic()
            self._on_draft(text)

    def action_save(self) -> None:
        self.in_order(self._save)

    def _save(self) -> None:
        if not self.dismissed and self.is_active:  # not while "Discard this note?" is asked
            self._save_draft()
            self.dismiss(self.text)

    def action_cancel(self) -> None:
        self.in_order(self._cancel)

    def _cancel(self) -> None:
        # An escape that came with the ctrl+s or escape that closed it, or asked already.
        if self.dismissed or not self.is_active:
            return
        self._save_draft()
        if self.text == self._original:
            self.dismiss(None)
            return
        from briefing.app.dialogs import Confirm

        def answered(discard: bool | None) -> None:
            if discard:
                self.dismiss(None)

        self.app.push_screen(Confirm(self.discard_question), answered)

    @property
    def discard_question(self) -> str:
        """What escape asks: a new note is lost, an existing one only loses the edits."""
        if self._existing:
            return "Discard your changes? The note stays as it was saved."
        return "Discard this note? What you typed will be lost."
