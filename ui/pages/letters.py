"""The Letters page: the registry of issued letters, searchable by reference, trader, case,
inquiry or B/L and filtered by kind and status, with the selected letter's frozen copy beside
the list; reprint (print or save the frozen copy), void with a reason, replace, show a letter's
history, write a new letter, and issue one kind to many cases (batch)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, QTimer, Signal
from PySide6.QtWidgets import QLineEdit, QPushButton, QSplitter, QWidget

from liaison.enums import Entity
from liaison.errors import LiaisonError
from liaison.models import LetterRow
from ui import prompts
from ui.desk import Desk
from ui.letters import pdf
from ui.letters import reason as reasons
from ui.letters.pdf import PdfPane
from ui.letters.views import letter_columns, show_history
from ui.models.lazy import LazyTableModel
from ui.pages.listing import ListPage
from ui.widgets.choices import ValueCombo
from ui.wording import error_text


def tr(text: str) -> str:
    return QCoreApplication.translate("LettersPage", text)


class SearchField(QLineEdit):
    """Search as you type: ``changed`` fires once the typing pauses."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setClearButtonEnabled(True)
        self.setMaxLength(200)
        self._pause = QTimer(self)
        self._pause.setSingleShot(True)
        self._pause.setInterval(250)
        self._pause.timeout.connect(self.changed)
        self.textChanged.connect(lambda _text: self._pause.start())
        self.returnPressed.connect(self._now)

    def _now(self) -> None:
        self._pause.stop()
        self.changed.emit()


class LettersPage(ListPage):
    kind = Entity.LETTERS
    watch = (Entity.LETTERS, Entity.TRADERS, Entity.CASES, Entity.INQUIRIES)
    flexible = ("subject", "trader_name", "kind", "status")
    hidden_columns = ("language", "issued_by")  # the copy beside the list shows both

    def __init__(self, desk: Desk, parent: QWidget | None = None) -> None:
        self.title = tr("Letters")
        self.kind_titles = dict(desk.office.letters.kinds())
        self.windows: list[QWidget] = []
        super().__init__(desk, parent)
        self.edit_button.hide()  # an issued letter is never edited: it is voided and replaced
        self.open_button.setText(tr("Open case"))
        self.pane = PdfPane()
        layout = self.layout()
        layout.removeWidget(self.view)
        self.splitter = QSplitter()
        self.splitter.addWidget(self.view)
        self.splitter.addWidget(self.pane)
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 1)
        layout.addWidget(self.splitter, 1)  # type: ignore[attr-defined]
        self.buttons: dict[str, QPushButton] = {}
        top = layout.itemAt(0).layout()  # the page's action row: title, count, buttons
        at = top.indexOf(self.new_button)
        for key, text, slot in (
            ("print", tr("Print…"), self.print_selected),
            ("save", tr("Save as…"), self.save_selected),
            ("void", tr("Void…"), self.void_selected),
            ("replace", tr("Replace…"), self.replace_selected),
            ("history", tr("History"), self.history_selected),
            ("batch", tr("Batch…"), self.batch),
        ):
            button = QPushButton(text)
            button.clicked.connect(slot)
            top.insertWidget(at, button)  # type: ignore[attr-defined]
            at += 1
            self.buttons[key] = button
        self.view.selectionModel().currentRowChanged.connect(lambda *_: self._show_selected())
        self.model.modelReset.connect(self._show_selected)
        self._show_selected()

    # -- the list -------------------------------------------------------------------------------
    def make_model(self) -> LazyTableModel:
        return LazyTableModel(
            self.office.letters,
            letter_columns(self.kind_titles),
            sort="ref",
            filters=self.filters(),
        )

    def not_listed_text(self) -> str:
        return tr("That letter is not in the list: it does not match the filters.")

    def build_filters(self) -> None:
        self.search = SearchField()
        self.search.setPlaceholderText(tr("Reference, trader, case, B/L…"))
        self.search.setMinimumWidth(260)
        self.add_filter("text", tr("Find"), self.search)
        kinds = ValueCombo()
        kinds.set_items(list(self.kind_titles.items()), none=tr("Any kind"))
        self.add_filter("kind", tr("Kind"), kinds)
        status = ValueCombo()
        status.set_items([("ISSUED", tr("Issued")), ("VOID", tr("Void"))], none=tr("All"))
        self.add_filter("status", tr("Status"), status)

    def filters(self) -> dict[str, object]:
        found: dict[str, object] = {}
        if hasattr(self, "search"):
            found["text"] = self.search.text().strip()
        for name in ("kind", "status"):
            widget = self.filter_widgets.get(name)
            if isinstance(widget, ValueCombo) and widget.value():
                found[name] = widget.value()
        return found

    def clear_filters(self) -> None:
        self.search.blockSignals(True)
        self.search.clear()
        self.search.blockSignals(False)
        super().clear_filters()

    def new_text(self) -> str:
        return tr("Write a letter…")

    def count_text(self, count: int) -> str:
        if count == 1:
            return tr("1 letter")
        return tr("{n} letters").format(n=f"{count:,}")

    def none_yet_text(self) -> str:
        return tr("No letter has been issued yet. Write one from a case or an inquiry.")

    def new_record(self) -> Any:
        from ui.letters.issue_dialog import IssueLetterDialog

        dialog = IssueLetterDialog(self.desk, parent=self)
        self.windows.append(dialog)
        dialog.show()
        return dialog

    def open_record(self, record: Any) -> None:
        """A letter opens the case (or inquiry) it is about."""
        if record.case_id is not None:
            self.desk.open_record.emit(Entity.CASES.value, record.case_id)
        elif record.inquiry_id is not None:
            self.desk.open_record.emit(Entity.INQUIRIES.value, record.inquiry_id)

    # -- the selected letter --------------------------------------------------------------------
    def selected(self) -> LetterRow | None:
        record = self.selected_record()
        return record if isinstance(record, LetterRow) else None

    def _show_selected(self) -> None:
        row = self.selected()
        if row is None:
            self.pane.show_message(tr("Choose a letter to see it as it was issued."))
        else:
            try:
                self.pane.show_pdf(self.office.letters.pdf(row.id))
            except LiaisonError as exc:
                self.pane.show_message(error_text(exc))
        self._update_letter_actions()

    def _update_actions(self) -> None:
        super()._update_actions()
        self._update_letter_actions()

    def _update_letter_actions(self) -> None:
        if not hasattr(self, "buttons"):
            return
        row = self.selected()
        editor = self.desk.can_edit
        self.buttons["print"].setEnabled(row is not None)
        self.buttons["save"].setEnabled(row is not None)
        self.buttons["history"].setEnabled(row is not None)
        live = row is not None and row.status != "VOID"
        self.buttons["void"].setEnabled(editor and live)
        self.buttons["replace"].setEnabled(editor and live)
        self.buttons["batch"].setEnabled(editor)

    def print_selected(self) -> int:
        row = self.selected()
        return pdf.print_pdf(self, self.office.letters.pdf(row.id)) if row else 0

    def save_selected(self) -> Any:
        row = self.selected()
        if row is None:
            return None
        letters = self.office.letters
        return pdf.save_pdf(self, letters.pdf(row.id), letters.file_name(row.id))

    def void_selected(self) -> bool:
        row = self.selected()
        if row is None:
            return False
        why = reasons.ask_reason(self, tr("Why is letter {ref} void?").format(ref=row.ref))
        if why is None:
            return False
        letter = self.office.letters.get(row.id)
        return (
            self.desk.call(self, self.office.letters.void, row.id, why, letter.version) is not None
        )

    def replace_selected(self) -> Any:
        from ui.letters.issue_dialog import IssueLetterDialog

        row = self.selected()
        if row is None:
            return None
        try:
            letter = self.office.letters.get(row.id)
        except LiaisonError as exc:
            prompts.error(self, error_text(exc))
            return None
        dialog = IssueLetterDialog(self.desk, supersede=letter, parent=self)
        self.windows.append(dialog)
        dialog.show()
        return dialog

    def history_selected(self) -> Any:
        row = self.selected()
        if row is None:
            return None
        dialog = show_history(self.desk, row.id, self)
        self.windows.append(dialog)
        return dialog

    def batch(self) -> Any:
        from ui.letters.batch import BatchLetterDialog

        dialog = BatchLetterDialog(self.desk, parent=self)
        self.windows.append(dialog)
        dialog.show()
        return dialog
