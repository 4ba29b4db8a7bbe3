"""Quote detection and speaker attribution of briefing.analysis.quotes on PolNeAR.

    /tmp/venv/bin/python benchmarks/quotes_polnear.py DATA_DIR {train,dev} [--errors {att,fn,fp} N]

DATA_DIR holds SPLIT/text/*.txt and SPLIT/attributions/*.ann (BRAT), copied out of
networkdynamics/PolNeAR; the test split is refused, so that it stays unseen. Names (the
`names` input) are the prototype NER tagger's output (/work/proto/ner, `extract`), read from
the cache DATA_DIR/SPLIT.ner.json.gz that the prototype evaluation wrote, not gold entities.

Gold direct quote: an attribution whose content holds a quotation-mark segment of >= 4 words
(first annotator's .ann only). Recall: gold direct quotes overlapped by a predicted quote.
Precision: predicted quotes overlapping any gold content (P_strict: a gold direct quote).
Speaker accuracy, over detected gold quotes with a source: the gold speaker is the source
text, pronoun sources and "the <title>" sources going to the nearest preceding named gold
source; correct when the predicted speaker_name shares a capitalised non-title token with it
(named sources also when the predicted mention overlaps the source span); unnamed sources
("a source") when the mention overlaps the source or shares a content word with it.
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
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from briefing.analysis.quotes import QuoteRecord, find_quotes

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


def quoted_segments(text: str, spans: list[Span]) -> list[Span]:
    segs: list[Span] = []
    for a, b in spans:
        for m in re.finditer(r'["“]([^"“”]*)["”]|["“]([^"“”]*)$', text[a:b]):
            inner = m.group(1) if m.group(1) is not None else m.group(2)
            if len(re.findall(r"[\w’'-]+", inner)) >= 4:
                segs.append((a + m.start(), a + m.end()))
    return segs


def overlap(a: int, b: int, c: int, d: int) -> bool:
    return a < d and c < b


def gold_quotes(doc: Doc) -> list[GoldQuote]:
    t = doc.text
    srcs = [" ".join(t[x:y] for x, y in a.source).strip() for a in doc.atts]
    named = sorted(
        (a.source[0][0], src)
        for a, src in zip(doc.atts, srcs, strict=True)
        if a.source and name_tokens(src)
    )
    items: list[GoldQuote] = []
    for a, src in zip(doc.atts, srcs, strict=True):
        if not a.content:
            continue
        segs = quoted_segments(t, a.content)
        if not segs:
            continue
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


def speaker_ok(p: QuoteRecord, g: GoldQuote, tot: collections.Counter[str]) -> bool:
    mention_on_source = p.speaker_start is not None and any(
        overlap(a, b, p.speaker_start, p.speaker_end or 0) for a, b in g.source
    )
    ok = False
    if g.kind in ("named", "pronoun", "nominal"):
        ok = bool(name_tokens(p.speaker_name) & name_tokens(g.gold))
        tot["att_ok_nameonly"] += ok
        if not ok and g.kind == "named":
            ok = mention_on_source
    if g.kind == "unnamed" or (not ok and g.kind == "nominal"):
        ok = mention_on_source or bool(content_words(p.speaker_name) & content_words(g.src))
    return ok


def evaluate(root: Path, split: str, ner_path: Path, show: str | None, nerr: int) -> None:
    docs = load_split(root, split)
    with gzip.open(ner_path, "rt", encoding="utf-8") as f:
        ner: dict[str, list[list[int | str]]] = json.load(f)
    tot: collections.Counter[str] = collections.Counter()
    errs: list[tuple[str, str, str]] = []
    qtime = 0.0
    nbytes = 0
    for doc in docs:
        t = doc.text
        names = [(int(s), int(e), str(k)) for s, e, k in ner[doc.id]]
        paras = paragraphs(t)
        t0 = time.perf_counter()
        preds = find_quotes(t, paras, names)
        qtime += time.perf_counter() - t0
        nbytes += len(t.encode("utf-8"))
        golds = gold_quotes(doc)
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
            if g.kind == "empty":
                continue
            p = hit[0]
            tot["att"] += 1
            tot["att_" + g.kind] += 1
            if speaker_ok(p, g, tot):
                tot["att_ok"] += 1
                tot["att_ok_" + g.kind] += 1
            elif show == "att":
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

    print(
        f"split={split} docs={len(docs)} gold_direct_quotes={tot['gold']} predicted={tot['pred']}"
    )
    print(
        f"detection: P={ratio('pred_ok', 'pred'):.3f} (vs any gold content)  "
        f"P_strict={ratio('pred_ok_strict', 'pred'):.3f} (vs gold direct quotes)  "
        f"R={ratio('found', 'gold'):.3f}"
    )
    print(
        f"speaker accuracy (detected, non-empty source): {ratio('att_ok', 'att'):.3f}  "
        f"({tot['att_ok']}/{tot['att']})"
    )
    print(
        "   (named/pronoun/nominal judged by name tokens only, no span-overlap credit: "
        f"{tot['att_ok_nameonly']} ok)"
    )
    for k in ("named", "pronoun", "nominal", "unnamed"):
        ok, n = tot["att_ok_" + k], tot["att_" + k]
        print(f"   {k:<8} {ok / max(1, n):.3f} ({ok}/{n})")
    print(
        "end-to-end (gold quotes found AND speaker right / all gold direct quotes): "
        f"{ratio('att_ok', 'gold'):.3f}"
    )
    print(
        f"quote step speed: {nbytes / 1e6 / max(qtime, 1e-9):.2f} MB/s "
        f"({nbytes / 1e3:.1f} KB in {qtime:.2f}s, NER excluded)"
    )
    random.Random(1).shuffle(errs)
    for e in errs[:nerr]:
        print(e[0], e[1], e[2].replace("\n", " | "))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument(
        "data_dir", type=Path, help="PolNeAR data folder (SPLIT/text, SPLIT/attributions)"
    )
    ap.add_argument("split", help="train or dev (the test split is refused)")
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
    args = ap.parse_args()
    if args.split not in ("train", "dev"):
        ap.error("split must be train or dev; the test split is kept unseen")
    show, nerr = (args.errors[0], int(args.errors[1])) if args.errors else (None, 0)
    if show not in (None, "att", "fn", "fp"):
        ap.error("--errors kind must be att, fn or fp")
    ner_path = args.ner or args.data_dir / f"{args.split}.ner.json.gz"
    if not ner_path.exists():
        ap.error(f"no names cache at {ner_path} (run the prototype evaluation once to write it)")
    evaluate(args.data_dir, args.split, ner_path, show, nerr)


if __name__ == "__main__":
    main()
