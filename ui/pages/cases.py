"""The clearance cases list: filtered by status, stage, assignee, "mine" and opening dates,
sorted in SQL, fetched lazily (it must stay quick at 100,000 cases); New opens a case with its
containers."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from liaison.enums import CaseStatus, Entity
from liaison.models import CaseRow
from liaison.rules.stages import STAGES
from ui.desk import Desk
from ui.dialogs.case import CaseDialog, create_case
from ui.models.labels import label
from ui.models.lazy import LazyTableModel
from ui.models.lists import cases_model
from ui.pages.listing import ListPage
from ui.widgets.choices import ValueCombo
from ui.widgets.dates import DateField


def tr(text: str) -> str:
    return QCoreApplication.translate("CasesPage", text)


class CasesPage(ListPage):
    kind = Entity.CASES
    watch = (Entity.CASES, Entity.CONTAINERS, Entity.MILESTONES, Entity.TRADERS)
    flexible = ("trader_name", "vessel_name")
    hidden_columns = ("updated_at",)  # eleven columns do not fit a laptop screen

    def __init__(self, desk: Desk, parent: QWidget | None = None) -> None:
        self.title = tr("Cases")
        super().__init__(desk, parent)

    def make_model(self) -> LazyTableModel:
        return cases_model(self.office.cases, self.name_of, filters=self.filters())

    def build_filters(self) -> None:
        status = ValueCombo()
        items: list[tuple[object, str]] = [("active", tr("Active"))]
        items += [(s.value, label(s)) for s in CaseStatus]
        status.set_items(items, none=tr("All"))
        status.set_value("active")
        status.setToolTip(tr("Active: open or on hold"))
        self.status = self.add_filter("status", tr("Status"), status)
        stage = ValueCombo()
        stages: list[tuple[object, str]] = [("none", tr("No milestone yet"))]
        stages += [(code.value, label(code)) for code, info in STAGES.items() if info.rank]
        stage.set_items(stages, none=tr("Any"))
        self.stage = self.add_filter("stage", tr("Stage"), stage)
        self.add_filter("assigned_to", tr("Assigned to"), self.staff_filter())
        self.add_filter("mine", "", self.mine_filter())
        self.opened_from = self.add_filter(
            "opened_from", tr("Opened from"), DateField(today=self.today())
        )
        self.opened_to = self.add_filter("opened_to", tr("to"), DateField(today=self.today()))

    def filters(self) -> dict[str, object]:
        if "status" not in self.filter_widgets:
            return {"status": "active"}
        assert isinstance(self.opened_from, DateField) and isinstance(self.opened_to, DateField)
        return {
            "status": self.status.text_value(),
            "stage": self.stage.text_value(),
            "assigned_to": self.assigned_filter(),
            "opened_from": self.opened_from.date(),
            "opened_to": self.opened_to.date(),
        }

    def new_text(self) -> str:
        return tr("Open case…")

    def count_text(self, count: int) -> str:
        if count == 1:
            return tr("1 case")
        return tr("{n} cases").format(n=f"{count:,}")

    def empty_text(self) -> str:
        return tr("No case matches these filters.")

    def none_yet_text(self) -> str:
        return tr("No cases yet. Open the first one with “Open case…”.")

    def not_listed_text(self) -> str:
        return tr("That case is not in the list: it does not match the filters.")

    def new_record(self) -> Any:
        if not self.desk.can_edit:
            return None
        dialog = CaseDialog(self.desk, self)
        dialog.submit_with(lambda new: create_case(self.office, new))
        dialog.saved.connect(self._created)
        dialog.open()
        return dialog

    def _created(self, result: Any) -> None:
        """The new case is chosen in the list (wherever its order puts it) and opened."""
        case = result[0]
        self.select_id(case.id)
        self.desk.open_record.emit(Entity.CASES.value, case.id)

    def edit_record(self, record: CaseRow) -> Any:
        case = self.office.cases.get(record.id)
        dialog = CaseDialog(self.desk, self, case=case)
        dialog.submit_with(
            lambda draft: self.office.cases.update(case.id, draft, dialog.record.version),
            reload=lambda: self.office.cases.get(case.id),
        )
        dialog.open()
        return dialog
