"""The annotations a reading screen shows, and the writes that keep them (`Annotator`'s base).

No SQL runs on the event loop: a change is shown at once and its write put on the screen's
`WriteQueue`, which runs the writes in order on a worker thread. Shown at once, because keys
typed ahead act on what the user sees (`y` then `d` deletes that highlight, as `a` right after
`y` writes on it); once the last write in flight is back, what is shown is set to what the
notebook holds, which is the same unless a write failed. A failed write says so in one line and
calls back its caller, which gives a note back to the user in the editor rather than drop it.
"""

from __future__ import annotations

import bisect
import contextlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from briefing.app.note_line import NoteLine
from briefing.app.reader.view import ReaderView
from briefing.app.section_list import SectionList
from briefing.model import Annotation, Document, Reading

if TYPE_CHECKING:
    from textual.widget import Widget

    from briefing.app.notes_panel import NotesPanel
    from briefing.app.write_queue import WriteQueue
    from briefing.service import DocumentService, Notebook


@dataclass(frozen=True)
class AnnotationViews:
    """What the annotator shows its notebook in, and the widget it asks for dialogs,
    notifications and workers (the screen, seen as a widget only: no screen API is used)."""

    host: Widget
    reader: ReaderView
    section_list: SectionList
    note_line: NoteLine
    notes_panel: Callable[[], NotesPanel | None]
    """The notes panel once it exists (it is mounted when first opened)."""
    reading: Callable[[], Reading]
    """The reading shown now (corrections and analysis replace it)."""


class AnnotationState:
    """The annotations shown and the notebook they are written to; see the module."""

    def __init__(
        self,
        document: Document,
        service: DocumentService,
        views: AnnotationViews,
        writes: WriteQueue,
    ) -> None:
        self.document = document
        self.service = service
        self.views = views
        self.writes = writes
        self.notebook: Notebook | None = None
        """The notebook as written: changed only by the writer thread once it is open (read
        here only when no write is in flight)."""
        self.shown: list[Annotation] = []
        """The annotations shown, in text order: the notebook's, with the writes in flight."""
        self._in_flight = 0
        """Annotation writes put and not yet back."""

    # ------------------------------------------------------------------ showing
    @property
    def annotations(self) -> list[Annotation]:
        return self.shown

    def refresh(self) -> None:
        """Show the notebook everywhere it appears."""
        views = self.views
        annotations = self.annotations
        views.reader.set_annotations(annotations)
        reading = views.reading()
        counts: dict[int, int] = {}
        for annotation in annotations:
            if not annotation.orphaned:
                paragraph = reading.document.paragraph_at(annotation.start)
                section = reading.section_of(paragraph)
                if section is not None:
                    counts[section] = counts.get(section, 0) + 1
        views.section_list.set_note_counts(counts)
        panel = views.notes_panel()
        if panel is not None:
            panel.show_notes(annotations, reading)
        self.show_note_line(views.reader.selection)

    def at(self, selection: tuple[int, int] | None, *, exact: bool = False) -> Annotation | None:
        """The annotation the selection is on: the one with exactly its span, else (unless
        `exact`) the smallest one holding it."""
        if selection is None:
            return None
        start, end = selection
        holding = [
            a for a in self.annotations if not a.orphaned and a.start <= start and end <= a.end
        ]
        for annotation in holding:
            if (annotation.start, annotation.end) == selection:
                return annotation
        if exact or not holding:
            return None
        return min(holding, key=lambda a: a.end - a.start)

    def show_note_line(self, selection: tuple[int, int] | None) -> None:
        self.views.note_line.show_annotation(self.at(selection))

    # ------------------------------------------------------------------ changes
    def _current(self, annotation_id: str | None) -> Annotation | None:
        """The annotation as shown now (None once deleted)."""
        return next((a for a in self.shown if a.id == annotation_id), None)

    def _show_change(self, put: Annotation | None = None, remove: str | None = None) -> None:
        gone = {remove, put.id if put is not None else None}
        shown = [a for a in self.shown if a.id not in gone]
        if put is not None:
            bisect.insort(shown, put, key=lambda a: (a.start, a.end, a.created))
        self.shown = shown
        self.refresh()

    def _keep(
        self,
        what: str,
        write: Callable[[Notebook], object],
        failed: Callable[[], None] | None = None,
        *,
        keeps: str = "",
    ) -> None:
        """Put `write` on the queue; a failure is one line, then `failed` (which gives the
        user's text back); `keeps`: that text."""
        notebook = self.notebook
        assert notebook is not None
        self._in_flight += 1

        def fail(error: Exception) -> None:
            from briefing.service import StoreError

            self._landed()
            if self.views.host.is_attached:
                # A database's failure is its one line; anything else is a bug: named.
                why = str(error) if isinstance(error, StoreError) else repr(error)
                self.views.host.notify(
                    f"Could not {what}: {why}", severity="error", markup=False, timeout=15
                )
                if failed is not None:
                    failed()

        self.writes.put(lambda: write(notebook), lambda _: self._landed(), fail, keeps=keeps)

    def _landed(self) -> None:
        """A write is back: once none is in flight, show what the notebook holds (what is
        shown already, unless a write failed)."""
        self._in_flight -= 1
        notebook = self.notebook
        if self._in_flight or notebook is None or not self.views.host.is_attached:
            return
        if notebook.annotations != self.shown:
            self.shown = list(notebook.annotations)
            self.refresh()

    def _made(self, what: str, make: Callable[[], Annotation]) -> Annotation | None:
        """An annotation made by `make` (no SQL), or None and one line saying why not."""
        from briefing.service import StoreError

        try:
            return make()
        except StoreError as exc:
            self.views.host.notify(
                f"Could not {what}: {exc}", severity="error", markup=False, timeout=15
            )
            return None

    def _add(
        self, what: str, made: Annotation | None, then: Callable[[], None] | None = None
    ) -> None:
        if made is not None:
            self._show_change(made)
            self._keep(what, lambda notebook: notebook.insert(made), then)

    def _update(
        self, what: str, made: Annotation | None, then: Callable[[], None] | None = None
    ) -> None:
        if made is not None:
            self._show_change(made)
            self._keep(what, lambda notebook: notebook.save(made), then)


def discard_draft(notebook: Notebook) -> None:
    """Drop the draft (on the writer thread): an old draft offered again next time is better
    than an error now."""
    from briefing.service import StoreError

    with contextlib.suppress(StoreError):
        notebook.discard_draft()
