"""The footer, with Quit and Help first so that no width hides them."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Footer

ALWAYS_SHOWN = ("quit", "help")
"""Actions whose keys lead the footer: Textual lists the focused widget's keys first and the
app's last, so at 80 columns `q Quit` and `? Help` were cut off."""


class BriefingFooter(Footer):
    """Textual's footer with the `ALWAYS_SHOWN` keys moved to the front."""

    def compose(self) -> ComposeResult:
        keys = list(super().compose())
        first = [key for key in keys if getattr(key, "action", None) in ALWAYS_SHOWN]
        first.sort(key=lambda key: ALWAYS_SHOWN.index(getattr(key, "action", "")))
        yield from first
        yield from (key for key in keys if key not in first)
