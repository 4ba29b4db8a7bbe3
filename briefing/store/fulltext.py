"""Search across the library: SQLite FTS5 over every document's title, text, notes and tags.

A query is words (every one must be in the document: its title and text, or its notes and
tags), "quoted phrases", `word*` for any word starting so, and `#tag` for a tag. Words match
whole, case-insensitive and accent-insensitive ("Zoë" finds "zoe"), without stemming: a search
finds exactly the documents that hold the words. Results are ranked by BM25 (a word in the
title counts most, then tags, notes, text), each with a snippet whose matched words are marked,
where the match is (text, notes, title or tags), the section it is in and its character offset
in the text, so that a reader can open the document there.

Kept small on purpose: `briefing search` in a fresh process must cost little more than
`briefing --version`, so this imports sqlite3 and the store only.
"""

from __future__ import annotations

import sqlite3

from briefing.store.database import Store, StoreError

WEIGHTS = (10.0, 1.0, 4.0, 6.0)
"""BM25 weights of the columns title, body, notes, tags."""
COLUMNS = ("title", "text", "notes", "tags")
SNIPPET_TOKENS = 24
OPEN, CLOSE, ELLIPSIS = "\x02", "\x03", "\x04"
"""Markers inside FTS5's snippets (document text never holds control characters)."""


class QueryError(StoreError):
    """A query with nothing to search for."""


class Snippet:
    """A piece of a document around a match: `text` with the matched words at `marks`."""

    # Plain classes: a dataclass costs a millisecond or two to define, and this module is on
    # the path of a command that must start fast.
    __slots__ = (
        "annotation_id",
        "leading",
        "marks",
        "offset",
        "section",
        "section_index",
        "text",
        "trailing",
        "where",
    )

    def __init__(
        self,
        where: str,
        text: str,
        marks: tuple[tuple[int, int], ...],
        leading: bool,
        trailing: bool,
        offset: int | None,
        section: str | None,
        section_index: int | None,
        annotation_id: str | None = None,
    ) -> None:
        self.where = where
        """`text`, `notes`, `title` or `tags`."""
        self.text = text
        self.marks = marks
        """(start, end) of each matched word in `text`."""
        self.leading = leading
        """Whether the snippet starts inside the column (an ellipsis belongs before it)."""
        self.trailing = trailing
        self.offset = offset
        """Character offset of the first marked word in the document's text (for `text`; for
        `notes`, the start of the noted passage), if found."""
        self.section = section
        self.section_index = section_index
        self.annotation_id = annotation_id
        """The note matched, for `notes`."""

    def marked(self, before: str = "**", after: str = "**", ellipsis: str = "…") -> str:
        """The snippet on one line with its matches between `before` and `after`."""
        parts = [ellipsis if self.leading else ""]
        last = 0
        for start, end in self.marks:
            parts += [self.text[last:start], before, self.text[start:end], after]
            last = end
        parts.append(self.text[last:])
        if self.trailing:
            parts.append(ellipsis)
        return " ".join("".join(parts).split())


class Hit:
    """A document that matches."""

    __slots__ = ("document_id", "read", "score", "snippets", "source", "title")

    def __init__(
        self,
        document_id: int,
        title: str,
        source: str | None,
        read: float,
        score: float,
        snippets: tuple[Snippet, ...],
    ) -> None:
        self.document_id = document_id
        self.title = title
        self.source = source
        self.read = read
        self.score = score
        """BM25 (lower is better, as SQLite gives it)."""
        self.snippets = snippets
        """Where it matched: text first, then notes, title, tags."""


class Results:
    """The documents matching a query, best first."""

    __slots__ = ("expression", "hits", "query", "total")

    def __init__(self, query: str, expression: str, total: int, hits: tuple[Hit, ...]) -> None:
        self.query = query
        self.expression = expression
        """The FTS5 query the words became."""
        self.total = total
        """Documents matching, in all."""
        self.hits = hits
        """The best `limit` of them."""


def _quoted(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


def _has_word(text: str) -> bool:
    return any(c.isalnum() for c in text)


def fts_query(query: str) -> str:
    """The FTS5 expression for what a person typed (see the module docstring): every term
    quoted, so that no character of theirs is FTS5 syntax. Raises `QueryError` if nothing is
    left to search for."""
    terms: list[str] = []
    i, n = 0, len(query)
    while i < n:
        c = query[i]
        if c.isspace():
            i += 1
            continue
        if c == '"':
            end = query.find('"', i + 1)
            end = n if end < 0 else end
            phrase = query[i + 1 : end]
            i = end + 1
            if _has_word(phrase):
                terms.append(_quoted(phrase))
            continue
        end = i
        while end < n and not query[end].isspace() and query[end] != '"':
            end += 1
        word = query[i:end]
        i = end
        prefix = word.endswith("*")
        word = word.rstrip("*")
        if word.startswith("#") and _has_word(word):
            terms.append(f"tags : {_quoted(word.lstrip('#'))}")
        elif _has_word(word):
            terms.append(_quoted(word) + ("*" if prefix else ""))
    if not terms:
        raise QueryError(f"nothing to search for in {query!r}: give a word")
    return " AND ".join(terms)


def _unmark(snippet: str) -> tuple[str, tuple[tuple[int, int], ...], bool, bool]:
    leading = snippet.startswith(ELLIPSIS)
    trailing = snippet.endswith(ELLIPSIS) and len(snippet) > 1
    snippet = snippet.strip(ELLIPSIS)
    plain: list[str] = []
    marks: list[tuple[int, int]] = []
    length = 0
    start = 0
    for piece in snippet.split(OPEN):
        if CLOSE in piece:
            inside, rest = piece.split(CLOSE, 1)
            start = length
            plain.append(inside)
            length += len(inside)
            marks.append((start, length))
            piece = rest
        plain.append(piece.replace(CLOSE, ""))
        length += len(plain[-1])
    return "".join(plain), tuple(marks), leading, trailing


def _locate(column: str, snippet_text: str, marks: tuple[tuple[int, int], ...]) -> int | None:
    """Character offset in `column` of the snippet's first marked word."""
    if not marks:
        return None
    at = column.find(snippet_text)
    if at < 0:
        return None
    return at + marks[0][0]


def search(store: Store, query: str, *, limit: int | None = 20) -> Results:
    """The documents of the library matching `query`, best first (at most `limit`; None:
    all), with where they match."""
    expression = fts_query(query)
    if not store.exists():
        return Results(query, expression, 0, ())
    from briefing.store.notes_index import indexed_notes, section_at

    weights = ", ".join(str(w) for w in WEIGHTS)
    with store.reading() as connection:
        try:
            rows = connection.execute(
                f"SELECT s.rowid, bm25(library_search, {weights}) AS score "
                "FROM library_search s JOIN documents d ON d.id = s.rowid "
                "WHERE library_search MATCH ? AND d.removed IS NULL "
                "ORDER BY score, s.rowid",
                (expression,),
            ).fetchall()
        except sqlite3.OperationalError as exc:
            if "fts5" in str(exc).lower() or "syntax" in str(exc).lower():
                raise QueryError(f"cannot search for {query!r} ({exc})") from None
            raise
        total = len(rows)
        chosen = rows if limit is None else rows[:limit]
        hits: list[Hit] = []
        for document_id, score in chosen:
            found = connection.execute(
                "SELECT snippet(library_search, 0, ?, ?, ?, ?), "
                "snippet(library_search, 1, ?, ?, ?, ?), "
                "snippet(library_search, 2, ?, ?, ?, ?), "
                "snippet(library_search, 3, ?, ?, ?, ?) "
                "FROM library_search WHERE library_search MATCH ? AND rowid = ?",
                (*(OPEN, CLOSE, ELLIPSIS, SNIPPET_TOKENS) * 4, expression, document_id),
            ).fetchone()
            info = connection.execute(
                "SELECT lt.title, lt.body, d.source, d.last_opened, s.sections "
                "FROM library_texts lt JOIN documents d ON d.id = lt.document_id "
                "LEFT JOIN snapshots s ON s.document_id = d.id WHERE lt.document_id = ?",
                (document_id,),
            ).fetchone()
            title, body, source, read, sections = info
            snippets: list[Snippet] = []
            for column in (1, 2, 0, 3):
                text, marks, leading, trailing = _unmark(found[column] or "")
                if not marks:
                    continue
                where = COLUMNS[column]
                offset = section = section_index = annotation_id = None
                if where == "text":
                    offset = _locate(body, text, marks)
                elif where == "notes":
                    notes = indexed_notes(connection, document_id)
                    column_text = "\n\n".join(note.text for note in notes)
                    at = _locate(column_text, text, marks)
                    if at is not None:
                        for note in notes:
                            if note.column_start <= at:
                                offset, annotation_id = note.start, note.annotation_id
                if offset is not None:
                    placed = section_at(sections, offset)
                    if placed is not None:
                        section_index, section = placed
                snippets.append(
                    Snippet(
                        where,
                        text,
                        marks,
                        leading,
                        trailing,
                        offset,
                        section,
                        section_index,
                        annotation_id,
                    )
                )
            hits.append(
                Hit(
                    int(document_id), str(title), source, float(read), float(score), tuple(snippets)
                )
            )
    return Results(query, expression, total, tuple(hits))
