"""Word lists shipped as data files: each says where it comes from, and reads as written."""

from __future__ import annotations

import importlib
from pathlib import Path

import pytest

import briefing.analysis
from briefing.analysis import word_lists
from briefing.analysis.entities import words
from briefing.analysis.quotes import lexicon

ANALYSIS = Path(briefing.analysis.__file__).resolve().parent
WORD_LISTS = sorted(
    p
    for p in ANALYSIS.rglob("data/*.txt")
    if p.name
    in {"entity_words.txt", "name_words.txt", "quote_words.txt", "stopwords.txt", "qualifiers.txt"}
)
"""The word lists written for briefing (the other data files are built by scripts)."""


def test_the_hand_written_lists_are_all_found() -> None:
    assert [p.name for p in WORD_LISTS] == [
        "qualifiers.txt",
        "stopwords.txt",
        "entity_words.txt",
        "name_words.txt",
        "quote_words.txt",
    ]


@pytest.mark.parametrize("path", WORD_LISTS, ids=lambda p: p.name)
def test_each_word_list_opens_with_its_source(path: Path) -> None:
    head = path.read_text("utf-8").splitlines()[:4]
    assert head[0].startswith("# ")
    assert any("briefing" in line for line in head)  # written for briefing, and says so


def test_sections_comments_entries_and_order(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A file of a package (a throwaway one here) reads as it is written."""
    package = tmp_path / "word_list_probe"
    (package / "data").mkdir(parents=True)
    (package / "__init__.py").write_text("", "utf-8")
    (package / "data" / "lists.txt").write_text(
        "# where these come from\n[first]\nzeta alpha  # a comment\nnew_year\n\n[second]\nb a\n"
        "[first]\nomega\n",
        "utf-8",
    )
    monkeypatch.syspath_prepend(str(tmp_path))
    importlib.import_module("word_list_probe")
    lists = word_lists("word_list_probe", "data/lists.txt")
    assert lists == {"first": ("zeta", "alpha", "new year", "omega"), "second": ("b", "a")}


def test_lists_keep_their_types_and_entries() -> None:
    assert {"mr", "dr"} <= words.HONORIFICS
    assert "grand prix" in words.EVENT_HEADS
    assert "new year's" in words.HOLIDAYS
    assert words.GEO_PLURALS[0] == "Islands"
    assert lexicon.TITLE_FORMS["sen."] == "senator"
    assert lexicon.SLOT_VERBS[:2] == ["said", "says"]
    assert "said" in lexicon.CUE_WORDS
    assert "report" not in lexicon.CUE_WORDS
