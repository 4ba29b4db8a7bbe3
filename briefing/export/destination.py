"""What the CLI and the app share about exporting: where the file goes by default, and the
exported text of a reading and its annotations (pure: the service reads them from the store)."""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

from briefing.export.markdown import Highlight
from briefing.model import Annotation, Document, Reading
from briefing.paths import seed_path
from briefing.text.safety import safe_output, shown

SUFFIXES = {"markdown": ".annotated.md", "json": ".annotations.json"}


def default_destination(document: Document, format: str = "markdown") -> Path:
    """`<name>.annotated.md` beside the source when that directory is writable (and is not the
    installed package), else in the current directory."""
    if document.source_path and document.source_path[:8].lower().startswith(
        ("http://", "https://")
    ):
        # A URL: named after the last part of its path (or its host), in the current directory.
        parts = [p for p in document.source_path.split("?")[0].split("#")[0].split("/") if p]
        stem = parts[-1].rsplit(".", 1)[0] if len(parts) > 2 else parts[-1] if parts else ""
        stem = "".join(c if c.isalnum() or c in "-_." else "-" for c in stem).strip(".-")
        return Path((stem or "page")[:80] + SUFFIXES[format])
    source = Path(document.source_path) if document.source_path else None
    stem = source.name.rsplit(".", 1)[0] if source else "briefing"
    name = stem + SUFFIXES[format]
    if source is not None:
        folder = source.resolve().parent
        bundled = folder == seed_path().resolve().parent
        if not bundled and os.access(folder, os.W_OK):
            return _relative(folder / name)
    return Path(name)


def _relative(path: Path) -> Path:
    """Shown paths stay short when they are under the current directory."""
    try:
        return path.relative_to(Path.cwd())
    except ValueError:
        return path


def render_export(
    document: Document,
    *,
    format: str = "markdown",
    notes_only: bool = False,
    reading: Reading | None = None,
    annotations: Sequence[Annotation] = (),
    highlight: Highlight = Highlight.MARKDOWN,
) -> str:
    """The exported text of `document` (its `reading`, needed for Markdown) and `annotations`:
    a pure function, safe to show (the service reads them from the store for the CLI)."""
    from briefing.export.files import export_time

    source = shown(document.source_path) if document.source_path is not None else None
    if format == "json":
        from briefing.export.web_annotation import export_web_annotations

        return safe_output(
            export_web_annotations(document, annotations, source=source, exported_at=export_time())
        )
    if reading is None:
        raise ValueError("a Markdown export needs the reading")
    from briefing.export.markdown import export_markdown

    return safe_output(
        export_markdown(
            reading,
            annotations,
            notes_only=notes_only,
            exported_at=export_time(),
            source=source,
            highlight=highlight,
        )
    )
