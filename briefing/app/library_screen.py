"""The library screen: every document read, most recent first; type to filter them by title,
source or tag and to search their text and notes; sort by date, title or notes; a tag as a
facet; enter opens the document (at the match, for a match in its text).

The list and the search are read in worker threads (the database is never touched on the UI
thread); the filter itself runs on the list in memory as each key is typed.
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import on, work
from textual.binding import Binding, BindingType
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option
from textual.worker import get_current_worker

from briefing.app.library_list import LibraryListScreen

if TYPE_CHECKING:
    from briefing.service.library import Hit, Library, LibraryEntry

SORTS = ("date", "title", "notes")
SORT_NAMES = {"date": "most recent first", "title": "by title", "notes": "most notes first"}
SEARCH_MIN_CHARS = 2
"""A query shorter than this filters the list only (one letter would match most texts)."""
SEARCH_LIMIT = 30
LIST_LIMIT = 50
"""Documents listed at once (the filter, a tag or a sort brings the others)."""


def _day(seconds: float) -> str:
    return time.strftime("%Y-%m-%d", time.localtime(seconds))


def _entry_prompt(entry: LibraryEntry) -> Text:
    prompt = Text(entry.title or "(untitled)", style="bold", no_wrap=True, overflow="ellipsis")
    details = [_day(entry.read)]
    if entry.notes:
        details.append(f"{entry.notes} note{'s' if entry.notes != 1 else ''}")
    if entry.tags:
        details.append(" ".join(f"#{t}" for t in entry.tags))
    if entry.source:
        details.append(entry.source)
    prompt.append("\n  " + " · ".join(details), style="dim")
    return prompt


def _hit_prompt(hit: Hit) -> Text:
    prompt = Text(hit.title or "(untitled)", style="bold", no_wrap=True, overflow="ellipsis")
    for snippet in hit.snippets[:2]:
        where = snippet.where + (f" · § {snippet.section}" if snippet.section else "")
        line = Text("\n  ")
        line.append(where + ": ", style="dim")
        if snippet.leading:
            line.append("…")
        last = 0
        flat = snippet.text.replace("\n", " ")
        for start, end in snippet.marks:
            line.append(flat[last:start])
            line.append(flat[start:end], style="reverse")
            last = end
        line.append(flat[last:])
        if snippet.trailing:
            line.append("…")
        prompt.append_text(line)
    return prompt


class FirstPage:
    """What the library screen shows first: the most recent documents, the tags, the count.
    Read before the app starts when the library is its first screen (`first_page`), so that
    the first frame shows the list."""

    __slots__ = ("entries", "tags", "total")

    def __init__(
        self, entries: list[LibraryEntry], tags: list[tuple[str, int]], total: int
    ) -> None:
        self.entries = entries
        self.tags = tags
        self.total = total


def first_page(library: Library | None = None) -> FirstPage:
    """The first page of `library` (the user's by default); StoreError if it cannot be read."""
    if library is None:  # (the CLI gives its own: the service is imported after first paint)
        from briefing.service.library import Library

        library = Library()
    return FirstPage(library.entries(limit=LIST_LIMIT + 1), library.tags(), library.count())


def matches(entry: LibraryEntry, words: list[str]) -> bool:
    """Whether every one of `words` (case-folded) is in the entry's title, source or tags."""
    haystack = " ".join((entry.title, entry.source or "", *(f"#{t}" for t in entry.tags)))
    folded = haystack.casefold()
    return all(word in folded for word in words)


class LibraryScreen(LibraryListScreen):
    """The list of the library, its filter and search, sorts and tag facets."""

    HEADING = "Library"
    PLACEHOLDER = "Filter by title, source or #tag; words search texts and notes"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+o", "sort", "Sort: date / title / notes", id="library.sort"),
        Binding("ctrl+t", "next_tag", "Next tag facet", id="library.tag"),
        Binding("ctrl+n", "app.all_notes", "All notes", id="library.notes"),
        Binding("down", "to_list", "Move to the list", show=False, id="library.down"),
        Binding("ctrl+d", "remove", "Remove", id="library.remove"),
        Binding("ctrl+z", "restore", "Undo remove", show=False, id="library.restore"),
        Binding("escape", "close", "Back (or clear, or quit)", id="library.close"),
    ]

    def __init__(self, first: FirstPage | None = None) -> None:
        """`first`: the first page, read already (else it is read in a worker)."""
        super().__init__()
        self._first = first
        self.entries: list[LibraryEntry] = []
        self.tags: list[tuple[str, int]] = []
        self.hits: list[Hit] = []
        self.sort = "date"
        self.tag: str | None = None
        self.loaded = False
        """The list has been read once (tests wait on it)."""
        self._targets: dict[str, tuple[int, int | None]] = {}
        self._shown_ids: tuple[int, ...] = ()
        self.total = 0
        """Documents in the library (the list may still be coming)."""
        self.removed: list[int] = []
        """Documents removed on this screen, the last one last (ctrl+z brings it back)."""

    def on_mount(self) -> None:
        self.query_one(Input).focus()
        first, self._first = self._first, None
        if first is not None:
            self._loaded(first.entries, first.tags, first.total)
            if len(first.entries) <= LIST_LIMIT:
                return  # that is all of it
            # The rest (for the filter and the other sorts) once the first page is painted:
            # read at once, its worker took CPU from the first frame.
            self.call_after_refresh(self.load, False)
            return
        self.load()

    # ------------------------------------------------------------------ reading the library
    @work(thread=True, exclusive=True, group="library-list", description="reading the library")
    def load(self, first_page_too: bool = True) -> None:
        from briefing.service.library import Library

        library = Library()
        worker = get_current_worker()
        # The most recent first (what the screen shows: a few ms), then all of them (for the
        # filter and the other sorts: some 60 ms for 10,000).
        page = first_page(library)
        first, tags, total = page.entries, page.tags, page.total
        if first_page_too and not worker.is_cancelled:
            self.app.call_from_thread(self._loaded, first, tags, total)
        if len(first) > LIST_LIMIT:
            entries = library.entries()
            if not worker.is_cancelled:
                self.app.call_from_thread(self._loaded, entries, tags, total)

    def _loaded(self, entries: list[LibraryEntry], tags: list[tuple[str, int]], total: int) -> None:
        self.entries, self.tags, self.total, self.loaded = entries, tags, total, True
        if self.tag not in {t for t, _ in tags}:
            self.tag = None
        if self._shown_ids and self._shown_ids == self._first_ids() and not self.hits:
            return  # the rest of the list came: what the screen shows is the same
        self.show()

    def _first_ids(self) -> tuple[int, ...]:
        return tuple(e.id for e in self.visible_entries()[:LIST_LIMIT])

    @work(thread=True, exclusive=True, group="library-search", description="searching")
    def search(self, query: str) -> None:
        from briefing.service.library import QueryError, Store, search

        # As you type, the last word is a prefix: "allian" finds "alliance".
        typed = query if query.endswith((" ", '"', "*")) else query + "*"
        try:
            hits = list(search(Store.default(), typed, limit=SEARCH_LIMIT).hits)
        except QueryError:
            hits = []
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._searched, query, hits)

    def _searched(self, query: str, hits: list[Hit]) -> None:
        if query == self.query_one(Input).value.strip():
            self.hits = hits
            self.show()

    # ------------------------------------------------------------------ showing it
    def visible_entries(self) -> list[LibraryEntry]:
        """The entries the filter, the tag facet and the sort leave, in order."""
        words = self.query_one(Input).value.casefold().split()
        chosen = [
            e
            for e in self.entries
            if matches(e, words) and (self.tag is None or self.tag in e.tags)
        ]
        if self.sort == "title":
            chosen.sort(key=lambda e: (e.title.casefold(), e.id))
        elif self.sort == "notes":
            chosen.sort(key=lambda e: (-e.notes, -e.read, -e.id))
        return chosen

    def show(self) -> None:
        entries = self.visible_entries()
        listed = {e.id for e in entries[:LIST_LIMIT]}
        hits = [h for h in self.hits if h.document_id not in listed]
        if self.tag is not None:
            tagged = {e.id for e in self.entries if self.tag in e.tags}
            hits = [h for h in hits if h.document_id in tagged]
        options: list[Option | None] = []
        self._targets = {}
        for entry in entries[:LIST_LIMIT]:
            key = f"doc-{entry.id}"
            self._targets[key] = (entry.id, None)
            options.append(Option(_entry_prompt(entry), id=key))
        self._shown_ids = tuple(e.id for e in entries[:LIST_LIMIT])
        if len(entries) > LIST_LIMIT:
            more = Text("… and more: type to filter, or sort (ctrl+o)", style="dim")
            options.append(Option(more, disabled=True))
        if hits:
            if options:
                options.append(None)
            for hit in hits:
                key = f"hit-{hit.document_id}"
                offset = next((s.offset for s in hit.snippets if s.offset is not None), None)
                self._targets[key] = (hit.document_id, offset)
                options.append(Option(_hit_prompt(hit), id=key))
        listing = self.query_one(OptionList)
        listing.set_options(options)
        if options:
            listing.highlighted = 0
        total = self.total
        head = Text("Library", style="bold")
        head.append(f"  {total:,} document{'s' if total != 1 else ''}", style="dim")
        head.append(f" · {SORT_NAMES[self.sort]}", style="dim")
        if not total and self.loaded:
            head.append("\nEmpty: open a document, or add some with 'briefing add PATH|DIR'.")
        self.query_one("#library-head", Static).update(head)
        facets = Text("Tags: ", style="dim")
        facets.append("all", style="reverse" if self.tag is None else "")
        for tag, count in self.tags[:12]:
            facets.append("  ")
            facets.append(f"#{tag} ({count})", style="reverse" if tag == self.tag else "")
        self.query_one("#library-facets", Static).update(facets if self.tags else "")

    # ------------------------------------------------------------------ keys and events
    @on(Input.Changed)
    def _typed(self, event: Input.Changed) -> None:
        query = event.value.strip()
        if len(query) >= SEARCH_MIN_CHARS and not query.startswith("#"):
            self.search(query)
        else:
            self.hits = []
        self.show()

    def target(self, option_id: str) -> tuple[int, int | None] | None:
        return self._targets.get(option_id)

    # ------------------------------------------------------------------ remove and undo
    def action_remove(self) -> None:
        """Remove the highlighted document, asking first (its notes are kept; ctrl+z undoes)."""
        from briefing.app.dialogs import Confirm

        target = self.highlighted_target()
        entry = next((e for e in self.entries if target and e.id == target[0]), None)
        if entry is None:
            self.app.bell()
            self.notify("Highlight a document in the list to remove it.", markup=False)
            return
        kept = f" Its {entry.notes} notes are kept." if entry.notes > 1 else ""
        kept = " Its note is kept." if entry.notes == 1 else kept
        question = f"Remove “{entry.title}” from the library?{kept} ctrl+z brings it back."

        def answered(remove: bool | None) -> None:
            if remove:
                self.change(entry.id, remove=True)

        self.app.push_screen(Confirm(question), answered)

    def action_restore(self) -> None:
        if not self.removed:
            self.app.bell()
            self.notify("Nothing removed here to bring back.", markup=False)
            return
        self.change(self.removed.pop(), remove=False)

    @work(thread=True, group="library-change", description="changing the library")
    def change(self, document_id: int, *, remove: bool) -> None:
        from briefing.errors import BriefingError
        from briefing.service.library import Library

        library = Library()
        try:
            done = library.remove([document_id]) if remove else library.restore([document_id])
        except BriefingError as exc:  # a read-only or damaged database: one line, nothing lost
            self.app.call_from_thread(self._warn, f"Not changed: {exc}")
            return
        self.app.call_from_thread(self._changed, document_id, remove, bool(done))

    def _warn(self, message: str) -> None:
        self.notify(message, severity="error", markup=False, timeout=10)

    def _changed(self, document_id: int, removed: bool, done: bool) -> None:
        if done and removed:
            self.removed.append(document_id)
            self.notify("Removed from the library; ctrl+z brings it back.", markup=False)
        elif done:
            self.notify("Back in the library.", markup=False)
        self.hits = []
        self.load()

    def action_sort(self) -> None:
        self.sort = SORTS[(SORTS.index(self.sort) + 1) % len(SORTS)]
        self.show()

    def action_next_tag(self) -> None:
        names = [None, *(t for t, _ in self.tags)]
        self.tag = names[(names.index(self.tag) + 1) % len(names)] if self.tag in names else None
        self.show()

    async def action_close(self) -> None:
        """Back to the document under the library; the library alone: clear the filter, or
        (nothing typed) quit."""
        filter = self.query_one(Input)
        if len(self.app.screen_stack) > 1:
            self.app.pop_screen()
        elif filter.value:
            filter.value = ""
        else:
            await self.app.action_quit()
