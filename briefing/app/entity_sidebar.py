"""The entity sidebar: the people, organisations and places of the briefing."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from briefing.model import Entity, EntityType

TYPE_LABELS = {
    EntityType.PERSON: "People",
    EntityType.ORGANIZATION: "Organisations",
    EntityType.PLACE: "Places",
    EntityType.EVENT: "Events & agreements",
    EntityType.OTHER: "Other",
}


class EntitySidebar(Static, can_focus=True):
    """Entities grouped by type, most mentioned first. Plain text, never markup."""

    _shown: Text | None = None

    def on_mount(self) -> None:
        self.show_entities((), analysed=False)

    def show_entities(self, entities: tuple[Entity, ...], analysed: bool = True) -> None:
        body = Text()
        body.append("Who's who\n", style="bold")
        if not entities:
            body.append("No entities found." if analysed else "Analysing…", style="italic")
        for kind, label in TYPE_LABELS.items():
            group = sorted(
                (e for e in entities if e.type == kind),
                key=lambda e: (-len(e.mentions), e.mentions[0].start if e.mentions else 0),
            )
            if not group:
                continue
            body.append(f"{label}\n", style="bold")
            for entity in group:
                body.append(f" {entity.name}")
                body.append(f"  {len(entity.mentions)}\n", style="dim")
        if body != self._shown:
            self._shown = body
            self.update(body)
