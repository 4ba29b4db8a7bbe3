"""The entity sidebar: the people, organisations and places of the briefing.

Entities are grouped by type, most mentioned first, each with its mention count and a strip
with one mark per section (■ where it is mentioned), so where someone matters shows at a glance.
Choosing one posts `EntitySidebar.Chosen`; the screen highlights its mentions and opens its
card. Prompts are `Text`, never markup.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from typing import ClassVar

from rich.text import Text
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from briefing.app.lazy_styles import LazyComponentStyles
from briefing.model import Entity, EntityType, Section

TYPE_LABELS = {
    EntityType.PERSON: "People",
    EntityType.ORGANIZATION: "Organisations",
    EntityType.PLACE: "Places",
    EntityType.EVENT: "Events & agreements",
    EntityType.OTHER: "Other",
}
STRIP_MAX = 16
"""Most sections a strip shows one mark each for; longer briefings are binned."""


def section_strip(entity: Entity, sections: Sequence[Section]) -> str:
    """One mark per section (or per bin of sections): ■ where the entity is mentioned."""
    if not sections:
        return ""
    starts = [s.start_paragraph for s in sections]
    present = {max(0, bisect.bisect_right(starts, m.paragraph) - 1) for m in entity.mentions}
    bins = min(len(sections), STRIP_MAX)
    marks = []
    for b in range(bins):
        first = b * len(sections) // bins
        last = (b + 1) * len(sections) // bins
        marks.append("■" if any(i in present for i in range(first, last)) else "·")
    return "".join(marks)


def ranked(entities: Sequence[Entity], kind: EntityType) -> list[Entity]:
    """Entities of one type, most mentioned first, then by first appearance."""
    return sorted(
        (e for e in entities if e.type == kind),
        key=lambda e: (-len(e.mentions), e.mentions[0].start if e.mentions else 0),
    )


class EntitySidebar(LazyComponentStyles, OptionList):
    """Lists entities; posts `EntitySidebar.Chosen` when one is picked (enter or click)."""

    LAZY_COMPONENT_CLASSES: ClassVar[frozenset[str]] = frozenset(OptionList.COMPONENT_CLASSES)

    class Chosen(Message):
        def __init__(self, sidebar: EntitySidebar, entity_id: str) -> None:
            super().__init__()
            self.sidebar = sidebar
            self.entity_id = entity_id

        @property
        def control(self) -> EntitySidebar:
            return self.sidebar

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes, markup=False)
        self._shown: tuple[tuple[Entity, ...], tuple[Section, ...], int | None] | None = None

    def show_entities(
        self,
        entities: tuple[Entity, ...],
        sections: tuple[Section, ...],
        section: int | None = None,
    ) -> None:
        """List `entities`; with `section`, only those mentioned in that section."""
        if self._shown == (entities, sections, section):
            return
        self._shown = (entities, sections, section)
        heading = Text("Who's who", style="bold")
        if section is not None and 0 <= section < len(sections):
            span = sections[section]
            entities = tuple(e for e in entities if any(m.paragraph in span for m in e.mentions))
            heading.append(f" · section {section + 1}", style="dim")
        else:
            heading.append(" · whole briefing", style="dim")
        options: list[Option] = [Option(heading, disabled=True)]
        if not entities:
            options.append(Option(Text("No entities found.", style="italic"), disabled=True))
        for kind, label in TYPE_LABELS.items():
            group = ranked(entities, kind)
            if not group:
                continue
            options.append(Option(Text(label, style="bold"), disabled=True))
            for entity in group:
                prompt = Text(entity.name, no_wrap=True, overflow="ellipsis")
                prompt.append(f" {len(entity.mentions)}", style="dim")
                strip = section_strip(entity, sections)
                if len(sections) > 1:
                    prompt.append(f"\n{strip}", style="dim")
                options.append(Option(prompt, id=f"entity-{entity.id}"))
        self.clear_options()
        self.add_options(options)

    def _on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        option_id = event.option.id
        if option_id and option_id.startswith("entity-"):
            self.post_message(self.Chosen(self, option_id.removeprefix("entity-")))
