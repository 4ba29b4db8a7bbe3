"""What stands in the entity sidebar's place until analysis has found the entities.

Its own module: the sidebar (an option list, its messages and helpers) is imported when the
analysis result arrives, not before the first frame.
"""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static


class EntityPlaceholder(Static):
    """Stands where the sidebar goes until analysis has found entities: a Static paints far
    less than a list in the first frame, which is when a reader waits."""

    def on_mount(self) -> None:
        text = Text("Who's who\n", style="bold")
        text.append("Analysing…", style="italic")
        self.update(text)
