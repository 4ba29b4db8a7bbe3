"""The entity sidebar: the people, organisations and places of the briefing."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Label, OptionList
from textual.widgets.option_list import Option

from briefing.model import Entity, EntityType

TYPE_LABELS = {
    EntityType.PERSON: "People",
    EntityType.ORGANIZATION: "Organisations",
    EntityType.PLACE: "Places",
    EntityType.EVENT: "Events & agreements",
    EntityType.OTHER: "Other",
}


class EntitySidebar(Vertical):
    """Entities grouped by type, most mentioned first."""

    def compose(self) -> ComposeResult:
        yield Label("Who's who", classes="pane-title")
        yield OptionList(id="entity-list", markup=False)

    def show_entities(self, entities: tuple[Entity, ...]) -> None:
        options = self.query_one("#entity-list", OptionList)
        options.clear_options()
        if not entities:
            options.add_option(
                Option(Text("No entities found yet.", style="italic"), disabled=True)
            )
            return
        for kind, label in TYPE_LABELS.items():
            group = sorted(
                (e for e in entities if e.type == kind),
                key=lambda e: (-len(e.mentions), e.mentions[0].start if e.mentions else 0),
            )
            if not group:
                continue
            options.add_option(Option(Text(label, style="bold"), disabled=True))
            for entity in group:
                prompt = Text(f" {entity.name}")
                prompt.append(f"  {len(entity.mentions)}", style="dim")
                options.add_option(Option(prompt, id=f"entity-{entity.id}"))
