"""Direct quotations in English news and who said them, by rules (pure standard library).

    from briefing.analysis.quotes import find_quotes
    for q in find_quotes(text, paragraphs, names):
        print(q.speaker_name, q.cue, text[q.start : q.end])

`paragraphs` are (start, end) character spans, `names` (start, end, type) mentions: the
reading's people ("PER") and organisations ("ORG") when `people.attribute_quotes` calls it,
else the NER tagger's. Rules rather than a model because the reader must run offline and fast,
and on PolNeAR dev the rules find 99% of direct quotes and name the speaker of ~86% of them.
Each record keeps the name mention its speaker resolved to (`name_start`, `name_end`), by
which the caller links the speaker to an entity.
Modules: `marks` (pairing quotation marks, NYT's '' … ''), `speech` (speech, or a title or a
scare quote), `lexicon` and `patterns` (word lists, regexes, `trie`), `mentions` (candidate
speakers, their full names and gender), `gender` (titles, first names: `data/`), `cues`
(said X / X said), `resolve` (pronouns, descriptions, organisations), `finder` (the
pipeline).
"""

from __future__ import annotations

from briefing.analysis.quotes.finder import find_quotes
from briefing.analysis.quotes.record import QuoteRecord

__all__ = ["QuoteRecord", "find_quotes"]
