"""Build briefing/analysis/entities/data/person_names.txt: first names by sex, and surnames.

    python scripts/make_name_lists.py --mirrors DIR [OUT]

DIR holds bare clones named OWNER+NAME (a `repo` folder each). The source is
`treyhunner/names` @ c485a4350e84d77836ccd36c628296beb1aec05f (MIT code; its data files
`names/dist.female.first`, `names/dist.male.first` and `names/dist.all.last` are the 1990 US
Census name frequencies, public domain, as its README states). Read with `git show` at that
commit, so a rebuild gives the same file.

Output, under a heading per list: `[female]` and `[male]`, the first names whose share among
women (men) is at least `DOMINANT` times their share among men (women); `[unisex]` the others
listed for both; `[surnames]` the `SURNAMES` most frequent surnames. All in lower case, one a
line, sorted.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

REPO = "treyhunner+names"
COMMIT = "c485a4350e84d77836ccd36c628296beb1aec05f"
OUT = Path(__file__).resolve().parents[1] / "briefing/analysis/entities/data/person_names.txt"
DOMINANT = 4.0
"""How many times more frequent among one sex a first name must be to be that sex's."""
SURNAMES = 20_000


def read(mirrors: Path, path: str) -> list[tuple[str, float]]:
    out = subprocess.run(
        ["git", f"--git-dir={mirrors / REPO / 'repo'}", "show", f"{COMMIT}:{path}"],
        check=True,
        capture_output=True,
    )
    rows = []
    for line in out.stdout.decode("ascii").splitlines():
        fields = line.split()
        if len(fields) == 4:
            rows.append((fields[0].lower(), float(fields[1])))
    return rows


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("out", type=Path, nargs="?", default=OUT)
    parser.add_argument("--mirrors", type=Path, required=True, help="bare clones OWNER+NAME/repo")
    args = parser.parse_args()
    female = dict(read(args.mirrors, "names/dist.female.first"))
    male = dict(read(args.mirrors, "names/dist.male.first"))
    lists: dict[str, set[str]] = {"female": set(), "male": set(), "unisex": set()}
    for name in female.keys() | male.keys():
        f, m = female.get(name, 0.0), male.get(name, 0.0)
        # a name in one list only, or far more frequent in it (a share of 0.000 is below 0.0005)
        if f >= DOMINANT * max(m, 0.0005) or name not in male:
            lists["female"].add(name)
        elif m >= DOMINANT * max(f, 0.0005) or name not in female:
            lists["male"].add(name)
        else:
            lists["unisex"].add(name)
    surnames = [name for name, _ in read(args.mirrors, "names/dist.all.last")[:SURNAMES]]
    header = (
        "# First names by sex and frequent surnames, lower case, from the 1990 US Census name\n"
        "# lists (public domain) as `treyhunner/names` ships them; made by\n"
        "# scripts/make_name_lists.py (see briefing/analysis/DATA.md).\n"
    )
    body = "".join(
        f"[{k}]\n" + "".join(n + "\n" for n in sorted(v))
        for k, v in [*lists.items(), ("surnames", set(surnames))]
    )
    args.out.write_text(header + body, encoding="utf-8")
    sizes = {k: len(v) for k, v in lists.items()}
    print(f"{sizes}, {len(surnames)} surnames -> {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
