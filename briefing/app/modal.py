"""The base of the app's dialogs: a modal screen that closes once, and acts on its keys in the
order they were typed.

Keys that arrive together (a quick enter, enter; enter then escape; or any keys typed while the
app was busy) all go to the screen that was on top when they came, so a dialog can be asked to
close again after it closed. Textual's `dismiss` then pops whatever screen is on top now: the
one under the dialog, or, with none left, it stops the app with an error. A `Modal` closes
once, and only from the top of the stack; after that `dismissed` is true and its actions do
nothing.

Textual hands each key to the focused widget's queue as it arrives. A character is typed when
the widget takes it from there; a priority binding runs when the app receives its key, before
the keys ahead of it in that queue are typed (they were lost from what it saved); an ordinary
binding runs when its key has come back up from the widget, after the keys behind it (they
ended up in what it saved). `in_order` runs an action between the two: after the keys typed
before its own, before those typed after it.
"""

from __future__ import annotations

from collections.abc import Callable
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
        if self._dismissed or not self.is_active:  # closed, or another screen is on top
            return AwaitComplete()  # nothing to wait for
        self._dismissed = True
        return super().dismiss(result)

    def in_order(self, action: Callable[[], None]) -> None:
        """Run `action` (for a priority binding) once the keys typed before this one are in
        the focused widget, and before any typed after it. It must not return the awaitable of
        `dismiss`: the widget would wait for its own removal."""
        (self.focused or self).call_later(action)
