"""Build multi-story news digests (CoNLL-2003 Reuters text or plain-text articles) for segmentation.

    python benchmarks/make_digests.py CONLL_FILE OUT_DIR
    python benchmarks/make_digests.py ARTICLES_DIR OUT_DIR

From a folder of plain-text news articles (PolNeAR's `text/*.txt`: a title line, then one
paragraph per line), each article of 6–40 paragraphs (title dropped, lines under four words
dropped) is a story, three stories per digest, in the same stride order: digests whose blocks
are real paragraphs.

CoNLL-2003 (`eng.testa`, `eng.testb`) holds Reuters stories one token per line, sentences
separated by blank lines. A story opens with its headline and a dateline ending in the date
(`ROME 1996-12-06`), or at `-DOCSTART-` where a copy has those markers. Each story's body
sentences (headline, byline and dateline dropped, tokens joined back into text) are one block
per line; stories of 4–60 sentences that are prose (results tables and lists, with a high
share of numbers or very short lines, are skipped) are concatenated, three to six per digest,
with `==========` between stories: the format `benchmarks/segmentation.py` reads. Stories are
taken with a stride of `STRIDE` through the file (0, 7, 14, …, then 1, 8, …), because
neighbouring stories in the file are often two reports of one event, and a digest is of
unrelated stories. Write OUT_DIR outside the repository.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

DATELINE = re.compile(r"\b\d{4}-\d{2}-\d{2}$")
SIZES = (3, 4, 5, 6)
MIN_SENTENCES = 4
MAX_SENTENCES = 60
STRIDE = 7


def sentences(path: Path) -> list[list[str]]:
    """Token lists; a `-DOCSTART-` is kept as a sentence of its own."""
    out: list[list[str]] = []
    tokens: list[str] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split()
        if not parts:
            if tokens:
                out.append(tokens)
                tokens = []
            continue
        tokens.append(parts[0])
    if tokens:
        out.append(tokens)
    return out


def detokenize(tokens: list[str]) -> str:
    text = " ".join(tokens)
    text = re.sub(r" ([,.;:!?%)\]])", r"\1", text)
    text = re.sub(r"([(\[$]) ", r"\1", text)
    text = re.sub(r" (n't|'s|'re|'ve|'ll|'d|'m)\b", r"\1", text)
    text = text.replace("` `", '"').replace("' '", '"')
    return text


def stories(tokens: list[list[str]]) -> list[list[str]]:
    """Body sentences of each story."""
    starts: list[tuple[int, int]] = []  # (first line of the story, first body line)
    for i, sentence in enumerate(tokens):
        if sentence == ["-DOCSTART-"]:
            starts.append((i, i + 1))
        elif DATELINE.search(" ".join(sentence)):
            head = i - 1
            if head > 0 and not " ".join(tokens[head]).isupper():
                head -= 1  # a byline between headline and dateline
            if starts and starts[-1][1] == head:  # dateline right after a -DOCSTART- story head
                starts[-1] = (starts[-1][0], i + 1)
            else:
                starts.append((max(0, head), i + 1))
    out = []
    for n, (_, body) in enumerate(starts):
        end = starts[n + 1][0] if n + 1 < len(starts) else len(tokens)
        out.append([detokenize(s) for s in tokens[body:end] if s != ["-DOCSTART-"]])
    return out


def is_prose(story: list[str]) -> bool:
    if not MIN_SENTENCES <= len(story) <= MAX_SENTENCES:
        return False
    words = [w for s in story for w in s.split()]
    numbers = sum(1 for w in words if re.search(r"\d", w))
    short = sum(1 for s in story if len(s.split()) < 6)
    return numbers < 0.12 * len(words) and short < 0.3 * len(story)


def article_stories(folder: Path) -> list[list[str]]:
    out = []
    for path in sorted(folder.glob("*.txt")):
        lines = [line.strip() for line in path.read_text(encoding="utf-8").splitlines()]
        paragraphs = [line for line in lines if line][1:]
        paragraphs = [p for p in paragraphs if len(p.split()) >= 4]
        if 6 <= len(paragraphs) <= 40:
            out.append(paragraphs)
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("source", type=Path, help="a CoNLL file or a folder of .txt articles")
    parser.add_argument("out_dir", type=Path)
    args = parser.parse_args()
    if args.source.is_dir():
        kept, sizes = article_stories(args.source), (3,)
    else:
        kept = [s for s in stories(sentences(args.source)) if is_prose(s)]
        sizes = SIZES
    kept = [kept[i] for i in sorted(range(len(kept)), key=lambda i: (i % STRIDE, i))]
    args.out_dir.mkdir(parents=True, exist_ok=True)
    position = count = 0
    while position < len(kept):
        size = sizes[count % len(sizes)]
        group = kept[position : position + size]
        position += size
        if len(group) < min(sizes):
            break
        lines: list[str] = []
        for story in group:
            lines.append("==========")
            lines.extend(story)
        (args.out_dir / f"digest-{count:03d}.txt").write_text("\n".join(lines) + "\n", "utf-8")
        count += 1
    print(f"{len(kept)} stories in {count} digests", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
