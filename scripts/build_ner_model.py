"""Convert the named-entity model between its training output (gzip'd JSON) and the shipped file.

    python scripts/build_ner_model.py MODEL.json.gz briefing/analysis/ner/data/ner.model
    python scripts/build_ner_model.py briefing/analysis/ner/data/ner.model OUT.json.gz

The shipped `ner.model` was made by the first line from the `ner.json.gz` that
`scripts/train_ner.py` wrote before it wrote this format itself (see `data/README.md`). The
second line exports a model file back to the training output, less the "warm" word list the
old loader used: `compile_model` of that export gives the model file back byte for byte.
Both directions are deterministic (no name or time in the gzip header).
"""

from __future__ import annotations

import argparse
import gzip
import json
from pathlib import Path

from briefing.analysis.ner.model import GZIP_MAGIC, compile_model, model_data


def write_json(data: object, out: Path) -> None:
    """Gzip'd JSON as `train_ner.py` once wrote it: sorted keys, no spaces, no header name."""
    with out.open("wb") as raw, gzip.GzipFile(filename="", fileobj=raw, mode="wb", mtime=0) as fh:
        fh.write(json.dumps(data, separators=(",", ":"), sort_keys=True).encode("utf-8"))


def main(argv: list[str] | None = None) -> None:
    """Command line: the direction follows from the input's format."""
    ap = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    ap.add_argument("source", type=Path, help="a training output (.json.gz) or a model file")
    ap.add_argument("out", type=Path, help="the model file, or the .json.gz, to write")
    args = ap.parse_args(argv)
    blob = args.source.read_bytes()
    if blob.startswith(GZIP_MAGIC):
        args.out.write_bytes(compile_model(json.loads(gzip.decompress(blob))))
    else:
        write_json(model_data(blob), args.out)


if __name__ == "__main__":
    main()
