"""Entities the text does not back up: names found only in headline-case lines, qualifying
compounds."""

from __future__ import annotations

from briefing.analysis.entities.evidence import headline_case, qualifying_compound
from briefing.analysis.people import extract_entities
from briefing.ingest import document_from_text


def test_title_case_and_capital_lines_are_headlines_and_prose_is_not() -> None:
    lower = frozenset({"reveals", "reporter", "minds"})
    assert headline_case("Most Voters Change Their Minds In The Final Week")
    assert headline_case("ABSTRACT.")
    assert headline_case("Lewinsky Reporter Reveals Secrets", lower)
    assert not headline_case("Lewinsky Reporter Reveals Secrets")  # no evidence either way
    assert not headline_case("The mayor of Velmora spoke on Monday.")
    assert not headline_case("Ana Morales and Teo Brandt")  # a list of names


def test_qualifying_compounds_are_adjectives_but_hyphenated_names_are_not() -> None:
    assert qualifying_compound("Kremlin-financed")
    assert qualifying_compound("Florida-only")
    assert not qualifying_compound("Suk-yeol")
    assert not qualifying_compound("Dodd-Frank")
    assert not qualifying_compound("Ana Kremlin-financed")  # several words: not this rule


def test_names_only_in_a_title_case_headline_are_dropped_and_the_rest_kept() -> None:
    text = "\n\n".join(
        [
            "Velmora Mayor Ana Morales Wins Praise For Harbour Plan In The Final Week",
            "Mayor Ana Morales of Velmora presented the harbour plan on Monday.",
            "Critics on the Kremlin-financed channel said Ana Morales moved too fast.",
        ]
    )
    entities, _ = extract_entities(document_from_text(text))
    names = {e.name for e in entities}
    assert "Ana Morales" in names
    assert "Velmora" in names
    assert not any("Praise" in n or "Harbour Plan" in n for n in names)
    assert "Kremlin-financed" not in names
    assert [e.id for e in entities] == [f"e{n}" for n in range(1, len(entities) + 1)]
    morales = next(e for e in entities if e.name == "Ana Morales")
    assert any(m.paragraph == 0 for m in morales.mentions)  # the headline mention stays


def test_an_adjective_used_only_before_nouns_is_not_an_entity() -> None:
    text = "\n\n".join(
        [
            "The Democratic nominee Ana Morales spoke to Hispanic voters in Velmora on Monday.",
            "Democratic officials said the harbour plan would pass, and Hispanic leaders agreed.",
        ]
    )
    names = {e.name for e in extract_entities(document_from_text(text))[0]}
    assert {"Ana Morales", "Velmora"} <= names
    assert not names & {"Democratic", "Hispanic"}
