"""The reading screen's annotations: between the keys, the dialogs and the notebook.

Opens the document's notebook in a thread (re-anchoring can take a moment on a long changed
report), then keeps the reader's highlights, the notes panel, the section counts and the note
line in step with it. Every change is shown at once and written in order off the event loop
(see `annotation_state`); a failed write says so and gives the note back to the user rather
than dropping it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from briefing.app.annotation_state import AnnotationState, AnnotationViews, discard_draft
from briefing.app.reader.messages import AnnotationAction
from briefing.model import (
    HIGHLIGHT_COLORS,
    AnchorStatus,
    Annotation,
    Document,
    HighlightColor,
)

if TYPE_CHECKING:
    from briefing.app.notes_panel import NotesPanel
    from briefing.app.write_queue import WriteQueue
    from briefing.service import DocumentService, Draft, Notebook

# The store (sqlite3, rapidfuzz) is imported when notes are first opened, after the first frame.

UNDO_DEPTH = 50


class Annotator(AnnotationState):
    """Keeps one document's notebook and its views in step; see the module."""

    def __init__(
        self,
        document: Document,
        service: DocumentService,
        views: AnnotationViews,
        writes: WriteQueue,
    ) -> None:
        super().__init__(document, service, views, writes)
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
        self.shown = list(notebook.annotations)
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

    def handle(
        self, action: AnnotationAction, color: HighlightColor, selection: tuple[int, int] | None
    ) -> None:
        if not self.ready or self.notebook is None:
            return
        if action is AnnotationAction.UNDO:
            self.undo()
            return
        if selection is None:
            return
        from briefing.service import edited, new_annotation

        match action:
            case AnnotationAction.HIGHLIGHT:
                same = self.at(selection, exact=True)
                if same is not None:
                    self._update(
                        "recolour", self._made("recolour", lambda: edited(same, color=color.value))
                    )
                else:
                    text = self.document.text
                    made = self._made(
                        "highlight", lambda: new_annotation(text, *selection, color=color.value)
                    )
                    self._add("highlight", made)
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
        if self.notebook is None or self._current(annotation.id) is None:
            return  # deleted already: a second d that came with the first (notes panel)
        self._deleted = [*self._deleted[-UNDO_DEPTH + 1 :], annotation]
        self._show_change(remove=annotation.id)
        self.views.host.notify("Annotation deleted — z to undo", markup=False)

        def not_deleted() -> None:
            self._deleted = [a for a in self._deleted if a.id != annotation.id]

        self._keep("delete", lambda notebook: notebook.delete(annotation.id), not_deleted)

    def undo(self) -> None:
        if self.notebook is None or not self._deleted:
            self.views.host.notify("Nothing to undo.", markup=False)
            return
        annotation = self._deleted.pop()
        self._show_change(annotation)
        self._keep("undo", lambda notebook: notebook.restore(annotation))
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

        def keep_draft(body: str) -> None:
            def not_kept(error: Exception) -> None:
                self.views.host.notify(
                    f"Draft not saved: {error}", severity="error", markup=False, timeout=10
                )

            self.writes.put(
                lambda: notebook.save_draft(target_id, span[0], span[1], body),
                failed=not_kept,
                keeps=body,
            )

        def done(note: str | None) -> None:
            if note is None:
                self._discard_draft()
                return
            from briefing.service import edited, new_annotation

            def again() -> None:  # the note stays in the drafts table and goes back to the user
                self.edit_note(selection, target, restored=note)

            current = self._current(target_id)
            if current is not None:
                made = self._made("save the note", lambda: edited(current, note=note))
            else:
                # A new annotation, or one deleted while the note was being written (by a key
                # typed ahead): the note goes on the passage all the same.
                color = target.color if target is not None else HIGHLIGHT_COLORS[0]
                tags = target.tags if target is not None else ()
                made = self._made(
                    "save the note",
                    lambda: new_annotation(text, *span, color=color, note=note, tags=tags),
                )
            if made is None:
                again()
                return
            self._show_change(made)
            write = notebook.save if current is not None else notebook.insert

            def save(notebook: Notebook) -> None:
                write(made)
                discard_draft(notebook)

            self._keep("save the note", save, again, keeps=note)

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
        if self.notebook is not None:
            notebook = self.notebook
            self.writes.put(lambda: discard_draft(notebook))

    def _offer_draft(self, draft: Draft) -> None:
        from briefing.app.dialogs import Confirm

        notebook = self.notebook
        if notebook is None:
            return
        target = self._current(draft.annotation_id)

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

        notebook = self.notebook
        if notebook is None:
            return
        # The suggestions come from a read on the writer thread, after the writes before it;
        # the prompt opens at once (keys typed ahead go to it) and suggests once they are in.
        known: list[str] = []
        self.writes.put(notebook.tags_in_use, known.extend, failed=_no_suggestions)
        current = ", ".join(target.tags) if target is not None else ""

        def done(value: str | None) -> None:
            if value is None:
                return
            from briefing.service import edited, new_annotation

            tags = [t for t in value.split(",") if t.strip()]
            now = self._current(target.id) if target is not None else None
            if now is not None:
                self._update("tag", self._made("tag", lambda: edited(now, tags=tags)))
            elif tags:
                # No annotation here, or it was deleted meanwhile (a key typed ahead): the
                # tags go on the passage all the same.
                span = (target.start, target.end) if target is not None else selection
                color = target.color if target is not None else HIGHLIGHT_COLORS[0]
                text = self.document.text
                made = self._made(
                    "tag", lambda: new_annotation(text, *span, color=color, tags=tags)
                )
                self._add("tag", made)

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

        def done(choice: tuple[str, str] | None) -> None:
            if choice is None:
                return
            from briefing.service import confirmed, reattached

            action, annotation_id = choice
            annotation = self._current(annotation_id)
            if annotation is None:
                return  # deleted meanwhile
            if action == "jump":
                self.show_in_text(annotation)
                return
            text = self.document.text
            if action == "confirm":
                self._update("confirm", self._made("confirm", lambda: confirmed(text, annotation)))
            elif action == "attach" and reader.selection is not None:
                start, end = reader.selection
                made = self._made("re-attach", lambda: reattached(text, annotation, start, end))
                self._update("re-attach", made)
            if self.to_review():
                self.review()

        self.views.host.app.push_screen(
            ReviewScreen(pending, self.document.text, reader.selection is not None), done
        )

    def panel_delete(self, panel: NotesPanel, annotation: Annotation) -> None:
        self.delete(annotation)
        panel.focus_list()


def _no_suggestions(error: Exception) -> None:
    """The tags in use could not be read: the prompt suggests nothing (a bug still shows)."""
    from briefing.service import StoreError

    if not isinstance(error, StoreError):
        raise error
