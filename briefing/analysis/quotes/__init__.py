"""Direct quotations in English news and who said them, by rules (pure standard library).

    from briefing.analysis.quotes import find_quotes
    for q in find_quotes(text, paragraphs, names):
        print(q.speaker_name, q.cue, text[q.start : q.end])

`paragraphs` are (start, end) character spans, `names` the NER tagger's (start, end, type)
mentions. Rules rather than a model because the reader must run offline and fast, and on
PolNeAR dev the rules find 99.8% of direct quotes and name the speaker of ~86% of them.
Modules: `marks` (pairing quotation marks), `speech` (speech or not), `lexicon` and
`patterns` (word lists, regexes, `trie`), `mentions` (candidate speakers), `cues` (said X /
X said), `resolve` (pronouns, full names), `finder` (the pipeline).
"""

from __future__ import annotations

from briefing.analysis.quotes.finder import find_quotes
from briefing.analysis.quotes.record import QuoteRecord

__all__ = ["QuoteRecord", "find_quotes"]
