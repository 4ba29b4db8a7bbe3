"""From NER mentions to the who's-who of one article (standard library only).

    from briefing.analysis.entities import build_entities
    from briefing.analysis.ner import extract, load_model
    for e in build_entities(text, paragraphs, extract(load_model(), text)):
        print(e.id, e.type, e.name, e.role, e.aliases)

The tagger marks names one occurrence at a time; a reader wants entities: "Mr. Holloway",
"Holloway's" and "Canadian Prime Minister Mark Holloway" as one person with a role. The steps,
one module each:

0. `spans`: names whole: the tagger's fragments of one name joined ("New" + "York Times",
   "Council on" + "Foreign Relations"), a person's initial, first name and "Jr." added, known
   names the tagger's tokens cut apart found ("AT&T");
1. `trim`: cut each mention down to the name (possessive, "the", honorifics, titles, party
   labels), by an ordered list of small named rules; `clean`: split compounds and drop junk
   (dates, bare titles, nationalities, slogans, abbreviations of common nouns,
   sentence-initial common words); a first name and a surname are a person's name
   (`kinds.person_shaped`, with `personnames`);
2. `aliases`: add the names the text defines (acronym pairs from `acronyms`, "which X calls Y",
   "also known as");
3. `link`: cluster mentions by key, country table, shipped knowledge (`knowledge`: "ISIS" and
   "Islamic State"), person name parts (`names`: never two full names, never a father and a
   "Jr."; a shared surname by the sex the text gives), acronym initials, "Ministry of X" <->
   "X Ministry", company short names and a name's last word, then find the further
   occurrences of every linked form;
4. `records`: name, type (`kinds`: one decision over all mentions from the tagger's votes, the
   words around them (`cues`), the shipped knowledge and the forms) and role (`roles`) each
   cluster; a cluster that is only a common word or a lone first name is no entity.

Word lists are general English / news conventions (`data/entity_words.txt`, `data/name_words.txt`,
`data/common_words.txt`, `data/person_names.txt`, `data/countries.json`) and well-known names
(`data/knowledge.txt`); their sources are in `briefing/analysis/DATA.md`. Nothing comes from
any particular article.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import replace
from operator import attrgetter

from briefing.analysis.entities.aliases import add_text_defined
from briefing.analysis.entities.clean import (
    JunkMemo,
    dedupe,
    is_junk,
    merge_adjacent,
    split_affixed_heads,
    split_compounds,
)
from briefing.analysis.entities.kinds import name_like, person_shaped
from briefing.analysis.entities.lexicon import lexicon
from briefing.analysis.entities.link import scan_more
from briefing.analysis.entities.names import person_name, suffix_of
from briefing.analysis.entities.norm import split_words
from briefing.analysis.entities.records import EntityRecord, assemble
from briefing.analysis.entities.spans import join_fragments, known_missed
from briefing.analysis.entities.tokenized import NameMention, TokenizedText
from briefing.analysis.entities.trim import trim_mention
from briefing.analysis.ner.labels import LABEL_OF, LOC, PER
from briefing.model import EntityType

__all__ = ["EntityRecord", "EntityType", "build_entities"]


def _person_s_name(surface: str) -> bool:
    """A first name and a surname, or "Jr.": a person's name, whatever the tagger said."""
    return (
        # one word is never a full name (`name_like`): not asked
        (len(split_words(surface)) >= 2 and person_shaped(surface))
        or suffix_of(person_name(surface)) in ("Jr.", "Sr.")
    )


def build_entities(
    text: str,
    paragraphs: Sequence[tuple[int, int]],
    mentions: Sequence[tuple[int, int, str]],
    doc: TokenizedText | None = None,
) -> list[EntityRecord]:
    """The entities of `text`, in order of first mention.

    `paragraphs` are (start, end) character spans (empty: the whole text is one paragraph);
    `mentions` are (start, end, type) spans with type PER / ORG / LOC / MISC, as
    `briefing.analysis.ner.extract` returns them. Uses the shipped NER model's word lists
    (loaded once; shared with `briefing.analysis.ner.load_model`). `doc` is `text` already
    tokenised (`TokenizedText(text, paragraphs)`), when the caller has it.
    """
    lex = lexicon().common
    if doc is None:
        doc = TokenizedText(text, paragraphs)

    # 1. names whole; clean, split compounds, drop junk
    mentions = join_fragments(doc, mentions)
    mentions = sorted([*mentions, *known_missed(doc, mentions)])
    ms: list[NameMention] = []
    places = {text[s:e] for s, e, t in mentions if t == LOC and "-" not in text[s:e]}
    doc.surnames = {
        words[-1] for s, e, t in mentions if t == PER and len(words := text[s:e].split()) >= 2
    }
    junk_memo = JunkMemo()
    # a form's verdict depends on the form alone: asked once per form (of a few thousand)
    person_forms: dict[str, bool] = {}
    for s, e, t in merge_adjacent(text, split_affixed_heads(text, sorted(mentions))):
        m = trim_mention(doc, NameMention(int(s), int(e), LABEL_OF[t]))
        if m is None:
            continue
        for p in split_compounds(doc, m, places):
            if not is_junk(doc, p, lex, junk_memo):
                if p.ner != PER:
                    surface = p.surface(text)
                    person = person_forms.get(surface)
                    if person is None:
                        person = person_forms[surface] = _person_s_name(surface)
                    if person:
                        p = replace(p, ner=PER)
                ms.append(p)

    # people the text names with an honorific ("Mr. Obama") or the tagger reads as people
    # again and again are people in their full names too ("Sant Singh Chatwal")
    surfaces = [text[m.start : m.end] for m in ms]
    singles = Counter(s for m, s in zip(ms, surfaces, strict=True) if m.ner == PER and " " not in s)
    honoured = {s for m, s in zip(ms, surfaces, strict=True) if m.honorific} | {
        s for s, n in singles.items() if n >= 2
    }
    ms = [
        replace(m, ner=PER) if m.ner != PER and s.split()[-1] in honoured and name_like(s) else m
        for m, s in zip(ms, surfaces, strict=True)
    ]

    # 2. spans the text defines: acronym pairs, alternative names
    links = add_text_defined(doc, ms)
    ms.sort(key=attrgetter("start", "end"))
    ms = dedupe(ms)

    # 3. link, then find the further occurrences of the linked forms
    ms, uf = scan_more(doc, ms, links, lex)

    # 4. build the entities
    return assemble(doc, ms, uf)
