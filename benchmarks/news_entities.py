"""Modern news with its entities and quote speakers marked by hand: choose, build, score.

    python benchmarks/news_entities.py prepare POLNEAR_DATA OUT_DIR
    python benchmarks/news_entities.py build POLNEAR_DATA OUT_DIR [--marks FILE]
    python benchmarks/news_entities.py score POLNEAR_DATA [--split dev|test|all] [-v] [--final]
    python benchmarks/news_entities.py agreement [--marks FILE] [--second FILE] [-v]
    (prepare, build, score and agreement take --set second: web news of 2017 and later,
    `news_entities_web.py`, split into dev2 and test2, marks in data/news-entities-2.json;
    or --set third: reported news of Mozilla Readability's test pages, `news_entities_third.py`,
    all held out in test3, marks in data/news-entities-3.json)

PolNeAR (`networkdynamics/PolNeAR`, its `data/` folder) holds 2015–2016 US news from seven
outlets, one paragraph per line. `prepare` chooses the articles to mark from its `train` split,
leaving out the articles already marked for sub-topics (`data/news-subtopics.json`): 8 per
outlet, articles of 8–40 paragraphs, by a seeded shuffle per outlet (never by content); a second
seeded shuffle puts half of each outlet's articles in `dev` (to tune and check on while working)
and half in `test` (read once, at the end). It copies each article unchanged into OUT_DIR/dev or
OUT_DIR/test: the text files briefing opens.

The marking guidelines are `benchmarks/data/news-entities.md`; the marks (entity names, aliases,
types and quote snippets, nothing else of the text) are `benchmarks/data/news-entities.json`.
`build` writes the text files too, and next to each one `NAME.gold.json` in the shape of the
seed's gold reading (`../shared/eval/score_analysis.py --gold G --document D` scores it alone).

`score` runs briefing's analysis in-process on each marked article of a split and prints
micro-averaged entity recall and precision, type accuracy, aliases merged, quote speakers
(overall and by how the quote is attributed: by name, by a pronoun, by a description, or not in
its sentence), the entities whose name is a lone common word, and the same per outlet; `-v`
prints each article's misses as score_analysis.py does. Do not score `test` while tuning: it
needs `--final`, and is read once, at the end.

`agreement` compares the second, independent marking of some articles with the first:
entity F1, type agreement, alias agreement and quote speaker agreement. The second marking is
the marks file's own `second_marking` unless `--second FILE` names another file of marks
(`{"about": ..., "articles": {name: marks}}`, such as `data/news-entities-independent.json`, a
second marker's); `-v` lists every disagreement.

Write OUT_DIR outside the repository: the text is PolNeAR's, not ours.
"""

from __future__ import annotations

import argparse
import collections
import json
import random
import re
import shutil
import sys
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

# This checkout's package and benchmarks, not an installed (or another editable) briefing.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks import news_entities_third as third
from benchmarks import news_entities_web as web
from benchmarks.news_subtopics import outlet, paragraphs

PER_OUTLET = 8
"""Articles chosen per outlet from PolNeAR's train split; half go to dev, half to test."""
MIN_PARAGRAPHS = 8
MAX_PARAGRAPHS = 40
SEED = 2024
DATA = Path(__file__).with_name("data")
MARKS = DATA / "news-entities.json"
SUBTOPIC_MARKS = DATA / "news-subtopics.json"
SPLITS = ("dev", "test")
TUNING_SPLITS = ("dev", "dev2")
"""The only splits `score` reads without `--final`: every other one is held out."""
ATTRIBUTIONS = ("name", "pronoun", "description", "none")
"""How a quote names its speaker in its own sentence: by name, by a pronoun ("he said"), by a
description ("the senator said"), or not at all (a quote that goes on from an earlier one)."""


# --- choosing -------------------------------------------------------------------------------


def already_marked() -> set[str]:
    """Articles marked for sub-topics: other developers train on them, so they are left out."""
    if not SUBTOPIC_MARKS.exists():
        return set()
    return set(json.loads(SUBTOPIC_MARKS.read_text(encoding="utf-8"))["articles"])


def choose(data: Path) -> dict[str, tuple[str, Path]]:
    """File name -> (split, path) of the articles to mark: per outlet, a seeded shuffle of its
    eligible train articles, the first `PER_OUTLET` kept, then a second seeded shuffle of those
    for the split (the first half dev, the rest test)."""
    files = sorted((data / "train" / "text").glob("*.txt"))
    skip = already_marked()
    eligible = [
        p
        for p in files
        if p.name not in skip and MIN_PARAGRAPHS <= len(paragraphs(p)) <= MAX_PARAGRAPHS
    ]
    chosen: dict[str, tuple[str, Path]] = {}
    for name in sorted({outlet(p) for p in eligible}):
        pool = [p for p in eligible if outlet(p) == name]
        random.Random(f"{SEED}-entities-{name}").shuffle(pool)
        picked = sorted(pool[:PER_OUTLET])
        random.Random(f"{SEED}-split-{name}").shuffle(picked)
        half = len(picked) // 2
        for i, path in enumerate(picked):
            chosen[path.name] = ("dev" if i < half else "test", path)
    return dict(sorted(chosen.items()))


SECOND_MARKING = 8


def second_marking_choice(names: list[str]) -> list[str]:
    """The articles to mark a second time: one per outlet and one more from the rest, by a
    seeded shuffle (never by content)."""
    rng = random.Random(f"{SEED}-second-marking")
    pool = sorted(names)
    rng.shuffle(pool)
    picked: list[str] = []
    for name in pool:
        if all(outlet(Path(p)) != outlet(Path(name)) for p in picked):
            picked.append(name)
    picked.extend([n for n in pool if n not in picked][: SECOND_MARKING - len(picked)])
    return sorted(picked)


def prepare(data: Path, out: Path) -> int:
    counts: collections.Counter[tuple[str, str]] = collections.Counter()
    for name, (split, path) in choose(data).items():
        folder = out / split
        folder.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, folder / name)
        counts[split, outlet(path)] += 1
    for split in SPLITS:
        per = ", ".join(f"{o} {n}" for (s, o), n in sorted(counts.items()) if s == split)
        print(f"{split}: {sum(n for (s, _), n in counts.items() if s == split)} ({per})")
    print("to mark a second time:", *second_marking_choice(list(choose(data))), sep="\n  ")
    return 0


# --- marks ----------------------------------------------------------------------------------


def load_marks(marks_file: Path) -> dict[str, Any]:
    return json.loads(marks_file.read_text(encoding="utf-8"))


def gold_reading(name: str, mark: dict[str, Any], document: str) -> dict[str, Any]:
    """One article's marks in the shape of the seed's gold reading (no sections marked)."""
    return {
        "document": document,
        "notes": f"Hand-marked entities and quotes of {name} (benchmarks/data/news-entities.md).",
        "sections": [],
        "not_in_any_section": [],
        "entities": mark["entities"],
        "entities_optional": mark["entities_optional"],
        "never_entities": mark["never_entities"],
        "quotes": mark["quotes"],
    }


def build(data: Path, out: Path, marks_file: Path) -> int:
    articles = {
        name: (split, lambda target, path=path: shutil.copyfile(path, target))
        for name, (split, path) in choose(data).items()
    }
    return write_marked(articles, out, marks_file)


def write_marked(
    articles: dict[str, tuple[str, Callable[[Path], object]]], out: Path, marks_file: Path
) -> int:
    """Each marked article written by its writer into OUT/SPLIT/NAME, with NAME.gold.json."""
    marks = load_marks(marks_file)["articles"]
    count = 0
    for name, (split, write) in articles.items():
        mark = marks.get(name)
        if mark is None:
            continue
        folder = out / split
        folder.mkdir(parents=True, exist_ok=True)
        target = folder / name
        write(target)
        gold = gold_reading(name, mark, str(target))
        text = json.dumps(gold, ensure_ascii=False, indent=1) + "\n"
        (folder / f"{Path(name).stem}.gold.json").write_text(text, encoding="utf-8")
        count += 1
    print(f"{count} marked articles in {out}", file=sys.stderr)
    return 0


# --- scoring (the definitions of ../shared/eval/score_analysis.py, copied) ------------------
# norm, mention_texts, surfaces and the entity and quote matching below are copied from
# score_analysis.py's score_entities and score_quotes so that the figures mean the same; they
# only return counts instead of a summary line. Keep them in step with it.


def norm(s: str) -> str:
    return " ".join(s.replace("’", "'").replace("‘", "'").split()).casefold()


def mention_texts(a: dict[str, Any], e: dict[str, Any]) -> set[str]:
    text = a["text"]
    return {norm(text[m["start"] : m["end"]]) for m in e.get("mentions", [])}


def surfaces(a: dict[str, Any], e: dict[str, Any]) -> set[str]:
    return {norm(e["name"])} | {norm(x) for x in e.get("aliases", [])} | mention_texts(a, e)


def score_entities(a: dict[str, Any], gold: dict[str, Any]) -> tuple[dict[str, int], list[str]]:
    ents = a["entities"]
    surf = [surfaces(a, e) for e in ents]
    lines: list[str] = []
    found = typed = 0
    merged_total = merged_ok = 0
    used: set[int] = set()
    for g in gold["entities"]:
        key = norm(g["name"])
        cands = [i for i, s in enumerate(surf) if key in s]
        if not cands:
            lines.append(f"  missing  {g['name']} ({g['type']})")
            merged_total += len(g["also"])
            continue
        found += 1
        i = max(cands, key=lambda j: len(ents[j].get("mentions", [])))
        used.update(cands)
        if ents[i]["type"] == g["type"]:
            typed += 1
        else:
            lines.append(f"  mistyped {g['name']}: {ents[i]['type']} (gold {g['type']})")
        for alias in g["also"]:
            merged_total += 1
            if norm(alias) in surf[i]:
                merged_ok += 1
            else:
                lines.append(f"  not merged: {alias!r} is not linked to {g['name']!r}")
    optional = {norm(x) for x in gold["entities_optional"]}
    never = {norm(x) for x in gold["never_entities"]}
    junk = []
    skipped = 0
    for i, e in enumerate(ents):
        if i in used:
            continue
        if norm(e["name"]) in optional or surf[i] & optional:
            skipped += 1
            continue
        junk.append(e["name"])
    bad = [e["name"] for e in ents if norm(e["name"]) in never]
    if junk:
        lines.append(f"  not in the gold reading: {sorted(junk)}")
    if bad:
        lines.append(f"  words that are never entities: {sorted(bad)}")
    counts = {
        "gold": len(gold["entities"]),
        "found": found,
        "typed": typed,
        "merged": merged_ok,
        "aliases": merged_total,
        "counted": len(ents) - skipped,
        "junk": len(junk),
        "never": len(bad),
    }
    return counts, lines


def score_quotes(
    a: dict[str, Any], gold: dict[str, Any]
) -> tuple[collections.Counter[str], list[str]]:
    """Quote speakers right, overall and by attribution (`right:KIND`, `total:KIND`)."""
    text = a["text"]
    ents = {e["id"]: e for e in a["entities"]}
    lines: list[str] = []
    counts: collections.Counter[str] = collections.Counter()
    for g in gold["quotes"]:
        kind = g.get("attribution", "name")
        counts["total"] += 1
        counts[f"total:{kind}"] += 1
        q = [
            q
            for q in a.get("quotes", [])
            if norm(g["snippet"]) in norm(text[q["start"] : q["end"]])
        ]
        if not q:
            lines.append(f"  quote not found: {g['snippet']!r}")
            continue
        counts["quotes_found"] += 1
        q = q[0]
        e = ents.get(q.get("speaker")) if q.get("speaker") is not None else None
        names = surfaces(a, e) if e else set()
        if g["speaker"] is None:
            ok = e is None or e.get("type") != "person"
        else:
            ok = norm(g["speaker"]) in names
        if ok:
            counts["right"] += 1
            counts[f"right:{kind}"] += 1
        else:
            who = e["name"] if e else q.get("speaker_name")
            lines.append(
                f"  wrong speaker for {g['snippet']!r}: {who!r} (gold {g['speaker']!r}, {kind})"
            )
    return counts, lines


# --- lone common words ----------------------------------------------------------------------

_WORD = re.compile(r"[A-Za-z]+")
_SENTENCE_END = re.compile(r"[.!?:;\"“”'‘’(\[—–-]\s*$")


def word_usage(texts: Iterable[str]) -> tuple[collections.Counter[str], collections.Counter[str]]:
    """How often each word is written in lower case, and capitalised inside a sentence (not
    after a sentence end, a quotation mark or a dash), over `texts` (all of the corpus's
    article texts)."""
    lower: collections.Counter[str] = collections.Counter()
    capital: collections.Counter[str] = collections.Counter()
    for text in texts:
        for line in text.splitlines():
            for m in _WORD.finditer(line):
                word = m.group()
                if word.islower():
                    lower[word] += 1
                elif word[0].isupper() and word[1:].islower():
                    before = line[: m.start()]
                    if before.strip() and not _SENTENCE_END.search(before):
                        capital[word.lower()] += 1
    return lower, capital


def lone_common_word(
    name: str, lower: collections.Counter[str], capital: collections.Counter[str]
) -> bool:
    """A name of one word that news mostly writes in lower case ("Great", "Central", "Senate"
    is not: it is capitalised more often than not). A word with a capital after its first
    letter is an acronym or a brand ("US", "AI", "YouTube"), never a common word: "us" is."""
    word = name.strip()
    if not _WORD.fullmatch(word) or any(c.isupper() for c in word[1:]):
        return False
    key = word.lower()
    return lower[key] >= 5 and lower[key] >= capital[key]


# --- score ----------------------------------------------------------------------------------

ENTITY_KEYS = ("gold", "found", "typed", "merged", "aliases", "counted", "junk", "never")


def _ratio(num: int, den: int) -> str:
    return f"{num / den:.3f}" if den else "n/a"


def _summary(c: collections.Counter[str]) -> str:
    return (
        f"recall {_ratio(c['found'], c['gold'])} ({c['found']}/{c['gold']}), "
        f"precision {_ratio(c['counted'] - c['junk'], c['counted'])} "
        f"({c['counted'] - c['junk']}/{c['counted']}), "
        f"typed {_ratio(c['typed'], c['found'])}, "
        f"merged {_ratio(c['merged'], c['aliases'])} ({c['merged']}/{c['aliases']}), "
        f"quotes {_ratio(c['right'], c['total'])} ({c['right']}/{c['total']}), "
        f"lone common words {c['common']}"
    )


def analyse(path: Path) -> dict[str, Any]:
    from briefing.analysis import analyze
    from briefing.ingest import load_document
    from briefing.serialize import reading_dict

    return reading_dict(analyze(load_document(path)))


def polnear_texts(data: Path) -> Iterable[str]:
    for path in sorted(data.glob("*/text/*.txt")):
        yield path.read_text(encoding="utf-8")


def score(data: Path, marks_file: Path, split: str, verbose: bool) -> int:
    chosen = [(name, s, path, outlet(path)) for name, (s, path) in choose(data).items()]
    return score_articles(chosen, polnear_texts(data), marks_file, split, verbose)


def score_articles(
    chosen: list[tuple[str, str, Path, str]],
    texts: Iterable[str],
    marks_file: Path,
    split: str,
    verbose: bool,
) -> int:
    """Score the marked articles of `split` among `chosen` ((name, split, text file, outlet));
    `texts` are the corpus's texts, to tell which words it mostly writes in lower case."""
    marks = load_marks(marks_file)["articles"]
    lower, capital = word_usage(texts)
    total: collections.Counter[str] = collections.Counter()
    per_outlet: dict[str, collections.Counter[str]] = collections.defaultdict(collections.Counter)
    common_names: list[str] = []
    articles = 0
    for name, article_split, path, article_outlet in chosen:
        mark = marks.get(name)
        if mark is None or (split != "all" and article_split != split):
            continue
        a = analyse(path)
        gold = gold_reading(name, mark, str(path))
        ents, ent_lines = score_entities(a, gold)
        quotes, quote_lines = score_quotes(a, gold)
        common = [e["name"] for e in a["entities"] if lone_common_word(e["name"], lower, capital)]
        common_names.extend(common)
        counts = collections.Counter(ents) + quotes
        counts["common"] = len(common)
        for bucket in (total, per_outlet[article_outlet]):
            bucket.update(counts)
        articles += 1
        if verbose:
            print(f"{name} ({article_split}): {_summary(counts)}")
            for line in ent_lines + quote_lines:
                print(line)
            if common:
                print(f"  lone common words: {sorted(common)}")
    print(
        f"{articles} marked articles ({split}), {total['gold']} entities, {total['total']} quotes"
    )
    print(
        f"entity recall {_ratio(total['found'], total['gold'])} ({total['found']}/{total['gold']})"
    )
    print(
        f"entity precision {_ratio(total['counted'] - total['junk'], total['counted'])} "
        f"({total['counted'] - total['junk']}/{total['counted']} entities not optional; "
        f"{total['never']} named as a never-entity)"
    )
    print(
        f"type accuracy {_ratio(total['typed'], total['found'])} "
        f"({total['typed']}/{total['found']})"
    )
    print(
        f"aliases merged {_ratio(total['merged'], total['aliases'])} "
        f"({total['merged']}/{total['aliases']})"
    )
    print(
        f"quote speakers {_ratio(total['right'], total['total'])} "
        f"({total['right']}/{total['total']}; "
        f"{total['quotes_found']} of the quotes found)"
    )
    by_kind = ", ".join(
        f"{kind} {_ratio(total[f'right:{kind}'], total[f'total:{kind}'])} "
        f"({total[f'right:{kind}']}/{total[f'total:{kind}']})"
        for kind in ATTRIBUTIONS
    )
    print(f"  by attribution: {by_kind}")
    shown = ", ".join(f"{n} x{k}" for n, k in collections.Counter(common_names).most_common(12))
    print(f"entities named by a lone common word: {len(common_names)} ({shown})")
    for name in sorted(per_outlet):
        print(f"  {name:<13} {_summary(per_outlet[name])}")
    return 0


# --- agreement between the two markings ----------------------------------------------------


def _surfaces(e: dict[str, Any]) -> set[str]:
    return {norm(e["name"])} | {norm(x) for x in e["also"]}


def _pair(
    first: list[dict[str, Any]], second: list[dict[str, Any]]
) -> list[tuple[dict[str, Any], dict[str, Any]]]:
    """Entities of two markings that are the same: one's name is among the other's forms."""
    pairs = []
    taken: set[int] = set()
    for e in first:
        for j, f in enumerate(second):
            if j not in taken and (
                norm(e["name"]) in _surfaces(f) or norm(f["name"]) in _surfaces(e)
            ):
                pairs.append((e, f))
                taken.add(j)
                break
    return pairs


def _same_quotes(one: list[tuple[str, str]], two: list[tuple[str, str]]) -> list[tuple[int, int]]:
    """Quotes of two markings that are the same quote: one snippet begins the other."""
    pairs = []
    taken: set[int] = set()
    for i, (a, _) in enumerate(one):
        for j, (b, _) in enumerate(two):
            if j not in taken and (a.startswith(b) or b.startswith(a)):
                pairs.append((i, j))
                taken.add(j)
                break
    return pairs


def agreement(marks_file: Path, second_file: Path | None = None, verbose: bool = False) -> int:
    """Entity F1 (an entity that the other marking lists as optional is left out of both
    counts), type agreement and alias agreement over matched entities (the share of each
    marking's other forms that the other marking also gives that entity), and quote agreement
    (the same quote when one snippet begins the other; then the same speaker, and the same
    attribution). The second marking is `second_marking` of the marks file, or the articles of
    `second_file`; `verbose` prints each disagreement."""
    marks = load_marks(marks_file)
    if second_file is None:
        second = marks.get("second_marking", {})
    else:
        second = load_marks(second_file)["articles"]
    c: collections.Counter[str] = collections.Counter()
    for name, again in sorted(second.items()):
        first = marks["articles"][name]
        opt1 = {norm(x) for x in first["entities_optional"]}
        opt2 = {norm(x) for x in again["entities_optional"]}
        one = [e for e in first["entities"] if not _surfaces(e) & opt2]
        two = [e for e in again["entities"] if not _surfaces(e) & opt1]
        pairs = _pair(one, two)
        c["first"] += len(one)
        c["second"] += len(two)
        c["matched"] += len(pairs)
        c["same_type"] += sum(e["type"] == f["type"] for e, f in pairs)
        for e, f in pairs:
            for alias in e["also"]:
                c["aliases"] += 1
                c["aliases_shared"] += norm(alias) in _surfaces(f)
            for alias in f["also"]:
                c["aliases"] += 1
                c["aliases_shared"] += norm(alias) in _surfaces(e)
        q1 = [(norm(q["snippet"]), norm(q["speaker"] or "")) for q in first["quotes"]]
        q2 = [(norm(q["snippet"]), norm(q["speaker"] or "")) for q in again["quotes"]]
        shared = _same_quotes(q1, q2)
        c["quotes_first"] += len(q1)
        c["quotes_second"] += len(q2)
        c["quotes_shared"] += len(shared)
        c["speaker_same"] += sum(q1[i][1] == q2[j][1] for i, j in shared)
        kinds = [
            (first["quotes"][i]["attribution"], again["quotes"][j]["attribution"])
            for i, j in shared
        ]
        c["attribution_same"] += sum(a == b for a, b in kinds)
        unmatched_one = sorted(e["name"] for e in one if all(e is not p[0] for p in pairs))
        unmatched_two = sorted(f["name"] for f in two if all(f is not p[1] for p in pairs))
        print(f"{name}: only first {unmatched_one}; only second {unmatched_two}")
        if verbose:
            _disagreements(first, again, pairs, shared)
    f1 = 2 * c["matched"] / (c["first"] + c["second"]) if c["first"] + c["second"] else 0.0
    print(
        f"{len(second)} articles marked twice: entities {c['first']} and {c['second']}, "
        f"{c['matched']} the same, F1 {f1:.3f}"
    )
    print(
        f"type agreement {_ratio(c['same_type'], c['matched'])} ({c['same_type']}/{c['matched']})"
    )
    print(
        f"alias agreement {_ratio(c['aliases_shared'], c['aliases'])} "
        f"({c['aliases_shared']}/{c['aliases']} other forms given by both)"
    )
    qf1 = (
        2 * c["quotes_shared"] / (c["quotes_first"] + c["quotes_second"])
        if c["quotes_first"] + c["quotes_second"]
        else 0.0
    )
    print(
        f"quotes {c['quotes_first']} and {c['quotes_second']}, {c['quotes_shared']} the same "
        f"(F1 {qf1:.3f}), same speaker {_ratio(c['speaker_same'], c['quotes_shared'])} "
        f"({c['speaker_same']}/{c['quotes_shared']}), same attribution "
        f"{_ratio(c['attribution_same'], c['quotes_shared'])} "
        f"({c['attribution_same']}/{c['quotes_shared']})"
    )
    return 0


def _disagreements(
    first: dict[str, Any],
    again: dict[str, Any],
    pairs: list[tuple[dict[str, Any], dict[str, Any]]],
    shared: list[tuple[int, int]],
) -> None:
    """Print one article's disagreements: optional in one marking only, types, other forms,
    quotes marked by one marking only, speakers and attributions."""
    opt1 = {norm(x) for x in first["entities_optional"]}
    opt2 = {norm(x) for x in again["entities_optional"]}
    for e in first["entities"]:
        if _surfaces(e) & opt2:
            print(f"    first lists {e['name']!r}, second has it optional")
    for f in again["entities"]:
        if _surfaces(f) & opt1:
            print(f"    second lists {f['name']!r}, first has it optional")
    for e, f in pairs:
        if e["type"] != f["type"]:
            print(f"    type of {e['name']!r}: first {e['type']}, second {f['type']}")
        if norm(e["name"]) != norm(f["name"]):
            print(f"    name: first {e['name']!r}, second {f['name']!r}")
        only1 = sorted(x for x in e["also"] if norm(x) not in _surfaces(f))
        only2 = sorted(x for x in f["also"] if norm(x) not in _surfaces(e))
        if only1 or only2:
            print(f"    other forms of {e['name']!r}: only first {only1}, only second {only2}")
    matched1 = {i for i, _ in shared}
    matched2 = {j for _, j in shared}
    for i, q in enumerate(first["quotes"]):
        if i not in matched1:
            print(f"    quote only first: {q['snippet']!r} ({q['speaker']}, {q['attribution']})")
    for j, q in enumerate(again["quotes"]):
        if j not in matched2:
            print(f"    quote only second: {q['snippet']!r} ({q['speaker']}, {q['attribution']})")
    for i, j in shared:
        q, r = first["quotes"][i], again["quotes"][j]
        if norm(q["speaker"] or "") != norm(r["speaker"] or ""):
            print(f"    speaker of {q['snippet']!r}: first {q['speaker']}, second {r['speaker']}")
        if q["attribution"] != r["attribution"]:
            print(
                f"    attribution of {q['snippet']!r}: first {q['attribution']}, "
                f"second {r['attribution']}"
            )


# --- the second set: web news of 2017 and later (news_entities_web.py) ---------------------


def prepare_second(pages: Path, out: Path) -> int:
    chosen = web.choose(pages)
    for name, (split, article) in chosen.items():
        folder = out / split
        folder.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(web.article_text(article), encoding="utf-8")
    for split in web.SPLITS:
        names = [n for n, (s, _) in chosen.items() if s == split]
        sites = {chosen[n][1][1] for n in names}
        print(f"{split}: {len(names)} articles from {len(sites)} sites")
    print("to mark a second time:", *web.second_marking_choice(chosen), sep="\n  ")
    return 0


def build_chosen(chooser: Any, pages: Path, out: Path, marks_file: Path) -> int:
    """Write the marked articles of a set of pages that `chooser` (`news_entities_web` or
    `news_entities_third`: a `choose` and an `article_text`) picks."""
    articles = {
        name: (
            split,
            lambda target, article=article: target.write_text(
                chooser.article_text(article), encoding="utf-8"
            ),
        )
        for name, (split, article) in chooser.choose(pages).items()
    }
    return write_marked(articles, out, marks_file)


def build_second(pages: Path, out: Path, marks_file: Path) -> int:
    return build_chosen(web, pages, out, marks_file)


def score_chosen(chooser: Any, pages: Path, marks_file: Path, split: str, verbose: bool) -> int:
    """Score a set of pages that `chooser` picks (a `choose`, an `article_text` and a
    `page_texts`): each article written to a temporary folder and read from there, per site
    or outlet (the page's second field)."""
    with tempfile.TemporaryDirectory() as folder:
        chosen = []
        for name, (article_split, article) in chooser.choose(pages).items():
            path = Path(folder) / name
            path.write_text(chooser.article_text(article), encoding="utf-8")
            chosen.append((name, article_split, path, article[1]))
        return score_articles(chosen, chooser.page_texts(pages), marks_file, split, verbose)


def score_second(pages: Path, marks_file: Path, split: str, verbose: bool) -> int:
    """Score the second set, per site rather than per outlet."""
    return score_chosen(web, pages, marks_file, split, verbose)


# --- the third set: reported news of Readability's test pages (news_entities_third.py) -------


def prepare_third(pages: Path, out: Path) -> int:
    chosen = third.choose(pages)
    folder = out / third.SPLITS[0]
    folder.mkdir(parents=True, exist_ok=True)
    for name, (_, article) in chosen.items():
        (folder / name).write_text(third.article_text(article), encoding="utf-8")
    outlets = {article[1] for _, article in chosen.values()}
    print(f"{third.SPLITS[0]}: {len(chosen)} articles from {len(outlets)} outlets")
    for name, (_, (_, page_outlet, year, _, blocks)) in chosen.items():
        print(f"  {name}: {page_outlet}, {year}, {len(blocks)} paragraphs")
    print("to mark a second time:", *third.second_marking_choice(chosen), sep="\n  ")
    return 0


def build_third(pages: Path, out: Path, marks_file: Path) -> int:
    return build_chosen(third, pages, out, marks_file)


def score_third(pages: Path, marks_file: Path, split: str, verbose: bool) -> int:
    """Score the third set (held out: only with --final), per outlet."""
    return score_chosen(third, pages, marks_file, split, verbose)


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("command", choices=("prepare", "build", "score", "agreement"))
    parser.add_argument(
        "data", type=Path, nargs="?", help="PolNeAR's data/ folder (--set second: the pages)"
    )
    parser.add_argument("out", type=Path, nargs="?", help="where prepare and build write")
    parser.add_argument(
        "--set",
        choices=("first", "second", "third"),
        default="first",
        help="first: PolNeAR's articles (news-entities.json); second: web news of 2017 and "
        "later (news_entities_web.py, news-entities-2.json); third: reported news of "
        "Readability's test pages, all held out (news_entities_third.py, news-entities-3.json)",
    )
    parser.add_argument("--marks", type=Path, help="the marks (by default the set's file)")
    parser.add_argument(
        "--second",
        type=Path,
        help="agreement: another marker's marks (default: the marks file's second_marking)",
    )
    parser.add_argument("--split", choices=(*SPLITS, *web.SPLITS, *third.SPLITS, "all"))
    parser.add_argument("-v", "--verbose", action="store_true", help="every article's misses")
    parser.add_argument(
        "--final", action="store_true", help="allow scoring test (read once, at the end)"
    )
    args = parser.parse_args()
    splits, marks = {
        "first": (SPLITS, MARKS),
        "second": (web.SPLITS, web.MARKS),
        "third": (third.SPLITS, third.MARKS),
    }[args.set]
    marks = args.marks or marks
    split = args.split or splits[0]
    if split not in (*splits, "all"):
        parser.error(f"the {args.set} set has no split {split} (it has {', '.join(splits)})")
    if args.command == "score" and split not in TUNING_SPLITS and not args.final:
        parser.error("the test half is read once, at the end: add --final to score it")
    if args.command == "agreement":
        second = args.second or (third.SECOND_MARKS if args.set == "third" else None)
        return agreement(marks, second, args.verbose)
    if args.data is None:
        parser.error(f"{args.command} needs POLNEAR_DATA (--set second: PAGES)")
    if args.command == "score":
        if args.set == "second":
            return score_second(args.data, marks, split, args.verbose)
        if args.set == "third":
            return score_third(args.data, marks, split, args.verbose)
        return score(args.data, marks, split, args.verbose)
    if args.out is None:
        parser.error(f"{args.command} needs OUT_DIR")
    if args.command == "prepare":
        if args.set == "second":
            return prepare_second(args.data, args.out)
        if args.set == "third":
            return prepare_third(args.data, args.out)
        return prepare(args.data, args.out)
    if args.set == "second":
        return build_second(args.data, args.out, marks)
    if args.set == "third":
        return build_third(args.data, args.out, marks)
    return build(args.data, args.out, marks)


if __name__ == "__main__":
    sys.exit(main())
