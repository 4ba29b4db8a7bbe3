"""PDFs written by the tests themselves (fpdf2): reports with running headers, page numbers,
headings in a larger font, words hyphenated across lines, and two columns written line by line
across both (so the page's own order of text is not the reading order)."""

from __future__ import annotations

import textwrap

WORDS = (
    "the committee reviewed regional security arrangements and considered how allied "
    "governments coordinate maritime patrols across contested waters while budgets tighten "
    "and public opinion shifts toward domestic priorities"
).split()


def _paragraph(seed: int, length: int) -> str:
    words = [WORDS[(seed + i * 7) % len(WORDS)] for i in range(length)]
    return " ".join(words).capitalize() + "."


def report(pages: int = 3, columns: int = 2) -> bytes:
    """A report: title on page 1, a heading and three paragraphs per column."""
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    pdf.set_auto_page_break(False)
    seed = 0
    for page in range(1, pages + 1):
        pdf.add_page()
        pdf.set_font("Helvetica", size=8)
        pdf.text(15, 12, "Annual Security Review 2024")
        top = 25.0
        if page == 1:
            pdf.set_font("Helvetica", "B", 20)
            pdf.text(15, top, "Alliance Burden Sharing Report")
            top += 12
        width = 52 if columns == 2 else 100
        cols: list[list[tuple[str, str]]] = []
        for column in range(1, columns + 1):
            lines: list[tuple[str, str]] = [("h", f"Section {page}.{column} Findings")]
            for k in range(3):
                wrapped = textwrap.wrap(_paragraph(seed, 40 + 5 * k), width)
                seed += 3
                first = wrapped[0].rsplit(" ", 1)
                if len(wrapped) > 1 and len(first) == 2 and len(first[1]) > 6:
                    word = first[1]  # hyphenated across the line break
                    wrapped[0] = f"{first[0]} {word[:4]}-"
                    wrapped[1] = f"{word[4:]} {wrapped[1]}"
                lines += [("p", line) for line in wrapped] + [("gap", "")]
            cols.append(lines)
        ys = [top] * columns
        for i in range(max(map(len, cols))):
            for c in range(columns):  # line by line across the columns
                if i >= len(cols[c]):
                    continue
                kind, text = cols[c][i]
                if kind == "h":
                    pdf.set_font("Helvetica", "B", 14)
                    ys[c] += 7
                elif kind == "p":
                    pdf.set_font("Helvetica", size=10)
                    ys[c] += 5
                else:
                    ys[c] += 3
                    continue
                pdf.text(15 + 95 * c, ys[c], text)
        pdf.set_font("Helvetica", size=8)
        pdf.text(103, 290, str(page))
    return bytes(pdf.output())


def scanned() -> bytes:
    """A PDF with pages but no text layer (what a scan without OCR looks like)."""
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    for _ in range(2):
        pdf.add_page()
        pdf.rect(20, 20, 150, 200, style="F")
    return bytes(pdf.output())
