"""A monkey test: random keys (and a few clicks, drags and resizes) in the app, on random small
documents and on the bundled briefing, checking after every step that nothing crashed and that
nothing the user wrote was lost.

The monkey is a seeded `random.Random`: the seed decides the document (plain text or Markdown:
headings, lists, quotes, code, emoji, right-to-left text, control characters, very long words,
empty-ish lines), the terminal size and every key. Keys are weighted towards the bindings of
whatever has the focus (the reader, the section list, the notes panel, the note editor, the
tags and title prompts, the export dialog, the review, the palette...), with printable
characters, tab, escape and enter, and now and then any key from anywhere. Some steps send a few
keys at once, as a terminal does when the user types faster than the app draws. Quitting
(`q`, `ctrl+q`) is part of it: the monkey opens the app again on the same database, sometimes
after editing the file so that notes move or are orphaned.

The oracle reads the SQLite database on a read-only connection of its own after every step:

- no row of `annotations` ever disappears (deleted ones are only marked deleted);
- a row is marked deleted only by a key that deletes (`d`, `delete`), restored only by undo,
  made only by a highlight key, ctrl+s or enter;
- a note's text changes only on ctrl+s, and then to exactly the text in the editor (typed
  ahead included), and stays so; a colour changes only on a highlight key, tags only on enter
  (to exactly what was typed in the tags prompt);
- the notes the app shows are exactly the live rows of the database, with their text;
- when the app quits with a changed note in the editor, the draft holds that text;
- the section titles the user wrote change only by a rename (shown and stored at once), a merge
  or a reset;
- the app never stops on an error and never reports one (except the export dialog refusing a
  path the monkey typed, and Textual's screenshot command, which cannot write in a test), and
  no write fails as it closes (`not_saved`, which the command line would print).

CI runs three random documents and the bundled briefing for a few hundred steps each. For a
long run:

    BRIEFING_MONKEY_STEPS=5000 BRIEFING_MONKEY_SEEDS=100-140 python -m pytest -q \
        tests/test_app_monkey.py

A failure gives the seed, the last steps and a log of all of them. The run is deterministic
(each step waits until the app has handled everything it caused, workers included), so the
same seed and steps replay it; only timers (the note editor's draft every half second) could
make a replay differ.
"""

from __future__ import annotations

import asyncio
import json
import os
import random
import sqlite3
import sys
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from textual import events
from textual.command import CommandPalette
from textual.keys import _character_to_key, _get_unicode_name_from_key
from textual.widget import Widget
from textual.widgets import Input, OptionList, TextArea
from textual.worker import WorkerCancelled

from briefing.app import BriefingApp
from briefing.app.dialogs import Confirm, TextPrompt
from briefing.app.entity_card import EntityCard
from briefing.app.export_dialog import ExportDialog
from briefing.app.help_screen import HelpScreen
from briefing.app.note_editor import NoteEditor
from briefing.app.reader.view import ReaderView
from briefing.app.reading_screen import ReadingScreen
from briefing.app.review_screen import ReviewScreen
from briefing.app.section_list import SectionList
from briefing.errors import SourceError
from briefing.ingest import load_document
from briefing.store.database import DATABASE_NAME
from briefing.store.notebook import normalise_tags
from tests.conftest import SEED

# ---------------------------------------------------------------------- budget


def _seeds() -> list[int]:
    spec = os.environ.get("BRIEFING_MONKEY_SEEDS", "")
    if not spec:
        return [1, 2, 3]
    seeds: list[int] = []
    for part in spec.split(","):
        low, _, high = part.partition("-")
        seeds.extend(range(int(low), int(high or low) + 1))
    return seeds


STEPS = int(os.environ.get("BRIEFING_MONKEY_STEPS", "400"))
"""Steps per seed (CI: a few hundred, some 12 s each; set it much higher to hunt)."""
STEP_TIMEOUT = 60
"""Seconds: a step that takes longer is a hang (a step takes some 30 ms)."""
SIZES = [(120, 30), (100, 30), (80, 24), (140, 40), (60, 20), (45, 16)]

# ---------------------------------------------------------------------- documents

WORDS = (
    "harbour council ferry budget quay tide lantern report minister vote sailing timetable "
    "engineer storm pilings winter school bridge market river tax plan north south said would "
    "the a of and to in for on with by new old late early first"
).split()
NAMES = ["Mara Quist", "Tobin Vale", "Port Evander", "the Ostrow Board", "Lio Tanaka-Reyes"]
ODD = [
    "🙂",
    "🚢⚓",
    "👩🏽‍🚀",
    "שלום עולם",
    "مرحبا بالعالم",
    "漢字かな交じり",
    "e\u0301",
    "\u200b",
    "\u200f",
    "\u00a0",
    "\t",
    "[bold red]x[/]",
    "\x07",
    "\x1b[2J",
    "\x1b]0;t\x07",
    "\x7f",
    "\u2028",
    "…",
    "“quoted”",
    "— dash —",
    "x" * 150,
    "supercalifragilistic" * 12,
    "https://example.org/a/very/long/path?q=1&r=2",
]


def _sentence(rng: random.Random) -> str:
    words = [rng.choice(WORDS) for _ in range(rng.randint(1, 14))]
    if rng.random() < 0.4:
        words.insert(rng.randrange(len(words) + 1), rng.choice(NAMES))
    if rng.random() < 0.25:
        words.insert(rng.randrange(len(words) + 1), rng.choice(ODD))
    text = " ".join(words)
    return text[:1].upper() + text[1:] + rng.choice([".", ".", ".", "?", "!", "", ":", "…"])


def _paragraph(rng: random.Random) -> str:
    return " ".join(_sentence(rng) for _ in range(rng.randint(1, 5)))


def random_document(rng: random.Random) -> tuple[str, str]:
    """(text, suffix): a small plain-text or Markdown document with odd corners."""
    markdown = rng.random() < 0.5
    blocks: list[str] = []
    if markdown and rng.random() < 0.3:
        blocks.append("---\ntitle: " + rng.choice(WORDS) + "\ntags: [a, b]\n---")
    if rng.random() < 0.6:
        title = " ".join(rng.choice(WORDS).capitalize() for _ in range(rng.randint(1, 4)))
        blocks.append(("# " if markdown else "") + title)
    for _ in range(rng.randint(1, 14)):
        kind = rng.random()
        if kind < 0.5:
            blocks.append(_paragraph(rng))
        elif kind < 0.62:
            heading = " ".join(rng.choice(WORDS).capitalize() for _ in range(rng.randint(1, 3)))
            blocks.append(("#" * rng.randint(1, 3) + " " if markdown else "") + heading)
        elif kind < 0.7:
            bullet = rng.choice(["- ", "* ", "1. ", "2) "])
            blocks.append("\n".join(bullet + _sentence(rng) for _ in range(rng.randint(1, 4))))
        elif kind < 0.77:
            blocks.append("\n".join("> " + _sentence(rng) for _ in range(rng.randint(1, 3))))
        elif kind < 0.82:
            blocks.append(
                rng.choice(
                    ["```\ncode = 1\n```", "    indented code", "| a | b |\n|---|---|\n| 1 | 2 |"]
                )
            )
        elif kind < 0.88:
            blocks.append(rng.choice(["", " ", "\t", "\u00a0", ".", "* * *", "---", "—"]))
        elif kind < 0.94:
            blocks.append(" ".join(rng.choice(ODD) for _ in range(rng.randint(1, 6))))
        else:
            blocks.append("**" + _sentence(rng) + "** and *" + rng.choice(WORDS) + "* `x`")
    blocks.append(_paragraph(rng))  # at least one readable paragraph
    separator = rng.choice(["\n\n", "\n\n", "\n", "\r\n\r\n", "\n\n\n"])
    return separator.join(blocks) + rng.choice(["", "\n", "\n\n"]), ".md" if markdown else ".txt"


def mutate(rng: random.Random, text: str) -> str:
    """An edit of the file between two sessions, so that notes move or lose their words."""
    paragraphs = text.split("\n\n")
    choice = rng.random()
    i = rng.randrange(len(paragraphs))
    if choice < 0.3 and len(paragraphs) > 1:
        del paragraphs[i]
    elif choice < 0.6:
        paragraphs.insert(i, _paragraph(rng))
    elif choice < 0.8:
        words = paragraphs[i].split(" ")
        j = rng.randrange(len(words))
        words[j] = rng.choice(WORDS)
        paragraphs[i] = " ".join(words)
    else:
        rng.shuffle(paragraphs)
    result = "\n\n".join(paragraphs)
    return result if result.strip() else text


# ---------------------------------------------------------------------- keys

TYPING = [
    *"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789",
    *" .,;:!?-'\"()[]{}<>/\\#*_~`@$%^&+=|",
    *"éüßñ",
    *"שלוםمرحبا漢字",
    "🙂",
    "🚢",
    "…",
    "space",
    "backspace",
    "enter",
    "left",
    "right",
]
READER_KEYS = {
    **dict.fromkeys(
        "j down k up space pagedown b pageup g home G end shift+down shift+up shift+right "
        "shift+left greater_than_sign less_than_sign V".split(),
        1,
    ),
    **dict.fromkeys("right_parenthesis left_parenthesis".split(), 5),
    **dict.fromkeys("y u i o a A t d z".split(), 3),
    **dict.fromkeys("enter ctrl+z".split(), 1),
}
SCREEN_KEYS = {
    **dict.fromkeys(
        "n right_square_bracket p left_square_bracket 1 2 3 9 slash full_stop comma f3 shift+f3 "
        "escape s e c right_curly_bracket left_curly_bracket w x m R E tab shift+tab "
        "question_mark ctrl+p".split(),
        1,
    ),
    **dict.fromkeys("N v r".split(), 2),
    "q": 0.05,
    "ctrl+q": 0.03,
}
LIST_KEYS = {"up": 3, "down": 3, "j": 1, "k": 1, "enter": 2, "home": 0.5, "end": 0.5}
NOTES_PANEL_KEYS = {**LIST_KEYS, "d": 2, "delete": 1, "f": 1}
EDITOR_KEYS = {
    "ctrl+s": 3,
    "escape": 1.5,
    "tab": 0.3,
    "shift+tab": 0.2,
    "ctrl+z": 0.3,
    "ctrl+y": 0.2,
    "ctrl+a": 0.2,
    "ctrl+w": 0.2,
    "ctrl+u": 0.2,
    "home": 0.2,
    "end": 0.2,
    "up": 0.2,
    "down": 0.2,
    "ctrl+q": 0.1,
}
PROMPT_KEYS = {"enter": 3, "escape": 2, "right": 1, "ctrl+u": 0.3, "tab": 0.3, "ctrl+q": 0.05}
CONFIRM_KEYS = {"y": 3, "n": 3, "escape": 1, "enter": 1, "tab": 1, "left": 0.5, "right": 0.5}
EXPORT_KEYS = {
    "enter": 2,
    "ctrl+s": 1,
    "escape": 2,
    "tab": 2,
    "shift+tab": 1,
    "space": 1,
    "backspace": 0.5,
}
REVIEW_KEYS = {"up": 2, "down": 2, "enter": 2, "c": 2, "r": 2, "escape": 1, "q": 1}
CARD_KEYS = {"up": 2, "down": 2, "enter": 2, "escape": 2, "q": 1}
HELP_KEYS = {"escape": 2, "q": 1, "question_mark": 1, "down": 1, "pagedown": 1}
PALETTE_KEYS = {"down": 2, "up": 1, "enter": 2, "escape": 2, "backspace": 1}
ANYWHERE = {
    **READER_KEYS,
    **SCREEN_KEYS,
    **dict.fromkeys(TYPING, 0.2),
    "escape": 2,
    "enter": 2,
    "tab": 1,
    "shift+tab": 1,
    "delete": 0.5,
    "f1": 0.2,
}


def _pick(rng: random.Random, weights: dict[str, float]) -> str:
    keys = list(weights)
    return rng.choices(keys, weights=[weights[k] for k in keys])[0]


def _typing(rng: random.Random, share: float, others: dict[str, float]) -> str:
    if rng.random() < share:
        return rng.choice(TYPING)
    return _pick(rng, others)


DELETING = frozenset({"d", "delete"})
UNDOING = frozenset({"z", "ctrl+z"})
HIGHLIGHTING = frozenset({"y", "u", "i", "O"})
SAVING = frozenset({"ctrl+s"})
ENTERING = frozenset({"enter"})
TITLING = frozenset({"enter", "y", "m", "(click)"})
"""Keys after which the titles the user gave sections may change: a rename, the reset's "yes"
(a key or a click on its button), a merge (the second section's title goes)."""
BURST_CHARACTERS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789éßשم漢"


# ---------------------------------------------------------------------- the oracle


@dataclass(frozen=True)
class Row:
    note: str
    color: str
    tags: tuple[str, ...]
    deleted: bool


@dataclass(frozen=True)
class Snapshot:
    rows: dict[str, Row]
    """Every annotation, deleted ones included."""
    draft: str | None
    titles: tuple[str | None, ...]
    """The section titles the user wrote (None: the automatic title), as stored."""


def snapshot(path: Path) -> Snapshot:
    """The database, read on a connection of its own (read-only: the oracle must not change
    what it checks)."""
    if not path.exists():
        return Snapshot({}, None, ())
    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master")}
        rows: dict[str, Row] = {}
        draft = None
        titles: tuple[str | None, ...] = ()
        if "annotations" in tables:
            tags: dict[str, list[str]] = {}
            for annotation_id, tag in connection.execute(
                "SELECT annotation_id, tag FROM annotation_tags ORDER BY rowid"
            ):
                tags.setdefault(annotation_id, []).append(tag)
            rows = {
                row[0]: Row(row[1], row[2], tuple(tags.get(row[0], ())), row[3] is not None)
                for row in connection.execute("SELECT id, note, color, deleted FROM annotations")
            }
            found = connection.execute("SELECT body FROM drafts").fetchone()
            draft = None if found is None else str(found[0])
        if "section_corrections" in tables:
            plan = connection.execute("SELECT plan FROM section_corrections").fetchone()
            if plan is not None:
                titles = tuple(json.loads(plan[0])["titles"])
        return Snapshot(rows, draft, titles)
    finally:
        connection.close()


class MonkeyFailure(AssertionError):
    pass


class MonkeyApp(BriefingApp):
    """The app, keeping every error it was asked to show."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.errors: list[str] = []

    def notify(self, message: str, *args: object, **kwargs: object) -> None:  # type: ignore[override]
        # The export dialog refusing a path the monkey typed is the app working; Textual's
        # palette command "Screenshot" cannot deliver a file in a test.
        exporting = bool(self.screen_stack) and isinstance(self.screen, ExportDialog)
        screenshot = kwargs.get("title") == "Screenshot"
        if kwargs.get("severity") == "error" and not exporting and not screenshot:
            self.errors.append(message)
        super().notify(message, *args, **kwargs)  # type: ignore[arg-type]


@dataclass
class Step:
    """What the monkey does in one go (one key, a burst of keys sent together, a click or a
    resize), with what it expects, worked out before."""

    keys: tuple[str, ...]
    click: tuple[int, int] | None = None
    drag: tuple[int, int] | None = None
    """Where a drag from `click` ends."""
    size: tuple[int, int] | None = None
    editor: NoteEditor | None = None
    """The note editor on top before the step."""
    note: str | None = None
    """The note the editor holds when ctrl+s closes it (None: not known, in a burst)."""
    editor_left: tuple[str, str] | None = None
    """(text, saved note) of the topmost note editor before the step."""
    prompt: TextPrompt | None = None
    prompt_value: str = ""

    def __format__(self, spec: str) -> str:
        return format(str(self), spec)

    def __str__(self) -> str:
        if self.drag is not None:
            return f"drag {self.click} → {self.drag}"
        if self.click is not None:
            return f"click {self.click}"
        if self.size is not None:
            return f"resize {self.size}"
        return " ".join(self.keys) if len(self.keys) == 1 else f"burst {list(self.keys)}"


@dataclass
class Monkey:
    seed: int
    path: Path
    database: Path
    rng: random.Random
    steps: int
    log: list[str] = field(default_factory=list)
    before: Snapshot = field(default_factory=lambda: Snapshot({}, None, ()))
    saved_notes: dict[str, str] = field(default_factory=dict)
    """The text last saved with ctrl+s for each annotation: its note must stay exactly that."""
    replay: str = ""
    done: int = 0
    seen: Counter[str] = field(default_factory=Counter)
    """What the run went through (screens, saves, deletes...), to see what it exercised."""

    # .................................................................. failing
    def fail(self, what: str, cause: BaseException | None = None) -> None:
        log_file = self.path.parent / f"monkey-{self.seed}.log"
        log_file.write_text("\n".join(self.log), encoding="utf-8")
        tail = "\n  ".join(self.log[-40:])
        message = (
            f"seed {self.seed}, step {self.done}: {what}\n"
            f"document: {self.path}; the whole log: {log_file}\n"
            f"replay: {self.replay}\n"
            f"last steps:\n  {tail}"
        )
        print(message, file=sys.stderr)  # shown even if closing a hung app times the test out
        raise MonkeyFailure(message) from cause

    # .................................................................. checking
    def check(self, app: MonkeyApp, step: Step) -> None:
        """After `step`: compare the database with what it was and with what the app shows."""
        if app._exception is not None:
            self.fail(f"the app crashed: {app._exception!r}")
        if app.errors:
            self.fail(f"the app reported an error: {app.errors}")
        if app.not_saved:
            self.fail(f"writes failed as the app closed: {app.not_saved}")
        now = snapshot(self.database)
        self.count_changes(self.before, now)
        self.check_rows(step, self.before.rows, now.rows)
        self.check_saved(app, step, now.rows)
        self.check_titles(app, step, self.before.titles, now.titles)
        self.before = now
        self.check_shown(app)

    def count_changes(self, before: Snapshot, now: Snapshot) -> None:
        for annotation_id, new in now.rows.items():
            old = before.rows.get(annotation_id)
            if old is None:
                self.seen["annotation made"] += 1
            elif (old.note, old.color, old.tags, old.deleted) != (
                new.note,
                new.color,
                new.tags,
                new.deleted,
            ):
                self.seen["annotation changed"] += 1
        if before.titles != now.titles:
            self.seen["sections corrected"] += 1

    def check_rows(self, step: Step, before: dict[str, Row], rows: dict[str, Row]) -> None:
        """Nothing leaves the database; each change is made by a key that makes it."""
        keys = set(step.keys)
        by = f"{step}"
        for annotation_id, old in before.items():
            new = rows.get(annotation_id)
            if new is None:
                self.fail(f"annotation {annotation_id} vanished from the database ({old})")
                return
            if not old.deleted and new.deleted and not keys & DELETING:
                self.fail(f"{by} deleted annotation {annotation_id} ({old})")
            if old.deleted and not new.deleted and not keys & UNDOING:
                self.fail(f"{by} brought back annotation {annotation_id} ({old})")
            if old.note != new.note and not keys & SAVING:
                self.fail(f"{by} changed the note of {annotation_id}: {old} → {new}")
            if old.color != new.color and not keys & HIGHLIGHTING:
                self.fail(f"{by} changed the colour of {annotation_id}: {old} → {new}")
            if old.tags != new.tags and not keys & ENTERING:
                self.fail(f"{by} changed the tags of {annotation_id}: {old} → {new}")
        for annotation_id, row in rows.items():
            if annotation_id in before:
                continue
            if not keys & (HIGHLIGHTING | SAVING | ENTERING):
                self.fail(f"{by} made annotation {annotation_id} ({row})")
            if row.deleted and not keys & DELETING:
                self.fail(f"annotation {annotation_id} was made deleted ({row})")

    def check_saved(self, app: MonkeyApp, step: Step, rows: dict[str, Row]) -> None:
        """What was saved is exactly what was typed, and stays so."""
        before = self.before.rows
        changed_notes = [  # a highlight makes a row with no note: not a note saved
            i
            for i, r in rows.items()
            if (i not in before and r.note) or (i in before and before[i].note != r.note)
        ]
        if len(changed_notes) > 1:
            self.fail(f"{step} changed {len(changed_notes)} notes: {changed_notes}")
        closed = step.editor is not None and step.editor not in app.screen_stack
        if closed and "ctrl+s" in step.keys:
            # ctrl+s closed the note editor: its text is a note now, exactly.
            if changed_notes:
                saved = rows[changed_notes[0]].note
                if step.note is not None and saved != step.note:
                    self.fail(f"saved the note {saved!r}, typed {step.note!r}")
                self.saved_notes[changed_notes[0]] = saved
            elif step.note is not None and not any(
                r.note == step.note and not r.deleted for r in rows.values()
            ):
                self.fail(f"the note saved with ctrl+s is in no annotation: {step.note!r}")
        for annotation_id, note in self.saved_notes.items():
            if rows[annotation_id].note != note:
                self.fail(
                    f"annotation {annotation_id} has note {rows[annotation_id].note!r}, "
                    f"saved as {note!r}"
                )
        prompt = step.prompt
        if prompt is None or step.keys != ("enter",) or prompt in app.screen_stack:
            return
        if prompt._question.startswith("Tags"):
            typed = normalise_tags(t for t in step.prompt_value.split(",") if t.strip())
            changed = [i for i, r in rows.items() if i not in before or before[i].tags != r.tags]
            for annotation_id in changed:
                if rows[annotation_id].tags != typed:
                    self.fail(f"tagged {rows[annotation_id].tags}, typed {step.prompt_value!r}")
            if typed and not any(r.tags == typed and not r.deleted for r in rows.values()):
                self.fail(f"the tags typed ({step.prompt_value!r}) are on no annotation")

    def check_titles(
        self,
        app: MonkeyApp,
        step: Step,
        before: tuple[str | None, ...],
        now: tuple[str | None, ...],
    ) -> None:
        """A section title the user wrote is shown and kept."""
        if sorted(t for t in before if t) != sorted(t for t in now if t) and not (
            set(step.keys) & TITLING
        ):
            self.fail(f"{step} changed the section titles the user wrote: {before} → {now}")
        prompt = step.prompt
        if prompt is None or step.keys != ("enter",) or prompt in app.screen_stack:
            return
        if prompt._question.startswith("Rename section "):
            index = int(prompt._question.removeprefix("Rename section ")) - 1
            title = " ".join(step.prompt_value.split())
            screen = reading_screen(app)
            assert screen is not None
            shown = screen.sections[index].title
            if title and (shown != title or index >= len(now) or now[index] != title):
                self.fail(f"renamed section {index + 1} {title!r}: shown {shown!r}, kept {now}")

    def check_shown(self, app: MonkeyApp) -> None:
        """The notes the app shows are the live rows of the database."""
        screen = reading_screen(app)
        if screen is None or screen.annotator.notebook is None:
            return
        shown = {a.id: (a.note, a.color, a.tags) for a in screen.annotator.annotations}
        live = {i: (r.note, r.color, r.tags) for i, r in self.before.rows.items() if not r.deleted}
        if shown != live:
            missing = {i: v for i, v in live.items() if shown.get(i) != v}
            extra = {i: v for i, v in shown.items() if live.get(i) != v}
            self.fail(f"the app shows {extra} not in the database; the database has {missing}")

    def check_draft(self, left: tuple[str, str] | None) -> None:
        """After the app quit: a changed note left in the editor is kept as the draft."""
        if left is None:
            return
        text, original = left
        draft = snapshot(self.database).draft
        if text != original and draft != text:
            self.fail(f"quit with {text!r} in the note editor; the draft is {draft!r}")

    # .................................................................. choosing
    def plan(self, app: MonkeyApp) -> Step:
        rng = self.rng
        screen = app.screen
        chance = rng.random()
        if chance < 0.02:
            step = Step(("(click)",), click=self.click_target(app))
        elif chance < 0.025:
            step = Step(("(click)",), click=self.click_target(app), drag=self.click_target(app))
        elif chance < 0.03:
            step = Step(("(resize)",), size=rng.choice(SIZES))
        elif chance < 0.065:
            # Keys arriving together, as when the app is busy or the user types fast.
            keys = tuple(self.choose(app) for _ in range(rng.randint(2, 5)))
            step = Step(tuple(k for k in keys if k != "ctrl+q") or ("escape",))
        else:
            step = Step((self.choose(app),))
        if isinstance(screen, NoteEditor):
            step.editor = screen
            if step.keys == ("ctrl+s",):
                step.note = screen.text
            elif len(step.keys) > 1 and rng.random() < 0.5:
                # Typing, ctrl+s and more typing at once: the note is the text with the typing
                # before the ctrl+s in it.
                area = screen.query_one(TextArea)
                if area.has_focus and area.selection.is_empty:
                    typed = "".join(rng.choice(BURST_CHARACTERS) for _ in step.keys)
                    at = area.document.get_index_from_location(area.cursor_location)
                    # Keys typed after the ctrl+s are not in the note.
                    after = "".join(rng.choice(BURST_CHARACTERS) for _ in range(rng.randint(0, 2)))
                    step.keys = (*typed, "ctrl+s", *after)
                    step.note = area.text[:at] + typed + area.text[at:]
        step.editor_left = open_editor(app)
        if isinstance(screen, TextPrompt):
            step.prompt = screen
            step.prompt_value = screen.query_one(Input).value
        return step

    def choose(self, app: MonkeyApp) -> str:
        rng = self.rng
        if rng.random() < 0.08:
            return _pick(rng, ANYWHERE)
        screen = app.screen
        focused = app.focused
        if isinstance(screen, NoteEditor):
            if isinstance(focused, TextArea):
                return _typing(rng, 0.8, EDITOR_KEYS)
            return _pick(rng, {**EDITOR_KEYS, "tab": 2})
        if isinstance(screen, TextPrompt):
            return _typing(rng, 0.6, PROMPT_KEYS)
        if isinstance(screen, Confirm):
            return _pick(rng, CONFIRM_KEYS)
        if isinstance(screen, ExportDialog):
            if isinstance(focused, Input):
                return _typing(rng, 0.2, EXPORT_KEYS)
            return _pick(rng, EXPORT_KEYS)
        if isinstance(screen, ReviewScreen):
            return _pick(rng, REVIEW_KEYS)
        if isinstance(screen, EntityCard):
            return _pick(rng, CARD_KEYS)
        if isinstance(screen, HelpScreen):
            return _pick(rng, HELP_KEYS)
        if isinstance(screen, CommandPalette):
            return _typing(rng, 0.5, PALETTE_KEYS)
        if not isinstance(screen, ReadingScreen):
            return _pick(rng, {"escape": 3, **ANYWHERE})
        if isinstance(focused, Input):
            return _typing(rng, 0.7, {"enter": 2, "escape": 2, "tab": 1, "backspace": 1})
        if isinstance(focused, ReaderView):
            return _pick(rng, {**SCREEN_KEYS, **READER_KEYS})
        if focused is not None and focused.id == "notes-list":
            return _pick(rng, {**SCREEN_KEYS, **NOTES_PANEL_KEYS})
        if isinstance(focused, OptionList):
            return _pick(rng, {**SCREEN_KEYS, **LIST_KEYS})
        return _pick(rng, SCREEN_KEYS)

    def click_target(self, app: MonkeyApp) -> tuple[int, int] | None:
        """A point on the reader, the section list or the dialog on top (never the footer,
        whose keys would be pressed by the mouse)."""
        rng = self.rng
        screen = app.screen
        candidates: list[Widget] = []
        if isinstance(screen, ReadingScreen):
            candidates = [*screen.query(ReaderView), *screen.query(SectionList)]
        else:
            candidates = [screen]
        visible = [w for w in candidates if w.display and w.region.area > 0]
        if not visible:
            return None
        region = rng.choice(visible).region
        x = rng.randrange(region.x, region.right)
        y = rng.randrange(region.y, region.bottom)
        if not 0 <= y < app.size.height - 1:
            return None
        return x, y

    async def perform(self, app: MonkeyApp, pilot, step: Step) -> None:  # type: ignore[no-untyped-def]
        where = type(app.screen).__name__
        focused = type(app.focused).__name__ if app.focused is not None else "-"
        self.log.append(f"{step:<40} # on {where}, focus {focused}")
        self.seen[where] += 1
        if step.click is not None and step.drag is not None:
            await pilot.mouse_down(offset=step.click)
            await pilot.hover(offset=step.drag)
            await pilot.mouse_up(offset=step.drag)
        elif step.click is not None:
            await pilot.click(offset=step.click)
        elif step.size is not None:
            await pilot.resize_terminal(*step.size)
        elif step.keys != ("(click)",):
            for key in step.keys:
                app.post_message(key_event(key))
        await quiet(app, pilot)
        self.done += 1


def reading_screen(app: BriefingApp) -> ReadingScreen | None:
    for screen in app.screen_stack:
        if isinstance(screen, ReadingScreen):
            return screen
    return None


def open_editor(app: BriefingApp) -> tuple[str, str] | None:
    """The text and saved note of the topmost note editor, if one is open."""
    for screen in reversed(app.screen_stack):
        if isinstance(screen, NoteEditor):
            return screen.text, screen._original
    return None


def key_event(key: str) -> events.Key:
    """The event `pilot.press(key)` sends."""
    if len(key) == 1 and not key.isalnum():
        key = _character_to_key(key)
    try:
        character: str | None = unicodedata.lookup(_get_unicode_name_from_key(key))
    except KeyError:
        character = key if len(key) == 1 else None
    return events.Key(key, character)


async def quiet(app: BriefingApp, pilot) -> None:  # type: ignore[no-untyped-def]
    """Wait until no widget of any screen has a message or callback left to handle: what
    `pilot.press` does, without its waits for the processor to go idle (20 ms each, twice a
    key), which would make the monkey four times slower."""
    for _ in range(100):
        await pilot._wait_for_screen()
        if not app.is_running:
            return
        # the palette's search, a long layout, a library search; one that a newer one of its
        # exclusive group cancelled is done (its WorkerCancelled is no error of the app's)
        waited = [w.wait() for w in list(app.workers)]
        for outcome in await asyncio.gather(*waited, return_exceptions=True):
            if isinstance(outcome, BaseException) and not isinstance(outcome, WorkerCancelled):
                raise outcome
        nodes = [app, *(n for s in app.screen_stack for n in s.walk_children(with_self=True))]
        if all(n._message_queue.empty() and not n._next_callbacks for n in nodes):
            return
        await asyncio.sleep(0)


async def settle(app: BriefingApp, pilot) -> None:  # type: ignore[no-untyped-def]
    screen = reading_screen(app)
    assert screen is not None
    await screen.analysed.wait()
    await app.workers.wait_for_complete()
    await pilot.pause()


async def run_monkey(seed: int, path: Path, steps: int, replay: str = "") -> Monkey:
    rng = random.Random(seed)
    database = Path(os.environ["BRIEFING_DATA_DIR"]) / DATABASE_NAME
    monkey = Monkey(seed, path, database, rng, steps, replay=replay)
    size = rng.choice(SIZES)
    monkey.log.append(f"# seed {seed}, {path.name}, size {size}")
    while monkey.done < steps:
        app = MonkeyApp(load_document(path))
        try:
            left = await session(monkey, app, size)
        except MonkeyFailure:
            raise
        except Exception as exc:  # what run_test raises when the app stopped on an error
            monkey.fail(f"the app crashed: {exc!r}", exc)
        monkey.check(app, Step(("(quit)",)))
        monkey.check_draft(left)
        monkey.seen["sessions"] += 1
        if monkey.done < steps:
            monkey.log.append("# quit: open again")
            if rng.random() < 0.4:
                edited_file(rng, path)
                monkey.log.append("# the file changed")
                monkey.seen["file changes"] += 1
    return monkey


async def session(monkey: Monkey, app: MonkeyApp, size: tuple[int, int]) -> tuple[str, str] | None:
    """Run the app until it quits or the steps are done; the note editor left open, as
    (text, saved note), if one was."""
    async with app.run_test(size=size) as pilot:
        await settle(app, pilot)
        monkey.check(app, Step(("(open)",)))
        while monkey.done < monkey.steps:
            step = monkey.plan(app)
            try:
                await asyncio.wait_for(monkey.perform(app, pilot, step), STEP_TIMEOUT)
            except TimeoutError as exc:
                monkey.fail(f"the app hung: a step took over {STEP_TIMEOUT} s", exc)
            if not app.is_running:
                # A key quit: the editor left open is the one before it (unless the keys came
                # in a burst, where what reached the editor is not known).
                return step.editor_left if len(step.keys) == 1 else None
            monkey.check(app, step)
        return open_editor(app)  # the app is closed with the editor as it is


def edited_file(rng: random.Random, path: Path) -> None:
    old = path.read_text(encoding="utf-8")
    path.write_text(mutate(rng, old), encoding="utf-8")
    try:
        load_document(path)
    except SourceError:  # an edit that left nothing readable: not what this test is about
        path.write_text(old, encoding="utf-8")


def document_for(seed: int, directory: Path) -> Path:
    rng = random.Random(f"document {seed}")
    text, suffix = random_document(rng)
    path = directory / f"monkey{suffix}"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def sandbox(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Files the monkey writes (exports, screenshots) stay in the test's directory."""
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.chdir(tmp_path)
    return tmp_path


TIMEOUT = 120 + STEPS // 10
"""Seconds: a hang fails the test (a step takes some 30 ms; 100 are allowed)."""


@pytest.mark.timeout(TIMEOUT)
@pytest.mark.parametrize("seed", _seeds())
async def test_monkey_on_random_documents(seed: int, sandbox: Path) -> None:
    replay = f"BRIEFING_MONKEY_SEEDS={seed} BRIEFING_MONKEY_STEPS={STEPS} (random documents)"
    await run_monkey(seed, document_for(seed, sandbox), STEPS, replay)


@pytest.mark.timeout(TIMEOUT)
async def test_monkey_on_the_bundled_briefing(sandbox: Path) -> None:
    path = sandbox / "briefing.txt"
    path.write_bytes(SEED.read_bytes())
    seed = _seeds()[0]
    replay = f"BRIEFING_MONKEY_SEEDS={seed} BRIEFING_MONKEY_STEPS={STEPS} (the bundled briefing)"
    await run_monkey(seed + 1000, path, STEPS, replay)
