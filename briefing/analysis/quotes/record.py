"""The public result type of the quote finder."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class QuoteRecord:
    """One direct quotation and its attributed speaker (character offsets into the text).

    A quote split by its attribution (“…,” she said, “…”) is one record whose span runs from
    the first opening mark to the last closing mark; `parts` lists the quoted pieces.
    """

    start: int
    """Offset of the opening quotation mark."""
    end: int
    """Offset just after the closing mark (for a quote left open: its paragraph's end)."""
    speaker_start: int | None
    """The mention the speaker was read from (a name, pronoun or nominal), or None."""
    speaker_end: int | None
    speaker_name: str | None
    """The resolved speaker, full name where the article gives one ("Jane Smith")."""
    cue: str | None
    """The cue ("said", "told", "according to", …), lower case; None without one."""
    parts: tuple[tuple[int, int], ...]
    """(start, end) of each quoted piece, marks included."""
    name_start: int | None = None
    """The name mention (a person's or an organisation's) the speaker was resolved to: for
    "he said", the name "he" stands for. None when the speaker is unnamed or unknown."""
    name_end: int | None = None
    how: str | None = None
    """Which rule chose the speaker ("R-subj", "continue", …): a debugging aid."""
