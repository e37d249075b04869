"""Colours that carry meaning in the tables: clocks by urgency, overdue work, voided entries.

Soft backgrounds with dark text, readable on light and dark palettes alike; the worst states get
a strong background with white text so they stand out in a long list.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QColor

from liaison.rules.clocks import Urgency
from ui.models.base import Colours

DARK_TEXT = QColor("#1b1b1b")
URGENCY_COLOURS: dict[Urgency, Colours] = {
    Urgency.SOON: Colours(QColor("#fff3c4"), DARK_TEXT),
    Urgency.LAST_DAY: Colours(QColor("#ffd8a8"), DARK_TEXT),
    Urgency.EXPIRED: Colours(QColor("#f8b4b4"), DARK_TEXT),
    Urgency.AUCTION: Colours(QColor("#8b1a1a"), QColor("#ffffff")),
}
OVERDUE = Colours(None, QColor("#b71c1c"))
DUE_TODAY = Colours(None, QColor("#a35200"))
MUTED = Colours(None, QColor("#8a8a8a"))


def tr(text: str) -> str:
    return QCoreApplication.translate("look", text)


def urgency_colours(urgency: Urgency) -> Colours | None:
    return URGENCY_COLOURS.get(urgency)


def due_colours(due: dt.date | None, today: dt.date, *, pending: bool) -> Colours | None:
    if due is None or not pending:
        return None
    if due < today:
        return OVERDUE
    if due == today:
        return DUE_TODAY
    return None


def days_phrase(until: dt.date, today: dt.date) -> str:
    """'ends today', 'ends in 3 days', 'ended 2 days ago' — for clock tooltips."""
    days = (until - today).days
    if days == 0:
        return tr("today")
    if days == 1:
        return tr("tomorrow")
    if days == -1:
        return tr("yesterday")
    if days > 0:
        return tr("in {n} days").format(n=days)
    return tr("{n} days ago").format(n=-days)
