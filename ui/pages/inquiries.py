"""The inquiries list: what traders asked, filtered by status, category, priority, assignee,
"mine", overdue and receipt dates; New logs an inquiry."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QCheckBox, QWidget

from liaison.clock import KIGALI
from liaison.enums import Category, Entity, InquiryStatus, Priority
from liaison.models import InquiryRow
from ui.desk import Desk
from ui.dialogs.inquiry import InquiryDialog
from ui.models.labels import label
from ui.models.lazy import LazyTableModel
from ui.models.lists import inquiries_model
from ui.pages.listing import ListPage
from ui.widgets.choices import EnumCombo, ValueCombo
from ui.widgets.dates import DateField


def tr(text: str) -> str:
    return QCoreApplication.translate("InquiriesPage", text)


def status_filter() -> ValueCombo:
    combo = ValueCombo()
    items: list[tuple[object, str]] = [("active", tr("Active"))]
    items += [(s.value, label(s)) for s in InquiryStatus]
    combo.set_items(items, none=tr("All"))
    combo.set_value("active")
    combo.setToolTip(tr("Active: not yet resolved"))
    return combo


class InquiriesPage(ListPage):
    kind = Entity.INQUIRIES
    watch = (Entity.INQUIRIES, Entity.TRADERS)
    flexible = ("subject", "trader_name")

    def __init__(self, desk: Desk, parent: QWidget | None = None) -> None:
        self.title = tr("Inquiries")
        super().__init__(desk, parent)

    def make_model(self) -> LazyTableModel:
        return inquiries_model(
            self.office.inquiries, self.name_of, self.today, filters=self.filters()
        )

    def build_filters(self) -> None:
        self.status = self.add_filter("status", tr("Status"), status_filter())
        self.category = self.add_filter(
            "category", tr("Category"), EnumCombo(Category, none=tr("Any"))
        )
        self.priority = self.add_filter(
            "priority", tr("Priority"), EnumCombo(Priority, none=tr("Any"))
        )
        self.add_filter("assigned_to", tr("Assigned to"), self.staff_filter())
        self.add_filter("mine", "", self.mine_filter())
        overdue = QCheckBox(tr("Overdue"))
        overdue.setToolTip(tr("New or open inquiries past their answer date"))
        self.add_filter("overdue", "", overdue)
        self.add_filter("received_from", tr("Received from"), DateField(today=self.today()))
        self.add_filter("received_to", tr("to"), DateField(today=self.today()))

    def filters(self) -> dict[str, object]:
        w = self.filter_widgets
        if "status" not in w:
            return {"status": "active"}
        overdue = w["overdue"]
        received_to = w["received_to"]
        received_from = w["received_from"]
        assert isinstance(overdue, QCheckBox)
        assert isinstance(received_to, DateField) and isinstance(received_from, DateField)
        start = received_from.date()
        return {
            "status": self.status.text_value(),
            "category": self.category.text_value(),
            "priority": self.priority.text_value(),
            "assigned_to": self.assigned_filter(),
            "overdue_on": self.today() if overdue.isChecked() else None,
            # received_at is a UTC stamp: from the start of that day in Kigali (UTC+2)
            "received_from": _kigali_day_start(start) if start else None,
            "received_to": received_to.date(),
        }

    def new_text(self) -> str:
        return tr("Log inquiry…")

    def count_text(self, count: int) -> str:
        if count == 1:
            return tr("1 inquiry")
        return tr("{n} inquiries").format(n=f"{count:,}")

    def empty_text(self) -> str:
        return tr("No inquiry matches these filters.")

    def none_yet_text(self) -> str:
        return tr("No inquiries yet. Log the first one with “Log inquiry…”.")

    def not_listed_text(self) -> str:
        return tr("That inquiry is not in the list: it does not match the filters.")

    def new_record(self) -> Any:
        if not self.desk.can_edit:
            return None
        dialog = InquiryDialog(self.desk, self)
        dialog.submit_with(self.office.inquiries.create)
        dialog.saved.connect(self._created)
        dialog.open()
        return dialog

    def _created(self, result: Any) -> None:
        """The new inquiry is chosen in the list (wherever its order puts it) and opened."""
        inquiry = result[0]
        self.select_id(inquiry.id)
        self.desk.open_record.emit(Entity.INQUIRIES.value, inquiry.id)

    def edit_record(self, record: InquiryRow) -> Any:
        inquiry = self.office.inquiries.get(record.id)
        dialog = InquiryDialog(self.desk, self, inquiry=inquiry)
        dialog.submit_with(
            lambda draft: self.office.inquiries.update(inquiry.id, draft, dialog.record.version),
            reload=lambda: self.office.inquiries.get(inquiry.id),
        )
        dialog.open()
        return dialog


def _kigali_day_start(day: dt.date) -> str:
    start = dt.datetime.combine(day, dt.time(0, 0), tzinfo=KIGALI)
    return start.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
