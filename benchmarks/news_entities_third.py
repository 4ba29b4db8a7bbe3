"""The third hand-marked entity set: reported news from many outlets, all of it held out (`test3`).

    python benchmarks/news_entities.py prepare PAGES OUT_DIR --set third
    python benchmarks/news_entities.py build PAGES OUT_DIR --set third
    python benchmarks/news_entities.py score PAGES --set third --split test3 --final [-v]

PAGES is the `test/test-pages/` folder of Mozilla Readability (`mozilla/readability`): one folder
a page, with the publisher's `source.html`, the clean article body `expected.html` and
`expected-metadata.json`. `choose` picks pages by their folder name and metadata only, never
their text: the page folders of news outlets listed in `OUTLETS` (not the synthetic test pages,
wikis, blogs or vendors' pages), in English (`lang` en, or none given by an English outlet),
published in 2015 or later where the page's own `source.html` says when (a published-time meta
tag, a `datePublished`, or a date in its address; else "unknown"), of 8–60 paragraphs; at most
`PER_OUTLET` pages of one outlet, by a seeded shuffle. Every chosen page is in `test3`: the set
is held out whole (the first and second sets' `dev` and `dev2` are there to tune on).

Each article is written as briefing shows `expected.html`: the page title from its metadata, a
blank line, then the paragraphs briefing's own HTML reading makes of the body, a blank line
between. The marks are `data/news-entities-3.json`, made to `data/news-entities.md`; the text
is the publishers' and is never committed.
"""

from __future__ import annotations

import json
import random
import re
import sys
from pathlib import Path

# This checkout's package and benchmarks, not an installed (or another editable) briefing.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from briefing.errors import SourceError
from briefing.ingest import document_from_text

OUTLETS = {
    "aclu": "ACLU",
    "ars-1": "Ars Technica",
    "article-author-tag": "Atlas Obscura",
    "bbc-1": "BBC News",
    "breitbart": "Breitbart",
    "bug-1255978": "The Independent",
    "buzzfeed-1": "BuzzFeed",
    "citylab-1": "CityLab",
    "cnet": "CNET",
    "cnn": "CNN",
    "engadget": "Engadget",
    "guardian-1": "The Guardian",
    "herald-sun-1": "Herald Sun",
    "lifehacker-working": "Lifehacker",
    "lwn-1": "LWN.net",
    "medicalnewstoday": "Medical News Today",
    "msn": "MSN",
    "nytimes-1": "The New York Times",
    "nytimes-2": "The New York Times",
    "nytimes-3": "The New York Times",
    "nytimes-4": "The New York Times",
    "nytimes-5": "The New York Times",
    "quanta-1": "Quanta Magazine",
    "salon-1": "Salon",
    "schema-org-context-object": "NBC News",
    "seattletimes-1": "The Seattle Times",
    "telegraph": "The Telegraph",
    "theverge": "The Verge",
    "tmz-1": "TMZ",
    "videos-1": "Vox",
    "wapo-1": "The Washington Post",
    "wapo-2": "The Washington Post",
    "webmd-1": "WebMD",
    "webmd-2": "WebMD",
    "yahoo-1": "Yahoo",
    "yahoo-2": "Yahoo",
    "yahoo-3": "Yahoo",
    "yahoo-4": "Yahoo",
}
"""Page folder -> the news outlet or magazine that published it, read off the folder name and
the metadata's site name. The other folders are synthetic test cases, wikis, blogs, vendors'
and projects' pages (and the second Lifehacker folder repeats the first's article)."""

PER_OUTLET = 3
MIN_PARAGRAPHS = 8
MAX_PARAGRAPHS = 60
FIRST_YEAR = 2015
SEED = 2026
SPLITS = ("test3",)
SECOND_MARKING = 5
MARKS = Path(__file__).with_name("data") / "news-entities-3.json"
SECOND_MARKS = MARKS.with_name("news-entities-3-second.json")
"""The second marking of `SECOND_MARKING` articles: `agreement --set third` reads it."""

_PUBLISHED = re.compile(
    r"""(?:article:published_time|date_?published|pub(?:lish(?:ed)?)?_?date|article_date)"""
    r"""["']?\s*(?:content\s*=|:|=)\s*["']?((?:19|20)\d\d)-\d\d""",
    re.IGNORECASE,
)
_ADDRESS_DATE = re.compile(
    r"""(?:og:url|canonical)[^>]{0,200}?https?://[^"'\s>]+?/((?:19|20)\d\d)/[01]?\d/""",
    re.IGNORECASE,
)

Article = tuple[str, str, str, str, list[str]]
"""(file name, outlet, publication year or "unknown", title, paragraphs) of one chosen page."""


def published_year(source_html: str) -> str:
    """The year the page says it was published (its meta tags or JSON-LD, else a date in its
    canonical address), or "unknown"."""
    for pattern in (_PUBLISHED, _ADDRESS_DATE):
        found = pattern.search(source_html)
        if found:
            return found.group(1)
    return "unknown"


def body_paragraphs(expected_html: str) -> list[str]:
    """The paragraphs briefing's HTML reading makes of a page's clean body (a bare fragment,
    wrapped in a page so that the reader finds it as the article)."""
    page = f"<!DOCTYPE html><html><head><title>-</title></head><body><article>{expected_html}"
    page += "</article></body></html>"
    try:
        document = document_from_text(page, "html")
    except SourceError:
        return []
    return [document.text[p.start : p.end].strip() for p in document.paragraphs]


def is_english(metadata: dict[str, object]) -> bool:
    """`lang` en or en-XX; a page that gives none is read in its outlet's language (English)."""
    lang = metadata.get("lang")
    return lang is None or str(lang).lower().split("-")[0] == "en"


def candidates(pages: Path) -> list[Article]:
    """The pages whose folder and metadata qualify them, in folder order (see the docstring)."""
    found: list[Article] = []
    for folder in sorted(p for p in pages.iterdir() if p.name in OUTLETS):
        metadata = json.loads((folder / "expected-metadata.json").read_text(encoding="utf-8"))
        if not is_english(metadata):
            continue
        source = (folder / "source.html").read_text(encoding="utf-8", errors="replace")
        year = published_year(source)
        if year != "unknown" and int(year) < FIRST_YEAR:
            continue
        blocks = body_paragraphs((folder / "expected.html").read_text(encoding="utf-8"))
        if MIN_PARAGRAPHS <= len(blocks) <= MAX_PARAGRAPHS:
            title = " ".join(str(metadata.get("title") or "").split())
            found.append((f"{folder.name}.txt", OUTLETS[folder.name], year, title, blocks))
    return found


def pick(articles: list[Article], seed: int = SEED) -> list[Article]:
    """A seeded shuffle of `articles`, at most `PER_OUTLET` of one outlet kept."""
    pool = list(articles)
    random.Random(seed).shuffle(pool)
    per_outlet: dict[str, int] = {}
    chosen: list[Article] = []
    for article in pool:
        if per_outlet.get(article[1], 0) < PER_OUTLET:
            per_outlet[article[1]] = per_outlet.get(article[1], 0) + 1
            chosen.append(article)
    return chosen


def choose(pages: Path) -> dict[str, tuple[str, Article]]:
    """File name -> (split, article) of the articles to mark, sorted by name; all `test3`."""
    return {a[0]: (SPLITS[0], a) for a in sorted(pick(candidates(pages)))}


def article_text(article: Article) -> str:
    """The file briefing opens: the title, then the paragraphs, blank lines between."""
    title, blocks = article[3], article[4]
    return "\n\n".join([title, *blocks]) + "\n"


def second_marking_choice(chosen: dict[str, tuple[str, Article]]) -> list[str]:
    """The articles to mark a second time: `SECOND_MARKING` of different outlets, by a seeded
    shuffle (never by content)."""
    names = sorted(chosen)
    random.Random(f"{SEED}-second-marking").shuffle(names)
    picked: list[str] = []
    for name in names:
        outlets = {chosen[p][1][1] for p in picked}
        if len(picked) < SECOND_MARKING and chosen[name][1][1] not in outlets:
            picked.append(name)
    return sorted(picked)


def page_texts(pages: Path) -> list[str]:
    """The body of every news page of the source, as briefing reads it: how its words are
    written (for the count of entities named by a lone common word)."""
    return [
        "\n".join(body_paragraphs((pages / name / "expected.html").read_text(encoding="utf-8")))
        for name in sorted(OUTLETS)
        if (pages / name / "expected.html").exists()
    ]
