"""Re-anchoring notes after random edits: a deleted passage must be orphaned, a surviving one
found where it now is.

    python benchmarks/anchoring_edits.py [--scenarios 20] [--notes 200] [--seed 1]
                                         [--against REV] [--show 5]

Each scenario generates a news-like text (seeded, no corpus: sentences of words from a
vocabulary full of look-alike short words, "might"/"light", "stage"/"same", "in"/"it"), puts
`--notes` notes on it (whole sentences and runs of 1–10 words), then edits it at random: noted
sentences and runs of noted words deleted, sentences and paragraphs inserted, one word changed,
added or removed in some sentences, paragraphs moved. The text is kept as tokens with ids, so
where every note's words are after the edits is known, and `reanchor_all` is checked against it:

* a deleted passage must be orphaned; `moved` onto the same words elsewhere (a true duplicate) is
  counted apart, `moved` onto other words is wrong (target 0);
* a surviving passage must be found on its words: exactly for untouched ones, overlapping its
  edited words by at least half (intersection over union) for edited ones.

Notes a deletion cut only partly are left out (no right answer). `--against REV` runs the same
scenarios with `briefing/store/anchoring.py` as it was at git revision REV, for comparison.
"""

from __future__ import annotations

import argparse
import importlib.util
import random
import re
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from briefing.model import AnchorStatus, Annotation
from briefing.store.anchoring import quote_at, reanchor_all

ROOT = Path(__file__).resolve().parent.parent

Reanchor = Callable[[str, Iterable[Annotation]], list[Annotation]]

_FUNCTION = (
    "the the the the a a an of of of to to to in in in on on at by for for with from as is is "
    "it it its be was was were has had have that that this which and and and but or not will "
    "would could may said said says after before over under more than about into"
).split()
_LOOKALIKES = [
    "might light night right sight fight eight tight",
    "stage state stake same sale scale shape shade",
    "plan plans plane plant plain planned",
    "rate rates rise rose raise race rare",
    "port post part past pact pace face",
    "talks tasks takes tanks banks ranks",
    "deal deals dealt seal steal steel",
    "vote votes voted note notes noted",
    "court count county country council counsel",
    "fund funds found bound round sound",
    "law laws low lower flow flows",
    "cost costs coast cast case cases",
    "week weeks weak weaker seek peak",
    "bill bills built build will still",
    "form forms firm firms farm farms",
    "police policy politics polls poll",
    "trade trades traded grade trader",
    "market markets marked marker",
    "price prices prize pride prime",
    "union unions unit units unity",
    "share shares shore store score scores",
    "line lines lane lanes link links",
]
_CONTENT = (
    "government minister ministry officials agreement election economy spokesman parliament "
    "committee investigation companies prosecutors inflation production opposition "
    "negotiations emergency statement residents hospital workers budget region province "
    "capital talks treaty report analysts growth exports imports households families "
    "farmers schools teachers drivers strike protest ceasefire border harbour airport bridge "
    "railway power water energy health housing banks lenders debt bonds interest shortage"
).split()


def _vocabulary() -> tuple[list[str], list[float]]:
    """Words with Zipf-like weights: function words most often, look-alikes often."""
    words: list[str] = []
    weights: list[float] = []
    for rank, word in enumerate(_FUNCTION):
        words.append(word)
        weights.append(6.0 / (1 + rank / 20))
    for family in _LOOKALIKES:
        for word in family.split():
            words.append(word)
            weights.append(1.0)
    for word in _CONTENT:
        words.append(word)
        weights.append(0.7)
    return words, weights


WORDS, WEIGHTS = _vocabulary()


@dataclass
class Token:
    id: int
    text: str


@dataclass
class Sentence:
    tokens: list[Token]


@dataclass
class Note:
    """A note on a run of tokens of one sentence, and what the edits did to them."""

    tokens: set[int]
    edited: bool = False
    cut: bool = False  # a deletion took some but not all of its words


@dataclass
class Scenario:
    rng: random.Random
    paragraphs: list[list[Sentence]] = field(default_factory=list)
    next_id: int = 0

    def token(self, text: str) -> Token:
        self.next_id += 1
        return Token(self.next_id, text)

    def sentence(self) -> Sentence:
        rng = self.rng
        words = rng.choices(WORDS, WEIGHTS, k=rng.randint(6, 24))
        for i in range(len(words) - 1):
            if rng.random() < 0.06:
                words[i] += ","
        words[0] = words[0].capitalize()
        words[-1] += "."
        return Sentence([self.token(w) for w in words])

    def render(self) -> tuple[str, dict[int, tuple[int, int]]]:
        """The text, and where each token is in it."""
        parts: list[str] = []
        spans: dict[int, tuple[int, int]] = {}
        at = 0
        for p, paragraph in enumerate(self.paragraphs):
            if p:
                parts.append("\n")
                at += 1
            for s, sentence in enumerate(paragraph):
                for t, token in enumerate(sentence.tokens):
                    if s or t:
                        parts.append(" ")
                        at += 1
                    parts.append(token.text)
                    spans[token.id] = (at, at + len(token.text))
                    at += len(token.text)
        return "".join(parts), spans

    def sentences(self) -> list[Sentence]:
        return [s for paragraph in self.paragraphs for s in paragraph]


def _replacement(rng: random.Random, old: str) -> str:
    """Another word for `old`, often a look-alike of it, keeping its case and punctuation."""
    core = old.rstrip(".,")
    tail = old[len(core) :]
    family = next((f.split() for f in _LOOKALIKES if core.lower() in f.split()), None)
    if family and rng.random() < 0.5:
        new = rng.choice([w for w in family if w != core.lower()])
    else:
        new = rng.choices(WORDS, WEIGHTS)[0]
    if core[:1].isupper():
        new = new.capitalize()
    return new + tail


def build(seed: int, notes: int) -> tuple[Scenario, list[Note], list[tuple[int, int]]]:
    """A text of about 60 paragraphs and `notes` notes on it (their token ids and spans)."""
    scenario = Scenario(random.Random(seed))
    rng = scenario.rng
    scenario.paragraphs = [
        [scenario.sentence() for _ in range(rng.randint(2, 5))] for _ in range(60)
    ]
    sentences = scenario.sentences()
    made: list[Note] = []
    for _ in range(notes):
        sentence = rng.choice(sentences)
        n = len(sentence.tokens)
        if rng.random() < 0.3:
            first, last = 0, n - 1
        else:
            length = rng.choice([1, 2, 2, 3, 3, 4, 5, 6, 8, 10])
            length = min(length, n)
            first = rng.randrange(0, n - length + 1)
            last = first + length - 1
        made.append(Note({t.id for t in sentence.tokens[first : last + 1]}))
    _, spans = scenario.render()
    ranges = [
        (min(spans[t][0] for t in note.tokens), max(spans[t][1] for t in note.tokens))
        for note in made
    ]
    return scenario, made, ranges


def edit(scenario: Scenario, notes: list[Note]) -> None:
    """Delete noted sentences and runs of noted words, insert text, edit words, move
    paragraphs, recording in `notes` what happened to each note's words."""
    rng = scenario.rng

    def remove(ids: set[int], *, deletion: bool) -> None:
        for note in notes:
            hit = note.tokens & ids
            if hit:
                note.tokens -= hit
                if deletion and note.tokens:
                    note.cut = True
                if not deletion:
                    note.edited = True

    noted = {t for note in notes for t in note.tokens}
    # Whole noted sentences deleted.
    for _ in range(25):
        candidates = [
            (p, s)
            for p, paragraph in enumerate(scenario.paragraphs)
            for s, sentence in enumerate(paragraph)
            if len(paragraph) > 1 and any(t.id in noted for t in sentence.tokens)
        ]
        p, s = rng.choice(candidates)
        gone = scenario.paragraphs[p].pop(s)
        remove({t.id for t in gone.tokens}, deletion=True)
    # Runs of noted words deleted (the note's words and a few either side).
    for _ in range(15):
        alive = [n for n in notes if n.tokens and not n.cut]
        note = rng.choice(alive)
        for sentence in scenario.sentences():
            indices = [i for i, t in enumerate(sentence.tokens) if t.id in note.tokens]
            if indices:
                break
        low = max(0, indices[0] - rng.randint(0, 2))
        high = min(len(sentence.tokens), indices[-1] + 1 + rng.randint(0, 2))
        if high - low >= len(sentence.tokens) - 1:
            continue  # would leave no sentence: the sentence deletions cover that
        ends_sentence = high == len(sentence.tokens)
        gone_tokens = sentence.tokens[low:high]
        del sentence.tokens[low:high]
        remove({t.id for t in gone_tokens}, deletion=True)
        # The sentence keeps its capital and full stop: an edit of the word next to the cut.
        first, last = sentence.tokens[0], sentence.tokens[-1]
        if low == 0 and not first.text[:1].isupper():
            remove({first.id}, deletion=False)
            sentence.tokens[0] = scenario.token(first.text[:1].upper() + first.text[1:])
        if ends_sentence:
            remove({last.id}, deletion=False)
            sentence.tokens[-1] = scenario.token(last.text.rstrip(",") + ".")
    # One word changed, added or removed in some sentences (inside notes or not).
    for sentence in rng.sample(scenario.sentences(), 40):
        tokens = sentence.tokens
        if len(tokens) < 4:
            continue
        kind = rng.choice(["change", "add", "remove"])
        i = rng.randrange(1, len(tokens) - 1)
        if kind == "change":
            new = scenario.token(_replacement(rng, tokens[i].text))
            for note in notes:
                if tokens[i].id in note.tokens:
                    note.tokens.add(new.id)
            remove({tokens[i].id}, deletion=False)
            tokens[i] = new
        elif kind == "add":
            new = scenario.token(rng.choices(WORDS, WEIGHTS)[0])
            for note in notes:
                if tokens[i - 1].id in note.tokens and tokens[i].id in note.tokens:
                    note.tokens.add(new.id)
                    note.edited = True
            tokens.insert(i, new)
        else:
            remove({tokens[i].id}, deletion=False)
            del tokens[i]
    # New sentences and paragraphs.
    for _ in range(10):
        paragraph = rng.choice(scenario.paragraphs)
        paragraph.insert(rng.randint(0, len(paragraph)), scenario.sentence())
    for _ in range(3):
        inserted = [scenario.sentence() for _ in range(rng.randint(1, 4))]
        scenario.paragraphs.insert(rng.randint(0, len(scenario.paragraphs)), inserted)
    # Paragraphs moved.
    for _ in range(3):
        moved = scenario.paragraphs.pop(rng.randrange(len(scenario.paragraphs)))
        scenario.paragraphs.insert(rng.randint(0, len(scenario.paragraphs)), moved)


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", text.lower())


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> float:
    inter = max(0, min(a[1], b[1]) - max(a[0], b[0]))
    union = max(a[1], b[1]) - min(a[0], b[0])
    return inter / union if union else 0.0


def run(
    reanchor: Reanchor, scenarios: int, count: int, seed: int, show: int
) -> tuple[Counter[str], float]:
    """Counts of each outcome over the scenarios, and the seconds spent re-anchoring."""
    counts: Counter[str] = Counter()
    seconds = 0.0
    shown = 0
    for n in range(scenarios):
        scenario, notes, ranges = build(seed * 1000 + n, count)
        text, _ = scenario.render()
        annotations = [
            Annotation(f"{i}", start, end, quote_at(text, start, end))
            for i, (start, end) in enumerate(ranges)
        ]
        edit(scenario, notes)
        edited, spans = scenario.render()
        started = time.perf_counter()
        result = {a.id: a for a in reanchor(edited, annotations)}
        seconds += time.perf_counter() - started
        for i, note in enumerate(notes):
            got = result[f"{i}"]
            if note.cut:
                counts["cut"] += 1
                continue
            found = edited[got.start : got.end]
            if not note.tokens:
                if got.status is AnchorStatus.ORPHANED:
                    counts["deleted orphaned"] += 1
                elif _words(found) == _words(got.quote.exact):
                    counts["deleted moved onto a duplicate"] += 1
                else:
                    counts["deleted WRONG moved"] += 1
                    if shown < show:
                        shown += 1
                        print(f"  wrong: {got.quote.exact!r} -> {found!r} ({got.score})")
                continue
            kind = "edited" if note.edited else "untouched"
            where = (
                min(spans[t][0] for t in note.tokens),
                max(spans[t][1] for t in note.tokens),
            )
            counts[f"{kind}"] += 1
            if got.status is AnchorStatus.ORPHANED:
                counts[f"{kind} lost"] += 1
            elif (got.start, got.end) == where or (
                note.edited and _overlap((got.start, got.end), where) >= 0.5
            ):
                counts[f"{kind} found"] += 1
            else:
                counts[f"{kind} wrong place"] += 1
                if shown < show:
                    shown += 1
                    print(
                        f"  {kind} misplaced: {edited[where[0] : where[1]]!r} "
                        f"({got.quote.exact!r}) -> {found!r} ({got.status}, {got.score})"
                    )
    return counts, seconds


def _load_at(revision: str) -> Reanchor:
    """`reanchor_all` from `briefing/store/anchoring.py` as it was at git `revision`."""
    source = subprocess.run(
        ["git", "-C", str(ROOT), "show", f"{revision}:briefing/store/anchoring.py"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    with tempfile.NamedTemporaryFile("w", suffix=".py", delete=False) as handle:
        handle.write(source)
    spec = importlib.util.spec_from_file_location("anchoring_at_revision", handle.name)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    Path(handle.name).unlink()
    reanchor: Reanchor = module.reanchor_all
    return reanchor


def _report(label: str, counts: Counter[str], seconds: float, notes: int) -> None:
    deleted = sum(counts[k] for k in counts if k.startswith("deleted"))
    print(f"{label}")
    print(
        f"  deleted passages   {deleted:>5}: orphaned {counts['deleted orphaned']}, "
        f"moved onto a duplicate {counts['deleted moved onto a duplicate']}, "
        f"WRONG moved {counts['deleted WRONG moved']} (target 0)"
    )
    for kind in ("untouched", "edited"):
        total = counts[kind]
        print(
            f"  {kind + ' survivors':<18} {total:>5}: found {counts[kind + ' found']} "
            f"({100 * counts[kind + ' found'] / max(1, total):.1f} %), "
            f"lost {counts[kind + ' lost']}, wrong place {counts[kind + ' wrong place']}"
        )
    survivors = counts["untouched"] + counts["edited"]
    found = counts["untouched found"] + counts["edited found"]
    print(
        f"  survivors found correctly {100 * found / max(1, survivors):.1f} % of {survivors}; "
        f"{counts['cut']} cut partly (not scored); "
        f"re-anchoring {1000 * seconds:.0f} ms for {notes} notes "
        f"({1000 * seconds / notes * 1000:.1f} ms per 1,000)"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scenarios", type=int, default=20)
    parser.add_argument("--notes", type=int, default=200)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--against", metavar="REV", help="also run anchoring.py at this revision")
    parser.add_argument("--show", type=int, default=0, help="print this many wrong moves")
    args = parser.parse_args()
    total = args.scenarios * args.notes
    runs: list[tuple[str, Reanchor]] = []
    if args.against:
        runs.append((f"anchoring.py at {args.against}", _load_at(args.against)))
    runs.append(("anchoring.py in this checkout", reanchor_all))
    for label, reanchor in runs:
        counts, seconds = run(reanchor, args.scenarios, args.notes, args.seed, args.show)
        _report(label, counts, seconds, total)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
