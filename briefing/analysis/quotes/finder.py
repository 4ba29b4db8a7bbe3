"""The quote finder's pipeline: spans, speech filter, cues, split quotes, speakers.

Attribution is a paragraph-level problem in news: a speaker is named once and the following
quotes in the paragraph (or the next ones) carry no cue. So cues are read for every quote
first, and speakers are then assigned in document order, carrying the last speaker forward.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass

from briefing.analysis.ner.labels import ORG, PER
from briefing.analysis.quotes.cues import Cue, left_cue, right_cue
from briefing.analysis.quotes.marks import RawQuote, doubled_apostrophes, raw_quotes
from briefing.analysis.quotes.mentions import SPEAKER_KINDS, Mention, Mentions
from briefing.analysis.quotes.patterns import (
    DASH_ATTRIBUTION_RE,
    FULL_STOP_CLOSE_RE,
    MID_SENTENCE_END_RE,
    OBJECT_PREPOSITION_BEFORE_RE,
    SENTENCE_END_IN_RE,
    SUBORDINATE_RE,
    count_words,
)
from briefing.analysis.quotes.record import QuoteRecord
from briefing.analysis.quotes.resolve import Resolved, Speaker, resolve
from briefing.analysis.quotes.sentences import sentence_start
from briefing.analysis.quotes.speech import is_speech

_MAX_SPLIT_GAP_WORDS = 14
"""Words allowed between the parts of a split quote (the attribution between them)."""
_SCARE_QUOTE_WORDS = 4
"""A quotation of at most this many words, with no sentence end in it, is a name or a scare
quote inside a sentence: the left-hand cue of a later quote may look past it."""
_CONTINUE_PARAGRAPHS = 2
"""A paragraph opening with a quote may continue the speaker of up to two paragraphs back."""


@dataclass
class _Draft:
    """A speech quote during cue reading and split-quote merging."""

    parts: list[tuple[int, int]]
    paragraph: int
    open_ended: bool
    continues: bool = False
    right: Cue | None = None
    left: Cue | None = None


@dataclass
class _Result:
    """A quote during speaker assignment."""

    start: int
    end: int
    parts: list[tuple[int, int]]
    paragraph: int
    open_ended: bool = False
    continues: bool = False
    mention: Mention | None = None
    """The mention a cue gave, to be resolved (None: no cue)."""
    speaker_start: int | None = None
    speaker_end: int | None = None
    speaker_name: str | None = None
    named: Mention | None = None
    """The name mention the speaker resolved to (None: none, or a description)."""
    cue: str | None = None
    how: str | None = None


def find_quotes(
    text: str,
    paragraphs: Sequence[tuple[int, int]],
    names: Sequence[tuple[int, int, str]],
    headline_names: Sequence[tuple[str, str]] = (),
) -> list[QuoteRecord]:
    """Direct quotations in `text` with their speakers, in text order.

    `paragraphs` are (start, end) character spans in order; `names` are (start, end, type)
    entity mentions from the NER tagger (only PER and ORG are used as speakers);
    `headline_names` the (first name, surname) of people the headline names in full.
    """
    text, closing = doubled_apostrophes(text)

    def mark_end(end: int) -> int:
        # A closing '' is read as "” ": the quote takes in the second apostrophe.
        return end + 1 if end - 1 in closing else end

    raw = raw_quotes(text, paragraphs)
    raw_starts = [r.start for r in raw]

    def in_quote(pos: int) -> bool:
        i = bisect.bisect_right(raw_starts, pos) - 1
        return i >= 0 and raw[i].start < pos < raw[i].end

    mentions = Mentions(text, names, in_quote, headline_names)
    drafts = [
        _Draft([(r.start, r.end)], r.paragraph, r.open_ended, r.continues)
        for r in raw
        if is_speech(text, r.start, r.end, paragraphs[r.paragraph][0])
    ]
    for d in drafts:
        _read_cues(text, paragraphs, raw, raw_starts, mentions, d)
    results = [_to_result(d) for d in _merge_split_quotes(text, drafts)]
    _assign_speakers(text, paragraphs, mentions, results)
    _back_fill(results)
    return [
        QuoteRecord(
            start=r.start,
            end=mark_end(r.end),
            speaker_start=r.speaker_start,
            speaker_end=r.speaker_end,
            speaker_name=r.speaker_name,
            name_start=r.named.start if r.named is not None else None,
            name_end=r.named.end if r.named is not None else None,
            cue=r.cue,
            parts=tuple((a, mark_end(b)) for a, b in r.parts),
            how=r.how,
        )
        for r in results
    ]


def _read_cues(
    text: str,
    paragraphs: Sequence[tuple[int, int]],
    raw: list[RawQuote],
    raw_starts: list[int],
    mentions: Mentions,
    d: _Draft,
) -> None:
    """Set the right and left cues of a quote, looking no further than the neighbouring
    quote marks (scare quotes included) in its paragraph."""
    qs, qe = d.parts[0]
    ps, pe = paragraphs[d.paragraph]
    i = bisect.bisect_left(raw_starts, qe)
    nxt = min(raw_starts[i], pe) if i < len(raw_starts) else pe
    j = bisect.bisect_left(raw_starts, qs) - 1
    while (
        j >= 0
        and raw[j].start >= ps
        and count_words(text[raw[j].start : raw[j].end]) <= _SCARE_QUOTE_WORDS
        and not SENTENCE_END_IN_RE.search(text, raw[j].start, raw[j].end)
    ):
        j -= 1  # a name or scare quote inside the sentence ("a “Forum” sponsored by")
    prv = raw[j].end if j >= 0 and raw[j].end <= qs and raw[j].start >= ps else ps
    # A quote whose text ends with a full stop closes its sentence: no right-hand cue
    # (except the byline dash).
    inner_end = text[max(qs, qe - 3) : qe - 1].rstrip("’' ")
    closes = inner_end.endswith(".") and not inner_end.endswith("..")
    if not d.open_ended and (not closes or DASH_ATTRIBUTION_RE.match(text, qe, nxt)):
        d.right = right_cue(text, mentions, qe, nxt)
    d.left = left_cue(text, mentions, qs, prv)


def _merge_split_quotes(text: str, drafts: list[_Draft]) -> list[_Draft]:
    """Join “…,” she said, “…”: the second part's left cue is the first part's right cue."""
    merged: list[_Draft] = []
    for q in drafts:
        if merged:
            p = merged[-1]
            pqe = p.parts[-1][1]
            qs = q.parts[0][0]
            mid = text[pqe:qs]
            stripped = mid.strip()
            tail = stripped[:-1] if stripped.endswith(",") else mid
            if (
                p.paragraph == q.paragraph
                and p.right is not None
                and q.left is not None
                and q.left[0] == p.right[0]
                and count_words(mid) <= _MAX_SPLIT_GAP_WORDS
                and not MID_SENTENCE_END_RE.search(tail)
            ):
                p.parts.append(q.parts[0])
                p.open_ended = q.open_ended
                continue
        merged.append(q)
    return merged


def _to_result(d: _Draft) -> _Result:
    """Take the right-hand cue, else the left-hand one."""
    res = _Result(d.parts[0][0], d.parts[-1][1], d.parts, d.paragraph, d.open_ended, d.continues)
    choice = d.right if d.right is not None else d.left
    if choice is not None:
        m, cword, how = choice
        res.mention = m
        res.speaker_start, res.speaker_end = m.start, m.end
        res.cue, res.how = cword, how
    return res


def _assign_speakers(
    text: str,
    paragraphs: Sequence[tuple[int, int]],
    mentions: Mentions,
    results: list[_Result],
) -> None:
    """Resolve cue mentions to names and give quotes without a cue a speaker from context."""
    last: Speaker | None = None
    for idx, res in enumerate(results):
        if res.mention is not None:
            name, kind, named = resolve(mentions, res.mention, last)
            res.speaker_name, res.named = name, named
            if name is not None:
                last = Speaker(name, kind, res.start, res.paragraph, named)
            continue
        prev = results[idx - 1] if idx > 0 else None
        if prev is not None and _goes_on(prev, res) and prev.speaker_name is not None:
            # The same quotation, into a new paragraph: the same speaker.
            res.speaker_name, res.named, res.how = prev.speaker_name, prev.named, "goes-on"
            continue
        cand = _context_speaker(text, paragraphs, mentions, results, idx, last)
        if cand is not None:
            r, m, how, cword = cand
            if r.name is None:
                continue
            res.speaker_name, res.named, res.how, res.cue = r.name, r.mention, how, cword
            if m is not None:
                res.speaker_start, res.speaker_end = m.start, m.end
            last = Speaker(r.name, r.kind, res.start, res.paragraph, r.mention)


def _goes_on(prev: _Result, res: _Result) -> bool:
    """res carries on prev's quotation: prev was left open at its paragraph's end and res
    opens the next paragraph."""
    return res.continues and prev.open_ended and prev.paragraph == res.paragraph - 1


def _back_fill(results: list[_Result]) -> None:
    """A quotation left open with no cue of its own (and no speaker, or only the previous
    quote's), whose next paragraph goes on with it and names the speaker (“… / “…,” she
    said.), takes that speaker."""
    for k in range(len(results) - 2, -1, -1):
        q, nxt = results[k], results[k + 1]
        if (
            q.mention is None
            and q.how in (None, "continue")
            and nxt.speaker_name is not None
            and (nxt.mention is not None or nxt.how == "goes-on")
            and _goes_on(q, nxt)
        ):
            q.speaker_name, q.named, q.how = nxt.speaker_name, nxt.named, "goes-on"


def _context_speaker(
    text: str,
    paragraphs: Sequence[tuple[int, int]],
    mentions: Mentions,
    results: list[_Result],
    idx: int,
    last: Speaker | None,
) -> tuple[Resolved, Mention | None, str, str | None] | None:
    """(resolved speaker, mention, rule, cue) for a quote without a cue, trying in order: a later
    attributed quote in the paragraph, an introducing paragraph ending in ":", the previous
    speaker, the previous sentence's subject, this sentence's subject."""
    res = results[idx]
    pi = res.paragraph
    ps, _ = paragraphs[pi]
    ss = sentence_start(text, res.start, ps)
    own_subject = FULL_STOP_CLOSE_RE.search(text, max(0, res.end - 3), res.end) and any(
        m.kind in SPEAKER_KINDS for m in mentions.between(ss, res.start)
    )
    for k in range(idx + 1, len(results)):  # not a slice: that would copy the rest per quote
        if own_subject:
            break  # "Japan branded it an “…” Russia insisted “…”": Japan's own sentence
        later = results[k]
        if later.paragraph != pi:
            break
        if later.mention is not None:
            r = resolve(mentions, later.mention, last)
            if r.name:
                return r, later.mention, "same-para-next", later.cue
            break
    starts_para = not text[ps : res.start].strip()
    intro = _introduction(text, paragraphs, mentions, pi) if starts_para else None
    if intro is not None:
        r = resolve(mentions, intro[0], last)
        if r.name:
            return r, intro[0], "prev-para-intro", intro[1]
    if last is not None:
        prev_colon = pi > 0 and text[slice(*paragraphs[pi - 1])].rstrip().endswith(":")
        new_person = (
            pi > 0
            and last.paragraph < pi - 1
            and bool(mentions.between(*paragraphs[pi - 1], kinds=(PER,)))
        )
        if (
            last.paragraph == pi
            or (starts_para and pi - last.paragraph <= _CONTINUE_PARAGRAPHS and not new_person)
            or prev_colon
        ):
            return Resolved(last.name, last.kind, last.mention), None, "continue", None
    if starts_para and pi > 0:
        c = mentions.subject_before(res.start, None)
        if c is not None and c.start >= paragraphs[max(0, pi - _CONTINUE_PARAGRAPHS)][0]:
            return Resolved(mentions.name_of(c), c.kind, c), c, "prev-subj", None
    # A partial quote inside a sentence (Smith called it “…”): the sentence subject.
    ms = [
        m
        for m in mentions.between(ss, res.start)
        if m.text.lower() not in ("who", "it")
        and not OBJECT_PREPOSITION_BEFORE_RE.search(text[max(0, m.start - 12) : m.start])
    ]
    if not ms and SUBORDINATE_RE.match(text, ss, res.start):
        # "After saying her foot was “so swollen …,” she was …": the quote is in an opening
        # clause that names no one, and the main clause's subject, right after it, said it.
        after = mentions.between(res.end, min(len(text), res.end + 40), kinds=(PER, "PRON"))
        if after and not text[res.end : after[0].start].strip(" ,"):
            ms = after[:1]
    ms.sort(key=lambda m: (m.kind == "NOM", m.kind == ORG))
    colon = text.rfind(":", ss, res.start)
    if colon > 0 and any(m.start > colon for m in ms):
        ms = [m for m in ms if m.start > colon]
    for m0 in ms[:2]:
        r = resolve(mentions, m0, last)
        if r.name:
            return r, m0, "sent-subj", None
    return None


def _introduction(
    text: str, paragraphs: Sequence[tuple[int, int]], mentions: Mentions, pi: int
) -> Cue | None:
    """The speaker a paragraph ending in ":" introduces for the quote opening paragraph pi:
    its cue ("X said:"), else the subject its sentence opens with, whatever the verb ("The
    Times reports:", "Sanders made the following comment:")."""
    if pi == 0:
        return None
    pps, ppe = paragraphs[pi - 1]
    if not text[pps:ppe].rstrip().endswith(":"):
        return None
    cue = left_cue(text, mentions, ppe, pps)
    if cue is not None:
        return cue
    ss = sentence_start(text, ppe - 1, pps)
    first = mentions.between(ss, ppe)
    if first and first[0].kind != "NOM" and mentions.opens_sentence(first[0]):
        return first[0], None, "prev-para-subject"
    return None
