"""The whole path under hostile text: ingest → analyze → annotate → export → import.

Hypothesis builds documents and notes from pieces a hostile or merely messy source holds:
control characters C0 and C1, complete and stray escape sequences, mojibake, Markdown nested
past the parser's limit, front matter with huge numbers and aliases, bidirectional and
zero-width characters, lone surrogates in what a user or another tool writes. Whatever it
builds, the reading keeps its contract and nothing that leaves briefing carries a control
character but newline and tab.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from briefing.analysis import analyze
from briefing.cli.notes import anchored_import
from briefing.export.markdown import export_markdown
from briefing.export.web_annotation import export_web_annotations, read_web_annotations
from briefing.ingest import document_from_text
from briefing.model import Reading
from briefing.serialize import reading_dict
from briefing.store.database import Store
from briefing.store.notebook import Notebook
from briefing.text.safety import json_safe, safe_output

UNSAFE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")

WORDS = [
    "The",
    "minister",
    "said",
    "Mr.",
    "Smith",
    "of",
    "the",
    "Bank",
    "of",
    "Ruritania",
    "“quoted words”",
    "â€œmojibakeâ€\x9d",
    "Ð\x9bondon",
    "2024",
    "U.S.",
    "1,000,000",
    "👩‍👩‍👧",
    "שלום",
    "e\u0301",
]
HOSTILE = [
    "\x1b[31m",
    "\x1b[0m",
    "\x1b]0;title\x07",
    "\x1b]52;c;aGk=\x1b\\",
    "\x1b]",
    "\x1b",
    "\x9b2J",
    "\x9d",
    "\x90",
    "\x85",
    "\x07",
    "\x00",
    "\x08",
    "\r",
    "\r\n",
    "\t",
    "\u2028",
    "\u202e",
    "\u200b",
    "\ufeff",
    "[bold]",
    "[/]",
]
MARKDOWN = [
    "\n\n## ",
    "\n\n# ",
    "\n- ",
    "\n  - ",
    "- - - - - - - - - - - ",
    "\n> ",
    "> > > > > > > > > > > > > > > > > > > > > > ",
    "\n```\n",
    "\n| a | b |\n|---|---|\n| 1 | 2 |\n",
    "*",
    "_",
    "[",
    "](x)",
    "<div>",
    "\n---\ntitle: " + "9" * 5000 + "\n---\n",
    "\n---\na: &a [x]\nb: *a\n---\n",
]
PIECE = st.one_of(
    st.sampled_from(WORDS),
    st.sampled_from(HOSTILE),
    st.sampled_from(MARKDOWN),
    st.sampled_from([" ", " ", " ", "\n", "\n\n", ". ", ", "]),
    st.text(max_size=6),
)
DOCUMENTS = st.tuples(
    st.lists(PIECE, min_size=1, max_size=80).map("".join), st.sampled_from(["text", "markdown"])
)
NOTE_TEXT = st.lists(
    st.one_of(
        st.sampled_from(HOSTILE + MARKDOWN + WORDS),
        st.sampled_from(["\ud800", "\udcff", "\n", "# heading\n", "---\n", "[x]: http://y\n"]),
        st.text(max_size=5),
    ),
    max_size=12,
).map("".join)

TAG_TEXT = st.lists(
    st.one_of(st.sampled_from(HOSTILE + WORDS + ["\ud800"]), st.text(max_size=5)), max_size=8
).map("".join)
"""Tags are short (at most 200 characters); what they are made of is as hostile as notes."""


def check_contract(reading: Reading) -> None:
    """What every reading promises, whatever the text."""
    document = reading.document
    text = document.text
    assert not UNSAFE.search(text)
    count = len(document.paragraphs)
    previous = -1
    for index, paragraph in enumerate(document.paragraphs):
        assert paragraph.index == index
        assert previous <= paragraph.start < paragraph.end <= len(text)
        previous = paragraph.end
    covered = [p for s in reading.sections for p in range(s.start_paragraph, s.end_paragraph + 1)]
    assert covered == list(range(count))
    for section in reading.sections:
        assert section.title.strip()
        assert not UNSAFE.search(section.title)
        if section.gist is not None:
            assert 0 <= section.gist.start < section.gist.end <= len(text)
    for sentence in reading.sentences:
        assert 0 <= sentence.start < sentence.end <= len(text)
    for entity in reading.entities:
        assert entity.type in {"person", "organization", "place", "event", "other"}
        for mention in entity.mentions:
            assert 0 <= mention.start < mention.end <= len(text)
    for quote in reading.quotes:
        assert 0 <= quote.start < quote.end <= len(text)


@settings(
    max_examples=int(os.environ.get("BRIEFING_FUZZ_EXAMPLES", "150")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(source=DOCUMENTS, note=NOTE_TEXT, tag=TAG_TEXT, where=st.floats(0, 1))
def test_the_whole_path_keeps_its_contract_and_outputs_nothing_unsafe(
    tmp_path_factory: object, source: tuple[str, str], note: str, tag: str, where: float
) -> None:
    text, kind = source
    document = document_from_text(text, kind, source_path="hostile\x1b[2J\u202e.md")
    if not document.paragraphs:
        return
    reading = analyze(document)
    check_contract(reading)
    out = json_safe(json.dumps(reading_dict(reading), ensure_ascii=False))
    assert not UNSAFE.search(out)
    json.loads(out)

    folder = Path(str(tmp_path_factory.mktemp("fuzz")))  # type: ignore[attr-defined]
    notebook = Notebook(Store(folder / "db.sqlite3"), document)
    notebook.open()
    start = int(where * (len(document.text) - 1))
    made = notebook.add(start, start + 1, note=note, tags=[tag, "x"])
    assert not UNSAFE.search(made.note.replace("\t", ""))
    exports = [
        export_markdown(reading, notebook.annotations, exported_at="t", source="s\x1b]0;x\x07"),
        export_markdown(reading, notebook.annotations, notes_only=True, exported_at="t"),
        export_web_annotations(document, notebook.annotations, source="s", exported_at="t"),
    ]
    for exported in exports:
        assert safe_output(exported) == exported
        assert not UNSAFE.search(exported)

    again = Notebook(Store(folder / "again.sqlite3"), document)
    again.open()
    imported = read_web_annotations(exports[2])
    assert len(imported) == 1
    assert imported[0].note.strip() == made.note.strip()
    assert set(imported[0].tags) == set(made.tags)
    kept = again.import_annotations(anchored_import(document.text, i) for i in imported)
    assert [(a.start, a.end, a.status) for a in kept] == [(made.start, made.end, "exact")]
