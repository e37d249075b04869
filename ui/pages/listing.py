"""What the four list pages share (traders, inquiries, cases, follow-ups): a filter bar whose
choices go into SQL, the count of matching rows, a lazily fetched table sorted by SQL, Enter or a
double-click to open a record, New/Edit disabled for viewers, and the column layout and filters
remembered between sessions (``restore_state``/``save_state`` on the QSettings group the main
window gives).

Columns fit what they show and the width the page has (the page's ``flexible`` columns give way
first) until the user sizes one; a right-click on the header hides or shows columns.
``select_id`` chooses and centres any record of the list (a new one, one a window asks for).
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from typing import Any

from PySide6.QtCore import QCoreApplication, QModelIndex, QPoint, QSettings, Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QMenu,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from liaison.clock import today
from liaison.enums import Entity
from liaison.models import Changes, ListQuery
from ui.desk import Desk
from ui.models.base import RecordRole
from ui.models.lazy import LazyTableModel
from ui.models.paging import Positions
from ui.pages.filters import filter_value, set_filter_value
from ui.pages.list_keys import EndKey
from ui.pages.list_place import Hint, choose_row, row_in_view, say
from ui.pages.list_state import restore_list_state, save_list_state
from ui.widgets.choices import ValueCombo
from ui.widgets.dates import DateField
from ui.widgets.tables import SAMPLE_ROWS, ColumnFitter, column_menu, make_table

MAX_START_WIDTH = 320
COMBO_CHARACTERS = 16  # a filter's drop-down shows this much; its list shows every choice whole
COMBO_ARROW = 44  # the drop-down's frame and arrow


def tr(text: str) -> str:
    return QCoreApplication.translate("ListPage", text)


class ListPage(QWidget):
    """Subclasses set ``kind`` and ``watch``, build their filters in ``build_filters``, make the
    model in ``make_model`` and say what New/Edit open."""

    kind: Entity = Entity.TRADERS
    watch: tuple[Entity, ...] = ()
    title = ""
    creates_records = True
    flexible: tuple[str, ...] = ()  # long free-text columns: they give way when space is short
    hidden_columns: tuple[str, ...] = ()  # hidden until the user shows them (header menu)
    notice = Signal(str)  # a short line for the status bar (see ``tell``)

    def __init__(self, desk: Desk, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._centre_when_shown = False
        self.desk = desk
        self.office = desk.office
        self.staff_names: dict[int, str] = {}
        self._load_staff_names()
        self.filter_widgets: dict[str, QWidget] = {}
        self._defaults: dict[str, object] = {}
        self._restoring = False
        self._checks: list[QWidget] = []  # check boxes go on the second filter row

        self.new_button = QPushButton(self.new_text())
        self.new_button.clicked.connect(self.new_record)
        self.open_button = QPushButton(tr("Open"))
        self.open_button.clicked.connect(self.open_selected)
        self.edit_button = QPushButton(tr("Edit…"))
        self.edit_button.clicked.connect(self.edit_selected)
        self.count_label = QLabel()
        self.count_label.setTextFormat(Qt.TextFormat.PlainText)
        self.count_label.setObjectName("countLabel")
        self.clear_button = QPushButton(tr("Clear filters"))
        self.clear_button.clicked.connect(self.clear_filters)

        # Choices on the first line, date ranges and check boxes on a second one (the page must
        # fit beside the navigation on a 1366-pixel laptop screen).
        self.filter_bar = QHBoxLayout()
        self.filter_bar.setSpacing(8)
        self.date_bar = QHBoxLayout()
        self.date_bar.setSpacing(8)
        self.build_filters()
        self.filter_bar.addStretch(1)
        second = self.date_bar if self.date_bar.count() else self.filter_bar
        for check in self._checks:
            second.addWidget(check)
        second.addWidget(self.clear_button)
        self.date_bar.addStretch(1)

        actions = QHBoxLayout()
        heading = QLabel(self.title)
        heading.setTextFormat(Qt.TextFormat.PlainText)
        font = heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        heading.setFont(font)
        actions.addWidget(heading)
        actions.addSpacing(16)
        actions.addWidget(self.count_label)
        actions.addStretch(1)
        actions.addWidget(self.new_button)
        actions.addWidget(self.edit_button)
        actions.addWidget(self.open_button)

        self.empty_label = QLabel()
        self.empty_label.setTextFormat(Qt.TextFormat.PlainText)
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setWordWrap(True)
        self.empty_label.setProperty("role", "note")
        self.empty_label.hide()

        self.view = make_table(self)
        self.model = self.make_model()
        self.model.setParent(self)
        self.view.setModel(self.model)
        self.show_sort()  # before sorting is enabled, which sorts by the header's indicator
        self.view.setSortingEnabled(True)
        header = self.view.horizontalHeader()
        for key in self.hidden_columns:
            header.hideSection(self.model.column_of(key))
        header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header.customContextMenuRequested.connect(self._header_menu)
        self.fitter = ColumnFitter(self.view, self._sample_texts, self._flexible, MAX_START_WIDTH)
        header.sortIndicatorChanged.connect(self._sorted)
        self.show_sort()
        self.view.activated.connect(self._activated)
        self.end_key = EndKey(self.view)  # Ctrl+End goes to the last row even from none
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.view.customContextMenuRequested.connect(self._context_menu)
        self.view.selectionModel().currentRowChanged.connect(lambda *_: self._update_actions())
        self.model.counted.connect(self._counted)
        self.model.modelReset.connect(self._update_actions)

        layout = QVBoxLayout(self)
        layout.addLayout(actions)
        layout.addLayout(self.filter_bar)
        layout.addLayout(self.date_bar)
        layout.addWidget(self.empty_label)
        layout.addWidget(self.view, 1)
        self._counted(self.model.total)
        self.desk.data_changed.connect(self._data_changed)

    # -- for subclasses -------------------------------------------------------------------------
    def make_model(self) -> LazyTableModel:
        raise NotImplementedError

    def build_filters(self) -> None:
        """Add filter widgets with ``add_filter``; ``filters()`` turns them into the query's."""

    def filters(self) -> dict[str, object]:
        return {}

    def new_text(self) -> str:
        return tr("New…")

    def count_text(self, count: int) -> str:
        return tr("{n} matching").format(n=f"{count:,}")

    def empty_text(self) -> str:
        return tr("Nothing matches these filters.")

    def none_yet_text(self) -> str:
        return tr("Nothing here yet.")

    def not_listed_text(self) -> str:
        return tr("That record is not in this list: it does not match the filters.")

    def new_record(self) -> Any:
        """Open the page's create dialog (and return it)."""
        raise NotImplementedError

    def edit_record(self, record: Any) -> Any:
        return None

    # -- helpers for subclasses -----------------------------------------------------------------
    def name_of(self, staff_id: int | None) -> str:
        return self.staff_names.get(staff_id, "") if staff_id is not None else ""

    def today(self) -> Any:
        return today(self.office.clock)

    def add_filter(self, name: str, caption: str, widget: QWidget) -> QWidget:
        bar = self.date_bar if isinstance(widget, DateField) else self.filter_bar
        if isinstance(widget, ValueCombo):  # as wide as its choices, up to a limit
            widget.setSizeAdjustPolicy(ValueCombo.SizeAdjustPolicy.AdjustToContents)
            limit = widget.fontMetrics().horizontalAdvance("x" * COMBO_CHARACTERS)
            widget.setMaximumWidth(limit + COMBO_ARROW)
        if caption:
            text = QLabel(caption)
            text.setTextFormat(Qt.TextFormat.PlainText)
            text.setBuddy(widget)
            bar.addWidget(text)
        if isinstance(widget, QCheckBox) and not caption:
            self._checks.append(widget)  # placed once every filter is in
        else:
            bar.addWidget(widget)
        self.filter_widgets[name] = widget
        self._defaults[name] = filter_value(widget)
        signal = getattr(widget, "changed", None)
        if isinstance(widget, QCheckBox):
            widget.toggled.connect(lambda _on: self.apply_filters())
        elif isinstance(widget, DateField):
            widget.edit.editingFinished.connect(self.apply_filters)
            widget.changed.connect(self._date_changed)
        elif signal is not None:
            signal.connect(self.apply_filters)
        return widget

    def staff_filter(self) -> ValueCombo:
        combo = ValueCombo()
        staff = self.office.staff.all()
        combo.set_items([(s.id, s.full_name) for s in staff], none=tr("Anyone"))
        return combo

    def mine_filter(self) -> QCheckBox:
        mine = QCheckBox(tr("Mine"))
        mine.setToolTip(tr("Only what is assigned to me"))
        return mine

    def assigned_filter(self) -> int | None:
        mine = self.filter_widgets.get("mine")
        if isinstance(mine, QCheckBox) and mine.isChecked():
            return self.office.actor.id
        who = self.filter_widgets.get("assigned_to")
        value = who.value() if isinstance(who, ValueCombo) else None
        return value if isinstance(value, int) else None

    # -- behaviour ------------------------------------------------------------------------------
    def apply_filters(self) -> None:
        if self._restoring:
            return
        who = self.filter_widgets.get("assigned_to")
        mine = self.filter_widgets.get("mine")
        if who is not None and isinstance(mine, QCheckBox):
            who.setEnabled(not mine.isChecked())
        self.model.set_filters(self.filters())
        self.view.scrollToTop()  # new results start at their first row, not mid-list

    def _date_changed(self) -> None:
        # Picking on the calendar, Today or clearing: apply; typing waits for editingFinished.
        sender = self.sender()
        if isinstance(sender, DateField) and not sender.edit.hasFocus():
            self.apply_filters()

    def clear_filters(self) -> None:
        """Back to the filters the page starts with (e.g. active cases only)."""
        with self.restoring():
            for name, widget in self.filter_widgets.items():
                set_filter_value(widget, self._defaults.get(name))
        self.apply_filters()

    @contextlib.contextmanager
    def restoring(self) -> Iterator[None]:
        """Filter widgets set one by one: the list is filtered once, by ``apply_filters``."""
        self._restoring = True
        try:
            yield
        finally:
            self._restoring = False

    def selected_record(self) -> Any:
        index = self.view.currentIndex()
        return index.data(RecordRole) if index.isValid() else None

    def open_selected(self) -> None:
        record = self.selected_record()
        if record is not None:
            self.open_record(record)

    def open_record(self, record: Any) -> None:
        self.desk.open_record.emit(self.kind.value, record.id)

    def edit_selected(self) -> Any:
        record = self.selected_record()
        if record is None or not self.desk.can_edit:
            return None
        return self.edit_record(record)

    def _activated(self, index: QModelIndex) -> None:
        record = index.data(RecordRole)
        if record is not None:
            self.open_record(record)

    def _context_menu(self, position: Any) -> None:
        if self.selected_record() is None:
            return
        menu = QMenu(self)
        menu.addAction(tr("Open"), self.open_selected)
        edit = menu.addAction(tr("Edit…"), self.edit_selected)
        edit.setEnabled(self.desk.can_edit)
        menu.exec(self.view.viewport().mapToGlobal(position))

    def _update_actions(self) -> None:
        chosen = self.view.currentIndex().isValid()
        self.new_button.setEnabled(self.desk.can_edit)
        self.edit_button.setEnabled(self.desk.can_edit and chosen)
        self.open_button.setEnabled(chosen)

    def _counted(self, count: int) -> None:
        self.count_label.setText(self.count_text(count))
        if count == 0:
            nothing_at_all = self.model.source().count(ListQuery()) == 0
            self.empty_label.setText(self.none_yet_text() if nothing_at_all else self.empty_text())
        self.empty_label.setVisible(count == 0)
        if count:
            self.fitter.fit()
        self.show_sort()
        self._update_actions()

    def _sorted(self, section: int, order: Qt.SortOrder) -> None:
        self.show_sort()
        self.view.scrollToTop()

    def show_sort(self) -> None:
        """Keep the header's arrow on the column the rows are really sorted by (a click on a
        column the core cannot sort by leaves the order as it was)."""
        header = self.view.horizontalHeader()
        column = self.model.sort_column()
        order = (
            Qt.SortOrder.DescendingOrder if self.model.descending else Qt.SortOrder.AscendingOrder
        )
        if (header.sortIndicatorSection(), header.sortIndicatorOrder()) != (column, order):
            header.blockSignals(True)
            header.setSortIndicator(column, order)
            header.blockSignals(False)
            header.viewport().update()

    def _load_staff_names(self) -> None:
        self.staff_names = {s.id: s.full_name for s in self.office.staff.all()}

    def _data_changed(self, changes: Changes) -> None:
        if changes.touches(Entity.STAFF):
            self._load_staff_names()
        if changes.touches(*self.watch, Entity.STAFF):
            keep = self.selected_record()
            shown = row_in_view(self.view, self.view.currentIndex().row())
            self.model.refresh()  # the scroll position stays; the rows in view are read again
            row = self.model.locate(keep.id) if keep is not None else -1
            if row >= 0:  # the same record stays chosen; followed only if it was in view
                choose_row(self.view, row, scroll=Hint.EnsureVisible if shown else None)
            elif keep is not None:
                self.view.selectionModel().clear()  # it no longer matches the filters

    def select_id(self, record_id: int) -> bool:
        """Select the record and scroll it to the middle of the table, wherever it stands in the
        list (its place is counted in SQL and only the page holding it is read). A record the
        filters leave out is not selected: the status bar says so."""
        row = self.model.locate(record_id)
        if row < 0:
            if isinstance(self.model.source(), Positions):  # (else: only not in memory)
                self.tell(self.not_listed_text())
            return False
        choose_row(self.view, row, scroll=Hint.PositionAtCenter)
        self._centre_when_shown = not self.view.isVisible()
        return True

    def tell(self, text: str) -> None:
        self.notice.emit(text)
        say(self, text)  # in the status bar when the page is in a main window

    def _sample_texts(self) -> list[list[str]]:
        rows = self.model.head(SAMPLE_ROWS)
        return [[column.text(row) for row in rows] for column in self.model.columns]

    def _flexible(self) -> list[int]:
        return [self.model.column_of(key) for key in self.flexible]

    def _header_menu(self, at: QPoint) -> None:
        menu = column_menu(self.view, self, changed=lambda: self.fitter.fit(measure=False))
        menu.aboutToHide.connect(menu.deleteLater)
        menu.popup(self.view.horizontalHeader().viewport().mapToGlobal(at))

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.fitter.fit(measure=False)
        if self._centre_when_shown:  # chosen while hidden: centred once the table has its size
            self._centre_when_shown = False
            self.view.scrollTo(self.view.currentIndex(), Hint.PositionAtCenter)

    # -- window state (columns, order and filters kept between sessions) ------------------------
    def save_state(self, settings: QSettings) -> None:
        save_list_state(self, settings)

    def restore_state(self, settings: QSettings) -> None:
        restore_list_state(self, settings)
