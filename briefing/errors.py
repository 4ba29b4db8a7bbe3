"""Typed errors of the core; the CLI turns each into one line on stderr and exit code 2."""

from __future__ import annotations


class BriefingError(Exception):
    """A problem the user can act on, described in one line."""


class SourceError(BriefingError):
    """A file that cannot be read as a briefing."""

    def __init__(self, path: str, problem: str) -> None:
        super().__init__(f"{path}: {problem}")
        self.path = path
        self.problem = problem
