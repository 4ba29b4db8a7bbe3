"""General patterns of news copy: datelines, bylines and trailing credit boilerplate.

These are shapes every wire story and news site uses ("CITY, Country —", "By Name",
"… contributed to this report", "can be reached at", comment and newsletter blurbs), never the
strings of any one article.
"""

from __future__ import annotations

import re

# "LAGOS, Nigeria — ", "WASHINGTON (Reuters) - ", "NEW YORK, March 3 (AP) — ",
# "CASPER, Wyo. — " (a state's abbreviation, as US wire copy writes it).
# The place is in capitals, as datelines are; what follows the comma is short and has no dash.
DATELINE = re.compile(
    r"""^(?P<dateline>
        [A-Z][A-Z.'’\-]+(?:\ [A-Z][A-Z.'’\-]*){0,3}   # CITY in capitals, up to four words
        (?:,\ (?:[A-Z][a-z]{0,5}\.(?:[A-Z]\.)?        # , Wyo. / , Calif. / , N.C.
              |[^—–\-\n.!?]{2,40}?))?                  # , Country / , date
        (?:\ ?\([^)\n]{1,40}\))?                       # (Agency)
    )\s*(?:—|–|--|-)\s+""",
    re.VERBOSE,
)

BYLINE = re.compile(r"^(?:by|written by)\s+\S.{0,120}$", re.IGNORECASE)

_EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.-]+")
_BULLET = re.compile(r"^[•·*▪‣◦–-]\s+")
_CREDIT_CUES = re.compile(
    r"""
      can\ be\ reached\ at
    | contributed\ (?:to\ )?(?:this\ )?(?:report|reporting|story|article)
    | (?:additional\ )?reporting\ by
    | ^\(?(?:writing|editing|compiled|produced|reported)\ by\b
    | \bedited\ by\b
    | comment(?:ing)?\ policy | before\ commenting | comments?\ (?:are|is)\ (?:closed|moderated)
    | newsletter | sign\ up\ (?:for|to) | subscribe\ (?:to|for|now)
    | all\ rights\ reserved | ^©|copyright\ \d{4}
    | follow\ (?:us|him|her|them)\ on
    | ^(?:related|read\ more|more\ from|see\ also)\b\s*:?
    | this\ (?:story|article)\ (?:was|has\ been|originally|first)
      \ (?:updated|published|appeared|corrected)
    """,
    re.VERBOSE | re.IGNORECASE,
)
_STAFF_CUE = re.compile(
    r"\b(?:staff|writer|reporter|correspondent|editor|contributed|photo|photographs?)\b",
    re.IGNORECASE,
)

MAX_CREDIT_WORDS = 60


def split_dateline(paragraph: str) -> tuple[str | None, str]:
    """Split "CITY, Country — text" into ("CITY, Country", "text"); else (None, paragraph)."""
    match = DATELINE.match(paragraph)
    if not match:
        return None, paragraph
    rest = paragraph[match.end() :]
    if not rest or (not rest[0].isupper() and rest[0] not in "“\"‘'("):
        return None, paragraph
    # A capitalised word on its own ("THE END - ...") is not a place: require a letter pair.
    place = match.group("dateline").split(",")[0].split("(")[0].strip()
    if sum(c.isalpha() for c in place) < 2:
        return None, paragraph
    return match.group("dateline").strip(), rest


def is_byline(line: str) -> bool:
    return len(line.split()) <= 12 and BYLINE.match(line) is not None


def is_credit(paragraph: str) -> bool:
    """True for a trailing credit, contact or site-boilerplate line of news copy."""
    words = paragraph.split()
    if not words or len(words) > MAX_CREDIT_WORDS:
        return False
    if _CREDIT_CUES.search(paragraph):
        return True
    if _EMAIL.search(paragraph) and len(words) <= 25:
        return True
    return bool(_BULLET.match(paragraph) and _STAFF_CUE.search(paragraph))


def strip_bullet(line: str) -> str:
    """Credits are kept as plain sentences in metadata: drop a leading bullet."""
    return _BULLET.sub("", line).strip()
