"""Convert GUM's entity annotation to CoNLL-2003-style names (PER / ORG / LOC / MISC) for training.

    python scripts/gum_to_conll.py GUM_DIR OUT [--split train|dev|test] [--genres news,...]

GUM_DIR holds GUM's `dep/*.conllu` and `splits.md` (`amir-zeldes/gum`, e.g. `git --git-dir=G
archive COMMIT dep splits.md | tar x -C GUM_DIR`; the commit the shipped model used is in
`briefing/analysis/DATA.md`). OUT gets one `-DOCSTART-` document per GUM document of the
chosen genres and split (documents as `splits.md` lists them; `train` is every document listed
under neither `dev` nor `test`), one token a line (`TOKEN POS _ TAG`, BIO tags), which
`briefing.analysis.ner.conll.read_conll` reads like `eng.train`.

Genres: only those whose text licence allows training a model shipped under MIT, by GUM's
`LICENSE.txt`: `news` and `interview` (Wikinews, CC BY 2.5), `academic` and `court` (CC BY
4.0). The annotation is CC BY 4.0. Never the non-commercial genres (fiction, whow, essay,
letter, podcast, reddit); nor the share-alike ones (bio, voyage) by default.

GUM marks every mention of an entity (the `Entity` annotation of the MISC column: pronouns,
common noun phrases and names, nested), typed as person, organization, place, event, object,
abstract, time, substance, plant or animal. CoNLL marks names only, not nested, without a
leading "the" or title. So, per mention:

* it is a name only when its head (the token whose syntactic head is outside the mention) is a
  proper noun (Penn tag NNP / NNPS, which GUM keeps on every word of a name: "United" in
  "United States" is VERB in the universal tags), with a capital letter;
* the name is the run of proper nouns around that head inside the mention, joined over "&",
  over name particles ("von der Leyen", "bin") and, for other than people, over "of", "for",
  "de" when a proper noun follows ("Museum of Flight"; "Secretary of State" before a person's
  name is not part of it), and over a number after a non-person's name ("Apollo 11"); a person's
  name stops at a title word ("President");
* its type: person -> PER (a plural proper noun, "Democrats", -> MISC, as CoNLL marks such
  groups), organization -> ORG (LOC when GUM links it to a place elsewhere: a country's
  government or national team, which CoNLL marks LOC), place -> LOC, event / object / abstract
  -> MISC (named events, works, products, laws, languages; a one-word name in a mention with a
  year, an academic citation "(Quilis 1984)", -> PER); time, substance, plant and animal names
  are left unmarked, and so are "Figure 1", "Table 2" and the like;
* of overlapping names the longer is kept (an outer mention's name over a name inside it);
  names that do not overlap are all kept ("Seattle" and "Museum of Flight" in "Seattle's
  Museum of Flight").

A capitalised adjective inside a sentence that is not all title case ("American", "Islamic"),
outside any name and not before another capitalised word, is MISC, as CoNLL marks nationalities
and the like (GUM does not mark these
adjectives as mentions at all).
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import Counter
from collections.abc import Container, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

ALLOWED_GENRES = ("news", "interview", "academic", "court")
"""Genres whose text is CC BY (GUM's LICENSE.txt): usable for a model shipped under MIT."""

TYPE_MAP = {
    "person": "PER",
    "organization": "ORG",
    "place": "LOC",
    "event": "MISC",
    "object": "MISC",
    "abstract": "MISC",
}
"""GUM entity type -> CoNLL type; the others (time, substance, plant, animal) are not kept."""

PARTICLES = frozenset(
    "von van der den de del della di da dos das du la le bin ibn al el ben ter".split()
)
"""Lower-case words inside people's and other names ("Ursula von der Leyen")."""

CONNECTORS = frozenset(["of", "for", "de", "on"])
"""Lower-case words inside the names of organisations, places and things ("Bank of America")."""

TITLE_WORDS = frozenset(
    """mr mr. mrs mrs. ms ms. dr dr. prof prof. sir dame lord lady president minister premier
    secretary chancellor senator sen. rep. representative gov. governor mayor judge justice
    king queen prince princess pope general gen. colonel col. captain capt. lt. sgt. admiral
    adm. ambassador minister chairman chairwoman chair ceo administrator commissioner director chief
    officer deputy vice prime saint st. st sheikh rev. reverend father bishop archbishop cardinal
    speaker emperor professor doctor detective inspector sergeant lieutenant major""".split()
)
"""Words that title a person's name and are not part of it in CoNLL's marking."""

_OPEN = re.compile(r"\((\d+)-([a-z]+)(?:-([^()]*))?(\))?")
_CLOSE = re.compile(r"(\d+)\)")


@dataclass
class Token:
    """One word of a GUM sentence (multi-word token lines and empty nodes are skipped)."""

    form: str
    upos: str
    xpos: str
    head: int
    """0 for the root, else the 1-based index of the head word in the sentence."""


@dataclass
class Mention:
    """A GUM entity mention: token range [start, end) and the entity type."""

    start: int
    end: int
    etype: str
    identity: str = ""
    """The Wikipedia title GUM links the entity to, if any."""


@dataclass
class Sentence:
    tokens: list[Token] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)


def parse_entity(value: str) -> Iterator[tuple[str, str, str, str]]:
    """The brackets of one token's `Entity=` value in order: ("open", id, type, identity),
    ("close", id, "", "") or ("single", id, type, identity) for a mention of one token. The
    fields after the type are infstat-salience-centering-minspan-link[-identity]."""
    pos = 0
    while pos < len(value):
        m = _OPEN.match(value, pos)
        if m:
            fields = (m.group(3) or "").split("-", 5)
            identity = fields[5] if len(fields) > 5 else ""
            yield ("single" if m.group(4) else "open"), m.group(1), m.group(2), identity
            pos = m.end()
            continue
        m = _CLOSE.match(value, pos)
        if m:
            yield "close", m.group(1), "", ""
            pos = m.end()
            continue
        pos += 1  # anything else (should not occur) is skipped


def read_conllu(text: str) -> Iterator[Sentence]:
    """Sentences of a GUM CoNLL-U document, with their entity mentions."""
    sent = Sentence()
    open_: dict[str, list[tuple[int, str, str]]] = {}
    for line in text.splitlines():
        if not line.strip():
            if sent.tokens:
                yield sent
            sent = Sentence()
            open_ = {}
            continue
        if line.startswith("#"):
            continue
        cols = line.split("\t")
        if len(cols) < 10 or not cols[0].isdigit():
            continue  # "1-2" multi-word tokens, "1.1" empty nodes
        i = len(sent.tokens)
        head = int(cols[6]) if cols[6].isdigit() else 0
        sent.tokens.append(Token(cols[1], cols[3], cols[4], head))
        for part in cols[9].split("|"):
            if not part.startswith("Entity="):
                continue
            for kind, eid, etype, identity in parse_entity(part[len("Entity=") :]):
                if kind == "single":
                    sent.mentions.append(Mention(i, i + 1, etype, identity))
                elif kind == "open":
                    open_.setdefault(eid, []).append((i, etype, identity))
                elif open_.get(eid):
                    start, etype, identity = open_[eid].pop()
                    sent.mentions.append(Mention(start, i + 1, etype, identity))
    if sent.tokens:
        yield sent


def proper(tok: Token) -> bool:
    """A proper noun by its Penn tag (GUM keeps NNP on "United", "New" in names, whose
    universal tags are VERB, ADJ), with a capital letter (not a language code "it")."""
    return tok.xpos in ("NNP", "NNPS") and any(c.isupper() for c in tok.form)


def mention_head(sent: Sentence, m: Mention) -> int:
    """The first token of the mention whose syntactic head lies outside it."""
    for i in range(m.start, m.end):
        h = sent.tokens[i].head - 1
        if not m.start <= h < m.end:
            return i
    return m.end - 1


NUMBERED = frozenset("figure table factor listing chapter section appendix example".split())
"""First words of numbered parts of a text ("Figure 1"), which CoNLL does not mark."""


def name_span(
    sent: Sentence, m: Mention, places: Container[str] = ()
) -> tuple[int, int, str] | None:
    """The name inside a mention as (start, end, CoNLL type), or None when it names nothing.
    `places`: the Wikipedia titles of places, so that a country that acts (a government, a
    national team: an organization in GUM) is LOC, as CoNLL marks it."""
    typ = TYPE_MAP.get(m.etype)
    if typ is None:
        return None
    toks = sent.tokens
    h = mention_head(sent, m)
    if not proper(toks[h]):
        return None
    person = m.etype == "person"
    joins = PARTICLES if person else PARTICLES | CONNECTORS

    def is_name(i: int) -> bool:
        return proper(toks[i]) and not (person and toks[i].form.lower() in TITLE_WORDS and i != h)

    def joins_at(i: int, step: int) -> bool:
        """Whether token i (not a proper noun) joins the name, a proper noun beyond it."""
        j = i + step
        if not (m.start <= j < m.end and is_name(j)):
            return False
        w = toks[i].form
        return w == "&" or w.lower() in joins

    a = h
    while a - 1 >= m.start and (is_name(a - 1) or (joins_at(a - 1, -1) and a - 2 >= m.start)):
        a -= 1
    b = h + 1
    while b < m.end and (is_name(b) or joins_at(b, 1)):
        b += 1
    if not person and b < m.end and toks[b].upos == "NUM" and toks[b].form.isdigit():
        b += 1  # "Apollo 11"
    while a < b and not is_name(a):  # a name starts and ends with a proper noun
        a += 1
    if all(toks[i].form.lower() in TITLE_WORDS for i in range(a, b)):
        return None  # "the President"
    if toks[a].form.lower() in NUMBERED:
        return None
    if typ == "ORG" and m.identity and m.identity in places:
        typ = "LOC"
    if (
        typ == "MISC"
        and b - a == 1
        and any(t.form.isdigit() and len(t.form) == 4 for t in toks[m.start : m.end])
    ):
        typ = "PER"  # a citation, "(Quilis 1984)": GUM's mention is the work, CoNLL's the author
    if person and toks[h].xpos == "NNPS" and b - a == 1:
        typ = "MISC"  # "Democrats", "Americans"
    return a, b, typ


def title_case(sent: Sentence) -> bool:
    """Whether two thirds of the words of the sentence are capitalised (a heading)."""
    words = [t.form for t in sent.tokens if t.form[:1].isalpha()]
    caps = sum(w[:1].isupper() for w in words)
    return len(words) > 1 and caps * 3 > 2 * len(words)


def sentence_tags(sent: Sentence, places: Container[str] = ()) -> list[str]:
    """BIO tags of one sentence: the names of its mentions, longest first, without overlap."""
    spans = {s for m in sent.mentions if (s := name_span(sent, m, places)) is not None}
    tags = ["O"] * len(sent.tokens)
    for a, b, typ in sorted(spans, key=lambda s: (s[0] - s[1], s[0], s[2])):
        if all(t == "O" for t in tags[a:b]):
            tags[a] = "B-" + typ
            for k in range(a + 1, b):
                tags[k] = "I-" + typ
    if not title_case(sent):
        for i, t in enumerate(sent.tokens):
            if (
                i > 0
                and tags[i] == "O"
                and t.upos == "ADJ"
                and t.form[:1].isupper()
                and t.form[1:].islower()
                and not (i + 1 < len(tags) and sent.tokens[i + 1].form[:1].isupper())
            ):
                tags[i] = "B-MISC"
    return tags


def read_splits(text: str) -> dict[str, str]:
    """Document name -> "dev" / "test" / "test2", from GUM's `splits.md`."""
    out: dict[str, str] = {}
    split = ""
    for line in text.splitlines():
        if line.startswith("## "):
            split = line[3:].strip()
        elif line.strip().startswith("* ") and split:
            out[line.strip()[2:].strip()] = split
    return out


def documents(gum_dir: Path, split: str, genres: Sequence[str]) -> list[Path]:
    """The chosen documents' CoNLL-U files, in name order."""
    splits = read_splits((gum_dir / "splits.md").read_text("utf-8"))
    out = []
    for path in sorted((gum_dir / "dep").glob("GUM_*.conllu")):
        genre = path.stem.split("_")[1]
        if genre in genres and splits.get(path.stem, "train") == split:
            out.append(path)
    return out


def convert(paths: Sequence[Path]) -> tuple[str, Counter[str]]:
    """The documents in CoNLL form, and how many names of each type they hold."""
    lines: list[str] = []
    counts: Counter[str] = Counter()
    docs = [list(read_conllu(path.read_text("utf-8"))) for path in paths]
    places = {m.identity for d in docs for s in d for m in s.mentions if m.etype == "place"}
    places.discard("")
    for doc in docs:
        lines.append("-DOCSTART- -X- -X- O")
        lines.append("")
        for sent in doc:
            tags = sentence_tags(sent, places)
            counts.update(t[2:] for t in tags if t.startswith("B-"))
            for tok, tag in zip(sent.tokens, tags, strict=True):
                form = tok.form.replace(" ", "_")
                lines.append(f"{form} {tok.xpos} _ {tag}")
            lines.append("")
    return "\n".join(lines) + "\n", counts


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    ap.add_argument("gum_dir", type=Path, help="folder with GUM's dep/ and splits.md")
    ap.add_argument("out", type=Path)
    ap.add_argument("--split", default="train", choices=["train", "dev", "test"])
    ap.add_argument("--genres", default=",".join(ALLOWED_GENRES))
    args = ap.parse_args(argv)
    genres = [g for g in args.genres.split(",") if g]
    paths = documents(args.gum_dir, args.split, genres)
    text, counts = convert(paths)
    args.out.write_text(text, encoding="utf-8")
    print(
        f"{len(paths)} documents, {sum(counts.values())} names: "
        + ", ".join(f"{k} {v}" for k, v in sorted(counts.items())),
        file=sys.stderr,
    )


if __name__ == "__main__":
    main()
