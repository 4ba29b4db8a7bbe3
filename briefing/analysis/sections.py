"""Sections: the source's own headings where it has them; otherwise the whole body as one."""

from __future__ import annotations

from briefing.model import Document, Section, TitleSource

LEAD_TITLE = "Introduction"


def structural_sections(document: Document) -> tuple[Section, ...]:
    """One section per declared heading, plus a lead section for text before the first one."""
    last = len(document.paragraphs) - 1
    if last < 0:
        return ()
    breaks = [(i, title) for i, title in document.section_breaks if 0 <= i <= last]
    if not breaks:
        return (Section(0, document.display_title, 0, last, TitleSource.AUTO),)
    starts: list[tuple[int, str, TitleSource]] = []
    if breaks[0][0] > 0:
        starts.append((0, LEAD_TITLE, TitleSource.AUTO))
    starts.extend((i, title, TitleSource.HEADING) for i, title in breaks)
    sections = []
    for n, (start, title, source) in enumerate(starts):
        end = starts[n + 1][0] - 1 if n + 1 < len(starts) else last
        sections.append(Section(n, title, start, end, source))
    return tuple(sections)
