"""Unit tests for briefing.analysis.entities.build_entities.

Two kinds of case:
* `hand` cases give the mentions by hand (what a NER would emit, junk included), so they test
  the rules alone;
* `ner` cases run the shipped tagger (briefing.analysis.ner) on short invented news texts,
  end to end.
No text here is taken from any real article.
"""

from __future__ import annotations

import re
from bisect import bisect_right

from hypothesis import given, settings
from hypothesis import strategies as st

from briefing.analysis.entities import EntityRecord, acronyms, build_entities, clean, link
from briefing.analysis.entities.acronyms import acronym_matches, find_acronym_pairs
from briefing.analysis.entities.knowledge import known_type
from briefing.analysis.entities.names import UnionFind, person_name, suffix_of
from briefing.analysis.entities.norm import country_of, is_initial, key, low, split_words
from briefing.analysis.entities.tokenized import NameMention, TokenizedText
from briefing.analysis.entities.words import ACRONYM_STOP, EVENT_HEADS, ORG_HEADS, ORG_SUFFIXES
from briefing.analysis.ner import extract, load_model
from briefing.model import EntityType
from tests.articles import paragraphs

Spec = list[tuple[str, str]]


def hand_mentions(text: str, spec: Spec) -> list[tuple[int, int, str]]:
    """spec: [(surface, type)]; every word-bounded occurrence becomes a mention (longest first)."""
    taken: list[tuple[int, int]] = []
    out: list[tuple[int, int, str]] = []
    for surf, typ in sorted(spec, key=lambda x: -len(x[0])):
        for mt in re.finditer(r"(?<!\w)" + re.escape(surf) + r"(?!\w)", text):
            a, b = mt.span()
            if any(a < y and x < b for x, y in taken):
                continue
            taken.append((a, b))
            out.append((a, b, typ))
    return sorted(out)


def run(text: str, spec: Spec | None = None) -> tuple[str, list[EntityRecord]]:
    ms = hand_mentions(text, spec) if spec is not None else extract(load_model(), text)
    ents = build_entities(text, paragraphs(text), ms)
    return text, ents


def find(ents: list[EntityRecord], name: str) -> EntityRecord:
    hits = [e for e in ents if e.name == name]
    assert hits, f"no entity named {name!r}: {[e.name for e in ents]}"
    return hits[0]


def forms(text: str, e: EntityRecord) -> set[str]:
    return {text[a:b] for a, b, _ in e.mentions} | set(e.aliases) | {e.name}


def check_schema(text: str, ents: list[EntityRecord]) -> None:
    assert [e.id for e in ents] == [f"e{i}" for i in range(1, len(ents) + 1)]
    for e in ents:
        assert isinstance(e, EntityRecord)
        assert e.type in {"person", "organization", "place", "event", "other"}
        assert e.role is None or isinstance(e.role, str)
        assert isinstance(e.aliases, tuple)
        for start, end, paragraph in e.mentions:
            assert 0 <= start < end <= len(text)
            assert isinstance(paragraph, int)


# ---------------------------------------------------------------------------
# 1. people: full name / honorific + surname / bare surname / possessive; title roles
# ---------------------------------------------------------------------------
TEXT1 = (
    "Canadian Prime Minister Mark Holloway met German Chancellor Ingrid Vossberg in "
    "Ottawa on Tuesday.\n\n"
    "Mr. Holloway said Canada would expand the North Atlantic Fisheries Accord. Ms. "
    "Vossberg, a former economist at the Bundesbank, agreed. Holloway's office declined "
    "to comment.\n\n"
    "Germany and Canada signed the accord in 2019. Later, Vossberg visited Toronto in "
    "March."
)


def test_people_hand() -> None:
    spec = [
        ("Canadian", "MISC"),
        ("Mark Holloway", "PER"),
        ("German", "MISC"),
        ("Ingrid Vossberg", "PER"),
        ("Ottawa", "LOC"),
        ("Tuesday", "MISC"),
        ("Holloway", "PER"),
        ("Canada", "LOC"),
        ("North Atlantic Fisheries Accord", "MISC"),
        ("Vossberg", "PER"),
        ("Bundesbank", "ORG"),
        ("Germany", "LOC"),
        ("Later", "ORG"),
        ("Toronto", "LOC"),
        ("March", "MISC"),
        ("Prime Minister", "ORG"),
    ]
    text, ents = run(TEXT1, spec)
    check_schema(text, ents)
    h = find(ents, "Mark Holloway")
    assert h.type == "person"
    assert h.role == "Canadian Prime Minister"
    assert {"Holloway", "Mr. Holloway"} <= forms(text, h)
    assert len(h.mentions) == 3  # full name, "Mr. Holloway", "Holloway's"
    assert [p for _, _, p in h.mentions] == [0, 1, 1]
    v = find(ents, "Ingrid Vossberg")
    assert v.role == "German Chancellor"
    assert len(v.mentions) == 3
    assert find(ents, "North Atlantic Fisheries Accord").type == "event"
    names = {e.name for e in ents}
    # junk: weekday, month, nationality adjectives, sentence-initial word, a title alone
    assert not names & {"Tuesday", "March", "Canadian", "German", "Later", "Prime Minister"}
    assert len(find(ents, "Canada").mentions) == 2


def test_people_ner() -> None:
    text, ents = run(TEXT1)
    check_schema(text, ents)
    h = find(ents, "Mark Holloway")
    assert h.type == "person"
    assert h.role == "Canadian Prime Minister"
    assert len(h.mentions) == 3
    assert find(ents, "Ingrid Vossberg").role == "German Chancellor"
    assert find(ents, "North Atlantic Fisheries Accord").type == "event"
    assert not {e.name for e in ents} & {"Tuesday", "March", "Canadian", "German", "Later"}


# ---------------------------------------------------------------------------
# 2. acronym pairs, "which X calls Y", country variants, plural acronyms
# ---------------------------------------------------------------------------
TEXT2 = (
    "The Pacific Maritime Safety Agency (PMSA) will hold drills near the Kuril Islands, "
    "which Japan calls the Northern Territories. PMSA officials said the drills would "
    "last a week.\n\n"
    "Britain's Defence Secretary Alan Pryce attended. The UK has sent two ships; the "
    "United Kingdom also sent advisers to the Philippines. Pryce said the GIs and HQs "
    "were ready."
)


def test_acronym_alias_country_ner() -> None:
    text, ents = run(TEXT2)
    check_schema(text, ents)
    a = find(ents, "Pacific Maritime Safety Agency")
    assert a.type == "organization"
    assert "PMSA" in a.aliases
    assert len(a.mentions) == 3
    k = find(ents, "Kuril Islands")
    assert k.type == "place"
    assert "Northern Territories" in k.aliases
    uk = find(ents, "United Kingdom")
    assert uk.type == "place"
    assert {"Britain", "UK"} <= set(uk.aliases)
    p = find(ents, "Alan Pryce")
    assert p.role == "Britain's Defence Secretary"
    assert "Pryce" in p.aliases
    assert not {e.name for e in ents} & {"GIs", "HQs"}
    assert find(ents, "Japan").type == "place"


def test_acronym_functions() -> None:
    assert acronym_matches("USFK", ["U.S.", "Forces", "Korea"])
    assert acronym_matches("NATO", ["North", "Atlantic", "Treaty", "Organization"])
    assert acronym_matches("NAM", ["Non-Aligned", "Movement"])
    assert acronym_matches("MOFA", ["Ministry", "of", "Foreign", "Affairs"])
    assert not acronym_matches("IMF", ["World", "Bank"])
    pairs = find_acronym_pairs("He joined the World Health Organization (WHO) in 2001.")
    assert len(pairs) == 1
    (ea, eb), (_aa, _ab) = pairs[0]
    assert "He joined the World Health Organization (WHO)"[ea:eb] == "World Health Organization"


TEXT2B = (
    "Soldiers of U.S. Forces Korea (USFK) trained with the Republic of Korea Army on "
    "Friday. USFK said the training went well.\n\n"
    "Later, a USFK spokesman said America and the U.S. Congress backed it. The United "
    "States and South Korea's Yonhap agency reported the drills."
)


def test_acronym_after_expansion_hand() -> None:
    spec = [
        ("U.S. Forces Korea", "ORG"),
        ("USFK", "ORG"),
        ("Republic of Korea Army", "ORG"),
        ("Friday", "MISC"),
        ("America", "LOC"),
        ("U.S. Congress", "ORG"),
        ("United States", "LOC"),
        ("South Korea", "LOC"),
        ("Yonhap", "ORG"),
        ("U.S.", "LOC"),
    ]
    _text, ents = run(TEXT2B, spec)
    f = find(ents, "U.S. Forces Korea")
    assert f.type == "organization"
    assert "USFK" in f.aliases
    assert len(f.mentions) == 4
    us = find(ents, "United States")
    assert "America" in us.aliases
    assert not {e.name for e in ents} & {"Friday", "Later"}


# ---------------------------------------------------------------------------
# 3. organisations: appositives, "its chief executive, X", quoted slogans, "also known as"
# ---------------------------------------------------------------------------
TEXT3 = (
    "Acme Robotics Inc., the country's largest maker of warehouse robots, said on Monday "
    "that its chief executive, Dana Whitfield, would step down. Whitfield founded Acme "
    "Robotics in 2004.\n\n"
    '"Build Better Together" was the company\'s slogan. Analysts at Harwood Securities, '
    "also known as Harwood, said Acme shares fell 4%."
)


def test_org_roles_slogans_ner() -> None:
    text, ents = run(TEXT3)
    check_schema(text, ents)
    a = find(ents, "Acme Robotics Inc.")
    assert a.type == "organization"
    assert a.role == "country's largest maker of warehouse robots"
    assert {"Acme Robotics", "Acme"} <= set(a.aliases)
    w = find(ents, "Dana Whitfield")
    assert w.type == "person"
    assert w.role == "chief executive"
    assert len(w.mentions) == 2
    h = find(ents, "Harwood Securities")
    assert "Harwood" in h.aliases
    assert h.type == "organization"
    assert not any("Build" in e.name for e in ents)  # quoted slogan
    assert not {e.name for e in ents} & {"Monday"}


def test_appositive_hand() -> None:
    text = (
        "The plan was criticised by Tom Reyes, a retired Navy captain who served in Guam, and by "
        "Lena Ortiz, 41, director of the Ocean Policy Institute. Reyes said little."
    )
    spec = [
        ("Tom Reyes", "PER"),
        ("Navy", "ORG"),
        ("Guam", "LOC"),
        ("Lena Ortiz", "PER"),
        ("Ocean Policy Institute", "ORG"),
        ("Reyes", "PER"),
    ]
    text, ents = run(text, spec)
    assert find(ents, "Tom Reyes").role == "retired Navy captain"
    assert find(ents, "Lena Ortiz").role == "director of the Ocean Policy Institute"
    assert len(find(ents, "Tom Reyes").mentions) == 2
    assert find(ents, "Ocean Policy Institute").role is None


# ---------------------------------------------------------------------------
# 4. country variants, surname-first names, events, sentence-initial junk
# ---------------------------------------------------------------------------
TEXT4 = (
    "WASHINGTON — U.S. Defense Secretary Gregory Tamm arrived in Seoul on Thursday for "
    "talks with South Korean President Park Min-jun. America has 28,000 troops in South "
    "Korea.\n\n"
    "Park told reporters that the United States remained Seoul's closest partner. Tamm's "
    "visit followed the Harbor Shield Exercise in March.\n\n"
    "Still, critics were unhappy. Officials in Washington said the U.S.-Korea "
    "Consultative Forum would meet again in May."
)


def test_countries_events_ner() -> None:
    text, ents = run(TEXT4)
    check_schema(text, ents)
    us = find(ents, "United States")
    assert us.type == "place"
    assert {"U.S.", "America"} <= forms(text, us)
    t = find(ents, "Gregory Tamm")
    assert t.role == "U.S. Defense Secretary"
    assert len(t.mentions) == 2
    p = find(ents, "Park Min-jun")
    assert p.role == "South Korean President"
    assert "Park" in p.aliases
    assert find(ents, "Harbor Shield Exercise").type == "event"
    # a named forum is a standing body ("would meet again"), like a council
    assert find(ents, "U.S.-Korea Consultative Forum").type == "organization"
    w = find(ents, "Washington")  # dateline + body
    assert w.type == "place"
    assert len(w.mentions) == 2
    assert len(find(ents, "Seoul").mentions) == 2  # possessive too
    assert not {e.name for e in ents} & {
        "Still",
        "Officials",
        "Thursday",
        "March",
        "May",
        "Defense",
    }


def test_junk_hand() -> None:
    text = (
        'However, Secretary said on Monday that GIs and HQs in "Operation Free Seas Forever" zones '
        "were ready. Defense officials agreed in September. Meanwhile Japanese troops arrived."
    )
    spec = [
        ("However", "ORG"),
        ("Secretary", "PER"),
        ("Monday", "MISC"),
        ("GIs", "MISC"),
        ("HQs", "ORG"),
        ("Free Seas Forever", "MISC"),
        ("Defense", "ORG"),
        ("September", "MISC"),
        ("Meanwhile", "PER"),
        ("Japanese", "MISC"),
    ]
    text, ents = run(text, spec)
    assert ents == [], ents


# ---------------------------------------------------------------------------
# 5. acronym ranks, "Ministry of X" <-> "X Ministry", appositive after a title, portfolio roles
# ---------------------------------------------------------------------------
TEXT5 = (
    "The Allied Logistics Command (ALC) said on Friday it would relocate. Colonel Ruth "
    "Okafor, the command's chief of staff, said ALC staff had been told.\n\n"
    'Okafor, 52, said the move would take a year. "Stronger Together, Always" read a '
    "banner at the gate. The Ministry of Transport and the Transport Ministry spokesman "
    "Ken Abe declined to comment."
)


def test_ministry_roles_ner() -> None:
    text, ents = run(TEXT5)
    check_schema(text, ents)
    c = find(ents, "Allied Logistics Command")
    assert "ALC" in c.aliases
    assert len(c.mentions) == 3
    o = find(ents, "Ruth Okafor")
    assert o.role == "Colonel, command's chief of staff"
    assert "Okafor" in o.aliases
    m = find(ents, "Ministry of Transport")
    assert "Transport Ministry" in m.aliases
    assert find(ents, "Ken Abe").role == "Transport Ministry spokesman"
    assert not any(e.name in ("The", "Stronger Together, Always", "Friday") for e in ents)


# ---------------------------------------------------------------------------
# 6. "known locally as", Dr., "Minister of Climate Tor Lunde", geographic names, possessives
# ---------------------------------------------------------------------------
TEXT6 = (
    "Mount Halvard, known locally as the Old Man, rises above the town of Brekke. Dr. "
    "Signe Aas, a geologist at the University of Bergen, said the mountain was stable.\n\n"
    "Aas said Brekke's residents should not worry. Norway's Minister of Climate Tor "
    "Lunde visited the town; Lunde promised funds."
)


def test_known_as_dr_portfolio_ner() -> None:
    text, ents = run(TEXT6)
    check_schema(text, ents)
    h = find(ents, "Mount Halvard")
    assert h.type == "place"
    assert "Old Man" in h.aliases
    a = find(ents, "Signe Aas")
    assert a.type == "person"
    assert a.role == "geologist at the University of Bergen"
    assert {"Aas", "Dr. Signe Aas"} <= set(a.aliases)
    lu = find(ents, "Tor Lunde")
    assert lu.type == "person"
    assert lu.role == "Norway's Minister of Climate"
    assert "Lunde" in lu.aliases
    assert len(find(ents, "Brekke").mentions) == 2


def test_two_people_one_surname_hand() -> None:
    text = (
        "Anna Berg and her father Olaf Berg run the farm. Anna Berg said the harvest was poor. "
        "Berg, 70, blamed the rain."
    )
    spec = [("Anna Berg", "PER"), ("Olaf Berg", "PER"), ("Berg", "PER")]
    text, ents = run(text, spec)
    people = [e for e in ents if e.type == "person"]
    assert {e.name for e in people} == {"Anna Berg", "Olaf Berg"}  # never merged
    assert sum(len(e.mentions) for e in people) == 4


# ---------------------------------------------------------------------------
# 7. business copy: dateline, company short name, common-word surname, all-caps body
# ---------------------------------------------------------------------------
TEXT7 = (
    "LONDON (Reuters) - Shares in Northwind Energy Plc fell 6% on Wednesday after the "
    "Financial Conduct Authority (FCA) opened an inquiry into its accounts, the "
    "regulator said.\n\n"
    "Northwind's chief financial officer, Priya Raman, resigned last week. Ms. Raman, "
    "who joined from BP in 2019, could not be reached. The FCA declined to say when the "
    "probe would end.\n\n"
    '"We are cooperating fully," said Northwind Chairman Oliver Grant. Grant told the '
    "BBC that the company had done nothing wrong.\n\n"
    'However, Labour lawmaker Sarah Boyd called for a hearing. Boyd said "Britain First" '
    "rules had failed. The European Union and the EU's markets regulator, ESMA, are "
    "watching. Meanwhile, the Bank of England kept rates on hold in December."
)


def test_business_ner() -> None:
    text, ents = run(TEXT7)
    check_schema(text, ents)
    assert find(ents, "LONDON").type == "place"
    nw = find(ents, "Northwind Energy Plc")
    assert nw.type == "organization"
    assert "Northwind" in nw.aliases
    assert len(nw.mentions) == 3
    f = find(ents, "Financial Conduct Authority")
    assert "FCA" in f.aliases
    assert len(f.mentions) == 3
    r = find(ents, "Priya Raman")
    assert r.role == "Northwind's chief financial officer"
    assert "Ms. Raman" in r.aliases
    g = find(ents, "Oliver Grant")
    assert g.role == "Northwind Chairman"
    assert len(g.mentions) == 2
    assert find(ents, "Sarah Boyd").role == "Labour lawmaker"
    assert "EU" in find(ents, "European Union").aliases
    assert find(ents, "ESMA").type == "organization"
    assert not {e.name for e in ents} & {
        "However",
        "Meanwhile",
        "December",
        "Wednesday",
        "Britain First",
        "First",
    }


def test_degenerate_inputs() -> None:
    assert build_entities("", [], []) == []
    assert build_entities("Hello there.", [(0, 12)], []) == []
    out = build_entities("Japan's", [(0, 7)], [(0, 7, "LOC")])
    assert out[0].name == "Japan"
    assert out[0].mentions == ((0, 5, 0),)
    # overlapping / duplicate spans and no paragraphs given
    text = "Mr. Smith met Mr. Smith in the U.S."
    out = build_entities(text, [], [(4, 9, "PER"), (0, 9, "PER"), (18, 23, "ORG"), (31, 35, "LOC")])
    assert [e.type for e in out] == ["person", "place"]
    assert len(out[0].mentions) == 2


_PIECES = [
    "Ocean",
    "Survey",
    "Institute",
    "of",
    "the",
    "and",
    "for",
    "said",
    "its",
    "U.N.",
    "Bank",
    "(OSI)",
    "(O.S.I.)",
    "(Osi)",
    "(OS",
    "OS)",
    "(",
    ")",
    ",",
    ";",
    ":",
    '"',
    "\u201c",
    "\u201d",
    "!",
    "?",
    "&",
    "Sea-Air",
    "O'Hare",
    "\n",
    "\n\n",
    "  ",
    "",
]


@given(st.lists(st.tuples(st.sampled_from(_PIECES), st.booleans()), max_size=30))
@settings(max_examples=400, deadline=None)
def test_expansion_search_from_parentheses_finds_what_a_forward_scan_finds(
    pieces: list[tuple[str, bool]],
) -> None:
    # The fast search must give exactly the matches of the pattern it stands for.
    text = "".join(p + (" " if spaced else "") for p, spaced in pieces)
    forward = [(m.span(), m.groups()) for m in acronyms._EXP.finditer(text)]
    found = [(m.span(), m.groups()) for m in acronyms._expansion_matches(text)]
    assert found == forward


_FORM_WORDS = ["Ana", "Ana Ruiz", "Ruiz", "Ruiz's", "O'Neil", "Neil", "U.S.", "Bank", "Élise"]
_FORM_WORDS += ["Ana Rosa", "Ana R.", "Ana R", "U.S. Bank", "An"]
_TEXT_PIECES = [*_FORM_WORDS, " ", ".", "-", "_", "’", "'", "(", "\n", "x", "said", "An"]


@given(
    st.lists(st.sampled_from(_TEXT_PIECES), max_size=20).map("".join),
    st.lists(st.sampled_from(_FORM_WORDS), min_size=1, max_size=4, unique=True),
)
@settings(max_examples=400, deadline=None)
def test_forms_are_found_where_their_own_patterns_find_them(text: str, forms: list[str]) -> None:
    # One pass for all forms gives, form by form, the matches of that form's own pattern.
    found = link._occurrences(text, forms)
    assert found == [[m.span() for m in link._form_pattern(f).finditer(text)] for f in forms]


@given(st.text(alphabet="a_-. \n’3é", max_size=4), st.integers(0, 4))
def test_the_end_of_a_form_is_told_as_its_pattern_tells_it(text: str, at: int) -> None:
    at = min(at, len(text))
    assert link._ends_form(text, at) == bool(link._FORM_END.match(text, at))


def test_a_full_personal_name_makes_its_bare_surname_a_person() -> None:
    """The tagger read the surname as a place in most contexts ("the Velmor emails"), but
    the cluster holds a first name and that surname read as a person: a person."""
    from briefing.analysis.entities.kinds import entity_type
    from briefing.analysis.entities.tokenized import NameMention

    group = [NameMention(0, 9, "PER"), NameMention(20, 26, "LOC"), NameMention(40, 46, "LOC")]
    assert entity_type(group, ["John Velmor", "Velmor", "Velmor"]) == "person"
    county = [NameMention(0, 9, "PER"), NameMention(20, 26, "LOC"), NameMention(40, 46, "LOC")]
    assert entity_type(county, ["Jackson County", "Jackson", "Jackson"]) == "place"
    no_first_name = [
        NameMention(0, 9, "PER"),
        NameMention(20, 26, "LOC"),
        NameMention(40, 46, "LOC"),
    ]
    assert entity_type(no_first_name, ["Qzx Velmor", "Velmor", "Velmor"]) == "place"


def _in_slogan_plain(doc: TokenizedText, m: NameMention) -> bool:
    """`clean.in_slogan` the plain way (searching the line back, every word of the quote)."""
    text = doc.text
    line_start = text.rfind("\n", 0, m.start) + 1
    qpos = max(text.rfind('"', line_start, m.start), text.rfind("\u201c", line_start, m.start))
    if qpos < 0:
        return False
    before = text[line_start : m.start]
    if before.count('"') % 2 == 0 and before.count("\u201c") <= before.count("\u201d"):
        return False
    close = doc.next_close_quote(m.end)
    if close is None:
        return False
    words = re.findall(r"[^\W_][\w'\u2019.-]*", text[qpos + 1 : close])
    if len(words) < 2 or len(words) > 8:
        return False
    content = [w for w in words if w.lower() not in ACRONYM_STOP]
    if not content or not all(w[:1].isupper() or w[:1].isdigit() for w in content):
        return False
    return low(content[-1]) not in EVENT_HEADS | ORG_HEADS


_QUOTE_PIECES = ['"', "\u201c", "\u201d", "\n", " ", "Free", "and", "Open", "Seas", "Forum", "x"]


@given(
    st.lists(st.sampled_from(_QUOTE_PIECES), max_size=40).map("".join),
    st.integers(0, 200),
    st.integers(1, 30),
)
@settings(max_examples=500, deadline=None)
def test_slogan_check_by_quote_positions_agrees_with_the_plain_search(
    text: str, at: int, length: int
) -> None:
    doc = TokenizedText(text, [])
    start = min(at, len(text))
    m = NameMention(start, min(len(text), start + length), "ORG")
    plain = _in_slogan_plain(doc, m)
    assert clean.in_slogan(doc, m) == plain
    # the shortcut build_entities takes: the text's quotes found once (clean.QuoteLines)
    assert clean.in_slogan(doc, m, clean.QuoteLines(text)) == plain


def _tok_range_plain(doc: TokenizedText, a: int, b: int) -> list[int]:
    """`TokenizedText.tok_range` by two bisections, as it was first written."""
    starts, ends = doc.starts, doc.ends
    n = len(starts)
    c = max(0, bisect_right(starts, a) - 1)
    if a < len(doc.text) and c < n and starts[c] < a < ends[c]:
        return []
    i = bisect_right(starts, a - 1)
    j = i
    while j < n and ends[j] <= b:
        j += 1
    return list(range(i, j))


@given(st.lists(st.sampled_from(_TEXT_PIECES), max_size=20).map("".join))
@settings(max_examples=300, deadline=None)
def test_token_ranges_by_one_bisection_agree_with_two(text: str) -> None:
    doc = TokenizedText(text, [])
    for a in range(len(text) + 2):
        for b in range(a, len(text) + 2):
            assert doc.tok_range(a, b) == _tok_range_plain(doc, a, b)


def _link_name_parts_plain(
    uf: UnionFind,
    ms: list[NameMention],
    surf: list[str],
    words: list[tuple[str, ...]],
    name_words: list[tuple[str, ...]],
) -> None:
    """`link._link_name_parts` group by group: the roots of each full-name group the short
    name fits, and the nearest member before it of each group in the pool."""
    is_person = [m.ner == "PER" or m.honorific for m in ms]
    fulls: dict[tuple[str, ...], list[int]] = {}
    for j, fp in enumerate(name_words):
        if is_person[j] and len(fp) >= 2 and low(words[j][-1]) not in ORG_SUFFIXES:
            fulls.setdefault(fp, []).append(j)
    for i, s in enumerate(surf):
        if not is_person[i] and (country_of(s) or len(words[i]) > 1):
            continue
        parts = name_words[i]
        if not parts:
            continue
        fits = [fp for fp in fulls if _fits_first_word(parts, fp) and link._fuller_name(parts, fp)]
        if suffix_of(parts) is None and any(suffix_of(fp) is None for fp in fits):
            fits = [fp for fp in fits if suffix_of(fp) is None]  # "Berg" is not "Berg Jr."
        groups = [(fulls[fp], key(parts[-1]) == key(link._real(fp)[-1])) for fp in fits]
        if not groups:
            continue
        if not is_person[i] and known_type(s) not in (None, EntityType.PERSON):
            groups = [g for g in groups if g[1]]  # a known place is a family name only
            if not groups:
                continue
        roots = {uf.find(j) for idx, _ in groups for j in idx}
        if len(roots) == 1:
            uf.union(i, next(iter(roots)))
            continue
        pool = [idx for idx, last in groups if last] or [idx for idx, _ in groups]
        members = sorted((ms[j].start, j) for idx in pool for j in idx)
        before = [b for b in members if b[0] < ms[i].start]
        if before:
            latest = before[-1][0]
            j = min(b[1] for b in before if b[0] == latest)
        else:
            j = members[0][1]
        uf.union(i, j)


def _fits_first_word(parts: tuple[str, ...], fp: tuple[str, ...]) -> bool:
    """The index `_link_name_parts` looks full names up by: a word with the key of the short
    name's first word, or for an initial, a word (not an initial) with its letter."""
    first = parts[0]
    return any(key(w) == key(first) for w in fp) or (
        is_initial(first) and any(not is_initial(w) and w[:1] == first[:1] for w in fp)
    )


_NAMES = ["Anna Berg", "Olaf Berg", "Berg", "Anna", "A. Berg", "Mr. Berg", "Olaf", "Anna Lind"]
_NAMES += ["Lind", "Berg Holding", "Anna Berg Jr.", "O. Lind", "Olaf Anna Berg"]


@given(st.lists(st.tuples(st.sampled_from(_NAMES), st.sampled_from(["PER", "ORG"])), max_size=24))
@settings(max_examples=500, deadline=None)
def test_name_parts_link_as_they_do_group_by_group(names: list[tuple[str, str]]) -> None:
    # Several people share name parts ("Berg", "Anna"), so the nearest-before rule decides.
    text = " , ".join(name for name, _ in names)
    ms, pos = [], 0
    for name, kind in names:
        ms.append(NameMention(pos, pos + len(name), kind))
        pos += len(name) + 3
    surf = [m.surface(text) for m in ms]
    words = [split_words(s) for s in surf]
    parts = [person_name(s) for s in surf]
    full = [
        tuple(p) if m.ner == "PER" and len(p) >= 2 else None for m, p in zip(ms, parts, strict=True)
    ]
    fast, plain = UnionFind(len(ms), full), UnionFind(len(ms), full)
    # no pronoun nor honorific in the text: the sex of no mention is known, as in the plain way
    link._link_name_parts(TokenizedText(text, []), fast, ms, surf, words, parts)
    _link_name_parts_plain(plain, ms, surf, words, parts)
    assert [fast.find(i) for i in range(len(ms))] == [plain.find(i) for i in range(len(ms))]
