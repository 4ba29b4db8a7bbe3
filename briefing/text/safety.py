"""Make untrusted text safe to show: nothing in a file, a note or a file name may reach a
terminal as a command, and nothing the writer wrote is silently dropped.

Every way text leaves briefing goes through one of these:

- `sanitize`: a document's text (and a quote of it). Complete terminal escape sequences (CSI,
  and OSC/DCS/SOS/PM/APC strings that end on their own line) are removed, since they carry no
  text; every other control character becomes a visible placeholder (the Unicode "control
  picture" for C0 and DEL, U+FFFD for C1 and lone surrogates). Line ends become "\\n" and tabs
  are expanded, so that offsets and widths stay simple.
- `clean_note`: what a user writes (notes, tags): the same, but tabs are kept.
- `shown`: a name or message on one line (file names, errors): controls, line breaks,
  bidirectional overrides, zero-width characters and undecodable bytes become visible escapes
  (`\\x1b`, `\\u202e`), so a file name can neither act on the terminal nor pretend to be
  another.
- `json_safe`: JSON text: the C1 controls and lone surrogates that `json.dumps` leaves raw
  become `\\u` escapes.

A C1 character never introduces a sequence here: in decoded text it is almost always mojibake
(UTF-8 read as Windows-1252 turns "”" into "â€" + U+009D), and treating it as the start of
an 8-bit string once deleted whole paragraphs.
"""

from __future__ import annotations

import re

MAX_STRING_SEQUENCE = 4096
"""Longest OSC/DCS/SOS/PM/APC string removed as a sequence; a longer or unterminated one is
shown as text, so that a stray `ESC ]` can never swallow what follows it."""

_ESCAPE_SEQUENCE = re.compile(
    r"""
      \x1b\[[\x30-\x3f]{0,32}[\x20-\x2f]{0,4}[\x40-\x7e]     # CSI: parameters, final
    | \x1b[\]PX^_][^\x07\x1b\x9c\n]{0,LIMIT}(?:\x07|\x1b\\|\x9c)  # OSC DCS SOS PM APC strings
    | \x1b[\x20-\x2f]{0,4}[\x30-\x7e]                     # other escapes: ESC, final
    """.replace("LIMIT", str(MAX_STRING_SEQUENCE)),
    re.VERBOSE,
)
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")
_LINE_BREAKS = re.compile(r"\r\n?|[\u2028\u2029\x0b\x0c\x85]")
_SURROGATE = re.compile(r"[\ud800-\udfff]")


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
"""Every character `sanitize` changes, but surrogates (checked apart)."""


def _needs_work(text: str) -> bool:
    # One fast substring scan per character beats one regex scan over a long text by far.
    if any(c in text for c in _SPECIAL):
        return True
    return not text.isascii() and _SURROGATE.search(text) is not None


def _clean(text: str, *, expand_tabs: bool) -> str:
    if not _needs_work(text):
        return text  # the common case: nothing to change, no copies
    text = _LINE_BREAKS.sub("\n", text)
    if "\x1b" in text:
        text = _ESCAPE_SEQUENCE.sub("", text)
    if expand_tabs and "\t" in text:
        text = "\n".join(line.expandtabs(4) for line in text.split("\n"))
    return _CONTROL.sub(_placeholder, text)


def sanitize(text: str) -> str:
    """`text` with normalised line ends and no character a terminal would act on; no letter of
    it is lost (only complete escape sequences are removed)."""
    return _clean(text, expand_tabs=True)


def clean_note(text: str) -> str:
    """What a user wrote (a note, a tag) made safe like document text, tabs kept."""
    return _clean(text, expand_tabs=False)


def safe_output(text: str) -> str:
    """What briefing writes (to a terminal or a file), checked once more whatever it was built
    from: no control character but newline and tab, no lone surrogate. A no-op (one scan) on
    text built from sanitised parts."""
    return clean_note(text) if _CONTROL.search(text) else text


def is_safe(text: str, *, tabs: bool = False) -> bool:
    """True when `text` holds no control character but newline (and tab, if `tabs`), no escape
    and no lone surrogate: what `sanitize` (and `clean_note`) guarantee."""
    if not tabs and "\t" in text:
        return False
    return _CONTROL.search(text) is None


# ------------------------------------------------------------------ one-line names and messages

_INVISIBLE = re.compile(
    "[\x00-\x1f\x7f-\x9f\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2069\u2028\u2029\ufeff"
    "\ud800-\udfff]"
)
"""Controls, line breaks, bidirectional marks and overrides, zero-width characters, and lone
surrogates (an undecodable byte of a file name, as Python's surrogateescape keeps it)."""


def _escaped(match: re.Match[str]) -> str:
    code = ord(match.group())
    if 0xDC80 <= code <= 0xDCFF:  # a byte of a file name that is not UTF-8
        return f"\\x{code - 0xDC00:02x}"
    if code <= 0xFF:
        return f"\\x{code:02x}"
    return f"\\u{code:04x}"


def shown(text: str) -> str:
    """`text` on one line with everything invisible or acting made visible as an escape."""
    return _INVISIBLE.sub(_escaped, text)


_JSON_RAW = re.compile("[\x7f-\x9f\u2028\u2029\ud800-\udfff]")


def json_safe(text: str) -> str:
    """JSON text (from `json.dumps(..., ensure_ascii=False)`) with the characters it leaves raw
    and a terminal or a strict UTF-8 writer would choke on written as `\\u` escapes. Valid
    JSON either way: these characters can only stand inside strings."""
    return _JSON_RAW.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
