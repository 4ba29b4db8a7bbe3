"""Role words around a person's names, which descriptions ("the Texas senator") are matched
against (`briefing.analysis.quotes.roles`)."""

from __future__ import annotations

from briefing.analysis.ner.labels import PER
from briefing.analysis.quotes.gender import description_gender
from briefing.analysis.quotes.mentions import Mentions
from briefing.analysis.quotes.roles import role_match, role_words


def mentions_of(text: str, *names: str) -> Mentions:
    spans = [(text.index(n), text.index(n) + len(n), PER) for n in names]
    return Mentions(text, spans, lambda _pos: False)


def test_role_words_are_the_title_before_the_parenthesis_and_the_apposition() -> None:
    text = (
        "On Monday former Florida Gov. Jeb Bush met Ana Ruiz (D-Ohio) and Tom Baxter, the "
        "Wisconsin Republican, in Ohio."
    )
    ms = mentions_of(text, "Jeb Bush", "Ana Ruiz", "Tom Baxter")
    by_name = {m.text: role_words(ms, m) for m in ms.ms if m.kind == PER}
    assert by_name["Jeb Bush"] == {"florida", "governor"}
    assert by_name["Ana Ruiz"] == {"d", "ohio"}
    assert by_name["Tom Baxter"] == {"wisconsin", "republican"}


def test_a_verb_before_a_name_ends_its_title() -> None:
    """ "Gov. Ana Ruiz endorsed Tom Baxter": the governor's title is not Baxter's."""
    text = "Gov. Ana Ruiz endorsed Tom Baxter on Monday."
    ms = mentions_of(text, "Ana Ruiz", "Tom Baxter")
    baxter = next(m for m in ms.ms if m.text == "Tom Baxter")
    assert role_words(ms, baxter) == set()


def test_role_match_needs_one_best_holder() -> None:
    text = "Texas Sen. Dana Whitfield and Florida Sen. Mark Ostrowski met. The senator spoke."
    ms = mentions_of(text, "Dana Whitfield", "Mark Ostrowski")
    at = text.index("The senator")
    texas = role_match(ms, at, "the Texas senator")
    assert texas is not None
    assert texas.text == "Dana Whitfield"
    assert role_match(ms, at, "the senator") is None  # both hold it: salience decides
    assert role_match(ms, at, "the Ohio governor") is None


def test_description_gender_reads_the_head_noun() -> None:
    assert description_gender("the businesswoman") == "f"
    assert description_gender("the first lady") == "f"
    assert description_gender("the congressman") == "m"
    assert description_gender("the senator") is None
