"""The fourth hand-marked set's chooser (`benchmarks/news_outlets.py --set fourth`) on pages
written here in the benchmark's shape: no corpus needed.

The marks are only as good as the pages they mark are the same each time: these tests pin that
the choice depends on metadata alone, is the same on every run, keeps every site in one part,
and puts news before lists.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from benchmarks import news_outlets

BODY_LINE = "The council said that the plan for the new school in the town was on the way {n}."


def write_page(
    folder: Path,
    number: int,
    url: str,
    *,
    paragraphs: int = 12,
    date: str = "2024-05-01",
    tags: tuple[str, ...] = (),
    heading: bool = False,
    kind: str = "article",
) -> None:
    """One ground-truth page in the 2025 benchmark's shape."""
    body = "\n\n".join(BODY_LINE.format(n=i) for i in range(paragraphs))
    markdown = ("## A heading\n\n" if heading else "") + body
    page = {
        "url": url,
        "_internal": {"page_type": {"primary": kind, "tags": list(tags)}},
        "ground_truth": {
            "main_content": body,
            "main_content_markdown": markdown,
            "publish_date": date,
        },
    }
    (folder / f"{number:04d}.json").write_text(json.dumps(page), encoding="utf-8")


@pytest.fixture
def pages(tmp_path: Path) -> Path:
    """Twelve eligible pages (four news, four analysis, four lists) and five left out."""
    folder = tmp_path / "dev" / "ground-truth"
    folder.mkdir(parents=True)
    number = 0
    for i in range(4):
        write_page(folder, number := number + 1, f"https://news{i}.example/2024/05/story-{i}")
        write_page(folder, number := number + 1, f"https://essays{i}.example/p/essay-{i}")
        write_page(folder, number := number + 1, f"https://lists{i}.example/7-ways-to-cook-{i}")
    write_page(folder, number := number + 1, "https://headed.example/2024/05/a", heading=True)
    write_page(folder, number := number + 1, "https://old.example/2012/05/a", date="2012-01-01")
    write_page(folder, number := number + 1, "https://short.example/2024/05/a", paragraphs=6)
    write_page(folder, number := number + 1, "https://shop.example/2024/05/a", kind="product")
    write_page(folder, number := number + 1, "https://www.politico.com/news/2024/05/a")
    return tmp_path


def sites(part: list[tuple[str, list[str]]]) -> set[str]:
    return {name.split("_", 1)[0] for name, _ in part}


def test_the_choice_is_the_same_each_time_and_no_site_is_in_both_parts(pages: Path) -> None:
    chosen = news_outlets.choose_fourth(pages)
    assert chosen == news_outlets.choose_fourth(pages)
    assert set(chosen) == {"tune4", "test4"}
    assert not sites(chosen["tune4"]) & sites(chosen["test4"])
    assert len(chosen["tune4"]) == len(chosen["test4"]) == 6


def test_pages_the_rules_leave_out_are_never_chosen(pages: Path) -> None:
    chosen = news_outlets.choose_fourth(pages)
    taken = sites(chosen["tune4"]) | sites(chosen["test4"])
    assert taken == {f"{kind}{i}" for kind in ("news", "essays", "lists") for i in range(4)}
    assert all(len(blocks) == 12 for part in chosen.values() for _, blocks in part)


def test_news_comes_first_then_analysis_then_lists(
    pages: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(news_outlets, "FOURTH_COUNT", 6)
    chosen = news_outlets.choose_fourth(pages)
    taken = sites(chosen["tune4"]) | sites(chosen["test4"])
    assert {f"news{i}" for i in range(4)} <= taken
    assert len(taken & {f"essays{i}" for i in range(4)}) == 2
    assert not any(site.startswith("lists") for site in taken)


@pytest.mark.parametrize(
    ("url", "tags", "kind"),
    [
        ("https://a.example/2023/01/council-vote", [], "news"),
        ("https://a.example/council-vote", ["news"], "news"),
        ("https://a.substack.com/p/why-taxes", [], "analysis"),
        ("https://a.example/opinion/why-taxes", [], "analysis"),
        ("https://a.example/blog/why-taxes", ["opinion"], "analysis"),
        ("https://a.example/blog/10-best-laptops", [], "list"),
        ("https://a.example/blog/why-taxes", ["guide"], "list"),
        ("https://a.example/blog/our-debt-free-journey", [], "other"),
    ],
)
def test_a_page_is_filed_by_its_address_and_tags(url: str, tags: list[str], kind: str) -> None:
    assert news_outlets.page_kind(url, tags) == kind
