"""A date field written and shown day first (dd/mm/yyyy) that may stay EMPTY.

``QDateEdit`` cannot be empty and starts at 01/01/2000, so an untouched optional date would be
saved as that day. This field is a line edit (what was typed is kept, and handed to the core as
text, so a wrong date is refused with the field named) with a calendar to pick from and a
"Today" shortcut. An untouched field reads as ``""``/``None``.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QCoreApplication, QDate, Qt, Signal
from PySide6.QtWidgets import (
    QCalendarWidget,
    QHBoxLayout,
    QLineEdit,
    QMenu,
    QToolButton,
    QWidget,
    QWidgetAction,
)

from liaison.errors import ValidationError
from liaison.rules.dates import day_first, parse_date


def tr(text: str) -> str:
    return QCoreApplication.translate("dates", text)


class DateField(QWidget):
    """Day-first date entry. ``text()`` is what the user typed; ``date()`` the date it means
    (``None`` when empty or not a date)."""

    changed = Signal()

    def __init__(
        self,
        parent: QWidget | None = None,
        *,
        today: dt.date | None = None,
        value: dt.date | None = None,
    ) -> None:
        super().__init__(parent)
        self._today = today
        self.edit = QLineEdit()
        self.edit.setPlaceholderText(tr("dd/mm/yyyy"))
        self.edit.setMaxLength(20)
        self.edit.setClearButtonEnabled(True)
        self.edit.setToolTip(tr("Day first, e.g. 28/11/2026. Leave empty if not known."))
        width = self.edit.fontMetrics().horizontalAdvance("00/00/00000") + 48
        self.edit.setMinimumWidth(width)
        self.edit.textEdited.connect(lambda _text: self.changed.emit())
        self.edit.editingFinished.connect(self._tidy)

        self.pick = QToolButton()
        self.pick.setText(tr("Pick…"))
        self.pick.setToolTip(tr("Choose the date on a calendar"))
        self.pick.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        # The menu arrow is drawn over the text ("Pick…" looked clipped); the "…" says enough.
        self.pick.setStyleSheet("QToolButton::menu-indicator { image: none; width: 0px; }")
        self.today_button = QToolButton()
        self.today_button.setText(tr("Today"))
        self.today_button.clicked.connect(self.set_today)

        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.edit, 1)
        layout.addWidget(self.pick)
        layout.addWidget(self.today_button)
        self.setFocusProxy(self.edit)

        # Made only once the field's own widgets are in place: a calendar menu made before them
        # split the focus chain, and Tab then went round the three forever.
        self.calendar = QCalendarWidget()
        self.calendar.setGridVisible(True)
        self.calendar.setFirstDayOfWeek(Qt.DayOfWeek.Monday)
        self.calendar.clicked.connect(self._picked)
        self.calendar.activated.connect(self._picked)
        menu = QMenu(self)
        holder = QWidgetAction(menu)
        holder.setDefaultWidget(self.calendar)
        menu.addAction(holder)
        menu.aboutToShow.connect(self._prepare_calendar)
        self.menu = menu
        self.pick.setMenu(menu)
        if value is not None:
            self.set_date(value)

    # -- values ---------------------------------------------------------------------------------
    def text(self) -> str:
        return self.edit.text().strip()

    def date(self) -> dt.date | None:
        try:
            return parse_date(self.text(), "date")
        except ValidationError:
            return None

    def is_empty(self) -> bool:
        return not self.text()

    def is_valid(self) -> bool:
        return self.is_empty() or self.date() is not None

    def set_date(self, value: dt.date | None) -> None:
        self.edit.setText(day_first(value) if value else "")
        self.changed.emit()

    def set_today(self) -> None:
        self.set_date(self._today or dt.date.today())

    def setReadOnly(self, read_only: bool) -> None:
        self.edit.setReadOnly(read_only)
        self.pick.setEnabled(not read_only)
        self.today_button.setEnabled(not read_only)

    # -- behaviour ------------------------------------------------------------------------------
    def _tidy(self) -> None:
        """Once typing ends, show a recognised date the one way the office writes it."""
        value = self.date()
        if value is not None and self.edit.text() != day_first(value):
            self.edit.setText(day_first(value))
            self.changed.emit()

    def _prepare_calendar(self) -> None:
        value = self.date() or self._today or dt.date.today()
        self.calendar.setSelectedDate(QDate(value.year, value.month, value.day))

    def _picked(self, picked: QDate) -> None:
        self.set_date(dt.date(picked.year(), picked.month(), picked.day()))
        self.menu.hide()
