"""The read-only table every list of the desk uses: whole-row selection, fixed row heights
(cheap on very long lists), movable columns."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget


def make_table(parent: QWidget | None = None) -> QTableView:
    """A read-only table of whole rows with fixed row heights (cheap on very long lists)."""
    view = QTableView(parent)
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
