"""The big lists: a lazy table model over ``office.X.page(ListQuery)`` / ``office.X.count``.

Only the rows a view scrolls to are fetched, in windows of ``WINDOW`` rows (``canFetchMore`` /
``fetchMore``). Sorting and filtering are pushed into SQL through ``ListQuery`` (ARCHITECTURE rule
6): a click on a header asks the core for the first window in the new order, so the first row is
always the true first row of the whole table, never of what happened to be loaded.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Protocol

from PySide6.QtCore import QModelIndex, QObject, Qt, Signal

from liaison.models import ListQuery
from ui.models.base import Column, ColumnsModel, Index

WINDOW = 200
MAX_QUERY = 5000  # the core answers at most this many rows per query


class ListSource(Protocol):
    """What a list service offers (traders, inquiries, cases, follow-ups)."""

    def page(self, query: ListQuery) -> list[Any]: ...

    def count(self, query: ListQuery) -> int: ...


class LazyTableModel(ColumnsModel):
    """Rows arrive window by window from the core; ``total`` is the count of matching rows."""

    counted = Signal(int)  # the number of rows matching the filters, after each reload

    def __init__(
        self,
        source: ListSource,
        columns: list[Column],
        *,
        sort: str = "id",
        descending: bool = True,
        filters: Mapping[str, object] | None = None,
        window: int = WINDOW,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(columns, parent)
        self._source = source
        self._sort = sort
        self._descending = descending
        self._filters = _cleaned(filters or {})
        self._window = max(1, min(window, MAX_QUERY))
        self._total = 0
        self._fetching = False
        self.queries = 0  # how many page queries ran (the tests look at laziness with it)
        self.reload()

    # -- the source -----------------------------------------------------------------------------
    def source(self) -> ListSource:
        return self._source

    def _query(self, offset: int, limit: int) -> ListQuery:
        return ListQuery(
            filters=dict(self._filters),
            sort=self._sort,
            descending=self._descending,
            offset=offset,
            limit=limit,
        )

    def _fetch(self, offset: int, limit: int) -> list[Any]:
        self.queries += 1
        return self.source().page(self._query(offset, limit))

    # -- state ----------------------------------------------------------------------------------
    @property
    def total(self) -> int:
        return self._total

    @property
    def filters(self) -> dict[str, object]:
        return dict(self._filters)

    @property
    def sort_key(self) -> str:
        return self._sort

    @property
    def descending(self) -> bool:
        return self._descending

    def sort_column(self) -> int:
        """The column showing the current sort, or -1 when the sort has no column."""
        for number, column in enumerate(self.columns):
            if column.sort == self._sort:
                return number
        return -1

    # -- loading --------------------------------------------------------------------------------
    def reload(self, *, keep: int = 0) -> None:
        """Count again and fetch the first window (or as many rows as ``keep``, so that a refresh
        after an edit does not throw away what the user had scrolled to)."""
        wanted = max(self._window, keep)
        self._fetching = True  # no window may slip in while the model is being reset
        self.beginResetModel()
        try:
            self._total = int(self.source().count(self._query(0, 1)))
            rows: list[Any] = []
            while len(rows) < min(wanted, self._total):
                chunk = self._fetch(len(rows), min(MAX_QUERY, wanted - len(rows)))
                if not chunk:
                    break
                rows.extend(chunk)
            self._rows = rows
            if len(rows) < min(wanted, self._total):
                self._total = len(rows)  # the table shrank meanwhile
        finally:
            self.endResetModel()  # (listeners of modelReset cannot fetch a window yet either)
            self._fetching = False
        self.counted.emit(self._total)

    def refresh(self) -> None:
        self.reload(keep=len(self._rows))

    def set_filters(self, filters: Mapping[str, object]) -> None:
        cleaned = _cleaned(filters)
        if cleaned == self._filters:
            return
        self._filters = cleaned
        self.reload()

    def set_sort(self, key: str, descending: bool) -> None:
        if (key, descending) == (self._sort, self._descending):
            return
        self._sort, self._descending = key, descending
        self.reload()

    # -- Qt lazy fetching and sorting -----------------------------------------------------------
    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        return not self._fetching and not parent.isValid() and len(self._rows) < self._total

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008
        # Whoever listens to rowsAboutToBeInserted may ask for more again before this window is
        # in: it would read the same offset twice, so a fetch in progress answers nothing.
        if self._fetching or not self.canFetchMore(parent):
            return
        self._fetching = True
        try:
            chunk = self._fetch(len(self._rows), self._window)
            if not chunk:
                self._total = len(self._rows)  # rows were deleted meanwhile: stop asking
                return
            first = len(self._rows)
            self.beginInsertRows(QModelIndex(), first, first + len(chunk) - 1)
            self._rows.extend(chunk)
            self.endInsertRows()
        finally:
            self._fetching = False

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(self.columns):
            return
        key = self.columns[column].sort
        if key is None:
            return  # not sortable in SQL: keep the current order
        self.set_sort(key, order == Qt.SortOrder.DescendingOrder)


def _cleaned(filters: Mapping[str, object]) -> dict[str, object]:
    """An empty choice ("any", "all") is no filter at all, not a filter for the empty value."""
    return {key: value for key, value in filters.items() if value is not None and value != ""}
