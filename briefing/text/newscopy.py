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


# --- headlines ----------------------------------------------------------------------------------

HEADLINE_MAX_WORDS = 25
"""A styled headline (title case, a kicker, a question) runs to about 20 words; a line of 30 or
more is a lede however it is set."""
QUOTING_HEADLINE_MAX_WORDS = 15
"""A sentence-case line that quotes is a headline only this short ("Mayor calls plan ‘a
disgrace’"): a lede quotes too, and runs on with its attribution ("…," the mayor said on …)."""
_HEADLINE_ENDS = tuple(".?!;'\"’”)")
"""How a headline may end besides a letter or digit: archive copy ends one with "." or ";"."""
_RUNS_ON = tuple(",:—–-")
"""A line ending so runs on into the next one."""
_MINOR_WORDS = frozenset(
    """
    a an the and or but nor for so yet of to in on at by up as from with into onto over via vs
    v per than off out if amid after before about against among around between through under
    upon without
    """.split()
)
"""Words title case may leave in lower case: articles, conjunctions and prepositions."""
_TOKEN_EDGES = "\"'‘’“”«»()[]{}.,;:!?…—–-"
_KICKER = re.compile(r"^([^:]{2,40}):\s+[\"'‘“(]?[A-Z0-9]")
"""A kicker before a colon ("Analysis: Ports Brace for …"), the headline after it capitalised."""
_KICKER_MAX_WORDS = 5
_LINK = re.compile(rf"https?://|www\.|{_EMAIL.pattern}")


def has_address(line: str) -> bool:
    """A web or mail address: a line holding one is a header or a link, never a headline."""
    return _LINK.search(line) is not None


def is_title_case(line: str) -> bool:
    """Every word of the line after the first is capitalised, as a headline sets them, but
    for articles, conjunctions and prepositions; and there are two or more. A sentence full
    of names still has a verb in lower case ("Leaders of Chad and Niger met in Paris.")."""
    capital = 0
    for token in line.split()[1:]:
        word = token.strip(_TOKEN_EDGES)
        if not word or not word[0].isalpha():
            continue  # numbers, dashes, quotation marks on their own
        if word[0].isupper():
            capital += 1
        elif word.lower() not in _MINOR_WORDS:
            return False
    return capital >= 2


_QUOTED = re.compile(r"(?:^|\s)[\"‘“'][^\"’”']{2,60}[\"’”']")
"""A quoted phrase: what a headline quotes ("Mayor Calls Plan ‘a Disgrace’")."""


def headline_style(line: str) -> bool:
    """Whether a line (a document's first) is set as a headline: title case, a kicker before
    a colon, a question, an exclamation or the ";" archive copy ends headlines with, in no
    more than `HEADLINE_MAX_WORDS`; or a quoted phrase in no more than
    `QUOTING_HEADLINE_MAX_WORDS`. It opens with a capital, a digit or a quotation mark, ends a
    headline's way, and is no byline, dateline, list item or address. A plain sentence-case
    line is not one: it reads as a lede ("A year on, the town is still rebuilding."). Whether a
    longer paragraph follows (a headline stands over one) is for the caller to ask."""
    words = line.split()
    if not words or len(words) > HEADLINE_MAX_WORDS:
        return False
    first = line.lstrip("\"'‘“(")[:1]
    if not (first.isupper() or first.isdigit()):
        return False
    if line.endswith(_RUNS_ON) or not (line[-1].isalnum() or line.endswith(_HEADLINE_ENDS)):
        return False
    if is_byline(line) or DATELINE.match(line) or _BULLET.match(line) or has_address(line):
        return False
    if line.rstrip("'\"’”)").endswith(("?", "!", ";")):
        return True
    kicker = _KICKER.match(line)
    if kicker is not None and len(kicker.group(1).split()) <= _KICKER_MAX_WORDS:
        return True
    if len(words) <= QUOTING_HEADLINE_MAX_WORDS and _QUOTED.search(line):
        return True
    return is_title_case(line)
