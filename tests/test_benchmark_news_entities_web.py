"""The second hand-marked entity set's chooser (benchmarks/news_entities_web.py) on made-up
pages: it chooses by metadata only, the same pages every time, at most two a site, and no site
in both halves. No corpus is needed: the pages are written here."""

from __future__ import annotations

import json
from pathlib import Path

from benchmarks import news_entities as scoring
from benchmarks import news_entities_web as web

BODY = "\n".join(
    f"Paragraph {i} of the story says that the council met in the town and voted on the plan."
    for i in range(12)
)


def write_page(folder: Path, number: int, url: str, **changes: object) -> None:
    """One page in the benchmark's shape: a news article of 2021 with 12 paragraphs, unless
    `changes` says otherwise (keys: page_type, tags, date, body)."""
    page = {
        "url": url,
        "_internal": {
            "page_type": {
                "primary": changes.get("page_type", "article"),
                "tags": changes.get("tags", ["news"]),
            }
        },
        "ground_truth": {
            "title": f"Story {number}",
            "publish_date": changes.get("date", "2021-05-01"),
            "main_content": changes.get("body", BODY),
        },
    }
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{number:04d}.json").write_text(json.dumps(page), encoding="utf-8")


def corpus(root: Path) -> Path:
    """Thirty eligible pages from ten sites (three each), and one page failing each rule."""
    folder = root / "dev" / "ground-truth"
    number = 0
    for site in range(10):
        for story in range(3):
            number += 1
            write_page(folder, number, f"https://www.site{site}.example/news/story-{story}")
    rejects = [
        ("https://other.example/news/a-product", {"page_type": "product"}),
        ("https://other.example/blog/not-news", {"tags": ["recipes"]}),
        ("https://other.example/news/too-old", {"date": "2016-12-31"}),
        ("https://other.example/news/too-short", {"body": "\n".join(BODY.splitlines()[:5])}),
        ("https://www.nytimes.com/news/polnear-outlet", {}),
        (
            "https://other.example/news/not-english",
            {
                "body": "\n".join(
                    ["Le conseil municipal a voté le plan hier soir dans la ville."] * 12
                )
            },
        ),
    ]
    for url, changes in rejects:
        number += 1
        write_page(folder, number, url, **changes)
    return root


def test_only_pages_whose_metadata_qualifies_are_candidates(tmp_path: Path) -> None:
    found = web.candidates(corpus(tmp_path))
    assert len(found) == 30
    assert {site for _, site, _, _ in found} == {f"site{i}.example" for i in range(10)}


def test_the_choice_is_the_same_every_time_and_takes_two_pages_a_site_at_most(
    tmp_path: Path,
) -> None:
    pages = corpus(tmp_path)
    first, again = web.choose(pages), web.choose(pages)
    assert first == again
    per_site: dict[str, int] = {}
    for _, (_, article) in first.items():
        per_site[article[1]] = per_site.get(article[1], 0) + 1
    assert len(first) == 20
    assert max(per_site.values()) == web.PER_SITE


def test_no_site_is_in_both_halves_and_each_half_holds_about_half(tmp_path: Path) -> None:
    chosen = web.choose(corpus(tmp_path))
    sites = {split: {a[1] for s, a in chosen.values() if s == split} for split in web.SPLITS}
    assert not sites["dev2"] & sites["test2"]
    dev = sum(1 for s, _ in chosen.values() if s == "dev2")
    assert len(chosen) // 2 <= dev <= len(chosen) // 2 + web.PER_SITE


def test_the_article_file_is_the_title_then_the_paragraphs() -> None:
    text = web.article_text(("a.txt", "a.example", "A title", ["One para.", "Two para."]))
    assert text == "A title\n\nOne para.\n\nTwo para.\n"


def test_an_acronym_or_a_brand_is_never_a_lone_common_word() -> None:
    lower = scoring.collections.Counter({"us": 50, "great": 50, "youtube": 9})
    capital = scoring.collections.Counter({"great": 2})
    assert scoring.lone_common_word("Great", lower, capital)
    assert not scoring.lone_common_word("US", lower, capital)
    assert not scoring.lone_common_word("YouTube", lower, capital)
