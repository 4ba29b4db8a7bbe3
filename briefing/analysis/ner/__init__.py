"""Named entities (PER, ORG, LOC, MISC) in news text, by a small averaged-perceptron tagger.

Pure standard library at run time, with one 4.6 MB model file shipped in the package
(`data/ner.model`, see `data/README.md`), because the reader must work offline and start
fast (the model file is mapped, opens in a few milliseconds and reads only the words a
text brings); on
CoNLL-2003 it scores far above spaCy's small English pipeline at ~30x its speed.

    from briefing.analysis.ner import extract, load_model
    for start, end, kind in extract(load_model(), text):
        print(kind, text[start:end])
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from briefing.analysis.ner.model import Model, read_model
from briefing.analysis.ner.scheme import Span, bio_spans
from briefing.analysis.ner.tagger import (
    extract,
    tag,
    tag_document,
    tag_document_spans,
    tag_reference,
    tag_spans,
)
from briefing.analysis.ner.tokens import split_sentences, tokenize

__all__ = [
    "Model",
    "Span",
    "bio_spans",
    "extract",
    "load_model",
    "split_sentences",
    "tag",
    "tag_document",
    "tag_document_spans",
    "tag_reference",
    "tag_spans",
    "tokenize",
]

MODEL_RESOURCE = "data/ner.model"
"""The shipped model, relative to this package."""


def load_model(path: Path | None = None) -> Model:
    """The shipped model (loaded once, then shared), or a fresh model from `path`.

    Opening takes a few milliseconds, and the model then reads the records of the words it
    meets, hence the cache; a model from an explicit path is not cached, so a caller can
    time or compare models. Either file format reads (`read_model`).
    The model's word cache grows as it tags, so share the default one and do not mutate it.
    """
    if path is None:
        return _shipped_model()
    return read_model(path)


@lru_cache(maxsize=1)
def _shipped_model() -> Model:
    """Read the model file shipped inside the package (works from a wheel or a zip too)."""
    path = Path(__file__).parent / MODEL_RESOURCE
    if path.is_file():
        return read_model(path)
    from importlib import resources  # a zip import: not a plain file (and 3 ms to import)

    return read_model(resources.files(__name__).joinpath(MODEL_RESOURCE))
