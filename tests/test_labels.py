"""The tagger's labels and the entity types are written once, as enums, and read the same."""

from __future__ import annotations

import io
import json
import tokenize
from pathlib import Path

from briefing.analysis.ner.labels import LABEL_OF, LOC, MISC, ORG, PER, NerLabel
from briefing.model import EntityType

PACKAGE = Path(__file__).resolve().parent.parent / "briefing"
_HOMES = {PACKAGE / "analysis" / "ner" / "labels.py", PACKAGE / "model.py"}
"""Where the labels and the types are defined."""


def _literals(words: set[str]) -> list[str]:
    """`file:line` of every string literal in the package that is exactly one of `words`."""
    quoted = {q + word + q for word in words for q in "\"'"}
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        if path in _HOMES:
            continue
        tokens = tokenize.generate_tokens(io.StringIO(path.read_text("utf-8")).readline)
        for token in tokens:
            if token.type == tokenize.STRING and token.string in quoted:
                found.append(f"{path.relative_to(PACKAGE)}:{token.start[0]}")
    return found


def test_no_label_or_type_is_spelled_out_outside_its_enum() -> None:
    assert _literals({label.value for label in NerLabel}) == []
    assert _literals({kind.value for kind in EntityType}) == []


def test_labels_read_and_write_as_their_text() -> None:
    assert (PER, ORG, LOC, MISC) == ("PER", "ORG", "LOC", "MISC")
    assert json.dumps({PER: [ORG]}) == '{"PER": ["ORG"]}'
    assert all(LABEL_OF[label.value] is label for label in NerLabel)
    assert f"{EntityType.PERSON}" == "person"
