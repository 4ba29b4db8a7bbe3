"""The README documents what the code does: every key binding and both quick-start commands."""

from __future__ import annotations

import re

from briefing.app import BriefingApp
from briefing.app.help_screen import binding_rows
from briefing.ingest import document_from_text
from tests.conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")
CI = (ROOT / ".ci" / "run").read_text(encoding="utf-8")


def test_every_binding_key_is_in_the_readme_key_table() -> None:
    app = BriefingApp(document_from_text("x"))
    table = README[README.index("### Keys") : README.index("## What it reads")]
    for _, keys, _ in binding_rows(app.binding_owners()):
        for key in keys.split():
            if key.isdigit():
                continue  # 1 … 9 are one row
            assert f"`{key}`" in table, key


def test_quick_start_commands_are_there_and_ci_runs_the_same_tests() -> None:
    commands = re.findall(r"```sh\n(.+?)\n```", README)
    assert len(commands) >= 2
    assert "briefing" in commands[0]
    assert "pip install '.[test]'" in commands[1]
    assert "pytest" in commands[1]
    assert "-m pytest" in CI
    assert '".[test]"' in CI
