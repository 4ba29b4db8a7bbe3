"""Attribution cues next to a quote: who said it, read from the quote's own sentence.

Right of the quote come the common news forms (“…,” said X / “…,” X said / “…,” X, a
spokesman for Y, said / “…” ― X); left of it, X said: “…” / According to X, “…”. Each rule
returns the speaker mention, the cue word and the rule's name (kept for error analysis).
"""

from __future__ import annotations

import re

from briefing.analysis.ner.labels import PER
from briefing.analysis.quotes.lexicon import SAY_INVERTIBLE
from briefing.analysis.quotes.mentions import SPEAKER_KINDS, Mention, Mentions
from briefing.analysis.quotes.patterns import (
    ADHOC_NOMINAL_INVERTED_RE,
    ADHOC_NOMINAL_RE,
    AND_GAP_RE,
    APPOSITION_GAP_RE,
    ARTICLE_BEFORE_RE,
    AUX_GAP_RE,
    COMMA_DASH_THE_END_RE,
    COMMA_OR_DASH_END_RE,
    CUE_RE,
    DASH_ATTRIBUTION_RE,
    DOCUMENT_OBJECT_RE,
    FRONTED_PHRASE_RE,
    HONORIFIC_LEAD_RE,
    INTRODUCES_RE,
    LEFT_GAP_RE,
    NAME_AFTER_QUOTE_VERB_RE,
    NP_GAP_RE,
    OBJECT_PREPOSITION_BEFORE_RE,
    OF_GAP_RE,
    OF_PHRASE_RE,
    ONLY_DASHES_RE,
    PREPOSITION_BEFORE_RE,
    RELATIVE_GAP_RE,
    SENTENCE_PUNCT_RE,
    SUBJECT_LEAD_RE,
    SUBORDINATE_RE,
    SUBORDINATOR_BEFORE_RE,
    TITLE_GAP_RE,
    count_words,
)
from briefing.analysis.quotes.sentences import sentence_end, sentence_start

Cue = tuple[Mention, str | None, str]
"""(speaker mention, cue word or None, rule name)."""

_PARTICIPLE_COMMA_RE = re.compile(r",\s*$")
"""A comma right before a cue ("…, saying")."""

_MAX_SUBJECT_DISTANCE = 7
"""Words between the closing mark and a post-quote subject ("…,” Ms. Rivera said)."""


def _gap_ok(gap_re: re.Pattern[str], text: str, subject: Mention, cue_start: int) -> bool:
    """What stands between a subject and its cue fits `gap_re`; "X spokesman said" lets an
    organisation speak, not a person ("a Clinton spokesman" is not Clinton)."""
    m = gap_re.fullmatch(text, subject.end, cue_start)
    return m is not None and not (m.group("spokes") and subject.kind == PER)


def pp_head(text: str, ms: list[Mention]) -> Mention:
    """The subject ending with ms[-1]: a person before "of/from/at the <organisation>"
    ("Aris Shirvanian of the Armenian Patriarchate of Jerusalem told"), else ms[-1]."""
    last = ms[-1]
    if (
        last.kind != PER
        and len(ms) > 1
        and ms[-2].kind == PER
        and OF_PHRASE_RE.fullmatch(text, ms[-2].end, last.start)
    ):
        return ms[-2]
    return last


def np_head(text: str, ms: list[Mention], i: int = 0) -> Mention:
    """The speaker of the noun phrase that begins with ms[i]: titles and organisations run
    up to a person's name ("Pentagon spokesman Navy Capt. Jeff Davis", "Trump's adviser
    Jason Miller", "his campaign manager Jeff Weaver"); the last person in that run, else
    ms[i]. A comma, a preposition or a verb ends the phrase ("Smith of the Brookings
    Institution", "a spokesman for Acme": the first mention)."""
    best = ms[i]
    for k in range(i + 1, len(ms)):
        if ms[k].kind == "PRON" or not NP_GAP_RE.fullmatch(text, ms[k - 1].end, ms[k].start):
            break
        if ms[k].kind == PER:
            best = ms[k]
    return best


def _inverted_subject(text: str, after: list[Mention], cue_end: int) -> Mention | None:
    """The subject after an inverted cue ("said former secretary of state Jane Ruiz")."""
    if not after:
        return None
    gap = text[cue_end : after[0].start]
    if count_words(gap) <= 3 or TITLE_GAP_RE.fullmatch(gap):
        return np_head(text, after)
    return None


def right_cue(text: str, mentions: Mentions, qe: int, lim: int) -> Cue | None:
    """Attribution after a quote ending at qe, within its sentence and before lim."""
    end = sentence_end(text, qe, lim)
    seg = text[qe:end]
    if not seg.strip():
        return None
    ms_all = mentions.between(qe, end)
    # “…” ― Jorge Falcon  /  “…” - Sanders.  (byline style)
    dm = DASH_ATTRIBUTION_RE.match(text, qe, end)
    if dm:
        ms = mentions.between(dm.end(), end, kinds=SPEAKER_KINDS)
        if ms and ms[0].start == dm.end():
            return ms[0], None, "R-dash"
        return Mention(dm.start(1), dm.end(1), PER, dm.group(1), False), None, "R-dash"
    nm = ADHOC_NOMINAL_RE.match(seg)
    if nm and not ms_all:
        mention = Mention(qe + nm.start(1), qe + nm.end(1), "NOM", nm.group(1), False)
        return mention, nm.group(2).lower(), "R-nom"
    nm = ADHOC_NOMINAL_INVERTED_RE.match(seg)
    if nm and not (ms_all and ms_all[0].start < qe + nm.end()):
        mention = Mention(qe + nm.start(2), qe + nm.end(2), "NOM", nm.group(2), False)
        return mention, nm.group(1).lower(), "R-nom-inv"
    cue = CUE_RE.search(seg)
    if cue is None:
        # “…,” Name <verb>ed …: a name right after the quote, followed by a verb-like word.
        if (
            ms_all
            and ms_all[0].kind in SPEAKER_KINDS
            and not text[qe : ms_all[0].start].strip(" ,—–-")
        ):
            verb = NAME_AFTER_QUOTE_VERB_RE.match(text[ms_all[0].end : end])
            if verb:
                return ms_all[0], verb.group(1), "R-subj-verb"
        return None
    return _right_cue_word(text, mentions, qe, end, seg, cue)


def _right_cue_word(
    text: str, mentions: Mentions, qe: int, end: int, seg: str, cue: re.Match[str]
) -> Cue | None:
    """Right-hand attribution around the first cue word after the quote."""
    pre = seg[: cue.start()]
    cword = cue.group(0).lower()
    cue_start, cue_end = qe + cue.start(), qe + cue.end()
    after = mentions.between(cue_end, min(end, cue_end + 80))
    inverted = _inverted_subject(text, after, cue_end)
    inv_ok = inverted is not None and cword in SAY_INVERTIBLE
    if ONLY_DASHES_RE.match(pre) or (cword == "according to" and count_words(pre) <= 2):
        # “…,” said X
        if inverted is not None and cword not in ("told", "tells"):
            return inverted, cword, "R-inv"
        return None
    ms = mentions.between(qe, cue_start)
    if (
        inv_ok
        and inverted is not None
        and inverted.kind == PER
        and ms
        and not any(m.kind == PER for m in ms)
        and not text[cue_end : inverted.start].strip()
        and COMMA_OR_DASH_END_RE.search(pre)
    ):
        # “…” and Clevelanders get nervous, said Christine Link
        return inverted, cword, "R-inv2"
    if ms:
        last = ms[-1]
        # “…,” X (also) said
        if (
            _gap_ok(AUX_GAP_RE, text, last, cue_start)
            and not SENTENCE_PUNCT_RE.search(text[qe : last.start])
            and count_words(text[qe : last.start]) <= _MAX_SUBJECT_DISTANCE
            and not (last.kind == "PRON" and last.text.lower() in ("it", "who"))
            and not SUBORDINATOR_BEFORE_RE.search(text, max(qe, last.start - 12), last.start)
            and (
                len(ms) == 1
                or ms[0].kind not in SPEAKER_KINDS
                or np_head(text, ms) is last  # “…,” Trump's adviser Jason Miller said
            )
        ):
            return pp_head(text, ms), cword, "R-subj"
        # “…,” X, a spokesman for Y, said
        first = ms[0]
        if SUBJECT_LEAD_RE.fullmatch(text[qe : first.start]) and count_words(pre) <= 30:
            return first, cword, "R-subj"
    # “…,” the campaign of X said, ... said X
    if inv_ok and inverted is not None and COMMA_OR_DASH_END_RE.search(pre):
        return inverted, cword, "R-inv2"
    if ms:
        last = ms[-1]
        if (
            _gap_ok(AUX_GAP_RE, text, last, cue_start)
            and COMMA_DASH_THE_END_RE.search(text[qe : last.start])
            and count_words(pre) <= 25
        ):
            return last, cword, "R-adj"
    return None


def _sentence_subject(text: str, before: list[Mention], ss: int) -> Mention:
    """The sentence subject among the mentions before a cue: the first one, but not a name
    after a preposition, nor a description in apposition to it ("Preceded by Joe Ruiz, the
    sheriff, Smith launched into a lament"), when another comes before the cue."""
    return next(
        (
            m
            for i, m in enumerate(before)
            if not PREPOSITION_BEFORE_RE.search(text, max(ss, m.start - 12), m.start)
            and not (i > 0 and APPOSITION_GAP_RE.fullmatch(text, before[i - 1].end, m.start))
        ),
        before[0],
    )


def left_cue(text: str, mentions: Mentions, qs: int, lo: int) -> Cue | None:
    """Attribution before a quote starting at qs, within its sentence and after lo."""
    ss = sentence_start(text, qs, lo)
    main_subject = None
    sub = SUBORDINATE_RE.match(text, ss, qs) or FRONTED_PHRASE_RE.match(text, ss, qs)
    if sub:
        # "When asked whom she supported, Ms. Sherry smiled and said, “…”": the cue and the
        # subject of the main clause, not of the clause before the comma.
        comma = text.find(",", sub.end(), qs)
        main = mentions.between(comma + 1, qs) if comma > 0 else []
        if (
            main
            and main[0].kind == "NOM"
            and mentions.between(sub.end(), comma)
            and mentions.between(sub.end(), comma)[-1].end == comma
        ):
            # "Preceded by Joe Ruiz, the county sheriff, Baxter …": the description is Ruiz's;
            # the main clause begins after the comma that closes it.
            comma = text.find(",", main[0].end, qs)
            main = mentions.between(comma + 1, qs) if comma > 0 else []
        if main and HONORIFIC_LEAD_RE.fullmatch(text, comma + 1, main[0].start):
            ss, main_subject = comma + 1, main[0]
    seg = text[ss:qs]
    if not seg.strip():
        return None
    cues = list(CUE_RE.finditer(seg))
    if not cues:
        if main_subject is not None and INTRODUCES_RE.search(seg):
            return main_subject, None, "L-main"  # "…, Rubio fired back forcefully: “…”"
        return None
    for cue in reversed(cues):  # the cue nearest the quote first
        cword = cue.group(0).lower()
        cs, ce = ss + cue.start(), ss + cue.end()
        if (
            cword == "in a statement"
            or (cword.startswith("continue") and text.startswith(" to ", ce))
            or (cword == "written" and ARTICLE_BEFORE_RE.search(text, max(ss, cs - 4), cs))
        ):
            # An adverbial ("X told Y in a (written) statement") or "will continue to be":
            # not the verb whose subject spoke.
            continue
        if cword == "according to":
            # According to X, “…”
            ms = mentions.between(ce, qs)
            if ms:
                return ms[0], cword, "L-acc"
            continue
        # X said: “…”  /  X, a spokesman, told reporters that “…”
        before = mentions.between(ss, cs)
        if before and before[-1].text.lower() == "who" and len(before) > 1:
            # "(Raphael Lemkin, who coined the word, once said, “…”": the name before it
            who = before[-1]
            before = before[:-1]
            if (
                before[-1].kind in SPEAKER_KINDS
                and RELATIVE_GAP_RE.fullmatch(text, before[-1].end, who.start)
                and _gap_ok(LEFT_GAP_RE, text, who, cs)
            ):
                # "… an endorsement from Mike Lee, who declared …, “…”": the speaker is the
                # name "who" stands for, wherever it is in the sentence
                return before[-1], cword, "L-who"
        if (
            len(before) > 1
            and AND_GAP_RE.fullmatch(text, before[-1].end, cs)
            and OBJECT_PREPOSITION_BEFORE_RE.search(
                text, max(ss, before[-1].start - 12), before[-1].start
            )
            and before[0].kind in SPEAKER_KINDS
            and not PREPOSITION_BEFORE_RE.search(
                text, max(ss, before[0].start - 12), before[0].start
            )
        ):
            # "Clinton … stressed her support during a forum sponsored by NBC News and said":
            # the second verb's subject is the sentence's, not the object before "and".
            return before[0], cword, "L-coord"
        if len(before) > 1 and cword.endswith("ing") and _PARTICIPLE_COMMA_RE.search(text, ss, cs):
            # "The senator sought to calm his supporters, and took a heckler in stride,
            # saying …": a participle after a comma has the sentence's subject, not the
            # description named last (a name named last stays: "…, Jane Ruiz said, adding").
            subject = _sentence_subject(text, before, ss)
            if before[-1].kind == "NOM" and subject is not before[-1]:
                return subject, cword, "L-part"
        if before and (
            not _gap_ok(LEFT_GAP_RE, text, before[-1], cs)
            or OBJECT_PREPOSITION_BEFORE_RE.search(
                text, max(ss, before[-1].start - 12), before[-1].start
            )
        ):
            # "Aris Shirvanian of the Armenian Patriarchate of Jerusalem told …"
            of = [p for p in before[:-1] if p.kind == PER and OF_GAP_RE.fullmatch(text, p.end, cs)]
            if of:
                return of[-1], cword, "L-adj"
        if before and _gap_ok(LEFT_GAP_RE, text, before[-1], cs):
            subject = pp_head(text, before)
            if subject.kind == "NOM" and DOCUMENT_OBJECT_RE.search(
                text, max(ss, subject.start - 30), subject.end
            ):
                # "Jane Ruiz issued a statement saying “…”": whoever issued it
                subject = np_head(text, before)
                if subject.kind == "NOM":
                    continue
            return subject, cword, "L-adj"
    cue = cues[-1]
    cword = cue.group(0).lower()
    cs, ce = ss + cue.start(), ss + cue.end()
    # The sentence subject: the first mention before the last cue.
    before = mentions.between(ss, cs)
    if before:
        return _sentence_subject(text, before, ss), cword, "L-subj"
    after = mentions.between(ce, qs)
    if after and cword in SAY_INVERTIBLE and count_words(text[ce : after[0].start]) <= 1:
        return np_head(text, after), cword, "L-inv"
    return None
