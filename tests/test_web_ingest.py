"""Web pages, URLs, PDFs and standard input: HTML written here, a local server on 127.0.0.1,
PDFs the tests generate. Every failure is one line on stderr and exit code 2."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from briefing.cli import main
from briefing.ingest import fetch as fetch_module
from briefing.ingest import load_document
from briefing.model import ParagraphKind
from tests.pdfs import report, scanned
from tests.web import ARTICLE, closed_port, serve

ROOT = Path(__file__).resolve().parent.parent


def run(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "briefing", *args],
        capture_output=True,
        timeout=60,
        input=stdin,
        stdin=None if stdin is not None else subprocess.DEVNULL,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )


def one_line_error(capsys: pytest.CaptureFixture[str], code: int) -> str:
    assert code == 2
    lines = capsys.readouterr().err.splitlines()
    assert len(lines) == 1, lines
    assert lines[0].startswith("briefing: error: ")
    return lines[0]


# ------------------------------------------------------------------ HTML files
def test_html_file_is_the_article_with_its_structure(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    page.write_text(ARTICLE, encoding="utf-8")
    document = load_document(page)
    meta = document.metadata
    assert meta.title == "Harbour Plans Advance"
    assert meta.byline == "Dana Whitlow"
    assert meta.date == "2024-03-01"
    assert ("site_name", "The Coast Times") in meta.extra
    text = document.text
    for boilerplate in ("cookies", "Home", "Related stories", "Ferry fares", "Copyright"):
        assert boilerplate not in text
    kinds = [p.kind for p in document.paragraphs]
    assert ParagraphKind.HEADING in kinds
    assert ParagraphKind.LIST_ITEM in kinds
    assert ParagraphKind.QUOTE in kinds
    assert ParagraphKind.TABLE in kinds
    assert [title for _, title in document.section_breaks] == ["What it costs"]
    table = next(p for p in document.paragraphs if p.kind is ParagraphKind.TABLE)
    assert text[table.start : table.end] == "Year | Sailings\n2023 | 14\n2024 | 18"
    assert "• Pilings: four million dollars" in text
    assert "<" not in text


def test_html_is_sniffed_whatever_the_name(tmp_path: Path) -> None:
    page = tmp_path / "saved.txt"
    page.write_text(ARTICLE, encoding="utf-8")
    assert load_document(page).source_format == "html"


def test_html_declared_charset_is_read(tmp_path: Path) -> None:
    html = ARTICLE.replace("<head>", '<head><meta charset="windows-1252">').replace(
        "harbour board met", "harbour board met at the Café"
    )
    page = tmp_path / "latin.html"
    page.write_bytes(html.encode("cp1252"))
    assert "Café" in load_document(page).text


def test_html_markup_and_escapes_are_shown_not_run(tmp_path: Path) -> None:
    html = ARTICLE.replace(
        "Its chair, Maria Lopez,", "Its chair [bold]Maria[/bold] \x1b[31mLopez\x1b[0m,"
    ).replace("</article>", "<script>alert('x')</script></article>")
    page = tmp_path / "hostile.html"
    page.write_text(html, encoding="utf-8")
    text = load_document(page).text
    assert "[bold]Maria[/bold]" in text
    assert "\x1b" not in text
    assert "alert" not in text


def test_a_page_without_an_article_is_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    page = tmp_path / "empty.html"
    page.write_text("<html><head><title>x</title></head><body></body></html>", encoding="utf-8")
    line = one_line_error(capsys, main(["analyze", str(page)]))
    assert str(page) in line


# ------------------------------------------------------------------ entities skip code, tables
def test_entities_skip_code_and_tables(tmp_path: Path) -> None:
    from briefing.analysis import analyze

    markdown = (
        "# Tagging\n\nThe tagger was written by Maria Lopez at Acme Corporation in Boston.\n\n"
        "| tag | meaning |\n| --- | --- |\n| NNP | proper noun |\n| DT | determiner |\n\n"
        "```\nresult = None\nNNP DT None IBM\n```\n"
    )
    page = tmp_path / "readme.md"
    page.write_text(markdown, encoding="utf-8")
    names = {e.name for e in analyze(load_document(page)).entities}
    assert "Maria Lopez" in names
    assert not names & {"NNP", "DT", "None", "IBM"}


# ------------------------------------------------------------------ fetching
@pytest.fixture
def routes() -> dict[str, tuple[int, str, bytes]]:
    pdf = report(2)
    return {
        "/article.html": (200, "text/html; charset=utf-8", ARTICLE.encode()),
        "/report.pdf": (200, "application/pdf", pdf),
        "/notes.md": (200, "text/markdown", b"# Notes\n\n## First\n\nSome text here.\n"),
        "/plain": (200, "text/plain", b"A plain paragraph of text.\n\nAnother one here.\n"),
        "/image.png": (200, "image/png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 64),
        "/archive": (200, "application/zip", b"PK\x03\x04" + b"\x00" * 64),
        "/lying.pdf": (200, "application/pdf", b"<html><body>not a pdf</body></html>"),
        "/gone": (410, "text/plain", b"gone"),
        "/broken.pdf": (200, "application/pdf", b"%PDF-1.4\nthis is not a PDF at all\n"),
        "/scan.pdf": (200, "application/pdf", scanned()),
    }


@pytest.fixture
def server(routes: dict[str, tuple[int, str, bytes]]) -> Iterator[str]:
    with serve(routes) as base:
        yield base


def test_url_is_fetched_read_and_kept(server: str, capsys: pytest.CaptureFixture[str]) -> None:
    url = f"{server}/article.html"
    assert main(["analyze", url]) == 0
    reading = json.loads(capsys.readouterr().out)
    meta = reading["metadata"]
    assert meta["source"] == url
    assert meta["title"] == "Harbour Plans Advance"
    assert meta["extra"]["url"] == url
    assert meta["extra"]["site_name"] == "The Coast Times"
    assert "fetched" in meta["extra"]
    kept = Path(os.environ["BRIEFING_DATA_DIR"]) / "pages" / meta["content_hash"]
    assert kept.read_bytes() == ARTICLE.encode()


def test_reopening_a_url_reads_the_kept_copy_unless_refreshed(
    server: str, routes: dict[str, tuple[int, str, bytes]], capsys: pytest.CaptureFixture[str]
) -> None:
    url = f"{server}/changing.html"
    routes["/changing.html"] = (200, "text/html", ARTICLE.encode())
    assert main(["analyze", url, "--format", "text"]) == 0
    capsys.readouterr()
    changed = ARTICLE.replace("Harbour Plans Advance", "Harbour Plans Stall")
    routes["/changing.html"] = (200, "text/html", changed.encode())
    assert main(["analyze", url, "--format", "text"]) == 0
    captured = capsys.readouterr()
    assert captured.out.startswith("Harbour Plans Advance")
    assert "kept" in captured.err
    assert "--refresh" in captured.err
    assert main(["analyze", url, "--format", "text", "--refresh"]) == 0
    assert capsys.readouterr().out.startswith("Harbour Plans Stall")


def test_url_in_every_export(server: str, capsys: pytest.CaptureFixture[str]) -> None:
    url = f"{server}/article.html"
    assert main(["export", url, "-o", "-"]) == 0
    assert f"source: {url}" in capsys.readouterr().out
    assert main(["notes", "add", url, "--quote", "later sailings"]) == 0
    capsys.readouterr()
    assert main(["export", url, "-o", "-", "--format", "json"]) == 0
    items = json.loads(capsys.readouterr().out)["first"]["items"]
    assert items[0]["target"]["source"] == url


def test_notes_on_a_url_anchor_to_the_kept_copy(
    server: str, capsys: pytest.CaptureFixture[str]
) -> None:
    url = f"{server}/article.html"
    assert main(["notes", "add", url, "--quote", "later sailings", "--note", "check"]) == 0
    capsys.readouterr()
    assert main(["notes", url, "--format", "json"]) == 0
    notes = json.loads(capsys.readouterr().out)
    assert "later sailings" in json.dumps(notes)


@pytest.mark.parametrize(
    ("path", "fmt"),
    [("/report.pdf", "pdf"), ("/notes.md", "markdown"), ("/plain", "text")],
)
def test_content_type_and_magic_choose_the_reader(
    server: str, capsys: pytest.CaptureFixture[str], path: str, fmt: str
) -> None:
    assert main(["analyze", server + path]) == 0
    assert json.loads(capsys.readouterr().out)["metadata"]["format"] == fmt


def test_redirects_are_followed(server: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["analyze", f"{server}/chain/4"]) == 0  # 5 redirects
    meta = json.loads(capsys.readouterr().out)["metadata"]
    assert meta["extra"]["url"] == f"{server}/article.html"


@pytest.mark.parametrize(
    ("path", "problem"),
    [
        ("/missing", "the server answered 404 Not Found"),
        ("/gone", "410"),
        ("/chain/5", "redirects more than 5 times"),
        ("/loop-a", "redirects in a loop"),
        ("/image.png", "PNG image"),
        ("/archive", "not a document briefing reads"),
        ("/lying.pdf", "not"),
        ("/broken.pdf", "damaged PDF"),
        ("/scan.pdf", "no text layer"),
        ("/announced-huge", "too large"),
        ("/flood", "too large"),
    ],
)
def test_fetch_failures_are_one_line(
    server: str, capsys: pytest.CaptureFixture[str], path: str, problem: str
) -> None:
    line = one_line_error(capsys, main(["analyze", server + path]))
    assert problem in line
    assert server in line


def test_refused_connection_is_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    line = one_line_error(capsys, main(["analyze", f"http://127.0.0.1:{closed_port()}/x"]))
    assert "refused" in line


def test_dns_failure_is_one_line(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_such_host(*args: object, **kwargs: object) -> object:
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")

    monkeypatch.setattr(socket, "getaddrinfo", no_such_host)  # no lookup leaves the machine
    line = one_line_error(capsys, main(["analyze", "http://no-such-host.invalid/page"]))
    assert "DNS" in line


def test_tls_failure_is_one_line(server: str, capsys: pytest.CaptureFixture[str]) -> None:
    line = one_line_error(capsys, main(["analyze", server.replace("http:", "https:") + "/x"]))
    assert "TLS" in line


def test_silent_server_is_given_up_on(
    server: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(fetch_module, "READ_TIMEOUT", 0.5)
    start = time.monotonic()
    line = one_line_error(capsys, main(["analyze", f"{server}/silent"]))
    assert time.monotonic() - start < 2.5
    assert "silent" in line


def test_slow_server_meets_the_total_timeout(
    server: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(fetch_module, "TOTAL_TIMEOUT", 0.8)
    start = time.monotonic()
    line = one_line_error(capsys, main(["analyze", f"{server}/drip"]))
    assert time.monotonic() - start < 3
    assert "took longer than" in line


def test_defaults_give_a_silent_server_up_within_30_seconds() -> None:
    assert fetch_module.CONNECT_TIMEOUT + fetch_module.READ_TIMEOUT <= 30
    assert fetch_module.TOTAL_TIMEOUT <= 30
    assert fetch_module.MAX_REDIRECTS == 5


def test_url_error_from_a_real_process(server: str) -> None:
    result = run("analyze", f"{server}/missing")
    assert result.returncode == 2
    assert result.stderr.decode().splitlines() == [
        f"briefing: error: {server}/missing: the server answered 404 Not Found"
    ]


# ------------------------------------------------------------------ PDF
def test_pdf_two_columns_headers_and_hyphens(tmp_path: Path) -> None:
    path = tmp_path / "report.pdf"
    path.write_bytes(report(3))
    document = load_document(path)
    text = document.text
    assert document.metadata.title == "Alliance Burden Sharing Report"
    assert "Annual Security Review" not in text  # the running header
    assert "\n\n1\n\n" not in text  # page numbers
    assert not text.endswith("3")
    assert "cont-" not in text  # hyphenation mended
    assert "contested" in text
    titles = [title for _, title in document.section_breaks]
    assert titles[:4] == [
        "Section 1.1 Findings",
        "Section 1.2 Findings",
        "Section 2.1 Findings",
        "Section 2.2 Findings",
    ]  # column by column, though written line by line across both
    first = document.paragraphs[1]
    assert text[first.start : first.end].startswith("The considered across public committee")
    assert text[first.start : first.end].endswith(".")


def test_pdf_fifty_pages_within_two_seconds(tmp_path: Path) -> None:
    path = tmp_path / "long.pdf"
    path.write_bytes(report(50))
    start = time.perf_counter()
    document = load_document(path)
    elapsed = time.perf_counter() - start
    assert len(document.section_breaks) == 100
    assert elapsed < 2.0, elapsed


def test_pdf_is_sniffed_by_its_magic(tmp_path: Path) -> None:
    path = tmp_path / "report.txt"
    path.write_bytes(report(1))
    assert load_document(path).source_format == "pdf"


@pytest.mark.parametrize(
    ("data", "problem"),
    [
        (b"%PDF-1.7\n%broken beyond repair\n", "is a damaged PDF that cannot be read"),
        (b"just some text, not a PDF", "is not a PDF"),
    ],
)
def test_broken_pdf_is_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], data: bytes, problem: str
) -> None:
    path = tmp_path / "bad.pdf"
    path.write_bytes(data)
    line = one_line_error(capsys, main(["analyze", str(path)]))
    assert problem in line
    assert str(path) in line


def test_pdf_without_text_is_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "scan.pdf"
    path.write_bytes(scanned())
    line = one_line_error(capsys, main(["analyze", str(path)]))
    assert "no text layer" in line


# ------------------------------------------------------------------ standard input
@pytest.mark.parametrize(
    ("data", "fmt"),
    [
        (b"A plain paragraph of text here.\n\nAnother paragraph.\n", "text"),
        (b"# A Title\n\n## First\n\nSome text.\n", "markdown"),
        (ARTICLE.encode(), "html"),
    ],
)
def test_stdin_is_sniffed(data: bytes, fmt: str) -> None:
    result = run("analyze", "-", stdin=data)
    assert result.returncode == 0, result.stderr
    reading = json.loads(result.stdout)
    assert reading["metadata"]["format"] == fmt
    assert reading["metadata"]["source"] is None


def test_stdin_pdf_and_errors() -> None:
    assert json.loads(run("analyze", "-", stdin=report(1)).stdout)["metadata"]["format"] == "pdf"
    for data, problem in ((b"", "is empty"), (b"\x00\x01binary", "binary")):
        result = run("analyze", "-", stdin=data)
        assert result.returncode == 2
        lines = result.stderr.decode().splitlines()
        assert len(lines) == 1
        assert "standard input" in lines[0]
        assert problem in lines[0]


def test_stdin_cap(monkeypatch: pytest.MonkeyPatch) -> None:
    import io

    from briefing.errors import SourceError
    from briefing.opening import read_stdin

    with pytest.raises(SourceError, match="too large"):
        read_stdin(io.BytesIO(b"x" * 2000), limit=1000)
    assert read_stdin(io.BytesIO(b"x" * 1000), limit=1000) == b"x" * 1000


# ------------------------------------------------------------------ titles
def test_a_headline_ending_in_a_semicolon_is_a_headline() -> None:
    from briefing.ingest import document_from_text

    document = document_from_text(
        "Mayor Vows to Fight Budget Cuts;\n\nThe mayor said on Tuesday that he would fight "
        "the proposed cuts to the city budget with every tool he has.\n",
        source_path="archive.txt",
    )
    assert document.metadata.title == "Mayor Vows to Fight Budget Cuts"


def test_a_document_without_a_headline_is_titled_from_its_content() -> None:
    from briefing.analysis import analyze
    from tests.conftest import SEED

    document = load_document(SEED)
    assert document.metadata.title is None
    assert "us-japan" not in document.display_title
    assert document.display_title.startswith("Seoul, South Korea — With authoritarian states")
    reading = analyze(document)
    assert reading.title == f"Seoul, South Korea — {reading.sections[0].title}"
