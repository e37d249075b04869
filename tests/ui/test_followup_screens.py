"""Scheduling a follow-up from a record, completing and rescheduling it, and the follow-ups
page (overdue in red, opening a follow-up opens the record it belongs to)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import Qt

from liaison.enums import FollowUpStatus
from liaison.models import CaseDraft, FollowUpDraft, ListQuery
from ui.desk import Desk
from ui.pages.followups import FollowUpsPage
from ui.records import open_record_window
from ui.records.case import CaseWindow
from ui.records.trader import TraderWindow


def test_schedule_a_follow_up_from_a_case(
    qtbot: Any, desk: Desk, trader: Any, answers: Any
) -> None:
    case, _ = desk.office.cases.create(CaseDraft(trader.id, "MAEU123456789"))
    window = open_record_window(desk, "cases", case.id, None)
    qtbot.addWidget(window)
    assert isinstance(window, CaseWindow)
    page = FollowUpsPage(desk)
    qtbot.addWidget(page)
    assert page.model.total == 0

    window.tabs.setCurrentWidget(window.followups)
    dialog = window.followups.schedule()
    qtbot.keyClicks(dialog.title_edit, "Chase KPA for the delivery order")
    dialog.kind.set_value("chase_kpa")
    dialog.due.edit.setText("27/11/2026")  # yesterday
    dialog.save_button.click()
    assert dialog.form.messages() == {"due_on": "A follow-up cannot be due before today."}
    dialog.due.edit.setText("")
    dialog.due.set_today()
    dialog.save_button.click()
    assert not dialog.isVisible()

    saved = desk.office.followups.for_owner(case_id=case.id)
    assert [(f.title, f.due_on) for f in saved] == [
        ("Chase KPA for the delivery order", dt.date(2026, 11, 28))
    ]
    assert window.followups.model.rowCount() == 1
    assert window.tabs.tabText(window.tabs.indexOf(window.followups)) == "Follow-ups (1)"
    assert page.model.total == 1  # the page refreshed too
    assert page.model.index(0, page.model.column_of("owner_ref")).data() == case.ref

    window.followups.view.selectRow(0)
    done = window.followups.complete()
    done.save_button.click()
    assert "outcome" in done.form.messages()
    done.text.setPlainText("DO issued; collected by the agent.")
    done.save_button.click()
    assert desk.office.followups.get(saved[0].id).status is FollowUpStatus.DONE
    assert page.model.total == 0  # the page shows pending ones by default
    window.followups.view.selectRow(0)
    assert not window.followups.done_button.isEnabled()


def test_the_follow_ups_page_opens_the_owner_and_filters_overdue(
    qtbot: Any, desk: Desk, trader: Any, clock: Any, answers: Any
) -> None:
    office = desk.office
    office.followups.create(FollowUpDraft("Call about the TIN", "28/11/2026", trader_id=trader.id))
    late, _ = office.followups.create(FollowUpDraft("Call back", "29/11/2026", trader_id=trader.id))
    clock.advance(days=3)  # now both are overdue … the second by two days
    page = FollowUpsPage(desk)
    qtbot.addWidget(page)
    page.resize(1000, 400)
    page.show()
    assert page.model.total == 2
    overdue = page.filter_widgets["overdue"]
    overdue.setChecked(True)  # type: ignore[attr-defined]
    assert page.model.total == 2
    page.due_from.edit.setText("29/11/2026")  # type: ignore[attr-defined]
    page.due_from.edit.editingFinished.emit()  # type: ignore[attr-defined]
    assert page.model.total == 1
    page.view.selectRow(0)
    assert page.selected_record().id == late.id
    with qtbot.waitSignal(desk.open_record) as opened:
        page.open_selected()
    assert opened.args == ["traders", trader.id]
    due = page.model.index(0, page.model.column_of("due_on"))
    assert due.data(Qt.ItemDataRole.ForegroundRole).name() == "#b71c1c"  # red
    assert office.followups.count(ListQuery(filters={"status": "PENDING"})) == 2


def test_a_follow_up_opens_the_window_of_its_record(qtbot: Any, desk: Desk, trader: Any) -> None:
    followup, _ = desk.office.followups.create(
        FollowUpDraft("Site visit", "30/11/2026", trader_id=trader.id)
    )
    window = open_record_window(desk, "followups", followup.id, None)
    qtbot.addWidget(window)
    assert isinstance(window, TraderWindow) and window.record_id == trader.id
    assert window.tabs.currentWidget() is window.followups
    assert window.followups.selected().id == followup.id


def test_a_pending_follow_up_is_rescheduled_and_cancelled_from_its_record(
    qtbot: Any, desk: Desk, trader: Any, answers: Any
) -> None:
    office = desk.office
    followup, _ = office.followups.create(
        FollowUpDraft("Chase the DO", "30/11/2026", trader_id=trader.id)
    )
    window = open_record_window(desk, "traders", trader.id, None)
    qtbot.addWidget(window)
    panel = window.followups  # type: ignore[attr-defined]
    assert panel.reschedule() is None and panel.cancel() is None  # nothing chosen yet

    panel.view.selectRow(0)
    moved = panel.reschedule()
    assert moved.windowTitle() == "Reschedule — Chase the DO"
    assert moved.due.date() == dt.date(2026, 11, 30)  # starts at the current due date
    moved.due.edit.setText("04/12/2026")
    moved.save_button.click()
    assert not moved.isVisible()
    assert office.followups.get(followup.id).due_on == dt.date(2026, 12, 4)

    panel.view.selectRow(0)
    cancel = panel.cancel()
    assert cancel.windowTitle() == "Cancel — Chase the DO"
    cancel.save_button.click()
    assert cancel.form.messages() == {"reason": "Say why it is no longer needed."}
    cancel.text.setPlainText("The trader collected it himself.")
    cancel.save_button.click()
    closed = office.followups.get(followup.id)
    assert closed.status is FollowUpStatus.CANCELLED
    assert closed.outcome == "The trader collected it himself."
    panel.view.selectRow(0)
    assert panel.complete() is None and panel.reschedule() is None  # no longer pending
