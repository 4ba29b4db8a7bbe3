"""The third hand-marked entity set's chooser (benchmarks/news_entities_third.py) and the
scorer's plumbing for it, on made-up pages and made-up marks: it chooses by folder name and
metadata only, the same pages every time, at most three an outlet, all held out. No corpus is
needed: the pages are written here."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from benchmarks import news_entities as scoring
from benchmarks import news_entities_third as third

PARAGRAPH = "<p>Mayor Alice Brandt said the council of Exampleton voted on the plan {i}.</p>"


def write_page(root: Path, folder: str, **changes: object) -> None:
    """One page in Readability's shape: an English news page of 2019 with 12 paragraphs, unless
    `changes` says otherwise (keys: lang, source, paragraphs)."""
    page = root / folder
    page.mkdir(parents=True)
    metadata = {"title": f"Story of {folder}", "lang": changes.get("lang", "en")}
    (page / "expected-metadata.json").write_text(json.dumps(metadata), encoding="utf-8")
    source = changes.get(
        "source", '<meta property="article:published_time" content="2019-03-02T10:00:00Z" />'
    )
    (page / "source.html").write_text(f"<html><head>{source}</head></html>", encoding="utf-8")
    count = int(str(changes.get("paragraphs", 12)))
    body = "".join(PARAGRAPH.format(i=i) for i in range(count))
    (page / "expected.html").write_text(f'<div class="page">{body}</div>', encoding="utf-8")


def corpus(root: Path) -> Path:
    """Eligible pages of the outlets' folders (four of one outlet), and one failing each rule."""
    for folder in ("nytimes-1", "nytimes-2", "nytimes-3", "nytimes-4", "bbc-1", "cnn"):
        write_page(root, folder)
    write_page(root, "yahoo-1", source="<title>no date given</title>")
    write_page(root, "yahoo-4", lang="ja")
    write_page(root, "wapo-1", source='<meta itemprop="datePublished" content="2014-12-31">')
    write_page(root, "wapo-2", paragraphs=5)
    write_page(root, "guardian-1", paragraphs=61)
    write_page(root, "base-url")  # a synthetic test page: not an outlet's
    return root


def test_only_outlets_pages_whose_metadata_qualifies_are_candidates(tmp_path: Path) -> None:
    found = third.candidates(corpus(tmp_path))
    names = [name for name, *_ in found]
    assert names == [
        "bbc-1.txt",
        "cnn.txt",
        "nytimes-1.txt",
        "nytimes-2.txt",
        "nytimes-3.txt",
        "nytimes-4.txt",
        "yahoo-1.txt",
    ]
    years = {name: year for name, _, year, _, _ in found}
    assert years["yahoo-1.txt"] == "unknown"
    assert years["bbc-1.txt"] == "2019"


def test_the_choice_is_the_same_every_time_all_held_out_three_an_outlet_at_most(
    tmp_path: Path,
) -> None:
    pages = corpus(tmp_path)
    first, again = third.choose(pages), third.choose(pages)
    assert first == again
    assert len(first) == 6
    assert {split for split, _ in first.values()} == {"test3"}
    assert sum(a[1] == "The New York Times" for _, a in first.values()) == third.PER_OUTLET


def test_the_year_comes_from_meta_tags_or_the_address() -> None:
    assert (
        third.published_year('<meta property="article:published_time" content="2016-01-02">')
        == "2016"
    )
    assert third.published_year('"datePublished": "2017-05-06T00:00:00Z"') == "2017"
    assert third.published_year('<link rel="canonical" href="https://x.example/2018/04/a">') == (
        "2018"
    )
    assert third.published_year("<p>On 2016-01-02 it rained.</p>") == "unknown"


def test_the_article_file_is_the_title_then_the_paragraphs_briefing_reads(tmp_path: Path) -> None:
    write_page(tmp_path, "bbc-1", paragraphs=2)
    blocks = third.body_paragraphs((tmp_path / "bbc-1" / "expected.html").read_text())
    assert blocks == [PARAGRAPH.format(i=i)[3:-4] for i in range(2)]
    text = third.article_text(("bbc-1.txt", "BBC News", "2019", "A title", blocks))
    assert text == f"A title\n\n{blocks[0]}\n\n{blocks[1]}\n"


def test_the_held_out_set_is_scored_only_with_final(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "argv", ["news_entities.py", "score", str(tmp_path), "--set", "third"])
    with pytest.raises(SystemExit) as refused:
        scoring.main()
    assert refused.value.code == 2


def test_the_scorer_reads_made_up_marks_of_a_made_up_page(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pages = corpus(tmp_path / "pages")
    marks = {
        "about": "made up",
        "articles": {
            "bbc-1.txt": {
                "split": "test3",
                "outlet": "BBC News",
                "entities": [
                    {"name": "Alice Brandt", "type": "person", "also": []},
                    {"name": "Exampleton", "type": "place", "also": []},
                ],
                "entities_optional": [],
                "never_entities": ["Mayor"],
                "quotes": [],
            }
        },
    }
    marks_file = tmp_path / "marks.json"
    marks_file.write_text(json.dumps(marks), encoding="utf-8")
    assert scoring.score_third(pages, marks_file, "test3", verbose=False) == 0
    out = capsys.readouterr().out
    assert "1 marked articles (test3), 2 entities, 0 quotes" in out
    assert "BBC News" in out


def test_agreement_compares_two_made_up_markings_of_the_set(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def marks(entities: list[dict[str, object]]) -> Path:
        article = {
            "split": "test3",
            "outlet": "BBC News",
            "entities": entities,
            "entities_optional": [],
            "never_entities": [],
            "quotes": [{"snippet": "We voted on the plan", "speaker": "Alice Brandt"}],
        }
        article["quotes"][0]["attribution"] = "name"
        path = tmp_path / f"marks{len(entities)}.json"
        path.write_text(json.dumps({"about": "made up", "articles": {"a.txt": article}}))
        return path

    alice = {"name": "Alice Brandt", "type": "person", "also": ["Brandt"]}
    town = {"name": "Exampleton", "type": "place", "also": []}
    first, second = marks([alice, town]), marks([alice])
    argv = ["news_entities.py", "agreement", "--set", "third", "--marks", str(first)]
    monkeypatch.setattr(sys, "argv", [*argv, "--second", str(second)])
    assert scoring.main() == 0
    out = capsys.readouterr().out
    assert "entities 2 and 1, 1 the same" in out
    assert "same speaker 1.000 (1/1)" in out


@pytest.mark.parametrize("marks_file", [third.MARKS, third.SECOND_MARKS])
def test_the_committed_marks_are_well_formed(marks_file: Path) -> None:
    articles = json.loads(marks_file.read_text(encoding="utf-8"))["articles"]
    assert articles
    types = {"person", "organization", "place", "event", "other"}
    for name, mark in articles.items():
        assert mark["split"] == "test3", name
        assert mark["published"] == "unknown" or int(mark["published"]) >= third.FIRST_YEAR
        forms = [f.casefold() for e in mark["entities"] for f in (e["name"], *e["also"])]
        assert len(forms) == len(set(forms)), name
        assert {e["type"] for e in mark["entities"]} <= types, name
        names = {e["name"] for e in mark["entities"]}
        for quote in mark["quotes"]:
            assert quote["speaker"] is None or quote["speaker"] in names, (name, quote)
            assert quote["attribution"] in scoring.ATTRIBUTIONS, (name, quote)
            assert 1 <= len(quote["snippet"].split()) <= 10, (name, quote)
    if marks_file == third.SECOND_MARKS:
        first = json.loads(third.MARKS.read_text(encoding="utf-8"))["articles"]
        assert len(articles) == third.SECOND_MARKING
        assert set(articles) <= set(first)
