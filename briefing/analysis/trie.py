"""Word lists compiled to regex alternations shaped as a prefix trie.

Python's `re` tries the branches of a flat alternation one by one at every position; with
~250 speech verbs that dominated the run time. Sharing prefixes (`sa(?:id|ys|y)`) lets a
failed match stop after a character or two.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

_Trie = dict[str, "_Trie"]
_END = ""  # key marking that a word ends at this node


def trie_regex(words: Iterable[str], after_first: str = "") -> str:
    """A non-capturing regex matching exactly `words` (no anchors or word boundaries added).

    `after_first` goes after the first character of every word: `WORD_START` there is a word
    boundary before it that still lets the regex engine skip ahead to the words' first
    letters (a leading `\\b` makes it try every position of the text)."""
    trie: _Trie = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[_END] = {}
    return _build(trie, after_first)


WORD_START = r"(?<!\w.)"
r"""After a pattern's first character (a word character): nothing of a word came before it.
`X(?<!\w.)…` matches what `\bX…` matches, but begins with X, which the regex engine scans
for directly."""


def _build(node: _Trie, after_first: str = "") -> str:
    alternatives: list[str] = []
    optional = False
    for key, child in sorted(node.items()):
        if key == _END:
            optional = True
            continue
        alternatives.append(re.escape(key) + after_first + _build(child))
    if not alternatives:
        return ""
    if len(alternatives) == 1 and not optional:
        return alternatives[0]  # a run of single letters needs no group: half the compile time
    body = "(?:" + "|".join(alternatives) + ")"
    return body + "?" if optional else body
