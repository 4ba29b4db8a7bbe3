"""Quote detection and speaker attribution of briefing.analysis.quotes on PolNeAR.

    /tmp/venv/bin/python benchmarks/quotes_polnear.py DATA_DIR {train,dev} [--pipeline]
        [--errors {att,fn,fp} N] [--stand-in {nearest,agreeing}]
    /tmp/venv/bin/python benchmarks/quotes_polnear.py DATA_DIR test --pipeline --final

DATA_DIR holds SPLIT/text/*.txt and SPLIT/attributions/*.ann (BRAT), copied out of
networkdynamics/PolNeAR. Develop and tune on train and dev only. The test split is for a
one-time final report of the shipped pipeline: it is refused without `--final`, `--final`
needs `--pipeline`, and `--errors` is refused with it, so no test example is ever printed.

Default mode: `find_quotes` on the raw text, its paragraphs one a line, with names (the
`names` input) from the prototype NER tagger (/work/proto/ner, `extract`), read from the cache
DATA_DIR/SPLIT.ner.json.gz that the prototype evaluation wrote, not gold entities.
`--pipeline`: what the reader ships, end to end: `briefing.ingest.document_from_text(raw)`
then `briefing.analysis.people.entities_and_quotes(document)` (the package's own tagger,
entity linking and quote finder). `document_from_text` rewrites the text (title, byline,
dateline and credits go to metadata, paragraphs are stripped and re-joined, control
characters replaced), so each body paragraph is found again in the raw text, in order, with
any white space run matching any other and a control picture or U+FFFD matching any one
character; quotes and mentions are mapped back through it. Quotes that cannot be mapped, and
gold quotes outside every mapped paragraph (lost to metadata), are counted and printed.

Gold direct quote: an attribution whose content holds a quotation-mark segment of >= 4 words
(first annotator's .ann only); double marks only, unless `--doubled-apostrophes` (NYT's
'' … '' too). Recall: gold direct quotes overlapped by a predicted quote.
Precision: predicted quotes overlapping any gold content (P_strict: a gold direct quote).
Speaker accuracy, over detected gold quotes with a source: the gold speaker is the source
text, pronoun sources and "the <title>" sources going to the nearest preceding named gold
source; correct when the predicted speaker_name shares a capitalised non-title token with it
(named sources also when a speaker mention overlaps the source span); unnamed sources
("a source") when a speaker mention overlaps the source or shares a content word with it.
The speaker mention is, by default, the one the quote finder read the speaker from; with
`--pipeline` (a shipped `Quote` keeps no mention span) any mention of the speaker entity the
quote was linked to, so a quote without a speaker entity has only its speaker_name judged.

PolNeAR marks no coreference, so both pronoun stand-ins are scored side by side: "nearest"
(above; the baselines) and "agreeing" (the same, plus agreement in gender and number, no
sentence-initial common word or description as a name, the writer's "I" and a source that is
a verb of saying alone left unscored; see the comment above `gold_quotes_agreeing`).
"""

from __future__ import annotations

import argparse
import collections
import gzip
import json
import random
import re
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from briefing.analysis.ner import load_model
from briefing.analysis.people import entities_and_quotes
from briefing.analysis.quotes import find_quotes
from briefing.ingest import document_from_text
from briefing.model import Document

Span = tuple[int, int]

STOP = frozenset(
    "the a an of for and to in on at by with from his her their its mr mrs ms dr sen rep gov "
    "president senator governor secretary former vice presidential candidate nominee "
    "democratic republican gop campaign spokesman spokeswoman u.s. state party chairman "
    "new york times post washington".split()
)
PRON = frozenset(
    {
        "he",
        "she",
        "who",
        "his",
        "her",
        "they",
        "it",
        "i",
        "we",
        "him",
        "them",
        "whom",
        "which",
        "that",
    }
)
TITLE_HEADS = frozenset(
    "senator governor candidate nominee president congressman congresswoman mogul "
    "businessman billionaire secretary chairman lawmaker frontrunner front-runner "
    "republican democrat mayor speaker leader host senator star".split()
)


@dataclass(frozen=True)
class Attribution:
    source: list[Span]
    cue: list[Span]
    content: list[Span]


@dataclass(frozen=True)
class Doc:
    id: str
    text: str
    atts: list[Attribution]


@dataclass(frozen=True)
class GoldQuote:
    segs: list[Span]
    source: list[Span]
    src: str
    gold: str
    kind: str  # named / unnamed / pronoun / nominal / empty


@dataclass(frozen=True)
class Pred:
    """A predicted quote in raw-text offsets, and the mentions its speaker is judged by."""

    start: int
    end: int
    speaker_name: str | None
    speaker_spans: tuple[Span, ...]
    how: str | None = None
    cue: str | None = None


# --- PolNeAR reading ---------------------------------------------------------------------


def read_ann(path: Path) -> list[Attribution]:
    """Attributions (source, cue, content spans) of a BRAT .ann file."""
    spans_of: dict[str, list[Span]] = {}
    events: list[dict[str, list[str]]] = []
    for raw in path.read_text(encoding="utf-8").split("\n"):
        parts = raw.split("\t")
        if not raw or not re.match(r"^[TE]\d+\t", raw) or len(parts) < 2:
            continue
        if raw.startswith("T"):
            _label, *rng = parts[1].split(" ")
            spans: list[Span] = []
            for seg in " ".join(rng).split(";"):
                a, b = seg.split()
                spans.append((int(a), int(b)))
            spans_of[parts[0]] = spans
        else:
            args: dict[str, list[str]] = {}
            for kv in parts[1].split():
                k, v = kv.split(":")
                args.setdefault(re.sub(r"\d+$", "", k), []).append(v)
            events.append(args)

    def role(args: dict[str, list[str]], name: str) -> list[Span]:
        return sorted(sp for tid in args.get(name, []) for sp in spans_of[tid])

    return [Attribution(role(e, "Source"), role(e, "Cue"), role(e, "Content")) for e in events]


def load_split(root: Path, split: str) -> list[Doc]:
    """Documents of a split, with the first annotator's attributions."""
    docs: list[Doc] = []
    seen: set[str] = set()
    for ann in sorted((root / split / "attributions").iterdir()):
        base = ann.name[:-9]  # strip _xxxx.ann
        if base in seen:
            continue
        seen.add(base)
        text = (root / split / "text" / (base + ".txt")).read_text(encoding="utf-8")
        docs.append(Doc(base, text, read_ann(ann)))
    return docs


def paragraphs(text: str) -> list[Span]:
    """Blank-line separated paragraphs (PolNeAR texts put one paragraph per line)."""
    return [
        m.span() for m in re.finditer(r"[^\n]+(?:\n(?!\s*\n)[^\n]+)*", text) if m.group().strip()
    ]


# --- gold and scoring --------------------------------------------------------------------


def name_tokens(s: str | None) -> set[str]:
    out: set[str] = set()
    for tok in re.findall(r"[A-Z][\w’'.-]*", s or ""):
        t = re.sub(r"(?:’s|'s)$", "", tok).rstrip(".").lower()
        if t and t not in STOP and t not in PRON and len(t) > 1:
            out.add(t)
    return out


def content_words(s: str | None) -> set[str]:
    words = re.findall(r"[a-z]+", (s or "").lower())
    return {w for w in words if w not in STOP and w not in PRON and len(w) > 2}


SEGMENT_RE = re.compile(r'["“]([^"“”]*)["”]|["“]([^"“”]*)$')
DOUBLED_SEGMENT_RE = re.compile(
    r"""(?:["“]|'')((?:[^"“”']|'(?!'))*)(?:["”]|'')|(?:["“]|'')((?:[^"“”']|'(?!'))*)$"""
)
"""With --doubled-apostrophes: NYT's '' … '' marks count as quotation marks too."""
segment_re = SEGMENT_RE


def quoted_segments(text: str, spans: list[Span]) -> list[Span]:
    segs: list[Span] = []
    for a, b in spans:
        for m in segment_re.finditer(text[a:b]):
            inner = m.group(1) if m.group(1) is not None else m.group(2)
            if len(re.findall(r"[\w’'-]+", inner)) >= 4:
                segs.append((a + m.start(), a + m.end()))
    return segs


def overlap(a: int, b: int, c: int, d: int) -> bool:
    return a < d and c < b


def _quoted_attributions(
    doc: Doc, srcs: list[str]
) -> Iterator[tuple[Attribution, str, list[Span]]]:
    """(attribution, its source's text, its quoted segments) of each gold attribution whose
    content holds a direct quote: what both stand-ins score."""
    for a, src in zip(doc.atts, srcs, strict=True):
        if a.content:
            segs = quoted_segments(doc.text, a.content)
            if segs:
                yield a, src, segs


def gold_quotes(doc: Doc) -> list[GoldQuote]:
    """Gold direct quotes, pronoun sources standing for the nearest preceding named gold
    source (the "nearest" stand-in, as the baselines were measured)."""
    t = doc.text
    srcs = [" ".join(t[x:y] for x, y in a.source).strip() for a in doc.atts]
    named = sorted(
        (a.source[0][0], src)
        for a, src in zip(doc.atts, srcs, strict=True)
        if a.source and name_tokens(src)
    )
    items: list[GoldQuote] = []
    for a, src, segs in _quoted_attributions(doc, srcs):
        gold = src
        kind = "named" if name_tokens(src) else "unnamed"
        low = src.lower().split()
        if low and low[0] in ("the", "a", "an", "one", "another") and src.split()[-1].islower():
            # "the Florida senator": a nominal; person titles resolve like pronouns.
            kind = "unnamed"
            if low[-1].strip(",") in TITLE_HEADS:
                sp = a.source[0][0]
                prev = [
                    n
                    for p, n in named
                    if p < sp and (n.lower().split() or [""])[0] not in ("the", "a", "an")
                ]
                if prev:
                    gold, kind = prev[-1], "nominal"
        if not src:
            kind = "empty"
        elif not name_tokens(src) and src.lower().split()[0] in PRON:
            sp = a.source[0][0]
            prev = [n for p, n in named if p < sp]
            if prev:
                gold, kind = prev[-1], "pronoun"
        items.append(GoldQuote(segs, a.source, src, gold, kind))
    return items


# --- the "agreeing" stand-in ---------------------------------------------------------------
# PolNeAR marks no coreference (its guidelines leave "who"/"he" unresolved on purpose), so a
# pronoun source needs a stand-in antecedent. The "nearest" stand-in takes the nearest
# preceding gold source with a capitalised word, which picks sentence-initial common words
# ("This", "Delegates", "My father"), descriptions holding a name ("a Donald Trump tweet"),
# and people of the other gender. The "agreeing" stand-in keeps the same idea (antecedents are
# the gold's own named sources, nothing from the system) and adds rules any reader applies:
#  - a source that is a first-person pronoun alone ("I said", outside any quotation, as
#    sources are) is the writer: kind "author", not scored (nothing in the text names them);
#  - a source that is a verb of saying alone (an annotation slip: source "said", cue the
#    name after it) is "slip", not scored;
#  - a named source needs a capitalised word that is a name: the first word does not count
#    when it is a determiner or a word the document also writes in lower case, and a
#    description (a determiner or a possessive first, a lower-case last word: "a Donald
#    Trump tweet", "Connecticut's tax commissioner") is no name;
#  - the antecedent agrees with the pronoun: he/she not a plural (first word a lower-case
#    plural elsewhere in the text) nor a source of the other gender (a gendered honorific
#    before the name; else the given name of a full name, the word before the surname, if at
#    least 90 % of one sex among US births in the public domain SSA counts the package
#    ships, the same list the speaker resolver reads, so a name it has wrong is wrong for
#    both; a surname alone takes the gender of the nearest earlier full-name source ending
#    with it); it/which not a person of known gender.

FIRST_PERSON = frozenset({"i", "we", "me", "my", "our", "us"})
DETERMINERS = frozenset(
    "a an the this that these those my our your his her their its one another some many few "
    "several most all both each other any no".split()
)
HONORIFIC_RE = re.compile(r"\b(Mr|Mrs|Ms|Miss)\.?\s+$")


def agreeing_name_tokens(src: str, lower_words: frozenset[str]) -> set[str]:
    """Name tokens of a source, sentence-initial common words and descriptions left out."""
    words = src.split()
    if not words:
        return set()
    first = words[0].lower()
    if is_description(src):
        return set()
    rest = " ".join(words[1:]) if first in DETERMINERS or first in lower_words else src
    return name_tokens(rest)


def source_gender(
    doc: Doc, start: int, src: str, earlier: list[tuple[int, str, str | None, bool]]
) -> str | None:
    """ "m"/"f" from an honorific right before the source, else the given name of a full name
    (the word before the surname, initials skipped), else, for a surname alone ("Clinton" is
    also a first name), the gender of the nearest earlier named source ending with it."""
    from briefing.analysis.quotes.gender import first_name_gender

    m = HONORIFIC_RE.search(doc.text[max(0, start - 6) : start])
    if m:
        return "m" if m.group(1) == "Mr" else "f"
    if not src.rstrip(",.) ")[-1:].isupper() and not re.search(r"[A-Z][a-z]+\W*$", src):
        return None  # "Donald Trump's campaign": the head is no name
    words = [w for w in re.findall(r"[A-Z][a-z]+", src) if w.lower() not in STOP]
    if len(words) >= 2:
        return first_name_gender(words[-2])  # the given name, right before the surname
    if words:
        for _p, n, g, _pl in reversed(earlier):
            if g is not None and n.split()[-1].strip(",") == words[-1]:
                return g
    return None


def is_description(src: str) -> bool:
    """ "a Donald Trump tweet", "Connecticut's tax commissioner": a common noun with a
    determiner or possessive before it, not a name."""
    words = src.split()
    first = words[0]
    return words[-1].strip(",.").islower() and (
        first.lower() in DETERMINERS or first.endswith(("’s", "'s"))
    )


def gold_quotes_agreeing(doc: Doc) -> list[GoldQuote]:
    """Gold direct quotes with the "agreeing" stand-in (see above)."""
    t = doc.text
    lower_words = frozenset(re.findall(r"\b[a-z][a-z’'-]*\b", t))
    srcs = [" ".join(t[x:y] for x, y in a.source).strip() for a in doc.atts]
    named: list[tuple[int, str, str | None, bool]] = []  # start, text, gender, plural
    for a, src in zip(doc.atts, srcs, strict=True):
        if a.source and agreeing_name_tokens(src, lower_words):
            first = src.split()[0].lower().strip(",")
            plural = first.endswith("s") and first in lower_words and first not in DETERMINERS
            named.append((a.source[0][0], src, None, plural))
    named.sort()
    for i, (p, n, _g, pl) in enumerate(named):
        named[i] = (p, n, source_gender(doc, p, n, named[:i]), pl)
    items: list[GoldQuote] = []
    for a, src, segs in _quoted_attributions(doc, srcs):
        gold = src
        words = src.lower().split()
        if not src:
            items.append(GoldQuote(segs, a.source, src, gold, "empty"))
            continue
        if words in (["said"], ["says"], ["told"], ["added"], ["wrote"], ["asked"]):
            items.append(GoldQuote(segs, a.source, src, gold, "slip"))
            continue
        if words[0] in FIRST_PERSON and len(words) == 1:
            items.append(GoldQuote(segs, a.source, src, gold, "author"))
            continue
        kind = "named" if agreeing_name_tokens(src, lower_words) else "unnamed"
        sp = a.source[0][0]
        if words[0] in ("the", "a", "an", "one", "another") and src.split()[-1].islower():
            kind = "unnamed"
            if words[-1].strip(",") in TITLE_HEADS:
                prev = [n for p, n, _g, pl in named if p < sp and not pl]
                if prev:
                    gold, kind = prev[-1], "nominal"
        elif kind == "unnamed" and words[0] in PRON:
            pron = words[0]
            want = {"he": "m", "him": "m", "his": "m", "she": "f", "her": "f"}.get(pron)
            prev = []
            for p, n, g, pl in named:
                if p >= sp:
                    continue
                if want is not None and (pl or (g is not None and g != want)):
                    continue
                if pron in ("it", "which", "its") and g is not None:
                    continue
                prev.append(n)
            if prev:
                gold, kind = prev[-1], "pronoun"
        items.append(GoldQuote(segs, a.source, src, gold, kind))
    return items


def speaker_ok(p: Pred, g: GoldQuote, tot: collections.Counter[str]) -> bool:
    mention_on_source = any(overlap(a, b, c, d) for a, b in g.source for c, d in p.speaker_spans)
    ok = False
    if g.kind in ("named", "pronoun", "nominal"):
        ok = bool(name_tokens(p.speaker_name) & name_tokens(g.gold))
        tot["att_ok_nameonly"] += ok
        if not ok and g.kind == "named":
            ok = mention_on_source
    if g.kind == "unnamed" or (not ok and g.kind == "nominal"):
        ok = mention_on_source or bool(content_words(p.speaker_name) & content_words(g.src))
    return ok


# --- prediction ----------------------------------------------------------------------------


def prototype_predictions(text: str, names: list[tuple[int, int, str]]) -> list[Pred]:
    """`find_quotes` on the raw text, one paragraph a line, with the cached prototype names."""
    return [
        Pred(
            q.start,
            q.end,
            q.speaker_name,
            () if q.speaker_start is None else ((q.speaker_start, q.speaker_end or 0),),
            q.how,
            q.cue,
        )
        for q in find_quotes(text, paragraphs(text), names)
    ]


_ANY_ONE = re.compile("[\u2400-\u2421\ufffd]")
"""What `sanitize` puts in place of a control character: matches any one raw character."""


def align(raw: str, document: Document) -> tuple[list[int], list[Span]]:
    """Raw offset of each character of `document.text` (-1: not found), and the raw spans of
    the paragraphs found. Paragraphs are searched in order, each from the end of the last."""
    text = document.text
    to_raw = [-1] * len(text)
    found: list[Span] = []
    cursor = 0
    for para in document.paragraphs:
        ptext = text[para.start : para.end]
        at = raw.find(ptext, cursor)  # most paragraphs are in the raw text as they are
        if at >= 0:
            to_raw[para.start : para.end] = range(at, at + len(ptext))
            found.append((at, at + len(ptext)))
            cursor = at + len(ptext)
            continue
        pattern = r"\s+".join(
            "".join("." if _ANY_ONE.match(c) else re.escape(c) for c in token)
            for token in ptext.split()
        )
        m = re.compile(pattern, re.DOTALL).search(raw, cursor)
        if m is None:
            continue
        i, j = 0, m.start()
        while i < len(ptext):
            if ptext[i].isspace():
                while i < len(ptext) and ptext[i].isspace():
                    to_raw[para.start + i] = j
                    i += 1
                while raw[j].isspace():
                    j += 1
            else:
                to_raw[para.start + i] = j
                i += 1
                j += 1
        assert j == m.end(), (para, m.span(), j)
        found.append(m.span())
        cursor = m.end()
    return to_raw, found


def pipeline_predictions(
    raw: str, tot: collections.Counter[str]
) -> tuple[list[Pred], list[Span], float]:
    """The shipped ingest + `entities_and_quotes`, mapped back to raw offsets; also the raw
    spans of the body paragraphs and the seconds the shipped steps took (mapping excluded).
    Counts what could not be mapped in `tot`."""
    t0 = time.perf_counter()
    document = document_from_text(raw)
    entities, quotes = entities_and_quotes(document)
    seconds = time.perf_counter() - t0
    to_raw, found = align(raw, document)
    tot["paragraphs"] += len(document.paragraphs)
    tot["paragraphs_unmapped"] += len(document.paragraphs) - len(found)

    def raw_span(start: int, end: int) -> Span | None:
        a, b = to_raw[start], to_raw[end - 1]
        return None if a < 0 or b < 0 else (a, b + 1)

    mentions_of: dict[str, tuple[Span, ...]] = {}
    for entity in entities:
        spans = [raw_span(m.start, m.end) for m in entity.mentions]
        tot["mentions"] += len(spans)
        tot["mentions_unmapped"] += spans.count(None)
        mentions_of[entity.id] = tuple(sp for sp in spans if sp is not None)
    preds: list[Pred] = []
    for q in quotes:
        span = raw_span(q.start, q.end)
        if span is None:
            tot["pred_unmapped"] += 1
            continue
        speaker_spans = mentions_of.get(q.speaker, ()) if q.speaker else ()
        preds.append(Pred(span[0], span[1], q.speaker_name, speaker_spans))
    return preds, found, seconds


def evaluate(
    root: Path,
    split: str,
    ner_path: Path | None,
    show: str | None,
    nerr: int,
    stand_in: str = "agreeing",
) -> None:
    """Score one split; names from the cache at `ner_path`, or the shipped pipeline if None."""
    docs = load_split(root, split)
    ner: dict[str, list[list[int | str]]] = {}
    if ner_path is not None:
        with gzip.open(ner_path, "rt", encoding="utf-8") as f:
            ner = json.load(f)
    else:
        load_model()  # loaded once, outside the timing
    tot: collections.Counter[str] = collections.Counter()
    tot_agreeing: collections.Counter[str] = collections.Counter()
    errs: list[tuple[str, str, str]] = []
    qtime = 0.0
    nbytes = 0
    for doc in docs:
        t = doc.text
        if ner_path is None:
            preds, body, seconds = pipeline_predictions(t, tot)
            qtime += seconds
        else:
            names = [(int(s), int(e), str(k)) for s, e, k in ner[doc.id]]
            t0 = time.perf_counter()
            preds, body = prototype_predictions(t, names), [(0, len(t))]
            qtime += time.perf_counter() - t0
        nbytes += len(t.encode("utf-8"))
        golds = gold_quotes(doc)
        for g in golds:
            if not any(a <= x and y <= b for x, y in g.segs for a, b in body):
                tot["gold_outside_body"] += 1
        contents = [sp for a in doc.atts for sp in a.content]
        for p in preds:
            tot["pred"] += 1
            if any(overlap(a, b, p.start, p.end) for a, b in contents):
                tot["pred_ok"] += 1
            if any(overlap(a, b, p.start, p.end) for g in golds for a, b in g.segs):
                tot["pred_ok_strict"] += 1
            elif show == "fp":
                errs.append(("FP", doc.id, t[max(0, p.start - 80) : p.end + 80]))
        for g in golds:
            tot["gold"] += 1
            hit = [p for p in preds if any(overlap(a, b, p.start, p.end) for a, b in g.segs)]
            if not hit:
                if show == "fn":
                    a, b = g.segs[0]
                    errs.append(("FN", doc.id, t[max(0, a - 150) : b + 100]))
                continue
            tot["found"] += 1
        for rule, rule_golds in (("nearest", golds), ("agreeing", gold_quotes_agreeing(doc))):
            counts = tot if rule == "nearest" else tot_agreeing
            for g in rule_golds:
                hit = [p for p in preds if any(overlap(a, b, p.start, p.end) for a, b in g.segs)]
                if not hit:
                    continue
                if g.kind in ("empty", "slip", "author"):
                    counts["att_" + g.kind] += 1
                    continue
                p = hit[0]
                counts["att"] += 1
                counts["att_" + g.kind] += 1
                if speaker_ok(p, g, counts):
                    counts["att_ok"] += 1
                    counts["att_ok_" + g.kind] += 1
                elif show == "att" and rule == stand_in:
                    context = t[max(0, p.start - 200) : p.end + 120]
                    errs.append(
                        (
                            "ATT",
                            doc.id,
                            f"gold={g.gold!r} (src={g.src!r}) pred={p.speaker_name!r} "
                            f"via {p.how}/{p.cue} | {context}",
                        )
                    )

    def ratio(a: str, b: str) -> float:
        return tot[a] / max(1, tot[b])

    mode = (
        "shipped pipeline (ingest + entities_and_quotes)"
        if ner_path is None
        else f"cache {ner_path}"
    )
    print(f"names: {mode}")
    print(
        f"split={split} docs={len(docs)} gold_direct_quotes={tot['gold']} predicted={tot['pred']}"
    )
    if ner_path is None:
        print(
            f"mapping to raw offsets: predicted quotes unmapped={tot['pred_unmapped']}, "
            f"paragraphs unmapped={tot['paragraphs_unmapped']}/{tot['paragraphs']}, "
            f"speaker-entity mentions unmapped={tot['mentions_unmapped']}/{tot['mentions']}, "
            f"gold quotes outside the mapped body={tot['gold_outside_body']}"
        )
    print(
        f"detection: P={ratio('pred_ok', 'pred'):.3f} (vs any gold content)  "
        f"P_strict={ratio('pred_ok_strict', 'pred'):.3f} (vs gold direct quotes)  "
        f"R={ratio('found', 'gold'):.3f}"
    )

    def accuracy(counts: collections.Counter[str], k: str = "") -> str:
        ok, n = counts["att_ok" + k], counts["att" + k]
        return f"{ok / max(1, n):.3f} ({ok}/{n})"

    print("speaker accuracy (detected, non-empty source), by pronoun stand-in:")
    print(f"   {'':<10} {'nearest (baseline)':<22} agreeing")
    print(f"   {'all':<10} {accuracy(tot):<22} {accuracy(tot_agreeing)}")
    for k in ("named", "pronoun", "nominal", "unnamed"):
        print(f"   {k:<10} {accuracy(tot, '_' + k):<22} {accuracy(tot_agreeing, '_' + k)}")
    print(
        f"   not scored with the agreeing stand-in: writer (first person) "
        f"{tot_agreeing['att_author']}, source a verb of saying alone {tot_agreeing['att_slip']}"
    )
    print(
        "   (nearest: named/pronoun/nominal judged by name tokens only, no span-overlap credit: "
        f"{tot['att_ok_nameonly']} ok)"
    )
    print(
        "end-to-end (gold quotes found AND speaker right / all gold direct quotes): "
        f"{ratio('att_ok', 'gold'):.3f}"
    )
    step = (
        "ingest, NER, linking and quotes; mapping excluded"
        if ner_path is None
        else "quote step, NER excluded"
    )
    print(
        f"speed: {nbytes / 1e6 / max(qtime, 1e-9):.2f} MB/s "
        f"({nbytes / 1e3:.1f} KB in {qtime:.2f}s, {step})"
    )
    random.Random(1).shuffle(errs)
    for e in errs[:nerr]:
        print(e[0], e[1], e[2].replace("\n", " | "))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument(
        "data_dir", type=Path, help="PolNeAR data folder (SPLIT/text, SPLIT/attributions)"
    )
    ap.add_argument("split", help="train or dev; test only with --final")
    ap.add_argument(
        "--pipeline",
        action="store_true",
        help="run the shipped document_from_text + entities_and_quotes (names from the "
        "package's own tagger) instead of find_quotes with the cached prototype names",
    )
    ap.add_argument(
        "--final",
        action="store_true",
        help="allow the test split, for the one-time final report (needs --pipeline; "
        "develop on train/dev)",
    )
    ap.add_argument(
        "--ner",
        type=Path,
        help="names cache, {doc_id: [[start, end, type], ...]} gzipped JSON "
        "(default DATA_DIR/SPLIT.ner.json.gz, the prototype tagger's output)",
    )
    ap.add_argument(
        "--errors",
        nargs=2,
        metavar=("{att,fn,fp}", "N"),
        help="print N random errors of a kind: att(ribution), fn (missed), fp (spurious)",
    )
    ap.add_argument(
        "--doubled-apostrophes",
        action="store_true",
        help="count segments in NYT's doubled apostrophes ('' … '') as direct quotes too "
        "(by default only double quotation marks do, as when the baselines were measured)",
    )
    ap.add_argument(
        "--stand-in",
        choices=("nearest", "agreeing"),
        default="agreeing",
        help="which pronoun stand-in --errors att shows (both are always scored)",
    )
    args = ap.parse_args()
    if args.doubled_apostrophes:
        global segment_re
        segment_re = DOUBLED_SEGMENT_RE
    if args.split not in ("train", "dev", "test"):
        ap.error("split must be train, dev or test")
    if args.split == "test" and not args.final:
        ap.error("the test split is for the one-time final report: develop on train/dev")
    if args.final and args.split != "test":
        ap.error("--final is for the test split only")
    if args.final and not args.pipeline:
        ap.error("the final report measures the shipped pipeline: add --pipeline")
    if args.final and args.errors:
        ap.error("--errors is refused on the test split: its examples stay unseen")
    show, nerr = (args.errors[0], int(args.errors[1])) if args.errors else (None, 0)
    if show not in (None, "att", "fn", "fp"):
        ap.error("--errors kind must be att, fn or fp")
    ner_path = None
    if not args.pipeline:
        ner_path = args.ner or args.data_dir / f"{args.split}.ner.json.gz"
        if not ner_path.exists():
            ap.error(f"no names cache at {ner_path} (run the prototype evaluation to write it)")
    elif args.ner:
        ap.error("--ner and --pipeline exclude each other: the pipeline tags names itself")
    if args.final:
        print("FINAL: PolNeAR test split, for a one-time report; change nothing after it")
    evaluate(args.data_dir, args.split, ner_path, show, nerr, args.stand_in)


if __name__ == "__main__":
    main()
