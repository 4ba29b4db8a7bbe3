"""Annotations as W3C Web Annotations (JSON-LD), out and back in.

Export shape: one `AnnotationCollection` (label: the title; total; generated: the export time;
a `stylesheet` with one CSS rule per highlight colour) whose `first` page holds every annotation,
sorted by position. Each item:

- `id` `urn:uuid:…` (the annotation's id as a UUID), `type` "Annotation", `created`/`modified`
  when known;
- `motivation`: "commenting" with a note, else "tagging" with tags, else "highlighting";
- `body` (absent for a bare highlight): the note as a TextualBody (`format` "text/markdown",
  `purpose` "commenting"), then one TextualBody per tag (`purpose` "tagging");
- `target`: `source` (the given source, else `urn:sha256:<content hash>`), `styleClass` the
  colour, and `selector`: a TextQuoteSelector (the stored quote: exact, prefix, suffix) and a
  TextPositionSelector (start/end in code points of briefing's normalised text of the source);
- `briefing:status`: "exact", "moved" or "orphaned" (non-standard; other tools ignore it).
  An orphan has no TextPositionSelector: its words are no longer anywhere in the text.

Import (`read_web_annotations`) takes what export writes, and also the shapes other tools
write: one Annotation, a JSON list of them, an AnnotationPage (`items`), an AnnotationCollection
whose `first` page is embedded (following embedded `next` pages), a `selector` that is an
object or a list, a `body` that is a string, an object or a list, `bodyValue`, and the
Hypothesis API's `rows`/`text`/`tags`/`updated`. A body is a tag when its purpose (or, without
one, the annotation's motivation) is "tagging", and otherwise part of the note.
"""

from __future__ import annotations

import contextlib
import json
import uuid
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from briefing.errors import BriefingError
from briefing.model import HIGHLIGHT_COLORS, Annotation, Document, TextQuote
from briefing.text.safety import json_safe

__all__ = [
    "AnnotationFormatError",
    "ImportedAnnotation",
    "export_web_annotations",
    "read_web_annotations",
]

CONTEXT = "http://www.w3.org/ns/anno.jsonld"
STATUS_KEY = "briefing:status"
_CSS_COLORS = {"yellow": "#fff3a3", "green": "#c6f1c0", "blue": "#c8e1ff", "pink": "#ffd0e4"}
"""Background colours of the highlight classes, light enough to read black text on."""


class AnnotationFormatError(BriefingError):
    """An annotation file that cannot be read: which item and why, in one line."""


@dataclass(frozen=True, slots=True)
class ImportedAnnotation:
    """One annotation as read from a file, before it is anchored in a document. `start`/`end`
    come from a TextPositionSelector (None without one); `quote.exact` is empty without a
    TextQuoteSelector. With neither it is a page note (a note on the whole document, as
    Hypothesis makes them), which briefing keeps with the orphans."""

    id: str | None
    quote: TextQuote
    start: int | None
    end: int | None
    note: str
    tags: tuple[str, ...]
    color: str | None
    created: str | None
    modified: str | None


# ---------------------------------------------------------------------------------------------
# Export


def _urn(annotation_id: str) -> str:
    try:
        return f"urn:uuid:{uuid.UUID(hex=annotation_id)}"
    except ValueError:
        return f"urn:briefing:annotation:{annotation_id}"


def _stylesheet(colors: Sequence[str]) -> dict[str, str]:
    rules = (f".{c} {{ background-color: {_CSS_COLORS[c]}; }}" for c in colors if c in _CSS_COLORS)
    return {"type": "CssStylesheet", "value": " ".join(rules)}


def _item(annotation: Annotation, source: str) -> dict[str, Any]:
    quote = annotation.quote
    selectors: list[dict[str, Any]] = [
        {
            "type": "TextQuoteSelector",
            "exact": quote.exact,
            "prefix": quote.prefix,
            "suffix": quote.suffix,
        }
    ]
    if not annotation.orphaned:
        selectors.append(
            {"type": "TextPositionSelector", "start": annotation.start, "end": annotation.end}
        )
    bodies: list[dict[str, str]] = []
    if annotation.note.strip():
        bodies.append(
            {
                "type": "TextualBody",
                "value": annotation.note,
                "format": "text/markdown",
                "purpose": "commenting",
            }
        )
    bodies += [{"type": "TextualBody", "value": t, "purpose": "tagging"} for t in annotation.tags]
    motivation = (
        "commenting"
        if annotation.note.strip()
        else "tagging"
        if annotation.tags
        else "highlighting"
    )
    item: dict[str, Any] = {
        "id": _urn(annotation.id),
        "type": "Annotation",
        "motivation": motivation,
    }
    if annotation.created:
        item["created"] = annotation.created
    if annotation.modified:
        item["modified"] = annotation.modified
    if bodies:
        item["body"] = bodies
    item["target"] = {"source": source, "selector": selectors, "styleClass": annotation.color}
    item[STATUS_KEY] = annotation.status.value
    return item


def export_web_annotations(
    document: Document,
    annotations: Sequence[Annotation],
    *,
    source: str | None = None,
    exported_at: str,
) -> str:
    """The annotations as a W3C AnnotationCollection, as JSON text ending in a newline."""
    target = source if source is not None else f"urn:sha256:{document.content_hash}"
    ordered = sorted(annotations, key=lambda a: (a.start, a.end, a.id))
    collection = {
        "@context": CONTEXT,
        "type": "AnnotationCollection",
        "label": document.display_title,
        "total": len(ordered),
        "generated": exported_at,
        "generator": {"type": "Software", "name": "briefing"},
        "stylesheet": _stylesheet(HIGHLIGHT_COLORS),
        "first": {
            "type": "AnnotationPage",
            "startIndex": 0,
            "items": [_item(a, target) for a in ordered],
        },
    }
    return json_safe(json.dumps(collection, ensure_ascii=False, indent=2)) + "\n"


# ---------------------------------------------------------------------------------------------
# Import


def _types(value: Any) -> set[str]:
    """The `type` values of an object, without an `oa:`/`as:` prefix."""
    raw = value.get("type", value.get("@type")) if isinstance(value, dict) else None
    names = raw if isinstance(raw, list) else [raw]
    return {n.rsplit(":", 1)[-1] for n in names if isinstance(n, str)}


def _page_items(page: Any, where: str) -> Iterator[Any]:
    seen = 0
    while isinstance(page, dict):
        items = page.get("items", page.get("as:items"))
        if not isinstance(items, list):
            raise AnnotationFormatError(f"{where} has no list of items")
        yield from items
        page = page.get("next")
        seen += 1
        if seen > 10_000:
            raise AnnotationFormatError(f"{where}: too many pages")
    if isinstance(page, str) and seen == 0:
        raise AnnotationFormatError(f"{where} is only a link ({page[:80]}); embed its items")


def _items(data: Any) -> list[Any]:
    if isinstance(data, list):
        return data
    if isinstance(data, dict):
        types = _types(data)
        if "Annotation" in types or "target" in data:
            return [data]
        if "AnnotationPage" in types or "items" in data:
            return list(_page_items(data, "the annotation page"))
        if "AnnotationCollection" in types or "first" in data:
            return list(_page_items(data.get("first"), "the collection's first page"))
        if isinstance(data.get("rows"), list):
            return list(data["rows"])
    raise AnnotationFormatError(
        "expected a Web Annotation, a list of them, an AnnotationPage or an AnnotationCollection"
    )


def _as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def _text(value: Any, what: str, where: str) -> str:
    if not isinstance(value, str):
        raise AnnotationFormatError(f"{where}: {what} is not a string")
    return value


def _optional_text(value: Any) -> str | None:
    return value if isinstance(value, str) and value else None


def _offset(value: Any, what: str, where: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise AnnotationFormatError(f"{where}: TextPositionSelector {what} is not a whole number")
    return value


def _annotation(item: Any, number: int) -> ImportedAnnotation:
    where = f"item {number}"
    if not isinstance(item, dict):
        raise AnnotationFormatError(f"{where} is not an object")
    raw_id = item.get("id", item.get("@id"))
    if isinstance(raw_id, str) and raw_id:
        where += f" ({raw_id[:60]})"
    targets = [t for t in _as_list(item.get("target")) if isinstance(t, dict)]
    target = next((t for t in targets if "selector" in t), targets[0] if targets else {})
    quote: TextQuote | None = None
    start = end = None
    for selector in _as_list(target.get("selector")):
        kinds = _types(selector)
        if quote is None and "TextQuoteSelector" in kinds:
            quote = TextQuote(
                exact=_text(selector.get("exact"), "TextQuoteSelector exact", where),
                prefix=_text(selector.get("prefix", ""), "TextQuoteSelector prefix", where),
                suffix=_text(selector.get("suffix", ""), "TextQuoteSelector suffix", where),
            )
        elif start is None and "TextPositionSelector" in kinds:
            start = _offset(selector.get("start"), "start", where)
            end = _offset(selector.get("end"), "end", where)
            if end < start:
                raise AnnotationFormatError(f"{where}: TextPositionSelector ends before it starts")
    motivations = {m for m in _as_list(item.get("motivation")) if isinstance(m, str)}
    notes: list[str] = []
    tags: list[str] = []
    if isinstance(item.get("bodyValue"), str):
        notes.append(item["bodyValue"])
    for body in _as_list(item.get("body")):
        if isinstance(body, str):
            notes.append(body)
            continue
        if not isinstance(body, dict) or not isinstance(body.get("value"), str):
            continue  # a body that is only a link or some other resource
        purposes = {p for p in _as_list(body.get("purpose")) if isinstance(p, str)}
        (tags if "tagging" in (purposes or motivations) else notes).append(body["value"])
    if not notes and isinstance(item.get("text"), str):  # the Hypothesis API
        notes.append(item["text"])
    tags += [t for t in _as_list(item.get("tags")) if isinstance(t, str)]
    if quote is None and start is None and not any(n.strip() for n in notes + tags):
        raise AnnotationFormatError(f"{where}: no TextQuoteSelector or TextPositionSelector")

    color = target.get("styleClass", item.get("styleClass"))
    identifier = raw_id if isinstance(raw_id, str) and raw_id else None
    if identifier and identifier.startswith("urn:uuid:"):
        with contextlib.suppress(ValueError):
            identifier = uuid.UUID(identifier[len("urn:uuid:") :]).hex
    return ImportedAnnotation(
        id=identifier,
        quote=quote or TextQuote(""),
        start=start,
        end=end,
        note="\n\n".join(n for n in notes if n.strip()),
        tags=tuple(dict.fromkeys(t for t in tags if t.strip())),
        color=color if isinstance(color, str) and color else None,
        created=_optional_text(item.get("created")),
        modified=_optional_text(item.get("modified", item.get("updated"))),
    )


def read_web_annotations(text: str) -> list[ImportedAnnotation]:
    """Annotations from Web Annotation JSON; raises `AnnotationFormatError` on bad input."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise AnnotationFormatError(
            f"not JSON: {error.msg} (line {error.lineno}, column {error.colno})"
        ) from None
    except (ValueError, RecursionError) as error:  # a huge number, or nesting too deep
        raise AnnotationFormatError(f"not JSON this reader can take: {error}") from None
    return [_annotation(item, n) for n, item in enumerate(_items(data), start=1)]
