"""Small lists held whole in memory: a record's containers, milestones, documents, notes,
referrals, follow-ups and history. They are short (tens of rows), so sorting happens here."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from PySide6.QtCore import QObject, Qt

from ui.models.base import Column, ColumnsModel, SortValueRole, cell


class RecordListModel(ColumnsModel):
    def __init__(
        self, columns: list[Column], records: Iterable[Any] = (), parent: QObject | None = None
    ) -> None:
        super().__init__(columns, parent)
        self._rows = list(records)
        self._sorted: tuple[int, Qt.SortOrder] | None = None

    def set_records(self, records: Iterable[Any]) -> None:
        self.beginResetModel()
        self._rows = list(records)
        if self._sorted is not None:
            self._rows = self._in_order(*self._sorted)
        self.endResetModel()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(self.columns):
            return
        self._sorted = (column, order)
        self.layoutAboutToBeChanged.emit()
        before = self.persistentIndexList()
        keep = [(index, self._rows[index.row()]) for index in before]
        self._rows = self._in_order(column, order)
        positions = {id(record): row for row, record in enumerate(self._rows)}
        self.changePersistentIndexList(
            before,
            [self.index(positions[id(record)], index.column()) for index, record in keep],
        )
        self.layoutChanged.emit()

    def _in_order(self, column: int, order: Qt.SortOrder) -> list[Any]:
        spec = self.columns[column]

        def key(record: Any) -> tuple[int, Any]:
            value = cell(spec, record, SortValueRole)
            return (value is None or value == "", value if value is not None else "")

        ordered = sorted(self._rows, key=key)
        if order == Qt.SortOrder.DescendingOrder:
            ordered.reverse()
        return ordered
