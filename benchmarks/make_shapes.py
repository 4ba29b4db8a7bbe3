"""Build test sets of the shapes of text a reader meets, each with its topic boundaries.

    python benchmarks/make_shapes.py OUT_DIR SHAPE SOURCE... [--limit N]

Every set is written as OUT_DIR/tune/NAME.txt and OUT_DIR/report/NAME.txt (and for some,
OUT_DIR/heldout/NAME.txt, a part made after the report part was read): the text exactly as
a reader would open it (a plain-text file), and beside each NAME.ref.json with the word
positions (`str.split()` words of the file) where its reference segments start. Tune on the
`tune` part; read the `report` part once, at the end. `benchmarks/shapes.py` scores them
through briefing's own plain-text reading.

Shapes and sources (public repositories; `benchmarks/CORPORA.md` gives the commits):

- `unpunctuated GIT_DIR_TUNE GIT_DIR_REPORT`: OpenStax textbook pages (CNXML modules), one
  sentence per line, all punctuation removed (the shape of transcripts, subtitles and OCR
  output); the page's sections are the segments, their headings removed. Tune on one book,
  report on another.
- `unpunctuated-choi DIR`: any set in Choi's format (`benchmarks/segmentation.py`), its
  punctuation removed; the first half of its files tunes, the second half reports.
- `choi DIR`: the same without removing anything: a set in Choi's format as plain text, one
  block a line, to be read as a reader opens a file.
- `transcripts GIT_DIR`: QMSum meeting transcripts (AMI, ICSI, Canadian parliamentary
  committees), one speaker turn a line (`Speaker: words`); the annotated topic spans are the
  segments (every span's first turn starts one). QMSum's `train` tunes, its `test` reports;
  with `--heldout`, its `val` meetings are a third part, `heldout`, read once.
- `pdf DIR_TUNE DIR_REPORT` and `pdf-headed …`: posts in `make_articles.py`'s format laid out
  as text extracted from a PDF: lines wrapped at 76 columns, long words hyphenated at a line
  end, pages of 50 lines with a running header and a page number between them (a paragraph
  runs on across a page break); `pdf-headed` keeps each section's heading as a line of its
  own. A third DIR (posts of other sites again) is a third part, `heldout`, read once; a
  fourth DIR (sites used nowhere else, made after `heldout` was read) is `heldout2`; a fifth
  (two more such sites, made after `heldout2` was read) is `heldout3`.
- `notes GIT_DIR` and `notes-headed GIT_DIR`: meeting minutes in Markdown (Node.js TSC) as
  plain text: nested bullet lists, link targets dropped, headings removed (or kept as lines);
  the `##`/`###` sections are the segments. Minutes of 2016–2019 tune, of 2022–2025 report.
- `reports GIT_DIR_TUNE GIT_DIR_REPORT` and `reports-headed …`: whole OpenStax chapters
  (several pages, thousands of words) in paragraphs; every page and page section is a
  segment; `reports-headed` keeps their headings as lines of their own.

Nothing of the text belongs in this repository: write OUT_DIR outside it.
"""

from __future__ import annotations

import argparse
import itertools
import json
import re
import subprocess
import sys
import unicodedata
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

Doc = tuple[str, list[tuple[str, list[str]]]]
"""(name, [(heading, blocks)]): one document's segments, each with its heading ("" if none)."""

CNXML = "{http://cnx.rice.edu/cnxml}"
COLLXML = "{http://cnx.rice.edu/collxml}"
MDML = "{http://cnx.rice.edu/mdml}"
_SENTENCE = re.compile(r"(?<=[.!?])[\"”’)]*\s+(?=[\"“‘(]?[A-Z0-9])")
_ABBREVIATION = re.compile(r"\b(?:[A-Z]|Mr|Mrs|Ms|Dr|St|vs|e\.g|i\.e|etc|No|Fig|U\.S)\.$")


def git_files(git_dir: str, prefix: str = "") -> list[str]:
    out = subprocess.run(
        ["git", "--git-dir", git_dir, "ls-tree", "-r", "--name-only", "HEAD", prefix],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return sorted(out.splitlines())


def git_show(git_dir: str, path: str) -> str | None:
    shown = subprocess.run(
        ["git", "--git-dir", git_dir, "show", f"HEAD:{path}"], capture_output=True
    )
    return None if shown.returncode else shown.stdout.decode("utf-8", "replace")


def sentences(paragraph: str) -> list[str]:
    """A paragraph's sentences (a plain rule: punctuation, then a capital)."""
    out: list[str] = []
    for piece in _SENTENCE.split(paragraph):
        piece = piece.strip()
        if not piece:
            continue
        if out and _ABBREVIATION.search(out[-1]):
            out[-1] += " " + piece
        else:
            out.append(piece)
    return out


def strip_punctuation(line: str) -> str:
    """Every punctuation character removed (dashes and slashes become spaces)."""
    out = []
    for ch in line:
        category = unicodedata.category(ch)
        if category in ("Pd",) or ch in "/\\":
            out.append(" ")
        elif category.startswith("P") or category in ("Sk",):
            continue
        else:
            out.append(ch)
    return " ".join("".join(out).split())


# --- OpenStax --------------------------------------------------------------------------------


def _text(element: ET.Element) -> str:
    return " ".join("".join(element.itertext()).split())


def _blocks(element: ET.Element) -> list[str]:
    """Paragraphs and list items of a CNXML element, in order (notes, figures, tables,
    exercises and examples left out: sidebars, not the running text)."""
    out: list[str] = []
    for child in element:
        tag = child.tag.removeprefix(CNXML)
        if tag == "para":
            text = _text(child)
            if len(text.split()) >= 4:
                out.append(text)
        elif tag == "list":
            for item in child.iter(f"{CNXML}item"):
                text = _text(item)
                if len(text.split()) >= 3:
                    out.append(text)
        elif tag == "section":
            out.extend(_blocks(child))
    return out


def openstax_module(raw: str) -> tuple[str, list[tuple[str, list[str]]]] | None:
    """(title, [(section heading, blocks)]) of one page: the text before its first section is
    a segment without heading; learning objectives, summaries and untitled sections are left
    out."""
    try:
        root = ET.fromstring(raw)
    except ET.ParseError:
        return None
    title_element = root.find(f"{CNXML}title")
    content = root.find(f"{CNXML}content")
    if title_element is None or content is None:
        return None
    segments: list[tuple[str, list[str]]] = [("", [])]
    for child in content:
        tag = child.tag.removeprefix(CNXML)
        if tag == "section":
            heading = child.find(f"{CNXML}title")
            name = _text(heading) if heading is not None else ""
            if not name or child.get("class") in ("learning-objectives", "summary"):
                continue
            segments.append((name, _blocks(child)))
        elif tag in ("para", "list"):
            segments[-1][1].extend(_blocks(_wrap(child)))
    return _text(title_element), [(h, b) for h, b in segments if b]


def _wrap(child: ET.Element) -> ET.Element:
    holder = ET.Element("holder")
    holder.append(child)
    return holder


Page = tuple[str, str, list[tuple[str, list[str]]]]
"""(module id, page title, [(section heading, blocks)])."""


def openstax_book(git_dir: str) -> list[tuple[str, list[Page]]]:
    """Chapters in book order: (chapter title, [(module id, page title, segments)])."""
    collections = [p for p in git_files(git_dir, "collections") if p.endswith(".xml")]
    raw = git_show(git_dir, collections[0]) if collections else None
    if raw is None:
        return []
    root = ET.fromstring(raw)
    chapters = []
    for sub in root.iter(f"{COLLXML}subcollection"):
        title = sub.find(f"{MDML}title")
        pages = []
        for module in sub.iter(f"{COLLXML}module"):
            ident = module.get("document", "")
            page = git_show(git_dir, f"modules/{ident}/index.cnxml")
            parsed = openstax_module(page) if page else None
            if parsed is not None:
                pages.append((ident, parsed[0], parsed[1]))
        chapters.append((title.text or "" if title is not None else "", pages))
    return chapters


def unpunctuated_pages(git_dir: str, prefix: str) -> Iterator[Doc]:
    """Pages of at least three sections of at least three sentences, one sentence a line,
    punctuation removed, headings removed."""
    for _, pages in openstax_book(git_dir):
        for ident, _, segments in pages:
            lines = [
                [strip_punctuation(s) for b in blocks for s in sentences(b)]
                for _, blocks in segments
            ]
            lines = [[s for s in seg if s] for seg in lines]
            if len(lines) >= 3 and all(len(seg) >= 3 for seg in lines):
                yield f"{prefix}-{ident}", [("", seg) for seg in lines]


def chapters(git_dir: str, prefix: str) -> Iterator[Doc]:
    """Whole chapters: every page (its title the heading) and every page section a segment."""
    for number, (_, pages) in enumerate(openstax_book(git_dir), 1):
        segments: list[tuple[str, list[str]]] = []
        for _, title, page_segments in pages:
            if title.lower() == "introduction":
                continue  # a chapter's opening page: a picture and a paragraph
            for n, (heading, blocks) in enumerate(page_segments):
                segments.append((title if n == 0 and not heading else heading or title, blocks))
        if len(segments) >= 4:
            yield f"{prefix}-chapter{number:02d}", segments


# --- QMSum -----------------------------------------------------------------------------------


def transcripts(git_dir: str, split: str) -> Iterator[Doc]:
    for path in git_files(git_dir, f"data/ALL/{split}/"):
        raw = git_show(git_dir, path)
        if raw is None:
            continue
        data = json.loads(raw)
        turns = [
            f"{t['speaker'].strip()}: {' '.join(t['content'].split())}"
            for t in data["meeting_transcripts"]
            if t["content"].strip()
        ]
        index = [i for i, t in enumerate(data["meeting_transcripts"]) if t["content"].strip()]
        position = {original: n for n, original in enumerate(index)}
        starts = {0}
        for topic in data["topic_list"]:
            for span in topic["relevant_text_span"]:
                first = int(span[0])
                while first not in position and first < len(data["meeting_transcripts"]):
                    first += 1
                if first in position:
                    starts.add(position[first])
        bounds = [*sorted(starts), len(turns)]
        segments = [("", turns[a:b]) for a, b in itertools.pairwise(bounds) if b > a]
        if len(segments) >= 2:
            yield Path(path).stem, segments


# --- Markdown minutes -----------------------------------------------------------------------

_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)|<(https?://[^>]*)>")


def minutes(raw: str) -> list[tuple[str, list[str]]]:
    """(heading, lines) of each `##`/`###` section of meeting minutes; the top title dropped,
    the lines as written (bullets and their indentation kept), links as their text."""
    segments: list[tuple[str, list[str]]] = [("", [])]
    for line in raw.splitlines():
        heading = re.match(r"^(#{1,6})\s+(.*)", line)
        if heading:
            if len(heading.group(1)) >= 2:
                segments.append((heading.group(2).strip(), []))
            continue
        text = _LINK.sub(lambda m: m.group(1) or m.group(2), line).replace("**", "").rstrip()
        if text.strip():
            segments[-1][1].append(text)
    return [(h, b) for h, b in segments if b]


def notes(git_dir: str, years: range) -> Iterator[Doc]:
    for path in git_files(git_dir, "meetings/"):
        name = Path(path).stem
        if not name[:4].isdigit() or int(name[:4]) not in years:
            continue
        raw = git_show(git_dir, path)
        segments = minutes(raw) if raw else []
        if len(segments) >= 4:
            yield f"tsc-{name}", segments


# --- text extracted from a PDF ---------------------------------------------------------------

PAGE_LINES = 50
WIDTH = 76


def read_posts(directory: Path) -> Iterator[Doc]:
    for path in sorted(directory.glob("*.txt")):
        segments: list[tuple[str, list[str]]] = []
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.startswith("=========="):
                segments.append((line.lstrip("=").strip(), []))
            elif line.strip() and segments:
                segments[-1][1].append(line.strip())
        yield path.stem, [(h, b) for h, b in segments if b]


def _wrap_hyphenated(paragraph: str, seed: int) -> list[str]:
    """Lines of at most `WIDTH`; a long word that would open a line is split with a hyphen
    every other time, as typeset text is."""
    words = paragraph.split()
    lines: list[str] = []
    line = ""
    count = seed
    for word in words:
        if not line:
            line = word
        elif len(line) + 1 + len(word) <= WIDTH:
            line += " " + word
        else:
            room = WIDTH - len(line) - 2
            if len(word) >= 9 and room >= 4 and word.isalpha() and count % 2 == 0:
                cut = min(room, len(word) - 4)
                lines.append(f"{line} {word[:cut]}-")
                line = word[cut:]
            else:
                lines.append(line)
                line = word
            count += 1
    if line:
        lines.append(line)
    return lines


def as_pdf_text(name: str, segments: list[tuple[str, list[str]]], headed: bool) -> str:
    """The segments laid out as `pdftotext` gives a typeset report: wrapped lines, blank lines
    between paragraphs, a footer with the page number and a running header at each page
    break, wherever it falls."""
    body: list[str] = []
    for n, (heading, blocks) in enumerate(segments):
        if headed and heading:
            body.extend([heading, ""])
        for k, block in enumerate(blocks):
            body.extend(_wrap_hyphenated(block, n + k))
            body.append("")
    header = " ".join(name.split("-")[:1]).upper() + " — Report"
    out: list[str] = []
    page = 1
    for i in range(0, len(body), PAGE_LINES):
        if i:
            out.extend(["", f"{page}".center(WIDTH).rstrip(), "\f" + header, ""])
            page += 1
        out.extend(body[i : i + PAGE_LINES])
    out.extend(["", f"{page}".center(WIDTH).rstrip()])
    return "\n".join(out) + "\n"


# --- writing ---------------------------------------------------------------------------------


def plain(segments: list[tuple[str, list[str]]], headed: bool, blank: bool) -> str:
    lines: list[str] = []
    for heading, blocks in segments:
        if headed and heading:
            lines.append(heading)
            if blank:
                lines.append("")
        for block in blocks:
            lines.append(block)
            if blank:
                lines.append("")
    return "\n".join(lines).strip("\n") + "\n"


def reference_starts(
    text: str, segments: list[tuple[str, list[str]]], headed: bool
) -> list[int] | None:
    """Word positions (of `text.split()`) where each segment starts: at its heading if the
    text has it, else at its first block. Found by walking the words in order."""
    words = text.split()
    starts: list[int] = []
    position = 0
    for heading, blocks in segments:
        first = (heading.split() if heading and headed else []) or blocks[0].split()
        probe = first[:3]
        for at in range(position, len(words) - len(probe) + 1):
            if words[at : at + len(probe)] == probe:
                break
        else:
            return None
        starts.append(at)
        position = at + sum(len(b.split()) for b in blocks)
        position = min(position, len(words))
    return starts if starts and starts[0] == 0 else ([0, *starts[1:]] if starts else None)


def write(out: Path, part: str, name: str, text: str, starts: list[int]) -> None:
    folder = out / part
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{name}.txt").write_text(text, encoding="utf-8")
    (folder / f"{name}.ref.json").write_text(json.dumps({"starts": starts}) + "\n", "utf-8")


def natural_key(path: Path) -> list[object]:
    return [int(t) if t.isdigit() else t for t in re.split(r"(\d+)", path.name)]


def evenly(docs: list[Doc], limit: int) -> list[Doc]:
    if limit and len(docs) > limit:
        step = len(docs) / limit
        return [docs[int(i * step)] for i in range(limit)]
    return docs


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument(
        "shape",
        choices=(
            "unpunctuated",
            "unpunctuated-choi",
            "choi",
            "transcripts",
            "pdf",
            "pdf-headed",
            "notes",
            "notes-headed",
            "reports",
            "reports-headed",
        ),
    )
    parser.add_argument("sources", nargs="+")
    parser.add_argument("--limit", type=int, default=0, help="at most N documents a part")
    parser.add_argument(
        "--heldout",
        action="store_true",
        help="transcripts: QMSum's `val` meetings as a third part, `heldout`",
    )
    args = parser.parse_args()
    shape, sources = args.shape, args.sources
    parts: dict[str, list[Doc]] = {}
    headed = shape.endswith("-headed")
    if shape == "unpunctuated":
        parts = {
            "tune": list(unpunctuated_pages(sources[0], "tune")),
            "report": list(unpunctuated_pages(sources[1], "report")),
        }
    elif shape in ("unpunctuated-choi", "choi"):
        files = sorted(Path(sources[0]).iterdir(), key=natural_key)
        docs: list[Doc] = []
        for path in files:
            segments: list[tuple[str, list[str]]] = []
            for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
                if re.match(r"^\s*={3,}", line):
                    segments.append(("", []))
                elif line.strip():
                    if not segments:
                        segments.append(("", []))
                    stripped = strip_punctuation(line) if shape != "choi" else line.strip()
                    if stripped:
                        segments[-1][1].append(stripped)
            segments = [s for s in segments if s[1]]
            if len(segments) >= 2:
                docs.append((path.stem, segments))
        half = len(docs) // 2
        parts = {"tune": docs[:half], "report": docs[half:]}
    elif shape == "transcripts":
        parts = {
            "tune": list(transcripts(sources[0], "train")),
            "report": list(transcripts(sources[0], "test")),
        }
        if args.heldout:
            parts["heldout"] = list(transcripts(sources[0], "val"))
    elif shape in ("notes", "notes-headed"):
        parts = {
            "tune": list(notes(sources[0], range(2016, 2020))),
            "report": list(notes(sources[0], range(2022, 2026))),
        }
    elif shape in ("pdf", "pdf-headed"):
        parts = {
            "tune": list(read_posts(Path(sources[0]))),
            "report": list(read_posts(Path(sources[1]))),
        }
        for part, source in zip(("heldout", "heldout2", "heldout3"), sources[2:5], strict=False):
            parts[part] = list(read_posts(Path(source)))
    elif shape in ("reports", "reports-headed"):
        parts = {
            "tune": list(chapters(sources[0], "tune")),
            "report": list(chapters(sources[1], "report")),
        }
    for part, docs in parts.items():
        written = 0
        for name, segments in evenly(docs, args.limit):
            if shape.startswith("pdf"):
                text = as_pdf_text(name, segments, headed)
            elif shape.startswith("notes"):
                text = plain(segments, headed, blank=False)
            elif shape.startswith("reports"):
                text = plain(segments, headed, blank=True)
            else:
                text = plain(segments, False, blank=False)
            starts = reference_starts(text, segments, headed)
            if starts is None or len(starts) != len(segments):
                print(f"skipped {name}: segments not found in its text", file=sys.stderr)
                continue
            write(args.out, part, name, text, starts)
            written += 1
        print(f"{shape} {part}: {written} documents", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
