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
    connection: sqlite3.Connection, document_id: int, records: Iterable[EntityRecord]
) -> None:
    """Replace the document's entities in the index with `records`, merged into the
    library's entities."""
    connection.execute("DELETE FROM document_entities WHERE document_id = ?", (document_id,))
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
            "role, mentions, sections, quotes) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (
                document_id,
                record.local_id,
                entity_id,
                record.name,
                record.role,
                record.mentions,
                json.dumps(list(record.sections)),
                json.dumps([list(q) for q in record.quotes], ensure_ascii=False),
            ),
        )


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
    section_indexes: tuple[int, ...]


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
            "SELECT e.id, e.name, e.type, count(DISTINCT de.document_id) AS n "
            "FROM entities e JOIN document_entities de ON de.entity_id = e.id "
            "JOIN documents d ON d.id = de.document_id "
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
            f"SELECT de.entity_id, count(DISTINCT de.document_id) FROM document_entities de "
            f"JOIN documents d ON d.id = de.document_id WHERE d.removed IS NULL "
            f"AND de.entity_id IN ({marks}) GROUP BY de.entity_id",
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


def profile(connection: sqlite3.Connection, entity: WhoEntry, companions: int = 10) -> Profile:
    """Every briefing that mentions `entity`, its names, roles and quotes, and who appears
    with it."""
    rows = connection.execute(
        "SELECT de.document_id, coalesce(lt.title, d.title, ''), d.source, d.date, "
        "d.last_opened, de.name, de.role, de.mentions, de.sections, de.quotes, s.sections "
        "FROM document_entities de JOIN documents d ON d.id = de.document_id "
        "LEFT JOIN library_texts lt ON lt.document_id = d.id "
        "LEFT JOIN snapshots s ON s.document_id = d.id "
        "WHERE de.entity_id = ? AND d.removed IS NULL "
        "ORDER BY d.last_opened DESC, d.id DESC, de.mentions DESC",
        (entity.entity_id,),
    ).fetchall()
    names: Counter[str] = Counter()
    roles: Counter[str] = Counter()
    appearances: dict[int, Appearance] = {}
    quotes: list[Said] = []
    for (
        document_id,
        title,
        source,
        date,
        read,
        name,
        role,
        mentions,
        section_json,
        quote_json,
        all_sections,
    ) in rows:
        names[name] += int(mentions)
        if role:
            roles[role] += 1
        titles = section_titles(all_sections)
        indexes = tuple(i for i in _json_list(section_json) if isinstance(i, int))
        seen = appearances.get(document_id)
        if seen is None:
            appearances[document_id] = Appearance(
                int(document_id),
                str(title),
                source,
                date,
                float(read),
                str(name),
                role,
                int(mentions),
                tuple(titles[i] for i in indexes if 0 <= i < len(titles)),
                indexes,
            )
        else:  # two entities of one reading that the library takes for one
            merged = tuple(sorted({*seen.section_indexes, *indexes}))
            appearances[document_id] = Appearance(
                seen.document_id,
                seen.title,
                seen.source,
                seen.date,
                seen.read,
                seen.name,
                seen.role or role,
                seen.mentions + int(mentions),
                tuple(titles[i] for i in merged if 0 <= i < len(titles)),
                merged,
            )
        for item in _json_list(quote_json):
            if isinstance(item, list) and len(item) == 2 and isinstance(item[0], str):
                index = item[1]
                section = (
                    titles[index] if isinstance(index, int) and 0 <= index < len(titles) else None
                )
                quotes.append(Said(int(document_id), str(title), section, item[0]))
    with_rows = connection.execute(
        "SELECT o.entity_id, count(DISTINCT o.document_id) AS n FROM document_entities o "
        "JOIN documents d ON d.id = o.document_id "
        "WHERE d.removed IS NULL AND o.entity_id != ? AND o.document_id IN "
        "(SELECT document_id FROM document_entities WHERE entity_id = ?) "
        "GROUP BY o.entity_id ORDER BY n DESC, o.entity_id LIMIT ?",
        (entity.entity_id, entity.entity_id, max(companions * 3, companions)),
    ).fetchall()
    shared = {int(r[0]): int(r[1]) for r in with_rows}
    companion_entries = []
    for entity_id, n in shared.items():
        row = connection.execute(
            "SELECT name, type FROM entities WHERE id = ?", (entity_id,)
        ).fetchone()
        if row is not None:
            companion_entries.append(WhoEntry(entity_id, str(row[0]), str(row[1]), n))
    companion_entries.sort(key=lambda e: (-e.briefings, e.name.casefold(), e.entity_id))
    return Profile(
        entity=WhoEntry(entity.entity_id, entity.name, entity.type, len(appearances)),
        names=tuple(n for n, _ in sorted(names.items(), key=lambda kv: (-kv[1], kv[0]))),
        roles=tuple(r for r, _ in sorted(roles.items(), key=lambda kv: (-kv[1], kv[0]))),
        appearances=tuple(appearances.values()),
        quotes=tuple(quotes),
        companions=tuple(companion_entries[:companions]),
    )


def section_titles(sections_json: str | None) -> list[str]:
    """The section titles of a snapshot's `sections` column ([[title, start, end], ...])."""
    titles = []
    for item in _json_list(sections_json):
        if isinstance(item, list) and item and isinstance(item[0], str):
            titles.append(item[0])
    return titles


def _json_list(text: str | None) -> list[object]:
    if not text:
        return []
    try:
        value = json.loads(text)
    except (ValueError, RecursionError):
        return []
    return value if isinstance(value, list) else []
