"""Looking at issued letters: the registry's columns, a viewer window for one letter (its frozen
PDF, print, save, open folder), the letter's history (audit trail and what it replaced or was
replaced by), and the letters panel that trader, case and inquiry views embed."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QModelIndex, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from liaison.enums import Entity
from liaison.errors import LiaisonError
from liaison.models import Changes, LetterRow
from ui import prompts
from ui.desk import Desk
from ui.letters import pdf
from ui.letters.pdf import PdfPane
from ui.models.base import Colours, Column, RecordRole, stamp_text
from ui.models.small import RecordListModel
from ui.screen import resize_to_fit
from ui.widgets.tables import make_table
from ui.wording import error_text

VOID_LOOK = Colours(foreground=QColor("#7a7f87"))


def tr(text: str) -> str:
    return QCoreApplication.translate("letters", text)


def letter_columns(kind_titles: dict[str, str]) -> list[Column]:
    def status(row: LetterRow) -> str:
        if row.status != "VOID":
            return tr("Issued")
        if row.superseded_by_ref:
            return tr("Void — replaced by {ref}").format(ref=row.superseded_by_ref)
        return tr("Void")

    def look(row: LetterRow) -> Colours | None:
        return VOID_LOOK if row.status == "VOID" else None

    return [
        Column("ref", tr("Reference"), lambda r: r.ref, sort="ref", colours=look),
        Column("status", tr("Status"), status, sort="status", colours=look),
        Column("issued_at", tr("Issued"), lambda r: stamp_text(r.issued_at), sort="issued_at"),
        Column("kind", tr("Kind"), lambda r: kind_titles.get(r.kind, r.kind), sort="kind"),
        Column("language", tr("Language"), lambda r: r.language.upper(), sort="language"),
        Column("trader_name", tr("Trader"), lambda r: r.trader_name, sort="trader_name"),
        Column(
            "case_ref",
            tr("Case / inquiry"),
            lambda r: r.case_ref or r.inquiry_ref or "",
            sort="case_ref",
        ),
        Column("subject", tr("Subject"), lambda r: r.subject, sort="subject"),
        Column("issued_by", tr("Issued by"), lambda r: r.issued_by_name),
    ]


class LetterViewer(QDialog):
    """One issued letter, exactly as issued."""

    def __init__(self, desk: Desk, letter_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.desk = desk
        self.letters = desk.office.letters
        self.letter = self.letters.get(letter_id)
        self.saved_to: Path | None = None
        self.setWindowTitle(self.letter.ref + (tr(" (void)") if self.letter.is_void else ""))
        self.pane = PdfPane()
        self.pane.show_pdf(self.letters.pdf(letter_id))
        row = QHBoxLayout()
        for text, slot in (
            (tr("Print…"), self.print_letter),
            (tr("Save as…"), self.save_letter),
            (tr("Open folder"), self.open_saved_folder),
        ):
            button = QPushButton(text)
            button.clicked.connect(slot)
            row.addWidget(button)
        row.addStretch(1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        row.addWidget(buttons)
        layout = QVBoxLayout(self)
        layout.addWidget(self.pane, 1)
        layout.addLayout(row)
        resize_to_fit(self, 760, 900)

    def print_letter(self) -> int:
        return pdf.print_pdf(self, self.pane.data)

    def save_letter(self) -> Path | None:
        self.saved_to = pdf.save_pdf(self, self.pane.data, self.letters.file_name(self.letter.id))
        return self.saved_to

    def open_saved_folder(self) -> None:
        if self.saved_to is not None:
            pdf.open_folder(self.saved_to)


def history_text(desk: Desk, letter_id: int) -> str:
    """What happened to a letter, newest first, and the letters it replaced or was replaced by."""
    letters = desk.office.letters
    letter = letters.get(letter_id)
    lines = [letter.ref, ""]
    if letter.supersedes_id is not None:
        lines.append(tr("Replaces {ref}.").format(ref=letters.get(letter.supersedes_id).ref))
    for row in (
        letters.for_case(letter.case_id)
        if letter.case_id
        else letters.for_inquiry(letter.inquiry_id or 0)
    ):
        if row.supersedes_id == letter.id:
            lines.append(tr("Replaced by {ref}.").format(ref=row.ref))
    if letter.is_void:
        lines.append(tr("Void: {reason}").format(reason=letter.void_reason or ""))
    lines.append("")
    for entry in desk.office.history("letters", letter_id):
        change = (
            f"{entry.field}: {entry.old_value or '—'} → {entry.new_value or '—'}"
            if entry.field
            else ""
        )
        lines.append(
            f"{stamp_text(entry.at)}  {entry.staff_name}  {entry.action}  {change}".rstrip()
        )
    return "\n".join(lines)


def show_history(desk: Desk, letter_id: int, parent: QWidget | None) -> QDialog:
    dialog = QDialog(parent)
    dialog.setWindowTitle(tr("Letter history"))
    text = QPlainTextEdit(history_text(desk, letter_id))
    text.setReadOnly(True)
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
    buttons.rejected.connect(dialog.reject)
    layout = QVBoxLayout(dialog)
    layout.addWidget(text)
    layout.addWidget(buttons)
    dialog.resize(640, 420)
    dialog.show()
    return dialog


class LettersPanel(QWidget):
    """The letters of one trader, case or inquiry, for their record views: list, write, open."""

    def __init__(
        self,
        desk: Desk,
        *,
        trader_id: int | None = None,
        case_id: int | None = None,
        inquiry_id: int | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.desk = desk
        self.owner = {"trader_id": trader_id, "case_id": case_id, "inquiry_id": inquiry_id}
        titles = dict(desk.office.letters.kinds())
        self.model = RecordListModel(letter_columns(titles), parent=self)
        self.view = make_table(self)
        self.view.setModel(self.model)
        self.view.activated.connect(self._activated)
        self.write_button = QPushButton(tr("Write a letter…"))
        self.write_button.clicked.connect(self.write)
        self.write_button.setEnabled(desk.can_edit)
        self.open_button = QPushButton(tr("Open"))
        self.open_button.clicked.connect(self.open_selected)
        self.empty = QLabel(tr("No letters yet."))
        self.empty.setTextFormat(Qt.TextFormat.PlainText)
        row = QHBoxLayout()
        row.addWidget(self.empty)
        row.addStretch(1)
        row.addWidget(self.write_button)
        row.addWidget(self.open_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(row)
        layout.addWidget(self.view, 1)
        self.windows: list[QWidget] = []
        desk.data_changed.connect(self._data_changed)
        self.reload()

    def reload(self) -> None:
        letters = self.desk.office.letters
        if self.owner["case_id"] is not None:
            rows = letters.for_case(self.owner["case_id"])
        elif self.owner["inquiry_id"] is not None:
            rows = letters.for_inquiry(self.owner["inquiry_id"])
        else:
            rows = letters.for_trader(self.owner["trader_id"] or 0)
        self.model.set_records(rows)
        self.empty.setVisible(not rows)
        self.view.resizeColumnsToContents()

    def _data_changed(self, changes: Changes) -> None:
        if changes.touches(Entity.LETTERS, Entity.TRADERS):
            self.reload()

    def write(self) -> QDialog:
        from ui.letters.issue_dialog import IssueLetterDialog

        dialog = IssueLetterDialog(
            self.desk,
            case_id=self.owner["case_id"],
            inquiry_id=self.owner["inquiry_id"],
            parent=self,
        )
        self.windows.append(dialog)
        dialog.show()
        return dialog

    def open_selected(self) -> QDialog | None:
        index = self.view.currentIndex()
        return self._activated(index) if index.isValid() else None

    def _activated(self, index: QModelIndex) -> QDialog | None:
        row = index.data(RecordRole)
        if row is None:
            return None
        try:
            viewer = LetterViewer(self.desk, row.id, self)
        except LiaisonError as exc:
            prompts.error(self, error_text(exc))
            return None
        self.windows.append(viewer)
        viewer.show()
        return viewer
