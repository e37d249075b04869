"""What every record window shares: its own top-level window (geometry remembered per kind), a
header of facts shown as plain text, a row of actions (disabled for viewers), tabs, and a
reload driven by ``desk.data_changed`` that touches only the parts the Changes name.

``TablePanel`` is the tab used for a record's small lists: buttons above a table over a
``RecordListModel``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QByteArray, QCoreApplication, QModelIndex, QSettings, Qt
from PySide6.QtGui import QCloseEvent, QFont, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from liaison.clock import today
from liaison.enums import Entity
from liaison.errors import LiaisonError
from liaison.models import Changes
from ui import prompts
from ui.desk import Desk
from ui.dialogs.base import DraftDialog
from ui.models.base import Column, RecordRole
from ui.models.small import RecordListModel
from ui.screen import resize_to_fit
from ui.widgets.tables import make_table, widen_columns
from ui.wording import error_text


def tr(text: str) -> str:
    return QCoreApplication.translate("RecordWindow", text)


def touches(changes: Changes, entity: Entity, record_id: int | None = None) -> bool:
    """Whether ``changes`` may concern this record: the entity is named and, when the Changes
    list the ids they touched for that entity, ours is among them."""
    if not changes.touches(entity):
        return False
    if record_id is None:
        return True
    named = [rid for kind, rid in changes.ids if kind == entity]
    return not named or record_id in named


def plain_label(text: str = "", *, selectable: bool = True, wrap: bool = False) -> QLabel:
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)
    if selectable:
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.setWordWrap(wrap)
    return label


class Facts(QWidget):
    """A two-column list of facts (caption: value), values shown as plain text."""

    def __init__(self, parent: QWidget | None = None, *, margin: int = 0) -> None:
        super().__init__(parent)
        self.grid = QFormLayout(self)
        self.grid.setContentsMargins(margin, margin, margin, margin)
        self.grid.setHorizontalSpacing(12)
        self.grid.setVerticalSpacing(4)
        self.values: dict[str, QLabel] = {}

    def set(self, key: str, caption: str, value: str) -> QLabel:
        label = self.values.get(key)
        if label is None:
            label = plain_label(wrap=True)
            caption_label = plain_label(caption, selectable=False)
            caption_label.setProperty("role", "note")
            self.grid.addRow(caption_label, label)
            self.values[key] = label
        label.setText(value or "—")
        return label

    def text(self, key: str) -> str:
        return self.values[key].text()


class TablePanel(QWidget):
    """Buttons over a small table. ``activated`` is called with the record on Enter or a
    double-click."""

    def __init__(
        self,
        columns: list[Column],
        *,
        activated: Callable[[Any], None] | None = None,
        empty: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.model = RecordListModel(columns, parent=self)
        self.view = make_table(self)
        self.view.setModel(self.model)
        # Rows come in their natural order (timeline, newest note first…); a click on a header
        # sorts them in memory.
        self.view.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.view.setSortingEnabled(True)
        # The last column (a note, a remark…) takes the room left: cut short beside empty
        # space, a note could not be read without opening it.
        self.view.horizontalHeader().setStretchLastSection(True)
        self.buttons = QHBoxLayout()
        self.buttons.setSpacing(6)
        self.empty = plain_label(empty, selectable=False)
        self.empty.setProperty("role", "note")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout = QVBoxLayout(self)
        layout.addLayout(self.buttons)
        layout.addWidget(self.empty)
        layout.addWidget(self.view, 1)
        self._activated = activated
        self.view.activated.connect(self._activate)
        self.view.selectionModel().currentRowChanged.connect(lambda *_: self.selection_changed())

    def add_button(
        self, text: str, slot: Callable[[], Any], *, editing: bool = True
    ) -> QPushButton:
        button = QPushButton(text)
        button.clicked.connect(lambda _checked=False: slot())
        button.setProperty("editing", editing)
        self.buttons.addWidget(button)
        return button

    def finish_buttons(self) -> None:
        self.buttons.addStretch(1)

    def set_records(self, records: Sequence[Any]) -> None:
        keep = self.selected()
        self.model.set_records(records)
        self.empty.setVisible(not records and bool(self.empty.text()))
        if records:
            widen_columns(self.view)
        if keep is not None:
            self.select_id(getattr(keep, "id", -1))
        self.selection_changed()

    def selected(self) -> Any:
        index = self.view.currentIndex()
        return index.data(RecordRole) if index.isValid() else None

    def select_id(self, record_id: int) -> bool:
        row = self.model.row_of(record_id)
        if row < 0:
            return False
        self.view.selectRow(row)
        return True

    def selection_changed(self) -> None:
        """Subclasses enable or disable their buttons here."""

    def _activate(self, index: QModelIndex) -> None:
        record = index.data(RecordRole)
        if record is not None and self._activated is not None:
            self._activated(record)


class RecordWindow(QWidget):
    """Subclasses set ``kind``, build their header, actions and tabs, and implement
    ``load()`` (read the record and fill everything) and ``on_changes``."""

    kind: Entity = Entity.TRADERS
    default_size = (960, 680)

    def __init__(self, desk: Desk, record_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.desk = desk
        self.office = desk.office
        self.record_id = record_id
        self.title_label = plain_label()
        font = QFont(self.title_label.font())
        font.setPointSizeF(font.pointSizeF() * 1.5)
        font.setBold(True)
        self.title_label.setFont(font)
        self.subtitle_label = plain_label(wrap=True)
        self.header = Facts()
        self.actions = QHBoxLayout()
        self.actions.setSpacing(6)
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.title_row = QHBoxLayout()
        self.title_row.addWidget(self.title_label, 1)
        top = QVBoxLayout()
        top.addLayout(self.title_row)
        top.addWidget(self.subtitle_label)
        top.addWidget(self.header)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(self.actions)
        layout.addWidget(self.tabs, 1)
        self.edit_buttons: list[QPushButton] = []
        # Every binding of Close (Ctrl+W and Ctrl+F4): QKeySequence(Close) would hold only the
        # platform's first one.
        QShortcut(QKeySequence.StandardKey.Close, self, self.close)
        # Escape closes a record window too, as it does a dialog: it holds nothing typed.
        QShortcut(QKeySequence(Qt.Key.Key_Escape), self, self.close)
        self.desk.data_changed.connect(self._data_changed)
        resize_to_fit(self, *self.default_size)
        self._restore_geometry()

    # -- for subclasses -------------------------------------------------------------------------
    def load(self) -> None:
        raise NotImplementedError

    def on_changes(self, changes: Changes) -> None:
        raise NotImplementedError

    def select(self, kind: str, record_id: int) -> None:
        """Bring a part of the record forward: a follow-up or a referral (and, on a case, one
        of its containers)."""
        panel = getattr(self, kind, None) if kind in ("followups", "referrals") else None
        if isinstance(panel, TablePanel):
            self.tabs.setCurrentWidget(panel)
            panel.select_id(record_id)

    # -- helpers --------------------------------------------------------------------------------
    def today(self) -> Any:
        return today(self.office.clock)

    def add_action(
        self, text: str, slot: Callable[[], Any], *, editing: bool = True
    ) -> QPushButton:
        button = QPushButton(text)
        button.clicked.connect(lambda _checked=False: slot())
        self.actions.addWidget(button)
        if editing:
            self.edit_buttons.append(button)
            button.setEnabled(self.desk.can_edit)
        return button

    def add_show_in_list(self) -> QPushButton:
        """Show in List (Ctrl+L): the main window brings this kind's list forward with this
        record chosen in it, wherever it stands in the current order."""
        button = QPushButton(tr("Show in List"))
        button.setFlat(True)  # beside the title: a way to go, not an action on the record
        button.clicked.connect(lambda _checked=False: self.show_in_list())
        button.setToolTip(tr("Choose this record in its list in the main window (Ctrl+L)"))
        self.title_row.addWidget(button, 0, Qt.AlignmentFlag.AlignTop)
        QShortcut(QKeySequence(Qt.Modifier.CTRL | Qt.Key.Key_L), self, self.show_in_list)
        return button

    def show_in_list(self) -> None:
        self.desk.show_in_list.emit(self.kind.value, self.record_id)

    def add_tab(self, widget: QWidget, title: str) -> int:
        return self.tabs.addTab(widget, title)

    def set_tab_count(self, widget: QWidget, title: str, count: int) -> None:
        index = self.tabs.indexOf(widget)
        if index >= 0:
            self.tabs.setTabText(index, f"{title} ({count})" if count else title)

    def open_other(self, kind: Entity, record_id: int | None) -> None:
        if record_id is not None:
            self.desk.open_record.emit(kind.value, record_id)

    # -- Qt -------------------------------------------------------------------------------------
    def _data_changed(self, changes: Changes) -> None:
        try:
            self.on_changes(changes)
        except LiaisonError as exc:  # e.g. the database became unreadable meanwhile
            self.subtitle_label.setText(error_text(exc))

    def _settings_key(self) -> str:
        return f"records/{self.kind.value}/geometry"

    def _restore_geometry(self) -> None:
        geometry = QSettings().value(self._settings_key(), QByteArray(), type=QByteArray)
        if isinstance(geometry, QByteArray) and not geometry.isEmpty():
            self.restoreGeometry(geometry)

    def closeEvent(self, event: QCloseEvent) -> None:
        # A dialog still open on this record goes with it: ask before its typing is lost.
        for dialog in self.findChildren(DraftDialog):
            if dialog.isVisible() and dialog.is_dirty() and not prompts.ask_discard(dialog):
                event.ignore()
                return
        QSettings().setValue(self._settings_key(), self.saveGeometry())
        super().closeEvent(event)
