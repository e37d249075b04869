"""The follow-ups list: who must call or chase whom, by when. Filtered by status, assignee,
"mine", overdue and due dates; overdue ones show in red, those due today in amber. Opening a
follow-up opens the record it belongs to."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QCheckBox, QWidget

from liaison.enums import Entity, FollowUpStatus
from liaison.models import FollowUpRow
from ui.desk import Desk
from ui.dialogs.work import FollowUpDialog
from ui.models.lazy import LazyTableModel
from ui.models.lists import followups_model
from ui.pages.listing import ListPage
from ui.widgets.choices import EnumCombo
from ui.widgets.dates import DateField


def tr(text: str) -> str:
    return QCoreApplication.translate("FollowUpsPage", text)


def owner_of(row: FollowUpRow) -> tuple[str, int]:
    """The record a follow-up belongs to, as (kind, id) for ``desk.open_record``."""
    if row.case_id is not None:
        return Entity.CASES.value, row.case_id
    if row.inquiry_id is not None:
        return Entity.INQUIRIES.value, row.inquiry_id
    assert row.trader_id is not None
    return Entity.TRADERS.value, row.trader_id


class FollowUpsPage(ListPage):
    kind = Entity.FOLLOWUPS
    watch = (Entity.FOLLOWUPS, Entity.TRADERS, Entity.INQUIRIES, Entity.CASES)
    flexible = ("title", "owner_name")

    def __init__(self, desk: Desk, parent: QWidget | None = None) -> None:
        self.title = tr("Follow-ups")
        super().__init__(desk, parent)

    def make_model(self) -> LazyTableModel:
        return followups_model(
            self.office.followups, self.name_of, self.today, filters=self.filters()
        )

    def build_filters(self) -> None:
        status = EnumCombo(FollowUpStatus, none=tr("All"), value=FollowUpStatus.PENDING)
        self.status = self.add_filter("status", tr("Status"), status)
        self.add_filter("assigned_to", tr("Assigned to"), self.staff_filter())
        self.add_filter("mine", "", self.mine_filter())
        overdue = QCheckBox(tr("Overdue"))
        overdue.setToolTip(tr("Pending follow-ups whose day has passed"))
        self.add_filter("overdue", "", overdue)
        self.due_from = self.add_filter("due_from", tr("Due from"), DateField(today=self.today()))
        self.due_to = self.add_filter("due_to", tr("to"), DateField(today=self.today()))

    def filters(self) -> dict[str, object]:
        if "status" not in self.filter_widgets:
            return {"status": FollowUpStatus.PENDING.value}
        overdue = self.filter_widgets["overdue"]
        assert isinstance(overdue, QCheckBox)
        assert isinstance(self.due_from, DateField) and isinstance(self.due_to, DateField)
        due_to = self.due_to.date()
        status = self.status.text_value()
        if overdue.isChecked():
            yesterday = self.today() - dt.timedelta(days=1)
            due_to = min(due_to, yesterday) if due_to else yesterday
            status = FollowUpStatus.PENDING.value
        return {
            "status": status,
            "assigned_to": self.assigned_filter(),
            "due_from": self.due_from.date(),
            "due_to": due_to,
        }

    def new_text(self) -> str:
        return tr("New follow-up…")

    def count_text(self, count: int) -> str:
        if count == 1:
            return tr("1 follow-up")
        return tr("{n} follow-ups").format(n=f"{count:,}")

    def empty_text(self) -> str:
        return tr("No follow-up matches these filters.")

    def none_yet_text(self) -> str:
        return tr("No follow-ups yet. Schedule them from a trader, an inquiry or a case.")

    def not_listed_text(self) -> str:
        return tr("That follow-up is not in the list: it does not match the filters.")

    def open_record(self, record: Any) -> None:
        kind, record_id = owner_of(record)
        self.desk.open_record.emit(kind, record_id)

    def new_record(self) -> Any:
        if not self.desk.can_edit:
            return None
        dialog = FollowUpDialog(self.desk, self, {})
        dialog.submit_with(self.office.followups.create)
        dialog.saved.connect(lambda result: self.select_id(result[0].id))
        dialog.open()
        return dialog

    def edit_record(self, record: FollowUpRow) -> Any:
        followup = self.office.followups.get(record.id)
        if followup.status is not FollowUpStatus.PENDING:
            return None
        dialog = FollowUpDialog(self.desk, self, {}, followup=followup)
        dialog.submit_with(
            lambda draft: self.office.followups.update(followup.id, draft, dialog.record.version),
            reload=lambda: self.office.followups.get(followup.id),
        )
        dialog.open()
        return dialog
