"""The fifth hand-marked set (`benchmarks/news_outlets.py --set fifth`) on pages written here
in the shape of Mozilla Readability's test pages: no corpus needed.

The set is all held out, so these tests pin that the choice depends on folder names and
metadata alone, is the same on every run, caps each outlet, keeps sub-headings out of the text
the marker and the segmenter read, and that no score of it runs without --final.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from benchmarks import news_outlets

SENTENCE = "The council said that the plan for the new school in the town was on the way {n}."


def write_page(
    root: Path,
    folder: str,
    *,
    paragraphs: int = 12,
    title: str = "Council backs the new school",
    lang: str | None = "en",
    site_name: str | None = None,
    published: str | None = "2019-04-28T06:01:07",
    headings: tuple[int, ...] = (),
) -> None:
    """One test page: expected.html (the clean body), its metadata and a source page."""
    body = []
    for i in range(paragraphs):
        if i in headings:
            body.append(f"<h2>A sub-heading before {i}</h2>")
        body.append(f"<p>{SENTENCE.format(n=i)}</p>")
    page = root / folder
    page.mkdir(parents=True)
    (page / "expected.html").write_text(
        "<div><figure><figcaption>A photo of the town hall by a staff photographer</figcaption>"
        "</figure>" + "".join(body) + "</div>",
        encoding="utf-8",
    )
    metadata = {"title": title, "lang": lang, "siteName": site_name, "publishedTime": published}
    (page / "expected-metadata.json").write_text(json.dumps(metadata), encoding="utf-8")
    (page / "source.html").write_text("<html><body>the page</body></html>", encoding="utf-8")


@pytest.fixture
def pages(tmp_path: Path) -> Path:
    """Eight eligible pages of five outlets (four of one outlet), and eight left out."""
    root = tmp_path / "test-pages"
    for i in range(1, 5):
        write_page(root, f"nytimes-{i}")
    write_page(root, "bbc-1", headings=(0, 5, 9))
    write_page(root, "guardian-1", published=None, paragraphs=60)
    write_page(root, "tmz-1", lang=None)
    write_page(root, "schema-org-context-object", site_name="NBC News")
    # left out: a synthetic test, a blog host, another language, a list, a front page, an old
    # page, too short, too long
    write_page(root, "replace-brs")
    write_page(root, "medium-1", site_name="Medium")
    write_page(root, "nytimes-5", lang="es")
    write_page(root, "yahoo-1", title="These are the 8 coolest games")
    write_page(root, "yahoo-2", title="Yahoo News - Latest News & Headlines")
    write_page(root, "wapo-1", published="2013-09-11T10:00:00")
    write_page(root, "cnn", paragraphs=9)
    write_page(root, "salon-1", paragraphs=61)
    return root


def test_the_choice_is_the_same_each_time_all_held_out_and_capped_by_outlet(pages: Path) -> None:
    chosen = news_outlets.choose_fifth(pages)
    assert chosen == news_outlets.choose_fifth(pages)
    assert set(chosen) == {"test5"}
    outlets = [name.split("_", 1)[0] for name, _ in chosen["test5"]]
    assert outlets.count("nytimes") == news_outlets.FIFTH_PER_OUTLET == 3
    assert sorted(set(outlets)) == ["bbc", "guardian", "nbcnews", "nytimes", "tmz"]


def test_pages_the_rules_leave_out_are_never_chosen(pages: Path) -> None:
    names = {name for name, *_ in news_outlets.fifth_pages(pages)}
    assert names == {
        *(f"nytimes_nytimes-{i}.txt" for i in range(1, 5)),
        "bbc_bbc-1.txt",
        "guardian_guardian-1.txt",
        "tmz_tmz-1.txt",
        "nbcnews_schema-org-context-object.txt",
    }


def test_dates_come_from_the_page_and_are_unknown_where_it_has_none(pages: Path) -> None:
    dates = {name: date for name, date, *_ in news_outlets.fifth_pages(pages)}
    assert dates["bbc_bbc-1.txt"] == "2019-04-28"
    assert dates["guardian_guardian-1.txt"] == "unknown"
    source = '<meta property="article:published_time" content="2017-01-13T10:00:00Z">'
    assert news_outlets.page_date({}, source) == "2017-01-13"


def test_sub_headings_and_captions_are_not_paragraphs_and_headings_are_kept_apart(
    pages: Path, tmp_path: Path
) -> None:
    found = {name: (blocks, at) for name, _, blocks, at in news_outlets.fifth_pages(pages)}
    blocks, at = found["bbc_bbc-1.txt"]
    assert blocks == [SENTENCE.format(n=i) for i in range(12)]
    assert at == [0, 5, 9]
    out = tmp_path / "prepared"
    out.mkdir()
    news_outlets.heading_hints(pages, out)
    hints = json.loads((out / "heading-hints.json").read_text(encoding="utf-8"))
    assert hints == {"bbc_bbc-1.txt": [0, 5, 9]}
    news_outlets.prepare(pages, out, news_outlets.choose_fifth)
    written = (out / "test5" / "bbc_bbc-1.txt").read_text(encoding="utf-8")
    assert "sub-heading" not in written
    assert "photo" not in written
    assert written.startswith(f"[0] {SENTENCE.format(n=0)}\n\n[1] ")


def run_main(monkeypatch: pytest.MonkeyPatch, *args: str) -> int:
    monkeypatch.setattr(sys, "argv", ["news_outlets.py", *args])
    return news_outlets.main()


def test_scoring_the_fifth_set_needs_final(
    pages: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as stopped:
        run_main(monkeypatch, "score", str(pages), "--set", "fifth")
    assert stopped.value.code == 2
    assert "held out" in capsys.readouterr().err


def test_build_score_and_agreement_run_on_made_up_marks(
    pages: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    names = [name for name, _ in news_outlets.choose_fifth(pages)["test5"]]
    marks = {
        name: {
            "starts": [0, 6],
            "titles": ["The new school", "The town's plan"],
            "title_terms": [["school"], ["plan"]],
            "genre": "news",
            "confidence": "high",
        }
        for name in names
    }
    marks_file = tmp_path / "marks.json"
    marks_file.write_text(json.dumps({"about": "made up", "articles": marks}), encoding="utf-8")
    out = tmp_path / "built"
    assert (
        run_main(
            monkeypatch, "build", str(pages), str(out), "--set", "fifth", "--marks", str(marks_file)
        )
        == 0
    )
    built = (out / "test5" / names[0]).read_text(encoding="utf-8").splitlines()
    assert built.count("==========") == 2
    assert built[0] == built[7] == "=========="
    second = tmp_path / "second.json"
    second.write_text(json.dumps({"articles": {names[0]: {"starts": [0, 4]}}}), "utf-8")
    capsys.readouterr()
    assert (
        run_main(
            monkeypatch,
            "agreement",
            str(pages),
            "--set",
            "fifth",
            "--marks",
            str(marks_file),
            "--second",
            str(second),
        )
        == 0
    )
    assert (
        "1 pages marked twice: 0 starts (after the first paragraph) in both"
        in capsys.readouterr().out
    )
    assert (
        run_main(
            monkeypatch,
            "score",
            str(pages),
            "--set",
            "fifth",
            "--marks",
            str(marks_file),
            "--final",
        )
        == 0
    )
    assert "7 marked articles (test5), 14 marked sections" in capsys.readouterr().out
