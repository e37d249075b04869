"""What every table model of the desk shares: a column described once (header, cell text, SQL sort
key, colours, alignment), the roles that hand out the row dataclass, and the cell data function.

Records are frozen dataclasses from ``liaison.models``; a model never edits them.
"""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from liaison.rules.dates import day_first

RecordRole = Qt.ItemDataRole.UserRole  # the row's dataclass
IdRole = Qt.ItemDataRole.UserRole + 1  # the row's id (int)
SortValueRole = Qt.ItemDataRole.UserRole + 2  # what an in-memory sort compares

Index = QModelIndex | QPersistentModelIndex
TOOLTIP_LIMIT = 1500  # a tooltip is a glance: the whole text is in the record's own tab
LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
CENTER = Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignVCenter


@dataclass(frozen=True)
class Colours:
    """A cell's look for a state: background and text colours (None keeps the palette's)."""

    background: QColor | None = None
    foreground: QColor | None = None


@dataclass(frozen=True)
class Column:
    """One column: ``key`` names it in saved layouts; ``sort`` is the core's sort key (a key of
    the ``*_SORTS`` whitelists) or None when the column cannot be sorted in SQL."""

    key: str
    title: str
    text: Callable[[Any], str]
    sort: str | None = None
    align: Qt.AlignmentFlag = LEFT
    colours: Callable[[Any], Colours | None] | None = None
    tooltip: Callable[[Any], str] | None = None
    sort_value: Callable[[Any], Any] | None = None  # in-memory sorting (small models)


def date_text(value: dt.date | str | None) -> str:
    return day_first(value) if value else ""


def stamp_text(stamp: str | None) -> str:
    """A stored UTC stamp shown as Kigali day and time, day first."""
    if not stamp:
        return ""
    from liaison.clock import KIGALI, parse_stamp

    try:
        moment = parse_stamp(stamp).astimezone(KIGALI)
    except ValueError:
        return stamp
    return moment.strftime("%d/%m/%Y %H:%M")


def count_text(value: int | None) -> str:
    return "" if value is None else f"{value:,}"


def plain_tooltip(text: str) -> str:
    """Qt shows a tooltip as rich text when it looks like markup: escape user text so a note
    such as ``<b>urgent</b>`` reads exactly as typed (and very long text stays readable)."""
    if len(text) > TOOLTIP_LIMIT:
        text = text[:TOOLTIP_LIMIT] + " …"
    return f"<p style='white-space:pre-wrap'>{html.escape(text)}</p>"


def cell(column: Column, record: Any, role: int) -> Any:
    """The data of one cell for one role (None for roles the column does not answer)."""
    if role == Qt.ItemDataRole.DisplayRole:
        return column.text(record)
    if role == Qt.ItemDataRole.TextAlignmentRole:
        return int(column.align.value)
    if role == Qt.ItemDataRole.ToolTipRole:
        text = column.tooltip(record) if column.tooltip is not None else column.text(record)
        if column.tooltip is None and len(text) <= 40:
            return None
        return plain_tooltip(text) if text else None
    if role in (Qt.ItemDataRole.BackgroundRole, Qt.ItemDataRole.ForegroundRole):
        look = column.colours(record) if column.colours is not None else None
        if look is None:
            return None
        return look.background if role == Qt.ItemDataRole.BackgroundRole else look.foreground
    if role == RecordRole:
        return record
    if role == IdRole:
        return getattr(record, "id", None)
    if role == SortValueRole:
        return column.sort_value(record) if column.sort_value else column.text(record)
    return None


class ColumnsModel(QAbstractTableModel):
    """Rows of dataclasses under a fixed list of columns. Subclasses own how rows arrive."""

    def __init__(self, columns: list[Column], parent: Any = None) -> None:
        super().__init__(parent)
        self.columns = columns
        self._rows: list[Any] = []

    # -- Qt -------------------------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        if not 0 <= index.column() < len(self.columns):
            return None
        return cell(self.columns[index.column()], self._rows[index.row()], role)

    def headerData(
        self,
        section: int,
        orientation: Qt.Orientation,
        role: int = Qt.ItemDataRole.DisplayRole,
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self.columns):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self.columns[section].title
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(self.columns[section].align.value)
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    # -- for pages and views --------------------------------------------------------------------
    def record(self, row: int) -> Any:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def records(self) -> list[Any]:
        return list(self._rows)

    def row_of(self, record_id: int) -> int:
        """The row showing ``record_id`` among the rows loaded so far, or -1."""
        for row, record in enumerate(self._rows):
            if getattr(record, "id", None) == record_id:
                return row
        return -1

    def column_of(self, key: str) -> int:
        for number, column in enumerate(self.columns):
            if column.key == key:
                return number
        return -1
