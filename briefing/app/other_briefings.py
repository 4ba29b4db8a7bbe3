"""An entity card's "in other briefings": the library's other documents that mention the same
person, organisation or place (merged by the library's who's who rules), with the name and
role each gives it; enter opens one.

Looked up in a worker thread when the card opens; the card shows at once and this part fills
in (or stays hidden when no other briefing mentions the entity).
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option
from textual.worker import get_current_worker

from briefing.app.library_list import OpenLibraryDocument
from briefing.errors import BriefingError
from briefing.model import Document, Entity

if TYPE_CHECKING:
    from briefing.service.library import Library, WhoEntry

LIMIT = 12


class OtherBriefings(Vertical):
    """The briefings of the library, other than `document`, that mention `entity`."""

    def __init__(self, entity: Entity, document: Document) -> None:
        super().__init__(classes="card-others")
        self._entity = entity
        self._document = document
        self.found: list[tuple[int, str]] | None = None
        """(document id, title) of each briefing listed, once looked up (tests wait on it)."""
        self.display = False

    def compose(self) -> ComposeResult:
        yield Static(Text("In other briefings (enter: open)", style="bold"), classes="card-label")
        yield OptionList(id="card-others", markup=False)

    def on_mount(self) -> None:
        self.run_worker(self._look_up, thread=True, group="card-others", description="who's who")

    def _look_up(self) -> None:
        from briefing.service.library import Library, profile

        rows: list[tuple[int, str, str]] = []
        try:
            library = Library()
            if library.store.exists():
                this = library.entry_of(self._document)
                entry = self._library_entity(library, None if this is None else this.id)
                if entry is not None:
                    with library.store.reading() as connection:
                        found = profile(connection, entry, companions=0, quotes=0)
                    for seen in found.appearances:
                        if this is not None and seen.document_id == this.id:
                            continue
                        when = seen.date or time.strftime("%Y-%m-%d", time.localtime(seen.read))
                        detail = seen.name + (f", {seen.role}" if seen.role else "")
                        rows.append((seen.document_id, seen.title, f"{when} · {detail}"))
        except BriefingError:
            rows = []
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._show, rows[:LIMIT])

    def _library_entity(self, library: Library, document_id: int | None) -> WhoEntry | None:
        """The library's entity this one was merged into when its briefing was kept; else
        (not kept yet) the one known by this very name and type, if any."""
        from briefing.service.library import WhoEntry, name_key, who_of_entity

        entity = self._entity
        if document_id is not None:
            with library.store.reading() as connection:
                row = connection.execute(
                    "SELECT entity_id FROM document_entities WHERE document_id = ? "
                    "AND local_id = ?",
                    (document_id, entity.id),
                ).fetchone()
            if row is not None:
                return WhoEntry(int(row[0]), entity.name, entity.type.value, 0)
        for candidate in who_of_entity(library, entity):
            if name_key(candidate.name) == name_key(entity.name):
                return candidate
        return None

    def _show(self, rows: list[tuple[int, str, str]]) -> None:
        self.found = [(document_id, title) for document_id, title, _ in rows]
        if not rows or not self.is_attached:
            return
        listing = self.query_one(OptionList)
        options = []
        for document_id, title, detail in rows:
            prompt = Text(title or "(untitled)", no_wrap=True, overflow="ellipsis")
            prompt.append(f"  {detail}", style="dim")
            options.append(Option(prompt, id=f"doc-{document_id}"))
        listing.set_options(options)
        listing.highlighted = 0
        self.display = True

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        option_id = event.option.id or ""
        if not option_id.startswith("doc-"):
            return
        document_id = int(option_id.removeprefix("doc-"))
        # To the app itself: this card (and this widget) closes before the message would
        # bubble up from here.
        self.app.post_message(OpenLibraryDocument(document_id))
        self.screen.dismiss(None)
