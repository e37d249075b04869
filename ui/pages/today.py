"""Today: the office's agenda (``office.agenda.today()``) as small tables, most pressing first.

Sections: overdue and due-today follow-ups, new inquiries nobody has answered, referrals past
their response date, containers whose free storage ends within the warning window, containers
past the 21-day auction threshold. Each shows its count and is coloured by urgency; Enter or a
double-click opens the record. "Mine only" keeps the work assigned to the signed-in person (and
unassigned work). The page reloads when data changes, every few minutes and just after midnight.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import (
    QCoreApplication,
    QDate,
    QLocale,
    QSettings,
    Qt,
    QTimer,
    Signal,
    Slot,
)
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from liaison.clock import KIGALI
from liaison.clock import today as office_today
from liaison.enums import Entity
from liaison.errors import LiaisonError
from liaison.models import Agenda, AgendaItem, Changes
from ui.desk import Desk
from ui.pages.today_sections import AgendaSection, section_specs
from ui.wording import error_text

REFRESH_MS = 5 * 60 * 1000
WATCHED = (
    Entity.FOLLOWUPS,
    Entity.INQUIRIES,
    Entity.REFERRALS,
    Entity.CASES,
    Entity.CONTAINERS,
    Entity.MILESTONES,
    Entity.TRADERS,
    Entity.SETTINGS,
    Entity.TARIFFS,
    Entity.PARTIES,
    Entity.BACKUPS,
)


def tr(text: str) -> str:
    return QCoreApplication.translate("TodayPage", text)


class TodayPage(QWidget):
    count_changed = Signal(int)
    creates_records = False  # File › New has nothing to make here

    def __init__(self, desk: Desk, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.desk = desk
        self.title = tr("Today")
        self.agenda: Agenda | None = None
        self._stale = True
        self.setObjectName("todayPage")

        self.date_label = QLabel()
        self.date_label.setTextFormat(Qt.TextFormat.PlainText)
        font = self.date_label.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        self.date_label.setFont(font)
        self.mine = QCheckBox(tr("&Mine only"))
        self.mine.setToolTip(tr("Only work assigned to you, and work not assigned to anyone"))
        self.mine.toggled.connect(self.refresh)
        self.refresh_button = QPushButton(tr("Refresh"))
        self.refresh_button.clicked.connect(self.refresh)
        self.updated = QLabel()
        self.updated.setTextFormat(Qt.TextFormat.PlainText)
        self.updated.setStyleSheet("color: #5f6368;")
        top = QHBoxLayout()
        top.addWidget(self.date_label)
        top.addStretch(1)
        top.addWidget(self.updated)
        top.addWidget(self.mine)
        top.addWidget(self.refresh_button)

        self.warnings = QLabel()
        self.warnings.setObjectName("todayWarnings")
        self.warnings.setTextFormat(Qt.TextFormat.PlainText)
        self.warnings.setWordWrap(True)
        self.warnings.setStyleSheet(
            "QLabel#todayWarnings { background: #fff3c4; color: #1b1b1b; padding: 6px;"
            " border: 1px solid #e0b800; border-radius: 3px; }"
        )
        self.warnings.hide()
        self.all_clear = QLabel(tr("Nothing needs attention today."))
        self.all_clear.setTextFormat(Qt.TextFormat.PlainText)
        self.all_clear.hide()

        self.sections: dict[str, AgendaSection] = {}
        body = QWidget()
        column = QVBoxLayout(body)
        column.addWidget(self.all_clear)
        for spec in section_specs():
            section = AgendaSection(spec)
            section.opened.connect(self.open_item)
            self.sections[spec.key] = section
            column.addWidget(section)
        column.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(body)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.warnings)
        layout.addWidget(scroll, 1)

        self.timer = QTimer(self)
        self.timer.setInterval(REFRESH_MS)
        self.timer.timeout.connect(self._tick)
        self.timer.start()
        self.midnight = QTimer(self)
        self.midnight.setSingleShot(True)
        self.midnight.timeout.connect(self._tick)
        desk.data_changed.connect(self._data_changed)
        # Loaded soon even if another page is in front, so the navigation shows the count.
        QTimer.singleShot(0, self, self._load_if_stale)

    # -- the page contract ----------------------------------------------------------------
    @Slot()
    def new_record(self) -> None:
        """Today makes nothing itself; the other pages do."""

    def restore_state(self, settings: QSettings) -> None:
        self.mine.setChecked(settings.value("mineOnly", False, type=bool))

    def save_state(self, settings: QSettings) -> None:
        settings.setValue("mineOnly", self.mine.isChecked())

    # -- loading --------------------------------------------------------------------------
    @Slot()
    def refresh(self) -> None:
        office = self.desk.office
        staff_id = office.actor.id if self.mine.isChecked() else None
        try:
            agenda = office.agenda.today(staff_id=staff_id)
        except LiaisonError as exc:  # e.g. busy: say so here, try again on the next tick
            self.warnings.setText(
                tr("Today could not be loaded: {reason}").format(reason=error_text(exc))
            )
            self.warnings.show()
            return
        self.agenda = agenda
        self._stale = False
        day = agenda.today
        self.date_label.setText(
            QLocale().toString(QDate(day.year, day.month, day.day), QLocale.FormatType.LongFormat)
        )
        now = office.clock.now().astimezone(KIGALI)
        self.updated.setText(tr("Updated {time}").format(time=now.strftime("%H:%M")))
        total = 0
        for key, section in self.sections.items():
            items: list[AgendaItem] = getattr(agenda, key)
            section.set_items(items)
            total += len(items)
        self.all_clear.setVisible(total == 0)
        self.warnings.setText("\n".join(agenda.warnings))
        self.warnings.setVisible(bool(agenda.warnings))
        self.count_changed.emit(total)
        self._plan_midnight()

    def total(self) -> int:
        return sum(section.model.rowCount() for section in self.sections.values())

    @Slot(object)
    def open_item(self, item: AgendaItem) -> None:
        self.desk.open_record.emit(str(item.kind), int(item.record_id))

    # -- when to reload -------------------------------------------------------------------
    def _plan_midnight(self) -> None:
        now = self.desk.office.clock.now().astimezone(KIGALI)
        tomorrow = dt.datetime.combine(
            now.date() + dt.timedelta(days=1), dt.time(0, 0, 5), tzinfo=KIGALI
        )
        self.midnight.start(int(min((tomorrow - now).total_seconds() * 1000, 2**31 - 1)))

    @Slot()
    def _tick(self) -> None:
        # Cheap (six capped, indexed queries), and the navigation shows Today's count even
        # while another page is in front, so it reloads whether visible or not.
        self.refresh()

    @Slot(object)
    def _data_changed(self, changes: Changes) -> None:
        if changes.touches(*WATCHED):
            self._tick()

    @Slot()
    def _load_if_stale(self) -> None:
        if self._stale:
            self.refresh()

    def is_out_of_date(self) -> bool:
        agenda = self.agenda
        return agenda is None or agenda.today != office_today(self.desk.office.clock)

    def showEvent(self, event: QShowEvent) -> None:
        if self._stale or self.is_out_of_date():
            self.refresh()
        super().showEvent(event)
