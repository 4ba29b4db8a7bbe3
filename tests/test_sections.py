"""Sections as pure functions: segmentation, cues, titles, gists, corrections, and the store."""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from briefing.analysis import analyze, segmentation
from briefing.analysis.corrections import (
    CorrectionError,
    SectionPlan,
    apply_plan,
    coarser,
    finer,
    merge_with_next,
    plan_of,
    rename,
    split,
)
from briefing.analysis.cues import continues, opens_quotation, opens_topic, topic_cue
from briefing.analysis.segmentation import segment
from briefing.analysis.titles import describe, section_gist, section_title
from briefing.ingest import document_from_text
from briefing.model import Document, TitleSource
from briefing.pipeline import read_document
from briefing.store.database import MIGRATIONS, SCHEMA_VERSION, Store, migrate, schema_version

TOPICS = {
    "harbour": [
        "The harbour authority said container traffic through the harbour rose again.",
        "Cranes at the harbour worked through the night to clear container ships.",
        "Harbour pilots guided the largest container ship yet into the port.",
        "Container volumes at the harbour are expected to keep rising.",
    ],
    "budget": [
        "The city council budget shows a deficit in road maintenance spending.",
        "Council auditors said the road budget was overspent by a third.",
        "The council will vote on cuts to the road maintenance budget.",
        "Budget hearings at the council are scheduled for next month.",
    ],
    "school": [
        "Teachers at the district school protested larger class sizes.",
        "The school board said teacher salaries would rise next year.",
        "Parents asked the school board to hire more teachers for classes.",
        "Class sizes at the district school have grown every year.",
    ],
}


def article(*topics: str) -> Document:
    paragraphs = [p for t in topics for p in TOPICS[t]]
    return document_from_text("\n".join(paragraphs), "text", "article.txt")


# ---------------------------------------------------------------- segmentation
def test_obvious_topic_changes_are_found() -> None:
    document = article("harbour", "budget", "school")
    starts = [s.start_paragraph for s in analyze(document).sections]
    assert starts == [0, 4, 8]


def test_paragraph_articles_split_at_topic_changes_not_every_paragraph() -> None:
    """Paragraphs of two sentences each: the paragraph path (one split at a fixed resolution,
    every section paying a cost) finds the three topics and nothing else."""
    blocks = [
        f"{a} {b}"
        for topic in ("harbour", "budget", "school")
        for a, b in zip(TOPICS[topic], TOPICS[topic][1:] + TOPICS[topic][:1], strict=True)
    ]
    assert segment(blocks) == [0, 4, 8]


def test_a_dateline_places_the_start_of_a_story() -> None:
    """A paragraph that talks of both stories sits between them; the dateline says which
    side it is on: the next story starts at "BERGEN, Norway — …", not before the bridge."""

    def paragraphs(topic: str) -> list[str]:
        lines = TOPICS[topic]
        return [f"{a} {b}" for a, b in zip(lines, lines[1:] + lines[:1], strict=True)]

    bridge = (
        "The harbour authority will ask the council to raise the road budget near the port. "
        "Council members said the harbour budget is tight."
    )
    budget = paragraphs("budget")
    budget[0] = f"BERGEN, Norway — {budget[0]}"
    assert segment([*paragraphs("harbour"), bridge, *budget, *paragraphs("school")]) == [0, 5, 9]


def test_a_dateline_places_the_start_of_a_story_in_a_sentence_stream() -> None:
    """One sentence a line, as wire digests come: the dateline still says where the story
    starts."""
    bridge = "The harbour authority will ask the council to raise the road budget near the port."
    budget = list(TOPICS["budget"])
    budget[0] = f"BERGEN, Norway — {budget[0]}"
    blocks = [*TOPICS["harbour"], bridge, *budget, *TOPICS["school"]]
    assert segment(blocks) == [0, 5, 9]


def test_a_long_run_of_paragraph_stories_is_not_split_coarsely() -> None:
    """Ten invented stories of eight paragraphs each: windows keep the resolution at article
    scale, so the stories come out, not two or three sections for the whole run."""
    import random

    rng = random.Random(4)
    syllables = ["ka", "lo", "mi", "ru", "sen", "tav", "vor", "zel", "pim", "dax", "qui"]
    blocks: list[str] = []
    starts = []
    for _ in range(10):
        words = ["".join(rng.sample(syllables, 3)) for _ in range(8)]
        starts.append(len(blocks))
        for _ in range(8):
            first = " ".join(rng.sample(words, 4))
            second = " ".join(rng.sample(words, 4))
            blocks.append(f"The {first} met the council today. Officials said {second} again.")
    found = segment(blocks)
    assert 8 <= len(found) <= 15
    assert sum(any(abs(f - s) <= 1 for f in found) for s in starts) >= 9


def test_one_topic_stays_one_section() -> None:
    more = [
        "Shipping lines praised the harbour for handling container ships quickly.",
        "The harbour authority plans a new container terminal by the port entrance.",
        "Port workers said the harbour cranes need repairs after a busy year.",
        "The authority expects container ships to keep choosing the harbour.",
    ]
    assert segment(TOPICS["harbour"] + more) == [0]


def _one_subject_story(seed: int) -> list[str]:
    """Fourteen two-sentence paragraphs drawing on one small vocabulary in random order."""
    import random

    rng = random.Random(seed)
    syllables = ["ka", "lo", "mi", "ru", "sen", "tav", "vor", "zel", "pim", "dax", "qui"]
    words = ["".join(rng.sample(syllables, 3)) for _ in range(14)]
    return [
        f"The {' '.join(rng.sample(words, 4))} met the council today. "
        f"Officials said {' '.join(rng.sample(words, 4))} again."
        for _ in range(14)
    ]


def test_a_one_subject_article_stays_whole_where_the_cohesion_split_cuts_it() -> None:
    """One-subject stories, whose word overlaps are chance: the cohesion programme alone cuts
    every one, but its split is not significant against shuffled orders, and the boundary
    model finds no turn in them, so they stay whole."""
    stories = [_one_subject_story(seed) for seed in range(12)]
    evidence = [segmentation.article_evidence(story) for story in stories]
    assert all(len(split) > 1 for split, *_ in evidence)
    assert all(significance < segmentation.STRONG_STRUCTURE for _, significance, *_ in evidence)
    assert sum(segment(story) == [0] for story in stories) >= 10


def test_a_very_significant_cohesion_split_is_kept_as_it_is() -> None:
    """Stories in a row (here three invented ones) beat their shuffles by far: the cohesion
    split stands, and the boundary model is not asked."""
    import random

    rng = random.Random(7)
    syllables = ["ka", "lo", "mi", "ru", "sen", "tav", "vor", "zel", "pim", "dax", "qui"]
    blocks: list[str] = []
    for _ in range(3):
        words = ["".join(rng.sample(syllables, 3)) for _ in range(10)]
        for _ in range(9):
            first, second = " ".join(rng.sample(words, 4)), " ".join(rng.sample(words, 4))
            blocks.append(f"The {first} met the council today. Officials said {second} again.")
    split, significance, _, _ = segmentation.article_evidence(blocks)
    assert significance >= segmentation.STRONG_STRUCTURE
    assert segment(blocks) == split == [0, 9, 18]


def test_a_paragraph_that_refers_back_does_not_start_a_section() -> None:
    blocks = TOPICS["harbour"] + ["However, the council budget ..."] + TOPICS["budget"]
    assert 4 not in segment(blocks)


@settings(max_examples=40, deadline=None)
@given(st.lists(st.text(alphabet="abcde fghij.\n", min_size=1, max_size=80), max_size=40))
def test_sections_cover_every_paragraph_once_in_order(paragraphs: list[str]) -> None:
    document = document_from_text("\n".join(paragraphs))
    sections = analyze(document).sections
    covered = [p for s in sections for p in range(s.start_paragraph, s.end_paragraph + 1)]
    assert covered == list(range(len(document.paragraphs)))
    assert all(s.title for s in sections)
    assert len({s.title.casefold() for s in sections}) == len(sections)


_WORDS = (
    "harbour port ship crane budget council vote school teacher pupils road bridge traffic "
    "minister police court judge river flood rain farmers price market bank the a of and to"
).split()
_line = st.lists(st.sampled_from(_WORDS), min_size=1, max_size=25).map(" ".join)


@settings(max_examples=40, deadline=None)
@given(
    st.lists(_line, min_size=1, max_size=90),
    st.sampled_from(["", ".", " ."]),
    st.sampled_from(["\n", "\n\n"]),
    st.booleans(),
)
def test_sections_cover_every_paragraph_of_text_without_punctuation_or_a_sentence_a_line(
    lines: list[str], end: str, separator: str, capitals: bool
) -> None:
    # text without punctuation (transcripts, subtitles, OCR), one sentence a line, long or short
    text = separator.join((line.capitalize() if capitals else line) + end for line in lines)
    document = document_from_text(text)
    sections = analyze(document).sections
    covered = [p for s in sections for p in range(s.start_paragraph, s.end_paragraph + 1)]
    assert covered == list(range(len(document.paragraphs)))
    assert all(s.title for s in sections)


def test_a_stream_without_topics_is_not_split() -> None:
    # the same few words in every line, in no order: no split beats its own shuffles
    lines = [" ".join(_WORDS[(i * 7 + k * 3) % 20] for k in range(8)) for i in range(120)]
    assert segment(lines) == [0]


def test_a_transcript_is_read_as_a_stream_of_turns() -> None:
    turns = [f"{('Anna', 'Ben', 'Chair')[i % 3]}: " + TOPICS["harbour"][i % 4] for i in range(40)]
    assert segmentation.is_transcript(turns)
    assert not segmentation.is_paragraph_document([t + " " + t for t in turns])


def test_boundary_strength_is_the_exact_mean_and_spread_of_random_halves() -> None:
    import itertools as it
    import math
    import random

    import numpy as np

    from briefing.analysis import boundaries

    rng = random.Random(3)
    n = 9
    matrix = np.zeros((n, n))
    for i, j in it.combinations(range(n), 2):
        matrix[i, j] = matrix[j, i] = rng.random() ** 2
    prefix = boundaries.prefix_sums(matrix)
    squares = boundaries.prefix_sums(matrix * matrix)

    def sums(p: np.ndarray) -> object:
        return lambda a0, a1, b0, b1: float(p[a1, b1] - p[a0, b1] - p[a1, b0] + p[a0, b0])

    a0, a1, b1 = 1, 4, 9
    union = range(a0, b1)
    crosses = [
        sum(matrix[i, j] for i in half for j in union if j not in half)
        for half in it.combinations(union, a1 - a0)
    ]
    cross = sum(matrix[i, j] for i in range(a0, a1) for j in range(a1, b1))
    expected = (sum(crosses) / len(crosses) - cross) / float(np.std(crosses))
    got = segmentation.boundary_strength(sums(prefix), sums(squares), a0, a1, b1)  # type: ignore[arg-type]
    assert math.isclose(got, expected, rel_tol=1e-9)


def test_segmentation_is_deterministic() -> None:
    blocks = [p for t in ("school", "harbour", "budget") for p in TOPICS[t]]
    assert segment(blocks) == segment(list(blocks))


@pytest.mark.parametrize(
    ("paragraph", "opens", "refers_back"),
    [
        ("A separate agreement was signed on Friday.", True, False),
        ("In a separate development, prices fell.", True, False),
        ("Meanwhile, the opposition met in the capital.", True, False),
        ("A third meeting took place in Oslo.", True, False),
        ("Another round of talks is planned.", True, False),
        ("“A second vote,” she said, “is likely.”", False, False),
        ("However, the plan was dropped.", False, True),
        ("He said the plan was dropped.", False, True),
        ("We then rebuilt the form from scratch.", False, False),  # the writer, not a referent
        ("I have covered the council for a decade.", False, False),
        ("The plan was dropped.", False, False),
        ("A third of voters stayed home.", False, False),
    ],
)
def test_cues(paragraph: str, opens: bool, refers_back: bool) -> None:
    assert opens_topic(paragraph) is opens
    assert continues(paragraph) is refers_back


@pytest.mark.parametrize(
    ("paragraph", "quoted"),
    [
        ("“We will not back down,” the mayor said.", True),
        ('"It is over," she said.', True),
        ("‘Never again,’ he wrote.", True),
        ("”Never again,” he wrote.", True),  # a closing mark typed for an opening one
        ("The mayor said “we will not back down”.", False),
        ("Meanwhile, the opposition met.", False),
    ],
)
def test_a_paragraph_opening_with_a_quotation_is_told(paragraph: str, quoted: bool) -> None:
    assert opens_quotation(paragraph) is quoted


@pytest.mark.parametrize(
    ("paragraph", "strength"),
    [
        ("Meanwhile, the opposition met in the capital.", 1.0),
        ("A separate agreement was signed on Friday.", 1.0),
        ("A third meeting took place in Oslo.", 1.0),
        ("Another critic said the plan was too costly.", 0.5),
        ("The second reason is the cost.", 0.5),
        ("“Meanwhile, nothing changes,” the minister said.", 0.0),
        ("The plan was dropped.", 0.0),
        ("LAGOS, Nigeria — The port reopened on Monday.", 1.0),  # a dateline opens a story
        ("NEW PORT RULES — Ships now pay by the hour.", 1.0),  # a run-in heading
        ("The U.S. - Canada talks resumed.", 0.0),
    ],
)
def test_strong_cues_count_more_than_list_items(paragraph: str, strength: float) -> None:
    assert topic_cue(paragraph) == strength


# ---------------------------------------------------------------- titles and gists
def test_titles_name_the_key_thing_and_are_short_and_unique() -> None:
    text = "\n".join(
        [
            "Leaders signed the Pacific Fisheries Accord in Suva on Tuesday.",
            "The Pacific Fisheries Accord limits tuna catches by foreign fleets.",
            "Officials said the accord would be reviewed in five years.",
            "Separately, the Central Bank of Fiji raised interest rates.",
            "The Central Bank of Fiji said inflation had risen for six months.",
            "Economists expected the bank to raise rates again.",
        ]
    )
    document = document_from_text(text)
    first = section_title(document, 0, 2, set())
    second = section_title(document, 3, 5, {first})
    assert first == "Pacific Fisheries Accord"
    assert second == "Central Bank of Fiji"
    again = section_title(document, 0, 2, {first})
    assert again != first
    assert 2 <= len(again.split()) <= 6


def test_gist_is_a_central_sentence_of_the_section() -> None:
    text = (
        "Rain fell. The Pacific Fisheries Accord limits tuna catches by foreign fleets in "
        "Pacific waters. Fleets from abroad must report catches of tuna under the accord. "
        "Officials said so."
    )
    document = document_from_text(text)
    gist = section_gist(document, 0, 0)
    assert gist is not None
    assert document.text[gist.start : gist.end].startswith("The Pacific Fisheries Accord")


def test_a_gist_is_taken_from_prose_not_from_a_table_or_code() -> None:
    document = document_from_text(
        "# Tonnage\n\n"
        "| Port | Copper exports in tonnes | Zinc exports in tonnes |\n|---|---|---|\n"
        "| North harbour | 12,400 copper | 3,100 zinc |\n\n"
        "The statistics office keeps the copper and zinc export register for each port.\n\n"
        "```\ncopper_total = north_harbour_copper + coast_copper + interior_copper\n```\n",
        "markdown",
    )
    last = len(document.paragraphs) - 1
    gist = section_gist(document, 0, last)
    assert gist is not None
    assert document.text[gist.start : gist.end].startswith("The statistics office")
    table_only = document_from_text("| A | B |\n|---|---|\n| one two three | four |\n", "markdown")
    assert section_gist(table_only, 0, len(table_only.paragraphs) - 1) is not None


def test_headed_markdown_keeps_its_headings_as_titles() -> None:
    document = document_from_text(
        "# T\n\nLead text here.\n\n## Alpha\n\nOne.\n\n## Beta\n\nTwo.", "markdown"
    )
    sections = analyze(document).sections
    assert [(s.title, s.title_source) for s in sections[1:]] == [
        ("Alpha", TitleSource.HEADING),
        ("Beta", TitleSource.HEADING),
    ]


# ---------------------------------------------------------------- corrections
def test_plan_operations() -> None:
    plan = SectionPlan((0, 4, 8), (None, None, None))
    assert rename(plan, 1, "  Budget   row ").titles == (None, "Budget row", None)
    assert rename(rename(plan, 1, "X"), 1, "").titles == (None, None, None)
    assert split(plan, 1, 6, 12).starts == (0, 4, 6, 8)
    with pytest.raises(CorrectionError):
        split(plan, 1, 4, 12)
    with pytest.raises(CorrectionError):
        split(plan, 1, 8, 12)
    assert merge_with_next(rename(plan, 0, "Keep"), 0) == SectionPlan((0, 8), ("Keep", None))
    with pytest.raises(CorrectionError):
        merge_with_next(plan, 2)


@given(st.data())
@settings(deadline=None)  # a loaded machine once took longer than hypothesis's default
def test_any_sequence_of_corrections_keeps_sections_covering_the_text(data: st.DataObject) -> None:
    count = 12
    plan = SectionPlan((0,), (None,))
    for _ in range(data.draw(st.integers(0, 8))):
        index = data.draw(st.integers(0, len(plan.starts) - 1))
        op = data.draw(st.sampled_from(["split", "merge", "rename", "fewer", "more"]))
        ranking = data.draw(st.permutations(range(1, count)))
        titled = {s: t for s, t in zip(plan.starts, plan.titles, strict=True) if t is not None}
        mine = set(plan.split_by_user)
        try:
            if op == "split":
                plan = split(plan, index, data.draw(st.integers(0, count - 1)), count)
            elif op == "merge":
                plan = merge_with_next(plan, index)
            elif op == "fewer":
                plan = coarser(plan, ranking)
            elif op == "more":
                plan = finer(plan, ranking, count)
            else:
                plan = rename(plan, index, data.draw(st.text(max_size=10)))
        except CorrectionError:
            pass
        assert SectionPlan.from_dict(plan.to_dict(), count) == plan
        assert plan.starts[0] == 0
        assert list(plan.starts) == sorted(set(plan.starts))
        if op in ("fewer", "more"):  # the user's titles and splits stay where they were
            kept = dict(zip(plan.starts, plan.titles, strict=True))
            assert all(kept.get(s) == t for s, t in titled.items())
            assert mine <= set(plan.starts)


def test_apply_plan_describes_new_sections_and_marks_user_titles() -> None:
    document = article("harbour", "budget", "school")
    automatic = analyze(document).sections
    plan = rename(split(plan_of(automatic), 2, 10, 12), 0, "Ports")
    sections = apply_plan(document, plan, automatic, describe)
    assert [s.start_paragraph for s in sections] == [0, 4, 8, 10]
    assert sections[0].title == "Ports"
    assert sections[0].title_source == TitleSource.USER
    assert sections[1].title == automatic[1].title
    assert sections[3].title_source == TitleSource.AUTO
    assert len({s.title for s in sections}) == 4


def test_corrections_count_the_document_once_per_reading(monkeypatch: pytest.MonkeyPatch) -> None:
    """Each edit describes only the sections it made, from counts taken once per reading."""
    from briefing import pipeline
    from briefing.analysis.titles import DocumentCounts

    reading = analyze(article("harbour", "budget", "school"))
    counted: list[int] = []
    original = DocumentCounts.of.__func__  # type: ignore[attr-defined]

    def counting(cls: type[DocumentCounts], *args: object) -> DocumentCounts:
        counted.append(1)
        return original(cls, *args)  # type: ignore[no-any-return]

    monkeypatch.setattr(DocumentCounts, "of", classmethod(counting))
    first = split(plan_of(reading.sections), 2, 10, 12)
    second = split(first, 0, 2, 12)
    assert [s.start_paragraph for s in pipeline.with_plan(reading, first).sections] == [0, 4, 8, 10]
    assert [s.start_paragraph for s in pipeline.with_plan(reading, second).sections] == [
        0,
        2,
        4,
        8,
        10,
    ]
    assert len(counted) == 1


def test_a_stored_plan_that_no_longer_fits_is_ignored() -> None:
    assert (
        SectionPlan.from_dict({"format": 1, "starts": [0, 40], "titles": [None, None]}, 10) is None
    )
    assert SectionPlan.from_dict({"format": 1, "starts": [1], "titles": [None]}, 10) is None
    assert SectionPlan.from_dict({"nonsense": True}, 10) is None


# ---------------------------------------------------------------- store
def test_store_keeps_plans_and_analyze_reports_them(tmp_path: Path) -> None:
    store = Store(tmp_path / "db.sqlite3")
    document = article("harbour", "budget")
    reading = read_document(document, store=store)
    plan = rename(plan_of(reading.sections), 1, "Roads money")
    store.save_section_plan(document, plan.to_dict())
    again = read_document(document, store=Store(tmp_path / "db.sqlite3"))
    assert again.sections[1].title == "Roads money"
    assert again.sections[1].title_source == TitleSource.USER
    store.save_section_plan(document, None)
    assert read_document(document, store=store).sections == reading.sections
    assert (tmp_path / "db.sqlite3").stat().st_mode & 0o777 == 0o600


def test_reading_without_a_database_does_not_create_one(tmp_path: Path) -> None:
    path = tmp_path / "none" / "db.sqlite3"
    read_document(article("harbour"), store=Store(path))
    assert not path.exists()


@pytest.mark.parametrize("start", range(SCHEMA_VERSION + 1))
def test_migrations_from_every_earlier_version(tmp_path: Path, start: int) -> None:
    connection = sqlite3.connect(tmp_path / "db.sqlite3", isolation_level=None)
    migrate(connection, target=start)
    assert schema_version(connection) == start
    migrate(connection)
    assert schema_version(connection) == SCHEMA_VERSION == len(MIGRATIONS)
    tables = {r[0] for r in connection.execute("SELECT name FROM sqlite_master")}
    assert {"documents", "section_corrections"} <= tables


def test_the_document_is_counted_once_however_many_sections(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Regression: each headed section used to recount the whole document (hours on 5 MB)."""
    from briefing.analysis import titles

    calls = []
    original = titles.DocumentCounts.of.__func__  # type: ignore[attr-defined]

    def counting(
        cls: type[titles.DocumentCounts], document: Document, sentences: object = None
    ) -> titles.DocumentCounts:
        calls.append(document)
        return original(cls, document, sentences)  # type: ignore[no-any-return]

    monkeypatch.setattr(titles.DocumentCounts, "of", classmethod(counting))
    headed = "\n\n".join(f"## Part {i}\n\nText of part {i} about topic {i}." for i in range(30))
    sections = analyze(document_from_text(headed, "markdown")).sections
    assert len(sections) == 30
    assert len(calls) == 1
    unheaded = article("harbour", "budget", "school")
    calls.clear()
    analyze(unheaded)
    assert len(calls) == 1


def test_sections_are_the_same_with_the_reading_s_sentences_passed_in() -> None:
    from briefing.analysis.sections import automatic_sections
    from briefing.analysis.sentences import split_sentences

    document = article("harbour", "budget", "school")
    given = automatic_sections(document, sentences=split_sentences(document))
    assert given == automatic_sections(document)


def test_title_names_do_not_lose_new_or_end_on_a_function_word() -> None:
    from briefing.analysis.terms import name_phrases

    text = "Officials in New York State said the Party for Reform met."
    found = [text[a:b] for a, b in name_phrases(text)]
    assert found[1:] == ["New York State", "Party for Reform"]  # "Officials": the caller's call
    sentence_start = "In Boston the mayor spoke."
    assert [sentence_start[a:b] for a, b in name_phrases(sentence_start)] == ["Boston"]


def test_a_word_capitalised_only_to_open_sentences_is_not_a_title_name() -> None:
    text = "\n".join(
        [
            "Keep the Velmora Trail open, said the Velmora Trail Society on Monday.",
            "Keep walking, the society told hikers who use the Velmora Trail in winter.",
            "The Velmora Trail Society will repair the bridge on the Velmora Trail.",
        ]
    )
    document = document_from_text(text)
    title = section_title(document, 0, 2, set())
    assert "Keep" not in title
    assert "Velmora" in title


def test_a_word_capitalised_after_a_colon_is_not_a_title_name() -> None:
    from briefing.analysis.titles import DocumentCounts

    text = "\n".join(
        [
            "The Velmora ferry will run all winter, the harbour board said.",
            "As the captains put it: Stay close to the Velmora ferry.",
            "And the board's last word on it: Stay calm and ride the ferry.",
        ]
    )
    counts = DocumentCounts.of(document_from_text(text))
    assert "Stay" not in counts.names
    assert counts.names["Velmora"] == 2


def test_a_common_word_opening_a_sentence_is_cut_from_a_name() -> None:
    """ "Maybe Dalgren" is "Dalgren", "Ahead of Velmora" is "Velmora"; a capitalised word the
    text also uses inside sentences ("Super" of "Super Tuesday") stays."""
    from briefing.analysis.titles import DocumentCounts

    text = "\n".join(
        [
            "Maybe Dalgren will win. Ahead of Velmora the party met. Super Tuesday is near.",
            "Dalgren said he may win, maybe not. He is ahead in polls before Super Tuesday.",
            "A super majority is the goal of every party.",
        ]
    )
    names = DocumentCounts.of(document_from_text(text)).names
    assert names["Dalgren"] == 2
    assert names["Velmora"] == 1
    assert names["Super Tuesday"] == 2
    assert "Maybe Dalgren" not in names
    assert not any(name.startswith(("Ahead", "of")) for name in names)


def test_two_title_words_the_text_writes_together_are_one_phrase() -> None:
    from briefing.analysis.titles import Candidate, _pair

    gains = Candidate("gains", "gain", 3.0, False, 3.0)
    capital = Candidate("capital", "capit", 2.0, False, 2.0)
    assert _pair(gains, capital, "a tax on capital gains held a year") == "Capital gains"
    assert _pair(gains, capital, "gains were high; capital was short") == "Gains and capital"


def test_a_title_in_capitals_is_set_in_sentence_case_keeping_acronyms() -> None:
    from briefing.analysis.titles import _unshouted

    text = "The alliance met, and NATO said so.\nNATO SUMMIT DELAYED — The meeting moved."
    assert _unshouted("NATO SUMMIT DELAYED", text) == "NATO summit delayed"
    assert _unshouted("NATO and Russia", text) == "NATO and Russia"
    assert _unshouted("U.S. Forces", text) == "U.S. Forces"


def test_a_hyphenated_adjective_is_no_title_name() -> None:
    from briefing.analysis.titles import DocumentCounts

    text = "The Ivy League-trained doctor spoke. Ivy League schools agreed with the doctor."
    names = DocumentCounts.of(document_from_text(text)).names
    assert "Ivy League-trained" not in names
    assert names["Ivy League"] == 1


def test_adjectives_adverbs_and_common_verbs_are_not_title_keywords() -> None:
    from briefing.analysis.terms import is_qualifier

    assert all(is_qualifier(w) for w in ("sheer", "forward", "hourly", "likely", "working"))
    assert not any(is_qualifier(w) for w in ("family", "supply", "rally", "harbour", "tariffs"))
    text = "\n".join(
        [
            "The sheer scale of the tariffs worried the harbour board.",
            "The sheer cost of tariffs fell on the harbour traders.",
            "Tariffs, the board said, were a sheer burden on the harbour.",
        ]
    )
    title = section_title(document_from_text(text), 0, 2, set())
    assert "sheer" not in title.lower()
    assert "tariffs" in title.lower() or "harbour" in title.lower()


def test_a_paragraph_announced_by_a_colon_does_not_start_a_section() -> None:
    assert not segmentation.cues.may_open_section("Three things changed:", "Rents rose.")
    assert not segmentation.cues.may_open_section("Rents rose.", "However, wages fell.")
    assert segmentation.cues.may_open_section("Rents rose.", "Wages fell.")
    assert segmentation.cues.may_open_section(None, "However, wages fell.")
    announcing = "The harbour authority also listed container worries:"
    blocks = [*TOPICS["harbour"][:3], announcing, *TOPICS["budget"]]
    assert segment(blocks) == [0, 3]  # without the rule the budget list would start at 4


def test_a_middle_initial_stays_inside_a_title_name() -> None:
    from briefing.analysis.terms import name_phrases

    text = "Board Chair Ana L. Morales said the harbour plan would pass."
    assert [text[a:b] for a, b in name_phrases(text)] == ["Board Chair Ana L. Morales"]


def test_a_person_met_once_titles_nothing_and_partners_no_one() -> None:
    text = "\n".join(
        [
            "Governor Teo Brandt vetoed the harbour bill on Monday, Brandt's office said.",
            "Brandt said the harbour bill cost too much, and Vice President Ana Morales agreed.",
            "Brandt will meet harbour workers on Friday to explain the veto.",
        ]
    )
    title = section_title(document_from_text(text), 0, 2, set())
    assert "Morales" not in title
    assert "Brandt" in title


def test_a_title_from_the_opening_words_neither_opens_nor_ends_on_a_function_word() -> None:
    from briefing.analysis.terms import stopwords
    from briefing.analysis.titles import _opening_title

    title = _opening_title("Whether it proves enough is for the voters to say.")
    assert title.split()[0].lower() not in stopwords()
    assert title.split()[-1].lower() not in stopwords()
    assert _opening_title("Whether the harbour plan works is unclear.") == "Harbour plan works"
    assert _opening_title("It is what it is.") == ""
    assert _opening_title("harbour cranes stood idle in the rain") == "Harbour cranes stood idle"


def test_page_numbers_and_running_headers_open_no_section_and_carry_no_words() -> None:
    from briefing.analysis.segmentation import page_furniture

    blocks = [
        "The harbour board met on Monday to discuss the cranes.",
        "ACME Annual Report",
        "The cranes were old, the board said, and",
        "12",
        "ACME Annual Report",
        "would be replaced next year.",
        "The council set its budget.",
        "ACME Annual Report",
        "Page 13",
        "Roads will be repaired.",
    ]
    furniture, closed = page_furniture(blocks)
    assert [i for i, f in enumerate(furniture) if f] == [1, 3, 4, 7, 8]
    assert closed[5]  # runs on from "… and" across the page break
    assert not closed[6]  # the paragraph before ended a sentence
    assert not closed[9]


def test_a_model_split_that_does_not_beat_shuffled_orders_loses_its_weakest_starts() -> None:
    scores = [0.0, 0.1, 2.0, 0.5, 1.5, 0.2, 0.3]
    shuffled = (1.0, 0.5)  # mean, deviation of the shuffled orders' best values

    def value(starts: Sequence[int]) -> float:
        return 1.5 - 0.5 * len(starts)  # every section costs; none earns

    assert segmentation.earned_starts([0, 2, 4], scores, value, shuffled) == [0]
    # a split worth the shuffles' mean keeps its starts; one worth less drops the weakest
    assert segmentation.earned_starts([0, 2, 4], scores, lambda s: 1.0, shuffled) == [0, 2, 4]
    assert segmentation.earned_starts(
        [0, 2, 4], scores, lambda s: 1.0 if len(s) < 3 else 0.9, shuffled
    ) == [0, 2]
