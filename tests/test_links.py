"""Which links `o` finds and which addresses it may hand to the browser."""

from __future__ import annotations

from briefing.app.reader.links import links_between, openable, refusal
from briefing.model import InlineStyle, StyleKind


def test_only_web_and_mail_addresses_are_opened() -> None:
    assert openable("https://example.org/a?b=c")
    assert openable("HTTP://example.org")
    assert openable("mailto:desk@example.org")
    for url in (
        "javascript:alert(1)",
        "JavaScript:alert(1)",
        "file:///etc/passwd",
        "data:text/html,<b>x</b>",
        "https://",
        "mailto:",
        "/relative/page",
        "example.org",
        "http://[::1",
        "",
    ):
        assert not openable(url), url
    assert refusal("javascript:alert(1)").startswith("Not opened: a javascript: address")
    assert refusal("/relative").startswith("Not opened: not a web address")


def test_links_between_finds_links_overlapping_a_range_in_text_order() -> None:
    styles = [
        InlineStyle(30, 40, StyleKind.LINK, "https://b.example"),
        InlineStyle(0, 5, StyleKind.EMPHASIS),
        InlineStyle(10, 20, StyleKind.LINK, "https://a.example"),
        InlineStyle(50, 55, StyleKind.LINK, None),  # a link without an address
    ]
    assert [s.target for s in links_between(styles, 0, 100)] == [
        "https://a.example",
        "https://b.example",
    ]
    assert [s.target for s in links_between(styles, 15, 15)] == ["https://a.example"]
    assert links_between(styles, 20, 30) == []
    assert links_between(styles, 50, 55) == []
