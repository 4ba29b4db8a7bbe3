"""The base of the app's dialogs: a modal screen that closes once.

Keys that arrive together (a quick enter, enter; enter then escape; or any keys typed while the
app was busy) all go to the screen that was on top when they came, so a dialog can be asked to
close again after it closed. Textual's `dismiss` then pops whatever screen is on top now: the
one under the dialog, or, with none left, it stops the app with an error. A `Modal` closes
once; after that `dismissed` is true and its actions do nothing.
"""

from __future__ import annotations

from typing import TypeVar

from textual.await_complete import AwaitComplete
from textual.screen import ModalScreen

ResultType = TypeVar("ResultType")


class Modal(ModalScreen[ResultType]):
    _dismissed = False

    @property
    def dismissed(self) -> bool:
        """Dismissed already: what is still queued for it must not act."""
        return self._dismissed

    def dismiss(self, result: ResultType | None = None) -> AwaitComplete:
        if self._dismissed:
            return AwaitComplete()  # nothing to wait for
        self._dismissed = True
        return super().dismiss(result)
