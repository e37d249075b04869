"""The list pages on a demo office: counts, filters in SQL, "mine", sorting by a header click,
the page contract the main window relies on, and layout and filters remembered."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import QSettings, Qt

from liaison.models import ListQuery
from tests.ui.shots import shot
from ui.desk import Desk
from ui.dialogs.case import CaseDialog
from ui.dialogs.inquiry import InquiryDialog
from ui.dialogs.trader import TraderDialog
from ui.dialogs.work import FollowUpDialog
from ui.pages.cases import CasesPage
from ui.pages.followups import FollowUpsPage
from ui.pages.inquiries import InquiriesPage
from ui.pages.traders import TradersPage

CONTRACT = [
    (TradersPage, "Traders", TraderDialog),
    (InquiriesPage, "Inquiries", InquiryDialog),
    (CasesPage, "Cases", CaseDialog),
    (FollowUpsPage, "Follow-ups", FollowUpDialog),
]


def show(qtbot: Any, page: Any, name: str = "") -> Any:
    qtbot.addWidget(page)
    page.resize(1280, 700)
    page.show()
    qtbot.wait(10)
    if name:
        shot(page, f"{name}")
    return page


@pytest.mark.parametrize(("page_class", "title", "dialog_class"), CONTRACT)
def test_every_page_keeps_the_contract(
    qtbot: Any, small_demo_desk: Desk, page_class: Any, title: str, dialog_class: Any
) -> None:
    page = show(qtbot, page_class(small_demo_desk), f"page_{page_class.__name__}")
    assert page.title == title
    assert page.model.total > 0 and page.model.rowCount() > 0
    dialog = page.new_record()
    assert isinstance(dialog, dialog_class) and dialog.isVisible()
    dialog.reject()
    settings = QSettings()
    settings.beginGroup(f"pages/{title}")
    page.save_state(settings)
    page.restore_state(settings)
    settings.endGroup()


def test_the_cases_page_counts_filters_and_sorts_in_sql(qtbot: Any, demo_desk: Desk) -> None:
    office = demo_desk.office
    page = show(qtbot, CasesPage(demo_desk), "cases_page_demo")
    active = office.cases.count(ListQuery(filters={"status": "active"}))
    assert page.model.total == active
    assert page.count_label.text() == f"{active:,} cases"
    page.status.set_value(None)  # "All"
    everything = office.cases.count(ListQuery())
    assert page.model.total == everything >= 1000
    assert page.model.rowCount() == everything  # the scroll bar spans every case
    assert len(page.model.records()) < everything  # but only a few pages are in memory

    page.stage.set_value("DISCHARGED")
    discharged = office.cases.count(ListQuery(filters={"stage": "DISCHARGED"}))
    assert page.model.total == discharged
    assert {page.model.record(r).stage.value for r in range(page.model.rowCount())} == {
        "DISCHARGED"
    }
    page.clear_filters()
    assert page.model.total == active

    mine = page.filter_widgets["mine"]
    mine.setChecked(True)  # type: ignore[attr-defined]
    assigned = office.cases.count(
        ListQuery(filters={"status": "active", "assigned_to": office.actor.id})
    )
    assert page.model.total == assigned
    assert not page.filter_widgets["assigned_to"].isEnabled()
    mine.setChecked(False)  # type: ignore[attr-defined]

    header = page.view.horizontalHeader()
    column = page.model.column_of("container_count")
    header.setSortIndicator(column, Qt.SortOrder.DescendingOrder)  # a click on the header
    assert (page.model.sort_key, page.model.descending) == ("container_count", True)
    top = office.cases.page(
        ListQuery(filters={"status": "active"}, sort="container_count", limit=1)
    )[0]
    assert page.model.record(0).id == top.id
    header.setSortIndicator(page.model.column_of("stage_on") + 0, Qt.SortOrder.AscendingOrder)
    assert page.model.sort_key == "stage_on"
    header.setSortIndicator(page.model.column_of("vessel_name"), Qt.SortOrder.AscendingOrder)
    assert page.model.sort_key == "vessel_name"


def test_a_column_that_cannot_be_sorted_keeps_the_arrow_where_the_order_is(
    qtbot: Any, small_demo_desk: Desk
) -> None:
    page = show(qtbot, TradersPage(small_demo_desk))
    header = page.view.horizontalHeader()
    header.setSortIndicator(page.model.column_of("phone"), Qt.SortOrder.AscendingOrder)
    assert page.model.sort_key == "legal_name"
    assert header.sortIndicatorSection() == page.model.column_of("legal_name")


def test_the_inquiries_page_remembers_its_filters(qtbot: Any, small_demo_desk: Desk) -> None:
    page = show(qtbot, InquiriesPage(small_demo_desk), "inquiries_page_demo")
    page.status.set_value("AWAITING_EXTERNAL")
    page.priority.set_value("urgent")
    page.filter_widgets["received_from"].edit.setText("01/10/2026")  # type: ignore[attr-defined]
    page.filter_widgets["received_from"].edit.editingFinished.emit()  # type: ignore[attr-defined]
    wanted = page.model.total
    settings = QSettings()
    page.save_state(settings)
    again = show(qtbot, InquiriesPage(small_demo_desk))
    again.restore_state(settings)
    assert again.model.filters == page.model.filters
    assert again.model.total == wanted
    assert again.filter_widgets["received_from"].text() == "01/10/2026"  # type: ignore[attr-defined]
