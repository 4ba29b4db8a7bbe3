"""The export dialog: where to write, Markdown or W3C JSON, full text or notes only, and a
preview of the first lines; then it writes (asking before it overwrites) and says where."""

from __future__ import annotations

from pathlib import Path
from typing import Any, ClassVar

from rich.text import Text
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.widgets import Checkbox, Input, Static

from briefing.app.modal import Modal
from briefing.errors import BriefingError
from briefing.export.destination import SUFFIXES, default_destination, render_export
from briefing.model import Annotation, Reading
from briefing.paths import expand_user

PREVIEW_LINES = 12


class ExportDialog(Modal[Path | None]):
    """Returns the path written, or None when cancelled."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "export", "Export", priority=True, id="export.write"),
        Binding("enter", "enter", "Export", priority=True, id="export.enter"),
        Binding("escape", "cancel", "Cancel", id="export.cancel"),
    ]

    def __init__(self, reading: Reading, annotations: list[Annotation]) -> None:
        super().__init__()
        self._reading = reading
        self._annotations = annotations

    def compose(self) -> ComposeResult:
        document = self._reading.document
        with Vertical(classes="dialog card"):
            yield Static(Text("Export", style="bold"), classes="dialog-question")
            yield Input(str(default_destination(document)), id="export-path")
            with Horizontal(id="export-options"):
                yield Checkbox("Notes only", id="export-notes-only")
                yield Checkbox("W3C annotation JSON", id="export-json")
            yield Static(id="export-preview")
            yield Static(
                Text("enter or ctrl+s: export · escape: cancel", style="dim"),
                classes="dialog-hint",
            )

    def on_mount(self) -> None:
        if self.dismissed:
            return  # answered by keys typed ahead: its widgets never came
        self.query_one(Input).focus()
        self._preview()

    @property
    def _format(self) -> str:
        return "json" if self.query_one("#export-json", Checkbox).value else "markdown"

    def _exported_text(self) -> str:
        return render_export(
            self._reading.document,
            format=self._format,
            notes_only=self.query_one("#export-notes-only", Checkbox).value,
            reading=self._reading,
            annotations=self._annotations,
        )

    def _preview(self) -> None:
        lines = self._exported_text().splitlines()[:PREVIEW_LINES]
        self.query_one("#export-preview", Static).update(Text("\n".join(lines), style="dim"))

    def on_checkbox_changed(self, event: Checkbox.Changed) -> None:
        event.stop()
        if event.checkbox.id == "export-json":
            # Keep the path's name in step with the format unless the user typed their own.
            path_input = self.query_one(Input)
            old, new = SUFFIXES.values() if event.value else reversed(SUFFIXES.values())
            if path_input.value.endswith(old):
                path_input.value = path_input.value[: -len(old)] + new
        self._preview()

    def action_export(self) -> None:
        self.in_order(self._export)

    def action_enter(self) -> None:
        # Not the field's own enter (see `modal`); on an option, enter toggles it.
        def enter() -> None:
            if isinstance(self.focused, Checkbox):
                self.focused.toggle()
            else:
                self._export()

        self.in_order(enter)

    def _export(self) -> None:
        if self.dismissed:  # a second enter that came with the first
            return
        raw = self.query_one(Input).value.strip()
        if not raw:
            self.notify("Give a file to write.", severity="warning", markup=False)
            return
        try:
            path = expand_user(raw)
        except BriefingError as exc:
            self.notify(str(exc), severity="warning", markup=False)
            return
        if path.exists():
            from briefing.app.dialogs import Confirm

            def answered(overwrite: bool | None) -> None:
                if overwrite:
                    self._write(path, force=True)

            self.app.push_screen(Confirm(f"{path} exists. Overwrite it?"), answered)
            return
        self._write(path, force=False)

    def _write(self, path: Path, *, force: bool) -> None:
        from briefing.export.files import write_atomically

        try:
            write_atomically(path, self._exported_text(), force=force)
        except BriefingError as exc:
            self.notify(str(exc), severity="error", markup=False, timeout=10)
            return
        where = path.resolve()
        downloading = offer_download(self.app, path)
        also = " (and downloading it in the browser)" if downloading else ""
        self.app.notify(f"Wrote {where.name} in {where.parent}{also}", markup=False)
        self.dismiss(path)

    def action_cancel(self) -> None:
        self.dismiss(None)


def offer_download(app: App[Any], path: Path) -> bool:
    """In a browser (`briefing serve`), the file just written is on the server's machine: offer
    it to the browser as a download too. In a terminal, nothing (Textual's terminal drivers
    would copy it into the downloads folder)."""
    if not app.is_web:
        return False
    app.deliver_text(path, save_filename=path.name, open_method="download", encoding="utf-8")
    return True
