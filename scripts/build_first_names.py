"""Build the first-name gender list the quote finder reads (`he said`, `she said`).

    python scripts/build_first_names.py GIT_DIR [OUT]

Source: the US Social Security Administration's national baby-name counts ("National Data on
the relative frequency of given names in the population of U.S. births where the individual has
a Social Security Number", tabulated March 7, 2021): one file per year of birth,
`yobYYYY.txt`, lines `name,sex,count`, names given to at least five babies of a sex in a year.
Read from the files `raw-data/yob1920.txt` … `raw-data/yob2020.txt` of a bare clone of
`hackerb9/ssa-baby-names` at commit 0b1a1316457d55447d1a1f7bfe57ee15e53cc2f0, which holds
the SSA's files unchanged (GIT_DIR: its git directory; a folder of yob*.txt files works too).

Licence: the counts are a work of the US federal government and in the public domain
(17 U.S.C. 105); the repository's own LGPL-2.1 covers its scripts, not the SSA's files. The
derived list is shipped in the MIT wheel as `briefing/analysis/quotes/data/first-names.txt`
(see `briefing/analysis/DATA.md`).

What is kept: births 1920–2020 (the people news quotes), summed per name and sex; a name given
to at least `MIN_BIRTHS` babies in all, at least `MIN_SHARE` of them of one sex, is written as
`Name F` or `Name M`, in name order. Names shared by both sexes (Jordan, Taylor, Robin) are
left out: the finder then reads the person's gender from the text only.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

FIRST_YEAR = 1920
LAST_YEAR = 2020
MIN_BIRTHS = 200
MIN_SHARE = 0.9
OUT = Path(__file__).resolve().parent.parent / "briefing/analysis/quotes/data/first-names.txt"
HEADER = (
    "# First names and the sex of at least 90% of the US babies given them, 1920-2020\n"
    "# (at least 200 births): US Social Security Administration national baby-name counts,\n"
    "# public domain, via hackerb9/ssa-baby-names@0b1a131. Built by scripts/build_first_names.py.\n"
)


def year_file(source: Path, year: int) -> str:
    """The text of yobYEAR.txt from a folder or a git directory."""
    plain = source / f"yob{year}.txt"
    if plain.exists():
        return plain.read_text(encoding="utf-8")
    out = subprocess.run(
        ["git", "--git-dir", str(source), "show", f"HEAD:raw-data/yob{year}.txt"],
        capture_output=True,
        text=True,
        check=True,
    )
    return out.stdout


def build(source: Path) -> list[tuple[str, str]]:
    """(name, "F" or "M") for the names kept, in name order."""
    totals: dict[str, list[int]] = {}
    for year in range(FIRST_YEAR, LAST_YEAR + 1):
        for line in year_file(source, year).splitlines():
            name, sex, count = line.strip().split(",")
            totals.setdefault(name, [0, 0])[sex == "M"] += int(count)
    kept: list[tuple[str, str]] = []
    for name in sorted(totals):
        female, male = totals[name]
        births = female + male
        if births >= MIN_BIRTHS and max(female, male) >= MIN_SHARE * births:
            kept.append((name, "F" if female > male else "M"))
    return kept


def main(argv: list[str]) -> int:
    if len(argv) not in (1, 2):
        print(__doc__, file=sys.stderr)
        return 2
    out = Path(argv[1]) if len(argv) == 2 else OUT
    kept = build(Path(argv[0]))
    out.parent.mkdir(parents=True, exist_ok=True)
    body = "".join(f"{name} {sex}\n" for name, sex in kept)
    out.write_text(HEADER + body, encoding="utf-8")
    print(f"{len(kept)} names -> {out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
