"""General English / news word lists the entity rules consult.

Kept as Python constants (not data files) so they are type-checked, importable without I/O and
reviewed alongside the rules that use them. Nothing here comes from any particular article.
"""

from __future__ import annotations

HONORIFICS: frozenset[str] = frozenset(
    """
    mr mrs ms miss mx dr messrs mme mlle herr
    """.split()
)
# Ranks / offices that are written in front of a name.
CORE_TITLES: frozenset[str] = frozenset(
    """
    president vice-president minister premier secretary chancellor senator sen rep
    representative congressman congresswoman lawmaker legislator gov governor mayor judge
    justice king queen prince princess pope emperor empress general gen lieutenant lt
    colonel col major maj captain capt sergeant sgt corporal cpl private pvt admiral adm
    commander cmdr commandant ambassador envoy consul chairman chairwoman chairperson chair
    ceo cfo coo cto founder co-founder cofounder owner publisher editor spokesman
    spokeswoman spokesperson coach manager leader chief head commissioner director sheikh
    rev reverend father bishop archbishop cardinal rabbi imam speaker officer official
    deputy attorney prosecutor counsel adviser advisor aide analyst professor prof
    researcher scientist economist strategist expert fellow scholar historian author writer
    journalist reporter correspondent columnist commentator diplomat negotiator activist
    lawyer candidate nominee mp mep dean provost superintendent inspector detective sheriff
    constable marshal pilot veteran executive president-elect premier-elect undersecretary
    under-secretary sir dame lord lady baron baroness duke duchess count countess treasurer
    comptroller auditor registrar clerk whip partner principal cabinet
    """.split()
)
# Words that qualify a title ("Defense Secretary", "former Vice President", "Minister of Defense").
TITLE_QUALIFIERS: frozenset[str] = frozenset(
    """
    former acting interim then then- incoming outgoing retired late current vice deputy
    assistant associate senior junior chief executive principal prime foreign defense
    defence finance financial state interior home justice trade economy economic economics
    security national homeland commerce treasury energy health education labor labour
    agriculture transport transportation environment environmental army navy naval air force
    forces marine marines corps joint staff chiefs cabinet party policy military
    intelligence information communications technology science culture sports tourism
    industry development affairs relations war peace general attorney solicitor surgeon
    supreme high federal regional provincial district county city municipal majority
    minority opposition ruling top operating managing technical research political news
    press public foreign-policy defense-policy us of the for and & on to at in house senate
    parliamentary legislative white member members committee council board ministry
    department office bureau agency government administration maritime ground coast guard
    central command fleet division brigade regiment battalion unit special ex ex-
    """.split()
)
# Department / portfolio words which, with titles, make a "title on its own" mention.
DEPT_WORDS: frozenset[str] = frozenset(
    """
    defense defence foreign finance state interior home justice trade economy security
    homeland commerce treasury energy health education labor labour agriculture transport
    transportation environment affairs prime vice deputy assistant chief executive general
    senior acting former national cabinet of the and for &
    """.split()
)
WEEKDAYS: frozenset[str] = frozenset(
    """
    monday tuesday wednesday thursday friday saturday sunday mon tue tues wed thu thur thurs
    fri sat sun
    """.split()
)
MONTHS: frozenset[str] = frozenset(
    """
    january february march april may june july august september october november december
    jan feb mar apr jun jul aug sep sept oct nov dec
    """.split()
)
HOLIDAYS: frozenset[str] = frozenset(
    """
    christmas easter thanksgiving ramadan eid hanukkah diwali halloween passover lent advent
    boxing xmas
    """.split()
) | {"new year", "new year's"}
# Closed-class words and sentence adverbs: never the first word of a name.
STOPWORDS: frozenset[str] = frozenset(
    """
    a an the and but or nor so yet for if when while as after before since because although
    though unless until whether in on at by with without from to into onto of off over under
    about above below between among amid against during through across beyond within toward
    towards upon unlike like despite per this that these those it its he she they we i you
    his her their our my your there here then now still also even only just meanwhile
    however moreover furthermore indeed instead yesterday today tomorrow last next both
    either neither each every all some many most more few several such no not what which who
    whom whose where why how asked says said according once already again perhaps maybe yes
    thus hence whereas besides
    """.split()
)
# Head words of events, agreements, exercises and forums.
EVENT_HEADS: frozenset[str] = frozenset(
    """
    agreement agreements framework treaty treaties accord accords pact pacts dialogue summit
    summits exercise exercises drill drills conference initiative talks convention
    protocol declaration charter guidelines communique communiqué meeting congress games
    olympics olympiad cup championship championships tournament festival expo exposition war
    revolution crisis election elections referendum operation campaign act plan deal
    negotiations consultations symposium workshop meet rally marathon open series week day
    ceremony memorandum mou partnership strategy doctrine round process offensive invasion
    uprising massacre attack attacks bombing earthquake hurricane typhoon storm disaster
    amendment amendments
    """.split()
) | {"grand prix"}
# Lower-case nouns that, written right after a name, make it the name of an exercise/operation.
EVENT_CUES_AFTER: frozenset[str] = frozenset(
    """
    exercise exercises drill drills wargame wargames war-games maneuvers manoeuvres
    operation
    """.split()
)
# Heads that name bodies as often as gatherings ("Pacific Islands Forum"): event only when the
# tagger did not call the name an organisation.
AMBIGUOUS_EVENT_HEADS: frozenset[str] = frozenset(
    """
    dialogue congress partnership conference convention initiative
    """.split()
)
# Words whose plural-geography mention "Xs" names the same thing as "X Islands".
GEO_PLURALS: tuple[str, ...] = (
    "Islands",
    "Isles",
    "Mountains",
    "Hills",
    "Lakes",
    "Keys",
    "Falls",
    "Heights",
    "Reefs",
)
GEO_PREFIXES: frozenset[str] = frozenset(
    """
    mount mt lake river cape port fort gulf bay isle sea strait straits
    """.split()
)
GEO_HEADS: frozenset[str] = frozenset(
    """
    island islands isles river sea strait straits bay peninsula mountains mountain ocean
    valley province prefecture county district region desert canal gulf lake reef atoll
    archipelago coast plateau basin delta
    """.split()
)
ORG_HEADS: frozenset[str] = frozenset(
    """
    ministry department agency command forces force army navy council committee commission
    party university institute bank company corporation group association union federation
    organization organisation office bureau service court parliament assembly government
    administration fund foundation center centre corps guard police authority board club
    team network forum
    """.split()
)
ORG_SUFFIXES: frozenset[str] = frozenset(
    """
    inc corp corporation co company ltd limited llc plc group holdings ag sa nv gmbh lp llp
    bhd pte kk
    """.split()
)
# "Ministry of Defense" <-> "Defense Ministry"
OF_HEADS: frozenset[str] = frozenset(
    """
    ministry department bureau office agency bank university institute council commission
    college school museum committee board academy court minister secretary house chamber
    federation union association
    """.split()
)
ACRONYM_STOP: frozenset[str] = frozenset(
    """
    of the and for on in to at a an & de du des la le der und
    """.split()
)
RELATIVES: frozenset[str] = frozenset(
    """
    who which that whose whom where when while and but
    """.split()
)
REPORTING: frozenset[str] = frozenset(
    """
    said says told added noted argued wrote explained warned insisted stressed asked replied
    according is was has had will would are were have did does can could may might
    """.split()
)
SPEECH_VERBS: frozenset[str] = frozenset(
    """
    said says told added noted argued wrote explained warned insisted stressed replied asked
    announced declined agreed believes thinks urged
    """.split()
)
PUNCT_STOP: frozenset[str] = frozenset(
    {
        ",",
        ";",
        ":",
        ")",
        "(",
        ".",
        "!",
        "?",
        "\u2014",
        "\u2013",
        "-",
        "--",
        '"',
        "\u201c",
        "\u201d",
    }
)
QUOTES_OPEN = "\"\u201c\u2018'"
QUOTES_CLOSE = "\"\u201d\u2019'"

NAME_SUFFIXES: frozenset[str] = frozenset(
    """
    jr sr ii iii iv phd md
    """.split()
)
