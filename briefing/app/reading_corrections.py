"""The reading screen's section corrections: go to a section by number, rename, split, merge,
fewer or more sections (`-`/`+`) and reset (a part of `ReadingScreen`, which holds the keys).
Each correction is shown at once and its plan saved on the screen's writer thread, in order."""

from __future__ import annotations

from typing import TYPE_CHECKING

from briefing.app.reader.view import ReaderView
from briefing.model import Reading, Section

if TYPE_CHECKING:
    from textual.screen import Screen

    from briefing.app.write_queue import WriteQueue
    from briefing.service.corrections import Edit, SectionEditor

    _Base = Screen[None]
else:
    _Base = object  # a mixin of `ReadingScreen`


class SectionCorrections(_Base):
    """Correcting the automatic sections, for `ReadingScreen`."""

    _editor: SectionEditor | None
    reading: Reading
    writes: WriteQueue

    if TYPE_CHECKING:  # the screen's

        @property
        def sections(self) -> tuple[Section, ...]: ...
        def current_section(self) -> int: ...
        def go_to_section(self, index: int) -> None: ...
        def _show(self, reading: Reading) -> None: ...
        def _warn(self, message: str) -> None: ...

    def action_ask_section(self) -> None:
        """Ask for a section number: the number keys reach only sections 1–9."""
        from briefing.app.dialogs import TextPrompt

        def done(answer: str | None) -> None:
            if answer is None or not answer.strip():
                return
            try:
                number = int(answer.strip())
            except ValueError:
                self.notify(
                    f"Not a section number: {answer.strip()}", severity="warning", markup=False
                )
                return
            self.go_to_section(number - 1)
            self.query_one(ReaderView).focus()

        prompt = TextPrompt(
            "Go to section",
            placeholder=f"1–{len(self.sections)}",
            hint="enter: go · escape: cancel",
        )
        self.app.push_screen(prompt, done)

    def _editor_ready(self, *, correcting: bool = True) -> bool:
        if self._editor is None or not self._editor.ready:
            self.notify("The sections are still being analysed.", markup=False)
            return False
        if correcting and self._editor.unfit:
            self._unfit_plan()
            return False
        return True

    def _unfit_plan(self) -> None:
        from briefing.service.corrections import UNFIT

        self.notify(UNFIT[0].upper() + UNFIT[1:] + ".", severity="warning", markup=False)

    def _after_edit(self, edit: Edit, message: str) -> None:
        """Show the corrected reading and save its plan; a failure to save is one line (the
        correction stays shown)."""
        self._show(edit.reading)
        self.notify(message, markup=False)
        editor, plan = self._editor, edit.plan
        if editor is not None:
            self.writes.put(
                lambda: editor.save(plan),
                failed=lambda error: self._warn(f"Not saved: {error}"),
            )

    def action_rename_section(self) -> None:
        if not self._editor_ready():
            return
        from briefing.app.dialogs import TextPrompt

        index = self.current_section()

        def done(title: str | None) -> None:
            if title is not None and self._editor is not None:
                edit = self._editor.rename(index, title)
                self._after_edit(edit, f"Section {index + 1} renamed.")

        prompt = TextPrompt(
            f"Rename section {index + 1}",
            self.sections[index].title,
            "empty: back to the automatic title",
        )
        self.app.push_screen(prompt, done)

    def action_split_section(self) -> None:
        if not self._editor_ready():
            return
        from briefing.service.corrections import CorrectionError

        assert self._editor is not None
        paragraph = self.query_one(ReaderView).first_whole_paragraph()
        index = self.reading.section_of(paragraph)
        if index is None:
            index = self.current_section()
        try:
            edit = self._editor.split(index, paragraph)
        except CorrectionError:
            self.app.bell()
            self.notify(
                "Scroll to the paragraph that should start the new section, then split.",
                severity="warning",
                markup=False,
            )
            return
        self._after_edit(edit, f"Section {index + 1} split at paragraph {paragraph + 1}.")
        self.query_one(ReaderView).scroll_to_section(index + 1)

    def action_merge_section(self) -> None:
        if not self._editor_ready():
            return
        from briefing.service.corrections import CorrectionError

        assert self._editor is not None
        index = self.current_section()
        try:
            edit = self._editor.merge_with_next(index)
        except CorrectionError as exc:
            self.app.bell()
            self.notify(str(exc).capitalize() + ".", severity="warning", markup=False)
            return
        self._after_edit(edit, f"Sections {index + 1} and {index + 2} merged.")

    def action_change_granularity(self, finer: bool) -> None:
        """`-` merges the weakest boundary, `+` restores the next strongest (section list)."""
        if not self._editor_ready():
            return
        from briefing.service.corrections import CorrectionError

        assert self._editor is not None
        try:
            edit = self._editor.finer() if finer else self._editor.coarser()
        except CorrectionError as exc:
            self.app.bell()
            self.notify(str(exc).capitalize() + ".", severity="warning", markup=False)
            return
        count = len(edit.reading.sections)
        self._after_edit(edit, f"{'Finer' if finer else 'Coarser'}: {count} sections.")

    def action_reset_sections(self) -> None:
        if not self._editor_ready(correcting=False):
            return
        from briefing.app.dialogs import Confirm

        def done(confirmed: bool | None) -> None:
            if confirmed and self._editor is not None:
                self._after_edit(self._editor.reset(), "Sections reset to the automatic split.")

        question = "Reset the sections to the automatic split, dropping your titles?"
        self.app.push_screen(Confirm(question), done)
