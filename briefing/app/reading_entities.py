"""The reading screen's entities: the sidebar, the chosen entity's mentions, its card (a part
of `ReadingScreen`, which holds the keys)."""

from __future__ import annotations

import asyncio
import bisect
from typing import TYPE_CHECKING

from textual.widget import Widget

from briefing.app.entity_placeholder import EntityPlaceholder
from briefing.app.reader.view import ReaderView
from briefing.model import Entity, Reading

if TYPE_CHECKING:
    from textual.screen import Screen

    from briefing.app.entity_sidebar import EntitySidebar

    _Base = Screen[None]
else:
    _Base = object  # a mixin of `ReadingScreen`


SIDEBAR_ID = "entities"


class EntityActions(_Base):
    """Entities for `ReadingScreen`."""

    reading: Reading
    analysed: asyncio.Event
    _entity: Entity | None
    _entities_this_section: bool
    _notes_shown: bool

    if TYPE_CHECKING:  # the screen's

        def current_section(self) -> int: ...

    def _entity_sidebar(self) -> EntitySidebar:
        """The entity list, put in the placeholder's place the first time it is needed."""
        from briefing.app.entity_sidebar import EntitySidebar  # once analysis has results

        found = self.query(EntitySidebar)
        if found:
            return found.first()
        placeholder = self.query_one(EntityPlaceholder)
        sidebar = EntitySidebar(id=SIDEBAR_ID, classes="entities-pane")
        sidebar.display = placeholder.display
        placeholder.remove()
        self.mount(sidebar, after=self.query_one(ReaderView))
        return sidebar

    def _refresh_entities(self) -> None:
        if self.analysed.is_set():
            scope = self.current_section() if self._entities_this_section else None
            self._entity_sidebar().show_entities(
                self.reading.entities, self.reading.sections, scope
            )

    def action_toggle_entity_scope(self) -> None:
        self._entities_this_section = not self._entities_this_section
        self._refresh_entities()

    def _entities_pane(self) -> Widget:
        """The entity list, or its placeholder while analysis runs."""
        # By id: the sidebar's module is imported when analysis fills it.
        for widget in self.query(f"#{SIDEBAR_ID}"):
            return widget
        return self.query_one(EntityPlaceholder)

    def on_entity_sidebar_chosen(self, event: EntitySidebar.Chosen) -> None:
        entity = next((e for e in self.reading.entities if e.id == event.entity_id), None)
        if entity is not None:
            self.open_card(entity)

    def choose_entity(self, entity: Entity) -> None:
        self._entity = entity
        self.query_one(ReaderView).set_focus_mentions([(m.start, m.end) for m in entity.mentions])

    def open_card(self, entity: Entity) -> None:
        """Mark the entity's mentions and show its card; a mention chosen there is shown."""
        from briefing.app.entity_card import EntityCard

        self.choose_entity(entity)

        def done(offset: int | None) -> None:
            if offset is not None:
                self.query_one(ReaderView).scroll_to_offset(offset)
                self.query_one(ReaderView).focus()

        self.app.push_screen(EntityCard(self.reading, entity), done)

    def _step_mention(self, direction: int) -> None:
        if self._entity is None or not self._entity.mentions:
            if self._entities_pane().display and not self._notes_shown:
                how = "tab to the entity sidebar, choose one and press enter"
            else:
                how = "press e to show the entity sidebar, then tab to it and press enter"
            self.notify(f"No entity chosen: {how}.", markup=False)
            return
        reader = self.query_one(ReaderView)
        top = reader.top_offset() or 0
        starts = [m.start for m in self._entity.mentions]
        # The mention shown a few lines below the top counts as "here".
        here = (
            bisect.bisect_right(starts, top + 1)
            if direction > 0
            else bisect.bisect_left(starts, top)
        )
        index = here if direction > 0 else here - 1
        if not 0 <= index < len(starts):
            self.app.bell()
            return
        reader.scroll_to_offset(starts[index])

    def action_next_mention(self) -> None:
        self._step_mention(1)

    def action_previous_mention(self) -> None:
        self._step_mention(-1)

    def action_entity_card(self) -> None:
        """The card of the first entity mentioned from the top of the view on."""
        reader = self.query_one(ReaderView)
        top = reader.top_offset() or 0
        best: tuple[int, Entity] | None = None
        for entity in self.reading.entities:
            for mention in entity.mentions:
                if mention.start >= top and (best is None or mention.start < best[0]):
                    best = (mention.start, entity)
        if best is None:
            self.app.bell()
            return
        self.open_card(best[1])
