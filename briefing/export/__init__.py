"""Exports of a reading and its annotations: Markdown for notes apps, W3C Web Annotation JSON
for annotation tools (and back in). Pure functions from data to text, plus the one function
that writes a file; no UI library is imported here."""

from __future__ import annotations

from briefing.export.files import ExportError, export_time, write_atomically
from briefing.export.markdown import export_markdown
from briefing.export.web_annotation import (
    AnnotationFormatError,
    ImportedAnnotation,
    export_web_annotations,
    read_web_annotations,
)

__all__ = [
    "AnnotationFormatError",
    "ExportError",
    "ImportedAnnotation",
    "export_markdown",
    "export_time",
    "export_web_annotations",
    "read_web_annotations",
    "write_atomically",
]
