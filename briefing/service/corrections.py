"""The reader's corrections to one document's sections, between the screen and the store.

Holds the automatic reading, the user's plan and the store; each edit returns the corrected
reading to show, with no SQL (the app shows it at once), and `save` keeps the plan (the app
calls it on its writer thread). Imported by the screen on first use, so neither the store nor
the analysis modules weigh on start-up.
"""

from __future__ import annotations

from dataclasses import dataclass

from briefing.analysis import Progress
from briefing.analysis.corrections import (
    CorrectionError,
    SectionPlan,
    coarser,
    finer,
    merge_with_next,
    plan_of,
    rename,
    split,
)
from briefing.model import Document, Reading
from briefing.pipeline import automatic_reading, with_plan
from briefing.store.database import Store, StoreError

__all__ = ["UNFIT", "CorrectionError", "Edit", "SectionEditor"]

UNFIT = (
    "your section corrections were made on another version of this text and do not fit it; "
    "they are kept: R drops them, then the sections can be corrected again"
)


@dataclass(frozen=True)
class Edit:
    """The reading after an edit or a load, and why the plan could not be read (None when it
    was); `plan` is what `SectionEditor.save` keeps."""

    reading: Reading
    not_read: str | None = None
    plan: SectionPlan | None = None


class SectionEditor:
    def __init__(self, document: Document, store: Store | None = None) -> None:
        self.document = document
        self.store = store or Store.default()
        self.automatic: Reading | None = None
        self.plan: SectionPlan | None = None
        self._ranking: list[int] | None = None
        self.unfit = False
        """A plan is stored that does not fit this text (made on another version of it): it is
        kept, not applied, and no correction may replace it until a reset drops it."""

    def load(self, progress: Progress | None = None, automatic: Reading | None = None) -> Edit:
        """Analyse (or take from the cache) and apply the stored plan. Runs in a worker.
        `automatic`: the automatic reading, already made (tests give a frozen one)."""
        self.automatic = automatic or automatic_reading(self.document, progress)
        try:
            data = self.store.section_plan(self.document)
        except StoreError as exc:
            return Edit(self.automatic, str(exc))
        self.plan = SectionPlan.from_dict(data, len(self.document.paragraphs)) if data else None
        self.unfit = bool(data) and self.plan is None
        return Edit(with_plan(self.automatic, self.plan))

    @property
    def ready(self) -> bool:
        return self.automatic is not None

    def _current_plan(self) -> SectionPlan:
        assert self.automatic is not None, "load() first"
        if self.unfit:
            raise CorrectionError(UNFIT)
        return self.plan or plan_of(self.automatic.sections)

    def _apply(self, plan: SectionPlan | None) -> Edit:
        """The reading with the new plan, to show now; `save(edit.plan)` keeps it."""
        assert self.automatic is not None
        self.plan = plan
        self.unfit = False
        return Edit(with_plan(self.automatic, plan), plan=plan)

    def save(self, plan: SectionPlan | None) -> None:
        """Keep `plan` (None: the automatic sections) as the document's corrections; raises
        `StoreError` when it cannot. Touches SQLite: the app calls it off the event loop."""
        self.store.save_section_plan(self.document, plan.to_dict() if plan else None)

    def rename(self, index: int, title: str) -> Edit:
        return self._apply(rename(self._current_plan(), index, title))

    def split(self, index: int, paragraph: int) -> Edit:
        """Raises `CorrectionError` when `paragraph` does not fall inside section `index`."""
        plan = split(self._current_plan(), index, paragraph, len(self.document.paragraphs))
        return self._apply(plan)

    def merge_with_next(self, index: int) -> Edit:
        """Raises `CorrectionError` for the last section."""
        return self._apply(merge_with_next(self._current_plan(), index))

    def _boundary_ranking(self) -> list[int]:
        """The automatic split's boundaries and finer ones, strongest first (computed once)."""
        if self._ranking is None:
            from briefing.analysis.granularity import boundary_ranking
            from briefing.analysis.sections import paragraph_texts

            assert self.automatic is not None
            starts = [s.start_paragraph for s in self.automatic.sections]
            self._ranking = boundary_ranking(paragraph_texts(self.document), starts)
        return self._ranking

    def coarser(self) -> Edit:
        """Merge the weakest boundary (not the user's); raises `CorrectionError` when none is
        left."""
        plan = self._current_plan()
        return self._apply(coarser(plan, self._boundary_ranking()))

    def finer(self) -> Edit:
        """Restore the next strongest boundary; raises `CorrectionError` when none is left."""
        plan = self._current_plan()
        count = len(self.document.paragraphs)
        return self._apply(finer(plan, self._boundary_ranking(), count))

    def reset(self) -> Edit:
        return self._apply(None)
