"""Writing one status letter: choose the kind and the language, add a note if needed, preview it
(marked DRAFT, no number used), issue it (numbered and frozen), then print, save or open the
folder. The same dialog supersedes an issued letter: it voids it and issues the replacement.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from liaison.errors import LiaisonError, ValidationError
from liaison.models import Letter
from ui import prompts
from ui.desk import Desk
from ui.letters import pdf
from ui.letters import reason as reasons
from ui.letters.pdf import PdfPane
from ui.screen import resize_to_fit
from ui.widgets.choices import ValueCombo
from ui.widgets.forms import Form
from ui.widgets.text import long_text
from ui.wording import error_text

NOTE_LIMIT = 4000


def tr(text: str) -> str:
    return QCoreApplication.translate("IssueLetterDialog", text)


class IssueLetterDialog(QDialog):
    """``case_id`` or ``inquiry_id`` says what the letter is about; with neither, the user types
    a case or inquiry reference. ``supersede`` is an issued letter to replace."""

    def __init__(
        self,
        desk: Desk,
        *,
        case_id: int | None = None,
        inquiry_id: int | None = None,
        kind: str | None = None,
        supersede: Letter | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.desk = desk
        self.letters = desk.office.letters
        self.replacing = supersede
        if supersede is not None:
            case_id, inquiry_id, kind = supersede.case_id, supersede.inquiry_id, supersede.kind
        self.case_id = case_id
        self.inquiry_id = inquiry_id
        self.letter: Letter | None = None
        self.saved_to: Path | None = None
        self.setWindowTitle(tr("Replace letter") if supersede else tr("Write a status letter"))

        self.form = Form()
        self.reference = QLineEdit()
        self.reference.setPlaceholderText(tr("CASE-… or INQ-…"))
        self.reference.returnPressed.connect(self._find_target)
        self.about = QLabel()
        self.about.setTextFormat(Qt.TextFormat.PlainText)
        self.about.setWordWrap(True)
        self.kind = ValueCombo()
        self.language = ValueCombo()
        self.language.set_items(self.letters.languages())
        self.note = long_text(NOTE_LIMIT, lines=4)
        self.note.setPlaceholderText(tr("Optional: a paragraph for this trader only"))
        self.form.add("reference", tr("Case or inquiry"), self.reference)
        self.form.add("about", tr("About"), self.about)
        self.form.add("kind", tr("Kind of letter"), self.kind)
        self.form.add("language", tr("Language"), self.language)
        self.form.add("note", tr("Note"), self.note)
        self.form.alias("case_id", "reference")
        self.form.alias("inquiry_id", "reference")

        self.preview_button = QPushButton(tr("Preview"))
        self.preview_button.clicked.connect(self.preview)
        self.issue_button = QPushButton(tr("Replace and issue…") if supersede else tr("Issue…"))
        self.issue_button.clicked.connect(self.issue)
        self.issue_button.setEnabled(desk.can_edit)
        self.print_button = QPushButton(tr("Print…"))
        self.print_button.clicked.connect(self.print_letter)
        self.save_button = QPushButton(tr("Save as…"))
        self.save_button.clicked.connect(self.save_letter)
        self.folder_button = QPushButton(tr("Open folder"))
        self.folder_button.clicked.connect(self.open_saved_folder)
        self.status = QLabel()
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.status.setWordWrap(True)

        left = QWidget()
        column = QVBoxLayout(left)
        column.addWidget(self.form)
        row = QHBoxLayout()
        row.addWidget(self.preview_button)
        row.addWidget(self.issue_button)
        column.addLayout(row)
        column.addWidget(self.status)
        column.addStretch(1)
        after = QHBoxLayout()
        for button in (self.print_button, self.save_button, self.folder_button):
            after.addWidget(button)
        column.addLayout(after)
        self.pane = PdfPane()
        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(self.pane)
        splitter.setStretchFactor(1, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter, 1)
        layout.addWidget(buttons)
        resize_to_fit(self, 1100, 760)

        self.kind.changed.connect(self._choice_changed)
        self.language.changed.connect(self._choice_changed)
        has_target = case_id is not None or inquiry_id is not None
        self.form.set_row_visible("reference", not has_target)
        self._load_target(kind)
        self._update_buttons()

    # -- what the letter is about ---------------------------------------------------------------
    def _find_target(self) -> None:
        text = self.reference.text().strip().upper()
        office = self.desk.office
        try:
            if text.startswith("INQ-"):
                self.case_id, self.inquiry_id = None, office.inquiries.by_ref(text).id
            else:
                self.case_id, self.inquiry_id = office.cases.by_ref(text).id, None
        except LiaisonError as exc:
            self.form.mark("reference", error_text(exc))
            return
        self._load_target(None)

    def _load_target(self, kind: str | None) -> None:
        office = self.desk.office
        kinds: list[tuple[str, str]] = []
        if self.inquiry_id is not None:
            inquiry = office.inquiries.get(self.inquiry_id)
            trader = office.traders.get(inquiry.trader_id)
            self.about.setText(f"{inquiry.ref} — {inquiry.subject}\n{trader.display_name}")
            kinds = self.letters.offered(inquiry_id=self.inquiry_id)
        elif self.case_id is not None:
            case = office.cases.get(self.case_id)
            trader = office.traders.get(case.trader_id)
            self.about.setText(f"{case.ref} — B/L {case.bl_number}\n{trader.display_name}")
            kinds = self.letters.offered(case_id=self.case_id)
        else:
            self.about.setText(tr("Type a case or inquiry reference and press Enter."))
        if kind is not None and kinds and kind not in dict(kinds):
            # Asked for a kind that no longer applies (a letter to replace): keep it, so the
            # preview says what is missing instead of silently showing another kind.
            kinds.append((kind, dict(self.letters.kinds()).get(kind, kind)))
        self.kind.set_items(kinds)
        if kind is not None:
            self.kind.set_value(kind)
        self.kind.setEnabled(bool(kinds) and self.replacing is None)
        if kinds:
            target = {"case_id": self.case_id} if self.case_id else {"inquiry_id": self.inquiry_id}
            language = self.replacing.language if self.replacing else None
            self.language.set_value(language or self.letters.default_language(**target))
            self.preview()
        self._update_buttons()  # a reference typed in: Issue becomes possible

    def _where(self) -> dict[str, int]:
        """The ids to pass for the chosen kind (a case letter from an inquiry names both)."""
        kind = str(self.kind.value() or "")
        if self.inquiry_id is None:
            return {"case_id": self.case_id} if self.case_id is not None else {}
        if self.letters.kind_needs(kind) == "case":
            inquiry = self.desk.office.inquiries.get(self.inquiry_id)
            return {"case_id": inquiry.case_id or 0, "inquiry_id": self.inquiry_id}
        return {"inquiry_id": self.inquiry_id}

    # -- preview and issue ----------------------------------------------------------------------
    def _choice_changed(self) -> None:
        if self.letter is None and self.kind.value():
            self.preview()

    def preview(self) -> None:
        kind = self.kind.value()
        if not kind:
            return
        self.form.clear_errors()
        try:
            data = self.letters.preview(
                str(kind),
                language=str(self.language.value()),
                note=self.note.text(),
                **self._where(),
            )
        except LiaisonError as exc:
            self._refused(exc)
            return
        self.pane.show_pdf(data)
        pages = self.pane.page_count()
        shown = tr("1 page") if pages == 1 else tr("{n} pages").format(n=pages)
        self.status.setText(
            tr("Preview: {pages}. Nothing is numbered until you issue.").format(pages=shown)
        )

    def issue(self) -> Letter | None:
        kind = str(self.kind.value() or "")
        if not kind or self.letter is not None:
            return None
        question = tr(
            "Issue this letter? It takes the next reference number and is kept exactly as it is; "
            "afterwards it can be voided and replaced, never changed."
        )
        if not prompts.confirm(self, question, yes=tr("Issue")):
            return None
        language, note = str(self.language.value()), self.note.text()
        self.form.clear_errors()
        try:
            if self.replacing is not None:
                reason = reasons.ask_reason(
                    self, tr("Why is letter {ref} replaced?").format(ref=self.replacing.ref)
                )
                if reason is None:
                    return None
                result = self.letters.supersede(
                    self.replacing.id, reason, self.replacing.version, language=language, note=note
                )
            else:
                result = self.letters.issue(kind, language=language, note=note, **self._where())
        except LiaisonError as exc:
            self._refused(exc)
            return None
        self.desk.announce(result)
        self.letter = result[0]
        self.pane.show_pdf(self.letters.pdf(self.letter.id))
        self.status.setText(tr("Issued as {ref}.").format(ref=self.letter.ref))
        self._update_buttons()
        return self.letter

    def _refused(self, exc: LiaisonError) -> None:
        if isinstance(exc, ValidationError) and exc.field in (
            "kind",
            "note",
            "language",
            "case_id",
            "inquiry_id",
        ):
            self.form.show_error(exc)
            self.pane.show_message(exc.message)
            self.status.clear()
        else:
            prompts.error(self, error_text(exc))

    def _update_buttons(self) -> None:
        issued = self.letter is not None
        self.issue_button.setEnabled(self.desk.can_edit and not issued and self.kind.count() > 0)
        self.preview_button.setEnabled(not issued)
        self.kind.setEnabled(not issued and self.replacing is None and self.kind.count() > 0)
        self.language.setEnabled(not issued)
        self.note.setReadOnly(issued)
        self.print_button.setEnabled(issued)
        self.save_button.setEnabled(issued)
        self.folder_button.setEnabled(self.saved_to is not None)

    # -- after issuing --------------------------------------------------------------------------
    def print_letter(self) -> int:
        if self.letter is None:
            return 0
        return pdf.print_pdf(self, self.letters.pdf(self.letter.id))

    def save_letter(self) -> Path | None:
        if self.letter is None:
            return None
        path = pdf.save_pdf(
            self, self.letters.pdf(self.letter.id), self.letters.file_name(self.letter.id)
        )
        if path is not None:
            self.saved_to = path
            self.status.setText(tr("Saved to {path}.").format(path=path))
        self._update_buttons()
        return path

    def open_saved_folder(self) -> None:
        if self.saved_to is not None:
            pdf.open_folder(self.saved_to)
