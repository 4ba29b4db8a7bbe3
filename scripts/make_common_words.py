"""Build briefing/analysis/entities/data/common_words.txt: English words written in lower case.

    python scripts/make_common_words.py [WORDLIST] [OUT]

WORDLIST is Debian's `wamerican-small` word list (`/usr/share/dict/american-english-small`,
package version 2020.12.07-2; `apt-get install wamerican-small`): SCOWL size 35, by Kevin
Atkinson (upstream `en-wl/wordlist`, http://wordlist.sourceforge.net/). Its words come from
public-domain lists (Brian Kelk's UK English word list with frequency classes, Alan Beale's
12Dicts) with inflections added through WordNet; the copyright notices it asks for are in
`briefing/analysis/DATA.md`.

Kept: the entries written wholly in lower-case ASCII letters (a capitalised entry is a proper
name), two letters or more, one a line, sorted. The entity rules use them to tell a
capitalised common word ("Sorry", "Nationally") from a name.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

WORDLIST = Path("/usr/share/dict/american-english-small")
OUT = Path(__file__).resolve().parents[1] / "briefing/analysis/entities/data/common_words.txt"
HEADER = """\
# English words written in lower case (SCOWL size 35 as Debian's wamerican-small 2020.12.07-2
# ships it; public-domain word lists, SCOWL Copyright 2000-2011 by Kevin Atkinson, WordNet 1.6
# Copyright 1997 by Princeton University: see briefing/analysis/DATA.md). Made by
# scripts/make_common_words.py.
"""


def main() -> int:
    source = Path(sys.argv[1]) if len(sys.argv) > 1 else WORDLIST
    out = Path(sys.argv[2]) if len(sys.argv) > 2 else OUT
    words = {w for w in source.read_text(encoding="utf-8").split() if re.fullmatch(r"[a-z]{2,}", w)}
    out.write_text(HEADER + "\n".join(sorted(words)) + "\n", encoding="utf-8")
    print(f"{len(words)} words -> {out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
