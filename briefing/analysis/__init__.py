"""Analysis: plain functions from a `Document` to a `Reading`."""

from __future__ import annotations

import hashlib
import sys
from collections.abc import Callable
from functools import cache
from pathlib import Path

from briefing.cycles import cycle_collector_paused
from briefing.model import Document, Reading

ANALYSIS_VERSION = 51
"""Bump when analysis output changes, so cached readings are recomputed. Cached readings are
also keyed by `analysis_fingerprint`, so a changed rule or retrained model never serves a
stale reading even where this was not bumped."""


@cache
def analysis_fingerprint(root: Path = Path(__file__).parent) -> str:
    """A digest of the analysis code and data under `root` (its modules, word lists and
    models; not compiled caches): what made a reading, for the reading cache's key."""
    digest = hashlib.blake2b(digest_size=8)
    for path in sorted(root.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            digest.update(path.relative_to(root).as_posix().encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


def data_text(package: str, relative: str) -> str:
    """A text file shipped inside `package` (imported already): read in place when the package
    is a folder, through importlib.resources when it is not (a zip), whose import costs a
    short `briefing analyze` more than all its data files take to read."""
    module_file = sys.modules[package].__file__
    if module_file is not None:
        path = Path(module_file).parent / relative
        if path.is_file():
            return path.read_text("utf-8")
    from importlib import resources

    return resources.files(package).joinpath(relative).read_text("utf-8")


def word_lists(package: str, relative: str) -> dict[str, tuple[str, ...]]:
    """The sections of a word-list file shipped in `package`, each word in file order.

    The format of every such file: `#` starts a comment (the first lines say where the lists
    come from), "[name]" starts a section, words are separated by white space and "_" joins
    the words of one entry ("grand_prix" is "grand prix")."""
    sections: dict[str, list[str]] = {}
    current: list[str] | None = None
    for raw in data_text(package, relative).splitlines():
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        if line.startswith("[") and line.endswith("]"):
            current = sections.setdefault(line[1:-1], [])
        elif current is not None:
            current.extend(word.replace("_", " ") for word in line.split())
    return {name: tuple(words) for name, words in sections.items()}


Progress = Callable[[float, str], None]


def _no_progress(fraction: float, stage: str) -> None:
    """The default progress callback: report nothing."""


def analyze(document: Document, progress: Progress = _no_progress) -> Reading:
    """Sentences, sections with titles and gists, then the people, organisations and places
    and what they said."""
    from briefing.analysis import large
    from briefing.analysis.people import entities_and_quotes
    from briefing.analysis.sections import automatic_sections
    from briefing.analysis.sentences import split_sentences

    with cycle_collector_paused():
        progress(0.0, "sentences")
        sentences = split_sentences(document)
        progress(0.1, "sections")
        sections = automatic_sections(document, lambda f, s: progress(0.1 + 0.5 * f, s), sentences)
        progress(0.6, "entities")
        if large.is_large(document):
            entities, quotes = large.entities_and_quotes(
                document, sentences, sections, lambda f: progress(0.6 + 0.4 * f, "entities")
            )
        else:
            entities, quotes = entities_and_quotes(document)
        progress(1.0, "done")
    return Reading(
        document=document,
        sentences=sentences,
        sections=sections,
        entities=entities,
        quotes=quotes,
    )
