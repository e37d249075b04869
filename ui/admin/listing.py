"""A small list dialog for the admin screens: a table of records with action buttons that act on
the selected one, reloading itself when the desk announces a change of its kind."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from PySide6.QtCore import QCoreApplication, QModelIndex, Slot
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from liaison.enums import Entity
from liaison.models import Changes
from ui.desk import Desk
from ui.models.base import Column
from ui.models.small import RecordListModel


def tr(text: str) -> str:
    return QCoreApplication.translate("AdminLists", text)


class RecordListDialog(QDialog):
    def __init__(
        self,
        desk: Desk,
        parent: QWidget | None,
        title: str,
        intro: str,
        columns: list[Column],
        watch: Entity,
    ) -> None:
        super().__init__(parent)
        self.desk = desk
        self.office = desk.office
        self.watch = watch
        self.setWindowTitle(title)
        self.resize(860, 460)
        note = QLabel(intro)
        note.setWordWrap(True)
        self.model = RecordListModel(columns, parent=self)
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.verticalHeader().hide()
        self.view.horizontalHeader().setStretchLastSection(True)
        self.view.activated.connect(self._activated)
        self.buttons_row = QHBoxLayout()
        self.selection_buttons: list[QPushButton] = []
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addWidget(self.view, 1)
        bottom = QHBoxLayout()
        bottom.addLayout(self.buttons_row)
        bottom.addStretch(1)
        bottom.addWidget(close)
        layout.addLayout(bottom)
        self.view.selectionModel().selectionChanged.connect(self._selection_changed)
        desk.data_changed.connect(self._data_changed)
        self.default_action: Callable[[], None] | None = None

    def add_button(
        self, text: str, slot: Callable[[], None], *, needs_selection: bool = False
    ) -> QPushButton:
        button = QPushButton(text)
        button.setAutoDefault(False)
        button.clicked.connect(lambda: slot())
        self.buttons_row.addWidget(button)
        if needs_selection:
            self.selection_buttons.append(button)
            button.setEnabled(False)
        return button

    def fill(self, records: Iterable[Any]) -> None:
        keep = self.selected()
        self.model.set_records(records)
        self.view.resizeColumnsToContents()
        if keep is not None:
            self.select(keep.id)
        self._selection_changed()

    def select(self, record_id: int) -> None:
        row = self.model.row_of(record_id)
        if row >= 0:
            self.view.selectRow(row)

    def selected(self) -> Any:
        rows = self.view.selectionModel().selectedRows() if self.view.selectionModel() else []
        return self.model.record(rows[0].row()) if rows else None

    def reload(self) -> None:
        raise NotImplementedError

    @Slot()
    def _selection_changed(self, *_args: object) -> None:
        chosen = self.selected() is not None
        for button in self.selection_buttons:
            button.setEnabled(chosen and self.can_act())
        self.selection_changed()

    def selection_changed(self) -> None:
        """For subclasses whose buttons depend on the selected record."""

    def can_act(self) -> bool:
        return self.office.actor.is_admin

    @Slot(QModelIndex)
    def _activated(self, index: QModelIndex) -> None:
        if self.default_action is not None and self.can_act():
            self.view.selectRow(index.row())
            self.default_action()

    @Slot(object)
    def _data_changed(self, changes: Changes) -> None:
        if changes.touches(self.watch):
            self.reload()
