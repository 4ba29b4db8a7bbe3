"""Every note of the library on one screen: type words to keep the notes holding them (in the
note, its passage, its tags or its document's title), a tag, a colour and a document as
facets (the document: the highlighted note's, or each in turn); enter opens the document at
the note.

The notes are read in a worker thread; filtering by words runs on them in memory.
"""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import on, work
from textual.binding import Binding, BindingType
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option
from textual.worker import get_current_worker

from briefing.app.library_list import LibraryListScreen
from briefing.model import HIGHLIGHT_COLORS

if TYPE_CHECKING:
    from briefing.service.library import LibraryNote

SHOWN = 300
"""Notes listed at once (the filter brings the others)."""


def _haystack(item: LibraryNote) -> str:
    a = item.annotation
    return " ".join((a.note, a.quote.exact, *a.tags, item.title)).casefold()


def _prompt(item: LibraryNote) -> Text:
    a = item.annotation
    prompt = Text(item.title or "(untitled)", style="bold", no_wrap=True, overflow="ellipsis")
    where = f"§ {item.section}" if item.section else "no longer in the text" if a.orphaned else ""
    details = " · ".join(x for x in (a.color, where, " ".join(f"#{t}" for t in a.tags)) if x)
    prompt.append(f"  {details}", style="dim")
    quote = " ".join(a.quote.exact.split())
    prompt.append("\n  “" + (quote if len(quote) <= 160 else quote[:159] + "…") + "”")
    if a.note:
        note = " ".join(a.note.split())
        prompt.append("\n  " + (note if len(note) <= 160 else note[:159] + "…"), style="italic")
    return prompt


class AllNotesScreen(LibraryListScreen):
    """The notes of every document of the library."""

    HEADING = "All notes"
    PLACEHOLDER = "Words of a note, its passage, tags or document"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+t", "next_tag", "Next tag", id="notes-all.tag"),
        Binding("ctrl+l", "next_color", "Next colour", id="notes-all.color"),
        Binding("ctrl+o", "this_document", "This document / all", id="notes-all.this-document"),
        Binding("ctrl+g", "next_document", "Next document", id="notes-all.document"),
        Binding("down", "to_list", "Move to the list", show=False, id="notes-all.down"),
        Binding("escape", "close", "Back", id="notes-all.close"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.notes: list[LibraryNote] = []
        self.tag: str | None = None
        self.color: str | None = None
        self.document_id: int | None = None
        """The document facet: only the notes of this document (None: every document)."""
        self.loaded = False
        self._shown: list[LibraryNote] = []

    def on_mount(self) -> None:
        self.query_one(Input).focus()
        self.load()

    @work(thread=True, exclusive=True, group="library-notes", description="reading the notes")
    def load(self) -> None:
        from briefing.service.library import Library

        notes = Library().notes()
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._loaded, notes)

    def _loaded(self, notes: list[LibraryNote]) -> None:
        self.notes, self.loaded = notes, True
        self.show()

    def tags(self) -> list[str]:
        return sorted({t for item in self.notes for t in item.annotation.tags})

    def documents(self) -> list[tuple[int, str, int]]:
        """(id, title, notes) of the documents with notes: most notes first, then by title."""
        counts = Counter(item.document_id for item in self.notes)
        titles = {item.document_id: item.title for item in self.notes}
        found = [(d, titles[d], n) for d, n in counts.items()]
        return sorted(found, key=lambda one: (-one[2], one[1].casefold(), one[0]))

    def chosen_notes(self) -> list[LibraryNote]:
        words = self.query_one(Input).value.casefold().split()
        return [
            item
            for item in self.notes
            if (self.document_id is None or item.document_id == self.document_id)
            and (self.tag is None or self.tag in item.annotation.tags)
            and (self.color is None or item.annotation.color == self.color)
            and all(w in _haystack(item) for w in words)
        ]

    def show(self) -> None:
        chosen = self.chosen_notes()
        options: list[Option] = [
            Option(_prompt(item), id=f"note-{n}") for n, item in enumerate(chosen[:SHOWN])
        ]
        if len(chosen) > SHOWN:
            more = f"… and {len(chosen) - SHOWN:,} more: type to filter"
            options.append(Option(Text(more, style="dim"), disabled=True))
        self._shown = chosen[:SHOWN]
        listing = self.query_one(OptionList)
        listing.set_options(options)
        if options:
            listing.highlighted = 0
        documents = len({item.document_id for item in self.notes})
        head = Text("All notes", style="bold")
        head.append(f"  {len(self.notes)} in {documents} documents", style="dim")
        self.query_one("#library-head", Static).update(head)
        facets = Text(f"Tag: {'#' + self.tag if self.tag else 'any'}", style="dim")
        facets.append(f"  Colour: {self.color or 'any'}", style="dim")
        facets.append("  Document: ", style="dim")
        chosen_document = next((d for d in self.documents() if d[0] == self.document_id), None)
        if chosen_document is None:
            facets.append("any", style="dim")
        else:
            facets.append(chosen_document[1] or "(untitled)", style="reverse")
        self.query_one("#library-facets", Static).update(facets)

    @on(Input.Changed)
    def _typed(self, _: Input.Changed) -> None:
        self.show()

    def target(self, option_id: str) -> tuple[int, int | None] | None:
        if not option_id.startswith("note-"):
            return None
        item = self._shown[int(option_id.removeprefix("note-"))]
        return item.document_id, None if item.annotation.orphaned else item.annotation.start

    def action_next_tag(self) -> None:
        names: list[str | None] = [None, *self.tags()]
        self.tag = names[(names.index(self.tag) + 1) % len(names)] if self.tag in names else None
        self.show()

    def action_next_color(self) -> None:
        names: list[str | None] = [None, *HIGHLIGHT_COLORS]
        self.color = names[(names.index(self.color) + 1) % len(names)]
        self.show()

    def action_this_document(self) -> None:
        """Only the notes of the highlighted note's document; again: every document's."""
        if self.document_id is not None:
            self.document_id = None
        else:
            target = self.highlighted_target()
            if target is None:
                self.app.bell()
                return
            self.document_id = target[0]
        self.show()

    def action_next_document(self) -> None:
        ids: list[int | None] = [None, *(d for d, _, _ in self.documents())]
        at = ids.index(self.document_id) if self.document_id in ids else 0
        self.document_id = ids[(at + 1) % len(ids)]
        self.show()

    def action_close(self) -> None:
        self.app.pop_screen()
