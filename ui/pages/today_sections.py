"""Today's sections: how each part of the agenda reads (columns, wording of the days, colours
by urgency) and the small table widget that shows one section with its count."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from operator import attrgetter

from PySide6.QtCore import QCoreApplication, QModelIndex, Qt, Signal, Slot
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from liaison.models import AgendaItem
from liaison.rules.clocks import Urgency
from liaison.rules.identifiers import format_container
from ui.models.base import LEFT, RIGHT, Colours, Column, date_text
from ui.models.look import DUE_TODAY, OVERDUE, urgency_colours
from ui.models.small import RecordListModel
from ui.widgets.tables import content_widths

VISIBLE_ROWS = 8
RESIZE_ROWS = 30


def tr(text: str) -> str:
    return QCoreApplication.translate("TodayPage", text)


# -- how each section reads (each plural form a literal, so translators see both) --------
def late_text(item: AgendaItem) -> str:
    n = item.days
    if n > 0:
        return (tr("{n} day late") if n == 1 else tr("{n} days late")).format(n=n)
    if n == 0:
        return tr("today")
    return (tr("{n} day left") if n == -1 else tr("{n} days left")).format(n=-n)


def storage_text(item: AgendaItem) -> str:
    n = item.days
    if n > 0:
        return (tr("ended {n} day ago") if n == 1 else tr("ended {n} days ago")).format(n=n)
    if n == 0:
        return tr("last free day")
    return (tr("{n} day left") if n == -1 else tr("{n} days left")).format(n=-n)


def auction_text(item: AgendaItem) -> str:
    n = item.days
    if n == 0:
        return tr("reached today")
    return (tr("{n} day past") if n == 1 else tr("{n} days past")).format(n=n)


Look = Callable[[AgendaItem], Colours | None] | None  # a cell's colours by the item, if any


def lateness(item: AgendaItem) -> Colours | None:
    if item.days > 0:
        return OVERDUE
    return DUE_TODAY if item.days == 0 else None


def storage_look(item: AgendaItem) -> Colours | None:
    if item.days > 0:
        return urgency_colours(Urgency.EXPIRED)
    return urgency_colours(Urgency.LAST_DAY if item.days == 0 else Urgency.SOON)


def auction_look(item: AgendaItem) -> Colours | None:
    return urgency_colours(Urgency.AUCTION)


def _col(
    key: str,
    title: str,
    text: Callable[[AgendaItem], str],
    look: Look = None,
    *,
    right: bool = False,
) -> Column:
    return Column(key, title, text, colours=look, align=RIGHT if right else LEFT)


def _field(key: str, title: str, look: Look = None) -> Column:
    """The item's own field ``key``, as it is."""
    return _col(key, title, attrgetter(key), look)


def _clock(due: str, days: str, text: Callable[[AgendaItem], str], look: Look) -> list[Column]:
    """The day a section's clock runs to and how far off it is (``text``), both coloured."""
    return [
        _col("due", due, lambda i: date_text(i.due), look),
        _col("days", days, text, look, right=True),
    ]


def _box(look: Look) -> list[Column]:
    """A container (coloured by its clock), its trader, its case and B/L."""
    box = _col("ref", tr("Container"), lambda i: format_container(i.ref), look)
    return [box, _field("title", tr("Trader")), _field("detail", tr("Case · B/L"))]


@dataclass(frozen=True)
class SectionSpec:
    key: str  # the Agenda field
    title: str
    empty: str
    columns: list[Column]


def section_specs() -> list[SectionSpec]:
    return [
        SectionSpec(
            "overdue_followups",
            tr("Overdue follow-ups"),
            tr("No follow-up is overdue."),
            [
                *_clock(tr("Due"), tr("Late"), late_text, lateness),
                _field("title", tr("Follow-up")),
                _field("ref", tr("For")),
                _field("detail", tr("Trader")),
            ],
        ),
        SectionSpec(
            "due_today_followups",
            tr("Follow-ups due today"),
            tr("Nothing is due today."),
            [
                _field("title", tr("Follow-up"), lateness),
                _field("ref", tr("For")),
                _field("detail", tr("Trader")),
            ],
        ),
        SectionSpec(
            "unanswered_inquiries",
            tr("New inquiries not yet answered"),
            tr("Every new inquiry has had an answer."),
            [
                _field("ref", tr("Inquiry")),
                _field("title", tr("Subject")),
                _field("detail", tr("Trader")),
                *_clock(tr("Answer by"), tr("Time"), late_text, lateness),
            ],
        ),
        SectionSpec(
            "overdue_referrals",
            tr("Waiting on external parties past their response date"),
            tr("No external party is late in answering."),
            [
                _field("title", tr("Referred to")),
                _field("ref", tr("For")),
                _field("detail", tr("Trader · their reference")),
                *_clock(tr("Answer was due"), tr("Late"), late_text, lateness),
            ],
        ),
        SectionSpec(
            "storage_expiring",
            tr("Free storage ending or ended"),
            tr("No container's free storage ends soon."),
            [
                *_box(storage_look),
                *_clock(tr("Free until"), tr("Clock"), storage_text, storage_look),
            ],
        ),
        SectionSpec(
            "auction_risk",
            tr("Past the 21-day auction threshold"),
            tr("No uncollected container has reached the auction threshold."),
            [*_box(auction_look), *_clock(tr("Threshold"), tr("Past"), auction_text, auction_look)],
        ),
    ]


class AgendaSection(QFrame):
    """A heading with a count, and a small table (or a quiet line when there is nothing)."""

    opened = Signal(object)  # AgendaItem

    def __init__(self, spec: SectionSpec, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.spec = spec
        self.setObjectName(f"section_{spec.key}")
        self.heading = QLabel()
        self.heading.setTextFormat(Qt.TextFormat.PlainText)
        font = self.heading.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.1)
        self.heading.setFont(font)
        self.empty = QLabel(spec.empty)
        self.empty.setTextFormat(Qt.TextFormat.PlainText)
        self.empty.setProperty("role", "note")
        self.empty.setStyleSheet("color: #5f6368;")
        self.model = RecordListModel(spec.columns, parent=self)
        self._sized = False
        self.view = QTableView()
        self.view.setObjectName(f"table_{spec.key}")
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.verticalHeader().hide()
        self.view.setWordWrap(False)
        self.view.setTabKeyNavigation(False)
        header = self.view.horizontalHeader()
        header.setStretchLastSection(True)
        header.setResizeContentsPrecision(RESIZE_ROWS)  # measure a few rows, not all 200
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.view.activated.connect(self._activated)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 6)
        layout.addWidget(self.heading)
        layout.addWidget(self.empty)
        layout.addWidget(self.view)
        self._show(0)

    def set_items(self, items: list[AgendaItem]) -> None:
        if items == self.model.records():
            return  # a periodic reload that found nothing new: leave the table (and selection)
        self.model.set_records(items)
        self._show(len(items))

    def _show(self, count: int) -> None:
        self.heading.setText(f"{self.spec.title} ({count})" if count else self.spec.title)
        self.empty.setVisible(not count)
        self.view.setVisible(bool(count))
        if count:
            if not self._sized:  # once: later the person's own column widths stay
                self._fit_columns()
                self._sized = True
            rows = min(count, VISIBLE_ROWS)
            height = (
                self.view.horizontalHeader().height()
                + sum(self.view.rowHeight(r) for r in range(rows))
                + 2 * self.view.frameWidth()
                + (self.view.horizontalScrollBar().sizeHint().height() if count else 0)
            )
            self.view.setFixedHeight(height)

    def _fit_columns(self) -> None:
        """Columns as wide as their first rows' text (measuring the text: asking the view for
        its size hints cost Today a tenth of a second on a big office)."""
        rows = self.model.records()[:RESIZE_ROWS]
        texts = [[column.text(row) for row in rows] for column in self.model.columns]
        header = self.view.horizontalHeader()
        for column, width in enumerate(content_widths(self.view, texts)):
            header.resizeSection(column, width)

    @Slot(QModelIndex)
    def _activated(self, index: QModelIndex) -> None:
        item = self.model.record(index.row())
        if item is not None:
            self.opened.emit(item)
