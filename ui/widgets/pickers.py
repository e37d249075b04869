"""Choosing a trader among thousands: type part of a name, code, TIN or phone and pick from the
list that the office's search (``office.search``) returns as you type."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QCompleter, QLabel, QLineEdit, QVBoxLayout, QWidget

from liaison.enums import Entity
from liaison.errors import LiaisonError

DEBOUNCE_MS = 150
LIMIT = 15


def tr(text: str) -> str:
    return QCoreApplication.translate("pickers", text)


class TraderPicker(QWidget):
    changed = Signal()

    def __init__(self, office: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.office = office
        self._trader_id: int | None = None
        self._chosen_text = ""
        self.edit = QLineEdit()
        self.edit.setMaxLength(200)
        self.edit.setPlaceholderText(tr("Type a name, code, TIN or phone…"))
        self.hint = QLabel(tr("Choose the trader from the list that appears."))
        self.hint.setTextFormat(Qt.TextFormat.PlainText)
        self.hint.setProperty("role", "note")
        self.results = QStandardItemModel(self)
        self.completer = QCompleter(self.results, self)
        self.completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        self.completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.completer.setWidget(self.edit)
        self.completer.activated[QModelIndex].connect(self._picked)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(DEBOUNCE_MS)
        self.timer.timeout.connect(self.search_now)
        self.edit.textEdited.connect(self._typed)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.edit)
        layout.addWidget(self.hint)
        self.setFocusProxy(self.edit)

    def trader_id(self) -> int | None:
        return self._trader_id

    def set_trader(self, trader_id: int | None, text: str = "") -> None:
        self._trader_id = trader_id
        self._chosen_text = text
        self.edit.setText(text)
        self.hint.setVisible(trader_id is None)
        self.changed.emit()

    def _typed(self, text: str) -> None:
        if self._trader_id is not None and text != self._chosen_text:
            self._trader_id = None
            self.hint.show()
            self.changed.emit()
        self.timer.start()

    def search_now(self) -> None:
        text = self.edit.text().strip()
        self.results.clear()
        if len(text) < 2:
            return
        try:
            hits = self.office.search.search(text, kinds=(Entity.TRADERS,), limit_per_kind=LIMIT)
        except LiaisonError:
            return
        for hit in hits:
            item = QStandardItem(f"{hit.title} · {hit.detail}" if hit.detail else hit.title)
            item.setData(hit.id, Qt.ItemDataRole.UserRole)
            item.setData(hit.title, Qt.ItemDataRole.UserRole + 1)
            self.results.appendRow(item)
        if self.results.rowCount() and self.edit.hasFocus():
            self.completer.complete()

    def choose_row(self, row: int) -> None:
        """Pick the ``row``-th suggestion (what a click or Enter in the popup does)."""
        self._picked(self.results.index(row, 0))

    def _picked(self, index: QModelIndex) -> None:
        if not index.isValid():
            return
        trader_id = index.data(Qt.ItemDataRole.UserRole)
        self.set_trader(int(trader_id), str(index.data(Qt.ItemDataRole.DisplayRole)))
