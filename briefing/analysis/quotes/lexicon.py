"""Closed word lists behind the rules (speech verbs, person titles, source nouns, stop words).

They are hand-made from PolNeAR train errors and English news style; the finder has no model
file, so every word here is a rule input. Kept apart from the regexes so a word can be added
without reading a pattern.
"""

from __future__ import annotations

_CUE_STEMS = (
    "say said says saying tell told tells telling add added adds adding "
    "ask asked asks write wrote writes written writing tweet tweeted tweets tweeting "
    "continue continued continues explain explained explains note noted notes "
    "state stated states declare declared declares argue argued argues arguing "
    "insist insisted insists recall recalled recalls reply replied replies "
    "respond responded responds warn warned warns warning claim claimed claims "
    "acknowledge acknowledged acknowledges admit admitted admits announce announced announces "
    "complain complained complains concede conceded concedes counter countered counters "
    "joke joked jokes quip quipped quips remark remarked remarks report reported reports "
    "shout shouted shouts suggest suggested suggests urge urged urges vow vowed vows "
    "post posted posts predict predicted predicts observe observed observes "
    "conclude concluded concludes boast boasted boasts brag bragged brags "
    "charge charged charges emphasize emphasized emphasizes stress stressed stresses "
    "exclaim exclaimed exclaims caution cautioned cautions muse mused muses "
    "opine opined opines plead pleaded pleads promise promised promises "
    "repeat repeated repeats retort retorted retorts yell yelled yells "
    "scream screamed screams chant chanted chanting chants declared "
    "assert asserted asserts contend contended contends describe described describes "
    "tell telling reiterate reiterated reiterates confirm confirmed confirms "
    "deny denied denies explain wonder wondered wonders read reads "
    "thunder thundered proclaim proclaimed proclaims lament lamented laments "
    "mock mocked mocks blast blasted blasts slam slammed slams "
    "point pointed points went goes go testified testify testifies "
    "interject interjected interjects chimed chime chimes agree agreed agrees "
    "begin began begins began started start starts offered offer offers "
    "wrote explained texted emailed e-mailed messaged posted reads"
).split()

# Speech-verb forms that are more often nouns or non-speech verbs ("the report", "points").
_AMBIGUOUS = frozenset(
    "state states report reports post posts charge charges remarks claims notes read reads "
    "point points go goes went start starts begin begins began started offer offers offered "
    "urge urges counter counters promise promises remark note claim chime chimes "
    "blast blasts slam slams mock mocks chant chants charge describe describes".split()
)

CUE_WORDS = frozenset(_CUE_STEMS) - _AMBIGUOUS
"""Words that mark speech: “…,” she *said*."""

SAY_INVERTIBLE = frozenset(
    "said says asked asks added adds wrote writes tweeted continued explained noted recalled "
    "replied responded insisted argued warned declared according to".split()
)
"""Cues that can precede their subject: “…,” *said* Ms. Rivera."""

CORE_TITLES = (
    "candidate nominee senator congressman congresswoman governor president "
    "mogul businessman billionaire secretary chairman chairwoman lawmaker "
    "frontrunner front-runner republican democrat mayor speaker leader "
    "candidate host star actor actress singer rapper pastor justice judge "
    "former director manager chief woman man"
).split()
"""Nominal heads that refer back to an already-named person ("the senator said")."""

SOURCE_TITLES = (
    "spokesman spokeswoman spokesperson spokespeople official officials source sources "
    "aide aides adviser advisers advisor advisors analyst analysts expert experts "
    "strategist strategists staffer staffers operative operatives insider insiders "
    "campaign committee statement report study poll survey memo letter release "
    "people person supporters supporter critics critic voters voter residents "
    "protesters protester members member researchers economists officer officers "
    "agency department administration group organization spokesmen representative "
    "representatives attorney lawyer lawyers ad ads email e-mail emails lawsuit suit complaint "
    "petition council board editorial newspaper paper column piece document transcript website "
    "site tweet narrator crowd team commission ministry company firm outlet publication "
    "magazine network filing indictment ruling order announcement message note sign headline "
    "video website friend friends neighbor relative wife husband son daughter mother father "
    "brother sister reporter reporters columnist author writer editor host protester employee "
    "worker neurosurgeon doctor physician voice-over narrator"
).split()
"""Nominal heads of (often unnamed) sources ("a police spokesman", "the statement")."""

ORG_HEADS = frozenset(
    "company firm bank network organization organisation group agency department ministry "
    "newspaper paper magazine outlet publication website site channel station broadcaster "
    "union university college institute foundation committee council board commission "
    "court party campaign administration government team retailer automaker airline "
    "insurer lender charity nonprofit association league".split()
)
"""Heads of a description that refers back to an organisation ("the company said")."""
ANY_ORG_HEADS = frozenset(
    "company firm organization organisation agency network outlet publication "
    "website site newspaper paper magazine broadcaster retailer automaker airline insurer "
    "lender charity nonprofit".split()
)
"""Of those, the heads that may refer to an organisation whose name does not contain them
("the company" is Acme Corp.); the others need their word in the name ("the bank": the
Government Development Bank; "the committee": the House Ethics Committee)."""
SPOKESPERSONS = frozenset(
    "spokesman spokeswoman spokesperson spokespeople representative representatives "
    "official officials executive executives".split()
)
"""Heads that speak for the organisation after them ("a spokesperson for Acme")."""

TITLE_HEADS = frozenset(
    "senator representative governor president secretary mayor judge justice general "
    "speaker chairman pastor director minister ambassador attorney sheriff commissioner "
    "prosecutor delegate".split()
)
"""Titles "the <title>" refers back by, to the one person the text names with it."""
TITLE_FORMS = {
    "sen.": "senator",
    "sens.": "senator",
    "rep.": "representative",
    "reps.": "representative",
    "congressman": "representative",
    "congresswoman": "representative",
    "gov.": "governor",
    "gen.": "general",
    "pres.": "president",
    "sec.": "secretary",
    "amb.": "ambassador",
    "atty.": "attorney",
    "del.": "delegate",
    "chairwoman": "chairman",
}
"""Abbreviations and variants of those titles, to one form."""

NOMINAL_HEADS = frozenset(CORE_TITLES + SOURCE_TITLES) | ORG_HEADS

BARE_NOMINALS = frozenset(
    {"officials", "sources", "aides", "analysts", "experts", "critics", "supporters"}
)
"""Plural source nouns that are speakers without a determiner ("officials said")."""

TITLE_WORDS = frozenset(
    "mr mrs ms dr sen rep gov gen lt col sgt adm prof rev president senator "
    "governor secretary minister premier sen. rep. gov. mr. mrs. ms. dr. gen. "
    "candidate nominee chairman speaker former vice democratic republican "
    "presidential state defense spokesman spokeswoman democrat gop judge pastor "
    "u.s. sens. reps. gov.".split()
)
"""Leading words stripped from a name ("Sen. Marco Rubio" is "Marco Rubio")."""

SLOT_VERBS = (
    "said says asked asks added adds told replied responded wrote writes tweeted explained "
    "noted continued argued insisted recalled warned joked"
).split()
"""Verbs whose subject slot may hold a name the tagger missed ("… Sanders asked")."""

SLOT_INVERTIBLE = frozenset(
    {
        "said",
        "says",
        "asked",
        "added",
        "wrote",
        "tweeted",
        "explained",
        "noted",
        "continued",
        "argued",
        "recalled",
        "warned",
    }
)
"""Slot verbs that may precede the name ("said Ramos")."""

CAP_STOP = frozenset(
    "The A An This That These Those It He She They We I You His Her Their Its Our But And Or So "
    "Yet In On At For From With By As If When While After Before Then Now Still Also However "
    "Asked Told Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March "
    "April May June July August September October November December Republicans Democrats "
    "Americans Officials Police Mr Mrs Ms Dr Sen Rep Gov Some Many Most Others "
    "Both One Two Three Everyone Nobody Who What Why How Where There Here Later Earlier Today "
    "Yesterday Tonight Last Next Just Even Only Moreover Meanwhile Instead Indeed Furthermore "
    "Nevertheless Nonetheless Regardless Besides Thus Hence Otherwise Overall Finally First "
    "Second Third Again Though Although Because Since Unlike Asked Speaking Writing According "
    "Like Among Despite During Under Over".split()
)
"""Capitalised words that are not names (sentence openers, weekdays, months, groups)."""
