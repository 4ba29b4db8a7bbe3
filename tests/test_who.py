"""Who's who across the library: entities merged across briefings by conservative rules, and
`briefing who [NAME]` as a script uses it."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from briefing.cli import main
from briefing.store.database import migrate
from briefing.store.whoswho import EntityRecord, find, name_key, profile, whos_who, write_entities
from tests.test_library import BRIDGE, HARBOUR, SCHOOL, exit_code, one_line_error


def _record(
    local_id: str,
    type: str,
    name: str,
    primary: str | None = None,
    *,
    full: bool = True,
    aliases: tuple[str, ...] = (),
    role: str | None = None,
) -> EntityRecord:
    key = primary or name_key(name)
    return EntityRecord(
        local_id=local_id,
        type=type,
        name=name,
        role=role,
        mentions=1,
        sections=(0,),
        quotes=(),
        primary=key,
        full=full,
        aliases=aliases,
        words=tuple(key.split()),
    )


@pytest.fixture
def connection() -> sqlite3.Connection:
    connection = sqlite3.connect(":memory:", isolation_level=None)
    migrate(connection)
    for n in range(1, 7):
        connection.execute(
            "INSERT INTO documents (id, content_hash, title, first_opened, last_opened) "
            "VALUES (?, ?, ?, ?, ?)",
            (n, f"hash{n}", f"Briefing {n}", n, n),
        )
    return connection


def _entity_of(connection: sqlite3.Connection, document_id: int, local_id: str) -> int:
    row = connection.execute(
        "SELECT entity_id FROM document_entities WHERE document_id = ? AND local_id = ?",
        (document_id, local_id),
    ).fetchone()
    return int(row[0])


def test_people_merge_by_full_name_and_never_by_surname_alone(
    connection: sqlite3.Connection,
) -> None:
    write_entities(connection, 1, [_record("p", "person", "Dana Whitlow")])
    write_entities(connection, 2, [_record("p", "person", "Dana Whitlow", role="chair")])
    write_entities(connection, 3, [_record("p", "person", "Whitlow", full=False)])
    write_entities(connection, 4, [_record("p", "person", "Whitlow", full=False)])
    write_entities(connection, 5, [_record("p", "person", "Carl Whitlow")])
    dana = _entity_of(connection, 1, "p")
    assert _entity_of(connection, 2, "p") == dana
    assert _entity_of(connection, 3, "p") != dana
    assert _entity_of(connection, 4, "p") == _entity_of(connection, 3, "p")
    assert _entity_of(connection, 5, "p") not in (dana, _entity_of(connection, 3, "p"))


def test_a_full_name_given_as_an_alias_merges(connection: sqlite3.Connection) -> None:
    write_entities(connection, 1, [_record("p", "person", "Donald Trump")])
    write_entities(
        connection,
        2,
        [_record("p", "person", "Donald J. Trump", aliases=(name_key("Donald Trump"),))],
    )
    assert _entity_of(connection, 1, "p") == _entity_of(connection, 2, "p")


def test_types_stay_apart_and_acronyms_merge_only_when_unambiguous(
    connection: sqlite3.Connection,
) -> None:
    write_entities(connection, 1, [_record("a", "person", "Washington", full=False)])
    write_entities(connection, 2, [_record("a", "place", "Washington")])
    assert _entity_of(connection, 1, "a") != _entity_of(connection, 2, "a")
    court = _record("o", "organization", "International Criminal Court", aliases=("icc",))
    write_entities(connection, 3, [court])
    write_entities(connection, 4, [_record("o", "organization", "ICC", full=False)])
    assert _entity_of(connection, 4, "o") == _entity_of(connection, 3, "o")
    # A second organisation known by the same acronym: "ICC" alone joins neither.
    chamber = _record("o", "organization", "International Chamber of Commerce", aliases=("icc",))
    write_entities(connection, 5, [chamber])
    assert _entity_of(connection, 5, "o") != _entity_of(connection, 3, "o")
    write_entities(connection, 6, [_record("o", "organization", "ICC", full=False)])
    assert _entity_of(connection, 6, "o") == _entity_of(connection, 4, "o")  # by its short name


def test_who_counts_briefings_and_finds_by_part_of_a_name(connection: sqlite3.Connection) -> None:
    for document in (1, 2, 3):
        write_entities(connection, document, [_record("p", "person", "Dana Whitlow")])
    write_entities(
        connection,
        1,
        [_record("p", "person", "Dana Whitlow"), _record("q", "person", "Omar Castillo")],
    )
    listed = whos_who(connection)
    assert [(e.name, e.briefings) for e in listed["person"]] == [
        ("Dana Whitlow", 3),
        ("Omar Castillo", 1),
    ]
    (found,) = find(connection, "Ms. Whitlow")
    assert found.name == "Dana Whitlow"
    shown = profile(connection, found)
    assert [a.document_id for a in shown.appearances] == [3, 2, 1]
    assert [(c.name, c.briefings) for c in shown.companions] == [("Omar Castillo", 1)]
    assert find(connection, "Nobody Known") == []


@pytest.fixture
def articles(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    for name, text in (("harbour", HARBOUR), ("bridge", BRIDGE), ("school", SCHOOL)):
        (tmp_path / f"{name}.txt").write_text(text, encoding="utf-8")
    assert main(["add", str(tmp_path), "--jobs", "1"]) == 0
    capsys.readouterr()
    return tmp_path


def test_who_lists_people_by_briefings(articles: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["who", "--format", "json"]) == 0
    people = json.loads(capsys.readouterr().out)["person"]
    assert people[0]["name"] == "Dana Whitlow"
    assert people[0]["briefings"] == 2
    assert main(["who"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("People\n")
    assert "  2  Dana Whitlow" in out


def test_who_name_gives_every_briefing(articles: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["who", "Whitlow", "--format", "json"]) == 0
    found = json.loads(capsys.readouterr().out)
    assert found["name"] == "Dana Whitlow"
    assert sorted(a["title"] for a in found["appearances"]) == [
        "Council votes to repair the river bridge",
        "Harbour board delays the ferry timetable",
    ]
    assert all(a["sections"] for a in found["appearances"])
    assert main(["who", "dana", "whitlow"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Dana Whitlow — person, in 2 briefings")
    assert "Harbour board delays the ferry timetable" in out


def test_who_errors_are_one_line(articles: Path, capsys: pytest.CaptureFixture[str]) -> None:
    one_line_error(capsys, exit_code(["who", "Nobody"]), "no one called")
    one_line_error(capsys, exit_code(["who", "--type", "ship"]), "invalid choice")


def test_who_of_an_empty_library(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["who"]) == 0
    assert capsys.readouterr().out.startswith("No one yet")


def test_an_appearance_merges_two_entities_of_one_reading(connection: sqlite3.Connection) -> None:
    """Two entities of one reading that the library takes for one are one briefing of it:
    mentions added, both names kept, sections and quotes by their sections' titles."""
    first = EntityRecord(
        local_id="a",
        type="person",
        name="Dana Whitlow",
        role="chair",
        mentions=3,
        sections=(0, 2),
        quotes=(("We will decide by June", 2),),
        primary="dana whitlow",
        full=True,
        words=("dana", "whitlow"),
    )
    second = EntityRecord(
        local_id="b",
        type="person",
        name="Dana J. Whitlow",
        role=None,
        mentions=1,
        sections=(1, 9),
        quotes=(("Not before the pilings", None),),
        primary="dana j whitlow",
        full=True,
        aliases=("dana whitlow",),
        words=("dana", "whitlow"),
    )
    write_entities(connection, 1, [second, first], ["Opening", "Pilings", "Vote"])
    write_entities(connection, 2, [first], ["Elsewhere"])
    (found,) = find(connection, "Dana Whitlow")
    shown = profile(connection, found)
    assert [(a.document_id, a.mentions, a.role, a.sections) for a in shown.appearances] == [
        (2, 3, "chair", ("Elsewhere",)),  # index 2 of one title: none
        (1, 4, "chair", ("Opening", "Pilings", "Vote")),
    ]
    assert shown.names == ("Dana Whitlow", "Dana J. Whitlow")
    assert [(q.document_id, q.section, q.text) for q in shown.quotes] == [
        (2, None, "We will decide by June"),
        (1, "Vote", "We will decide by June"),
        (1, None, "Not before the pilings"),
    ]
    assert [q.document_id for q in profile(connection, found, quotes=2).quotes] == [2, 1]
    assert profile(connection, found, quotes=0).quotes == ()


def test_a_damaged_appearance_is_shown_without_what_cannot_be_read(
    connection: sqlite3.Connection,
) -> None:
    for document in (1, 2):
        write_entities(connection, document, [_record("p", "person", "Dana Whitlow")], ["One"])
    connection.execute(
        "UPDATE entity_appearances SET sections = 'not json', said = '[[1, 2], \"x\"]', "
        'also = \'[["Dana W.", "many"]]\' WHERE document_id = 1'
    )
    (found,) = find(connection, "Dana Whitlow")
    shown = profile(connection, found)
    assert [(a.document_id, a.sections) for a in shown.appearances] == [(2, ("One",)), (1, ())]
    assert shown.quotes == ()
    assert shown.names == ("Dana Whitlow",)
