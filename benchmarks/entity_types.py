"""Entity types against CoNLL-2003's gold names: how often the linked entity's type agrees.

    python benchmarks/entity_types.py DATA_DIR [--splits testa,testb]

DATA_DIR holds `eng.testa` / `eng.testb` (CoNLL-2003 English, IOB1; fetch it yourself, it is
not part of this repository). Each split's documents are rebuilt as text (tokens joined by
spaces, one sentence a line, a blank line between documents) and go through the shipped
pipeline: tokens, tagger, linking and typing (`extract_entities`). Every gold PER / ORG / LOC
/ MISC name that is exactly the span of one of the entities' mentions is judged: the entity's
type agrees when PER is a person, ORG an organization, LOC a place, and MISC an event or
other. Prints agreement per gold type, the confusion counts, and how many gold names were
not a mention span at all (tagger or linking cut them differently).

The tagger learnt these texts' training split, so this is an in-domain check of the typing
rules (develop on testa, report testb), not of the tagger.
"""

from __future__ import annotations

import argparse
import collections
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from briefing.analysis.ner.conll import read_conll
from briefing.analysis.ner.scheme import bio_spans
from briefing.analysis.people import extract_entities
from briefing.ingest.builder import DocumentBuilder
from briefing.model import Metadata

AGREES = {
    "PER": {"person"},
    "ORG": {"organization"},
    "LOC": {"place"},
    "MISC": {"event", "other"},
}
SPLITS = {"testa": ("eng.testa", "valid.txt"), "testb": ("eng.testb", "test.txt")}


def split_file(data_dir: Path, split: str) -> Path:
    for name in SPLITS[split]:
        if (data_dir / name).exists():
            return data_dir / name
    sys.exit(f"{data_dir}: no {' or '.join(SPLITS[split])}")


def evaluate(path: Path) -> None:
    builder = DocumentBuilder()
    gold: list[tuple[int, int, str]] = []
    pos = 0
    for doc in read_conll(path):
        for tokens, tags in doc:
            starts = []
            line_parts = []
            offset = pos
            for tok in tokens:
                starts.append(offset)
                line_parts.append(tok)
                offset += len(tok) + 1
            line = " ".join(line_parts)
            builder.add(line)
            for a, b, typ in bio_spans(tags):
                gold.append((starts[a], starts[b - 1] + len(tokens[b - 1]), typ))
            pos += len(line) + 2  # the builder joins paragraphs with a blank line
    document = builder.build(Metadata(), path.name, path.name, "text")
    text = document.text
    assert all(text[a:b].strip() == text[a:b] for a, b, _ in gold[:50]), "offsets"
    entities, _ = extract_entities(document)
    span_type = {(m.start, m.end): e.type.value for e in entities for m in e.mentions}
    table: collections.Counter[tuple[str, str]] = collections.Counter()
    for a, b, typ in gold:
        table[typ, span_type.get((a, b), "(no mention)")] += 1
    types = ("person", "organization", "place", "event", "other", "(no mention)")
    print(f"{path.name}: {len(gold)} gold names, {len(entities)} entities")
    print(f"  {'gold':<6}{'agree':>8}  " + "".join(f"{t[:12]:>13}" for t in types))
    for g in ("PER", "ORG", "LOC", "MISC"):
        judged = sum(n for (gt, t), n in table.items() if gt == g and t != "(no mention)")
        agree = sum(n for (gt, t), n in table.items() if gt == g and t in AGREES[g])
        share = agree / judged if judged else 0.0
        print(f"  {g:<6}{share:>8.3f}  " + "".join(f"{table[g, t]:>13}" for t in types))
    judged = sum(n for (_, t), n in table.items() if t != "(no mention)")
    agree = sum(n for (g, t), n in table.items() if t in AGREES[g])
    print(f"  all   {agree / judged if judged else 0.0:>8.3f}  ({judged} judged)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("data_dir", type=Path)
    parser.add_argument("--splits", default="testa,testb")
    args = parser.parse_args()
    for split in args.splits.split(","):
        evaluate(split_file(args.data_dir, split))


if __name__ == "__main__":
    main()
