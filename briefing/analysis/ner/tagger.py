"""Greedy left-to-right tagging of sentences and documents, and entity extraction from text.

Greedy decoding (no Viterbi) with the previous two predicted tags as features: it is what the
model was trained for, and it keeps tagging at several hundred thousand characters a second
in pure Python. `tag` is the fast path; `tag_reference` scores the same features the plain way
and exists to check it.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import pairwise
from operator import itemgetter
from typing import cast

from briefing.analysis.ner.features import history_features, sentence_prep, token_features
from briefing.analysis.ner.labels import PER
from briefing.analysis.ner.model import Model, WordInfo
from briefing.analysis.ner.scheme import Span, bio_spans, to_bio
from briefing.analysis.ner.tokens import normalize_token, sentence_heads, token_columns


def tag(model: Model, tokens: Sequence[str]) -> list[str]:
    """Tag one sentence of tokens; returns BIO tags over PER / ORG / LOC / MISC."""
    return _sparse_bio(_tag_bilou(model, tokens), len(tokens))


def tag_spans(model: Model, tokens: Sequence[str]) -> list[Span]:
    """The entities of one sentence as (start token, end token exclusive, type): what
    `bio_spans(tag(model, tokens))` gives, without building a tag for every token."""
    return _sparse_spans(_tag_bilou(model, tokens))


_LOW = itemgetter(0)
"""The lower form in a `WordInfo`."""


def _tag_bilou(model: Model, tokens: Sequence[str]) -> list[tuple[int, str]]:
    """(index, BILOU tag) of the tokens of one sentence the model tags as part of a name.

    Written for speed: word-only feature sums come from `Model.word_info`, the rest are a
    dozen dict lookups per token, and all class scores are one packed int until the argmax.
    Runs of plain words after an O are skipped in one step, and only the tokens that got an
    entity tag are kept.
    """
    n = len(tokens)
    if n == 0:
        return []
    wg = model.weights.get
    shape_context = model.shape_context
    after_word = model.after_word
    before_word = model.before_word
    after_word_shape = model.after_word_shape
    classes = model.classes
    cached = list(map(model.cached_word_info, tokens))
    infos: list[WordInfo] = (
        cast("list[WordInfo]", cached)
        if None not in cached
        else [
            x if x is not None else model.word_info(t) for x, t in zip(cached, tokens, strict=False)
        ]
    )
    unpack = model.fmt.unpack
    nbytes = model.nbytes
    offset = model.offset
    pair = model.pair
    k_hist = model.nc + 1
    bnd = model.bnd
    b_m1, b_m2, b_p1, b_p2 = bnd["-1w=<s>"], bnd["-2w=<s>"], bnd["1w=</s>"], bnd["2w=</s>"]
    tagged: list[tuple[int, str]] = []  # (index, BILOU tag) of the tokens not tagged O
    t1 = t2 = model.nc  # "<s>"
    o_idx = model.o_index
    # after an O, a token without capitals or digits practically never starts an entity
    # (about 1 in 2,400 such tokens in eng.train): such runs are skipped unscored
    scored = [i for i, x in enumerate(infos) if not x[10]] if model.shortcut else None
    # only a word that may start a gazetteer entry can start a match (see `span_flags`): a
    # capitalised one, never a plain one, so the scored tokens are all there is to look at
    firsts = [j for j in (range(n) if scored is None else scored) if infos[j][11]]
    spanf = model.gaz.span_flags_at(list(map(_LOW, infos)), firsts) if firsts else None
    k = 0
    i = 0
    ending = model.ending
    while i < n:
        inf = infos[i]
        if scored is not None and inf[10]:
            if t1 == o_idx:
                while k < len(scored) and scored[k] < i:
                    k += 1
                t2 = o_idx
                i = scored[k] if k < len(scored) else n
                continue
            if t1 in ending:  # right after a name, a plain word is no new name either
                t2, t1 = t1, o_idx
                i += 1
                continue
        s = inf[5]
        if s is None:
            s = model.word_v0(tokens[i])
        s += pair[t1 * k_hist + t2]
        low0 = inf[0]
        sh0 = inf[1]
        if i > 0:
            before = infos[i - 1]
            s += before[4]
            wp = before[0]
            shp = before[1]
            if i > 1:
                s += infos[i - 2][3]
            else:
                s += b_m2
        else:
            wp = shp = "<s>"
            s += b_m1 + wg("init|" + sh0, 0)
        if i + 1 < n:
            after = infos[i + 1]
            s += after[6]
            wn = after[0]
            shn = after[1]
            if i + 2 < n:
                s += infos[i + 2][7]
            else:
                s += b_p2
        else:
            wn = shn = "</s>"
            s += b_p1
        v = shape_context.get((shp, sh0, shn))
        if v is None:
            v = shape_context[shp, sh0, shn] = wg("shpc=" + shp + "|" + sh0 + "|" + shn, 0)
        s += v
        d = after_word.get(wp)
        if d is not None:
            s += d.get(low0, 0)
        d = after_word_shape.get(wp)
        if d is not None:
            s += d.get(sh0, 0)
        d = before_word.get(low0)
        if d is not None:
            s += d.get(wn, 0)
        h = inf[8]
        if h is not None:
            s += h.get(t1, 0)
        h = inf[9]
        if h is not None:
            s += h.get(t1, 0)
        if spanf is not None:
            g = spanf[i]
            if g:
                for f in g:
                    s += wg("0" + f, 0)
            if i > 0 and spanf[i - 1]:
                for f in spanf[i - 1]:
                    s += wg("-1" + f, 0)
            if i + 1 < n and spanf[i + 1]:
                for f in spanf[i + 1]:
                    s += wg("1" + f, 0)
        sc = unpack((s + offset).to_bytes(nbytes, "little"))
        best: int = sc.index(max(sc))
        if best != o_idx:
            tagged.append((i, classes[best]))
        t2 = t1
        t1 = best
        i += 1
    return tagged


def _sparse_spans(tagged: Sequence[tuple[int, str]]) -> list[Span]:
    """`bio_spans(_sparse_bio(tagged, n))`, from the tagged tokens alone."""
    spans: list[Span] = []
    start = prev = -2
    kind = ""
    prev_type: str | None = None
    for i, t in tagged:
        if i != prev + 1:
            prev_type = None  # an O in between
        p, typ = t[0], t[2:]
        begins = p in ("B", "U") or prev_type != typ
        if begins or i != prev + 1:
            if start >= 0:
                spans.append((start, prev + 1, kind))
            start, kind = i, typ
        prev_type = None if p in ("L", "U") else typ
        prev = i
    if start >= 0:
        spans.append((start, prev + 1, kind))
    return spans


def _sparse_bio(tagged: Sequence[tuple[int, str]], n: int) -> list[str]:
    """`to_bio` of a sentence of `n` tags that are O except at the (index, tag) pairs given."""
    out = ["O"] * n
    prev_type: str | None = None
    prev = -2
    for i, t in tagged:
        if i != prev + 1:
            prev_type = None  # an O in between
        p, typ = t[0], t[2:]
        out[i] = ("B-" if p in ("B", "U") or prev_type != typ else "I-") + typ
        prev_type = None if p in ("L", "U") else typ
        prev = i
    return out


def tag_reference(model: Model, tokens: Sequence[str]) -> list[str]:
    """Slow, straightforward scorer over the training features; must agree with `tag`."""
    toks, lows, shapes, spanf = sentence_prep(tokens, model.gaz)
    nc = model.nc
    out = []
    t1 = t2 = "<s>"
    for i in range(len(toks)):
        if (
            model.shortcut
            and (t1 == "O" or t1[:2] in ("L-", "U-"))
            and toks[i] == toks[i].lower()
            and not any(c.isdigit() for c in toks[i])
        ):
            out.append("O")
            t2, t1 = t1, "O"
            continue
        feats = token_features(toks, lows, shapes, spanf, i, model.gaz)
        feats += history_features(t1, t2, lows[i], shapes[i])
        sc = [0] * nc
        for f in feats:
            v = model.vector(f)
            if v:
                for j in range(nc):
                    sc[j] += v[j]
        best = sc.index(max(sc))
        out.append(model.classes[best])
        t2, t1 = t1, model.classes[best]
    return to_bio(out)


def document_consistency(sents: Sequence[Sequence[str]], tags: list[list[str]]) -> list[list[str]]:
    """Label surnames the way the document's full names are labelled (edits `tags` in place).

    A capitalised, not all-caps, non-sentence-initial token tagged O, standing alone, whose
    string is the last token of a PER found elsewhere in the document becomes a one-token PER
    ("Maria Lopez" ... "Lopez said"): a sentence tagger cannot see the earlier mention.
    """
    spans = [bio_spans(tg) for tg in tags]
    for tg, added in zip(tags, _consistency_spans(sents, spans), strict=True):
        for i in added:
            tg[i] = "B-PER"
    return tags


def _consistency_spans(
    sents: Sequence[Sequence[str]], spans: Sequence[Sequence[Span]]
) -> list[list[int]]:
    """The tokens `document_consistency` makes one-token PERs, sentence by sentence."""
    added: list[list[int]] = [[] for _ in sents]
    surnames = {
        normalize_token(toks[b - 1])
        for toks, found in zip(sents, spans, strict=True)
        for _, b, typ in found
        if typ == PER
    }
    if not surnames:
        return added
    # the token strings that can be relabelled: capitalised, not all caps, a surname
    words: set[str] = set().union(*sents)
    relabel = {
        w for w in words if w[:1].isupper() and not w.isupper() and normalize_token(w) in surnames
    }
    for k, (toks, found) in enumerate(zip(sents, spans, strict=True)):
        if relabel.isdisjoint(toks):
            continue
        tagged = {i for a, b, _ in found for i in range(a, b)}
        n = len(toks)
        last = -2  # the token made a PER last: the next token may not follow it
        for i in range(1, n):
            if (
                toks[i] in relabel
                and i not in tagged
                and i + 1 not in tagged
                and i - 1 not in tagged
                and i - 1 != last
            ):
                added[k].append(i)
                last = i
    return added


def tag_document(
    model: Model, sents: Sequence[Sequence[str]], consistency: bool = True
) -> list[list[str]]:
    """Tag all sentences of one document, then (by default) apply `document_consistency`."""
    tags = [tag(model, toks) for toks in sents]
    if consistency:
        document_consistency(sents, tags)
    return tags


def tag_document_spans(
    model: Model, sents: Sequence[Sequence[str]], consistency: bool = True
) -> list[list[Span]]:
    """The entities of each sentence of one document as token spans, sorted: what
    `bio_spans` gives for each sentence of `tag_document`."""
    spans = [tag_spans(model, toks) for toks in sents]
    if consistency:
        for found, added in zip(spans, _consistency_spans(sents, spans), strict=True):
            if added:
                found.extend((i, i + 1, PER) for i in added)
                found.sort()
    return spans


def extract(model: Model, text: str, consistency: bool = True) -> list[Span]:
    """Find entities in raw text; returns (start, end, type) character spans, in text order.

    The whole text is one document: it is tokenised, split into sentences, tagged, and the
    surname rule applied across it, so pass one article at a time.
    """
    columns = token_columns(text)
    toks, starts, ends = columns
    bounds = list(pairwise([*sentence_heads(text, columns), len(toks)]))
    sents = [toks[first:stop] for first, stop in bounds]
    result = []
    for (base, _), found in zip(bounds, tag_document_spans(model, sents, consistency), strict=True):
        for a, b, typ in found:
            result.append((starts[base + a], ends[base + b - 1], typ))
    return result
