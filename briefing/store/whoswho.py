"""Who's who across the library: the people, organisations and places of every reading,
merged across documents, and what the library knows of each.

A document's reading already links the mentions of one entity (full name, surname, acronym,
"Mr. X"). Across documents the same rules are applied conservatively, by keys:

- a **person** is keyed by the words of its full name ("Dana Whitlow", "Donald Trump Jr."):
  two documents' people merge when their names are the same, or when one document gave the
  other's full name as an alias ("Donald J. Trump" seen as "Donald Trump"). A person a document
  knows only by one word ("Whitlow") merges only with another one-word "Whitlow": two articles'
  surnames need not be one person.
- an **organisation** by its name, and by its aliases the document linked (an acronym and its
  expansion): "ICC" alone joins the organisation that another document called "International
  Criminal Court (ICC)"; an expansion joins an acronym-only organisation; but an acronym that
  names two organisations with different full names joins neither.
- a **place** by its country when it names one ("U.S.", "United States" and "America" are one),
  else by its name and aliases, as organisations.
- **events** and others by their name.

The type is part of the key: "Washington" the person and "Washington" the place stay apart.
Merging is done as documents are added, in the order given, and never undone by a later
document; the entity's name is the longest form seen.

Keys compare case-folded, without periods, accents, a leading "the" or a possessive. The query
side (`find`) needs no analysis code: it looks names up by these keys and by their words.
"""

from __future__ import annotations

import json
import sqlite3
import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from briefing.model import EntityType, Reading

WHO_TYPES = (EntityType.PERSON, EntityType.ORGANIZATION, EntityType.PLACE)
"""The types `who` lists without a name."""

MAX_QUOTES = 8
"""Quotes kept per entity and document."""
MAX_QUOTE_CHARS = 600

_STRAIGHT = str.maketrans({"\u2019": "'", "\u2018": "'", "\u2010": "-", "\u2011": "-", ".": ""})
_STOP_WORDS = frozenset({"the", "of", "and", "for", "de", "la", "le", "in", "on", "at", "to"})
HONORIFICS = frozenset(
    "mr mrs ms miss mx dr prof sir dame lord lady sen senator rep representative gov governor "
    "gen general col colonel capt captain lt adm admiral president vice chancellor premier "
    "minister secretary judge justice mayor king queen prince princess pope rev reverend "
    "rabbi imam sheikh ambassador chairman chairwoman chair ceo".split()
)
"""Words before a name that are no part of it (dropped from a name asked for)."""


def name_key(name: str) -> str:
    """The comparison key of a name: case-folded, straight apostrophes, no periods, no
    accents, no leading "the", no trailing possessive, single spaces."""
    folded = unicodedata.normalize("NFKD", name.translate(_STRAIGHT))
    folded = "".join(c for c in folded if not unicodedata.combining(c)).casefold()
    words = folded.split()
    if len(words) > 1 and words[0] == "the":
        words = words[1:]
    if words:
        last = words[-1]
        if last.endswith("'s"):
            words[-1] = last[:-2]
        elif last.endswith("'"):
            words[-1] = last[:-1]
    return " ".join(w for w in words if w)


def key_words(key: str) -> list[str]:
    """The words of a key that find an entity by part of its name."""
    words = (w.strip("'\"()[],;:-") for w in key.split())
    return [w for w in words if len(w) > 1 and w not in _STOP_WORDS]


def _acronym_like(name: str) -> bool:
    letters = [c for c in name if c.isalpha()]
    return len(letters) >= 2 and sum(c.isupper() for c in letters) >= 2 and " " not in name.strip()


# ---------------------------------------------------------------------------------------------
# From a reading to records (runs where the reading is made: an `add` worker, the app)


@dataclass(frozen=True, slots=True)
class EntityRecord:
    """One entity of one reading, with the keys it merges across documents by."""

    local_id: str
    type: str
    name: str
    role: str | None
    mentions: int
    sections: tuple[int, ...]
    """Indexes of the reading's sections that mention it."""
    quotes: tuple[tuple[str, int | None], ...]
    """What it said: (words, section index)."""
    primary: str
    """The key it merges by."""
    full: bool
    """Whether `primary` is a full name (a person's several words, an organisation's name
    rather than an acronym): a full name is never merged on a weaker key."""
    aliases: tuple[str, ...] = field(default=())
    """Other keys its document gave it (acronyms, other full forms, a country's code)."""
    words: tuple[str, ...] = field(default=())


def entity_records(reading: Reading) -> list[EntityRecord]:
    """The records of a reading's entities (imports the name rules of analysis)."""
    from briefing.analysis.entities.names import person_name, same_person_possible, suffix_of
    from briefing.analysis.entities.norm import country_of

    document = reading.document
    text = document.text
    said: dict[str, list[tuple[str, int | None]]] = {}
    for quote in reading.quotes:
        if quote.speaker is None or quote.end <= quote.start:
            continue
        words = text[quote.start : quote.end]
        if len(words) > MAX_QUOTE_CHARS:
            words = words[: MAX_QUOTE_CHARS - 1].rstrip() + "…"
        section = reading.section_of(document.paragraph_at(quote.start))
        kept = said.setdefault(quote.speaker, [])
        if len(kept) < MAX_QUOTES:
            kept.append((words, section))
    records: list[EntityRecord] = []
    for entity in reading.entities:
        kind = entity.type.value
        name = entity.name.strip()
        if not name:
            continue
        aliases: list[str] = []
        full = True
        if entity.type is EntityType.PERSON:
            parts = person_name(name)
            bare = parts[: len(parts) - (suffix_of(parts) is not None)]
            primary = name_key(" ".join(parts)) if parts else name_key(name)
            full = len(bare) >= 2
            for alias in entity.aliases:
                other = person_name(alias)
                other_bare = other[: len(other) - (suffix_of(other) is not None)]
                if len(other_bare) >= 2 and parts and same_person_possible(other, parts):
                    aliases.append(name_key(" ".join(other)))
        elif entity.type in (EntityType.ORGANIZATION, EntityType.PLACE):
            primary = name_key(name)
            full = not _acronym_like(name)
            aliases = [name_key(alias) for alias in entity.aliases]
            if entity.type is EntityType.PLACE:
                codes = {code for form in (name, *entity.aliases) if (code := country_of(form))}
                if len(codes) == 1:
                    aliases.append(primary)
                    primary = f"country {codes.pop().lower()}"
                    full = True
        else:
            primary = name_key(name)
        if not primary:
            continue
        alias_keys = tuple(dict.fromkeys(a for a in aliases if len(a) > 1 and a != primary))
        name_words = dict.fromkeys(key_words(name_key(name)))
        for alias in entity.aliases:
            name_words.update(
                dict.fromkeys(w for w in key_words(name_key(alias)) if w not in HONORIFICS)
            )
        sections = sorted(
            {s for m in entity.mentions if (s := reading.section_of(m.paragraph)) is not None}
        )
        records.append(
            EntityRecord(
                local_id=entity.id,
                type=kind,
                name=name,
                role=entity.role,
                mentions=len(entity.mentions),
                sections=tuple(sections),
                quotes=tuple(said.get(entity.id, ())),
                primary=primary,
                full=full,
                aliases=alias_keys,
                words=tuple(name_words),
            )
        )
    return records


# ---------------------------------------------------------------------------------------------
# Writing (inside the caller's transaction)


def _owners(connection: sqlite3.Connection, type: str, key: str, kinds: Sequence[str]) -> list[int]:
    marks = ",".join("?" * len(kinds))
    return [
        row[0]
        for row in connection.execute(
            f"SELECT DISTINCT entity_id FROM entity_keys WHERE type = ? AND key = ? "
            f"AND kind IN ({marks}) ORDER BY entity_id",
            (type, key, *kinds),
        )
    ]


def _has_full_name(connection: sqlite3.Connection, entity_id: int) -> bool:
    return (
        connection.execute(
            "SELECT 1 FROM entity_keys WHERE entity_id = ? AND kind = 'name' LIMIT 1", (entity_id,)
        ).fetchone()
        is not None
    )


def _merged_with(connection: sqlite3.Connection, record: EntityRecord) -> int | None:
    """The library entity `record` is, by the rules in the module's docstring; None: new."""
    type = record.type
    named = _owners(connection, type, record.primary, ("name", "short"))
    if named:
        return named[0]
    if type in (EntityType.EVENT, EntityType.OTHER):
        return None
    if record.full or type != EntityType.PERSON:
        known_as = _owners(connection, type, record.primary, ("alias",))
        if len(known_as) == 1:
            return known_as[0]
    for alias in record.aliases:
        # A person's aliases are full names: any holder of one is that person. Other types
        # join only an entity known by nothing but short names (an acronym alone).
        kinds = ("name",) if type == EntityType.PERSON else ("short",)
        found = _owners(connection, type, alias, kinds)
        if type != EntityType.PERSON:
            found = [f for f in found if not _has_full_name(connection, f)]
        if len(found) == 1:
            return found[0]
    return None


def write_entities(
    connection: sqlite3.Connection,
    document_id: int,
    records: Iterable[EntityRecord],
    section_titles: Sequence[str] = (),
) -> None:
    """Replace the document's entities in the index with `records`, merged into the
    library's entities, and their appearances (`section_titles`: the titles of the sections
    `EntityRecord.sections` counts, as the snapshot keeps them)."""
    connection.execute("DELETE FROM document_entities WHERE document_id = ?", (document_id,))
    merged: list[_Local] = []
    for record in records:
        entity_id = _merged_with(connection, record)
        if entity_id is None:
            cursor = connection.execute(
                "INSERT INTO entities (type, name) VALUES (?, ?)", (record.type, record.name)
            )
            entity_id = int(cursor.lastrowid or 0)
        else:
            connection.execute(
                "UPDATE entities SET name = ? WHERE id = ? AND length(?) - "
                "length(replace(?, ' ', '')) > length(name) - length(replace(name, ' ', ''))",
                (record.name, entity_id, record.name, record.name),
            )
        keys = [(record.primary, "name" if record.full else "short")]
        keys += [(alias, "alias") for alias in record.aliases]
        connection.executemany(
            "INSERT OR IGNORE INTO entity_keys (type, key, kind, entity_id) VALUES (?, ?, ?, ?)",
            [(record.type, key, kind, entity_id) for key, kind in keys],
        )
        connection.executemany(
            "INSERT OR IGNORE INTO entity_words (word, entity_id) VALUES (?, ?)",
            [(word, entity_id) for word in record.words],
        )
        connection.execute(
            "INSERT OR REPLACE INTO document_entities (document_id, local_id, entity_id, name, "
            "role, mentions) VALUES (?, ?, ?, ?, ?, ?)",
            (document_id, record.local_id, entity_id, record.name, record.role, record.mentions),
        )
        merged.append(
            _Local(
                entity_id,
                record.local_id,
                record.name,
                record.role,
                record.mentions,
                record.sections,
                record.quotes,
            )
        )
    _write_appearances(connection, document_id, merged, section_titles)


@dataclass(frozen=True, slots=True)
class _Local:
    """One entity of a reading, as the library entity it was merged into."""

    entity_id: int
    local_id: str
    name: str
    role: str | None
    mentions: int
    sections: Sequence[object]
    quotes: Sequence[object]


def _write_appearances(
    connection: sqlite3.Connection,
    document_id: int,
    locals_: Sequence[_Local],
    titles: Sequence[str],
) -> None:
    """Replace the document's rows of `entity_appearances`: one per library entity, the
    reading's entities it merges taken most mentioned first (its name, role and quotes
    first), their sections and quotes by section title."""
    connection.execute("DELETE FROM entity_appearances WHERE document_id = ?", (document_id,))
    by_entity: dict[int, list[_Local]] = {}
    for local in sorted(locals_, key=lambda one: (-one.mentions, one.local_id)):
        by_entity.setdefault(local.entity_id, []).append(local)
    rows = []
    for entity_id, group in by_entity.items():
        indexes = sorted({i for one in group for i in one.sections if isinstance(i, int)})
        said: list[list[str | None]] = []
        for one in group:
            for item in one.quotes:
                if isinstance(item, list | tuple) and len(item) == 2:
                    words, index = item
                    if isinstance(words, str):
                        said.append([words, _title_at(titles, index)])
        first = group[0]
        rows.append(
            (
                entity_id,
                document_id,
                first.name,
                next((one.role for one in group if one.role), None),
                sum(one.mentions for one in group),
                json.dumps(
                    [t for i in indexes if (t := _title_at(titles, i)) is not None],
                    ensure_ascii=False,
                ),
                json.dumps(said, ensure_ascii=False),
                json.dumps([[one.name, one.mentions] for one in group[1:]], ensure_ascii=False),
            )
        )
    connection.executemany(
        "INSERT INTO entity_appearances (entity_id, document_id, name, role, mentions, "
        "sections, said, also) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        rows,
    )


def _title_at(titles: Sequence[str], index: object) -> str | None:
    return titles[index] if isinstance(index, int) and 0 <= index < len(titles) else None


def fill_appearances(connection: sqlite3.Connection) -> None:
    """Make `entity_appearances` for every document from its `document_entities` and its
    snapshot's sections, then drop the sections and quotes `document_entities` kept (the
    migration to schema 6)."""
    rows = connection.execute(
        "SELECT de.document_id, de.entity_id, de.local_id, de.name, de.role, de.mentions, "
        "de.sections, de.quotes FROM document_entities de ORDER BY de.document_id"
    )
    pending: list[_Local] = []
    current: int | None = None

    def flush() -> None:
        if current is None:
            return
        found = connection.execute(
            "SELECT sections FROM snapshots WHERE document_id = ?", (current,)
        ).fetchone()
        _write_appearances(connection, current, pending, section_titles(found and found[0]))

    for document_id, entity_id, local_id, name, role, mentions, sections, quotes in rows.fetchall():
        if document_id != current:
            flush()
            current, pending = int(document_id), []
        pending.append(
            _Local(
                int(entity_id),
                str(local_id),
                str(name),
                role,
                int(mentions),
                _json_list(sections),
                _json_list(quotes),
            )
        )
    flush()
    # Their sections and quotes are in `entity_appearances` now: `document_entities` keeps
    # which library entity each entity of a reading is (and its name, role and mentions).
    for statement in (
        "CREATE TABLE document_entities_6 (document_id INTEGER NOT NULL REFERENCES "
        "documents(id) ON DELETE CASCADE, local_id TEXT NOT NULL, entity_id INTEGER NOT NULL "
        "REFERENCES entities(id), name TEXT NOT NULL, role TEXT, mentions INTEGER NOT NULL, "
        "PRIMARY KEY (document_id, local_id)) WITHOUT ROWID",
        "INSERT INTO document_entities_6 SELECT document_id, local_id, entity_id, name, role, "
        "mentions FROM document_entities",
        "DROP TABLE document_entities",
        "ALTER TABLE document_entities_6 RENAME TO document_entities",
    ):
        connection.execute(statement)


# ---------------------------------------------------------------------------------------------
# Reading


@dataclass(frozen=True, slots=True)
class WhoEntry:
    """An entity of the library and the number of briefings it appears in."""

    entity_id: int
    name: str
    type: str
    briefings: int


@dataclass(frozen=True, slots=True)
class Appearance:
    """One briefing that mentions an entity."""

    document_id: int
    title: str
    source: str | None
    date: str | None
    """The document's own date, if it gives one."""
    read: float
    """When it was last opened or added (seconds since the epoch)."""
    name: str
    """The name the briefing gives it."""
    role: str | None
    mentions: int
    sections: tuple[str, ...]
    """Titles of the sections that mention it."""


@dataclass(frozen=True, slots=True)
class Said:
    """A quote of the entity in a briefing."""

    document_id: int
    title: str
    section: str | None
    text: str


@dataclass(frozen=True, slots=True)
class Profile:
    """What the library knows of one entity."""

    entity: WhoEntry
    names: tuple[str, ...]
    """Every name it goes by, most used first."""
    roles: tuple[str, ...]
    """Roles seen, most often seen first."""
    appearances: tuple[Appearance, ...]
    """Briefings that mention it, most recently read first."""
    quotes: tuple[Said, ...]
    companions: tuple[WhoEntry, ...]
    """Who appears with it: entities sharing the most briefings with it (`briefings` counts
    those shared)."""


def whos_who(
    connection: sqlite3.Connection, types: Sequence[str] = WHO_TYPES, limit: int | None = 20
) -> dict[str, list[WhoEntry]]:
    """The entities of each type by the number of briefings (in the library) they appear in."""
    found: dict[str, list[WhoEntry]] = {}
    for type in types:
        rows = connection.execute(
            "SELECT e.id, e.name, e.type, count(*) AS n "
            "FROM entities e JOIN entity_appearances a ON a.entity_id = e.id "
            "JOIN documents d ON d.id = a.document_id "
            "WHERE e.type = ? AND d.removed IS NULL "
            "GROUP BY e.id ORDER BY n DESC, e.name COLLATE NOCASE, e.id LIMIT ?",
            (type, -1 if limit is None else limit),
        ).fetchall()
        found[type] = [WhoEntry(int(r[0]), str(r[1]), str(r[2]), int(r[3])) for r in rows]
    return found


def _briefing_counts(connection: sqlite3.Connection, ids: Sequence[int]) -> dict[int, int]:
    counts: dict[int, int] = {}
    for first in range(0, len(ids), 500):
        chunk = ids[first : first + 500]
        marks = ",".join("?" * len(chunk))
        for entity_id, n in connection.execute(
            f"SELECT a.entity_id, count(*) FROM entity_appearances a "
            f"JOIN documents d ON d.id = a.document_id WHERE d.removed IS NULL "
            f"AND a.entity_id IN ({marks}) GROUP BY a.entity_id",
            chunk,
        ):
            counts[int(entity_id)] = int(n)
    return counts


def _entries(connection: sqlite3.Connection, ids: Sequence[int]) -> list[WhoEntry]:
    counts = _briefing_counts(connection, ids)
    entries = []
    for entity_id in ids:
        row = connection.execute(
            "SELECT name, type FROM entities WHERE id = ?", (entity_id,)
        ).fetchone()
        if row is not None and counts.get(entity_id):
            entries.append(WhoEntry(entity_id, str(row[0]), str(row[1]), counts[entity_id]))
    return entries


def find(connection: sqlite3.Connection, name: str, type: str | None = None) -> list[WhoEntry]:
    """The entities `name` names, in the library: those known by that very name (or alias)
    first, then those whose names hold all its words; most briefings first in each. Titles
    before the name ("Mr.", "Secretary") are not part of it."""
    key = name_key(name)
    words = key.split()
    while len(words) > 1 and words[0] in HONORIFICS:
        words = words[1:]
    key = " ".join(words)
    if not key:
        return []
    types = (type,) if type else tuple(EntityType)
    marks = ",".join("?" * len(types))
    exact = {
        int(row[0])
        for row in connection.execute(
            f"SELECT DISTINCT entity_id FROM entity_keys WHERE key IN (?, ?) AND type IN ({marks})",
            (key, f"country {key}", *types),
        )
    }
    partial: set[int] | None = None
    for word in key_words(key) or words:
        having = {
            int(row[0])
            for row in connection.execute(
                "SELECT entity_id FROM entity_words WHERE word = ?", (word,)
            )
        }
        partial = having if partial is None else partial & having
        if not partial:
            break
    others = sorted((partial or set()) - exact)
    if type and others:
        others = [
            i
            for i in others
            if connection.execute(
                "SELECT 1 FROM entities WHERE id = ? AND type = ?", (i, type)
            ).fetchone()
        ]

    def ranked(ids: Iterable[int]) -> list[WhoEntry]:
        entries = _entries(connection, sorted(ids))
        return sorted(entries, key=lambda e: (-e.briefings, e.name.casefold(), e.entity_id))

    return ranked(exact) + ranked(others)


def profile(
    connection: sqlite3.Connection,
    entity: WhoEntry,
    companions: int = 10,
    quotes: int | None = None,
) -> Profile:
    """Every briefing that mentions `entity`, its names, roles and quotes (the first `quotes`
    of them, by briefing; None: all), and who appears with it. From `entity_appearances`,
    made when each briefing's entities were written."""
    rows = connection.execute(
        "SELECT a.document_id, coalesce(lt.title, d.title, ''), d.source, d.date, "
        "d.last_opened, a.name, a.role, a.mentions, a.sections, a.said != '[]', a.also "
        "FROM entity_appearances a JOIN documents d ON d.id = a.document_id "
        "LEFT JOIN library_texts lt ON lt.document_id = d.id "
        "WHERE a.entity_id = ? AND d.removed IS NULL "
        "ORDER BY d.last_opened DESC, d.id DESC",
        (entity.entity_id,),
    ).fetchall()
    names: Counter[str] = Counter()
    roles: Counter[str] = Counter()
    appearances: list[Appearance] = []
    for row, where in zip(rows, _json_lists([row[8] for row in rows]), strict=True):
        document_id, title, source, date, read, name, role, mentions, _, _, also = row
        names[name] += mentions
        if also != "[]":  # two entities of one reading that the library takes for one
            for other_name, other_mentions in _pairs(_json_list(also)):
                if isinstance(other_mentions, int):
                    names[name] -= other_mentions
                    names[other_name] += other_mentions
        if role:
            roles[role] += 1
        sections = tuple(t for t in where if isinstance(t, str)) if where else ()
        appearances.append(
            Appearance(document_id, title, source, date, read, name, role, mentions, sections)
        )
    titles = {a.document_id: a.title for a in appearances}
    quoted = [row[0] for row in rows if row[9]]
    return Profile(
        entity=WhoEntry(entity.entity_id, entity.name, entity.type, len(appearances)),
        names=tuple(n for n, _ in sorted(names.items(), key=lambda kv: (-kv[1], kv[0]))),
        roles=tuple(r for r, _ in sorted(roles.items(), key=lambda kv: (-kv[1], kv[0]))),
        appearances=tuple(appearances),
        quotes=tuple(_quotes(connection, entity.entity_id, quoted, titles, quotes)),
        companions=tuple(_companions(connection, entity.entity_id, companions)),
    )


def _quotes(
    connection: sqlite3.Connection,
    entity_id: int,
    documents: Sequence[int],
    titles: dict[int, str],
    limit: int | None,
) -> list[Said]:
    """The quotes of `entity_id` in `documents` (those with quotes, in the order shown), up
    to `limit`: read one briefing at a time when a few are asked for, else all at once."""
    said_in: dict[int, str] = {}
    if limit is None:
        said_in = dict(
            connection.execute(
                "SELECT document_id, said FROM entity_appearances WHERE entity_id = ? "
                "AND said != '[]'",
                (entity_id,),
            ).fetchall()
        )
    found: list[Said] = []
    for document_id in documents:
        if limit is not None:
            if len(found) >= limit:
                break
            row = connection.execute(
                "SELECT said FROM entity_appearances WHERE entity_id = ? AND document_id = ?",
                (entity_id, document_id),
            ).fetchone()
            said_in[document_id] = row[0] if row else "[]"
        for words, section in _pairs(_json_list(said_in.get(document_id))):
            where = section if isinstance(section, str) and section else None
            found.append(Said(document_id, titles[document_id], where, words))
    return found[:limit] if limit is not None else found


def _companions(connection: sqlite3.Connection, entity_id: int, limit: int) -> list[WhoEntry]:
    """The entities sharing the most briefings with `entity_id` (`briefings`: how many), as
    one string of ids counted here: faster than SQLite's GROUP BY over every pair."""
    (joined,) = connection.execute(
        "SELECT group_concat(o.entity_id) FROM entity_appearances x "
        "JOIN documents d ON d.id = x.document_id "
        "JOIN entity_appearances o ON o.document_id = x.document_id "
        "WHERE x.entity_id = ? AND d.removed IS NULL AND o.entity_id != ?",
        (entity_id, entity_id),
    ).fetchone()
    if not joined:
        return []
    counts = Counter(joined.split(","))
    # The best `limit * 3` by count (ties by id, as before), then by count and name.
    shared = sorted(((-n, int(i)) for i, n in counts.items()))[: max(limit * 3, limit)]
    marks = ",".join("?" * len(shared))
    known = {
        int(row[0]): (str(row[1]), str(row[2]))
        for row in connection.execute(
            f"SELECT id, name, type FROM entities WHERE id IN ({marks})", [i for _, i in shared]
        )
    }
    entries = [WhoEntry(i, *known[i], -n) for n, i in shared if i in known]
    entries.sort(key=lambda e: (-e.briefings, e.name.casefold(), e.entity_id))
    return entries[:limit]


def section_titles(sections_json: str | None) -> list[str]:
    """The section titles of a snapshot's `sections` column ([[title, start, end], ...])."""
    titles = []
    for item in _json_list(sections_json):
        if isinstance(item, list) and item and isinstance(item[0], str):
            titles.append(item[0])
    return titles


def _pairs(items: list[object]) -> list[tuple[str, Any]]:
    """The [text, value] pairs of a list read from JSON (`said`: [words, section title or
    null]; `also`: [name, mentions])."""
    return [
        (item[0], item[1])
        for item in items
        if isinstance(item, list) and len(item) == 2 and isinstance(item[0], str)
    ]


def _json_lists(texts: list[str]) -> list[list[object]]:
    """The JSON lists of `texts`, decoded as one document (thousands of small `json.loads`
    cost more than the query that read them); one that is not a list gives []."""
    try:
        values = json.loads("[" + ",".join(texts) + "]")
    except (ValueError, RecursionError):
        values = None
    if not isinstance(values, list) or len(values) != len(texts):
        return [_json_list(text) for text in texts]
    return [value if isinstance(value, list) else [] for value in values]


def _json_list(text: str | None) -> list[object]:
    if not text:
        return []
    try:
        value = json.loads(text)
    except (ValueError, RecursionError):
        return []
    return value if isinstance(value, list) else []
