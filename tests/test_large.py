"""Huge inputs: a very long document keeps the reading's contract in its bounded analysis, and
the steps made linear for long lines and paragraphs give what they gave before.

The size limits are lowered here so that a few hundred kilobytes take the paths a 64 MiB file
takes; `benchmarks/huge_inputs.py` measures the real thing."""

from __future__ import annotations

import itertools
import random
from collections.abc import Sequence

import pytest

from briefing.analysis import analyze, large, segmentation
from briefing.analysis.entities.tokenized import TokenizedText
from briefing.analysis.sections import _ParagraphTexts
from briefing.analysis.sentences import _WORD_BEFORE, _word_before, split_sentences
from briefing.analysis.titles import DocumentCounts, candidates
from briefing.ingest import document_from_text, load_document
from briefing.ingest import markdown as md
from briefing.model import Document, Reading
from tests.conftest import FIXTURES, SEED

_FIRST = "Ana Bram Cleo Dara Emil Faye Gus Hana Ivo Jana Kurt Lena Milo Nora Otto Pia".split()
_LAST = "Arvel Boskin Corran Delmot Eskar Fenwick Galloway Hestor Ilvane Jorvik Kestrel".split()
_PLACES = "Marrowby Tessaly Vantor Quillon Brackmere Oskarn Lyndale Pellow".split()
_WORDS = "harbour budget tariffs drought wages railway hospital pension ceasefire grain".split()


def _news(paragraphs: int, seed: int = 3, run: int = 0) -> list[str]:
    """News-like paragraphs with names, places and quotes (invented); with `run`, stories of
    that many paragraphs, each about one place and one thing."""
    rng = random.Random(seed)
    out = []
    for i in range(paragraphs):
        person = f"{rng.choice(_FIRST)} {rng.choice(_LAST)}"
        place, word = rng.choice(_PLACES), rng.choice(_WORDS)
        if run:
            story = i // run
            place, word = _PLACES[story % len(_PLACES)], _WORDS[story % len(_WORDS)]
        out.append(
            f"{person}, the mayor of {place}, said on Monday that the {word} plan would "
            f"be delayed. “We will not accept a {word} deal that leaves {place} behind,” "
            f"said Mr. {person.split()[1]}. The {rng.choice(_WORDS)} talks resume next week."
        )
    return out


def _check_contract(reading: Reading) -> None:
    document = reading.document
    length = len(document.text)
    expected = 0
    for section in reading.sections:
        assert section.start_paragraph == expected <= section.end_paragraph
        assert section.title.strip()
        if section.gist is not None:
            assert 0 <= section.gist.start < section.gist.end <= length
        expected = section.end_paragraph + 1
    assert expected == len(document.paragraphs)
    ids = {e.id for e in reading.entities}
    assert len(ids) == len(reading.entities)
    for entity in reading.entities:
        for m in entity.mentions:
            assert 0 <= m.start < m.end <= length
            assert document.paragraph_at(m.start) == m.paragraph
    for quote in reading.quotes:
        assert 0 <= quote.start < quote.end <= length
        assert quote.speaker is None or quote.speaker in ids
    for s in reading.sentences:
        assert 0 <= s.start < s.end <= length


@pytest.fixture
def small_limits(monkeypatch: pytest.MonkeyPatch) -> None:
    """A document of tens of kilobytes counts as very long, in chunks of a few kilobytes."""
    monkeypatch.setattr(large, "LARGE_TEXT_CHARS", 10_000)
    monkeypatch.setattr(large, "SECTION_SAMPLE_CHARS", 300)
    monkeypatch.setattr(large, "TITLE_WINDOW_CHARS", 2_000)
    monkeypatch.setattr(large, "ENTITY_CHUNK_CHARS", 5_000)
    monkeypatch.setattr(large, "ENTITY_BUDGET_CHARS", 30_000)
    monkeypatch.setattr(large, "GROUP_CHARS", 150)


@pytest.mark.usefixtures("small_limits")
def test_a_very_long_document_keeps_the_contract() -> None:
    document = document_from_text("\n\n".join(_news(400, run=20)))
    assert large.is_large(document)
    reading = analyze(document)
    _check_contract(reading)
    assert len(reading.sections) > 5
    assert len({s.title for s in reading.sections}) == len(reading.sections)
    # entities and quotes in the first ENTITY_BUDGET_CHARS (and the chunk that passes it)
    last = max(m.end for e in reading.entities for m in e.mentions)
    assert 30_000 <= last <= 30_000 + 2 * 5_000 < len(document.text)
    # the same name in several chunks is one entity
    names = [(e.name, e.type) for e in reading.entities]
    assert len(names) == len(set(names))
    assert any(
        len({document.paragraph_at(m.start) // 30 for m in e.mentions}) > 1
        for e in reading.entities
    )


@pytest.mark.usefixtures("small_limits")
def test_a_giant_paragraph_is_cut_into_chunks_at_sentences() -> None:
    document = document_from_text(" ".join(_news(250)))
    assert len(document.paragraphs) == 1
    reading = analyze(document)
    _check_contract(reading)
    assert len(reading.sections) == 1
    assert reading.entities
    assert reading.quotes
    sentence_starts = {s.start for s in reading.sentences}
    chunks = list(
        large.entity_chunks(
            document, reading.sentences, [s.start_paragraph for s in reading.sections]
        )
    )
    assert chunks[0][0] == 0
    for (_, end), (start, _) in itertools.pairwise(chunks):
        assert end == start
        assert start in sentence_starts
    assert all(end - start >= large.ENTITY_CHUNK_CHARS for start, end in chunks[:-1])


@pytest.mark.usefixtures("small_limits")
def test_entity_chunks_end_where_sections_start() -> None:
    document = document_from_text("\n\n".join(_news(300, run=20)))
    reading = analyze(document)
    starts = [s.start_paragraph for s in reading.sections]
    section_offsets = {document.paragraphs[i].start for i in starts}
    chunks = list(large.entity_chunks(document, reading.sentences, starts))
    assert chunks[0][0] == 0
    assert chunks[-1][0] < large.ENTITY_BUDGET_CHARS <= chunks[-1][1]
    assert all(end in section_offsets for _, end in chunks[:-1])


@pytest.mark.usefixtures("small_limits")
def test_a_long_headed_document_keeps_its_headings() -> None:
    parts = []
    for n, paragraph in enumerate(_news(200)):
        if n % 25 == 0:
            parts.append(f"## Part {n // 25 + 1} of the harbour story")
        parts.append(paragraph)
    document = document_from_text("\n\n".join(parts), "markdown")
    reading = analyze(document)
    _check_contract(reading)
    assert [s.title for s in reading.sections] == [
        f"Part {n} of the harbour story" for n in range(1, 9)
    ]


def test_a_document_under_the_limit_is_analysed_whole() -> None:
    assert not large.is_large(load_document(SEED))


def test_segmenting_paragraphs_read_lazily_gives_the_same_sections() -> None:
    blocks = _news(150)
    document = document_from_text("\n\n".join(blocks))
    lazy = _ParagraphTexts(document)
    assert lazy[3:5] == blocks[3:5]
    assert lazy[7] == blocks[7]
    assert segmentation.segment(lazy) == segmentation.segment(blocks)


def test_long_blocks_are_counted_as_short_ones(monkeypatch: pytest.MonkeyPatch) -> None:
    blocks = [" ".join(_news(40, seed)) for seed in range(5)]
    before = (
        [len(b.split()) for b in blocks],
        segmentation.is_paragraph_document(blocks),
        [segmentation.block_terms(b) for b in blocks],
    )
    monkeypatch.setattr(segmentation, "LONG_BLOCK", 100)
    after = (
        [segmentation._word_count(b) for b in blocks],
        segmentation.is_paragraph_document(blocks),
        [segmentation.block_terms(b) for b in blocks],
    )
    assert after == before


def test_the_word_before_a_full_stop_is_found_however_long() -> None:
    rng = random.Random(5)
    alphabet = "ab.'’- "
    for _ in range(2000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 60)))
        text += "x" * rng.choice((0, 10, 20, 80))
        start = rng.randint(0, len(text))
        full = _WORD_BEFORE.search(text[start:])
        found = _word_before(text, start, len(text))
        assert (found.group(1) if found else None) == (full.group(1) if full else None)


def test_a_line_of_megabytes_splits_into_its_sentences() -> None:
    text = " ".join(_news(3000))
    document = document_from_text(text)
    sentences = split_sentences(document)
    assert len(sentences) == 9000
    first = document.text[sentences[0].start : sentences[0].end]
    assert first.endswith("would be delayed.")
    assert first.count(".") == 1


def test_the_best_candidates_are_the_first_of_all_of_them() -> None:
    for document in (load_document(SEED), document_from_text(" ".join(_news(200)))):
        counts = DocumentCounts.of(document)
        last = len(document.paragraphs) - 1
        for start, end in ((0, last), (0, 0), (last // 2, last)):
            ranked = candidates(document, start, end, counts)
            for limit in (1, 3, 12):
                assert candidates(document, start, end, counts, limit) == ranked[:limit]


def test_quote_marks_and_line_starts_by_bisection() -> None:
    rng = random.Random(2)
    text = "".join(rng.choice('ab "“”\n') for _ in range(3000))
    doc = TokenizedText(text, [])
    for _ in range(300):
        a = rng.randint(0, len(text))
        b = rng.randint(a, len(text))
        assert doc.line_start(b) == text.rfind("\n", 0, b) + 1
        for mark in '"“”\n':
            assert doc.count_marks(mark, a, b) == text[a:b].count(mark)


def _parsed(text: str) -> Document:
    return md.parse_markdown(text, "hash", "x.md")


def _same(a: Document, b: Document) -> bool:
    return (a.text, a.paragraphs, a.styles, a.section_breaks, a.metadata, a.tables) == (
        b.text,
        b.paragraphs,
        b.styles,
        b.section_breaks,
        b.metadata,
        b.tables,
    )


def test_long_markdown_parsed_in_pieces_is_the_same_document(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    rows = [
        f"| {p} | {n} | the {w} of {p} |"
        for n, (p, w) in enumerate(zip(_PLACES * 20, _WORDS * 16, strict=True))
    ]
    items = [f"{'  ' * (n % 3 and 1)}- {t}" for n, t in enumerate(_news(60))]
    text = "\n".join(
        [
            "---",
            "title: A long one",
            "tags:",
            "- one",
            "- two",
            "---",
            "",
            "# Heading",
            "",
            "| Place | Number | Note |",
            "| --- | ---: | --- |",
            *rows,
            "",
            "```",
            "| not | a table |",
            "",
            "- not a list",
            "```",
            "",
            *items,
            "",
            *[f"{n}. {t}" for n, t in enumerate(_news(30), 1)],
            "",
            "[ref]: https://example.org/",
            "",
            "A paragraph with a [link][ref].",
        ]
    )
    whole = _parsed(text)
    monkeypatch.setattr(md, "PIECE_CHARS", 200)
    assert sum(1 for _ in md._pieces(text)) > 20
    pieced = _parsed(text)
    assert _same(pieced, whole)
    assert pieced.metadata.title == "A long one"
    table = next(p for p in pieced.paragraphs if "Marrowby" in pieced.paragraph_text(p.index))
    assert pieced.paragraph_text(table.index).count("\n") == len(rows)


def test_markdown_fixtures_parse_the_same_in_small_pieces(monkeypatch: pytest.MonkeyPatch) -> None:
    for path in (FIXTURES / "report.md", FIXTURES / "long.md"):
        text = path.read_text(encoding="utf-8")
        whole = _parsed(text)
        monkeypatch.setattr(md, "PIECE_CHARS", 300)
        assert _same(_parsed(text), whole)
        monkeypatch.setattr(md, "PIECE_CHARS", 256_000)


@pytest.mark.usefixtures("small_limits")
def test_a_long_list_is_segmented_in_runs_of_items(monkeypatch: pytest.MonkeyPatch) -> None:
    items = [f"- {line}" for text in _news(60) for line in text.split(". ")]
    document = document_from_text("\n".join(items), "markdown")
    assert large.is_large(document)
    firsts = large.group_paragraphs(document)
    assert firsts[0] == 0
    assert firsts == sorted(set(firsts))
    sizes = [
        document.paragraphs[b - 1].end - document.paragraphs[a].start
        for a, b in zip(firsts, [*firsts[1:], len(document.paragraphs)], strict=True)
    ]
    assert all(size >= 150 for size in sizes[:-1])
    assert len(firsts) < len(document.paragraphs) / 3
    reading = analyze(document)
    _check_contract(reading)
    assert {s.start_paragraph for s in reading.sections} <= set(firsts)
    # the segmenter is given the runs, and its block numbers are mapped back to paragraphs
    seen: list[str] = []

    def segment(blocks: Sequence[str], is_large: bool) -> list[int]:
        seen.extend(blocks[i] for i in range(len(blocks)))
        return [0, 3, 7]

    monkeypatch.setattr(segmentation, "segment", segment)
    starts = [s.start_paragraph for s in analyze(document).sections]
    assert starts == [0, firsts[3], firsts[7]]
    assert len(seen) == len(firsts)
    assert seen[3].startswith(document.paragraph_text(firsts[3]))
