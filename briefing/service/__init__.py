"""Between the app (and the CLI) and the core: one document's stored state — its notes, its
section corrections, where the reader left it — and its exports.

The app reaches the store only through here (a test reads the imports), so the store can change
without a screen knowing. Every method may touch SQLite, so the app calls them from worker
threads (its writes go through `app/write_queue.py`, in order); the types the app needs
(`Notebook`, `Draft`, `StoreError`, …) are named here too, and the functions that make a changed
annotation without touching SQLite (`new_annotation`, `edited`, …), so the app can show a change
before its write has run.

- `corrections`: the reader's section corrections, saved as a plan in the store.
- `library`: the library (every document read, its search, who's who and notes across
  documents), for the CLI and the library's screens.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from briefing.model import Annotation, Document, Reading

if TYPE_CHECKING:
    from briefing.export.markdown import Highlight
    from briefing.service.corrections import SectionEditor
    from briefing.store.anchoring import AnchorSummary
    from briefing.store.database import Store, StoreError
    from briefing.store.notebook import (
        Draft,
        Notebook,
        confirmed,
        edited,
        new_annotation,
        reattached,
    )

# The store (sqlite3, rapidfuzz) and the export (PyYAML, markdown-it) are imported when first
# used, after the app's first frame: `from briefing.service import StoreError` inside a function.
_LAZY = {
    "AnchorSummary": "briefing.store.anchoring",
    "Draft": "briefing.store.notebook",
    "Notebook": "briefing.store.notebook",
    "Store": "briefing.store.database",
    "StoreError": "briefing.store.database",
    "confirmed": "briefing.store.notebook",
    "edited": "briefing.store.notebook",
    "new_annotation": "briefing.store.notebook",
    "reattached": "briefing.store.notebook",
}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "AnchorSummary",
    "DocumentService",
    "Draft",
    "Notebook",
    "Store",
    "StoreError",
    "confirmed",
    "edited",
    "new_annotation",
    "reattached",
]


class DocumentService:
    """One document's stored state, in the user's store unless another is given."""

    def __init__(self, document: Document, store: Store | None = None) -> None:
        self.document = document
        self._store = store

    @property
    def store(self) -> Store:
        """The user's database (made on first use; tests pass their own)."""
        if self._store is None:
            from briefing.store.database import Store

            self._store = Store.default()
        return self._store

    def notebook(self) -> Notebook:
        """The document's notes, re-anchored to its text (raises `StoreError`); the library's
        copy of its text replaced first if an older ingest made it."""
        from briefing.service.library import keep_newer_text
        from briefing.store.notebook import Notebook

        if self.store.exists() and self.store.writable():
            keep_newer_text(self.store, self.document)

        notebook = Notebook(self.store, self.document)
        notebook.open()
        return notebook

    def open_notebook(self) -> tuple[Notebook, Draft | None]:
        """The notebook, and the note being written when briefing last stopped."""
        notebook = self.notebook()
        return notebook, notebook.draft()

    def stored_annotations(self) -> list[Annotation]:
        """The notes as they would be re-anchored, without changing the store."""
        from briefing.store.notebook import Notebook

        notebook = Notebook(self.store, self.document)
        notebook.open(persist=False)
        return notebook.annotations

    def section_editor(self) -> SectionEditor:
        from briefing.service.corrections import SectionEditor

        return SectionEditor(self.document, self.store)

    def reading_position(self) -> int | None:
        return self.store.reading_position(self.document)

    def save_reading_position(self, offset: int) -> None:
        self.store.save_reading_position(self.document, offset)

    def export(
        self,
        *,
        format: str = "markdown",
        notes_only: bool = False,
        highlight: Highlight | None = None,
        reading: Reading | None = None,
        annotations: list[Annotation] | None = None,
    ) -> str:
        """The exported text; the reading and the notes are read (without changing the
        store) unless given."""
        from briefing.export.destination import render_export
        from briefing.export.markdown import Highlight

        if annotations is None:
            annotations = self.stored_annotations()
        if reading is None and format != "json":
            from briefing.pipeline import read_document

            reading = read_document(self.document, store=self.store)
        return render_export(
            self.document,
            format=format,
            notes_only=notes_only,
            reading=reading,
            annotations=annotations,
            highlight=highlight or Highlight.MARKDOWN,
        )
