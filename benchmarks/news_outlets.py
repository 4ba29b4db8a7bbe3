"""News from outlets PolNeAR does not have, with sub-topics marked by hand; and digests of them.

    python benchmarks/news_outlets.py prepare GROUND_TRUTH_JSON OUT_DIR
    python benchmarks/news_outlets.py build GROUND_TRUTH_JSON OUT_DIR [--marks FILE]
    python benchmarks/news_outlets.py score GROUND_TRUTH_JSON [--split tune|report|all] [-v]
        [--final]
    python benchmarks/news_outlets.py digests GROUND_TRUTH_JSON OUT_DIR
    python benchmarks/news_outlets.py agreement GROUND_TRUTH_JSON --second FILE
    (prepare, build and score take --set second: a second set of 40, `choose_second`;
    --set third reads another benchmark's pages instead, `choose_third`; --set fourth reads
    more of them, news first, `choose_fourth`; --set fifth reads Mozilla Readability's test
    pages, reported news, all held out, `choose_fifth`: GROUND_TRUTH_JSON is then the
    `test/test-pages` folder and every score of it needs --final)

The articles are those of `scrapinghub/article-extraction-benchmark` (`ground-truth.json`:
the body text of 181 pages of 2019, most of them news, from 126 sites), one paragraph per line.
`prepare` chooses the English articles of 12–45 paragraphs from sites that are not among
PolNeAR's seven outlets, by a seeded shuffle (never by content), the first `TUNE` to tune
and train on and the next `REPORT` to read once at the end, and writes each as numbered
paragraphs for a marker who has not seen the segmenter's output. The marks follow the
guidelines of `data/news-subtopics.md` and are kept in `data/news-outlets.json` (paragraph
numbers, titles and key terms; no text). `build` writes the marked articles in Choi's format
into OUT_DIR/tune and OUT_DIR/report; `score` reads them as `news_subtopics.py score` reads
PolNeAR's; a part other than a set's tune part (`report`, `test2` …, or `all`) is held out
and needs `--final`. `digests` writes, from each part, stories in a row without their titles
(three a file, in the chosen order): digests from outlets the segmenter was not tuned on.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
from collections.abc import Callable, Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

# This checkout's package and benchmarks, not an installed (or another editable) briefing.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

TUNE = 24
REPORT = 24
MIN_PARAGRAPHS = 12
MAX_PARAGRAPHS = 45
MIN_WORDS = 4
SEED = 2019
POLNEAR_SITES = (
    "breitbart",
    "huffingtonpost",
    "huffpost",
    "nytimes",
    "politico",
    "usatoday",
    "washingtonpost",
    "westernjournal",
)
ENGLISH = frozenset("the of and to in a is that for on with was as it by at from said".split())
MARKS = Path(__file__).with_name("data") / "news-outlets.json"


def paragraphs(body: str) -> list[str]:
    """The article's paragraphs: its lines, lines under four words dropped (captions, credits)."""
    lines = [" ".join(line.split()) for line in body.splitlines()]
    return [line for line in lines if len(line.split()) >= MIN_WORDS]


def site(url: str) -> str:
    return re.sub(r"^www\.", "", url.split("/")[2])


def is_english(text: str) -> bool:
    words = re.findall(r"[a-z]+", text.lower())
    return bool(words) and sum(w in ENGLISH for w in words) >= 0.2 * len(words)


def name_of(url: str) -> str:
    """A file name for an article: its site and the last words of its address."""
    tail = re.sub(r"[^a-z0-9]+", "-", url.lower().rstrip("/").split("/")[-1])[:40].strip("-")
    return f"{site(url).split('.')[0]}_{tail or 'index'}.txt"


Chooser = Callable[[Path], dict[str, list[tuple[str, list[str]]]]]


def choose(ground_truth: Path) -> dict[str, list[tuple[str, list[str]]]]:
    """(file name, paragraphs) of the articles of each part, in the chosen order."""
    data = json.loads(ground_truth.read_text(encoding="utf-8"))
    eligible = []
    for key in sorted(data):
        url, body = data[key]["url"], data[key]["articleBody"]
        blocks = paragraphs(body)
        if any(s in site(url) for s in POLNEAR_SITES) or not is_english(body):
            continue
        if MIN_PARAGRAPHS <= len(blocks) <= MAX_PARAGRAPHS:
            eligible.append((name_of(url), blocks))
    random.Random(SEED).shuffle(eligible)
    return {"tune": eligible[:TUNE], "report": eligible[TUNE : TUNE + REPORT]}


SECOND_COUNT = 40
SECOND_MIN_PARAGRAPHS = 8
"""The second set reaches down to articles of 8 paragraphs: the first set took most of the
longer ones."""
SECOND_MARKS = Path(__file__).with_name("data") / "news-outlets-2.json"


def choose_second(ground_truth: Path) -> dict[str, list[tuple[str, list[str]]]]:
    """The second set (`--set second`): articles of sites neither PolNeAR nor the first set
    has. First the eligible articles the first set left (in its shuffled order), then those
    of 8–11 paragraphs (shuffled with the same seed), up to `SECOND_COUNT`; split by site, so
    that no site is in both parts: the sites in a seeded order, whole sites to `tune2` until
    it holds half, the rest to `test2` (read once)."""
    data = json.loads(ground_truth.read_text(encoding="utf-8"))
    first = choose(ground_truth)
    used = {name.split("_", 1)[0] for part in first.values() for name, _ in part}
    taken = {name for part in first.values() for name, _ in part}
    longer, shorter = [], []
    for key in sorted(data):
        url, body = data[key]["url"], data[key]["articleBody"]
        blocks = paragraphs(body)
        name = name_of(url)
        if any(s in site(url) for s in POLNEAR_SITES) or not is_english(body):
            continue
        if name in taken or name.split("_", 1)[0] in used:
            continue
        if MIN_PARAGRAPHS <= len(blocks) <= MAX_PARAGRAPHS:
            longer.append((name, blocks))
        elif SECOND_MIN_PARAGRAPHS <= len(blocks) < MIN_PARAGRAPHS:
            shorter.append((name, blocks))
    random.Random(SEED).shuffle(longer)
    random.Random(SEED).shuffle(shorter)
    chosen: list[tuple[str, list[str]]] = []
    seen: dict[str, int] = {}
    for name, blocks in (longer + shorter)[:SECOND_COUNT]:
        # two pages of one address tail ("cnn_index-html.txt"): the later one is "…-2.txt"
        seen[name] = seen.get(name, 0) + 1
        chosen.append((name if seen[name] == 1 else f"{name[:-4]}-{seen[name]}.txt", blocks))
    sites = sorted({name.split("_", 1)[0] for name, _ in chosen})
    random.Random(SEED).shuffle(sites)
    tune_sites: set[str] = set()
    count = 0
    for name_site in sites:
        if count >= len(chosen) // 2:
            break
        tune_sites.add(name_site)
        count += sum(1 for name, _ in chosen if name.split("_", 1)[0] == name_site)
    return {
        "tune2": [a for a in chosen if a[0].split("_", 1)[0] in tune_sites],
        "test2": [a for a in chosen if a[0].split("_", 1)[0] not in tune_sites],
    }


THIRD_COUNT = 44
THIRD_MIN_PARAGRAPHS = 10
THIRD_FIRST_YEAR = "2015"
THIRD_MARKS = Path(__file__).with_name("data") / "news-outlets-3.json"
NEWS_ADDRESS = re.compile(
    r"/(news|story|stories|article|articles|politics|world|business)/|/20[12]\d/"
)
"""An address that files a page as news (a news section, or a dated path)."""


FOURTH_COUNT = 44
FOURTH_SEED = 2025
FOURTH_MARKS = Path(__file__).with_name("data") / "news-outlets-4.json"
ANALYSIS_TAGS = frozenset({"analysis", "opinion", "commentary", "essay", "research"})
ANALYSIS_ADDRESS = re.compile(r"/(opinion|analysis|commentary|essays?|posts|p)/|substack\.com/")
"""An address that files a page as analysis: an opinion or essay section, a newsletter post."""
LIST_TAGS = frozenset({"guide", "tips", "listicle", "ranking", "how-to", "tutorial", "resources"})
LIST_ADDRESS = re.compile(
    r"\b(best|top|guide|tips|ways|how-to|ranked|alternatives)\b|(^|-)\d{1,2}-"
)
"""Words of an address's last part that file a page as a list or a guide ("7-ways-to-…")."""


def marked_sites(*marks_files: Path) -> set[str]:
    """The sites of the pages some marked sets hold (a file name's part before "_")."""
    return {
        name.split("_", 1)[0]
        for marks in marks_files
        for name in json.loads(marks.read_text(encoding="utf-8"))["articles"]
    }


def page_kind(url: str, tags: list[str]) -> str:
    """How a page is filed, by its address and tags alone: news, analysis, list or other."""
    tail = url.lower().rstrip("/").split("?")[0].split("/")[-1]
    if "news" in tags or NEWS_ADDRESS.search(url):
        return "news"
    if ANALYSIS_TAGS.intersection(tags) or ANALYSIS_ADDRESS.search(url):
        return "analysis"
    if LIST_TAGS.intersection(tags) or LIST_ADDRESS.search(tail):
        return "list"
    return "other"


def article_pages(pages: Path) -> Iterator[tuple[str, dict[str, Any], dict[str, Any]]]:
    """(address, ground truth, page type) of each page of the 2025 benchmark filed as an
    article, in file order, each address once."""
    addresses: set[str] = set()
    for path in sorted(pages.glob("*/ground-truth/*.json")):
        page = json.loads(path.read_text(encoding="utf-8"))
        url, truth = page.get("url") or "", page.get("ground_truth") or {}
        kind = page.get("_internal", {}).get("page_type", {})
        if not url.startswith("http") or url in addresses or kind.get("primary") != "article":
            continue
        addresses.add(url)
        yield url, truth, kind


def eligible_pages(pages: Path, used: set[str]) -> list[tuple[str, str, list[str]]]:
    """(file name, how it is filed, paragraphs) of each page the third set's rules admit, in
    file order: an article dated 2015 or later, in English, without headings, of 10-45
    paragraphs, from a site neither PolNeAR nor `used` has."""
    found: list[tuple[str, str, list[str]]] = []
    for url, truth, kind in article_pages(pages):
        body = truth.get("main_content") or ""
        markdown = truth.get("main_content_markdown") or ""
        blocks = paragraphs(body)
        if (truth.get("publish_date") or "0") < THIRD_FIRST_YEAR or not is_english(body):
            continue
        if any(line.startswith("#") for line in markdown.splitlines()):
            continue
        name = name_of(url)
        if any(s in site(url) for s in POLNEAR_SITES) or name.split("_", 1)[0] in used:
            continue
        if THIRD_MIN_PARAGRAPHS <= len(blocks) <= MAX_PARAGRAPHS:
            found.append((name, page_kind(url, kind.get("tags") or []), blocks))
    return found


def one_page_a_site(
    ordered: list[tuple[str, list[str]]], count: int
) -> list[tuple[str, list[str]]]:
    """The first `count` pages of `ordered`, no two of one site."""
    chosen: list[tuple[str, list[str]]] = []
    taken: set[str] = set()
    for name, blocks in ordered:
        if len(chosen) < count and name.split("_", 1)[0] not in taken:
            taken.add(name.split("_", 1)[0])
            chosen.append((name, blocks))
    return chosen


def split_by_site(
    chosen: list[tuple[str, list[str]]], seed: int, parts: tuple[str, str]
) -> dict[str, list[tuple[str, list[str]]]]:
    """The pages in two parts, no site in both: the sites in a seeded order, the first half's
    pages to the first part."""
    sites = sorted({name.split("_", 1)[0] for name, _ in chosen})
    random.Random(seed).shuffle(sites)
    first = set(sites[: len(sites) // 2])
    return {
        parts[0]: [a for a in chosen if a[0].split("_", 1)[0] in first],
        parts[1]: [a for a in chosen if a[0].split("_", 1)[0] not in first],
    }


def choose_third(pages: Path) -> dict[str, list[tuple[str, list[str]]]]:
    """The third set (`--set third`): pages of `Murrough-Foley/web-content-extraction-benchmark`
    (`pages` holds its `dev/ground-truth/` and `test/ground-truth/` folders; 1,507 pages of
    2025, one site each), chosen by their metadata, never their text: articles (the
    benchmark's page type) dated 2015 or later, without headings, in English, of 10-45
    paragraphs, from sites neither PolNeAR nor the first two sets has. Those filed as news
    (tagged so, or an address with a news section or a date) come first, the rest after,
    each in a seeded shuffle, up to `THIRD_COUNT`; then split by site as the second set is,
    into `tune3` and `test3` (read once)."""
    used = marked_sites(MARKS, SECOND_MARKS)
    news: list[tuple[str, list[str]]] = []
    other: list[tuple[str, list[str]]] = []
    for name, kind, blocks in eligible_pages(pages, used):
        (news if kind == "news" else other).append((name, blocks))
    random.Random(SEED).shuffle(news)
    random.Random(SEED).shuffle(other)
    chosen = one_page_a_site(news + other, THIRD_COUNT)
    return split_by_site(chosen, SEED, ("tune3", "test3"))


def choose_fourth(pages: Path) -> dict[str, list[tuple[str, list[str]]]]:
    """The fourth set (`--set fourth`): more pages of the third set's benchmark, by the same
    metadata rules, from sites none of the three marked sets (nor PolNeAR) has. News comes
    first this time, as the issue's target is news: pages filed as news (by tag or address),
    then as analysis, then the others, lists and guides last, each kind in a seeded shuffle,
    one page a site, up to `FOURTH_COUNT`; split by site into `tune4` and `test4` (read once)."""
    used = marked_sites(MARKS, SECOND_MARKS, THIRD_MARKS)
    by_kind: dict[str, list[tuple[str, list[str]]]] = {
        k: [] for k in ("news", "analysis", "other", "list")
    }
    for name, kind, blocks in eligible_pages(pages, used):
        by_kind[kind].append((name, blocks))
    ordered: list[tuple[str, list[str]]] = []
    for kind_pages in by_kind.values():
        random.Random(FOURTH_SEED).shuffle(kind_pages)
        ordered.extend(kind_pages)
    return split_by_site(one_page_a_site(ordered, FOURTH_COUNT), FOURTH_SEED, ("tune4", "test4"))


FIFTH_COUNT = 60
FIFTH_SEED = 2026
FIFTH_MIN_PARAGRAPHS = 10
FIFTH_MAX_PARAGRAPHS = 60
FIFTH_PER_OUTLET = 3
FIFTH_MARKS = Path(__file__).with_name("data") / "news-outlets-5.json"
FIFTH_OUTLETS = {
    "aclu": "aclu",
    "ars": "arstechnica",
    "bbc": "bbc",
    "breitbart": "breitbart",
    "buzzfeed": "buzzfeed",
    "citylab": "citylab",
    "cnet": "cnet",
    "cnn": "cnn",
    "engadget": "engadget",
    "guardian": "guardian",
    "herald-sun": "heraldsun",
    "lwn": "lwn",
    "medicalnewstoday": "medicalnewstoday",
    "msn": "msn",
    "nytimes": "nytimes",
    "quanta": "quanta",
    "salon": "salon",
    "seattletimes": "seattletimes",
    "telegraph": "telegraph",
    "theverge": "theverge",
    "tmz": "tmz",
    "wapo": "washingtonpost",
    "webmd": "webmd",
    "yahoo": "yahoo",
}
"""Readability's test pages named after a news outlet (the name before "-1"), and the outlet."""
FIFTH_SITE_NAMES = {
    "NBC News": "nbcnews",
    "The Independent": "independent",
    "Atlas Obscura": "atlasobscura",
    "Kotaku": "kotaku",
    "WordPress Tavern": "wptavern",
}
"""Test pages named after what they test, whose metadata's site name is a news outlet or
magazine (blog engines and hosts such as Medium, Tumblr, Blogger and Fandom are not)."""
NUMBER = r"(\d+|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)"
FIFTH_LIST_TITLE = re.compile(rf"^(how to|{NUMBER} )|\bthe {NUMBER} \w+(est|ing)\b", re.IGNORECASE)
"""A title that files a page as a list or a guide ("How to …", "Seven secrets …", "The 8
coolest …")."""
FRONT_PAGE_TITLE = re.compile(r"\b(latest news|headlines|home ?page)\b", re.IGNORECASE)
"""A title that files a page as an outlet's front page, not an article."""
PAGE_DATE = re.compile(
    r"""(?:article:published_time|datePublished|date|pubdate|publish-date|DC\.date\.issued)"""
    r"""["']?\s*(?:content=|:\s*)["'](\d{4}-\d{2}-\d{2})"""
)
"""A publication date in a page's own markup (a meta tag or JSON-LD), when its metadata has none."""
BLOCK_TAGS = frozenset("p li blockquote pre dt dd td h1 h2 h3 h4 h5 h6 div".split())
HEADING_TAGS = frozenset("h1 h2 h3 h4 h5 h6".split())
SKIPPED_TAGS = frozenset("script style figcaption".split())


class _Blocks(HTMLParser):
    """The text of an article body's blocks, in order, each with whether it is a heading."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[tuple[bool, str]] = []
        self.text: list[str] = []
        self.open: list[str] = []
        self.skipping = 0

    def flush(self) -> None:
        text = " ".join("".join(self.text).split())
        if text:
            self.blocks.append((any(t in HEADING_TAGS for t in self.open), text))
        self.text = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in SKIPPED_TAGS:
            self.skipping += 1
        elif tag in BLOCK_TAGS:
            self.flush()
            self.open.append(tag)
        elif tag == "br":
            self.text.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag in SKIPPED_TAGS:
            self.skipping = max(0, self.skipping - 1)
        elif tag in BLOCK_TAGS:
            self.flush()
            if tag in self.open:
                del self.open[len(self.open) - 1 - self.open[::-1].index(tag) :]

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.text.append(data)


def body_blocks(html: str) -> tuple[list[str], list[int]]:
    """The paragraphs of an article body (blocks of four words or more, headings left out) and
    the paragraph numbers a sub-heading stood before (a hint kept apart from the text)."""
    parser = _Blocks()
    parser.feed(html)
    parser.close()
    parser.flush()
    blocks: list[str] = []
    headings: list[int] = []
    for heading, text in parser.blocks:
        if heading:
            if not headings or headings[-1] != len(blocks):
                headings.append(len(blocks))
        elif len(text.split()) >= MIN_WORDS:
            blocks.append(text)
    return blocks, [h for h in headings if h < len(blocks)]


def page_date(metadata: dict[str, Any], source: str) -> str:
    """The page's publication date (YYYY-MM-DD) from its metadata or its own markup, or
    "unknown"."""
    found = re.match(r"\d{4}-\d{2}-\d{2}", metadata.get("publishedTime") or "")
    if found:
        return found.group(0)
    in_markup = PAGE_DATE.search(source)
    return in_markup.group(1) if in_markup else "unknown"


def readability_outlet(page: str, metadata: dict[str, Any]) -> str | None:
    """The news outlet of a Readability test page, by its folder name or its metadata's site
    name, or None (a synthetic test, a blog engine, an outlet not on the lists)."""
    prefix = re.sub(r"-\d+$", "", page)
    return FIFTH_OUTLETS.get(prefix) or FIFTH_SITE_NAMES.get(metadata.get("siteName") or "")


def fifth_pages(pages: Path) -> list[tuple[str, str, list[str], list[int]]]:
    """(file name, date, paragraphs, heading positions) of every page the fifth set's rules
    admit, in folder order, before the cap of pages an outlet."""
    found: list[tuple[str, str, list[str], list[int]]] = []
    for folder in sorted(p for p in pages.iterdir() if (p / "expected.html").is_file()):
        metadata = json.loads((folder / "expected-metadata.json").read_text(encoding="utf-8"))
        outlet = readability_outlet(folder.name, metadata)
        title = metadata.get("title") or ""
        if outlet is None or FIFTH_LIST_TITLE.search(title) or FRONT_PAGE_TITLE.search(title):
            continue
        blocks, headings = body_blocks((folder / "expected.html").read_text(encoding="utf-8"))
        lang = (metadata.get("lang") or "").lower()
        if not lang.startswith("en") and (lang or not is_english(" ".join(blocks))):
            continue
        source = (folder / "source.html").read_text(encoding="utf-8", errors="replace")
        date = page_date(metadata, source)
        if date != "unknown" and date < THIRD_FIRST_YEAR:
            continue
        if FIFTH_MIN_PARAGRAPHS <= len(blocks) <= FIFTH_MAX_PARAGRAPHS:
            found.append((f"{outlet}_{folder.name}.txt", date, blocks, headings))
    return found


def choose_fifth(pages: Path) -> dict[str, list[tuple[str, list[str]]]]:
    """The fifth set (`--set fifth`): reported news from Mozilla Readability's test pages
    (`pages` is its `test/test-pages/` folder), chosen by folder name and metadata, never the
    text: pages of news outlets and magazines (`FIFTH_OUTLETS`, `FIFTH_SITE_NAMES`), English,
    not a list or guide by their title, dated 2015 or later where the page has a date, of
    10-60 paragraphs once sub-headings are taken out; a seeded shuffle, at most three pages an
    outlet, up to `FIFTH_COUNT`. All of it is `test5`, held out: nothing is tuned on it.
    A sub-heading is not a paragraph: it is left out of the text (and `heading_hints` keeps
    where it stood, apart, for no marker to read)."""
    found = [(name, blocks) for name, _, blocks, _ in fifth_pages(pages)]
    random.Random(FIFTH_SEED).shuffle(found)
    chosen: list[tuple[str, list[str]]] = []
    per_outlet: dict[str, int] = {}
    for name, blocks in found:
        outlet = name.split("_", 1)[0]
        if len(chosen) < FIFTH_COUNT and per_outlet.get(outlet, 0) < FIFTH_PER_OUTLET:
            per_outlet[outlet] = per_outlet.get(outlet, 0) + 1
            chosen.append((name, blocks))
    return {"test5": chosen}


def heading_hints(pages: Path, out: Path) -> None:
    """Write where each chosen page's sub-headings stood (paragraph numbers, no text) to
    OUT/heading-hints.json: kept apart from what the marker reads, never used to mark."""
    chosen = {name for part in choose_fifth(pages).values() for name, _ in part}
    hints = {name: at for name, _, _, at in fifth_pages(pages) if name in chosen and at}
    (out / "heading-hints.json").write_text(json.dumps(hints, indent=1) + "\n", "utf-8")


def prepare(ground_truth: Path, out: Path, chooser: Chooser | None = None) -> int:
    for part, articles in (chooser or choose)(ground_truth).items():
        folder = out / part
        folder.mkdir(parents=True, exist_ok=True)
        for name, blocks in articles:
            lines = [f"[{i}] {p}" for i, p in enumerate(blocks)]
            (folder / name).write_text("\n\n".join(lines) + "\n", encoding="utf-8")
        print(f"{part}: {len(articles)} articles in {folder}", file=sys.stderr)
    return 0


def build(ground_truth: Path, out: Path, marks_file: Path, chooser: Chooser | None = None) -> int:
    marks = json.loads(marks_file.read_text(encoding="utf-8"))["articles"]
    count = 0
    for part, articles in (chooser or choose)(ground_truth).items():
        folder = out / part
        folder.mkdir(parents=True, exist_ok=True)
        for name, blocks in articles:
            mark = marks.get(name)
            if mark is None:
                continue
            starts = set(mark["starts"])
            lines: list[str] = []
            for i, block in enumerate(blocks):
                if i in starts:
                    lines.append("==========")
                lines.append(block)
            (folder / name).write_text("\n".join(lines) + "\n", encoding="utf-8")
            count += 1
    print(f"{count} marked articles in {out}", file=sys.stderr)
    return 0


def digests(ground_truth: Path, out: Path) -> int:
    for part, articles in choose(ground_truth).items():
        folder = out / part
        folder.mkdir(parents=True, exist_ok=True)
        for n in range(len(articles) // 3):
            lines: list[str] = []
            for _, blocks in articles[3 * n : 3 * n + 3]:
                lines.append("==========")
                lines.extend(blocks)
            (folder / f"digest-{n:02d}.txt").write_text("\n".join(lines) + "\n", "utf-8")
        print(f"{part}: {len(articles) // 3} digests in {folder}", file=sys.stderr)
    return 0


def score(
    ground_truth: Path, marks_file: Path, part: str, verbose: bool, chooser: Chooser | None = None
) -> int:
    from benchmarks.news_subtopics import score_articles

    marks = json.loads(marks_file.read_text(encoding="utf-8"))["articles"]
    chosen = (chooser or choose)(ground_truth)
    parts = tuple(chosen) if part == "all" else (part,)
    articles = [(name, blocks, marks.get(name)) for p in parts for name, blocks in chosen[p]]
    return score_articles([(n, b, m) for n, b, m in articles if m is not None], part, verbose)


def agreement(ground_truth: Path, marks_file: Path, second_file: Path, chooser: Chooser) -> int:
    """Print how a second marking of some pages agrees with the first: starts after the first
    paragraph marked by both, and Pk of the second against the first (k as `score` takes it)."""
    from benchmarks.segmentation import pk_windowdiff

    first = json.loads(marks_file.read_text(encoding="utf-8"))["articles"]
    second = json.loads(second_file.read_text(encoding="utf-8"))["articles"]
    lengths = {
        name: len(blocks) for part in chooser(ground_truth).values() for name, blocks in part
    }
    both = only_first = only_second = 0
    pk = base = 0.0
    for name, mark in second.items():
        a, b = set(first[name]["starts"]) - {0}, set(mark["starts"]) - {0}
        both, only_first, only_second = (
            both + len(a & b),
            only_first + len(a - b),
            only_second + len(b - a),
        )
        k = max(1, round(lengths[name] / len(first[name]["starts"]) / 2))
        pk += pk_windowdiff(first[name]["starts"], mark["starts"], lengths[name], k)[0]
        base += pk_windowdiff(first[name]["starts"], [0], lengths[name], k)[0]
        if a != b:
            print(f"{name}: first {sorted(a)}, second {sorted(b)}")
    count = max(1, len(second))
    print(
        f"{len(second)} pages marked twice: {both} starts (after the first paragraph) in both, "
        f"{only_first} only in the first marking, {only_second} only in the second; "
        f"Pk {pk / count:.4f} (no boundaries {base / count:.4f})"
    )
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("command", choices=("prepare", "build", "score", "digests", "agreement"))
    parser.add_argument("ground_truth", type=Path, help="the benchmark's ground-truth.json")
    parser.add_argument("out", type=Path, nargs="?", help="where prepare, build, digests write")
    parser.add_argument("--marks", type=Path, help="the marks (by default the set's file)")
    parser.add_argument(
        "--set", choices=("first", "second", "third", "fourth", "fifth"), default="first"
    )
    parser.add_argument(
        "--split",
        choices=(
            "tune",
            "report",
            "tune2",
            "test2",
            "tune3",
            "test3",
            "tune4",
            "test4",
            "test5",
            "all",
        ),
        default=None,
    )
    parser.add_argument("--second", type=Path, help="agreement: a second marking of some pages")
    parser.add_argument("-v", "--verbose", action="store_true", help="every article's sections")
    parser.add_argument(
        "--final", action="store_true", help="allow scoring a held-out part (read once, at the end)"
    )
    args = parser.parse_args()
    chooser, set_marks, first_split = {
        "first": (choose, MARKS, "tune"),
        "second": (choose_second, SECOND_MARKS, "tune2"),
        "third": (choose_third, THIRD_MARKS, "tune3"),
        "fourth": (choose_fourth, FOURTH_MARKS, "tune4"),
        "fifth": (choose_fifth, FIFTH_MARKS, "test5"),
    }[args.set]
    held_out_whole = args.set == "fifth"
    marks = args.marks or set_marks
    if args.command == "score":
        split = args.split or first_split
        if split not in (*chooser(args.ground_truth), "all"):
            parser.error(f"the {args.set} set has no part {split}")
        if (split != first_split or held_out_whole) and not args.final:
            parser.error(f"{split} is held out and read once, at the end: add --final to score it")
        return score(args.ground_truth, marks, split, args.verbose, chooser)
    if args.command == "agreement":
        if args.second is None:
            parser.error("agreement needs --second FILE")
        return agreement(args.ground_truth, marks, args.second, chooser)
    if args.out is None:
        parser.error(f"{args.command} needs OUT_DIR")
    if args.command == "prepare":
        if args.set == "fifth":
            args.out.mkdir(parents=True, exist_ok=True)
            heading_hints(args.ground_truth, args.out)
        return prepare(args.ground_truth, args.out, chooser)
    if args.command == "digests":
        return digests(args.ground_truth, args.out)
    return build(args.ground_truth, args.out, marks, chooser)


if __name__ == "__main__":
    sys.exit(main())
