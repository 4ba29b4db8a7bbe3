"""What every `briefing` command shares: one-line usage errors, the data directory option,
and opening the document a command is about."""

from __future__ import annotations

import argparse
import sys
from typing import NoReturn

from briefing.ingest import load_document
from briefing.model import Document
from briefing.paths import seed_path, use_data_dir
from briefing.safety import sanitize

EXIT_USAGE = 2


class Parser(argparse.ArgumentParser):
    """argparse, but usage errors are one line like every other error."""

    def error(self, message: str) -> NoReturn:
        self.exit(EXIT_USAGE, f"{self.prog}: error: {message} (see {self.prog} --help)\n")


def add_data_dir(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--data-dir",
        metavar="DIR",
        help="keep notes and corrections in DIR (default: the user data directory; "
        "or set BRIEFING_DATA_DIR)",
    )


def apply_data_dir(args: argparse.Namespace) -> None:
    if getattr(args, "data_dir", None):
        use_data_dir(args.data_dir)


def fail(message: str) -> int:
    print(f"briefing: error: {sanitize(message)}", file=sys.stderr)
    return EXIT_USAGE


def open_document(path: str | None) -> Document:
    return load_document(path if path is not None else seed_path())
