"""Putting a row of a big list in front: make it the current, selected row and scroll it to the
middle of the table (or only into view), and a short line in the status bar of the window the
page sits in (what a list says when the record asked for is not among its rows)."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel
from PySide6.QtWidgets import QAbstractItemView, QMainWindow, QTableView, QWidget

NOTICE_MS = 10_000  # how long a status bar line stays
Hint = QAbstractItemView.ScrollHint


def row_in_view(view: QTableView, row: int) -> bool:
    """Whether ``row`` is (at least partly) shown in the table's viewport."""
    if row < 0:
        return False
    top = view.rowViewportPosition(row)
    return top + view.rowHeight(row) > 0 and top < view.viewport().height()


def choose_row(view: QTableView, row: int, *, scroll: Hint | None) -> None:
    """Make ``row`` current and the one selected row (the current column stays, else the first
    column shown); then scroll as ``scroll`` says, or not at all (None: the view stays where the
    user left it)."""
    model = view.model()
    column = view.currentIndex().column()
    header = view.horizontalHeader()
    if column < 0 or header.isSectionHidden(column):
        shown = (header.logicalIndex(visual) for visual in range(header.count()))
        column = next((c for c in shown if not header.isSectionHidden(c)), 0)
    index = model.index(row, column)
    flags = QItemSelectionModel.SelectionFlag
    automatic = view.hasAutoScroll()
    view.setAutoScroll(False)  # (a new current row would otherwise be scrolled into view)
    try:
        view.selectionModel().setCurrentIndex(
            index, flags.ClearAndSelect | flags.Rows | flags.Current
        )
    finally:
        view.setAutoScroll(automatic)
    if scroll is not None:
        view.updateGeometries()  # the scroll range follows a count that has just changed
        view.scrollTo(index, scroll)


def say(widget: QWidget, text: str) -> None:
    """Show ``text`` for a while in the status bar of the main window ``widget`` is in."""
    window = widget.window()
    if isinstance(window, QMainWindow):
        window.statusBar().showMessage(text, NOTICE_MS)
