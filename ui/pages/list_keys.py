"""A key of the big lists that Qt's table does not do as a long list needs: Ctrl+End before any
row is current goes to the last row (Qt makes the first row current on the first key)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QItemSelectionModel, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QTableView


class EndKey(QObject):
    """Watches a table's keys; owned by the table."""

    def __init__(self, view: QTableView) -> None:
        super().__init__(view)
        self.view = view
        view.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            watched is self.view
            and isinstance(event, QKeyEvent)
            and event.type() == QEvent.Type.KeyPress
            and event.key() == Qt.Key.Key_End
            and event.modifiers() & Qt.KeyboardModifier.ControlModifier
            and not self.view.currentIndex().isValid()
            and self.view.model() is not None
            and self.view.model().rowCount()
        ):
            # Start from the first row, unselected: the table then moves to the last one.
            header = self.view.horizontalHeader()
            shown = [header.logicalIndex(visual) for visual in range(header.count())]
            column = next((c for c in shown if not header.isSectionHidden(c)), 0)
            self.view.selectionModel().setCurrentIndex(
                self.view.model().index(0, column), QItemSelectionModel.SelectionFlag.NoUpdate
            )
        return False
