"""Fewer and more sections (`-`, `+`): the boundary ranking, the plan operations, the keys."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from briefing.analysis import analyze
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
from briefing.analysis.granularity import boundary_ranking
from briefing.analysis.sections import paragraph_texts
from briefing.app import BriefingApp
from briefing.app.section_list import SectionList
from briefing.ingest import document_from_text
from briefing.model import TitleSource
from tests.test_app import ready
from tests.test_sections import TOPICS, article


def starts_of(plan: SectionPlan) -> list[int]:
    return list(plan.starts)


# ---------------------------------------------------------------- ranking
def test_the_ranking_puts_the_automatic_boundaries_first() -> None:
    document = article("harbour", "budget", "school")
    reading = analyze(document)
    automatic = [s.start_paragraph for s in reading.sections]
    assert automatic == [0, 4, 8]
    ranking = boundary_ranking(paragraph_texts(document), automatic)
    assert sorted(ranking[:2]) == [4, 8]
    assert len(set(ranking)) == len(ranking)  # each boundary once
    assert all(0 < p < len(document.paragraphs) for p in ranking)


def test_the_ranking_never_offers_a_paragraph_that_refers_back() -> None:
    blocks = [
        *TOPICS["harbour"],
        "However, the harbour master disagreed with the port.",
        *TOPICS["budget"],
    ]
    ranking = boundary_ranking(blocks, [0])
    assert 4 not in ranking


def test_a_one_paragraph_text_has_no_boundary_to_offer() -> None:
    assert boundary_ranking(["Just one paragraph here."], [0]) == []


# ---------------------------------------------------------------- plan operations
def test_coarser_merges_the_weakest_and_finer_restores_it() -> None:
    plan = SectionPlan((0, 4, 8), (None, None, None))
    ranking = [8, 4, 2]  # 8 strongest, 4 weaker, then a finer one at 2
    fewer = coarser(plan, ranking)
    assert starts_of(fewer) == [0, 8]
    assert starts_of(finer(fewer, ranking, 12)) == [0, 4, 8]
    assert starts_of(finer(plan, ranking, 12)) == [0, 2, 4, 8]
    one = coarser(fewer, ranking)
    assert starts_of(one) == [0]
    with pytest.raises(CorrectionError):
        coarser(one, ranking)


def test_coarser_keeps_the_users_titles_and_splits() -> None:
    plan = SectionPlan((0, 4, 8), (None, None, None))
    ranking = [8, 4]
    titled = rename(plan, 2, "School run")
    assert starts_of(coarser(titled, ranking)) == [0, 8]  # 4 goes, the titled 8 stays
    assert coarser(titled, ranking).titles == (None, "School run")
    with pytest.raises(CorrectionError):  # only the titled section's start is left
        coarser(coarser(titled, ranking), ranking)
    mine = split(plan, 0, 2, 12)
    assert mine.split_by_user == {2}
    assert starts_of(coarser(coarser(mine, [8, 4, 2]), [8, 4, 2])) == [0, 2]
    assert merge_with_next(mine, 0).split_by_user == frozenset()


def test_finer_keeps_the_title_on_the_first_part() -> None:
    plan = rename(SectionPlan((0, 8), (None, None)), 0, "Harbour and budget")
    finer_plan = finer(plan, [8, 4], 12)
    assert starts_of(finer_plan) == [0, 4, 8]
    assert finer_plan.titles == ("Harbour and budget", None, None)
    with pytest.raises(CorrectionError):
        finer(finer_plan, [8, 4], 12)


def test_user_splits_survive_the_store_format() -> None:
    plan = split(SectionPlan((0, 8), (None, None)), 0, 3, 12)
    data = json.loads(json.dumps(plan.to_dict()))
    assert SectionPlan.from_dict(data, 12) == plan
    old = {"format": 1, "starts": [0, 8], "titles": [None, "X"]}
    assert SectionPlan.from_dict(old, 12) == SectionPlan((0, 8), (None, "X"))


# ---------------------------------------------------------------- the keys
THREE = "\n\n".join([*TOPICS["harbour"], *TOPICS["budget"], *TOPICS["school"]])


async def test_minus_and_plus_in_the_section_list_persist_and_keep_renames() -> None:
    app = BriefingApp(document_from_text(THREE, "text", "three.txt"))
    async with app.run_test(size=(120, 30)) as pilot:
        screen = await ready(app, pilot)
        assert [s.start_paragraph for s in screen.sections] == [0, 4, 8]
        await pilot.press("r")
        await pilot.pause()
        await pilot.press("ctrl+u", *"Port traffic", "enter")
        await pilot.pause()
        screen.query_one(SectionList).focus()
        await pilot.pause()

        await pilot.press("minus")
        await pilot.pause()
        fewer = [s.start_paragraph for s in screen.sections]
        assert len(fewer) == 2
        assert screen.sections[0].title == "Port traffic"
        await pilot.press("minus")
        await pilot.pause()
        assert [s.start_paragraph for s in screen.sections] == [0]
        assert screen.sections[0].title == "Port traffic"
        await pilot.press("minus")  # nothing left to merge: a bell and a word, no change
        await pilot.pause()
        assert [s.start_paragraph for s in screen.sections] == [0]

        await pilot.press("plus")
        await pilot.pause()
        assert [s.start_paragraph for s in screen.sections] == fewer
        await pilot.press("plus")
        await pilot.pause()
        assert [s.start_paragraph for s in screen.sections] == [0, 4, 8]
        assert screen.sections[0].title_source == TitleSource.USER
        await pilot.press("minus")
        await pilot.pause()

    # kept for the document: a new app, and `briefing analyze`'s reading, show the choice
    app = BriefingApp(document_from_text(THREE, "text", "three.txt"))
    async with app.run_test(size=(120, 30)) as pilot:
        screen = await ready(app, pilot)
        assert [s.start_paragraph for s in screen.sections] == fewer
        assert screen.sections[0].title == "Port traffic"


async def test_the_palette_offers_fewer_and_more_sections() -> None:
    app = BriefingApp(document_from_text(THREE, "text", "three.txt"))
    async with app.run_test(size=(120, 30)) as pilot:
        screen = await ready(app, pilot)
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"fewer sections")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        await app.workers.wait_for_complete()
        assert len(screen.sections) == 2


def test_analyze_reports_the_kept_choice(tmp_path: Path) -> None:
    from briefing.pipeline import read_document
    from briefing.store.database import Store

    store = Store(tmp_path / "db.sqlite3")
    document = document_from_text(THREE, "text", "three.txt")
    reading = read_document(document, store=store)
    texts = paragraph_texts(document)
    ranking = boundary_ranking(texts, [s.start_paragraph for s in reading.sections])
    plan = coarser(plan_of(reading.sections), ranking)
    store.save_section_plan(document, plan.to_dict())
    again = read_document(document, store=Store(tmp_path / "db.sqlite3"))
    assert [s.start_paragraph for s in again.sections] == list(plan.starts)
    assert len(again.sections) == len(reading.sections) - 1
