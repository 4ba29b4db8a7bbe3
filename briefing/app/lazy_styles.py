"""Component styles resolved when a widget first asks for them, not whenever its styles change.

Textual resolves every class in `COMPONENT_CLASSES` each time it applies styles to a widget:
one throw-away DOM node and one stylesheet match per class. The reader has 25 (entity types,
highlight colours, search hits …) and is styled four times before its first frame (mount,
screen resume, focus …), which made those look-ups a fifth of the app's start-up. Most of them
are not needed for a first screen of plain text, and none of them is needed before a line is
rendered.

`LazyComponentStyles` resolves a component class the same way Textual does (a virtual node
under the widget, the app's stylesheet applied to it), but only on the first
`get_component_styles` call after the widget's own styles last changed. Subclasses list their
classes (their bases' included) in `LAZY_COMPONENT_CLASSES`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual.dom import DOMNode

if TYPE_CHECKING:
    from textual.css.styles import RenderStyles
    from textual.widget import Widget

    _Base = Widget
else:
    _Base = object  # a mixin: Textual follows a widget's first DOM base for its CSS type names


class LazyComponentStyles(_Base):
    """Mixin for a widget whose component classes are resolved on demand (see the module);
    list it first: `class Reader(LazyComponentStyles, ScrollView)`."""

    LAZY_COMPONENT_CLASSES: ClassVar[frozenset[str]] = frozenset()
    """The widget's component classes (its bases' too: an option list lists OptionList's)."""

    @classmethod
    def _get_component_classes(cls) -> frozenset[str]:  # type: ignore[override]
        return frozenset()  # none for Textual to resolve on every restyle: see below

    def get_component_styles(self, *names: str) -> RenderStyles:
        resolved = self._component_styles
        for name in names:
            if name not in resolved and name in self.LAZY_COMPONENT_CLASSES:
                virtual = DOMNode(classes=name)
                virtual._attach(self)
                self.app.stylesheet.apply(virtual, animate=False)
                resolved[name] = virtual.styles
        return super().get_component_styles(*names)

    def notify_style_update(self) -> None:
        # The widget's styles were (re)applied: its components may have changed with them
        # (a theme, a pseudo-class such as :focus). Resolve them again when next used.
        had_components = bool(self._component_styles)
        self._component_styles.clear()
        super().notify_style_update()
        if had_components:
            self.refresh()
