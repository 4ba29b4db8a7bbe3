"""Make untrusted text safe to show: nothing in a file may reach the terminal as a command.

Terminal escape sequences (CSI, OSC, DCS, and their 8-bit forms) are removed whole, since they
carry no text. Any other control character becomes a visible placeholder (the Unicode "control
picture" for C0 and DEL, U+FFFD for C1), so the reader sees that something was there. Line
endings are normalised to "\\n" and tabs expanded, so that offsets and widths are simple.
"""

from __future__ import annotations

import re

# ESC-introduced sequences: CSI (ESC [ ... final), OSC/DCS/SOS/PM/APC strings (terminated by BEL or
# ST), and two-character escapes (ESC + intermediates + final). 8-bit CSI (0x9b) and OSC/DCS
# strings (0x9d, 0x90, 0x98, 0x9e, 0x9f, terminated by BEL or 0x9c) likewise.
_ESCAPE_SEQUENCE = re.compile(
    r"""
      \x1b\[[\x30-\x3f]*[\x20-\x2f]*[\x40-\x7e]?          # CSI
    | \x1b[\]PX^_][^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)?    # OSC, DCS, SOS, PM, APC
    | \x1b[\x20-\x2f]*[\x30-\x7e]?                         # other escapes (or a lone ESC)
    | \x9b[\x30-\x3f]*[\x20-\x2f]*[\x40-\x7e]?             # 8-bit CSI
    | [\x90\x98\x9d\x9e\x9f][^\x07\x1b\x9c]*(?:\x07|\x9c)?  # 8-bit strings
    """,
    re.VERBOSE,
)
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\x80-\x9f]")
_LINE_BREAKS = re.compile(r"\r\n?|[\u2028\u2029\x0b\x0c\x85]")


def _placeholder(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code < 0x20:
        return chr(0x2400 + code)
    if code == 0x7F:
        return "\u2421"
    return "\ufffd"


_SPECIAL = tuple(
    chr(c) for c in (*range(0x0A), *range(0x0B, 0x20), *range(0x7F, 0xA0), 0x2028, 0x2029)
)
"""Every character `sanitize` changes."""


def _needs_work(text: str) -> bool:
    # One fast substring scan per character beats one regex scan over a long text by far.
    return any(c in text for c in _SPECIAL)


def sanitize(text: str) -> str:
    """Return `text` with normalised line ends and no character a terminal would act on."""
    if not _needs_work(text):
        return text  # the common case: nothing to change, no copies
    text = _LINE_BREAKS.sub("\n", text)
    text = _ESCAPE_SEQUENCE.sub("", text)
    if "\t" in text:
        text = "\n".join(line.expandtabs(4) for line in text.split("\n"))
    return _CONTROL.sub(_placeholder, text)


def is_safe(text: str) -> bool:
    """True when `text` holds no control character but newline (what `sanitize` guarantees)."""
    return _CONTROL.search(text) is None and "\x1b" not in text and "\t" not in text
