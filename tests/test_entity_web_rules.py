"""Behaviour of the typing rules for the wider web (issue 15, session 26) on short invented
texts, end to end with the shipped tagger: a product is no person, a company's name with a
digit or in camel case is a company, a street of an address and a place after "in" are
places, and common words on a title-case heading or list line are no entity. The names are invented,
except a few well-known companies the shipped knowledge lists.
"""

from __future__ import annotations

from collections import Counter

from briefing.analysis.entities import EntityRecord
from briefing.analysis.entities.cues import mention_cues
from briefing.analysis.entities.kinds import brand_product, made_thing
from briefing.analysis.entities.tokenized import NameMention, TokenizedText
from briefing.analysis.ner.labels import LOC, MISC, ORG, PER
from briefing.analysis.people import extract_entities
from briefing.ingest import document_from_text
from briefing.model import EntityType
from tests.articles import entities


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
    assert brand_product(["Google Scholar Alerts"])  # a known product and more words
    assert not brand_product(["Google Scholar Foundation"])  # an organisation's head


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


def cues_of(text: str, name: str) -> Counter[str]:
    """The context votes of the first occurrence of `name` in `text` (as the tagger's PER)."""
    start = text.index(name)
    doc = TokenizedText(text, [(0, len(text))])
    return mention_cues(doc, NameMention(start, start + len(name), PER))


def test_context_votes_of_web_pages() -> None:
    assert cues_of("You can bring home a Corvana Lite for $400.", "Corvana Lite")[MISC] > 0
    assert not cues_of("He was attacked by an American.", "American")[MISC]  # one of a people
    assert cues_of("Tamsin Orrell of data firm Zentrivo said so.", "Zentrivo")[ORG] > 0
    assert cues_of("Farmers of Telmuri village under it sold more.", "Telmuri")[LOC] > 0
    assert not cues_of("She spoke at the Telmuri town hall.", "Telmuri")[LOC]  # a noun follows
    assert not cues_of("Rajshahi, a major hub of farming, grew.", "Rajshahi")[PER]
    assert cues_of("Rajshahi, a major hub of farming, grew.", "Rajshahi")[LOC] > 0
    assert cues_of("Meet Korvadi, a port city.", "Korvadi")[LOC] > 0
    assert not cues_of("Meet Dana Orrell, a district attorney.", "Dana Orrell")[LOC]
    assert not cues_of("It is the Lily of Dorn, the country's flower.", "Lily of Dorn")[LOC]
    assert cues_of("A farmer of Ulpur village described it.", "Ulpur")[LOC] > 0


def test_a_business_unit_is_an_organisation() -> None:
    ents = entities("Marta Ilves leads the Developer Division, which ships the tools.")
    assert type_of(ents, "Developer Division") == EntityType.ORGANIZATION


def test_common_words_on_a_heading_line_only_are_no_entity() -> None:
    text = (
        "Choosing a career\n\nYour Skills and Goals\n\nMarta Ilves has worked as an actuary "
        "for ten years. She said the job suits her."
    )
    ents, _ = extract_entities(document_from_text(text))
    assert [e.name for e in ents] == ["Marta Ilves"]


def test_a_well_known_product_is_other() -> None:
    text = (
        "Notes.\n\nMarta Ilves said she used Google Scholar and PubMed to find the studies. "
        "Ilves said Google Scholar was faster."
    )
    ents, _ = extract_entities(document_from_text(text))
    types = {e.name: e.type for e in ents}
    assert types["Google Scholar"] == EntityType.OTHER
    assert types["PubMed"] == EntityType.OTHER
    assert types["Marta Ilves"] == EntityType.PERSON


def test_a_street_named_with_its_street_word_is_a_place() -> None:
    ents = entities("The cafe on Dorrit Ave. opened in May. Marta Ilves runs it.")
    assert type_of(ents, "Dorrit Ave.") == EntityType.PLACE


def test_title_and_unit_abbreviations_and_qualifiers_are_no_entities() -> None:
    text = (
        "Notes.\n\nMarta Ilves, the CPO of Zentrivo, has a PhD in physics. The AI-native "
        "chip runs at 3 GHz, Ilves said."
    )
    ents, _ = extract_entities(document_from_text(text))
    assert not {"CPO", "PhD", "GHz", "AI-native"} & {e.name for e in ents}
    assert "Marta Ilves" in {e.name for e in ents}


def test_a_ranking_title_and_a_lone_suffix_are_no_entities() -> None:
    text = (
        "The Best Budget Laptops of the Year\n\nWe tested the Best Budget Laptops for a month. "
        "Marta Ilves said the Quorvex Mark II was the fastest, and the II was cheap."
    )
    ents, _ = extract_entities(document_from_text(text))
    names = {e.name for e in ents}
    assert not {"Best Budget Laptops", "II"} & names
    assert "Marta Ilves" in names


def test_a_model_name_is_other_whatever_the_tagger_says() -> None:
    text = "Notes.\n\nShe bought a Dorvan Z6 at the Dorvan Z6 launch in Paris."
    ents, _ = extract_entities(document_from_text(text))
    types = {e.name: e.type for e in ents}
    assert types["Dorvan Z6"] == EntityType.OTHER  # the tagger says an organisation


def test_a_monarch_with_a_numeral_is_no_product() -> None:
    assert made_thing(["Edmund IV"]) is None  # a king's name, not a camera's
    ents = entities("King Edmund IV of Valdoria opened the session. Edmund IV said it was late.")
    assert type_of(ents, "Edmund IV") == EntityType.PERSON


def test_a_name_opening_with_a_superlative_word_stays_unless_a_ranking() -> None:
    text = (
        "Notes.\n\nWe stayed at the Best Harbour hotel in Dorvan. Its cinema showed Top Lantern, "
        "a film, and Marta Ilves said the Best Travel Bags were sold out."
    )
    ents, _ = extract_entities(document_from_text(text))
    names = {e.name for e in ents}
    assert {"Best Harbour", "Top Lantern"} <= names
    assert "Best Travel Bags" not in names


def test_a_sentence_start_common_word_with_an_apposition_or_shares_stays() -> None:
    text = (
        "Notes.\n\nTusk, the chief executive, spoke to investors on Monday. Bolt shares fell "
        "after the call, Marta Ilves said."
    )
    ents, _ = extract_entities(document_from_text(text))
    names = {e.name for e in ents}
    assert {"Tusk", "Bolt"} <= names


def test_a_lone_first_name_that_is_a_common_word_needs_more_than_a_verb() -> None:
    text = (
        "Notes.\n\nHope Ilves joined the team at Zentrivo in May. The talks stalled in June. "
        "Hope is fading for a deal, the union said."
    )
    ents, _ = extract_entities(document_from_text(text))
    person = [e for e in ents if e.name == "Hope Ilves"]
    assert person
    assert len(person[0].mentions) == 1  # not the "Hope is fading" of the last sentence


def test_an_appositive_title_before_a_preposition_votes_person() -> None:
    assert cues_of("Meet Dana Orrell, a senator from Ohio, today.", "Dana Orrell")[PER] > 0
    votes = cues_of("Meet Dana Orrell, a lawyer at the firm, today.", "Dana Orrell")
    assert votes[PER] > 0
    assert not votes[ORG]
