"""Quote speakers through the whole analysis: each speaker is an entity of the reading or none.

`test_quotes.py` checks the quote finder's rules with names given by hand; here the package's
own tagger and entity builder run, as the reader runs them, on short made-up articles, and
Hypothesis checks the contract on text built from quotation marks of every style, names,
pronouns and cue words.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from briefing.analysis import analyze
from briefing.analysis.quotes import find_quotes
from briefing.ingest import document_from_text
from briefing.model import EntityType, Reading


def read(text: str) -> Reading:
    return analyze(document_from_text(text))


def quotes_by_snippet(reading: Reading) -> dict[str, str | None]:
    """The first words of each quote (without its marks) -> the speaker entity's name."""
    text = reading.document.text
    names = {e.id: e.name for e in reading.entities}
    out: dict[str, str | None] = {}
    for q in reading.quotes:
        inner = text[q.start : q.end].strip("“”\"' ,.")
        out[" ".join(inner.split()[:4])] = names.get(q.speaker) if q.speaker else None
    return out


def test_she_said_after_a_man_and_a_woman_is_the_woman() -> None:
    reading = read(
        "Council Votes on Harbor Plan\n\n"
        "Daniel Okafor, the council's budget chief, and Maria Lindqvist, who chairs the harbor "
        "board, met reporters after the vote on Tuesday.\n\n"
        "Okafor said the plan would cost $40 million over five years.\n\n"
        "“We waited a decade for this and the harbor cannot wait any longer,” she said.\n"
    )
    assert quotes_by_snippet(reading) == {"We waited a decade": "Maria Lindqvist"}


def test_a_full_name_in_the_headline_gives_the_bare_surname_its_first_name_and_sex() -> None:
    """The body says only "Curtis" (a man's first name, so a man's name on its own); the
    headline says "Maria Curtis": "she said" is hers, and the sidebar names her in full, with
    every mention still in the body."""
    reading = read(
        "Maria Curtis Takes On Tomas Brenner Over Harbor Plan\n\n"
        "Brenner said the harbor plan would cost $40 million. Curtis said the plan was years "
        "late.\n\n"
        "On the pier on Tuesday, Curtis pressed Brenner on the cost.\n\n"
        "“We waited a decade for this and the harbor cannot wait any longer,” she said.\n"
    )
    assert reading.document.metadata.title is not None
    assert quotes_by_snippet(reading) == {"We waited a decade": "Maria Curtis"}
    curtis = next(e for e in reading.entities if e.name == "Maria Curtis")
    assert curtis.type == EntityType.PERSON
    assert "Curtis" in curtis.aliases
    text = reading.document.text
    assert [text[m.start : m.end] for m in curtis.mentions] == ["Curtis", "Curtis"]


def test_a_headline_name_word_the_body_writes_in_lower_case_names_nobody() -> None:
    """ "Will Curtis Win?": "will" is a word of the body, not Curtis's first name."""
    reading = read(
        "Will Curtis Win the Harbor Vote?\n\n"
        "Curtis said the council will vote on the harbor plan on Tuesday.\n"
    )
    assert "Curtis" in {e.name for e in reading.entities}


def test_he_said_is_the_man_introduced_after_an_opening_clause() -> None:
    """A name in an opening "While …," clause is not the sentence's subject: "he" goes to the
    man the main clause introduces."""
    reading = read(
        "Ferry Service Cut\n\n"
        "While Tomas Brenner ran the ferry line for two decades, the service has shrunk "
        "every year since, which worries Arjun Mehta, head of the island's residents group.\n\n"
        "“People here cannot get to the hospital on time any more,” he said.\n"
    )
    assert quotes_by_snippet(reading) == {"People here cannot get": "Arjun Mehta"}


def test_he_said_keeps_the_opening_clause_name_when_no_one_else_fits() -> None:
    reading = read(
        "Ferry Service Cut\n\n"
        "While Tomas Brenner ran the ferry line for two decades, the service has shrunk "
        "every year since.\n\n"
        "“People here cannot get to the hospital on time any more,” he said.\n"
    )
    assert quotes_by_snippet(reading) == {"People here cannot get": "Tomas Brenner"}


def test_a_paragraph_ending_in_a_colon_introduces_its_subject_whatever_the_verb() -> None:
    """ "X reports:" or "X made the following comment:" names the speaker of the quote that
    opens the next paragraph, even after someone else was quoted."""
    reading = read(
        "Harbor Fees\n\n"
        "“We cannot pay twice for the same berth,” said Daniel Okafor, who runs a ferry line.\n\n"
        "The Coastal Ledger reports:\n\n"
        "“Fees at the harbor have doubled since the new board took over in the spring.”\n\n"
        "On Monday, Maria Lindqvist made the following comment:\n\n"
        "“The board will publish every fee and every contract before the next vote.”\n"
    )
    speakers = quotes_by_snippet(reading)
    assert speakers["Fees at the harbor"] == "Coastal Ledger"
    assert speakers["The board will publish"] == "Maria Lindqvist"


def test_a_name_after_when_is_not_the_speaker_of_the_quote_before_it() -> None:
    reading = read(
        "Harbor Plan\n\n"
        "The council met on Tuesday.\n\n"
        "The ad ends with footage of Daniel Okafor saying at a hearing last week, “That makes "
        "the harbor ours again,” when Lindqvist blasted him over the cost.\n"
    )
    assert quotes_by_snippet(reading) == {"That makes the harbor": "Daniel Okafor"}


def test_a_quote_closed_by_a_full_stop_keeps_its_own_sentence_subject() -> None:
    """The next sentence, with its own quotation and cue, does not lend its speaker back."""
    reading = read(
        "Harbor Plan\n\n"
        "Maria Lindqvist called the plan a “giveaway to the ferry companies and nobody else.” "
        "The Harbor Board insisted that critics “read the whole contract before they judge "
        "it.”\n"
    )
    assert quotes_by_snippet(reading) == {
        "giveaway to the ferry": "Maria Lindqvist",
        "read the whole contract": "Harbor Board",
    }


def test_a_scare_quote_earlier_in_the_sentence_does_not_hide_its_subject() -> None:
    """The left-hand cue looks past a short name in quotation marks inside the sentence, and
    "… sponsored by X and said" is said by the sentence's subject, not by X."""
    reading = read(
        "Harbor Forum\n\n"
        "Okafor and Lindqvist met voters on Wednesday.\n\n"
        "Lindqvist, the former harbor master, stressed her record during a “Harbor Town Hall” "
        "sponsored by Coastal Radio and said she has what the job needs: “Patience, and a "
        "budget that adds up every single year.”\n"
    )
    assert quotes_by_snippet(reading) == {"Patience, and a budget": "Lindqvist"}


def test_he_said_goes_to_the_man_introduced_after_of_not_to_a_womans_first_name() -> None:
    """No subject of the sentence fits "he" (a woman, and her first name alone in "a rubber
    Maria mask"): the man introduced with a description after "courtesy of" does."""
    reading = read(
        "Harbor Party\n\n"
        "Maria Lindqvist was not at the harbor party on Thursday.\n\n"
        "Lindqvist made an appearance of sorts, courtesy of Tomas Brenner, a ferry captain "
        "who dressed up in a harbor master's coat and a rubber Maria mask.\n\n"
        "“I thought it would be funny to bring the harbor master along in spirit,” he said.\n"
    )
    assert quotes_by_snippet(reading) == {"I thought it would": "Tomas Brenner"}


def test_the_company_said_is_the_company() -> None:
    reading = read(
        "Heater Recall Widens\n\n"
        "Lumora Systems recalled 4,000 space heaters on Friday after customers in three states "
        "reported small fires.\n\n"
        "Regulators had asked for the recall in March.\n\n"
        "“We are contacting every customer who bought one of these heaters,” the company said.\n"
    )
    speakers = quotes_by_snippet(reading)
    assert speakers == {"We are contacting every": "Lumora Systems"}
    (quote,) = reading.quotes
    entity = next(e for e in reading.entities if e.id == quote.speaker)
    assert entity.type is EntityType.ORGANIZATION
    assert quote.speaker_name == entity.name


def test_the_company_is_the_only_organisation_named_just_before_and_a_domain_is_a_name() -> None:
    """ "on the website Tradeloft.com … the company wrote": no organisation opens a sentence,
    but only one was named, in the paragraph before: the company is that one, named with its
    domain."""
    reading = read(
        "Listing Pulled\n\n"
        "The rifle went up for sale on Tuesday. A statement posted on the website "
        "Tradeloft.com said listings are written by users, and that the company could refuse "
        "any of them.\n\n"
        '"We never spoke to the seller before or after the listing went up," the company wrote '
        "in its statement.\n"
    )
    assert quotes_by_snippet(reading) == {"We never spoke to": "Tradeloft.com"}


def test_the_newspaper_is_not_an_organisation_after_a_preposition() -> None:
    """ "its impact on the Electoral College … the newspaper admitted": the only organisation
    named before is the object of "on", not the newspaper."""
    reading = read(
        "Flood Aid\n\n"
        "The editorial urged the senator to decide on a basis other than its impact on the "
        "Electoral College.\n\n"
        "“The state has few electoral votes and is unlikely to change sides,” the newspaper "
        "admitted.\n"
    )
    assert quotes_by_snippet(reading) == {"The state has few": None}


def test_she_said_after_a_daughter_with_the_speaker_s_surname_is_the_daughter() -> None:
    """The previous speaker is Daniel Okafor; his daughter Maria Okafor is named since: she
    shares his surname but is another person, and "she" is hers."""
    reading = read(
        "Convention Night\n\n"
        'Daniel Okafor accepted the nomination on Thursday. "I am not sure I really deserve '
        'it," Okafor said.\n\n'
        "At center stage was Okafor's eldest daughter, Maria Okafor, who spoke about her "
        'father\'s drive. "I have seen him fight for his family," she said.\n'
    )
    assert quotes_by_snippet(reading) == {
        "I am not sure": "Daniel Okafor",
        "I have seen him": "Maria Okafor",
    }


def test_she_wrote_after_a_sentence_ending_with_a_woman_s_name_after_a_preposition() -> None:
    """ "… according to a post from Arianna Vance." names the source of the next quote, though
    after a preposition: "she" is Vance, not a woman named as a subject paragraphs before."""
    reading = read(
        "Coverage Shift\n\n"
        "Maria Lindqvist said on Monday that the paper would cover the campaign.\n\n"
        "The site will now treat the campaign as news. That coverage will come with a strong "
        "bias, however, according to a post from Arianna Vance.\n\n"
        "“We will cover the ways this campaign is unique, and its impact on the race,” she "
        "wrote.\n"
    )
    assert quotes_by_snippet(reading) == {"We will cover the": "Arianna Vance"}


def test_who_before_the_verb_of_saying_is_the_name_before_it_not_the_sentence_subject() -> None:
    reading = read(
        "Endorsements\n\n"
        "On Thursday, Daniel Brenner scored his first endorsement from a council colleague, "
        "from Maria Lindqvist, who declared in the spin room, “I am sending the signal that it "
        "is time to unite.” Brenner was also endorsed by a former rival.\n"
    )
    assert quotes_by_snippet(reading) == {"I am sending the": "Maria Lindqvist"}


def test_a_place_s_people_are_no_person_and_no_speaker() -> None:
    """ "Clevelanders": the people of a place, as a nationality is, not an entity; the quote
    is the one "said" names."""
    reading = read(
        "Convention City\n\n"
        'The convention comes to town in July. Couple global exposure with a "candidate who '
        'is a lightning rod" and Clevelanders get nervous, said Maria Lindqvist, director of '
        "the civil liberties union in Ohio.\n"
    )
    assert "Clevelanders" not in {e.name for e in reading.entities}
    assert quotes_by_snippet(reading) == {"candidate who is a": "Maria Lindqvist"}


def test_doubled_apostrophe_quotes_are_found_and_attributed() -> None:
    reading = read(
        "Bank Left Debt\n\n"
        "Maria Lindqvist runs the island's development bank.\n\n"
        "''Guarantees are good when you have a good venture,'' Ms. Lindqvist said.\n"
    )
    assert quotes_by_snippet(reading) == {"Guarantees are good when": "Maria Lindqvist"}


def test_a_book_title_in_quotation_marks_is_no_quote() -> None:
    reading = read(
        "A Novelist Looks Back\n\n"
        "Maria Lindqvist's new novel, “A Season on the Water,” follows a family of fishermen "
        "through three winters.\n"
    )
    assert reading.quotes == ()


@pytest.mark.parametrize(
    "title", ["Del.", "Supt.", "Amb.", "Atty.", "Insp.", "Det.", "Sec.", "Sgt."]
)
def test_a_title_abbreviation_after_said_leaves_the_name_as_speaker(title: str) -> None:
    """ "said Del. Jane Ruiz": the abbreviation's full stop ends no sentence and the
    abbreviation is no name, so the speaker is the name after it."""
    reading = read(
        "Vote on the Islands\n\n"
        "The measure passed on Tuesday after a long debate.\n\n"
        f"“We have waited long enough for a voice,” said {title} Stacey Okonkwo, who spoke "
        "first.\n"
    )
    assert quotes_by_snippet(reading) == {"We have waited long": "Stacey Okonkwo"}
    assert [e.name for e in reading.entities] == ["Stacey Okonkwo"]


def test_a_person_asking_in_footage_speaks_the_question() -> None:
    reading = read(
        "The New Ad\n\n"
        "The ad, released on Monday, opens with footage of Maria Lindqvist asking, “Why "
        "aren't we fifty points ahead?” It then shows a crowd.\n"
    )
    assert quotes_by_snippet(reading) == {"Why aren't we fifty": "Maria Lindqvist"}


def test_what_someone_calls_a_phrase_is_a_scare_quote() -> None:
    """ "calls" is no cue word: "what she calls “a rigged system”" names a phrase, not speech."""
    reading = read(
        "Campaign Notes\n\n"
        "Maria Lindqvist spoke on Monday. The senator criticized what she calls “a rigged "
        "system” and left early.\n"
    )
    assert reading.quotes == ()


def test_she_is_not_a_name_in_an_opening_participle_clause() -> None:
    """ "Making her way around Chez Lumiere, Lindqvist …": the restaurant after "around", in
    a clause before the subject, is not who "she" is."""
    reading = read(
        "Last Day of the Campaign\n\n"
        "Maria Lindqvist told diners at a breakfast spot that she needed their votes.\n\n"
        "Making her way around Chez Lumiere, Lindqvist and her husband thanked a diner for "
        "wearing a button. She says, “With your help, we can win this.”\n"
    )
    assert quotes_by_snippet(reading) == {"With your help, we": "Maria Lindqvist"}


def test_a_he_inside_the_quote_does_not_make_a_shared_family_name_the_husband() -> None:
    """The family name goes to the person of the sex the text gives, and the text gives it
    outside quotation marks: the "he" in the speaker's own words is someone else."""
    reading = read(
        "Candidate Looks Back\n\n"
        "Maria Lindqvist spoke to the hosts of a morning show on Friday.\n\n"
        "Lindqvist and her husband, former governor Daniel Lindqvist, knew the developer for "
        "years.\n\n"
        "“I thought I knew him,” Lindqvist said. “Some of the things he has said were cruel.”\n"
    )
    assert quotes_by_snippet(reading) == {
        "I thought I knew": "Maria Lindqvist",
        "Some of the things": "Maria Lindqvist",
    }


def test_a_newspaper_that_reports_that_is_the_source_of_the_quote() -> None:
    reading = read(
        "Candidate Skipped Hospital\n\n"
        "The Associated Press reports that Maria Lindqvist’s team avoided the hospital in order "
        "to “keep the details of her treatment under wraps.”\n"
    )
    assert quotes_by_snippet(reading) == {"keep the details of": "Associated Press"}


def test_a_quote_in_an_opening_clause_is_the_main_subject_s() -> None:
    """ "After saying …“…,” she was taken …": the opening clause names no one; the subject
    right after the quote said it."""
    reading = read(
        "Old Injury\n\n"
        "Maria Lindqvist wrote about the injury in her memoir.\n\n"
        "After saying her knee was “so swollen I could barely walk,” she was taken to the "
        "hospital for tests.\n"
    )
    assert quotes_by_snippet(reading) == {"so swollen I could": "Maria Lindqvist"}


# --- the contract, under generated text ------------------------------------------------------

PIECES = [
    "“",
    "”",
    '"',
    "''",
    "‘",
    "’",
    "«",
    "»",
    "„",
    "\n\n",
    "\n",
    ", ",
    ". ",
    ": ",
    " — ",
    "said",
    "told reporters",
    "she said",
    "he added",
    "they said",
    "the company said",
    "a spokesman for",
    "according to",
    "Ms. Lindqvist",
    "Mr. Okafor",
    "Daniel Okafor",
    "Maria Lindqvist",
    "Lumora Systems",
    "the bank",
    "It",
    "who",
    "We will appeal the ruling",
    "A Season on the Water",
    "the harbor cannot wait",
    "x",
    "",
]


@st.composite
def articles(draw: st.DrawFn) -> str:
    pieces = draw(st.lists(st.sampled_from(PIECES), min_size=1, max_size=60))
    return " ".join(pieces)


def check_reading(reading: Reading) -> None:
    text = reading.document.text
    ids = {e.id: e for e in reading.entities}
    for q in reading.quotes:
        assert 0 <= q.start < q.end <= len(text)
        if q.speaker is not None:
            assert q.speaker in ids
            assert q.speaker_name == ids[q.speaker].name
    starts = [q.start for q in reading.quotes]
    assert starts == sorted(starts)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(articles())
def test_every_quote_is_in_the_text_and_every_speaker_an_entity(text: str) -> None:
    check_reading(read(text))


@settings(max_examples=300, deadline=None)
@given(articles(), st.data())
def test_quote_records_stay_inside_the_text(text: str, data: st.DataObject) -> None:
    # The quote finder alone, with arbitrary (even overlapping) name spans.
    n = len(text)
    paragraphs = []
    start = 0
    for cut in [*sorted(set(data.draw(st.lists(st.integers(0, n), max_size=4)))), n]:
        if cut > start:
            paragraphs.append((start, cut))
            start = cut
    spans = data.draw(
        st.lists(
            st.tuples(st.integers(0, n), st.integers(0, n), st.sampled_from(["PER", "ORG"])),
            max_size=6,
        )
    )
    names = sorted((a, b, k) for a, b, k in spans if a < b)
    for q in find_quotes(text, paragraphs, names):
        assert 0 <= q.start < q.end <= n
        assert all(q.start <= a < b <= q.end for a, b in q.parts)
        if q.name_start is not None:
            assert q.name_end is not None
            assert 0 <= q.name_start < q.name_end <= n


def test_a_name_after_a_preposition_in_an_opening_phrase_is_not_the_subject() -> None:
    """ "Introduced … by Joe Ruiz, …, Baxter launched into a lament for the “…”": the quote and
    the "he said" after it are Baxter's, not the man who introduced him."""
    reading = read(
        "Baxter Opens Campaign in Valley\n\n"
        "Tom Baxter landed in Fresno on Monday for what his aides called a policy speech.\n\n"
        "Introduced at the podium by Joe Ruiz, the county sheriff and a longtime ally, Baxter "
        'launched into a lament for the "families who have waited far too long for anyone in '
        'Sacramento to listen."\n\n'
        '"We will fix the roads and we will fix them this year," he said to loud cheers.\n'
    )
    assert quotes_by_snippet(reading) == {
        "families who have waited": "Tom Baxter",
        "We will fix the": "Tom Baxter",
    }


def test_a_description_with_a_name_in_apposition_is_that_person() -> None:
    """ "The director of the Harbor Tenants Union, Maria Okafor, warned …": the speaker is the
    name the description introduces, not the last person named before it."""
    reading = read(
        "Groups Condemn Shelter Plan\n\n"
        "Civil rights groups on Tuesday condemned the mayor's plan to close the shelters. Tom "
        "Baxter, the mayor, said the plan would save money.\n\n"
        "The director of the Harbor Tenants Union, Maria Okafor, warned that the plan would "
        'leave "hundreds of families with nowhere to sleep this winter."\n'
    )
    assert quotes_by_snippet(reading) == {"hundreds of families with": "Maria Okafor"}


def test_the_subject_after_an_opening_phrase_speaks_not_a_name_inside_it() -> None:
    """ "In an interview with radio host Dan Fuller on Thursday, the mayor … said": the mayor
    (Maria Okafor, the one person titled mayor) speaks, not the interview or its host."""
    reading = read(
        "Mayor Defends Shelter Plan\n\n"
        "Mayor Maria Okafor has faced weeks of protests over the plan to close two shelters.\n\n"
        "In an interview with radio host Dan Fuller on Thursday, the mayor defended the plan "
        'and said it would "save the city money and still give every family a bed this '
        'winter."\n'
    )
    assert quotes_by_snippet(reading) == {"save the city money": "Maria Okafor"}


def test_a_description_goes_to_the_person_whose_role_it_names() -> None:
    """Two senators: "the Texas senator" is the one the text calls "Texas Sen.", not the
    other senator who was the last subject."""
    reading = read(
        "Senators Clash Over Border Bill\n\n"
        "Texas Sen. Dana Whitfield and Florida Sen. Mark Ostrowski clashed on Tuesday over the "
        "border bill.\n\n"
        "Ostrowski said the bill would cost too much and would not pass the House this year.\n\n"
        '"This bill is the only serious plan anyone has put on the table," the Texas senator '
        "said.\n"
    )
    assert quotes_by_snippet(reading) == {"This bill is the": "Dana Whitfield"}


def test_a_gendered_description_skips_a_person_of_the_other_sex() -> None:
    """ "the businesswoman" after a councilman spoke last: the woman named before him (his
    title, kept inside the tagger's name, says he is a man)."""
    reading = read(
        "Bakery Owner Takes On City Hall\n\n"
        "Sarah Kline has run the corner bakery on Fifth Street for twenty years. On Monday she "
        "took her complaint about parking fines to the city council.\n\n"
        "Councilman Tom Baxter said the fines would stay in place until the new garage opens "
        "next spring.\n\n"
        '"Every week my customers pay more in fines than they spend on bread," the '
        "businesswoman said.\n"
    )
    assert quotes_by_snippet(reading) == {"Every week my customers": "Sarah Kline"}


def test_she_after_a_man_spoke_is_not_his_quote_when_the_woman_is_no_known_name() -> None:
    """The woman's name is one the tagger may not find; "she said" must not fall back on the
    previous speaker, a man by his first name: no speaker rather than the wrong one."""
    reading = read(
        "Voters Wait for Results\n\n"
        'Secretary of State John Kerry said on Monday that the vote "was peaceful and orderly '
        'and the results must be respected by all sides."\n\n'
        "Nwe Ni Aung, 60, a teacher, stood in line for three hours to vote. Soldiers once came "
        "to her family's door and tried to arrest her sister.\n\n"
        '"We have to be careful about it, because they have broken their promises before," she '
        "said.\n"
    )
    speakers = quotes_by_snippet(reading)
    assert speakers["was peaceful and orderly"] == "John Kerry"
    assert speakers["We have to be"] != "John Kerry"


def test_a_writer_named_with_a_book_is_not_the_i_of_an_article_that_is_no_excerpt() -> None:
    """A review in the first person that mentions "Heinlein's novel": its "I wrote" has no
    named speaker (the reviewer is not named), not the novelist."""
    reading = read(
        "A Film Worth Watching Again\n\n"
        "The film owes little to Robert Heinlein's novel, and the novel's fans still resent it "
        "thirty years on.\n\n"
        'Years ago I wrote a review of this film that began with "This is a director who gives '
        'you everything you want, as long as you want too much of it." I stand by that.\n'
    )
    assert quotes_by_snippet(reading) == {"This is a director": None}


def test_organisations_speak_through_their_descriptions() -> None:
    """ "the company", "the bank", "the network" are the organisation named before them (the
    bank by the sentence it opens, as its name lacks the word); "a spokeswoman for X" is X."""
    reading = read(
        "Phone Giant Agrees to Buy Media Group\n\n"
        "Verizon agreed on Saturday to buy Halloway Media for $85 billion, a deal that would "
        "put its news channel under the same roof as a wireless carrier.\n\n"
        '"We expect the deal to close by the end of next year," the company said in a '
        "statement.\n\n"
        'Barclays, which advised Halloway Media, declined to comment on its fees. "We do not '
        'discuss the terms of our engagements with clients," the bank said.\n\n'
        'CNN did not report the fees either. "Our newsroom operates independently of any '
        'corporate owner," the network said in a statement on Sunday.\n\n'
        '"Nothing about our editorial policy will change," a spokeswoman for HBO said.\n'
    )
    speakers = quotes_by_snippet(reading)
    assert speakers["We expect the deal"] == "Verizon"
    assert speakers["We do not discuss"] == "Barclays"
    assert speakers["Our newsroom operates independently"] == "CNN"
    assert speakers["Nothing about our editorial"] == "HBO"


def test_the_judge_named_only_later_by_surname_is_the_judge() -> None:
    """A first-person excerpt says "the judge" long before "Judge Okafor": the one person the
    text titles judge, named later by the surname alone (someone the reader already knows),
    not the lawyer who spoke last."""
    reading = read(
        "From the Courtroom\n\n"
        "My lawyer, Daniel Brandt, rose and spoke for twenty minutes about the facts of my "
        "case. Brandt said the charges were out of all proportion.\n\n"
        "The judge listened without moving. “Everything you have said and everything I have "
        "read points the same way,” the judge said.\n\n"
        "Then Judge Okafor called a short recess, and I waited.\n"
    )
    assert quotes_by_snippet(reading) == {"Everything you have said": "Okafor"}


def test_a_name_modifying_a_follower_noun_is_not_the_subject() -> None:
    """ "A longtime Whitfield supporter, Baxter complained …": "he said" is Baxter's, not the
    candidate whose name only says whom he supports."""
    reading = read(
        "Marchers Fill the Square\n\n"
        "Thousands marched through the square on Monday as Dana Whitfield spoke to delegates "
        "across town.\n\n"
        "A longtime Whitfield supporter, Tom Baxter complained about the cost of housing in the "
        "city.\n\n"
        '"These marches are held by people who have stopped worrying about what happens to '
        'them," he said.\n'
    )
    assert quotes_by_snippet(reading) == {"These marches are held": "Tom Baxter"}


def test_he_goes_on_with_a_speaker_only_a_first_name_calls_a_woman() -> None:
    """ "Lindsey" is mostly a woman's first name, but nothing in the text says this speaker is
    one, and no man was named since his quote: "He continued" is still his, not the rival
    named before him."""
    reading = read(
        "Senator Attacks Rival Over Harbor Plan\n\n"
        "On Thursday, Senator Lindsey Okafor criticised his rival Tomas Brenner for the cost "
        "of the harbor plan.\n\n"
        "Okafor said, “We cannot spend forty million dollars on a pier nobody asked for.”\n\n"
        "He continued, “The harbor needs dredging, and dredging is what we will pay for.”\n"
    )
    assert quotes_by_snippet(reading) == {
        "We cannot spend forty": "Lindsey Okafor",
        "The harbor needs dredging,": "Lindsey Okafor",
    }


def test_a_name_that_is_what_he_said_is_not_the_speaker() -> None:
    """ "he said Okafor": the name is the answer he gave, not an inverted "said Okafor"; the
    quote after it is still the man the paragraph is about."""
    reading = read(
        "Brenner Softens His Tone\n\n"
        "Daniel Okafor leads the harbor council, and the vote on the pier is his to call.\n\n"
        "On Monday, Tomas Brenner eased his tone. Asked on the radio who leads the council, he "
        "said Okafor. “I would say Daniel for the time being, and maybe for a long time,” he "
        "said.\n"
    )
    assert quotes_by_snippet(reading) == {"I would say Daniel": "Tomas Brenner"}


def test_a_name_after_a_preposition_and_a_title_is_not_the_subject() -> None:
    """ "the memory of Father Tomas Brenner": a title between the preposition and the name
    leaves the name the preposition's object, so "he said" goes to the sentence's speaker;
    "Secretary of State Daniel Okafor said" keeps its subject (the preposition is the title's)."""
    reading = read(
        "Harbor Town Remembers Its Priest\n\n"
        "The town gathered on Sunday in the memory of Father Tomas Brenner, and Daniel Okafor "
        "spoke at the pier.\n\n"
        "“He gave this town its harbor and asked for nothing in return,” he said.\n\n"
        "Later, Secretary of State Maria Lindqvist wrote to the town about the harbor.\n\n"
        "“The pier he built will outlast every one of us,” she wrote.\n"
    )
    assert quotes_by_snippet(reading) == {
        "He gave this town": "Daniel Okafor",
        "The pier he built": "Maria Lindqvist",
    }


def test_a_participle_after_a_comma_has_the_sentence_subject_not_the_object() -> None:
    """ "The mayor sought to calm his supporters, and took a heckler in stride, saying …":
    whoever "saying" belongs to is the sentence's subject, not the description named last."""
    reading = read(
        "Mayor Faces Hecklers at Harbor Rally\n\n"
        "Mayor Daniel Okafor spoke over boos on Tuesday as he defended the harbor plan.\n\n"
        "The mayor sought to calm his supporters, and took a heckler in stride, saying the man "
        "would “not be thrown out of this hall for a question.”\n"
    )
    assert quotes_by_snippet(reading) == {"not be thrown out": "Daniel Okafor"}


def test_a_description_skips_a_subject_the_text_titles_otherwise() -> None:
    """ "the presidential candidate said" after a sentence about "Mayor Daniel Okafor": the
    mayor holds another title, so the description is the candidate quoted just before, not
    the nearest subject; "he went on" then follows the candidate too."""
    reading = read(
        "Candidate Calls for Harbor Patrols\n\n"
        "Tomas Brenner called on Mayor Daniel Okafor to restore the harbor patrols. "
        "“The harbor is not safe at night,” Brenner said on Monday.\n\n"
        "Okafor disbanded the patrols in April.\n\n"
        "“We ought to start them up again this week,” the presidential candidate said on the "
        "radio.\n\n"
        "“And we ought to keep them going all year,” he went on.\n"
    )
    assert quotes_by_snippet(reading) == {
        "The harbor is not": "Tomas Brenner",
        "We ought to start": "Tomas Brenner",
        "And we ought to": "Tomas Brenner",
    }


def test_he_with_no_subject_goes_to_the_one_man_named_even_as_a_possessive() -> None:
    """ "Daniel Okafor's speech … He told his audience": no sentence has a man for its subject,
    and the one man the paragraphs name is named as a possessive: he is the speaker."""
    reading = read(
        "Mayor Defends Harbor Plan\n\n"
        "One of the central claims of Mayor Daniel Okafor's speech to the harbor council on "
        "Wednesday does not stand up.\n\n"
        "He told the council, to loud applause: “Nobody has ever built a pier for less money "
        "than this council.”\n"
    )
    assert quotes_by_snippet(reading) == {"Nobody has ever built": "Daniel Okafor"}
