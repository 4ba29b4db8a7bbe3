"""Generated news articles for the library's benchmarks and tests: no corpus needed.

    python benchmarks/library_articles.py OUT_DIR [--count 1000] [--seed 0] [--size 5000]

Each article is a plain-text news story of about `--size` bytes (5 KB by default): a headline,
a dateline, then paragraphs of reporting and attributed quotes about one topic. People (a
first name from the US Census lists the analysis ships and a surname from a fixed list),
their roles, organisations and places are drawn from shared pools with Zipf-like weights, so
that some people appear in many articles and most in few, as in a real reading list; topic
words come from the common-word dictionary the analysis ships. The same seed gives the same
bytes. Nothing here is real: the names are combinations, the stories are made up.
"""

from __future__ import annotations

import argparse
import random
import sys
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "briefing" / "analysis" / "entities" / "data"

SURNAMES = """
Abbott Acosta Adeyemi Alvarez Andersen Aoki Arslan Bakker Banerjee Barros Becker Bergstrom
Bianchi Blackwood Bouchard Brennan Caldwell Castillo Chandra Chen Costa Dalton Delgado Dimitrov
Dubois Eriksen Farouk Fernandes Fischer Fitzgerald Gallagher Garner Gomez Grant Haddad Halvorsen
Hartley Hashimoto Herrera Holloway Ibrahim Iqbal Jansen Jaramillo Kagame Kapoor Kaplan Kato
Keller Kowalski Kumar Laine Lambert Larsen Lindqvist Lopez Lucero Mahlaba Marchetti Markovic
Mbeki Medina Mendes Mercer Mokoena Moreau Morrison Nakamura Navarro Ndlovu Nielsen Novak Nwosu
Okafor Okonkwo Olsen Ortega Osei Park Pereira Petrov Pham Quinn Rahman Ramos Reyes Rinaldi
Rojas Rossi Saito Salazar Sandoval Schmidt Serrano Shah Silva Sorensen Stavros Sullivan Suzuki
Takahashi Tanaka Teixeira Thornton Torres Tran Underwood Valdez Vargas Vasquez Verma Vogel
Wagner Walsh Watanabe Weber Whitlock Wojcik Yamamoto Yilmaz Zamora Zhang Zielinski
""".split()

ROLES = """
chief executive|finance minister|foreign minister|spokeswoman|spokesman|chief economist|
director|senior analyst|deputy governor|chairwoman|chairman|mayor|defence secretary|
trade representative|board member|lead negotiator|general counsel|policy adviser|
ambassador|research fellow|union leader|port engineer|health commissioner|governor
""".replace("\n", "").split("|")

ORG_HEADS = """
Authority|Agency|Institute|Council|Commission|Bank|Group|Holdings|Foundation|Union|Ministry of
Trade|Ministry of Health|Ministry of Finance|Ministry of Energy|Board|Corporation|Partners|
Alliance|Federation|Trust|Port Authority|Development Bank|Research Centre
""".replace("\n", "").split("|")

ORG_NAMES = """
Northbridge Meridian Calloway Halvard Eastmoor Silverline Orion Kestrel Brightwater Highgate
Redstone Larkspur Ashford Pinecrest Tidewater Westhaven Granite Bluepeak Harborview Ironwood
Summit Falcon Cedar Beacon Crescent Horizon Keystone Lakeside Marlow Oakridge
""".split()

PLACES = """
Lagos|Nairobi|Jakarta|Manila|Lima|Bogota|Santiago|Oslo|Helsinki|Lisbon|Porto|Valencia|Seville|
Lyon|Marseille|Hamburg|Munich|Vienna|Prague|Warsaw|Krakow|Budapest|Bucharest|Sofia|Athens|
Istanbul|Ankara|Cairo|Tunis|Casablanca|Accra|Dakar|Kampala|Addis Ababa|Johannesburg|Cape Town|
Mumbai|Delhi|Chennai|Dhaka|Karachi|Colombo|Bangkok|Hanoi|Seoul|Busan|Osaka|Sapporo|Taipei|
Brisbane|Perth|Auckland|Wellington|Toronto|Montreal|Vancouver|Chicago|Denver|Houston|Boston|
Seattle|Atlanta|Mexico City|Monterrey|Havana|Quito|Montevideo|Rotterdam|Antwerp|Geneva|Zurich
""".replace("\n", "").split("|")

WEEKDAYS = "Monday Tuesday Wednesday Thursday Friday Saturday Sunday".split()
MONTHS = (
    "January February March April May June July August September October November December".split()
)


@cache
def _words() -> tuple[list[str], list[str]]:
    """(first names, common words) from the lists the analysis ships."""
    first: list[str] = []
    common: list[str] = []
    section = ""
    for line in (DATA / "person_names.txt").read_text("utf-8").splitlines():
        if line.startswith("#") or not line.strip():
            continue
        if line.startswith("["):
            section = line.strip("[]")
        elif section in ("female", "male") and len(line) > 2:
            first.append(line.strip().capitalize())
    for line in (DATA / "common_words.txt").read_text("utf-8").splitlines():
        word = line.strip()
        if word and not line.startswith("#") and word.isalpha() and 4 <= len(word) <= 11:
            common.append(word)
    return first[:1500], common


class Pools:
    """The shared people, organisations and places every article draws from."""

    def __init__(self, seed: int, people: int = 2000, organisations: int = 400) -> None:
        rng = random.Random(f"pools-{seed}")
        first, words = _words()
        names: set[str] = set()
        while len(names) < people:
            names.add(f"{rng.choice(first)} {rng.choice(SURNAMES)}")
        self.people = sorted(names)
        rng.shuffle(self.people)
        self.roles = {person: rng.choice(ROLES) for person in self.people}
        orgs: set[str] = set()
        while len(orgs) < organisations:
            orgs.add(f"{rng.choice(ORG_NAMES)} {rng.choice(ORG_HEADS)}")
        self.organisations = sorted(orgs)
        rng.shuffle(self.organisations)
        self.places = list(PLACES)
        rng.shuffle(self.places)
        self.words = words

    @staticmethod
    def zipf(rng: random.Random, items: list[str]) -> str:
        """An item, the first ones far more often (weight 1/rank)."""
        n = len(items)
        # inverse of the harmonic CDF, roughly: rank ~ n ** u
        rank = int(n ** rng.random()) - 1
        return items[min(max(rank, 0), n - 1)]


def article(index: int, pools: Pools, seed: int = 0, size: int = 5000) -> str:
    """Article `index`: a headline, a dateline and paragraphs, about `size` characters."""
    rng = random.Random(f"article-{seed}-{index}")
    people = list(dict.fromkeys(pools.zipf(rng, pools.people) for _ in range(rng.randint(3, 6))))
    orgs = list(dict.fromkeys(pools.zipf(rng, pools.organisations) for _ in range(3)))
    places = list(dict.fromkeys(pools.zipf(rng, pools.places) for _ in range(3)))
    topic = [rng.choice(pools.words) for _ in range(24)]

    def word() -> str:
        return rng.choice(topic) if rng.random() < 0.6 else rng.choice(pools.words)

    def phrase(n: int) -> str:
        return " ".join(word() for _ in range(n))

    def surname(person: str) -> str:
        return person.split()[-1]

    introduced: set[str] = set()

    def who(person: str) -> str:
        if person in introduced:
            return rng.choice((surname(person), f"Ms. {surname(person)}", surname(person)))
        introduced.add(person)
        org = rng.choice(orgs)
        return f"{person}, the {pools.roles[person]} of the {org},"

    def sentence() -> str:
        person = rng.choice(people)
        kind = rng.random()
        if kind < 0.25:
            said = phrase(rng.randint(6, 12)).capitalize()
            name = who(person).rstrip(",")
            return f"“{said}, and the {word()} will {word()} the {word()},” said {name}."
        if kind < 0.45:
            return (
                f"The {rng.choice(orgs)} said on {rng.choice(WEEKDAYS)} that the {phrase(2)} "
                f"in {rng.choice(places)} would {word()} by {rng.randint(2, 40)} percent."
            )
        if kind < 0.6:
            return (
                f"{who(person).rstrip(',')} has argued for {phrase(3)} since "
                f"{rng.choice(MONTHS)} {rng.randint(2009, 2025)}."
            )
        if kind < 0.75:
            return (
                f"Officials in {rng.choice(places)} expect the {phrase(2)} to {word()} "
                f"the {phrase(2)} before the {word()} talks."
            )
        return f"The {phrase(2)} {word()}s the {phrase(3)}, according to {rng.choice(orgs)}."

    place = places[0]
    headline = f"{topic[0].capitalize()} {topic[1]} plan tests {surname(people[0])} in {place}"
    paragraphs: list[str] = []
    length = len(headline)
    first = f"{place.upper()} — {sentence()} {sentence()}"
    paragraphs.append(first)
    length += len(first)
    while length < size - 200:
        paragraph = " ".join(sentence() for _ in range(rng.randint(2, 4)))
        paragraphs.append(paragraph)
        length += len(paragraph) + 2
    return headline + "\n\n" + "\n\n".join(paragraphs) + "\n"


def write_articles(
    out: Path, count: int, seed: int = 0, size: int = 5000, start: int = 0
) -> list[Path]:
    """Write articles `start`..`start + count - 1` to `out` (one file each); returns their paths."""
    out.mkdir(parents=True, exist_ok=True)
    pools = Pools(seed)
    paths = []
    for index in range(start, start + count):
        path = out / f"article-{index:05d}.txt"
        path.write_text(article(index, pools, seed, size), encoding="utf-8")
        paths.append(path)
    return paths


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--size", type=int, default=5000)
    args = parser.parse_args(argv)
    paths = write_articles(args.out, args.count, args.seed, args.size)
    total = sum(p.stat().st_size for p in paths)
    print(f"wrote {len(paths)} articles, {total / len(paths):,.0f} bytes each on average")
    return 0


if __name__ == "__main__":
    sys.exit(main())
