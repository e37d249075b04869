"""Global search: a box in the toolbar (Ctrl+K) with results as you type.

Typing is debounced (~150 ms) before ``office.search.search`` runs (it does the matching: a
container or B/L in any spacing, names whatever their accents). Results show in a list under the
box, grouped by kind with each hit's detail line; Up/Down move, Enter or a double-click opens the
record through ``desk.open_record``, Escape closes the list (a second Escape clears the box).

The list is an overlay child of the main window, not a popup window, so the keyboard stays in
the box and nothing fights over focus.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import (
    QCoreApplication,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QPoint,
    QSize,
    Qt,
    QTimer,
    Slot,
)
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFocusEvent,
    QFont,
    QFontMetrics,
    QKeyEvent,
    QPainter,
    QPalette,
)
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from liaison.enums import Entity
from liaison.errors import LiaisonError
from liaison.models import SearchHit
from ui.desk import Desk
from ui.wording import error_text

log = logging.getLogger("liaison.ui.search")

DEBOUNCE_MS = 150
LIMIT_PER_KIND = 8
MAX_QUERY = 200
HIT_ROLE = Qt.ItemDataRole.UserRole


def tr(text: str) -> str:
    return QCoreApplication.translate("SearchBox", text)


def kind_heading(kind: Entity) -> str:
    return {
        Entity.CASES: tr("Cases"),
        Entity.CONTAINERS: tr("Containers"),
        Entity.TRADERS: tr("Traders"),
        Entity.INQUIRIES: tr("Inquiries"),
    }.get(kind, str(kind).capitalize())


class HitDelegate(QStyledItemDelegate):
    """A hit as two lines: the title, and under it the detail in a quieter colour."""

    PAD = 4

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        hit = index.data(HIT_ROLE)
        if not isinstance(hit, SearchHit):
            super().paint(painter, option, index)
            return
        widget = option.widget  # type: ignore[attr-defined]
        style = widget.style() if widget is not None else QApplication.style()
        background = QStyleOptionViewItem(option)
        self.initStyleOption(background, index)
        background.text = ""
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, background, painter, widget)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)  # type: ignore[attr-defined]
        palette = option.palette  # type: ignore[attr-defined]
        rect = option.rect.adjusted(12, self.PAD, -self.PAD, -self.PAD)  # type: ignore[attr-defined]
        title_font = QFont(option.font)  # type: ignore[attr-defined]
        title_font.setBold(True)
        line = QFontMetrics(title_font).height()
        painter.save()
        painter.setFont(title_font)
        painter.setPen(
            palette.color(
                QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
            )
        )
        painter.drawText(
            rect.adjusted(0, 0, 0, -line),
            int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop),
            QFontMetrics(title_font).elidedText(
                hit.title, Qt.TextElideMode.ElideRight, rect.width()
            ),
        )
        painter.setFont(option.font)  # type: ignore[attr-defined]
        quiet = palette.color(QPalette.ColorRole.HighlightedText) if selected else QColor("#5f6368")
        painter.setPen(quiet)
        painter.drawText(
            rect.adjusted(0, line, 0, 0),
            int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop),
            QFontMetrics(option.font).elidedText(  # type: ignore[attr-defined]
                hit.detail, Qt.TextElideMode.ElideRight, rect.width()
            ),
        )
        painter.restore()

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        if not isinstance(index.data(HIT_ROLE), SearchHit):
            return super().sizeHint(option, index)
        metrics = QFontMetrics(option.font)  # type: ignore[attr-defined]
        return QSize(200, metrics.height() * 2 + 2 * self.PAD + 2)


class SearchResults(QListWidget):
    """The overlay list. It never takes the focus: the box keeps the keyboard."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setItemDelegate(HitDelegate(self))
        self.setObjectName("searchResults")
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setFrameShape(QFrame.Shape.Box)
        self.setUniformItemSizes(False)
        self.setWordWrap(False)
        self.setAlternatingRowColors(False)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.hide()

    def hit_rows(self) -> list[int]:
        return [r for r in range(self.count()) if self.item(r).data(HIT_ROLE) is not None]

    def current_hit(self) -> SearchHit | None:
        item = self.currentItem()
        hit = item.data(HIT_ROLE) if item is not None else None
        return hit if isinstance(hit, SearchHit) else None

    def step(self, step: int) -> None:
        rows = self.hit_rows()
        if not rows:
            return
        current = self.currentRow()
        if current not in rows:
            target = rows[0] if step > 0 else rows[-1]
        else:
            index = rows.index(current) + step
            target = rows[max(0, min(len(rows) - 1, index))]
        self.setCurrentRow(target)
        self.scrollToItem(self.item(target))


class SearchBox(QLineEdit):
    def __init__(self, desk: Desk, overlay_parent: QWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.desk = desk
        self.hits: list[SearchHit] = []
        self.last_query = ""
        self.setObjectName("globalSearch")
        self.setPlaceholderText(tr("Search containers, B/L, cases, traders… (Ctrl+K)"))
        self.setToolTip(
            tr(
                "Type a container or B/L number (any spacing), a case or inquiry reference, or a name"
            )
        )
        self.setClearButtonEnabled(True)
        self.setMaxLength(MAX_QUERY)
        self.setMinimumWidth(320)
        self.overlay_parent = overlay_parent
        self.results = SearchResults(overlay_parent)
        self.results.itemDoubleClicked.connect(self._item_double_clicked)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(DEBOUNCE_MS)
        self.timer.timeout.connect(self.run_search)
        self.textChanged.connect(self._text_changed)
        overlay_parent.installEventFilter(self)

    # -- public ---------------------------------------------------------------------------
    @Slot()
    def start(self) -> None:
        """Ctrl+K: focus the box with its text selected, showing earlier results if any."""
        self.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.selectAll()
        if self.hits or (self.text().strip() and self.results.count()):
            self._show_results()

    @Slot()
    def run_search(self) -> None:
        self.timer.stop()
        text = self.text()
        self.last_query = text
        if not text.strip():
            self.hits = []
            self.results.clear()
            self.results.hide()
            return
        try:
            self.hits = self.desk.office.search.search(text, limit_per_kind=LIMIT_PER_KIND)
        except LiaisonError as exc:
            log.warning("Search failed: %s", exc.message)
            self.hits = []
            self._fill([], problem=error_text(exc))
            return
        self._fill(self.hits)

    def open_hit(self, hit: SearchHit) -> None:
        self.results.hide()
        self.desk.open_record.emit(str(hit.kind), int(hit.id))

    # -- filling --------------------------------------------------------------------------
    def _fill(self, hits: list[SearchHit], *, problem: str = "") -> None:
        results = self.results
        results.clear()
        if problem or not hits:
            item = QListWidgetItem(problem or tr("Nothing found for this text."))
            item.setFlags(Qt.ItemFlag.NoItemFlags)
            results.addItem(item)
            self._show_results()
            return
        groups: dict[Entity, list[SearchHit]] = {}
        for hit in hits:
            groups.setdefault(hit.kind, []).append(hit)
        heading_font = QFont(results.font())
        heading_font.setBold(True)
        shade = QBrush(results.palette().color(QPalette.ColorRole.AlternateBase))
        for kind, members in groups.items():
            heading = QListWidgetItem(f"{kind_heading(kind)} ({len(members)})")
            heading.setFlags(Qt.ItemFlag.ItemIsEnabled)
            heading.setFont(heading_font)
            heading.setBackground(shade)
            results.addItem(heading)
            for hit in members:
                item = QListWidgetItem(f"{hit.title} — {hit.detail}" if hit.detail else hit.title)
                item.setData(HIT_ROLE, hit)
                item.setToolTip(f"{hit.title}\n{hit.detail}")
                results.addItem(item)
        first = results.hit_rows()
        if first:
            results.setCurrentRow(first[0])
        self._show_results()

    def _show_results(self) -> None:
        results = self.results
        if not self.isVisible():
            return
        origin = self.mapTo(self.overlay_parent, QPoint(0, self.height()))
        width = max(self.width(), 460)
        left = min(origin.x(), max(0, self.overlay_parent.width() - width - 4))
        rows_height = (
            sum(results.sizeHintForRow(r) for r in range(min(results.count(), 40)))
            + 2 * results.frameWidth()
        )
        room = self.overlay_parent.height() - origin.y() - 8
        results.setGeometry(left, origin.y() + 2, width, max(40, min(rows_height + 4, 440, room)))
        results.show()
        results.raise_()

    # -- events ---------------------------------------------------------------------------
    @Slot(str)
    def _text_changed(self, text: str) -> None:
        if text.strip():
            self.timer.start()
        else:
            self.timer.stop()
            self.hits = []
            self.results.clear()
            self.results.hide()

    @Slot(QListWidgetItem)
    def _item_double_clicked(self, item: QListWidgetItem) -> None:
        hit = item.data(HIT_ROLE)
        if isinstance(hit, SearchHit):
            self.open_hit(hit)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if key in (Qt.Key.Key_Down, Qt.Key.Key_Up, Qt.Key.Key_PageDown, Qt.Key.Key_PageUp):
            if self.timer.isActive():
                self.run_search()
            if not self.results.isVisible() and self.hits:
                self._show_results()
            step = {Qt.Key.Key_Down: 1, Qt.Key.Key_Up: -1, Qt.Key.Key_PageDown: 5}.get(key, -5)
            self.results.step(step)
            return
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            if self.timer.isActive() or self.text() != self.last_query:
                self.run_search()
            hit = self.results.current_hit() or (self.hits[0] if self.hits else None)
            if hit is not None:
                self.open_hit(hit)
            return
        if key == Qt.Key.Key_Escape:
            if self.results.isVisible():
                self.results.hide()
            else:
                self.clear()
            return
        super().keyPressEvent(event)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        if event.reason() != Qt.FocusReason.PopupFocusReason:
            self.results.hide()
        super().focusOutEvent(event)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            watched is self.overlay_parent
            and event.type()
            in (
                QEvent.Type.Resize,
                QEvent.Type.Move,
            )
            and self.results.isVisible()
        ):
            self._show_results()
        return False
