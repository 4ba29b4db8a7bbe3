"""Rule checks of briefing.analysis.quotes on made-up sentences.

The first six are the prototype's checks (/work/proto/quotes/test_quotes.py) adapted to
QuoteRecord; the rest were added with the port.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Sequence

import pytest

from briefing.analysis.quotes import QuoteRecord, find_quotes


def run(text: str, names: Sequence[tuple[str, str]]) -> list[QuoteRecord]:
    """One paragraph per line; every occurrence of each name string is a mention."""
    paras = [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", text)]
    spans = [
        (m.start(), m.end(), kind)
        for name, kind in names
        for m in re.finditer(re.escape(name), text)
    ]
    return find_quotes(text, paras, sorted(spans))


# --- the prototype's checks -------------------------------------------------------------


def test_split_quote_is_one() -> None:
    t = "“We will not back down,” Ms. Rivera said, “not this year and not next year.”"
    r = run(t, [("Rivera", "PER")])
    assert len(r) == 1
    assert len(r[0].parts) == 2
    assert r[0].speaker_name == "Rivera"
    assert r[0].cue == "said"


def test_inverted_and_pronoun() -> None:
    t = (
        "Harold Benton, a retired engineer, spoke at the meeting.\n"
        "“The bridge is older than any of us,” said Mr. Benton.\n"
        "“It needs work now,” he added."
    )
    r = run(t, [("Harold Benton", "PER"), ("Benton", "PER")])
    assert [x.speaker_name for x in r] == ["Harold Benton", "Harold Benton"]
    assert r[1].cue == "added"


def test_left_cue_and_continuation_paragraph() -> None:
    t = (
        "The Acme Corporation said in a statement: “We regret the delay and apologise to "
        "every customer.”\n"
        "“A full refund will be offered to anyone who asks for one.”"
    )
    r = run(t, [("Acme Corporation", "ORG")])
    assert len(r) == 2
    assert all(x.speaker_name == "Acme Corporation" for x in r)


def test_scare_quotes_are_not_speech() -> None:
    t = "Critics called the plan a “giveaway” and the so-called “Fair Deal Act” stalled."
    assert run(t, []) == []


def test_nominal_speaker() -> None:
    t = "“We are reviewing the footage,” a police spokesman said."
    r = run(t, [])
    assert r
    assert r[0].speaker_name == "a police spokesman"


def test_she_skips_male_name() -> None:
    t = "Mr. Okafor met Ms. Lindqvist on Monday.\n“It was a productive meeting,” she said."
    r = run(t, [("Okafor", "PER"), ("Lindqvist", "PER")])
    assert r[0].speaker_name == "Lindqvist"


def test_with_x_doing_makes_x_the_subject_for_she() -> None:
    t = (
        "Some families would pay more, said Anna Berg, an economist.\n"
        "The plan has become an issue, with Maria Okafor — who wants higher taxes on the rich"
        " — attacking it.\n"
        "“It would be a giveaway all over again,” she said."
    )
    r = run(t, [("Anna Berg", "PER"), ("Maria Okafor", "PER")])
    assert r[-1].speaker_name == "Maria Okafor"
    # "with" before a name and no participle after it: still not a subject
    t2 = t.replace(" — who wants higher taxes on the rich — attacking it", " in the lead")
    r2 = run(t2, [("Anna Berg", "PER"), ("Maria Okafor", "PER")])
    assert r2[-1].speaker_name == "Anna Berg"


# --- added with the port ----------------------------------------------------------------


def test_split_quotation_with_pronoun_is_one_quote() -> None:
    t = (
        "Dana Whitfield runs the shelter on Elm Street.\n"
        "“The winter was the hardest we have had,” she said, “and the money ran out in March.”"
    )
    r = run(t, [("Dana Whitfield", "PER")])
    assert len(r) == 1
    q = r[0]
    first, second = q.parts
    assert (q.start, q.end) == (first[0], second[1])
    assert t[q.start] == "“"
    assert t[q.end - 1] == "”"
    assert t[first[1] - 1] == "”"
    assert t[second[0]] == "“"
    assert q.speaker_name == "Dana Whitfield"
    assert q.cue == "said"
    assert t[q.speaker_start : q.speaker_end] == "she"


def test_he_added_goes_to_last_named_speaker() -> None:
    t = (
        "“Our budget is balanced for the first time in a decade,” said Tomas Ferreira, the mayor.\n"
        "Council members were less sure.\n"
        "“We will keep it that way next year,” he added."
    )
    r = run(t, [("Tomas Ferreira", "PER")])
    assert len(r) == 2
    assert r[0].speaker_name == "Tomas Ferreira"
    assert r[1].speaker_name == "Tomas Ferreira"
    assert r[1].cue == "added"


def test_title_and_full_stop_after_inverted_said() -> None:
    # Regression: the speaker-slot rule read "Mayor Tomas Ferreira." (title and full stop
    # included) as a name the tagger missed, displacing the tagger's "Tomas Ferreira".
    t = "“Our budget is balanced for the first time in a decade,” said Mayor Tomas Ferreira."
    r = run(t, [("Tomas Ferreira", "PER")])
    assert r[0].speaker_name == "Tomas Ferreira"


def test_surname_expands_to_full_name() -> None:
    t = (
        "Senator Alicia Moreno spoke first.\n"
        "“This bill protects every family in the state,” Moreno said."
    )
    r = run(t, [("Alicia Moreno", "PER"), ("Moreno", "PER")])
    assert [x.speaker_name for x in r] == ["Alicia Moreno"]


@pytest.mark.parametrize(
    "text",
    [
        "The minister described the deal as “historic achievement” in a short note.",
        "Analysts said the “soft landing” was still possible this year.",
        "Officials said the “soft landing,” as they put it, was still possible.",
    ],
)
def test_two_word_scare_quote_is_not_speech(text: str) -> None:
    assert run(text, []) == []


def test_short_utterance_next_to_speech_verb_is_speech() -> None:
    t = "Mr. Hale was asked whether he would run again.\n“Absolutely not,” he said."
    r = run(t, [("Hale", "PER")])
    assert len(r) == 1
    assert r[0].speaker_name == "Hale"


def test_record_is_frozen_and_spans_include_marks() -> None:
    t = "“Prices will fall by the summer,” the central bank said in a statement."
    (q,) = run(t, [])
    assert t[q.start : q.end] == "“Prices will fall by the summer,”"
    assert q.parts == ((q.start, q.end),)
    with pytest.raises(dataclasses.FrozenInstanceError):
        q.start = 1  # type: ignore[misc]


def test_no_quotes_no_paragraphs() -> None:
    assert find_quotes("", [], []) == []
    assert find_quotes("No quotation here.", [(0, 18)], []) == []


# --- quotation styles -----------------------------------------------------------------------


def test_doubled_apostrophes_are_quotation_marks() -> None:
    # The New York Times archive writes its quotation marks as two apostrophes.
    t = (
        "''We finally may be seeing some wage growth, and that is a big story,'' the economist "
        "Dara Quint wrote on her blog.\n"
        "Mr. Obel added that ''it becomes harder and harder to argue otherwise.''\n"
        "Nothing here is ''quoted'' and it's the author's own."
    )
    r = run(t, [("Dara Quint", "PER"), ("Obel", "PER")])
    assert [t[q.start : q.end] for q in r] == [
        "''We finally may be seeing some wage growth, and that is a big story,''",
        "''it becomes harder and harder to argue otherwise.''",
    ]
    assert [q.speaker_name for q in r] == ["Dara Quint", "Obel"]


# --- pronoun speakers -----------------------------------------------------------------------


def test_she_said_goes_to_the_woman_by_her_first_name() -> None:
    # No honorific anywhere: the first names tell who "she" can be.
    t = (
        "Daniel Okafor and Maria Lindqvist met the board on Monday.\n"
        "The talks ran late into the night.\n"
        "“It was a productive meeting,” she said."
    )
    r = run(t, [("Daniel Okafor", "PER"), ("Maria Lindqvist", "PER")])
    assert [q.speaker_name for q in r] == ["Maria Lindqvist"]
    assert t[r[0].name_start : r[0].name_end] == "Maria Lindqvist"  # type: ignore[misc]


def test_pronouns_follow_gender_across_two_speakers() -> None:
    t = (
        "“We will appeal the ruling,” Daniel Okafor said.\n"
        "Maria Lindqvist, the prosecutor, was not moved.\n"
        "“The evidence is clear and the jury saw it,” she said.\n"
        "“I have nothing more to add today,” he said."
    )
    r = run(t, [("Daniel Okafor", "PER"), ("Maria Lindqvist", "PER")])
    assert [q.speaker_name for q in r] == ["Daniel Okafor", "Maria Lindqvist", "Daniel Okafor"]


def test_she_skips_a_man_named_by_his_title() -> None:
    t = (
        "Congressman Ortiz questioned Robin Ashe, the agency's director.\n"
        "“We followed every rule that applied to us,” she said."
    )
    r = run(t, [("Ortiz", "PER"), ("Robin Ashe", "PER")])
    assert [q.speaker_name for q in r] == ["Robin Ashe"]


# --- the name in a speaker's noun phrase ----------------------------------------------------


@pytest.mark.parametrize(
    ("text", "names"),
    [
        (
            "“The strikes changed nothing on the ground,” said Harbor Authority spokesman "
            "Capt. Lena Marsh, who was asked about the raids.",
            [("Harbor Authority", "ORG"), ("Lena Marsh", "PER")],
        ),
        (
            "“We have a path to victory this spring,” added his campaign manager Lena Marsh.",
            [("Lena Marsh", "PER")],
        ),
        (
            "“It is called the power of unity,” Okafor's senior adviser Lena Marsh said.",
            [("Okafor", "PER"), ("Lena Marsh", "PER")],
        ),
        (
            "“Nothing is settled yet,” said former secretary of state Lena Marsh.",
            [("Lena Marsh", "PER")],
        ),
    ],
)
def test_speaker_is_the_person_at_the_end_of_titles(
    text: str, names: list[tuple[str, str]]
) -> None:
    (q,) = run(text, names)
    assert q.speaker_name == "Lena Marsh"


def test_nearest_cue_before_the_quote_names_the_speaker() -> None:
    t = "After Ruth Caldwell asked who would win, Tom Ferris replied, “The one with more votes.”"
    (q,) = run(t, [("Ruth Caldwell", "PER"), ("Tom Ferris", "PER")])
    assert q.speaker_name == "Tom Ferris"


# --- organisations speak --------------------------------------------------------------------


def test_the_company_said_is_the_company_named_before() -> None:
    t = (
        "Lumora Systems recalled 4,000 heaters on Friday after reports of fires.\n"
        "Regulators in three states had asked for the recall.\n"
        "“We are contacting every customer who bought one,” the company said."
    )
    r = run(t, [("Lumora Systems", "ORG")])
    assert [q.speaker_name for q in r] == ["Lumora Systems"]
    assert t[r[0].name_start : r[0].name_end] == "Lumora Systems"  # type: ignore[misc]


def test_the_bank_is_the_organisation_with_bank_in_its_name() -> None:
    t = (
        "The Harbor Development Bank lent $2 billion to the island's agencies, Northwind Capital "
        "said in a report.\n"
        "“Those loans were never going to be repaid,” the bank said."
    )
    r = run(t, [("Harbor Development Bank", "ORG"), ("Northwind Capital", "ORG")])
    assert [q.speaker_name for q in r] == ["Harbor Development Bank"]


@pytest.mark.parametrize(
    "attribution",
    [
        "said a spokesperson for Lumora Systems",
        "a spokesman for Lumora Systems said",
        "a Lumora Systems spokeswoman said",
    ],
)
def test_a_spokesperson_for_an_organisation_speaks_for_it(attribution: str) -> None:
    t = f"“We are contacting every customer who bought one,” {attribution}."
    r = run(t, [("Lumora Systems", "ORG")])
    assert [q.speaker_name for q in r] == ["Lumora Systems"]


# --- titles and names in quotation marks are not quotes ------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Her memoir, “A Season on the Water,” sold 40,000 copies in its first month.",
        "The two ministers signed the “Coastal Fisheries Cooperation Accord,” which sets quotas.",
        "He appeared on “The Late Evening Show With Dana Pryce” on Tuesday night.",
    ],
)
def test_a_title_or_a_name_in_quotation_marks_is_not_a_quote(text: str) -> None:
    assert run(text, []) == []


def test_a_shouted_sentence_is_still_a_quote() -> None:
    t = "The group emailed a link to the video with one sentence: “THIS IS NOT OK.”"
    assert len(run(t, [])) == 1


# --- a quotation over several paragraphs ----------------------------------------------------


def test_a_quote_running_over_paragraphs_keeps_its_speaker() -> None:
    # News repeats the opening mark at each new paragraph of one quotation and closes it only
    # at the end; a second person named inside it does not take it over.
    t = (
        "Maria Lindqvist, the prosecutor, spoke after the verdict.\n"
        "“The jury listened to every witness for six weeks,” she said. “They weighed it all.\n"
        "“Daniel Okafor had every chance to explain himself, and he did not take it.\n"
        "“That is why we are here today.”"
    )
    r = run(t, [("Maria Lindqvist", "PER"), ("Daniel Okafor", "PER")])
    assert len(r) == 4
    assert [q.speaker_name for q in r] == ["Maria Lindqvist"] * 4
    assert all(t[q.start] == "“" for q in r)


def test_an_open_quote_takes_the_speaker_named_in_the_paragraph_that_goes_on() -> None:
    t = (
        "The council met for four hours.\n"
        "“We have waited long enough for this bridge.\n"
        "“Nobody here will accept another delay,” Mayor Tomas Ferreira said."
    )
    r = run(t, [("Tomas Ferreira", "PER")])
    assert [q.speaker_name for q in r] == ["Tomas Ferreira", "Tomas Ferreira"]


def test_a_quote_carried_on_without_a_repeated_mark() -> None:
    t = (
        "“We have waited long enough for this bridge,” Tomas Ferreira said. “The money is here.\n"
        "Nobody will accept another delay,” he added."
    )
    r = run(t, [("Tomas Ferreira", "PER")])
    second_paragraph = t.index("Nobody")
    carried = [q for q in r if q.start == second_paragraph]
    assert len(carried) == 1
    assert t[carried[0].start : carried[0].end] == "Nobody will accept another delay,”"
    assert carried[0].speaker_name == "Tomas Ferreira"


# --- a first-person writer ------------------------------------------------------------------


def test_i_said_in_a_book_excerpt_is_its_author() -> None:
    t = (
        "The following is an excerpt from author Maria Lindqvist's new book, Harbor Lights.\n"
        "The judge looked at me for a long moment.\n"
        "“I regret nothing about the work we did,” I said."
    )
    r = run(t, [("Maria Lindqvist", "PER")])
    assert [q.speaker_name for q in r] == ["Maria Lindqvist"]


def test_i_said_with_no_named_writer_has_no_speaker() -> None:
    t = "The judge looked at me for a long moment.\n“I regret nothing about the work,” I said."
    (q,) = run(t, [])
    assert q.speaker_name is None
    assert q.name_start is None


@pytest.mark.parametrize(
    ("text", "names", "speaker"),
    [
        (
            "When asked whom she backed, Ms. Lindqvist smiled and said, “I am waiting.”\n",
            [("Lindqvist", "PER"), ("Daniel Okafor", "PER")],
            "Lindqvist",
        ),
        (
            "Harbor Fund President Maria Lindqvist issued a statement saying the plan "
            "“has no place in a city that cares about its waterfront.”",
            [("Harbor Fund", "ORG"), ("Maria Lindqvist", "PER")],
            "Maria Lindqvist",
        ),
        (
            "(Tom Ferris, who built the first pier, once said, “A harbor is a promise.”)",
            [("Tom Ferris", "PER")],
            "Tom Ferris",
        ),
    ],
)
def test_the_subject_of_the_clause_that_introduces_a_quote(
    text: str, names: list[tuple[str, str]], speaker: str
) -> None:
    (q,) = run(text, names)
    assert q.speaker_name == speaker


def test_a_person_of_an_organisation_speaks_not_the_place_after_of() -> None:
    # The tagger (or a slot rule) may read the place before "told" as a name.
    t = (
        "However, as Bishop Aram Petrosyan of the Holy Synod of Yerevan told reporters, "
        "“We have waited a century for this recognition.”"
    )
    (q,) = run(t, [("Aram Petrosyan", "PER"), ("Holy Synod", "ORG"), ("Yerevan", "PER")])
    assert q.speaker_name == "Aram Petrosyan"


def test_the_mayor_is_the_one_person_named_mayor() -> None:
    t = (
        "Mayor Tomas Ferreira opened the new pier on Sunday with Dana Whitfield, who runs the "
        "shelter on Elm Street.\n"
        "At a press conference in Harborview, Whitfield thanked the volunteers.\n"
        "“We do not see any reason for delay,” the mayor said."
    )
    r = run(t, [("Tomas Ferreira", "PER"), ("Dana Whitfield", "PER"), ("Whitfield", "PER")])
    assert [q.speaker_name for q in r] == ["Tomas Ferreira"]


def test_a_relative_with_the_speaker_s_surname_keeps_her_own_full_name() -> None:
    """ "Maria Okafor" beside the more frequent "Daniel Okafor": the name of the quote is hers,
    not the surname's usual full name."""
    t = (
        "Daniel Okafor won. “I do not deserve it,” Daniel Okafor said.\n"
        "At center stage was his daughter, Maria Okafor. “He fights for us,” she said."
    )
    r = run(t, [("Daniel Okafor", "PER"), ("Maria Okafor", "PER")])
    assert [q.speaker_name for q in r] == ["Daniel Okafor", "Maria Okafor"]
