"""Cache of analysis results keyed by what analysis reads, so reopening a document is instant.

One JSON file per (document fingerprint, analysis version) in the user's cache directory,
written atomically. A cache entry that cannot be read is ignored and rewritten: the cache is
only ever a shortcut, never the source of truth.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from pathlib import Path

from briefing.model import Document, Reading
from briefing.paths import make_private_dirs
from briefing.serialize import analysis_json, reading_from_analysis


def fingerprint(document: Document) -> str:
    """Hash of everything analysis depends on: the text, its paragraphs and declared sections."""
    h = hashlib.sha256(document.text.encode("utf-8", "surrogatepass"))
    h.update(repr([(p.start, p.end, p.kind.value) for p in document.paragraphs]).encode())
    h.update(repr(document.section_breaks).encode())
    return h.hexdigest()


class AnalysisCache:
    """Readings on disk under `directory`, tagged with the analysis version that made them."""

    def __init__(self, directory: Path, version: int | str) -> None:
        self.directory = directory
        self.version = version

    def _path(self, document: Document) -> Path:
        return self.directory / f"{fingerprint(document)[:32]}-v{self.version}.json"

    def load(self, document: Document) -> Reading | None:
        path = self._path(document)
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            return reading_from_analysis(document, data)
        except FileNotFoundError:
            return None
        except (OSError, ValueError, KeyError, TypeError):
            return None  # a damaged entry: recompute and overwrite it

    def save(self, reading: Reading) -> None:
        """Write atomically; a cache that cannot be written is skipped (it is only a shortcut)."""
        path = self._path(reading.document)
        try:
            make_private_dirs(self.directory)
            fd, tmp = tempfile.mkstemp(dir=self.directory, prefix=".tmp-", suffix=".json")
        except OSError:
            return
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                handle.writelines(analysis_json(reading))
            os.replace(tmp, path)
        except OSError:
            Path(tmp).unlink(missing_ok=True)
