"""An entity's card: who or what it is, where the text mentions it, what it said, and who
appears with it. Choosing a mention closes the card and returns its offset, for the reader to
jump there."""

from __future__ import annotations

import bisect
import re
from collections import Counter
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from briefing.app.modal import Modal
from briefing.app.other_briefings import OtherBriefings
from briefing.model import Entity, Reading

SNIPPET_CHARS = 110
_SPACES = re.compile(r"\s+")
CO_MENTIONED = 6


def _snippet(text: str, limit: int = SNIPPET_CHARS) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _flat(text: str) -> str:
    return _SPACES.sub(" ", text)


def mention_excerpt(
    text: str, around: tuple[int, int], mention: tuple[int, int], limit: int = SNIPPET_CHARS
) -> tuple[str, int, int]:
    """The passage `around` (a sentence) cut to about `limit` characters around `mention`,
    never through it: (excerpt, where the mention starts and ends in it) for marking it."""
    start, end = min(around[0], mention[0]), max(around[1], mention[1])
    before = _flat(text[start : mention[0]]).lstrip()
    named = _flat(text[mention[0] : mention[1]])
    after = _flat(text[mention[1] : end]).rstrip()
    room = max(0, limit - len(named))
    keep_after = min(len(after), max(room // 2, room - len(before)))
    keep_before = min(len(before), room - keep_after)
    if keep_before < len(before):
        cut = before[len(before) - keep_before :]
        space = cut.find(" ")
        before = "…" + (cut[space + 1 :] if 0 <= space < len(cut) - 1 else cut)
    if keep_after < len(after):
        cut = after[:keep_after]
        space = cut.rfind(" ")
        after = (cut[:space] if space > 0 else cut).rstrip() + "…"
    return before + named + after, len(before), len(before) + len(named)


def co_mentioned(reading: Reading, entity: Entity, limit: int = CO_MENTIONED) -> list[Entity]:
    """Entities most often mentioned in the same paragraphs as `entity`."""
    paragraphs = {m.paragraph for m in entity.mentions}
    counts: Counter[str] = Counter()
    for other in reading.entities:
        if other.id != entity.id:
            counts[other.id] = sum(1 for m in other.mentions if m.paragraph in paragraphs)
    by_id = {e.id: e for e in reading.entities}
    return [by_id[i] for i, n in counts.most_common(limit) if n > 0]


class EntityCard(Modal[int | None]):
    """The card of one entity; enter on a mention returns its offset, escape returns None."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q", "close", "Close card", id="card.close"),
    ]

    def __init__(self, reading: Reading, entity: Entity) -> None:
        super().__init__()
        self._reading = reading
        self._entity = entity

    def compose(self) -> ComposeResult:
        reading, entity = self._reading, self._entity
        text = reading.document.text
        head = Text()
        head.append(entity.name, style="bold")
        head.append(f"  {entity.type.value}", style="dim")
        if entity.role:
            head.append(f"\n{entity.role}", style="italic")
        if entity.aliases:
            head.append("\nAlso: " + ", ".join(entity.aliases), style="dim")
        count = len(entity.mentions)
        head.append(f"\n{count} mention{'s' if count != 1 else ''}", style="dim")
        sentence_starts = [s.start for s in reading.sentences]
        options = []
        for mention in entity.mentions:
            i = bisect.bisect_right(sentence_starts, mention.start) - 1
            if 0 <= i < len(reading.sentences):
                sentence = reading.sentences[i]
                around = (sentence.start, sentence.end)
            else:
                around = (mention.start, mention.end)
            excerpt, named_start, named_end = mention_excerpt(
                text, around, (mention.start, mention.end)
            )
            section = reading.section_of(mention.paragraph)
            prompt = Text(f"§{section + 1 if section is not None else '?'} ", style="dim")
            shift = len(prompt)
            prompt.append(excerpt)
            prompt.stylize("bold", shift + named_start, shift + named_end)
            options.append(Option(prompt, id=f"at-{mention.start}"))
        said = Text()
        for quote in reading.quotes:
            if quote.speaker == entity.id:
                said.append("• " + _snippet(text[quote.start : quote.end], 200) + "\n")
        with_ = co_mentioned(reading, entity)
        with Vertical(classes="dialog card"):
            yield Static(head, classes="card-head")
            yield Static(Text("Mentions (enter: go there)", style="bold"), classes="card-label")
            yield OptionList(*options, id="card-mentions", markup=False)
            if said:
                yield Static(Text("Said", style="bold"), classes="card-label")
                yield Static(said, classes="card-quotes")
            if with_:
                yield Static(Text("Mentioned with", style="bold"), classes="card-label")
                yield Static(Text(", ".join(e.name for e in with_)), classes="card-with")
            yield OtherBriefings(entity, reading.document)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        option_id = event.option.id or ""
        self.dismiss(int(option_id.removeprefix("at-")) if option_id.startswith("at-") else None)

    def action_close(self) -> None:
        self.dismiss(None)
