"""The second hand-marked entity set: web news of 2017 and later from many sites, not PolNeAR's.

    python benchmarks/news_entities.py prepare PAGES OUT_DIR --set second
    python benchmarks/news_entities.py build PAGES OUT_DIR --set second
    python benchmarks/news_entities.py score PAGES --set second [--split dev2] [-v]

PAGES holds the `dev/ground-truth/` and `test/ground-truth/` folders of
`Murrough-Foley/web-content-extraction-benchmark` (one JSON file a page: its address, the
benchmark's page type and tags, and the page's title, date and main text). `choose` picks pages
by their metadata only, never their text: articles (the benchmark's page type) filed as news
(tagged `news`, or an address with a news section or a date), published in 2017 or later, in
English, of 8-40 paragraphs, from sites other than PolNeAR's outlets; a seeded shuffle of
those, at most `PER_SITE` pages of one site, up to `COUNT`. Whole sites then go, in a seeded
order, to `dev2` (to tune on) until it holds half, the rest to `test2` (read once, at the end).
Each article is written as briefing opens it: the page's title, a blank line, then its
paragraphs (lines under four words dropped, as the sub-topic sets read the same pages) one
after another with a blank line between. The marks are `data/news-entities-2.json`, made to
the guidelines of `data/news-entities.md`; the text is the benchmark's and is never committed.
"""

from __future__ import annotations

import json
import random
import sys
from pathlib import Path

# This checkout's package and benchmarks, not an installed (or another editable) briefing.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.news_outlets import (
    NEWS_ADDRESS,
    POLNEAR_SITES,
    article_pages,
    is_english,
    name_of,
    paragraphs,
    site,
)

COUNT = 44
PER_SITE = 2
MIN_PARAGRAPHS = 8
MAX_PARAGRAPHS = 40
FIRST_YEAR = "2017"
SEED = 2025
SPLITS = ("dev2", "test2")
SECOND_MARKING = 8
MARKS = Path(__file__).with_name("data") / "news-entities-2.json"

Article = tuple[str, str, str, list[str]]
"""(file name, site, title, paragraphs) of one chosen page."""


def candidates(pages: Path) -> list[Article]:
    """The pages whose metadata qualifies them, in file order (see the module's docstring)."""
    found: list[Article] = []
    for url, truth, kind in article_pages(pages):
        filed_as_news = "news" in (kind.get("tags") or []) or NEWS_ADDRESS.search(url)
        if not filed_as_news or (truth.get("publish_date") or "0") < FIRST_YEAR:
            continue
        body = truth.get("main_content") or ""
        blocks = paragraphs(body)
        if any(s in site(url) for s in POLNEAR_SITES) or not is_english(body):
            continue
        if MIN_PARAGRAPHS <= len(blocks) <= MAX_PARAGRAPHS:
            title = " ".join((truth.get("title") or "").split())
            found.append((name_of(url), site(url), title, blocks))
    return found


def pick(articles: list[Article], count: int = COUNT, seed: int = SEED) -> list[Article]:
    """A seeded shuffle of `articles`, at most `PER_SITE` of one site, the first `count`; two
    pages whose addresses give the same file name are told apart by "-2"."""
    pool = list(articles)
    random.Random(seed).shuffle(pool)
    per_site: dict[str, int] = {}
    names: set[str] = set()
    chosen: list[Article] = []
    for name, page_site, title, blocks in pool:
        if len(chosen) >= count or per_site.get(page_site, 0) >= PER_SITE:
            continue
        per_site[page_site] = per_site.get(page_site, 0) + 1
        while name in names:
            name = f"{name[:-4]}-2.txt"
        names.add(name)
        chosen.append((name, page_site, title, blocks))
    return chosen


def split_by_site(articles: list[Article], seed: int = SEED) -> dict[str, str]:
    """File name -> `dev2` or `test2`: the sites in a seeded order, whole sites to `dev2` until
    it holds half of the articles, the rest to `test2`, so that no site is in both halves."""
    sites = sorted({a[1] for a in articles})
    random.Random(seed).shuffle(sites)
    dev_sites: set[str] = set()
    count = 0
    for page_site in sites:
        if count >= len(articles) // 2:
            break
        dev_sites.add(page_site)
        count += sum(1 for a in articles if a[1] == page_site)
    return {a[0]: SPLITS[0] if a[1] in dev_sites else SPLITS[1] for a in articles}


def choose(pages: Path) -> dict[str, tuple[str, Article]]:
    """File name -> (split, article) of the articles to mark, sorted by name."""
    chosen = pick(candidates(pages))
    splits = split_by_site(chosen)
    return {a[0]: (splits[a[0]], a) for a in sorted(chosen)}


def article_text(article: Article) -> str:
    """The file briefing opens: the title, then the paragraphs, blank lines between."""
    _, _, title, blocks = article
    return "\n\n".join([title, *blocks]) + "\n"


def second_marking_choice(chosen: dict[str, tuple[str, Article]]) -> list[str]:
    """The articles to mark a second time: `SECOND_MARKING` of different sites, half from each
    split, by a seeded shuffle (never by content)."""
    names = sorted(chosen)
    random.Random(f"{SEED}-second-marking").shuffle(names)
    picked: list[str] = []
    for split in SPLITS:
        for name in names:
            sites = {chosen[p][1][1] for p in picked}
            in_split = sum(chosen[p][0] == split for p in picked)
            split_of, (_, page_site, _, _) = chosen[name]
            if split_of == split and page_site not in sites and in_split < SECOND_MARKING // 2:
                picked.append(name)
    return sorted(picked)


def page_texts(pages: Path) -> list[str]:
    """The main text of every page of the benchmark: how its words are written (for the count
    of entities named by a lone common word)."""
    texts = []
    for path in sorted(pages.glob("*/ground-truth/*.json")):
        truth = json.loads(path.read_text(encoding="utf-8")).get("ground_truth") or {}
        texts.append(truth.get("main_content") or "")
    return texts
