"""The reader's corrections to the automatic sections, as a plan of section starts and titles.

A `SectionPlan` is what the user made of the split: where each section starts and which titles
they wrote. Operations (rename, split, merge, and the coarser or finer split of `-` and `+`)
are pure functions from plan to plan; the store keeps the plan per document; `apply_plan`
turns it back into `Section`s, describing any section the user created with the same titler
and gist finder as the automatic ones.
"""

from __future__ import annotations

import bisect
import itertools
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from briefing.model import Document, Section, Span, TitleSource

PLAN_FORMAT = 1

Describe = Callable[[Document, int, int, set[str]], tuple[str, Span | None]]
"""(document, first paragraph, last paragraph, titles taken) -> (automatic title, gist)."""


class CorrectionError(ValueError):
    """An operation that does not fit the sections (e.g. splitting at a section's start)."""


@dataclass(frozen=True)
class SectionPlan:
    starts: tuple[int, ...]
    """First paragraph of each section, increasing, the first one 0."""
    titles: tuple[str | None, ...]
    """The user's title for each section, or None for the automatic one."""
    split_by_user: frozenset[int] = frozenset()
    """The starts the user made with a split: a coarser split (`coarser`) keeps them."""

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "format": PLAN_FORMAT,
            "starts": list(self.starts),
            "titles": list(self.titles),
        }
        if self.split_by_user:
            data["split_by_user"] = sorted(self.split_by_user)
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any], paragraph_count: int) -> SectionPlan | None:
        """A stored plan, or None when it does not fit this document (then it is ignored)."""
        try:
            starts = tuple(int(s) for s in data["starts"])
            titles = tuple(None if t is None else str(t) for t in data["titles"])
            by_user = frozenset(int(s) for s in data.get("split_by_user", ()))
        except (KeyError, TypeError, ValueError):
            return None
        valid = (
            data.get("format") == PLAN_FORMAT
            and starts
            and starts[0] == 0
            and len(titles) == len(starts)
            and all(a < b for a, b in itertools.pairwise(starts))
            and starts[-1] < paragraph_count
        )
        return cls(starts, titles, by_user & frozenset(starts)) if valid else None


def plan_of(sections: Sequence[Section]) -> SectionPlan:
    """The plan of `sections` as they stand (an automatic split: no title, no split the
    user's)."""
    return SectionPlan(
        tuple(s.start_paragraph for s in sections),
        tuple(s.title if s.title_source == TitleSource.USER else None for s in sections),
    )


def rename(plan: SectionPlan, index: int, title: str) -> SectionPlan:
    """Give section `index` the user's title; an empty title brings back the automatic one."""
    _check(plan, index)
    cleaned = " ".join(title.split()) or None
    titles = list(plan.titles)
    titles[index] = cleaned
    return SectionPlan(plan.starts, tuple(titles), plan.split_by_user)


def split(plan: SectionPlan, index: int, paragraph: int, paragraph_count: int) -> SectionPlan:
    """Start a new section at `paragraph`, inside section `index` (not at its first paragraph)."""
    _check(plan, index)
    end = plan.starts[index + 1] - 1 if index + 1 < len(plan.starts) else paragraph_count - 1
    if not plan.starts[index] < paragraph <= end:
        raise CorrectionError("a section can only be split after its first paragraph")
    return _split_at(plan, index, paragraph, by_user=True)


def _split_at(plan: SectionPlan, index: int, paragraph: int, by_user: bool) -> SectionPlan:
    starts = (*plan.starts[: index + 1], paragraph, *plan.starts[index + 1 :])
    titles = (*plan.titles[: index + 1], None, *plan.titles[index + 1 :])
    split_by_user = plan.split_by_user | {paragraph} if by_user else plan.split_by_user
    return SectionPlan(starts, titles, split_by_user)


def merge_with_next(plan: SectionPlan, index: int) -> SectionPlan:
    """Join section `index` and the one after it, keeping the first one's title; if only the
    second one's title was written by the reader, that one (a title someone wrote is never
    dropped for an automatic one)."""
    _check(plan, index)
    if index + 1 >= len(plan.starts):
        raise CorrectionError("the last section has no next section to merge with")
    starts = plan.starts[: index + 1] + plan.starts[index + 2 :]
    kept = plan.titles[index] if plan.titles[index] is not None else plan.titles[index + 1]
    titles = (*plan.titles[:index], kept, *plan.titles[index + 2 :])
    return SectionPlan(starts, titles, plan.split_by_user - {plan.starts[index + 1]})


def coarser(plan: SectionPlan, ranking: Sequence[int]) -> SectionPlan:
    """Merge the weakest boundary of `ranking` (paragraphs, strongest boundary first; see
    `granularity.boundary_ranking`) the plan has, but never one the user split at nor the
    start of a section the user titled: their own corrections stay."""
    rank = {paragraph: k for k, paragraph in enumerate(ranking)}
    mergeable = [
        i
        for i in range(1, len(plan.starts))
        if plan.starts[i] in rank
        and plan.starts[i] not in plan.split_by_user
        and plan.titles[i] is None
    ]
    if not mergeable:
        raise CorrectionError("no boundary left to merge")
    weakest = max(mergeable, key=lambda i: rank[plan.starts[i]])
    return merge_with_next(plan, weakest - 1)


def finer(plan: SectionPlan, ranking: Sequence[int], paragraph_count: int) -> SectionPlan:
    """Start a section at the strongest boundary of `ranking` the plan lacks (the one `coarser`
    merged last, if any); the section it cuts keeps its title on its first part."""
    present = set(plan.starts)
    for paragraph in ranking:
        if paragraph not in present and 0 < paragraph < paragraph_count:
            index = bisect.bisect_right(plan.starts, paragraph) - 1
            return _split_at(plan, index, paragraph, by_user=False)
    raise CorrectionError("no finer split to restore")


def apply_plan(
    document: Document,
    plan: SectionPlan,
    automatic: Sequence[Section],
    describe: Describe,
) -> tuple[Section, ...]:
    """Sections as the plan says; spans the automatic split also has keep its title and gist."""
    by_span = {(s.start_paragraph, s.end_paragraph): s for s in automatic}
    count = len(document.paragraphs)
    spans = [
        (start, plan.starts[i + 1] - 1 if i + 1 < len(plan.starts) else count - 1)
        for i, start in enumerate(plan.starts)
    ]
    taken = {t for t in plan.titles if t is not None}
    taken |= {by_span[span].title for span in spans if span in by_span}
    sections: list[Section] = []
    for i, (start, end) in enumerate(spans):
        known = by_span.get((start, end))
        if known is not None:
            title, gist, source = known.title, known.gist, known.title_source
        else:
            title, gist = describe(document, start, end, taken)
            taken.add(title)
            source = TitleSource.AUTO
        user_title = plan.titles[i]
        if user_title is not None:
            title, source = user_title, TitleSource.USER
        sections.append(Section(i, title, start, end, source, gist))
    return tuple(sections)


def _check(plan: SectionPlan, index: int) -> None:
    if not 0 <= index < len(plan.starts):
        raise CorrectionError(f"there is no section {index + 1}")
