"""The memo: one document across chosen briefings of the library.

For each briefing: its title, source and date, its sections with their gists, its who's who
with roles, its key quotes, and the reader's highlights and notes; then a who's who across them
(everyone who appears in more than one). Written through a Jinja2 template, as Readwise's
exports are: the default ones (`templates/memo.md.jinja`, `templates/memo.html.jinja`) are
meant to be read as they are, and `--template FILE` takes the reader's own, which sees the same
data (`memo_context`; see the README's "Memo" section for its fields). Templates run sandboxed
(no attribute of Python's own is reachable) and a name the data does not have is an error, not
an empty string.

The same library and `SOURCE_DATE_EPOCH` give the same bytes.
"""

from __future__ import annotations

import time
from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from briefing.errors import BriefingError
from briefing.model import Annotation, EntityType, Reading
from briefing.text.safety import safe_output, shown

if TYPE_CHECKING:
    from briefing.service.library import Library

FORMATS = ("markdown", "html")
TEMPLATES = {"markdown": "memo.md.jinja", "html": "memo.html.jinja"}
SUFFIXES = {"markdown": ".md", "html": ".html"}
MAX_TEMPLATE_BYTES = 1024 * 1024
KEY_QUOTES = 5
"""Quotes shown per briefing."""
PEOPLE = {EntityType.PERSON: 10, EntityType.ORGANIZATION: 8, EntityType.PLACE: 8}
"""Entities shown in a briefing's who's who, of each type (the most mentioned)."""
WHO_TYPES = (EntityType.PERSON, EntityType.ORGANIZATION, EntityType.PLACE)


class MemoError(BriefingError):
    """A template that cannot be used, in one line."""


def _day(seconds: float) -> str:
    return time.strftime("%Y-%m-%d", time.gmtime(seconds))


def _key_quotes(reading: Reading) -> list[dict[str, Any]]:
    """The briefing's key quotes: attributed ones of a readable length first, in text order."""
    document = reading.document
    text = document.text
    scored = []
    for n, quote in enumerate(reading.quotes):
        words = " ".join(text[quote.start : quote.end].split())
        if not words:
            continue
        good = bool(quote.speaker_name) + (30 <= len(words) <= 400)
        scored.append((-good, n, quote, words))
    chosen = sorted(sorted(scored)[:KEY_QUOTES], key=lambda item: item[1])
    quotes = []
    for _, _, quote, words in chosen:
        section = reading.section_of(document.paragraph_at(quote.start))
        quotes.append(
            {
                "text": words,
                "speaker": quote.speaker_name,
                "section": reading.sections[section].title if section is not None else None,
            }
        )
    return quotes


def _people(reading: Reading) -> list[dict[str, Any]]:
    entities = [e for e in reading.entities if e.type in WHO_TYPES]
    entities.sort(key=lambda e: (WHO_TYPES.index(e.type), -len(e.mentions), e.name.casefold()))
    shown_of = dict.fromkeys(WHO_TYPES, 0)
    people = []
    for entity in entities:
        shown_of[entity.type] += 1
        if shown_of[entity.type] > PEOPLE[entity.type]:
            continue
        sections = sorted(
            {s for m in entity.mentions if (s := reading.section_of(m.paragraph)) is not None}
        )
        people.append(
            {
                "name": entity.name,
                "type": entity.type.value,
                "role": entity.role,
                "mentions": len(entity.mentions),
                "sections": [reading.sections[s].title for s in sections],
            }
        )
    return people


def _notes(reading: Reading, annotations: Sequence[Annotation]) -> list[dict[str, Any]]:
    document = reading.document
    notes = []
    for annotation in annotations:
        section = None
        if not annotation.orphaned and 0 <= annotation.start < len(document.text):
            index = reading.section_of(document.paragraph_at(annotation.start))
            section = reading.sections[index].title if index is not None else None
        passage = (
            annotation.quote.exact
            if annotation.orphaned
            else document.text[annotation.start : annotation.end]
        )
        notes.append(
            {
                "id": annotation.id,
                "quote": passage,
                "note": annotation.note,
                "color": annotation.color,
                "tags": list(annotation.tags),
                "status": annotation.status.value,
                "section": section,
                "created": annotation.created,
                "_annotation": annotation,
            }
        )
    return notes


def memo_context(
    library: Library, ids: Sequence[int], *, title: str | None = None, generated: str
) -> dict[str, Any]:
    """The data a memo template sees, for the library's documents `ids` in that order
    (readings made by an older analysis are read again first)."""
    from briefing.service.library import analysis_key, notebook_of, reading_of

    key = analysis_key()
    briefings: list[dict[str, Any]] = []
    for document_id in ids:
        entry = library.entry(document_id)
        reading = reading_of(library, document_id, key)
        document = reading.document
        notebook = notebook_of(library.store, document)
        notebook.open(persist=False)
        text = document.text
        meta = document.metadata
        briefings.append(
            {
                "id": entry.id,
                "title": reading.title,
                "source": entry.source,
                "date": meta.date,
                "read": _day(entry.read),
                "byline": meta.byline,
                "dateline": meta.dateline,
                "tags": list(entry.tags),
                "sections": [
                    {
                        "title": s.title,
                        "gist": " ".join(text[s.gist.start : s.gist.end].split())
                        if s.gist
                        else None,
                    }
                    for s in reading.sections
                ],
                "people": _people(reading),
                "quotes": _key_quotes(reading),
                "notes": _notes(reading, notebook.annotations),
            }
        )
    across = _across(library, ids, {b["id"]: b["title"] for b in briefings})
    if title is None:
        title = (
            f"Memo: {briefings[0]['title']}"
            if len(briefings) == 1
            else f"Memo: {len(briefings)} briefings"
        )
    return {"title": title, "generated": generated, "briefings": briefings, "people": across}


def _across(library: Library, ids: Sequence[int], titles: dict[int, str]) -> list[dict[str, Any]]:
    """Everyone who appears in more than one of the briefings, most briefings first."""
    if len(ids) < 2:
        return []
    found: dict[int, dict[str, Any]] = {}
    in_docs: dict[int, list[int]] = defaultdict(list)
    roles: dict[int, list[str]] = defaultdict(list)
    with library.store.reading() as connection:
        for first in range(0, len(ids), 500):
            chunk = list(ids[first : first + 500])
            marks = ",".join("?" * len(chunk))
            for entity_id, document_id, role, name, type in connection.execute(
                "SELECT de.entity_id, de.document_id, de.role, e.name, e.type "
                "FROM document_entities de JOIN entities e ON e.id = de.entity_id "
                f"WHERE de.document_id IN ({marks}) AND e.type IN ('person', 'organization', "
                "'place') ORDER BY de.document_id, de.local_id",
                chunk,
            ):
                found.setdefault(entity_id, {"name": name, "type": type})
                if document_id not in in_docs[entity_id]:
                    in_docs[entity_id].append(document_id)
                if role and role not in roles[entity_id]:
                    roles[entity_id].append(role)
    order = {document_id: n for n, document_id in enumerate(ids)}
    people = []
    for entity_id, info in found.items():
        docs = sorted(in_docs[entity_id], key=lambda d: order.get(d, 0))
        if len(docs) < 2:
            continue
        people.append(
            {
                "name": info["name"],
                "type": info["type"],
                "roles": roles[entity_id],
                "briefings": [titles[d] for d in docs if d in titles],
                "count": len(docs),
            }
        )
    people.sort(key=lambda p: (-p["count"], p["type"], p["name"].casefold()))
    return people


# ---------------------------------------------------------------------------------------------
# Rendering


def _quote_block(text: str) -> str:
    return "\n".join("> " + line if line else ">" for line in text.split("\n"))


def _markdown_ready(context: dict[str, Any]) -> None:
    """Add what the Markdown template writes as it is: each note's callout (notes isolated
    from one another) and the front matter."""
    from briefing.export.markdown import front_matter, isolated_notes, markdown_callout

    notes = [n for b in context["briefings"] for n in b["notes"]]
    isolated = isolated_notes([n["note"] for n in notes])
    for item, note in zip(notes, isolated, strict=True):
        item["callout"] = markdown_callout(item.pop("_annotation"), item["quote"], note)
    context["front_matter"] = front_matter(
        {
            "title": context["title"],
            "generated": context["generated"],
            "briefings": [b["title"] for b in context["briefings"]],
            "tags": sorted({t for b in context["briefings"] for t in b["tags"]}),
        }
    )


def _html_ready(context: dict[str, Any]) -> None:
    """Add each note's HTML (its Markdown rendered, raw HTML in it shown as text)."""
    from markdown_it import MarkdownIt
    from markupsafe import Markup

    renderer = MarkdownIt("commonmark", {"html": False})
    for briefing in context["briefings"]:
        for note in briefing["notes"]:
            note.pop("_annotation", None)
            note["note_html"] = Markup(renderer.render(note["note"]))


def _environment(format: str) -> Any:
    from jinja2 import StrictUndefined
    from jinja2.sandbox import SandboxedEnvironment

    environment = SandboxedEnvironment(
        autoescape=format == "html",
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    from briefing.export.markdown import markdown_text

    environment.filters["md"] = lambda value: markdown_text(str(value))
    environment.filters["quote"] = lambda value: _quote_block(str(value))
    environment.filters["tag"] = lambda value: "#" + markdown_text("-".join(str(value).split()))
    return environment


def template_text(path: str) -> str:
    """A template file's text (UTF-8, at most 1 MiB), or one line saying why not."""
    from briefing.ingest.source import read_capped

    data = read_capped(path, MAX_TEMPLATE_BYTES, what="template")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise MemoError(f"{shown(path)}: is not UTF-8 (bad byte at offset {exc.start})") from None


def render_memo(
    context: dict[str, Any],
    format: str = "markdown",
    template: str | None = None,
    template_name: str = "",
) -> str:
    """The memo: `context` through `template` (the text of one), else the default template
    of `format`. Raises `MemoError` with one line when the template is wrong."""
    from jinja2 import TemplateError, TemplateSyntaxError
    from jinja2.exceptions import SecurityError

    if format not in FORMATS:
        raise MemoError(f"unknown memo format {format!r} (choose from {', '.join(FORMATS)})")
    if format == "markdown":
        _markdown_ready(context)
    else:
        _html_ready(context)
    if template is None:
        template_name = TEMPLATES[format]
        template = (Path(__file__).parent / "templates" / template_name).read_text("utf-8")
    environment = _environment(format)
    where = shown(template_name or "template")
    try:
        compiled = environment.from_string(template)
        text = compiled.render(**context)
    except TemplateSyntaxError as exc:
        raise MemoError(f"{where}, line {exc.lineno}: {shown(exc.message or str(exc))}") from None
    except SecurityError as exc:
        raise MemoError(f"{where}: not allowed in a template: {shown(str(exc))}") from None
    except TemplateError as exc:
        raise MemoError(f"{where}: {shown(str(exc))}") from None
    except (TypeError, ValueError, AttributeError, KeyError, ZeroDivisionError) as exc:
        raise MemoError(f"{where}: {shown(type(exc).__name__)}: {shown(str(exc))}") from None
    except RecursionError:
        raise MemoError(f"{where}: recurses too deeply") from None
    return safe_output(text)
