"""The big lists: one table model over ``office.X.page(ListQuery)`` / ``office.X.count`` that
reports every matching row and reads only the pages of rows a view shows.

``rowCount`` is the true count of matching rows, so the scroll bar spans the whole list and
Ctrl+End or the thumb dragged to the bottom reach the last row. Rows arrive in pages of ``PAGE``
rows kept in a small least-recently-used cache (``CACHED_PAGES``): memory stays flat however far
the user scrolls. A page in the far half of the list is read in the reverse order with an offset
counted from the end (every order ends with the id, so it is total and the reversed page holds
the same rows): the end of the list costs what its top costs.

A page the view asks for is read at once when that is quick: near either end of the list, or
where pages read before in this order were quick at that depth. Otherwise its rows show empty
for the instant until the scrolling pauses, and then the pages asked for last are read (a
thumb dragged through 100,000 rows reads only where it stops). Whoever needs a row's record
(``record``, ``RecordRole``, ``IdRole``) always gets it at once.

Sorting and filtering happen in SQL through ``ListQuery`` (ARCHITECTURE rule 6): a new order or
new filters start again at the top. ``refresh`` (after an edit) counts again and re-reads the
pages in view, keeping the scroll position and the selected row. ``locate`` finds a record
anywhere in the list: the source counts its place in SQL and only the page holding it is read.
"""

from __future__ import annotations

import time
from collections import OrderedDict
from collections.abc import Iterator, Mapping
from typing import Any

from PySide6.QtCore import QModelIndex, QObject, Qt, QTimer, Signal

from liaison.models import ListQuery
from ui.models.base import Column, ColumnsModel, IdRole, Index, RecordRole, SortValueRole, cell
from ui.models.paging import ListSource, MatchFlag, PageCosts, Positions, cleaned, text_matches

PAGE = 200
CACHED_PAGES = 8  # 1,600 rows in memory at most
NEAR_ROWS = 1000  # pages this close to either end of the list are always read at once
QUICK_MS = 12.0  # a page expected to cost less than this is read at once (a frame is ~16 ms)
PAUSE_MS = 40  # pages that would cost more wait until the scrolling pauses this long
PAGES_AT_ONCE = 2  # read after a pause: the pages asked for last (what the view shows)
MAX_QUERY = 5000  # the core answers at most this many rows per query
NEEDED_NOW = (RecordRole, IdRole, SortValueRole)  # roles whose caller cannot wait for a repaint
ROW_ROLES = frozenset(  # the roles a column answers from its row (see ``ui.models.base.cell``)
    {
        *NEEDED_NOW,
        Qt.ItemDataRole.DisplayRole,
        Qt.ItemDataRole.ToolTipRole,
        Qt.ItemDataRole.BackgroundRole,
        Qt.ItemDataRole.ForegroundRole,
    }
)


class LazyTableModel(ColumnsModel):
    """Every matching row, read page by page from the core; ``total`` is their count."""

    counted = Signal(int)  # the number of rows matching the filters, after each (re)count

    def __init__(
        self,
        source: ListSource,
        columns: list[Column],
        *,
        sort: str = "id",
        descending: bool = True,
        filters: Mapping[str, object] | None = None,
        page_size: int = PAGE,
        cached_pages: int = CACHED_PAGES,
        near_rows: int = NEAR_ROWS,
        quick_ms: float = QUICK_MS,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(columns, parent)
        self._source = source
        self._sort = sort
        self._descending = descending
        self._filters = cleaned(filters or {})
        self._size = max(1, min(page_size, MAX_QUERY))
        self._bound = max(PAGES_AT_ONCE, cached_pages)
        self._costs = PageCosts(near_rows, quick_ms, self._size)
        self._total = 0
        self._pages: OrderedDict[int, list[Any]] = OrderedDict()  # least recently used first
        self._wanted: OrderedDict[int, None] = OrderedDict()  # asked for, not read yet
        self._holding = False  # counting again: nothing is read until the count is in
        self._pause = QTimer(self)
        self._pause.setSingleShot(True)
        self._pause.setInterval(PAUSE_MS)
        self._pause.timeout.connect(self.fetch_wanted)
        self._recount = QTimer(self)  # a page came back short: the table changed meanwhile
        self._recount.setSingleShot(True)
        self._recount.setInterval(0)
        self._recount.timeout.connect(self._count_again)
        self._recounts = 0  # recounts for short pages since the last asked for (at most 3)
        self.queries = 0  # how many page queries ran (the tests look at laziness with it)
        self.reload()

    # -- the source and the query ---------------------------------------------------------------
    def source(self) -> ListSource:
        return self._source

    def _query(self, offset: int, limit: int, *, reverse: bool = False) -> ListQuery:
        return ListQuery(
            filters=dict(self._filters),
            sort=self._sort,
            descending=self._descending != reverse,
            offset=offset,
            limit=limit,
        )

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

    @property
    def page_size(self) -> int:
        return self._size

    @property
    def cache_bound(self) -> int:
        """The most pages ever held in memory."""
        return self._bound

    def cached_pages(self) -> list[int]:
        """The pages in memory, least recently used first."""
        return list(self._pages)

    def wanted_pages(self) -> list[int]:
        """Pages the view asked for that are read when the scrolling pauses."""
        return list(self._wanted)

    def sort_column(self) -> int:
        """The column showing the current sort, or -1 when the sort has no column."""
        for number, column in enumerate(self.columns):
            if column.sort == self._sort:
                return number
        return -1

    # -- Qt -------------------------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self._total

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < self._total:
            return None
        if not 0 <= index.column() < len(self.columns):
            return None
        column = self.columns[index.column()]
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(column.align.value)  # the same for every row, read or not
        if role not in ROW_ROLES:
            return None  # (a painted cell asks for a font, an icon…: no need to find the row)
        record = self._row(index.row(), now=role in NEEDED_NOW)
        return None if record is None else cell(column, record, role)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(self.columns):
            return
        key = self.columns[column].sort
        if key is None:
            return  # not sortable in SQL: keep the current order
        self.set_sort(key, order == Qt.SortOrder.DescendingOrder)

    def match(
        self,
        start: Index,
        role: int,
        value: Any,
        hits: int = 1,
        flags: MatchFlag = MatchFlag.MatchStartsWith | MatchFlag.MatchWrap,
    ) -> list[QModelIndex]:
        """Matches among the rows in memory only (typing in the list jumps to what is shown or
        near it): a search over every row would read the whole table page by page."""
        found: list[QModelIndex] = []
        column = start.column()
        if not 0 <= column < len(self.columns):
            return found
        first = max(0, start.row())
        rows = sorted(self._cached_rows(), key=lambda pair: (pair[0] < first, pair[0]))
        if not flags & MatchFlag.MatchWrap:
            rows = [pair for pair in rows if pair[0] >= first]
        for row, record in rows:
            if text_matches(cell(self.columns[column], record, role), value, flags):
                found.append(self.index(row, column))
                if 0 < hits <= len(found):
                    break
        return found

    # -- rows for pages and views ---------------------------------------------------------------
    def record(self, row: int) -> Any:
        return self._row(row, now=True, touch=False) if 0 <= row < self._total else None

    def records(self) -> list[Any]:
        """The records in memory now (a few pages), in list order."""
        return [record for _row, record in self._cached_rows()]

    def head(self, count: int) -> list[Any]:
        """The first ``count`` rows of the list (read if needed)."""
        rows = []
        for row in range(min(count, self._total)):
            record = self._row(row, now=True, touch=False)
            if record is not None:
                rows.append(record)
        return rows

    def row_of(self, record_id: int) -> int:
        """The row showing ``record_id`` among the rows in memory, or -1."""
        for row, record in self._cached_rows():
            if getattr(record, "id", None) == record_id:
                return row
        return -1

    def locate(self, record_id: int) -> int:
        """The row of ``record_id`` anywhere in the list, its page read (and in memory): from
        the rows in memory, else from the source's position query (one count in SQL, then the
        one page that holds it). -1 when the record is not in the list (its filters)."""
        row = self.row_of(record_id)
        if row >= 0:
            return row
        if not isinstance(self._source, Positions):
            return -1  # a source that cannot count places: only the rows in memory
        for attempt in range(2):
            found = self._source.position(self._query(0, 1), record_id)
            if found is None:
                return -1
            if found < self._total:  # (a page in memory there is stale: row_of missed it)
                self._pages.pop(found // self._size, None)
                record = self._row(found, now=True)
                if getattr(record, "id", None) == record_id:
                    return found
            if attempt == 0:
                self.refresh()  # the table changed since the count: count and read again
        return -1

    # -- loading --------------------------------------------------------------------------------
    def reload(self) -> None:
        """Count again and read the first page: the list starts again at its top."""
        self.beginResetModel()
        try:
            self._forget()
            self._costs.clear()  # a new order or new filters: page costs are not known yet
            self._recounts = 0
            self._total = int(self.source().count(self._query(0, 1)))
            if self._total:
                self._load(0)
        finally:
            self.endResetModel()
        self.counted.emit(self._total)

    def refresh(self) -> None:
        """After an edit: count again and re-read the pages in view, without a reset (the scroll
        position and the selected row stay; rows come or go at the end)."""
        self._recounts = 0
        self._refresh()

    def _refresh(self) -> None:
        shown = list(self._pages)[-PAGES_AT_ONCE:]
        self._forget()
        before = self._total
        self._holding = True
        try:
            after = int(self.source().count(self._query(0, 1)))
            if after < before:
                self.beginRemoveRows(QModelIndex(), after, before - 1)
                self._total = after
                self.endRemoveRows()
            elif after > before:
                self.beginInsertRows(QModelIndex(), before, after - 1)
                self._total = after
                self.endInsertRows()
            self._forget()  # (nothing read while the count changed may stay)
        finally:
            self._holding = False
        for page in shown:
            if page * self._size < self._total:
                self._load(page)
        if self._total:
            last = self.index(self._total - 1, len(self.columns) - 1)
            self.dataChanged.emit(self.index(0, 0), last)
        self.counted.emit(self._total)

    def set_filters(self, filters: Mapping[str, object]) -> None:
        wanted = cleaned(filters)
        if wanted == self._filters:
            return
        self._filters = wanted
        self.reload()

    def set_sort(self, key: str, descending: bool) -> None:
        if (key, descending) == (self._sort, self._descending):
            return
        self._sort, self._descending = key, descending
        self.reload()

    def fetch_wanted(self) -> None:
        """Read the pages the view asked for last (the scrolling paused) and repaint: a page
        asked for earlier and still in view is asked for again by that repaint."""
        self._pause.stop()
        wanted = list(self._wanted)
        self._wanted.clear()
        if not wanted or not self._total:
            return
        for page in wanted[-PAGES_AT_ONCE:]:
            if page not in self._pages and page * self._size < self._total:
                self._load(page)
        first = min(wanted) * self._size
        last = min((max(wanted) + 1) * self._size, self._total) - 1
        if first <= last:
            self.dataChanged.emit(self.index(first, 0), self.index(last, len(self.columns) - 1))

    # -- the page cache -------------------------------------------------------------------------
    def _row(self, row: int, *, now: bool, touch: bool = True) -> Any:
        """The record of ``row``: from the cache, read now, or (None) asked for. ``touch``: the
        view shows it (what ``refresh`` re-reads is what the view touched last)."""
        page, at = divmod(row, self._size)
        rows = self._pages.get(page)
        if rows is not None:
            if touch:
                self._pages.move_to_end(page)
        elif self._holding:
            return None
        elif now or self._costs.quick(self._depth(page)):
            rows = self._load(page, touch=touch)
        else:
            self._want(page)
            return None
        return rows[at] if at < len(rows) else None

    def _depth(self, page: int) -> int:
        """How many rows lie between the page and the nearer end of the list."""
        first = page * self._size
        return max(0, min(first, self._total - min(first + self._size, self._total)))

    def _want(self, page: int) -> None:
        if page in self._wanted:
            self._wanted.move_to_end(page)
            return
        self._wanted[page] = None
        self._pause.start()  # again: the page is read once the view rests

    def _load(self, page: int, *, touch: bool = True) -> list[Any]:
        """Read one page (the far half backwards, from the end) into the cache."""
        first = page * self._size
        last = min(first + self._size, self._total)
        wanted = last - first
        started = time.perf_counter()
        if first + last > self._total:  # the page lies mostly in the far half
            found = self.source().page(self._query(self._total - last, wanted, reverse=True))
            found.reverse()
        else:
            found = self.source().page(self._query(first, wanted))
        self.queries += 1
        elapsed = (time.perf_counter() - started) * 1000
        self._costs.note(self._depth(page), elapsed)
        if len(found) != wanted and self._recounts < 3:
            self._recount.start()  # rows came or went since the count: count again soon
        self._wanted.pop(page, None)
        self._pages.pop(page, None)
        while len(self._pages) >= self._bound:
            self._pages.popitem(last=False)  # the least recently shown
        self._pages[page] = found
        if not touch:
            self._pages.move_to_end(page, last=False)  # a peek: first to go, not "in view"
        return found

    def _count_again(self) -> None:
        self._recounts += 1
        self._refresh()

    def _forget(self) -> None:
        self._pages.clear()
        self._wanted.clear()
        self._pause.stop()
        self._recount.stop()

    def _cached_rows(self) -> Iterator[tuple[int, Any]]:
        for page in sorted(self._pages):
            first = page * self._size
            for at, record in enumerate(self._pages[page]):
                if first + at < self._total:
                    yield first + at, record


__all__ = ["PAGE", "LazyTableModel", "ListSource"]
