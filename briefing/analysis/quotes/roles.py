"""Descriptions to people by role: "the Texas senator" is the person the text calls a senator
from Texas.

News refers back to a person it has named by a description built from their role ("the former
secretary of state", "the Wisconsin Republican", "the billionaire businessman"). When more than
one person could be meant, the words the text puts around each person's names (a title before
the name, an apposition or a parenthesis after it) are matched against the description's words;
the person who holds most of them, and the more recent of two who hold as many, is meant.
"""

from __future__ import annotations

import re

from briefing.analysis.ner.labels import PER
from briefing.analysis.quotes.lexicon import CAP_STOP, CORE_TITLES, TITLE_FORMS, TITLE_HEADS
from briefing.analysis.quotes.mentions import Mention, Mentions

_WORD_RE = re.compile(r"[A-Za-z][\w-]*\.?")
_TOKEN_BEFORE_RE = re.compile(r"([\w.&’'-]+)\s+$")
_PAREN_AFTER_RE = re.compile(r"\s*\(([^()]{1,40})\)")
_APPOSITION_AFTER_RE = re.compile(
    r",\s+(?:a|an|the|who\s+is\s+(?:a|an|the))\s+([^,;:()\"“”]{1,80})"
)
_MAX_TITLE_TOKENS = 6
_ROLE_WINDOW = 8000
"""How far back (characters) a description looks for the person it names: a long article's
length, so that a long report of many articles costs no more per description than one."""

_FILLER = frozenset(
    "the a an of for and to in on at by with from his her their its former then current "
    "longtime onetime new one two".split()
)
"""Words a description and a role share without saying anything ("the former …")."""
_ROLE_LOWER = (frozenset(CORE_TITLES) | TITLE_HEADS | frozenset(TITLE_FORMS) | _FILLER) - {
    "and",
    "to",
    "with",
    "by",
    "from",
    "for",
    "in",
    "on",
    "at",
    "his",
    "her",
    "their",
    "its",
}
"""Lower-case words a title before a name may hold ("former secretary of state", "presumptive
nominee"); a capitalised word always may ("Florida Sen.", "GOP")."""


def _words(text: str) -> set[str]:
    """The lower-case words of a piece of role text, titles in their one form ("Sen." ->
    "senator"), filler words left out."""
    out: set[str] = set()
    for w in _WORD_RE.findall(text):
        low = w.lower()
        low = TITLE_FORMS.get(low, low.rstrip("."))
        if low not in _FILLER:
            out.add(low)
    return out


def _title_before(text: str, start: int) -> str:
    """The run of title words right before a name ("former Florida Gov." in "former Florida
    Gov. Jeb Bush"): capitalised words and title words, back to the first other word or a
    capitalised word that is no name's (a weekday, a sentence opener)."""
    pos = start
    for _ in range(_MAX_TITLE_TOKENS):
        tok = _TOKEN_BEFORE_RE.search(text, max(0, pos - 40), pos)
        if tok is None:
            break
        word = tok.group(1)
        if word in CAP_STOP or not (word[0].isupper() or word.lower() in _ROLE_LOWER):
            break  # "On Monday former Florida Gov. …": the weekday is no part of the title
        pos = tok.start()
    return text[pos:start]


def role_words(mentions: Mentions, m: Mention) -> set[str]:
    """The words the text puts around one person mention: the title right before it
    ("former Florida Gov. Jeb Bush"), a parenthesis after it ("(R-Texas)") and an apposition
    after it (", the Wisconsin Republican,")."""
    text = mentions.text
    words = _words(_title_before(text, m.start))
    paren = _PAREN_AFTER_RE.match(text, m.end)
    if paren:
        words |= _words(paren.group(1).replace("-", " "))
    appos = _APPOSITION_AFTER_RE.match(text, m.end)
    if appos:
        words |= _words(appos.group(1))
    return words


def role_match(
    mentions: Mentions, s: int, description: str, want: str | None = None
) -> Mention | None:
    """The person before s whose role words hold most of the description's words ("the Texas
    senator": the one named "Texas Sen. Ted Cruz"); None when nobody holds any, or two hold
    as many (then salience decides). `want` ("m"/"f"): the description's sex, which rules out a
    person of the other. Only people named in the `_ROLE_WINDOW` characters before s count."""
    wanted = _words(description)
    if not wanted:
        return None
    roles: dict[str, set[str]] = {}
    latest: dict[str, Mention] = {}
    for c in mentions.between(max(0, s - _ROLE_WINDOW), s, kinds=(PER,)):
        if want is not None and mentions.gender_of(c) not in (None, want):
            continue
        key = mentions.person_key(c)
        words = mentions.roles.get(c.start)
        if words is None:
            words = mentions.roles[c.start] = role_words(mentions, c)
        roles.setdefault(key, set()).update(words)
        latest[key] = c
    scored = sorted(
        ((len(wanted & words), latest[key]) for key, words in roles.items()),
        key=lambda sc: -sc[0],
    )
    if not scored or scored[0][0] == 0 or (len(scored) > 1 and scored[1][0] == scored[0][0]):
        return None  # nobody, or two people, hold as many of its words
    return scored[0][1]


def person_roles(mentions: Mentions, c: Mention, s: int) -> set[str]:
    """The role words the text gives the person of mention c in the `_ROLE_WINDOW` before s."""
    key = mentions.person_key(c)
    words: set[str] = set()
    for m in mentions.between(max(0, s - _ROLE_WINDOW), s, kinds=(PER,)):
        if mentions.person_key(m) == key:
            found = mentions.roles.get(m.start)
            if found is None:
                found = mentions.roles[m.start] = role_words(mentions, m)
            words |= found
    return words


def other_title(mentions: Mentions, c: Mention, s: int, description: str) -> bool:
    """The text titles c's person otherwise ("Mayor Bill de Blasio" for "the presidential
    candidate"): they hold a title of `TITLE_HEADS` and not the description's head."""
    head = description.split()[-1].lower()
    head = TITLE_FORMS.get(head, head)
    titles = person_roles(mentions, c, s) & TITLE_HEADS
    return bool(titles) and head not in titles
