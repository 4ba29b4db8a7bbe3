"""Behaviour of the typing rules for the wider web (issue 15, session 26) on short invented
texts, end to end with the shipped tagger: a product is no person, a company's name with a
digit or in camel case is a company, a street of an address and a place after "in" are
places, and a common word on a title-case list line is no entity. The names are invented,
except a few well-known companies the shipped knowledge lists.
"""

from __future__ import annotations

from briefing.analysis.entities import EntityRecord, build_entities
from briefing.analysis.entities.kinds import brand_product, made_thing
from briefing.analysis.ner import extract, load_model
from briefing.model import EntityType


def entities(text: str) -> list[EntityRecord]:
    """The entities of `text`, a blank line between paragraphs."""
    paragraphs = []
    start = 0
    for paragraph in text.split("\n\n"):
        paragraphs.append((start, start + len(paragraph)))
        start += len(paragraph) + 2
    return build_entities(text, paragraphs, extract(load_model(), text))


def type_of(ents: list[EntityRecord], name: str) -> EntityType:
    found = [e for e in ents if e.name == name or name in e.aliases]
    assert found, f"{name!r} not among {[(e.name, e.type) for e in ents]}"
    return found[0].type


def test_a_product_the_tagger_reads_as_a_person_is_other() -> None:
    ents = entities(
        "Staff at Daltrix use the Magic Keyboard to type. Marta Ilves said the Magic "
        "Keyboard was loud."
    )
    assert type_of(ents, "Magic Keyboard") == EntityType.OTHER
    assert type_of(ents, "Marta Ilves") == EntityType.PERSON


def test_shapes_of_products_and_companies() -> None:
    assert made_thing(["Brindle4"]) == EntityType.ORGANIZATION  # a company with a digit
    assert made_thing(["Quorvex H7"]) == EntityType.OTHER  # a model number
    assert made_thing(["Mark II"]) == EntityType.OTHER
    assert made_thing(["LedgerHub"]) == EntityType.ORGANIZATION  # camel case
    assert made_thing(["Azure Boards"]) == EntityType.OTHER
    # people's names keep their type: a surname after a short prefix, a surname last
    # or two names run together; a rare word after a foreign first name
    for name in (
        "McDonald",
        "MacArthur",
        "DeLong",
        "JosepGuardiola",
        "Tamsin Orrell",
        "Jack Black",
    ):
        assert made_thing([name]) is None, name


def test_a_known_company_and_a_product_word_is_a_product() -> None:
    assert brand_product(["Microsoft Ledger"])
    assert not brand_product(["Ford Motor"])  # a business of the company
    assert not brand_product(["Breitbart London"])  # an edition in a place
    assert not brand_product(["Quorvex Ledger"])  # no company the knowledge lists
    assert not brand_product(["Microsoft Ledgerly"])  # a name after it, no product word


def test_a_street_in_an_address_is_a_place() -> None:
    ents = entities("Address: 410 N. Callowen St.\n\nThe space is open every day.")
    assert type_of(ents, "N. Callowen") == EntityType.PLACE


def test_a_foreign_place_after_in_is_a_place() -> None:
    ents = entities(
        "Farmers in Korvadi, a major hub of vegetable growing, sold more this year. "
        "Korvadi grew 4 percent."
    )
    assert type_of(ents, "Korvadi") == EntityType.PLACE
    ents = entities("Farmers of Telmuri village under Osrak Upazila sold more gourds this year.")
    assert type_of(ents, "Osrak Upazila") == EntityType.PLACE


def test_a_common_word_on_a_heading_line_is_no_entity() -> None:
    ents = entities(
        "Grow, Cook, Sell Network Nine\n\nThe show follows Tamsin Orrell as she grows "
        "vegetables. Orrell said it was fun."
    )
    assert "Cook" not in {e.name for e in ents}
    assert type_of(ents, "Tamsin Orrell") == EntityType.PERSON
