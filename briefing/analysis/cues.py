"""Discourse cues at the start of a paragraph: does it continue the topic or open a new one?

General English patterns of news and report prose, not the words of any one text.
"""

from __future__ import annotations

import re

from briefing.text.newscopy import split_dateline

_FIRST_WORD = re.compile(r"[^\w]*([^\W\d_]+)")

CONTINUATION_WORDS = frozenset(
    """
    he she they his her hers their theirs them him however but and also
    then thus so yet nevertheless moreover furthermore additionally instead therefore hence
    besides still nonetheless consequently accordingly likewise similarly otherwise
    """.split()
)
"""A paragraph opening with one of these leans on the one before it. First-person words (I, we,
our) are not among them: they name the writer, not something the paragraph before introduced,
and in blog and report posts a paragraph opening "We …" starts a section as often as any."""

_ORDINALS = r"(?:second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|final|last|further)"
_NOT_AN_ITEM = r"(?!of\b|time\b|half\b|quarter\b)"
STRONG_OPENER = re.compile(
    rf"""^(?:
        (?:in\ )?a\ separate\b
      | separately\b
      | (?:meanwhile|elsewhere)\b
      | in\ other\ (?:news|developments)\b
      | on\ (?:another|a\ different|a\ separate)\ (?:front|issue|matter|note)\b
      | turning\ to\b
      | (?:a|in\ a|at\ a)\ {_ORDINALS}\ {_NOT_AN_ITEM}[^\W\d_]+
    )""",
    re.IGNORECASE | re.VERBOSE,
)
"""A paragraph opening like this introduces a new item ("A separate agreement …", "A third
meeting …", "Meanwhile, …", "Turning to the economy, …")."""
WEAK_OPENER = re.compile(
    rf"""^(?:
        the\ {_ORDINALS}\ {_NOT_AN_ITEM}[^\W\d_]+
      | another\ (?!of\b|time\b|reason\b|way\b|thing\b|one\b)[^\W\d_]+
    )""",
    re.IGNORECASE | re.VERBOSE,
)
"""Openers that often start a new item but as often add one more to a list ("Another critic
said …", "The final results …")."""
_QUOTE_OPEN = re.compile(r"^\s*[“”\"‘'«]")


def continues(paragraph: str) -> bool:
    """True when the paragraph opens with a word that refers back ("He …", "However, …")."""
    match = _FIRST_WORD.match(paragraph)
    return match is not None and match.group(1).lower() in CONTINUATION_WORDS


def announces(paragraph: str) -> bool:
    """The paragraph ends with a colon: it introduces what follows ("Imagine that she:")."""
    return paragraph.rstrip().endswith(":")


def may_open_section(previous: str | None, paragraph: str) -> bool:
    """Whether a section may start at `paragraph`: not when it refers back (`continues`) or
    when the one before announces it (`announces`). The first paragraph always may."""
    return previous is None or not (continues(paragraph) or announces(previous))


def topic_cue(paragraph: str) -> float:
    """How strongly the paragraph's opening announces a new item: 1 for a strong cue, 0.5 for
    a weak one, 0 for none. Inside a quotation nothing counts: a quoted "A second …" is the
    speaker's enumeration, not the article's. A dateline ("WASHINGTON — …") opens a story,
    and a run-in heading in capitals ("NEW RULES — …") has the same shape: both are strong."""
    if _QUOTE_OPEN.match(paragraph):
        return 0.0
    text = paragraph.lstrip()
    if STRONG_OPENER.match(text) or opens_story(text):
        return 1.0
    if WEAK_OPENER.match(text):
        return 0.5
    return 0.0


def opens_story(block: str) -> bool:
    """The block opens with a dateline ("WASHINGTON — …"): a news story starts here."""
    return split_dateline(block.lstrip())[0] is not None


def opens_quotation(paragraph: str) -> bool:
    """The paragraph opens with a quotation mark: a speaker's words, which in news back up the
    point before them more often than they open a new one."""
    return _QUOTE_OPEN.match(paragraph) is not None


def opens_topic(paragraph: str) -> bool:
    return topic_cue(paragraph) > 0
