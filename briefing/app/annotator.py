"""The reading screen's annotations: between the keys, the dialogs and the notebook.

Opens the document's notebook in a thread (re-anchoring can take a moment on a long changed
report), then keeps the reader's highlights, the notes panel, the section counts and the note
line in step with it. Every change is written before it is shown; a failed write says so and
gives the note back to the user rather than dropping it.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from briefing.app.note_line import NoteLine
from briefing.app.reader.messages import AnnotationAction
from briefing.app.reader.view import ReaderView
from briefing.app.section_list import SectionList
from briefing.model import (
    HIGHLIGHT_COLORS,
    AnchorStatus,
    Annotation,
    Document,
    HighlightColor,
    Reading,
)

if TYPE_CHECKING:
    from textual.widget import Widget

    from briefing.app.notes_panel import NotesPanel
    from briefing.service import DocumentService, Draft, Notebook

# The store (sqlite3, rapidfuzz) is imported when notes are first opened, after the first frame.

UNDO_DEPTH = 50


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


class Annotator:
    """Keeps one document's notebook and its views in step; see the module."""

    def __init__(
        self, document: Document, service: DocumentService, views: AnnotationViews
    ) -> None:
        self.document = document
        self.service = service
        self.views = views
        self.notebook: Notebook | None = None
        self._deleted: list[Annotation] = []
        """Deleted annotations, newest last, for undo."""
        self._unavailable: str | None = None
        """Why the notebook could not be opened, if it could not."""

    # ------------------------------------------------------------------ opening
    def open(self) -> None:
        """Open the notebook in a thread; `_opened` installs it."""
        self.views.host.run_worker(
            self._open_in_thread, thread=True, exclusive=True, group="notes", description="notes"
        )

    def _open_in_thread(self) -> None:
        from briefing.service import StoreError

        try:
            notebook, draft = self.service.open_notebook()
        except StoreError as exc:
            self.views.host.app.call_from_thread(self._failed, str(exc))
            return
        self.views.host.app.call_from_thread(self._opened, notebook, draft)

    def _failed(self, message: str) -> None:
        self._unavailable = message
        self.views.host.notify(
            f"Notes are unavailable: {message}", severity="error", markup=False, timeout=15
        )

    def _opened(self, notebook: Notebook, draft: Draft | None) -> None:
        if not self.views.host.is_attached:
            return
        self.notebook = notebook
        self.refresh()
        # Everything still unreviewed, whether re-anchored now or on an earlier opening
        # (say, by `briefing notes`): a note left moved or orphaned needs the reader's eye.
        from briefing.service import AnchorSummary

        summary = AnchorSummary.of(notebook.annotations)
        if summary.needs_review:
            parts = []
            if summary.moved:
                parts.append(f"{summary.moved} {'note' if summary.moved == 1 else 'notes'} moved")
            if summary.orphaned:
                parts.append(f"{summary.orphaned} orphaned")
            self.views.host.notify(
                "Since the text changed: " + ", ".join(parts) + " — press v to review",
                markup=False,
                timeout=12,
            )
        if draft is not None:
            self._offer_draft(draft)

    @property
    def ready(self) -> bool:
        if self.notebook is None:
            if self._unavailable is not None:
                self.views.host.notify(
                    f"Notes are unavailable: {self._unavailable}", severity="error", markup=False
                )
            else:
                self.views.host.notify("Notes are still loading.", markup=False)
            return False
        return True

    # ------------------------------------------------------------------ showing
    @property
    def annotations(self) -> list[Annotation]:
        return self.notebook.annotations if self.notebook else []

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
    def _alive(self, annotation_id: str) -> bool:
        """Whether the annotation is still in the notebook (not deleted)."""
        return any(a.id == annotation_id for a in self.annotations)

    def _write(self, what: str, change: object) -> bool:
        """Run a notebook change; on failure say so (the caller keeps the user's text)."""
        from briefing.service import StoreError

        try:
            if callable(change):
                change()
        except StoreError as exc:
            self.views.host.notify(
                f"Could not {what}: {exc}", severity="error", markup=False, timeout=15
            )
            return False
        self.refresh()
        return True

    def handle(
        self, action: AnnotationAction, color: HighlightColor, selection: tuple[int, int] | None
    ) -> None:
        if not self.ready or self.notebook is None:
            return
        notebook = self.notebook
        if action is AnnotationAction.UNDO:
            self.undo()
            return
        if selection is None:
            return
        match action:
            case AnnotationAction.HIGHLIGHT:
                same = self.at(selection, exact=True)
                if same is not None:
                    self._write("recolour", lambda: notebook.update(same.id, color=color.value))
                else:
                    self._write("highlight", lambda: notebook.add(*selection, color=color.value))
            case AnnotationAction.NOTE | AnnotationAction.NEW_NOTE:
                target = None if action is AnnotationAction.NEW_NOTE else self.at(selection)
                self.edit_note(selection, target)
            case AnnotationAction.TAGS:
                self.edit_tags(selection, self.at(selection))
            case AnnotationAction.DELETE:
                target = self.at(selection)
                if target is None:
                    self.views.host.notify("No annotation here to delete.", markup=False)
                else:
                    self.delete(target)

    def delete(self, annotation: Annotation) -> None:
        notebook = self.notebook
        if notebook is None or not self._alive(annotation.id):
            return  # deleted already: a second d that came with the first (notes panel)
        if self._write("delete", lambda: notebook.delete(annotation.id)):
            self._deleted = [*self._deleted[-UNDO_DEPTH + 1 :], annotation]
            self.views.host.notify("Annotation deleted — z to undo", markup=False)

    def undo(self) -> None:
        notebook = self.notebook
        if notebook is None or not self._deleted:
            self.views.host.notify("Nothing to undo.", markup=False)
            return
        annotation = self._deleted.pop()
        if self._write("undo", lambda: notebook.restore(annotation)):
            if not annotation.orphaned:
                self.views.reader.select(annotation.start, annotation.end)
            self.views.host.notify("Annotation restored", markup=False)

    def edit_note(
        self,
        selection: tuple[int, int],
        target: Annotation | None,
        restored: str | None = None,
    ) -> None:
        notebook = self.notebook
        if notebook is None:
            return
        span = (target.start, target.end) if target is not None else selection
        text = self.document.text
        quote = target.quote.exact if target is not None else text[span[0] : span[1]]
        original = target.note if target is not None else ""
        target_id = target.id if target is not None else None
        from briefing.service import StoreError

        def keep_draft(body: str) -> None:
            try:
                notebook.save_draft(target_id, span[0], span[1], body)
            except StoreError as exc:
                self.views.host.notify(
                    f"Draft not saved: {exc}", severity="error", markup=False, timeout=10
                )

        def done(note: str | None) -> None:
            if note is None:
                self._discard_draft()
                return
            if target_id is not None and self._alive(target_id):
                ok = self._write("save the note", lambda: notebook.update(target_id, note=note))
            else:
                # A new annotation, or one deleted while the note was being written (by a key
                # typed ahead): the note goes on the passage all the same.
                color = target.color if target is not None else HIGHLIGHT_COLORS[0]
                tags = target.tags if target is not None else ()
                ok = self._write(
                    "save the note",
                    lambda: notebook.add(*span, color=color, note=note, tags=tags),
                )
            if ok:
                self._discard_draft()
            else:  # the note stays in the drafts table and goes back to the user
                self.edit_note(selection, target, restored=note)

        from briefing.app.note_editor import NoteEditor  # TextArea: not needed at start-up

        editor = NoteEditor(
            quote,
            restored if restored is not None else original,
            on_draft=keep_draft,
            original=original,
            title="Edit note" if target is not None else "New note",
            existing=target is not None,
        )
        self.views.host.app.push_screen(editor, done)

    def _discard_draft(self) -> None:
        from briefing.service import StoreError

        if self.notebook is not None:
            # An old draft offered again next time is better than an error now.
            with contextlib.suppress(StoreError):
                self.notebook.discard_draft()

    def _offer_draft(self, draft: Draft) -> None:
        from briefing.app.dialogs import Confirm

        notebook = self.notebook
        if notebook is None:
            return
        target = next((a for a in notebook.annotations if a.id == draft.annotation_id), None)

        def answered(restore: bool | None) -> None:
            if restore:
                reader = self.views.reader
                reader.select(draft.start, draft.end)
                self.edit_note((draft.start, draft.end), target, restored=draft.body)
            else:
                self._discard_draft()

        preview = " ".join(draft.body.split())[:60]
        self.views.host.app.push_screen(
            Confirm(f"You were writing a note when briefing stopped (“{preview}”). Restore it?"),
            answered,
        )

    def edit_tags(self, selection: tuple[int, int], target: Annotation | None) -> None:
        from briefing.app.dialogs import TagSuggester, TextPrompt
        from briefing.service import StoreError

        notebook = self.notebook
        if notebook is None:
            return
        try:
            known = notebook.tags_in_use()
        except StoreError:
            known = []
        current = ", ".join(target.tags) if target is not None else ""

        def done(value: str | None) -> None:
            if value is None:
                return
            tags = [t for t in value.split(",") if t.strip()]
            if target is not None and self._alive(target.id):
                self._write("tag", lambda: notebook.update(target.id, tags=tags))
            elif tags:
                # No annotation here, or it was deleted meanwhile (a key typed ahead): the
                # tags go on the passage all the same.
                span = (target.start, target.end) if target is not None else selection
                color = target.color if target is not None else HIGHLIGHT_COLORS[0]
                self._write("tag", lambda: notebook.add(*span, color=color, tags=tags))

        self.views.host.app.push_screen(
            TextPrompt(
                "Tags, separated by commas",
                current,
                placeholder="e.g. follow-up, quote",
                suggester=TagSuggester(known),
                hint="→ accepts a suggestion · enter: save · escape: cancel",
            ),
            done,
        )

    # ------------------------------------------------------------------ panel and review
    def show_in_text(self, annotation: Annotation) -> None:
        reader = self.views.reader
        if annotation.orphaned:
            self.views.host.notify(
                "This note's words are gone from the text: select a passage and press v, "
                "then r, to re-attach it.",
                markup=False,
            )
            return
        reader.select(annotation.start, annotation.end)
        reader.scroll_to_offset(annotation.start)
        reader.focus()

    def to_review(self) -> list[Annotation]:
        return [a for a in self.annotations if a.status is not AnchorStatus.EXACT]

    def review(self) -> None:
        from briefing.app.review_screen import ReviewScreen

        if not self.ready or self.notebook is None:
            return
        pending = self.to_review()
        if not pending:
            self.views.host.notify("Every note is where it was: nothing to review.", markup=False)
            return
        reader = self.views.reader
        notebook = self.notebook

        def done(choice: tuple[str, str] | None) -> None:
            if choice is None:
                return
            action, annotation_id = choice
            annotation = notebook.get(annotation_id)
            if action == "jump":
                self.show_in_text(annotation)
                return
            if action == "confirm":
                self._write("confirm", lambda: notebook.confirm(annotation_id))
            elif action == "attach" and reader.selection is not None:
                selection = reader.selection
                self._write("re-attach", lambda: notebook.reattach(annotation_id, *selection))
            if self.to_review():
                self.review()

        self.views.host.app.push_screen(
            ReviewScreen(pending, self.document.text, reader.selection is not None), done
        )

    def panel_delete(self, panel: NotesPanel, annotation: Annotation) -> None:
        self.delete(annotation)
        panel.focus_list()
