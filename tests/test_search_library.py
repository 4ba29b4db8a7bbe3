"""`briefing search`: every document holding the words and no other, ranked, with snippets
whose words are marked and the document and section named; and its errors."""

from __future__ import annotations

import json
import re
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from briefing.cli import main
from briefing.ingest import document_from_text
from briefing.store.database import Store
from briefing.store.fulltext import QueryError, fts_query, search
from briefing.store.library import Library, prepare
from briefing.store.notebook import Notebook
from tests.test_library import BRIDGE, HARBOUR, SCHOOL, exit_code, one_line_error

VOCABULARY = ("harbour", "ferry", "bridge", "council", "pilings", "vote", "Zoë", "winter")


def _words(text: str) -> set[str]:
    """The words FTS5's unicode61 tokenizer finds, folded as it folds them."""
    import unicodedata

    folded = unicodedata.normalize("NFKD", text.casefold())
    folded = "".join(c for c in folded if not unicodedata.combining(c))
    return set(re.findall(r"[^\W_]+", folded))


@settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    documents=st.lists(
        st.tuples(
            st.lists(st.sampled_from(VOCABULARY), min_size=1, max_size=12),
            st.lists(st.sampled_from(VOCABULARY), max_size=3),
        ),
        min_size=1,
        max_size=6,
    ),
    word=st.sampled_from(VOCABULARY),
)
def test_search_finds_every_document_holding_a_word_and_no_other(
    documents: list[tuple[list[str], list[str]]], word: str
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        store = Store(Path(folder) / "briefing.sqlite3")
        library = Library(store)
        expected: set[int] = set()
        for n, (body, note_words) in enumerate(documents):
            text = f"Item {n} of the list.\n\n" + " ".join(body) + ".\n"
            document = document_from_text(text, source_path=f"{folder}/doc{n}.txt")
            recorded = library.record(prepare(document))
            held = _words(document.text) | _words(document.display_title)
            if note_words:
                notebook = Notebook(store, document)
                notebook.open()
                notebook.add(0, 4, note=" ".join(note_words))
                held |= _words(" ".join(note_words))
            if _words(word) <= held:
                expected.add(recorded.document_id)
        found = search(store, word, limit=None)
        assert {hit.document_id for hit in found.hits} == expected
        assert found.total == len(expected)
        for hit in found.hits:
            assert hit.snippets, "a hit says where it matched"
            for snippet in hit.snippets:
                for start, end in snippet.marks:
                    assert _words(snippet.text[start:end]) == _words(word)


def test_queries_are_words_never_fts_syntax() -> None:
    assert fts_query('ferry "old pilings" vote*') == '"ferry" AND "old pilings" AND "vote"*'
    assert fts_query("#infra NEAR") == 'tags : "infra" AND "NEAR"'
    assert fts_query("a OR b") == '"a" AND "OR" AND "b"'
    with pytest.raises(QueryError):
        fts_query('" * ( )')


@pytest.fixture
def library(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> dict[str, Path]:
    paths = {}
    for name, text in (("harbour", HARBOUR), ("bridge", BRIDGE), ("school", SCHOOL)):
        paths[name] = tmp_path / f"{name}.txt"
        paths[name].write_text(text, encoding="utf-8")
    assert main(["add", *map(str, paths.values()), "--jobs", "1"]) == 0
    note = ["notes", "add", str(paths["school"]), "--quote", "new library wing"]
    assert main([*note, "--note", "visit with the xylophonic choir", "--tag", "schools"]) == 0
    assert (
        main(["library", "tag", str(paths["harbour"]), str(paths["school"]), "--tag", "city"]) == 0
    )
    capsys.readouterr()
    return paths


def _json(capsys: pytest.CaptureFixture[str], *query: str) -> dict[str, object]:
    capsys.readouterr()
    assert main(["search", *query, "--format", "json"]) == 0
    out: dict[str, object] = json.loads(capsys.readouterr().out)
    return out


def _sources(result: dict[str, object]) -> list[str]:
    return sorted(str(hit["source"]) for hit in result["results"])  # type: ignore[attr-defined]


def test_search_names_the_documents_and_where(
    library: dict[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    whitlow = _json(capsys, "Whitlow")
    assert _sources(whitlow) == sorted([str(library["harbour"]), str(library["bridge"])])
    assert _sources(_json(capsys, "xylophonic")) == [str(library["school"])]
    assert _sources(_json(capsys, "#city")) == sorted(
        [str(library["harbour"]), str(library["school"])]
    )
    assert _sources(_json(capsys, "#schools")) == [str(library["school"])]
    assert _sources(_json(capsys, "Whitlow", "pilings")) == [str(library["harbour"])]
    assert _sources(_json(capsys, '"river bridge"')) == [str(library["bridge"])]
    assert _sources(_json(capsys, "pil*")) == [str(library["harbour"])]
    assert _json(capsys, "submarine")["total"] == 0


def test_matches_are_marked_and_placed(
    library: dict[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    result = _json(capsys, "pilings")
    (hit,) = result["results"]  # type: ignore[misc]
    (match,) = hit["matches"]
    assert match["in"] == "text"
    start, end = match["marks"][0]
    assert match["snippet"][start:end] == "pilings"
    text = library["harbour"].read_text(encoding="utf-8")
    body_offset = match["offset"]
    assert isinstance(body_offset, int)
    kept = Library().snapshot(hit["id"])
    assert kept is not None
    assert kept.text[body_offset : body_offset + len("pilings")] == "pilings"
    assert "pilings" in text
    assert match["section"] is not None
    note_hit = _json(capsys, "xylophonic")["results"][0]  # type: ignore[index]
    assert [m["in"] for m in note_hit["matches"]] == ["notes"]
    assert note_hit["matches"][0]["note"] is not None


def test_text_output_marks_words_and_names_the_document(
    library: dict[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["search", "pilings"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("1 document match pilings:")
    assert "Harbour board delays the ferry timetable" in out
    assert "**pilings**" in out
    assert "text · § " in out
    assert main(["search", "submarine"]) == 0
    assert capsys.readouterr().out == "No document matches submarine.\n"


def test_a_removed_document_is_not_found(
    library: dict[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["library", "remove", str(library["harbour"]), "--yes"]) == 0
    assert _sources(_json(capsys, "Whitlow")) == [str(library["bridge"])]


def test_search_errors_are_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    one_line_error(capsys, exit_code(["search"]), "required")
    one_line_error(capsys, exit_code(["search", '"*"']), "nothing to search for")


def test_search_of_an_empty_library_finds_nothing(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["search", "anything"]) == 0
    assert capsys.readouterr().out == "No document matches anything.\n"
    assert not Store.default().exists()
