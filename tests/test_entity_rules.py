"""Behaviour of the entity rules on short invented articles, end to end with the shipped tagger:
names whole, types from evidence and shipped knowledge, linking that respects people, no lone
common word; and properties that hold for any text. No text here is taken from a real article
(the companies and people are invented, except a few well-known organisations the shipped
knowledge lists).
"""

from __future__ import annotations

import re
from itertools import pairwise

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from briefing.analysis.entities import EntityRecord, build_entities
from briefing.analysis.entities.clean import residents_of_a_place
from briefing.analysis.entities.kinds import entity_type, party_members
from briefing.analysis.entities.knowledge import known_entry, known_type
from briefing.analysis.entities.names import person_name, same_person_possible
from briefing.analysis.entities.personnames import sex_of
from briefing.analysis.entities.spans import join_fragments
from briefing.analysis.entities.tokenized import NameMention, TokenizedText
from briefing.analysis.ner import extract, load_model

TYPES = {"person", "organization", "place", "event", "other"}


def entities(text: str) -> list[EntityRecord]:
    return build_entities(text, [(0, len(text))], extract(load_model(), text))


def named(ents: list[EntityRecord], name: str) -> EntityRecord:
    found = [e for e in ents if e.name == name or name in e.aliases]
    assert found, f"{name!r} not among {[(e.name, e.aliases) for e in ents]}"
    return found[0]


def names(ents: list[EntityRecord]) -> set[str]:
    return {e.name for e in ents}


# --- types from evidence ---------------------------------------------------------------------


def test_the_object_of_chief_executive_of_is_an_organisation() -> None:
    text = (
        "Dana Whitfield, chief executive of Quorvex, said on Monday that the deal would "
        "close. Shares of Quorvex rose 4 percent. Whitfield said Quorvex would hire."
    )
    ents = entities(text)
    company = named(ents, "Quorvex")
    assert company.type == "organization"
    assert len(company.mentions) == 3
    boss = named(ents, "Dana Whitfield")
    assert boss.type == "person"
    assert boss.role == "chief executive of Quorvex"
    assert "Whitfield" in boss.aliases


def test_a_name_before_poll_is_a_polling_firm() -> None:
    """ "a new Tarrowby poll": an organisation's name, whatever the tagger reads elsewhere."""
    text = (
        "The race tightened in October. A new Tarrowby poll put the mayor two points ahead, "
        "and Tarrowby found most voters undecided. Tarrowby has polled the city since 2004."
    )
    assert named(entities(text), "Tarrowby").type == "organization"


def test_a_speaker_s_label_in_capitals_is_a_person() -> None:
    """ "DUNMORE: …" opening turns of an interview is who speaks, though all in capitals
    (which otherwise reads as an acronym, an organisation); a label that is a common word
    ("ANNOUNCER:") is still no entity, and a dateline once ("OSLO:") keeps its type."""
    text = (
        "The senator gave a long interview on Sunday. Partial transcript as follows:\n\n"
        '"DUNMORE: Let us start with the budget. Will you vote for it?\n\n'
        '"KESTRELL: I will not, and I have told the leadership so.\n\n'
        '"DUNMORE: Why not?\n\n'
        '"KESTRELL: Because it cuts the schools.\n\n'
        '"ANNOUNCER: We have to leave it there.\n\n'
        '"ANNOUNCER: Thank you both.\n\n'
        "OSLO: Norway said on Monday that it would meet."
    )
    paragraphs = [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", text)]
    tagged = [(m.start(), m.end(), "ORG") for m in re.finditer("DUNMORE|KESTRELL|ANNOUNCER", text)]
    tagged += [(m.start(), m.end(), "LOC") for m in re.finditer("OSLO|Norway", text)]
    ents = build_entities(text, paragraphs, tagged)
    assert named(ents, "DUNMORE").type == "person"
    assert len(named(ents, "DUNMORE").mentions) == 2
    assert named(ents, "KESTRELL").type == "person"
    assert "ANNOUNCER" not in names(ents)
    assert named(ents, "OSLO").type == "place"


def test_an_interjection_of_speech_is_no_name() -> None:
    """A transcript's "Mmm." or "Ahh," opening a turn is capitalised and tagged, but no one's
    name."""
    text = "Grad A: Mmm. The rota is late.\nGrad B: Ahh, the rota. Hmmm. Kari Olsen has it."
    tagged = [(text.index(w), text.index(w) + len(w), "PER") for w in ("Mmm", "Ahh", "Kari Olsen")]
    tagged.append((text.index("Hmmm"), text.index("Hmmm") + 4, "ORG"))
    found = names(build_entities(text, [(0, len(text))], tagged))
    assert not {"Mmm", "Ahh", "Hmmm"} & found
    assert "Kari Olsen" in found


def test_a_known_polling_firm_is_an_organisation_by_its_short_name() -> None:
    ents = entities("Rasmussen has the race tied, and Morning Consult has the mayor ahead.")
    assert named(ents, "Rasmussen").type == "organization"
    assert named(ents, "Morning Consult").type == "organization"


def test_party_members_as_a_group_are_no_person() -> None:
    """ "Democrats": the plural of a party label names a party's members, not one person."""
    text = (
        "The plan drew the chagrin of fellow Democrats. A softer approach from the mayor is "
        "likely to placate nervous Democrats on Capitol Hill, who have argued for months "
        "that Republicans would win."
    )
    assert named(entities(text), "Democrats").type == "organization"
    assert all(party_members(s) for s in ("Republicans", "Senate Democrats", "Tories"))
    assert not any(party_members(s) for s in ("Bernie Sanders", "Jeff Sessions", "Democrat"))


def test_a_name_after_a_kinship_noun_is_a_person_whatever_the_tagger_read() -> None:
    """ "Okafor's husband, Bill": a person, even where the tagger read "Bill" as an
    organisation both times."""
    text = (
        "Okafor's husband, Bill, spoke in Concord on Sunday. "
        "The state has helped both Bill and Okafor before."
    )
    doc = TokenizedText(text, [])
    bills = [NameMention(m, m + 4, "ORG") for m in (text.index("Bill"), text.rindex("Bill"))]
    assert entity_type(bills, [b.surface(text) for b in bills], doc) == "person"


@pytest.mark.parametrize("clinic_tag", ["PER", "ORG"])
def test_a_hospital_named_after_its_city_does_not_take_in_the_city(clinic_tag: str) -> None:
    """Whether the tagger reads "Cleveland Clinic" as a person's name ("Cleveland" is a first
    name) or an organisation's, it is no person, and the city named alone is neither its
    short name nor a part of a name."""
    text = (
        "Cleveland has changed. The health-care industry, led by the Cleveland Clinic, "
        "has grown. Visitors to Cleveland will see it."
    )
    clinic = text.index("Cleveland Clinic")
    raw = [
        (0, 9, "ORG"),
        (clinic, clinic + len("Cleveland Clinic"), clinic_tag),
        (text.rindex("Cleveland"), text.rindex("Cleveland") + 9, "LOC"),
    ]
    ents = build_entities(text, [(0, len(text))], raw)
    assert named(ents, "Cleveland Clinic").type == "organization"
    assert named(ents, "Cleveland Clinic").aliases == ()
    assert named(ents, "Cleveland").type == "place"


def test_the_people_of_a_place_are_told_from_surnames() -> None:
    assert all(map(residents_of_a_place, ["Clevelanders", "Iowans", "Floridians", "Chicagoans"]))
    assert not any(map(residents_of_a_place, ["Sanders", "Evans", "Williams", "Republicans"]))


def test_a_group_named_against_a_person_is_not_that_person() -> None:
    """ "the Coalition Against Brenner": an organisation, even where the tagger reads
    "Brenner" alone as an organisation's name; Daniel Brenner stays a person of his own."""
    text = (
        "Daniel Brenner will speak on Monday. The Coalition Against Brenner plans to march. "
        "Brenner said the city was ready."
    )
    coalition = text.index("Coalition")
    raw = [
        (0, len("Daniel Brenner"), "PER"),
        (coalition, coalition + len("Coalition Against Brenner"), "ORG"),
        (text.rindex("Brenner"), text.rindex("Brenner") + 7, "ORG"),
    ]
    ents = build_entities(text, [(0, len(text))], raw)
    assert named(ents, "Coalition Against Brenner").type == "organization"
    assert named(ents, "Coalition Against Brenner").aliases == ()
    assert named(ents, "Daniel Brenner").type == "person"


def test_a_publisher_named_press_is_no_person_whatever_the_tagger_read() -> None:
    text = "The book came out from Quorvex Business Review Press in May."
    doc = TokenizedText(text, [])
    start = text.index("Quorvex")
    press = NameMention(start, start + len("Quorvex Business Review Press"), "PER")
    assert entity_type([press], [press.surface(text)], doc) == "organization"


def test_a_name_before_administration_is_a_leader_s_whatever_the_tagger_read() -> None:
    """ "the Okafor administration" (twice) and "Okafor" alone, all read as an organisation:
    a president's or governor's name, a person."""
    text = (
        "I disagree with the Okafor administration. The government, by which I mean the "
        "Okafor administration, had lost. I waited to see if Okafor would appoint him."
    )
    doc = TokenizedText(text, [])
    found = [m.start() for m in re.finditer("Okafor", text)]
    group = [NameMention(a, a + 6, "ORG") for a in found]
    assert entity_type(group, [m.surface(text) for m in group], doc) == "person"


def test_a_person_s_full_name_outweighs_misc_readings_of_the_surname() -> None:
    """ "the Quorvex brothers" read as a miscellaneous name twice, "David Quorvex" once: a
    person named in full is a person."""
    text = (
        "The Quorvex brothers gave money, and the Quorvex brothers gave more. David Quorvex "
        "has become a celebrity."
    )
    doc = TokenizedText(text, [])
    firsts = [m.start() for m in re.finditer("Quorvex brothers", text)]
    group = [NameMention(a, a + 7, "MISC") for a in firsts]
    full = text.index("David Quorvex")
    group.append(NameMention(full, full + len("David Quorvex"), "PER"))
    assert entity_type(group, [m.surface(text) for m in group], doc) == "person"


def test_shipped_knowledge_types_what_the_tagger_never_saw() -> None:
    ents = entities("Reporters on Twitter and Netflix subscribers praised the film in Denver.")
    assert named(ents, "Twitter").type == "organization"
    assert named(ents, "Netflix").type == "organization"
    assert named(ents, "Denver").type == "place"


def test_a_title_makes_a_person_of_a_name_the_tagger_read_as_a_place() -> None:
    text = (
        "President Alvarado spoke in Lima. Alvarado said the plan would work, and "
        "Alvarado's aides agreed. Later, President Alvarado left."
    )
    assert named(entities(text), "Alvarado").type == "person"


def test_knowledge_links_two_names_of_one_thing() -> None:
    text = (
        "Fighters of the Islamic State attacked the town. ISIS had held it before, and ISIL fled."
    )
    group = named(entities(text), "Islamic State")
    assert group.type == "organization"
    assert {"ISIS", "ISIL"} <= set(group.aliases)


def test_an_appositive_says_what_kind_of_thing_a_name_is() -> None:
    text = "The bank hired Valtrix, a consulting firm, to advise it. Valtrix declined to comment."
    assert named(entities(text), "Valtrix").type == "organization"


def test_a_known_name_joined_by_an_ampersand_is_found() -> None:
    text = (
        "AT&T agreed to buy Time Warner. AT&T said the deal would close. Time Warner's chief "
        "executive, Jeff Bewkes, said the companies fit."
    )
    ents = entities(text)
    assert named(ents, "AT&T").type == "organization"
    assert len(named(ents, "AT&T").mentions) == 2
    assert named(ents, "Time Warner").type == "organization"
    assert named(ents, "Jeff Bewkes").role == "Time Warner's chief executive"


def test_a_court_case_is_an_event() -> None:
    ents = entities("The justices cited Brown v. Board of Education in their ruling on Monday.")
    assert named(ents, "Brown v. Board of Education").type == "event"


# --- names whole ---------------------------------------------------------------------------


def test_a_name_with_of_or_on_is_never_split() -> None:
    text = (
        "Analysts at the Council on Foreign Relations and the Bank of America said the "
        "Federation of Tinian Growers was wrong."
    )
    ents = entities(text)
    assert {"Council on Foreign Relations", "Bank of America", "Federation of Tinian Growers"} <= (
        names(ents)
    )
    assert named(ents, "Council on Foreign Relations").type == "organization"
    assert not names(ents) & {"Council", "Council on", "Foreign Relations", "America"}


def test_an_initial_belongs_to_the_name() -> None:
    text = (
        "Janet L. Yellen, the chair of the Federal Reserve, spoke. S. Donald Sussman gave "
        "money. George W. Bush spoke. Yellen said rates would rise."
    )
    ents = entities(text)
    assert {"Janet L. Yellen", "S. Donald Sussman", "George W. Bush"} <= names(ents)
    assert "Yellen" in named(ents, "Janet L. Yellen").aliases
    assert not names(ents) & {"George W.", "L. Yellen", "Donald Sussman"}


def test_fragments_one_space_apart_are_one_name() -> None:
    # as the tagger cuts them: "Great" + "Barrier Reef", "New" + "York Post"
    text = "Divers said the Great Barrier Reef was dying, the New York Post reported."
    great, reef = text.index("Great"), text.index("Barrier")
    new, york = text.index("New"), text.index("York")
    raw = [
        (great, great + 5, "LOC"),
        (reef, reef + len("Barrier Reef"), "LOC"),
        (new, new + 3, "LOC"),
        (york, york + len("York Post"), "ORG"),
    ]
    joined = join_fragments(TokenizedText(text, []), raw)
    assert [text[a:b] for a, b, _ in joined] == ["Great Barrier Reef", "New York Post"]
    assert joined[1][2] == "ORG"


def test_a_title_before_a_name_stays_out_of_it() -> None:
    text = "Canadian Prime Minister Mark Holloway met voters in Ottawa."
    start = text.index("Prime")
    raw = [
        (start, start + len("Prime Minister"), "ORG"),
        (text.index("Mark"), text.index(" met"), "PER"),
    ]
    joined = join_fragments(TokenizedText(text, []), raw)
    assert [text[a:b] for a, b, _ in joined] == ["Prime Minister", "Mark Holloway"]


# --- linking that respects people -----------------------------------------------------------


def test_a_shared_family_name_goes_by_she_and_he() -> None:
    her = (
        "Maria Okafor spoke first. Her brother, Daniel Okafor, spoke later. "
        "Okafor said she was pleased with the vote."
    )
    ents = entities(her)
    assert "Okafor" in named(ents, "Maria Okafor").aliases
    assert "Okafor" not in named(ents, "Daniel Okafor").aliases
    him = her.replace("said she was", "said he was")
    ents = entities(him)
    assert "Okafor" in named(ents, "Daniel Okafor").aliases
    assert "Okafor" not in named(ents, "Maria Okafor").aliases


def test_him_after_a_shared_family_name_is_someone_else_not_its_sex() -> None:
    """ "Okafor, without naming him, accused Brenner … she said": "him" is the man accused,
    "she" is Okafor: the bare name is Hillary Okafor, not her husband named first."""
    text = (
        "Former president Bill Okafor campaigned for his wife in Columbia. Hillary Okafor "
        "spoke in Harlem on Tuesday.\n\n"
        "Speaking in Harlem, Okafor, without naming him, also accused Daniel Brenner of "
        'arriving late to the issue. "You can\'t just show up at election time," she said.'
    )
    ents = entities(text)
    assert "Okafor" in named(ents, "Hillary Okafor").aliases
    assert "Okafor" not in named(ents, "Bill Okafor").aliases


def test_a_bare_family_name_far_from_a_relative_is_the_article_s_own_bearer() -> None:
    text = (
        "Sen. Daniel Okafor endorsed the governor on Friday.\n\n"
        "The governor had mocked his wife, Maria Okafor, in the spring.\n\n"
        "Okafor called the decision difficult but necessary.\n\n"
        "Maria Okafor spoke in Lagos. Okafor thanked the volunteers."
    )
    paragraphs = []
    start = 0
    for part in text.split("\n\n"):
        paragraphs.append((start, start + len(part)))
        start += len(part) + 2
    ents = build_entities(text, paragraphs, extract(load_model(), text))
    him, her = named(ents, "Daniel Okafor"), named(ents, "Maria Okafor")
    called = text.index("Okafor called")
    thanked = text.index("Okafor thanked")
    assert any(m[0] == called for m in him.mentions)  # not the relative named just before
    assert any(m[0] == thanked for m in her.mentions)  # in her paragraph: her


def test_jr_keeps_a_son_apart_from_his_father() -> None:
    text = (
        "Donald Trump Jr. met voters in Ohio. His father, Donald Trump, spoke later. "
        "Trump Jr. said the campaign was strong."
    )
    ents = entities(text)
    son, father = named(ents, "Donald Trump Jr."), named(ents, "Donald Trump")
    assert son is not father
    assert son.type == father.type == "person"
    assert "Trump Jr." in son.aliases
    assert "Trump Jr." not in father.aliases


def test_person_names_keep_the_suffix() -> None:
    assert person_name("Donald Trump Jr.") == ("Donald", "Trump", "Jr.")
    assert not same_person_possible(person_name("Donald Trump"), person_name("Donald Trump Jr."))
    assert same_person_possible(person_name("Trump"), person_name("Donald Trump Jr."))
    assert not same_person_possible(person_name("Trump Jr."), person_name("Donald Trump"))
    assert sex_of("Hillary") == "f"
    assert sex_of("Bill") == "m"


# --- never a lone common word ---------------------------------------------------------------


def test_a_capitalised_common_word_is_not_an_entity() -> None:
    text = (
        "Hacked emails were published on Tuesday. Sorry, the committee said. Troubling, it "
        "added. We've seen this before, a super PAC said at 10 a.m. EST."
    )
    assert not names(entities(text)) & {"Hacked", "Sorry", "Troubling", "We've", "PAC", "EST"}


def test_a_country_named_once_is_listed_though_english_has_its_word() -> None:
    """ "china", "turkey" are English words; "Turkey" named once mid-sentence is the country."""
    ents = entities("Exports fell in Turkey last year, and it ensured Acme could sell to China.")
    assert named(ents, "Turkey").type == "place"
    assert named(ents, "China").type == "place"


def test_a_common_word_in_capitals_for_emphasis_is_not_an_entity() -> None:
    text = "Our correspondent Tom Hale will report LIVE from Kyiv on the talks with NATO."
    spans = extract(load_model(), text)
    # as if the tagger had read the shouted word as a name
    for word in ("LIVE", "NATO"):
        start = text.index(word)
        spans.append((start, start + len(word), "ORG"))
    found = names(build_entities(text, [(0, len(text))], sorted(spans)))
    assert "LIVE" not in found
    assert {"Tom Hale", "Kyiv", "NATO"} <= found  # a name in capitals is kept


def test_the_service_before_a_rank_is_part_of_the_title() -> None:
    text = (
        "The plan failed, said retired Army Lt. Gen. Mark Delaney, who led the mission. "
        "Navy Secretary Ruth Okafor agreed. The Army said on Monday it would review it."
    )
    spans = extract(load_model(), text)
    start = text.index("Army")
    spans.append((start, start + 4, "ORG"))  # as if the tagger had read it as a name
    first = names(build_entities(text, [(0, len(text))], sorted(set(spans))))
    assert {"Mark Delaney", "Ruth Okafor"} <= first
    assert "Navy" not in first
    assert "Army" in first  # "The Army said": named on its own elsewhere
    alone = text[: text.index(" The Army")]
    spans = [*extract(load_model(), alone), (start, start + 4, "ORG")]
    assert "Army" not in names(build_entities(alone, [(0, len(alone))], sorted(set(spans))))


def test_a_party_label_is_not_part_of_a_name() -> None:
    ents = entities("Democrat Lena Marsh won the seat. Marsh thanked voters in Ohio.")
    marsh = named(ents, "Lena Marsh")
    assert marsh.type == "person"
    assert "Democrat Lena Marsh" not in names(ents)


def test_the_knowledge_list_answers_as_documented() -> None:
    assert known_type("the White House") == "organization"
    assert known_type("Fla.") == known_type("Florida") == "place"
    assert known_entry("Fla.") == known_entry("Florida")
    assert known_type("WHO") == "organization"
    assert known_type("who") is None  # a name in capitals is matched only so
    assert known_type("Quorvex") is None


# --- properties for any text ----------------------------------------------------------------

_WORDS = [
    "the", "said", "of", "on", "for", "and", "in", "Mr.", "Ms.", "she", "he", "Jr.", "S.",
    "Council", "Foreign", "Relations", "Bank", "America", "Okafor", "Maria", "Daniel",
    "Quorvex", "chief", "executive", "Twitter", "Ohio", "Great", "Barrier", "Reef", "Hacked",
    "Sorry", ",", ".", "'s", "Democrat", "President", "Alvarado", "New", "York", "Post",
]  # fmt: skip


@given(st.lists(st.lists(st.sampled_from(_WORDS), min_size=1, max_size=14), max_size=6))
@example(sentences=[["the", "Bank", "'s", "Bank", "Jr."]])  # a possessive token of its own
@settings(max_examples=60, deadline=None)
def test_entities_are_well_formed_for_any_text(sentences: list[list[str]]) -> None:
    text = "\n\n".join(" ".join(words) for words in sentences)
    paragraphs = []
    pos = 0
    for p in text.split("\n\n"):
        paragraphs.append((pos, pos + len(p)))
        pos += len(p) + 2
    ents = build_entities(text, paragraphs, extract(load_model(), text))
    spans = sorted((a, b) for e in ents for a, b, _ in e.mentions)
    for e in ents:
        assert e.type in TYPES
        assert e.name
        assert e.name.strip() == e.name
        for a, b, p in e.mentions:
            assert 0 <= a < b <= len(text)
            assert text[a:b].strip() == text[a:b]
            assert paragraphs[p][0] <= a
            assert b <= paragraphs[p][1]
    for (_, b1), (a2, _) in pairwise(spans):
        assert b1 <= a2, "two mentions overlap"
    assert [e.id for e in ents] == [f"e{k}" for k in range(1, len(ents) + 1)]


def test_a_lone_head_noun_takes_the_capitalised_words_before_it() -> None:
    text = "The navy's newly formed Coastal Patrol Readiness Command will open in May."
    head = text.index("Command")
    [(start, end, kind)] = join_fragments(TokenizedText(text, []), [(head, head + 7, "ORG")])
    assert (text[start:end], kind) == ("Coastal Patrol Readiness Command", "ORG")
    # Not across a possessive, nor into a common word that only opens its sentence.
    text = "Military Command said the Navy's Reserve Command would move."
    first, second = 9, text.index("Command", 20)
    raw = [(first, first + 7, "ORG"), (second, second + 7, "ORG")]
    joined = join_fragments(TokenizedText(text, []), raw)
    assert [text[a:b] for a, b, _ in joined] == ["Command", "Reserve Command"]


def test_a_name_of_the_shape_x_of_y_is_nobody_s_without_a_title() -> None:
    text = "The Bloom of Valdoria grows by every road. The Duke of Westmarch opened it."
    doc = TokenizedText(text, [])
    bloom = NameMention(4, 21, "PER")
    duke = NameMention(text.index("Duke"), text.index(" opened"), "PER")
    assert entity_type([bloom], [bloom.surface(text)], doc) is None
    assert entity_type([duke], [duke.surface(text)], doc) == "person"


def test_a_nickname_in_quotation_marks_belongs_to_the_name() -> None:
    """The tagger cuts 'Tomas “Chiquito” Brenner' at the marks; the nickname is part of the
    person's name, and the later surname is the same person."""
    text = "Tomas “Chiquito” Brenner, a farm worker, spoke at the rally. Brenner said pay was low."
    ents = entities(text)
    brenner = named(ents, "Brenner")
    assert brenner.name == "Tomas “Chiquito” Brenner"
    assert brenner.type == "person"
    assert names(ents) == {"Tomas “Chiquito” Brenner"}


def test_a_nickname_needs_a_first_name_before_it() -> None:
    text = "Then “Blue” Harbor won the vote in Oakdale County."
    spans = join_fragments(
        TokenizedText(text, []), [(text.index("Harbor"), text.index(" won"), "ORG")]
    )
    assert [text[a:b] for a, b, _ in spans] == ["Harbor"]


def test_a_place_and_a_plural_noun_is_a_team_not_a_person() -> None:
    """ "North" is also a first name, but "North Carolina Panthers" is a place's team."""
    text = "The North Carolina Panthers won on Sunday, and the Oakdale Herons lost again."
    team = named(entities(text), "North Carolina Panthers")
    assert team.type == "organization"
