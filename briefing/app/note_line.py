"""One line under the reader with the note of the annotation at the selection, so the note
text is never more than one key (`a`) away and usually zero."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from briefing.model import Annotation


class NoteLine(Static):
    def show_annotation(self, annotation: Annotation | None) -> None:
        if annotation is None or not (annotation.note or annotation.tags):
            self.set_class(False, "-shown")
            return
        line = Text()
        if annotation.note:
            line.append("✎ ", style="bold")
            line.append(" ".join(annotation.note.split()))
        if annotation.tags:
            gap = "  " if annotation.note else ""
            line.append(gap + " ".join(f"#{tag}" for tag in annotation.tags), style="italic")
        line.append("  (a: edit)", style="dim")
        line.truncate(max(10, self.size.width or 200), overflow="ellipsis")
        self.update(line)
        self.set_class(True, "-shown")
