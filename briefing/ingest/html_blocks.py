"""Raw HTML inside Markdown, shown as the text it stands for.

CommonMark passes HTML blocks (`<div>…</div>`, `<pre>…</pre>`, comments) and inline tags
(`<b>`, `<br>`) through untouched; a reader shows what a browser would: the text, entities
decoded (`&#35;` is "#"), tags and comments gone, and a `<pre>` block's lines and columns kept
as code. The standard library's HTML parser reads it: it never fails on broken markup.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

_BLOCK_TAGS = frozenset(
    "address article aside blockquote br dd div dl dt figcaption figure footer form h1 h2 h3 "
    "h4 h5 h6 header hr li main nav ol p pre section table tbody td tfoot th thead tr ul".split()
)
"""Tags that end a line of text where they open or close."""
_HIDDEN_TAGS = frozenset({"script", "style", "template", "noscript"})
_PRE = re.compile(r"\s*<pre\b", re.IGNORECASE)
_SPACES = re.compile(r"[ \t\r\f\v]+")


class _TextOf(HTMLParser):
    def __init__(self, keep_spaces: bool) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._hidden = 0
        self._keep_spaces = keep_spaces

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _HIDDEN_TAGS:
            self._hidden += 1
        elif tag == "img":
            alt = dict(attrs).get("alt")
            self.parts.append(f"[image: {alt}]" if alt else "[image]")
        elif tag in _BLOCK_TAGS and not self._keep_spaces:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _HIDDEN_TAGS:
            self._hidden = max(0, self._hidden - 1)
        elif tag in _BLOCK_TAGS and not self._keep_spaces:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self._hidden:
            self.parts.append(data)


def _text(html: str, keep_spaces: bool) -> str:
    parser = _TextOf(keep_spaces)
    parser.feed(html)
    parser.close()
    return "".join(parser.parts)


def html_block_text(html: str) -> tuple[str, bool]:
    """The text of an HTML block and whether it is preformatted (a `<pre>` block: its lines and
    columns kept, to be shown as code). Empty for a comment or markup without text."""
    if _PRE.match(html):
        return _text(html, keep_spaces=True).strip("\n"), True
    lines = (_SPACES.sub(" ", line).strip() for line in _text(html, False).split("\n"))
    return "\n".join(line for line in lines if line), False


def inline_html_text(tag: str) -> str:
    """What an inline tag shows in running text: a line break for `<br>`, an image's alt text,
    nothing for any other tag or a comment."""
    lowered = tag.lower()
    if lowered.startswith("<br"):
        return "\n"
    if lowered.startswith("<img"):
        return _text(tag, keep_spaces=True)
    return ""
