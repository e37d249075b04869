"""The read-only table every list of the desk uses: whole-row selection, fixed row heights
(cheap on very long lists), movable columns; and the sizing of a list's columns to what they show
and to the width the table has (long free-text columns give way first), with a header menu that
hides and shows columns."""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Sequence

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QMenu, QTableView, QWidget

SAMPLE_ROWS = 40  # fitting a column to its content looks at this many rows
CELL_PADDING = 16  # the delegate's margins and a little air
FLEX_FLOOR = 90  # a flexible column never gets narrower than this (or its title)


def tr(text: str) -> str:
    return QCoreApplication.translate("tables", text)


class Table(QTableView):
    """A table view that says when its width changes (its columns may be fitted to it)."""

    width_changed = Signal(int)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():
            self.width_changed.emit(event.size().width())


def make_table(parent: QWidget | None = None) -> Table:
    """A read-only table of whole rows with fixed row heights (cheap on very long lists)."""
    view = Table(parent)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(True)
    view.setWordWrap(False)
    view.setTextElideMode(Qt.TextElideMode.ElideRight)
    view.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
    rows = view.verticalHeader()
    rows.hide()
    rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    rows.setDefaultSectionSize(view.fontMetrics().height() + 10)
    header = view.horizontalHeader()
    header.setSectionsMovable(True)
    # Fitting columns to their content looks at this many rows, not at every loaded one.
    header.setResizeContentsPrecision(40)
    header.setHighlightSections(False)
    header.setStretchLastSection(False)
    header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
    return view


def widen_columns(view: QTableView, cap: int = 360) -> None:
    """Columns grow to fit what they now show (never shrink: the user may have sized them)."""
    header = view.horizontalHeader()
    for section in range(header.count()):
        wanted = max(view.sizeHintForColumn(section), header.sectionSizeHint(section))
        wanted = min(wanted + 12, cap)
        if wanted > header.sectionSize(section):
            header.resizeSection(section, wanted)


def content_widths(view: QTableView, texts: Sequence[Iterable[str]]) -> list[int]:
    """The width each column needs for its title and for ``texts``, what it shows (a sample of
    rows: the first few dozen). Measured on the text itself: the delegate's size hints would ask
    the model for every role of every cell, slow in Python on a long list."""
    header = view.horizontalHeader()
    metrics = view.fontMetrics()
    widths = []
    for column, shown in enumerate(texts):
        widest = max((metrics.horizontalAdvance(text) for text in shown if text), default=0)
        widths.append(max(widest + CELL_PADDING, header.sectionSizeHint(column)))
    return widths


def room_for_columns(view: QTableView) -> int:
    """The width the columns can share without a horizontal scroll bar (a vertical one
    counted in: long lists have it)."""
    scroll_bar = view.verticalScrollBar().sizeHint().width()
    return max(0, view.width() - 2 * view.frameWidth() - scroll_bar)


def share_width(wants: Sequence[int], floors: Sequence[int], room: int) -> list[int]:
    """Widths for the flexible columns sharing ``room``, in proportion to what each wants: the
    spare room when they all fit, a cut when they do not, none narrower than its floor (the
    table then scrolls)."""
    if not wants:
        return []
    floored: set[int] = set()
    while True:
        free = [i for i in range(len(wants)) if i not in floored]
        budget = room - sum(floors[i] for i in floored)
        wanted = sum(wants[i] for i in free)
        scale = budget / wanted if free and wanted else 0.0
        below = [i for i in free if wants[i] * scale < floors[i]]
        if not below:
            break
        floored.update(below)
    widths = [floors[i] if i in floored else int(wants[i] * scale) for i in range(len(wants))]
    if free:
        widths[free[0]] += max(0, room - sum(widths))  # what rounding left over
    return widths


def fit_columns(
    view: QTableView, wanted: Sequence[int], flexible: Collection[int] = (), cap: int = 360
) -> None:
    """Size the shown columns to ``wanted`` (at most ``cap``), then to the view's width: the
    ``flexible`` columns (names, subjects) take what the others leave, shrinking first."""
    header = view.horizontalHeader()
    shown = [c for c in range(header.count()) if not header.isSectionHidden(c)]
    widths = {c: min(wanted[c], cap) for c in shown}
    flex = [c for c in shown if c in flexible]
    if flex:
        room = room_for_columns(view) - sum(w for c, w in widths.items() if c not in flexible)
        floors = [min(widths[c], max(FLEX_FLOOR, header.sectionSizeHint(c))) for c in flex]
        wants = [widths[c] for c in flex]
        widths.update(zip(flex, share_width(wants, floors, room), strict=True))
    for column, width in widths.items():
        if header.sectionSize(column) != width:
            header.resizeSection(column, width)


class ColumnFitter:
    """Keeps a list's columns fitted to what they show and to the table's width until the user
    sizes one (``auto`` turns False; a saved layout says whether it was). Columns do not shrink
    as other rows come; a table out of sight measures and fits once it is shown."""

    def __init__(
        self,
        view: Table,
        texts: Callable[[], Sequence[Iterable[str]]],
        flexible: Callable[[], Collection[int]],
        cap: int,
    ) -> None:
        self.view = view
        self.texts = texts  # each column's text on the first rows
        self.flexible = flexible
        self.cap = cap
        self.auto = True
        self.wanted: list[int] = []
        self._pending = True
        self._fitting = False
        view.width_changed.connect(lambda _width: self.fit(measure=False))
        view.horizontalHeader().sectionResized.connect(self._resized)

    def fit(self, *, measure: bool = True) -> None:
        """Fit now (``measure``: the rows changed, look at their text again)."""
        if not self.auto:
            return
        self._pending = self._pending or measure
        if not self.view.isVisible():
            return
        if self._pending and self.view.model().rowCount():
            found = content_widths(self.view, self.texts())
            if len(self.wanted) == len(found):
                found = [max(old, new) for old, new in zip(self.wanted, found, strict=True)]
            self.wanted = found
            self._pending = False
        if self.wanted:
            self._fitting = True
            try:
                fit_columns(self.view, self.wanted, self.flexible(), self.cap)
            finally:
                self._fitting = False

    def _resized(self, _section: int, old: int, new: int) -> None:
        # Hiding or showing a column (from or to width 0) is not the user sizing it.
        if not self._fitting and old and new:
            self.auto = False


def column_menu(
    view: QTableView, parent: QWidget | None = None, changed: Callable[[], None] | None = None
) -> QMenu:
    """The header's menu: a check box per column to show or hide it (the last one shown cannot
    be hidden); ``changed`` is called after each change. The caller pops it up."""
    header = view.horizontalHeader()
    model = view.model()
    menu = QMenu(parent or view)
    menu.setTitle(tr("Columns"))
    for logical in (header.logicalIndex(v) for v in range(header.count())):
        action = menu.addAction(str(model.headerData(logical, Qt.Orientation.Horizontal) or ""))
        action.setCheckable(True)
        action.setChecked(not header.isSectionHidden(logical))
        action.toggled.connect(
            lambda on, column=logical: _show_column(menu, header, column, on, changed)
        )
    _keep_one(menu)
    return menu


def _show_column(
    menu: QMenu,
    header: QHeaderView,
    column: int,
    shown: bool,
    changed: Callable[[], None] | None,
) -> None:
    header.setSectionHidden(column, not shown)
    _keep_one(menu)
    if changed is not None:
        changed()


def _keep_one(menu: QMenu) -> None:
    checked = [action for action in menu.actions() if action.isChecked()]
    for action in menu.actions():
        action.setEnabled(checked != [action])
